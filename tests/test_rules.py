"""Rule-based narrative triples on synthetic sentences beyond the seeds (ie.narrative.rules)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ie.errors import ModelError, SettingsError
from ie.narrative import DEFAULT_METHOD, extract_triples
from ie.records import Meta
from ie.segment.normalize import normalize


def run(text: str, year: int = 2019, exclude=(), issues=None) -> list:
    out = extract_triples(text, normalize(text), meta=Meta(year=year), exclude=exclude, issues=issues)
    for t in out:  # the span invariant holds for every triple
        assert text[t.start:t.end] == t.quantity_text
        assert text[t.metric_start:t.metric_end] == t.metric_text
        assert not (t.metric_start < t.end and t.start < t.metric_end) or t.metric_start == t.metric_end
    return out


def qm(text: str, **kw) -> list:
    return [(t.quantity_text, t.metric_text) for t in run(text, **kw)]


# --------------------------------------------------------------------------- metric spans

@pytest.mark.parametrize("text, expected", [
    # metric before the number: subject, time words and adverbs left out
    ("2019年,全区各级行政机关共主动公开政府信息18560条。", [("18560条", "主动公开政府信息")]),
    ("全年市人社局累计发布就业信息2300余条。", [("2300余条", "发布就业信息")]),
    ("本机关全年办理人大代表建议45件、政协委员提案61件。",
     [("45件", "办理人大代表建议"), ("61件", "政协委员提案")]),
    # metric after the number: the noun phrase up to its head
    ("全年受理36件政府信息公开申请,全部按时答复。", [("36件", "政府信息公开申请")]),
    ("组织召开12场新闻发布会。", [("12场", "新闻发布会")]),
    ("对全县158名新入职人员进行了培训。", [("158名", "新入职人员")]),
    # a list sharing one head: one row per number, the verb only in the first
    ("其中,当面申请12件,网络申请40件,信函申请3件。",
     [("12件", "当面申请"), ("40件", "网络申请"), ("3件", "信函申请")]),
    ("印发工作简报8期、情况通报3份、督查专报2份。",
     [("8期", "印发工作简报"), ("3份", "情况通报"), ("2份", "督查专报")]),
    # a trailing 的 is not part of the metric
    ("不予公开的4件,信息不存在的6件。", [("4件", "不予公开"), ("6件", "信息不存在")]),
    # the copula-like 达 and level verbs are left out
    ("按时办结率达100%,群众满意率达到98.6%。", [("100%", "按时办结率"), ("98.6%", "群众满意率")]),
    # sub-count in brackets
    ("共受理行政复议案件9件(其中维持原决定5件)。", [("9件", "受理行政复议案件"), ("5件", "维持原决定")]),
    # channel kept only where it tells siblings apart
    ("通过政府网站发布政策解读26篇。", [("26篇", "发布政策解读")]),
    ("通过政务微博回应关切120次,通过新闻发布会等其他方式回应关切15次。",
     [("120次", "通过政务微博回应关切"), ("15次", "通过新闻发布会等其他方式回应关切")]),
    ("其中,政府网站公开信息5200条,政务微信公开信息860条。",
     [("5200条", "政府网站公开信息"), ("860条", "政务微信公开信息")]),
    # counting nouns without a measure word
    ("目前政务微博粉丝数12840,政务微信关注人数5321。", [("12840", "政务微博粉丝数"), ("5321", "政务微信关注人数")]),
    ("市本级整合了28区直部门网站。", [("28", "区直部门网站")]),
    # "label: value" lists
    ("主动公开政府信息数:3256条,政策解读稿件发布数:45篇。",
     [("3256条", "主动公开政府信息数"), ("45篇", "政策解读稿件发布数")]),
    # quotes around the whole metric go; an amount is not named by what it is used for
    ("已答复12件,其中“同意公开”的8件。", [("12件", "答复"), ("8件", "同意公开")]),
    ("投入资金8.5万元用于网站改版。", [("8.5万元", "投入资金")]),
    ("全县共有政府信息公开工作人员87名,其中专职人员12名。",
     [("87名", "政府信息公开工作人员"), ("12名", "专职人员")]),
    # numbers inside a title are not quantities
    ("印发《关于进一步优化营商环境的50条措施》,召开会议3次。", [("3次", "召开会议")]),
    # subjects dropped past adverbs and bracketed notes; passive verbs kept
    ("各乡镇(街道)全年办结申请42件。", [("42件", "办结申请")]),
    ("市直各部门被提起行政诉讼3件。", [("3件", "被提起行政诉讼")]),
    ("本机关按时办结申请20件。", [("20件", "按时办结申请")]),
    ("我办及时回复率达99%。", [("99%", "回复率")]),
    ("我委共确认违法4件。", [("4件", "确认违法")]),
    # adverbs glued to the verb by jieba; subjects without a verb
    ("各级行政机关及时处理网民留言35条。", [("35条", "处理网民留言")]),
    ("县政府办公室通过公开栏公开信息120条。", [("120条", "公开信息")]),
    ("市本级全年政务微信公开政府信息300条。", [("300条", "政务微信公开政府信息")]),
    ("区政府各部门部分公开866件。", [("866件", "部分公开")]),
    ("市本级兼职人员12名。", [("12名", "兼职人员")]),
    # a date inside the clause is not part of the metric
    ("本机关2020年度行政复议案件结果维持2件。", [("2件", "行政复议案件结果维持")]),
    # a verb inside quotes names an account; the metric after a number stops before the next number
    ("依托“平安发布”等政务新媒体推送信息2300余条。", [("2300余条", "推送信息")]),
    ("配备3名专职人员和5名兼职人员具体负责。", [("3名", "专职人员"), ("5名", "兼职人员")]),
    ("辐射全县8个乡镇、近300个村。", [("8个", "乡镇"), ("近300个", "村")]),
    # one-line scrapes: a heading joined by a space is not part of the next clause's metric
    ("三、依申请公开政府信息情况 本年度新收到政府信息公开申请61件。", [("61件", "新收到政府信息公开申请")]),
    # only 另有/尚有 before the number: the words after it name what is counted
    ("已办结51件,另有4件申请转入下一年度办理。", [("51件", "办结"), ("4件", "申请转入下一年度办理")]),
    ("尚有3件申请正在办理。", [("3件", "申请")]),
    # written-out percentage
    ("全年申请办结率达百分之百。", [("百分之百", "申请办结率")]),
    # "from A to B": the second number is not followed by its own noun
    ("政务新媒体账号由原来的38个减少到现在的12个。", [("38个", "政务新媒体账号"), ("12个", "政务新媒体账号")]),
])
def test_metric_spans(text, expected):
    assert qm(text) == expected


@pytest.mark.parametrize("text, expected", [
    # changes and shares point back at the metric they change or divide
    ("全年收到政府信息公开申请215件,较上年增加47件。",
     [("215件", "收到政府信息公开申请", "count"), ("47件", "收到政府信息公开申请", "change")]),
    ("共收到申请154件,同比增长12.5%。",
     [("154件", "收到申请", "count"), ("12.5%", "收到申请", "change")]),
    ("全年主动公开信息3200条,比上一年增加32.7%。",
     [("3200条", "主动公开信息", "count"), ("32.7%", "主动公开信息", "change")]),
    ("网上申请9宗,占90%。", [("9宗", "网上申请", "count"), ("90%", "网上申请", "percent")]),
    # a list before 分别 pairs item by item with the quantities after it
    ("收到申请、办结、答复分别为12件、10件、8件。", [("12件", "收到申请", "count"),
                                             ("10件", "办结", "count"),
                                             ("8件", "答复", "count")]),
    ("部分公开866件,占总数的46%。", [("866件", "部分公开", "count"), ("46%", "部分公开", "percent")]),
    ("其中网上申请30件,占全部申请的65.2%。", [("30件", "网上申请", "count"), ("65.2%", "网上申请", "percent")]),
    ("与上年相比,主动公开信息增加了12%。", [("12%", "主动公开信息", "change")]),
    # a change after a list changes the total; right after one item it is that item's
    ("全年受理申请75件,其中信函申请10件,网上申请65件,同比增加9件。",
     [("75件", "受理申请", "count"), ("10件", "信函申请", "count"), ("65件", "网上申请", "count"),
      ("9件", "受理申请", "change")]),
    ("全年受理申请75件(含上年结转4件),同比减少6%。",
     [("75件", "受理申请", "count"), ("4件", "上年结转", "count"), ("6%", "受理申请", "change")]),
    ("全年受理申请75件,其中信函申请10件,较上年增加2件,网上申请65件。",
     [("75件", "受理申请", "count"), ("10件", "信函申请", "count"), ("2件", "信函申请", "change"),
      ("65件", "网上申请", "count")]),
    # the base of a dated comparison is that year's count
    ("办理建议提案210件,比2017年的180件增长16.7%。",
     [("210件", "办理建议提案", "count"), ("180件", "办理建议提案", "count"), ("16.7%", "办理建议提案", "change")]),
    ("全年访问量较上年增长1.5倍。", [("1.5倍", "访问量", "change")]),
    ("申请办结率同比提高3.5个百分点。", [("3.5个百分点", "申请办结率", "change")]),
    # a level reached is a percent, not a change
    ("贫困发生率降到1.2%。", [("1.2%", "贫困发生率", "percent")]),
    # a delta with no comparison is a plain count
    ("新增权责事项51项,取消12项。", [("51项", "新增权责事项", "count"), ("12项", "取消", "count")]),
    # money in 元
    ("全年投入专项资金1.9亿元,处罚款2.26万元。",
     [("1.9亿元", "投入专项资金", "money"), ("2.26万元", "处罚款", "money")]),
    # from A to B: both sides share one metric
    ("全市政府网站总数由原来96家精简到现在的41家。",
     [("96家", "政府网站总数", "count"), ("41家", "政府网站总数", "count")]),
])
def test_kind_and_back_reference(text, expected):
    assert [(t.quantity_text, t.metric_text, t.kind) for t in run(text)] == expected


# --------------------------------------------------------------------------- periods

@pytest.mark.parametrize("text, year, expected", [
    ("2019年,全县主动公开政府信息7221条。", 2019, ["2019"]),
    ("12月份对市直217名新录用公务员进行培训。", 2019, ["2019-12"]),
    ("2019年12月份,共举办培训3次。", 2019, ["2019-12"]),
    ("截至2019年12月底,全县主动公开信息500条。", 2019, ["2019"]),
    ("截止2019年12月31日,共受理申请8件。", 2019, ["2019"]),
    ("第三季度,共发布政务信息350条。", 2019, ["2019Q3"]),
    ("2019年第三季度,全市累计发布政务信息350条。", 2019, ["2019Q3"]),
    ("2018年,我县共收到申请5件。", 2019, ["2018"]),
    ("目前,全县现行有效的规范性文件共86件。", 2019, ["cumulative"]),
    ("历年累计公开政府信息12万余条。", 2019, ["cumulative"]),
    ("累计注册用户4200户。", 2019, ["cumulative"]),
    ("2019年,我县累计收到申请3件。", 2019, ["2019"]),
    ("目前分厅注册用户7504户,2019年办件量10506件。", 2019, ["cumulative", "2019"]),
    ("现行有效规范性文件120件。", 2019, ["cumulative"]),
    ("根据《2018年政务公开工作要点》,全年公开信息80条。", 2019, ["2019"]),
    ("四月份微信公众号推送信息38条。", 2019, ["2019-04"]),
    ("上年共收到申请50件,今年收到申请62件,较上年增加12件。", 2019, ["2018", "2019", "2019"]),
    ("本年度新收申请46件,上年结转申请3件。", 2019, ["2019", "2019"]),
    ("全市政府网站总数由原来96家精简到现在的41家。", 2019, ["cumulative", "cumulative"]),
    ("办理建议提案210件,比2017年的180件增长16.7%。", 2019, ["2019", "2017", "2019"]),
    ("2020年,我局计划在年内开展检查4次。", 2019, ["2020"]),
    ("结转到2020年继续办理6件。", 2019, ["2019"]),
    ("目前共有政务新媒体账号45个。", 2019, ["cumulative"]),
    ("十二月份共召开会议3次,截至十二月底共收到申请5件。", 2019, ["2019-12", "2019"]),
])
def test_periods(text, year, expected):
    assert [t.period for t in run(text, year=year)] == expected


def test_period_follows_callers_year():
    text = "全县主动公开政府信息7221条。"
    assert run(text, year=2021)[0].period == "2021"


# --------------------------------------------------------------------------- not quantities

@pytest.mark.parametrize("text", [
    "本报告统计期限自2019年1月1日至2019年12月31日,2019-03-12 15:17:14发布。",
    "根据《关于印发2019年政务公开工作要点的通知》(赣府厅字〔2019〕50号)要求,博州政公办发〔2018〕3号。",
    "咨询电话:0791-86263216,传真0909-6998669,手机13912345678,邮编:330000。",
    "网址http://www.jxsz.gov.cn,电子邮箱zwgk2019@163.com,地址:天山街8号。",
    "“12345”政务服务热线、12315三合一平台和96128专线全天受理。",
    "一是加强领导。二是完善制度。(一)主动公开。㈠组织领导。1、工作概况。2.主要成效。",
    "依据《条例》第二十条第(一)项规定,全省排名第十九位,作为第一解读人。",
    "落实五公开,压减三公经费和“三公”经费,建好两微一端,做好六稳六保,推行双随机、一公开。",
    "落实一单两库一细则,坚持四不两直,做到三到位,实施1+3+3+改革开放行动,开展群众办事百项堵点疏解行动,实行千分制考核。",
    "把政务公开作为一项重要工作,建成一批环保基础设施,解决一些问题,与先进地区还有一定差距。",
    "发布若干个典型案例,主要体现在以下几个方面。一年来,市、县两级政府和县、乡(镇)两级认真落实。",
    "全文由概述、主动公开政府信息情况等六部分组成。本报告包括概述等7个部分组成,共五个部分内容。",
    "发生6.2级地震后,一把手亲自抓。",
    "推行最多跑一次改革,实现一网通办、一窗受理、一次办好。",
    "申请人可在15个工作日内获得答复,热线提供7×24小时服务,推行一人一档、一户一策。",
    "发布日期:2020-03-02 来源:本站 点击数:3391 阅读:12次",
    "页数:12页 积分:15 附件:2019年工作总结3篇.doc",
])
def test_never_quantities(text):
    assert run(text) == []


# --------------------------------------------------------------------------- real-world text

def test_traditional_text_offsets_point_into_original():
    text = "2019年,全縣各級行政機關共主動公開政府信息７，４３５條,辦結率達９８％,收到申請兩百件。"
    got = [(t.quantity_text, t.value, t.unit, t.metric_text) for t in run(text)]
    assert got == [("７，４３５條", 7435, "条", "主動公開政府信息"), ("９８％", 98, "%", "辦結率"),
                   ("兩百件", 200, "件", "收到申請")]


def test_page_residue_inside_sentences_is_skipped():
    text = ("截止2022年12月31日,全县各部门主动公开政府信息4782条,其中在政府信息门户网站上公开3506条,"
            "全县各乡镇和各部门单位组织开展了政府信息公开\n3、工作培训共12场次,wwW.yBAsk.CoM参训人员达到2第 5 页"
            " 共 5 页00余人次,接受群众咨询一千二百人次,我们将继续努力加强政务公开工作\n4、并开展检查8次。")
    issues: list = []
    got = [(t.quantity_text, t.value) for t in run(text, year=2022, issues=issues)]
    assert got == [("4782条", 4782), ("3506条", 3506), ("12场次", 12), ("2第 5 页 共 5 页00余人次", 200),
                   ("一千二百人次", 1200), ("8次", 8)]
    assert any(i.code == "garbled_text" for i in issues)


def test_page_number_footer_inside_a_sentence():
    text = "本年度全县共办理人大代表建议\n— 4 —\n52件,办理政协提案\n- 5 -\n61件。\n二、主要做法\n- 6 -\n全年开展培训3次。"
    assert qm(text) == [("52件", "办理人大代表建议"), ("61件", "办理政协提案"), ("3次", "开展培训")]


def test_number_split_by_a_hard_line_wrap():
    text = "本年度全县各级行政机关认真贯彻落实条例规定,不断加大主动公开力度,全年主动公开政府信息74\n35条,其中政策文件120件。"
    got = [(t.quantity_text, t.value, t.metric_text) for t in run(text)]
    assert got == [("74\n35条", 7435, "主动公开政府信息"), ("120件", 120, "政策文件")]


def test_excluded_table_spans_are_skipped():
    text = "全年公开信息80条。\n收到申请数 5 件\n办结 3 件\n"
    start = text.index("收到")
    assert [t.quantity_text for t in run(text, exclude=[(start, len(text))])] == ["80条"]


def test_flattened_table_lines_are_skipped_without_table_spans():
    text = ("全年主动公开政府信息80条。\n政府信息公开情况统计表\n统 计 指 标 单位 统计数\n"
            "(一)主动公开政府信息数\n(不同渠道和方式公开相同信息计1条)\n9850\n其中:主动公开规范性文件数 9\n"
            "制发规范性文件总数 9\n")
    assert [t.quantity_text for t in run(text)] == ["80条"]


def test_empty_metric_when_none_can_be_found():
    t = run("……76件。")
    assert [(x.quantity_text, x.metric_text, x.metric_start == x.metric_end == x.start) for x in t] == [
        ("76件", "", True)]


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "。,,", "76", "件件件", "%%%", "第", "一" * 50, "：76件",
                                  "12件、10件", "(((76件", "76件)))", "较上年增加5件"])
def test_odd_content_never_raises(text):
    assert isinstance(run(text), list)


ALPHABET = ("0123456789０１２３一二两三十百千万亿余多近约以上下左右件条次人%％个元万元亿元"
            "，。、；：,.;:()（）《》“”\n 年月日第号是共累计目前同比增长较上年增加占收到申请公开政府信息"
            "主动办结率达由原来精简到现在的其中通过在全市各部门wwW.yBAsk.CoM页")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=120))
def test_random_text_never_raises_and_spans_hold(text):
    issues: list = []
    for t in run(text, issues=issues):
        assert t.end > t.start
        assert t.kind in ("count", "money", "percent", "change", "other")


# --------------------------------------------------------------------------- interface

def test_default_method_and_errors():
    assert DEFAULT_METHOD == "rules"
    with pytest.raises(SettingsError):
        extract_triples("x", "x", meta=Meta(), method="magic")
    with pytest.raises(SettingsError):
        extract_triples("收到申请5件", "收到申请", meta=Meta())  # norm is not normalize(text)
    with pytest.raises(SettingsError):
        extract_triples("收到申请5件", "收到申请5件", meta=Meta(), exclude=[("a", "b")])


@pytest.mark.parametrize("method", ["model", "hybrid"])
def test_model_methods_are_lazy(method, monkeypatch):
    import sys

    module = {"model": "ie.narrative.model", "hybrid": "ie.narrative.merge"}[method]
    monkeypatch.setitem(sys.modules, module, None)  # as if the module were not there
    with pytest.raises(ModelError, match=method):
        extract_triples("x", "x", meta=Meta(), method=method)


def test_triple_fields():
    t = run("2019年,全县主动公开政府信息7221条。")[0]
    assert (t.value, t.unit, t.approx, t.kind, t.source, t.metric) == (7221, "条", False, "count", "rules", None)
    assert 0 < t.confidence <= 1


# --------------------------------------------------------------------------- segmenter and sentences

def test_segmenter_owns_its_tokenizer_and_offsets_hold():
    import jieba

    from ie.segment.tokenize import Segmenter

    seg = Segmenter()
    text = "接处群众反映舆情76件,办结率达98%。"
    tokens = seg.tokenize(text)
    assert seg.tokenizer is not jieba.dt
    assert "".join(w for w, _, _ in tokens) == text
    assert all(text[s:e] == w for w, s, e in tokens)
    assert seg.tokenize("") == []


def test_jieba_logging_is_quiet_without_global_config():
    import logging

    import ie.segment.tokenize  # noqa: F401

    assert logging.getLogger("jieba").level >= logging.WARNING
    assert not logging.getLogger().handlers or logging.getLogger().level != logging.DEBUG


def test_bad_userdict_raises_resource_error(tmp_path):
    from ie.errors import ResourceError
    from ie.segment.tokenize import Segmenter

    bad = tmp_path / "dict.txt"
    bad.write_text("政务公开 many n\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="line 1"):
        Segmenter(userdict=bad)
    with pytest.raises(ResourceError):
        Segmenter(userdict=tmp_path / "missing.txt")


def test_sentences_split_with_offsets():
    from ie.segment.sentences import split_sentences

    text = "收到申请76件。办结率100%！\n\n其中,当面申请5件；网络申请3件"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["收到申请76件。", "办结率100%！", "其中,当面申请5件；", "网络申请3件"]


# --------------------------------------------------------------------------- known failures

@pytest.mark.xfail(strict=True, reason="number before a noun compound: without syntax the rules cannot tell that "
                                       "部门 (not 部门权责清单职权项目) is what 27个 counts; the gold metric is 部门")
def test_known_noun_compound_after_measure_word():
    assert qm("对全市27个部门权责清单职权项目进行了系统梳理。") == [("27个", "部门")]


@pytest.mark.xfail(strict=True, reason="数十 reads as the vague 'dozens' before it can read as 数 + 十二人")
def test_known_counting_noun_before_chinese_numeral():
    assert [t.quantity_text for t in run("累计订阅数十二人。")] == ["十二人"]


@pytest.mark.xfail(strict=True, reason="a page marker inserted mid-line (not after a line break) is read as a "
                                       "list marker, so the metric stops there")
def test_known_page_marker_inside_a_line():
    assert qm("市本级全年发布政府信息 3、为82207条。") == [("82207条", "发布政府信息")]


def test_prose_inside_a_claimed_table_span_is_still_read():
    text = ("二、主动公开政府信息情况\n"
            "全年共主动公开政府信息1520条，其中通过门户网站公开1300条，较上年增长8.2%。\n"
            "信息内容 本年新制作数量 本年新公开数量\n规章 0 0\n规范性文件 5 5\n行政许可 12 12\n")
    issues: list = []
    got = [t.quantity_text for t in run(text, exclude=[(0, len(text))], issues=issues)]
    assert got == ["1520条", "1300条", "8.2%"]
    assert [i.code for i in issues] == ["narrative_in_table_span"]


TABLE_FIXTURES = sorted((Path(__file__).parent / "fixtures" / "tables").glob("*.txt"))


@pytest.mark.parametrize("path", TABLE_FIXTURES, ids=[p.stem for p in TABLE_FIXTURES])
def test_flattened_tables_give_no_triples_and_no_garbled_issue(path):
    from ie.tables import parse_tables

    text = path.read_text(encoding="utf-8")
    norm = normalize(text)
    issues: list = []
    for with_spans in (True, False):
        spans = parse_tables(text, norm).spans if with_spans else []
        for t in run(text, year=2020, exclude=spans, issues=issues):
            line = text[text.rfind("\n", 0, t.start) + 1:text.find("\n", t.end)]
            assert "。" in line, (t.quantity_text, line)  # only prose lines give triples
    assert not [i for i in issues if i.code == "garbled_text"]


# --------------------------------------------------------------------------- ranges, bases, standing totals

def tmp(text: str, year: int = 2019) -> list:
    return [(t.quantity_text, t.metric_text, t.kind, t.period) for t in run(text, year=year)]


def test_range_is_one_quantity_with_the_metric_before_it():
    got = run("全年开展政务公开专题培训4至6次，走访企业10-12家。")
    assert [(t.quantity_text, t.metric_text, t.value, t.approx) for t in got] == [
        ("4至6次", "开展政务公开专题培训", 4, True), ("10-12家", "走访企业", 10, True)]


@pytest.mark.parametrize("text, expected", [
    ("本年度办结投诉件64件，比上年的52件增加12件。",
     [("64件", "办结投诉件", "count", "2019"), ("52件", "办结投诉件", "count", "2018"),
      ("12件", "办结投诉件", "change", "2019")]),
    ("全年发布政策解读47篇，与2017年的40篇相比增加7篇，增长17.5%。",
     [("47篇", "发布政策解读", "count", "2019"), ("40篇", "发布政策解读", "count", "2017"),
      ("7篇", "发布政策解读", "change", "2019"), ("17.5%", "发布政策解读", "change", "2019")]),
    # no base value without 的: the number is the change
    ("全年发布政策解读47篇，比上年增加7篇。",
     [("47篇", "发布政策解读", "count", "2019"), ("7篇", "发布政策解读", "change", "2019")]),
])
def test_comparison_base_values(text, expected):
    assert tmp(text) == expected


def test_respective_shares_pair_with_the_listed_items_in_order():
    got = qm("共办理申请200件，其中网上申请150件、当面申请50件，分别占75%和25%。")
    assert got == [("200件", "办理申请"), ("150件", "网上申请"), ("50件", "当面申请"),
                   ("75%", "网上申请"), ("25%", "当面申请")]


@pytest.mark.parametrize("text, period", [
    ("2013年，全区公开政府文件912件，截至年底累计公开11560件。", "cumulative"),
    ("2013年，全区截至目前累计公开11560件。", "cumulative"),
    ("2013年，全区累计公开政府文件912件。", "2013"),  # the year limits 累计
])
def test_standing_totals(text, period):
    assert run(text, year=2013)[-1].period == period


def test_metric_does_not_run_back_over_the_title_line():
    text = "金华市婺城区发展和改革局2023年政府信息公开工作年度报告\n受理信息公开申请37件，均按期答复。"
    assert qm(text, year=2023) == [("37件", "受理信息公开申请")]


def test_future_year_sentence_takes_its_own_year():
    got = run("2024年，本局将继续做好政务公开，计划年内召开新闻发布会4场以上。", year=2023)
    assert [(t.quantity_text, t.period) for t in got] == [("4场以上", "2024")]


def test_comparison_after_a_semicolon_points_at_the_total_before_it():
    got = tmp("全年共办理咨询件310件，其中电话咨询260件、来访咨询50件；与上年的280件相比增加30件，增长10.7%。",
              year=2022)
    assert got[3:] == [("280件", "办理咨询件", "count", "2021"), ("30件", "办理咨询件", "change", "2022"),
                       ("10.7%", "办理咨询件", "change", "2022")]


def test_share_takes_the_period_of_what_it_divides():
    got = tmp("第三季度共答复申请52件，占全年的31.5%。", year=2022)
    assert got == [("52件", "答复申请", "count", "2022Q3"), ("31.5%", "答复申请", "percent", "2022Q3")]


def test_clause_of_lead_words_only_takes_the_predominant_group_before_it():
    assert qm("来访群众以退休职工居多，共63人次。") == [("63人次", "退休职工")]
    assert qm("其他情况，合计9件。") == [("9件", "")]  # never the lead word itself


def test_percentage_opening_its_clause_takes_what_follows_its_de():
    got = qm("全年答复申请240件，近95%的答复在法定期限内作出。")
    assert got == [("240件", "答复申请"), ("近95%", "答复在法定期限内作出")]


# --------------------------------------------------------------------------- letter-spaced text (pdftotext)

@pytest.mark.parametrize("text, expected", [
    # every character spaced, digits included: one number, the metric before it
    ("本 年 度 共 受 理 行 政 复 议 申 请 4 7 件 ， 其 中 当 面 提 交 6 件 。",
     [("4 7 件", 47, "受 理 行 政 复 议 申 请"), ("6 件", 6, "当 面 提 交")]),
    # spaced characters around an intact number
    ("全 年 发 布 政 策 解 读 256 篇 。", [("256 篇", 256, "发 布 政 策 解 读")]),
    # a spaced paragraph hard-wrapped by pdftotext (trailing space before the line break)
    ("二、主动公开情况\n全 年 通 过 门 户 网 站 主 动 公 开 政 府 信 息 3 5 0 \n2 条 。",
     [("3 5 0 \n2 条", 3502, "主 动 公 开 政 府 信 息")]),
    # only the digits spaced, one by one, between glued words
    ("全年办理人大代表建议5 0 6件。", [("5 0 6件", 506, "办理人大代表建议")]),
])
def test_letter_spaced_text_reads_as_if_unspaced(text, expected):
    got = run(text, year=2021)
    assert [(t.quantity_text, t.value, t.metric_text) for t in got] == expected


@pytest.mark.parametrize("text, expected", [
    # two numbers separated by a space in ordinary prose stay two numbers (no spaced run around them)
    ("各乡镇分别上报2 3件和4 5件。", ["3件", "5件"]),
    # a table row of single digits (no Chinese characters spaced) is not glued into one number
    ("全年收到申请12件。\n合计 1 0 2 0 1 4\n", ["12件"]),
])
def test_spaced_digits_outside_letter_spaced_runs_stay_apart(text, expected):
    assert [t.quantity_text for t in run(text, year=2021)] == expected


# --------------------------------------------------------------------------- short hard-wrapped lines

def test_metric_crosses_a_line_break_that_cuts_a_word():
    text = "二、依申请公开\n本年度共受理政府\n信息公开申请58件。"
    assert qm(text, year=2021) == [("58件", "受理政府\n信息公开申请")]


@pytest.mark.parametrize("text, expected", [
    # an unnumbered heading splits no word: the metric stays on its own line
    ("工作概述\n全年发布政策解读31篇。", [("31篇", "发布政策解读")]),
    # nor does it run back over the report title
    ("某区人民政府2021年政府信息公开工作年度报告\n信息公开申请共19件。", [("19件", "信息公开申请")]),
])
def test_short_lines_that_split_no_word_stay_apart(text, expected):
    assert qm(text, year=2021) == expected


# --------------------------------------------------------------------------- lists before 分别

@pytest.mark.parametrize("text, expected", [
    # the shared verb after 分别 stays out: each item alone tells its quantity apart
    ("本年度，市政府网站、“金城发布”微信号与政务头条号分别推送信息1830条、966条和417条。",
     [("1830条", "市政府网站"), ("966条", "“金城发布”微信号"), ("417条", "政务头条号")]),
    # shares after the list pair with the items too
    ("现场申请及电子邮件申请分别为17件和9件，分别占65.4%和34.6%。",
     [("17件", "现场申请"), ("9件", "电子邮件申请"), ("65.4%", "现场申请"), ("34.6%", "电子邮件申请")]),
    # item count differs from the number count: the whole clause stays the metric
    ("行政复议、行政诉讼和投诉举报分别为4件和2件。",
     [("4件", "行政复议、行政诉讼和投诉举报"), ("2件", "行政复议、行政诉讼和投诉举报")]),
])
def test_list_before_respectively_pairs_item_by_item(text, expected):
    assert qm(text, year=2020) == expected


@pytest.mark.parametrize("text, expected", [
    # 成 (tenths) is a share in %: a change after a change verb, a level after a share word
    ("政策解读数量同比提高约两成。", [("约两成", 20, "change")]),
    ("在线申请占比已达八成以上。", [("八成以上", 80, "percent")]),
    # a signed number is a change by how it is written
    ("规范性文件现行有效件数净增减+6件。", [("+6件", 6, "change")]),
])
def test_tenths_and_signed_numbers_in_prose(text, expected):
    assert [(t.quantity_text, t.value, t.kind) for t in run(text, year=2020)] == expected


def test_doubling_is_not_read():
    # 翻了一番 (×2) and 翻两番 (×4) are no linear quantity: left out rather than misread
    assert run("网上申请量较上年翻了一番，访问量翻两番。", year=2020) == []


# --------------------------------------------------------------------------- channels and hotline names

@pytest.mark.parametrize("text, expected", [
    # a bare verb after the channel names nothing: the channel stays, only 通过 goes
    ("全年发布信息5100条，其中通过县政务服务网公开3800条。",
     [("5100条", "发布信息"), ("3800条", "县政务服务网公开")]),
    # the channel goes when the verb has its object
    ("通过政务新媒体发布政策图解35篇。", [("35篇", "发布政策图解")]),
    # a hotline is a name: it is the subject, never part of what is counted
    ("12345市民服务热线交办涉企诉求128件。", [("128件", "交办涉企诉求")]),
    ("通过96345便民服务热线受理咨询70件。", [("70件", "受理咨询")]),
])
def test_channels_and_hotline_names(text, expected):
    assert qm(text, year=2022) == expected


@pytest.mark.parametrize("text", [
    # items on their own lines after a colon share the plan year, as items after ；do
    "2024年，我局将重点做好以下工作：\n　　（一）组织业务培训3期；\n　　（二）新增公开目录事项20项。\n　　（三）开展专项检查两次。",
    "2024年，我局将：\n1.组织业务培训3期。\n2.新增公开目录事项20项。\n3.开展专项检查两次。",
    # 全年/年内 inside an item of a plan list is the plan year, not the report year
    "2024年，我局将重点做好以下工作：一是全年组织业务培训3期；二是年内新增公开目录事项20项；三是开展专项检查两次。",
])
def test_plan_list_items_take_the_plan_year(text):
    got = run(text, year=2023)
    assert [t.period for t in got] == ["2024"] * 3


def test_list_lines_without_a_colon_head_or_in_the_report_year_keep_their_own_year():
    # a numbered line after a full stop does not continue the list of an earlier line
    got = run("2024年，我局将组织业务培训3期。\n（一）全年公开信息120条。", year=2023)
    assert [(t.quantity_text, t.period) for t in got] == [("3期", "2024"), ("120条", "2023")]
    # a list dated by the report year stays in it; 全年 there is the report year
    got = run("2023年，我局重点做了以下工作：\n（一）全年组织业务培训3期；\n（二）新增公开目录事项20项。", year=2023)
    assert [t.period for t in got] == ["2023", "2023"]


def test_level_reached_from_last_years_value():
    got = tmp("人均补助标准由上年的79元提高到84元，贫困发生率由上年的4.8%下降到1.9%。", year=2022)
    assert [(q, p) for q, _, _, p in got] == [("79元", "2021"), ("84元", "2022"), ("4.8%", "2021"), ("1.9%", "2022")]


def test_doses_are_a_count():
    assert qm("全市累计接种新冠病毒疫苗781.4万剂次。", year=2022) == [("781.4万剂次", "接种新冠病毒疫苗")]


@pytest.mark.parametrize("text, expected", [
    # jieba glues 占 to the next characters (占新收|申请): still a share of the count before it
    ("自然人提出118件,占新收申请总数的92.9%。", [("118件", "自然人提出"), ("92.9%", "自然人提出")]),
    ("涉及征收补偿类的申请54件,占新收申请的42.5%。", [("54件", "涉及征收补偿类的申请"), ("42.5%", "涉及征收补偿类的申请")]),
    # …but 占用 is a word of its own, not a share
    ("新增建设用地120亩,占用耕地50亩。", [("120亩", "新增建设用地"), ("50亩", "占用耕地")]),
])
def test_share_glued_to_its_denominator_points_back(text, expected):
    assert qm(text, year=2023) == expected


def test_a_decimal_at_the_start_of_a_wrapped_line_is_no_page_marker():
    # pdftotext wraps at a fixed width: the line break falls between a metric and its number
    text = ("（四）平台建设\n全市政务新媒体现有账号312个，均已完成备案。12345政务服务便民热线全年受理群众诉求\n"
            "51.6万件，办结率99.1%。")
    assert qm(text, year=2021) == [("312个", "政务新媒体现有账号"), ("51.6万件", "受理群众诉求"), ("99.1%", "办结率")]


@pytest.mark.parametrize("text, year, expected", [
    # a year naming a budget document is no time frame
    ("全部公开2017年部门预算和2016年部门决算，公开部门预决算的单位共96家。", 2017, [("96家", "2017")]),
    # 截至年底 ends the year: it overrides a month named earlier in the sentence
    ("9月份开通政务微博，截至年底共发布微博1350余条，听众人数28765。", 2011, [("1350余条", "2011"), ("28765", "2011")]),
    # a range of months is a span of the year, also with 累计
    ("6月份至8月份，累计组织巡查排查1.8万人次。", 2024, [("1.8万人次", "2024")]),
    # a single month still dates its quantity
    ("5月份公开信息50条。", 2017, [("50条", "2017-05")]),
    # a year, or a range of years, naming when documents were made dates nothing
    ("对2015年至2018年印发的行政规范性文件进行清理，保留46件，废止9件。", 2019, [("46件", "2019"), ("9件", "2019")]),
    ("全面梳理2020年出台的政策文件，新增解读材料12篇。", 2021, [("12篇", "2021")]),
    ("全部公开2018年政府预算和2017年政府决算，公开预决算的部门共58家。", 2018, [("58家", "2018")]),
    # a year opening a standing period dates nothing; 累计 then makes the count a standing total
    ("政务微博自2013年开通以来累计发布微博1.2万条。", 2019, [("1.2万条", "cumulative")]),
])
def test_year_frames_that_are_not_a_month(text, year, expected):
    assert [(t.quantity_text, t.period) for t in run(text, year=year)] == expected


def test_locative_after_a_number_is_no_metric_and_a_change_is_never_a_standing_total():
    got = tmp("已答复的1355件中，同意公开的70件。", year=2016)
    assert [(q, m) for q, m, _, _ in got] == [("1355件", "答复"), ("70件", "同意公开")]
    assert qm("全市共有12所中学。", year=2020) == [("12所", "中学")]
    got = tmp("目前关注人数超过120万，较上年末增加31万。", year=2020)
    assert [(q, k, p) for q, _, k, p in got] == [("超过120万", "count", "cumulative"), ("31万", "change", "2020")]


@pytest.mark.parametrize("text, expected", [
    # after a light verb the noun behind the count names it
    ("每半年对各镇街网站进行一次检查。", [("一次", "检查")]),
    ("年内召开2次新闻发布会。", [("2次", "新闻发布会")]),
    # after another verb with an object behind it, the verb is the counted action
    ("每月公布一次重点项目建设进度。", [("一次", "公布")]),
    # before a verb, with nothing governing before it: the verb phrase after the count
    ("市政府党组年内两次召开会议专题研究政务公开。", [("两次", "召开会议专题研究政务公开")]),
    # a verb and its object before the count keep their place
    ("全年召开专题会议4次，组织业务培训2次。", [("4次", "召开专题会议"), ("2次", "组织业务培训")]),
])
def test_a_count_of_events_names_the_action(text, expected):
    assert qm(text, year=2022) == expected


def test_a_share_after_a_closed_bracket_divides_the_count_before_the_bracket():
    text = "全年办理依申请公开42件（其中当面申请15件、网上申请27件），占各类政务服务事项的3.1%。"
    assert qm(text, year=2020)[-1] == ("3.1%", "办理依申请公开")
    # inside the bracket it still divides the sub-count before it
    text = "主动公开文件380件（其中规范性文件57件，占15%）。"
    assert qm(text, year=2020)[-1] == ("15%", "规范性文件")


def test_from_a_dated_base_to_a_level_and_the_change_of_the_pair():
    # 由/从 + a year + 的 + number: that year's value; the level reached and the change are this year's
    text = "城乡低保月标准由2022年的680元提高到735元，增加55元。"
    got = [(t.quantity_text, t.metric_text, t.period, t.kind) for t in run(text, year=2023)]
    assert got == [("680元", "城乡低保月标准", "2022", "money"), ("735元", "城乡低保月标准", "2023", "money"),
                   ("55元", "城乡低保月标准", "2023", "money")]
    text = "办理时限从2019年的12个工作日压缩至8个工作日。"
    got = [(t.quantity_text, t.metric_text, t.period, t.kind) for t in run(text, year=2020)]
    assert got == [("12个工作日", "办理时限", "2019", "other"), ("8个工作日", "办理时限", "2020", "other")]
    # the level after a prior-year base written 上年 is a level too, not a change
    text = "群众等候时间由上年的25分钟缩短到18分钟。"
    got = [(t.quantity_text, t.metric_text, t.period, t.kind) for t in run(text, year=2020)]
    assert got == [("25分钟", "群众等候时间", "2019", "other"), ("18分钟", "群众等候时间", "2020", "other")]
