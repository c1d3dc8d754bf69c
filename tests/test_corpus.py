"""The annotated corpus: one JSONL format, converters, splits, datasets loader, synthetic data."""
from __future__ import annotations

import json

import pytest

from ie.training.corpus import (features, from_doccano, from_label_studio, from_seed_triples, load_dataset,
                                load_labels, load_split, read_jsonl, read_manifest, to_doccano, to_label_studio,
                                to_seed_triples, validate_record)
from ie.training.synthetic import chinese_numeral, generate

from conftest import GOLD, ROOT, seed_text

HELD_OUT = "001_6202dfbafd518d6c"


@pytest.fixture(scope="module")
def gold_rows():
    return [json.loads(line) for line in (GOLD / "seed_triples.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def seed_records(gold_rows):
    docs = sorted({r["doc"] for r in gold_rows})
    return from_seed_triples(gold_rows, {d: seed_text(d) for d in docs})


def test_label_scheme_is_one_file():
    s = load_labels()
    assert s.entities == ("QTY", "METRIC", "PERIOD")
    assert s.tags == ["O", "B-QTY", "I-QTY", "B-METRIC", "I-METRIC", "B-PERIOD", "I-PERIOD"]
    assert s.relations == {"metric": ("QTY", "METRIC"), "period": ("QTY", "PERIOD")}


@pytest.mark.parametrize("span, year, expected", [
    ("12月份", 2017, "2017-12"), ("目前", 2017, "cumulative"), ("现在", 2018, "cumulative"),
    ("原来", 2018, "cumulative"), (None, 2022, "2022"), (None, None, "unknown"),
    ("上年", 2019, "2018"), ("去年", 2019, "2018"), ("上年", None, "unknown")])
def test_period_values(span, year, expected):
    assert load_labels().period_value(span, year) == expected


def test_seed_gold_round_trips_exactly(gold_rows, seed_records):
    assert [r for rec in seed_records for r in to_seed_triples(rec)] == gold_rows
    for rec in seed_records:
        assert validate_record(rec) == []


def test_bundled_seed_corpus_matches_the_gold(seed_records):
    assert read_jsonl(ROOT / "corpus" / "annotated" / "seeds.jsonl") == seed_records


def test_period_spans_follow_the_guidelines(seed_records):
    periods = {(rec["id"], rec["text"][e["start"]:e["end"]]) for rec in seed_records for e in rec["entities"]
               if e["label"] == "PERIOD"}
    assert (HELD_OUT, "12月份") in periods and (HELD_OUT, "原来") in periods and (HELD_OUT, "现在") in periods
    assert ("002_e9fe4faf6c2b1375", "目前") in periods


def test_doccano_and_label_studio_round_trip(seed_records):
    rec = seed_records[0]
    strip = lambda r: {"text": r["text"], "entities": [(e["start"], e["end"], e["label"]) for e in r["entities"]],
                       "relations": r["relations"]}
    assert strip(from_doccano(to_doccano(rec))) == strip(rec)
    assert strip(from_label_studio(to_label_studio([rec]))[0]) == strip(rec)
    old_style = from_doccano({"id": 3, "text": "收到申请7件", "label": [[4, 6, "QTY"], [0, 4, "METRIC"]]})
    assert [(e["label"], e["start"]) for e in old_style["entities"]] == [("QTY", 4), ("METRIC", 0)]


def test_validate_record_names_problems():
    bad = {"id": "x", "text": "收到7件", "entities": [{"id": 0, "start": 2, "end": 9, "label": "QTY"},
                                                    {"id": 1, "start": 0, "end": 2, "label": "WHAT"}],
           "relations": [{"head": 1, "tail": 0, "label": "metric"}]}
    problems = " ".join(validate_record(bad))
    assert "outside text" in problems and "WHAT" in problems and "must join" in problems


def test_splits_are_manifests_and_hold_out_a_whole_seed():
    train = read_manifest(ROOT / "corpus" / "splits" / "train.txt")
    test = read_manifest(ROOT / "corpus" / "splits" / "test.txt")
    assert test == [HELD_OUT] and HELD_OUT not in train
    recs = load_split(ROOT / "corpus" / "splits" / "test.txt", ["corpus/annotated/seeds.jsonl"], root=ROOT)
    assert [r["id"] for r in recs] == [HELD_OUT]


def test_datasets_loader_has_explicit_features(seed_records):
    ds = load_dataset(seed_records)
    assert ds.features == features()
    assert len(ds) == 5 and ds[1]["meta"]["doc"] == HELD_OUT
    assert ds[1]["entities"][0]["label"] == "QTY"


def test_synthetic_is_deterministic_and_valid():
    a, b = generate(40, seed=7), generate(40, seed=7)
    assert a == b and a != generate(40, seed=8)
    for rec in a:
        assert validate_record(rec) == []


def test_synthetic_covers_the_phenomena():
    recs = generate(600, seed=3)
    text = "".join(r["text"] for r in recs)
    qtys = [r["text"][e["start"]:e["end"]] for r in recs for e in r["entities"] if e["label"] == "QTY"]
    assert any("万" in q for q in qtys) and any(q.endswith("%") for q in qtys)
    assert any(q[0] in "一二三四五六七八九十两" for q in qtys)  # Chinese numerals
    assert any(w in q for q in qtys for w in ("余", "多", "以上", "约", "近"))  # approximation
    assert any("\uff10" <= c <= "\uff19" for c in text)  # full-width digits
    assert any(c in text for c in "開員報據")  # traditional characters
    assert any(r["text"][e["start"]:e["end"]] in ("目前", "现在", "原来") for r in recs for e in r["entities"])
    assert any(r["text"][e["start"]:e["end"]] in ("上年", "去年") for r in recs for e in r["entities"]
               if e["label"] == "PERIOD")  # a prior-year value named by a word (较上年的71件)
    # shares/changes point back: some METRIC has two QTYs
    assert any(len([x for x in r["relations"] if x["label"] == "metric"]) >
               len({x["tail"] for x in r["relations"] if x["label"] == "metric"}) for r in recs)


@pytest.mark.parametrize("n, written", [(1, "一"), (10, "十"), (12, "十二"), (40, "四十"), (305, "三百零五")])
def test_chinese_numerals(n, written):
    assert chinese_numeral(n) == written


def test_period_spans_for_plan_years_and_quarters():
    from ie.training.corpus import from_seed_triples, iter_qty_links

    text = ("2023年收到申请84件,办结80件。其中第四季度收到申请30件。\n2024年,我局将新增公开目录事项20项;组织培训两次。\n"
            "2025年,我局将:\n(一)开展督查三次。")

    def row(q, metric, period):
        s, m = text.index(q), text.index(metric)
        return {"doc": "d", "quantity_text": q, "start": s, "end": s + len(q), "value": 0, "unit": "",
                "approx": False, "metric_text": metric, "metric_start": m, "metric_end": m + len(metric),
                "period": period, "kind": "count"}

    rows = [row("84件", "收到申请", "2023"), row("80件", "办结", "2023"), row("30件", "第四季度收到申请", "2023Q4"),
            row("20项", "新增公开目录事项", "2024"), row("两次", "组织培训", "2024"), row("三次", "开展督查", "2025")]
    rows[2].update(metric_text="收到申请", metric_start=text.index("收到申请30"), metric_end=text.index("收到申请30") + 4)
    rec = from_seed_triples(rows, {"d": text})[0]
    assert rec["meta"]["year"] == 2023  # the year most rows carry, not the first row's
    spans = {text[q["start"]:q["end"]]: (text[p["start"]:p["end"]] if p else None) for q, _, p in iter_qty_links(rec)}
    # the report year gets no span; a plan year is found across the semicolon or in the clause heading a list
    # whose items have lines of their own; a quarter in its sentence
    assert spans == {"84件": None, "80件": None, "30件": "第四季度", "20项": "2024年", "两次": "2024年",
                     "三次": "2025年"}
    p = next(p for q, _, p in iter_qty_links(rec) if text[q["start"]:q["end"]] == "三次")
    assert p["start"] == text.index("2025年")


def test_a_prior_year_value_named_without_its_year_gets_the_word_as_period_span():
    from ie.training.corpus import from_seed_triples, iter_qty_links, to_seed_triples

    text = "全年收到申请84件，较上年的71件增加13件；比上年增加2件。"

    def row(q, period, kind="count"):
        s, m = text.index(q), text.index("收到申请")
        return {"doc": "d", "quantity_text": q, "start": s, "end": s + len(q), "value": 0, "unit": "件",
                "approx": False, "metric_text": "收到申请", "metric_start": m, "metric_end": m + 4,
                "period": period, "kind": kind}

    rows = [row("84件", "2023"), row("71件", "2022"), row("13件", "2023", "change"), row("2件", "2023", "change")]
    rec = from_seed_triples(rows, {"d": text}, years={"d": 2023})[0]
    spans = {text[q["start"]:q["end"]]: (text[p["start"]:p["end"]] if p else None) for q, _, p in iter_qty_links(rec)}
    # only the prior-year value is linked; the changes (report year) get no span
    assert spans == {"84件": None, "71件": "上年", "13件": None, "2件": None}
    # decoding the span alone gives the prior year back
    for q in rec["entities"]:
        q["attrs"] = None
    assert [r["period"] for r in to_seed_triples(rec)] == ["2023", "2022", "2023", "2023"]
