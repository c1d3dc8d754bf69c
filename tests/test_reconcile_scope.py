"""Reconciliation scope: a disagree finding must be trustworthy.

Each test is a small synthetic report (own wording, regions and numbers) with a table whose cells make a
wrong link visible: the quantity links to the cell its words name (a column, a sub-row, the sum of two
rows, the local form's row) or stays unlinked (a pending count, a subset picked out by who did it); it
is never compared with a cell of a wider or other scope. Traditional-character prose links like
simplified prose.
"""
from __future__ import annotations

import re

import pytest

from ie.errors import ResourceError
from ie.reconcile import reconcile
from ie.reconcile.lexicon import fold, load_lexicon, load_lexicon_file, normalize_text
from ie.reconcile.link import best_link, link_triples
from ie.records import Cell, Meta, Report, Triple, to_number


def tri(text: str, quantity: str, metric_text: str, *, period: str, kind: str = "count", unit: str = "件",
        nth: int = 0, approx: bool = False) -> Triple:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quantity, start + 1)
    ms = text.rindex(metric_text, 0, start + 1) if metric_text in text[:start] else text.index(metric_text, start)
    v = to_number(re.sub(r"[^\d.]", "", quantity))
    return Triple(quantity, start, start + len(quantity), v, "%" if kind == "percent" else unit, approx, kind,
                  metric_text, ms, ms + len(metric_text), period)


def cell(metric: str, value, column=None, unit: str = "件", table=None) -> Cell:
    return Cell(metric=metric, section=None, label=metric, column=column, value=value, raw=str(value), unit=unit,
                start=None, end=None, table=table)


def judged(findings) -> list:
    """(kind, first narrative value, table metric, table column) of every agree/disagree."""
    return sorted((f.kind, f.narrative[0].value, f.table[0].metric if f.table else None,
                   f.table[0].column if f.table else None)
                  for f in findings if f.kind in ("agree", "disagree") and f.check is None)


def run(text: str, year: int, template: str, triples, cells=()) -> tuple:
    """reconcile() of a report made of ``text``, its triples and table cells."""
    return reconcile(Report(text=text, meta=Meta(year=year, template=template), cells=tuple(cells),
                            triples=tuple(triples)))


def disagrees(findings) -> list:
    return [f.message for f in findings if f.kind == "disagree"]


T3_COLS = {"np": "自然人", "ce": "商业企业", "ri": "科研机构", "so": "社会公益组织", "ls": "法律服务机构", "ot": "其他",
           "total": "总计"}


def t3_row(metric: str, **values) -> tuple:
    return tuple(cell(metric, v, T3_COLS[c], table="三") for c, v in values.items())


# ------------------------------------------------------------------ traditional characters


def test_traditional_prose_is_folded_like_the_tables():
    lex = load_lexicon()
    assert fold("受理政府資訊公開申請", lex) == fold("受理政府信息公开申请", lex)
    assert fold("共答覆", lex) == "共答复" and fold("覆盖", lex) == "覆盖"  # 覆 alone stays (覆盖)
    text = "行政複議：全年答覆１２件"
    assert len(normalize_text(text, lex)) == len(text)


def test_traditional_report_links_and_agrees():
    s = ("三、收到和處理政府資訊公開申請情況\n2022年本機關共受理政府資訊公開申請305件，比上年增加17件；"
         "已答覆298件，其中予以公開140件，部分公開36件。\n"
         "四、政府資訊公開行政複議、行政訴訟情況\n被申請行政複議4件，其中維持3件；行政複議糾正1件。")
    y = "2022"
    triples = (tri(s, "305件", "受理政府資訊公開申請", period=y), tri(s, "17件", "受理政府資訊公開申請", period=y,
                                                                 kind="change"),
               tri(s, "298件", "已答覆", period=y), tri(s, "140件", "予以公開", period=y),
               tri(s, "36件", "部分公開", period=y), tri(s, "4件", "被申請行政複議", period=y),
               tri(s, "3件", "維持", period=y), tri(s, "1件", "行政複議糾正", period=y))
    cells = (*t3_row("t3.new", total=305), *t3_row("t3.total", total=298), *t3_row("t3.granted", total=140),
             *t3_row("t3.partial", total=36),
             cell("t4.review", 4, "总计", table="四"), cell("t4.review", 3, "结果维持", table="四"),
             cell("t4.review", 1, "结果纠正", table="四"), cell("t4.review", 0, "其他结果", table="四"))
    findings, _d, linked = run(s, 2022, "2021", triples, cells)
    assert [t.metric for t in linked] == ["t3.new", "t3.new", "t3.total", "t3.granted", "t3.partial", "t4.review",
                                          "t4.review", "t4.review"]
    assert not disagrees(findings)
    assert {v for k, v, *_ in judged(findings) if k == "agree"} == {305, 298, 140, 36, 4, 3, 1}
    # the change (17件) is linked but never compared with the year's cell
    assert all(f.narrative[0].value != 17 for f in findings if f.kind in ("agree", "disagree"))


# ------------------------------------------------------------------ two rows named together


def test_two_rows_joined_are_compared_with_their_sum():
    s = "三、收到和处理政府信息公开申请情况\n本年度全部公开和部分公开共计88件，不予公开6件。"
    triples = (tri(s, "88件", "全部公开和部分公开", period="2021"), tri(s, "6件", "不予公开", period="2021"))
    cells = (*t3_row("t3.granted", total=71), *t3_row("t3.partial", total=17),
             *[c for m in ("t3.refused.state_secret", "t3.refused.law_prohibited", "t3.refused.three_safety",
                           "t3.refused.third_party", "t3.refused.internal", "t3.refused.process",
                           "t3.refused.case_file", "t3.refused.query") for c in t3_row(m, total=0)])
    cells = cells[:2] + (cell("t3.refused.third_party", 6, "总计", table="三"),) + tuple(
        c for c in cells[2:] if c.metric != "t3.refused.third_party")
    findings, _d, _l = run(s, 2021, "2021", triples, cells)
    assert not disagrees(findings)
    agree88 = [f for f in findings if f.kind == "agree" and f.narrative[0].value == 88]
    assert agree88 and {r.metric for r in agree88[0].table} == {"t3.granted", "t3.partial"}


def test_two_era_a_rows_joined():
    s = "三、依申请公开情况\n同意公开和同意部分公开的共31件。"
    t = tri(s, "31件", "同意公开和同意部分公开", period="2017")
    cells = (cell("a.request.granted", 24), cell("a.request.partly_granted", 7))
    findings, _d, _l = run(s, 2017, "2014", (t,), cells)
    assert [k for k, *_ in judged(findings)] == ["agree"]


# ------------------------------------------------------------------ applicant columns of table 三


