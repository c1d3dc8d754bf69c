"""Length-preserving normalisation: one output character per input character.

Because the normalised text has exactly the length of the original, every offset found in it
is also an offset into the original text: ``text[start:end]`` is the span as the author wrote it
(full-width digits, traditional characters and all). This is the offset map, made trivial.

What is folded:
* full-width ASCII (``７６``, ``（``, ``：``) to half-width, the ideographic space and NBSP to a space;
* a few look-alike punctuation marks (``﹙``, ``〔`` stay; ``－`` becomes ``-``);
* traditional characters to simplified ones, character by character, from the data file
  ``ie/resources/t2s_chars.tsv`` (multi-character phrase conversions are deliberately not used,
  since they could change the length).
"""
from __future__ import annotations

from functools import lru_cache

from ie.resources import resource_path

_EXTRA = {
    "\u3000": " ",  # ideographic space
    "\u00a0": " ",  # no-break space
    "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200b": " ", "\ufeff": " ",
    "\t": " ",
    "\u2014": "\u2014",  # em dash stays (—— is a meaningful cell value)
    "\u2212": "-",  # minus sign
    "\u2013": "-",
    "\uff5e": "~",
    "\u3001": "\u3001",  # 、 stays
    "\u2027": "\u00b7",
}


# CJK Unified Ideographs: the block Chinese words are written in (bounds, not a lexicon).
CJK_RANGE = ("\u4e00", "\u9fff")


def is_cjk(ch: str) -> bool:
    """True for one character of the CJK Unified Ideographs block.

    >>> is_cjk("申"), is_cjk("7"), is_cjk("，")
    (True, False, False)
    """
    return CJK_RANGE[0] <= ch <= CJK_RANGE[1]


@lru_cache(maxsize=1)
def _table() -> dict:
    table: dict = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[code] = chr(code - 0xFEE0)
    for k, v in _EXTRA.items():
        table[ord(k)] = v
    path = resource_path("t2s_chars.tsv")
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            trad, simp = line.split("\t")
            if len(trad) != 1 or len(simp) != 1:
                from ie.errors import ResourceError

                raise ResourceError(str(path), f"line {lineno}", line, "both columns must be one character")
            table.setdefault(ord(trad), simp)
    return table


def normalize(text: str) -> str:
    """Fold width, spaces and traditional characters; the result has ``len(text)`` characters.

    >>> normalize("收到申請７６件（含）")
    '收到申请76件(含)'
    """
    out = text.translate(_table())
    if len(out) != len(text):  # a mapping produced more than one character: never allowed
        raise AssertionError("normalisation changed the text length")
    return out


def is_traditional(text: str, threshold: float = 0.02) -> bool:
    """True when a noticeable share of the CJK characters are traditional-only forms."""
    table = _table()
    cjk = [ch for ch in text if is_cjk(ch)]
    if not cjk:
        return False
    trad = sum(1 for ch in cjk if ord(ch) in table and table[ord(ch)] != ch)
    return trad / len(cjk) >= threshold
