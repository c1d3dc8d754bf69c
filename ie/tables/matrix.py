"""The matrix tables of the 2019 and 2021 templates (tables 二, 三 and 四), from flattened text.

``parse_matrix(text, norm) -> TableResult`` finds the three tables, tells the template from their
labels (never from a year: the markers are data in ``ie/resources/templates/2019.yaml`` and
``2021.yaml``) and maps every cell to ``Cell(metric=<row id>, column=<official column label>)``.

It reads the text as a stream of *pieces* rather than lines, so that one reader serves every
flattening seen in practice:

* a line with pipes (markdown ``| a | b |``, HTML rendered as ``a | b | c``) or tabs is cut at them,
  and an empty cell stays an empty slot (a blank cell, value None); ``|---|`` rules are skipped;
* any other line is cut at whitespace: numbers and placeholders ("/", "-", "——") become value
  pieces, everything else label pieces;
* consecutive label pieces are joined back into schema labels ("商业\\n企业", a label wrapped
  inside its parenthetical note, a row label printed after its group label on the same line);
* the values after a row label (same line or the following lines, one per line or all on one)
  are that row's cells, until the next label; a label that wraps onto text-only lines after the
  line of its values (pdftotext ``-layout``) is joined back, its fragments never rows of their
  own; letter-spaced labels ("本 年 新 收 …") are one word. Table 四 has no row label: its 15
  values follow its header rows (also when each header cell wraps, "结果/维持"). When all row
  labels come first and the numbers follow in reading order, the numbers are dealt out row by row.
  A table found but yielding no cell is a ``table_empty`` issue, never a silent loss.

A row with the wrong number of values is never guessed: the cells that are unambiguous are kept
and an issue names the row and the count found. Unambiguous means: surplus empty cells or a
merged cell repeated over its span (dropped silently, that is how grids print), values standing
under the columns that complete rows of space-aligned text prove, or empty lines between values
printed one per line (both placed with a ``row_values_placed`` issue); otherwise the row's cells
are left out (``row_values``). Labels no template has become cells without a metric
(``unknown_row``); blank, "/", "-", "——" cells are None, never 0.

>>> text = ("四、政府信息公开行政复议、行政诉讼情况\\n行政复议 | 行政诉讼\\n"
...         "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\\n"
...         "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计"
...         " | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\\n"
...         "5 | 0 | 0 | 2 | 7 | 8 | 0 | 0 | 1 | 9 | 0 | 0 | 0 | 0 | 0\\n")
>>> r = parse_matrix(text, text)
>>> [(c.metric, c.column, c.value) for c in r.cells][:2], len(r.cells)
([('t4.review', '结果维持', 5), ('t4.review', '结果纠正', 0)], 15)
>>> r.template, [i.code for i in r.issues]  # table 四 alone is the same in 2019 and 2021
(None, ['template_unknown'])
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Optional

from ie.errors import ResourceError, SettingsError
from ie.records import Cell, Issue
from ie.resources import load_resource, resource_path
from ie.segment.normalize import normalize
from ie.tables import TableResult
from ie.tables.labels import strip_numbering
from ie.tables.schema import load_template
from ie.tables.values import cell_span, layout, line_spans, null_markers, parse_folded_value

MATRIX_TEMPLATES = ("2019", "2021")
LAYOUTS = ("blocks", "matrix", "one_row")  # tables[].layout in the schema files

_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TOKEN_RE = re.compile(r"\S+")
_GLUED_RE = re.compile(r"^(.*[\u4e00-\u9fff])(\d[\d,]*(?:\.\d+)?)$")  # "数量821": a value glued to its label
_SPACE_RE = re.compile(r"\s+")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_LONG_PAREN_RE = re.compile(r"\([^()]{3,}\)")  # a note; "(一)" numbering stays
_OPEN_TAIL_RE = re.compile(r"\([^()]{2,}$")  # a note cut by a line break ...
_CLOSE_HEAD_RE = re.compile(r"^[^()]{2,}\)")  # ... and its other half
_EXTRA_DROP = "()[]<>|/\\-—_~*#=+"
_MAX_JOIN = 6  # label pieces joined into one label at most
_PROSE_LEN = 40  # unmatched text this long (folded) on one line is prose; wrapped labels are shorter
_CONTAINS_MIN = 4  # shortest schema label/alias found inside a longer printed label
_LONGEST_LABEL = 48  # folded printed labels are shorter (the longest official one has 34 characters)
_ALIGN_SLACK = 1  # display columns a space-aligned value may stray from its column's right edge
_PROSE_GAP = 2  # prose lines inside one table at most (running headers and footers at page breaks)
_NEAR_MIN, _NEAR_PER = 6, 8  # labels this long may differ from the schema in one character per 8
_MAX_HEADER_LINES = 4  # lines of wrapped header words between table 四's block names and its data row
_MAX_WRAP_LINES = 3  # lines a row label wrapped onto after the line of its values
_SHORT_LABEL = 6  # unknown text this short before values ("数量") may still be a table's row label
_FULL_STOP = "\u3002"  # a sentence end: table cells never hold one, prose lines do
_VALUE_START = set("0123456789+-.")


# ---------------------------------------------------------------------------------------------
# label folding


@lru_cache(maxsize=1)
def _drop_table() -> dict:
    chars = layout()["label_drop_chars"] + _EXTRA_DROP
    return {ord(c): None for c in chars}


@lru_cache(maxsize=1)
def _suffixes() -> tuple:
    return tuple(re.compile(p) for p in layout()["label_suffix_patterns"])


@lru_cache(maxsize=8192)
def fold(norm_label: str) -> tuple:
    """``(key, numbered)``: the comparison key of a (normalised) label, and whether it was numbered.

    Spaces, numbering, notes in parentheses (3+ characters; also halves of a note cut by a line
    break), quotes, punctuation and a trailing 数/数量 are dropped, so the printed variants of a
    label share one key. The numbering patterns are data (``table_layout.yaml``).

    >>> fold("(二)部分公开(区分处理的,只计这一情形,不计其他情形)")
    ('部分公开', True)
    >>> fold("第二十条第(一)项"), fold("本年增/减(指2020年增加或减少的事项数,减用负值表示,如-8)")
    (('第二十条第一项', False), ('本年增减', False))
    """
    s = _SPACE_RE.sub("", norm_label)
    stripped = strip_numbering(s)
    numbered = stripped != s
    s = stripped
    prev = None
    while prev != s:
        prev, s = s, _LONG_PAREN_RE.sub("", s)
    s = _CLOSE_HEAD_RE.sub("", _OPEN_TAIL_RE.sub("", s))
    s = s.translate(_drop_table())
    for p in _suffixes():
        cut = p.sub("", s)
        if cut:
            s = cut
    return s, numbered


# ---------------------------------------------------------------------------------------------
# the schemas, compiled for matching


@dataclass(frozen=True)
class _Col:
    id: str
    label: str
    optional: bool = False


@dataclass(frozen=True)
class _Row:
    metric: str
    label: str
    table: str
    section: str
    columns: tuple  # tuple[_Col, ...] (table 三: the table's required columns)
    unit: Optional[str]
    signed: bool
    optional: bool
    index: int


@dataclass(frozen=True)
class _Entry:
    kind: str  # row | section | column | heading | header
    ref: object  # _Row, _Col, or the section label


@dataclass
class _TableSchema:
    id: str
    title: str
    columns: tuple  # table-level columns (三, 四), optional ones included
    rows: list
    layout: str = "matrix"
    sums: tuple = ()  # (parent column id, child column ids): the column identities "parent = sum"
    lex: dict = field(default_factory=dict)  # fold key -> list[_Entry]
    stems: dict = field(default_factory=dict)  # fold key -> True when an alias, for contained matches
    heads: dict = field(default_factory=dict)  # a key's first n >= _CONTAINS_MIN characters -> {keys}
    by_first: dict = field(default_factory=dict)  # first character -> [stem keys], to find stems fast
    by_len: dict = field(default_factory=dict)  # length -> [stem keys], for near matches

    def add(self, name: str, entry: _Entry, alias: bool) -> None:
        key = fold(normalize(name))[0]
        if not key:
            return
        bucket = self.lex.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        if len(key) >= _CONTAINS_MIN:
            if key not in self.stems:
                self.by_first.setdefault(key[0], []).append(key)
                self.by_len.setdefault(len(key), []).append(key)
            self.stems[key] = self.stems.get(key, False) or alias
            for n in range(_CONTAINS_MIN, len(key) + 1):
                self.heads.setdefault(key[:n], set()).add(key)


@dataclass
class _Schema:
    id: str
    markers: tuple  # fold keys
    tables: dict  # table id -> _TableSchema


def _raw_columns(raw: list) -> tuple:
    return tuple(_Col(c["id"], c["label"], bool(c.get("optional"))) for c in raw or ())


@lru_cache(maxsize=None)
def _schema(template_id: str) -> _Schema:
    """The compiled schema of one matrix template (validated by ``load_template`` first)."""
    load_template(template_id)  # validation: raises ResourceError naming file/key/value
    raw = load_resource(f"templates/{template_id}.yaml")
    tables = {}
    for traw in raw["tables"]:
        tcols = _raw_columns(traw.get("columns"))
        ts = _TableSchema(id=str(traw["id"]), title=traw.get("title") or "", columns=tcols, rows=[],
                          layout=traw.get("layout", "matrix"),
                          sums=tuple((c["parent"], tuple(c["children"])) for c in traw.get("column_identities") or ()
                                     if c.get("relation", "=") == "="))
        if ts.layout not in LAYOUTS:
            raise ResourceError(str(resource_path(f"templates/{template_id}.yaml")), f"tables[{ts.id}].layout",
                                ts.layout, f"must be one of {LAYOUTS}")
        required = tuple(c for c in tcols if not c.optional)
        for word in traw.get("header") or ():
            ts.add(word, _Entry("header", word), False)
        for craw in traw.get("columns") or ():
            for name in [craw["label"]] + list(craw.get("aliases") or ()):
                ts.add(name, _Entry("column", _Col(craw["id"], craw["label"], bool(craw.get("optional")))), False)
        for sraw in traw["sections"]:
            scols = _raw_columns(sraw.get("columns")) if sraw.get("columns") is not None else required
            if sraw.get("columns") is not None:
                for craw in sraw["columns"]:
                    for name in [craw["label"]] + list(craw.get("aliases") or ()):
                        ts.add(name, _Entry("column", _Col(craw["id"], craw["label"])), False)
            if sraw["label"] != ts.title:  # a table title is the report's section heading
                for name in [sraw["label"]] + list(sraw.get("aliases") or ()):
                    ts.add(name, _Entry("section", sraw["label"]), False)
            for h in sraw.get("headings") or ():
                ts.add(h, _Entry("heading", h), False)
            for mraw in sraw["metrics"]:
                row = _Row(metric=mraw["id"], label=mraw["label"], table=ts.id, section=sraw["label"],
                           columns=scols, unit=mraw.get("unit"), signed=bool(mraw.get("signed")),
                           optional=bool(mraw.get("optional")), index=len(ts.rows))
                ts.rows.append(row)
                ts.add(row.label, _Entry("row", row), False)
                for alias in mraw.get("aliases") or ():
                    ts.add(alias, _Entry("row", row), True)
        tables[ts.id] = ts
    markers = tuple(fold(normalize(m))[0] for m in raw.get("markers") or ())
    return _Schema(template_id, markers, tables)


@lru_cache(maxsize=1)
def _table_ids() -> tuple:
    """The matrix tables' ids in print order; both templates must have the same tables and layouts."""
    first = [(ts.id, ts.layout) for ts in _schema(MATRIX_TEMPLATES[0]).tables.values()]
    for template_id in MATRIX_TEMPLATES[1:]:
        other = [(ts.id, ts.layout) for ts in _schema(template_id).tables.values()]
        if other != first:
            raise ResourceError(str(resource_path(f"templates/{template_id}.yaml")), "tables", other,
                                f"must list the tables and layouts of {MATRIX_TEMPLATES[0]}.yaml: {first}")
    return tuple(tid for tid, _ in first)


