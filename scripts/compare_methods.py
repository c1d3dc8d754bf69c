#!/usr/bin/env python3
"""Triple and quantity F1 of the rules, the model and the hybrid on every gold set, in one table.

    python scripts/compare_methods.py [--model DIR] [--json OUT]

Sets: the held-out seed 001 (no model training or tuning; the rules were written reading it), the blind
probe6 reports (neither the rules nor the model was fitted on them), probe5 (the rules never fitted on
it; the model's decoder changed after its scores were read), probe4 and probe3 (the model never trained
on them, they chose the shipped model with probe2; the rules were fixed after first meeting them), and,
for reference, the sets one of the two was fitted on (seeds 000/002/003/004, dev, probe2). Same scorer as ``ie evaluate``. A set whose gold file is missing
is skipped.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ie.narrative.evaluate import evaluate_reports  # noqa: E402

SEED_GOLD = ROOT / "corpus" / "gold" / "seed_triples.jsonl"
SETS = [
    # name, gold, reports, docs, who saw it
    ("seed 001 (held out)", SEED_GOLD, ROOT / "corpus" / "reports", ["001_6202dfbafd518d6c"],
     "rules tuned on it; model never"),
    ("probe6 (blind)", ROOT / "corpus/probe6/gold/triples.jsonl", ROOT / "corpus/probe6/reports", None, "neither"),
    ("probe5", ROOT / "corpus/probe5/gold/triples.jsonl", ROOT / "corpus/probe5/reports", None,
     "rules never fitted; model decoder changed after its scores"),
    ("probe4", ROOT / "corpus/probe4/gold/triples.jsonl", ROOT / "corpus/probe4/reports", None,
     "rules fixed after first contact; model selection"),
    ("probe3", ROOT / "corpus/probe3/gold/triples.jsonl", ROOT / "corpus/probe3/reports", None,
     "rules fixed after first contact; model selection"),
    ("probe2", ROOT / "corpus/probe2/gold/triples.jsonl", ROOT / "corpus/probe2/reports", None,
     "rules fixed on it; model dev set"),
    ("dev + late", ROOT / "corpus/dev/gold/triples.jsonl", ROOT / "corpus/dev/reports", None,
     "rules tuned; model trained"),
    ("", ROOT / "corpus/dev/late/gold/triples.jsonl", ROOT / "corpus/dev/late/reports", None, ""),
    ("seeds 000/002/003/004", SEED_GOLD, ROOT / "corpus" / "reports",
     ["000_79ef27311e66addd", "002_e9fe4faf6c2b1375", "003_41c4ed6ffaa77de1", "004_087a8e6c0d9ad53e"],
     "rules tuned; model trained"),
]
METHODS = ("rules", "model", "hybrid")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", help="model directory for model/hybrid (default: models/ner-small)")
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args(argv)
    if args.model:
        from ie.narrative.model import set_model_dir

        set_model_dir(args.model)
    rows, merged = [], {}
    for name, gold, reports, docs, seen in SETS:
        if not Path(gold).is_file():
            continue
        res = {m: evaluate_reports(gold, reports, method=m, docs=docs) for m in METHODS}
        if not name:  # a second part of the previous set: pool the counts
            prev = rows[-1]
            for m in METHODS:
                for level in ("triple", "quantity"):
                    for k in ("tp", "fp", "fn"):
                        prev[1][m][level][k] += res[m][level][k]
            continue
        rows.append((name, {m: {lv: dict(res[m][lv]) for lv in ("triple", "quantity")} for m in METHODS}, seen))
    print(f"{'set':24} {'gold':>5}  " + "  ".join(f"{m + ' tri/qty':>17}" for m in METHODS) + "  seen by")
    for name, res, seen in rows:
        cells = []
        for m in METHODS:
            f = {}
            for lv in ("triple", "quantity"):
                c = res[m][lv]
                p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
                r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
                f[lv] = round(2 * p * r / (p + r), 4) if p + r else 0.0
                c["f1"] = f[lv]
            cells.append(f"{f['triple']:.3f} / {f['quantity']:.3f}")
        gold_n = res["rules"]["triple"]["tp"] + res["rules"]["triple"]["fn"]
        print(f"{name:24} {gold_n:>5}  " + "  ".join(f"{c:>17}" for c in cells) + f"  {seen}")
        merged[name] = res
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(merged, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
