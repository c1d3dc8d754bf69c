"""Statistics tables: find them in text, parse every flattening into canonical cells.

Public: ``parse_tables(text, norm) -> TableResult``. Two parsers run: the era-A / pre-2014 row
parser (:mod:`ie.tables.era_a`) and the 2019/2021 matrix parser (``ie.tables.matrix``, when
installed). Their results are merged: cells and spans concatenated, issues concatenated, and the
template is the one of the parser that found the larger table.

Shared helpers for every parser: :mod:`ie.tables.values` (cell values), :mod:`ie.tables.schema`
(template schemas), :mod:`ie.tables.labels` (fuzzy row labels).

>>> r = parse_tables("无表格的文本。", "无表格的文本。")
>>> r.cells, r.template, r.spans
([], None, [])
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


def _matrix(text: str, norm: str):
    try:
        from ie.tables.matrix import parse_matrix
    except ImportError:
        return None
    return parse_matrix(text, norm)


def _inside(pos, spans) -> bool:
    return pos is not None and any(s <= pos < e for s, e in spans)


def merge_results(*results) -> TableResult:
    """Concatenate cells, spans and issues; the template is that of the result with most cells
    (ties: the first given).

    Where one parser's table region holds more cells than another's, the other's spans, cells and
    issues inside that region are dropped (a matrix parser glancing at an era-A table, or the
    reverse, must not report on it).

    >>> a, b = TableResult(cells=[1, 2], template="2014"), TableResult(cells=[3], template="2019")
    >>> merge_results(a, b).template, merge_results(a, b).cells
    ('2014', [1, 2, 3])
    """
    out = TableResult()
    best = None
    results = [r for r in results if r is not None]
    for r in results:
        stronger = [s for o in results if o is not r and len(o.cells) > len(r.cells) for s in o.spans]
        out.cells.extend(c for c in r.cells if not _inside(getattr(c, "start", None), stronger))
        out.spans.extend(sp for sp in r.spans if not _inside(sp[0], stronger))
        out.issues.extend(i for i in r.issues if not _inside(getattr(i, "start", None), stronger))
        if r.template is not None and (best is None or len(r.cells) > len(best.cells)):
            best = r
    out.template = best.template if best is not None else None
    out.spans.sort()
    return out


def parse_tables(text: str, norm: str) -> TableResult:
    """Every statistics table in ``text`` (``norm`` = ``ie.segment.normalize.normalize(text)``).

    Cells keep raw text and offsets into ``text``; problems become issues. Never raises on content.
    """
    from ie.tables.era_a import missing_rows_issue, parse_era_a

    era_a = parse_era_a(text, norm)
    if era_a.template is not None:
        issue = missing_rows_issue(era_a, era_a.template)
        if issue is not None:
            era_a.issues.append(issue)
    return merge_results(era_a, _matrix(text, norm))
