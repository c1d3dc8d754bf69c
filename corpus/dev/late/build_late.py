#!/usr/bin/env python3
"""Build the late held-out set (written after the first probe, kept out of the repo until the final probe).

Same formats and machinery as ../build.py: src/<doc>.txt + src/<doc>.ann -> reports/, gold/.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEV = os.path.dirname(HERE)
sys.path.insert(0, DEV)
import build as B  # noqa: E402
import tables_data as T  # noqa: E402

DOCS = {
    "late_01_bureau_2021": (2021, None, "宁波市住房和城乡建设局2021年政府信息公开工作年度报告", "宁波市"),
    "late_02_county_2017": (2017, "2014", "遂昌县2017年政府信息公开工作年度报告", "遂昌县"),
    "late_03_street_2023": (2023, "2021", "杭州市拱墅区米市巷街道办事处2023年政府信息公开工作年度报告", "杭州市拱墅区米市巷街道"),
    "late_04_province_2020": (2020, "2019", "浙江省自然资源厅2020年政府信息公开工作年度报告", "浙江省"),
}

L4_T2 = [
    ("第二十条第（一）项", [("规章", ["3", "3", "56"]), ("规范性文件", ["21", "21", "187"])],
     ["本年新制作数量", "本年新公开数量", "对外公开总数量"]),
    ("第二十条第（五）项", [("行政许可", ["1630", "-45", "8920"]), ("其他对外管理服务事项", ["210", "12", "3450"])],
     ["上一年项目数量", "本年增/减", "处理决定数量"]),
    ("第二十条第（六）项", [("行政处罚", ["86", "5", "312"]), ("行政强制", ["12", "0", "8"])],
     ["上一年项目数量", "本年增/减", "处理决定数量"]),
    ("第二十条第（八）项", [("行政事业性收费", ["6", "-1"])], ["上一年项目数量", "本年增/减"]),
    ("第二十条第（九）项", [("政府集中采购", ["42", "8620.35万元"])], ["采购项目数量", "采购总金额"]),
]
L4_T3 = T.t3_matrix(
    [352, 20, 1, 3, 8, 2], [14, 1, 0, 0, 0, 0],
    {0: dict(granted=122, partial=24, r2=2, r4=4, r5=3, r6=5, u1=110, u2=8, u3=5, n1=18, n2=12, n3=2, n4=2, n5=2,
             other=15),
     1: dict(granted=10, partial=3, r4=1, u1=5, u2=1, n2=1),
     2: dict(granted=1),
     3: dict(granted=2, u1=1),
     4: dict(granted=4, partial=1, u1=2, other=1),
     5: dict(granted=1, n1=1)}, "2019")
L4_T4 = [[8, 0, 0, 3, 11], [4, 0, 0, 2, 6], [1, 0, 0, 0, 1]]


def l4_tables():
    """Cells split by ideographic spaces (U+3000), group labels on the first child's line."""
    sp = "\u3000"
    t2 = B.spaces_t2(L4_T2).replace("  ", sp)
    t3 = B.spaces_t3(L4_T3, "2019").replace("  ", sp)
    t4 = B.spaces_t4(L4_T4).replace("  ", sp)
    return {"T2": t2, "T3": t3, "T4": t4}

L2_VALUES = [8316, 14, 14, 0, 7520, 1230, 2105, 310, 36, 9, 3, 4, 2, 52, 28, 8,
             23, 6, 0, 15, 2, 23, 23, 0, 23, 7, 9, 2, 1, 0, 0, 1, 0, 0, 0, 3, 1, 0, 0,
             0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 22, 64, 4, 60, 12.5, 3, 2, 180]

