"""Statistics-table data of the dev reports and the printers that flatten them the way web pages do.

All numbers are invented but obey the template identities (B1, B2, B3, B5; A1, A2, A7, A8, A10),
except the one error planted on purpose in dev_06 (see README.md).
Labels are the official template labels; the printers decide how they look in each report.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

T3_COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T4_COLS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
T4_ROWS = ["行政复议", "未经复议直接起诉", "复议后起诉"]

T3_SECTION = "三、收到和处理政府信息公开申请情况"
T4_SECTION = "四、政府信息公开行政复议、行政诉讼情况"

# (key, group label printed on the first child, label)
T3_ROWS_2019 = [
    ("new", None, "一、本年新收政府信息公开申请数量"),
    ("carried", None, "二、上年结转政府信息公开申请数量"),
    ("granted", "三、本年度办理结果", "（一）予以公开"),
    ("partial", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("r1", "（三）不予公开", "1.属于国家秘密"),
    ("r2", None, "2.其他法律行政法规禁止公开"),
    ("r3", None, "3.危及“三安全一稳定”"),
    ("r4", None, "4.保护第三方合法权益"),
    ("r5", None, "5.属于三类内部事务信息"),
    ("r6", None, "6.属于四类过程性信息"),
    ("r7", None, "7.属于行政执法案卷"),
    ("r8", None, "8.属于行政查询事项"),
    ("u1", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("u2", None, "2.没有现成信息需要另行制作"),
    ("u3", None, "3.补正后申请内容仍不明确"),
    ("n1", "（五）不予处理", "1.信访举报投诉类申请"),
    ("n2", None, "2.重复申请"),
    ("n3", None, "3.要求提供公开出版物"),
    ("n4", None, "4.无正当理由大量反复申请"),
    ("n5", None, "5.要求行政机关确认或重新出具已获取信息"),
    ("other", None, "（六）其他处理"),
    ("total", None, "（七）总计"),
    ("cf", None, "四、结转下年度继续办理"),
]
T3_ROWS_2021 = T3_ROWS_2019[:20] + [
    ("o1", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("o2", None, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("o3", None, "3.其他"),
] + T3_ROWS_2019[21:]

OUTCOME_KEYS_2019 = ["granted", "partial", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "u1", "u2", "u3",
                     "n1", "n2", "n3", "n4", "n5", "other"]
OUTCOME_KEYS_2021 = OUTCOME_KEYS_2019[:-1] + ["o1", "o2", "o3"]


def t3_matrix(new, carried, outcomes, template):
    """Full table 三 {row key: [6 applicant columns + total]} from new/carried and per-column outcomes."""
    keys = OUTCOME_KEYS_2019 if template == "2019" else OUTCOME_KEYS_2021
    m = {}
    m["new"] = list(new)
    m["carried"] = list(carried)
    for k in keys:
        m[k] = [outcomes.get(c, {}).get(k, 0) for c in range(6)]
    m["total"] = [sum(m[k][c] for k in keys) for c in range(6)]
    m["cf"] = [m["new"][c] + m["carried"][c] - m["total"][c] for c in range(6)]
    for k, v in m.items():
        assert all(x >= 0 for x in v), (k, v)
        v.append(sum(v))
    return m


# ---------------------------------------------------------------- dev_01: district, 2019
D1_T2 = [  # (section, label, [(column, printed cell)])
    ("第二十条第（一）项", [("规章", ["0", "0", "0"]), ("规范性文件", ["8", "8", "35"])],
     ["本年新制作数量", "本年新公开数量", "对外公开总数量"]),
    ("第二十条第（五）项", [("行政许可", ["312", "-15", "2846"]), ("其他对外管理服务事项", ["45", "3", "1209"])],
     ["上一年项目数量", "本年增/减", "处理决定数量"]),
    ("第二十条第（六）项", [("行政处罚", ["1208", "-96", "356"]), ("行政强制", ["48", "0", "12"])],
     ["上一年项目数量", "本年增/减", "处理决定数量"]),
    ("第二十条第（八）项", [("行政事业性收费", ["14", "-2"])], ["上一年项目数量", "本年增/减"]),
    ("第二十条第（九）项", [("政府集中采购", ["86", "5326.4万元"])], ["采购项目数量", "采购总金额"]),
]
D1_T3 = t3_matrix(
    [120, 5, 0, 1, 2, 0], [6, 0, 0, 0, 0, 0],
    {0: dict(granted=54, partial=9, r2=1, r4=2, r5=3, r6=4, r7=1, u1=31, u2=5, u3=2, n1=3, n2=4, n5=1, other=1),
     1: dict(granted=2, partial=1, u1=1),
     3: dict(r6=1),
     4: dict(granted=1, u1=1)}, "2019")
D1_T4 = [[2, 1, 0, 0, 3], [1, 0, 0, 1, 2], [0, 0, 0, 0, 0]]

# ---------------------------------------------------------------- dev_02: city bureau, 2020 (2019 format)
D2_T2 = [
    ("第二十条第（一）项", [("规章", ["/", "/", "/"]), ("规范性文件", ["3", "3", "27"])],
     ["本年新制作数量", "本年新公开数量", "对外公开总数量"]),
    ("第二十条第（五）项", [("行政许可", ["56", "4", "9817"]), ("其他对外管理服务事项", ["12", "0", "2341"])],
     ["上一年项目数量", "本年增/减", "处理决定数量"]),
    ("第二十条第（六）项", [("行政处罚", ["325", "-12", "1876"]), ("行政强制", ["18", "0", "43"])],
     ["上一年项目数量", "本年增/减", "处理决定数量"]),
    ("第二十条第（八）项", [("行政事业性收费", ["2", "0"])], ["上一年项目数量", "本年增/减"]),
    ("第二十条第（九）项", [("政府集中采购", ["23", "1268.5万元"])], ["采购项目数量", "采购总金额"]),
]
D2_T3 = t3_matrix(
    [41, 6, 0, 0, 3, 1], [2, 1, 0, 0, 0, 0],
    {0: dict(granted=20, partial=4, r4=1, r6=2, u1=9, u2=1, u3=1, n1=1, n2=2),
     1: dict(granted=3, partial=1, u1=2),
     4: dict(granted=1, r7=1, u1=1),
     5: dict(n1=1)}, "2019")
D2_T4 = [[1, 0, 0, 1, 2], [0, 0, 0, 0, 0], [1, 0, 0, 0, 1]]

# ---------------------------------------------------------------- dev_03: county, 2022 (2021 format)
D3_T2 = [
    ("第二十条第（一）项", [("规章", ["0", "0", "0"]), ("行政规范性文件", ["14", "6", "87"])],
     ["本年制发件数", "本年废止件数", "现行有效件数"]),
    ("第二十条第（五）项", [("行政许可", ["15632"])], ["本年处理决定数量"]),
    ("第二十条第（六）项", [("行政处罚", ["2105"]), ("行政强制", ["96"])], ["本年处理决定数量"]),
    ("第二十条第（八）项", [("行政事业性收费", ["1,286.35"])], ["本年收费金额（单位：万元）"]),
]
D3_T3 = t3_matrix(
    [236, 18, 1, 2, 5, 3], [9, 1, 0, 0, 0, 0],
    {0: dict(granted=98, partial=21, r2=2, r4=3, r5=4, r6=6, r7=2, r8=1, u1=52, u2=8, u3=6, n1=9, n2=7, n4=1,
             n5=2, o1=4, o3=2),
     1: dict(granted=8, partial=2, r4=1, u1=4, u3=1, o3=1),
     2: dict(granted=1),
     3: dict(granted=1, u1=1),
     4: dict(granted=2, r7=1, u1=1, o1=1),
     5: dict(granted=1, n1=1, n2=1)}, "2021")
D3_T4 = [[3, 1, 0, 1, 5], [2, 0, 1, 0, 3], [1, 0, 0, 0, 1]]

# ---------------------------------------------------------------- dev_04: traditional characters, 2023 (2021 format)
D4_T2 = [
    ("第二十条第（一）项", [("规章", ["2", "1", "35"]), ("行政规范性文件", ["22", "9", "164"])],
     ["本年制发件数", "本年废止件数", "现行有效件数"]),
    ("第二十条第（五）项", [("行政许可", ["3480"])], ["本年处理决定数量"]),
    ("第二十条第（六）项", [("行政处罚", ["1532"]), ("行政强制", ["27"])], ["本年处理决定数量"]),
    ("第二十条第（八）项", [("行政事业性收费", ["56.2"])], ["本年收费金额（单位：万元）"]),
]
D4_T3 = t3_matrix(
    [412, 37, 2, 4, 11, 6], [21, 3, 0, 0, 1, 0],
    {0: dict(granted=160, partial=35, r1=1, r2=3, r4=5, r5=8, r6=12, r7=3, r8=2, u1=98, u2=14, u3=9, n1=20,
             n2=11, n3=2, n4=3, n5=5, o1=6, o2=1, o3=4),
     1: dict(granted=15, partial=5, r4=3, r6=1, u1=9, u3=2, o1=1),
     2: dict(granted=2),
     3: dict(granted=2, u1=1, n2=1),
     4: dict(granted=4, partial=1, r7=2, u1=3, n5=1),
     5: dict(granted=2, n1=2, o3=1)}, "2021")
D4_T4 = [[4, 1, 1, 2, 8], [3, 1, 0, 2, 6], [2, 0, 0, 1, 3]]

# ---------------------------------------------------------------- era A (2014 template)
def era_a_rows():
    """Sections, labels and units of the 2014 table, as in corpus/gold/seed_tables.json."""
    seed = json.load(open(os.path.join(HERE, "..", "gold", "seed_tables.json"), encoding="utf-8"))
    return [(r["section"], r["label"], r["unit"]) for r in seed[0]["rows"]]


# dev_05: per row (区政府及部门, 镇（街道）); the printed table adds the 合计 column.
D5_LEVELS = [
    (9521, 3162), (38, 6), (38, 6), (156, 0), (8865, 2974), (3120, 840), (2736, 1205), (412, 96),
    (86, 21), (18, 4), (7, 4), (12, 0), (6, 0), (134, 27), (65, 18), (9, 3),
    (74, 19), (12, 7), (0, 0), (51, 8), (11, 4), (72, 19), (70, 19), (2, 0),
    (72, 19), (21, 6), (19, 7), (5, 1), (4, 1), (0, 0), (1, 0), (2, 1), (0, 0), (1, 0), (0, 0),
    (12, 2), (6, 2), (3, 0), (2, 0),
    (3, 0), (2, 0), (1, 0), (0, 0),
    (2, 0), (1, 0), (0, 0), (1, 0),
    (1, 0), (0, 0),
    (31, 10), (33, 12), (58, 37), (12, 10), (46, 27), ("45.6", "12.0"),
    (5, 10), (4, 8), (380, 520),
]

# dev_06: one value per row; None = the cell prints "/".
# PLANTED ERROR: (二)申请办结数 45 but 按时办结数 44 + 延期办结数 0 = 44 (identity A2 broken).
D6_VALUES = [
    1865, 7, 7, None, 1642, 318, 925, 56,
    34, 6, 2, 4, 1, 28, 19, 9,
    47, 9, 0, 33, 5, 45, 44, 0,
    45, 11, 15, 3, 2, 0, 0, 2, 0, 0, 0, 8, 4, 1, 1,
    1, 1, 0, 0,
    0, 0, 0, 0,
    0, 0,
    1, 2, 6, 2, 4, "8.5",
    3, 2, 150,
]


def num(s):
    """Printed cell -> JSON number or None ("/", "——", blank)."""
    if s is None:
        return None
    s = str(s).replace(",", "").strip()
    for u in ("万元", "元"):
        if s.endswith(u):
            s = s[: -len(u)]
    if s in ("", "/", "——", "-", "—"):
        return None
    v = float(s)
    return int(v) if v == int(v) and "." not in s else v


def unit_of(cell, default=None):
    s = str(cell)
    if s.endswith("万元"):
        return "万元"
    if s.endswith("元"):
        return "元"
    return default


# ---------------------------------------------------------------- gold rows
def gold_matrix(t2, t3, t4, template):
    rows = []
    for section, metrics, cols in t2:
        for label, cells in metrics:
            for col, cell in zip(cols, cells):
                unit = unit_of(cell, "万元" if col.startswith("本年收费金额") else None)
                if unit is None and template == "2021" and section in ("第二十条第（一）项",):
                    unit = "件"
                rows.append({"section": section, "label": label, "column": col, "unit": unit,
                             "value": num(cell)})
    t3rows = T3_ROWS_2019 if template == "2019" else T3_ROWS_2021
    for key, _group, label in t3rows:
        for c, col in enumerate(T3_COLS):
            rows.append({"section": T3_SECTION, "label": label, "column": col, "unit": "件",
                         "value": t3[key][c]})
    for r, label in enumerate(T4_ROWS):
        for c, col in enumerate(T4_COLS):
            rows.append({"section": T4_SECTION, "label": label, "column": col, "unit": "件",
                         "value": t4[r][c]})
    return rows


def gold_era_a(values):
    rows = []
    for (section, label, unit), v in zip(era_a_rows(), values):
        rows.append({"section": section, "label": label, "unit": unit, "value": num(v)})
    return rows


def d5_totals():
    out = []
    for a, b in D5_LEVELS:
        if isinstance(a, str):
            out.append("%.1f" % (float(a) + float(b)))
        else:
            out.append(a + b)
    return out
