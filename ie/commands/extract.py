"""``ie extract PATH... [--out panel.parquet|.csv|.jsonl] [--format json|jsonl]``.

Without ``--out``: print each report's ``to_dict()`` (JSON, or one line each with ``--format jsonl``).
With ``--out``: write a research panel (one row per value; see :mod:`ie.export.panel`) and print a
one-screen summary. Folders are walked recursively for .txt/.html/.htm/.docx/.pdf files. A file that
cannot be read is reported and skipped; the exit status is 1 when any file failed, else 0.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from ie.records import FINDING_KINDS

MAX_LISTED_FAILURES = 10


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="report files (.txt .html .htm .docx .pdf) or folders to walk")
    parser.add_argument("--out", metavar="FILE", default=None,
                        help="write a panel (one row per value) to FILE.parquet, FILE.csv or FILE.jsonl")
    parser.add_argument("--format", choices=("json", "jsonl"), default="json",
                        help="without --out: print format (default json)")
    parser.add_argument("--year", type=int, default=None, help="report year, overrides the one found in the text")
    parser.add_argument("--method", choices=("rules", "model", "hybrid"), default=None,
                        help="narrative extractor (default: the best on held-out real text)")
    parser.add_argument("--no-text", action="store_true", help="leave the full text out of the printed JSON")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="parallel processes (default: all cores; 1 runs inline)")
    parser.add_argument("--max-bytes", type=int, default=None, metavar="N",
                        help="skip files larger than N bytes with an issue (default 50 MB)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")


def _progress(total: int, quiet: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, disable=quiet or not sys.stderr.isatty(),
                dynamic_ncols=True)


def summarize(reports: list, failures: list, out=None, rows: int = 0) -> str:
    """The end-of-run summary: documents, cells, triples, findings by kind, issues by code, failures."""
    findings = Counter(f.kind for r in reports for f in r.findings)
    issues = Counter(i.code for r in reports for i in r.issues)
    cells = sum(len(r.cells) for r in reports)
    derived = sum(len(r.derived) for r in reports)
    lines = [f"documents: {len(reports) + len(failures)} ({len(reports)} read, {len(failures)} failed)"
             + (f" -> {out} ({rows} rows)" if out else ""),
             f"cells: {cells} (+{derived} derived)   triples: {sum(len(r.triples) for r in reports)}",
             "findings: " + (", ".join(f"{k} {findings[k]}" for k in FINDING_KINDS if findings[k])
                             + "".join(f", {k} {n}" for k, n in findings.items() if k not in FINDING_KINDS)
                             or "none").lstrip(", "),
             "issues: " + (", ".join(f"{k} {n}" for k, n in issues.most_common()) or "none")]
    if failures:
        lines.append("failures:")
        lines += [f"  {f.path}: {f.error}: {f.message}" for f in failures[:MAX_LISTED_FAILURES]]
        if len(failures) > MAX_LISTED_FAILURES:
            lines.append(f"  ... and {len(failures) - MAX_LISTED_FAILURES} more")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ie.batch import Failure, check_workers, extract_many, iter_paths

    check_workers(args.workers)
    if args.out is not None:
        from ie.export.panel import check_panel_path

        check_panel_path(args.out)
    files = iter_paths(args.paths)
    results = extract_many(files, workers=args.workers, year=args.year, method=args.method,
                           max_bytes=args.max_bytes)
    reports, failures, rows = [], [], []
    with _progress(len(files), args.quiet) as bar:
        for res in results:
            bar.update(1)
            if isinstance(res, Failure):
                failures.append(res)
                if args.out is None:
                    print(f"ie extract: {res.path}: {res.message}", file=sys.stderr)
                continue
            if args.out is None:
                data = res.to_dict()
                if args.no_text:
                    data["text"] = None
                indent = None if args.format == "jsonl" else 1
                print(json.dumps(data, ensure_ascii=False, indent=indent), flush=True)
                continue
            from ie.export.panel import panel_rows

            rows.extend(panel_rows(res))
            # The panel keeps what it needs; dropping the text keeps a big batch's memory flat.
            reports.append(_light(res))
    if args.out is not None:
        from ie.export.panel import write_panel

        write_panel(rows, args.out)
        if not args.quiet:
            print(summarize(reports, failures, args.out, len(rows)), file=sys.stderr)
        else:
            for f in failures:
                print(f"ie extract: {f.path}: {f.message}", file=sys.stderr)
    return 1 if failures else 0


def _light(report):
    import dataclasses

    return dataclasses.replace(report, text="")
