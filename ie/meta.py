"""Report metadata: title, region, year, template, statistics period and table filling date.

``extract_meta(text, norm, *, year=None, template=None, table_spans=(), issues=None) -> Meta``

* ``title``: the first title-like line near the top, skipping web and document-site chrome
  ("您现在的位置:首页 >> …", "发布时间:…") and without markdown marks ("# "); a title may end in a
  bracketed year ("…年度报告(2020年度)") or open a long line whose body follows after a space
  (one-line scrapes); a title quoted in a site blurb (《2022年…年度报告.docx》) is used when no line
  is a title.
* ``region``: the most specific place that issues the report, written with its parents as the title
  writes them: the run of consecutive administrative units that opens the issuer (宣威市, 广州市天河区,
  温州市 for 温州市人力资源和社会保障局, 台州市 for 台州市市场监督管理局), or the run right after an
  agency prefix (宁波市 for 国家税务总局宁波市税务局); brackets and markup around the year or issuer
  are skipped (【2022年】衢州市柯城区人民政府… gives 衢州市柯城区). Else the region name the body uses
  most in report-like contexts ("由上高县人民政府办公室编制").
* ``year``: the caller's ``year`` wins; else the title's year; else the statistics period
  ("统计期限自2017年1月1日起,至2017年12月31日止"); else the dominant year phrase of the text.
* ``period_start``/``period_end`` (ISO) from the statistics period; ``filled_on`` (ISO) with its
  offsets from the table's 填报日期.

Every pattern (chrome, title endings, region suffixes, keywords) is data in
``ie/resources/meta_patterns.yaml``. Problems (no year found, caller year differs from the text)
are appended to ``issues``; nothing raises on content.

>>> m = extract_meta("吉安市2017年政府信息公开工作年度报告\\n统计期限自2017年1月1日至2017年12月31日。",
...                  "吉安市2017年政府信息公开工作年度报告\\n统计期限自2017年1月1日至2017年12月31日。")
>>> m.title, m.region, m.year, m.period_start, m.period_end
('吉安市2017年政府信息公开工作年度报告', '吉安市', 2017, '2017-01-01', '2017-12-31')
"""
from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from functools import lru_cache
from typing import Optional

from ie.records import Issue, Meta
from ie.resources import load_resource

@lru_cache(maxsize=1)
def _pat() -> dict:
    data = load_resource("meta_patterns.yaml")
    comp = lambda key: tuple(re.compile(p) for p in data[key])  # noqa: E731
    suffixes = "|".join(sorted(map(re.escape, data["region_suffixes"]), key=len, reverse=True))
    agency = "|".join(map(re.escape, data["issuer_agency_words"]))
    not_suffix = "|".join(f"(?<={re.escape(w[0])}){re.escape(w[1:])}" for w in data["region_not_suffix_words"])
    unit = rf"(?:(?!{agency})[\u4e00-\u9fff]){{1,8}}?(?:{suffixes})(?!{not_suffix})"
    leaders = "|".join(map(re.escape, data["region_leaders"]))
    followers = "|".join(f"(?:{f})" for f in data["region_followers"])
    return {
        "chrome": comp("chrome_patterns"),
        "title": comp("title_line_patterns"),
        "quoted": re.compile(data["quoted_title_pattern"]),
        "title_max": data["title_max_chars"],
        "title_trim": comp("title_trim_patterns"),
        "title_prefix": re.compile(data["title_prefix_pattern"]),
        "agency": re.compile(agency),
        "issuer_trim": data["issuer_trim_chars"],
        "title_lines": data["title_search_lines"],
        "issuer_unit": re.compile(rf"^(?:{unit})"),
        "body_region": re.compile(rf"(?:^|[\s,.;:、()《》\"“”]|{leaders})((?:{unit}){{1,3}}?)(?={followers})",
                                  re.M),
        "leaders": tuple(sorted(data["region_leaders"], key=len, reverse=True)),
        "stop": frozenset(data["region_stopwords"]),
        "year_digits": data["year_digits"],
        "period_kw": tuple(data["period_keywords"]),
        "period_window": data["period_window"],
        "year_phrases": comp("year_phrase_patterns"),
        "filled_on": comp("filled_on_patterns"),
        "date": re.compile(data["date_pattern"]),
        "year": re.compile(data["year_pattern"]),
        "cjk_year": re.compile(data["cjk_year_pattern"]),
        "year_tail": data["year_tail_chars"],
    }


