"""Records round-trip through to_dict/from_dict, and the front door validates its arguments."""
from decimal import Decimal

import pytest

import ie
from ie.records import Cell, Finding, Issue, Meta, NarrativeRef, Report, TableRef, Triple, to_number


def _report() -> Report:
    text = "全市主动公开政府信息484860条。投入资金1.9亿元。"
    return Report(
        text=text,
        meta=Meta(title="吉安市2017年政府信息公开工作年度报告", region="吉安市", year=2017, template="2014"),
        cells=(Cell("a.proactive.total", "一、主动公开情况", "(一)主动公开政府信息数", None, 484860, "484860", "条",
                    10, 16, row=3, col=2, table="main"),
               Cell(None, "八、机构建设和保障经费情况", None, None, Decimal("2.5"), "2.5", "万元", 20, 23),
               Cell("a.x", None, "x", None, None, "/", None, None, None)),
        triples=(Triple("484860条", 10, 17, 484860, "条", False, "count", "主动公开政府信息", 2, 10, "2017"),
                 Triple("1.9亿元", 22, 27, 190000000, "元", False, "money", "投入资金", 18, 22, "2017",
                        metric=None, confidence=0.5, source="model")),
        findings=(Finding("agree", "a.proactive.total", (NarrativeRef(10, 17, 484860),),
                          (TableRef("(一)主动公开政府信息数", None, 484860),), "ok"),),
        issues=(Issue("unknown_row", "row kept without metric", 1, 2),),
    )


def test_report_round_trips_through_dict():
    report = _report()
    data = report.to_dict()
    assert data["schema_version"] == "1"
    assert set(data) >= {"schema_version", "text", "meta", "cells", "triples", "findings", "issues"}
    assert Report.from_dict(data) == report


def test_decimal_values_become_json_numbers():
    data = _report().to_dict()
    assert data["cells"][1]["value"] == 2.5 and isinstance(data["cells"][1]["value"], float)
    assert data["triples"][1]["value"] == 190000000 and isinstance(data["triples"][1]["value"], int)
    assert data["cells"][2]["value"] is None


@pytest.mark.parametrize("raw,expected", [(3, 3), (3.0, 3), ("95.4", Decimal("95.4")), (None, None)])
def test_to_number(raw, expected):
    assert to_number(raw) == expected


@pytest.mark.parametrize("kwargs", [{"year": 1200}, {"year": "2018"}, {"year": True}, {"method": "magic"}])
def test_extract_rejects_bad_settings(kwargs):
    with pytest.raises(ie.SettingsError) as info:
        ie.extract("报告", **kwargs)
    assert repr(list(kwargs.values())[0]) in str(info.value)


def test_extract_rejects_non_text():
    with pytest.raises(ie.SettingsError, match="bytes"):
        ie.extract(b"abc")  # type: ignore[arg-type]
