#!/usr/bin/env python3
"""Build a blind probe set (narrative only, corpus/probe3, corpus/probe4): reports/ and gold/ from src/.

    python3 corpus/gold/build_probe.py corpus/probe4           # writes reports/<doc>.txt, gold/triples.jsonl, gold/meta.json
    python3 corpus/gold/build_probe.py corpus/probe4 --audit   # also lists every number no gold row covers

docs.json       {doc: {"year", "title", "region"}} of the probe's reports

src/<doc>.txt   hand-written report text (no statistics table anywhere; printed as is)
src/<doc>.ann   one narrative quantity per line, in text order:
                    quantity_text | metric_text | kind [| period] [| after] [| ctx=TEXT]
                period defaults to the report year; "after" = the metric follows the quantity
                (number before the noun); ctx = a unique text holding the quantity, searched from the cursor.
                Lines starting with "#" are comments.
Offsets are computed here, never typed. Simplified from corpus/dev/build.py (same .ann grammar, same
value reading: Decimal, 万/亿, Chinese numerals, approximation markers).
"""
import json
import os
import re
import sys
from decimal import Decimal

HERE = os.path.abspath(next((a for a in sys.argv[1:] if not a.startswith("-")), "."))
with open(os.path.join(HERE, "docs.json"), encoding="utf-8") as _f:
    DOCS = {d: (v["year"], v["title"], v["region"]) for d, v in json.load(_f).items()}  # doc: (year, title, region)


KINDS = {"count", "money", "percent", "change", "other"}
PERIOD_RE = re.compile(r"^(\d{4}(-(0[1-9]|1[0-2]))?|cumulative)$")
METRIC_BACK = 150  # how far before a quantity its metric may start
METRIC_AHEAD = 60  # how far after a quantity an "after" metric may start

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
    """quantity_text -> (value, unit, approx)."""
    s = q
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
    unit = rest
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


def annotate(doc, text):
    year = DOCS[doc][0]
    rows = []
    cursor = 0
    path = os.path.join(HERE, "src", doc + ".ann")
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        q, metric, kind = parts[0], parts[1], parts[2]
        if kind not in KINDS:
            raise ValueError("%s:%d bad kind %r" % (doc, ln, kind))
        period, after, ctx = str(year), False, None
        for p in parts[3:]:
            if p == "after":
                after = True
            elif p.startswith("ctx="):
                ctx = p[4:]
            elif p:
                period = p
        if not PERIOD_RE.match(period):
            raise ValueError("%s:%d bad period %r" % (doc, ln, period))
        if ctx:
            c = text.find(ctx, cursor)
            if c < 0:
                raise LookupError("%s:%d ctx %r not found" % (doc, ln, ctx))
            start = find_q(text, q, c)
        else:
            start = find_q(text, q, cursor)
        end = start + len(q)
        if after:
            ms = text.find(metric, end, end + METRIC_AHEAD + len(metric))
        else:
            ms = text.rfind(metric, max(0, start - METRIC_BACK), start)
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


NUM_RE = re.compile(r"\d+(?:\.\d+)?|[〇一二两三四五六七八九十百千]+")


def audit(doc, text, rows):
    """Print every number in the text that no gold quantity span covers (for review by eye: dates,
    document numbers, phone numbers, ordinals and names are expected here)."""
    covered = [(r["start"], r["end"]) for r in rows]
    for m in NUM_RE.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        ctx = text[max(0, m.start() - 8):m.end() + 6].replace("\n", " ")
        print("  %s @%d %r  ..%s.." % (doc, m.start(), m.group(), ctx))


def main():
    os.makedirs(os.path.join(HERE, "reports"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "gold"), exist_ok=True)
    triples, metas = [], []
    for doc, (year, title, region) in DOCS.items():
        src = open(os.path.join(HERE, "src", doc + ".txt"), encoding="utf-8").read()
        assert "政府信息公开情况统计表" not in src, doc  # narrative only: the checker stops at that mark
        with open(os.path.join(HERE, "reports", doc + ".txt"), "w", encoding="utf-8") as f:
            f.write(src)
        text = open(os.path.join(HERE, "reports", doc + ".txt"), encoding="utf-8").read()
        rows = annotate(doc, text)
        rows.sort(key=lambda r: r["start"])
        for a, b in zip(rows, rows[1:]):
            assert a["end"] <= b["start"], (doc, a["quantity_text"], b["quantity_text"])
        triples += rows
        assert title in text and region in text, (doc, title, region)
        metas.append({"doc": doc, "title": title, "region": region, "year": year, "template": None})
        if "--audit" in sys.argv:
            audit(doc, text, rows)
    with open(os.path.join(HERE, "gold", "triples.jsonl"), "w", encoding="utf-8") as f:
        for r in triples:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "gold", "meta.json"), "w", encoding="utf-8") as f:
        json.dump(metas, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("docs", len(DOCS), "triples", len(triples))


if __name__ == "__main__":
    main()
