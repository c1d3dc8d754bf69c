"""Fuzzy row-label matching against a template schema.

Labels are folded before comparison (:func:`fold_label`): width folding, spaces removed,
numbering ("(一)", "1.", "①", "其中:") stripped, parentheticals and quotes dropped, and a trailing
数/数量/总数 removed; the patterns are data in ``ie/resources/table_layout.yaml``. Two folded labels
are then scored by character-bigram Dice (1.0 for equal keys). :class:`LabelMatcher` picks the best
schema row for a printed label, using the current section and the schema order to break ties
between rows that read the same ("(二)被依法纠错数" sits under both 四 and 五).

>>> fold_label("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）")
'主动公开政府信息'
>>> from ie.tables.schema import load_template
>>> m = LabelMatcher(load_template("2014")).match("政府网站在线访谈 次数")
>>> m.kind, m.target, m.score
('metric', 'a.response.interviews', 1.0)
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from ie.segment.normalize import normalize
from ie.tables.values import layout


@lru_cache(maxsize=1)
def _folding() -> tuple:
    lay = layout()
    prefixes = [re.compile(p) for p in lay["label_prefix_patterns"]]
    suffixes = [re.compile(p) for p in lay["label_suffix_patterns"]]
    drop = {ord(c): None for c in lay["label_drop_chars"]}
    return prefixes, suffixes, drop


_PAREN_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")
_SPACE_RE = re.compile(r"\s+")


def strip_numbering(label: str) -> str:
    """Remove leading numbering / "其中" prefixes (folded text in, folded text out).

    >>> strip_numbering("其中:1.当面申请数")
    '当面申请数'
    """
    prefixes = _folding()[0]
    changed = True
    while changed:
        changed = False
        for p in prefixes:
            new = p.sub("", label, count=1)
            if new != label:
                label, changed = new, True
    return label


@lru_cache(maxsize=4096)
def fold_label(label: str) -> str:
    """The comparison key of a row label (see module docstring)."""
    _, suffixes, drop = _folding()
    s = _SPACE_RE.sub("", normalize(label))
    s = strip_numbering(s)
    prev = None
    while prev != s:  # nested parentheticals
        prev, s = s, _PAREN_RE.sub("", s)
    if "(" in s:  # a parenthetical left open by a line wrap: the rest is a note
        s = s[:s.index("(")]
    if ")" in s:  # the wrapped tail of a note
        s = s[s.rindex(")") + 1:]
    s = s.translate(drop)
    for p in suffixes:
        stripped = p.sub("", s)
        if stripped:
            s = stripped
    return s


def _grams(key: str) -> frozenset:
    if len(key) < 2:
        return frozenset([key]) if key else frozenset()
    return frozenset(key[i:i + 2] for i in range(len(key) - 1))


def similarity(a: str, b: str) -> float:
    """Bigram Dice of two labels after folding (1.0 when the folded keys are equal).

    >>> similarity("4.微博、微信回应事件数", "4.微博微信回应事件数")
    1.0
    """
    ka, kb = fold_label(a), fold_label(b)
    if ka == kb:
        return 1.0 if ka else 0.0
    ga, gb = _grams(ka), _grams(kb)
    if not ga or not gb:
        return 0.0
    return 2 * len(ga & gb) / (len(ga) + len(gb))


@dataclass(frozen=True)
class Entry:
    kind: str  # "metric" | "section" | "heading"
    target: str  # metric id, or the section / heading label
    section: str  # official section label
    order: int  # position in the schema
    name: str  # the schema spelling this entry was built from


@dataclass(frozen=True)
class Match:
    kind: str
    target: str
    section: str
    order: int
    score: float


class LabelMatcher:
    """Scores printed row labels against every label, alias, section and heading of a template."""

    def __init__(self, template) -> None:
        self.template = template
        self.entries: list = []
        order = 0
        for table in template.tables:
            for section in table.sections:
                for name in section.names:
                    self.entries.append(Entry("section", section.label, section.label, order, name))
                order += 1
                for heading in section.headings:
                    self.entries.append(Entry("heading", heading, section.label, order, heading))
                for metric in section.metrics:
                    order += 1
                    for name in metric.names:
                        self.entries.append(Entry("metric", metric.id, section.label, order, name))
                order += 1
        self._exact: dict = defaultdict(list)
        self._index: dict = defaultdict(list)
        self._sizes: list = []
        for i, e in enumerate(self.entries):
            key = fold_label(e.name)
            self._exact[key].append(i)
            grams = _grams(key)
            self._sizes.append(len(grams))
            for g in grams:
                self._index[g].append(i)
        self._max_size = max(self._sizes, default=0)
        self._cache: dict = {}

    def scores(self, label: str, floor: float = 0.0) -> dict:
        """entry index -> score for every entry sharing at least one bigram with ``label``.

        With ``floor`` > 0, a label too long for any entry to reach ``floor`` scores nothing
        (Dice is at most 2·min/(min+max) of the two bigram counts): narrative lines cost no time.
        """
        ck = (label, floor)
        hit = self._cache.get(ck)
        if hit is None:
            hit = self._scores(label, floor)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[ck] = hit
        return hit

    def _scores(self, label: str, floor: float) -> dict:
        key = fold_label(label)
        out: dict = {}
        for i in self._exact.get(key, ()):
            out[i] = 1.0
        grams = _grams(key)
        if not grams or (floor > 0 and len(grams) > self._max_size * (2 / floor - 1)):
            return out
        shared: Counter = Counter()
        for g in grams:
            for i in self._index.get(g, ()):
                shared[i] += 1
        for i, n in shared.items():
            if i not in out:
                out[i] = min(0.99, 2 * n / (len(grams) + self._sizes[i]))
        return out

    def match(self, label: str, *, section: Optional[str] = None, used: Iterable[str] = (),
              after: int = -1, threshold: float = 0.0) -> Optional[Match]:
        """The best entry for ``label`` scoring at least ``threshold``, or None.

        Near-ties (within 0.05) go to an entry of ``section``, then one whose target is not in
        ``used``, then the first entry after schema position ``after``; a section label that is
        also a metric label ("四、行政复议数量") is the metric.
        """
        scored = self.scores(label, threshold)
        if not scored:
            return None
        best = max(scored.values())
        if best < threshold or best <= 0:
            return None
        used = set(used)
        pool = [i for i, s in scored.items() if s >= best - 0.05]

        def rank(i: int) -> tuple:
            e = self.entries[i]
            return (scored[i] >= best - 1e-9 or e.section == section,
                    e.section == section,
                    e.target not in used,
                    e.order > after,
                    scored[i],
                    e.kind == "metric",  # a valued section row is its metric
                    -abs(e.order - after))

        i = max(pool, key=rank)
        e = self.entries[i]
        return Match(e.kind, e.target, e.section, e.order, scored[i])