def _layout(tid: str) -> str:
    return _schema(MATRIX_TEMPLATES[0]).tables[tid].layout


@lru_cache(maxsize=1)
def _union() -> dict:
    """Table id -> a lexicon holding both templates' labels, used to locate the tables."""
    out = {}
    for tid in _table_ids():
        merged = _TableSchema(id=tid, title="", columns=(), rows=[], layout=_layout(tid))
        for template_id in MATRIX_TEMPLATES:
            ts = _schema(template_id).tables[tid]
            for key, entries in ts.lex.items():
                bucket = merged.lex.setdefault(key, [])
                bucket.extend(e for e in entries if e not in bucket)
        out[tid] = merged
    return out


@lru_cache(maxsize=1)
def _every() -> _TableSchema:
    """One lexicon of every label of every matrix table (locating needs one pass per line, not three)."""
    merged = _TableSchema(id="", title="", columns=(), rows=[])
    for ts in _union().values():
        for key, entries in ts.lex.items():
            merged.lex.setdefault(key, []).extend(entries)
    for template_id in MATRIX_TEMPLATES:
        for ts in _schema(template_id).tables.values():
            for stem, alias in ts.stems.items():
                if stem not in merged.stems:
                    merged.by_first.setdefault(stem[0], []).append(stem)
                    merged.by_len.setdefault(len(stem), []).append(stem)
                merged.stems[stem] = merged.stems.get(stem, False) or alias
            for head, keys in ts.heads.items():
                merged.heads.setdefault(head, set()).update(keys)
    return merged


