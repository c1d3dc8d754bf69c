"""Era-A (2014–2018) and pre-2014 statistics tables: golden seeds and every flattening.

Gold note: corpus/gold/seed_tables.json says ``"template": "2008"`` for the three seed tables, but the
output contract's values are "2008-local" | "2014" | "2019" | "2021"; these tables are the 2014–2018
national form, so the parser emits "2014" and the tests map gold "2008" -> "2014".
"""
from __future__ import annotations

import time

import pytest

import ie

from conftest import seed_text
from ie.segment.normalize import normalize
from ie.tables import parse_tables
from ie.tables.era_a import parse_era_a
from ie.tables.values import parse_cell_value

GOLD_TEMPLATE_MAP = {"2008": "2014"}
TABLE_DOCS = ("000_79ef27311e66addd", "001_6202dfbafd518d6c", "002_e9fe4faf6c2b1375")


def parse(text: str):
    return parse_tables(text, normalize(text))


def by_key(cells) -> dict:
    return {(c.section, c.label): c for c in cells if c.metric is not None}


# ------------------------------------------------------------------------------------------ golden


@pytest.mark.parametrize("doc", TABLE_DOCS)
def test_seed_table_matches_gold(doc, gold_tables):
    gold = gold_tables[doc]
    text = seed_text(doc)
    result = parse(text)
    assert result.template == GOLD_TEMPLATE_MAP[gold["template"]]
    cells = by_key(result.cells)
    wrong = []
    for row in gold["rows"]:
        cell = cells.get((row["section"], row["label"]))
        if cell is None:
            wrong.append((row["label"], "missing"))
            continue
        # value: None (blank, "/", "——") must stay None, and 0 must stay 0
        if cell.value != row["value"] or (cell.value is None) != (row["value"] is None):
            wrong.append((row["label"], cell.value, row["value"]))
        if cell.unit != row["unit"]:
            wrong.append((row["label"], cell.unit, row["unit"]))
    assert wrong == []
    assert len(cells) == len(gold["rows"]) == 58


def test_all_174_seed_cells(gold_tables):
    correct = 0
    for doc in TABLE_DOCS:
        cells = by_key(parse(seed_text(doc)).cells)
        for row in gold_tables[doc]["rows"]:
            c = cells.get((row["section"], row["label"]))
            correct += c is not None and c.value == row["value"] and c.unit == row["unit"]
    assert correct == 174


@pytest.mark.parametrize("doc", TABLE_DOCS)
def test_seed_cell_offsets(doc):
    text = seed_text(doc)
    for c in parse(text).cells:
        if c.start is None:
            assert c.raw == "" and c.value is None
        else:
            assert text[c.start:c.end] == c.raw
        assert text[c.label_start:c.label_end] == c.label_raw
        assert c.table == "main" and c.source == "table" and c.column is None


def test_seed_spans_cover_the_table(gold_tables):
    for doc in TABLE_DOCS:
        text = seed_text(doc)
        result = parse(text)
        assert len(result.spans) == 1
        start, end = result.spans[0]
        assert "政府信息公开情况统计表" in text[start:start + 40]
        for c in result.cells:
            assert start <= c.label_start and (c.end or c.label_end) <= end
        assert "主动公开政府信息" not in text[max(0, start - 200):start].split("\n")[-1]


def test_seed_000_wrapped_label_and_filled_row():
    text = seed_text("000_79ef27311e66addd")
    cells = {c.metric: c for c in parse(text).cells}
    c = cells["a.proactive.total"]
    assert c.value == 9850 and c.raw == "9850"
    assert c.label_raw == "(一)主动公开政府信息数\n(不同渠道和方式公开相同信息计1条)"
    assert cells["a.org.access_points"].value is None and cells["a.org.access_points"].raw == ""
    assert cells["a.fees"].unit == "万元" and cells["a.fees"].section == cells["a.fees"].label


def test_seed_002_heading_values_become_issues():
    text = seed_text("002_e9fe4faf6c2b1375")
    result = parse(text)
    stray = [i for i in result.issues if i.code == "heading_value"]
    assert {text[i.start:i.end] for i in stray} == {"1", "7"}
    assert all(c.label_raw.strip(" |") not in ("三、依申请公开情况",) for c in result.cells)


