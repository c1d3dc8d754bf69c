"""Narrative against table: agree / disagree, sums, percentages, metadata, coverage summaries.

Public: ``compare(report, triples, links, *, year, template) -> list[Finding]`` and the helpers it is
built from (``value_matches``, ``text_sums``, ``check_percentages``, ``check_meta``).

Rules that keep the comparison honest:

* only ``count``/``money`` triples of the report year are compared with a cell: deltas (``change``),
  shares (``percent``) and other periods (a month, ``cumulative``) are never taken for the value;
* an approximate narrative value (1200余条) agrees with any table value inside its stated range
  and is never called a conflict for rounding alone;
* a triple linked as a *part* (驳回3件; a subset such as 市本级) is never compared alone: the parts of
  one cell are added up and the sum is compared (``narrative_sum``);
* a blank table cell is unknown, never 0: nothing is judged against it;
* words with two meanings (``also`` in the phrasing file: 申请 = 收到申请数 or 申请答复数; 无法提供 =
  the （四） total or its sub-row 1) are compared against each meaning, and the message says which.

>>> value_matches(1200, True, "1200余条", 1250, load_lexicon())
True
>>> value_matches(48, False, "48件", 68, load_lexicon())
False
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Optional, Sequence

from ie.reconcile.lexicon import Lexicon, fold, load_lexicon, normalize_text
from ie.reconcile.link import Context, Link
from ie.records import Cell, Finding, NarrativeRef, TableRef, Triple
from ie.resources import load_resource

COMPARABLE_KINDS = ("count", "money")


# ----------------------------------------------------------------------------------------------
# values


def _unit_scale(unit: Optional[str]) -> Decimal:
    units = (load_resource("units.yaml") or {}).get("units", {}) or {}
    spec = units.get(unit or "", {}) or {}
    return Decimal(str(spec.get("scale", 1)))


def _step(value) -> Decimal:
    """The place value of the last significant digit: 1200 -> 100, 30 -> 10, 7 -> 1, 2.5 -> 0.1."""
    d = Decimal(str(value)).normalize()
    exp = d.as_tuple().exponent
    return Decimal(1).scaleb(exp) if isinstance(exp, int) else Decimal(1)


def approx_range(value, quantity_text: str, lex: Lexicon) -> tuple:
    """(low, high) the true value may take given the approximation marker in ``quantity_text``.

    >>> approx_range(1200, "1200余条", load_lexicon())
    (Decimal('1200'), Decimal('1300'))
    >>> approx_range(1000, "近1000件", load_lexicon())
    (Decimal('650.00'), Decimal('1000'))
    """
    v = Decimal(str(value))
    # the place of the last written digit (1200余: hundreds; 6万多: ten-thousands), but never more
    # than about a third of the value (1000余 is not 1000..2000)
    width = max(min(_step(value), abs(v) * Decimal("0.35")), Decimal(1))
    q = quantity_text or ""
    if any(m in q for m in lex.approx["upper"]):
        return v - width, v
    if any(m in q for m in lex.approx["lower"]):
        return v, v + width
    return v - width, v + width


def value_matches(value, approx: bool, quantity_text: str, table_value, lex: Lexicon) -> bool:
    """Does a narrative value (exact, or approximate with its marker) agree with a table value?"""
    if value is None or table_value is None:
        return False
    t = Decimal(str(table_value))
    if not approx:
        return Decimal(str(value)) == t
    low, high = approx_range(value, quantity_text, lex)
    return low <= t <= high


def units_compatible(narrative_unit: Optional[str], table_unit: Optional[str], lex: Lexicon) -> bool:
    """Units count the same kind of thing unless they fall in different ``unit_groups``.

    >>> units_compatible("件", "次", load_lexicon()), units_compatible("人次", "次", load_lexicon())
    (True, False)
    """
    if not narrative_unit or not table_unit:
        return True
    return lex.unit_groups.get(narrative_unit) == lex.unit_groups.get(table_unit)


def _pct_ok(stated, num, den) -> bool:
    """A stated percentage agrees with num/den when rounded or truncated at its written precision."""
    if not den:
        return False
    stated = Decimal(str(stated))
    ratio = Decimal(num) * 100 / Decimal(den)
    unit = _step(stated) if stated != stated.to_integral_value() else Decimal(1)
    return abs(ratio - stated) <= unit / 2 + Decimal("1e-9") or Decimal(0) <= ratio - stated < unit


def _fmt(v) -> str:
    if v is None:
        return "blank"
    if isinstance(v, Decimal):
        return format(v.normalize(), "f")
    return str(v)


# ----------------------------------------------------------------------------------------------
# table lookup


@dataclass(frozen=True)
class Target:
    """The table side of a comparison: one cell, or the sum of a metric's child cells when the
    template prints no row for the parent (2019/2021 （三）/（四）/（五）)."""

    metric: str
    column: Optional[str]
    value: object
    refs: tuple  # TableRef, ...
    cells: tuple  # Cell, ...
    unit: Optional[str]
    summed: bool = False


class TableIndex:
    """Cells of one report by (metric, column id), resolving printed column labels via the schema."""

    def __init__(self, cells: Sequence[Cell], template: Optional[str], lex: Lexicon) -> None:
        self.cells = [c for c in cells if c.metric and c.source == "table"]
        self.lex = lex
        self.template = None
        if template:
            try:
                from ie.tables.schema import load_template

                self.template = load_template(template)
            except Exception:  # noqa: BLE001 - an unknown/broken template: match columns by id only
                self.template = None
        self._by_metric: dict = {}
        for c in self.cells:
            self._by_metric.setdefault(c.metric, []).append(c)

    def _column_names(self, metric: str, column: Optional[str]) -> set:
        names = {column} if column else set()
        if column and self.template is not None and self.template.has_metric(metric):
            table = self.template.table(self.template.metric(metric).table)
            col = table.column(column)
            if col is not None:
                names |= {col.label, *col.aliases}
        return {fold(n, self.lex) for n in names if n}

    def cell(self, metric: str, column: Optional[str]) -> Optional[Cell]:
        cands = self._by_metric.get(metric, [])
        if not cands:
            return None
        if column is None:
            plain = [c for c in cands if c.column is None]
            return (plain or cands)[0] if (plain or len(cands) == 1) else None
        names = self._column_names(metric, column)
        for c in cands:
            if c.column is not None and fold(c.column, self.lex) in names:
                return c
        return None

    def has_metric(self, metric: str) -> bool:
        return metric in self._by_metric

    def covers(self, metric: str) -> bool:
        """Does the table hold this metric, or (for a parent the template prints no row for) one of
        its children? False: the narrative states something this table has no row for."""
        if metric in self._by_metric:
            return True
        if self.template is None or not self.template.has_metric(metric):
            return False
        return any(ch in self._by_metric for ch in self.template.metric(metric).children)

    def target(self, metric: str, column: Optional[str], plus: tuple = ()) -> Optional[Target]:
        """The table side for (metric, column): its cell, else the sum of its child cells; with
        ``plus``, that plus the other cells named (行政诉讼 = 直接起诉 + 复议后起诉). None if unknown."""
        if plus:
            parts = [self.target(metric, column)] + [self.target(m, c) for m, c in plus]
            if any(p is None or p.value is None for p in parts):
                return None
            return Target(metric, column, sum(p.value for p in parts), tuple(r for p in parts for r in p.refs),
                          tuple(c for p in parts for c in p.cells), parts[0].unit, summed=True)
        c = self.cell(metric, column)
        if c is not None:
            return Target(metric, column, c.value, (_ref(c),), (c,), c.unit)
        if self.template is None or not self.template.has_metric(metric):
            return None
        children = self.template.metric(metric).children
        if not children:
            return None
        kids = [self.cell(ch, column) for ch in children]
        if any(k is None or k.value is None for k in kids):
            return None
        return Target(metric, column, sum(k.value for k in kids), tuple(_ref(k) for k in kids), tuple(kids),
                      kids[0].unit, summed=True)


def _ref(c: Cell) -> TableRef:
    return TableRef(label=c.label or c.label_raw, column=c.column, value=c.value, metric=c.metric)


def _nref(t: Triple) -> NarrativeRef:
    return NarrativeRef(start=t.start, end=t.end, value=t.value)


def _table_value_in(t: Triple, target: Target):
    """The target's value in the triple's unit: a money cell in 万元 becomes 元."""
    if target.value is None:
        return None
    if t.kind == "money":
        return Decimal(str(target.value)) * _unit_scale(target.unit)
    return target.value


def _label(target: Target) -> str:
    if target.summed:
        return " + ".join((r.label or "?") + (f" [{r.column}]" if r.column else "") for r in target.refs)
    r = target.refs[0]
    return f"{r.label}" + (f" [{r.column}]" if r.column else "")


# ----------------------------------------------------------------------------------------------
# narrative against cells


def _compare_cells(triples: list, links: list, index: TableIndex, lex: Lexicon, year: str) -> tuple:
    """agree / disagree / narrative_sum findings per linked cell, and the metrics with no row."""
    findings: list = []
    groups: dict = {}
    no_row: dict = {}
    previous = str(int(year) - 1) if year and year.isdigit() else None
    following = str(int(year) + 1) if year and year.isdigit() else None
    for t, link in zip(triples, links):
        if link is None or not link.judged or t.kind not in COMPARABLE_KINDS:
            continue
        if t.period != year and not (link.previous_year and previous and t.period == previous) and \
                not (link.next_year and following and t.period == following):
            continue
        groups.setdefault((link.metric, link.column, link.plus), []).append((t, link))
    for (metric, column, plus), members in groups.items():
        target = index.target(metric, column, plus)
        if target is None:
            if not index.covers(metric):
                no_row.setdefault(metric, []).extend(t for t, _l in members)
            continue
        if target.value is None:
            continue  # blank cell: unknown, nothing to judge
        unmatched_full, parts = [], []
        members = [(t, link) for t, link in members if units_compatible(t.unit, target.unit, lex)]
        for t, link in members:
            if link.part:
                parts.append(t)
                continue
            if value_matches(t.value, t.approx, t.quantity_text, _table_value_in(t, target), lex):
                findings.append(Finding("agree", metric, (_nref(t),), target.refs,
                                        f"{t.quantity_text} ({t.metric_text}) = {_label(target)} {_fmt(target.value)}"))
                continue
            alt = _alternative(t, link, index, lex)
            if alt is not None:
                findings.append(Finding("agree", alt.metric, (_nref(t),), alt.refs,
                                        f"{t.quantity_text} ({t.metric_text}) = {_label(alt)} {_fmt(alt.value)}, "
                                        f"not {_label(target)} {_fmt(target.value)}: the words fit both rows"))
                continue
            unmatched_full.append(t)
        # single parts that equal the cell agree on their own (确认违法1件 = 被依法纠错数 1)
        rest = []
        for t in parts:
            if value_matches(t.value, t.approx, t.quantity_text, _table_value_in(t, target), lex):
                findings.append(Finding("agree", metric, (_nref(t),), target.refs,
                                        f"{t.quantity_text} ({t.metric_text}) = {_label(target)} {_fmt(target.value)}"))
            else:
                rest.append(t)
        parts = _dedupe(rest)
        if parts:
            together = unmatched_full + parts
            total = sum(Decimal(str(t.value)) for t in together)
            tv = _table_value_in(together[0], target)
            approx = any(t.approx for t in together)
            if len(together) > 1 and (total == Decimal(str(tv)) or
                                      (approx and value_matches(total, True, "", tv, lex))):
                expr = " + ".join(t.quantity_text for t in together)
                findings.append(Finding("narrative_sum", metric, tuple(_nref(t) for t in together), target.refs,
                                        f"narrative parts {expr} = {_fmt(total)} = {_label(target)} "
                                        f"{_fmt(target.value)}: holds"))
                unmatched_full = []
            elif not unmatched_full and total > Decimal(str(tv)) and metric not in lex.overlapping_totals:
                expr = " + ".join(t.quantity_text for t in together)
                findings.append(Finding("narrative_sum", metric, tuple(_nref(t) for t in together), target.refs,
                                        f"narrative parts {expr} = {_fmt(total)} exceed {_label(target)} "
                                        f"{_fmt(target.value)}: does not hold"))
        for t in unmatched_full:
            findings.append(Finding("disagree", metric, (_nref(t),), target.refs,
                                    f"narrative {t.metric_text} {t.quantity_text} ≠ table {_label(target)} "
                                    f"{_fmt(target.value)}"))
    return findings, no_row


def _dedupe(parts: list) -> list:
    """The same part stated twice (same value, same words) counts once."""
    seen, out = set(), []
    for t in parts:
        key = (t.value, t.metric_text)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def _alternative(t: Triple, link: Link, index: TableIndex, lex: Lexicon) -> Optional[Target]:
    for metric, column, plus in link.also:
        alt = index.target(metric, column, plus)
        if alt is not None and value_matches(t.value, t.approx, t.quantity_text, _table_value_in(t, alt), lex):
            return alt
    return None


# ----------------------------------------------------------------------------------------------
# sums stated in the narrative


@dataclass(frozen=True)
class TextSum:
    total: Triple
    parts: tuple
    holds: bool


def _sentence_end(text: str, pos: int, lex: Lexicon) -> int:
    i = pos
    while i < len(text) and text[i] not in lex.sentence_end:
        i += 1
    return i


def _find_all(text: str, words: Iterable[str]) -> list:
    out = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            out.append((i, w))
            i = text.find(w, i + len(w))
    return sorted(out)


def _closes_bracket(gap: str, lex: Lexicon) -> bool:
    depth = 0
    for ch in gap:
        if ch in lex.open_brackets:
            depth += 1
        elif ch in lex.close_brackets:
            depth -= 1
            if depth < 0:
                return True
    return False


def _is_listed_part(text: str, q: Triple, lex: Lexicon) -> bool:
    """Is ``q`` listed after a sum cue of its own sentence, with no list end (；) between ("其中，自然人申请
    142件")? A semicolon closes a list: "其中当面4件；办结12件，其中…" lists parts of 办结 12件 again."""
    lo = q.start
    while lo > 0 and text[lo - 1] not in lex.sentence_end:
        lo -= 1
    head = text[lo:q.start]
    cue = max((head.rfind(c) for c in lex.sum_cues), default=-1)
    return cue >= 0 and not any(c in head[cue:] for c in (*lex.list_end, *lex.sum_cue_asides))


def _crosses_sentence(gap: str, lex: Lexicon) -> bool:
    """Does the text between a total and its sum cue end a sentence that the cue does not open right
    after ("…128件。其中" does not; "…30件。从申请方式看，…分别为" does)?"""
    last = max((gap.rfind(c) for c in lex.sentence_end), default=-1)
    return last >= 0 and bool(gap[last + 1:].strip(" \t\u3000，,：:"))


def _breakdown_end(gap: str, lex: Lexicon) -> int:
    """The end of the last breakdown cue ("从…看", "按…划分": its two words at most 12 characters apart, in
    one clause) in ``gap``, or -1."""
    last = -1
    for opening, closing in lex.breakdown_cues:
        i = gap.find(opening)
        while i >= 0:
            j = gap.find(closing, i + len(opening))
            between = gap[i + len(opening):j] if j >= 0 else ""
            if j >= 0 and len(between) <= 12 and not any(c in between for c in "，,；;。！？!?\n"):
                last = max(last, j + len(closing))
            i = gap.find(opening, i + 1)
    return last


def _opens_breakdown(gap: str, lex: Lexicon) -> bool:
    """Does a breakdown cue ("从…看", "按…划分") stand in ``gap``?"""
    return _breakdown_end(gap, lex) >= 0


def _earlier_total(text: str, qs: list, after: Triple, parts: list, running: Decimal, lex: Lexicon):
    """A total stated before ``after`` in its paragraph, not itself a listed part, equal to the sum of all
    ``parts`` ("共收到申请172件。其中，自然人142件；法人30件。从申请方式看，…分别为131件、29件和12件"), else None."""
    lo = text.rfind("\n", 0, after.start) + 1
    for q in reversed([q for q in qs if lo <= q.start and q.end <= after.end and q.unit == parts[0].unit]):
        if not q.approx and Decimal(str(q.value)) == running and not _is_listed_part(text, q, lex):
            return q
    return None


def text_sums(text: str, triples: Sequence[Triple], lex: Lexicon) -> list:
    """Totals stated with their parts in the narrative: "4782条，其中…3506条、362条、2条、40条、872条".

    A sum cue (其中, 包括 …) after a total starts a list that runs to the end of the sentence (or of
    the bracket the cue opens); the longest prefix of the list that adds up to the total is reported
    as holding. A list adding up to more than the total, with no prefix matching, does not hold; a
    list adding up to less is taken as partial ("其中" often names only some parts) and not reported.
    A total cue (共计, 合计 …) after a list closes it the other way round.
    """
    qs = sorted((t for t in triples if t.kind in COMPARABLE_KINDS), key=lambda t: t.start)
    out: list = []
    seen_totals: set = set()
    for pos, cue in _find_all(text, lex.sum_cues):
        before = [t for t in qs if pos - 80 <= t.end <= pos]  # a stated total sits just before its cue
        # a quantity inside a bracket that closes before the cue is an aside, not the total:
        # "答复805件（含上年结转18件）。其中…" lists parts of 805
        while before and _closes_bracket(text[before[-1].end:pos], lex):
            before.pop()
        if not before:
            continue
        # a number that is itself a listed part ("其中，自然人142件…") is never the total of another list; one
        # stated before it may be, but the list may break that one down by another dimension: only "holds"
        listed = len(before)
        while before and _is_listed_part(text, before[-1], lex):
            before.pop()
        if not before:
            continue
        listed = len(before) < listed
        total = before[-1]
        gap = text[total.end:pos]
        if "\n" in gap or sum(gap.count(c) for c in lex.sentence_end) > 1 or len(gap) > 60:
            continue
        # the total's sentence ends before the cue and the cue does not open the next one, or a new breakdown
        # ("从申请方式看") stands between them: the list's total is not known; it is only said to hold
        crossed = listed or _crosses_sentence(gap, lex) or _opens_breakdown(gap, lex)
        # a cue inside a bracket opened after the total ("57项(包括行政许可3项)") lists the bracket only
        opened = max((gap.rfind(b) for b in lex.open_brackets), default=-1)
        closed = max((gap.rfind(b) for b in lex.close_brackets), default=-1)
        end = _sentence_end(text, pos, lex)
        # a semicolon closes a list too: "其中，当面…件；办结…件，其中…" are two lists
        semis = [text.find(c, pos, end) for c in lex.list_end if text.find(c, pos, end) >= 0]
        end = min(semis + [end])
        if opened > closed:
            closes = [text.find(b, pos) for b in lex.close_brackets if text.find(b, pos) >= 0]
            end = min(closes + [end])
        # a sum cue after a listed part opens a list of that part's own parts ("其中自然人30件，包括网络25件…")
        nested = [p for p, _c in _find_all(text[pos + len(cue):end], lex.sum_cues)]
        for n in nested:
            if any(pos < t.start < pos + len(cue) + n for t in qs):
                end = pos + len(cue) + n
                break
        parts = [t for t in qs if pos < t.start < end and t.unit == total.unit]
        if len(parts) < 2 or id(total) in seen_totals:
            continue
        target = Decimal(str(total.value))
        running, match = Decimal(0), None
        for k, p in enumerate(parts, start=1):
            running += Decimal(str(p.value))
            if k >= 2 and (running == target or (total.approx and value_matches(total.value, True,
                                                                                total.quantity_text, running, lex))):
                match = k
        if crossed:
            earlier = None if match is not None else _earlier_total(text, qs, total, parts, running, lex)
            if earlier is not None:
                total, match = earlier, len(parts)
            if match is None or id(total) in seen_totals:
                continue
        if match is not None:
            seen_totals.add(id(total))
            out.append(TextSum(total, tuple(parts[:match]), True))
        elif running > target and not any(p.approx for p in parts):
            seen_totals.add(id(total))
            out.append(TextSum(total, tuple(parts), False))
    for pos, cue in _find_all(text, lex.total_cues):
        after = [t for t in qs if pos < t.start <= pos + len(cue) + 6]
        if not after:
            continue
        total = after[0]
        if id(total) in seen_totals:
            continue
        sent_start = pos
        while sent_start > 0 and text[sent_start - 1] not in lex.sentence_end:
            sent_start -= 1
        # the list closed by the cue starts after the last sum cue, list end (；) or breakdown cue before it:
        # "收到申请88件，其中网上60件…，共计88件", "自然人70件、法人18件，从申请方式看，网上60件…，共计88件"
        head = text[sent_start:pos]
        starts = [head.rfind(c) + len(c) for c in (*lex.sum_cues, *lex.list_end) if c in head]
        starts.append(_breakdown_end(head, lex))
        lo = sent_start + max(starts + [0])
        parts = [t for t in qs if lo <= t.start and t.end <= pos and t.unit == total.unit]
        target = Decimal(str(total.value))
        # a leading number as large as the total is the total stated before its list, not a part
        while parts and Decimal(str(parts[0].value)) >= target:
            parts.pop(0)
        if len(parts) < 2 or any([id(p) for p in o.parts] == [id(p) for p in parts] for o in out):
            continue  # the same list checked against the total stated before it: once is enough
        s = sum(Decimal(str(p.value)) for p in parts)
        seen_totals.add(id(total))
        out.append(TextSum(total, tuple(parts), s == target))
    return out


def _sum_findings(sums: list, triples: list, links: list, lex: Optional[Lexicon] = None) -> list:
    """A finding per stated sum; parts exceeding a total whose parts may overlap (channels) are not one."""
    metric_of = {id(t): (l.metric if l else None) for t, l in zip(triples, links)}
    overlapping = set(lex.overlapping_totals) if lex is not None else set()
    out = []
    for s in sums:
        if not s.holds and metric_of.get(id(s.total)) in overlapping:
            continue
        expr = " + ".join(p.quantity_text for p in s.parts)
        total = sum(Decimal(str(p.value)) for p in s.parts)
        verdict = "holds" if s.holds else "does not hold"
        out.append(Finding("narrative_sum", metric_of.get(id(s.total)),
                           (_nref(s.total),) + tuple(_nref(p) for p in s.parts), (),
                           f"narrative total {s.total.quantity_text} vs its parts {expr} = {_fmt(total)}: {verdict}"))
    return out


# ----------------------------------------------------------------------------------------------
# percentages


def check_percentages(text: str, triples: Sequence[Triple], sums: Sequence[TextSum], lex: Lexicon,
                      table_total=None) -> list:
    """A stated percentage checked against a numerator and denominator stated before it.

    The numerator is the count nearest before the percentage in its sentence; the denominator is the
    total the numerator is a listed part of, else another count before it in the same or the previous
    sentence, else (``table_total(numerator) -> Target | None``) the table cell the numerator's metric
    is a share of (当面申请 of 收到申请数; 不予公开 of （七）总计). Rounding or truncation at the written
    precision agrees (35/805 = 4.348 -> 4.34% or 4.35%). A pair is reported only when found; a share
    whose total is known but does not fit is reported as not holding; a percentage with no usable
    numbers is not judged.
    """
    counts = sorted((t for t in triples if t.kind == "count"), key=lambda t: t.start)
    total_of = {}
    for s in sums:
        if s.holds:
            for p in s.parts:
                total_of[id(p)] = s.total
    out = []
    for p in triples:
        if p.kind != "percent" or p.value is None:
            continue
        sent_start = p.start
        ends_seen = 0
        while sent_start > 0:
            ch = text[sent_start - 1]
            if ch == "\n":
                break
            if ch in lex.sentence_end:
                ends_seen += 1
                if ends_seen == 2:
                    break
            sent_start -= 1
        before = [t for t in counts if sent_start <= t.start and t.end <= p.start]
        if not before:
            continue
        num = before[-1]
        if text[num.end:p.start].count("\n") or any(c in text[num.end:p.start] for c in lex.sentence_end):
            continue
        # "…120件、…8件，分别占93.8%和6.3%": the k-th share of the run is the k-th of as many counts before it
        cue = max((text.rfind(c, num.end, p.start) for c in lex.respective_cues), default=-1)
        if cue >= 0:
            run = [q for q in triples if q.kind == "percent" and cue < q.start
                   and not any(c in text[cue:q.start] for c in lex.sentence_end)]
            run.sort(key=lambda q: q.start)
            if len(run) > len(before) or p not in run:
                continue
            nums = before[len(before) - len(run):]
            num = nums[run.index(p)]
            before = [t for t in before if t is num or not any(t is x for x in nums)]
            before = before[:before.index(num) + 1]
        # a share says so ("占78.1%"); a bare rate ("办结率100%") may be of anything, so only a share is
        # ever reported as not holding
        is_share = any(c in text[num.end:p.start] for c in lex.share_cues)
        known_total = total_of.get(id(num))
        dens = ([known_total] if known_total is not None else []) + \
            [t for t in reversed(before[:-1]) if t.unit == num.unit and Decimal(str(t.value)) >= Decimal(str(num.value))]
        hit = next((d for d in dens if _pct_ok(p.value, num.value, d.value)), None)
        if hit is not None:
            ratio = Decimal(num.value) * 100 / Decimal(hit.value)
            out.append(Finding("agree", None, (_nref(p), _nref(num), _nref(hit)), (),
                               f"{p.quantity_text} = {num.quantity_text} / {hit.quantity_text} "
                               f"({ratio:.2f}%): holds", check="percent"))
        elif not is_share:
            continue
        elif known_total is not None:
            ratio = Decimal(num.value) * 100 / Decimal(known_total.value) if known_total.value else Decimal(0)
            out.append(Finding("disagree", None, (_nref(p), _nref(num), _nref(known_total)), (),
                               f"{p.quantity_text} ≠ {num.quantity_text} / {known_total.quantity_text} "
                               f"({ratio:.2f}%): does not hold", check="percent"))
        elif table_total is not None:
            target = table_total(num)
            if target is None or not target.value:
                continue
            ratio = Decimal(num.value) * 100 / Decimal(target.value)
            verdict = "holds" if _pct_ok(p.value, num.value, target.value) else "does not hold"
            sign = "=" if verdict == "holds" else "≠"
            out.append(Finding("agree" if verdict == "holds" else "disagree", target.metric, (_nref(p), _nref(num)),
                               target.refs, f"{p.quantity_text} {sign} {num.quantity_text} / table {_label(target)} "
                               f"{_fmt(target.value)} ({ratio:.2f}%): {verdict}", check="percent"))
    return out


# ----------------------------------------------------------------------------------------------
# metadata


def check_meta(meta, year: Optional[int]) -> list:
    """The statistics table's 填报日期 should not lie before the end of the year it reports.

    >>> from ie.records import Meta
    >>> [f.message for f in check_meta(Meta(year=2018, filled_on="2018-01-25", filled_on_start=5,
    ...                                      filled_on_end=15), 2018)]
    ['table filled on 2018-01-25, before the reported year 2018 ended']
    """
    out = []
    filled = getattr(meta, "filled_on", None)
    if filled and year:
        try:
            day = _dt.date.fromisoformat(str(filled)[:10])
        except ValueError:
            day = None
        if day is not None and day < _dt.date(int(year), 12, 31):
            narr = ()
            if meta.filled_on_start is not None and meta.filled_on_end is not None:
                narr = (NarrativeRef(meta.filled_on_start, meta.filled_on_end, None),)
            out.append(Finding("meta", None, narr, (),
                               f"table filled on {day.isoformat()}, before the reported year {year} ended"))
    for attr in ("period_start", "period_end"):
        v = getattr(meta, attr, None)
        if v and year and str(v)[:4].isdigit() and int(str(v)[:4]) != int(year):
            out.append(Finding("meta", None, (), (),
                               f"statistics {attr.replace('_', ' ')} {v} is not in the report year {year}"))
    return out


# ----------------------------------------------------------------------------------------------
# coverage


def _coverage(no_row: dict, index: TableIndex, triples: list, links: list, has_table: bool) -> list:
    out = []
    if not has_table:
        return out
    for metric, ts in sorted(no_row.items()):
        out.append(Finding("narrative_only", metric, tuple(_nref(t) for t in ts), (),
                           f"{metric}: stated in the narrative ({', '.join(t.quantity_text for t in ts)}) "
                           f"but no table row holds it"))
    mentioned: set = set()
    for link in links:
        if link is not None:
            mentioned.add(link.metric)
            mentioned.update(m for alt, _col, plus in link.also for m in (alt, *(pm for pm, _pc in plus)))
    silent = [c for c in index.cells if c.value is not None and c.metric not in mentioned]
    if silent:
        out.append(Finding("table_only", None, (), tuple(_ref(c) for c in silent),
                           f"{len(silent)} table cells with a value are not mentioned in the narrative"))
    return out


# ----------------------------------------------------------------------------------------------
# entry point


def compare(report, triples: Sequence[Triple], links: Sequence[Optional[Link]], *, year: Optional[int],
            template: Optional[str], lexicon: Optional[Lexicon] = None,
            context: Optional[Context] = None) -> list:
    """Every narrative-side finding of one report (identities are the caller's).

    In: the report (text, cells, meta), its triples with their links (same order), the report year
    and template. Out: findings of kinds agree, disagree, narrative_sum, percent, meta,
    narrative_only, table_only (coverage only when the report has a table).
    """
    lex = lexicon or load_lexicon()
    triples, links = list(triples), list(links)
    year_s = str(year) if year else main_period(triples)
    index = TableIndex(report.cells, template, lex)
    has_table = bool(index.cells)
    findings: list = []
    if has_table:
        cell_findings, no_row = _compare_cells(triples, links, index, lex, year_s)
        findings += cell_findings
    else:
        no_row = {}
    text = normalize_text(report.text, lex)  # cue words in any script/width; same offsets
    sums = text_sums(text, triples, lex)
    findings += _sum_findings(sums, triples, links, lex)
    link_of = {id(t): link for t, link in zip(triples, links)}

    def table_total(numerator: Triple) -> Optional[Target]:
        link = link_of.get(id(numerator))
        # a share of a part, a sum, or one applicant or outcome column: of which total? not judged
        if link is None or not link.judged or link.part or link.plus or link.column not in (None, "total"):
            return None
        if not has_table or numerator.period != year_s or numerator.kind not in COMPARABLE_KINDS:
            return None
        denominator = lex.share_of.get(link.metric)
        if denominator is None and index.template is not None and index.template.has_metric(link.metric):
            parent = index.template.parent_of(link.metric)
            denominator = parent.id if parent is not None else None
        return index.target(denominator, link.column) if denominator else None

    findings += check_percentages(text, triples, sums, lex, table_total)
    findings += check_meta(report.meta, year)
    findings += _coverage(no_row, index, triples, links, has_table)
    return findings


def main_period(triples: Sequence[Triple]) -> Optional[str]:
    """The most frequent year period among the triples (the report year when meta has none).

    >>> main_period([])
    """
    counts: dict = {}
    for t in triples:
        if isinstance(t.period, str) and len(t.period) == 4 and t.period.isdigit():
            counts[t.period] = counts.get(t.period, 0) + 1
    return max(counts, key=counts.get) if counts else None
