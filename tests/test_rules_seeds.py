"""The rule extractor on the five seed reports, scored with ie.narrative.evaluate (real numbers)."""
from __future__ import annotations

import pytest

from conftest import GOLD, REPORTS, SEED_IDS, seed_text
from ie.narrative.evaluate import evaluate_reports, predict_report, score_triples

TRIPLE_F1 = 0.95
QUANTITY_F1 = 0.98


@pytest.fixture(scope="module")
def seed_result() -> dict:
    return evaluate_reports(GOLD / "seed_triples.jsonl", REPORTS, method="rules")


def test_seed_quantity_f1(seed_result):
    assert seed_result["quantity"]["f1"] >= QUANTITY_F1, seed_result["misses"]["quantity_fn"][:10]


def test_seed_triple_f1(seed_result):
    assert seed_result["triple"]["f1"] >= TRIPLE_F1, seed_result["misses"]["triple_fn"][:10]


@pytest.mark.parametrize("doc", SEED_IDS)
def test_each_seed_is_read(seed_result, doc):
    assert seed_result["per_doc"][doc]["quantity"]["f1"] >= 0.9
    assert seed_result["per_doc"][doc]["triple"]["f1"] >= 0.85


@pytest.mark.parametrize("doc", SEED_IDS)
def test_every_span_slices_to_its_text(doc):
    text = seed_text(doc)
    triples = predict_report(text, method="rules")
    assert triples
    for t in triples:
        assert text[t["start"]:t["end"]] == t["quantity_text"]
        assert text[t["metric_start"]:t["metric_end"]] == t["metric_text"]
        assert t["kind"] in ("count", "money", "percent", "change", "other")
        assert t["source"] == "rules"


def test_scorer_agrees_with_itself_on_gold(gold_triples):
    result = score_triples(gold_triples, gold_triples)
    assert result["quantity"]["f1"] == result["triple"]["f1"] == 1.0
