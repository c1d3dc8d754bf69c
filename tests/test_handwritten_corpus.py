"""Validity of the hand-written training corpus (corpus/handwritten) and its annotated JSONL.

Gold validity only: fields, spans, the shared checker, and that the committed files are exactly what
``corpus/handwritten/build.py`` writes. Never pipeline or model quality.
"""
import importlib.util
import json
import os
import subprocess
import sys
from collections import defaultdict

import pytest

from ie.training.corpus import read_jsonl, to_seed_triples, validate_record

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HW = os.path.join(ROOT, "corpus", "handwritten")
REPORTS = os.path.join(HW, "reports")
GOLD = os.path.join(HW, "gold", "triples.jsonl")
JSONL = os.path.join(ROOT, "corpus", "annotated", "handwritten.jsonl")
CHECKER = os.path.join(ROOT, "corpus", "gold", "check_triples.py")

FIELDS = ["doc", "quantity_text", "start", "end", "value", "unit", "approx", "metric_text", "metric_start",
          "metric_end", "period", "kind"]
TYPES = {"doc": str, "quantity_text": str, "start": int, "end": int, "value": (int, float), "unit": str,
         "approx": bool, "metric_text": str, "metric_start": int, "metric_end": int, "period": str, "kind": str}
KINDS = {"count", "money", "percent", "change", "other"}


def _read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def _rows():
    with open(GOLD, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _docs():
    return sorted(n[:-4] for n in os.listdir(REPORTS) if n.endswith(".txt"))


def _build_module():
    spec = importlib.util.spec_from_file_location("hw_build", os.path.join(HW, "build.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_twenty_four_reports_and_enough_triples():
    docs = _docs()
    assert len(docs) == 36
    rows = _rows()
    assert len(rows) >= 1000
    per_doc = defaultdict(int)
    for r in rows:
        per_doc[r["doc"]] += 1
    assert set(per_doc) == set(docs)
    assert all(20 <= n <= 60 for n in per_doc.values()), per_doc


def test_fields_spans_and_values():
    texts = {d: _read(os.path.join(REPORTS, d + ".txt")) for d in _docs()}
    for r in _rows():
        assert list(r) == FIELDS, r
        for k, typ in TYPES.items():
            assert isinstance(r[k], typ) and not (isinstance(r[k], bool) and typ is not bool), (k, r)
        text = texts[r["doc"]]
        assert text[r["start"]:r["end"]] == r["quantity_text"], r
        assert text[r["metric_start"]:r["metric_end"]] == r["metric_text"], r
        assert not (r["metric_start"] < r["end"] and r["start"] < r["metric_end"]), r
        assert r["kind"] in KINDS
        assert r["period"] == "cumulative" or (len(r["period"]) in (4, 7) and r["period"][:4].isdigit()), r
        assert (r["unit"] == "%") == r["quantity_text"].endswith("%"), r
        if r["kind"] == "money":
            assert r["unit"] == "元", r
        if r["kind"] == "percent":
            assert r["unit"] == "%", r


def test_sorted_and_disjoint():
    rows = _rows()
    assert [(r["doc"], r["start"]) for r in rows] == sorted((r["doc"], r["start"]) for r in rows)
    by_doc = defaultdict(list)
    for r in rows:
        by_doc[r["doc"]].append(r)
    for doc, rs in by_doc.items():
        qspans = [(r["start"], r["end"]) for r in rs]
        for (s1, e1), (s2, e2) in zip(qspans, qspans[1:]):
            assert e1 <= s2, (doc, s1, s2)
        for r in rs:  # a metric span never overlaps any quantity span (one BIO sequence in the corpus)
            assert all(not (r["metric_start"] < e and s < r["metric_end"]) for s, e in qspans), r


def test_shared_checker_passes():
    out = subprocess.run([sys.executable, CHECKER, GOLD, REPORTS], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout
    assert out.stdout.strip().startswith("OK")


def test_corpus_records_match_the_gold():
    rows, records = _rows(), read_jsonl(JSONL)
    assert [rec["id"] for rec in records] == _docs()
    assert [r for rec in records for r in to_seed_triples(rec)] == rows
    by_doc = defaultdict(list)
    for r in rows:
        by_doc[r["doc"]].append(r)
    for rec in records:
        assert validate_record(rec) == []
        assert rec["meta"]["source"] == "handwritten"
        assert rec["text"] == _read(os.path.join(REPORTS, rec["id"] + ".txt"))
        assert rec["meta"]["year"] == int(rec["id"][-4:])
        ents = {e["id"]: e for e in rec["entities"]}
        qty = sorted((e["start"], e["end"]) for e in ents.values() if e["label"] == "QTY")
        assert qty == [(r["start"], r["end"]) for r in by_doc[rec["id"]]]
        metric = {(ents[x["tail"]]["start"], ents[x["tail"]]["end"]) for x in rec["relations"] if x["label"] == "metric"}
        assert metric == {(r["metric_start"], r["metric_end"]) for r in by_doc[rec["id"]]}
        spans = sorted((e["start"], e["end"]) for e in ents.values())
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), rec["id"]


def test_committed_files_are_what_build_writes(tmp_path):
    pytest.importorskip("opencc")
    build = _build_module()
    jsonl = tmp_path / "handwritten.jsonl"
    build.build(out_dir=str(tmp_path), jsonl_path=str(jsonl))
    assert _read(tmp_path / "gold" / "triples.jsonl") == _read(GOLD)
    assert _read(jsonl) == _read(JSONL)
    assert sorted(os.listdir(tmp_path / "reports")) == sorted(os.listdir(REPORTS))
    for name in os.listdir(REPORTS):
        assert _read(tmp_path / "reports" / name) == _read(os.path.join(REPORTS, name)), name
