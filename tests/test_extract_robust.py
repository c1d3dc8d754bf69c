"""ie.extract never raises on content and always returns offsets that index the text."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ie
from ie.records import Report
from ie.tables.schema import load_template

LABELS = [m.label for t in ("2014", "2008-local") for m in load_template(t).metrics()]
SECTIONS = [s.label for s in load_template("2014").table("main").sections]
UNITS = ["条", "件", "次", "篇", "个", "人", "人次", "万元", "", "——"]
VALUES = st.one_of(
    st.integers(min_value=-5, max_value=10 ** 7).map(str),
    st.sampled_from(["", "/", "-", "——", "—", "无", " ", "１２", "1,234", "3.5万元", "N/A", "约30", "x"]),
    st.text(alphabet="0123456789.,-/|万元条件() 　\t", max_size=6),
)
SEPARATORS = [" | ", "\t", "    ", " ", "\n", "\n\n", " |\n"]


def check_offsets(report: Report, text: str) -> None:
    assert isinstance(report, Report)
    n = len(text)
    for c in report.cells:
        if c.start is not None:
            assert 0 <= c.start <= c.end <= n and text[c.start:c.end] == c.raw
        if c.label_start is not None:
            assert 0 <= c.label_start <= c.label_end <= n and text[c.label_start:c.label_end] == c.label_raw
    for t in report.triples:
        assert text[t.start:t.end] == t.quantity_text
    for i in report.issues:
        if i.start is not None:
            assert 0 <= i.start <= (i.end if i.end is not None else i.start) <= n
    if report.meta.filled_on_start is not None:
        assert 0 <= report.meta.filled_on_start <= report.meta.filled_on_end <= n
    assert not [i for i in report.issues if i.code == "internal_error"], report.issues


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=400))
def test_arbitrary_text(text):
    check_offsets(ie.extract(text), text)


@st.composite
def random_tables(draw):
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=40))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            label = draw(st.sampled_from(SECTIONS))
        elif kind == 1:
            label = draw(st.text(min_size=1, max_size=12))  # garbage / local rows
        else:
            label = draw(st.sampled_from(LABELS))
        cells = [label]
        if draw(st.booleans()):
            cells.append(draw(st.sampled_from(UNITS)))
        cells += draw(st.lists(VALUES, min_size=0, max_size=3))
        rows.append(draw(st.sampled_from(SEPARATORS)).join(cells))
    head = draw(st.sampled_from(["", "政府信息公开情况统计表\n", "附件\n政府信息公开情况统计表\n(2017年度)\n统计指标 | 单位 | 统计数\n"]))
    tail = draw(st.sampled_from(["", "\n填报日期:2018年1月25日", "\n第 5 页 共 5 页"]))
    prose = draw(st.sampled_from(["", "某县2017年政府信息公开工作年度报告\n2017年,全县主动公开政府信息7221条。\n"]))
    return prose + head + "\n".join(rows) + tail


@FAST
@given(random_tables())
def test_random_tables(text):
    report = ie.extract(text)
    check_offsets(report, text)
    for c in report.cells:
        assert c.value is None or c.raw  # a value always comes from written text
        if c.raw.strip() in ("", "/", "-", "——", "—", "无"):
            assert c.value is None


def test_seeds_never_raise(seed_texts):
    for text in seed_texts.values():
        check_offsets(ie.extract(text), text)
