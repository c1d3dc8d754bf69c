"""``ie extract FILE... [--format json|jsonl]``: print each report's ``to_dict()``."""
from __future__ import annotations

import argparse
import json
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="FILE", help="report files (.txt; more formats via ie.load)")
    parser.add_argument("--format", choices=("json", "jsonl"), default="json", help="output format (default json)")
    parser.add_argument("--year", type=int, default=None, help="report year, overrides the one found in the text")
    parser.add_argument("--method", choices=("rules", "model", "hybrid"), default=None,
                        help="narrative extractor (default: the best on held-out real text)")
    parser.add_argument("--no-text", action="store_true", help="leave the full text out of the output")


def run(args: argparse.Namespace) -> int:
    import ie

    status = 0
    for path in args.paths:
        try:
            report = ie.load(path, year=args.year, method=args.method)
        except ie.IeError as exc:
            print(f"ie extract: {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        data = report.to_dict()
        if args.no_text:
            data["text"] = None
        if args.format == "jsonl":
            print(json.dumps(data, ensure_ascii=False))
        else:
            print(json.dumps(data, ensure_ascii=False, indent=1))
    return status
