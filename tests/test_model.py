"""The shipped narrative model (models/ner-small): loads offline from the repository, extracts
through ``ie.extract``, and is compared with the rules on the held-out seed 001."""
from __future__ import annotations

import json

import pytest

from ie.errors import ModelError, SettingsError
from ie.narrative.model import DEFAULT_MODEL_DIR, load_model, number_windows
from ie.records import Meta
from ie.segment.normalize import normalize

from conftest import GOLD, seed_text

HELD_OUT = "001_6202dfbafd518d6c"

pytestmark = pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "model.safetensors").is_file(),
                                reason="the shipped model is not in models/ner-small")


def test_shipped_model_is_small_safetensors_and_loads_offline():
    files = {p.name for p in DEFAULT_MODEL_DIR.iterdir()}
    assert {"config.json", "model.safetensors", "metrics.json", "README.md"} <= files
    assert not any(n.endswith((".bin", ".pt", ".pth", ".pkl")) for n in files)  # never pickles
    assert (DEFAULT_MODEL_DIR / "model.safetensors").stat().st_size < 30e6
    cfg = json.loads((DEFAULT_MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    assert cfg["tags"][0] == "O" and cfg["relations"] == ["metric", "period"]
    assert "001_6202dfbafd518d6c" in (DEFAULT_MODEL_DIR / "README.md").read_text(encoding="utf-8")
    model = load_model()
    assert model is load_model()  # cached


def test_model_method_through_extract():
    from ie import extract

    r = extract("上高县2017年政府信息公开工作年度报告\n2017年,全县主动公开政府信息7221条,收到政府信息公开申请7件。",
                method="model")
    got = {(t.quantity_text, t.metric_text, t.period, t.source) for t in r.triples}
    assert ("7221条", "主动公开政府信息", "2017", "model") in got
    assert not [i for i in r.issues if i.code == "internal_error"]


def test_model_skips_excluded_spans_and_sentences_without_numbers():
    from ie.narrative.model import extract_model_triples

    text = "总体情况良好。全县主动公开政府信息7221条。"
    assert number_windows(normalize(text), 126) == [(7, len(text))]
    out = extract_model_triples(text, normalize(text), meta=Meta(year=2017), exclude=[(7, len(text))])
    assert out == []


def _model_read(sentence: str):
    """The model's report of one invented 2019 sentence, and its metric per quantity text."""
    from ie import extract

    r = extract("某区2019年政府信息公开工作年度报告\n2019年，" + sentence, method="model")
    return r, {t.quantity_text: t.metric_text for t in r.triples}


@pytest.mark.parametrize("sentence, outer, metric", [
    ("其中通过区政府网站发布4120条（含图片新闻310条），占78.8%。", "78.8%", "区政府网站发布"),
    ("全年发布政策解读稿件320篇（含图解解读45篇），占主动公开总量的6.1%。", "6.1%", "发布政策解读稿件"),
    ("本年度受理政府信息公开申请85件（其中网上申请62件），较上年减少9件。", "9件", "受理政府信息公开申请"),
    ("全年清理规范性文件143件（包括部门文件27件），比上年多出18件。", "18件", "清理规范性文件"),
    ("共梳理行政权力事项1830项（含行政许可207项），占全市总数的41.2%。", "41.2%", "梳理行政权力事项"),
])
def test_a_quantity_after_a_bracketed_aside_takes_no_metric_from_inside_it(sentence, outer, metric):
    # Unconstrained, the shipped model links each share or change here to the aside's metric (图片新闻,
    # 网上申请, ...): a bracketed aside details its own quantities only.
    r, got = _model_read(sentence)
    assert metric in got.get(outer, "")
    open_, close = r.text.index("（"), r.text.index("）")
    for t in r.triples:
        if not open_ < t.start < close:
            assert not open_ < t.metric_start < close, t


@pytest.mark.parametrize("sentence, share, metric", [
    ("全年办结申请64件，其中予以公开41件，占办结总数的64.1%。", "64.1%", "予以公开"),
    ("本年度受理申请120件，其中网上申请95件，占受理总数的79.2%。", "79.2%", "网上申请"),
    ("全年主动公开信息6021条，其中通过门户网站公开5120条，占全年主动公开总量的85.0%。", "85.0%", "通过门户网站公开"),
    ("共抽检食品样品1500批次，其中不合格样品22批次，占抽检样品总数的1.5%。", "1.5%", "不合格样品"),
    ("公布权责清单事项2310项，占全区行政权力事项总数的96.4%。", "96.4%", "公布权责清单事项"),
])
def test_a_share_points_back_at_what_it_divides_not_at_its_denominator(sentence, share, metric):
    # Unconstrained, the shipped model links four of these shares to the denominator after 占 (办结,
    # 主动公开, 样品, 行政权力事项).
    assert _model_read(sentence)[1].get(share) == metric


def test_a_word_starting_with_the_share_lead_is_no_share():
    assert _model_read("项目占地面积达120亩，绿化率为35%。")[1].get("120亩") == "项目占地面积"


def test_a_sentence_hard_wrapped_over_lines_is_read_as_one():
    # pdftotext-style hard wraps: read line by line, the quantities after each break lose their metric
    from ie import extract

    text = ("某市2019年政府信息公开工作年度报告\n2019年，全市通过政府门户网站主动公开政府信息4215条，较上年的3870条增加\n"
            "345条，增长8.9%。本年度共受理政府信息公开申请\n126件，已全部按期答复。全年组织政务公开业务培训6期，培训各乡镇和"
            "县直部门工作人员\n约480人次。")
    r = extract(text, method="model")
    got = {t.quantity_text: t for t in r.triples}
    assert {"345条", "8.9%", "126件", "约480人次"} <= set(got)
    assert got["345条"].metric_text == got["8.9%"].metric_text == "主动公开政府信息"
    assert got["126件"].metric_text == "受理政府信息公开申请"
    assert got["约480人次"].metric_text.endswith("工作人员")
    assert all(r.text[t.start:t.end] == t.quantity_text for t in r.triples)


def test_a_bare_hotline_number_the_model_tags_is_no_quantity():
    from ie.narrative.model import SpanPrediction, triples_from_predictions

    text = "三是12345政务服务便民热线转办件1876件；全年发布信息12368条。"
    norm = normalize(text)

    def span(s):
        return (text.index(s), text.index(s) + len(s))

    preds = [SpanPrediction(*span("12345"), span("政务服务便民热线"), None, 0.99),
             SpanPrediction(*span("1876件"), span("转办件"), None, 0.99),
             SpanPrediction(*span("12368条"), span("发布信息"), None, 0.99)]
    got = [t.quantity_text for t in triples_from_predictions(text, norm, preds, year=2019)]
    assert got == ["1876件", "12368条"]


def test_a_report_year_quantity_after_xianxing_youxiao_in_its_clause_is_a_standing_total():
    from ie.narrative.model import SpanPrediction, triples_from_predictions

    text = "本年度制发规范性文件7件，目前现行有效的规范性文件共52件。"
    norm = normalize(text)

    def span(s, after=0):
        i = text.index(s, after)
        return (i, i + len(s))

    preds = [SpanPrediction(*span("7件"), span("制发规范性文件"), span("本年度"), 0.99),
             SpanPrediction(*span("52件"), span("规范性文件", 14), span("本年度"), 0.99)]
    got = {t.quantity_text: t.period for t in triples_from_predictions(text, norm, preds, year=2021)}
    assert got == {"7件": "2021", "52件": "cumulative"}


def test_bad_model_dir_is_a_model_error(tmp_path):
    from ie.narrative.model import set_model_dir

    with pytest.raises(ModelError, match="not found"):
        set_model_dir(tmp_path / "nope")
    with pytest.raises(SettingsError, match="'yes'"):
        set_model_dir(None, int8="yes")


def test_int8_is_a_choice_and_full_precision_the_default():
    from ie.narrative.model import set_model_dir

    assert load_model() is load_model(quantize=False)  # full precision unless asked for
    set_model_dir(None, int8=True)
    try:
        assert load_model() is load_model(quantize=True) and load_model() is not load_model(quantize=False)
    finally:
        set_model_dir(None)


def _heldout_scores():
    from ie.narrative.evaluate import evaluate_reports

    return {m: evaluate_reports(GOLD / "seed_triples.jsonl", GOLD.parent / "reports", method=m,
                                docs=[HELD_OUT])["triple"]["f1"] for m in ("rules", "model", "hybrid")}


@pytest.fixture(scope="module")
def heldout():
    return _heldout_scores()


def test_hybrid_keeps_the_rules_and_scores_at_least_as_well(heldout):
    from ie.narrative.merge import extract_hybrid_triples
    from ie.narrative.rules import extract_rule_triples

    text = seed_text(HELD_OUT)
    norm = normalize(text)
    rules = extract_rule_triples(text, norm, meta=Meta(year=2017))
    hybrid = extract_hybrid_triples(text, norm, meta=Meta(year=2017))
    assert {(t.start, t.end) for t in rules} <= {(t.start, t.end) for t in hybrid}
    assert heldout["hybrid"] >= heldout["rules"] - 0.05


@pytest.mark.xfail(strict=True, reason="measured on 001 (held out of training): model triple F1 0.987 "
                   "(78 of 79; quantity F1 1.000) against rules 1.000 and hybrid 1.000; the rules were "
                   "written while reading all five seeds, 001 included, so they are not held out there. "
                   "On text neither had met the two are level: blind probe6 model 0.947, rules 0.939; "
                   "probe5 rules 0.935, model 0.929")
def test_model_scores_at_least_the_rules_on_the_heldout_seed(heldout):
    assert heldout["model"] >= heldout["rules"]


def test_the_model_is_found_in_a_checkout_or_where_a_wheel_installs_it(tmp_path):
    from ie.narrative.model import _default_model_dir

    checkout, prefix = tmp_path / "src", tmp_path / "venv"
    installed = prefix / "share" / "ogi-ie" / "models" / "ner-small"
    assert _default_model_dir(checkout, prefix) == checkout / "models" / "ner-small"  # neither: the checkout's
    installed.mkdir(parents=True)
    assert _default_model_dir(checkout, prefix) == installed  # a wheel install
    (checkout / "models" / "ner-small").mkdir(parents=True)
    assert _default_model_dir(checkout, prefix) == checkout / "models" / "ner-small"  # editable wins