def test_no_table_in_narrative_only_seeds():
    for doc in ("003_41c4ed6ffaa77de1", "004_087a8e6c0d9ad53e"):
        result = parse(seed_text(doc))
        assert result.cells == [] and result.template is None


def test_parse_is_fast():
    text = seed_text("001_6202dfbafd518d6c")
    norm = normalize(text)
    parse_era_a(text, norm)
    t = time.perf_counter()
    for _ in range(5):
        parse_era_a(text, norm)
    assert (time.perf_counter() - t) / 5 < 0.25


# ------------------------------------------------------------------------------------- flattenings

HEADINGS = {"1.政府公报公开政府信息数": "(二)通过不同渠道和方式公开政府信息的情况",
            "1.参加或举办新闻发布会总次数": "(二)通过不同渠道和方式回应解读的情况"}


def table_rows(gold_doc: dict) -> list:
    """(label, unit, value text) rows of a gold table, with section and heading rows put back."""
    rows, section = [], None
    for r in gold_doc["rows"]:
        if r["section"] != section:
            section = r["section"]
            if r["label"] != section:
                rows.append((section, "——", "——"))
        if r["label"] in HEADINGS:
            rows.append((HEADINGS[r["label"]], "——", ""))
        rows.append((r["label"], r["unit"], "/" if r["value"] is None else str(r["value"])))
    return rows


def render(rows: list, style: str) -> str:
    head = ("统计指标", "单位", "统计数")
    title = "附件\n政府信息公开情况统计表\n(2017年度)\n"
    if style == "pipes":
        body = [" | ".join(r) for r in [head] + rows]
    elif style == "pipes_outer":
        body = ["| " + " | ".join(r) + " |" for r in [head] + rows]
    elif style == "markdown":
        body = ["| " + " | ".join(head) + " |", "|---|---|---|"] + ["| " + " | ".join(r) + " |" for r in rows]
    elif style == "html":  # the loaders' rendering of <tr><td> rows
        body = [" | ".join(r) for r in [head] + rows]
    elif style == "tabs":
        body = ["\t".join(r) for r in [head] + rows]
    elif style == "spaces":
        body = ["    ".join(r) for r in [head] + rows]
    elif style == "cell_per_line":
        body = ["\n\n".join(c for c in r if c) for r in [head] + rows]
        return title + "\n\n".join(body) + "\n"
    elif style == "cell_pipes":  # seed 002: every cell on its own line ending in " |"
        body = ["\n".join(f"{c} |" if c else "|" for c in r) for r in [head] + rows]
    elif style == "one_line":
        body = [" ".join(c for c in r if c) for r in [head] + rows]
    else:  # pragma: no cover
        raise ValueError(style)
    return title + "\n".join(body) + "\n"


def signature(result) -> list:
    return sorted((c.metric, c.value, c.unit) for c in result.cells)


STYLES = ("pipes", "pipes_outer", "markdown", "html", "tabs", "spaces", "cell_per_line", "cell_pipes", "one_line")


@pytest.mark.parametrize("style", STYLES)
def test_every_flattening_gives_identical_cells(style, gold_tables):
    gold = gold_tables["001_6202dfbafd518d6c"]
    expected = signature(parse(seed_text("001_6202dfbafd518d6c")))
    text = render(table_rows(gold), style)
    result = parse(text)
    assert result.template == "2014"
    assert signature(result) == expected
    for c in result.cells:
        if c.start is not None:
            assert text[c.start:c.end] == c.raw
    assert not [i for i in result.issues if i.code in ("unknown_row", "bad_value", "heading_value")]


@pytest.mark.parametrize("style", ("pipes", "cell_per_line", "one_line"))
def test_full_width_variant(style, gold_tables):
    gold = gold_tables["002_e9fe4faf6c2b1375"]
    half = render(table_rows(gold), style)
    full = half.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F) if chr(c) not in "|\n\t"})
    assert signature(parse(full)) == signature(parse(half))
    text = full
    for c in parse(full).cells:
        if c.start is not None:
            assert text[c.start:c.end] == c.raw


