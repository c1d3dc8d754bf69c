"""Seed reconciliation expectations met end-to-end: table parser + metadata + narrative rules +
reconcile, through ``ie.extract`` (no gold inputs)."""
from __future__ import annotations

import pytest

import ie
from conftest import SEED_IDS, seed_text
from test_reconcile import EXPECT, OPPOSITE, _cases, _norm

_REPORTS: dict = {}


def extracted(doc: str):
    if doc not in _REPORTS:
        _REPORTS[doc] = ie.extract(seed_text(doc), method="rules", source=doc)
    return _REPORTS[doc]


def _about(finding, span, labels) -> bool:
    """The finding's narrative side lies inside the expectation phrase and its table side has a label."""
    return (any(span[0] <= n.start and n.end <= span[1] for n in finding.narrative)
            and any(_norm(t.label) in {_norm(lb) for lb in labels} for t in finding.table))


@pytest.mark.parametrize("doc,kind,exp", list(_cases()))
def test_seed_expectation_end_to_end(doc, kind, exp):
    report = extracted(doc)
    if kind == "identity":
        parent, _children, parent_value, children_sum = exp
        hits = [f for f in report.findings
                if f.kind == "identity" and any(_norm(t.label) == _norm(parent) for t in f.table)]
        assert hits and str(parent_value) in hits[0].message and str(children_sum) in hits[0].message
        return
    pos = report.text.find(exp[0])
    span = (pos, pos + len(exp[0]))
    hits = [f for f in report.findings if f.kind == kind and _about(f, span, exp[1])]
    assert hits, f"{kind} expected for {exp[0]}: " + "; ".join(
        f"{f.kind}: {f.message}" for f in report.findings if any(span[0] <= n.start < span[1] for n in f.narrative))
    if kind == "disagree":
        assert hits[0].narrative[0].value == exp[2] and any(t.value == exp[3] for t in hits[0].table)
    assert not [f for f in report.findings if f.kind == OPPOSITE[kind] and _about(f, span, exp[1])]


@pytest.mark.parametrize("doc", SEED_IDS)
def test_every_seed_contributes_to_the_panel(doc):
    """A report with a table has cells; one without has derived cells; reconcile never errors."""
    report = extracted(doc)
    assert report.cells or report.derived
    assert not [i for i in report.issues if i.code in ("reconcile_error", "internal_error")]
    for c in report.derived:
        assert c.source == "derived" and report.text[c.start:c.end] == c.raw


def test_expectations_cover_the_seeds_with_tables():
    assert set(EXPECT) <= set(SEED_IDS)
