"""Statistics tables: find them in text, parse every flattening into canonical cells.

Public: ``parse_tables(text, norm) -> TableResult``.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TableResult:
    """Cells of every statistics table found, the template recognised, and the text spans the
    tables occupy (so the narrative extractor can skip them)."""

    cells: list = field(default_factory=list)
    template: str | None = None
    spans: list = field(default_factory=list)  # list[tuple[int, int]]
    issues: list = field(default_factory=list)


def parse_tables(text: str, norm: str) -> TableResult:
    """PLACEHOLDER until the table parser lands: finds nothing."""
    return TableResult()
