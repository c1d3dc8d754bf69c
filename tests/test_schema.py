"""Schema loader: bundled templates load, and every kind of broken file names file, key and value."""
from __future__ import annotations

import json
import textwrap

import pytest

from ie.errors import ResourceError
from ie.tables.schema import all_templates, load_template, load_template_file, template_ids

GOOD = textwrap.dedent("""\
    template: "t"
    markers: [主动公开政府信息数]
    tables:
      - id: main
        sections:
          - label: 三、依申请公开情况
            metrics:
              - {id: x.total, label: (一)收到申请数, unit: 件, children: [x.a, x.b], identity: required}
              - {id: x.a, label: 1.当面申请数, unit: 件}
              - {id: x.b, label: 2.网络申请数, unit: 件}
    identities:
      - {id: I1, lhs: [x.total], rhs: [x.a, x.b], relation: "=", status: required}
    """)


def write(tmp_path, text: str):
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file_loads(tmp_path):
    t = load_template_file(write(tmp_path, GOOD))
    assert t.metric("x.total").children == ("x.a", "x.b")
    assert t.metric("x.a").section == "三、依申请公开情况"
    assert t.identities[0].relation == "="


@pytest.mark.parametrize("old,new,key,value", [
    ("id: x.b,", "id: x.a,", "metrics[2].id", "x.a"),                                 # duplicate id
    ("children: [x.a, x.b]", "children: [x.a, x.zz]", "children[1]", "x.zz"),         # dangling child
    ("rhs: [x.a, x.b]", "rhs: [x.a, x.nope]", "identities[0].rhs[1]", "x.nope"),      # dangling operand
    ("label: 1.当面申请数, unit: 件", "label: 1.当面申请数, unit: 斤", "metrics[1].unit", "斤"),  # unknown unit
    ('relation: "="', 'relation: "~"', "identities[0].relation", "~"),
    ("identity: required", "identity: maybe", "metrics[0].identity", "maybe"),
])
def test_broken_file_names_file_key_value(tmp_path, old, new, key, value):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(ResourceError) as info:
        load_template_file(path)
    err = info.value
    assert err.file == str(path)
    assert key in err.key
    assert err.value == value
    assert str(path) in str(err) and repr(value) in str(err)


def test_bad_yaml_syntax_names_file(tmp_path):
    path = write(tmp_path, "template: [unclosed\n")
    with pytest.raises(ResourceError) as info:
        load_template_file(path)
    assert info.value.file == str(path)


def test_unknown_column_in_column_identity(tmp_path):
    text = GOOD.replace("    sections:", "    columns: [{id: np, label: 自然人}]\n"
                        "    column_identities: [{parent: total, children: [np]}]\n    sections:")
    with pytest.raises(ResourceError) as info:
        load_template_file(write(tmp_path, text))
    assert info.value.value == "total" and "column_identities[0].parent" in info.value.key


def test_unknown_template_id():
    with pytest.raises(ResourceError) as info:
        load_template("1999")
    assert info.value.value == "1999"


def test_bundled_templates_load_and_are_cached():
    assert "2014" in template_ids() and "2008-local" in template_ids()
    assert load_template("2014") is load_template("2014")
    ids = [t.id for t in all_templates()]
    assert ids == sorted(ids)


def test_2014_labels_equal_gold_labels(gold_tables):
    """Every gold row label is the official label of exactly one metric of the 2014 schema, in its section."""
    t = load_template("2014")
    by_section_label = {(m.section, m.label): m for m in t.metrics()}
    rows = next(iter(gold_tables.values()))["rows"]
    assert len(rows) == 58
    for row in rows:
        m = by_section_label[(row["section"], row["label"])]
        assert m.unit == row["unit"], row["label"]
    required = [m for m in t.metrics() if not m.optional]
    assert len(required) == 58


def test_2014_section_valued_rows_are_metrics():
    t = load_template("2014")
    for mid in ("a.review.total", "a.litigation.total", "a.complaint.total", "a.fees"):
        m = t.metric(mid)
        assert m.label == m.section


def test_2014_identity_statuses():
    t = load_template("2014")
    assert t.metric("a.org.staff").identity == "required"
    assert t.metric("a.request.answered").identity == "usually"  # A3
    assert t.metric("a.request.refused").identity == "usually"  # A4
    assert {i.id: i.status for i in t.identities} == {"A5": "usually", "A12": "usually", "A14": "usually"}
    assert json.dumps([m.id for m in t.metrics()])  # ids are plain strings
