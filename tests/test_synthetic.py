"""The synthetic generator's constructions for what the model failed on in the dev set: 分别
cross-mapping, letter-spaced text and line breaks inside a quantity, 百分之 percentages, quarters,
year-versus-year comparisons and plan sentences. Each test checks exact spans and relations."""
from __future__ import annotations

import re

import pytest

from ie.numbers import find_quantities, parse_quantity
from ie.segment.normalize import normalize
from ie.training.corpus import load_labels, validate_record
from ie.training.synthetic import Generator, _Builder, generate, load_phrasing


def _span(text: str, e: dict) -> str:
    return text[e["start"]:e["end"]]


def _links(b) -> dict:
    """QTY id -> {"metric": METRIC entity, "period": PERIOD entity} of a builder or record."""
    ents = {e["id"]: e for e in (b.ents if isinstance(b, _Builder) else b["entities"])}
    rels = b.rels if isinstance(b, _Builder) else b["relations"]
    out = {e["id"]: {} for e in ents.values() if e["label"] == "QTY"}
    for r in rels:
        assert r["label"] not in out[r["head"]], "a QTY has one metric and at most one period"
        out[r["head"]][r["label"]] = ents[r["tail"]]
    return out


def _qtys(b: _Builder) -> list:
    return sorted((e for e in b.ents if e["label"] == "QTY"), key=lambda e: e["start"])


def _build(method: str, seed: int, year: int = 2023, period_arg: bool = False) -> _Builder:
    g, b = Generator(seed), _Builder()
    if period_arg:
        getattr(g, method)(b, year, None)
    else:
        getattr(g, method)(b, year)
    rec = {"id": f"{method}-{seed}", "text": b.text, "entities": b.ents, "relations": b.rels}
    assert validate_record(rec) == []
    for e in b.ents:  # spans are exact: never empty, never edged with spaces
        assert _span(b.text, e) and _span(b.text, e) == _span(b.text, e).strip()
    return b


# ------------------------------------------------------------------------------------- 分别


def test_respective_lists_pair_item_k_with_quantity_k():
    p = load_phrasing()
    word = p["respective_word"]
    items = {it for g in p["respective_lists"] for it in g["items"]}
    crossed = with_shares = longest = 0
    for seed in range(300):
        b = _build("_respective_list", seed, period_arg=True)
        text, links = b.text, _links(b)
        at = text.index(word)
        listed = [e for e in b.ents if e["label"] == "METRIC" and _span(text, e) in items]
        listed.sort(key=lambda e: e["start"])
        assert len(listed) >= 2
        before = [q for q in _qtys(b) if q["start"] < at and links[q["id"]]["metric"] in listed]
        after = [q for q in _qtys(b) if q["start"] > at]
        if before:  # own counts, then 分别占 shares: both runs pair in order
            assert len(before) == len(listed) == len(after)
            assert all(_span(text, q).endswith("%") for q in after)
            runs = [before, after]
        else:
            crossed += 1
            assert all(m["end"] <= at for m in listed)  # every item before 分别
            counts = [q for q in after if not _span(text, q).endswith("%")]
            shares = [q for q in after if _span(text, q).endswith("%")]
            assert len(counts) == len(listed) and len(shares) in (0, len(listed))
            runs = [counts] + ([shares] if shares else [])
            # the verb after 分别 is in no span
            first_qty = counts[0]["start"]
            assert not any(e["start"] < first_qty and e["end"] > at for e in b.ents)
        for run in runs:
            assert [links[q["id"]]["metric"]["id"] for q in run] == [m["id"] for m in listed]
        if len(runs) == 2:  # share k divides item k: shares are proportional to the counts
            with_shares += 1
            counts = [float(parse_quantity(normalize(_span(text, q))).value) for q in runs[0]]
            shares = [float(parse_quantity(normalize(_span(text, q))).value) for q in runs[1]]
            for c, sh in zip(counts, shares):
                assert abs(c / sum(counts) - sh / sum(shares)) < 0.02, (counts, shares)
        longest = max(longest, len(listed))
    assert crossed > 150 and with_shares > 30 and longest >= 3


