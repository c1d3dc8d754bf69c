"""Table identities, driven entirely by the template schema.

``check_identities(cells, template_id) -> list[Finding]`` judges, for the cells of one report:

* every metric with ``children`` and ``identity: required``: parent = Σ children, in each column;
* every ``subset_of`` link ("其中" rows): child ≤ parent, in each column;
* every ``identities`` entry with ``status: required``: Σ lhs (=, <=, >=) Σ rhs, per column when
  ``per_column`` is true, else on the unnamed column;
* every table ``column_identities`` entry with ``status: required``: in each row, parent column
  (relation) Σ child columns.

"usually" identities are never judged. An identity with an unknown operand (no cell, or a cell
whose value is None: blank, "/", "——") is not judged either: blank is unknown, not 0.
A violation becomes ``Finding(kind="identity", metric=<parent id>, table=(TableRef…))`` whose
message names the parent, the children and both numbers.

>>> from ie.records import Cell
>>> cells = [Cell("a.org.staff", None, "(三)从事政府信息公开工作人员数", None, 2, "2", "人", 0, 1),
...          Cell("a.org.staff_full_time", None, "1.专职人员数", None, 0, "0", "人", 2, 3),
...          Cell("a.org.staff_part_time", None, "2.兼职人员数", None, 0, "0", "人", 4, 5)]
>>> [f.message for f in check_identities(cells, "2014")]
['(三)从事政府信息公开工作人员数 = 2, but 1.专职人员数 + 2.兼职人员数 = 0']
"""
from __future__ import annotations

import operator
from typing import Iterable, Optional

from ie.records import Finding, TableRef
from ie.tables.labels import fold_label
from ie.tables.schema import load_template

_OPS = {"=": operator.eq, "<=": operator.le, ">=": operator.ge}
_NEGATED = {"=": "≠", "<=": ">", ">=": "<"}


def _index(cells: Iterable) -> dict:
    """(metric, column) -> first table cell with that metric and column."""
    out: dict = {}
    for c in cells:
        if c.metric is None or getattr(c, "source", "table") != "table":
            continue
        out.setdefault((c.metric, c.column), c)
    return out


def _ref(cell, metric_id: str) -> TableRef:
    return TableRef(label=cell.label or cell.label_raw, column=cell.column, value=cell.value, metric=metric_id)


def _total(cells: list):
    return sum(c.value for c in cells)


def _name(c) -> str:
    return c.label or c.label_raw or c.metric


def _judge(parent_cells: list, child_cells: list, relation: str, metric: Optional[str], what: str,
           by_column: bool = False) -> Optional[Finding]:
    """A Finding when Σ parent_cells (relation) Σ child_cells fails; None when it holds or is unknown.

    ``by_column``: the operands are columns of one row, so they are named by column.
    """
    if not parent_cells or not child_cells or any(c is None or c.value is None for c in parent_cells + child_cells):
        return None
    left, right = _total(parent_cells), _total(child_cells)
    if _OPS[relation](left, right):
        return None
    name = (lambda c: str(c.column)) if by_column else _name
    lhs = " + ".join(name(c) for c in parent_cells)
    rhs = " + ".join(name(c) for c in child_cells)
    column = parent_cells[0].column
    where = f" in column {column}" if column is not None else ""
    if by_column:
        lhs, where = f"{_name(parent_cells[0])}: {lhs}", ""
    message = f"{lhs} = {left}, but {rhs} = {right}{where}"
    if relation != "=":
        message = f"{lhs} = {left} {_NEGATED[relation]} {rhs} = {right}{where} ({what})"
    refs = tuple(_ref(c, c.metric) for c in parent_cells + child_cells)
    return Finding(kind="identity", metric=metric, narrative=(), table=refs, message=message)


def _columns_of(index: dict, metric_ids: Iterable[str]) -> list:
    """Columns in which every metric of ``metric_ids`` has a cell, in first-seen order."""
    ids = list(metric_ids)
    seen: list = []
    for (m, col) in index:
        if m == ids[0] and col not in seen:
            seen.append(col)
    return [col for col in seen if all((m, col) in index for m in ids)]


def _column_matcher(table) -> dict:
    """column id -> folded spellings (id, label, aliases) of that column in ``table``."""
    out: dict = {}
    cols = list(table.columns)
    for section in table.sections:
        cols += list(section.columns or ())
    for col in cols:
        names = {col.id, fold_label(col.label or "")} | {fold_label(a) for a in col.aliases}
        out.setdefault(col.id, set()).update(n for n in names if n)
    return out


def check_identities(cells: Iterable, template_id: Optional[str]) -> list:
    """Judge the template's required identities on ``cells``; returns the violations as Findings.

    ``template_id`` None (no table recognised) gives ``[]``. Raises
    :class:`ie.errors.ResourceError` only for an unknown or broken template file.
    """
    if template_id is None:
        return []
    cells = list(cells)
    template = load_template(template_id)
    index = _index(cells)
    findings: list = []
    for metric in template.metrics():
        if metric.children and metric.identity == "required":
            for col in _columns_of(index, [metric.id]):
                if not all((child, col) in index for child in metric.children):
                    continue
                f = _judge([index[(metric.id, col)]], [index[(ch, col)] for ch in metric.children], "=",
                           metric.id, "sum of children")
                if f:
                    findings.append(f)
        if metric.subset_of:
            for col in _columns_of(index, [metric.subset_of, metric.id]):
                f = _judge([index[(metric.subset_of, col)]], [index[(metric.id, col)]], ">=", metric.subset_of,
                           "a subset row cannot exceed its parent")
                if f:
                    findings.append(f)
    for ident in template.identities:
        if ident.status != "required":
            continue
        ops = list(ident.lhs) + list(ident.rhs)
        cols = _columns_of(index, ops) if ident.per_column else ([None] if all((m, None) in index for m in ops)
                                                                  else [])
        for col in cols:
            f = _judge([index[(m, col)] for m in ident.lhs], [index[(m, col)] for m in ident.rhs], ident.relation,
                       ident.lhs[0], f"identity {ident.id}")
            if f:
                findings.append(f)
    findings += _column_identities(template, cells)
    return findings


def _column_identities(template, cells: list) -> list:
    findings: list = []
    for table in template.tables:
        required = [ci for ci in table.column_identities if ci.status == "required"]
        if not required:
            continue
        names = _column_matcher(table)
        table_metrics = {m.id for m in table.metrics()}
        by_row: dict = {}
        for c in cells:
            if c.metric not in table_metrics or c.column is None or getattr(c, "source", "table") != "table":
                continue
            key = fold_label(c.column) if fold_label(c.column) else c.column
            col_id = next((cid for cid, spellings in names.items() if c.column == cid or key in spellings), None)
            if col_id is not None:
                by_row.setdefault(c.metric, {}).setdefault(col_id, c)
        for metric_id, row in by_row.items():
            for ci in required:
                if ci.parent not in row or not all(ch in row for ch in ci.children):
                    continue
                f = _judge([row[ci.parent]], [row[ch] for ch in ci.children], ci.relation, metric_id,
                           f"column identity {ci.id or ci.parent}", by_column=True)
                if f:
                    findings.append(f)
    return findings
