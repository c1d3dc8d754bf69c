"""Metric schemas as data: load and validate ``ie/resources/templates/<template>.yaml``.

The file format is documented in ``ie/resources/templates/README.md``. Two optional keys extend
it (both default to "absent" so files that omit them stay valid):

* ``optional: true`` on a metric: a row the template may or may not print (no "missing row"
  count is raised for it);
* ``headings: [...]`` on a section: labels of value-less sub-heading rows inside the section
  (e.g. a "(二)…的情况" row that only groups the numbered rows below it). A heading row that
  carries a number yields an issue, never a metric value.

Public API::

    load_template(template_id) -> Template        # cached, validated
    load_template_file(path) -> Template          # any file (tests, user schemas), validated
    all_templates() -> tuple[Template, ...]       # every bundled template, sorted by id

Every validation problem raises :class:`ie.errors.ResourceError` naming the file, the key path
(e.g. ``tables[0].sections[2].metrics[1].unit``) and the offending value.

>>> t = load_template("2014")
>>> t.metric("a.request.received").label
'(一)收到申请数'
>>> [t.metric(c).unit for c in t.metric("a.request.received").children][:2]
['件', '件']
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Optional

from ie.errors import ResourceError
from ie.resources import load_resource, load_yaml, resource_path

TEMPLATE_DIR = resource_path("templates")
STATUSES = ("required", "usually")
RELATIONS = ("=", "<=", ">=")


@dataclass(frozen=True)
class Column:
    """A value column of a matrix table (``id`` None for the single unnamed column)."""

    id: Optional[str]
    label: Optional[str]
    aliases: tuple = ()


@dataclass(frozen=True)
class Metric:
    """One canonical row of a template: id, official label, unit and its place in the tree."""

    id: str
    label: str
    section: str
    table: str
    aliases: tuple = ()
    unit: Optional[str] = None
    signed: bool = False
    children: tuple = ()
    identity: Optional[str] = None  # "required" | "usually" | None (status of parent = sum(children))
    subset_of: Optional[str] = None
    optional: bool = False

    @property
    def names(self) -> tuple:
        """The official label followed by every alias."""
        return (self.label,) + tuple(self.aliases)


@dataclass(frozen=True)
class Section:
    label: str
    aliases: tuple = ()
    columns: Optional[tuple] = None  # tuple[Column, ...] when the block has its own columns
    metrics: tuple = ()  # tuple[Metric, ...]
    headings: tuple = ()  # value-less sub-heading labels

    @property
    def names(self) -> tuple:
        return (self.label,) + tuple(self.aliases)


@dataclass(frozen=True)
class ColumnIdentity:
    """In every row of the table: column ``parent`` (relation) the sum of columns ``children``."""

    parent: str
    children: tuple
    status: str = "required"
    relation: str = "="
    id: Optional[str] = None


@dataclass(frozen=True)
class Identity:
    id: str
    lhs: tuple
    rhs: tuple
    relation: str = "="
    per_column: bool = False
    status: str = "required"


@dataclass(frozen=True)
class Table:
    id: str
    title: Optional[str]
    columns: tuple  # tuple[Column, ...]; empty = one unnamed value column
    column_identities: tuple  # tuple[ColumnIdentity, ...]
    sections: tuple  # tuple[Section, ...]

    def metrics(self) -> Iterator[Metric]:
        for section in self.sections:
            yield from section.metrics

    def column(self, column_id: Optional[str]) -> Optional[Column]:
        for col in self.columns:
            if col.id == column_id:
                return col
        for section in self.sections:
            for col in section.columns or ():
                if col.id == column_id:
                    return col
        return None


@dataclass(frozen=True)
class Template:
    """A validated template schema. ``metric(id)`` looks a metric up; ``metrics()`` iterates all."""

    id: str
    title: Optional[str]
    markers: tuple
    tables: tuple  # tuple[Table, ...]
    identities: tuple  # tuple[Identity, ...]
    file: str = ""
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    def metrics(self) -> Iterator[Metric]:
        for table in self.tables:
            yield from table.metrics()

    def metric(self, metric_id: str) -> Metric:
        """The metric with this id; KeyError naming the id and template when unknown."""
        try:
            return self._index[metric_id]
        except KeyError:
            raise KeyError(f"template {self.id!r} has no metric {metric_id!r}") from None

    def has_metric(self, metric_id: str) -> bool:
        return metric_id in self._index

    def table(self, table_id: str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(f"template {self.id!r} has no table {table_id!r}")

    def section_of(self, metric_id: str) -> Section:
        m = self.metric(metric_id)
        for t in self.tables:
            if t.id != m.table:
                continue
            for s in t.sections:
                if s.label == m.section:
                    return s
        raise KeyError(metric_id)  # pragma: no cover - index built from the same sections

    def parent_of(self, metric_id: str) -> Optional[Metric]:
        """The metric listing ``metric_id`` among its children, or None."""
        for m in self.metrics():
            if metric_id in m.children:
                return m
        return None


# ----------------------------------------------------------------------------------------------
# Loading and validation


class _Ctx:
    """Carries the file name so every error names it."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, key: str, value: Any, problem: str) -> None:
        raise ResourceError(self.file, key, value, problem)

    def mapping(self, obj: Any, key: str) -> dict:
        if not isinstance(obj, dict):
            self.fail(key, obj, "must be a mapping")
        return obj

    def seq(self, obj: Any, key: str) -> list:
        if obj is None:
            return []
        if not isinstance(obj, list):
            self.fail(key, obj, "must be a list")
        return obj

    def text(self, obj: Any, key: str, *, required: bool = True) -> Optional[str]:
        if obj is None and not required:
            return None
        if isinstance(obj, (int, float)) and not isinstance(obj, bool):
            obj = str(obj)  # YAML reads template: 2014 as an int
        if not isinstance(obj, str) or not obj.strip():
            self.fail(key, obj, "must be a non-empty string")
        return obj

    def strings(self, obj: Any, key: str) -> tuple:
        items = self.seq(obj, key)
        return tuple(self.text(v, f"{key}[{i}]") for i, v in enumerate(items))

    def flag(self, obj: Any, key: str) -> bool:
        if obj is None:
            return False
        if not isinstance(obj, bool):
            self.fail(key, obj, "must be true or false")
        return obj

    def status(self, obj: Any, key: str, *, required: bool = True) -> Optional[str]:
        if obj is None and not required:
            return None
        if obj not in STATUSES:
            self.fail(key, obj, f"must be one of {STATUSES}")
        return obj


