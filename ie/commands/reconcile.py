"""``ie reconcile PATH... [--html OUTDIR]``: what the narrative and the tables say about each other.

Prints, per report: counts of findings by kind, then one line per disagreement, identity violation,
metadata problem, stated sum and percentage check, with the numbers on both sides. ``--html OUTDIR``
also writes one self-contained audit page per report (see :mod:`ie.export.html`). Folders are walked
for .txt/.html/.htm/.docx/.pdf files. Exit status 1 when a file could not be read, else 0.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from ie.records import FINDING_KINDS

DETAIL_KINDS = ("disagree", "identity", "meta", "narrative_sum", "narrative_only")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders to walk")
    parser.add_argument("--html", metavar="OUTDIR", default=None, help="write one audit page per report here")
    parser.add_argument("--year", type=int, default=None, help="report year, overrides the one found in the text")
    parser.add_argument("--method", choices=("rules", "model", "hybrid"), default=None,
                        help="narrative extractor (default: the best on held-out real text)")
    parser.add_argument("--all", action="store_true", help="also list agreements")


def summary_lines(report, *, show_agree: bool = False) -> list:
    """The printed summary of one report (a list of lines).

    >>> from ie.records import Report, Meta, Finding
    >>> r = Report(text="", meta=Meta(year=2018), source="a.txt",
    ...            findings=(Finding("disagree", "a.response.interpretations", message="48 ≠ 68"),))
    >>> summary_lines(r)
    ['a.txt  (year 2018, template -, 0 cells, 0 derived, 0 triples)', '  findings: disagree 1', '  disagree  48 ≠ 68']
    """
    m = report.meta
    head = (f"{report.source or m.title or 'report'}  (year {m.year or '-'}, template {m.template or '-'}, "
            f"{len(report.cells)} cells, {len(report.derived)} derived, {len(report.triples)} triples)")
    counts = Counter(f.kind for f in report.findings)
    lines = [head, "  findings: " + (", ".join(f"{k} {counts[k]}" for k in FINDING_KINDS if counts[k]) or "none")]
    kinds = DETAIL_KINDS + (("agree",) if show_agree else ())
    for kind in kinds:
        for f in report.findings:
            if f.kind == kind:
                lines.append(f"  {kind:<9} {f.message}")
    return lines


def run(args: argparse.Namespace) -> int:
    import ie
    from ie.batch import iter_paths

    reports, failed = [], 0
    for path in iter_paths(args.paths):
        try:
            report = ie.load(path, year=args.year, method=args.method)
        except ie.LoaderError as exc:
            print(f"{path}: cannot read: {exc}", file=sys.stderr)
            failed += 1
            continue
        reports.append(report)
        print("\n".join(summary_lines(report, show_agree=args.all)))
        print()
    if args.html:
        from ie.export.html import write_audit_pages

        for p in write_audit_pages(reports, args.html):
            print(f"wrote {p}")
    return 1 if failed else 0
