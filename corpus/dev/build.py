#!/usr/bin/env python3
"""Build the dev corpus: reports (src/*.txt with the tables printed in) and gold files.

    python3 corpus/dev/build.py          # writes reports/, gold/triples.jsonl, gold/tables.json, gold/meta.json

src/<doc>.txt   hand-written report text; @@T2@@/@@T3@@/@@T4@@ (2019/2021 tables) or @@TA@@ (2014 table)
                mark where the statistics tables are printed, each report in its own flattening.
src/<doc>.ann   one narrative quantity per line, in text order:
                    quantity_text | metric_text | kind [| period] [| after] [| ctx=TEXT]
                period defaults to the report year; "after" = the metric follows the quantity
                (number before the noun); ctx = a unique text holding the quantity, searched from the cursor.
Offsets are computed here, never by hand. dev_04 is written in simplified characters and converted
with OpenCC s2t (character conversion, as a "繁體" button on a mainland site does).
"""
import json
import os
import re
import sys
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import tables_data as T  # noqa: E402

DOCS = {
    # doc: (year, template, title, region)
    "dev_01_district_2019": (2019, "2019", "绍兴市越城区人民政府2019年政府信息公开工作年度报告", "绍兴市越城区"),
    "dev_02_bureau_2020": (2020, "2019", "台州市市场监督管理局2020年政府信息公开工作年度报告", "台州市"),
    "dev_03_county_2022_md": (2022, "2021", "安吉县人民政府2022年政府信息公开工作年度报告", "安吉县"),
    "dev_04_trad_2023": (2023, "2021", "深圳市福田區人民政府2023年政府信息公開工作年度報告", "深圳市福田區"),
    "dev_05_levels_2016": (2016, "2014", "佛山市顺德区人民政府2016年政府信息公开工作年度报告", "佛山市顺德区"),
    "dev_06_chrome_2018": (2018, "2014", "温州市人力资源和社会保障局2018年政府信息公开工作年度报告", "温州市"),
    "dev_07_docsite_2020": (2020, None, "东阳市人民政府2020年政府信息公开工作年度报告", "东阳市"),
    "dev_08_town_2021": (2021, None, "太湖源镇人民政府2021年政府信息公开工作年度报告", "太湖源镇"),
}

T3_HEAD = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def t3_rows(template):
    return T.T3_ROWS_2019 if template == "2019" else T.T3_ROWS_2021


# ------------------------------------------------------------------ printers
def tabs_t2(t2):
    out = []
    for section, metrics, cols in t2:
        out.append(section)
        out.append("\t".join(["信息内容"] + cols))
        for label, cells in metrics:
            out.append("\t".join([label] + cells))
    return "\n".join(out)


def tabs_t3(t3, template):
    out = [T3_HEAD + "\t申请人情况",
           "\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
           "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"]
    for key, group, label in t3_rows(template):
        cells = [str(v) for v in t3[key]]
        lead = [group, label] if group else [label]
        out.append("\t".join(lead + cells))
    return "\n".join(out)


def tabs_t4(t4):
    out = ["行政复议\t\t\t\t\t行政诉讼",
           "\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉",
           "\t".join(T.T4_COLS * 3),
           "\t".join(str(v) for row in t4 for v in row)]
    return "\n".join(out)


def lines_t2(t2):
    out = []
    for section, metrics, cols in t2:
        out.append(section)
        out += ["信息内容"] + cols
        for label, cells in metrics:
            out += [label] + cells
    return "\n".join(out)


def lines_t3(t3, template):
    out = [T3_HEAD, "申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织",
           "法律服务机构", "其他"]
    for key, group, label in t3_rows(template):
        if group:
            out.append(group)
        out.append(label)
        out += [str(v) for v in t3[key]]
    return "\n".join(out)


def lines_t4(t4):
    out = ["行政复议", "行政诉讼"] + T.T4_COLS + ["未经复议直接起诉", "复议后起诉"] + T.T4_COLS + T.T4_COLS
    out += [str(v) for row in t4 for v in row]
    return "\n".join(out)


def md_row(cells):
    return "| " + " | ".join(cells) + " |"