@lru_cache(maxsize=1)
def _unique_keys() -> dict:
    """Table id -> the fold keys only that table has (a line holding one belongs to that table)."""
    union = _union()
    ids = _table_ids()
    return {tid: set(union[tid].lex) - set().union(*(set(union[o].lex) for o in ids if o != tid)) for tid in ids}


# ---------------------------------------------------------------------------------------------
# pieces


@dataclass
class _Piece:
    start: int
    end: int
    kind: str  # text | value | blank | gap (an empty line: a blank cell when one cell is printed per line)
    line: int
    lead: bool = False  # a blank cell before anything else on its line (a merged cell's shadow)
    value: object = None
    unit: Optional[str] = None
    spaced: bool = False  # cut at whitespace (no pipes or tabs): a blank cell leaves no piece


def _value_of(s: str) -> Optional[tuple]:
    """(value, unit) when the normalised cell text ``s`` is a number or a placeholder, else None."""
    if "(" in s or ")" in s:  # "-8)" closes a note, it is no value
        return None
    if s[0] not in _VALUE_START and s not in null_markers() and s.replace(" ", "") not in null_markers():
        return None  # fast path: most pieces are labels
    value, unit, status = parse_folded_value(s)
    if status in ("number", "null"):
        return value, unit
    return None


def _cell_piece(text: str, norm: str, s: int, e: int, line: int) -> _Piece:
    s, e = cell_span(text, s, e)
    if s >= e:
        return _Piece(s, s, "blank", line)
    got = _value_of(norm[s:e])
    if got is not None:
        return _Piece(s, e, "value", line, value=got[0], unit=got[1])
    return _Piece(s, e, "text", line)


@lru_cache(maxsize=1)
def _furniture() -> tuple:
    return tuple(re.compile(p) for p in layout().get("table_skip_patterns") or ())


def _words(text: str, norm: str, ls: int, le: int, line: int) -> list:
    """Pieces of ``text[ls:le]`` cut at whitespace (a value glued to its label is cut off too)."""
    pieces: list = []
    for s, e in _letter_spaced(norm, [(m.start(), m.end()) for m in _TOKEN_RE.finditer(norm, ls, le)]):
        piece = _cell_piece(text, norm, s, e, line)
        glued = _GLUED_RE.match(norm[s:e]) if piece.kind == "text" else None
        if glued and len(glued.group(1)) >= 2:
            cut = s + len(glued.group(1))
            pieces += [_Piece(s, cut, "text", line), _cell_piece(text, norm, cut, e, line)]
        else:
            pieces.append(piece)
    for p in pieces:
        p.spaced = True
    return pieces


def _letter_spaced(norm: str, spans: list) -> list:
    """``spans`` of whitespace-cut words, with each run of single characters one space apart
    joined into one word: pdftotext prints a letter-spaced label as "本 年 新 收 … 数 量   12 0 0".
    A digit only opens such a run (its numbering, "1 . 属 于 …"), and at least three characters
    with two Chinese ones make one, so values and two-character header words stay apart."""
    out: list = []
    run: list = []

    def flush() -> None:
        if len(run) >= 3 and sum(_CJK_RE.match(norm[s]) is not None for s, _ in run) >= 2:
            out.append((run[0][0], run[-1][1]))
        else:
            out.extend(run)
        run.clear()

    for s, e in spans:
        single = e - s == 1 and (not norm[s].isdigit() or not run)
        if single and run and s - run[-1][1] == 1:
            run.append((s, e))
            continue
        flush()
        if single:
            run.append((s, e))
        else:
            out.append((s, e))
    flush()
    return out


def _line_pieces(text: str, norm: str, ls: int, le: int, line: int) -> list:
    seg = norm[ls:le]
    if not seg.strip() or ("|" in seg and _RULE_RE.match(seg)):
        return []
    if any(p.match(seg.strip()) for p in _furniture()):
        return []  # "第 3 页 共 5 页", "- 3 -": a page break inside a table, not its values
    delims: list = []
    if "|" in seg:
        delims = [i for i, ch in enumerate(seg) if ch == "|"]
    elif "\t" in text[ls:le]:
        delims = [i for i, ch in enumerate(text[ls:le]) if ch == "\t"]
    if delims:
        bounds = [-1] + delims + [len(seg)]
        parts = [(ls + bounds[i] + 1, ls + bounds[i + 1]) for i in range(len(bounds) - 1)]
        if seg.startswith("|"):  # markdown's outer pipes: the empty ends are not cells. " | 1 | …" (a
            parts = parts[1:]   # loader's grid row whose first cell is blank) keeps its blank cell.
            if parts and seg.rstrip().endswith("|") and not norm[parts[-1][0]:parts[-1][1]].strip():
                parts = parts[:-1]
        pieces = []
        for s, e in parts:
            piece = _cell_piece(text, norm, s, e, line)
            words = _words(text, norm, piece.start, piece.end, line) if piece.kind == "text" else []
            # a cell that holds a label and numbers ("(一)予以公开   588   83"): tabs and spaces mixed
            pieces += words if any(w.kind == "value" for w in words) else [piece]
    else:
        pieces = _words(text, norm, ls, le, line)
    for p in pieces:
        if p.kind != "blank":
            break
        p.lead = True
    filled = [p for p in pieces if p.kind != "blank"]
    if len(filled) > 2 and filled[0].kind == "value" and filled[1].kind == "text" and \
            isinstance(filled[0].value, int) and 0 < filled[0].value < 100 and \
            any(p.kind == "value" for p in filled[2:]):
        pieces = [p for p in pieces if p is not filled[0]]  # a 序号 column before the row label
    return pieces


# ---------------------------------------------------------------------------------------------
# label segmentation


@dataclass
class _Label:
    start: int
    end: int
    entries: list  # [] = unknown text; None = ignorable (a note, punctuation)
    numbered: bool = False


def _segment(norm: str, run: list, ts: _TableSchema) -> list:
    """Cut a run of consecutive label pieces into schema labels (longest join first)."""
    out: list = []
    i, n = 0, len(run)
    while i < n:
        found = None
        reach = i + 1  # pipe/tab cells on one line are whole cells: only words and wrapped lines join
        while reach < n and reach - i < _MAX_JOIN and (run[reach].line != run[reach - 1].line or
                                                       run[reach].spaced and run[reach - 1].spaced):
            reach += 1
        for j in range(reach, i, -1):
            key, numbered = fold(norm[run[i].start:run[j - 1].end])
            if key in ts.lex:
                found = _Label(run[i].start, run[j - 1].end, ts.lex[key], numbered)
                i = j
                break
        if found is None:
            key, numbered = fold(norm[run[i].start:run[i].end])
            found = _Label(run[i].start, run[i].end, [] if key else None, numbered)
            i += 1
        out.append(found)
    return _merge_unknown(norm, out, ts)