def _known_units() -> set:
    data = load_resource("units.yaml")
    return set((data or {}).get("units", {}) or {})


def _columns(ctx: _Ctx, raw: Any, key: str) -> tuple:
    cols = []
    for i, c in enumerate(ctx.seq(raw, key)):
        ck = f"{key}[{i}]"
        c = ctx.mapping(c, ck)
        cols.append(Column(id=ctx.text(c.get("id"), f"{ck}.id"), label=ctx.text(c.get("label"), f"{ck}.label"),
                           aliases=ctx.strings(c.get("aliases"), f"{ck}.aliases")))
    return tuple(cols)


def _parse(data: Any, file: str) -> Template:
    ctx = _Ctx(file)
    data = ctx.mapping(data, "<root>")
    template_id = ctx.text(data.get("template"), "template")
    units = _known_units()
    metrics: dict = {}
    where: dict = {}  # metric id -> key path, for error messages
    column_ids: set = set()
    tables = []
    table_ids: set = set()
    for ti, traw in enumerate(ctx.seq(data.get("tables"), "tables")):
        tk = f"tables[{ti}]"
        traw = ctx.mapping(traw, tk)
        table_id = ctx.text(traw.get("id"), f"{tk}.id")
        if table_id in table_ids:
            ctx.fail(f"{tk}.id", table_id, "duplicate table id")
        table_ids.add(table_id)
        columns = _columns(ctx, traw.get("columns"), f"{tk}.columns")
        local_cols = {c.id for c in columns}
        sections = []
        for si, sraw in enumerate(ctx.seq(traw.get("sections"), f"{tk}.sections")):
            sk = f"{tk}.sections[{si}]"
            sraw = ctx.mapping(sraw, sk)
            slabel = ctx.text(sraw.get("label"), f"{sk}.label")
            scols = _columns(ctx, sraw.get("columns"), f"{sk}.columns") if sraw.get("columns") is not None else None
            local_cols |= {c.id for c in scols or ()}
            smetrics = []
            for mi, mraw in enumerate(ctx.seq(sraw.get("metrics"), f"{sk}.metrics")):
                mk = f"{sk}.metrics[{mi}]"
                mraw = ctx.mapping(mraw, mk)
                mid = ctx.text(mraw.get("id"), f"{mk}.id")
                if mid in metrics:
                    ctx.fail(f"{mk}.id", mid, f"duplicate metric id (first defined at {where[mid]})")
                unit = mraw.get("unit")
                if unit is not None and unit not in units:
                    ctx.fail(f"{mk}.unit", unit, "unknown unit (not a key of units.yaml)")
                m = Metric(id=mid, label=ctx.text(mraw.get("label"), f"{mk}.label"), section=slabel, table=table_id,
                           aliases=ctx.strings(mraw.get("aliases"), f"{mk}.aliases"), unit=unit,
                           signed=ctx.flag(mraw.get("signed"), f"{mk}.signed"),
                           children=ctx.strings(mraw.get("children"), f"{mk}.children"),
                           identity=ctx.status(mraw.get("identity"), f"{mk}.identity", required=False),
                           subset_of=ctx.text(mraw.get("subset_of"), f"{mk}.subset_of", required=False),
                           optional=ctx.flag(mraw.get("optional"), f"{mk}.optional"))
                if m.children and m.identity is None:
                    ctx.fail(f"{mk}.identity", None, "a metric with children needs identity: required|usually")
                metrics[mid] = m
                where[mid] = mk
                smetrics.append(m)
            sections.append(Section(label=slabel, aliases=ctx.strings(sraw.get("aliases"), f"{sk}.aliases"),
                                    columns=scols, metrics=tuple(smetrics),
                                    headings=ctx.strings(sraw.get("headings"), f"{sk}.headings")))
        col_ids = []
        for ci, craw in enumerate(ctx.seq(traw.get("column_identities"), f"{tk}.column_identities")):
            ck = f"{tk}.column_identities[{ci}]"
            craw = ctx.mapping(craw, ck)
            parent = ctx.text(craw.get("parent"), f"{ck}.parent")
            children = ctx.strings(craw.get("children"), f"{ck}.children")
            for k, cid in [("parent", parent)] + [(f"children[{j}]", c) for j, c in enumerate(children)]:
                if cid not in local_cols:
                    ctx.fail(f"{ck}.{k}", cid, f"unknown column (not a column of table {table_id!r})")
            relation = craw.get("relation", "=")
            if relation not in RELATIONS:
                ctx.fail(f"{ck}.relation", relation, f"must be one of {RELATIONS}")
            col_ids.append(ColumnIdentity(parent=parent, children=children,
                                          status=ctx.status(craw.get("status", "required"), f"{ck}.status"),
                                          relation=relation, id=ctx.text(craw.get("id"), f"{ck}.id", required=False)))
        column_ids |= local_cols
        tables.append(Table(id=table_id, title=ctx.text(traw.get("title"), f"{tk}.title", required=False),
                            columns=columns, column_identities=tuple(col_ids), sections=tuple(sections)))
    # references between metrics
    for mid, m in metrics.items():
        for j, child in enumerate(m.children):
            if child not in metrics:
                ctx.fail(f"{where[mid]}.children[{j}]", child, "dangling child: no metric has this id")
            if child == mid:
                ctx.fail(f"{where[mid]}.children[{j}]", child, "a metric cannot be its own child")
        if m.subset_of is not None and m.subset_of not in metrics:
            ctx.fail(f"{where[mid]}.subset_of", m.subset_of, "dangling subset_of: no metric has this id")
    identities = []
    identity_ids: set = set()
    for ii, iraw in enumerate(ctx.seq(data.get("identities"), "identities")):
        ik = f"identities[{ii}]"
        iraw = ctx.mapping(iraw, ik)
        iid = ctx.text(iraw.get("id"), f"{ik}.id")
        if iid in identity_ids:
            ctx.fail(f"{ik}.id", iid, "duplicate identity id")
        identity_ids.add(iid)
        sides = {}
        for side in ("lhs", "rhs"):
            ops = ctx.strings(iraw.get(side), f"{ik}.{side}")
            if not ops:
                ctx.fail(f"{ik}.{side}", iraw.get(side), "needs at least one metric id")
            for j, op in enumerate(ops):
                if op not in metrics:
                    ctx.fail(f"{ik}.{side}[{j}]", op, "dangling identity operand: no metric has this id")
            sides[side] = ops
        relation = iraw.get("relation", "=")
        if relation not in RELATIONS:
            ctx.fail(f"{ik}.relation", relation, f"must be one of {RELATIONS}")
        identities.append(Identity(id=iid, lhs=sides["lhs"], rhs=sides["rhs"], relation=relation,
                                   per_column=ctx.flag(iraw.get("per_column"), f"{ik}.per_column"),
                                   status=ctx.status(iraw.get("status", "required"), f"{ik}.status")))
    return Template(id=template_id, title=ctx.text(data.get("title"), "title", required=False),
                    markers=ctx.strings(data.get("markers"), "markers"), tables=tuple(tables),
                    identities=tuple(identities), file=file, _index=metrics)