def test_wrapped_labels_and_spaces_inside_labels():
    text = ("政府信息公开情况统计表\n统 计 指 标 单位 统计数\n二、回应解读情况 ——\n"
            "(一)回应公众关注热点或重大舆情数\n(不同方式回应同一热点或舆情计1次)\n76\n"
            "1.参加或举办新闻发布会总次数 5\n其中:主要负责同志参加新闻发布会次数 5\n"
            "2.政府网站在线访谈 次数 6\n3.政策解读稿件发布数 篇 68\n"
            "(四)政府信息公开专项经费(不包括用于政府公报编辑管理及\n政府网站建设维护等方面的经费)\n万元\n35\n")
    cells = {c.metric: c for c in parse(text).cells}
    assert cells["a.response.hotspots"].value == 76
    assert cells["a.response.interviews"].value == 6
    assert cells["a.response.interpretations"].unit == "篇"
    assert cells["a.org.budget"].value == 35 and cells["a.org.budget"].unit == "万元"
    assert cells["a.org.budget"].label_raw.endswith("等方面的经费)")


def test_unknown_local_row_is_kept_with_issue():
    text = ("政府信息公开情况统计表\n统计指标 | 单位 | 统计数\n一、主动公开情况 | —— | ——\n"
            "(一)主动公开政府信息数 | 条 | 500\n主动公开机构领导、机构设置及人事信息 | 条 | 15\n"
            "其中:主动公开规范性文件数 | 条 | 9\n制发规范性文件总数 | 件 | 9\n1.政府公报公开政府信息数 | 条 | 1\n"
            "2.政府网站公开政府信息数 | 条 | 400\n")
    result = parse(text)
    unknown = [c for c in result.cells if c.metric is None]
    assert len(unknown) == 1 and unknown[0].value == 15 and unknown[0].unit == "条"
    assert unknown[0].section == "一、主动公开情况"
    assert any(i.code == "unknown_row" and "机构领导" in i.message for i in result.issues)


@pytest.mark.parametrize("raw", ["——", "/", "", "-", "—", "无"])
def test_placeholder_cells_are_none_never_zero(raw):
    text = ("政府信息公开情况统计表\n统计指标 | 单位 | 统计数\n三、依申请公开情况 | —— | ——\n"
            f"(一)收到申请数 | 件 | 10\n1.当面申请数 | 件 | {raw}\n2.传真申请数 | 件 | 0\n"
            "3.网络申请数 | 件 | 10\n4.信函申请数 | 件 | 0\n(二)申请办结数 | 件 | 10\n")
    cells = {c.metric: c for c in parse(text).cells}
    assert cells["a.request.in_person"].value is None
    assert cells["a.request.fax"].value == 0
    if raw:
        c = cells["a.request.in_person"]
        assert text[c.start:c.end] == raw


def test_index_column_and_unit_in_cell():
    text = ("政府信息公开情况统计表\n序号 | 统计指标 | 单位 | 统计数\n1 | (一)收到申请数 | 件 | 1,234\n"
            "2 | 1.当面申请数 | 件 | 34\n3 | 2.传真申请数 | 件 | 0\n4 | 3.网络申请数 | 件 | 1,200\n"
            "5 | 4.信函申请数 | 件 | 0\n6 | (二)申请办结数 | 件 | 1200\n"
            "7 | 七、依申请公开信息收取的费用 |  | 0.35万元\n")
    cells = {c.metric: c for c in parse(text).cells}
    assert cells["a.request.received"].value == 1234
    assert cells["a.request.in_person"].value == 34
    assert str(cells["a.fees"].value) == "0.35" and cells["a.fees"].unit == "万元"


def test_putian_cumulative_column_is_never_the_year_value():
    text = ("莆田市2009年政府信息公开情况统计表\n指标名称 | 计量单位 | 2009年度 | 历年累计\n"
            "主动公开信息数 | 条 | 3500 | 12000\n其中:1.政府网站 | 条 | 3000 | 10000\n2.政府公报 | 条 | 500 | 2000\n"
            "受理依申请公开信息总数 | 条 | 20 | 80\n其中:1.当面申请数 | 条 | 5 | 30\n2.传真申请数 | 条 | 0 | 0\n"
            "3.电子邮件申请数 | 条 | 10 | 30\n4.网上申请数 | 条 | 5 | 20\n5.信函申请数 | 条 | 0 | 0\n"
            "6.其它形式申请数 | 条 | 0 | 0\n本年度对申请的答复总数 | 条 | 20 | 80\n否决公开答复总数 | 条 | 2 | 5\n"
            "行政复议数 | 件 | 0 | 1\n行政诉讼数 | 件 | 0 | 0\n行政申诉数 | 件 | 1 | 2\n")
    result = parse(text)
    assert result.template == "2008-local"
    year = {c.metric: c.value for c in result.cells if c.column is None}
    cumulative = {c.metric: c.value for c in result.cells if c.column == "历年累计"}
    assert year["l.proactive.total"] == 3500 and cumulative["l.proactive.total"] == 12000
    assert year["l.request.total"] == 20 and year["l.appeal"] == 1


