"""Panels: one row per value with provenance, written and read back as Parquet, CSV and JSONL."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import ie
from ie.errors import SettingsError
from ie.export.panel import COLUMNS, panel_rows, read_panel, write_panel
from ie.records import Cell, Finding, Meta, NarrativeRef, Report, TableRef, Triple

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "reports" / "002_e9fe4faf6c2b1375.txt"

TEXT = "2017年,回复率达95.4%。\n(一)收到申请数 | 件 | 7"


@pytest.fixture()
def report() -> Report:
    cell = Cell("b.requests.total", "三、依申请公开情况", "(一)收到申请数", None, 7, "7", "件", 27, 28, row=0, col=2)
    triple = Triple("95.4%", 10, 15, Decimal("95.4"), "%", False, "percent", "回复率", 6, 9, "2017")
    derived = Cell("a.proactive.total", None, None, None, 190000000, "1.9亿元", "元", None, None,
                   source="derived")
    finding = Finding("agree", "b.requests.total", (NarrativeRef(10, 15, Decimal("95.4")),),
                      (TableRef("(一)收到申请数", None, 7, "b.requests.total"),), "一致")
    return Report(TEXT, Meta(region="上高县", year=2017, template="2014"), cells=(cell,), triples=(triple,),
                  findings=(finding,), derived=(derived,), source="r.txt")


def test_rows_carry_provenance(report):
    rows = panel_rows(report)
    assert [r["source"] for r in rows] == ["table", "derived", "narrative"]
    table, derived, narrative = rows
    assert (table["start"], table["end"], table["row"], table["col"]) == (27, 28, 0, 2)
    assert table["period"] == "2017" and table["findings"] == "agree" and table["document"] == "r.txt"
    assert narrative["value"] == Decimal("95.4") and narrative["findings"] == "agree"
    assert TEXT[narrative["start"]:narrative["end"]] == "95.4%"
    assert derived["value"] == 190000000 and derived["findings"] == ""
    assert all(set(r) == set(COLUMNS) for r in rows)


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_round_trip(report, tmp_path, suffix):
    path = tmp_path / f"panel{suffix}"
    assert write_panel(panel_rows(report), path) == 3
    df = read_panel(path)
    assert list(df.columns) == list(COLUMNS)
    assert df["value"].tolist() == [7, 190000000, 95.4]
    assert df["period"].tolist() == ["2017"] * 3
    assert df["source"].tolist() == ["table", "derived", "narrative"]
    assert int(df["start"][0]) == 27 and df["region"][0] == "上高县"


def test_csv_keeps_exact_numbers(report, tmp_path):
    path = tmp_path / "p.csv"
    write_panel(panel_rows(report), path)
    text = path.read_text(encoding="utf-8-sig")
    assert ",95.4,%," in text and ",190000000,元," in text


def test_seed_panel_has_a_row_per_cell_and_triple(tmp_path):
    r = ie.load(SEED)
    rows = panel_rows(r)
    assert len(rows) == len(r.cells) + len(r.derived) + len(r.triples)
    for row in rows:
        if row["start"] is not None and row["source"] != "derived":
            assert r.text[row["start"]:row["end"]] == row["raw"]


def test_unknown_suffix_raises(tmp_path):
    with pytest.raises(SettingsError, match="panel.xlsx"):
        write_panel([], tmp_path / "panel.xlsx")
