"""Weak labels: run the rule extractor over any report text and keep its triples as corpus records.

The rules are precise on the phrasing they know, so their output is a cheap source of more
training text (reports nobody annotated). Spans and relations follow the gold conventions because
the rules emit gold-shaped triples; non-year periods get a PERIOD span as in the gold conversion.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, List, Optional

from ie.training.corpus import from_seed_triples, scope_end, scope_start


def weak_label_text(text: str, doc: str, *, year: Optional[int] = None) -> dict:
    """One corpus record (``meta.source == "weak"``) from the rules' triples over ``text``.

    >>> rec = weak_label_text("2017年,全县主动公开政府信息7221条。", "d1")
    >>> [(rec["text"][e["start"]:e["end"]], e["label"]) for e in rec["entities"]]
    [('7221条', 'QTY'), ('主动公开政府信息', 'METRIC')]
    """
    from ie.pipeline import extract

    report = extract(text, year=year, method="rules")
    rows = [dict(t.to_dict(), doc=doc) for t in report.triples]
    years = {doc: report.meta.year} if report.meta.year else None
    recs = from_seed_triples(rows, {doc: text}, source="weak", years=years)
    if recs:
        return recs[0]
    return {"id": doc, "text": text, "entities": [], "relations": [],
            "meta": {"doc": doc, "source": "weak", "year": report.meta.year, "scope_start": scope_start(text),
                     "scope_end": scope_end(text)}}


def weak_label_files(paths: Iterable) -> List[dict]:
    """Weak-label each UTF-8 text file (doc id = file stem)."""
    return [weak_label_text(Path(p).read_text(encoding="utf-8"), Path(p).stem) for p in paths]