def test_dingxi_code_column():
    text = ("定西市政府信息公开情况统计报表\n指标名称\t计量单位\t代码\t本期实际\t本年累计\n"
            "主动公开信息数\t条\t01\t120\t480\n其中:全文电子化的主动公开信息数\t条\t02\t100\t400\n"
            "申请总数\t条\t10\t6\t20\n其中:1.当面申请数\t条\t11\t1\t5\n2.传真申请数\t条\t12\t0\t0\n"
            "3.电子邮件申请数\t条\t13\t2\t5\n4.网上申请数\t条\t14\t3\t10\n5.信函申请数\t条\t15\t0\t0\n"
            "6.其他形式申请数\t条\t16\t0\t0\n对申请的答复总数\t条\t17\t6\t20\n行政复议数\t件\t32\t0\t0\n")
    result = parse(text)
    assert result.template == "2008-local"
    year = {c.metric: c.value for c in result.cells if c.column is None}
    assert year["l.proactive.total"] == 480  # 本年累计 is the year's value in a period form
    assert year["l.request.email"] == 5


def test_table_found_by_labels_not_by_year():
    gold_rows = [("(一)收到申请数", "件", "3"), ("1.当面申请数", "件", "1"), ("2.传真申请数", "件", "0"),
                 ("3.网络申请数", "件", "2"), ("4.信函申请数", "件", "0"), ("(二)申请办结数", "件", "3")]
    text = "2020年政府信息公开工作年度报告\n" + "\n".join(" | ".join(r) for r in gold_rows)
    assert parse(text).template == "2014"


def test_narrative_mentions_are_not_a_table():
    text = "2017年,收到申请数154件,其中当面申请32件。申请办结数154件。\n" * 5
    assert parse(text).cells == []


def test_parse_cell_value_api():
    assert parse_cell_value("251000元") == (251000, "元", "number")
    assert parse_cell_value("-8") == (-8, None, "number")
    assert parse_cell_value("１２３") == (123, None, "number")
    assert parse_cell_value("abc")[2] == "invalid"


def test_level_columns_take_the_total_as_the_value():
    text = ("政府信息公开情况统计表\n统计指标 | 单位 | 区政府 | 区直单位 | 乡镇街道 | 合计\n一、主动公开情况\n"
            "主动公开政府信息数 | 条 | 10 | 20 | 30 | 60\n其中:主动公开规范性文件数 | 条 | 1 | 2 | 3 | 6\n"
            "制发规范性文件总数 | 件 | 1 | 2 | 3 | 6\n政府公报公开政府信息数 | 条 | 1 | 0 | 0 | 1\n"
            "政府网站公开政府信息数 | 条 | 9 | 20 | 30 | 59\n")
    result = parse(text)
    main = {c.metric: c.value for c in result.cells if c.column is None}
    assert main["a.proactive.total"] == 60 and main["a.proactive.website"] == 59
    parts = {(c.metric, c.column): c.value for c in result.cells if c.column is not None}
    assert parts[("a.proactive.total", "乡镇街道")] == 30


def test_markdown_with_index_and_trailing_local_row():
    text = ("表1 政府信息公开情况统计表\n| 序号 | 统计指标 | 单位 | 统计数 |\n|---|---|---|---|\n"
            "| | 三、依申请公开情况 | —— | —— |\n| 1 | （一）收到申请数 | 件 | １５ |\n| 2 | 1．当面申请数 | 件 | ３ |\n"
            "| 3 | 2．传真申请数 | 件 |  |\n| 4 | 3．网络申请数 | 件 | １２ |\n| 5 | 4．信函申请数 | 件 | ０ |\n"
            "| 6 | （二）申请办结数 | 件 | １５ |\n| 7 | 其中：主动公开行政执法信息 | 条 | 3 |\n注：本表数据截至2017年12月31日。\n")
    result = parse(text)
    cells = {c.metric: c for c in result.cells}
    assert cells["a.request.received"].value == 15 and cells["a.request.fax"].value is None
    assert cells[None].value == 3 and cells[None].label_raw == "其中：主动公开行政执法信息"
    assert result.spans == [(0, len(text) - 1)]


