"""``ie evaluate``: score narrative triples against a gold JSONL (P/R/F1 and the misses).

    ie evaluate --gold corpus/gold/seed_triples.jsonl --reports corpus/reports [--method rules]
                [--docs 001_6202dfbafd518d6c ...] [--json out.json] [--max-misses 50]
"""
from __future__ import annotations

import json
import sys


def configure(parser) -> None:
    from ie.narrative import DEFAULT_METHOD

    parser.add_argument("--gold", required=True, help="gold triples JSONL (format of corpus/gold/seed_triples.jsonl)")
    parser.add_argument("--reports", default="corpus/reports", help="folder of <doc>.txt reports (default: %(default)s)")
    parser.add_argument("--method", default=DEFAULT_METHOD, choices=("rules", "model", "hybrid"),
                        help="narrative extractor to score (default: %(default)s)")
    parser.add_argument("--docs", nargs="+", default=None, help="only these documents (file stems)")
    parser.add_argument("--json", dest="json_out", default=None, help="also write the full result as JSON here")
    parser.add_argument("--max-misses", type=int, default=50, help="misses printed per list (default: %(default)s)")
    parser.add_argument("--model", default=None,
                        help="model directory for --method model/hybrid (default: models/ner-small)")
    parser.add_argument("--entities", action="store_true",
                        help="also score the model's entities (seqeval strict IOB2) and relations on --corpus")
    parser.add_argument("--corpus", default="corpus/annotated/seeds.jsonl",
                        help="annotated corpus JSONL for --entities (default: %(default)s)")


def run(args) -> int:
    from ie.narrative.evaluate import evaluate_reports, format_report

    if args.model:
        from ie.narrative.model import set_model_dir

        set_model_dir(args.model)
    result = evaluate_reports(args.gold, args.reports, method=args.method, docs=args.docs)
    if args.entities:
        from ie.training.evaluation import score_model_entities

        result["model_entities"] = score_model_entities(args.corpus, docs=args.docs, model_dir=args.model)
        print(json.dumps(result["model_entities"], ensure_ascii=False, indent=1))
    print(format_report(result, max_misses=args.max_misses))
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as fh:
            json.dump(result, fh, ensure_ascii=False, indent=1, default=str)
        print(f"wrote {args.json_out}", file=sys.stderr)
    return 0
