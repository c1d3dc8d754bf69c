"""Synthetic report sentences with exact QTY / METRIC / PERIOD spans and relations.

Phrasing and lexicons live in ``ie/resources/synthetic/phrasing.yaml``; this module only knows the
constructions seen in real reports:

* metric before the number (``主动公开政府信息484860条``), number before the noun
  (``召开60场新闻发布会``), lists sharing one verb (only the first metric keeps the verb), parent totals
  with sub-items (``其中当面申请10件``), changes and shares that point back at the metric they change
  or divide, percentages as levels (``按时办结率达100%``), money with 万/亿 (``1.9亿元``);
* numbers as Arabic or Chinese numerals, with 万/亿, approximation words, full-width digits;
* 分别 cross-mapping (``网站、微信和微博分别发布4512条、3025条和2339条``: item k is quantity k's
  metric) and 分别 shares (``分别占45.5%、9.0%和29.3%``);
* standing totals (``目前``/``现在``), months (``12月份``), quarters (``一季度…,二季度…``: the later
  quarters share the first one's metric), other years (``较上年(2022年)的71件``) and plan years
  (``2024年,我局将…``) as PERIOD spans; half years (``上半年``) get none (the contract has no form);
* percentages as ``百分之九十八点一``;
* unlabelled distractors (dates, document numbers, hotlines, slogans, ordinals, report structure);
* noise: page residue, stray spaces, traditional characters, letter-spaced sentences as pdftotext
  leaves them (``收 到 申 请 1 2 3 件``) and a line break inside a quantity (``6843\n条``).

``Generator.last_used`` counts the constructions of the last record (method names, plus ``spaced``
and ``quantity_break``).

Deterministic for a given seed.

>>> recs = generate(3, seed=1)
>>> all(not validate_record(r) for r in recs), recs[0]["meta"]["source"]
(True, 'synthetic')
"""
from __future__ import annotations

import random
import re
from collections import Counter
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

import yaml

from ie.resources import load_resource, resource_path
from ie.training.corpus import validate_record


@lru_cache(maxsize=1)
def load_phrasing() -> dict:
    """The phrasing lexicons (``ie/resources/synthetic/phrasing.yaml``)."""
    with open(resource_path("synthetic/phrasing.yaml"), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=1)
