"""Build Reports from the public gold (tables + triples), so reconcile tests do not depend on the
quality of the table parser or the narrative rules.

``gold_report(doc)`` -> Report with: cells from ``seed_tables.json`` (metric ids found through the
schema loader by label; start/end located in the text where the label is found), triples from
``seed_triples.jsonl`` (metric None), meta with year, template and the table's 填报日期 when printed.
Seeds without a gold table (003, 004) get no cells.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from conftest import GOLD, seed_text
from ie.records import Cell, Meta, Report, Triple, to_number
from ie.tables.schema import load_template

_FILLED_ON = re.compile(r"填报日期[:：\s]*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_TABLE_TITLE = "政府信息公开情况统计表"


@lru_cache(maxsize=None)
def _tables() -> dict:
    return {t["doc"]: t for t in json.loads((GOLD / "seed_tables.json").read_text(encoding="utf-8"))}


@lru_cache(maxsize=None)
def _triples() -> dict:
    out: dict = {}
    for line in (GOLD / "seed_triples.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.setdefault(d["doc"], []).append(d)
    return out


def _norm(s: str) -> str:
    return re.sub(r"[\s()（）:：,，、\"“”]", "", s or "")


def gold_cells(doc: str, text: str, template_id: str = "2014") -> list:
    """Cells of the gold table of ``doc``, each mapped to its schema metric by label."""
    table = _tables().get(doc)
    if not table:
        return []
    tpl = load_template(template_id)
    by_label = {}
    for m in tpl.metrics():
        for name in m.names:
            by_label.setdefault((_norm(m.section), _norm(name)), m)
            by_label.setdefault((None, _norm(name)), m)
    cells = []
    start_search = max(text.find(_TABLE_TITLE), 0)
    for i, row in enumerate(table["rows"]):
        m = by_label.get((_norm(row["section"]), _norm(row["label"]))) or by_label.get((None, _norm(row["label"])))
        value = to_number(row["value"])
        raw = "" if value is None else str(row["value"])
        start = end = None
        pos = text.find(row["label"][:6], start_search)
        if pos >= 0 and raw:
            vpos = text.find(raw, pos + len(row["label"]) - 2)
            if 0 <= vpos < pos + len(row["label"]) + 40:
                start, end = vpos, vpos + len(raw)
                start_search = end
        cells.append(Cell(metric=m.id if m else None, section=row["section"], label=row["label"], column=None,
                          value=value, raw=raw, unit=row["unit"], start=start, end=end, row=i,
                          table="main", source="table"))
    return cells


def gold_triples(doc: str) -> list:
    return [Triple(quantity_text=d["quantity_text"], start=d["start"], end=d["end"], value=to_number(d["value"]),
                   unit=d["unit"], approx=d["approx"], kind=d["kind"], metric_text=d["metric_text"],
                   metric_start=d["metric_start"], metric_end=d["metric_end"], period=d["period"])
            for d in _triples().get(doc, [])]


def gold_meta(doc: str, text: str) -> Meta:
    table = _tables().get(doc)
    year = table["year"] if table else int(next(iter(_triples()[doc]))["period"][:4])
    template = "2014" if table else None
    m = _FILLED_ON.search(text)
    filled = dict(filled_on=f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}", filled_on_start=m.start(1),
                  filled_on_end=m.end(3) + 1) if m else {}
    return Meta(year=year, template=template, **filled)


def gold_report(doc: str) -> Report:
    """A Report of ``doc`` built from gold inputs only (findings/derived empty)."""
    text = seed_text(doc)
    meta = gold_meta(doc, text)
    return Report(text=text, meta=meta, cells=tuple(gold_cells(doc, text)), triples=tuple(gold_triples(doc)),
                  source=doc)
