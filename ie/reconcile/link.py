"""Link narrative triples to canonical table metrics, aware of scope.

Public: ``link_triples(text, triples, *, template) -> (triples with metric set, links)``,
``score_phrase(metric_text, phrase)``, ``Context`` (paragraphs, headings and topic cues of a text).

A triple's ``metric_text`` is scored against the phrasings of ``narrative_metrics.yaml`` and the
schema labels (see that file's header for the scoring). Scope is taken from the text around it:

* the *topic* being talked about: the topic cue nearest before the metric text in its paragraph
  ("…行政复议申请8件。其中，维持具体行政行为2件" -> review), else the topics of the section and
  sub-section headings above it ("(一)政府网站。…共主动公开政府信息5412条" -> website);
* a *subset* cue before the metric text (市本级, 县级部门, 全市性 …): the number covers only part of
  what the table counts, so it is linked as a part, never compared alone;
* the template: ids of this report's template win over ids of other eras, which are linked too but
  have no row here (narrative_only: 2021-era application channels).

Links never change a triple's value, kind or period; the comparison decides what may be compared.

>>> from ie.records import Triple
>>> text = "五、行政复议情况\\n共办理行政复议申请8件。其中，维持具体行政行为2件，驳回3件。"
>>> def t(q, m):
...     s, ms = text.index(q), text.index(m)
...     return Triple(q, s, s + len(q), int(q[:-1]), "件", False, "count", m, ms, ms + len(m), "2017")
>>> linked, links = link_triples(text, [t("8件", "行政复议申请"), t("2件", "维持具体行政行为"), t("3件", "驳回")],
...                              template="2014")
>>> [x.metric for x in linked], [l.part for l in links]
(['a.review.total', 'a.review.upheld', 'a.review.upheld'], [False, False, True])
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional, Sequence

from ie.reconcile.lexicon import Lexicon, fold, load_lexicon
from ie.records import Triple


@dataclass(frozen=True)
class Link:
    """Why a triple got its metric: the cell (metric, column) it names, its score, and scope flags."""

    metric: str
    column: Optional[str]
    score: float
    part: bool = False  # names a component of the cell (parts may add up to it)
    also: tuple = ()  # other (metric, column) cells the same words may mean
    plus: tuple = ()  # cells added to (metric, column) to make the value the words name
    previous_year: bool = False  # last year's quantities fit this cell (上年结转)
    in_template: bool = True  # False: the id has no row in this report's template
    topic: Optional[str] = None
    phrase: str = ""


@lru_cache(maxsize=4096)
def _bigrams(s: str) -> frozenset:
    return frozenset(s[i:i + 2] for i in range(len(s) - 1)) if len(s) > 1 else frozenset((s,))


def _subsequence_span(needle: str, hay: str) -> Optional[int]:
    """Length of the shortest window of ``hay`` holding ``needle``'s characters in order (None: none)."""
    best = None
    for start in range(len(hay)):
        if hay[start] != needle[0]:
            continue
        j, i = 0, start
        while i < len(hay) and j < len(needle):
            if hay[i] == needle[j]:
                j += 1
            i += 1
        if j == len(needle) and (best is None or i - start < best):
            best = i - start
    return best


def score_phrase(mt: str, phrase: str) -> float:
    """Similarity in [0, 1] of a folded metric text and a folded phrase.

    >>> score_phrase("收到政府信息公开申请", "收到政府信息公开申请")
    1.0
    >>> score_phrase("反映舆情", "舆情") > score_phrase("舆情报告", "舆情")
    True
    >>> round(score_phrase("政务微博上高之声公开信息", "政务微博公开信息"), 2)
    0.77
    """
    if not mt or not phrase:
        return 0.0
    if mt == phrase:
        return 1.0
    r = len(phrase) / len(mt)
    if mt.endswith(phrase):
        return 0.6 + 0.4 * r
    if phrase in mt:
        return 0.5 + 0.4 * r
    if len(mt) >= 2 and mt in phrase:
        # the text says less than the phrase: only a near-complete one counts (规范性文件 is not 制定规范性文件)
        return 0.3 + 0.4 * len(mt) / len(phrase)
    if len(phrase) >= 3 and r <= 1:
        # characters in order with a few inserted (an account name: 政务微博[上高之声]公开信息)
        span = _subsequence_span(phrase, mt)
        if span is not None and span <= len(phrase) + 4:
            return 0.5 + 0.4 * r
    a, b = _bigrams(mt), _bigrams(phrase)
    return 0.8 * 2 * len(a & b) / (len(a) + len(b))