def _merge_unknown(norm: str, labels: list, ts: _TableSchema) -> list:
    """Join runs of unknown pieces (a new numbering starts a new run) and find the schema label
    they spell: one contained in them ("…逾期不补正，…", a stem alias), or one they begin (a label
    cut by a line break, its values printed before its last characters)."""
    out: list = []
    for lab in labels:
        if out and lab.entries == [] and out[-1].entries == [] and not lab.numbered:
            out[-1] = _Label(out[-1].start, lab.end, [], out[-1].numbered)
        else:
            out.append(lab)
    for k, lab in enumerate(out):
        if lab.entries != []:
            continue
        key, numbered = fold(norm[lab.start:lab.end])
        best = _match_key(key, ts)
        if best is not None:
            out[k] = _Label(lab.start, lab.end, list(ts.lex[best]), numbered)
    return out


def _match_key(key: str, ts: _TableSchema) -> Optional[str]:
    """The schema key an unknown folded label stands for (a stem it contains, a label it begins,
    one character off), or None."""
    if key in ts.lex:
        return key
    if len(key) > _LONGEST_LABEL:
        return None  # a sentence that mentions a label is prose, not that label
    best = None
    for ch in set(key):
        for stem in ts.by_first.get(ch, ()):
            if (ts.stems[stem] or 2 * len(stem) >= len(key)) and stem in key and \
                    (best is None or len(stem) > len(best)):
                best = stem
    if best is None:
        heads = [stem for stem in ts.heads.get(key, ()) if 2 * len(key) >= len(stem)]
        if len(heads) == 1:
            best = heads[0]
    if best is None and len(key) >= _NEAR_MIN:
        near = [stem for stem in ts.by_len.get(len(key), ())
                if sum(a != b for a, b in zip(stem, key)) <= len(key) // _NEAR_PER]
        if len(near) == 1:
            best = near[0]  # one character off: a variant form (反覆/反复) or a misread glyph
    return best


def _text_runs(pieces: list) -> list:
    """Group pieces into ("text", [pieces]) and ("slot", piece) items, in order.

    Consecutive label pieces form one run even across lines (a label wrapped onto the next
    line, a group label printed above its first row); :func:`_segment` cuts runs into labels.
    """
    items: list = []
    for p in pieces:
        if p.kind == "text":
            if items and items[-1][0] == "text":
                items[-1][1].append(p)
            else:
                items.append(("text", [p]))
        else:
            items.append(("slot", p))
    return items


# ---------------------------------------------------------------------------------------------
# locating the tables


@dataclass
class _LineInfo:
    start: int
    end: int
    pieces: list
    anchors: set  # table ids this line has a unique label of
    values: int
    prose: bool
    unknown: int  # folded length of the text no table knows


def _anchors_of(norm: str, lab: _Label) -> set:
    """Tables a matched label belongs to alone: by its key, or, numbered, as the only table with
    such a row ("(七)总计" is table 三's row, while "总计" is a column of 三 and 四)."""
    key = fold(norm[lab.start:lab.end])[0]
    unique = _unique_keys()
    out = {tid for tid in _table_ids() if key in unique[tid]}
    if not out and lab.numbered:
        owners = {tid for tid in _table_ids() if any(e.kind == "row" for e in _union()[tid].lex.get(key, ()))}
        out = owners if len(owners) == 1 else set()
    return out


def _scan(text: str, norm: str) -> list:
    """One ``_LineInfo`` per line: its pieces, the tables its labels belong to, how much prose."""
    every = _every()
    infos = []
    for no, (ls, le) in enumerate(line_spans(text)):
        pieces = _line_pieces(text, norm, ls, le, no)
        anchors: set = set()
        unknown = 0
        for kind, run in _text_runs(pieces):
            if kind != "text":
                continue
            for lab in _segment(norm, run, every):
                if lab.entries:
                    anchors |= _anchors_of(norm, lab)
                elif lab.entries is not None:
                    unknown += len(fold(norm[lab.start:lab.end])[0])
        prose = unknown >= _PROSE_LEN or (_FULL_STOP in norm[ls:le] and unknown > 0)
        infos.append(_LineInfo(ls, le, pieces, anchors, sum(p.kind != "text" for p in pieces), prose, unknown))
    for a, b in zip(infos, infos[1:]):  # a label wrapped onto the next line ("(七)总" + "计  6721 ...")
        if (a.unknown or b.unknown) and a.pieces and b.pieces and a.pieces[-1].kind == "text" and \
                b.pieces[0].kind == "text" and not a.prose and not b.prose:
            head = [p for p in a.pieces if p.kind == "text"][-3:]
            tail = [p for p in b.pieces[:3] if p.kind == "text"]
            for lab in _segment(norm, head + tail, every):
                if lab.entries and lab.start < a.end < lab.end:
                    a.anchors |= _anchors_of(norm, lab)
                    b.anchors |= _anchors_of(norm, lab)
    return infos


def _locate(norm: str, infos: list, tid: str) -> Optional[tuple]:
    """(first line, last line) of table ``tid``: the run of lines with the most anchor lines.

    A run ends at prose or at another table's line; two runs that only a line or two of prose
    separate (a PDF's running header at a page break) are one table.
    """
    runs: list = []  # [first, last, anchors, prose lines since last]
    for no, info in enumerate(infos):
        if tid in info.anchors:
            if runs and runs[-1][3] is not None and runs[-1][3] <= _PROSE_GAP:
                runs[-1][1], runs[-1][2], runs[-1][3] = no, runs[-1][2] + 1, 0
            else:
                runs.append([no, no, 1, 0])
        elif runs and runs[-1][3] is not None:
            if info.anchors:
                runs[-1][3] = None  # another table: this one is over
            elif info.prose:
                runs[-1][3] += 1
    if not runs:
        return None
    first, last, _, _ = max(runs, key=lambda r: r[2])
    j = last + 1
    while j < len(infos) and not infos[j].anchors and not infos[j].prose and \
            (not infos[j].unknown or infos[j].values and infos[j].unknown <= _SHORT_LABEL):
        if infos[j].values:
            last = j  # numbers after the last label (one per line, or all labels first)
        j += 1  # a header word shared with another table ("总计") does not end the table
    if _layout(tid) == "one_row":
        last = _one_row_end(norm, infos, tid, last)
    return first, last


def _fragment_of(tid: str, key: str) -> bool:
    """Whether ``key`` is a piece of one of table ``tid``'s own labels: a header cell wrapped inside
    itself prints "结果 / 维持", "其他 / 结果" on two lines, and "其他" then is no other table's label."""
    own = _union()[tid].lex
    return bool(key) and key not in own and any(key in k for k in own)


def _only_fragments(norm: str, info: "_LineInfo", tid: str) -> bool:
    """A line of table ``tid``'s header words cut by their wrapping, nothing else on it."""
    own = _union()[tid].lex
    keys = [fold(norm[p.start:p.end])[0] for p in info.pieces if p.kind == "text"]
    return bool(keys) and not info.values and all(not k or k in own or _fragment_of(tid, k) for k in keys)


def _one_row_end(norm: str, infos: list, tid: str, last: int) -> int:
    """The last line of a one-row table (四) whose header cells wrapped into word fragments
    ("结果 结果 其他 尚未 总计 …" over "维持 纠正 结果 审结 …"): after such lines, the line of
    exactly its cell count of values (or lines of values only that add up to it) is its data row."""
    shape = _schema(MATRIX_TEMPLATES[0]).tables[tid]
    total = len(shape.rows) * len(shape.columns)
    j, fragments = last + 1, 0
    while j < len(infos) and j - last <= _MAX_HEADER_LINES and not infos[j].prose and infos[j].pieces and \
            _only_fragments(norm, infos[j], tid):
        j, fragments = j + 1, fragments + 1
    if not fragments:
        return last
    count, k = 0, j
    while k < len(infos) and infos[k].pieces and count < total and \
            all(p.kind in ("value", "blank") for p in infos[k].pieces):
        count += sum(p.kind == "value" for p in infos[k].pieces)
        k += 1
    return k - 1 if count == total else last


def _trim(norm: str, pieces: list, tid: str) -> list:
    """The pieces of table ``tid`` alone: from its first own label (not a heading before it on the
    same line) up to the first label of another table after its own ones (two tables on a line)."""
    every, unique = _every(), _unique_keys()
    first = cut = None
    for kind, run in _text_runs(pieces):
        if kind != "text":
            continue
        for lab in _segment(norm, run, every):
            if not lab.entries:
                continue
            key = fold(norm[lab.start:lab.end])[0]
            if key in unique[tid]:
                first = lab.start if first is None else first
                cut = None
            elif first is not None and cut is None and any(key in unique[o] for o in _table_ids() if o != tid) \
                    and not (_layout(tid) == "one_row" and _fragment_of(tid, key)):
                cut = lab.start
    if first is None:
        return []
    k = next(i for i, p in enumerate(pieces) if p.start >= first)
    while k > 0 and (pieces[k - 1].kind == "blank" or pieces[k - 1].kind == "text"
                     and not fold(norm[pieces[k - 1].start:pieces[k - 1].end])[0]):
        k -= 1  # the header note "(本列数据的勾稽关系为…)" and empty header cells belong to the table
    return [p for p in pieces[k:] if cut is None or p.start < cut]


def _enough(norm: str, pieces: list, tid: str) -> bool:
    """Whether a located region really is table ``tid``: table 二 shows a block header or one of its
    columns, table 三 three of its rows, table 四 two of its columns (a 2014 table's
    "四、行政复议数量" row alone is not table 四)."""
    ts = _union()[tid]
    seen: set = set()
    for kind, run in _text_runs(pieces):
        if kind == "text":
            for lab in _segment(norm, run, ts):
                for e in lab.entries or ():
                    seen.add((e.kind, getattr(e.ref, "label", e.ref)))
    kinds = [k for k, _ in seen]
    if ts.layout == "blocks":
        return "section" in kinds or "column" in kinds
    if ts.layout == "matrix":
        return kinds.count("row") >= 3
    # its block names (行政复议 with 未经复议直接起诉 or 复议后起诉) when the header's column cells wrapped
    return kinds.count("column") >= 2 or kinds.count("row") >= 2


# ---------------------------------------------------------------------------------------------
# rows


@dataclass
class _RowHit:
    row: Optional[_Row]  # None: a label the schema does not know
    label_start: int
    label_end: int
    section: Optional[str]
    slots: list = field(default_factory=list)
    gapped: list = field(default_factory=list)  # the slots with the empty lines between them


def _pick(entries: list, numbered: bool, body: bool) -> _Entry:
    """One entry for a label that names several things ("总计": a column, and row (七)总计)."""
    if len(entries) == 1:
        return entries[0]
    rows = [e for e in entries if e.kind == "row"]
    if rows and (numbered or body):
        return rows[0]
    others = [e for e in entries if e.kind != "row"]
    return (others or entries)[0]


def _collect(norm: str, pieces: list, ts: _TableSchema) -> tuple:
    """(row hits, column entries of the header in order, trailing slots, stray value count)."""
    hits: list = []
    header_cols: list = []
    cur: Optional[_RowHit] = None
    section: Optional[str] = None
    trailing: list = []
    stray = 0
    cur_line = -1  # the line the current row's label ends on
    lines = ({p.line for p in pieces if p.kind != "text"}, {p.line for p in pieces if p.kind == "text"},
             {id(p): k for k, p in enumerate(pieces)})
    for kind, item in _text_runs(pieces):
        if kind == "text" and cur is not None:
            cont = _continuation(norm, pieces, lines, item, cur, cur_line, ts)
            if cont:
                item = item[len(cont):]
                if not item:
                    continue
        if kind == "slot":
            if item.kind == "gap":
                if cur is not None:
                    cur.gapped.append(item)
            elif cur is not None:
                if not (item.lead and item.kind == "blank"):
                    cur.slots.append(item)
                    cur.gapped.append(item)
            else:
                trailing.append(item)
                stray += item.kind == "value"
            continue
        trailing = []
        for lab in _segment(norm, item, ts):
            if lab.entries is None:
                continue
            cur_line = max(p.line for p in item if p.start < lab.end)
            if not lab.entries:
                cur = _RowHit(None, lab.start, lab.end, section)
                hits.append(cur)
                continue
            entry = _pick(lab.entries, lab.numbered, any(h.row is not None for h in hits))
            if entry.kind == "row":
                if cur is not None and cur.row is entry.ref and not cur.slots:
                    continue  # a merged label cell repeated over the columns it spans
                cur = _RowHit(entry.ref, lab.start, lab.end, section)
                hits.append(cur)
            else:
                cur = None
                if entry.kind == "section":
                    section = entry.ref
                elif entry.kind == "column" and not any(h.row is not None for h in hits):
                    header_cols.append((entry.ref, lab.start, item[0].line))
    return hits, header_cols, trailing, stray


def _continuation(norm: str, pieces: list, lines: tuple, run: list, cur: "_RowHit", line: int,
                  ts: _TableSchema) -> list:
    """The head of ``run`` that continues the label of ``cur``, a row whose values stand on its
    label's first line while the label wraps onto the next lines ("1.申请人无正当理由逾期不补  2 0 …"
    over "正、行政机关不再处理其政府信" and "息公开申请"): those lines hold text only, the first one
    right after the row's line, none numbered or a label of its own, and they are not the label of
    values printed on the lines after them. An unknown row takes the label they complete. [] if none.
    ``lines``: the lines with cells, the lines with text, and each piece's index in ``pieces``."""
    if not cur.slots or any(s.line != line for s in cur.slots) or not any(s.kind == "value" for s in cur.slots):
        return []
    slot_lines, text_lines, index = lines
    cont: list = []
    expect = line + 1
    for p in run:
        if p.line in slot_lines:
            break
        if p.line != expect:
            if p.line != expect - 1 or not cont:
                break
        else:
            if expect - line > _MAX_WRAP_LINES:
                break
            whole = [q for q in run if q.line == p.line]
            key, numbered = fold(norm[whole[0].start:whole[-1].end])
            if numbered or (key and key in ts.lex) or _FULL_STOP in norm[whole[0].start:whole[-1].end]:
                break
            expect += 1
        cont.append(p)
    if not cont:
        return []
    k = index[id(cont[-1])] + 1
    while k < len(pieces) and pieces[k].kind == "gap":
        k += 1
    if k < len(pieces) and pieces[k].kind != "text" and pieces[k].line not in text_lines:
        return []  # the label of the values on the lines below it, not a continuation
    if cur.row is None:
        joined = fold(norm[cur.label_start:cur.label_end] + "".join(norm[p.start:p.end] for p in cont))[0]
        best = _match_key(joined, ts)
        rows = [e for e in ts.lex.get(best, ()) if e.kind == "row"] if best else []
        if rows:
            cur.row = rows[0].ref
    return cont


def _deal(hits: list, width) -> None:
    """Labels first, numbers after: deal the numbers of the last label out to the empty rows above.

    ``width(row)`` is a row's column count. The run of value-less rows plus the row holding the
    numbers takes them in reading order when the count is exactly the run's total width; optional
    rows (printed headings) are left out when that is what makes the count fit.
    """
    for j, last in enumerate(hits):
        if last.row is None or len(last.slots) <= width(last.row):
            continue
        i = j
        while i > 0 and hits[i - 1].row is not None and not hits[i - 1].slots:
            i -= 1
        slots = last.slots
        for group in (hits[i:j + 1], [h for h in hits[i:j + 1] if not h.row.optional]):
            if len(slots) == sum(width(h.row) for h in group):
                last.slots, k = [], 0
                for h in group:
                    h.slots, k = slots[k:k + width(h.row)], k + width(h.row)
                break


def _fit(slots: list, width: int) -> Optional[list]:
    """The slots of one row cut to ``width`` when that is unambiguous, else None."""
    slots = list(slots)
    while len(slots) > width and slots[-1].kind == "blank":
        slots.pop()
    while len(slots) > width and slots[0].kind == "blank":
        slots.pop(0)
    while len(slots) > width and slots[-1].kind == "value" and (slots[-1].value, slots[-1].unit) == \
            (slots[-2].value, slots[-2].unit):
        slots.pop()  # a merged last cell repeated over the columns it spans (grids from HTML/DOCX)
    if len(slots) == width:
        return slots
    if not slots:
        return [None] * width
    values = [s for s in slots if s.kind != "blank"]
    if width == 1 and values and len({(v.value, v.unit) for v in values}) == 1:
        return values[:1]  # a merged cell repeated over the columns it spans
    return None


def _fit_gaps(gapped: list, width: int) -> Optional[list]:
    """One cell per line with empty lines for blank cells: the row's ``width`` cells, else None."""
    seq = list(gapped)
    while len(seq) > width and seq[-1].kind == "gap":
        seq.pop()
    while len(seq) > width and seq[0].kind == "gap":
        seq.pop(0)
    values = [s for s in seq if s.kind != "gap"]
    if len(seq) != width or not values or len(values) == width or any(s.kind != "value" for s in values):
        return None
    if len({s.line for s in values}) != len(values):
        return None  # two values on a line: not one cell per line
    return [None if s.kind == "gap" else s for s in seq]


def _columns_of(ts: _TableSchema, header_cols: list) -> tuple:
    """The printed columns of table 三: the schema's, plus an optional one when the header shows it."""
    required = [c for c in ts.columns if not c.optional]
    seen = {c.id for c, _, _ in header_cols}
    extra = [c for c in ts.columns if c.optional and c.id in seen]
    if not extra:
        return tuple(required)
    cols = list(required)
    for col in extra:
        pos = next(p for c, p, _ in header_cols if c.id == col.id)
        line = next(ln for c, _, ln in header_cols if c.id == col.id)
        before = [c for c, p, ln in header_cols if ln == line and p < pos and not c.optional]
        after_first = required[1] if len(required) > 1 else None
        if before and before[-1].id == required[0].id and after_first is not None:
            cols.insert(1, col)
        else:
            cols.insert(len(cols) - 1, col)
    return tuple(cols)


def _section_of(ts: _TableSchema, row: _Row) -> str:
    return row.section or ts.title


def _make_cell(text: str, row: Optional[_Row], section: Optional[str], col: Optional[_Col], ci: Optional[int],
               slot: Optional[_Piece], hit: _RowHit, table: str, ri: Optional[int]) -> Cell:
    unit = row.unit if row is not None else None
    if slot is None or slot.kind == "blank":
        raw, value, start, end = "", None, None, None
    else:
        raw, value, start, end = text[slot.start:slot.end], slot.value, slot.start, slot.end
        unit = slot.unit or unit
    return Cell(metric=row.metric if row else None, section=section, label=row.label if row else None,
                column=col.label if col else None, value=value, raw=raw, unit=unit, start=start, end=end,
                row=ri, col=ci, table=table, source="table", label_raw=text[hit.label_start:hit.label_end],
                label_start=hit.label_start, label_end=hit.label_end)


def _display_col(text: str, pos: int) -> int:
    """Display column of ``pos`` on its line (wide characters take two), as text aligned with spaces
    (pdftotext -layout, hand-aligned plain text) places cells."""
    start = text.rfind("\n", 0, pos) + 1
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text[start:pos])


