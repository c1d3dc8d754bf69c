"""The front door: ``extract(text) -> Report``.

Stages, in the order the package folders show them::

    segment.normalize  ->  tables (cells, template, table spans)  ->  meta
      ->  narrative (rules | model | hybrid triples over the non-table text)
      ->  reconcile (identities, narrative vs table, sums, derived table)

Bad content never raises: each stage reports what it skipped as ``Issue`` entries. A bug inside a
stage is caught too and reported as an ``internal_error`` issue naming the stage, so one odd
document cannot take down a batch; the other stages still run.
"""
from __future__ import annotations

import logging
from typing import Callable, Optional, TypeVar

from ie.errors import SettingsError
from ie.records import Issue, Meta, Report
from ie.segment.normalize import normalize

log = logging.getLogger(__name__)

METHODS = ("rules", "model", "hybrid")
T = TypeVar("T")


def _check_year(year: Optional[int]) -> None:
    if year is None:
        return
    if isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2100:
        raise SettingsError(f"year must be an int between 1990 and 2100 or None, got {year!r}")


def default_method() -> str:
    """The method ``extract`` uses when none is given: the best one on held-out real text."""
    from ie.narrative import DEFAULT_METHOD

    return DEFAULT_METHOD


def _run(stage: str, issues: list, default: T, fn: Callable[[], T]) -> T:
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - a stage bug must not lose the whole report
        log.exception("stage %s failed", stage)
        issues.append(Issue("internal_error", f"stage {stage!r} failed: {type(exc).__name__}: {exc}"))
        return default


def extract(text: str, *, year: Optional[int] = None, method: Optional[str] = None,
            source: Optional[str] = None) -> Report:
    """Extract tables, narrative triples and reconciliation findings from one report's text.

    ``year`` overrides the report year found in the text; ``method`` picks the narrative
    extractor ("rules", "model" or "hybrid"; default: :func:`default_method`).
    Raises :class:`ie.errors.SettingsError` for a non-str ``text``, a bad ``year`` or ``method``.

    >>> r = extract("上高县2017年政府信息公开工作年度报告\\n2017年,全县主动公开政府信息7221条。")
    >>> r.meta.year, r.triples[0].quantity_text, r.triples[0].metric_text
    (2017, '7221条', '主动公开政府信息')
    """
    if not isinstance(text, str):
        raise SettingsError(f"text must be a str, got {type(text).__name__}")
    _check_year(year)
    if method is None:
        method = default_method()
    if method not in METHODS:
        raise SettingsError(f"method must be one of {METHODS}, got {method!r}")

    from ie.meta import extract_meta
    from ie.narrative import extract_triples
    from ie.reconcile import reconcile
    from ie.tables import TableResult, parse_tables

    issues: list = []
    norm = normalize(text)
    tables = _run("tables", issues, TableResult(), lambda: parse_tables(text, norm))
    issues.extend(tables.issues)
    meta = _run("meta", issues, Meta(year=year, template=tables.template),
                lambda: extract_meta(text, norm, year=year, template=tables.template, table_spans=tables.spans,
                                     issues=issues))
    triples = _run("narrative", issues, [],
                   lambda: extract_triples(text, norm, meta=meta, exclude=tables.spans, method=method,
                                           issues=issues))
    report = Report(text=text, meta=meta, cells=tuple(tables.cells), triples=tuple(triples),
                    issues=(), source=source)
    findings, derived, linked = _run("reconcile", issues, ([], [], None), lambda: reconcile(report, issues=issues))
    return Report(text=text, meta=meta, cells=tuple(tables.cells),
                  triples=tuple(linked if linked is not None else triples),
                  findings=tuple(findings), issues=tuple(issues), derived=tuple(derived), source=source)