def _iso(m: re.Match) -> Optional[str]:
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def _year_of(s: str) -> Optional[int]:
    """The first year written in ``s`` (Arabic or Chinese numerals), or None.

    >>> _year_of("宣威市2018年政府信息公开年度工作报告"), _year_of("二〇一八年度报告")
    (2018, 2018)
    """
    m = _pat()["year"].search(s)
    if m:
        return int(m.group(1))
    m = _pat()["cjk_year"].search(s)
    if m:
        digits = _pat()["year_digits"]
        y = int("".join(str(digits[ch]) for ch in m.group(1)))
        return y if 1990 <= y <= 2100 else None
    return None


def _is_chrome(line: str) -> bool:
    return any(p.search(line) for p in _pat()["chrome"])


def find_title(text: str, norm: str, table_spans=()) -> tuple:
    """(title, start, end) of the report title, or (None, None, None).

    A whole line that is a title wins; else a title quoted in a site blurb; else a title that opens
    a longer line.
    """
    pat = _pat()
    seen = 0
    pos = 0
    quoted = prefixed = None
    for line in norm.split("\n"):
        start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        if any(s <= start < e for s, e in table_spans):
            break
        seen += 1
        if seen > pat["title_lines"]:
            break
        if quoted is None:
            q = pat["quoted"].search(line)
            if q:
                quoted = (text[start + q.start(1):start + q.end(1)], start + q.start(1), start + q.end(1))
        s = start + line.index(stripped)
        t_start, t_end = _trim_title(norm, s, s + len(stripped))
        if not _is_chrome(stripped) and t_end - t_start <= pat["title_max"] and _is_title(norm[t_start:t_end]):
            return text[t_start:t_end], t_start, t_end
        m = pat["title_prefix"].match(stripped)
        if prefixed is None and m and not _is_chrome(m.group(1)) and _is_title(m.group(1)):
            p_start, p_end = _trim_title(norm, s + m.start(1), s + m.end(1))
            prefixed = (text[p_start:p_end], p_start, p_end)  # "标题 正文……" on one line
    return quoted or prefixed or (None, None, None)


def _trim_title(norm: str, start: int, end: int) -> tuple:
    """(start, end) of a title line without its markup ("# 标题", "**标题**")."""
    for p in _pat()["title_trim"]:
        m = p.search(norm[start:end])
        if m and m.start() == 0 and m.end() < end - start:
            start += m.end()
        elif m and m.end() == end - start and m.start() > 0:
            end = start + m.start()
    return start, end


def _is_title(s: str) -> bool:
    return any(p.search(s) for p in _pat()["title"])


def region_of_issuer(title: str) -> Optional[str]:
    """The region at the start of a title, cut at its last consecutive administrative unit.

    >>> region_of_issuer("宣威市2018年政府信息公开年度工作报告"), region_of_issuer("广州市天河区人民政府2019年报告")
    ('宣威市', '广州市天河区')
    >>> region_of_issuer("2022年市政府信息公开工作年度报告") is None, region_of_issuer("2018年全县政府信息公开工作报告")
    (True, None)
    >>> region_of_issuer("2018年度南华县政府信息公开工作年度报告")
    '南华县'
    """
    from ie.segment.normalize import normalize

    pat = _pat()
    trim = pat["issuer_trim"]
    s = normalize(title).strip()
    year = pat["year"].search(s) or pat["cjk_year"].search(s)
    issuer = (s[:year.start()] if year else s).strip(trim)
    if not issuer and year is not None:  # "2018年某某县政府信息公开…", "【2022年】某某区人民政府…"
        issuer = s[year.end():].lstrip(pat["year_tail"]).strip(trim)
    return _issuer_region(issuer)


def _issuer_region(issuer: str) -> Optional[str]:
    """The first run of units in ``issuer`` at its start or right after an agency word.

    >>> _issuer_region("国家统计局绍兴调查队"), _issuer_region("国家税务总局丽水市莲都区税务局")
    (None, '丽水市莲都区')
    """
    unit = _pat()["issuer_unit"]
    starts = [0] + [m.end() for m in _pat()["agency"].finditer(issuer)]
    for k in starts:
        region = _leading_units(issuer[k:], unit)
        if region is not None:
            return region
    return None