def md_t2(t2):
    out = []
    for i, (section, metrics, cols) in enumerate(t2):
        row = [section, "", "", ""]
        out.append(md_row(row))
        if i == 0:
            out.append(md_row(["---"] * 4))
        out.append(md_row((["信息内容"] + cols + ["", "", ""])[:4]))
        for label, cells in metrics:
            out.append(md_row(([label] + cells + ["", "", ""])[:4]))
    return "\n".join(out)


def md_t3(t3, template):
    out = [md_row([T3_HEAD, "", "", "申请人情况", "", "", "", "", "", ""]),
           md_row(["---"] * 10),
           md_row(["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
           md_row(["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])]
    for key, group, label in t3_rows(template):
        cells = [str(v) for v in t3[key]]
        if label.startswith(("一、", "二、", "四、")):
            lead = [label, "", ""]
        elif group == "三、本年度办理结果":
            lead = [group, label, ""]
        elif group:
            lead = ["", group, label]
        elif label.startswith("（"):
            lead = ["", label, ""]
        else:
            lead = ["", "", label]
        out.append(md_row(lead + cells))
    return "\n".join(out)


def md_t4(t4):
    out = [md_row(["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9),
           md_row(["---"] * 15),
           md_row(T.T4_COLS + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]),
           md_row([""] * 5 + T.T4_COLS * 2),
           md_row([str(v) for row in t4 for v in row])]
    return "\n".join(out)


def spaces_t2(t2):
    out = []
    for section, metrics, cols in t2:
        out.append(section)
        out.append("  ".join(["信息内容"] + cols))
        for label, cells in metrics:
            out.append("  ".join([label] + cells))
    return "\n".join(out)


def spaces_t3(t3, template):
    out = [T3_HEAD + "  申请人情况", "自然人  法人或其他组织  总计",
           "商业企业  科研机构  社会公益组织  法律服务机构  其他"]
    for key, group, label in t3_rows(template):
        cells = [str(v) for v in t3[key]]
        lead = [group, label] if group else [label]
        out.append("  ".join(lead + cells))
    return "\n".join(out)


def spaces_t4(t4):
    out = ["行政复议  行政诉讼", "未经复议直接起诉  复议后起诉",
           "  ".join(T.T4_COLS * 3),
           "  ".join(str(v) for row in t4 for v in row)]
    return "\n".join(out)


ERA_A_PRINT = {
    # printed label variants (full-width punctuation, notes in brackets) for the official labels
    "(一)主动公开政府信息数": "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
    "(一)回应公众关注热点或重大舆情数": "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）",
}


def era_a_label(label):
    label = ERA_A_PRINT.get(label, label)
    return label.replace("(", "（").replace(")", "）").replace(":", "：")


SUBHEADS = {  # value-less sub-heading rows printed before these labels
    "1.政府公报公开政府信息数": "（二）通过不同渠道和方式公开政府信息的情况",
    "1.参加或举办新闻发布会总次数": "（二）通过不同渠道和方式回应解读的情况",
}


def levels_ta():
    """dev_05: 序号 column and 统计数 split into 合计 / 区政府及部门 / 镇（街道）."""
    totals = T.d5_totals()
    out = ["政府信息公开情况统计表", "（2016年度）", "填报单位（盖章）：佛山市顺德区人民政府办公室",
           "序号\t统计指标\t单位\t统计数", "\t\t\t合计\t区政府及部门\t镇（街道）"]
    seen = set()
    n = 0
    for (section, label, unit), tot, (a, b) in zip(T.era_a_rows(), totals, T.D5_LEVELS):
        if section not in seen:
            seen.add(section)
            if label != section:
                out.append("\t" + section + "\t——\t——\t——\t——")
        if label in SUBHEADS:
            out.append("\t" + era_a_label(SUBHEADS[label]) + "\t——\t——\t——\t——")
        n += 1
        out.append("\t".join([str(n), era_a_label(label), unit, str(tot), str(a), str(b)]))
    out.append("填报人：梁某某　　审核人：何某某　　填报日期：2017年1月20日")
    return "\n".join(out)


def chrome_ta():
    """dev_06: 统计指标 单位 统计数, one row per line, cells split by spaces; "/" for cells left empty."""
    out = ["政府信息公开情况统计表（2018年度）", "统计指标 单位 统计数"]
    seen = set()
    for (section, label, unit), v in zip(T.era_a_rows(), T.D6_VALUES):
        if section not in seen:
            seen.add(section)
            if label != section:
                out.append(section + " —— ——")
        if label in SUBHEADS:
            out.append(era_a_label(SUBHEADS[label]) + " —— ——")
        out.append(" ".join([era_a_label(label), unit, "/" if v is None else str(v)]))
    return "\n".join(out)


def render(doc, src):
    if doc == "dev_01_district_2019":
        rep = {"T2": tabs_t2(T.D1_T2), "T3": tabs_t3(T.D1_T3, "2019"), "T4": tabs_t4(T.D1_T4)}
    elif doc == "dev_02_bureau_2020":
        rep = {"T2": lines_t2(T.D2_T2), "T3": lines_t3(T.D2_T3, "2019"), "T4": lines_t4(T.D2_T4)}
    elif doc == "dev_03_county_2022_md":
        rep = {"T2": md_t2(T.D3_T2), "T3": md_t3(T.D3_T3, "2021"), "T4": md_t4(T.D3_T4)}
    elif doc == "dev_04_trad_2023":
        rep = {"T2": spaces_t2(T.D4_T2), "T3": spaces_t3(T.D4_T3, "2021"), "T4": spaces_t4(T.D4_T4)}
    elif doc == "dev_05_levels_2016":
        rep = {"TA": levels_ta()}
    elif doc == "dev_06_chrome_2018":
        rep = {"TA": chrome_ta()}
    else:
        rep = {}
    for k, v in rep.items():
        src = src.replace("@@%s@@" % k, v)
    assert "@@" not in src, doc
    return src


def gold_tables(doc):
    year, template = DOCS[doc][:2]
    if doc == "dev_01_district_2019":
        rows = T.gold_matrix(T.D1_T2, T.D1_T3, T.D1_T4, "2019")
    elif doc == "dev_02_bureau_2020":
        rows = T.gold_matrix(T.D2_T2, T.D2_T3, T.D2_T4, "2019")
    elif doc == "dev_03_county_2022_md":
        rows = T.gold_matrix(T.D3_T2, T.D3_T3, T.D3_T4, "2021")
    elif doc == "dev_04_trad_2023":
        rows = T.gold_matrix(T.D4_T2, T.D4_T3, T.D4_T4, "2021")
    elif doc == "dev_05_levels_2016":
        rows = T.gold_era_a(T.d5_totals())
    elif doc == "dev_06_chrome_2018":
        rows = T.gold_era_a(T.D6_VALUES)
    else:
        return None
    return {"doc": doc, "template": template, "year": year, "rows": rows}


# ------------------------------------------------------------------ triples
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
PREFIX_MARKERS = ("约", "近", "超过", "至少")
SUFFIX_MARKERS = ("余", "多", "以上", "以下", "左右")


def cn_int(s):
    total, cur = 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            cur = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (cur or 1) * CN_UNITS[ch]
            cur = 0
        else:
            raise ValueError(s)
    return total + cur


def parse_quantity(q):
    """quantity_text -> (value, unit, approx); traditional characters are read as simplified."""
    import opencc
    s = opencc.OpenCC("t2s").convert(q)
    assert len(s) == len(q)
    approx = False
    for p in PREFIX_MARKERS:
        if s.startswith(p):
            s, approx = s[len(p):], True
    m = re.match(r"\d+(?:\.\d+)?", s)
    if m:
        num = Decimal(m.group())
    else:
        m = re.match(r"[零〇一二两三四五六七八九十百千]+", s)
        num = Decimal(cn_int(m.group()))
    rest = s[m.end():]
    if rest.startswith("万"):
        num, rest = num * 10000, rest[1:]
    elif rest.startswith("亿"):
        num, rest = num * 100000000, rest[1:]
    for sm in SUFFIX_MARKERS:
        if rest.startswith(sm):
            rest, approx = rest[len(sm):], True
    unit = q[len(q) - len(rest):] if rest else ""
    for sm in SUFFIX_MARKERS:
        if unit.endswith(sm):
            unit, approx = unit[: -len(sm)], True
    value = int(num) if num == num.to_integral_value() else float(num)
    return value, unit, approx


def boundary_ok(text, i, j, q):
    prev = text[i - 1] if i > 0 else ""
    nxt = text[j] if j < len(text) else ""
    if q[0].isdigit() and (prev.isdigit() or prev in ".．,"):
        return False
    if q[0] in CN_DIGITS or q[0] in CN_UNITS:
        if prev in CN_DIGITS or prev in CN_UNITS:
            return False
    if q[-1].isdigit() and (nxt.isdigit() or nxt in ".%"):
        return False
    return True


def find_q(text, q, cursor):
    i = text.find(q, cursor)
    while i >= 0 and not boundary_ok(text, i, i + len(q), q):
        i = text.find(q, i + 1)
    if i < 0:
        raise LookupError("quantity %r not found after %d" % (q, cursor))
    return i


def annotate(doc, text, conv):
    year = DOCS[doc][0]
    rows = []
    cursor = 0
    path = os.path.join(HERE, "src", doc + ".ann")
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        q, metric, kind = conv(parts[0]), conv(parts[1]), parts[2]
        period, after, ctx = str(year), False, None
        for p in parts[3:]:
            if p == "after":
                after = True
            elif p.startswith("ctx="):
                ctx = conv(p[4:])
            elif p:
                period = p
        if ctx:
            c = text.find(ctx, cursor)
            if c < 0:
                raise LookupError("%s:%d ctx %r not found" % (doc, ln, ctx))
            start = find_q(text, q, c)
        else:
            start = find_q(text, q, cursor)
        end = start + len(q)
        if after:
            ms = text.find(metric, end, end + 60)
        else:
            ms = text.rfind(metric, max(0, start - 120), start)
        if ms < 0:
            raise LookupError("%s:%d metric %r not near %r at %d" % (doc, ln, metric, q, start))
        try:
            value, unit, approx = parse_quantity(q)
        except Exception:
            raise ValueError("%s:%d cannot parse %r" % (doc, ln, q))
        if unit.endswith("元") and unit != "元":
            unit = "元"
        if kind == "money":
            assert unit == "元", (doc, q)
        rows.append({"doc": doc, "quantity_text": q, "start": start, "end": end, "value": value, "unit": unit,
                     "approx": approx, "metric_text": metric, "metric_start": ms, "metric_end": ms + len(metric),
                     "period": period, "kind": kind})
        cursor = end
    return rows


def main():
    import opencc
    s2t = opencc.OpenCC("s2t").convert
    os.makedirs(os.path.join(HERE, "reports"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "gold"), exist_ok=True)
    triples, tables, metas = [], [], []
    for doc, (year, template, title, region) in DOCS.items():
        src = open(os.path.join(HERE, "src", doc + ".txt"), encoding="utf-8").read()
        text = render(doc, src)
        conv = (lambda s: s)
        if doc == "dev_04_trad_2023":
            text = s2t(text)
            conv = s2t
        with open(os.path.join(HERE, "reports", doc + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        text = open(os.path.join(HERE, "reports", doc + ".txt"), encoding="utf-8").read()
        rows = annotate(doc, text, conv)
        rows.sort(key=lambda r: r["start"])
        triples += rows
        tab = gold_tables(doc)
        if tab:
            tables.append(tab)
        assert title in text, (doc, title)
        metas.append({"doc": doc, "title": title, "region": region, "year": year, "template": template})
    with open(os.path.join(HERE, "gold", "triples.jsonl"), "w", encoding="utf-8") as f:
        for r in triples:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "gold", "tables.json"), "w", encoding="utf-8") as f:
        json.dump(tables, f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(HERE, "gold", "meta.json"), "w", encoding="utf-8") as f:
        json.dump(metas, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("triples", len(triples), "tables", len(tables), "cells", sum(len(t["rows"]) for t in tables))


if __name__ == "__main__":
    main()