def test_respective_lists_appear_in_generated_records():
    """In whole records: after 分别, the quantities whose metrics are list items take them in order."""
    p = load_phrasing()
    items = {it for g in p["respective_lists"] for it in g["items"]}
    g = Generator(4)
    hits = 0
    for i in range(400):
        rec = g.paragraph(i)
        if not g.last_used["_respective_list"]:
            continue
        hits += 1
        text, links = normalize(rec["text"]), _links(rec)  # traditional characters folded
        assert p["respective_word"] in text
        qs = sorted((e for e in rec["entities"] if e["label"] == "QTY"), key=lambda e: e["start"])
        run = [links[q["id"]]["metric"] for q in qs
               if _span(text, links[q["id"]]["metric"]) in items and not _span(text, q).endswith("%")]
        starts = [m["start"] for m in run]
        assert len(run) >= 2 and starts == sorted(starts)
    assert 20 < hits < 100  # about a tenth of the records


# ------------------------------------------------------------------------- letter spacing


def test_spaced_sentence_keeps_spans_exact():
    b, sub = _Builder(), _Builder()
    m = sub.add("收到政府信息公开申请", "METRIC")
    q = sub.add("123件", "QTY")
    sub.rel(q, m, "metric")
    b.add("2023年,")
    b.extend(sub, lambda t, i: " " if i < len(t) - 1 else None)
    assert b.text == "2023年,收 到 政 府 信 息 公 开 申 请 1 2 3 件"
    assert [_span(b.text, e) for e in b.ents] == ["收 到 政 府 信 息 公 开 申 请", "1 2 3 件"]
    assert b.rels == [{"head": 1, "tail": 0, "label": "metric"}]


def test_generated_spaced_records():
    g = Generator(6)
    full = digits_only = 0
    for i in range(1500):
        rec = g.paragraph(i)
        if not g.last_used["spaced"]:
            continue
        assert validate_record(rec) == []
        text = rec["text"]
        spaced = [e for e in rec["entities"] if e["label"] == "QTY" and re.search(r"[0-9０-９] [0-9０-９.]", _span(text, e))]
        for e in spaced:
            s = _span(text, e)
            assert s == s.strip()
            compact = normalize(re.sub(r" (?=\S)", "", s))
            # the letters of one quantity, nothing more (a bare number has no unit to parse)
            assert compact.isdigit() or parse_quantity(compact) is not None, s
            if re.search(r"[^\d. ] ", s):
                full += 1
            else:
                digits_only += 1
        for e in rec["entities"]:
            assert _span(text, e) == _span(text, e).strip()
    assert full > 20 and digits_only > 3


def test_line_break_inside_a_quantity():
    g = Generator(8)
    seen = []
    for i in range(3000):
        rec = g.paragraph(i)
        if g.last_used["quantity_break"]:
            assert validate_record(rec) == []
            qs = [_span(rec["text"], e) for e in rec["entities"] if e["label"] == "QTY" and "\n" in _span(rec["text"], e)]
            assert len(qs) == 1 and re.search(r"[0-9０-９]\n\D", qs[0])
            q = parse_quantity(normalize(qs[0]))
            assert q is not None and q.value == parse_quantity(normalize(qs[0].replace("\n", ""))).value
            seen.append(qs[0])
    assert len(seen) > 15


# ----------------------------------------------------------------------------- 百分之


def test_chinese_percentages_parse_as_written():
    g = Generator(3)
    forms = [g.chinese_percent() for _ in range(3000)]
    for s in forms:
        q = parse_quantity(s)
        assert q is not None and q.unit == "%" and 0 < q.value <= 100, s
        assert find_quantities("按时办结率为" + s)[0].text == s
        assert not re.match(r"百分之一(点|$)", s)  # ie.numbers does not read 百分之一…
    assert {"百分之百", "百分之一百"} <= set(forms)
    assert any("点" in s for s in forms) and any(s.startswith("百分之零点") for s in forms)
    assert float(parse_quantity("百分之九十八点一").value) == pytest.approx(98.1)


# ------------------------------------------------------------------------------- periods


