#!/usr/bin/env python3
"""Build the hand-written training corpus: reports, gold triples and the annotated-corpus JSONL.

    .venv/bin/python corpus/handwritten/build.py     # writes reports/, gold/triples.jsonl,
                                                      # ../annotated/handwritten.jsonl

src/<doc>.txt   hand-written report narrative (no statistics tables).
src/<doc>.ann   one narrative quantity per line, in text order:
                    quantity_text | metric_text | kind [| period] [| after] [| ctx=TEXT]
                period defaults to the report year; "after" = the metric follows the quantity
                (number before the noun); ctx = a unique text holding the quantity, searched from the cursor.
                Lines starting with # are comments.
Offsets are computed here, never by hand. The traditional-character report is written in simplified
characters and converted with OpenCC s2t (the character conversion a "繁體" button applies); its .ann
lines are converted the same way before they are searched.
"""
import json
import os
import re
import sys
from decimal import Decimal
from functools import lru_cache

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ANNOTATED = os.path.join(ROOT, "corpus", "annotated", "handwritten.jsonl")
TABLE_MARK = "政府信息公开情况统计表"

DOCS = {
    # doc: (report year, title as printed, traditional?)
    "hw01_province_hrss_2013": (2013, "四川省人力资源和社会保障厅2013年政府信息公开工作年度报告", False),
    "hw02_city_2016": (2016, "宜昌市人民政府2016年政府信息公开工作年度报告", False),
    "hw03_county_2010": (2010, "兰考县人民政府2010年政府信息公开工作年度报告", False),
    "hw04_tax_2020": (2020, "国家税务总局青岛市税务局2020年政府信息公开工作年度报告", False),
    "hw05_police_2018": (2018, "长沙市公安局2018年政府信息公开工作年度报告", False),
    "hw06_street_2022": (2022, "上海市浦东新区人民政府陆家嘴街道办事处2022年政府信息公开工作年度报告", False),
    "hw07_housing_2021": (2021, "西安市住房和城乡建设局2021年政府信息公开工作年度报告", False),
    "hw08_transport_2023": (2023, "广西壮族自治区交通运输厅2023年政府信息公开工作年度报告", False),
    "hw09_market_2019": (2019, "合肥市市场监督管理局2019年政府信息公开工作年度报告", False),
    "hw10_medins_2024": (2024, "重庆市医疗保障局2024年政府信息公开工作年度报告", False),
    "hw11_emergency_2025": (2025, "哈尔滨市应急管理局2025年政府信息公开工作年度报告", False),
    "hw12_devzone_2011": (2011, "天津经济技术开发区管理委员会2011年政府信息公开工作年度报告", False),
    "hw13_messy_town_2020": (2020, "湄潭县永兴镇人民政府2020年政府信息公开工作年度报告", False),
    "hw14_trad_2009": (2009, "廈門市思明區人民政府2009年政府信息公開工作年度報告", True),
    "hw15_prov_finance_2015": (2015, "山西省财政厅2015年政府信息公开工作年度报告", False),
    "hw16_city_edu_2019": (2019, "长春市教育局2019年政府信息公开工作年度报告", False),
    "hw17_county_gov_2017": (2017, "临泽县人民政府2017年政府信息公开工作年度报告", False),
    "hw18_district_2023": (2023, "福州市鼓楼区人民政府2023年政府信息公开工作年度报告", False),
    "hw19_ecology_2012": (2012, "呼和浩特市环境保护局2012年政府信息公开工作年度报告", False),
    "hw20_prov_water_2018": (2018, "山东省水利厅2018年政府信息公开工作年度报告", False),
    "hw21_city_gov_2021": (2021, "邯郸市人民政府2021年政府信息公开工作年度报告", False),
    "hw22_township_2016": (2016, "湘潭县花石镇人民政府2016年政府信息公开工作年度报告", False),
    "hw23_city_health_2022": (2022, "芜湖市卫生健康委员会2022年政府信息公开工作年度报告", False),
    "hw24_natres_2024": (2024, "徐州市自然资源和规划局2024年政府信息公开工作年度报告", False),
    "hw25_city_gov_2016": (2016, "拉萨市人民政府2016年政府信息公开工作年度报告", False),
    "hw26_city_ecology_2020": (2020, "洛阳市生态环境局2020年政府信息公开工作年度报告", False),
    "hw27_district_2014": (2014, "宜宾市翠屏区人民政府2014年政府信息公开工作年度报告", False),
    "hw28_city_hrss_2022": (2022, "大庆市人力资源和社会保障局2022年政府信息公开工作年度报告", False),
    "hw29_county_2012": (2012, "岳阳县人民政府2012年政府信息公开工作年度报告", False),
    "hw30_city_market_2021": (2021, "南通市市场监督管理局2021年政府信息公开工作年度报告", False),
    "hw31_city_gov_2018": (2018, "宝鸡市人民政府2018年政府信息公开工作年度报告", False),
    "hw32_street_2023": (2023, "遵义市红花岗区老城街道办事处2023年政府信息公开工作年度报告", False),
    "hw33_city_transport_2019": (2019, "烟台市交通运输局2019年政府信息公开工作年度报告", False),
    "hw34_city_civil_2017": (2017, "桂林市民政局2017年政府信息公开工作年度报告", False),
    "hw35_district_2025": (2025, "唐山市曹妃甸区人民政府2025年政府信息公开工作年度报告", False),
    "hw36_city_police_2010": (2010, "安庆市公安局2010年政府信息公开工作年度报告", False),
}

