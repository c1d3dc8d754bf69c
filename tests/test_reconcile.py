"""Reconciliation: golden expectations per seed (from gold inputs), scope traps, sums, percentages,
metadata, derived tables, robustness."""
from __future__ import annotations

import json
from decimal import Decimal
import re

import pytest

from conftest import GOLD, SEED_IDS
from helpers_gold import gold_report
from ie.errors import ResourceError
from ie.reconcile import reconcile
from ie.reconcile.compare import value_matches
from ie.reconcile.derive import template_for_year
from ie.reconcile.lexicon import load_lexicon, load_lexicon_file
from ie.reconcile.link import link_triples
from ie.records import FINDING_KINDS, Cell, Meta, Report, Triple, to_number

EXPECT = json.loads((GOLD / "seed_reconcile.json").read_text(encoding="utf-8"))
OPPOSITE = {"agree": "disagree", "disagree": "agree"}


def _norm(s: str) -> str:
    return re.sub(r"[\s()（）:：,，、\"“”]", "", s or "")


_RESULTS: dict = {}


def reconciled(doc: str) -> tuple:
    """(report, findings, derived, linked) of ``doc`` built from gold inputs, computed once."""
    if doc not in _RESULTS:
        r = gold_report(doc)
        issues: list = []
        findings, derived, linked = reconcile(r, issues=issues)
        _RESULTS[doc] = (r, findings, derived, linked, issues)
    return _RESULTS[doc]


def _cases():
    for doc, kinds in EXPECT.items():
        for kind in ("agree", "disagree", "identity"):
            for i, exp in enumerate(kinds.get(kind, [])):
                yield pytest.param(doc, kind, exp, id=f"{doc[:3]}-{kind}-{i}")


def quantity_span(text: str, phrase: str, triples) -> tuple:
    """The gold quantity span inside the expectation phrase (metric text + quantity)."""
    pos = text.find(phrase)
    assert pos >= 0, f"expectation phrase {phrase!r} not in the text"
    inside = [t for t in triples if pos <= t.start and t.end <= pos + len(phrase)]
    assert inside, f"no gold quantity inside {phrase!r}"
    t = inside[-1]
    return t.start, t.end


def _matches(finding, span, labels) -> bool:
    return (any((n.start, n.end) == span for n in finding.narrative)
            and any(_norm(t.label) in {_norm(lb) for lb in labels} for t in finding.table))


def check_expectation(doc: str, kind: str, exp: list, findings, report) -> None:
    if kind == "identity":
        parent, _children, parent_value, children_sum = exp
        hits = [f for f in findings if f.kind == "identity" and any(_norm(t.label) == _norm(parent) for t in f.table)]
        assert hits, f"no identity finding on {parent}"
        assert str(parent_value) in hits[0].message and str(children_sum) in hits[0].message
        return
    phrase, labels = exp[0], exp[1]
    span = quantity_span(report.text, phrase, report.triples)
    hits = [f for f in findings if f.kind == kind and _matches(f, span, labels)]
    assert hits, f"{kind} expected for {phrase} ~ {labels}; got " + "; ".join(
        f.kind + ": " + f.message for f in findings if any((n.start, n.end) == span for n in f.narrative))
    if kind == "disagree":
        narrative_value, table_value = exp[2], exp[3]
        assert hits[0].narrative[0].value == narrative_value
        assert any(t.value == table_value for t in hits[0].table)
    opposite = [f for f in findings if f.kind == OPPOSITE[kind] and _matches(f, span, labels)]
    assert not opposite, f"also {OPPOSITE[kind]}: {[f.message for f in opposite]}"


@pytest.mark.parametrize("doc,kind,exp", list(_cases()))
def test_seed_expectation_from_gold_inputs(doc, kind, exp):
    report, findings, _derived, _linked, _issues = reconciled(doc)
    check_expectation(doc, kind, exp, findings, report)


@pytest.mark.parametrize("doc", SEED_IDS)
def test_findings_follow_the_contract(doc):
    report, findings, derived, linked, issues = reconciled(doc)
    for f in findings:
        assert f.kind in FINDING_KINDS
        assert f.message and "\n" not in f.message
        for n in f.narrative:
            assert 0 <= n.start < n.end <= len(report.text)
    assert linked is not None and len(linked) == len(report.triples)
    for before, after in zip(report.triples, linked):
        assert (before.start, before.end, before.value, before.kind) == (after.start, after.end, after.value, after.kind)
    assert not [i for i in issues if i.code == "reconcile_error"]