def test_applicant_types_link_to_their_columns_never_the_total():
    s = ("三、收到和处理政府信息公开申请情况\n全年新收申请90件，其中公民个人申请70件、公司申请12件、高校申请3件、"
         "律所申请4件、其他组织申请1件。")
    y = "2020"
    triples = (tri(s, "90件", "新收申请", period=y), tri(s, "70件", "公民个人申请", period=y),
               tri(s, "12件", "公司申请", period=y), tri(s, "3件", "高校申请", period=y),
               tri(s, "4件", "律所申请", period=y), tri(s, "1件", "其他组织申请", period=y))
    cells = t3_row("t3.new", np=70, ce=12, ri=3, so=0, ls=4, ot=1, total=90)
    findings, _d, linked = run(s, 2020, "2019", triples, cells)
    assert not disagrees(findings)
    got = {(v, col) for k, v, _m, col in judged(findings) if k == "agree"}
    assert got == {(90, "总计"), (70, "自然人"), (12, "商业企业"), (3, "科研机构"), (4, "法律服务机构"), (1, "其他")}


def test_an_applicant_count_that_disagrees_names_its_column():
    s = "三、收到和处理政府信息公开申请情况\n2021年受理申请60件，其中企业申请9件。"
    triples = (tri(s, "60件", "受理申请", period="2021"), tri(s, "9件", "企业申请", period="2021"))
    cells = t3_row("t3.new", np=53, ce=7, ri=0, so=0, ls=0, ot=0, total=60)
    findings, _d, _l = run(s, 2021, "2021", triples, cells)
    assert [(v, col) for k, v, _m, col in judged(findings) if k == "disagree"] == [(9, "商业企业")]


def test_applicant_counts_take_the_row_the_sentence_is_about():
    s = "三、收到和处理政府信息公开申请情况\n经审查，予以公开40件，其中自然人33件，企业7件；不予处理5件。"
    y = "2022"
    triples = (tri(s, "40件", "予以公开", period=y), tri(s, "33件", "自然人", period=y), tri(s, "7件", "企业", period=y))
    cells = (*t3_row("t3.granted", np=33, ce=7, ri=0, so=0, ls=0, ot=0, total=40),
             *t3_row("t3.new", np=50, ce=9, ri=0, so=0, ls=0, ot=0, total=59))
    findings, _d, linked = run(s, 2022, "2021", triples, cells)
    assert [t.metric for t in linked] == ["t3.granted"] * 3
    assert not disagrees(findings)
    assert {(v, m, col) for k, v, m, col in judged(findings)} == {
        (40, "t3.granted", "总计"), (33, "t3.granted", "自然人"), (7, "t3.granted", "商业企业")}


def test_two_applicant_types_in_one_count_are_not_linked():
    lex = load_lexicon()
    assert best_link(fold("自然人和企业申请", lex), template="2021", topics=set(), subset=False, lex=lex) is None
    # an applicant word used in passing does not make a column
    assert best_link(fold("公开企业信用信息", lex), template="2021", topics=set(), subset=False, lex=lex) is None


# ------------------------------------------------------------------ outcomes of review and litigation


@pytest.mark.parametrize("words,column", [
    ("行政复议维持", "结果维持"), ("复议结果纠正", "结果纠正"), ("行政复议尚未审结", "尚未审结"), ("行政复议被纠错", "结果纠正"),
])
def test_review_outcome_words_name_the_column(words, column):
    s = f"四、行政复议、行政诉讼情况\n本年度被申请行政复议6件，{words}2件。"
    triples = (tri(s, "6件", "被申请行政复议", period="2020"), tri(s, "2件", words, period="2020"))
    cells = tuple(cell("t4.review", v, c, table="四") for c, v in
                  (("结果维持", 2 if column == "结果维持" else 4), ("结果纠正", 2 if column == "结果纠正" else 0),
                   ("其他结果", 0), ("尚未审结", 2 if column == "尚未审结" else 0), ("总计", 6)))
    cells = tuple(c for c in cells)
    findings, _d, _l = run(s, 2020, "2019", triples, cells)
    assert not disagrees(findings)
    assert (2, column) in {(v, col) for k, v, _m, col in judged(findings) if k == "agree"}


def test_litigation_outcome_is_not_the_litigation_total():
    s = "四、行政复议、行政诉讼情况\n全年被提起行政诉讼5件，行政诉讼纠正1件。"
    triples = (tri(s, "5件", "被提起行政诉讼", period="2023"), tri(s, "1件", "行政诉讼纠正", period="2023"))
    cells = tuple(cell(m, v, c, table="四") for m, c, v in (
        ("t4.suit_direct", "总计", 4), ("t4.suit_direct", "结果纠正", 1), ("t4.suit_after_review", "总计", 1),
        ("t4.suit_after_review", "结果纠正", 0)))
    findings, _d, _l = run(s, 2023, "2021", triples, cells)
    assert not disagrees(findings)
    assert sorted(v for k, v, *_ in judged(findings) if k == "agree") == [1, 5]


# ------------------------------------------------------------------ era A: channel, pending, subsets


def test_responses_through_microblog_and_wechat_are_that_row():
    s = ("二、回应解读情况\n全年依托政务微博、微信回应社会关切26次。\n"
         "全县共回应公众关注热点40次。")
    triples = (tri(s, "26次", "回应社会关切", period="2017", unit="次"),
               tri(s, "40次", "回应公众关注热点", period="2017", unit="次"))
    cells = (cell("a.response.social_media", 26, unit="次"), cell("a.response.hotspots", 40, unit="次"))
    findings, _d, linked = run(s, 2017, "2014", triples, cells)
    assert [t.metric for t in linked] == ["a.response.social_media", "a.response.hotspots"]
    assert not disagrees(findings)


def test_a_channel_named_in_an_earlier_sentence_does_not_capture_a_later_response():
    s = "二、回应解读情况\n政务微博发布信息300条，全年回应社会关切26次。"
    triples = (tri(s, "300条", "政务微博发布信息", period="2017", unit="条"),
               tri(s, "26次", "回应社会关切", period="2017", unit="次"))
    linked, _l = link_triples(s, triples, template="2014")
    assert linked[1].metric == "a.response.hotspots"


@pytest.mark.parametrize("sentence,pending", [
    ("共收到申请64件，已答复60件，另有4件尚未答复。", "尚未答复"),
    ("共收到申请64件，已答复60件，另有4件申请尚在答复期内。", "申请尚在答复期内"),
    ("共收到申请64件，已答复60件，余下4件未到法定答复期限。", "未到法定答复期限"),
])
def test_a_pending_count_is_never_compared(sentence, pending):
    s = "三、依申请公开情况\n" + sentence
    triples = (tri(s, "64件", "收到申请", period="2016"), tri(s, "60件", "已答复", period="2016"),
               tri(s, "4件", pending, period="2016"))
    cells = (cell("a.request.received", 64), cell("a.request.concluded", 60), cell("a.request.answered", 60))
    findings, _d, linked = run(s, 2016, "2014", triples, cells)
    assert linked[2].metric is None
    assert not disagrees(findings)
    assert {v for k, v, *_ in judged(findings) if k == "agree"} == {64, 60}