def _one_spaced_line(slots: list) -> bool:
    return bool(slots) and all(s.kind == "value" and s.spaced and s.line == slots[0].line for s in slots)


class _Aligner:
    """Columns' right edges learnt from complete space-aligned rows; places the values of a short
    row under them when every value sits under exactly one column (else it places nothing)."""

    def __init__(self, text: str, hits: list, width: int) -> None:
        self.text, self.width = text, width
        ends = [[_display_col(text, s.end) for s in h.slots] for h in hits
                if len(h.slots) == width and _one_spaced_line(h.slots)]
        self.edges = None
        if len(ends) >= 2 and all(max(c) - min(c) <= _ALIGN_SLACK for c in zip(*ends)):
            edges = [sum(c) / len(c) for c in zip(*ends)]
            if all(b - a > 2 * _ALIGN_SLACK for a, b in zip(edges, edges[1:])):
                self.edges = edges

    def place(self, slots: list) -> Optional[list]:
        if self.edges is None or not _one_spaced_line(slots) or len(slots) >= self.width:
            return None
        out: list = [None] * self.width
        last = -1
        for slot in slots:
            pos = _display_col(self.text, slot.end)
            near = [i for i, edge in enumerate(self.edges) if abs(edge - pos) <= _ALIGN_SLACK]
            if len(near) != 1 or near[0] <= last:
                return None
            out[near[0]] = slot
            last = near[0]
        return out