def test_stated_totals_add_up():
    """003: 4782 = 3506 + 362 + 2 + 40 + 872; 002: 融媒体 2994 + 查阅点 833 = table 其他方式 3827."""
    _r, findings, *_ = reconciled("003_41c4ed6ffaa77de1")
    sums = [f for f in findings if f.kind == "narrative_sum"]
    assert any([n.value for n in f.narrative] == [4782, 3506, 362, 2, 40, 872] and "holds" in f.message for f in sums)
    _r, findings, *_ = reconciled("002_e9fe4faf6c2b1375")
    other = [f for f in findings if f.kind == "narrative_sum" and f.metric == "a.proactive.other"]
    assert other and sorted(n.value for n in other[0].narrative) == [833, 2994]
    assert other[0].table[0].value == 3827 and other[0].message.endswith("holds")


def test_review_parts_make_the_upheld_row():
    """001: 维持具体行政行为2件, 驳回3件 together are the 2014 row 维持具体行政行为数 5, never 2 ≠ 5."""
    _r, findings, *_ = reconciled("001_6202dfbafd518d6c")
    upheld = [f for f in findings if f.metric == "a.review.upheld"]
    assert [f.kind for f in upheld] == ["narrative_sum"]
    assert sorted(n.value for n in upheld[0].narrative) == [2, 3] and upheld[0].table[0].value == 5


def test_percentages_checked_against_their_numbers():
    _r, findings, *_ = reconciled("002_e9fe4faf6c2b1375")
    msgs = [f.message for f in findings if f.check == "percent"]
    assert any(m.startswith("95.4% = 352封 / 369封") and m.endswith("holds") for m in msgs)
    assert any(m.startswith("78.1% = 5641条 / 7221条") for m in msgs)


def test_filled_on_before_year_end_is_a_meta_finding():
    _r, findings, *_ = reconciled("000_79ef27311e66addd")
    meta = [f for f in findings if f.kind == "meta"]
    assert meta and "2018-01-25" in meta[0].message
    _r, findings, *_ = reconciled("001_6202dfbafd518d6c")
    assert not [f for f in findings if f.kind == "meta"]


def test_changes_shares_and_other_periods_are_never_compared_as_values():
    _r, findings, *_ = reconciled("001_6202dfbafd518d6c")
    for f in findings:
        if f.kind in ("agree", "disagree"):
            assert all(n.value not in (233800, 114, 58) for n in f.narrative)


@pytest.mark.parametrize("doc,expected", [
    ("003_41c4ed6ffaa77de1", {"a.proactive.total": 4782, "a.proactive.weibo": 2, "a.proactive.other": 872}),
    ("004_087a8e6c0d9ad53e", {"a.proactive.total": 3054, "a.proactive.weibo": 3175, "a.proactive.wechat": 88}),
])
def test_tableless_reports_get_derived_cells(doc, expected):
    report, _f, derived, _l, _i = reconciled(doc)
    got = {c.metric: c for c in derived}
    for metric, value in expected.items():
        assert got[metric].value == value and got[metric].source == "derived"
        c = got[metric]
        assert report.text[c.start:c.end] == c.raw
    _r, _f, derived_with_table, _l, _i = reconciled("001_6202dfbafd518d6c")
    assert derived_with_table == []


@pytest.mark.parametrize("year,template", [(2014, "2014"), (2018, "2014"), (2019, "2019"), (2020, "2019"),
                                           (2021, "2021"), (2023, "2021"), (2010, None), (None, None)])
def test_template_for_year(year, template):
    assert template_for_year(year) == template


# ------------------------------------------------------------------ synthetic traps (2019 era, scope)


def tri(text: str, quantity: str, metric_text: str, *, kind: str = "count", period: str = "2019", nth: int = 0,
        value=None, approx: bool = False, unit: str = "件") -> Triple:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quantity, start + 1)
    ms = text.rindex(metric_text, 0, start + 1) if metric_text in text[:start] else text.index(metric_text)
    digits = re.sub(r"[^\d.]", "", quantity)
    v = value if value is not None else to_number(digits)
    return Triple(quantity, start, start + len(quantity), v, "%" if kind == "percent" else unit, approx, kind,
                  metric_text, ms, ms + len(metric_text), period)


