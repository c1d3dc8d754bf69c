"""The 2019 / 2021 matrix tables (二, 三, 四): every cell of full tables in every flattening, the
template told by labels, blanks and placeholders, signed and unit-bearing cells, odd rows, and the
schema-driven identities on the parsed cells."""
from __future__ import annotations

import importlib.util
import json
import random
import time
from decimal import Decimal
from pathlib import Path

import pytest

from ie.records import to_number
from ie.reconcile.identities import check_identities
from ie.segment.normalize import normalize
from ie.tables.matrix import fold, parse_matrix
from ie.tables.schema import load_template

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TABLES = FIXTURES / "tables"
NAMES = sorted(p.stem for p in TABLES.glob("matrix_*.txt"))


def _generator():
    spec = importlib.util.spec_from_file_location("make_matrix_fixtures", FIXTURES / "make_matrix_fixtures.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


GEN = _generator()


def parse(text: str):
    return parse_matrix(text, normalize(text))


def load(name: str) -> tuple:
    text = (TABLES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((TABLES / f"{name}.json").read_text(encoding="utf-8"))
    return text, expected


def by_key(cells) -> dict:
    return {(c.metric, c.column): c for c in cells}


# ---------------------------------------------------------------------------------------------
# full tables, every flattening


def test_fixture_files_match_the_generator():
    built = GEN.build_all()
    assert sorted(built) == NAMES
    for name, (template, text, cells) in built.items():
        on_disk, expected = load(name)
        assert on_disk == text, name
        assert expected == json.loads(json.dumps({"template": template, "cells": cells}, ensure_ascii=False)), name


def test_full_tables_hold_distinct_numbers():
    for name in NAMES:
        if "shanghai" in name:
            continue
        _, expected = load(name)
        values = [c["value"] for c in expected["cells"] if c["table"] in ("二", "三") and c["value"] is not None]
        assert len(values) == len(set(values)), name
        t4 = [c["value"] for c in expected["cells"] if c["table"] == "四"]
        assert len(t4) == len(set(t4)) == 15, name


@pytest.mark.parametrize("name", NAMES)
def test_every_cell(name):
    text, expected = load(name)
    r = parse(text)
    assert r.template == expected["template"]
    if "aligned" in name:  # short rows placed by position: said, never silent
        assert {i.code for i in r.issues} == {"row_values_placed"} and len(r.issues) == 8
        assert all("value(s)" in i.message for i in r.issues)
    elif name == "matrix_2019_shanghai_lines":  # blank lines read as blank cells: said too
        assert {i.code for i in r.issues} == {"row_values_placed"}
        assert {text[i.start:i.end] for i in r.issues} >= {"一、本年新收政府信息公开申请数量", "1.属于国家秘密"}
    else:
        assert r.issues == []
    got = by_key(r.cells)
    assert len(got) == len(r.cells), "one cell per (metric, column)"
    assert len(r.cells) == len(expected["cells"])
    for e in expected["cells"]:
        c = got[(e["metric"], e["column"])]
        assert (c.value, c.raw, c.start, c.end, c.table) == (to_number(e["value"]), e["raw"], e["start"], e["end"],
                                                             e["table"]), e
        if c.start is not None:
            assert text[c.start:c.end] == c.raw
        assert c.source == "table"


@pytest.mark.parametrize("name", NAMES)
def test_cell_fields_follow_the_schema(name):
    text, expected = load(name)
    r = parse(text)
    template = load_template(expected["template"])
    for c in r.cells:
        m = template.metric(c.metric)
        assert c.label == m.label and c.table == m.table
        assert text[c.label_start:c.label_end] == c.label_raw if c.label_start is not None else c.table == "四"
        assert c.section in {s.label for t in template.tables for s in t.sections}
        assert isinstance(c.row, int) and isinstance(c.col, int)
    counts = {t: sum(c.table == t for c in r.cells) for t in ("二", "三", "四")}
    rows3 = 23 if expected["template"] == "2019" else 25
    assert counts["三"] == rows3 * 7 and counts["四"] == 15


@pytest.mark.parametrize("name", NAMES)
def test_spans_cover_each_table_and_no_narrative(name):
    text, _ = load(name)
    r = parse(text)
    assert len(r.spans) == 3 and r.spans == sorted(r.spans)
    for c in r.cells:
        if c.start is not None:
            assert any(s <= c.start and c.end <= e for s, e in r.spans)
    for phrase in ("五、存在的主要问题", "一、总体情况", "全年主动公开政府信息3256条", "本年度未收取信息处理费"):
        pos = text.index(phrase)
        assert not any(s <= pos < e for s, e in r.spans), phrase
    for marker in ("第二十条第", "申请人情况", "复议后起诉"):
        pos = text.index(marker)
        assert any(s <= pos < e for s, e in r.spans), marker


@pytest.mark.parametrize("name", ["matrix_2019_spaces", "matrix_2021_reading"])
def test_tables_flattened_onto_one_line(name):
    text, expected = load(name)
    start, end = text.index("第二十条第"), text.index("五、存在的主要问题")
    one = text[:start] + text[start:end].replace("\n", " ") + text[end:]  # same offsets, no line breaks
    r = parse(one)
    got = by_key(r.cells)
    assert r.template == expected["template"] and r.issues == [] and len(r.cells) == len(expected["cells"])
    for e in expected["cells"]:
        c = got[(e["metric"], e["column"])]
        assert (c.value, c.start, c.end) == (to_number(e["value"]), e["start"], e["end"])
    assert len(r.spans) == 3 and all(s < e <= s2 for (s, e), (s2, _) in zip(r.spans, r.spans[1:]))


def test_page_furniture_inside_a_table_is_skipped():
    text, _ = load("matrix_2021_reading")
    pos = text.index("2.重复申请")
    broken = text[:pos] + "第 3 页 共 5 页\n- 3 -\n" + text[pos:]
    r = parse(broken)
    assert r.issues == [] and len(r.cells) == 200


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_official_html_layout_through_the_loader(template):
    """The format documents' rowspan/colspan markup, read by the HTML loader, then by the table
    dispatcher (era-A and matrix parsers together)."""
    from ie.loaders.html import read_html
    from ie.tables import parse_tables

    doc = read_html((TABLES / f"official_{template}.html").read_bytes())
    expected = json.loads((TABLES / f"official_{template}.json").read_text(encoding="utf-8"))
    assert expected == json.loads(json.dumps(dict(zip(("cells",), (GEN.build_html(template, 99)[1],)),
                                                  template=template), ensure_ascii=False))
    for r in (parse(doc.text), parse_tables(doc.text, normalize(doc.text))):
        assert r.template == template and len(r.cells) == len(expected["cells"])
        got = by_key(r.cells)
        for e in expected["cells"]:
            c = got[(e["metric"], e["column"])]
            assert c.value == to_number(e["value"]) and doc.text[c.start:c.end] == e["raw"], e
    assert [i.code for i in parse(doc.text).issues] == []


def test_parses_in_milliseconds():
    text, _ = load("matrix_2021_markdown")
    parse(text)
    start = time.perf_counter()
    for _ in range(5):
        parse(text)
    assert (time.perf_counter() - start) / 5 < 0.1


# ---------------------------------------------------------------------------------------------
# template by labels, never by year


T2_2019_TEXT = ("2021年度报告\n第二十条第（一）项\n信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n"
                "规章 1 2 3\n规范性文件 4 5 6\n")
T2_2021_TEXT = ("2019年度报告\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
                "规章 1 2 3\n规范性文件 4 5 6\n")


def test_2019_and_2021_table_two_are_told_apart_by_columns():
    r19, r21 = parse(T2_2019_TEXT), parse(T2_2021_TEXT)
    assert r19.template == "2019" and r21.template == "2021"
    assert by_key(r19.cells)[("t2_2019.normative_docs", "本年新公开数量")].value == 5
    assert by_key(r21.cells)[("t2_2021.normative_docs", "本年废止件数")].value == 5
    assert not {c.metric for c in r19.cells} & {c.metric for c in r21.cells}


def test_2021_is_told_by_table_three_other_rows_alone():
    text, _ = load("matrix_2021_spaces")
    start = text.index("三、收到和处理")
    r = parse(text[start:])
    assert r.template == "2021"
    assert by_key(r.cells)[("t3.other.no_fee", "总计")].value is not None


def test_2019_is_told_by_a_valued_other_row_alone():
    text, _ = load("matrix_2019_pipes")
    start = text.index("三、收到和处理")
    r = parse(text[start:])
    assert r.template == "2019" and ("t3.other", "自然人") in by_key(r.cells)


def test_table_four_alone_is_read_without_a_template():
    text, _ = load("matrix_2019_spaces")
    r = parse(text[text.index("四、政府信息公开行政复议"):])
    assert r.template is None and len(r.cells) == 15
    assert [i.code for i in r.issues] == ["template_unknown"]


# ---------------------------------------------------------------------------------------------
# values: blanks, placeholders, signs, units


def test_shanghai_blanks_stay_none_and_placeholders_are_none():
    text, _ = load("matrix_2019_shanghai")
    cells = by_key(parse(text).cells)
    assert cells[("t3.carried_over", "商业企业")].value is None and cells[("t3.carried_over", "商业企业")].raw == ""
    assert cells[("t3.carried_over", "商业企业")].start is None
    assert cells[("t3.granted", "总计")].value is None
    penalty = cells[("t2_2019.penalty", "本年增/减")]
    assert (penalty.value, penalty.raw) == (None, "/") and text[penalty.start:penalty.end] == "/"
    assert cells[("t2_2019.enforcement", "上一年项目数量")].value is None
    assert cells[("t2_2019.fees", "本年增/减")].raw == "——" and cells[("t2_2019.fees", "本年增/减")].value is None
    assert cells[("t3.new", "总计")].value == 859 and cells[("t3.total", "自然人")].value == 767


def test_money_and_signed_cells():
    text, _ = load("matrix_2019_spaces")
    r = parse(text)
    cells = by_key(r.cells)
    amount = cells[("t2_2019.procurement", "采购总金额")]
    assert (amount.value, amount.unit, amount.raw) == (251000, "元", "251000元")
    assert cells[("t2_2019.licensing", "本年增/减")].value == -37
    assert not [i for i in r.issues if i.code == "negative_value"]
    fees = by_key(parse(load("matrix_2021_spaces")[0]).cells)[("t2_2021.fees", "本年收费金额(单位:万元)")]
    assert (fees.value, fees.unit) == (Decimal("12.35"), "万元")
    counts = by_key(parse(load("matrix_2021_spaces")[0]).cells)[("t3.new", "自然人")]
    assert counts.unit == "件" and isinstance(counts.value, int)


@pytest.mark.parametrize("raw", ["/", "-", "——", "—", "－", "无", "／"])
def test_placeholders_are_none(raw):
    text = f"第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 {raw}\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 1 2 3\n"
    cell = by_key(parse(text).cells)[("t2_2021.licensing", "本年处理决定数量")]
    assert cell.value is None and cell.raw == raw and text[cell.start:cell.end] == raw


def test_negative_value_in_an_unsigned_row_is_an_issue():
    text, _ = load("matrix_2019_spaces")
    line = next(ln for ln in text.splitlines() if ln.startswith("二、上年结转"))
    first = line.split()[1]
    r = parse(text.replace(line, line.replace(f" {first} ", f" -{first} ", 1)))
    assert by_key(r.cells)[("t3.carried_over", "自然人")].value == -int(first)
    assert [i.code for i in r.issues] == ["negative_value"]


# ---------------------------------------------------------------------------------------------
# odd rows


def test_wrong_value_count_is_an_issue_and_the_row_is_not_guessed():
    text, _ = load("matrix_2019_spaces")
    line = next(ln for ln in text.splitlines() if ln.startswith("1.属于国家秘密"))
    shorter = line.rsplit("  ", 1)[0]  # total dropped: 6 values for 7 columns
    r = parse(text.replace(line, shorter))
    assert not [c for c in r.cells if c.metric == "t3.refused.state_secret"]
    issues = [i for i in r.issues if i.code == "row_values"]
    assert len(issues) == 1 and "1.属于国家秘密" in issues[0].message and "6 value" in issues[0].message
    assert text[issues[0].start:issues[0].end] == "1.属于国家秘密"
    assert len(r.cells) == 198 - 7  # every other row still read


def test_unknown_row_keeps_its_values_without_a_metric():
    text, _ = load("matrix_2019_pipes")
    anchor = "（二）部分公开"
    pos = text.index(anchor)
    line_start = text.rindex("\n", 0, pos) + 1
    extra = "其中：网上申请 | 11 | 0 | 0 | 0 | 0 | 0 | 11\n"
    r = parse(text[:line_start] + extra + text[line_start:])
    unknown = [c for c in r.cells if c.metric is None]
    assert [c.value for c in unknown] == [11, 0, 0, 0, 0, 0, 11]
    assert unknown[0].column == "自然人" and unknown[0].label_raw == "其中：网上申请"
    assert [i.code for i in r.issues] == ["unknown_row"]
    assert len(r.cells) == 198 + 7


def test_optional_subtotal_rows_and_column_are_accepted():
    text = ("三、收到和处理政府信息公开申请情况\n申请人情况\n"
            "自然人 | 法人或其他组织 | | | | | | 总计\n"
            " | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 法人或其他组织小计 | \n"
            "一、本年新收政府信息公开申请数量 | 10 | 1 | 2 | 3 | 4 | 5 | 15 | 25\n"
            "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n"
            "三、本年度办理结果 | （一）予以公开 | 6 | 1 | 0 | 0 | 0 | 0 | 1 | 7\n"
            "（三）不予公开 | 3 | 0 | 0 | 0 | 0 | 0 | 0 | 3\n"
            "1.属于国家秘密 | 3 | 0 | 0 | 0 | 0 | 0 | 0 | 3\n"
            "（七）总计 | 10 | 1 | 2 | 3 | 4 | 5 | 15 | 25\n"
            "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n")
    r = parse(text)
    cells = by_key(r.cells)
    assert cells[("t3.new", "法人或其他组织小计")].value == 15 and cells[("t3.new", "总计")].value == 25
    assert cells[("t3.refused", "自然人")].value == 3
    assert cells[("t3.granted", "总计")].value == 7
    assert [i.code for i in r.issues] == ["template_unknown"]  # no table 二, no (六) row: 2019 or 2021


def test_hubei_variant_labels_and_dashes():
    text = ("二、主动公开政府信息情况\n第二十条第（一）项\n"
            "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量\n"
            "规章（设区的市、自治州人民政府应提供相关数据） | - | - | -\n"
            "规范性文件 | 3 | 3 | 41\n其他主动公开文件 | 120 | 118 | 960\n"
            "第二十条第（五）项\n"
            "信息内容 | 上一年项目数量(指2019年事项数) | 本年增/减(指2020年增加或减少的事项数,减用负值表示,如-8) | "
            "处理决定数量(指2020年办件量)\n"
            "行政许可 | 45 | -8 | 1203\n")
    r = parse(text)
    cells = by_key(r.cells)
    assert r.template == "2019" and r.issues == []
    assert cells[("t2_2019.rules", "本年新制作数量")].value is None
    assert cells[("t2_2019.other_docs", "对外公开总数量")].value == 960
    assert cells[("t2_2019.licensing", "本年增/减")].value == -8
    assert cells[("t2_2019.licensing", "处理决定数量")].value == 1203
    assert cells[("t2_2019.rules", "本年新制作数量")].label_raw.startswith("规章（设区的市")


T4_HEAD = ("四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼\n"
           "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n"
           + " | ".join(GEN.T4_COLS * 3) + "\n")


@pytest.mark.parametrize("data, values", [
    ("5 | 0 | 0 | 2 | 7 | 8 | 0 | 0 | 1 | 9 | 0 | 0 | 0 | 0 | 0\n", [5, 0, 0, 2, 7, 8, 0, 0, 1, 9, 0, 0, 0, 0, 0]),
    ("数量 | 5 | 0 | 0 | 2 | 7 | 8 | 0 | 0 | 1 | 9 | 0 | 0 | 0 | 0 | 0\n", [5, 0, 0, 2, 7, 8, 0, 0, 1, 9] + [0] * 5),
    (" | 1 | 0 | 2 | 3 | | | | | | | | | | \n", [None, 1, 0, 2, 3] + [None] * 10),
    ("\n".join("5 0 0 2 7 8 0 0 1 9 0 0 0 0 0".split()) + "\n五、存在的主要问题\n",
     [5, 0, 0, 2, 7, 8, 0, 0, 1, 9, 0, 0, 0, 0, 0]),
])
def test_table_four_data_row(data, values):
    r = parse(T4_HEAD + data)
    assert [c.value for c in r.cells] == values
    assert [c.metric for c in r.cells[::5]] == GEN.T4_METRICS and [c.column for c in r.cells[:5]] == GEN.T4_COLS
    assert [i.code for i in r.issues] == ["template_unknown"]


def test_table_four_one_line_per_block():
    text = "行政复议 行政诉讼\n" + " ".join(GEN.T4_COLS) + "\n行政复议 5 0 0 2 7\n未经复议直接起诉 8 0 0 1 9\n复议后起诉 0 0 0 0 0\n"
    cells = by_key(parse(text).cells)
    assert cells[("t4.suit_direct", "总计")].value == 9 and cells[("t4.review", "尚未审结")].value == 2
    assert cells[("t4.suit_direct", "总计")].label_raw == "未经复议直接起诉"


def test_table_four_with_a_missing_cell_is_an_issue():
    r = parse(T4_HEAD + "5 0 0 2 7 8 0 0 1 9 0 0 0 0\n")
    assert r.cells == [] and [i.code for i in r.issues] == ["template_unknown", "row_values"]
    assert "14 value" in r.issues[1].message


def test_2021_other_rows_with_full_width_commas():
    text, _ = load("matrix_2021_pipes")
    varied = text.replace("逾期不补正、行政机关", "逾期不补正，行政机关").replace("缴纳费用、行政机关", "缴纳费用，行政机关")
    assert varied != text
    r = parse(varied)
    cells = by_key(r.cells)
    assert cells[("t3.other.no_correction", "自然人")].value is not None
    assert cells[("t3.other.no_fee", "总计")].value is not None and r.issues == []


@pytest.mark.parametrize("label, key", [
    ("商业\n企业", "商业企业"),
    ("（二）部分公开（区分处理的，只计这一\n情形，不计其他情形）", "部分公开"),
    ("3.危及“三安全一稳定”", "危及三安全一稳定"),
    ("第二十条第（一）项", "第二十条第一项"),
    ("本年收费金额（单位：万元）", "本年收费金额"),
])
def test_fold(label, key):
    assert fold(normalize(label))[0] == key


def test_bad_layout_in_a_schema_raises_resource_error(monkeypatch):
    import copy

    import ie.tables.matrix as matrix
    from ie.errors import ResourceError

    bad = copy.deepcopy(matrix.load_resource("templates/2019.yaml"))
    bad["tables"][2]["layout"] = "diagonal"
    monkeypatch.setattr(matrix, "load_resource", lambda name: bad)
    matrix._schema.cache_clear()
    try:
        with pytest.raises(ResourceError, match="diagonal"):
            matrix._schema("2019")
    finally:
        matrix._schema.cache_clear()


# ---------------------------------------------------------------------------------------------
# nothing here


def test_nothing_in_other_reports(seed_texts):
    for doc, text in seed_texts.items():
        r = parse(text)
        assert r.cells == [] and r.spans == [] and r.template is None, doc


@pytest.mark.parametrize("text", ["", "无表格的文本。", "行政复议\n", "规章 1 2 3\n", "| | |\n|---|\n", "1\n2\n3\n"])
def test_small_texts(text):
    r = parse(text)
    assert all(c.start is None or text[c.start:c.end] == c.raw for c in r.cells)


def test_never_raises_on_shuffled_tables():
    text, _ = load("matrix_2021_markdown")
    lines = text.splitlines(keepends=True)
    rng = random.Random(7)
    for _ in range(20):
        sample = lines[:]
        rng.shuffle(sample)
        cut = "".join(sample[:rng.randrange(1, len(sample))])
        r = parse(cut)
        assert all(c.start is None or cut[c.start:c.end] == c.raw for c in r.cells)


# ---------------------------------------------------------------------------------------------
# identities (schema-driven, ie.reconcile.identities)


@pytest.mark.parametrize("name", NAMES)
def test_consistent_tables_raise_no_identity_findings(name):
    text, expected = load(name)
    r = parse(text)
    assert check_identities(r.cells, r.template) == []


def _known_sum(cells: dict, metrics: list, column: str):
    values = [cells.get((m, column)) for m in metrics]
    if any(c is None or c.value is None for c in values):
        return None
    return sum(c.value for c in values)


def test_shanghai_identities_hold_where_operands_are_known():
    text, _ = load("matrix_2019_shanghai")
    cells = by_key(parse(text).cells)
    template = load_template("2019")
    checked = 0
    for ident in template.identities:
        for column in GEN.T3_COLS:
            lhs, rhs = _known_sum(cells, ident.lhs, column), _known_sum(cells, ident.rhs, column)
            if lhs is not None and rhs is not None:
                assert lhs == rhs, (ident.id, column)
                checked += 1
    for metric in {m for m, _ in cells if m.startswith("t3.")}:
        total = _known_sum(cells, [metric], "总计")
        parts = _known_sum(cells, [metric], "自然人"), _known_sum(cells, [metric], "商业企业")
        if total is not None and all(p is not None for p in parts):
            row = [cells[(metric, c)].value or 0 for c in GEN.T3_COLS[:6]]
            assert sum(row) == total, metric  # B2, blanks read as 0 where the total is printed
            checked += 1
    for metric in GEN.T4_METRICS:
        assert sum(cells[(metric, c)].value for c in GEN.T4_COLS[:4]) == cells[(metric, "总计")].value  # B5
    b3 = [m for m in template.identities if m.id == "B3"][0]
    for column in ("自然人", "商业企业"):  # B3 with blanks read as 0 (spec §4.1)
        rhs = sum((cells[(m, column)].value or 0) for m in b3.rhs)
        assert rhs == cells[("t3.total", column)].value
    assert checked >= 4  # B1 in 自然人 and 总计; B2 on rows 一 and (七)
    assert check_identities(parse(text).cells, "2019") == []


def test_broken_b1_and_b5_are_found():
    text, _ = load("matrix_2019_spaces")
    lines = text.splitlines(keepends=True)
    i = next(k for k, ln in enumerate(lines) if ln.startswith("四、结转下年度继续办理"))
    vals = lines[i].split()
    lines[i] = lines[i].replace(f"  {vals[1]}  ", f"  {int(vals[1]) + 1}  ", 1)  # 自然人 carry-forward + 1
    t4 = max(k for k, ln in enumerate(lines) if ln.strip() and ln.split()[0].isdigit())
    nums = lines[t4].split()
    nums[4] = str(int(nums[4]) + 5)  # 行政复议 总计 no longer the sum of its four results
    lines[t4] = " ".join(nums) + "\n"
    r = parse("".join(lines))
    findings = check_identities(r.cells, r.template)
    b1 = [f for f in findings if f.metric == "t3.new" and any(t.column == "自然人" for t in f.table)]
    b5 = [f for f in findings if f.metric == "t4.review"]
    assert len(b1) == 1 and len(b5) == 1
    assert {t.metric for t in b1[0].table} == {"t3.new", "t3.carried_over", "t3.total", "t3.carry_forward"}
    b2 = [f for f in findings if f.metric == "t3.carry_forward"]  # the row total no longer adds up either
    assert len(b2) == 1 and len(findings) == 3


@pytest.mark.parametrize("name, label", [("matrix_2019_spaces", "（六）其他处理"),
                                         ("matrix_2021_spaces", "3.其他")])
def test_broken_b3_is_found_in_either_template(name, label):
    """2019 sums its one (六) row into (七)总计, 2021 its three (六) sub-rows: each schema says which."""
    text, _ = load(name)
    line = next(ln for ln in text.splitlines() if ln.startswith(label))
    first = line.split("  ")[1]
    r = parse(text.replace(line, line.replace(f"  {first}  ", f"  {int(first) + 3}  ", 1)))
    findings = check_identities(r.cells, r.template)
    b3 = [f for f in findings if f.metric == "t3.total"]
    assert len(b3) == 1 and "自然人" in b3[0].message
    assert len(findings) == 2  # and the row's own total (B2)


def test_index_column_and_full_width_digits():
    text, expected = load("matrix_2021_grid")
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("一、本年新收"))
    for k in range(start, start + 27):
        lines[k] = f"{k - start + 1} | " + lines[k]  # a 序号 column
    numbered = "\n".join(lines)
    full = numbered.replace("| 8", "| ８")  # a full-width digit keeps its raw text
    for variant in (numbered, full):
        r = parse(variant)
        assert r.issues == [] and len(r.cells) == 200
        values = {(c.metric, c.column): c.value for c in r.cells}
        assert values == {(e["metric"], e["column"]): to_number(e["value"]) for e in expected["cells"]}
        assert all(variant[c.start:c.end] == c.raw for c in r.cells if c.start is not None)
    assert any("８" in c.raw for c in parse(full).cells)


_TOKENS = ["一、本年新收政府信息公开申请数量", "（七）总计", "自然人", "总计", "其他", "第二十条第（一）项", "规章",
           "本年制发件数", "行政复议", "结果维持", "复议后起诉", "3.其他", "逾期不补正", "|", "\t", " ", "\n", "/", "-",
           "——", "0", "12", "-8", "251000元", "12.35", "（", "）", "。", "情形）"]


@pytest.mark.parametrize("seed", range(40))
def test_random_token_soup_never_breaks_the_span_invariant(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(_TOKENS) for _ in range(rng.randrange(1, 400)))
    r = parse(text)
    for c in r.cells:
        assert c.start is None or text[c.start:c.end] == c.raw
        assert c.label_start is None or text[c.label_start:c.label_end] == c.label_raw
    assert all(0 <= s < e <= len(text) for s, e in r.spans)
    assert all(i.start is None or 0 <= i.start <= i.end <= len(text) for i in r.issues)


def test_traditional_characters():
    from ie.resources import resource_path

    to_trad: dict = {}
    for line in resource_path("t2s_chars.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            trad, simp = line.split("\t")
            to_trad.setdefault(simp, trad)
    text, expected = load("matrix_2021_grid")
    trad = "".join(to_trad.get(ch, ch) for ch in text)
    assert trad != text and len(trad) == len(text)
    r = parse(trad)
    assert r.template == "2021" and r.issues == []
    got = by_key(r.cells)
    assert len(got) == len(expected["cells"])
    for e in expected["cells"]:
        c = got[(e["metric"], e["column"])]
        assert (c.value, c.start, c.end) == (to_number(e["value"]), e["start"], e["end"])
    assert got[("t3.new", "自然人")].label_raw != "一、本年新收政府信息公开申请数量"  # printed, traditional


def test_running_header_at_a_page_break_inside_a_table():
    text, expected = load("matrix_2019_spaces")
    pos = text.index("5.属于三类内部事务信息")
    header = "某某市某某区人民政府办公室关于印发2019年政府信息公开工作年度报告的通知（第3页，共5页，请勿转载）。\n"
    r = parse(text[:pos] + header + text[pos:])
    assert r.issues == [] and len(r.cells) == len(expected["cells"])


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_schema_labels_are_the_printed_labels_in_half_width(template):
    """Catches YAML reading a label short (an unquoted comma inside a flow mapping cuts it)."""
    schema = load_template(template)
    printed = [(m, label) for m, label, _ in GEN.t3_rows(template)]
    printed += [(m, label) for _, _, rows in (GEN.T2_2019 if template == "2019" else GEN.T2_2021) for m, label in rows]
    for metric, label in printed:
        assert schema.metric(metric).label == normalize(label).replace("“", '"').replace("”", '"'), metric
    columns = {c.label for t in schema.tables for c in t.columns} | {
        c.label for t in schema.tables for s in t.sections for c in (s.columns or ())}
    assert {normalize(c) for c in GEN.T3_COLS + GEN.T4_COLS} <= columns


def test_table_four_header_with_empty_merged_cells():
    """Merged header cells printed once, the cells they cover left empty (tabs or markdown): the
    block names followed by empty cells are not rows of their own."""
    text = ("行政复议\t\t\t\t\t行政诉讼\n\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉\n"
            + "\t".join(GEN.T4_COLS * 3) + "\n" + "\t".join(str(v) for v in range(15)) + "\n")
    r = parse(text)
    assert [c.value for c in r.cells] == list(range(15)) and [i.code for i in r.issues] == ["template_unknown"]


def test_windows_line_ends():
    text, expected = load("matrix_2019_shanghai_lines")
    crlf = text.replace("\n", "\r\n")
    r = parse(crlf)
    values = {(c.metric, c.column): c.value for c in r.cells}
    assert values == {(e["metric"], e["column"]): to_number(e["value"]) for e in expected["cells"]}
    assert all(crlf[c.start:c.end] == c.raw for c in r.cells if c.start is not None)


def test_subtotal_column_without_its_header_is_proven_by_the_sums():
    text, expected = load("matrix_2019_spaces")
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("一、本年新收"))
    for k in range(start, len(lines)):
        parts = lines[k].split("  ")
        if len(parts) == 8 and all(p.isdigit() for p in parts[1:]):
            legal = sum(int(p) for p in parts[2:7])
            lines[k] = "  ".join(parts[:7] + [str(legal)] + parts[7:])  # 小计 before 总计, no header cell
    r = parse("\n".join(lines))
    assert [i.code for i in r.issues] == ["extra_column"]
    cells = by_key(r.cells)
    assert len([c for c in r.cells if c.column == "法人或其他组织小计"]) == 23
    for e in expected["cells"]:
        assert cells[(e["metric"], e["column"])].value == to_number(e["value"])


def _mixed_table_three(seed: int) -> tuple:
    """Table 三 with every row in its own flattening (spaces, pipes, tabs, one cell per line, a label
    wrapped anywhere), as text pasted from several sources looks."""
    rng = random.Random(seed)
    template = rng.choice(["2019", "2021"])
    t3 = GEN.t3_numbers(template, seed)
    doc = GEN.Doc()
    doc.add("三、收到和处理政府信息公开申请情况\n" + GEN.NOTE + "\n申请人情况\n自然人 法人或其他组织 总计\n"
            "商业企业 科研机构 社会公益组织 法律服务机构 其他\n")
    heads = GEN._headings(template)
    for metric, label, _ in GEN.t3_rows(template):
        style = rng.choice(["spaces", "pipes", "tabs", "lines", "wrap"])
        if metric in heads:
            doc.add(heads[metric] + (rng.choice(["\n", " ", "\t"]) if style in ("spaces", "wrap") else "\n"))
        cells = GEN._t3_cells(template, t3, metric)
        if style == "wrap":
            cut = rng.randint(2, max(2, len(label) - 1))
            GEN._join(doc, [label[:cut] + "\n" + label[cut:]] + cells, "  ", tail="\n")
        else:
            sep = {"spaces": " " * rng.randint(1, 3), "pipes": " | ", "tabs": "\t", "lines": "\n"}[style]
            GEN._join(doc, [label] + cells, sep, tail="\n")
    return template, doc.text() + "四、政府信息公开行政复议、行政诉讼情况\n", doc.cells


@pytest.mark.parametrize("seed", range(40))
def test_rows_in_mixed_flattenings(seed):
    template, text, expected = _mixed_table_three(seed)
    r = parse(text)
    got = by_key(r.cells)
    assert len(r.cells) == len(expected) == (23 if template == "2019" else 25) * 7
    for e in expected:
        c = got[(e["metric"], e["column"])]
        assert (c.value, c.start, c.end) == (to_number(e["value"]), e["start"], e["end"])
    assert r.template == template and r.issues == []


def test_a_variant_character_in_a_label():
    """OpenCC writes 反复 as 反覆, which character folding cannot undo: one character off is the row."""
    text, expected = load("matrix_2021_spaces")
    r = parse(text.replace("大量反复申请", "大量反覆申请"))
    assert r.issues == [] and len(r.cells) == len(expected["cells"])
    assert by_key(r.cells)[("t3.not_processed.excessive", "总计")].label_raw.endswith("反覆申请")


DEV = Path(__file__).resolve().parents[1] / "corpus" / "dev"


@pytest.mark.skipif(not (DEV / "gold" / "tables.json").is_file(), reason="no dev corpus")
def test_dev_corpus_matrix_tables():
    """The held-out dev reports (corpus/dev): every gold cell of their 2019/2021 tables, matched by
    section, label and column as printed; nothing found in their other reports."""
    import re

    def key(s):
        return re.sub(r"[\s()（）:：,，、\"“”]", "", normalize(s or ""))

    gold = {t["doc"]: t for t in json.loads((DEV / "gold" / "tables.json").read_text(encoding="utf-8"))}
    for path in sorted((DEV / "reports").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        r = parse(text)
        g = gold.get(path.stem)
        if g is None or g["template"] not in ("2019", "2021"):
            assert r.cells == [] and r.template is None, path.stem
            continue
        assert r.template == g["template"] and r.issues == [], path.stem
        got = {(key(c.section), key(c.label), key(c.column)): c for c in r.cells}
        assert len(got) == len(r.cells) == len(g["rows"]), path.stem
        for row in g["rows"]:
            c = got[(key(row["section"]), key(row["label"]), key(row["column"]))]
            assert (c.value, c.unit) == (to_number(row["value"]), row["unit"]), (path.stem, row)


def test_norm_of_another_length_is_a_settings_error():
    from ie.errors import SettingsError

    with pytest.raises(SettingsError, match="same length"):
        parse_matrix("规章 1 2 3", "规章")


# ---------------------------------------------------------------------------------------------
# pdftotext -layout: header cells and row labels wrapped inside their cells, letter-spaced labels


def _values(cells) -> dict:
    return {(c.metric, c.column): c.value for c in cells}


def _expected_values(expected: dict) -> dict:
    return {(e["metric"], e["column"]): to_number(e["value"]) for e in expected["cells"]}


T4_WRAPPED = ("四、政府信息公开行政复议、行政诉讼情况\n"
              "        行政复议                 行政诉讼\n"
              "                       未经复议直接起诉          复议后起诉\n"
              "结果 结果 其他 尚未 总计 结果 结果 其他 尚未 总计 结果 结果 其他 尚未 总计\n"
              "维持 纠正 结果 审结      维持 纠正 结果 审结      维持 纠正 结果 审结\n")


@pytest.mark.parametrize("data", [
    "  7   3   0   2  12   5   0   1   4  10   2   1   0   0   3\n",
    "7 3 0 2 12\n5 0 1 4 10\n2 1 0 0 3\n",  # one line per block
])
def test_table_four_header_cells_wrapped_onto_two_lines(data):
    """Each header cell split in two ("结果/维持", "其他/结果"): the words on those lines are pieces of
    table 四's columns, and the line of 15 values after them is its data row."""
    r = parse(T4_WRAPPED + data + "五、存在的主要问题及改进情况\n")
    assert [c.value for c in r.cells] == [7, 3, 0, 2, 12, 5, 0, 1, 4, 10, 2, 1, 0, 0, 3]
    assert [c.metric for c in r.cells[::5]] == GEN.T4_METRICS and [c.column for c in r.cells[:5]] == GEN.T4_COLS
    assert [i.code for i in r.issues] == ["template_unknown"]


def test_table_four_found_without_its_data_row_is_an_issue():
    """A table that is recognised but yields no cell is said, never dropped in silence."""
    r = parse(T4_WRAPPED + "  7   3   0   2  12   5   0   1   4  10   2   1   0   0\n五、存在的主要问题及改进情况\n")
    assert r.cells == [] and [i.code for i in r.issues] == ["template_unknown", "table_empty"]
    assert "table 四" in r.issues[1].message


def test_table_four_with_wrapped_header_after_table_three():
    text, expected = load("matrix_2021_spaces")
    head = text[:text.index("四、政府信息公开行政复议、行政诉讼情况")]
    t4 = [e for e in expected["cells"] if e["table"] == "四"]
    data = "   ".join(e["raw"] for e in t4)
    r = parse(head + T4_WRAPPED + data + "\n五、存在的主要问题及改进情况\n")
    assert r.issues == [] and r.template == "2021"
    assert _values(r.cells) == _expected_values(expected)


def test_wrapped_table_three_labels_with_values_on_their_first_line():
    """A long label wrapped inside its cell, its values printed on the first fragment: the lines of
    text after it complete the label, and are never a row of their own."""
    text, expected = load("matrix_2021_spaces")
    one = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    two = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    five = "5.要求行政机关确认或重新出具已获取信息"
    lines = text.split("\n")
    for k, line in enumerate(lines):
        for label, cut in ((one, 11), (two, 12), (five, 9)):
            if line.startswith(label + " "):
                rest = label[cut:]
                wrapped = "\n".join(rest[i:i + 10] for i in range(0, len(rest), 10))
                lines[k] = label[:cut] + "    " + line[len(label):].strip() + "\n" + wrapped
    varied = "\n".join(lines)
    assert varied.count("\n") >= text.count("\n") + 5
    r = parse(varied)
    assert r.issues == [] and r.template == "2021"
    assert _values(r.cells) == _expected_values(expected)
    assert by_key(r.cells)[("t3.other.no_fee", "总计")].label_raw == two[:12]


def test_continuation_lines_do_not_swallow_a_label_whose_values_follow():
    """Text lines after a row are that row's wrapped label only when no values-only line follows them."""
    text = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
            "规章   2   0   17\n行政规范\n性文件\n31\n4\n206\n")
    cells = by_key(parse(text).cells)
    assert cells[("t2_2021.normative_docs", "现行有效件数")].value == 206
    assert cells[("t2_2021.rules", "现行有效件数")].value == 17


@pytest.mark.parametrize("name", ["matrix_2019_spaces", "matrix_2021_spaces"])
def test_letter_spaced_labels(name):
    """pdftotext prints some labels with a space between all characters ("本 年 新 收 …"): the spaces
    fold away, the values (never letter-spaced) stay cells."""
    import re

    text, expected = load(name)
    spaced = []
    for line in text.split("\n"):
        m = re.match(r"^(\S+)((?:\s+\d[\d.]*)+)$", line)
        if m and re.search(r"[\u4e00-\u9fff]", m.group(1)):
            line = " ".join(m.group(1)) + "   " + m.group(2).strip()
        spaced.append(line)
    varied = "\n".join(spaced)
    assert "本 年 新 收" in varied and "1 . 属 于 国 家 秘 密" in varied
    r = parse(varied)
    assert r.issues == [] and r.template == expected["template"]
    assert _values(r.cells) == _expected_values(expected)
