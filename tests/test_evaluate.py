"""score_triples on small hand-made cases, and the ie evaluate command."""
from __future__ import annotations

import json

import pytest

from conftest import GOLD, REPORTS
from ie.cli import main
import ie.errors
from ie.errors import SettingsError
from ie.narrative.evaluate import format_report, load_gold, score_triples

G = {"doc": "d", "quantity_text": "76件", "start": 10, "end": 13, "value": 76, "unit": "件", "approx": False,
     "metric_text": "接处群众反映舆情", "metric_start": 2, "metric_end": 10, "period": "2018", "kind": "count"}
G2 = dict(G, quantity_text="95.4%", start=20, end=25, value=95.4, unit="%", metric_start=15, metric_end=18,
          kind="percent")


def test_perfect():
    r = score_triples([G, G2], [G, G2])
    assert r["quantity"] == {"tp": 2, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert r["triple"]["f1"] == 1.0 and r["kind_accuracy"] == 1.0


def test_missing_and_spurious_quantities():
    r = score_triples([G, dict(G, start=30, end=33)], [G, G2])
    assert (r["quantity"]["tp"], r["quantity"]["fp"], r["quantity"]["fn"]) == (1, 1, 1)
    assert r["quantity"]["precision"] == 0.5 and r["quantity"]["recall"] == 0.5
    assert [m["start"] for m in r["misses"]["quantity_fn"]] == [20]
    assert [m["start"] for m in r["misses"]["quantity_fp"]] == [30]


@pytest.mark.parametrize("change, error", [
    ({"value": 77}, "value"),
    ({"unit": "条"}, "unit"),
    ({"period": "cumulative"}, "period"),
    ({"metric_start": 0, "metric_end": 2}, "metric"),
])
def test_triple_errors_are_named(change, error):
    r = score_triples([dict(G, **change)], [G])
    assert r["quantity"]["f1"] == 1.0
    assert r["triple"]["tp"] == 0 and r["triple"]["fp"] == 1 and r["triple"]["fn"] == 1
    assert r["misses"]["triple_fn"][0]["errors"] == [error]


@pytest.mark.parametrize("gold_unit, predicted_unit", [("條", "条"), ("％", "%"), ("个百分点", "百分点")])
def test_units_compare_across_scripts(gold_unit, predicted_unit):
    r = score_triples([dict(G, unit=predicted_unit)], [dict(G, unit=gold_unit)])
    assert r["triple"]["f1"] == 1.0


def test_metric_overlap_is_enough_and_decimals_compare_exactly():
    from decimal import Decimal

    p = dict(G2, metric_start=16, metric_end=30, value=Decimal("95.40"))
    r = score_triples([G, p], [G, G2])
    assert r["triple"]["f1"] == 1.0
    assert r["metric_exact_accuracy"] == 0.5


def test_duplicate_prediction_counts_once():
    r = score_triples([G, G], [G])
    assert (r["quantity"]["tp"], r["quantity"]["fp"]) == (1, 1)


def test_documents_are_kept_apart():
    r = score_triples([dict(G, doc="a")], [dict(G, doc="b")])
    assert r["quantity"]["tp"] == 0 and set(r["per_doc"]) == {"a", "b"}


def test_empty_inputs():
    r = score_triples([], [])
    assert r["quantity"]["f1"] == 1.0 and r["kind_accuracy"] is None
    assert "quantity" in format_report(r)


def test_load_gold_errors(tmp_path):
    with pytest.raises(SettingsError):
        load_gold(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": "x"}\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="line 1"):
        load_gold(bad)


def test_cli_evaluate_one_doc(tmp_path, capsys):
    out = tmp_path / "r.json"
    rc = main(["evaluate", "--gold", str(GOLD / "seed_triples.jsonl"), "--reports", str(REPORTS),
               "--docs", "000_79ef27311e66addd", "--json", str(out)])
    assert rc == 0
    printed = capsys.readouterr().out
    assert "quantity" in printed and "triple" in printed
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["docs"] == ["000_79ef27311e66addd"] and result["method"] == "rules"
    assert result["quantity"]["tp"] == 11 - result["quantity"]["fn"]


def test_cli_evaluate_bad_settings(capsys):
    rc = main(["evaluate", "--gold", "nope.jsonl", "--reports", str(REPORTS)])
    assert rc == 2
    assert "gold file not found" in capsys.readouterr().err


def test_a_failing_method_is_an_error_not_a_zero_score(monkeypatch, capsys):
    import ie.narrative

    def broken(*args, **kwargs):
        raise ie.errors.ModelError("no model here")

    monkeypatch.setattr(ie.narrative, "extract_triples", broken)
    rc = main(["evaluate", "--gold", str(GOLD / "seed_triples.jsonl"), "--reports", str(REPORTS),
               "--docs", "000_79ef27311e66addd"])
    assert rc == 2
    assert "no model here" in capsys.readouterr().err


def test_reports_given_as_html_or_docx_are_read_through_the_loaders(tmp_path):
    """The gold offsets of an HTML report point into the text ie.load gives; evaluation reads the same."""
    from ie.narrative.evaluate import evaluate_reports

    html = "<html><body><p>2018年,全县主动公开政府信息<b>7221</b>条。</p></body></html>"
    (tmp_path / "r1.html").write_text(html, encoding="utf-8")
    from ie.loaders import load

    text = load(tmp_path / "r1.html").text
    start = text.index("7221条")
    gold = {"doc": "r1", "quantity_text": "7221条", "start": start, "end": start + 5, "value": 7221, "unit": "条",
            "approx": False, "metric_text": "主动公开政府信息", "metric_start": start - 8, "metric_end": start,
            "period": "2018", "kind": "count"}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    result = evaluate_reports(tmp_path / "gold.jsonl", tmp_path, method="rules")
    assert result["triple"]["f1"] == 1.0
    (tmp_path / "r1.docx").write_bytes(b"")
    with pytest.raises(SettingsError, match="several sources"):
        evaluate_reports(tmp_path / "gold.jsonl", tmp_path, method="rules")