def _simp_to_trad() -> Dict[str, str]:
    out: Dict[str, str] = {}
    with open(resource_path("t2s_chars.tsv"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or "\t" not in line:
                continue
            trad, simp = line.rstrip("\n").split("\t")
            if trad != simp:
                out.setdefault(simp, trad)
    return out


@lru_cache(maxsize=1)
def _numeral_words() -> Tuple[str, Dict[int, str], str]:
    """(digits 0-9, {10: 十, 100: 百, 1000: 千, 10000: 万}, the variant of 2): the first written form of
    each value in ``numerals.yaml``, and the phrasing file's variant of 2."""
    num = load_resource("numerals.yaml")
    first: Dict[int, str] = {}
    for key in ("digits", "multipliers", "scales"):
        for word, value in num[key].items():
            first.setdefault(int(value), str(word))
    digits = "".join(first[d] for d in range(10))
    return digits, {v: first[v] for v in (10, 100, 1000, 10000)}, load_phrasing()["numeral_two_variant"]


@lru_cache(maxsize=1)
def _percent_words() -> Tuple[str, str]:
    """(the word written before a Chinese-numeral percentage, the decimal point inside it), from
    ``numerals.yaml`` (the forms :mod:`ie.numbers` reads)."""
    num = load_resource("numerals.yaml")
    return str(num["percent_words"][0]), str(num["decimal_point"])


def chinese_numeral(n: int, rng: Optional[random.Random] = None) -> str:
    """Write 0..9999 in Chinese numerals (两 sometimes for 2 when ``rng`` says so).

    >>> chinese_numeral(12), chinese_numeral(20), chinese_numeral(305), chinese_numeral(3)
    ('十二', '二十', '三百零五', '三')
    """
    digits, mult, two = _numeral_words()
    if n < 10:
        return two if n == 2 and rng is not None and rng.random() < 0.3 else digits[n]
    if n < 20:
        return mult[10] + (digits[n % 10] if n % 10 else "")
    out = ""
    units = [(1000, mult[1000]), (100, mult[100]), (10, mult[10]), (1, "")]
    zero = False
    for size, name in units:
        d = (n // size) % 10
        if d:
            if zero and out:
                out += digits[0]
            out += digits[d] + name
            zero = False
        elif out:
            zero = True
    return out


class _Builder:
    """Accumulates text pieces and records entity spans/relations at exact offsets."""

    def __init__(self) -> None:
        self.text = ""
        self.ents: List[dict] = []
        self.rels: List[dict] = []

    def add(self, s: str, label: Optional[str] = None) -> Optional[int]:
        start = len(self.text)
        self.text += s
        if label and s:
            self.ents.append({"id": len(self.ents), "start": start, "end": len(self.text), "label": label,
                              "attrs": None})
            return len(self.ents) - 1
        return None

    def rel(self, head: Optional[int], tail: Optional[int], label: str) -> None:
        if head is not None and tail is not None:
            self.rels.append({"head": head, "tail": tail, "label": label})

    def fill(self, template: str, slots: Dict[str, Tuple[str, Optional[str]]]) -> Dict[str, Optional[int]]:
        """Add ``template`` with its ``{name}`` slots replaced by ``slots[name] = (text, label)``;
        returns the entity id of each slot (None for an unlabelled one)."""
        ids: Dict[str, Optional[int]] = {}
        for i, part in enumerate(re.split(r"\{(\w+)\}", template)):
            if i % 2:
                text, label = slots[part]
                ids[part] = self.add(text, label)
            else:
                self.add(part)
        return ids

    def extend(self, other: "_Builder", gap_after) -> None:
        """Append ``other`` with the string ``gap_after(text, i)`` (or nothing) inserted after each of its
        characters (letter-spaced text); every span still runs from its first to its last character."""
        pos, out, at = [], [], len(self.text)
        for i, c in enumerate(other.text):
            pos.append(at)
            piece = c + (gap_after(other.text, i) or "")
            out.append(piece)
            at += len(piece)
        self.text += "".join(out)
        shift = len(self.ents)
        for e in other.ents:
            self.ents.append({**e, "id": e["id"] + shift, "start": pos[e["start"]], "end": pos[e["end"] - 1] + 1})
        for r in other.rels:
            self.rels.append({**r, "head": r["head"] + shift, "tail": r["tail"] + shift})


class Generator:
    """Sentence generator over the phrasing lexicons; ``paragraph()`` returns one corpus record."""

    def __init__(self, seed: int = 0, year_range: Tuple[int, int] = (2012, 2024)) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.p = load_phrasing()
        self.year_range = year_range
        self.last_used: Counter = Counter()  # constructions of the last paragraph(), by method name

    # -------------------------------------------------------------------------------- numbers

    def _value(self) -> int:
        r = self.rng.random()
        if r < 0.4:
            return self.rng.randint(0, 30)
        if r < 0.8:
            return self.rng.randint(30, 2000)
        return self.rng.randint(2000, 600000)

    def _digits(self, s: str) -> str:
        if self.rng.random() < 0.03:  # full-width digits
            return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in s)
        return s

    def qty(self, unit: str) -> str:
        """A quantity expression with ``unit`` (可能 万/亿, approximation, Chinese numerals)."""
        rng, p = self.rng, self.p
        wan = _numeral_words()[1][10000]
        if unit in p["money_units"]:
            v = rng.choice([rng.randint(1, 999), round(rng.uniform(0.1, 99.9), 1), round(rng.uniform(1, 9999), 2)])
            num = self._digits(str(v))
            prefix = rng.choice(approx) if rng.random() < 0.08 and (approx := self.p["approx_prefix"]) else ""
            mid = p["money_approx_infix"] if rng.random() < 0.1 else ""
            return f"{prefix}{num}{mid}{unit}"
        v = self._value()
        if v <= 30 and rng.random() < 0.15:
            num = chinese_numeral(v, rng)
        elif v >= 10000 and rng.random() < 0.35:
            w = v / 10000
            num = self._digits(f"{w:.1f}".rstrip("0").rstrip(".") if rng.random() < 0.5 else str(int(w))) + wan
        else:
            num = self._digits(str(v))
        r = rng.random()
        if r < 0.08:
            return rng.choice(self.p["approx_prefix"]) + num + unit
        if r < 0.18 and not num.endswith(wan) or r < 0.12:
            return num + rng.choice(p["approx_infixes"]) + unit
        if r < 0.23:
            return num + unit + rng.choice(p["approx_suffixes"])
        if r < 0.245 and unit in p["unit_notes"]:
            return num + unit + p["unit_notes"][unit]
        return num + unit

    def percent(self) -> str:
        rng = self.rng
        if rng.random() < 0.08:
            return self.chinese_percent()
        v = rng.choice([100, rng.randint(1, 99), round(rng.uniform(0.1, 99.9), 1), round(rng.uniform(1, 99), 2)])
        s = self._digits(str(v))
        if rng.random() < 0.1:
            s = f"{float(v):.2f}"
        tail = self.p["percent_approx_suffix"] if rng.random() < 0.05 else ""
        return s + "%" + tail

    def chinese_percent(self) -> str:
        """A percentage written with 百分之 (百分之十二点四, 百分之九十八点一, 百分之百). Only forms
        :func:`ie.numbers.find_quantities` reads: a whole part of 1 (百分之一, 百分之一点五) is skipped,
        since ie.numbers takes that 一 for the article and finds no quantity."""
        rng = self.rng
        digits, mult, _ = _numeral_words()
        lead, point = _percent_words()
        if rng.random() < 0.12:
            return lead + (mult[100] if rng.random() < 0.6 else chinese_numeral(100))
        whole = rng.choice([0] + list(range(2, 100)))
        if whole and rng.random() < 0.4:
            return lead + chinese_numeral(whole)
        return lead + chinese_numeral(whole) + point + digits[rng.randint(1 if whole == 0 else 0, 9)]

    def _count(self, v: int, unit: str) -> str:
        """A plain count ``v`` + ``unit`` (for numbers that must agree: totals, shares, changes)."""
        return self._digits(str(v)) + unit

    # ----------------------------------------------------------------------------- constructions

    def _frame(self, b: _Builder, year: int) -> Optional[int]:
        """Sentence opening; returns a PERIOD entity id when the frame is a standing total or a month."""
        r = self.rng.random()
        if r < 0.07:
            pid = b.add(self.rng.choice(self.p["cumulative_frames"]), "PERIOD")
            b.add(self.rng.choice([",", "", ","]))
            return pid
        if r < 0.12:
            m = self.rng.randint(1, 12)
            month = self.rng.choice(self.p["month_frames"]).format(m=m if self.rng.random() < 0.8
                                                                    else chinese_numeral(m))
            pid = b.add(month, "PERIOD")
            b.add(self.rng.choice([",", ""]))
            return pid
        b.add(self.rng.choice(self.p["year_frames"]).format(year=year))
        return None

    def _subject(self, b: _Builder) -> None:
        if self.rng.random() < 0.5:
            b.add(self.rng.choice(self.p["subjects"]))
            b.add(self.rng.choice(self.p["subject_adverbs"]))

    def _point_back(self, b: _Builder, metric: int, year: int, period: Optional[int]) -> None:
        """Optionally add a change or share clause linked to ``metric``."""
        r = self.rng.random()
        if r < 0.15:
            phrase = self.rng.choice(self.p["change_phrases"]).replace("{py}", str(year - 1))
            b.add(",")
            key = "p" if "{p}" in phrase else "q"
            pre, post = phrase.split("{" + key + "}", 1)
            b.add(pre)
            q = b.add(self.percent() if key == "p" else self.qty(self.rng.choice(self.p["change_units"])), "QTY")
            b.add(post)
            b.rel(q, metric, "metric")
            b.rel(q, period, "period")
        elif r < 0.22:
            b.add(",")
            phrase = self.rng.choice(self.p["share_phrases"])
            b.add(phrase.split("{p}", 1)[0])
            q = b.add(self.percent(), "QTY")
            b.rel(q, metric, "metric")
            b.rel(q, period, "period")

    def _verb_metric(self, b: _Builder, year: int, period: Optional[int]) -> None:
        g = self.rng.choice(self.p["verb_metrics"])
        self._subject(b)
        m = b.add(self.rng.choice(g["m"]), "METRIC")
        b.add(self.rng.choice(self.p["verb_links"]))
        unit = self.rng.choice(g["u"])
        q = b.add(self.qty(unit), "QTY")
        b.rel(q, m, "metric")
        b.rel(q, period, "period")
        self._point_back(b, m, year, period)

    def _noun_metric(self, b: _Builder, year: int, period: Optional[int]) -> None:
        g = self.rng.choice(self.p["noun_metrics"])
        self._subject(b)
        b.add(self.rng.choice(g["v"]))
        q = b.add(self.qty(self.rng.choice(g["u"])), "QTY")
        m = b.add(self.rng.choice(g["n"]), "METRIC")
        if g.get("tail"):
            b.add(self.rng.choice(g["tail"]))
        b.rel(q, m, "metric")
        b.rel(q, period, "period")

    def _shared_list(self, b: _Builder, year: int, period: Optional[int]) -> None:
        g = self.rng.choice(self.p["shared_verb_lists"])
        items = self.rng.sample(g["items"], k=min(len(g["items"]), self.rng.randint(2, 4)))
        self._subject(b)
        sep = self.rng.choice(self.p["list_separators"])
        for i, (noun, unit) in enumerate(items):
            if i:
                b.add(sep)
            m = b.add((g["v"] if i == 0 else "") + noun, "METRIC")
            q = b.add(self.qty(unit), "QTY")
            b.rel(q, m, "metric")
            b.rel(q, period, "period")

    def _parent_list(self, b: _Builder, year: int, period: Optional[int]) -> None:
        g = self.rng.choice(self.p["parent_lists"])
        self._subject(b)
        m = b.add(self.rng.choice(g["m"]), "METRIC")
        q = b.add(self.qty(g["u"]), "QTY")
        b.rel(q, m, "metric")
        b.rel(q, period, "period")
        self._point_back(b, m, year, period)
        b.add(self.rng.choice(self.p["sublist_openers"]))
        subs = self.rng.sample(g["subs"], k=min(len(g["subs"]), self.rng.randint(2, 5)))
        for i, s in enumerate(subs):
            if i:
                b.add(self.rng.choice(self.p["sublist_separators"]))
            sm = b.add(s, "METRIC")
            sq = b.add(self.qty(g["u"]), "QTY")
            b.rel(sq, sm, "metric")
            b.rel(sq, period, "period")
            if self.rng.random() < 0.2:
                b.add(self.p["sublist_share_lead"])
                pq = b.add(self.percent(), "QTY")
                b.rel(pq, sm, "metric")
                b.rel(pq, period, "period")

    def _percent_metric(self, b: _Builder, year: int, period: Optional[int]) -> None:
        self._subject(b)
        m = b.add(self.rng.choice(self.p["percent_metrics"]), "METRIC")
        b.add(self.rng.choice(self.p["percent_links"]))
        q = b.add(self.percent(), "QTY")
        b.rel(q, m, "metric")
        b.rel(q, period, "period")

    def _before_after(self, b: _Builder, year: int, period: Optional[int]) -> None:
        """``政府网站总数由原来114家精简到现在的58家``: two standing totals sharing one metric."""
        w = self.p["before_after"]
        noun = self.rng.choice(w["nouns"])
        unit = self.rng.choice(w["units"])
        m = b.add(noun, "METRIC")
        b.add(w["from"])
        p1 = b.add(w["before"], "PERIOD")
        b.add(w["particle"] if self.rng.random() < 0.3 else "")
        q1 = b.add(self.qty(unit), "QTY")
        b.add(self.rng.choice(w["verbs"]))
        p2 = b.add(w["after"], "PERIOD")
        b.add(w["particle"])
        q2 = b.add(self.qty(unit), "QTY")
        for q, p in ((q1, p1), (q2, p2)):
            b.rel(q, m, "metric")
            b.rel(q, p, "period")

    def _respective_list(self, b: _Builder, year: int, period: Optional[int]) -> None:
        """``政府门户网站、政务微信和政务微博分别发布信息4512条、3025条和2339条``: n items, then 分别 and
        a shared verb (in no span), then n quantities in the same order; quantity k's metric is item k.
        A total may head the list (``共收到申请172件,其中当面申请、…分别为…``) and shares may follow
        (``分别占45.5%、9.0%和29.3%``, share k -> item k). Or the items carry their own counts and only
        the shares are 分别 (``自然人申请120件、法人或其他组织申请8件,分别占93.8%和6.3%``). Always n >= 2
        items for n quantities: never one metric with ``分别为X和Y``."""
        rng, p = self.rng, self.p
        g = rng.choice(p["respective_lists"])
        items = rng.sample(g["items"], k=rng.randint(2, min(4, len(g["items"]))))
        n = len(items)
        unit = rng.choice(g["units"])
        shares = rng.random() < 0.3
        hi = rng.choice([30, 300, 3000, 30000])  # counts of one list are of a size, so shares are not 0.0%
        values = [rng.randint(max(1, hi // 20), hi) for _ in items]
        total = sum(values)
        if g.get("parents") and rng.random() < 0.35:
            self._subject(b)
            pm = b.add(rng.choice(g["parents"]), "METRIC")
            if rng.random() < 0.2:  # the total also holds items not listed
                total += rng.randint(1, 30)
            pq = b.add(self._count(total, unit), "QTY")
            b.rel(pq, pm, "metric")
            b.rel(pq, period, "period")
            b.add(rng.choice(p["respective_parent_links"]))
        elif g.get("leads") and rng.random() < 0.6:
            b.add(rng.choice(g["leads"]))
        else:
            self._subject(b)
        item_joiners = p["respective_item_joiners"]

        qty_middle = rng.choice(p["respective_qty_joiners"])  # one separator a list

        def joiner(i: int, middle: str, last: List[str]) -> str:
            return rng.choice(last) if i == n - 1 else middle

        ms: List[Optional[int]] = []
        if shares and rng.random() < 0.3:  # own counts, then 分别占
            for i, (it, v) in enumerate(zip(items, values)):
                if i:
                    b.add(joiner(i, item_joiners[0], [item_joiners[0]]))
                ms.append(b.add(it, "METRIC"))
                q = b.add(self._count(v, unit), "QTY")
                b.rel(q, ms[-1], "metric")
                b.rel(q, period, "period")
        else:
            for i, it in enumerate(items):
                if i:
                    b.add(joiner(i, item_joiners[0], item_joiners))
                ms.append(b.add(it, "METRIC"))
            b.add(p["respective_word"] + rng.choice(g["verbs"]))
            for i, (m, v) in enumerate(zip(ms, values)):
                if i:
                    b.add(joiner(i, qty_middle, p["respective_qty_last"]))
                q = b.add(self._count(v, unit) if shares else self.qty(unit), "QTY")
                b.rel(q, m, "metric")
                b.rel(q, period, "period")
        if shares:
            b.add(rng.choice(p["respective_share_leads"]))
            for i, (m, v) in enumerate(zip(ms, values)):
                if i:
                    b.add(joiner(i, qty_middle, p["respective_qty_last"]))
                q = b.add(self._digits(f"{100 * v / total:.1f}") + "%", "QTY")
                b.rel(q, m, "metric")
                b.rel(q, period, "period")

    def _quarter_sentence(self, b: _Builder, year: int) -> None:
        """``一季度收到申请12件,二季度15件,三季度18件``: each quarter a PERIOD span (decoded YYYYQn)
        over its quantity, the later quarters sharing the first one's metric; or one quarter after
        the year's total with a share of it (``其中第四季度收到申请71件,占全年的32.7%``: the share has
        the quarter too); or half years (``上半年…742条,下半年…804条``), which get no PERIOD span
        (the contract has no form for them: the report year)."""
        rng, qp = self.rng, self.p["quarters"]
        b.add(rng.choice(self.p["year_frames"]).format(year=year))
        if rng.random() < 0.5:  # a subject, never with 共/累计 before the quarter
            b.add(rng.choice(self.p["subjects"]))
        g = rng.choice(qp["metrics"])
        unit = rng.choice(g["u"])
        r = rng.random()
        if r < 0.2:
            first: Optional[int] = None
            for i, half in enumerate(qp["halves"]):
                if i:
                    b.add(rng.choice(qp["joiners"]))
                b.add(half)
                if first is None or rng.random() < 0.4:
                    m = b.add(rng.choice(g["m"]), "METRIC")
                    first = first if first is not None else m
                else:
                    m = first
                b.add(rng.choice(qp["links"]))
                q = b.add(self.qty(unit), "QTY")
                b.rel(q, m, "metric")
            return
        digits = _numeral_words()[0]
        form = rng.choice(qp["forms"])

        def quarter(k: int) -> str:
            return form.format(c=digits[k], d=self._digits(str(k)))

        if r < 0.5:
            if rng.random() < 0.5:
                tm = b.add(rng.choice(g["m"]), "METRIC")
                tq = b.add(self.qty(unit), "QTY")
                b.rel(tq, tm, "metric")
                b.add(rng.choice(qp["single_leads"]))
            pid = b.add(quarter(rng.randint(1, 4)), "PERIOD")
            m = b.add(rng.choice(g["m"]), "METRIC")
            b.add(rng.choice(qp["links"]))
            q = b.add(self.qty(unit), "QTY")
            b.rel(q, m, "metric")
            b.rel(q, pid, "period")
            if rng.random() < 0.5:
                b.add(rng.choice(qp["share_leads"]))
                sq = b.add(self.percent(), "QTY")
                b.rel(sq, m, "metric")
                b.rel(sq, pid, "period")
            return
        start = rng.choice([1, 1, 1, 2, 3])
        shared: Optional[int] = None
        for k in range(start, rng.randint(start + 1, 4) + 1):
            if k > start:
                b.add(rng.choice(qp["joiners"]))
            pid = b.add(quarter(k), "PERIOD")
            if shared is None:
                m = shared = b.add(rng.choice(g["m"]), "METRIC")
            elif rng.random() < 0.15:  # the metric written again: its own span
                m = b.add(rng.choice(g["m"]), "METRIC")
            else:
                m = shared
            b.add(rng.choice(qp["links"]))
            q = b.add(self.qty(unit), "QTY")
            b.rel(q, m, "metric")
            b.rel(q, pid, "period")

    def _year_compare(self, b: _Builder, year: int) -> None:
        """A quantity of another year beside the report year's: ``主动公开政府信息5120条(2022年)、6033条
        (2023年)``, ``2022年收到申请71件,2023年收到申请84件``, ``…84件,较上年(2022年)的71件增加13件``,
        ``…84件,较上年的71件增加13件``. Only the other year (or 上年) gets a PERIOD span (the report year is the default); changes point at the
        metric and keep the report year."""
        rng, c = self.rng, self.p["year_compare"]
        g = rng.choice(c["metrics"])
        unit = rng.choice(g["u"])
        other = year - (1 if rng.random() < 0.85 else rng.randint(2, 3))
        base = max(1, self._value())
        cur = base + rng.choice([-1, 1]) * rng.randint(1, max(1, base // 2))
        cur = cur if cur > 0 and cur != base else base + rng.randint(1, 20)
        r = rng.random()
        if r < 0.25:
            b.add(rng.choice(self.p["year_frames"]).format(year=year))
            self._subject(b)
            m = b.add(rng.choice(g["m"]), "METRIC")
            op, cl = rng.choice(c["brackets"])
            q1 = b.add(self._count(base, unit), "QTY")
            b.add(op)
            p1 = b.add(c["year"].format(y=other), "PERIOD")
            b.add(cl + rng.choice(c["bracket_joiners"]))
            q2 = b.add(self._count(cur, unit), "QTY")
            b.add(op + c["year"].format(y=year) + cl)
            b.rel(q1, m, "metric")
            b.rel(q1, p1, "period")
            b.rel(q2, m, "metric")
        elif r < 0.5:
            p1 = b.add(c["year"].format(y=other), "PERIOD")
            b.add(rng.choice(c["year_seps"]))
            self._subject(b)
            m = b.add(rng.choice(g["m"]), "METRIC")
            q1 = b.add(self._count(base, unit), "QTY")
            b.rel(q1, m, "metric")
            b.rel(q1, p1, "period")
            b.add(rng.choice(c["clause_joiners"]) + c["year"].format(y=year) + rng.choice(c["year_seps"]))
            m2 = b.add(rng.choice(g["m"]), "METRIC") if rng.random() < 0.7 else m
            q2 = b.add(self._count(cur, unit), "QTY")
            b.rel(q2, m2, "metric")
        else:
            b.add(rng.choice(self.p["year_frames"]).format(year=year))
            self._subject(b)
            m = b.add(rng.choice(g["m"]), "METRIC")
            b.add(rng.choice(self.p["verb_links"]))
            q = b.add(self._count(cur, unit), "QTY")
            b.rel(q, m, "metric")
            b.add(",")
            templates, py = c["up"] if cur > base else c["down"], c["year"].format(y=other)
            if other == year - 1 and rng.random() < c["prior_word_share"]:
                # 较上年的71件: the base named by a word, not its year (templates that already say 上年 go)
                templates = [t for t in templates if "上年" not in t]
                py = rng.choice(c["prior_words"])
            ids = b.fill(rng.choice(templates), {
                "py": (py, "PERIOD"), "b": (self._count(base, unit), "QTY"),
                "c": (self._count(abs(cur - base), unit), "QTY"),
                "p": (self._digits(f"{100 * abs(cur - base) / base:.1f}") + "%", "QTY")})
            b.rel(ids["b"], m, "metric")
            b.rel(ids["b"], ids["py"], "period")
            for key in ("c", "p"):
                b.rel(ids.get(key), m, "metric")

    def _plan_sentence(self, b: _Builder, year: int) -> None:
        """``2024年,我局将新增公开目录事项20项,组织培训不少于两次`` in a 2023 report: every quantity
        of the plan has the PERIOD span of the year it names. A plan with no year (``下一步,…``) keeps
        the report year and has none."""
        rng, pl = self.rng, self.p["plans"]
        pid: Optional[int] = None
        if rng.random() < 0.2:
            b.add(rng.choice(pl["no_year_openers"]))
        else:
            pre, post = rng.choice(pl["openers"]).split("{ny}", 1)
            b.add(pre)
            pid = b.add(self.p["year_compare"]["year"].format(y=year + 1), "PERIOD")
            b.add(post)
        b.add(rng.choice(pl["asides"]))
        for i in range(rng.randint(1, 3)):
            if i:
                b.add(rng.choice(pl["joiners"]))
            b.add(rng.choice(pl["pre"]))
            self._plan_item(b, pid, pl["verb_items"], 0.7)

    def _plan_item(self, b: _Builder, pid: Optional[int], verb_items: list, verb_share: float) -> None:
        """One planned quantity with its metric, dated by the PERIOD ``pid``: verb + metric + quantity
        (``组织培训不少于两次``, share ``verb_share``) or verb + quantity + noun (``召开4场新闻发布会``)."""
        rng, pl = self.rng, self.p["plans"]
        if rng.random() < verb_share:
            g = rng.choice(verb_items)
            m = b.add(rng.choice(g["m"]), "METRIC")
            q = b.add(self._plan_qty(rng.choice(g["u"])), "QTY")
        else:
            g = rng.choice(pl["noun_items"])
            b.add(rng.choice(g["v"]))
            q = b.add(self._plan_qty(rng.choice(g["u"])), "QTY")
            m = b.add(rng.choice(g["n"]), "METRIC")
        b.rel(q, m, "metric")
        b.rel(q, pid, "period")

    def _plan_list(self, b: _Builder, year: int) -> None:
        """A list headed by a year: ``2024年,我局将重点做好以下工作:一是…新增…20项;二是…;三是…`` or one item
        a line (``(一)…。``). A future plan dates every item's quantity to its year (PERIOD span in the
        opener, outside the items' own sentences); a past list in the report year
        (``2023年,我局重点做了以下工作:``) dates nothing, since the report year gets no span."""
        rng, pl = self.rng, self.p["plans"]
        future = rng.random() < 0.75
        pre, post = rng.choice(pl["list_openers" if future else "past_list_openers"]).split("{y}", 1)
        b.add(pre)
        y_text = self.p["year_compare"]["year"].format(y=year + 1 if future else year)
        pid = b.add(y_text, "PERIOD") if future else None
        if not future:
            b.add(y_text)
        b.add(post)
        lines = rng.random() < 0.35
        markers = rng.choice(pl["item_markers"]["line" if lines else "semicolon"])
        n = rng.randint(2, len(markers))
        with_qty = set(rng.sample(range(n), rng.randint(1, n)))
        for i in range(n):
            b.add(("。\n" if i else "\n") + markers[i] if lines else ((";" if i else "") + markers[i]))
            b.add(rng.choice(pl["item_asides"]))
            if i not in with_qty:
                b.add(rng.choice(pl["empty_items"]))
                continue
            b.add(rng.choice(pl["pre"]) if future else "")
            self._plan_item(b, pid, pl["verb_items"] if future else pl["past_verb_items"], 0.7 if future else 1.0)

    def _plan_qty(self, unit: str) -> str:
        """A planned amount, small: ``不少于两次``, ``至少3场``, ``6次以上``, ``20项``."""
        rng, pl = self.rng, self.p["plans"]
        bound = rng.choice(pl["bounds"])
        v = rng.randint(1, 50)
        num = chinese_numeral(v, rng) if 2 <= v <= 10 and rng.random() < 0.5 else self._digits(str(v))
        if bound:
            return bound + num + unit
        if rng.random() < 0.4:
            return num + unit + rng.choice(pl["bound_suffixes"])
        return num + unit

    def _spacing(self):
        """How a letter-spaced sentence is spaced (pdftotext): after every character but the last
        (``收 到 申 请 1 2 3 件``), or only inside numbers (``收到申请1 2 3件``, ``9 5 . 4%``)."""
        gap = self.p["spacing_char"]
        if self.rng.random() < 0.75:
            return lambda t, i: gap if i < len(t) - 1 else None
        return lambda t, i: (gap if i < len(t) - 1 and (t[i].isdigit() or t[i] == ".")
                             and (t[i + 1].isdigit() or t[i + 1] == ".") else None)

    def _break_quantity(self, rec: dict) -> bool:
        """Put a line break between the number and the measure word of one quantity (``6843\n条``):
        the QTY span keeps the break, every span after it shifts."""
        from ie.numbers import parse_quantity
        from ie.segment.normalize import normalize

        text = rec["text"]
        brk = self.p["quantity_break"]

        def reads_alike(e: dict, i: int) -> bool:  # ie.numbers reads it with the break (not 41\n万次)
            whole = parse_quantity(normalize(text[e["start"]:e["end"]]))
            broken = parse_quantity(normalize(text[e["start"]:i] + brk + text[i:e["end"]]))
            return whole is not None and broken is not None and broken.value == whole.value

        spots = [i for e in rec["entities"] if e["label"] == "QTY" for i in range(e["start"] + 1, e["end"])
                 if text[i - 1].isdigit() and not (text[i].isdigit() or text[i].isspace() or text[i] in ".%")
                 and reads_alike(e, i)]
        if not spots:
            return False
        pos = self.rng.choice(spots)
        rec["text"] = text[:pos] + brk + text[pos:]
        for e in rec["entities"]:
            if e["start"] >= pos:
                e["start"] += len(brk)
            if e["end"] > pos:
                e["end"] += len(brk)
        return True

    def _distractor(self, b: _Builder, year: int) -> None:
        rng = self.rng
        d = rng.choice(self.p["distractors"]).format(
            year=year, m=rng.randint(1, 12), d=rng.randint(1, 28), n=rng.randint(1, 120),
            place=rng.choice(self.p["places"]), tel=rng.randint(1000000, 9999999), post=rng.randint(100000, 999999))
        b.add(d)
        b.add(rng.choice(["", ","]) + rng.choice(self.p["fillers"]))

    # ------------------------------------------------------------------------------- paragraph

    def paragraph(self, idx: int = 0) -> dict:
        """One synthetic record of 1-3 sentences."""
        rng = self.rng
        year = rng.randint(*self.year_range)
        b = _Builder()
        used: Counter = Counter()  # construction name -> times used in this record (self.last_used)
        constructions = [(self._verb_metric, 40), (self._noun_metric, 14), (self._shared_list, 10),
                         (self._parent_list, 14), (self._percent_metric, 8), (self._before_after, 2),
                         (self._respective_list, 3)]
        funcs, weights = zip(*constructions)
        # whole sentences with their own time frame: (construction, probability per sentence)
        sentences = [(self._quarter_sentence, 0.03), (self._year_compare, 0.03), (self._plan_sentence, 0.025),
                     (self._plan_list, 0.03)]
        for s in range(rng.randint(1, 3)):
            if rng.random() < 0.2:
                self._distractor(b, year)
                b.add(rng.choice(self.p["distractor_ends"]))
            if rng.random() < 0.03:
                b.add(rng.choice(self.p["structure_sentences"]))
                continue
            spaced = rng.random() < 0.025
            sb = _Builder() if spaced else b
            r = rng.random()
            for func, share in sentences:
                if r < share:
                    func(sb, year)
                    used[func.__name__] += 1
                    break
                r -= share
            else:
                period = self._frame(sb, year)
                for c in range(rng.randint(1, 3)):
                    if c:
                        sb.add(rng.choice(self.p["clause_joiners"]))
                    func = rng.choices(funcs, weights)[0]
                    func(sb, year, period)
                    used[func.__name__] += 1
                if rng.random() < 0.25:
                    sb.add("," + rng.choice(self.p["fillers"]))
            if spaced:
                b.extend(sb, self._spacing())
                used["spaced"] += 1
            b.add(self.p["sentence_end"])
        rid = f"synth-s{self.seed}-{idx:06d}"  # the seed is in the id, so split leak checks work
        rec = {"id": rid, "text": b.text, "entities": b.ents, "relations": b.rels,
               "meta": {"doc": rid, "source": "synthetic", "year": year, "scope_end": None}}
        if rng.random() < 0.015 and self._break_quantity(rec):
            used["quantity_break"] += 1
        if rng.random() < 0.08:
            self._insert_noise(rec, rng.choice(self.p["page_residue"]))
        if rng.random() < 0.05:
            self._insert_noise(rec, " ")
        if rng.random() < 0.05:
            table = _simp_to_trad()
            rec["text"] = "".join(table.get(c, c) for c in rec["text"])
        self.last_used = used
        return rec

    def _insert_noise(self, rec: dict, s: str) -> None:
        """Insert ``s`` at a random position not strictly inside an entity, shifting spans after it."""
        text = rec["text"]
        inside = set()
        for e in rec["entities"]:
            inside.update(range(e["start"] + 1, e["end"]))
        choices = [i for i in range(1, len(text)) if i not in inside]
        if not choices:
            return
        pos = self.rng.choice(choices)
        rec["text"] = text[:pos] + s + text[pos:]
        for e in rec["entities"]:
            if e["start"] >= pos:
                e["start"] += len(s)
                e["end"] += len(s)


def generate(n: int, seed: int = 0) -> List[dict]:
    """``n`` synthetic corpus records (valid spans and relations), deterministic for ``seed``."""
    g = Generator(seed)
    out = []
    for i in range(n):
        rec = g.paragraph(i)
        assert not validate_record(rec), validate_record(rec)
        out.append(rec)
    return out
