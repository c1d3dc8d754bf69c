"""Numbers and quantities in report prose: ``"1200余条" -> Quantity(1200, "条", approx=True)``.

Reads Arabic digits (half or full width: the text is normalised first), thousands separators,
decimals, Chinese numerals (三次, 一千二百, 两万两, 近千次), 万/亿 scaling (1.9亿元 -> 190000000 元),
approximation markers before or after the number (约, 近, 超过 ... 余, 多 ... 以上, 左右, 以下),
``%`` and 百分点 (different units), and ranges before one measure word (3至5次, 2-3期, 三到五场):
one quantity whose span covers both numbers, valued at the **lower bound** with ``approx=True``
(connectors in ``numerals.yaml`` ``range_connectors``; a range whose upper number is a date,
ordinal or the like, or whose bounds do not rise, is no quantity). Number words live in ``ie/resources/numerals.yaml``, measure
words in ``units.yaml`` and the things that only look like numbers (dates, document numbers,
phone numbers, ordinals, slogans, indefinite 一 ...) in ``non_quantities.yaml``.

Public API:

* :func:`parse_number` -- a written number (Arabic or Chinese) to ``int``/``Decimal``;
* :func:`parse_quantity` -- one quantity expression to a :class:`Quantity`;
* :func:`find_quantities` -- every quantity in a normalised text, with offsets.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Optional, Sequence

from ie.errors import ResourceError
from ie.records import Number, to_number
from ie.resources import load_resource, resource_path, str_list
from ie.segment.normalize import normalize


@dataclass(frozen=True)
class Quantity:
    """A parsed quantity: ``value`` with 万/亿 applied, ``unit`` as written (money in 元),
    ``approx`` when marked inexact, ``kind`` from the unit (count, money, percent, percent_point,
    other)."""

    value: Number
    unit: str
    approx: bool
    kind: str
    text: str


@dataclass(frozen=True)
class QuantityMatch:
    """A quantity found in a text: ``text[start:end]`` is the whole expression, ``num_start``/
    ``num_end`` the written number, ``unit_start``/``unit_end`` the measure word (equal when none).
    ``bare`` is true for a number with no unit found in a counting context (关注人数3290)."""

    start: int
    end: int
    text: str
    value: Number
    unit: str
    approx: bool
    kind: str
    num_start: int
    num_end: int
    unit_start: int
    unit_end: int
    chinese: bool = False
    bare: bool = False

    @property
    def quantity(self) -> Quantity:
        return Quantity(self.value, self.unit, self.approx, self.kind, self.text)


# --------------------------------------------------------------------------- lexicon

@dataclass(frozen=True)
class _Lexicon:
    digits: dict
    multipliers: dict
    scales: dict
    arabic_scales: dict
    bare_leading: frozenset
    prefixes: tuple
    infixes: tuple
    suffixes: tuple
    percent_signs: tuple
    percent_words: tuple
    decimal_point: str
    point_units: tuple
    units: dict  # written unit -> (kind, scale, base)
    blocked: tuple  # compiled patterns
    blocked_re: re.Pattern  # all of them, as one zero-width scan
    unit_words: dict  # first character -> words
    glued_before: tuple
    one_counted_units: frozenset
    quantity_re: re.Pattern
    range_connectors: tuple = ()
    prefix_word_heads: Optional[dict] = None  # prefix -> characters that make it the end of a word
    lone_capitals: frozenset = frozenset()


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _str_map(data: dict, key: str, file: str) -> dict:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise ResourceError(file, key, value, "must be a non-empty mapping")
    for k, v in value.items():
        if not isinstance(k, str) or isinstance(v, bool) or not isinstance(v, int):
            raise ResourceError(file, f"{key}.{k}", v, "must map a string to an integer")
    return value


def _load_units() -> dict:
    file = str(resource_path("units.yaml"))
    units = {}
    for name, spec in (load_resource("units.yaml") or {}).get("units", {}).items():
        name = str(name)
        if not isinstance(spec, dict) or spec.get("kind") not in ("count", "money", "percent", "percent_point",
                                                                   "other"):
            raise ResourceError(file, f"units.{name}", spec, "needs a kind of count|money|percent|percent_point|other")
        units[name] = (spec["kind"], int(spec.get("scale", 1)), spec.get("base", name))
    return units


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    file = str(resource_path("numerals.yaml"))
    num = load_resource("numerals.yaml") or {}
    digits = _str_map(num, "digits", file)
    multipliers = _str_map(num, "multipliers", file)
    scales = _str_map(num, "scales", file)
    arabic_scales = _str_map(num, "arabic_scales", file)
    prefixes = str_list(num, "approx_prefixes", file)
    infixes = str_list(num, "approx_infixes", file)
    suffixes = str_list(num, "approx_suffixes", file)
    percent_signs = str_list(num, "percent_signs", file)
    percent_words = str_list(num, "percent_words", file)
    decimal_point = num.get("decimal_point")
    if not isinstance(decimal_point, str) or len(decimal_point) != 1:
        raise ResourceError(file, "decimal_point", decimal_point, "must be one character")
    point_units = str_list(num, "point_units", file)
    bare_leading = frozenset(str_list(num, "bare_leading_multipliers", file))
    units = _load_units()
    for sign in percent_signs:
        units.setdefault(sign, ("percent", 1, "%"))
    for pu in point_units:
        units[pu] = ("percent_point", 1, point_units[-1])

    nq_file = str(resource_path("non_quantities.yaml"))
    nq = load_resource("non_quantities.yaml") or {}
    cn_chars = "".join(sorted(set(digits) | set(multipliers) | set(scales)))
    unit_alt = _alt(units)
    subst = {"{D}": "[0-9]", "{CN}": f"[{cn_chars}]", "{N}": f"[0-9{cn_chars}]", "{U}": f"(?:{unit_alt})"}
    blocked = []
    groups = nq.get("blocked")
    if not isinstance(groups, dict):
        raise ResourceError(nq_file, "blocked", groups, "must map group names to lists of patterns")
    for group, patterns in groups.items():
        if not isinstance(patterns, list):
            raise ResourceError(nq_file, f"blocked.{group}", patterns, "must be a list of patterns")
        for pat in patterns:
            src = str(pat)
            for k, v in subst.items():
                src = src.replace(k, v)
            try:
                blocked.append(re.compile(src))
            except re.error as exc:
                raise ResourceError(nq_file, f"blocked.{group}", pat, f"is not a valid pattern: {exc}") from None
    unit_words: dict = {}
    for w in str_list(nq, "unit_words", nq_file):
        unit_words.setdefault(w[0], []).append(w)
    glued = str_list(nq, "glued_before", nq_file)
    one = nq.get("indefinite_one") or {}
    one_units = frozenset(str_list(one, "counted_units", nq_file))

    ranges = str_list(num, "range_connectors", file)
    # an explicit sign (本年增减-3项) is kept only right before the digits, after no digit,
    # letter or other sign (2-3期 is a range, 2019-03 a date)
    sign = r"(?P<sign>(?<![0-9A-Za-z.\-_/@+])[-+](?=[0-9]))?"
    arabic = r"(?(sign)|(?<![0-9A-Za-z.\-_/@]))[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?"
    # Two digit runs split by a line break (hard-wrapped PDF text) are one number when the second
    # run is followed by a measure word: "72\n21条".
    split = r"(?<![0-9A-Za-z.\-_/@])[0-9]+[ \t]*\r?\n[ \t]*[0-9]+(?=[ \t]*(?:[" + "".join(
        sorted(set(arabic_scales))) + r"]|" + unit_alt + "))"
    chinese = f"[{cn_chars}]+(?:{re.escape(decimal_point)}[{''.join(digits)}]+)?"
    sc = "".join(sorted(set(arabic_scales)))
    # a scale character that starts 百分点 / 百分之 is no scale there ("2百分点")
    not_scale = "|".join(re.escape(w[1:]) for w in point_units + percent_words if w[0] in arabic_scales)
    sc_guard = f"(?!{not_scale})" if not_scale else ""
    quantity_re = re.compile(
        rf"(?P<pre>{_alt(prefixes)})?[ \t]*(?P<pct>{_alt(percent_words)})?{sign}"
        rf"(?:(?P<split>{split})"
        rf"|(?P<ar>{arabic})(?:[ \t]*(?:{_alt(ranges)})[ \t]*(?P<rar>[0-9]+(?:\.[0-9]+)?))?"
        rf"|(?P<cn>{chinese})(?:[ \t]*(?:{_alt(ranges)})[ \t]*(?P<rcn>[{cn_chars}]+))?)"
        rf"(?P<sc>[ \t]*[{sc}]{{1,2}}{sc_guard})?"
        rf"(?P<inf>{_alt(infixes)})?"
        rf"(?P<sc2>[{sc}]{{1,2}}{sc_guard})?"
        rf"(?P<unit>[ \t]{{0,2}}(?:\r?\n[ \t]*)?(?:{unit_alt}))?"
        rf"(?P<alt>\((?:{unit_alt})\))?"
        rf"(?P<suf>{_alt(suffixes)})?"
    )
    heads = num.get("approx_prefix_word_heads") or {}
    if not isinstance(heads, dict) or any(p not in prefixes for p in heads):
        raise ResourceError(file, "approx_prefix_word_heads", heads, "must map approx_prefixes to characters")
    word_heads = {p: frozenset(str_list(heads, p, file)) for p in heads}
    lone_capitals = frozenset(str_list(num, "lone_capital_digits_not_numbers", file))
    return _Lexicon(digits, multipliers, scales, arabic_scales, bare_leading, prefixes, infixes, suffixes,
                    percent_signs, percent_words, decimal_point, point_units, units, tuple(blocked),
                    re.compile("(?=(" + "|".join(f"(?:{p.pattern})" for p in blocked) + "))"), unit_words, glued, one_units, quantity_re,
                    ranges, word_heads, lone_capitals)


# --------------------------------------------------------------------------- numbers

def scale_words() -> dict:
    """The scale characters of ``numerals.yaml`` and their multipliers (read-only).

    >>> scale_words()["亿"]
    100000000
    """
    return _lexicon().scales


def _chinese_value(s: str, lex: _Lexicon, allow_bare_leading: bool) -> Optional[int]:
    """Value of a Chinese numeral, or None when it is not a well-formed one."""
    if not s:
        return None
    if s[0] not in lex.digits and not (s[0] in lex.bare_leading or allow_bare_leading):
        return None
    if all(ch in lex.digits for ch in s):  # positional: 二〇一七, or a single digit
        if len(s) > 1 and not s.startswith(tuple(k for k, v in lex.digits.items() if v)):
            return None
        val = 0
        for ch in s:
            val = val * 10 + lex.digits[ch]
        return val
    total, section, pending, last_unit, zero_seen = 0, 0, None, 1, False
    for ch in s:
        if ch in lex.digits:
            if pending is not None and lex.digits[ch] != 0:
                return None  # two digits in a row inside a structured numeral
            if lex.digits[ch] == 0:
                zero_seen = True
                pending = None
                continue
            pending = lex.digits[ch]
        elif ch in lex.multipliers:
            m = lex.multipliers[ch]
            if m >= last_unit and section:  # 十百: out of order
                return None
            section += (1 if pending is None else pending) * m
            pending, last_unit, zero_seen = None, m, False
        elif ch in lex.scales:
            sc = lex.scales[ch]
            chunk = section + (pending or 0)
            if chunk == 0:
                chunk = 0 if total else 1
            if total and total < sc:  # 五万亿: the smaller scale already applied
                total = (total + chunk) * sc
            else:
                total += chunk * sc
            section, pending, last_unit, zero_seen = 0, None, sc, False
        else:
            return None
    if pending is not None:
        if last_unit >= 100 and not zero_seen:  # colloquial 三千五, 两万两
            pending = pending * last_unit // 10
        section += pending
    return total + section


def parse_number(written: str) -> Optional[Number]:
    """A written number to ``int`` (or exact ``Decimal``), 万/亿 applied; None when unreadable.

    >>> parse_number("一千二百"), parse_number("1.9亿"), parse_number("７,４３５"), parse_number("两万两")
    (1200, 190000000, 7435, 22000)
    """
    lex = _lexicon()
    s = normalize(written).strip().replace(",", "")
    s = re.sub(r"\s+", "", s)
    if not s:
        return None
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)([" + "".join(lex.arabic_scales) + r"]*)", s)
    if m:
        try:
            value = Decimal(m.group(1))
        except InvalidOperation:
            return None
        for ch in m.group(2):
            value *= lex.arabic_scales[ch]
        return to_number(value)
    if len(s) == 1 and s in lex.scales:
        return None  # 万 alone is a word, not a number
    return _chinese_value(s, lex, allow_bare_leading=True)


# --------------------------------------------------------------------------- scanning

def _blocked_spans(s: str, lex: _Lexicon) -> list:
    """Sorted spans of every non-quantity pattern match (one pass: a lookahead at each position
    tries the patterns in order, so matches may overlap)."""
    return [(m.start(), m.end(1)) for m in lex.blocked_re.finditer(s) if m.end(1) > m.start()]


def non_quantity_spans(norm: str) -> list:
    """Sorted ``(start, end)`` spans of ``norm`` that ``non_quantities.yaml`` says are no quantity
    (dates, document numbers, phone numbers, hotlines...): what another reader of the text, such as
    the model, should not count either.

    >>> t = "依托12345政务服务热线，全年发布信息12368条"
    >>> [t[a:b] for a, b in non_quantity_spans(t)]
    ['12345']
    """
    return _blocked_spans(norm, _lexicon())


def _overlaps(spans: list, start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (end, end))
    for a, b in reversed(spans[max(0, i - 64):i]):
        if a < end and start < b:
            return True
    return False


_CLAUSE_END = frozenset("，,。；;：:！!？?\n)）")


def _build(s: str, m: re.Match, lex: _Lexicon, blocked: list) -> Optional[QuantityMatch]:
    if not (m.group("unit") or m.group("sc") or m.group("sc2") or m.group("pct")):
        return None  # no measure word, scale or 百分之: a bare number (see find_quantities)
    pre, suf = m.group("pre"), m.group("suf")
    if pre and m.start("pre") > 0 and s[m.start("pre") - 1] in (lex.prefix_word_heads or {}).get(pre, ()):
        pre = None  # 签约62台: the 约 belongs to the word before
    if m.group("split"):
        ns, ne = m.span("split")
        digits = re.sub(r"\s+", "", m.group("split"))
        chinese = False
    elif m.group("ar"):
        ns, ne = m.span("ar")
        digits = m.group("ar").replace(",", "")
        chinese = False
    else:
        ns, ne = m.span("cn")
        digits = m.group("cn")
        chinese = True
    upper = m.group("rar") or m.group("rcn")
    if upper:
        # a range (3至5次): one quantity over both numbers, valued at its lower bound, approx
        if not m.group("unit") or (chinese and _chinese_value(upper, lex, True) is None):
            return None
        if _overlaps(blocked, ns, m.end("rar") if m.group("rar") else m.end("rcn")):
            return None
        upper_end = m.end("rar") if m.group("rar") else m.end("rcn")
        if chinese:
            lower_value = _chinese_value(digits, lex, True)
            upper_value = _chinese_value(upper, lex, True)
        else:
            lower_value, upper_value = Decimal(digits), Decimal(upper)
        if lower_value is None or upper_value is None or not lower_value < upper_value:
            return None
        ne = upper_end
    unit_text = (m.group("unit") or "").strip()
    us, ue = (m.end("unit") - len(unit_text), m.end("unit")) if unit_text else (ne, ne)
    end = m.end()
    alt = m.group("alt")
    # A measure word that begins a longer ordinary word (条例, 名单, 起草) is no measure word.
    if unit_text:
        if not alt and any(s.startswith(w, us) for w in lex.unit_words.get(unit_text[0], ())):
            unit_text, us, ue, suf, end = "", ne, ne, None, ne
            for g in ("sc", "inf", "sc2"):
                if m.group(g):
                    end = m.end(g)
    scale_chars = re.sub(r"\s", "", (m.group("sc") or "") + (m.group("sc2") or ""))
    if chinese:
        # 万/亿 are part of the numeral itself; an Arabic-style scale after it is not.
        if scale_chars:
            digits = digits + scale_chars
        fraction = ""
        if lex.decimal_point in digits:  # 九十五点五: only as a percentage (百分之…)
            if not m.group("pct"):
                return None
            digits, fraction = digits.split(lex.decimal_point, 1)
        value = _chinese_value(digits, lex, allow_bare_leading=bool(pre or m.group("inf") or m.group("pct")))
        if value is None:
            return None
        if fraction:
            value = Decimal(f"{value}." + "".join(str(lex.digits[ch]) for ch in fraction))
        if (ns > 0 and not m.group("pct") and lex.digits.get(digits[0]) == 1
                and any(s.endswith(g, 0, ns) for g in lex.glued_before)):  # 统一, 唯一, 单一
            return None
        if not unit_text and not m.group("pct"):
            return None  # 一是, 三公, 四不: a Chinese numeral counts only with its measure word
        if len(digits) == 1 and digits in lex.lone_capitals and not (pre or m.group("pct")):
            return None  # 陆家嘴: a lone capital digit is part of a name
        if digits == next((k for k, v in lex.digits.items() if v == 1), None) and not (pre or suf or m.group("inf") or upper):
            after = s[m.end():m.end() + 1]
            if unit_text not in lex.one_counted_units and after not in _CLAUSE_END:
                return None  # indefinite article: 一项重要工作, 一批; but 举办培训一期。 ends a clause: a count
        num = Decimal(value)
    else:
        try:
            num = Decimal(digits)
        except InvalidOperation:
            return None
        for ch in scale_chars:
            num *= lex.arabic_scales[ch]
        nxt = s[end] if end < len(s) else ""
        if not unit_text and nxt.isascii() and nxt.isalpha():
            return None
    if _overlaps(blocked, ns, ne):
        return None
    if m.group("pct"):
        if unit_text:
            return None  # 百分之 already names the unit
        unit_text, (us, ue) = lex.percent_signs[0], m.span("pct")
    start = m.start("pre") if pre else (m.start("pct") if m.group("pct") else ns)
    if m.group("sign"):
        if m.group("pct") or upper:
            return None  # 百分之-3, -2-3: no reading
        start = min(start, m.start("sign"))
    kind, uscale, unit = lex.units.get(unit_text, ("count", 1, unit_text)) if unit_text else ("count", 1, "")
    if alt and unit_text + alt[1:-1] in lex.units:
        # 12万人(次): the bracketed word completes the unit when together they are one (人次)
        kind, uscale, unit = lex.units[unit_text + alt[1:-1]]
    num *= uscale
    num = Decimal(num)
    if m.group("sign") == "-":
        num = -num
    if not unit_text and not scale_chars:
        return None  # a bare number is a quantity only in a counting context (see find_quantities)
    approx = bool(pre or m.group("inf") or suf or upper)
    text = s[start:end]
    return QuantityMatch(start, end, text, to_number(num), unit, approx, kind, ns, ne, us, ue, chinese=chinese)


def parse_quantity(written: str) -> Optional[Quantity]:
    """One quantity expression to a :class:`Quantity`, or None when it is not one.

    >>> parse_quantity("1200余条")
    Quantity(value=1200, unit='条', approx=True, kind='count', text='1200余条')
    >>> parse_quantity("1.9亿元").value, parse_quantity("12万人(次)").unit
    (190000000, '人次')
    """
    s = written.strip()
    norm = normalize(s)
    lex = _lexicon()
    m = lex.quantity_re.match(norm)
    if m is None or m.end() != len(norm):
        return None
    q = _build(norm, m, lex, [])
    if q is None:
        return None
    return Quantity(q.value, q.unit, q.approx, q.kind, s)


def find_quantities(norm: str, *, bare_contexts: Sequence = ()) -> list:
    """Every quantity in a normalised text, in order, as :class:`QuantityMatch` (offsets into ``norm``).

    Numbers that are dates, document numbers, phone numbers, ordinals, slogans and the like
    (``non_quantities.yaml``) are left out. ``bare_contexts`` are compiled patterns whose group
    ``num`` marks bare numbers (no measure word) that are quantities in their context.

    >>> [(q.text, q.value, q.unit) for q in find_quantities("2017年收到申请76件，办结率达95.4%。")]
    [('76件', 76, '件'), ('95.4%', Decimal('95.4'), '%')]
    """
    lex = _lexicon()
    blocked = _blocked_spans(norm, lex)
    out = []
    taken = []
    for m in lex.quantity_re.finditer(norm):
        q = _build(norm, m, lex, blocked)
        if q is not None:
            out.append(q)
            taken.append((q.start, q.end))
    taken.sort()
    for pattern in bare_contexts:
        for m in pattern.finditer(norm):
            ns, ne = m.span("num")
            if ns < 0 or _overlaps(taken, ns, ne) or _overlaps(blocked, ns, ne):
                continue
            try:
                value = to_number(Decimal(m.group("num").replace(",", "")))
            except InvalidOperation:
                continue
            out.append(QuantityMatch(ns, ne, norm[ns:ne], value, "", False, "count", ns, ne, ne, ne, bare=True))
            bisect.insort(taken, (ns, ne))
    out.sort(key=lambda q: q.start)
    return out
