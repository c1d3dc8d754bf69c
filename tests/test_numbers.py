"""Numbers and quantities: parametrized tables of small cases (ie.numbers)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from ie.numbers import QuantityMatch, find_quantities, parse_number, parse_quantity
from ie.segment.normalize import normalize


@pytest.mark.parametrize("written, value", [
    ("76", 76), ("７６", 76), ("7,435", 7435), ("７，４３５", 7435), ("1,234,567", 1234567),
    ("1.9", Decimal("1.9")), ("79.00", 79), ("0", 0),
    ("一", 1), ("两", 2), ("兩", 2), ("十", 10), ("十五", 15), ("二十三", 23), ("一百零五", 105),
    ("一千二百", 1200), ("三千五", 3500), ("两万两", 22000), ("两万两千", 22000), ("十万", 100000),
    ("一亿二千万", 120000000), ("二〇一七", 2017), ("壹佰", 100),
    ("1.9亿", 190000000), ("842.13万", 8421300), ("3千", 3000), ("5百万", 5000000),
])
def test_parse_number(written, value):
    got = parse_number(written)
    assert got == value
    assert isinstance(got, (int, Decimal)) and not isinstance(got, bool)


@pytest.mark.parametrize("written", ["", "abc", "十百", "万", "公开"])
def test_parse_number_unreadable(written):
    assert parse_number(written) is None


@pytest.mark.parametrize("written, value, unit, approx, kind", [
    # Arabic digits, widths, separators, stray spaces
    ("76件", 76, "件", False, "count"),
    ("７６件", 76, "件", False, "count"),
    ("7435 条", 7435, "条", False, "count"),
    ("7,435条", 7435, "条", False, "count"),
    ("0件", 0, "件", False, "count"),
    # 万 / 亿 scaling, money in 元
    ("1.9亿元", 190000000, "元", False, "money"),
    ("22.5亿元", 2250000000, "元", False, "money"),
    ("4600万元", 46000000, "元", False, "money"),
    ("2.26万元", 22600, "元", False, "money"),
    ("35万元", 350000, "元", False, "money"),
    ("842.13万条", 8421300, "条", False, "count"),
    ("5.2万人", 52000, "人", False, "count"),
    ("4.5万以下", 45000, "", True, "count"),
    # approximation before / inside / after
    ("1200余条", 1200, "条", True, "count"),
    ("6万多份", 60000, "份", True, "count"),
    ("1200多万元", 12000000, "元", True, "money"),
    ("近千次", 1000, "次", True, "count"),
    ("约300人", 300, "人", True, "count"),
    ("超过5000件", 5000, "件", True, "count"),
    ("突破1万人次", 10000, "人次", True, "count"),
    ("50件以上", 50, "件", True, "count"),
    ("200人左右", 200, "人", True, "count"),
    ("至少一次", 1, "次", True, "count"),
    ("一名以上", 1, "名", True, "count"),
    ("十余个", 10, "个", True, "count"),
    ("达12万人(次)", None, None, None, None),  # 达 is not a marker and not part of the quantity
    # Chinese numerals with measure words
    ("三次", 3, "次", False, "count"),
    ("十个", 10, "个", False, "count"),
    ("一千二百件", 1200, "件", False, "count"),
    ("两万两千条", 22000, "条", False, "count"),
    ("兩批", 2, "批", False, "count"),
    ("一名", 1, "名", False, "count"),
    ("二十三项", 23, "项", False, "count"),
    # alternative measure word in brackets
    ("12万人(次)", 120000, "人次", False, "count"),
    ("500多幅(条)", 500, "幅", True, "count"),
    # percent and percentage points are different units
    ("95.4%", Decimal("95.4"), "%", False, "percent"),
    ("95.4％", Decimal("95.4"), "%", False, "percent"),
    ("79.00%", 79, "%", False, "percent"),
    ("3.5个百分点", Decimal("3.5"), "百分点", False, "percent_point"),
    ("2百分点", 2, "百分点", False, "percent_point"),
    # written-out percentages
    ("百分之百", 100, "%", False, "percent"),
    ("百分之九十五点五", Decimal("95.5"), "%", False, "percent"),
    ("百分之12", 12, "%", False, "percent"),
    # a bare 百/千 with an approximation marker
    ("千余人次", 1000, "人次", True, "count"),
    ("百余家", 100, "家", True, "count"),
    ("50余万元", 500000, "元", True, "money"),
    # other measures
    ("3倍", 3, "倍", False, "other"),
    ("15个工作日", 15, "个工作日", False, "other"),
])
def test_parse_quantity(written, value, unit, approx, kind):
    q = parse_quantity(written)
    if value is None:
        assert q is None
        return
    assert q is not None, written
    assert (q.value, q.unit, q.approx, q.kind) == (value, unit, approx, kind)
    assert q.text == written


@pytest.mark.parametrize("written", [
    "一项", "一批", "三公", "一是", "2018年", "12月", "第十九位", "5G", "两级", "百项", "千分制",
])
def test_not_a_quantity(written):
    assert parse_quantity(written) is None


@pytest.mark.parametrize("text, expected", [
    ("收到申请７６件，办结率达95.4%。", ["７６件", "95.4%"]),
    ("接处“96128”专线860余件", ["860余件"]),
    ("12315三合一平台共收到各类信息12062件", ["12062件"]),
    ("依据〔2017〕50号文件，于2018年12月28日公开信息3条", ["3条"]),
    ("电话：0909-6998669，邮编：833418，地址：天山街8号，共2件", ["2件"]),
    ("详见http://www.jian.gov.cn/123，邮箱zb123@alsk.gov.cn，共5期", ["5期"]),
    ("一是公开信息8条；二是回应关切；（一）概述；㈠公开；1、工作；2.成效", ["8条"]),
    ("第二十条第（一）项规定，排名第十九位，第3次会议", []),
    ("全面落实五公开，压减三公经费，建设两微一端，做好六稳六保，双随机、一公开，一单两库一细则", []),
    ("坚持四不两直，做到三到位，推进1+3+3+改革开放", []),
    ("作为一项重要工作，建成一批设施，解决一些问题，存在一定差距，若干个案例，一年来", []),
    ("市、县两级，6.2级地震，三级联审", []),
    ("全文由概述等六部分组成，本报告由等7个部分组成，包括五个部分内容", []),
    ("主动公开信息74\n35条", ["74\n35条"]),
    ("发放资料6万多份，科普读物1万多册", ["6万多份", "1万多册"]),
    ("在15个工作日内答复，提供7×24小时服务，3日内办结", []),
    ("推行一人一档、一户一策、一事一议", []),
    ("坚持两个确立，落实两个责任，推行一次不用跑", []),
    ("发放宣传单十四份，处理工单十一次，统一部署", ["十四份", "十一次"]),
    ("12345、12315热线共受理12062件", ["12062件"]),
])
def test_find_quantities(text, expected):
    found = find_quantities(normalize(text))
    assert [text[q.start:q.end] for q in found] == expected
    for q in found:
        assert isinstance(q, QuantityMatch)
        assert q.num_start >= q.start and q.num_end <= q.end


def test_find_quantities_offsets_work_on_traditional_text():
    text = "全年主動公開政府信息７，４３５條，辦結率達９８％。"
    found = find_quantities(normalize(text))
    assert [text[q.start:q.end] for q in found] == ["７，４３５條", "９８％"]
    assert [q.value for q in found] == [7435, 98]


# A range before one measure word is one quantity over both numbers: the lower bound, approx.
@pytest.mark.parametrize("text, expected", [
    ("每季度开展督查4至6次。", [("4至6次", 4, "次", True)]),
    ("举办业务讲座3-4场。", [("3-4场", 3, "场", True)]),
    ("每月更新两到三期专栏。", [("两到三期", 2, "期", True)]),
    ("每年开展一到两批抽查。", [("一到两批", 1, "批", True)]),  # not the indefinite 一
    ("满意度提升1.5~2个百分点。", [("1.5~2个百分点", Decimal("1.5"), "百分点", True)]),
    # not ranges: months, years, phone numbers, ordinals, a falling pair
    ("3-9月共受理申请14件。", [("14件", 14, "件", False)]),
    ("2018-2020年发布文件9份。", [("9份", 9, "份", False)]),
    ("咨询电话0579-86123456。", []),
    ("依照第5至7条办理。", []),
])
def test_ranges(text, expected):
    got = [(q.text, q.value, q.unit, q.approx) for q in find_quantities(normalize(text))]
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    # a short set name in quotes opening with a numeral + measure word names a set, counts nothing
    ("深化“五张清单”管理，落实“两项制度”衔接。", []),
    ("推进“一枚印章管审批”改革。", []),
    # the count next to the name is still read; a quantity written after other words in quotes too
    ("梳理“六张清单”事项共214项。", ["214项"]),
    ("网页标注“本年新增9条”提示。", ["9条"]),
    # no quotes: an ordinary count
    ("编制权责清单三张。", ["三张"]),
])
def test_quoted_set_names_are_not_quantities(text, expected):
    assert [q.text for q in find_quantities(normalize(text))] == expected


@pytest.mark.parametrize("written, value, unit, approx, kind", [
    # 成 = tenths: read as a share in % (as 万元 is read in 元)
    ("六成", 60, "%", False, "percent"),
    ("逾七成", 70, "%", True, "percent"),
    ("4成以上", 40, "%", True, "percent"),
    # an explicit sign right before the digits
    ("-12项", -12, "项", False, "count"),
    ("+4.5%", Decimal("4.5"), "%", False, "percent"),
])
def test_tenths_and_signed_quantities(written, value, unit, approx, kind):
    q = parse_quantity(written)
    assert (q.value, q.unit, q.approx, q.kind) == (value, unit, approx, kind)


@pytest.mark.parametrize("text, expected", [
    ("市级部门建成政务服务专区。", []),          # 成 inside a word is no measure word
    ("全体成员单位参加。", []),
    ("培训共4-6场。", [("4-6场", 4)]),           # a range, not a sign
    ("2021-05-30发布通知8份。", [("8份", 8)]),   # a date, not a sign
    ("本年增/减-7件。", [("-7件", -7)]),
])
def test_tenths_and_signs_in_context(text, expected):
    assert [(q.text, q.value) for q in find_quantities(normalize(text))] == expected


@pytest.mark.parametrize("text, expected", [
    ("完成加装电梯签约62台", [("62台", 62, "台", False)]),      # 约 ends the word 签约: no marker
    ("节约经费3万元", [("3万元", 30000, "元", False)]),
    ("收到申请约12件", [("约12件", 12, "件", True)]),           # 约 after a verb is a marker
    ("减少群众损失约56万元", [("约56万元", 560000, "元", True)]),  # 损失 ends a word: 约 is a marker
    ("二氧化氮平均浓度29微克/立方米", [("29微克/立方米", 29, "微克/立方米", False)]),  # a compound unit
    ("陆家嘴街道办事处", []),                                    # a lone capital digit is part of a name
    ("拾贰万元", [("拾贰万元", 120000, "元", False)]),           # a run of capital digits is a number
    ("抽查企业1386家次", [("1386家次", 1386, "家次", False)]),
    ("筹集住房4.21万套(间)", [("4.21万套(间)", 42100, "套", False)]),
])
def test_word_tails_names_and_more_units(text, expected):
    assert [(q.text, q.value, q.unit, q.approx) for q in find_quantities(text)] == expected


def test_near_after_a_word_ending_is_still_a_marker():
    assert [(q.text, q.approx) for q in find_quantities("发放就业补贴近42万元")] == [("近42万元", True)]


@pytest.mark.parametrize("text, expected", [
    ("举办政务公开业务培训一期，参训人员120人", ["一期", "120人"]),  # 一期 ends its clause: a count
    ("开展专项培训一轮。", ["一轮"]),
    ("建立一项制度。", []),                                          # 一项 before its noun: the article
    ("作为一项重要工作", []),
])
def test_a_lone_one_that_ends_its_clause_is_a_count(text, expected):
    assert [q.text for q in find_quantities(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # scores in 分 are quantities (kind other), as are durations in 分钟
    ("权重由上年的2分提高到4分", ["2分", "4分"]),
    ("考核得分4.5分,满分100分", ["4.5分", "100分"]),
    ("平均答复用时30分钟", ["30分钟"]),
    # ...but not a time of day, the adverb 十分, a fraction, or words that start with 分
    ("于9时30分召开,8点30分结束", []),
    ("各单位十分重视,约占三分之一", []),
    ("3个部门分别设立12个分局", ["3个", "12个"]),
])
def test_scores_and_what_is_not_one(text, expected):
    assert [text[q.start:q.end] for q in find_quantities(text)] == expected
    for q in find_quantities(text):
        if text[q.start:q.end].endswith("分"):
            assert parse_quantity(text[q.start:q.end]).kind == "other"
