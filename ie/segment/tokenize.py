"""jieba tokens with character offsets, from a tokenizer this module owns.

Each :class:`Segmenter` creates its own ``jieba.Tokenizer`` (never the module-level ``jieba.dt``)
and loads the report vocabulary of ``ie/resources/userdict.txt`` into it, so other users of jieba
in the same process are not affected. jieba's own logger is quietened at import; the global
logging configuration is left alone (only ``ie.cli`` configures logging).

jieba cuts across spans we care about ("群众反映/舆情", "860/余件"), so extractors use tokens as
features (where a verb starts, where a noun phrase ends), never as span boundaries.
"""
from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

import jieba

from ie.errors import ResourceError
from ie.resources import resource_path

logging.getLogger("jieba").setLevel(logging.WARNING)
jieba.setLogLevel(logging.WARNING)

Token = tuple  # (word, start, end)


class Segmenter:
    """Owns a ``jieba.Tokenizer`` with the report user dictionary loaded.

    ``userdict``: path of a jieba user dictionary (``word [freq] [tag]`` per line); default
    ``ie/resources/userdict.txt``. Raises :class:`ie.errors.ResourceError` for a missing file or
    a malformed line.

    >>> Segmenter().tokenize("主动公开政府信息7221条")[:2]
    [('主动公开', 0, 4), ('政府信息', 4, 8)]
    """

    def __init__(self, userdict: Optional[Union[str, Path]] = None) -> None:
        self.userdict = Path(userdict) if userdict is not None else resource_path("userdict.txt")
        self._words = _read_userdict(self.userdict)
        self._tokenizer: Optional[jieba.Tokenizer] = None
        self._lock = threading.Lock()

    @property
    def tokenizer(self) -> "jieba.Tokenizer":
        """The owned jieba tokenizer, initialised (dictionary loaded) on first use."""
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    tk = jieba.Tokenizer()
                    tk.initialize()
                    for word, freq, tag in self._words:
                        tk.add_word(word, freq, tag)
                    self._tokenizer = tk
        return self._tokenizer

    def tokenize(self, text: str) -> list:
        """``[(word, start, end), ...]`` covering ``text``; offsets are ``str`` indices.

        Empty text gives ``[]``; non-str input raises TypeError.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        if not text:
            return []
        return [(w, s, e) for w, s, e in self.tokenizer.tokenize(text, HMM=True)]

    def cut(self, text: str) -> list:
        """Just the words of :meth:`tokenize`."""
        return [w for w, _, _ in self.tokenize(text)]


def _read_userdict(path: Path) -> list:
    words = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ResourceError(str(path), "file", str(path), "does not exist") from None
    for lineno, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) > 3 or (len(parts) >= 2 and not parts[1].isdigit()):
            raise ResourceError(str(path), f"line {lineno}", line, "expected 'word [freq] [tag]'")
        freq = int(parts[1]) if len(parts) >= 2 else None
        tag = parts[2] if len(parts) == 3 else None
        words.append((parts[0], freq, tag))
    return words


@lru_cache(maxsize=1)
def default_segmenter() -> Segmenter:
    """A shared :class:`Segmenter` with the bundled user dictionary (built once)."""
    return Segmenter()


def tokenize(text: str) -> list:
    """``[(word, start, end), ...]`` with the default segmenter.

    >>> tokenize("接处群众反映舆情76件")[0]
    ('接处', 0, 2)
    """
    return default_segmenter().tokenize(text)
