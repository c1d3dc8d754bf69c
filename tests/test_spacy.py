"""The spaCy component: entities aligned to jieba tokens, triples on the doc, displaCy renders them."""
from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

import ie  # noqa: E402
from ie.errors import SettingsError  # noqa: E402
from ie.integrations.spacy import LABELS, make_ogi_triples  # noqa: E402

SEED = Path(__file__).resolve().parents[1] / "corpus" / "reports" / "002_e9fe4faf6c2b1375.txt"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("ogi_triples")
    return nlp


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(SEED.read_text(encoding="utf-8"))


def test_triples_are_the_core_extraction(doc):
    assert doc._.triples == ie.extract(doc.text).triples
    assert doc._.ogi_report.meta.year == 2017


def test_ents_cover_the_triples(doc):
    assert {e.label_ for e in doc.ents} <= set(LABELS)
    qty = [e for e in doc.ents if e.label_ == "QTY"]
    assert len(qty) >= 0.8 * len(doc._.triples)
    for e in qty:  # every QTY entity covers (at least) one triple's quantity span
        assert any(e.start_char <= t.start and t.end <= e.end_char for t in doc._.triples), e.text
    for t in doc._.triples:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        assert span is not None
    ends = [(e.start, e.end) for e in doc.ents]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))  # sorted, no overlaps


def test_a_known_triple_becomes_entities(nlp):
    doc = nlp("上高县2017年政府信息公开工作年度报告\n2017年,全县主动公开政府信息7221条。")
    assert [(e.text, e.label_) for e in doc.ents] == [("主动公开政府信息", "METRIC"), ("7221条", "QTY")]


def test_displacy_renders_the_entities(doc):
    from spacy import displacy

    from ie.integrations.spacy import DISPLACY_OPTIONS

    html = displacy.render(doc, style="ent", options=DISPLACY_OPTIONS)
    assert "QTY" in html and "METRIC" in html and "7221条" in html


def test_config_method_and_year():
    nlp = spacy.blank("zh")
    nlp.add_pipe("ogi_triples", config={"method": "rules", "year": 2016})
    doc = nlp("2017年,全县主动公开政府信息7221条。")
    assert doc._.ogi_report.meta.year == 2016
    with pytest.raises(SettingsError, match="'magic'"):
        spacy.blank("zh").add_pipe("ogi_triples", config={"method": "magic"})


def test_registered_through_the_entry_point():
    eps = [ep for ep in entry_points(group="spacy_factories") if ep.name == "ogi_triples"]
    assert len(eps) == 1 and eps[0].value == "ie.integrations.spacy:make_ogi_triples"
    assert eps[0].load() is make_ogi_triples


def test_no_text_no_ents(nlp):
    doc = nlp("")
    assert doc.ents == () and doc._.triples == ()


def test_docbin_round_trip_keeps_triples(doc):
    from spacy.tokens import DocBin

    data = DocBin(docs=[doc], store_user_data=True).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(doc.vocab)
    assert back._.triples == doc._.triples and back._.ogi_report.cells == doc._.ogi_report.cells