def test_a_subset_picked_out_by_who_chaired_is_not_compared_with_all_meetings():
    s = "九、会议和培训情况\n分管领导三次主持召开政务公开工作会议；全年共召开政务公开工作会议5次。"
    m1 = s.index("主持召开政务公开工作会议")
    m2 = s.rindex("召开政务公开工作会议")
    triples = (Triple("三次", s.index("三次"), s.index("三次") + 2, 3, "次", False, "count", "主持召开政务公开工作会议",
                      m1, m1 + len("主持召开政务公开工作会议"), "2015"),
               Triple("5次", s.index("5次"), s.index("5次") + 2, 5, "次", False, "count", "召开政务公开工作会议",
                      m2, m2 + len("召开政务公开工作会议"), "2015"))
    cells = (cell("a.training.meetings", 5, unit="次"),)
    findings, _d, linked = run(s, 2015, "2014", triples, cells)
    assert linked[0].metric is None and linked[1].metric == "a.training.meetings"
    assert judged(findings) == [("agree", 5, "a.training.meetings", None)]


def test_a_scope_word_the_row_itself_names_is_no_narrowing():
    s = "二、回应解读情况\n全年举办新闻发布会9次，其中主要负责同志参加新闻发布会4次。"
    triples = (tri(s, "9次", "举办新闻发布会", period="2018", unit="次"),
               tri(s, "4次", "主要负责同志参加新闻发布会", period="2018", unit="次"))
    cells = (cell("a.response.press", 9, unit="次"), cell("a.response.press_leaders", 4, unit="次"))
    findings, _d, linked = run(s, 2018, "2014", triples, cells)
    assert [t.metric for t in linked] == ["a.response.press", "a.response.press_leaders"]
    assert {v for k, v, *_ in judged(findings) if k == "agree"} == {9, 4} and not disagrees(findings)


def test_channel_counts_above_the_deduplicated_total_are_no_conflict():
    s = "一、主动公开情况\n全年主动公开政府信息900条，其中网站公开800条，政务微信公开300条。"
    triples = (tri(s, "900条", "主动公开政府信息", period="2016", unit="条"),
               tri(s, "800条", "网站公开", period="2016", unit="条"),
               tri(s, "300条", "政务微信公开", period="2016", unit="条"))
    findings, _d, _l = run(s, 2016, "2014", triples)
    assert not [f for f in findings if f.kind == "narrative_sum" and "does not hold" in f.message]
    # a partition that does not add up still does
    s2 = "三、依申请公开情况\n全年收到申请30件，其中当面申请20件，网络申请15件。"
    t2 = (tri(s2, "30件", "收到申请", period="2016"), tri(s2, "20件", "当面申请", period="2016"),
          tri(s2, "15件", "网络申请", period="2016"))
    findings, _d, _l = run(s2, 2016, "2014", t2)
    assert any(f.kind == "narrative_sum" and "does not hold" in f.message for f in findings)


# ------------------------------------------------------------------ pre-2014 local forms


def test_local_form_report_links_2014_wording_to_its_own_rows():
    s = "二、依申请公开情况\n2010年，全区受理信息公开申请37件，答复申请35件。"
    triples = (tri(s, "37件", "受理信息公开申请", period="2010"), tri(s, "35件", "答复申请", period="2010"))
    cells = (cell("l.request.total", 37, unit="条"), cell("l.request.total", 240, "历年累计", unit="条"),
             cell("l.reply.total", 35, unit="条"), cell("l.reply.total", 230, "历年累计", unit="条"))
    findings, _d, linked = run(s, 2010, "2008-local", triples, cells)
    assert [t.metric for t in linked] == ["l.request.total", "l.reply.total"]
    assert judged(findings) == [("agree", 35, "l.reply.total", None), ("agree", 37, "l.request.total", None)]


def test_2014_ids_stay_in_2014_reports():
    lex = load_lexicon()
    link = best_link(fold("受理信息公开申请", lex), template="2014", topics=set(), subset=False, lex=lex)
    assert link.metric == "a.request.received"


# ------------------------------------------------------------------ never compared: deltas, shares, periods


@pytest.mark.parametrize("kind,period", [("change", "2022"), ("percent", "2022"), ("count", "2021"),
                                         ("count", "cumulative")])
def test_applicant_column_deltas_shares_and_other_periods_are_not_compared(kind, period):
    s = "三、收到和处理政府信息公开申请情况\n公司申请15件。"
    t = tri(s, "15件", "公司申请", period=period, kind=kind)
    cells = t3_row("t3.new", ce=99, total=150)
    findings, _d, linked = run(s, 2022, "2021", (t,), cells)
    assert linked[0].metric == "t3.new"
    assert not judged(findings)


# ------------------------------------------------------------------ the data file is validated


