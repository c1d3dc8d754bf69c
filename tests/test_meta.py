"""Report metadata: title, region, year, statistics period, filling date."""
from __future__ import annotations

import pytest

from conftest import seed_text
from ie.meta import extract_meta
from ie.segment.normalize import normalize
from ie.tables import parse_tables

SEEDS = {
    "000_79ef27311e66addd": ("宣威市2018年政府信息公开年度工作报告", "宣威市", 2018),
    "001_6202dfbafd518d6c": ("吉安市2017年政府信息公开工作年度报告", "吉安市", 2017),
    "002_e9fe4faf6c2b1375": (None, "上高县", 2017),
    "003_41c4ed6ffaa77de1": ("2022年市政府信息公开工作年度报告", "南华县", 2022),
    "004_087a8e6c0d9ad53e": (None, "阿拉山口市", 2018),
}


def meta_of(text: str, **kw):
    norm = normalize(text)
    tables = parse_tables(text, norm)
    issues: list = []
    m = extract_meta(text, norm, template=tables.template, table_spans=tables.spans, issues=issues, **kw)
    return m, issues


@pytest.mark.parametrize("doc", sorted(SEEDS))
def test_seed_meta(doc):
    title, region, year = SEEDS[doc]
    m, issues = meta_of(seed_text(doc))
    assert (m.title, m.region, m.year) == (title, region, year)
    assert not [i for i in issues if i.code.startswith("meta_")]


def test_seed_template_and_dates():
    m, _ = meta_of(seed_text("000_79ef27311e66addd"))
    text = seed_text("000_79ef27311e66addd")
    assert m.template == "2014"
    assert m.filled_on == "2018-01-25" and text[m.filled_on_start:m.filled_on_end] == "2018年1月25日"
    m, _ = meta_of(seed_text("002_e9fe4faf6c2b1375"))
    assert (m.period_start, m.period_end) == ("2017-01-01", "2017-12-31")
    m, _ = meta_of(seed_text("004_087a8e6c0d9ad53e"))
    assert (m.period_start, m.period_end) == ("2018-01-01", "2018-12-31")


def test_chrome_is_skipped():
    text = ("您现在的位置:首页 >> 政务公开 >> 年度报告\n发布时间:2019-03-12 15:17:14   索引号:  来源:某市人民政府\n"
            "广州市天河区2018年政府信息公开工作年度报告\n一、概述\n2018年,我区……")
    m, _ = meta_of(text)
    assert m.title == "广州市天河区2018年政府信息公开工作年度报告"
    assert m.region == "广州市天河区" and m.year == 2018


def test_year_from_period_then_text():
    m, _ = meta_of("本报告中所列数据的统计期限自2016年1月1日起,至2016年12月31日止。\n2017年将继续推进。")
    assert m.year == 2016 and m.title is None
    m, _ = meta_of("政府信息公开情况统计表\n(2015年度)\n2015年,我县继续推进政务公开。")
    assert m.year == 2015


def test_caller_year_wins_with_issue():
    m, issues = meta_of("吉安市2017年政府信息公开工作年度报告\n正文", year=2018)
    assert m.year == 2018
    assert [i.code for i in issues] == ["meta_year_mismatch"]


def test_chinese_numeral_year_and_full_width():
    m, _ = meta_of("某某县人民政府二〇一六年政府信息公开工作年度报告\n正文")
    assert m.year == 2016 and m.region == "某某县"
    m, _ = meta_of("ＸＸ市２０１７年政府信息公开工作年度报告\n")
    assert m.year == 2017


def test_nothing_found_gives_issue_not_error():
    m, issues = meta_of("")
    assert (m.title, m.region, m.year) == (None, None, None)
    assert [i.code for i in issues] == ["meta_no_year"]


@pytest.mark.parametrize("title, region", [
    ("嘉兴市市场监督管理局2019年政府信息公开工作年度报告", "嘉兴市"),
    ("黔东南州市场监督管理局2020年政府信息公开工作年度报告", "黔东南州"),
    ("杭州市民政局2017年政府信息公开工作年度报告", "杭州市"),
    ("郑州市教育局2016年政府信息公开工作年度报告", "郑州市"),
    ("福州市鼓楼区人民政府2015年政府信息公开工作年度报告", "福州市鼓楼区"),
    ("国家税务总局金华市婺城区税务局2020年政府信息公开工作年度报告", "金华市婺城区"),
    ("中国人民银行嘉兴市中心支行2019年政府信息公开工作年度报告", "嘉兴市"),
    ("绍兴市住房和城乡建设局2021年政府信息公开工作年度报告", "绍兴市"),
    ("湖州市吴兴区城乡规划局2017年政府信息公开工作年度报告", "湖州市吴兴区"),
    ("台州市乡村振兴局2023年政府信息公开工作年度报告", "台州市"),
    ("成都市武侯区人民政府2020年政府信息公开工作年度报告", "成都市武侯区"),
])
def test_region_is_the_unit_run_of_the_issuer(title, region):
    m, _ = meta_of(title + "\n正文。")
    assert (m.title, m.region) == (title, region)


def test_bracketed_year_before_or_after_the_title():
    m, _ = meta_of("【2019年】绍兴市上虞区人民政府政府信息公开工作年度报告\n正文。")
    assert (m.region, m.year) == ("绍兴市上虞区", 2019)
    m, _ = meta_of("金华市财政局政府信息公开工作年度报告（2019年度）\n本局全年公开信息85条。")
    assert (m.title, m.region, m.year) == ("金华市财政局政府信息公开工作年度报告（2019年度）", "金华市", 2019)


@pytest.mark.parametrize("line", ["## 湖州市吴兴区人民政府2021年政府信息公开工作年度报告",
                                  "**湖州市吴兴区人民政府2021年政府信息公开工作年度报告**"])
def test_markup_is_cut_off_the_title(line):
    text = line + "\n\n正文。"
    m, _ = meta_of(text)
    assert m.title == "湖州市吴兴区人民政府2021年政府信息公开工作年度报告"
    assert m.region == "湖州市吴兴区"


def test_title_opening_a_one_line_scrape():
    text = ("衢江区年报.pdf - 文库 下载积分：10 浏览：5次\n第 1 页 / 共 4 页\n"
            "衢州市衢江区人民政府2019年政府信息公开工作年度报告 一、总体情况 2019年，我区扎实推进政务公开。")
    m, _ = meta_of(text)
    assert (m.title, m.region, m.year) == ("衢州市衢江区人民政府2019年政府信息公开工作年度报告", "衢州市衢江区", 2019)


def test_breadcrumb_trail_is_never_the_title():
    text = ("网站首页 > 政务公开 > 政府信息公开年报\n舟山市定海区2018年政府信息公开工作年度报告\n2018年，我区……")
    m, _ = meta_of(text)
    assert m.title == "舟山市定海区2018年政府信息公开工作年度报告"


def test_markdown_title_opening_a_one_line_scrape():
    m, _ = meta_of("# 湖州市南浔区人民政府2020年政府信息公开工作年度报告 一、总体情况 2020年，我区持续深化政务公开。")
    assert (m.title, m.region) == ("湖州市南浔区人民政府2020年政府信息公开工作年度报告", "湖州市南浔区")
