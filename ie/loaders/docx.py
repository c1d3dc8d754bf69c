"""Word documents (.docx): body paragraphs and tables in document order (python-docx).

Merged cells come back repeated per the layout grid (python-docx resolves ``gridSpan`` and
``vMerge``); rows that start late or end early are padded. A table used for page layout (one cell, or
cells holding tables) is read as the blocks inside it. An encrypted .docx is an OLE container, not
a zip, and is reported as such; so is a legacy .doc renamed to .docx.
"""
from __future__ import annotations

import io
import zipfile

from ie.loaders.base import Document, Table, count_tables, issue, render

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A zip bomb guard: the XML parts may not inflate past this many times the size limit.
INFLATE_FACTOR = 20


def _blocks(container, depth: int = 0) -> list:
    """Paragraph texts and Tables of a document body or table cell, in order. A table that holds
    another table, or has a single cell, is page layout: its cells are read as blocks instead."""
    out: list = []
    for item in container.iter_inner_content():
        if not hasattr(item, "rows"):
            out.append(item.text)
            continue
        rows = _table_rows(item)
        cells = {id(c._tc): c for row in item.rows for c in row.cells}
        if depth < 8 and (len(cells) == 1 or any(c.tables for c in cells.values())):
            for cell in dict.fromkeys(c for row in item.rows for c in row.cells):
                out.extend(_blocks(cell, depth + 1))
        else:
            out.append(Table(rows))
    return out


def _table_rows(table) -> list:
    rows = []
    for row in table.rows:
        cells = [c.text for c in row.cells]
        before = getattr(row, "grid_cols_before", 0) or 0
        after = getattr(row, "grid_cols_after", 0) or 0
        rows.append([""] * before + cells + [""] * after)
    return rows


def read_docx(data: bytes, path: str = "", max_bytes: int = 50 * 2**20) -> Document:
    """A .docx file's bytes to a Document. Encrypted, legacy or broken files give an issue, not a raise."""
    if data.startswith(OLE_MAGIC):
        return Document("", [issue("encrypted_file", f"{path}: an OLE container, not a .docx zip: the document "
                                                     "is password-protected (or a legacy .doc); save it "
                                                     "unprotected as .docx")], 0, "docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            inflated = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return Document("", [issue("corrupt_file", f"{path}: not a readable .docx zip ({exc}); the file may be "
                                                   "truncated")], 0, "docx")
    if "word/document.xml" not in names:
        return Document("", [issue("corrupt_file", f"{path}: a zip without word/document.xml, not a .docx")],
                        0, "docx")
    if inflated > INFLATE_FACTOR * max_bytes:
        return Document("", [issue("file_too_large", f"{path}: inflates to {inflated} bytes, over "
                                                     f"{INFLATE_FACTOR}x the {max_bytes}-byte limit")], 0, "docx")
    import docx

    try:
        blocks = _blocks(docx.Document(io.BytesIO(data)))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types on damaged parts
        return Document("", [issue("corrupt_file", f"{path}: python-docx could not read it "
                                                   f"({type(exc).__name__}: {exc})")], 0, "docx")
    text = render(blocks)
    issues = [] if text.strip() else [issue("no_text", f"{path}: the document body has no text")]
    return Document(text, issues, count_tables(blocks), "docx")
