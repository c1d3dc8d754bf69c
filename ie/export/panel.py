"""Research panels: one row per extracted value, across many documents, as Parquet, CSV or JSONL.

A row is one (document, metric, column, value, unit, period) observation with where it came from:
``source`` is "table" (a parsed statistics-table cell), "narrative" (a triple) or "derived" (a table
value stated only by the narrative); ``start``/``end`` span it in the document text, ``row``/``col`` give
its grid place for table cells; ``findings`` lists the reconciliation verdicts that mention it.
"""
from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Iterable, List, Optional

from ie.errors import SettingsError
from ie.records import Report, number_to_json

COLUMNS = ("document", "title", "region", "year", "template", "metric", "label", "section", "column", "value",
           "unit", "period", "source", "raw", "start", "end", "row", "col", "kind", "approx", "confidence",
           "method", "findings")
INT_COLUMNS = ("year", "start", "end", "row", "col")
FORMATS = (".parquet", ".csv", ".jsonl")


def _finding_index(report: Report) -> tuple:
    by_span: dict = {}
    by_cell: dict = {}
    for f in report.findings:
        for n in f.narrative:
            by_span.setdefault((n.start, n.end), set()).add(f.kind)
        for t in f.table:
            for key in ((t.metric, t.column), (t.label, t.column)):
                if key[0] is not None:
                    by_cell.setdefault(key, set()).add(f.kind)
    return by_span, by_cell


def panel_rows(report: Report, document: Optional[str] = None) -> List[dict]:
    """The panel rows of one Report: its table cells, its derived cells, then its narrative triples.

    >>> from ie.records import Meta, Report, Triple
    >>> text = "2017年,全县主动公开政府信息7221条。"
    >>> t = Triple("7221条", 16, 21, 7221, "条", False, "count", "主动公开政府信息", 8, 16, "2017")
    >>> rows = panel_rows(Report(text, Meta(year=2017), triples=(t,)), "demo.txt")
    >>> [(r["document"], r["source"], r["value"], r["unit"], r["period"], r["start"]) for r in rows]
    [('demo.txt', 'narrative', 7221, '条', '2017', 16)]
    """
    doc = document if document is not None else report.source
    meta = report.meta
    period = str(meta.year) if meta.year is not None else None
    base = {"document": doc, "title": meta.title, "region": meta.region, "year": meta.year,
            "template": meta.template}
    by_span, by_cell = _finding_index(report)
    rows: List[dict] = []
    cells = [(c, "table") for c in report.cells] + [(c, "derived") for c in report.derived]
    for c, source in cells:
        kinds = by_cell.get((c.metric, c.column), set()) | by_cell.get((c.label, c.column), set())
        rows.append({**base, "metric": c.metric, "label": c.label, "section": c.section, "column": c.column,
                     "value": c.value, "unit": c.unit, "period": period,
                     "source": "derived" if c.source == "derived" else source,
                     "raw": c.raw, "start": c.start, "end": c.end, "row": c.row, "col": c.col, "kind": None,
                     "approx": None, "confidence": None, "method": None, "findings": ";".join(sorted(kinds))})
    for t in report.triples:
        kinds = by_span.get((t.start, t.end), set())
        rows.append({**base, "metric": t.metric, "label": t.metric_text, "section": None, "column": None,
                     "value": t.value, "unit": t.unit, "period": t.period, "source": "narrative",
                     "raw": t.quantity_text, "start": t.start, "end": t.end, "row": None, "col": None,
                     "kind": t.kind, "approx": t.approx, "confidence": t.confidence, "method": t.source,
                     "findings": ";".join(sorted(kinds))})
    return rows


def check_panel_path(path) -> Path:
    """The output path, whose suffix picks the format. Raises SettingsError for another suffix."""
    p = Path(path)
    if p.suffix.lower() not in FORMATS:
        raise SettingsError(f"panel file must end in {', '.join(FORMATS)}, got {str(path)!r}")
    return p


def _json_value(v):
    return number_to_json(v) if isinstance(v, Decimal) else v


def write_panel(rows: Iterable[dict], path) -> int:
    """Write panel rows to ``path`` (.parquet, .csv or .jsonl by suffix); returns the row count.

    Numbers stay exact in CSV and JSONL (``95.4``, ``190000000``); Parquet stores ``value`` as float64.
    Raises SettingsError for an unknown suffix.
    """
    p = check_panel_path(path)
    rows = list(rows)
    p.parent.mkdir(parents=True, exist_ok=True)
    suffix = p.suffix.lower()
    if suffix == ".jsonl":
        with open(p, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps({k: _json_value(r.get(k)) for k in COLUMNS}, ensure_ascii=False) + "\n")
    elif suffix == ".csv":
        with open(p, "w", encoding="utf-8-sig", newline="") as fh:  # the BOM lets Excel read the Chinese
            w = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore")
            w.writeheader()
            w.writerows({k: ("" if r.get(k) is None else r.get(k)) for k in COLUMNS} for r in rows)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {k: pa.int64() for k in INT_COLUMNS}
        types.update(value=pa.float64(), confidence=pa.float64(), approx=pa.bool_())
        schema = pa.schema([(k, types.get(k, pa.string())) for k in COLUMNS])
        data = {k: [(float(r.get(k)) if k == "value" and r.get(k) is not None else r.get(k)) for r in rows]
                for k in COLUMNS}
        pq.write_table(pa.table(data, schema=schema), p)
    return len(rows)


def read_panel(path):
    """Read a panel file back into a pandas DataFrame (any of the three formats)."""
    import pandas as pd

    p = check_panel_path(path)
    suffix = p.suffix.lower()
    if suffix == ".parquet":
        return pd.read_parquet(p)
    if suffix == ".csv":
        return pd.read_csv(p, encoding="utf-8-sig", dtype={"period": str, "column": str})
    return pd.read_json(p, lines=True, dtype={"period": str})