def _row_cells(text: str, ts: _TableSchema, hits: list, columns: Optional[tuple], issues: list) -> list:
    """Cells of every row hit; ``columns`` overrides the rows' own columns (table 三)."""
    cells: list = []
    aligners: dict = {}
    done: set = set()
    valued = {h.row.metric for h in hits if h.row is not None and any(s.kind != "blank" for s in h.slots)}
    for hit in hits:
        row = hit.row
        if row is not None and row.metric in valued and not hit.slots:
            continue  # the label printed again without values (a header row naming the blocks)
        cols = columns if columns is not None else (row.columns if row is not None else None)
        label_raw = text[hit.label_start:hit.label_end]
        if row is None:
            values = [s for s in hit.slots if s.kind == "value"]
            if not values:
                continue
            fitted = _fit(hit.slots, len(cols)) if cols else None
            issues.append(Issue("unknown_row", f"table {ts.id}: row {label_raw!r} matches no row of the template; "
                                f"{len(values)} value(s) kept without a metric", hit.label_start, hit.label_end))
            if fitted is not None:
                cells += [_make_cell(text, None, hit.section or ts.title, cols[ci], ci, s, hit, ts.id, None)
                          for ci, s in enumerate(fitted) if s is not None and s.kind != "blank"]
            else:
                cells += [_make_cell(text, None, hit.section or ts.title, None, None, s, hit, ts.id, None)
                          for s in values]
            continue
        if row.metric in done:
            if any(s.kind == "value" for s in hit.slots):
                issues.append(Issue("duplicate_row", f"table {ts.id}: row {label_raw!r} repeats {row.metric}; "
                                    "the first one is kept", hit.label_start, hit.label_end))
            continue
        if row.optional and not any(s.kind != "blank" for s in hit.slots):
            continue  # a heading printed without values (its subtotal is optional)
        fitted = _fit(hit.slots, len(cols))
        if fitted is None:
            key = tuple(c.id for c in cols)
            if key not in aligners:
                aligners[key] = _Aligner(text, [h for h in hits if h.row is not None and h.row.columns == row.columns],
                                         len(cols))
            fitted = aligners[key].place(hit.slots)
            if fitted is None and _fit_gaps(hit.gapped, len(cols)) is not None:
                fitted = _fit_gaps(hit.gapped, len(cols))
                issues.append(Issue("row_values_placed", f"table {ts.id}: row {label_raw!r} ({row.metric}) has "
                                    f"{len(hit.slots)} value(s) for {len(cols)} columns, one per line; the empty "
                                    "lines between them were read as its blank cells", hit.label_start, hit.label_end))
            elif fitted is not None:
                issues.append(Issue("row_values_placed", f"table {ts.id}: row {label_raw!r} ({row.metric}) has "
                                    f"{len(hit.slots)} value(s) for {len(cols)} columns; they were placed by their "
                                    "position under the columns of the complete rows, the others left blank",
                                    hit.label_start, hit.label_end))
        if fitted is None:
            found = sum(s.kind == "value" for s in hit.slots)
            issues.append(Issue("row_values", f"table {ts.id}: row {label_raw!r} ({row.metric}) has {found} value(s) "
                                f"in {len(hit.slots)} cell(s), expected {len(cols)}; its cells are left out",
                                hit.label_start, hit.label_end))
            done.add(row.metric)
            continue
        done.add(row.metric)
        section = _section_of(ts, row)
        for ci, (col, slot) in enumerate(zip(cols, fitted)):
            cell = _make_cell(text, row, section, col, ci, slot, hit, ts.id, row.index)
            if cell.value is not None and cell.value < 0 and not row.signed:
                issues.append(Issue("negative_value", f"table {ts.id}: negative value {cell.raw!r} in row "
                                    f"{label_raw!r}, which is not signed", cell.start, cell.end))
            cells.append(cell)
    return cells


