"""Web pages (.html/.htm): text blocks and ``<table>`` grids, page chrome dropped.

Parsing is offline and inert: lxml's HTML parser with ``no_network=True`` never fetches anything and
does not expand entity declarations; scripts never run. Tables honour ``rowspan``/``colspan`` (capped, so
a hostile ``colspan=100000`` cannot blow up memory). A table that holds another table is page layout, so
its cells are read as text blocks and only the innermost tables become grids.
"""
from __future__ import annotations

import re
from typing import List, Optional

from ie.loaders.base import Document, Table, count_tables, issue, render
from ie.loaders.chrome import ChromeRules, chrome_rules
from ie.loaders.text import decode_bytes, newlines

MAX_SPAN = 200
MAX_COLUMNS = 500  # wider "tables" are layout or hostile; the rest of the row is dropped
BLOCK_TAGS = frozenset(
    "p div section article main aside h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre address center "
    "figure figcaption hr form fieldset legend caption thead tbody tfoot tr td th table body html details "
    "summary".split())
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """Page bytes to text: BOM, then ``<meta charset>``, then UTF-8 / GB18030 / charset-normalizer.

    >>> decode_html('<meta charset="gbk"><p>政府信息公开</p>'.encode("gbk"))[-13:]
    '<p>政府信息公开</p>'
    """
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _META_CHARSET.search(data[:4096])
        if m:
            name = m.group(1).decode("ascii", "replace").lower()
            if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk"):
                name = "gb18030"  # the superset: pages labelled GB2312 routinely use GBK characters
            try:
                return data.decode(name)
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_bytes(data)[0]


def _span(value: Optional[str]) -> int:
    try:
        n = int(str(value or "1").strip().split(".")[0] or 1)
    except ValueError:
        return 1
    return min(max(n, 1), MAX_SPAN)


def _tag(el) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def table_grid(table) -> List[List[str]]:
    """A leaf ``<table>`` element to a grid, repeating rowspan/colspan cells in every slot they cover.

    >>> import lxml.html
    >>> t = lxml.html.fromstring('<table><tr><td rowspan="2">一、行政复议</td><td colspan="2">结果</td></tr>'
    ...                          '<tr><td>维持</td><td>纠正</td></tr></table>')
    >>> table_grid(t)
    [['一、行政复议', '结果', '结果'], ['一、行政复议', '维持', '纠正']]
    """
    rows = [tr for tr in table.iter("tr") if _nearest_table(tr) is table]
    grid: dict = {}
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if _tag(td) not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            if c >= MAX_COLUMNS:
                break
            text = _cell_text(td)
            rs, cs = _span(td.get("rowspan")), _span(td.get("colspan"))
            rs = min(rs, len(rows) - r)
            for dr in range(rs):
                for dc in range(min(cs, MAX_COLUMNS - c)):
                    grid.setdefault((r + dr, c + dc), text)
            c += cs
    if not grid:
        return []
    height = max(r for r, _ in grid) + 1
    width = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(width)] for r in range(height)]


def _nearest_table(el):
    for anc in el.iterancestors():
        if _tag(anc) == "table":
            return anc
    return None


def _cell_text(td) -> str:
    parts: list = []
    _collect_inline(td, parts)
    return "".join(parts)


def _collect_inline(el, parts: list) -> None:
    """All text under ``el``; ``<br>`` and block children become spaces (a cell is one line)."""
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = _tag(child)
        if tag in BLOCK_TAGS or tag == "br":
            parts.append(" ")
        if tag:
            _collect_inline(child, parts)
        if child.tail:
            parts.append(child.tail)


class _Walker:
    def __init__(self, rules: ChromeRules) -> None:
        self.rules = rules
        self.blocks: list = []
        self.buf: list = []

    def flush(self) -> None:
        if self.buf:
            line = "".join(self.buf)
            self.buf = []
            line = re.sub(r"\s+", " ", line).strip()
            cleaned = self.rules.clean_line(line) if line else None
            if cleaned:
                self.blocks.append(cleaned)

    def walk(self, el) -> None:
        tag = _tag(el)
        if tag == "table" and not any(_tag(t) == "table" for t in el.iterdescendants()):
            self.flush()
            grid = table_grid(el)
            if all(len(set(r)) == 1 for r in grid):
                for row in grid:  # one cell per row: a text box laid out with a table, not data
                    self.buf.append(row[0])
                    self.flush()
            else:
                caption = next((c for c in el if _tag(c) == "caption"), None)
                if caption is not None:
                    self.blocks.append(_cell_text(caption))
                self.blocks.append(Table(grid))
            return
        if tag == "pre":  # preformatted text keeps its line breaks
            self.flush()
            for line in el.text_content().split("\n"):
                self.buf.append(line)
                self.flush()
            return
        block = tag in BLOCK_TAGS
        if block or tag == "br":
            self.flush()
        if el.text:
            self.buf.append(el.text)
        for child in el:
            if not _tag(child):  # comment / processing instruction: skip it, keep its tail
                if child.tail:
                    self.buf.append(child.tail)
                continue
            if self._is_chrome(child):
                if child.tail:
                    self.buf.append(child.tail)
                continue
            self.walk(child)
            if child.tail:
                self.buf.append(child.tail)
        if block:
            self.flush()

    def _is_chrome(self, el) -> bool:
        if _tag(el) in self.rules.drop_tags:
            return True
        if el.get("hidden") is not None or re.search(r"display\s*:\s*none", el.get("style") or "", re.I):
            return True
        names = (el.get("class") or "").split() + [el.get("id") or ""]
        return any(n and self.rules.drops_attr(n) for n in names)


def read_html(data: bytes, path: str = "", rules: Optional[ChromeRules] = None) -> Document:
    """A web page's bytes to a Document (paragraph lines + pipe-row tables). Never raises on content."""
    import lxml.etree
    import lxml.html

    issues = []
    text = _XML_DECL.sub("", decode_html(data), count=1)
    if not text.strip():
        return Document("", [issue("empty_file", f"{path}: the page has no content")], 0, "html")
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True,
                                  huge_tree=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        return Document("", [issue("unreadable_file", f"{path}: not parseable as HTML ({exc})")], 0, "html")
    walker = _Walker(rules or chrome_rules())
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    out = newlines(render(walker.blocks))
    if not out.strip():
        issues.append(issue("no_text", f"{path}: no text left after dropping page chrome"))
    return Document(out, issues, count_tables(walker.blocks), "html")