def t3(metric: str, value, column: str = "总计") -> Cell:
    return Cell(metric=metric, section=None, label=metric, column=column, value=value, raw=str(value), unit="件",
                start=None, end=None, table="三")


SHANGHAI = ("三、收到和处理政府信息公开申请情况\n"
            "2019年，共受理政府信息公开申请859件。答复政府信息公开申请805件（含上年度结转申请18件，"
            "另有72件申请顺延到下年度答复）。其中不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；"
            "不予处理158件，占19.6%。\n"
            "四、政府信息公开行政复议、行政诉讼情况\n全年行政复议7件，均获维持。")


def shanghai_report() -> Report:
    s = SHANGHAI
    triples = (tri(s, "859件", "受理政府信息公开申请"), tri(s, "805件", "答复政府信息公开申请"),
               tri(s, "18件", "上年度结转申请"), tri(s, "35件", "不予公开"), tri(s, "4.34%", "不予公开", kind="percent"),
               tri(s, "265件", "因本机关不掌握等原因无法提供"), tri(s, "32.9%", "因本机关不掌握等原因无法提供", kind="percent"),
               tri(s, "158件", "不予处理"), tri(s, "7件", "行政复议"))
    cells = (t3("t3.new", 859), t3("t3.carried_over", 18), t3("t3.total", 805), t3("t3.carry_forward", 72),
             t3("t3.refused.state_secret", 20), t3("t3.refused.third_party", 15),
             *[t3(m, 0) for m in ("t3.refused.law_prohibited", "t3.refused.three_safety", "t3.refused.internal",
                                  "t3.refused.process", "t3.refused.case_file", "t3.refused.query")],
             t3("t3.unable.not_held", 265), t3("t3.unable.needs_creation", 60), t3("t3.unable.unclear", 12),
             t3("t3.not_processed.petition", 100), t3("t3.not_processed.repeated", 58),
             *[t3(m, 0) for m in ("t3.not_processed.publication", "t3.not_processed.excessive",
                                  "t3.not_processed.confirmation")],
             Cell("t4.review", None, "行政复议", "总计", 7, "7", "件", None, None, table="四"),
             Cell("t4.review", None, "行政复议", "结果维持", 5, "5", "件", None, None, table="四"))
    return Report(text=s, meta=Meta(year=2019, template="2019"), cells=cells, triples=triples)


def _by_value(findings, kind):
    return {n.value for f in findings if f.kind == kind for n in f.narrative[:1]}


def test_2019_scope_traps():
    findings, derived, linked = reconcile(shanghai_report())
    metrics = {t.quantity_text: t.metric for t in linked}
    assert metrics["859件"] == "t3.new" and metrics["805件"] == "t3.total" and metrics["18件"] == "t3.carried_over"
    agree = _by_value(findings, "agree")
    # 答复…（含上年结转）= （七）总计; 不予公开 = Σ（三） rows; 无法提供265 = sub-row 1, not the （四） total 337
    assert {859, 805, 18, 35, 265, 158, 7} <= agree
    assert not _by_value(findings, "disagree")
    sub_row = [f for f in findings if f.kind == "agree" and f.narrative[0].value == 265]
    assert sub_row[0].metric == "t3.unable.not_held" and "both" in sub_row[0].message
    pct = [f.message for f in findings if f.check == "percent"]
    assert any(m.startswith("4.34% = 35件 / 805件") for m in pct)  # truncated, not rounded: tolerated
    assert any(m.startswith("32.9% = 265件 / 805件") for m in pct)
    assert derived == []


def test_2021_channels_are_narrative_only():
    s = "三、收到和处理政府信息公开申请情况\n2022年共收到申请1499件，其中网络申请1303件、信函申请172件、当面申请24件。"
    triples = (tri(s, "1499件", "收到申请", period="2022"), tri(s, "1303件", "网络申请", period="2022"),
               tri(s, "172件", "信函申请", period="2022"), tri(s, "24件", "当面申请", period="2022"))
    report = Report(text=s, meta=Meta(year=2022, template="2021"), cells=(t3("t3.new", 1499),), triples=triples)
    findings, _derived, linked = reconcile(report)
    assert linked[0].metric == "t3.new" and _by_value(findings, "agree") == {1499}
    only = {f.metric for f in findings if f.kind == "narrative_only"}
    assert {"a.request.online", "a.request.letter", "a.request.in_person"} <= only
    assert any(f.kind == "narrative_sum" and "holds" in f.message for f in findings)


