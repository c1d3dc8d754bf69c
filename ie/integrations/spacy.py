"""spaCy adapter: the ``ogi_triples`` pipeline component, a thin shell over :func:`ie.extract`.

    >>> import spacy
    >>> nlp = spacy.blank("zh")  # or with config={"nlp": {"tokenizer": {"segmenter": "jieba"}}}
    >>> _ = nlp.add_pipe("ogi_triples")
    >>> doc = nlp("上高县2017年政府信息公开工作年度报告\\n2017年,全县主动公开政府信息7221条。")
    >>> [(e.text, e.label_) for e in doc.ents]
    [('主动公开政府信息', 'METRIC'), ('7221条', 'QTY')]
    >>> doc._.triples[0].value, doc._.triples[0].period
    (7221, '2017')

The component sets ``doc.ents`` (QTY for each quantity, METRIC for what it counts, PERIOD where a triple
carries a period span), aligned to the tokens with ``alignment_mode="expand"``; on overlaps QTY wins over
METRIC over PERIOD, then the longer span. ``doc._.triples`` holds the :class:`ie.records.Triple` records
(offsets index ``doc.text``) and ``doc._.ogi_report`` the whole :class:`ie.records.Report`, both rebuilt from
``doc._.ogi_data`` (the report's JSON dict), which survives DocBin and ``nlp.pipe(n_process=...)``.
Config: ``method`` ("rules" | "model" | "hybrid" | None for the default) and ``year`` (int | None).
Registered both by ``@Language.factory`` on import and by the ``spacy_factories`` entry point, so
``nlp.add_pipe("ogi_triples")`` works after ``pip install`` without importing this module.
"""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

LABELS = ("QTY", "METRIC", "PERIOD")
_PRIORITY = {label: i for i, label in enumerate(LABELS)}
DISPLACY_OPTIONS = {"ents": list(LABELS), "colors": {"QTY": "#f9c74f", "METRIC": "#90be6d", "PERIOD": "#8ecae6"}}



def _triples(doc: Doc) -> tuple:
    from ie.records import Triple

    return tuple(Triple.from_dict(d) for d in doc._.ogi_data.get("triples", ())) if doc._.ogi_data else ()


def _report(doc: Doc):
    from ie.records import Report

    return Report.from_dict({**doc._.ogi_data, "text": doc.text}) if doc._.ogi_data else None


# The doc stores the report as its JSON dict (msgpack-safe, so DocBin and nlp.pipe(n_process=...) work);
# doc._.triples and doc._.ogi_report rebuild the records from it.
if not Doc.has_extension("ogi_data"):
    Doc.set_extension("ogi_data", default=None)
for _name, _getter in (("triples", _triples), ("ogi_report", _report)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, getter=_getter)


class OgiTriples:
    """The component: ``doc -> doc`` with ``doc.ents`` and ``doc._.triples`` set from ``ie.extract``."""

    def __init__(self, nlp: Language, name: str = "ogi_triples", *, method: Optional[str] = None,
                 year: Optional[int] = None) -> None:
        from ie.errors import SettingsError
        from ie.pipeline import METHODS, _check_year

        if method is not None and method not in METHODS:
            raise SettingsError(f"ogi_triples: method must be one of {METHODS} or None, got {method!r}")
        _check_year(year)
        self.name, self.method, self.year = name, method, year

    def __call__(self, doc: Doc) -> Doc:
        from ie.pipeline import extract

        report = extract(doc.text, year=self.year, method=self.method)
        candidates = {}
        for t in report.triples:
            spans = [("QTY", t.start, t.end), ("METRIC", t.metric_start, t.metric_end)]
            p_start, p_end = getattr(t, "period_start", None), getattr(t, "period_end", None)
            if isinstance(p_start, int) and isinstance(p_end, int):
                spans.append(("PERIOD", p_start, p_end))
            for label, start, end in spans:
                if start is None or end is None or start >= end:
                    continue
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None:
                    candidates[(span.start, span.end, label)] = span
        doc.ents = resolve_overlaps(list(doc.ents), list(candidates.values()))
        data = report.to_dict()
        data["text"] = None  # the doc has it
        doc._.ogi_data = data
        return doc


def resolve_overlaps(existing: list, new: list) -> list:
    """Non-overlapping spans in text order: QTY beats METRIC beats PERIOD, then longer beats shorter;
    spans already on the doc from other components are kept and win over new ones."""
    taken: set = set()
    kept = []
    ranked = [(0, 0, 0, s) for s in existing] + [
        (1, _PRIORITY.get(s.label_, 9), -(s.end - s.start), s) for s in new]
    for *_, span in sorted(ranked, key=lambda x: (x[0], x[1], x[2], x[3].start)):
        tokens = set(range(span.start, span.end))
        if tokens & taken:
            continue
        taken |= tokens
        kept.append(span)
    return sorted(kept, key=lambda s: s.start)


@Language.factory("ogi_triples", default_config={"method": None, "year": None},
                  assigns=["doc.ents", "doc._.ogi_data"])
def make_ogi_triples(nlp: Language, name: str, method: Optional[str], year: Optional[int]) -> OgiTriples:
    """Factory behind ``nlp.add_pipe("ogi_triples", config={"method": "rules", "year": 2017})``."""
    return OgiTriples(nlp, name, method=method, year=year)