@pytest.mark.parametrize("span, year, expected", [
    ("一季度", 2023, "2023Q1"), ("第二季度", 2023, "2023Q2"), ("3季度", 2020, "2020Q3"), ("第四季度", 2021, "2021Q4"),
    ("2022年第一季度", 2023, "2022Q1"), ("一 季 度", 2023, "2023Q1"), ("上半年", 2023, "2023"), ("下半年", 2023, "2023"),
    ("2022年", 2023, "2022"), ("2 0 2 2 年", 2023, "2022"), ("12月份", 2017, "2017-12"), ("目前", 2017, "cumulative")])
def test_period_values_of_the_new_spans(span, year, expected):
    assert load_labels().period_value(span, year) == expected


def test_quarter_lists_share_the_first_metric_and_decode_to_quarters():
    scheme = load_labels()
    halves = set(load_phrasing()["quarters"]["halves"])
    kinds = {"list": 0, "single": 0, "halves": 0}
    shared = own = 0
    for seed in range(200):
        b = _build("_quarter_sentence", seed, year=2021)
        links, qs = _links(b), _qtys(b)
        periods = [links[q["id"]].get("period") for q in qs]
        if any(h in b.text for h in halves):
            kinds["halves"] += 1
            assert all(p is None for p in periods)  # no form in the contract: report year, no span
            continue
        values = [scheme.period_value(_span(b.text, p), 2021) for p in periods if p is not None]
        assert values and all(re.fullmatch(r"2021Q[1-4]", v) for v in values)
        dated = [q for q in qs if links[q["id"]].get("period") is not None]
        if len({links[q["id"]]["period"]["id"] for q in dated}) > 1:
            kinds["list"] += 1
            nums = [int(v[-1]) for v in values]
            assert nums == list(range(nums[0], nums[0] + len(nums)))  # consecutive quarters
            first = links[dated[0]["id"]]["metric"]
            assert first["end"] <= dated[0]["start"] and dated[0]["start"] > links[dated[0]["id"]]["period"]["end"]
            later = [links[q["id"]]["metric"] for q in dated[1:]]
            # shared head: a later quarter points at the first metric, or at the metric written again
            for q, m in zip(dated[1:], later):
                assert m["id"] == first["id"] or links[q["id"]]["period"]["end"] <= m["start"] < q["start"]
            shared += sum(m["id"] == first["id"] for m in later)
            own += sum(m["id"] != first["id"] for m in later)
        else:
            kinds["single"] += 1
            # a share of the quarter has the quarter's period and metric
            for q in dated:
                assert links[q["id"]]["metric"]["id"] == links[dated[0]["id"]]["metric"]["id"]
    assert all(n > 10 for n in kinds.values()), kinds
    assert shared > 4 * own > 0


def test_quarter_example_shares_the_head():
    """一季度收到申请12件,二季度15件: the second quantity's metric is the first's span."""
    for seed in range(300):
        b = _build("_quarter_sentence", seed, year=2023)
        links, qs = _links(b), _qtys(b)
        dated = [q for q in qs if links[q["id"]].get("period") is not None]
        if len(dated) >= 3 and len({links[q["id"]]["metric"]["id"] for q in dated}) == 1:
            break
    else:
        pytest.fail("no quarter list with one shared metric")
    m = links[dated[0]["id"]]["metric"]
    assert m["start"] < dated[0]["start"] and m["end"] <= dated[1]["start"]
    p0, p1 = links[dated[0]["id"]]["period"], links[dated[1]["id"]]["period"]
    assert p0["end"] <= m["start"] and m["end"] < p1["start"] < dated[1]["start"]  # each quarter its own span
    assert re.fullmatch(r"2023Q[1-4]", load_labels().period_value(_span(b.text, p1), 2023))