def test_page_markers_between_label_and_value_are_skipped():
    text = ("政府信息公开情况统计表\n统计指标\n单位\n统计数\n三、依申请公开情况\n——\n(一)收到申请数\n第 2 页 共 5 页\n154\n"
            "1.当面申请数\n32\n2.传真申请数\n/\n- 3 -\n3.网络申请数\n27\n4.信函申请数\n95\n(二)申请办结数\n154\n")
    cells = {c.metric: c.value for c in parse(text).cells}
    assert cells == {"a.request.received": 154, "a.request.in_person": 32, "a.request.fax": None,
                     "a.request.online": 27, "a.request.letter": 95, "a.request.concluded": 154}


def test_traditional_characters_read_the_same(gold_tables):
    simplified = render(table_rows(gold_tables["002_e9fe4faf6c2b1375"]), "cell_pipes")
    traditional = (simplified.replace("动", "動").replace("开", "開").replace("数", "數").replace("条", "條")
                   .replace("发", "發").replace("规", "規").replace("范", "範").replace("门", "門"))
    assert traditional != simplified
    assert signature(parse(traditional)) == signature(parse(simplified))


def test_near_miss_of_a_read_row_is_a_local_row():
    text = ("政府信息公开情况统计表\n统计指标 | 单位 | 统计数\n一、主动公开情况 | —— | ——\n"
            "(一)主动公开政府信息数 | 条 | 500\n主动公开政府文件数 | 件 | 40\n"
            "其中:主动公开规范性文件数 | 条 | 9\n制发规范性文件总数 | 件 | 9\n1.政府公报公开政府信息数 | 条 | 1\n"
            "2.政府网站公开政府信息数 | 条 | 400\n")
    cells = parse(text).cells
    assert [c.value for c in cells if c.metric == "a.proactive.total"] == [500]
    assert [c.value for c in cells if c.metric is None] == [40]


def test_label_colon_value_lines():
    text = ("2018年政府信息公开情况统计\n三、依申请公开情况\n（一）收到申请数：154件\n1.当面申请数：32件\n2.传真申请数：0件\n"
            "3.网络申请数：27件\n4.信函申请数：95件\n（二）申请办结数：154件\n联系电话：7162766\n")
    result = parse(text)
    assert {c.metric: c.value for c in result.cells} == {
        "a.request.received": 154, "a.request.in_person": 32, "a.request.fax": 0, "a.request.online": 27,
        "a.request.letter": 95, "a.request.concluded": 154}
    assert all(c.raw.endswith("件") and c.unit == "件" for c in result.cells)


@pytest.mark.parametrize("with_units", [False, True])
def test_column_wise_flattening(with_units, gold_tables):
    rows = table_rows(gold_tables["001_6202dfbafd518d6c"])
    head = "政府信息公开情况统计表\n统计指标\n单位\n统计数\n"
    units = [r[1] for r in rows] if with_units else []
    text = head + "\n".join([r[0] for r in rows] + units + [r[2] or "——" for r in rows]) + "\n"
    expected = signature(parse(render(rows, "pipes")))
    assert signature(parse(text)) == expected


def test_header_repeated_after_a_page_break(gold_tables):
    rows = table_rows(gold_tables["000_79ef27311e66addd"])
    half = len(rows) // 2
    text = render(rows[:half], "pipes") + "第 1 页 共 2 页\n统计指标 | 单位 | 统计数\n" + \
        "\n".join(" | ".join(r) for r in rows[half:]) + "\n"
    assert signature(parse(text)) == signature(parse(render(rows, "pipes")))


