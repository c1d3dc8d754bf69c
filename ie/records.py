"""The records ogi-ie produces: small frozen dataclasses that round-trip through dicts.

``Report.to_dict()`` follows the published output contract (``schema_version`` "1"):
keys listed there always exist with the documented meaning; extra keys (``row``, ``col``,
``derived``, ...) are additions, never replacements.

Numbers: counts are ``int``; non-integral amounts (money, rates) are ``decimal.Decimal`` so
``1.9亿元`` stays exactly 190000000 and ``95.4%`` stays 95.4. In JSON both become plain numbers.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any, Iterable, Mapping, Optional, Union

Number = Union[int, Decimal]

SCHEMA_VERSION = "1"
TEMPLATES = ("2008-local", "2014", "2019", "2021")
TRIPLE_KINDS = ("count", "money", "percent", "change", "other")
FINDING_KINDS = ("agree", "disagree", "identity", "narrative_sum", "narrative_only", "table_only", "meta")
SOURCES = ("rules", "model", "hybrid")


def to_number(value: Any) -> Optional[Number]:
    """Coerce a JSON/str/float number into ``int`` (when integral) or exact ``Decimal``.

    >>> to_number(3.0), to_number("95.4"), to_number(None)
    (3, Decimal('95.4'), None)
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError(f"a bool is not a number: {value!r}")
    if isinstance(value, int):
        return value
    dec = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if dec == dec.to_integral_value():
        return int(dec)
    return dec.normalize()


def number_to_json(value: Optional[Number]) -> Union[int, float, None]:
    """``int`` stays ``int``; ``Decimal`` becomes ``int`` when integral, else ``float``."""
    if value is None or isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    return float(value)


class _Record:
    """Shared ``to_dict``/``from_dict`` for flat frozen dataclasses whose numbers may be Decimal."""

    _number_fields: tuple = ()

    def to_dict(self) -> dict:
        out = {}
        for f in fields(self):  # type: ignore[arg-type]
            v = getattr(self, f.name)
            out[f.name] = number_to_json(v) if f.name in self._number_fields else v
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]):
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        kwargs = {k: v for k, v in data.items() if k in known}
        for k in cls._number_fields:
            if k in kwargs:
                kwargs[k] = to_number(kwargs[k])
        return cls(**kwargs)


@dataclass(frozen=True)
class Issue(_Record):
    """A problem met while reading a document: something skipped, guessed or unreadable.

    ``start``/``end`` locate it in the report text when it has a place.
    """

    code: str
    message: str
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass(frozen=True)
class Meta(_Record):
    """Report metadata. ``year`` is the year the report covers; ``template`` one of ``TEMPLATES``."""

    title: Optional[str] = None
    region: Optional[str] = None
    year: Optional[int] = None
    template: Optional[str] = None
    period_start: Optional[str] = None  # ISO date of the statistics period, when stated
    period_end: Optional[str] = None
    filled_on: Optional[str] = None  # 填报日期 of the statistics table, ISO date
    filled_on_start: Optional[int] = None
    filled_on_end: Optional[int] = None


@dataclass(frozen=True)
class Cell(_Record):
    """One statistics-table cell, mapped to a canonical metric when the schema knows the row.

    ``metric`` is None for rows the schema does not know (kept, with an issue).
    ``value`` is None for blank, "/", "-", "——", "无" cells: unknown, never 0.
    ``start``/``end`` span ``raw`` in the report text (None when the cell was empty).
    ``row``/``col`` give the cell's place in the parsed grid (provenance).
    ``source`` is "table" for parsed cells and "derived" for cells stated only by the narrative.
    """

    metric: Optional[str]
    section: Optional[str]
    label: Optional[str]
    column: Optional[str]
    value: Optional[Number]
    raw: str
    unit: Optional[str]
    start: Optional[int]
    end: Optional[int]
    row: Optional[int] = None
    col: Optional[int] = None
    table: Optional[str] = None  # which table of the template: "main" (2014) or "二"/"三"/"四"
    source: str = "table"
    label_raw: Optional[str] = None  # the row label as printed in this report
    label_start: Optional[int] = None
    label_end: Optional[int] = None

    _number_fields = ("value",)