L3_T2 = [
    ("第二十条第（一）项", [("规章", ["0", "0", "0"]), ("行政规范性文件", ["0", "0", "3"])],
     ["本年制发件数", "本年废止件数", "现行有效件数"]),
    ("第二十条第（五）项", [("行政许可", ["56"])], ["本年处理决定数量"]),
    ("第二十条第（六）项", [("行政处罚", ["12"]), ("行政强制", ["0"])], ["本年处理决定数量"]),
    ("第二十条第（八）项", [("行政事业性收费", ["0"])], ["本年收费金额（单位：万元）"]),
]
L3_T3 = T.t3_matrix(
    [38, 2, 0, 0, 1, 0], [1, 0, 0, 0, 0, 0],
    {0: dict(granted=15, partial=3, r4=1, r6=1, u1=10, u2=1, n1=2, n2=1, o1=1, o3=1),
     1: dict(granted=1, u1=1),
     4: dict(granted=1)}, "2021")
L3_T4 = [[1, 0, 0, 0, 1], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]
SUBTOTALS = {"r1": ("（三）不予公开", ["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"]),
             "u1": ("（四）无法提供", ["u1", "u2", "u3"]),
             "n1": ("（五）不予处理", ["n1", "n2", "n3", "n4", "n5"]),
             "o1": ("（六）其他处理", ["o1", "o2", "o3"])}


def l3_tables():
    """Single-space separated rows; table 三 prints a subtotal row for （三）（四）（五）（六） (not in the template)."""
    t2 = B.spaces_t2(L3_T2).replace("  ", " ")
    out = [B.T3_HEAD + " 申请人情况", "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    for key, group, label in T.T3_ROWS_2021:
        if key in SUBTOTALS:
            name, keys = SUBTOTALS[key]
            out.append(" ".join([name] + [str(sum(L3_T3[k][c] for k in keys)) for c in range(7)]))
        out.append(" ".join([label] + [str(v) for v in L3_T3[key]]))
    t3 = "\n".join(out)
    t4 = B.spaces_t4(L3_T4).replace("  ", " ")
    return {"T2": t2, "T3": t3, "T4": t4}


def main():
    B.HERE = HERE
    B.DOCS = DOCS
    os.makedirs(os.path.join(HERE, "reports"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "gold"), exist_ok=True)
    triples, tables, metas = [], [], []
    for doc, (year, template, title, region) in DOCS.items():
        text = open(os.path.join(HERE, "src", doc + ".txt"), encoding="utf-8").read()
        if doc in ("late_03_street_2023", "late_04_province_2020"):
            for k, v in (l3_tables() if doc == "late_03_street_2023" else l4_tables()).items():
                text = text.replace("@@%s@@" % k, v)
        assert "@@" not in text
        with open(os.path.join(HERE, "reports", doc + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        text = open(os.path.join(HERE, "reports", doc + ".txt"), encoding="utf-8").read()
        triples += sorted(B.annotate(doc, text, lambda s: s), key=lambda r: r["start"])
        if doc == "late_02_county_2017":
            tables.append({"doc": doc, "template": "2014", "year": year, "rows": T.gold_era_a(L2_VALUES)})
        if doc == "late_03_street_2023":
            tables.append({"doc": doc, "template": "2021", "year": year,
                           "rows": T.gold_matrix(L3_T2, L3_T3, L3_T4, "2021")})
        if doc == "late_04_province_2020":
            tables.append({"doc": doc, "template": "2019", "year": year,
                           "rows": T.gold_matrix(L4_T2, L4_T3, L4_T4, "2019")})
        assert title in text
        metas.append({"doc": doc, "title": title, "region": region, "year": year, "template": template})
    with open(os.path.join(HERE, "gold", "triples.jsonl"), "w", encoding="utf-8") as f:
        for r in triples:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    json.dump(tables, open(os.path.join(HERE, "gold", "tables.json"), "w", encoding="utf-8"), ensure_ascii=False,
              indent=1)
    json.dump(metas, open(os.path.join(HERE, "gold", "meta.json"), "w", encoding="utf-8"), ensure_ascii=False,
              indent=1)
    print("triples", len(triples), "cells", sum(len(t["rows"]) for t in tables))


if __name__ == "__main__":
    main()