def _parse_rows_table(text: str, norm: str, pieces: list, ts: _TableSchema, issues: list) -> list:
    hits, header_cols, trailing, stray = _collect(norm, pieces, ts)
    columns = _columns_of(ts, header_cols) if ts.columns else None
    if columns is not None:
        proven = _proven_extra_column(ts, columns, hits)
        if proven is not None:
            columns = proven
            issues.append(Issue("extra_column", f"table {ts.id}: its rows have one more value than its header "
                                "shows; the values prove it is the column "
                                f"{[c.label for c in columns if c.optional]}", pieces[0].start, pieces[-1].end))
    _deal(hits, (lambda row: len(columns)) if columns else (lambda row: len(row.columns)))
    if stray:
        issues.append(Issue("stray_values", f"table {ts.id}: {stray} value(s) outside any row were skipped",
                            trailing[0].start if trailing else None, trailing[-1].end if trailing else None))
    return _row_cells(text, ts, hits, columns, issues)


def _proven_extra_column(ts: _TableSchema, columns: tuple, hits: list) -> Optional[tuple]:
    """Columns with an optional one the header did not show, when rows print one value more than
    the columns and, at exactly one place, that value is the sum its column identity says (a
    "法人或其他组织小计" column whose header cell was lost). None otherwise."""
    rows = [[s.value for s in h.slots] for h in hits if h.row is not None]
    wide = [r for r in rows if len(r) == len(columns) + 1 and all(isinstance(v, int) for v in r)]
    if len(wide) < 2 or any(len(r) == len(columns) for r in rows):
        return None
    found = []
    for col in (c for c in ts.columns if c.optional and c not in columns):
        for parent, children in ts.sums:
            if parent != col.id:
                continue
            for at in range(len(columns) + 1):
                cand = columns[:at] + (col,) + columns[at:]
                ids = [c.id for c in cand]
                if all(c in ids for c in children) and all(
                        r[at] == sum(r[ids.index(c)] for c in children) for r in wide) and \
                        all(_sums_hold(ts, ids, r) for r in wide):
                    found.append(cand)
    return found[0] if len(found) == 1 else None


def _sums_hold(ts: _TableSchema, ids: list, values: list) -> bool:
    return all(values[ids.index(p)] == sum(values[ids.index(c)] for c in ch) for p, ch in ts.sums
               if p in ids and all(c in ids for c in ch))


def _one_row_slots(norm: str, pieces: list, ts: _TableSchema) -> list:
    """The cells after the table's last header label (its one data row, which has no label); text
    the table does not know before them ("数量") is skipped, after them it ends the table."""
    slots: list = []
    frozen = False
    for kind, item in _text_runs(pieces):
        if kind == "slot":
            if not frozen and item.kind != "gap":
                slots.append(item)
        elif any(lab.entries for lab in _segment(norm, item, ts)):
            slots, frozen = [], False
        elif any(s.kind == "value" for s in slots):
            frozen = True
    return slots


