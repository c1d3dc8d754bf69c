"""Era A tables (2014–2018 《政府信息公开情况统计表》) and pre-2014 local forms, from flattened text.

One parser reads every flattening seen in practice, because it works on a stream of *cells*
rather than on lines:

* a line is cut into cells by pipes (``a | b | c``, markdown ``| a | b |`` with ``|---|`` rows,
  HTML rendered as ``cell | cell``; leading/trailing pipes optional), else by whitespace, peeling
  numbers, placeholders and units off the right end so labels keep their inner spaces
  ("政府网站在线访谈 次数 6");
* each cell is a label, a number, a placeholder ("/", "——"), a unit, a header word or empty;
* a row starts at a label cell; the cells after it (same line or following lines) are its unit
  and values, until the next label. Label lines that continue the previous label (an open
  parenthesis, a parenthetical note, or a better schema match when joined) are merged, so
  wrapped labels and cell-per-line layouts read the same as one row per line.

A table is a cluster of lines whose labels match the schema (anchors). Prose lines (sentences,
data in ``table_layout.yaml``) never anchor and end a cluster; chapter headings of the report that
read like table sections ("二、主动公开政府信息情况" followed by prose, or followed by the table's
title or 统计指标 header) are not rows; a cluster needs value/unit/placeholder cells for most of its
rows. A table flattened onto one line is first cut into its rows (:func:`_row_segments`).

Rows are matched to the schema by fuzzy label (:mod:`ie.tables.labels`); the template is chosen
by which schema's labels the rows match best, never by the year. Header cells (统计指标 / 单位 /
统计数 / 序号 / 历年累计 …, data in ``table_layout.yaml``) give the column roles; the year's value
is taken from 本年累计, else 统计数/本期/"2009年度", never from a cumulative (历年累计) column.

>>> text = "政府信息公开情况统计表\\n统计指标 | 单位 | 统计数\\n(一)收到申请数 | 件 | 7\\n1.当面申请数 | 件 | /\\n" \\
...        "2.传真申请数 | 件 | 0\\n3.网络申请数 | 件 | 7\\n4.信函申请数 | 件 | 0\\n(二)申请办结数 | 件 | 7\\n"
>>> r = parse_era_a(text, text)
>>> r.template, [(c.metric, c.value) for c in r.cells][:2], r.spans == [(0, len(text) - 1)]
('2014', [('a.request.received', 7), ('a.request.in_person', None)], True)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from ie.records import Cell, Issue
from ie.tables.labels import LabelMatcher, fold_label
from ie.tables.schema import load_template
from ie.tables.values import (cell_span, is_unit, layout, line_spans, null_markers, parse_cell_value,
                              parse_folded_value)

ERA_A_TEMPLATES = ("2014", "2008-local")
_MD_RULE_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_WS_RE = re.compile(r"\S+")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_DIGIT_RE = re.compile(r"\d")
_COLON_VALUE_RE = re.compile(r"(.*[\u4e00-\u9fff)][:])\s*([+-]?\d[\d,]*(?:\.\d+)?\s*[^\s\d:]{0,3})$")


@dataclass
class RawCell:
    start: int
    end: int
    kind: str  # label | number | null | empty | unit | header | invalid
    line: int
    pos: int
    text: str  # folded (normalised) text of the cell


@dataclass
class Row:
    label: RawCell
    label_end: int
    prefix: list = field(default_factory=list)
    values: list = field(default_factory=list)
    line: int = 0


@dataclass
class _Header:
    roles: list  # role per header cell, in order
    labels: list  # printed header text per cell


# ---------------------------------------------------------------------------------------------
# data


@lru_cache(maxsize=1)
def _header_words() -> dict:
    words = {}
    for role, items in layout()["header_cells"].items():
        for w in items:
            words[fold_space(w)] = role
    return words


@lru_cache(maxsize=1)
def _patterns(name: str) -> tuple:
    return tuple(re.compile(p) for p in layout()[name])


@lru_cache(maxsize=None)
def _matcher(template_id: str) -> LabelMatcher:
    return LabelMatcher(load_template(template_id))


def fold_space(s: str) -> str:
    return re.sub(r"\s+", "", s)


def is_prose(norm_text: str) -> bool:
    """Sentence text, never a table cell: sentence punctuation in a run of ``prose_min_chars``.

    >>> is_prose("全年共受理申请47件,已全部办结。"), is_prose("(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)")
    (True, False)
    """
    s = fold_space(norm_text)
    return len(s) >= layout()["prose_min_chars"] and any(p.search(s) for p in _patterns("prose_patterns"))


def header_role(norm_cell: str) -> Optional[str]:
    """The column role a header cell names ("统计数" -> "value"), or None.

    >>> header_role("统 计 指 标"), header_role("历年累计"), header_role("2009年度"), header_role("收到申请数")
    ('label', 'cumulative', 'year', None)
    """
    s = fold_space(norm_cell)
    role = _header_words().get(s)
    if role:
        return role
    if any(p.search(s) for p in _patterns("year_header_patterns")):
        return "year"
    return None


# ---------------------------------------------------------------------------------------------
# cells


def _classify(s: str) -> str:
    if not s.strip():
        return "empty"
    value, unit, status = parse_folded_value(s)
    if status in ("null", "number"):
        return status
    if is_unit(s):
        return "unit"
    if header_role(s):
        return "header"
    if _DIGIT_RE.search(s) and len(s) <= 10 and len(_CJK_RE.findall(s)) < 3:
        return "invalid"
    if not _CJK_RE.search(s) and not re.search(r"[A-Za-z]", s):
        return "null" if fold_space(s) and set(fold_space(s)) <= set("".join(null_markers())) else "invalid"
    return "label"


def _make(text: str, norm: str, s: int, e: int, line: int, pos: int) -> RawCell:
    s, e = cell_span(text, s, e)
    return RawCell(s, e, _classify(norm[s:e]), line, pos, norm[s:e])


def split_line(text: str, norm: str, ls: int, le: int, line: int) -> list:
    """Cells of the line ``text[ls:le]`` (see module docstring); ``[]`` for blank and rule lines."""
    seg = norm[ls:le]
    if not seg.strip() or _MD_RULE_RE.match(seg) and "-" in seg and "|" in seg:
        return []
    if any(p.match(seg.strip()) for p in _patterns("table_skip_patterns") + _patterns("running_header_patterns")):
        return []  # page furniture between rows: page numbers, the report title as a running header
    if "|" in seg:
        if seg.strip() == "|":
            p = ls + seg.index("|")
            return [RawCell(p, p, "empty", line, 0, "")]
        bounds = [ls - 1] + [ls + i for i, ch in enumerate(seg) if ch == "|"] + [le]
        parts = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
        if not norm[parts[0][0]:parts[0][1]].strip():
            parts = parts[1:]
        if parts and not norm[parts[-1][0]:parts[-1][1]].strip():
            parts = parts[:-1]
        return [_make(text, norm, s, e, line, i) for i, (s, e) in enumerate(parts)]
    tokens = [(m.start() + ls, m.end() + ls) for m in _WS_RE.finditer(seg)]
    kinds = [_classify(norm[s:e]) for s, e in tokens]
    right = len(tokens)
    while right > 0 and kinds[right - 1] in ("number", "null", "unit", "header", "invalid"):
        right -= 1
    left = 0
    while left < right - 1 and kinds[left] == "number" and kinds[left + 1] != "number":
        left += 1  # a leading 序号 before the label
    cells = [RawCell(s, e, kinds[i], line, 0, norm[s:e]) for i, (s, e) in enumerate(tokens[:left])]
    if left < right:
        ls2, le2 = tokens[left][0], tokens[right - 1][1]
        m = _COLON_VALUE_RE.match(norm, ls2, le2)
        if m and parse_folded_value(m.group(2))[2] == "number":  # "(一)收到申请数:154件"
            cells.append(_make(text, norm, ls2, m.end(1), line, 0))
            cells.append(_make(text, norm, m.start(2), le2, line, 0))
        else:
            cells.append(_make(text, norm, ls2, le2, line, 0))
    cells += [RawCell(s, e, kinds[right + i], line, 0, norm[s:e]) for i, (s, e) in enumerate(tokens[right:])]
    for i, c in enumerate(cells):
        c.pos = i
    return cells


# ---------------------------------------------------------------------------------------------
# table discovery

_VALUE_KINDS = ("number", "null", "unit", "empty")  # cells that show a row holds (or leaves blank) a value


@dataclass
class _Scan:
    norm: str
    lines: list
    cells: list  # cells per line
    prose: list = field(default_factory=list)  # per line: a sentence, not a table line


def _scan(text: str, norm: str) -> _Scan:
    lines = []
    for s, e in line_spans(text):
        lines += _row_segments(norm, s, e) or [(s, e)]
    cells = [split_line(text, norm, s, e, i) for i, (s, e) in enumerate(lines)]
    prose = [_is_prose_line(c) for c in cells]
    return _Scan(norm, lines, cells, prose)


def _is_prose_line(cells: list) -> bool:
    """A sentence line: a label cell that is prose, and no short label with value cells beside it."""
    return not _is_row_line(cells) and any(c.kind == "label" and is_prose(c.text) for c in cells)


def _line_tokens(norm: str, ls: int, le: int) -> tuple:
    """(spans, kinds) of the words of a line: cut at whitespace and pipes; the blank between two pipes
    is an "empty" word, and a bare row number ("1.", "(三)") a label word."""
    spans, kinds = [], []
    numbers = _patterns("row_number_patterns")
    pipes = [ls - 1] + [i for i in range(ls, le) if norm[i] == "|"] + [le]
    for k in range(len(pipes) - 1):
        ps, pe = pipes[k] + 1, pipes[k + 1]
        words = [(m.start() + ps, m.end() + ps) for m in _WS_RE.finditer(norm[ps:pe])]
        if not words and 0 < k < len(pipes) - 2:
            spans.append((ps, pe))
            kinds.append("empty")
        for s, e in words:
            w = norm[s:e]
            spans.append((s, e))
            kinds.append("label" if any(p.fullmatch(w) for p in numbers) else _classify(w))
    return spans, kinds


def _row_segments(norm: str, ls: int, le: int) -> Optional[list]:
    """A table flattened onto one line (every line break a space; cells maybe between pipes): the
    spans of its rows, else None.

    Between the line's words a row ends where a label follows a value/unit/placeholder/blank cell or
    a sentence ends, where a label opening with a row number ("(三)…", "2.…") follows a label, and
    around a run of header words (统计指标 单位 统计数); with a 序号 header, the integer before a
    row's label opens that row. The line is cut only when it holds a run of ``one_line_min_rows``
    such rows (a label without prose punctuation, then values): one row with a remark, or prose with
    spaced-out numbers, stays whole.
    """
    if le - ls < 40:
        return None
    tokens, kinds = _line_tokens(norm, ls, le)
    min_rows = layout()["one_line_min_rows"]
    if len(tokens) < 3 * min_rows:
        return None
    valueish = ("number", "null", "unit", "invalid", "empty")
    numbered = [k == "label" and any(p.match(norm[s:e]) for p in _patterns("row_number_patterns"))
                for (s, e), k in zip(tokens, kinds)]
    bounds = [0]
    for i in range(1, len(tokens)):
        k, prev = kinds[i], kinds[i - 1]
        headers_before = prev == "header" and i >= 2 and kinds[i - 2] == "header"
        headers_after = k == "header" and i + 1 < len(kinds) and kinds[i + 1] == "header"
        after_sentence = norm[tokens[i - 1][1] - 1] in layout()["sentence_ends"]
        if (k == "label" and (prev in valueish or headers_before or numbered[i])) or \
                (prev == "label" and headers_after) or after_sentence:
            bounds.append(i)
    if any(kinds[i] == "header" and header_role(norm[s:e]) == "index" for i, (s, e) in enumerate(tokens)):
        # with a 序号 column, the integer just before a row's label is that row's number, not a value
        bounds = [b - 1 if b >= 2 and kinds[b - 1] == "number" and norm[tokens[b - 1][0]:tokens[b - 1][1]].isdigit()
                  and kinds[b - 2] in valueish else b for b in bounds]
    bounds.append(len(tokens))
    run = best = 0
    for a, b in zip(bounds, bounds[1:]):
        if kinds[a] == "number" and b - a > 1:
            a += 1  # the row's 序号
        row = kinds[a] == "label" and not any(p.search(norm[tokens[a][0]:tokens[a][1]])
                                              for p in _patterns("prose_patterns")) \
            and any(k in ("number", "null", "unit", "empty") for k in kinds[a + 1:b])
        run = run + 1 if row else 0
        best = max(best, run)
    if best < min_rows:
        return None
    return [(tokens[a][0], tokens[b - 1][1]) for a, b in zip(bounds, bounds[1:])]


def _label_cell(cells: list) -> Optional[RawCell]:
    for c in cells:
        if c.kind == "label":
            return c
    return None


def _anchors(scan: _Scan, template_id: str, threshold: float) -> list:
    """(line index, target) of lines whose label matches the template well."""
    matcher = _matcher(template_id)
    out = []
    for li, cells in enumerate(scan.cells):
        c = _label_cell(cells)
        if c is None or c.end - c.start > 120 or scan.prose[li]:
            continue
        m = matcher.match(c.text, threshold=threshold)
        if m is not None:
            out.append((li, m.target))
    return out


def _clusters(scan: _Scan, anchors: list, max_gap: int, min_anchors: int) -> list:
    """Runs of anchors at most ``max_gap`` non-blank lines apart, cut at prose: a prose line between
    two anchors ends the run unless both rows hold values and the prose is no longer than
    ``max_prose_in_table`` lines (a page footer printed between two rows of the table)."""
    nonblank = [0] * (len(scan.lines) + 1)
    prose = [0] * (len(scan.lines) + 1)
    for i, cells in enumerate(scan.cells):
        nonblank[i + 1] = nonblank[i] + (1 if cells else 0)
        prose[i + 1] = prose[i] + scan.prose[i]
    groups, cur = [], []
    for li, target in anchors:
        between = prose[li] - prose[cur[-1][0]] if cur else 0
        if cur and (nonblank[li] - nonblank[cur[-1][0] + 1] > max_gap or between > 0 and (
                between > layout()["max_prose_in_table"] or not _valued(scan, cur[-1][0])
                or not _valued(scan, li))):
            groups.append(cur)
            cur = []
        cur.append((li, target))
    if cur:
        groups.append(cur)
    groups = [_before_prose(scan, _after_opening(scan, g, min_anchors)) for g in groups]
    return [g for g in groups if len({t for _, t in g}) >= min_anchors]


def _valued(scan: _Scan, li: int) -> bool:
    """The row at line ``li`` shows table structure: value, unit or placeholder cells after its label,
    on its line or on the value-only lines right below it (one cell per line)."""
    cells = scan.cells[li]
    lab = _label_cell(cells)
    if lab is not None and any(c.kind in _VALUE_KINDS for c in cells if c.pos > lab.pos):
        return True
    seen = 0
    for j in range(li + 1, len(scan.cells)):
        cells = scan.cells[j]
        if not cells:
            continue
        seen += 1
        if seen > 2 or scan.prose[j]:
            return False
        lab = _label_cell(cells)
        if lab is None:
            return any(c.kind in _VALUE_KINDS for c in cells)
        if not _is_note(lab.text):
            return False
    return False


def _is_opening(scan: _Scan, li: int) -> bool:
    """A table title (政府信息公开情况统计表, 附件, (2017年度)) or header (统计指标 单位 统计数) line."""
    cells = scan.cells[li]
    if not cells or scan.prose[li]:
        return False
    s, e = scan.lines[li]
    line = scan.norm[s:e].strip()
    return _is_header_line(cells) or any(p.search(line) for p in _patterns("table_title_patterns"))


def _after_opening(scan: _Scan, group: list, min_anchors: int) -> list:
    """The group from the table's title or header line on, when one follows some of its anchors
    and those anchors are no table of their own (fewer than ``min_anchors`` rows with values, or no
    numbers):
    they are chapter headings of the report ("二、主动公开政府信息情况"), not table rows. A title
    or header repeated after a page break follows a real part of the table and is kept inside it."""
    above = [j for j in range(group[0][0] - 1, -1, -1) if scan.cells[j]][:3]
    if any(_is_opening(scan, j) for j in above):
        return group  # the group opens under its own title or header: a later one is a page break's
    for li in range(group[0][0] + 1, group[-1][0]):
        if not _is_opening(scan, li):
            continue
        before = {t for a, t in group if a < li and _valued(scan, a)}
        if len(before) < min_anchors or not _has_values(scan, group[0][0], li - 1, len(before)):
            group = [(a, t) for a, t in group if a > li]
    return group


def _before_prose(scan: _Scan, group: list) -> list:
    """Drop the group's trailing anchors that hold no value and are followed by prose: chapter
    headings of the report after its table ("四、行政复议情况" + a paragraph), not table rows."""
    while group and not _valued(scan, group[-1][0]):
        nxt = next((j for j in range(group[-1][0] + 1, len(scan.cells)) if scan.cells[j]), None)
        if nxt is None or not scan.prose[nxt]:
            break
        group = group[:-1]
    return group


def _is_header_line(cells: list) -> bool:
    """Header words only (统计指标 / 单位 / 统计数 …), or at least two of them beside other column names."""
    if any(c.kind in ("number", "null", "invalid") for c in cells):
        return False
    words = sum(1 for c in cells if c.kind == "header" or (c.kind == "label" and header_role(c.text)))
    labels = sum(1 for c in cells if c.kind == "label" and not header_role(c.text))
    return words >= 1 and (labels == 0 or words >= 2)


def _is_row_line(cells: list) -> bool:
    """A short label with its unit/value cells on the same line: a table row, known or not."""
    lab = _label_cell(cells)
    return lab is not None and len(fold_space(lab.text)) <= 40 and any(
        c.kind in ("number", "null", "unit", "empty", "invalid") for c in cells)


def _is_column_names(line: str) -> bool:
    """A second header line naming sub-columns ("合计 区政府及部门 镇(街道)"): short names, one a header word.

    >>> _is_column_names("合计 | 市本级 | 县(市、区)"), _is_column_names("一、主动公开情况 | —— | ——")
    (True, False)
    """
    names = [w for w in re.split(r"[\s|]+", line) if w]
    return len(names) >= 2 and all(len(w) <= 8 and _classify(w) in ("label", "header") for w in names) \
        and any(header_role(w) for w in names)


def _region(scan: _Scan, norm: str, first: int, last: int) -> tuple:
    """(first header/row line, last row line, span start, span end) around anchors first..last."""
    titles, footers = _patterns("table_title_patterns"), _patterns("table_footer_patterns")
    start_line = rows_start = first
    i, seen = first - 1, 0
    while i >= 0 and seen < 10:
        cells = scan.cells[i]
        if cells:
            seen += 1
            s, e = scan.lines[i]
            line = norm[s:e].strip()
            is_header = _is_header_line(cells)
            if is_header and rows_start == start_line:
                start_line = rows_start = i
            elif is_header or _is_column_names(line) or any(p.search(line) for p in titles):
                start_line = i
            else:
                break
        i -= 1
    end_line = last
    i = last + 1
    valued = any(c.kind != "label" for c in scan.cells[last])
    while i < len(scan.lines):  # the last row's wrapped label and value lines
        cells = scan.cells[i]
        if cells:
            if scan.prose[i] or _label_cell(cells) is not None and (valued or len(cells) > 1 or i - last > 6):
                break
            valued = valued or _label_cell(cells) is None
            end_line = i
        i += 1
    i = end_line + 1
    while i < len(scan.lines) and i - end_line <= 3:  # local rows after the last known one
        cells = scan.cells[i]
        if cells:
            s, e = scan.lines[i]
            if not _is_row_line(cells) or not any(c.kind in _VALUE_KINDS for c in cells) or \
                    any(p.search(norm[s:e].strip()) for p in footers):
                break  # a row needs a value, unit or placeholder cell: "邮编:325000" is none
            end_line = i
        i += 1
    rows_end = end_line
    i, seen = end_line + 1, 0
    while i < len(scan.lines) and seen < 8:  # notes and signatures, up to the next prose
        if scan.cells[i]:
            seen += 1
            s, e = scan.lines[i]
            if any(p.search(norm[s:e].strip()) for p in footers):
                end_line = i
            elif scan.prose[i] or any(p.search(norm[s:e].strip()) for p in _patterns("site_footer_patterns")):
                break
        i += 1
    span_start = scan.lines[start_line][0]
    while span_start < len(norm) and norm[span_start].isspace():
        span_start += 1
    span_end = scan.lines[end_line][1]
    while span_end > span_start and norm[span_end - 1].isspace():
        span_end -= 1
    return rows_start, rows_end, span_start, span_end


# ---------------------------------------------------------------------------------------------
# rows


def _is_note(s: str) -> bool:
    """A wholly parenthetical line such as "(不同渠道和方式公开相同信息计1条)"; one opening with a row
    number ("(三)…") is a label."""
    s = s.strip()
    return s.startswith("(") and s.endswith(")") and s.count("(") == s.count(")") \
        and not any(p.match(s) for p in _patterns("row_number_patterns"))


def _should_merge(matcher: LabelMatcher, a: str, b: str) -> bool:
    if a.count("(") > a.count(")"):
        return True
    if _is_note(b):
        return True
    sa = max(matcher.scores(a).values(), default=0.0)
    sb = max(matcher.scores(b).values(), default=0.0)
    sab = max(matcher.scores(a + b).values(), default=0.0)
    return sab >= 0.9 and sab > sa + 0.05 and sb < 0.8


def _assemble(text: str, scan: _Scan, first: int, last: int, matcher: LabelMatcher) -> tuple:
    """Rows and the header (if any) of the table lines first..last."""
    rows: list = []
    header_cells: list = []
    cur: Optional[Row] = None
    for li in range(first, last + 1):
        cells = scan.cells[li]
        if not cells or scan.prose[li]:
            continue  # a page footer's sentence between two rows is no row
        if _is_header_line(cells):
            if not rows and cur is None:
                header_cells += [c for c in cells if c.kind != "empty"]
            continue  # a header repeated after a page break is not a row
        label_at = next((i for i, c in enumerate(cells) if c.kind == "label"), None)
        if label_at is None:
            if cur is not None:
                cur.values += [c for c in cells if c.kind != "header"]
            continue
        lab = cells[label_at]
        rest = [c for c in cells[label_at + 1:] if c.kind != "label"]  # further label cells: remarks
        if cur is not None and cur.label.line != li and not cur.values and _should_merge(
                matcher, text[cur.label.start:cur.label_end], lab.text):
            cur.label_end = lab.end
            cur.values += rest
            continue
        if cur is not None and cur.values and not rest and _is_note(lab.text) and \
                max(matcher.scores(lab.text).values(), default=0.0) < 0.8:
            continue  # a note printed after the values: not a row of its own
        if cur is not None:
            rows.append(cur)
        cur = Row(label=lab, label_end=lab.end, prefix=cells[:label_at], values=rest, line=li)
    if cur is not None:
        rows.append(cur)
    _unzip_columns(rows)
    header = None
    if header_cells:
        header = _Header([header_role(c.text) or "part" for c in header_cells],
                         [text[c.start:c.end] for c in header_cells])
    return rows, header


def _unzip_columns(rows: list, min_run: int = 5) -> None:
    """Column-wise flattening (every label, then every unit and/or value): hand the values back.

    A run of n >= ``min_run`` label-only rows whose last row holds n (values) or 2n (units, then
    values) cells gets one value (and unit) per row, in order.
    """
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and not rows[j].values:
            j += 1
        if j < len(rows):
            n = j - i + 1
            cells = rows[j].values
            if n >= min_run and len(cells) in (n, 2 * n):
                units, values = (cells[:n], cells[n:]) if len(cells) == 2 * n else ([], cells)
                for k, row in enumerate(rows[i:j + 1]):
                    row.values = ([units[k]] if units else []) + [values[k]]
        i = j + 1


def _value_roles(header: Optional[_Header]) -> tuple:
    """(roles after the label column, printed labels) from the header."""
    if header is None:
        return None, None
    roles, labels = header.roles, header.labels
    if "label" in roles:
        k = roles.index("label")
        return roles[k + 1:], labels[k + 1:]
    keep = [i for i, r in enumerate(roles) if r != "index"]
    return [roles[i] for i in keep], [labels[i] for i in keep]


def _assign(row: Row, header: Optional[_Header]) -> tuple:
    """(unit cell, primary value cell, [(column label, cell), ...] other value columns, leftovers)."""
    post, post_labels = _value_roles(header)
    cells = [c for c in row.values if c.kind != "header"]
    if post is not None and len(cells) == len(post) and len(post) > 0:
        mapping = list(zip(post, post_labels, cells))
    else:
        units = [c for c in cells if c.kind == "unit"]
        rest = [c for c in cells if c.kind != "unit"]
        value_roles = [(r, lab) for r, lab in zip(post or (), post_labels or ())
                       if r not in ("unit", "index", "remark", "label")]
        if not value_roles:
            value_roles = [("value", None)]
        has_unit_col = post is None or "unit" in post
        if has_unit_col and not units and len(rest) > len(value_roles) and rest[0].kind in ("empty", "null"):
            units = [rest[0]]
            rest = rest[1:]
        if post is not None and "index" in post and len(rest) > len(value_roles) and rest[0].kind == "number":
            rest = rest[1:]  # a 代码 column between unit and values
        mapping = [("unit", None, u) for u in units[:1]]
        mapping += [(r, lab, c) for (r, lab), c in zip(value_roles, rest)]
        leftovers = rest[len(value_roles):]
        if leftovers:
            mapping += [("extra", None, c) for c in leftovers]
    unit_cell = next((c for r, _, c in mapping if r == "unit"), None)
    values = [(r, lab, c) for r, lab, c in mapping if r in ("value", "year", "ytd", "cumulative", "part")]
    primary = None
    for wanted in ("ytd", "value", "year", "part"):
        primary = next(((lab, c) for r, lab, c in values if r == wanted), None)
        if primary:
            break
    others = [(lab, c) for r, lab, c in values if primary is None or c is not primary[1]]
    leftovers = [c for r, _, c in mapping if r == "extra"]
    return unit_cell, primary[1] if primary else None, others, leftovers


def parse_era_a(text: str, norm: str, *, template_id: Optional[str] = None):
    """Find and parse era-A / pre-2014 statistics tables in ``text`` (``norm`` its normalised copy).

    Returns an :class:`ie.tables.TableResult`; content problems become issues, never exceptions.
    ``template_id`` forces a template instead of recognising it from the labels.
    """
    from ie.tables import TableResult

    lay = layout()
    scan = _scan(text, norm)
    best = None
    for tid in ([template_id] if template_id else ERA_A_TEMPLATES):
        anchors = _anchors(scan, tid, lay["anchor_threshold"])
        tables = []
        for g in _clusters(scan, anchors, lay["max_anchor_gap"], lay["min_anchors"]):
            region = _region(scan, norm, g[0][0], g[-1][0])
            if _has_values(scan, region[0], region[1], len({t for _, t in g})):
                tables.append((g, region))
        score = sum(len({t for _, t in g}) for g, _ in tables)
        if tables:  # the template's marker fragments printed inside its table tell close calls apart
            markers = [fold_space(m) for m in load_template(tid).markers]
            body = "".join(fold_space(norm[scan.lines[g[0][0]][0]:scan.lines[g[-1][0]][1]]) for g, _ in tables)
            score += sum(1 for m in markers if m in body)
        if tables and (best is None or score > best[0]):
            best = (score, tid, tables)
    result = TableResult()
    if best is None:
        return result
    _, tid, tables = best
    result.template = tid
    for _, (first_row, rows_end, span_start, span_end) in tables:
        result.spans.append((span_start, span_end))
        _parse_rows(text, scan, first_row, rows_end, tid, result)
    return result


def _has_values(scan: _Scan, first: int, last: int, n_rows: int) -> bool:
    """Evidence of a table, not a list of headings: value, unit or placeholder cells for at least
    ``min_value_share`` of the matched rows between lines first..last, and a number among them
    (or, in a blank form, its empty pipe cells): headings each followed by "无" are no table."""
    kinds = [c.kind for cells in scan.cells[first:last + 1] for c in cells]
    n = sum(1 for k in kinds if k in _VALUE_KINDS)
    some = "number" in kinds or kinds.count("empty") >= n_rows / 2  # a number, or a blank form's cells
    return some and n >= layout()["min_value_share"] * n_rows


def _parse_rows(text: str, scan: _Scan, first: int, last: int, template_id: str, result) -> None:
    template = load_template(template_id)
    matcher = _matcher(template_id)
    threshold = layout()["match_threshold"]
    rows, header = _assemble(text, scan, first, last, matcher)
    section: Optional[str] = None
    used: set = set()
    after = -1
    issues = result.issues
    for ri, row in enumerate(rows):
        label_raw = text[row.label.start:row.label_end]
        m = matcher.match(label_raw, section=section, used=used, after=after, threshold=threshold)
        unit_cell, primary, others, leftovers = _assign(row, header)
        if m is not None and m.kind in ("section", "heading"):
            section = m.section
            after = max(after, m.order)
            stray = [c for c in row.values if c.kind == "number"]
            if stray:
                c = stray[0]
                issues.append(Issue("heading_value", f"heading row {label_raw!r} carries a value "
                                    f"{text[c.start:c.end]!r}; not taken as a metric value", c.start, c.end))
            continue
        if m is None and primary is None and unit_cell is None:
            if not header_role(row.label.text):
                issues.append(Issue("table_line_skipped", f"table line {label_raw!r} matches no row of template "
                                    f"{template_id} and holds no value", row.label.start, row.label_end))
            continue
        if m is not None and m.target in used and m.score < 0.95:
            m = None  # a near miss of a row already read is a local row, not a second copy
        metric = template.metric(m.target) if m is not None else None
        if metric is not None:
            if metric.id in used:
                issues.append(Issue("duplicate_row", f"row {label_raw!r} repeats metric {metric.id}",
                                    row.label.start, row.label_end))
            used.add(metric.id)
            section = metric.section
            after = max(after, m.order)
        else:
            issues.append(Issue("unknown_row", f"row {label_raw!r} matches no row of template {template_id}; "
                                "kept without a metric", row.label.start, row.label_end))
        if leftovers:
            c = leftovers[0]
            issues.append(Issue("extra_values", f"row {label_raw!r} has {len(leftovers)} value cell(s) that fit "
                                "no column", c.start, c.end))
        printed_unit = None
        if unit_cell is not None and unit_cell.kind == "unit":
            printed_unit = fold_space(unit_cell.text).strip("()")
        cols = [(None, primary)] + [(lab or "extra", c) for lab, c in others]
        for column, cell in cols:
            if cell is None and column is not None:
                continue
            result.cells.append(_cell(text, row, ri, metric, section, column, cell, printed_unit, issues))


def _cell(text: str, row: Row, ri: int, metric, section, column, cell: Optional[RawCell],
          printed_unit: Optional[str], issues: list) -> Cell:
    value, unit = None, None
    raw, start, end, col = "", None, None, None
    if cell is not None:
        raw = text[cell.start:cell.end]
        if raw:
            start, end = cell.start, cell.end
        col = len(row.prefix) + 1 + next((i for i, v in enumerate(row.values) if v is cell), 0)
        value, unit, status = parse_cell_value(raw)
        if status == "invalid":
            issues.append(Issue("bad_value", f"cell {raw!r} of row {text[row.label.start:row.label_end]!r} is not "
                                "a number", start, end))
        if value is not None and value < 0 and not (metric is not None and metric.signed):
            issues.append(Issue("negative_value", f"negative value {raw!r} in an unsigned row", start, end))
    unit = unit or printed_unit or (metric.unit if metric is not None else None)
    return Cell(metric=metric.id if metric else None, section=section,
                label=metric.label if metric else None, column=column, value=value, raw=raw, unit=unit,
                start=start, end=end, row=ri, col=col, table="main", source="table",
                label_raw=text[row.label.start:row.label_end], label_start=row.label.start,
                label_end=row.label_end)


def missing_rows_issue(result, template_id: str) -> Optional[Issue]:
    """An info issue listing the template's required rows that no cell matched, or None."""
    template = load_template(template_id)
    found = {c.metric for c in result.cells}
    missing = [m.id for m in template.metrics() if not m.optional and m.id not in found]
    if not missing:
        return None
    total = sum(1 for m in template.metrics() if not m.optional)
    return Issue("missing_rows", f"{len(missing)} of {total} expected rows of template {template_id} not found: "
                 + ", ".join(missing[:12]) + ("…" if len(missing) > 12 else ""))