# ------------------------------------------------------------------ quantity parsing
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
PREFIX_MARKERS = ("约", "近", "超过", "至少")
SUFFIX_MARKERS = ("余", "多", "以上", "以下", "左右")
SCALES = {"万": 10000, "亿": 100000000}


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


@lru_cache(maxsize=None)
def _converter(config):
    import opencc
    return opencc.OpenCC(config).convert


def _t2s(s):
    out = _converter("t2s")(s)
    assert len(out) == len(s), s
    return out


def parse_quantity(q):
    """quantity_text -> (value, unit, approx). Traditional characters are read as simplified; the unit
    keeps the characters as written. Handles 余/多 before the scale (3000余万元)."""
    q = q.replace(" ", "")  # stray spaces in a messy copy (326 条) are not part of the number or unit
    s = _t2s(q)
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
    if rest[:1] in ("余", "多") and rest[1:2] in SCALES:
        approx, rest = True, rest[1:]
    if rest[:1] in SCALES:
        num, rest = num * SCALES[rest[0]], rest[1:]
    for sm in SUFFIX_MARKERS:
        if rest.startswith(sm):
            rest, approx = rest[len(sm):], True
    unit = q[len(q) - len(rest):] if rest else ""
    for sm in SUFFIX_MARKERS:
        if _t2s(unit).endswith(sm):
            unit, approx = unit[: -len(sm)], True
    unit = re.sub(r"[（(][^）)]*[）)]$", "", unit)  # 4.21万套（间）: the alternative measure word is not the unit
    value = int(num) if num == num.to_integral_value() else float(num)
    return value, unit, approx


# ------------------------------------------------------------------ annotation
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


def annotate(doc, text, src_dir, conv):
    year = DOCS[doc][0]
    rows = []
    cursor = 0
    path = os.path.join(src_dir, doc + ".ann")
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
        value, unit, approx = parse_quantity(q)
        if kind == "money":
            assert unit.endswith("元"), (doc, ln, q)
            unit = "元"
        assert kind in ("count", "money", "percent", "change", "other"), (doc, ln, kind)
        assert re.fullmatch(r"\d{4}(-\d\d)?|cumulative", period), (doc, ln, period)
        rows.append({"doc": doc, "quantity_text": q, "start": start, "end": end, "value": value, "unit": unit,
                     "approx": approx, "metric_text": metric, "metric_start": ms, "metric_end": ms + len(metric),
                     "period": period, "kind": kind})
        cursor = end
    return rows


def check_spans(doc, text, rows):
    """Quantity spans pairwise disjoint; no metric span overlaps any quantity span (they become one
    BIO sequence in the corpus); no statistics table."""
    assert TABLE_MARK not in text, doc
    qs = sorted((r["start"], r["end"]) for r in rows)
    for (s1, e1), (s2, e2) in zip(qs, qs[1:]):
        assert e1 <= s2, (doc, s1, s2)
    for r in rows:
        for s, e in qs:
            assert not (r["metric_start"] < e and s < r["metric_end"]), (doc, r["metric_text"], text[s:e])


# ------------------------------------------------------------------ main
def build(out_dir=HERE, jsonl_path=ANNOTATED, src_dir=os.path.join(HERE, "src")):
    """Render the reports and gold under out_dir and the corpus records to jsonl_path; returns (rows, records)."""
    sys.path.insert(0, ROOT)
    from ie.training.corpus import from_seed_triples, to_seed_triples, validate_record, write_jsonl

    s2t = _converter("s2t")
    os.makedirs(os.path.join(out_dir, "reports"), exist_ok=True)
    os.makedirs(os.path.join(out_dir, "gold"), exist_ok=True)
    triples, texts = [], {}
    for doc, (year, title, trad) in DOCS.items():
        text = open(os.path.join(src_dir, doc + ".txt"), encoding="utf-8").read()
        conv = (lambda s: s)
        if trad:
            text, conv = s2t(text), s2t
        path = os.path.join(out_dir, "reports", doc + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        text = open(path, encoding="utf-8").read()
        assert title in text, (doc, title)
        rows = sorted(annotate(doc, text, src_dir, conv), key=lambda r: r["start"])
        check_spans(doc, text, rows)
        triples += rows
        texts[doc] = text
    with open(os.path.join(out_dir, "gold", "triples.jsonl"), "w", encoding="utf-8") as f:
        for r in triples:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    records = from_seed_triples(triples, texts, source="handwritten", years={d: v[0] for d, v in DOCS.items()})
    back = [r for rec in records for r in to_seed_triples(rec)]
    assert back == triples, "corpus records do not round-trip to the gold rows"
    for rec in records:
        assert validate_record(rec) == [], validate_record(rec)
        spans = sorted((e["start"], e["end"], e["label"]) for e in rec["entities"])
        for a, b in zip(spans, spans[1:]):  # one BIO sequence: no two entities may overlap
            assert a[1] <= b[0], (rec["id"], a, b, rec["text"][a[0]:b[1]])
    write_jsonl(records, jsonl_path)
    return triples, records


def main():
    triples, records = build()
    print("docs", len(records), "triples", len(triples),
          "period spans", sum(1 for rec in records for e in rec["entities"] if e["label"] == "PERIOD"))


if __name__ == "__main__":
    main()
