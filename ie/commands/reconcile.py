"""``ie reconcile``: PLACEHOLDER until its issue lands."""
from __future__ import annotations


def configure(parser) -> None:
    pass


def run(args) -> int:
    raise SystemExit("ie reconcile: not implemented yet")