def test_optional_complaint_sub_rows_and_their_identity():
    from ie.reconcile.identities import check_identities

    text = ("政府信息公开情况统计表\n统计指标 | 单位 | 统计数\n四、行政复议数量 | 件 | 3\n(一)维持具体行政行为数 | 件 | 1\n"
            "(二)被依法纠错数 | 件 | 1\n(三)其他情形数 | 件 | 1\n五、行政诉讼数量 | 件 | 0\n"
            "(一)维持具体行政行为或者驳回原告诉讼请求数 | 件 | 0\n(二)被依法纠错数 | 件 | 0\n(三)其他情形数 | 件 | 0\n"
            "六、被举报投诉数量 | 件 | 5\n(一)维持具体行政行为数 | 件 | 2\n(二)被纠错数 | 件 | 1\n(三)其他情形数 | 件 | 1\n")
    result = parse(text)
    cells = {c.metric: c.value for c in result.cells}
    assert cells["a.complaint.total"] == 5 and cells["a.complaint.upheld"] == 2
    assert cells["a.review.upheld"] == 1 and cells["a.litigation.other"] == 0
    (f,) = check_identities(result.cells, result.template)
    assert f.metric == "a.complaint.total" and "5" in f.message and "4" in f.message


# ------------------------------------------------------------------------ segmentation in a report

def report_with_table(heading: str, gold: dict, style: str = "tabs", between: str = "") -> str:
    """A 2015 bureau report whose narrative chapter heading reads like a table section."""
    return ("湖州市南浔区交通运输局2015年政府信息公开工作年度报告\n一、概况\n本局按照年度要点，稳步推进政务公开工作。\n"
            f"{heading}\n本年度我局主动公开各类信息412条，其中通过门户网站公开390条，通过政务微博公开22条。\n"
            "四、存在的不足\n公开内容的深度仍有欠缺，明年将加以改进。\n" + between + render(table_rows(gold), style))


@pytest.mark.parametrize("heading", ["二、主动公开政府信息情况", "（二）主动公开情况", "三、依申请公开政府信息情况",
                                     "二、依申请公开情况", "五、回应解读情况"])
def test_chapter_heading_like_a_section_does_not_open_the_table(heading, gold_tables):
    gold = gold_tables["001_6202dfbafd518d6c"]
    text = report_with_table(heading, gold)
    result = parse(text)
    assert result.template == "2014"
    assert signature(result) == signature(parse(render(table_rows(gold), "tabs")))
    (start, end), = result.spans
    assert text[start:].startswith("附件\n政府信息公开情况统计表")
    assert not [i for i in result.issues if i.code in ("table_line_skipped", "unknown_row", "bad_value")]
    assert "412条" in [t.quantity_text for t in ie.extract(text).triples]


def test_heading_right_above_the_table_title_is_not_a_row(gold_tables):
    gold = gold_tables["000_79ef27311e66addd"]
    text = report_with_table("二、主动公开情况", gold, between="六、依申请公开情况\n")
    result = parse(text)
    assert not [c for c in result.cells if "六、依申请" in c.label_raw]
    (start, _), = result.spans
    assert text[start:].startswith("附件\n")
    assert signature(result) == signature(parse(render(table_rows(gold), "tabs")))


def test_a_report_outline_of_section_names_is_no_table():
    text = ("常山县2016年政府信息公开工作年度报告\n一、主动公开情况\n二、回应解读情况\n三、依申请公开情况\n"
            "四、行政复议数量\n五、行政诉讼数量\n六、举报投诉数量\n七、依申请公开信息收取的费用\n"
            "八、机构建设和保障经费情况\n九、政府信息公开会议和培训情况\n")
    result = parse(text)
    assert result.cells == [] and result.template is None and result.spans == []


@pytest.mark.parametrize("sep", [" ", "\u3000", "  "])
def test_era_a_table_on_one_line(sep, gold_tables):
    gold = gold_tables["002_e9fe4faf6c2b1375"]
    table = render(table_rows(gold), "one_line").rstrip("\n").replace("\n", sep)
    text = "开化县林业局2017年政府信息公开工作年度报告\n一、概况\n全年工作平稳有序。\n" + table + "\n"
    result = parse(text)
    assert result.template == "2014"
    assert signature(result) == signature(parse(render(table_rows(gold), "pipes")))
    for c in result.cells:
        assert c.start is None or text[c.start:c.end] == c.raw
        assert text[c.label_start:c.label_end] == c.label_raw
    (start, end), = result.spans
    assert text[start:end] == table