def load_template_file(path: Path | str) -> Template:
    """Load and validate one schema file (not cached).

    Raises :class:`ResourceError` naming file, key and value for a missing file, bad YAML,
    a duplicate id, a dangling child/subset/identity operand, an unknown unit or column.
    """
    path = Path(path)
    return _parse(load_yaml(path), str(path))


@lru_cache(maxsize=None)
def load_template(template_id: str) -> Template:
    """The bundled template ``template_id`` ("2008-local", "2014", "2019", "2021"), validated and cached.

    Raises :class:`ResourceError` when no such file exists or it is invalid (also when the file's
    ``template`` key disagrees with its name).
    """
    path = TEMPLATE_DIR / f"{template_id}.yaml"
    if not path.is_file():
        raise ResourceError(str(path), "template", template_id, "no schema file for this template id")
    template = load_template_file(path)
    if template.id != str(template_id):
        raise ResourceError(str(path), "template", template.id, f"does not match the file name {template_id!r}")
    return template


def template_ids() -> tuple:
    """Ids of every bundled template file, sorted."""
    return tuple(sorted(p.stem for p in TEMPLATE_DIR.glob("*.yaml")))


def all_templates() -> tuple:
    """Every bundled template, validated, sorted by id."""
    return tuple(load_template(t) for t in template_ids())
