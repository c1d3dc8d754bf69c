"""Seed reconciliation expectations met end-to-end: table parser + metadata + narrative rules +
reconcile, through ``ie.extract`` (no gold inputs)."""
from __future__ import annotations

import pytest

import ie
from conftest import SEED_IDS, seed_text
from test_reconcile import EXPECT, OPPOSITE, _cases, _norm

_REPORTS: dict = {}


def extracted(doc: str):
    if doc not in _REPORTS:
        _REPORTS[doc] = ie.extract(seed_text(doc), method="rules", source=doc)
    return _REPORTS[doc]


def _about(finding, span, labels) -> bool:
    """The finding's narrative side lies inside the expectation phrase and its table side has a label."""
    return (any(span[0] <= n.start and n.end <= span[1] for n in finding.narrative)
            and any(_norm(t.label) in {_norm(lb) for lb in labels} for t in finding.table))


@pytest.mark.parametrize("doc,kind,exp", list(_cases()))
def test_seed_expectation_end_to_end(doc, kind, exp):
    report = extracted(doc)
    if kind == "identity":
        parent, _children, parent_value, children_sum = exp
        hits = [f for f in report.findings
                if f.kind == "identity" and any(_norm(t.label) == _norm(parent) for t in f.table)]
        assert hits and str(parent_value) in hits[0].message and str(children_sum) in hits[0].message
        return
    pos = report.text.find(exp[0])
    span = (pos, pos + len(exp[0]))
    hits = [f for f in report.findings if f.kind == kind and _about(f, span, exp[1])]
    assert hits, f"{kind} expected for {exp[0]}: " + "; ".join(
        f"{f.kind}: {f.message}" for f in report.findings if any(span[0] <= n.start < span[1] for n in f.narrative))
    if kind == "disagree":
        assert hits[0].narrative[0].value == exp[2] and any(t.value == exp[3] for t in hits[0].table)
    assert not [f for f in report.findings if f.kind == OPPOSITE[kind] and _about(f, span, exp[1])]


@pytest.mark.parametrize("doc", SEED_IDS)
def test_every_seed_contributes_to_the_panel(doc):
    """A report with a table has cells; one without has derived cells; reconcile never errors."""
    report = extracted(doc)
    assert report.cells or report.derived
    assert not [i for i in report.issues if i.code in ("reconcile_error", "internal_error")]
    for c in report.derived:
        assert c.source == "derived" and report.text[c.start:c.end] == c.raw


def test_expectations_cover_the_seeds_with_tables():
    assert set(EXPECT) <= set(SEED_IDS)


SHANGHAI_NARRATIVE = ("全年共收到政府信息公开申请859件。上年结转申请18件。全年答复申请805件。结转下年度继续办理72件。"
                      "全年被申请行政复议7件，被提起行政诉讼9件，结果维持8件。")


def test_2019_report_end_to_end():
    """A 2019 matrix table (the Shanghai fixture) with narrative numbers: 受理/收到 = 一 总计,
    答复 = （七）总计, 行政诉讼 = 直接起诉 + 复议后起诉; 主动公开 totals have no 2019 row."""
    from pathlib import Path

    text = (Path(__file__).parent / "fixtures" / "tables" / "matrix_2019_shanghai.txt").read_text(encoding="utf-8")
    text = text.replace("全年共收到政府信息公开申请，均在法定期限内答复。", SHANGHAI_NARRATIVE)
    report = ie.extract(text, method="rules")
    assert report.meta.template == "2019"
    agree = {(f.metric, f.narrative[0].value) for f in report.findings if f.kind == "agree"}
    assert {("t3.new", 859), ("t3.carried_over", 18), ("t3.total", 805), ("t3.carry_forward", 72),
            ("t4.review", 7), ("t4.suit_direct", 9), ("t4.suit_direct", 8)} <= agree
    assert not [f for f in report.findings if f.kind == "disagree"]
    assert "a.proactive.total" in {f.metric for f in report.findings if f.kind == "narrative_only"}


def test_tableless_2020_report_derives_era_b_cells():
    """A 2020 narrative without its tables: cells of the 2019 template, never a single column for a
    sum of columns (法人或其他组织), never a 2021-only table 二 id, and the stated sums checked."""
    from pathlib import Path

    text = (Path(__file__).parent / "fixtures" / "reconcile" / "tableless_2020.txt").read_text(encoding="utf-8")
    report = ie.extract(text, method="rules")
    derived = {(c.metric, c.column): c.value for c in report.derived}
    assert derived[("t3.new", "总计")] == 126 and derived[("t3.total", "总计")] == 125
    assert derived[("t3.unable", "总计")] == 30 and derived[("t4.review", "总计")] == 2
    assert ("t3.new", "商业企业") not in derived
    assert not [m for m, _c in derived if m.startswith("t2_2021")]
    assert any(f.kind == "narrative_sum" and f.narrative[0].value == 12563 and f.message.endswith("holds")
               for f in report.findings)


def test_tableless_2016_report_derives_era_a_cells():
    """A 2016 narrative in the wording of era-A reports: each stated row becomes a derived 2014 cell; a
    bare rate (办结率100%) is never judged against an unrelated pair of numbers."""
    from pathlib import Path

    text = (Path(__file__).parent / "fixtures" / "reconcile" / "tableless_2016.txt").read_text(encoding="utf-8")
    report = ie.extract(text, method="rules")
    derived = {c.metric: c.value for c in report.derived}
    expected = {"a.proactive.total": 35621, "a.proactive.weibo": 3210, "a.response.hotspots": 126,
                "a.response.press": 23, "a.response.press_leaders": 8, "a.request.received": 89,
                "a.request.online": 61, "a.request.granted": 45, "a.review.total": 3, "a.org.staff": 186,
                "a.org.staff_part_time": 144, "a.training.courses": 15, "a.training.trainees": 1200}
    assert {k: derived.get(k) for k in expected} == expected
    assert not [f for f in report.findings if f.check == "percent"]
    sums = [f for f in report.findings if f.kind == "narrative_sum"]
    assert len(sums) >= 3 and all(f.message.endswith("holds") for f in sums)
