"""Sentence and clause splitting with offsets (punctuation from ``ie/resources/narrative.yaml``).

Works on normalised text (half-width punctuation); offsets are valid in the original text too,
because normalisation preserves length.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ie.errors import ResourceError
from ie.resources import load_resource, resource_path


@lru_cache(maxsize=1)
def _enders() -> tuple:
    data = (load_resource("narrative.yaml") or {}).get("punctuation") or {}
    sent, clause = data.get("sentence"), data.get("clause")
    if not isinstance(sent, str) or not isinstance(clause, str) or not sent or not clause:
        raise ResourceError(str(resource_path("narrative.yaml")), "punctuation", data,
                            "needs non-empty 'sentence' and 'clause' strings")
    return re.compile("[" + re.escape(sent) + "]+|\n\\s*\n|\n"), frozenset(sent) | frozenset(clause)


def split_sentences(text: str) -> list:
    """``[(start, end), ...]`` of sentences: split after 。！？；, line breaks; blank ones dropped.

    >>> s = "收到申请76件。办结率100%！"
    >>> [s[a:b] for a, b in split_sentences(s)]
    ['收到申请76件。', '办结率100%！']
    """
    pattern, _ = _enders()
    spans, start = [], 0
    for m in pattern.finditer(text):
        end = m.end() if not m.group().startswith("\n") else m.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def is_clause_boundary(ch: str) -> bool:
    """True for punctuation that ends a clause (，；。 ... and the line break)."""
    return ch == "\n" or ch in _enders()[1]
