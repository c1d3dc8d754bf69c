"""Validity of the probe gold sets (corpus/probe3, corpus/probe4): fields, spans, values, order, official
checker, reproducible build.

These tests check the gold files only, never any extractor's output on them. The probes are evaluation
sets: do not tune rules, lexicons, synthetic phrasing or training data on their texts.
"""
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECKER = os.path.join(ROOT, "corpus", "gold", "check_triples.py")
BUILD = os.path.join(ROOT, "corpus", "gold", "build_probe.py")
# probe: (reports, least rows, fewest and most rows a report)
PROBES = {"probe3": (6, 180, 25, 45), "probe4": (4, 160, 38, 45), "probe5": (4, 150, 36, 46), "probe6": (4, 165, 38, 46)}
SEED_GOLD = os.path.join(ROOT, "corpus", "gold", "seed_triples.jsonl")

FIELDS = {"doc": str, "quantity_text": str, "start": int, "end": int, "value": (int, float), "unit": str,
          "approx": bool, "metric_text": str, "metric_start": int, "metric_end": int, "period": str, "kind": str}
KINDS = {"count", "money", "percent", "change", "other"}
PERIOD_RE = re.compile(r"^(\d{4}(-(0[1-9]|1[0-2]))?|cumulative)$")
APPROX_MARKERS = ("余", "多", "近", "约", "以上", "以下", "左右", "超过", "至少")


def _read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


@pytest.fixture(params=sorted(PROBES), autouse=True)
def probe(request):
    """Point the module's paths at one probe set; every test runs once per probe."""
    global NAME, PROBE, REPORTS, GOLD, SRC
    NAME = request.param
    PROBE = os.path.join(ROOT, "corpus", NAME)
    REPORTS, GOLD, SRC = (os.path.join(PROBE, d) for d in ("reports", "gold", "src"))
    return NAME


def _triples():
    return [json.loads(line) for line in _read(os.path.join(GOLD, "triples.jsonl")).splitlines() if line.strip()]


def _docs():
    return sorted(n[:-4] for n in os.listdir(REPORTS) if n.endswith(".txt"))


def test_reports_and_enough_triples():
    n_docs, least, low, high = PROBES[NAME]
    docs = _docs()
    assert len(docs) == n_docs
    rows = _triples()
    assert len(rows) >= least
    per_doc = defaultdict(int)
    for r in rows:
        per_doc[r["doc"]] += 1
    assert set(per_doc) == set(docs)
    for d, n in per_doc.items():
        assert low <= n <= high, (d, n)


def test_reports_are_the_sources_and_have_no_table():
    for d in _docs():
        text = _read(os.path.join(REPORTS, d + ".txt"))
        assert text == _read(os.path.join(SRC, d + ".txt")), d
        assert "政府信息公开情况统计表" not in text, d
        assert 2000 <= len(text) <= 4500, (d, len(text))


def test_field_order_matches_the_seed_gold():
    seed_keys = list(json.loads(_read(SEED_GOLD).splitlines()[0]))
    for line in _read(os.path.join(GOLD, "triples.jsonl")).splitlines():
        assert list(json.loads(line)) == seed_keys


def test_triple_fields_and_spans():
    texts = {d: _read(os.path.join(REPORTS, d + ".txt")) for d in _docs()}
    for r in _triples():
        assert set(r) == set(FIELDS), r
        for k, typ in FIELDS.items():
            assert isinstance(r[k], typ) and not (isinstance(r[k], bool) and typ is not bool), (k, r)
        text = texts[r["doc"]]
        assert 0 <= r["start"] < r["end"] <= len(text)
        assert text[r["start"]:r["end"]] == r["quantity_text"], r
        assert text[r["metric_start"]:r["metric_end"]] == r["metric_text"], r
        assert r["metric_text"].strip() == r["metric_text"] and r["metric_text"], r
        assert not (r["metric_start"] < r["end"] and r["start"] < r["metric_end"]), r
        assert r["kind"] in KINDS
        assert PERIOD_RE.match(r["period"]), r
        if r["kind"] == "money":
            assert r["unit"] == "元"
        if r["kind"] == "percent":
            assert r["quantity_text"].endswith("%")
        assert (r["unit"] == "%") == r["quantity_text"].endswith("%")
        assert r["approx"] == any(m in r["quantity_text"] for m in APPROX_MARKERS), r


def test_periods_are_near_the_report_year():
    for r in _triples():
        year = int(r["doc"][-4:])
        if r["period"] != "cumulative":
            assert abs(int(r["period"][:4]) - year) <= 1, r


def test_values_positive_and_money_scaled():
    for r in _triples():
        assert r["value"] >= 0, r
        q = r["quantity_text"]
        if r["kind"] == "money" and "万" in q:
            digits = Decimal(re.search(r"\d+(?:\.\d+)?", q).group())
            assert Decimal(str(r["value"])) == digits * 10000, r
        if r["kind"] == "money" and "亿" in q:
            digits = Decimal(re.search(r"\d+(?:\.\d+)?", q).group())
            assert Decimal(str(r["value"])) == digits * 100000000, r


def test_triples_sorted_and_disjoint():
    rows = _triples()
    keys = [(r["doc"], r["start"]) for r in rows]
    assert keys == sorted(keys)
    by_doc = defaultdict(list)
    for r in rows:
        by_doc[r["doc"]].append((r["start"], r["end"]))
    for spans in by_doc.values():
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            assert e1 <= s2


def test_every_ann_line_became_a_row():
    rows = _triples()
    for d in _docs():
        lines = [ln for ln in _read(os.path.join(SRC, d + ".ann")).splitlines()
                 if ln.strip() and not ln.startswith("#")]
        assert len(lines) == sum(1 for r in rows if r["doc"] == d), d


def test_meta():
    meta = json.loads(_read(os.path.join(GOLD, "meta.json")))
    assert sorted(m["doc"] for m in meta) == _docs()
    for m in meta:
        assert set(m) == {"doc", "title", "region", "year", "template"}
        text = _read(os.path.join(REPORTS, m["doc"] + ".txt"))
        assert m["title"] in text and m["region"] in text
        assert str(m["year"]) in m["title"] and m["template"] is None


def test_official_checker_passes():
    out = subprocess.run([sys.executable, CHECKER, os.path.join(GOLD, "triples.jsonl"), REPORTS],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip().splitlines()[-1].startswith("OK")


def test_build_is_reproducible(tmp_path):
    """Rebuilding from src/ gives byte-identical gold (offsets are computed, never typed)."""
    import shutil
    work = tmp_path / NAME
    shutil.copytree(PROBE, work, ignore=shutil.ignore_patterns("reports", "gold", "__pycache__"))
    out = subprocess.run([sys.executable, BUILD, str(work)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert (work / "gold" / "triples.jsonl").read_text(encoding="utf-8") == \
        _read(os.path.join(GOLD, "triples.jsonl"))
