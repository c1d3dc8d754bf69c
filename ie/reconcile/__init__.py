"""Reconciliation: identities, narrative vs table, narrative sums, derived tables.

Public: ``reconcile(report, *, issues=None) -> (findings, derived cells, linked triples)``.
The parts: :mod:`ie.reconcile.link` (triple -> canonical metric), :mod:`ie.reconcile.compare`
(agree/disagree, sums, percentages, metadata, coverage), :mod:`ie.reconcile.derive` (cells for
tableless reports) and :mod:`ie.reconcile.identities` (table identities, owned by the table parser).
"""
from __future__ import annotations

import logging
from typing import Optional

from ie.records import Issue

log = logging.getLogger(__name__)


def report_template(report) -> Optional[str]:
    """The template findings are judged against: the one the table shows, else the report year's."""
    from ie.reconcile.derive import template_for_year

    if report.cells and report.meta.template:
        return report.meta.template
    return template_for_year(report.meta.year) if not report.cells else report.meta.template


def reconcile(report, *, issues: Optional[list] = None) -> tuple:
    """Reconcile one report's narrative with its tables.

    In: a :class:`ie.records.Report` (text, meta, cells, triples); ``issues``, a list to which
    problems are appended. Out: ``(findings, derived, linked)`` — the findings (identity, agree,
    disagree, narrative_sum, percent, meta, narrative_only, table_only), the cells derived from the
    narrative when the report has no table (else ``[]``), and the triples with ``metric`` set
    (None when there are no triples). Never raises on odd content: a failing step becomes an
    ``Issue("reconcile_error", ...)`` and the other steps still run.

    >>> from ie.records import Report, Meta, Triple
    >>> text = "2017年，全县主动公开政府信息7221条。"
    >>> t = Triple("7221条", 15, 20, 7221, "条", False, "count", "主动公开政府信息", 7, 15, "2017")
    >>> findings, derived, linked = reconcile(Report(text=text, meta=Meta(year=2017), triples=(t,)))
    >>> linked[0].metric, [(c.metric, c.value, c.source) for c in derived]
    ('a.proactive.total', [('a.proactive.total', 7221, 'derived')])
    """
    from ie.reconcile.compare import compare
    from ie.reconcile.derive import derive_cells
    from ie.reconcile.lexicon import load_lexicon
    from ie.reconcile.link import Context, link_triples

    issues = issues if issues is not None else []
    findings: list = []
    derived: list = []
    template = report_template(report)
    triples = list(report.triples)
    linked, links = triples, [None] * len(triples)

    def step(name, fn, default):
        try:
            return fn()
        except Exception as exc:  # noqa: BLE001 - odd content must not take the report down
            log.exception("reconcile step %s failed", name)
            issues.append(Issue("reconcile_error", f"reconcile step {name!r} failed: {type(exc).__name__}: {exc}"))
            return default

    lex = step("lexicon", load_lexicon, None)
    if lex is not None and triples:
        ctx = step("context", lambda: Context(report.text, lex), None)
        if ctx is not None:
            linked, links = step("link", lambda: link_triples(report.text, triples, template=template, lexicon=lex,
                                                               context=ctx, agency=report.meta.title),
                                 (triples, [None] * len(triples)))
    if report.cells:
        findings += step("identities", lambda: _identities(report.cells, template), [])
    if lex is not None:
        findings += step("compare", lambda: compare(report, linked, links, year=report.meta.year, template=template,
                                                    lexicon=lex), [])
        if not report.cells:
            derived = step("derive", lambda: derive_cells(report, linked, links, template=template,
                                                          year=report.meta.year, issues=issues), [])
    return findings, derived, (list(linked) if triples else None)


def _identities(cells, template: Optional[str]) -> list:
    from ie.reconcile.identities import check_identities

    return list(check_identities(cells, template))
