"""Throughput of the rule-based narrative extractor beside jieba-only tokenization of the same text.

    .venv/bin/python bench/bench_narrative.py [REPORT.txt ...] [--jsonl FILE] [--repeat N]

Default input: the seed reports in corpus/reports; ``--jsonl`` reads the "text" field of each line
instead (e.g. corpus/synthetic/dev.jsonl: dense prose, a quantity every ~16 characters). Both paths use the same warmed-up Segmenter
(its own jieba.Tokenizer); the rules path includes normalisation, quantity scanning, metric and
period rules. Each path is timed on alternating passes and its best pass is kept. Target: rules time <= 2 x jieba time. Not a timed test.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from ie.narrative.rules import RuleExtractor
from ie.records import Meta
from ie.segment.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reports", nargs="*", type=Path)
    ap.add_argument("--jsonl", type=Path, default=None, help="read texts from this JSONL's 'text' field")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    if args.jsonl:
        lines = args.jsonl.read_text(encoding="utf-8").splitlines()
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    else:
        paths = args.reports or sorted((ROOT / "corpus" / "reports").glob("*.txt"))
        texts = [p.read_text(encoding="utf-8") for p in paths]

    extractor = RuleExtractor()
    seg = extractor.segmenter
    seg.tokenize(texts[0][:20])  # load the dictionary outside the timings
    extractor.extract(texts[0], normalize(texts[0]), meta=Meta())

    def jieba_pass() -> int:
        for t in texts:
            seg.tokenize(normalize(t))
        return 0

    def rules_pass() -> int:
        return sum(len(extractor.extract(t, normalize(t), meta=Meta())) for t in texts)

    # The machine is shared: alternate the two paths and keep each one's best pass (as timeit does).
    jieba_best = rules_best = float("inf")
    n = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        jieba_pass()
        jieba_best = min(jieba_best, time.perf_counter() - t0)
        t0 = time.perf_counter()
        n = rules_pass()
        rules_best = min(rules_best, time.perf_counter() - t0)
    chars = sum(len(t) for t in texts)
    jieba_s, rules_s = jieba_best, rules_best

    print(f"{len(texts)} texts, {chars} characters, {n} triples per pass; best of {args.repeat} alternating passes")
    print(f"jieba tokenize only : {chars / jieba_s:12,.0f} chars/s  ({jieba_s:.3f} s)")
    print(f"rules extraction    : {chars / rules_s:12,.0f} chars/s  ({rules_s:.3f} s)")
    print(f"rules / jieba time  : {rules_s / jieba_s:.2f}x  (target <= 2.00x)")


if __name__ == "__main__":
    main()