def test_section_heading_decides_between_review_and_litigation():
    s = "五、行政复议情况\n全年结果维持2件。\n六、行政诉讼情况\n全年结果维持3件。"
    triples = (tri(s, "2件", "结果维持", period="2018"), tri(s, "3件", "结果维持", period="2018"))
    linked, _links = link_triples(s, triples, template="2014")
    assert [t.metric for t in linked] == ["a.review.upheld", "a.litigation.upheld"]


@pytest.mark.parametrize("value,approx,qt,table,ok", [
    (1200, True, "1200余条", 1250, True), (1200, True, "1200余条", 1100, False),
    (1000, True, "近1000件", 960, True), (1000, True, "近1000件", 1010, False),
    (100, True, "约100件", 96, True), (48, False, "48件", 68, False), (0, False, "0件", 0, True),
    (30, True, "30余次", 33, True),
])
def test_approximate_values_agree_inside_their_range(value, approx, qt, table, ok):
    assert value_matches(value, approx, qt, table, load_lexicon()) is ok


def test_approximate_value_is_not_a_conflict_for_rounding():
    s = "二、主动公开情况\n全年主动公开政府信息1200余条。"
    report = Report(text=s, meta=Meta(year=2018, template="2014"),
                    cells=(Cell("a.proactive.total", None, "(一)主动公开政府信息数", None, 1236, "1236", "条", None, None),),
                    triples=(tri(s, "1200余条", "主动公开政府信息", period="2018", value=1200, approx=True, unit="条"),))
    findings, _d, _l = reconcile(report)
    assert [f.kind for f in findings if f.kind in ("agree", "disagree")] == ["agree"]


@pytest.mark.parametrize("triple_kwargs", [
    dict(kind="change"), dict(kind="percent"), dict(period="cumulative"), dict(period="2018-12"),
])
def test_deltas_shares_and_other_periods_are_not_compared(triple_kwargs):
    s = "二、主动公开情况\n主动公开政府信息500条。"
    t = tri(s, "500条", "主动公开政府信息", period=triple_kwargs.get("period", "2018"),
            kind=triple_kwargs.get("kind", "count"), unit="条")
    report = Report(text=s, meta=Meta(year=2018, template="2014"),
                    cells=(Cell("a.proactive.total", None, "(一)主动公开政府信息数", None, 9999, "9999", "条", None, None),),
                    triples=(t,))
    findings, _d, linked = reconcile(report)
    assert linked[0].metric == "a.proactive.total"
    assert not [f for f in findings if f.kind in ("agree", "disagree")]


def test_reconcile_never_raises_on_odd_content():
    bad = Triple("9件", 500, 502, 9, "件", False, "count", "不存在", 900, 903, "2018")
    odd_cell = Cell("no.such.metric", None, None, "??", None, "", None, None, None)
    issues: list = []
    findings, derived, linked = reconcile(Report(text="短", meta=Meta(year=2018, template="1999"),
                                                 cells=(odd_cell,), triples=(bad,)), issues=issues)
    assert linked[0].metric is None
    assert reconcile(Report(text=""), issues=[]) == ([], [], None)


