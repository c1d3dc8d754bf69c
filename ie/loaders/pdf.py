"""PDF files: the text layer and ruled tables (pdfplumber), in reading order, tables joined across pages.

Per page, ruled tables are found first; text outside them is grouped into lines, and lines that run to
the right margin are joined into paragraphs (CJK wraps without spaces). Page-number lines and running
headers/footers (margin lines repeated on several pages) are dropped.
A table that ends one page and one that starts the next with the same column count are one table
continued; a repeated header row on the new page is dropped. Merged cells are repeated per the grid.
Scanned PDFs (no text layer) and encrypted ones give an issue; there is no OCR.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import List, Optional

from ie.loaders.base import Document, Table, clean_cell, count_tables, issue, render
from ie.loaders.chrome import chrome_rules

_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


@dataclass
class _PageItem:
    top: float
    text: Optional[str] = None
    grid: Optional[List[List[str]]] = None
    x0: float = 0.0
    x1: float = 0.0
    height: float = 0.0
    margin: bool = False  # a text line in the top or bottom 8% of the page: maybe a running header


@dataclass
class _Page:
    items: list = field(default_factory=list)


def _join_wrapped(a: str, b: str) -> str:
    if not a or not b:
        return a + b
    if _CJK.match(a[-1]) or _CJK.match(b[0]):
        return a + b
    return a + " " + b


def _cell_text(text: Optional[str]) -> str:
    if not text:
        return ""
    out = ""
    for line in text.split("\n"):
        out = _join_wrapped(out, line.strip())
    return out


def table_grid(table) -> List[List[str]]:
    """A pdfplumber ``Table`` to a grid; a merged cell's text fills every slot it covers."""
    texts = table.extract()
    rows = table.rows
    if not rows:
        return []
    xs = sorted({c[0] for row in rows for c in row.cells if c is not None})
    right = table.bbox[2]
    width = max(len(r.cells) for r in rows)
    grid: List[List[str]] = []
    boxes: List[list] = []
    for r, row in enumerate(rows):
        top, bottom = row.bbox[1], row.bbox[3]
        cy = (top + bottom) / 2
        line, line_boxes = [], []
        for c in range(width):
            box = row.cells[c] if c < len(row.cells) else None
            if box is not None:
                text = texts[r][c] if r < len(texts) and c < len(texts[r]) else ""
                line.append(_cell_text(text))
                line_boxes.append(box)
                continue
            x_left = xs[c] if c < len(xs) else right
            x_right = xs[c + 1] if c + 1 < len(xs) else right
            cx = (x_left + x_right) / 2
            found = None
            if c and line_boxes[c - 1] is not None and line_boxes[c - 1][2] > cx:  # colspan
                found = (line[c - 1], line_boxes[c - 1])
            else:
                for rr in range(r - 1, -1, -1):  # rowspan: the nearest box above that reaches down here
                    ab = boxes[rr][c] if c < len(boxes[rr]) else None
                    if ab is not None and ab[0] <= cx <= ab[2] and ab[3] > cy:
                        found = (grid[rr][c], ab)
                        break
            line.append(found[0] if found else "")
            line_boxes.append(found[1] if found else None)
        grid.append(line)
        boxes.append(line_boxes)
    return grid


def _inside(obj, bboxes) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in bboxes)


def _read_page(page) -> _Page:
    out = _Page()
    tables = page.find_tables()
    bboxes = [t.bbox for t in tables]
    for t in tables:
        grid = table_grid(t)
        if grid:
            out.items.append(_PageItem(top=t.bbox[1], grid=grid))
    rest = page.filter(lambda o: not (o.get("object_type") == "char" and _inside(o, bboxes))) if bboxes else page
    lines = rest.extract_text_lines(strip=True, return_chars=False)
    height = float(page.height)
    for ln in lines:
        text = ln["text"].strip()
        if not text:
            continue
        in_margin = ln["top"] < 0.08 * height or ln["bottom"] > 0.92 * height
        if in_margin and chrome_rules().is_page_number(text):
            continue
        out.items.append(_PageItem(top=ln["top"], text=text, x0=ln["x0"], x1=ln["x1"],
                                   height=ln["bottom"] - ln["top"], margin=in_margin))
    out.items.sort(key=lambda i: i.top)
    return out