def test_new_lexicon_keys_are_validated(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("fold: {variants: {答覆: 答}}\nmetrics:\n  - id: a.review.total\n    phrases: [复议]\n",
                   encoding="utf-8")
    with pytest.raises(ResourceError, match="same length"):
        load_lexicon_file(bad)
    bad.write_text("counterparts: {a.request.received: no.such.id}\nmetrics:\n  - id: a.review.total\n"
                   "    phrases: [复议]\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="no.such.id"):
        load_lexicon_file(bad)
    bad.write_text("applicant_columns: {row: t3.new, columns: [{column: nope, cues: [企业]}]}\nmetrics:\n"
                   "  - id: a.review.total\n    phrases: [复议]\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="applicant_columns"):
        load_lexicon_file(bad)


def test_a_mis_kinded_change_or_mis_dated_prior_count_is_not_judged():
    """The narrative rules may read "较上年的60件增加15件" as counts of the report year: the words right
    before each number say otherwise, so neither is compared with the year's cell."""
    s = "三、收到和处理政府信息公开申请情况\n2022年受理申请75件，较上年的60件增加15件；比去年同期多近10件。"
    triples = (tri(s, "75件", "受理申请", period="2022"), tri(s, "60件", "受理申请", period="2022"),
               tri(s, "15件", "受理申请", period="2022"), tri(s, "10件", "受理申请", period="2022", approx=True))
    findings, derived, linked = run(s, 2022, "2021", triples, t3_row("t3.new", total=75))
    assert [t.metric for t in linked] == ["t3.new"] * 4
    assert judged(findings) == [("agree", 75, "t3.new", "总计")]
    _f, derived, _l = run(s, 2022, "2021", triples)
    assert [(c.metric, c.value) for c in derived] == [("t3.new", 75)]


def test_respective_shares_pair_with_their_counts_in_order():
    s = "三、收到和处理政府信息公开申请情况\n全年收到申请50件，其中自然人申请45件、法人或其他组织申请5件，分别占90%和10%。"
    y = "2020"
    triples = (tri(s, "50件", "收到申请", period=y), tri(s, "45件", "自然人申请", period=y),
               tri(s, "5件", "法人或其他组织申请", period=y), tri(s, "90%", "法人或其他组织申请", period=y, kind="percent"),
               tri(s, "10%", "法人或其他组织申请", period=y, kind="percent"))
    findings, _d, _l = run(s, 2020, "2019", triples)
    pct = sorted(f.message for f in findings if f.check == "percent")
    assert pct == ["10% = 5件 / 50件 (10.00%): holds", "90% = 45件 / 50件 (90.00%): holds"]


def test_words_left_before_the_metric_text_still_scope_it():
    """The narrative rules may leave the applicant type or the first half of a pair before the metric text:
    "；公司申请12件" with metric 申请, "全部或部分公开" with metric 或部分公开."""
    s = "三、收到和处理政府信息公开申请情况\n2021年受理申请60件；公司申请7件。全部或部分公开44件。"
    y = "2021"
    ms = s.index("公司申请") + 2  # the metric text is 申请 alone
    triples = (tri(s, "60件", "受理申请", period=y),
               Triple("7件", s.index("7件"), s.index("7件") + 2, 7, "件", False, "count", "申请", ms, ms + 2, y),
               tri(s, "44件", "或部分公开", period=y))
    cells = (*t3_row("t3.new", np=53, ce=7, ri=0, so=0, ls=0, ot=0, total=60), *t3_row("t3.granted", total=40),
             *t3_row("t3.partial", total=4))
    findings, _d, _l = run(s, 2021, "2021", triples, cells)
    assert not disagrees(findings)
    assert {(v, col) for k, v, _m, col in judged(findings)} == {(60, "总计"), (7, "商业企业"), (44, "总计")}


@pytest.mark.parametrize("sentence,metric_text", [
    ("答复申请80件，其中在法定期限内答复78件。", "法定期限内答复"),   # no 2019 row for on-time answers
    ("答复申请80件，另有5件申请正在办理中。", "申请"),               # the pending cue comes after the number
])
def test_a_timing_or_pending_qualifier_anywhere_in_the_clause_blocks(sentence, metric_text):
    s = "三、收到和处理政府信息公开申请情况\n" + sentence
    q = re.findall(r"\d+件", sentence)[1]
    triples = (tri(s, "80件", "答复申请", period="2020"), tri(s, q, metric_text, period="2020"))
    cells = (*t3_row("t3.total", total=80), *t3_row("t3.new", total=85))
    findings, _d, linked = run(s, 2020, "2019", triples, cells)
    assert linked[1].metric is None
    assert judged(findings) == [("agree", 80, "t3.total", "总计")]


def test_a_bare_total_word_is_not_the_total_row():
    s = "三、收到和处理政府信息公开申请情况\n予以公开30件，部分公开6件，两项合计36件。"
    triples = (tri(s, "30件", "予以公开", period="2019"), tri(s, "6件", "部分公开", period="2019"),
               tri(s, "36件", "合计", period="2019"))
    cells = (*t3_row("t3.granted", total=30), *t3_row("t3.partial", total=6), *t3_row("t3.total", total=90))
    findings, _d, linked = run(s, 2019, "2019", triples, cells)
    assert linked[2].metric is None and not disagrees(findings)
    assert any(f.kind == "narrative_sum" and f.message.endswith("holds") for f in findings)


def test_one_channel_or_one_kind_of_meeting_is_a_part_of_its_either_or_row():
    """4.微博微信回应事件数 and 召开…工作会议或专题会议数 count either kind: one kind alone is a part, which
    agrees when it equals the row and is never a conflict when smaller; two channels above the row overlap."""
    s = ("二、回应解读情况\n全年回应公众关注热点52次，其中通过政务微博回应20次；政务微信回应18次。\n"
         "九、会议和培训情况\n召开工作会议4次，其中专题会议3次。")
    y = "2016"
    triples = (tri(s, "52次", "回应公众关注热点", period=y, unit="次"), tri(s, "20次", "通过政务微博回应", period=y, unit="次"),
               tri(s, "18次", "政务微信回应", period=y, unit="次"), tri(s, "3次", "专题会议", period=y, unit="次"))
    cells = (cell("a.response.hotspots", 52, unit="次"), cell("a.response.social_media", 30, unit="次"),
             cell("a.training.meetings", 4, unit="次"))
    findings, _d, linked = run(s, 2016, "2014", triples, cells)
    assert [t.metric for t in linked] == ["a.response.hotspots", "a.response.social_media", "a.response.social_media",
                                          "a.training.meetings"]
    assert judged(findings) == [("agree", 52, "a.response.hotspots", None)]
    assert not [f for f in findings if "does not hold" in f.message]
    # both channels named together are the whole row
    s2 = "二、回应解读情况\n依托政务微博和微信回应网民诉求30次。"
    t2 = (tri(s2, "30次", "回应网民诉求", period=y, unit="次"),)
    findings, _d, _l = run(s2, 2016, "2014", t2, cells[1:2])
    assert judged(findings) == [("agree", 30, "a.response.social_media", None)]


def test_a_system_wide_count_is_not_the_agency_table():
    s = "三、依申请公开情况\n全系统共受理政府信息公开申请320件，其中本局机关受理41件。"
    triples = (tri(s, "320件", "受理政府信息公开申请", period="2017"),)
    findings, _d, linked = run(s, 2017, "2014", triples, (cell("a.request.received", 41),))
    assert linked[0].metric is None and not judged(findings)


def test_a_clause_ending_in_zhong_frames_the_row_of_applicant_counts():
    s = "三、收到和处理政府信息公开申请情况\n在已答复的申请中，公民申请62件，社会团体申请3件。"
    y = "2021"
    triples = (tri(s, "62件", "公民申请", period=y), tri(s, "3件", "社会团体申请", period=y))
    cells = (*t3_row("t3.total", np=62, so=3, total=65), *t3_row("t3.new", np=70, so=4, total=74))
    findings, _d, linked = run(s, 2021, "2021", triples, cells)
    assert [t.metric for t in linked] == ["t3.total", "t3.total"]
    assert {(v, col) for k, v, _m, col in judged(findings) if k == "agree"} == {(62, "自然人"), (3, "社会公益组织")}
    assert not disagrees(findings)


def test_a_metric_text_written_after_another_number_is_not_lent_to_the_next():
    """"其中3件维持、1件撤销": 维持 belongs to 3件; lent to 1件 it would be a false conflict."""
    s = "四、行政复议、行政诉讼情况\n全年被申请行政复议4件，其中3件维持、1件撤销。"
    m = s.index("维持")
    triples = (tri(s, "4件", "被申请行政复议", period="2022"),
               Triple("3件", s.index("3件"), s.index("3件") + 2, 3, "件", False, "count", "维持", m, m + 2, "2022"),
               Triple("1件", s.index("1件"), s.index("1件") + 2, 1, "件", False, "count", "维持", m, m + 2, "2022"))
    cells = tuple(cell("t4.review", v, c, table="四") for c, v in (("结果维持", 3), ("结果纠正", 1), ("总计", 4)))
    findings, _d, linked = run(s, 2022, "2021", triples, cells)
    assert [t.metric for t in linked] == ["t4.review", "t4.review", None] and not disagrees(findings)


@pytest.mark.parametrize("metric_text,template,expected", [
    ("受理政府資訊公開申請", "2021", "t3.new"),          # 資訊 = 信息
    ("全年共答覆", "2019", "t3.total"),                  # 覆 stays 覆 character by character
    ("被申請行政複議", "2021", "t4.review"),
    ("舉辦新聞釋出會", "2014", "a.response.press"),      # Taiwan wording: 釋出 = 发布
    ("網路申請", "2014", "a.request.online"),            # 網路 = 网络
    ("透過入口網站公開政府資訊", "2014", "a.proactive.website"),
    ("制發規範性檔案", "2014", "a.proactive.normative_issued"),
])
def test_traditional_and_taiwan_wordings_link_like_mainland_ones(metric_text, template, expected):
    lex = load_lexicon()
    link = best_link(fold(metric_text, lex), template=template, topics=set(), subset=False, lex=lex)
    assert link is not None and link.metric == expected


def test_a_workload_count_may_be_new_plus_carried_over():
    """"共需办理/处理N件" may be the outcomes (七) or new + carried over (一 + 二): either agrees, and the
    message says which; a number fitting neither is still a disagreement."""
    s = "三、收到和处理政府信息公开申请情况\n本年度共处理政府信息公开申请96件。"
    cells = (*t3_row("t3.new", total=90), *t3_row("t3.carried_over", total=6), *t3_row("t3.total", total=93))
    findings, _d, _l = run(s, 2022, "2021", (tri(s, "96件", "处理政府信息公开申请", period="2022"),), cells)
    assert [f.kind for f in findings if f.kind in ("agree", "disagree")] == ["agree"]
    s2 = s.replace("96件", "97件")
    findings, _d, _l = run(s2, 2022, "2021", (tri(s2, "97件", "处理政府信息公开申请", period="2022"),), cells)
    assert [f.kind for f in findings if f.kind in ("agree", "disagree")] == ["disagree"]


def test_a_subject_subset_is_not_the_row_but_a_reason_in_brackets_is_no_subset():
    s = "三、依申请公开情况\n收到申请52件，其中涉及房屋征收的申请19件；不同意公开3件（均涉及商业秘密）。"
    y = "2015"
    triples = (tri(s, "52件", "收到申请", period=y), tri(s, "19件", "涉及房屋征收的申请", period=y),
               tri(s, "3件", "不同意公开", period=y))
    cells = (cell("a.request.received", 52), cell("a.request.answered", 50), cell("a.request.refused", 3))
    findings, _d, linked = run(s, 2015, "2014", triples, cells)
    assert linked[1].metric is None
    assert judged(findings) == [("agree", 3, "a.request.refused", None), ("agree", 52, "a.request.received", None)]


def test_training_the_public_is_not_the_staff_trainees_row():
    lex = load_lexicon()
    assert best_link(fold("培训纳税人", lex), template="2014", topics=set(), subset=False, lex=lex,
                     unit_group="people") is None
    assert best_link(fold("培训", lex), template="2014", topics=set(), subset=False, lex=lex,
                     unit_group="people").metric == "a.training.trainees"


@pytest.mark.parametrize("metric_text,template,expected", [
    ("作出行政许可决定", "2019", ("t2_2019.licensing", "decisions")),
    ("行政处罚决定", "2019", ("t2_2019.penalty", "decisions")),
    ("政府集中采购项目", "2019", ("t2_2019.procurement", "purchases")),
    ("新公开规范性文件", "2019", ("t2_2019.normative_docs", "new_published")),
    ("作出行政许可决定", "2021", ("t2_2021.licensing", "decisions")),
])
def test_2019_table_two_phrasings_name_their_column(metric_text, template, expected):
    lex = load_lexicon()
    link = best_link(fold(metric_text, lex), template=template, topics=set(), subset=False, lex=lex)
    assert (link.metric, link.column) == expected


def test_a_column_share_is_not_judged_against_a_guessed_total():
    """"其中自然人33件，占82.5%": of all granted, or of all answered? With no total stated, not judged."""
    s = "三、收到和处理政府信息公开申请情况\n予以公开40件，其中自然人33件，占82.5%。"
    y = "2022"
    triples = (tri(s, "33件", "自然人", period=y), tri(s, "82.5%", "自然人", period=y, kind="percent"))
    cells = (*t3_row("t3.granted", np=33, total=40), *t3_row("t3.total", np=60, total=70))
    findings, _d, _l = run(s, 2022, "2021", triples, cells)
    assert not [f for f in findings if f.check == "percent"]


def test_carried_to_next_year_fits_row_four_but_other_next_year_counts_are_not_compared():
    s = "三、收到和处理政府信息公开申请情况\n另有9件结转至2023年继续办理。2023年力争受理申请100件以内。"
    triples = (tri(s, "9件", "结转至", period="2023"), tri(s, "100件", "受理申请", period="2023"))
    cells = (*t3_row("t3.carry_forward", total=9), *t3_row("t3.new", total=80))
    findings, _d, linked = run(s, 2022, "2021", triples, cells)
    assert [t.metric for t in linked] == ["t3.carry_forward", "t3.new"]
    assert judged(findings) == [("agree", 9, "t3.carry_forward", "总计")]


def test_two_names_with_one_number_each_or_respectively():
    s = ("四、行政复议、行政诉讼情况\n全年行政复议、行政诉讼分别为4件、1件。2022年行政复议和行政诉讼各2件。"
         "被申请行政复议和提起行政诉讼案件共5件。")
    m1 = (s.index("行政复议、行政诉讼分别"), s.index("行政复议、行政诉讼分别") + len("行政复议、行政诉讼"))
    q = [(m.start(), m.end()) for m in re.finditer(r"\d件", s)]
    def t(k, metric_span, value, period="2022"):
        return Triple(s[q[k][0]:q[k][1]], q[k][0], q[k][1], value, "件", False, "count",
                      s[metric_span[0]:metric_span[1]], metric_span[0], metric_span[1], period)
    m2 = (s.index("行政复议和行政诉讼各"), s.index("行政复议和行政诉讼各") + len("行政复议和行政诉讼"))
    m3 = (s.index("被申请行政复议和"), s.index("被申请行政复议和") + len("被申请行政复议和提起行政诉讼案件"))
    triples = (t(0, m1, 4), t(1, m1, 1), t(2, m2, 2), t(3, m3, 5))
    cells = tuple(cell(m, v, "总计", table="四") for m, v in (("t4.review", 4), ("t4.suit_direct", 1),
                                                             ("t4.suit_after_review", 0)))
    findings, _d, linked = run(s, 2022, "2021", triples, cells)
    assert [x.metric for x in linked[:3]] == ["t4.review", "t4.suit_direct", None]
    assert not disagrees(findings)
    assert {v for k, v, *_ in judged(findings) if k == "agree"} == {4, 1, 5}  # 5 = the two joined


@pytest.mark.parametrize("sentence,value,metric_text,expected", [
    # the clause names the channel row; the metric text only the verb
    ("通过其他渠道公开政府信息41条。", 41, "公开政府信息", [("agree", 41, "a.proactive.other", None)]),
    ("通过广播电视等其他方式回应社会关切7次。", 7, "回应社会关切", [("agree", 7, "a.response.other", None)]),
    # several channels named: a count over them, never one channel's row; over all of them it is the total
    ("依托门户网站、政务微信等渠道共主动公开政府信息2210条。", 2210, "主动公开政府信息",
     [("agree", 2210, "a.proactive.total", None)]),
    # some channels only: a part of the total, not judged against it
    ("通过政务微博、微信公开政府信息800条。", 800, "公开政府信息", []),
])
def test_channels_named_in_the_clause_scope_the_count(sentence, value, metric_text, expected):
    s = "一、主动公开情况\n" + sentence
    q = f"{value}条" if "条" in sentence else f"{value}次"
    t = tri(s, q, metric_text, period="2017", unit=q[-1])
    cells = (cell("a.proactive.total", 2210, unit="条"), cell("a.proactive.other", 41, unit="条"),
             cell("a.proactive.website", 1500, unit="条"), cell("a.proactive.wechat", 700, unit="条"),
             cell("a.proactive.weibo", 300, unit="条"), cell("a.response.other", 7, unit="次"),
             cell("a.response.hotspots", 40, unit="次"))
    findings, _d, _l = run(s, 2017, "2014", (t,), cells)
    assert judged(findings) == expected


def test_a_listed_count_naming_the_same_cell_as_its_total_is_a_part():
    s = "三、依申请公开情况\n全年共受理申请64件，其中县政府办公室受理申请9件，县直部门受理55件。"
    y = "2016"
    triples = (tri(s, "64件", "受理申请", period=y), tri(s, "9件", "县政府办公室受理申请", period=y),
               tri(s, "55件", "县直部门受理", period=y))
    findings, _d, linked = run(s, 2016, "2014", triples, (cell("a.request.received", 64),))
    assert [t.metric for t in linked[:2]] == ["a.request.received"] * 2
    assert judged(findings) == [("agree", 64, "a.request.received", None)]
    assert any(f.kind == "narrative_sum" and f.message.endswith("holds") for f in findings)


@pytest.mark.parametrize("sentence,judged_as", [
    ("2021年，县政府办公室受理政府信息公开申请9件。", []),                      # one body of the county government
    ("2021年，我局受理政府信息公开申请64件。", [("agree", 64, "t3.new", "总计")]),    # the reporting body itself
    ("2021年，嘉善县交通运输局受理政府信息公开申请64件。", [("agree", 64, "t3.new", "总计")]),  # its own name
])
def test_a_count_of_another_body_is_a_part(sentence, judged_as):
    s = "嘉善县交通运输局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + sentence
    q = re.search(r"\d+件", sentence).group()
    t = tri(s, q, "受理政府信息公开申请", period="2021")
    report = Report(text=s, meta=Meta(year=2021, template="2021", title="嘉善县交通运输局2021年政府信息公开工作年度报告"),
                    cells=t3_row("t3.new", total=64), triples=(t,))
    findings, _d, linked = reconcile(report)
    assert linked[0].metric == "t3.new" and judged(findings) == judged_as


@pytest.mark.parametrize("sentence,quantity,metric_text", [
    ("上半年受理申请41件。", "41件", "受理申请"),          # a part of the year dated to the year
    ("第三季度受理申请22件。", "22件", "受理申请"),
    ("平均每月受理申请7件。", "7件", "平均每月受理申请"),  # an average
    ("日均受理申请0.3件。", "0.3件", "日均受理申请"),
])
def test_parts_of_the_year_and_averages_are_not_the_year_cell(sentence, quantity, metric_text):
    s = "三、收到和处理政府信息公开申请情况\n" + sentence
    findings, derived, linked = run(s, 2020, "2019", (tri(s, quantity, metric_text, period="2020"),),
                                    t3_row("t3.new", total=88))
    assert linked[0].metric is None and not judged(findings)
    _f, derived, _l = run(s, 2020, "2019", (tri(s, quantity, metric_text, period="2020"),))
    assert derived == []


def test_a_scope_cue_belongs_to_its_own_list_item():
    """"结果维持3件、结果纠正2件、尚未审结1件": 尚未 narrows the last item only."""
    s = "四、行政复议、行政诉讼情况\n被申请行政复议6件，其中结果维持3件、结果纠正2件、尚未审结1件。"
    y = "2021"
    triples = (tri(s, "6件", "被申请行政复议", period=y), tri(s, "3件", "结果维持", period=y),
               tri(s, "2件", "结果纠正", period=y), tri(s, "1件", "尚未审结", period=y))
    cells = tuple(cell("t4.review", v, c, table="四") for c, v in (("结果维持", 3), ("结果纠正", 2), ("其他结果", 0),
                                                                 ("尚未审结", 1), ("总计", 6)))
    findings, _d, linked = run(s, 2021, "2021", triples, cells)
    assert [t.metric for t in linked] == ["t4.review"] * 4
    assert sorted(v for k, v, *_ in judged(findings) if k == "agree") == [1, 2, 3, 6]


def test_applicant_counts_after_a_carried_over_aside_are_of_the_main_row():
    s = "三、收到和处理政府信息公开申请情况\n全年收到申请95件，上年结转3件。其中自然人申请90件。"
    y = "2020"
    triples = (tri(s, "95件", "收到申请", period=y), tri(s, "3件", "上年结转", period=y),
               tri(s, "90件", "自然人申请", period=y))
    cells = (*t3_row("t3.new", np=90, total=95), *t3_row("t3.carried_over", np=3, total=3))
    findings, _d, linked = run(s, 2020, "2019", triples, cells)
    assert linked[2].metric == "t3.new" and not disagrees(findings)


def test_one_channel_named_in_the_clause_prefers_its_row():
    s = "一、主动公开情况\n全年依托政务微信主动公开各类政府信息960条。"
    t = tri(s, "960条", "主动公开各类政府信息", period="2016", unit="条")
    cells = (cell("a.proactive.total", 2500, unit="条"), cell("a.proactive.wechat", 960, unit="条"))
    findings, _d, linked = run(s, 2016, "2014", (t,), cells)
    assert linked[0].metric == "a.proactive.wechat"
    assert judged(findings) == [("agree", 960, "a.proactive.wechat", None)]


@pytest.mark.parametrize("metric_text,expected", [
    ("收到公民、法人或其他组织政府信息公开申请", ("t3.new", "total")),  # every type named: all applicants
    ("自然人、法人和其他组织提出的申请", ("t3.new", "total")),
    ("自然人和企业申请", None),                                       # two types, one number: not judged
])
def test_applicant_types_named_together(metric_text, expected):
    s = "三、收到和处理政府信息公开申请情况\n全年共" + metric_text + "96件。"
    findings, _d, linked = run(s, 2021, "2021", (tri(s, "96件", metric_text, period="2021"),),
                               t3_row("t3.new", np=80, ce=16, ri=0, so=0, ls=0, ot=0, total=96))
    link = (linked[0].metric, "total") if linked[0].metric else None
    assert link == expected
    assert not disagrees(findings)


# ---------------------------------------------------------------------------------------------------------
# Verb scope of document counts: reviewing documents is not issuing or repealing them.

def t2_docs(issued=9, repealed=2, in_force=130) -> tuple:
    return tuple(cell("t2_2021.normative_docs", v, c, table="二")
                 for c, v in (("本年制发件数", issued), ("本年废止件数", repealed), ("现行有效件数", in_force)))


@pytest.mark.parametrize("sentence,quantity,metric_text,expected", [
    # documents reviewed, sorted out, assessed or filed: no issuing verb, never 本年制发件数
    ("本年度梳理行政规范性文件58件。", "58件", "梳理行政规范性文件", []),
    ("对规范性文件开展合法性审查，共审查规范性文件21件。", "21件", "审查规范性文件", []),
    ("向县人大常委会备案行政规范性文件6件。", "6件", "备案行政规范性文件", []),
    ("组织评估行政规范性文件17件。", "17件", "评估行政规范性文件", []),
    # issuing, repealing and in-force counts still name their columns
    ("全年新出台行政规范性文件9件。", "9件", "新出台行政规范性文件", [("agree", 9, "t2_2021.normative_docs", "本年制发件数")]),
    ("本年废止行政规范性文件2件。", "2件", "废止行政规范性文件", [("agree", 2, "t2_2021.normative_docs", "本年废止件数")]),
    ("截至年底现行有效行政规范性文件130件。", "130件", "现行有效行政规范性文件",
     [("agree", 130, "t2_2021.normative_docs", "现行有效件数")]),
    # the verb before a list governs its items
    ("全年印发县政府规章3件、行政规范性文件9件。", "9件", "行政规范性文件", [("agree", 9, "t2_2021.normative_docs", "本年制发件数")]),
    ("全年清理县政府规章4件、行政规范性文件58件。", "58件", "行政规范性文件", []),
])
def test_document_counts_link_only_by_their_verb(sentence, quantity, metric_text, expected):
    s = "二、主动公开政府信息情况\n" + sentence
    findings, _d, _l = run(s, 2023, "2021", (tri(s, quantity, metric_text, period="2023"),), t2_docs())
    assert judged(findings) == expected


def test_documents_repealed_in_a_clean_up_are_not_judged_against_the_year_repealed():
    s = "二、主动公开政府信息情况\n开展专项清理，共清理规范性文件58件，其中宣布废止行政规范性文件5件、修订11件。"
    y = "2023"
    triples = (tri(s, "58件", "清理规范性文件", period=y), tri(s, "5件", "宣布废止行政规范性文件", period=y),
               tri(s, "11件", "修订", period=y))
    findings, _d, linked = run(s, 2023, "2021", triples, t2_docs())
    assert [t.metric for t in linked] == [None, None, None]
    assert not disagrees(findings)


def test_era_a_document_counts_need_an_issuing_verb():
    s = "一、主动公开政府信息情况\n全年报备规范性文件11件，印发规范性文件6件。"
    y = "2016"
    triples = (tri(s, "11件", "报备规范性文件", period=y), tri(s, "6件", "印发规范性文件", period=y))
    findings, _d, linked = run(s, 2016, "2014", triples, (cell("a.proactive.normative_issued", 6),))
    assert [t.metric for t in linked] == [None, "a.proactive.normative_issued"]
    assert judged(findings) == [("agree", 6, "a.proactive.normative_issued", None)]


@pytest.mark.parametrize("words,fits", [("清理规范性文件", False), ("审查行政规范性文件", False),
                                        ("制定行政规范性文件", True), ("印发规范性文件", True)])
def test_issued_column_needs_an_issuing_verb(words, fits):
    lex = load_lexicon()
    link = best_link(fold(words, lex), template="2021", topics=set(), subset=False, lex=lex)
    got = link is not None and (link.metric, link.column) == ("t2_2021.normative_docs", "issued")
    assert got == fits


def test_verbs_must_be_a_list_of_words(tmp_path):
    import yaml
    from ie.reconcile.lexicon import LEXICON_FILE
    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    data["metrics"][0]["verbs"] = "制发"
    bad = tmp_path / "lex.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ResourceError):
        load_lexicon_file(bad)


# ---------------------------------------------------------------------------------------------------------
# Stated sums: the total of a list is not a sibling part, nor a number across a new breakdown.

def _sums(s: str, quantities) -> list:
    from ie.reconcile.compare import text_sums
    lex = load_lexicon()
    triples = []
    seen: dict = {}
    for q in quantities:
        k = seen.get(q, 0)
        seen[q] = k + 1
        triples.append(tri(s, q, s[:1], period="2023", nth=k))
    return [(s_.total.value, tuple(p.value for p in s_.parts), s_.holds) for s_ in text_sums(s, triples, lex)]


def test_a_breakdown_by_another_dimension_is_not_checked_against_a_sibling_part():
    s = ("三、收到和处理政府信息公开申请情况\n其中，公民申请86件；法人或其他组织申请19件。按提交渠道划分，"
         "网络申请、邮寄申请和现场申请分别为70件、21件和14件。")
    assert _sums(s, ["86件", "19件", "70件", "21件", "14件"]) == []


def test_a_breakdown_adding_up_to_the_total_stated_before_holds():
    s = ("三、收到和处理政府信息公开申请情况\n本年度共受理申请105件。其中，公民申请86件；法人或其他组织申请19件。"
         "按提交渠道划分，网络申请、邮寄申请和现场申请分别为70件、21件和14件。")
    got = _sums(s, ["105件", "86件", "19件", "70件", "21件", "14件"])
    assert (105, (70, 21, 14), True) in got
    assert all(holds for *_x, holds in got)


def test_a_breakdown_not_adding_up_to_an_earlier_total_is_not_judged():
    s = ("三、收到和处理政府信息公开申请情况\n本年度共受理申请105件。其中，公民申请86件；法人或其他组织申请19件。"
         "从提交渠道来看，网络申请、邮寄申请和现场申请分别为70件、21件和15件。")
    got = _sums(s, ["105件", "86件", "19件", "70件", "21件", "15件"])
    assert all(holds for *_x, holds in got)


def test_a_list_in_a_new_sentence_is_not_checked_against_the_last_number_before_it():
    s = "三、收到和处理政府信息公开申请情况\n法人申请19件。网络、邮寄和现场申请分别为70件、21件和14件。"
    assert _sums(s, ["19件", "70件", "21件", "14件"]) == []


@pytest.mark.parametrize("s,quantities,expected", [
    # a sum cue opening the next sentence keeps the total before it: a real conflict is still reported
    ("全年受理申请57件。其中网络申请40件、现场申请20件。", ["57件", "40件", "20件"], [(57, (40, 20), False)]),
    ("全年受理申请60件。其中网络申请40件、现场申请20件。", ["60件", "40件", "20件"], [(60, (40, 20), True)]),
    ("全年受理申请57件，其中网络申请40件、现场申请20件。", ["57件", "40件", "20件"], [(57, (40, 20), False)]),
    # a breakdown in the total's own sentence: the list is only said to hold
    ("全年受理申请60件，从受理渠道看，包括网络申请40件、现场申请20件。", ["60件", "40件", "20件"], [(60, (40, 20), True)]),
    ("全年受理申请57件，从受理渠道看，包括网络申请40件、现场申请20件。", ["57件", "40件", "20件"], []),
])
def test_sum_scope_across_sentences_and_breakdowns(s, quantities, expected):
    assert _sums("三、依申请公开情况\n" + s, quantities) == expected


@pytest.mark.parametrize("channels,expected", [
    # 36 + 12 > 30: the list breaks the 48 down by channel, never "does not hold" against the listed 30
    (("36件", "12件"), [(48, (36, 12), True)]),
    # adding up to neither: not judged
    (("25件", "12件"), []),
])
def test_a_listed_part_is_not_the_total_of_the_next_list(channels, expected):
    s = f"三、依申请公开情况\n全年受理申请48件，其中自然人申请30件，包括网络申请{channels[0]}、信函申请{channels[1]}。"
    assert _sums(s, ["48件", "30件", *channels]) == expected


@pytest.mark.parametrize("sentence,quantity,metric_text,expected", [
    # catalogue items sorted out or published are not decisions taken
    ("全面梳理行政许可事项74项。", "74项", "梳理行政许可事项", []),
    ("在门户网站公布行政许可事项74项。", "74项", "公布行政许可事项", []),
    ("全年办理行政许可事项318件。", "318件", "办理行政许可事项", [("agree", 318, "t2_2019.licensing", "处理决定数量")]),
    ("作出行政许可决定318件。", "318件", "作出行政许可决定", [("agree", 318, "t2_2019.licensing", "处理决定数量")]),
])
def test_licensing_items_are_not_decisions(sentence, quantity, metric_text, expected):
    s = "二、主动公开政府信息情况\n" + sentence
    t = tri(s, quantity, metric_text, period="2020", unit=quantity[-1])
    findings, _d, _l = run(s, 2020, "2019", (t,), (cell("t2_2019.licensing", 318, "处理决定数量", table="二"),))
    assert judged(findings) == expected


@pytest.mark.parametrize("s,quantities,expected", [
    # a total stated before the list and again after 共计: not a part of itself
    ("全年共受理申请64件，其中网络申请41件、现场申请23件，合计64件。", ["64件", "41件", "23件", "64件"],
     [(64, (41, 23), True)]),
    ("全年共受理申请64件，网络申请41件、现场申请24件，合计64件。", ["64件", "41件", "24件", "64件"],
     [(64, (41, 24), False)]),
    # a breakdown by another dimension before the closed list: its numbers are not parts
    ("公民申请50件、法人申请14件，按受理渠道分，网络申请41件、现场申请23件，合计64件。",
     ["50件", "14件", "41件", "23件", "64件"], [(64, (41, 23), True)]),
    ("公民申请50件、法人申请14件；网络申请41件、现场申请23件，合计64件。",
     ["50件", "14件", "41件", "23件", "64件"], [(64, (41, 23), True)]),
])
def test_a_closed_list_starts_after_the_last_cue(s, quantities, expected):
    assert _sums("三、依申请公开情况\n" + s, quantities) == expected


@pytest.mark.parametrize("sentence,quantity,metric_text", [
    # applications withdrawn, passed on or sent back are not the applications received
    ("期间申请人主动撤回申请4件。", "4件", "撤回申请"),
    ("向有关单位转办申请6件。", "6件", "转办申请"),
    ("因不属于本机关职责退回申请2件。", "2件", "退回申请"),
    # answering questions is not answering applications
    ("窗口答复咨询153件。", "153件", "答复咨询"),
])
def test_other_actions_on_applications_are_not_the_request_rows(sentence, quantity, metric_text):
    s = "三、收到和处理政府信息公开申请情况\n" + sentence
    t = tri(s, quantity, metric_text, period="2022")
    findings, _d, linked = run(s, 2022, "2021", (t,), (*t3_row("t3.new", total=77), *t3_row("t3.total", total=75)))
    assert linked[0].metric is None and not judged(findings)


def test_information_not_disclosed_is_not_the_proactive_total():
    s = "二、主动公开政府信息情况\n经保密审查，不公开政府信息17条。"
    t = tri(s, "17条", "不公开政府信息", period="2016", unit="条")
    findings, _d, linked = run(s, 2016, "2014", (t,), (cell("a.proactive.total", 3120, unit="条"),))
    assert not disagrees(findings)


@pytest.mark.parametrize("channels,expected", [(("53件", "19件"), [(72, (53, 19), True)]),
                                               (("53件", "21件"), [(72, (53, 21), False)])])
def test_an_inclusive_aside_does_not_make_the_total_a_listed_part(channels, expected):
    s = (f"三、依申请公开情况\n本年度受理包括公民、法人在内的各类申请72件，其中网络申请{channels[0]}、"
         f"现场申请{channels[1]}。")
    assert _sums(s, ["72件", *channels]) == expected
