"""2019/2021 matrix tables (tables 二, 三, 四 with merged, multi-level headers) through real files.

The table parser's "grid" fixtures are reports whose tables are written the way the loaders render a
grid. Here each of those grids is turned back into merged cells (rowspan/colspan rectangles) and written
as HTML, DOCX and a landscape PDF; the file must give the same cells as the fixture text.
"""
from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

import ie
from ie.loaders import load
from ie.records import to_number

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "tables"
NAMES = ("matrix_2019_grid", "matrix_2021_grid")
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def split_blocks(text: str) -> list:
    """Paragraph strings and grids (lists of rows) in order: runs of " | " lines are one table."""
    blocks: list = []
    for line in text.split("\n"):
        if " | " in line:
            if not blocks or isinstance(blocks[-1], str):
                blocks.append([])
            blocks[-1].append(line.split(" | "))
        elif line.strip():
            blocks.append(line)
    return blocks


def rectangles(grid: list) -> list:
    """Merged cells recovered from a grid: (row, col, rowspan, colspan, text), greedy right then down."""
    seen: set = set()
    out = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if (r, c) in seen:
                continue
            w = 1
            while c + w < len(row) and row[c + w] == text and (r, c + w) not in seen:
                w += 1
            h = 1
            while r + h < len(grid) and all(grid[r + h][c + k] == text and (r + h, c + k) not in seen
                                            for k in range(w)):
                h += 1
            seen.update((r + i, c + k) for i in range(h) for k in range(w))
            out.append((r, c, h, w, text))
    return out


def build_html(path: Path, blocks: list) -> Path:
    parts = ["<html><head><meta charset='utf-8'></head><body><div class='article'>"]
    for b in blocks:
        if isinstance(b, str):
            parts.append(f"<p>{escape(b)}</p>")
            continue
        rows: dict = {}
        for r, c, h, w, text in rectangles(b):
            rows.setdefault(r, []).append(f'<td rowspan="{h}" colspan="{w}">{escape(text) or "&nbsp;"}</td>')
        parts.append("<table border='1'>" + "".join(f"<tr>{''.join(rows.get(r, []))}</tr>"
                                                    for r in range(len(b))) + "</table>")
    path.write_text("".join(parts) + "</div></body></html>", encoding="utf-8")
    return path


def build_docx(path: Path, blocks: list) -> Path:
    import docx

    d = docx.Document()
    for b in blocks:
        if isinstance(b, str):
            d.add_paragraph(b)
            continue
        table = d.add_table(rows=len(b), cols=len(b[0]))
        table.style = "Table Grid"
        for r, c, h, w, text in rectangles(b):
            cell = table.cell(r, c)
            if h > 1 or w > 1:
                cell = cell.merge(table.cell(r + h - 1, c + w - 1))
            cell.text = text
    d.save(str(path))
    return path


def build_pdf(path: Path, blocks: list) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(CJK_FONT), subfontIndex=0))
    body = ParagraphStyle("body", fontName="WQY", fontSize=10, leading=14, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName="WQY", fontSize=6, leading=7, wordWrap="CJK")
    story: list = []
    for b in blocks:
        if isinstance(b, str):
            story.append(Paragraph(escape(b), body))
            continue
        width = len(b[0])
        data = [[""] * width for _ in b]
        style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        for r, c, h, w, text in rectangles(b):
            data[r][c] = Paragraph(escape(text), cell)
            if h > 1 or w > 1:
                style.append(("SPAN", (c, r), (c + w - 1, r + h - 1)))
        story += [Table(data, colWidths=[760 / width] * width, style=TableStyle(style)), Spacer(1, 6)]
    # A rowspan cannot break across pages, so table 三 (one 20-row span) must fit on one page.
    SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=30, rightMargin=30, topMargin=20,
                      bottomMargin=20).build(story)
    return path


BUILDERS = {"html": build_html, "docx": build_docx, "pdf": build_pdf}


def key(c) -> tuple:
    return (c.metric, c.label, c.column, c.value, c.unit, c.table)


def test_rectangles_rebuild_the_grid():
    grid = [["a", "a", "b"], ["a", "a", "c"], ["d", "e", "e"]]
    assert rectangles(grid) == [(0, 0, 2, 2, "a"), (0, 2, 1, 1, "b"), (1, 2, 1, 1, "c"), (2, 0, 1, 1, "d"),
                                (2, 1, 1, 2, "e")]


@pytest.mark.parametrize("fmt", sorted(BUILDERS))
@pytest.mark.parametrize("name", NAMES)
def test_matrix_file_cells_equal_text_cells(tmp_path, name, fmt):
    if fmt == "pdf" and not CJK_FONT.exists():
        pytest.skip("fonts-wqy-zenhei is not installed")
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    path = BUILDERS[fmt](tmp_path / f"{name}.{fmt}", split_blocks(text))
    report = load(path)
    from_text = ie.extract(text)
    assert [key(c) for c in report.cells] == [key(c) for c in from_text.cells]
    assert report.meta.template == from_text.meta.template == expected["template"]
    got = {(c.metric, c.value) for c in report.cells}
    missing = [e for e in expected["cells"] if (e["metric"], to_number(e["value"])) not in got]
    assert not missing, missing[:5]