def _known_tail(norm: str, pieces: list, tid: str) -> list:
    """``pieces`` without trailing text the table does not know (a heading after it on its line)."""
    lex = _union()[tid].lex
    end = len(pieces)
    while end > 1 and pieces[end - 1].kind == "text" and fold(norm[pieces[end - 1].start:pieces[end - 1].end])[0] \
            not in lex:
        end -= 1
    return pieces[:end]


def _parse_one_row(text: str, norm: str, pieces: list, ts: _TableSchema, issues: list) -> list:
    """Table 四: its metrics side by side in one unlabelled row (or one labelled line per metric)."""
    hits, _, _, _ = _collect(norm, pieces, ts)
    rows = [r for r in ts.rows]
    width = len(ts.columns)
    total = len(rows) * width
    cells: list = []
    slots = _one_row_slots(norm, pieces, ts)
    labelled = [h for h in hits if h.row is not None and any(s.kind == "value" for s in h.slots)]
    if len(labelled) >= 2 or labelled and not any(s.kind == "value" for s in slots):
        # transposed: one line per metric ("行政复议 5 0 0 2 7")
        return _row_cells(text, ts, [h for h in hits if h.row is not None], tuple(ts.columns), issues)
    while len(slots) > total and slots[-1].kind == "blank":
        slots.pop()
    while len(slots) > total and slots[0].kind == "blank":
        slots.pop(0)
    if len(slots) != total:
        found = sum(s.kind == "value" for s in slots)
        if found or slots:
            issues.append(Issue("row_values", f"table {ts.id}: the data row has {found} value(s) in {len(slots)} "
                                f"cell(s), expected {total}; its cells are left out",
                                slots[0].start if slots else None, slots[-1].end if slots else None))
        return cells
    anchor = _RowHit(None, slots[0].start, slots[0].start, None)
    for k, slot in enumerate(slots):
        row, col = rows[k // width], ts.columns[k % width]
        cell = _make_cell(text, row, _section_of(ts, row), col, k, slot, anchor, ts.id, 0)
        cells.append(replace(cell, label_raw=None, label_start=None, label_end=None))
    return cells


# ---------------------------------------------------------------------------------------------
# template


def _template(norm: str, regions: dict) -> Optional[str]:
    """"2019" / "2021" from the markers inside tables 二 and 三, or None when none is found."""
    folded = "".join(fold(norm[s:e])[0] for tid, (s, e) in regions.items() if _layout(tid) != "one_row")
    scores = {t: sum(1 for m in _schema(t).markers if m and m in folded) for t in MATRIX_TEMPLATES}
    best = max(scores.values())
    winners = [t for t, s in scores.items() if s == best]
    if best == 0 or len(winners) > 1:
        return None
    return winners[0]


def _best_fit(norm: str, pieces: dict) -> Optional[str]:
    """No marker found: the template whose required rows of the matrix table are printed with values
    more often (a 2019 table 三 fills its one (六) row, which 2021 only prints as a heading)."""
    scores = dict.fromkeys(MATRIX_TEMPLATES, 0)
    for tid, own in pieces.items():
        if _layout(tid) != "matrix":
            continue
        required = {t: {r.metric for r in _schema(t).tables[tid].rows if not r.optional} for t in MATRIX_TEMPLATES}
        for template_id in MATRIX_TEMPLATES:
            own_rows = required[template_id] - set().union(*(required[o] for o in MATRIX_TEMPLATES if o != template_id))
            hits = _collect(norm, own, _schema(template_id).tables[tid])[0]
            scores[template_id] += sum(1 for h in hits if h.row is not None and h.row.metric in own_rows
                                       and any(s.kind == "value" for s in h.slots))
    best = max(scores.values())
    winners = [t for t, v in scores.items() if v == best]
    return winners[0] if best and len(winners) == 1 else None


# ---------------------------------------------------------------------------------------------
# public


def parse_matrix(text: str, norm: str) -> TableResult:
    """Tables 二, 三 and 四 of a 2019- or 2021-format report: cells, template, spans and issues.

    ``norm`` is ``ie.segment.normalize.normalize(text)`` (same length; matching happens in it,
    offsets and ``raw`` come from ``text``). Finds nothing (an empty result) in other reports.
    Never raises on content; problems become ``Issue`` entries. Raises
    :class:`ie.errors.SettingsError` when ``norm`` is not as long as ``text``.

    >>> text = ("二、主动公开政府信息情况\\n第二十条第(一)项\\n信息内容 本年制发件数 本年废止件数 现行有效件数\\n"
    ...         "规章 1 2 3\\n行政规范性文件 4 5 6\\n")
    >>> r = parse_matrix(text, text)
    >>> r.template, [(c.metric, c.column, c.value) for c in r.cells][3]
    ('2021', ('t2_2021.normative_docs', '本年制发件数', 4))
    """
    if not isinstance(text, str) or not isinstance(norm, str) or len(norm) != len(text):
        raise SettingsError("parse_matrix needs text and its normalised form of the same length, got "
                            f"{type(text).__name__} of {len(text) if isinstance(text, str) else '?'} and "
                            f"{type(norm).__name__} of {len(norm) if isinstance(norm, str) else '?'} characters")
    result = TableResult()
    if not text:
        return result
    infos = _scan(text, norm)
    regions: dict = {}
    pieces: dict = {}
    for tid in _table_ids():
        found = _locate(norm, infos, tid)
        if found is None:
            continue
        first, last = found
        lines = [i.pieces or [_Piece(i.start, i.start, "gap", no)] for no, i in enumerate(infos[first:last + 1])]
        own = _known_tail(norm, _trim(norm, [p for line in lines for p in line], tid), tid)
        if not own or not _enough(norm, own, tid):
            continue
        regions[tid] = (own[0].start, max(p.end for p in own))
        pieces[tid] = own
    if not regions:
        return result
    template = _template(norm, regions)
    if template is None:
        template = _best_fit(norm, pieces)
    result.template = template
    schema = _schema(template or "2019")
    if template is None:
        result.issues.append(Issue("template_unknown", "matrix tables found, but no label tells the 2019 format "
                                   "from the 2021 one; tables 三/四 read with their shared ids, table 二 skipped",
                                   *regions[min(regions, key=lambda t: regions[t][0])]))
    for tid in sorted(regions, key=lambda t: regions[t][0]):
        result.spans.append(regions[tid])
        ts = schema.tables[tid]
        before = len(result.issues)
        if ts.layout == "one_row":
            got = _parse_one_row(text, norm, pieces[tid], ts, result.issues)
        elif ts.layout == "blocks" and template is None:
            continue
        else:
            got = _parse_rows_table(text, norm, pieces[tid], ts, result.issues)
        if not got and len(result.issues) == before:  # a table found is never dropped in silence
            result.issues.append(Issue("table_empty", f"table {ts.id}: found, but no cell of it was read",
                                       *regions[tid]))
        result.cells += got
    return result
