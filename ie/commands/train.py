"""``ie train``: PLACEHOLDER until its issue lands."""
from __future__ import annotations


def configure(parser) -> None:
    pass


def run(args) -> int:
    raise SystemExit("ie train: not implemented yet")