def test_lexicon_validation_names_file_key_and_value(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("metrics:\n  - id: no.such.metric\n    phrases: [申请]\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"bad.yaml: metrics\[0\]\.id='no.such.metric'"):
        load_lexicon_file(bad)
    bad.write_text("topics: {review: [复议]}\nmetrics:\n  - id: a.review.total\n    topic: nope\n    phrases: [x]\n",
                   encoding="utf-8")
    with pytest.raises(ResourceError, match="unknown topic"):
        load_lexicon_file(bad)


def test_lexicon_ids_all_exist_in_a_schema():
    lex = load_lexicon()
    assert lex.entries and all(e.metric in lex.metric_templates for e in lex.entries)


# ------------------------------------------------------------------ phrasing table (no context)

@pytest.mark.parametrize("metric_text,template,expected", [
    ("主动公开政府信息", "2014", "a.proactive.total"),
    ("通过政府网站公开政府信息", "2014", "a.proactive.website"),
    ("政务微博上高之声公开信息", "2014", "a.proactive.weibo"),
    ("微信公众号发布信息", "2014", "a.proactive.wechat"),
    ("召开新闻发布会", "2014", "a.response.press"),
    ("发布政策解读稿件", "2014", "a.response.interpretations"),
    ("受理政府信息公开申请", "2014", "a.request.received"),
    ("通过网上申请", "2014", "a.request.online"),
    ("按时办结", "2014", "a.request.on_time"),
    ("不同意公开", "2014", "a.request.refused"),
    ("同意部分公开", "2014", "a.request.partly_granted"),
    ("举办政务公开培训", "2014", "a.training.courses"),
    ("参训人员", "2014", "a.training.trainees"),
    ("被申请行政复议", "2014", "a.review.total"),
    ("行政诉讼案件", "2014", "a.litigation.total"),
    ("收到政府信息公开申请", "2019", "t3.new"),
    ("上年结转政府信息公开申请", "2021", "t3.carried_over"),
    ("答复政府信息公开申请", "2021", "t3.total"),
    ("结转下年度继续办理", "2021", "t3.carry_forward"),
    ("予以公开", "2021", "t3.granted"),
    ("不予处理", "2019", "t3.not_processed"),
    ("被申请行政复议", "2021", "t4.review"),
    ("被提起行政诉讼", "2021", "t4.suit_direct"),
    ("制发行政规范性文件", "2021", "t2_2021.normative_docs"),
    ("网络申请", "2021", "a.request.online"),  # no 2021 row: linked, narrative_only
    ("接处“96128”专线", "2014", None),
    ("开展重大事项公示", "2014", None),
    ("公开各类政府文件", "2014", None),
    ("政务微博上高发布关注人数", "2014", None),
    ("规范性文件", "2019", None),
])
def test_phrasing_links(metric_text, template, expected):
    from ie.reconcile.lexicon import fold
    from ie.reconcile.link import best_link

    lex = load_lexicon()
    link = best_link(fold(metric_text, lex), template=template, topics=set(), subset=False, lex=lex)
    assert (link.metric if link else None) == expected


def test_reconcile_survives_random_triples():
    import random

    rng = random.Random(7)
    base = gold_report("001_6202dfbafd518d6c")
    words = [t.metric_text for t in base.triples] + ["", "？", "数"]
    for _ in range(30):
        n = len(base.text)
        triples = []
        for _k in range(rng.randint(0, 12)):
            s = rng.randint(-5, n + 5)
            ms = rng.randint(-5, n + 5)
            triples.append(Triple("1件", s, s + rng.randint(0, 4), rng.choice([0, 1, 5, 154, 10 ** 9]), rng.choice(["件", "", "%"]),
                                  rng.random() < 0.3, rng.choice(["count", "money", "percent", "change", "other"]),
                                  rng.choice(words), ms, ms + rng.randint(0, 8), rng.choice(["2017", "2016", "cumulative"])))
        issues: list = []
        findings, _derived, linked = reconcile(Report(text=base.text, meta=base.meta, cells=base.cells,
                                                      triples=tuple(triples)), issues=issues)
        assert not [i for i in issues if i.code == "reconcile_error"], issues
        assert len(linked or ()) == len(triples)


@pytest.mark.parametrize("metric_text,template,expected", [
    ("受理依申请公开", "2014", ("a.request.received", None)),
    ("自然人申请", "2021", ("t3.new", "np")),
    ("法人或其他组织申请", "2021", ("t3.new", "ce")),
])
def test_phrasing_links_with_columns(metric_text, template, expected):
    from ie.reconcile.lexicon import fold
    from ie.reconcile.link import best_link

    lex = load_lexicon()
    link = best_link(fold(metric_text, lex), template=template, topics=set(), subset=False, lex=lex)
    assert (link.metric, link.column) == expected


def test_legal_person_applications_add_up_the_five_columns():
    s = "三、收到和处理政府信息公开申请情况\n2022年收到自然人申请80件，法人或其他组织申请20件。"
    cols = {"自然人": 80, "商业企业": 10, "科研机构": 2, "社会公益组织": 3, "法律服务机构": 4, "其他": 1}
    cells = tuple(t3("t3.new", v, column=c) for c, v in cols.items())
    triples = (tri(s, "80件", "自然人申请", period="2022"), tri(s, "20件", "法人或其他组织申请", period="2022"))
    findings, _d, _l = reconcile(Report(text=s, meta=Meta(year=2022, template="2021"), cells=cells, triples=triples))
    assert sorted(f.narrative[0].value for f in findings if f.kind == "agree") == [20, 80]


def test_share_checked_against_the_table_total_when_the_narrative_names_none():
    """Shanghai 2019: 予以公开258件，占33.9% — 258/805 = 32.0%: the percentage fits neither number."""
    s = "三、收到和处理政府信息公开申请情况\n2019年予以公开258件，占33.9%；当年不予处理158件，占19.6%。"
    triples = (tri(s, "258件", "予以公开"), tri(s, "33.9%", "予以公开", kind="percent"),
               tri(s, "158件", "不予处理"), tri(s, "19.6%", "不予处理", kind="percent"))
    cells = (t3("t3.total", 805), t3("t3.granted", 272), t3("t3.not_processed.petition", 158),
             *[t3(m, 0) for m in ("t3.not_processed.repeated", "t3.not_processed.publication",
                                  "t3.not_processed.excessive", "t3.not_processed.confirmation")])
    findings, _d, _l = reconcile(Report(text=s, meta=Meta(year=2019, template="2019"), cells=cells, triples=triples))
    pct = {f.narrative[0].value: f.message for f in findings if f.check == "percent"}
    assert pct[Decimal("33.9")].endswith("does not hold") and pct[Decimal("19.6")].endswith("holds")
    assert any(f.kind == "disagree" and f.narrative[0].value == 258 for f in findings)


@pytest.mark.parametrize("metric_text,template,expected", [
    ("主动公开政府信息", "2008-local", "l.proactive.total"),
    ("受理政府信息公开申请", "2008-local", "l.request.total"),
    ("市直部门政府网站", "2014", None),  # a pre-2014 row label never links outside its own template
    ("行政申诉", "2014", "a.complaint.total"),
])
def test_local_form_ids_link_only_in_local_reports(metric_text, template, expected):
    from ie.reconcile.lexicon import fold
    from ie.reconcile.link import best_link

    lex = load_lexicon()
    link = best_link(fold(metric_text, lex), template=template, topics=set(), subset=False, lex=lex)
    assert (link.metric if link else None) == expected


def test_people_counts_are_not_compared_with_event_counts():
    s = "九、会议和培训情况\n全年举办信息公开培训3次，培训300人次。"
    cells = (Cell("a.training.courses", None, "(二)举办各类培训班数", None, 3, "3", "次", None, None),)
    triples = (tri(s, "3次", "举办信息公开培训", period="2018", unit="次"),
               tri(s, "300人次", "培训", period="2018", unit="人次"))
    findings, _d, _l = reconcile(Report(text=s, meta=Meta(year=2018, template="2014"), cells=cells, triples=triples))
    assert [(f.kind, f.narrative[0].value) for f in findings if f.kind in ("agree", "disagree")] == [("agree", 3)]


def test_a_semicolon_closes_a_listed_sum():
    s = "三、依申请公开情况\n全年收到申请10件，其中当面申请4件、网络申请6件；办结12件，其中同意公开7件、不同意公开5件。"
    triples = tuple(tri(s, q, m, period="2018", nth=n) for q, m, n in [
        ("10件", "收到申请", 0), ("4件", "当面申请", 0), ("6件", "网络申请", 0), ("12件", "办结", 0),
        ("7件", "同意公开", 0), ("5件", "不同意公开", 0)])
    findings, _d, _l = reconcile(Report(text=s, meta=Meta(year=2018), triples=triples))
    sums = [f.message for f in findings if f.kind == "narrative_sum"]
    assert len(sums) == 2 and all(m.endswith("holds") for m in sums)


def test_unknown_year_derives_only_the_main_period():
    s = "全年主动公开政府信息500条。目前政务微博关注人数3290。2017年主动公开政府信息400条。"
    triples = (tri(s, "500条", "主动公开政府信息", period="2018", unit="条"),
               tri(s, "3290", "政务微博关注人数", period="cumulative", unit=""),
               tri(s, "400条", "主动公开政府信息", period="2017", unit="条", nth=0))
    _f, derived, _l = reconcile(Report(text=s, meta=Meta(), triples=triples))
    assert [(c.metric, c.value) for c in derived] == [("a.proactive.total", 500)]
