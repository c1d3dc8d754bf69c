"""Derived tables: the canonical cells a report without a statistics table states in its narrative.

Public: ``template_for_year(year)``, ``derive_cells(report, triples, links, *, template, issues)``.

A report with no table still belongs in the panel: each linked ``count``/``money`` triple of the
report year that names a whole cell (not a part, not a delta, share or other period) becomes a
``Cell(source="derived")`` spanning its quantity (``raw`` = the quantity text). The first mention of
a cell wins; a later mention with another value is reported as an issue, not a second cell.

>>> template_for_year(2017), template_for_year(2020), template_for_year(2022), template_for_year(None)
('2014', '2019', '2021', None)
"""
from __future__ import annotations

from typing import Optional, Sequence

from ie.reconcile.compare import COMPARABLE_KINDS, main_period
from ie.records import Cell, Issue, Triple


def template_for_year(year: Optional[int]) -> Optional[str]:
    """The template a tableless report of ``year`` would have used: the only place the year decides,
    since there is no table to read labels from. None for an unknown year or one before 2014."""
    if not year:
        return None
    if 2014 <= year <= 2018:
        return "2014"
    if 2019 <= year <= 2020:
        return "2019"
    if year >= 2021:
        return "2021"
    return None


def _schema_metric(template: Optional[str], metric: str):
    if not template:
        return None
    try:
        from ie.tables.schema import load_template

        t = load_template(template)
    except Exception:  # noqa: BLE001 - a broken schema must not lose the derived cells
        return None
    return t.metric(metric) if t.has_metric(metric) else None


def _home_metric(metric: str):
    """The metric as its own template defines it (for a metric of another era: its label/section)."""
    from ie.reconcile.lexicon import load_lexicon

    for tid in reversed(load_lexicon().metric_templates.get(metric, ())):
        m = _schema_metric(tid, metric)
        if m is not None:
            return m
    return None


def _column_label(template: Optional[str], metric: str, column: Optional[str]) -> Optional[str]:
    m = _schema_metric(template, metric)
    if m is None or column is None:
        return column
    from ie.tables.schema import load_template

    col = load_template(template).table(m.table).column(column)
    return col.label if col is not None else column


def derive_cells(report, triples: Sequence[Triple], links: Sequence, *, template: Optional[str],
                 year: Optional[int], issues: Optional[list] = None) -> list:
    """Cells stated by the narrative of a report that has no table.

    In: the report, its triples and their links (same order), the template picked from the year,
    the report year. Out: ``Cell`` list with ``source="derived"``, ``start``/``end`` the quantity span,
    ``raw`` the quantity text, ``label``/``section`` from the schema (for a metric of another era the
    narrative still states: from that era's template, with ``table`` None).
    Conflicting repeats append an ``Issue("derived_conflict", ...)`` to ``issues``.
    """
    out: list = []
    seen: dict = {}
    year_s = str(year) if year else main_period(triples)  # unknown year: the period most quantities have
    for t, link in zip(triples, links):
        if link is None or link.part or link.plus or not link.judged or t.kind not in COMPARABLE_KINDS:
            continue  # a part, or a sum of several cells (行政诉讼 = 直接起诉 + 复议后起诉), is no one cell
        if t.period != year_s:
            continue
        key = (link.metric, link.column)
        if key in seen:
            if seen[key].value != t.value and issues is not None:
                issues.append(Issue("derived_conflict",
                                    f"{link.metric}: narrative states {seen[key].raw} and {t.quantity_text}; "
                                    f"the derived cell keeps the first", t.start, t.end))
            continue
        m = _schema_metric(template, link.metric)
        home = m or _home_metric(link.metric)
        cell = Cell(metric=link.metric, section=home.section if home else None, label=home.label if home else None,
                    column=_column_label(template, link.metric, link.column), value=t.value, raw=t.quantity_text,
                    unit=t.unit or (home.unit if home else None), start=t.start, end=t.end,
                    table=m.table if m else None, source="derived")
        seen[key] = cell
        out.append(cell)
    return out