def test_whole_report_on_one_line_keeps_its_prose_out_of_the_table(gold_tables):
    gold = gold_tables["001_6202dfbafd518d6c"]
    table = render(table_rows(gold), "one_line").rstrip("\n").replace("\n", " ")
    text = ("龙游县2017年政府信息公开工作年度报告 二、主动公开政府信息情况 全年主动公开政府信息2310条，同比增长6.5%。 "
            + table)
    result = parse(text)
    assert signature(result) == signature(parse(render(table_rows(gold), "pipes")))
    (start, _), = result.spans
    assert text[start:].startswith("附件 政府信息公开情况统计表")
    assert "2310条" in [t.quantity_text for t in ie.extract(text).triples]


def test_prose_with_spaced_numbers_is_not_cut_into_rows():
    from ie.tables.era_a import _row_segments

    line = "全年 主动公开 政府信息 1865 条，其中 网站 1642 条，微信 925 条，微博 318 条，均已 按期 公开。"
    assert _row_segments(normalize(line), 0, len(line)) is None


def test_site_footer_after_the_table_is_no_row(gold_tables):
    gold = gold_tables["000_79ef27311e66addd"]
    table = render(table_rows(gold), "spaces")
    footer = ("\n主办单位：舟山市普陀区人民政府办公室　　地址：普陀区东港街道中昌街88号　　邮编：316100\n"
              "技术支持单位：某某网络公司　　网站标识码：3309030001\n")
    text = "舟山市普陀区2016年政府信息公开工作年度报告\n" + table + footer
    result = parse(text)
    assert signature(result) == signature(parse(table))
    assert not [c for c in result.cells if "主办" in c.label_raw or "邮编" in c.raw]
    (_, end), = result.spans
    assert "主办单位" not in text[:end]


def test_prose_after_the_table_ends_its_span(gold_tables):
    gold = gold_tables["000_79ef27311e66addd"]
    table = render(table_rows(gold), "pipes")
    text = (table + "说明：以上数据由各乡镇和部门汇总。\n今后我县将进一步规范统计口径，提高数据质量。\n"
            "联系电话：0570-1234567\n")
    result = parse(text)
    (_, end), = result.spans
    assert "今后我县" not in text[:end] and "联系电话" not in text[:end]


def test_level_sub_header_line_stays_inside_the_span():
    text = ("附件\n政府信息公开情况统计表\n（2017年度）\n序号\t统计指标\t单位\t统计数\n\t\t\t合计\t市本级\t县（市、区）\n"
            "\t三、依申请公开情况\t——\t——\t——\t——\n1\t（一）收到申请数\t件\t64\t40\t24\n2\t1.当面申请数\t件\t20\t12\t8\n"
            "3\t2.传真申请数\t件\t0\t0\t0\n4\t3.网络申请数\t件\t40\t26\t14\n5\t4.信函申请数\t件\t4\t2\t2\n"
            "6\t（二）申请办结数\t件\t60\t38\t22\n")
    result = parse(text)
    assert {c.metric: c.value for c in result.cells if c.column is None}["a.request.received"] == 64
    assert result.spans[0][0] == 0


def test_one_line_table_with_an_index_column(gold_tables):
    rows = table_rows(gold_tables["000_79ef27311e66addd"])
    body = " ".join(f"{i} " + " ".join(r) for i, r in enumerate(rows, 1))
    text = "附件 政府信息公开情况统计表 （2017年度） 序号 统计指标 单位 统计数 " + body
    result = parse(text)
    assert signature(result) == signature(parse(render(rows, "pipes")))
    assert not [i for i in result.issues if i.code in ("extra_values", "heading_value", "bad_value")]


@pytest.mark.parametrize("heading", ["四、行政复议数量", "三、依申请公开情况", "九、政府信息公开会议和培训情况"])
def test_chapter_heading_after_the_table_is_not_in_it(heading, gold_tables):
    table = render(table_rows(gold_tables["000_79ef27311e66addd"]), "pipes")
    text = "大理市2018年政府信息公开工作年度报告\n" + table + heading + "\n全年被申请行政复议2件，均已审结。\n"
    result = parse(text)
    (_, end), = result.spans
    assert text[end:].lstrip().startswith(heading)
    assert signature(result) == signature(parse(table))


