"""Statistics-table cell values: one small API shared by every table parser.

``parse_cell_value(raw) -> (value, unit, status)`` reads one cell's text:

* ``status`` is ``"number"`` (a value was read), ``"empty"`` (blank cell), ``"null"`` (a
  placeholder meaning "no value": "/", "-", "——", "—", "无" …; the list is data in
  ``ie/resources/table_layout.yaml``) or ``"invalid"`` (text that is not a number);
* ``value`` is an ``int`` or an exact ``Decimal`` (never a float), None unless status is "number".
  Blank and placeholder cells are None, never 0;
* ``unit`` is a unit written inside the cell ("251000元" -> "元", "35万元" -> "万元"; keys of
  ``units.yaml``), else None. The number is kept as written in that unit (35万元 -> 35, "万元").
  A bare 万/亿 scale without a unit is applied ("1.2万" -> 12000).

Signs are read ("-8" -> -8); whether a negative is legal is the schema's ``signed`` flag, for the
caller to judge. Thousands separators ("1,234,567") and full-width digits are accepted.

``cell_span(text, start, end)`` trims whitespace from a span so that ``text[start:end]`` is the
cell's raw text, the convention every :class:`ie.records.Cell` follows.

>>> parse_cell_value("7221")
(7221, None, 'number')
>>> parse_cell_value("35万元")
(35, '万元', 'number')
>>> parse_cell_value("——"), parse_cell_value(" ")
((None, None, 'null'), (None, None, 'empty'))
>>> parse_cell_value("１，２３４")
(1234, None, 'number')
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Optional, Tuple

from ie.numbers import scale_words
from ie.records import Number, to_number
from ie.resources import load_resource
from ie.segment.normalize import normalize

STATUSES = ("number", "empty", "null", "invalid")


@lru_cache(maxsize=1)
def layout() -> dict:
    """The parsed ``table_layout.yaml`` (read-only)."""
    return load_resource("table_layout.yaml")


@lru_cache(maxsize=1)
def null_markers() -> frozenset:
    return frozenset(normalize(m) for m in layout()["null_markers"])


@lru_cache(maxsize=1)
def units() -> tuple:
    """Unit keys of units.yaml, longest first (so 万元 wins over 元)."""
    return tuple(sorted((load_resource("units.yaml") or {}).get("units", {}), key=len, reverse=True))


_NUMBER_RE = re.compile(r"^([+-]?)\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(.*?)$")


def _split_unit(suffix: str) -> Tuple[Optional[str], int, bool]:
    """(unit, scale, ok) for the text after a number."""
    s = suffix.strip().strip("()").strip()
    if not s:
        return None, 1, True
    if s in units():
        return s, 1, True
    scales = scale_words()
    if s[0] in scales:
        rest = s[1:].strip()
        if not rest:
            return None, scales[s[0]], True
        if rest in units():
            return rest, scales[s[0]], True
    return None, 1, False


def parse_cell_value(raw: str) -> Tuple[Optional[Number], Optional[str], str]:
    """Read one cell: ``(value, unit, status)``, see the module docstring. Never raises on content.

    >>> parse_cell_value("-8"), parse_cell_value("/"), parse_cell_value("251000元")
    ((-8, None, 'number'), (None, None, 'null'), (251000, '元', 'number'))
    >>> parse_cell_value("95.4%"), parse_cell_value("约30")
    ((Decimal('95.4'), '%', 'number'), (None, None, 'invalid'))
    """
    if not isinstance(raw, str):
        raise TypeError(f"raw must be a str, got {type(raw).__name__}")
    return parse_folded_value(normalize(raw))


def parse_folded_value(s: str) -> Tuple[Optional[Number], Optional[str], str]:
    """:func:`parse_cell_value` for text that is already normalised (the parsers' ``norm``)."""
    s = s.strip()
    if not s:
        return None, None, "empty"
    if s in null_markers() or s.replace(" ", "") in null_markers():
        return None, None, "null"
    m = _NUMBER_RE.match(s)
    if not m:
        return None, None, "invalid"
    sign, digits, frac, suffix = m.groups()
    unit, scale, ok = _split_unit(suffix)
    if not ok:
        return None, None, "invalid"
    try:
        number = Decimal(digits.replace(",", "") + (frac or ""))
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        return None, None, "invalid"
    if sign == "-":
        number = -number
    return to_number(number * scale), unit, "number"


def is_unit(raw: str) -> bool:
    """True when the cell holds only a unit ("件", "万元", "人次").

    >>> is_unit("人次"), is_unit("人次数")
    (True, False)
    """
    s = normalize(raw).strip().strip("()").strip()
    return s in units()


_BREAK_RE = re.compile(r"\r\n|\r|\n")


def line_spans(text: str) -> list:
    r"""``(start, end)`` of every line of ``text`` (breaks excluded; ``\r\n``, ``\r`` and ``\n`` all break).

    >>> line_spans("a\r\nbc\n")
    [(0, 1), (3, 5), (6, 6)]
    """
    out, start = [], 0
    for m in _BREAK_RE.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def cell_span(text: str, start: int, end: int) -> Tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding whitespace (ASCII and full-width).

    >>> t = "a |  35万元 |"
    >>> s, e = cell_span(t, 3, 10); t[s:e]
    '35万元'
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