@dataclass(frozen=True)
class Triple(_Record):
    """A narrative (quantity, metric, period) triple; ``text[start:end] == quantity_text``."""

    quantity_text: str
    start: int
    end: int
    value: Number
    unit: str
    approx: bool
    kind: str
    metric_text: str
    metric_start: int
    metric_end: int
    period: str
    metric: Optional[str] = None
    confidence: float = 1.0
    source: str = "rules"

    _number_fields = ("value",)


@dataclass(frozen=True)
class NarrativeRef(_Record):
    start: int
    end: int
    value: Optional[Number]

    _number_fields = ("value",)


@dataclass(frozen=True)
class TableRef(_Record):
    label: Optional[str]
    column: Optional[str]
    value: Optional[Number]
    metric: Optional[str] = None

    _number_fields = ("value",)


@dataclass(frozen=True)
class Finding:
    """A reconciliation judgement: agree, disagree, identity, narrative_sum, ..., with its evidence."""

    kind: str
    metric: Optional[str]
    narrative: tuple = ()  # tuple[NarrativeRef, ...]
    table: tuple = ()  # tuple[TableRef, ...]
    message: str = ""
    # what was checked when the kind alone does not say: "percent" marks an agree/disagree that is a
    # stated percentage tested against its numerator and denominator (kinds stay the contract's)
    check: Optional[str] = None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "metric": self.metric,
            "narrative": [n.to_dict() for n in self.narrative],
            "table": [t.to_dict() for t in self.table],
            "message": self.message,
            "check": self.check,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Finding":
        return cls(
            kind=data["kind"],
            metric=data.get("metric"),
            narrative=tuple(NarrativeRef.from_dict(n) for n in data.get("narrative", ())),
            table=tuple(TableRef.from_dict(t) for t in data.get("table", ())),
            message=data.get("message", ""),
            check=data.get("check"),
        )


@dataclass(frozen=True)
class Report:
    """Everything extracted from one report. Offsets index ``text``.

    ``to_dict()`` is the published output contract; ``from_dict(to_dict())`` gives an equal Report.
    """

    text: str
    meta: Meta = field(default_factory=Meta)
    cells: tuple = ()  # tuple[Cell, ...] parsed from statistics tables
    triples: tuple = ()  # tuple[Triple, ...]
    findings: tuple = ()  # tuple[Finding, ...]
    issues: tuple = ()  # tuple[Issue, ...]
    derived: tuple = ()  # tuple[Cell, ...] stated by the narrative, for reports without a table
    source: Optional[str] = None  # file path when the report came from a loader

    def to_dict(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "text": self.text,
            "meta": self.meta.to_dict(),
            "cells": [c.to_dict() for c in self.cells],
            "triples": [t.to_dict() for t in self.triples],
            "findings": [f.to_dict() for f in self.findings],
            "issues": [i.to_dict() for i in self.issues],
            "derived": [c.to_dict() for c in self.derived],
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Report":
        return cls(
            text=data["text"],
            meta=Meta.from_dict(data.get("meta") or {}),
            cells=tuple(Cell.from_dict(c) for c in data.get("cells", ())),
            triples=tuple(Triple.from_dict(t) for t in data.get("triples", ())),
            findings=tuple(Finding.from_dict(f) for f in data.get("findings", ())),
            issues=tuple(Issue.from_dict(i) for i in data.get("issues", ())),
            derived=tuple(Cell.from_dict(c) for c in data.get("derived", ())),
            source=data.get("source"),
        )

    def cell(self, metric: str, column: Optional[str] = None) -> Optional[Cell]:
        """The first table cell with this canonical metric id (and column), or None."""
        for c in self.cells:
            if c.metric == metric and c.column == column:
                return c
        return None

    def findings_of(self, kind: str) -> list:
        return [f for f in self.findings if f.kind == kind]


def tuples(items: Iterable) -> tuple:
    return tuple(items)