def _leading_units(s: str, unit: re.Pattern) -> Optional[str]:
    stop = _pat()["stop"]
    region, rest = "", s
    while True:
        m = unit.match(rest)
        if not m or m.group(0) in stop:
            break
        region += m.group(0)
        rest = rest[m.end():]
    return region or None


def _strip_leaders(region: str) -> str:
    """Cut a candidate after the last leading word (由, 编制 …) inside it: "本报告由上高县" -> "上高县"."""
    cut = 0
    for lead in _pat()["leaders"]:
        k = region.rfind(lead)
        if k >= 0 and len(region) - (k + len(lead)) >= 2:
            cut = max(cut, k + len(lead))
    return region[cut:]


def region_from_body(norm: str, table_spans=()) -> Optional[str]:
    """The region the body names most often in report-like contexts, or None.

    >>> region_from_body("本报告由上高县人民政府办公室编制。2017年上高县按照要求")
    '上高县'
    """
    counts: Counter = Counter()
    first: dict = {}
    for m in _pat()["body_region"].finditer(norm):
        if any(s <= m.start(1) < e for s, e in table_spans):
            continue
        r = _strip_leaders(m.group(1))
        if not r or r in _pat()["stop"] or len(r) < 2:
            continue
        counts[r] += 1
        first.setdefault(r, m.start(1))
    if not counts:
        return None
    return max(counts, key=lambda r: (counts[r], -first[r]))


def find_period(text: str, norm: str) -> tuple:
    """(start ISO, end ISO, year) of the statistics period, or (None, None, None)."""
    pat = _pat()
    for kw in pat["period_kw"]:
        for k in re.finditer(re.escape(kw), norm):
            window = norm[k.end():k.end() + pat["period_window"]]
            dates = list(pat["date"].finditer(window))
            if len(dates) >= 2:
                a, b = _iso(dates[0]), _iso(dates[1])
                if a and b and a <= b:
                    return a, b, int(b[:4])
    return None, None, None


def find_filled_on(text: str, norm: str) -> tuple:
    """(ISO date, start, end) of the table's 填报日期, or (None, None, None)."""
    pat = _pat()
    for p in pat["filled_on"]:
        for m in p.finditer(norm):
            d = pat["date"].match(norm, m.end())
            if d and _iso(d):
                return _iso(d), d.start(), d.end()
    return None, None, None


def dominant_year(norm: str, table_spans=()) -> Optional[int]:
    """The year most often named in report-year phrases ("(2017年度)", "2018年,我市…").

    >>> dominant_year("2018年,我市推进公开。2018年度政府信息公开……2017年,曾经")
    2018
    """
    counts: Counter = Counter()
    for p in _pat()["year_phrases"]:
        for m in p.finditer(norm):
            if any(s <= m.start() < e for s, e in table_spans):
                continue
            counts[int(m.group(1))] += 1
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def extract_meta(text, norm, *, year=None, template=None, table_spans=(), issues=None) -> Meta:
    """Metadata of one report (see the module docstring). ``issues`` (a list) receives problems."""
    issues = issues if issues is not None else []
    title, _, _ = find_title(text, norm, table_spans)
    region = region_of_issuer(title) if title else None
    if region is None:
        region = region_from_body(norm, table_spans)
    period_start, period_end, period_year = find_period(text, norm)
    text_year = _year_of(title) if title else None
    if text_year is None:
        text_year = period_year
    if text_year is None:
        text_year = dominant_year(norm, table_spans)
    if year is not None and text_year is not None and year != text_year:
        issues.append(Issue("meta_year_mismatch", f"year={year} given by the caller, but the text says {text_year}"))
    final_year = year if year is not None else text_year
    if final_year is None:
        issues.append(Issue("meta_no_year", "no report year found in the title, statistics period or text"))
    filled_on, f_start, f_end = find_filled_on(text, norm)
    return Meta(title=title, region=region, year=final_year, template=template, period_start=period_start,
                period_end=period_end, filled_on=filled_on, filled_on_start=f_start, filled_on_end=f_end)