def _paragraphs(items: list) -> list:
    """Join a page's wrapped text lines: a line reaching the right margin continues on the next line
    when that one is not indented."""
    texts = [i for i in items if i.text is not None]
    if not texts:
        return items
    left = min(i.x0 for i in texts)
    right = max(i.x1 for i in texts)
    out: list = []
    prev = None
    for it in items:
        if it.text is None:
            out.append(it)
            prev = None
            continue
        size = it.height or 10.0
        if (prev is not None and prev.x1 >= right - 1.5 * size and it.x0 <= left + 0.5 * size
                and not chrome_rules().starts_paragraph(it.text)):
            prev.text = _join_wrapped(prev.text, it.text)
            prev.x1 = it.x1
            continue
        out.append(it)
        prev = it
    return out


def _same_row(a: List[str], b: List[str]) -> bool:
    return [clean_cell(x) for x in a] == [clean_cell(x) for x in b]


def _drop_running_lines(pages: list) -> None:
    """Remove running headers/footers: margin lines whose text (digits aside) recurs on several pages."""
    if len(pages) < 2:
        return
    seen: dict = {}
    for page in pages:
        for key in {re.sub(r"\d+", "#", it.text) for it in page.items if it.margin}:
            seen[key] = seen.get(key, 0) + 1
    running = {k for k, n in seen.items() if n >= 2}
    for page in pages:
        page.items = [it for it in page.items if not (it.margin and re.sub(r"\d+", "#", it.text) in running)]


def read_pdf(data: bytes, path: str = "") -> Document:
    """A PDF's bytes to a Document. Encrypted, truncated or image-only PDFs give an issue, not a raise."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types on damaged files
        return Document("", [_open_issue(exc, path)], 0, "pdf")
    pages: list = []
    issues: list = []
    try:
        with pdf:
            for n, page in enumerate(pdf.pages, 1):
                try:
                    pages.append(_read_page(page))
                except Exception as exc:  # noqa: BLE001 - one broken page must not lose the others
                    issues.append(issue("unreadable_page", f"{path}: page {n} skipped "
                                                           f"({type(exc).__name__}: {exc})"))
                    pages.append(None)
    except Exception as exc:  # noqa: BLE001 - e.g. a truncated file discovered while reading pages
        issues.append(_open_issue(exc, path))
    _drop_running_lines([p for p in pages if p is not None])
    blocks: list = []
    last_was_table = False
    for page in pages:
        if page is None:
            last_was_table = False
            continue
        for k, it in enumerate(_paragraphs(page.items)):
            if it.grid is None:
                blocks.append(it.text)
                last_was_table = False
                continue
            prev = blocks[-1] if blocks else None
            if (k == 0 and last_was_table and isinstance(prev, Table)
                    and len(prev.rows[0]) == len(it.grid[0])):
                rows = it.grid[1:] if _same_row(it.grid[0], prev.rows[0]) else it.grid
                prev.rows.extend(rows)  # the table continues from the previous page
            else:
                blocks.append(Table(it.grid))
            last_was_table = True
    text = render(blocks)
    cids = text.count("(cid:")
    if cids > 20:  # glyphs without a Unicode map: pdfminer writes "(cid:1234)" for each
        issues.append(issue("garbled_text", f"{path}: {cids} glyphs have no Unicode mapping; the text is "
                                            "incomplete (re-export the PDF with embedded fonts, or OCR it)"))
    if not text.strip() and not issues:
        issues.append(issue("no_text", f"{path}: no text layer (a scanned PDF?); OCR is not supported"))
    return Document(text, issues, count_tables(blocks), "pdf")


def _open_issue(exc: Exception, path: str):
    desc = f"{type(exc).__name__}: {exc}"
    inner = getattr(exc, "args", ())
    if "password" in desc.lower() or "encrypt" in desc.lower() or any(
            "Password" in type(a).__name__ or "Encryption" in type(a).__name__ for a in inner):
        return issue("encrypted_file", f"{path}: the PDF is password-protected ({desc})")
    return issue("corrupt_file", f"{path}: not a readable PDF ({desc}); the file may be truncated")