def test_year_comparisons_date_only_the_other_year():
    scheme = load_labels()
    modes = {"bracket": 0, "clauses": 0, "compare": 0}
    for seed in range(200):
        year = 2023
        b = _build("_year_compare", seed, year=year)
        links, qs = _links(b), _qtys(b)
        dated = [q for q in qs if links[q["id"]].get("period") is not None]
        assert len(dated) == 1  # one quantity of the other year; the report year has no span
        p = links[dated[0]["id"]]["period"]
        other = scheme.period_value(_span(b.text, p), year)
        assert other in {"2022", "2021", "2020"}
        assert not any(e["label"] == "PERIOD" and str(year) in _span(b.text, e) for e in b.ents)
        metrics = {links[q["id"]]["metric"]["id"] for q in qs}
        texts = {_span(b.text, links[q["id"]]["metric"]) for q in qs}
        assert len(texts) == 1 or len(metrics) == 2  # one metric, maybe written twice
        if p["start"] == 0:  # 2022年收到申请71件,2023年收到申请84件
            modes["clauses"] += 1
            assert len(qs) == 2 and dated[0] is qs[0]
        elif p["start"] > dated[0]["end"]:  # 5120条(2022年)、6033条(2023年)
            modes["bracket"] += 1
            assert b.text[dated[0]["end"]] in "(（" and len(qs) == 2 and len(metrics) == 1
        else:  # …84件,较上年(2022年)的71件增加13件: the base is dated, the changes keep the report year
            modes["compare"] += 1
            assert qs[0]["start"] < p["start"] < dated[0]["start"] and dated[0] is qs[1]
            assert len(qs) in (3, 4) and len(metrics) == 1
    assert all(n > 20 for n in modes.values()), modes


def test_plan_sentences_date_every_quantity_to_the_plan_year():
    scheme = load_labels()
    dated = undated = 0
    for seed in range(150):
        b = _build("_plan_sentence", seed, year=2023)
        links, qs = _links(b), _qtys(b)
        assert qs
        periods = {links[q["id"]].get("period", {}).get("id") for q in qs}
        assert len(periods) == 1
        if periods == {None}:
            undated += 1
            assert not any(e["label"] == "PERIOD" for e in b.ents)
        else:
            dated += 1
            p = links[qs[0]["id"]]["period"]
            assert _span(b.text, p) == "2024年" and scheme.period_value("2024年", 2023) == "2024"
            assert p["start"] < qs[0]["start"]
        for q in qs:
            assert parse_quantity(_span(b.text, q)) is not None
    assert dated > 90 and undated > 10


def test_new_constructions_keep_generation_deterministic_and_valid():
    a, b = generate(300, seed=12), generate(300, seed=12)
    assert a == b
    assert all(validate_record(r) == [] for r in a)
    g1, g2 = Generator(12), Generator(12)
    assert [(g1.paragraph(i), dict(g1.last_used))[1] for i in range(50)] == \
        [(g2.paragraph(i), dict(g2.last_used))[1] for i in range(50)]


def test_plan_lists_date_items_outside_their_sentence_only_when_the_plan_is_future():
    from ie.narrative.model import number_windows, window_heads

    scheme = load_labels()
    future = past = in_other_sentence = 0
    for seed in range(200):
        b = _build("_plan_list", seed, year=2023)
        links, qs = _links(b), _qtys(b)
        assert qs
        periods = [e for e in b.ents if e["label"] == "PERIOD"]
        if periods:
            future += 1
            (p,) = periods
            assert _span(b.text, p) == "2024年" and scheme.period_value("2024年", 2023) == "2024"
            assert all(links[q["id"]]["period"] is p for q in qs)
            assert "将" in b.text[:b.text.index(":")] or "计划" in b.text[:b.text.index(":")]
            windows = number_windows(b.text, 126)
            for (s, e), h in zip(windows, window_heads(b.text, windows, 32)):
                if any(s <= q["start"] < e for q in qs) and not s <= p["start"] < e:
                    in_other_sentence += 1
                    assert h and h[0] <= p["start"] and p["end"] <= h[1]  # the model still sees the year
        else:
            past += 1
            assert b.text.startswith("2023年") and all("period" not in links[q["id"]] for q in qs)
        for q in qs:
            assert parse_quantity(_span(b.text, q)) is not None
    assert future > 120 and past > 25 and in_other_sentence > 100


def test_plan_lists_appear_in_generated_records():
    g = Generator(3)
    n = sum(g.paragraph(i) is not None and g.last_used.get("_plan_list", 0) for i in range(2000))
    assert 40 < n < 250
