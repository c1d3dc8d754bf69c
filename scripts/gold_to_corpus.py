#!/usr/bin/env python3
"""Convert a gold triples JSONL (the format of corpus/gold/seed_triples.jsonl) and its report folder
into annotated-corpus records (corpus/annotated/README.md), ready for ``ie train --corpus``.

    python scripts/gold_to_corpus.py corpus/dev/gold/triples.jsonl corpus/dev/reports \\
        corpus/dev/late/gold/triples.jsonl corpus/dev/late/reports --source dev --out corpus/annotated/dev.jsonl

Pairs of (gold file, report folder) may repeat. A report is ``<doc>.txt`` or, for HTML/DOCX sources,
``<doc>.html``/``.docx`` read by ``ie.load`` (the text the gold offsets point into; as ``ie evaluate`` reads it). The statistics tables the parser
finds become ``meta.exclude`` (training skips them, as inference does), and the scope runs to the end
of the text, because 2019/2021 reports put narrative between and after their tables.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ie.narrative.evaluate import report_text  # noqa: E402
from ie.segment.normalize import normalize  # noqa: E402
from ie.tables import parse_tables  # noqa: E402
from ie.training.corpus import from_seed_triples, validate_record, write_jsonl  # noqa: E402


def _years(gold: Path) -> dict:
    meta = gold.parent / "meta.json"
    if not meta.exists():
        return {}
    return {m["doc"]: m["year"] for m in json.loads(meta.read_text(encoding="utf-8")) if m.get("year")}


def convert(pairs, source: str) -> list:
    records = []
    for gold, folder in pairs:
        rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
        docs = sorted({r["doc"] for r in rows})
        texts = {d: report_text(folder, d) for d in docs}
        for rec in from_seed_triples(rows, texts, source=source, years=_years(gold)):
            text = rec["text"]
            spans = [list(s) for s in parse_tables(text, normalize(text)).spans]
            qtys = [(e["start"], e["end"]) for e in rec["entities"] if e["label"] == "QTY"]
            # a table span that holds a gold quantity is not a table the annotators skipped
            spans = [s for s in spans if not any(s[0] <= a and b <= s[1] for a, b in qtys)]
            rec["meta"]["scope_end"] = len(text)
            rec["meta"]["exclude"] = spans
            problems = validate_record(rec)
            if problems:
                raise SystemExit(f"{rec['id']}: {problems}")
            records.append(rec)
    return records


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pairs", nargs="+", help="GOLD_JSONL REPORT_DIR [GOLD_JSONL REPORT_DIR ...]")
    ap.add_argument("--source", required=True, help="meta.source of the records (e.g. dev, probe2)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    if len(args.pairs) % 2:
        ap.error("give pairs of GOLD_JSONL REPORT_DIR")
    pairs = [(Path(args.pairs[i]), Path(args.pairs[i + 1])) for i in range(0, len(args.pairs), 2)]
    records = convert(pairs, args.source)
    n = write_jsonl(records, args.out)
    ents = sum(len(r["entities"]) for r in records)
    print(f"{n} records, {ents} entities -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
