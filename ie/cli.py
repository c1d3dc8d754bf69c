"""Command line: ``ie extract | evaluate | train | reconcile``. The only place that configures logging.

Each subcommand lives in its own module, which exposes ``configure(parser)`` and ``run(args) -> int``,
so the command table below is the whole of the wiring.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
from typing import Optional, Sequence

COMMANDS = {
    "extract": ("ie.commands.extract", "extract reports and print them (JSON / JSONL) or write a panel"),
    "evaluate": ("ie.commands.evaluate", "score triples against a gold JSONL (P/R/F1, misses)"),
    "train": ("ie.commands.train", "train the narrative NER/relation model"),
    "reconcile": ("ie.commands.reconcile", "print reconciliation summaries; --html writes audit pages"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ie", description=__doc__.splitlines()[0],
                                     fromfile_prefix_chars="@")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module, help_text) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text, fromfile_prefix_chars="@")
        importlib.import_module(module).configure(sp)
        sp.set_defaults(_module=module)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    from ie.errors import IeError

    try:
        return int(importlib.import_module(args._module).run(args) or 0)
    except IeError as exc:
        print(f"ie {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