OUTLINE_WITH_NONE = ("玉溪市红塔区2016年政府信息公开工作年度报告\n一、概述\n全年工作推进有序。\n二、主动公开情况\n全年主动公开信息300条。\n"
                     "三、依申请公开情况\n无\n四、行政复议数量\n无\n五、行政诉讼数量\n无\n六、举报投诉数量\n无\n"
                     "七、依申请公开信息收取的费用\n无\n")


def test_chapter_headings_each_followed_by_none_are_no_table():
    result = parse(OUTLINE_WITH_NONE + "八、其他需要报告的事项\n无\n")
    assert result.cells == [] and result.spans == []


def test_chapter_headings_followed_by_none_stay_out_of_the_table_after_them(gold_tables):
    rows = table_rows(gold_tables["000_79ef27311e66addd"])
    table = "附件\n政府信息公开情况统计表\n统计指标 单位 统计数\n" + "\n".join(" ".join(r) for r in rows)
    result = parse(OUTLINE_WITH_NONE + table)
    (start, _), = result.spans
    assert (OUTLINE_WITH_NONE + table)[start:].startswith("附件")
    assert signature(result) == signature(parse(table))
    assert not [i for i in result.issues if i.code in ("heading_value", "table_line_skipped")]


def test_running_page_header_inside_the_table_is_no_row(gold_tables):
    rows = table_rows(gold_tables["001_6202dfbafd518d6c"])
    half = len(rows) // 2
    text = ("政府信息公开情况统计表\n统计指标 单位 统计数\n" + "\n".join(" ".join(r) for r in rows[:half]) +
            "\n曲靖市麒麟区2017年政府信息公开工作年度报告 7\n" + "\n".join(" ".join(r) for r in rows[half:]) + "\n")
    result = parse(text)
    assert signature(result) == signature(parse(render(rows, "pipes")))
    assert not [i for i in result.issues if i.code == "unknown_row"]


@pytest.mark.parametrize("style", ["cell_pipes", "pipes", "pipes_outer"])
def test_one_line_pipe_tables_with_blank_cells(style, gold_tables):
    rows = table_rows(gold_tables["002_e9fe4faf6c2b1375"])
    rows = [(label, unit, "" if unit == "——" else value) for label, unit, value in rows]  # blank section cells
    rows = [(label, "" if unit == "——" else unit, value) for label, unit, value in rows]
    text = "萍乡市安源区2017年政府信息公开工作年度报告\n" + render(rows, style).replace("\n", " ")
    assert signature(parse(text)) == signature(parse(render(rows, "pipes")))


def test_one_line_table_with_a_blank_row_value(gold_tables):
    rows = table_rows(gold_tables["000_79ef27311e66addd"])
    rows = [(label, "" if "查阅点" in label else unit, "" if "查阅点" in label else value) for label, unit, value in rows]
    text = render(rows, "spaces").replace("\n", " ")
    cells = {c.metric: c for c in parse(text).cells}
    assert "a.org.access_points" in cells and cells["a.org.access_points"].value is None
    assert signature(parse(text)) == signature(parse(render(rows, "pipes")))


def test_page_footer_sentence_between_two_rows_stays_inside_the_table(gold_tables):
    rows = table_rows(gold_tables["000_79ef27311e66addd"])
    n = len(rows) - 4
    text = ("附件\n政府信息公开情况统计表\n统计指标 单位 统计数\n" + "\n".join(" ".join(r) for r in rows[:n]) +
            "\n本报告电子版可在县政府门户网站查阅，如有疑问请与县政府办公室联系。\n" +
            "\n".join(" ".join(r) for r in rows[n:]) + "\n")
    result = parse(text)
    assert len(result.spans) == 1
    assert signature(result) == signature(parse(render(rows, "pipes")))
    assert not [i for i in result.issues if i.code in ("table_line_skipped", "unknown_row")]


def test_header_repeated_after_only_a_few_rows(gold_tables):
    rows = table_rows(gold_tables["001_6202dfbafd518d6c"])
    text = render(rows[:3], "pipes") + "第 1 页 共 3 页\n统计指标 | 单位 | 统计数\n" + \
        "\n".join(" | ".join(r) for r in rows[3:]) + "\n"
    assert signature(parse(text)) == signature(parse(render(rows, "pipes")))
