"""Validity of the held-out dev corpus gold (corpus/dev): spans, fields, tables, meta.

These tests check the gold files only, never the pipeline's output on them
(pipeline quality on the dev set is measured in corpus/dev/PROBE.md).
"""
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from decimal import Decimal

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEV = os.path.join(ROOT, "corpus", "dev")
REPORTS = os.path.join(DEV, "reports")
GOLD = os.path.join(DEV, "gold")
CHECKER = os.path.join(ROOT, "corpus", "gold", "check_triples.py")
SEED_TABLES = os.path.join(ROOT, "corpus", "gold", "seed_tables.json")

FIELDS = {"doc": str, "quantity_text": str, "start": int, "end": int, "value": (int, float), "unit": str,
          "approx": bool, "metric_text": str, "metric_start": int, "metric_end": int, "period": str, "kind": str}
KINDS = {"count", "money", "percent", "change", "other"}
TRADITIONAL_DOC = "dev_04_trad_2023"


def _read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def _triples():
    with open(os.path.join(GOLD, "triples.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _tables():
    return json.loads(_read(os.path.join(GOLD, "tables.json")))


def _meta():
    return json.loads(_read(os.path.join(GOLD, "meta.json")))


def _docs():
    return sorted(n[:-4] for n in os.listdir(REPORTS) if n.endswith(".txt"))


def test_eight_reports_and_enough_triples():
    assert len(_docs()) == 8
    rows = _triples()
    assert len(rows) >= 150
    assert {r["doc"] for r in rows} == set(_docs())


def test_triple_fields_and_spans():
    texts = {d: _read(os.path.join(REPORTS, d + ".txt")) for d in _docs()}
    for r in _triples():
        assert set(r) == set(FIELDS), r
        for k, typ in FIELDS.items():
            assert isinstance(r[k], typ) and not (isinstance(r[k], bool) and typ is not bool), (k, r)
        text = texts[r["doc"]]
        assert text[r["start"]:r["end"]] == r["quantity_text"], r
        assert text[r["metric_start"]:r["metric_end"]] == r["metric_text"], r
        assert not (r["metric_start"] < r["end"] and r["start"] < r["metric_end"]), r
        assert r["kind"] in KINDS
        assert r["period"] == "cumulative" or (len(r["period"]) in (4, 7) and r["period"][:4].isdigit())
        if r["kind"] == "money":
            assert r["unit"] == "元"
        assert (r["unit"] == "%") == r["quantity_text"].endswith("%")


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


def test_official_checker_passes(tmp_path):
    """check_triples.py reads simplified characters only; the traditional report is checked through a
    character-for-character t2s conversion (same offsets)."""
    opencc = pytest.importorskip("opencc")
    t2s = opencc.OpenCC("t2s").convert
    rep = tmp_path / "reports"
    rep.mkdir()
    for d in _docs():
        text = _read(os.path.join(REPORTS, d + ".txt"))
        if d == TRADITIONAL_DOC:
            conv = t2s(text)
            assert len(conv) == len(text)
            text = conv
        (rep / (d + ".txt")).write_text(text, encoding="utf-8")
    gold = tmp_path / "triples.jsonl"
    with open(gold, "w", encoding="utf-8") as f:
        for r in _triples():
            if r["doc"] == TRADITIONAL_DOC:
                r = dict(r, quantity_text=t2s(r["quantity_text"]), metric_text=t2s(r["metric_text"]))
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = subprocess.run([sys.executable, CHECKER, str(gold), str(rep)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_untouched_checker_passes_on_simplified_docs(tmp_path):
    gold = tmp_path / "triples.jsonl"
    with open(gold, "w", encoding="utf-8") as f:
        for r in _triples():
            if r["doc"] != TRADITIONAL_DOC:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = subprocess.run([sys.executable, CHECKER, str(gold), REPORTS], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


# ------------------------------------------------------------------ tables
T3_COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T4_COLS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def _cells(tab):
    return {(r["section"], r["label"], r.get("column")): r["value"] for r in tab["rows"]}


def test_tables_well_formed():
    tables = _tables()
    assert len(tables) == 6
    for tab in tables:
        assert set(tab) == {"doc", "template", "year", "rows"}
        assert tab["template"] in ("2014", "2019", "2021")
        assert os.path.isfile(os.path.join(REPORTS, tab["doc"] + ".txt"))
        keys = Counter((r["section"], r["label"], r.get("column")) for r in tab["rows"])
        assert max(keys.values()) == 1, tab["doc"]
        for r in tab["rows"]:
            want = {"section", "label", "unit", "value"} | ({"column"} if tab["template"] != "2014" else set())
            assert set(r) == want, r
            assert r["value"] is None or (isinstance(r["value"], (int, float)) and not isinstance(r["value"], bool))


def test_era_a_tables_use_the_seed_labels():
    seed = [(r["section"], r["label"], r["unit"]) for r in json.loads(_read(SEED_TABLES))[0]["rows"]]
    for tab in _tables():
        if tab["template"] == "2014":
            assert [(r["section"], r["label"], r["unit"]) for r in tab["rows"]] == seed


def test_matrix_identities_hold():
    """B1, B2, B3, B5 hold in every 2019/2021 gold table (no error was planted there)."""
    for tab in _tables():
        if tab["template"] not in ("2019", "2021"):
            continue
        sec3 = "三、收到和处理政府信息公开申请情况"
        rows3 = defaultdict(dict)
        for r in tab["rows"]:
            if r["section"] == sec3:
                rows3[r["label"]][r["column"]] = r["value"]
        labels = list(rows3)
        assert len(labels) == (23 if tab["template"] == "2019" else 25)
        for label, row in rows3.items():
            assert list(row) == T3_COLS
            assert row["总计"] == sum(row[c] for c in T3_COLS[:-1]), (tab["doc"], label)
        new, carried, total, cf = labels[0], labels[1], labels[-2], labels[-1]
        outcomes = labels[2:-2]
        for c in T3_COLS:
            assert rows3[new][c] + rows3[carried][c] == rows3[total][c] + rows3[cf][c]
            assert rows3[total][c] == sum(rows3[o][c] for o in outcomes)
        sec4 = [r for r in tab["rows"] if r["section"].startswith("四、")]
        assert len(sec4) == 15
        for i in range(0, 15, 5):
            block = [r["value"] for r in sec4[i:i + 5]]
            assert [r["column"] for r in sec4[i:i + 5]] == T4_COLS
            assert block[4] == sum(block[:4])


def test_era_a_identities_hold_but_the_planted_error():
    for tab in _tables():
        if tab["template"] != "2014":
            continue
        v = [r["value"] or 0 for r in tab["rows"]]
        assert v[16] == v[17] + v[18] + v[19] + v[20]  # A1
        assert v[39] == v[40] + v[41] + v[42]  # A7
        assert v[43] == v[44] + v[45] + v[46]  # A8
        assert v[51] == v[52] + v[53]  # A10
        a2 = v[21] == v[22] + v[23]
        if tab["doc"] == "dev_06_chrome_2018":
            assert not a2  # planted on purpose: 申请办结数 45 vs 按时 44 + 延期 0
        else:
            assert a2


def test_table_values_are_printed_in_the_report():
    """Every non-null gold cell value appears in its report's table area (weak but catches drift)."""
    for tab in _tables():
        text = _read(os.path.join(REPORTS, tab["doc"] + ".txt")).replace(",", "")
        for r in tab["rows"]:
            if r["value"] is not None:
                s = str(Decimal(str(r["value"])).normalize()) if isinstance(r["value"], float) else str(r["value"])
                assert s in text, (tab["doc"], r)


def test_meta_gold():
    meta = _meta()
    assert sorted(m["doc"] for m in meta) == _docs()
    tmpl = {t["doc"]: t["template"] for t in _tables()}
    for m in meta:
        assert set(m) == {"doc", "title", "region", "year", "template"}
        text = _read(os.path.join(REPORTS, m["doc"] + ".txt"))
        assert m["title"] in text
        assert m["region"] in text
        assert m["template"] == tmpl.get(m["doc"])
        assert str(m["year"]) in m["title"]


# ------------------------------------------------------------------ late held-out set (corpus/dev/late)
LATE = os.path.join(DEV, "late")


@pytest.mark.skipif(not os.path.isdir(os.path.join(LATE, "gold")), reason="late set not present")
def test_late_set_gold_is_valid():
    docs = sorted(n[:-4] for n in os.listdir(os.path.join(LATE, "reports")) if n.endswith(".txt"))
    texts = {d: _read(os.path.join(LATE, "reports", d + ".txt")) for d in docs}
    rows = [json.loads(line) for line in _read(os.path.join(LATE, "gold", "triples.jsonl")).splitlines() if line]
    assert {r["doc"] for r in rows} == set(docs)
    for r in rows:
        assert set(r) == set(FIELDS), r
        text = texts[r["doc"]]
        assert text[r["start"]:r["end"]] == r["quantity_text"]
        assert text[r["metric_start"]:r["metric_end"]] == r["metric_text"]
        assert not (r["metric_start"] < r["end"] and r["start"] < r["metric_end"])
        assert r["kind"] in KINDS
        assert r["period"] == "cumulative" or r["period"][:4].isdigit()
    tables = json.loads(_read(os.path.join(LATE, "gold", "tables.json")))
    for tab in tables:
        assert tab["doc"] in texts and tab["template"] in ("2014", "2019", "2021")
        keys = Counter((r["section"], r["label"], r.get("column")) for r in tab["rows"])
        assert max(keys.values()) == 1
    meta = json.loads(_read(os.path.join(LATE, "gold", "meta.json")))
    assert sorted(m["doc"] for m in meta) == docs
    for m in meta:
        assert m["title"] in texts[m["doc"]] and m["region"] in texts[m["doc"]]
