"""Schema-driven identities: parent = Σ children, subsets, equations, column sums."""
from __future__ import annotations

import textwrap

import pytest

from conftest import SEED_IDS, seed_text
from ie.records import Cell
from ie.reconcile import identities as ident
from ie.reconcile.identities import check_identities
from ie.segment.normalize import normalize
from ie.tables import parse_tables
from ie.tables.schema import load_template, load_template_file


def cell(metric, value, column=None, label=None):
    t = load_template("2014")
    label = label or (t.metric(metric).label if t.has_metric(metric) else metric)
    return Cell(metric, None, label, column, value, "" if value is None else str(value), None, None, None)


def test_seeds_give_exactly_the_one_known_violation(gold_reconcile):
    found = {}
    for doc in SEED_IDS:
        text = seed_text(doc)
        result = parse_tables(text, normalize(text))
        found[doc] = check_identities(result.cells, result.template)
    violations = [(d, f) for d, fs in found.items() for f in fs]
    assert len(violations) == 1
    doc, f = violations[0]
    assert doc == "000_79ef27311e66addd"
    gold_parent, gold_children, gold_left, gold_right = gold_reconcile[doc]["identity"][0]
    assert f.kind == "identity" and f.metric == "a.org.staff"
    assert f.table[0].label == gold_parent and [r.label for r in f.table[1:]] == gold_children
    assert (f.table[0].value, sum(r.value for r in f.table[1:])) == (gold_left, gold_right)
    assert gold_parent in f.message and "2" in f.message and "0" in f.message
    assert all(r.metric for r in f.table) and f.narrative == ()


def test_parent_equals_sum_of_children():
    ok = [cell("a.request.received", 10), cell("a.request.in_person", 1), cell("a.request.fax", 2),
          cell("a.request.online", 3), cell("a.request.letter", 4)]
    assert check_identities(ok, "2014") == []
    bad = ok[:-1] + [cell("a.request.letter", 5)]
    (f,) = check_identities(bad, "2014")
    assert f.metric == "a.request.received" and "10" in f.message and "11" in f.message
    assert [r.metric for r in f.table] == ["a.request.received", "a.request.in_person", "a.request.fax",
                                           "a.request.online", "a.request.letter"]


def test_unknown_operand_is_not_judged():
    cells = [cell("a.review.total", 8), cell("a.review.upheld", 5), cell("a.review.corrected", 1),
             cell("a.review.other", None)]
    assert check_identities(cells, "2014") == []
    assert check_identities(cells[:3], "2014") == []  # a missing row is unknown too


def test_usually_identities_are_not_judged():
    # A3 (answered = Σ outcomes), A5 (answered = concluded), A12 and A14 are "usually".
    cells = [cell("a.request.answered", 100), cell("a.request.concluded", 7),
             cell("a.request.already_public", 1), cell("a.request.granted", 1), cell("a.request.partly_granted", 1),
             cell("a.request.refused", 1), cell("a.request.not_held", 1), cell("a.request.not_exist", 1),
             cell("a.request.amend", 1), cell("a.request.other_channel", 1),
             cell("a.proactive.total", 999), cell("a.proactive.gazette", 1), cell("a.proactive.website", 1),
             cell("a.proactive.weibo", 1), cell("a.proactive.wechat", 1), cell("a.proactive.other", 1)]
    assert check_identities(cells, "2014") == []


def test_subset_row_cannot_exceed_parent():
    (f,) = check_identities([cell("a.response.press", 3), cell("a.response.press_leaders", 5)], "2014")
    assert f.metric == "a.response.press" and "3" in f.message and "5" in f.message
    assert check_identities([cell("a.response.press", 5), cell("a.response.press_leaders", 5)], "2014") == []


def test_no_template_no_findings():
    assert check_identities([cell("a.review.total", 1)], None) == []


SYNTHETIC = textwrap.dedent("""\
    template: "syn"
    tables:
      - id: 三
        columns:
          - {id: np, label: 自然人}
          - {id: ce, label: 商业企业}
          - {id: total, label: 总计}
        column_identities:
          - {parent: total, children: [np, ce], status: required}
        sections:
          - label: 三、收到和处理政府信息公开申请情况
            metrics:
              - {id: s.new, label: 一、本年新收政府信息公开申请数量, unit: 件}
              - {id: s.carried, label: 二、上年结转政府信息公开申请数量, unit: 件}
              - {id: s.done, label: (七)总计, unit: 件}
              - {id: s.next, label: 四、结转下年度继续办理, unit: 件}
    identities:
      - {id: B1, lhs: [s.new, s.carried], rhs: [s.done, s.next], relation: "=", per_column: true, status: required}
      - {id: X, lhs: [s.done], rhs: [s.new], relation: "<=", status: usually}
    """)


@pytest.fixture()
def synthetic(tmp_path, monkeypatch):
    path = tmp_path / "syn.yaml"
    path.write_text(SYNTHETIC, encoding="utf-8")
    template = load_template_file(path)
    monkeypatch.setattr(ident, "load_template", lambda tid: template)
    return template


def mcell(metric, column, value):
    return Cell(metric, None, metric, column, value, str(value), "件", None, None, table="三")


def test_per_column_identity(synthetic):
    cells = [mcell("s.new", "自然人", 10), mcell("s.carried", "自然人", 2), mcell("s.done", "自然人", 9),
             mcell("s.next", "自然人", 3),
             mcell("s.new", "商业企业", 1), mcell("s.carried", "商业企业", 0), mcell("s.done", "商业企业", 0),
             mcell("s.next", "商业企业", 0)]
    findings = check_identities(cells, "syn")
    assert len(findings) == 1
    assert findings[0].table[0].column == "商业企业" and "商业企业" in findings[0].message


def test_column_identity_per_row(synthetic):
    cells = [mcell("s.new", "自然人", 10), mcell("s.new", "商业企业", 2), mcell("s.new", "总计", 12),
             mcell("s.done", "自然人", 4), mcell("s.done", "商业企业", 1), mcell("s.done", "总计", 6)]
    findings = [f for f in check_identities(cells, "syn") if "总计" in f.message.split(",")[0]]
    assert len(findings) == 1 and findings[0].metric == "s.done"
    assert [r.value for r in findings[0].table] == [6, 4, 1]


def test_column_identity_skips_blank_cells(synthetic):
    cells = [mcell("s.new", "自然人", 10), mcell("s.new", "总计", 12),
             Cell("s.new", None, "s.new", "商业企业", None, "", "件", None, None, table="三")]
    assert check_identities(cells, "syn") == []
