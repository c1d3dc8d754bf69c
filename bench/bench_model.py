"""Benchmark the narrative extractors: model inference chars/s and whole-report time for the rules,
the model and the hybrid, in one run.

    .venv/bin/python bench/bench_model.py [--threads 1] [--chars 10000] [--repeat 3] [--model DIR] [--int8]

The test report is the bundled seed reports concatenated and cut to ``--chars`` characters.
Times are the best of ``--repeat`` runs after one warm-up (model loading is timed apart).
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=1, help="torch threads (default 1: one core)")
    ap.add_argument("--chars", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", default=None, help="model directory (default models/ner-small)")
    ap.add_argument("--int8", action="store_true", help="int8 dynamic quantisation (faster, less accurate)")
    args = ap.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    from ie.narrative.merge import extract_hybrid_triples
    from ie.narrative.model import extract_model_triples, load_model, number_windows, predict_spans
    from ie.narrative.rules import extract_rule_triples
    from ie.pipeline import extract
    from ie.records import Meta
    from ie.segment.normalize import normalize

    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "reports").glob("*.txt")))
    text = text[: args.chars]
    norm = normalize(text)
    meta = Meta(year=2017)

    from ie.narrative.model import set_model_dir

    set_model_dir(args.model, int8=args.int8)  # the extract paths below load the same model
    t = time.perf_counter()
    model = load_model()
    load_s = time.perf_counter() - t
    windows = number_windows(norm, model.max_len - 2, quantities_only=True)
    sent_chars = sum(e - s for s, e in windows)
    extract_rule_triples(text, norm, meta=meta)
    predict_spans(model, norm, windows)  # warm-up
    infer_s = best_of(lambda: predict_spans(model, norm, windows), args.repeat)
    res = {
        "threads": args.threads,
        "int8": args.int8,
        "report_chars": len(text),
        "model_load_s": round(load_s, 3),
        "model_input_chars": sent_chars,
        "model_inference_chars_per_s": round(sent_chars / infer_s),
        "narrative_s": {
            "rules": round(best_of(lambda: extract_rule_triples(text, norm, meta=meta), args.repeat), 3),
            "model": round(best_of(lambda: extract_model_triples(text, norm, meta=meta), args.repeat), 3),
            "hybrid": round(best_of(lambda: extract_hybrid_triples(text, norm, meta=meta), args.repeat), 3),
        },
        "whole_report_s": {m: round(best_of(lambda: extract(text, method=m), args.repeat), 3)
                           for m in ("rules", "model", "hybrid")},
    }
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
