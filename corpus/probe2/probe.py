#!/usr/bin/env python3
"""Score ie.load on the probe2 reports (.txt/.html/.docx) against gold; same scoring as corpus/dev/probe.py."""
import json, os, sys
from collections import defaultdict
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, ROOT); sys.path.insert(0, os.path.join(ROOT, "corpus", "dev"))
import ie  # noqa
from ie.narrative.evaluate import score_triples  # noqa
from probe import compare_cells, norm  # noqa

details = "--details" in sys.argv
meta = json.load(open(os.path.join(HERE, "gold", "meta.json"), encoding="utf-8"))
tables = {t["doc"]: t for t in json.load(open(os.path.join(HERE, "gold", "tables.json"), encoding="utf-8"))}
trip = defaultdict(list)
for line in open(os.path.join(HERE, "gold", "triples.jsonl"), encoding="utf-8"):
    r = json.loads(line); trip[r["doc"]].append(r)
allp, allg = [], []
for gm in meta:
    doc = gm["doc"]
    path = os.path.join(HERE, "reports", doc + "." + gm["ext"])
    r = ie.load(path)
    rep = r.to_dict(); text = r.text
    m = rep["meta"]
    ok = {k: (m.get(k) == gm[k] if k != "region" else norm(m.get(k) or "") == norm(gm[k])) for k in ("title", "region", "year", "template")}
    preds = [dict(t, doc=doc) for t in rep["triples"]]
    allp += preds; allg += trip[doc]
    sc = score_triples(preds, trip[doc])
    tc = [c for c in rep["cells"] if c.get("source", "table") == "table"]
    cells = compare_cells(tables[doc], tc) if doc in tables else None
    fk = defaultdict(int)
    for f in rep["findings"]: fk[f["kind"]] += 1
    print("=" * 90); print(doc)
    print("  meta:", {k: m.get(k) for k in ("title", "region", "year", "template")}, "ok:", ok)
    if cells:
        print("  cells: %d/%d; missing %d wrong %d null-for-value %d conflict %d spurious %d (pred %d)" % (
            cells["correct"], cells["total"], len(cells["missing"]), len(cells["wrong"]), len(cells["null_for_value"]),
            len(cells["conflict"]), len(cells["spurious"]), len(tc)))
    else:
        print("  cells: no gold table; pred table cells %d" % len(tc))
    q, t = sc["quantity"], sc["triple"]
    print("  quantity P/R/F1 %.3f/%.3f/%.3f (tp %d fp %d fn %d); triple P/R/F1 %.3f/%.3f/%.3f" % (
        q["precision"], q["recall"], q["f1"], q["tp"], q["fp"], q["fn"], t["precision"], t["recall"], t["f1"]))
    print("  findings", dict(fk))
    if details:
        if cells:
            for k in ("missing", "wrong", "null_for_value", "conflict", "spurious"):
                for x in cells[k][:25]: print("    CELL-%s %s" % (k.upper(), x))
        for x in sc["misses"]["quantity_fn"]:
            print("    Q-FN %r %s | %s" % (x["quantity_text"], x["start"], x["metric_text"]))
        for x in sc["misses"]["quantity_fp"]:
            ctx = text[max(0, x["start"] - 12):x["end"] + 6].replace("\n", "⏎")
            print("    Q-FP %r %s | %s | ctx: %s" % (x["quantity_text"], x["start"], x["metric_text"], ctx))
        for x in sc["misses"]["triple_fn"]:
            p = x.get("predicted")
            if p is None: continue
            print("    T-ERR %r %s: gold (%s,%s,%r,%s,%s) pred (%s,%s,%r,%s,%s)" % (x["quantity_text"], x["errors"], x["value"], x["unit"],
                  x["metric_text"], x["period"], x["kind"], p["value"], p["unit"], p["metric_text"], p["period"], p.get("kind")))
        for f in rep["findings"]:
            if f["kind"] in ("disagree", "identity", "narrative_sum", "meta", "percent"):
                print("    FIND %s %s %s" % (f["kind"], f["metric"], f["message"][:200]))
        for i in rep["issues"][:15]:
            print("    ISSUE %s %s" % (i["code"], i["message"][:160]))
sc = score_triples(allp, allg)
for lvl in ("quantity", "triple"):
    x = sc[lvl]
    print("OVERALL %s P/R/F1 %.3f/%.3f/%.3f (tp %d fp %d fn %d)" % (lvl, x["precision"], x["recall"], x["f1"], x["tp"], x["fp"], x["fn"]))
