"""Synthetic report sentences with exact QTY / METRIC / PERIOD spans and relations.

Phrasing and lexicons live in ``ie/resources/synthetic/phrasing.yaml``; this module only knows the
constructions seen in real reports:

* metric before the number (``主动公开政府信息484860条``), number before the noun
  (``召开60场新闻发布会``), lists sharing one verb (only the first metric keeps the verb), parent totals
  with sub-items (``其中当面申请10件``), changes and shares that point back at the metric they change
  or divide, percentages as levels (``按时办结率达100%``), money with 万/亿 (``1.9亿元``);
* numbers as Arabic or Chinese numerals, with 万/亿, approximation words, full-width digits;
* standing totals (``目前``/``现在``) and months (``12月份``) as PERIOD spans;
* unlabelled distractors (dates, document numbers, hotlines, slogans, ordinals, report structure);
* noise: page residue, stray spaces, traditional characters.

Deterministic for a given seed.

>>> recs = generate(3, seed=1)
>>> all(not validate_record(r) for r in recs), recs[0]["meta"]["source"]
(True, 'synthetic')
"""
from __future__ import annotations

import random
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


class Generator:
    """Sentence generator over the phrasing lexicons; ``paragraph()`` returns one corpus record."""

    def __init__(self, seed: int = 0, year_range: Tuple[int, int] = (2012, 2024)) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.p = load_phrasing()
        self.year_range = year_range

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
        v = rng.choice([100, rng.randint(1, 99), round(rng.uniform(0.1, 99.9), 1), round(rng.uniform(1, 99), 2)])
        s = self._digits(str(v))
        if rng.random() < 0.1:
            s = f"{float(v):.2f}"
        tail = self.p["percent_approx_suffix"] if rng.random() < 0.05 else ""
        return s + "%" + tail

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
        constructions = [(self._verb_metric, 40), (self._noun_metric, 14), (self._shared_list, 10),
                         (self._parent_list, 14), (self._percent_metric, 8), (self._before_after, 2)]
        funcs, weights = zip(*constructions)
        for s in range(rng.randint(1, 3)):
            if rng.random() < 0.2:
                self._distractor(b, year)
                b.add(rng.choice(self.p["distractor_ends"]))
            if rng.random() < 0.03:
                b.add(rng.choice(self.p["structure_sentences"]))
                continue
            period = self._frame(b, year)
            for c in range(rng.randint(1, 3)):
                if c:
                    b.add(rng.choice(self.p["clause_joiners"]))
                rng.choices(funcs, weights)[0](b, year, period)
            if rng.random() < 0.25:
                b.add("," + rng.choice(self.p["fillers"]))
            b.add(self.p["sentence_end"])
        rid = f"synth-s{self.seed}-{idx:06d}"  # the seed is in the id, so split leak checks work
        rec = {"id": rid, "text": b.text, "entities": b.ents, "relations": b.rels,
               "meta": {"doc": rid, "source": "synthetic", "year": year, "scope_end": None}}
        if rng.random() < 0.08:
            self._insert_noise(rec, rng.choice(self.p["page_residue"]))
        if rng.random() < 0.05:
            self._insert_noise(rec, " ")
        if rng.random() < 0.05:
            table = _simp_to_trad()
            rec["text"] = "".join(table.get(c, c) for c in rec["text"])
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
