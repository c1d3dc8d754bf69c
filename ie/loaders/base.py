"""What every loader shares: the ``Document`` it returns and the one way tables become text.

A loader turns a file into ONE text: paragraphs as lines, and each table as one line per row with its
cells joined by ``" | "`` (merged cells repeated per the grid). The text-based table parser reads those
pipe rows like any other flattening, so a file and the same report pasted as text give the same cells.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, List, Sequence, Union

from ie.records import Issue

CELL_SEPARATOR = " | "
# A literal "|" inside a cell would split it in two; the broken bar survives width normalisation.
_PIPE_STAND_IN = "\u00a6"
_SPACE_RUN = re.compile(r"\s+")

Grid = List[List[str]]
Block = Union[str, "Table"]


@dataclass
class Table:
    """A table as a rectangular grid of cell texts (merged cells already repeated)."""

    rows: Grid


@dataclass
class Document:
    """A loaded file: the text the offsets index, the issues met while reading, and counts."""

    text: str
    issues: list = field(default_factory=list)
    tables: int = 0
    kind: str = "text"


def clean_cell(text: str) -> str:
    """One line of cell text: whitespace runs (newlines, NBSP) become one space; "|" is escaped.

    >>> clean_cell(" (一)收到申请数\\n(件) ") , clean_cell("\\xa0"), clean_cell("a|b")
    ('(一)收到申请数 (件)', '', 'a¦b')
    """
    return _SPACE_RUN.sub(" ", text).strip().replace("|", _PIPE_STAND_IN)


def clean_line(text: str) -> str:
    """A paragraph as one line: inner line breaks and space runs collapse to one space."""
    return _SPACE_RUN.sub(" ", text).strip()


def rectangular(rows: Iterable[Sequence[str]]) -> Grid:
    """Pad rows to the widest one and drop rows whose cells are all empty.

    >>> rectangular([["a", "1"], ["b"], ["", ""]])
    [['a', '1'], ['b', '']]
    """
    grid = [[clean_cell(c or "") for c in row] for row in rows]
    width = max((len(r) for r in grid), default=0)
    return [r + [""] * (width - len(r)) for r in grid if any(r)]


def render_row(cells: Sequence[str]) -> str:
    """``["(一)收到申请数", "件", "7"]`` -> ``"(一)收到申请数 | 件 | 7"``."""
    return CELL_SEPARATOR.join(cells)


def render(blocks: Iterable[Block]) -> str:
    """Paragraph strings and ``Table`` grids, in document order, to the single loader text.

    >>> print(render(["上高县2017年报告", Table([["统计指标", "单位", "统计数"], ["(一)收到申请数", "件", "7"]])]))
    上高县2017年报告
    统计指标 | 单位 | 统计数
    (一)收到申请数 | 件 | 7
    """
    lines: list = []
    for block in blocks:
        if isinstance(block, Table):
            lines.extend(render_row(r) for r in rectangular(block.rows))
        else:
            line = clean_line(block)
            if line:
                lines.append(line)
    return "\n".join(lines)


def count_tables(blocks: Iterable[Block]) -> int:
    return sum(1 for b in blocks if isinstance(b, Table) and rectangular(b.rows))


def issue(code: str, message: str) -> Issue:
    return Issue(code, message)