class Context:
    """Paragraphs, headings and topic cues of one text, for scope decisions.

    >>> lex = load_lexicon()
    >>> text = "五、行政复议和行政诉讼情况\\n全年无此类案件。"
    >>> sorted(Context(text, lex).topics_at(text.index("全年")))
    ['litigation', 'review']
    """

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(i + 1)
        # headings: (start, end, level) in text order
        self.headings = []
        for ls in self.line_starts:
            le = text.find("\n", ls)
            le = len(text) if le < 0 else le
            line = text[ls:le]
            for level, rx in enumerate(lex.headings):
                m = rx.match(line)
                if m:
                    # an inline heading ends at the first full stop: "(一)政府网站。政府网站作为…"
                    stop = min([line.find(c) for c in lex.sentence_end if c in line] + [len(line), 40])
                    self.headings.append((ls, ls + max(stop, m.end()), level))
                    break
        cues = [(cue, topic) for topic, words in lex.topics.items() for cue in words]
        self._cues = sorted(cues, key=lambda ct: -len(ct[0]))
        # every cue occurrence once, longest cue first at each position: [(start, end, topic)]
        self._hits = []
        first_chars = {c[0] for c, _t in self._cues}
        i = 0
        while i < len(text):
            if text[i] in first_chars:
                for cue, topic in self._cues:
                    if text.startswith(cue, i):
                        self._hits.append((i, i + len(cue), topic))
                        i += len(cue)
                        break
                else:
                    i += 1
            else:
                i += 1
        self._hit_starts = [h[0] for h in self._hits]

    def line_start(self, pos: int) -> int:
        return self.line_starts[bisect.bisect_right(self.line_starts, pos) - 1]

    def cue_topics(self, start: int, end: int) -> list:
        """[(position, topic)] of topic cues lying inside text[start:end]."""
        lo = bisect.bisect_left(self._hit_starts, start)
        out = []
        for hs, he, topic in self._hits[lo:]:
            if hs >= end:
                break
            if he <= end:
                out.append((hs, topic))
        return out

    def heading_chain(self, pos: int) -> list:
        """The headings in force at ``pos``, outermost first: [(start, end, level)]."""
        chain: dict = {}
        for hs, he, level in self.headings:
            if hs > pos:
                break
            chain = {lv: h for lv, h in chain.items() if lv < level}
            chain[level] = (hs, he, level)
        return [chain[lv] for lv in sorted(chain)]

    def topics_at(self, pos: int, end: Optional[int] = None) -> set:
        """Topic(s) the text is talking about at ``pos`` (a metric text ``pos:end``): the last cue in
        its paragraph up to ``end`` (the metric text's own cue counts: 政务微博公开信息 -> weibo), else
        every topic of the nearest heading that has one."""
        ls = self.line_start(pos)
        found = self.cue_topics(ls, pos if end is None else end)
        if found:
            return {found[-1][1]}
        for hs, he, _lv in reversed(self.heading_chain(pos)):
            topics = {t for _p, t in self.cue_topics(hs, min(he, pos) if hs < pos else he)}
            if topics:
                return topics
        return set()

    def clause_start(self, pos: int) -> int:
        """Start of the clause holding ``pos`` (after the last comma-level punctuation)."""
        stops = "，,；;。！？!?\n"
        i = pos - 1
        while i >= 0 and self.text[i] not in stops:
            i -= 1
        return i + 1

    def has_subset_cue(self, start: int, end: int) -> bool:
        seg = self.text[self.clause_start(start):end]
        return any(cue in seg for cue in self.lex.subset_cues)


def best_link(mt: str, *, template: Optional[str], topics: set, subset: bool,
              lex: Lexicon, unit_group: Optional[str] = None) -> Optional[Link]:
    """The best-scoring lexicon entry for a folded metric text, or None below the threshold.
    ``unit_group``: the unit group of the quantity's unit (entries bound to a group need it)."""
    best: Optional[Link] = None
    best_key = (0.0, 0)
    for e in lex.entries:
        if e.unit_group is not None and e.unit_group != unit_group:
            continue
        if e.exclude and any(x in mt for x in e.exclude):
            continue
        if e.topic is not None and e.topic not in topics:
            continue
        in_template = template is None or template in lex.metric_templates.get(e.metric, ())
        if e.home_only and (template is None or not in_template):
            continue
        for phrases, part in ((e.phrases, False), (e.parts, True)):
            for p in phrases:
                s = score_phrase(mt, p)
                if s <= 0:
                    continue
                if e.topic is not None:
                    if s < lex.topic_min_score:
                        continue
                    s += lex.topic_bonus
                if not in_template:
                    s -= lex.other_era_penalty
                key = (round(s, 6), len(p))
                if key > best_key:
                    best_key = key
                    best = Link(metric=e.metric, column=e.column, score=round(s, 4), part=part or subset,
                                also=e.also, plus=e.plus, in_template=in_template, topic=e.topic, phrase=p,
                                previous_year=e.previous_year)
    if best is None or best.score < lex.threshold:
        return None
    return best


def link_triples(text: str, triples: Sequence[Triple], *, template: Optional[str],
                 lexicon: Optional[Lexicon] = None, context: Optional[Context] = None) -> tuple:
    """Give each triple the canonical metric id it names.

    In: the report text, its triples, the report's template id ("2014", "2019", "2021", or None when
    unknown: no era preference). Out: ``(triples, links)`` — the triples with ``metric`` set (a new
    Triple via ``dataclasses.replace``; None where nothing scores above the threshold) and, in the same
    order, the :class:`Link` behind each (or None). Never raises on odd content: a triple whose spans
    fall outside the text is left unlinked.
    """
    lex = lexicon or load_lexicon()
    ctx = context or Context(text, lex)
    out_triples, links = [], []
    memo: dict = {}  # the same words in the same scope link the same way
    for t in triples:
        link = None
        try:
            if 0 <= t.metric_start <= t.metric_end <= len(text) and t.metric_text:
                mt = fold(t.metric_text, lex)
                topics = ctx.topics_at(t.metric_start, t.metric_end)
                subset = ctx.has_subset_cue(t.metric_start, t.metric_end)
                group = lex.unit_groups.get(t.unit)
                key = (mt, frozenset(topics), subset, group)
                if key not in memo:
                    memo[key] = best_link(mt, template=template, topics=topics, subset=subset, lex=lex,
                                          unit_group=group)
                link = memo[key]
        except (TypeError, ValueError):  # malformed triple: leave it unlinked
            link = None
        links.append(link)
        out_triples.append(replace(t, metric=link.metric if link else None))
    return out_triples, links
