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
  have no row here (narrative_only: 2021-era application channels); an id with a counterpart in this
  template (2014 wording in a 2008-local report) moves to it;
* a *narrower* cue in the quantity's clause (a pending count 尚未答复, a subset by time 在法定期限内, by
  who 主要负责同志主持, by subject 涉及…的申请, a wider body 全系统共…): left unlinked, never judged;
* an applicant type (自然人, 企业 …) names a column of table 三, in the row its words, a framing clause
  (…的申请中) or the count before it in the sentence name; never the 总计 column;
* the words right before the number: after a change verb in a comparison (较上年…增加23件) or a
  prior-period word (上年的105件) the quantity is linked but not judged (``Link.judged``).

All cue words are data (``narrative_metrics.yaml``); prose is matched after the same length-preserving
folding the tables use (width, traditional characters, word variants). Links never change a triple's
value, kind or period; the comparison decides what may be compared.

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

from ie.reconcile.lexicon import Lexicon, fold, load_lexicon, normalize_text
from ie.records import Triple


_CLAUSE_STOPS = "，,；;。！？!?\n"
LIST_MARK = "、"


def _clause_start(text: str, pos: int) -> int:
    """Start of the clause holding ``pos`` (after the last comma-level punctuation)."""
    i = pos - 1
    while i >= 0 and text[i] not in _CLAUSE_STOPS:
        i -= 1
    return i + 1


def _clause_end(text: str, pos: int) -> int:
    """End of the clause holding ``pos`` (its closing punctuation, or the end of the text)."""
    i = max(pos, 0)
    while i < len(text) and text[i] not in _CLAUSE_STOPS:
        i += 1
    return i


@dataclass(frozen=True)
class Link:
    """Why a triple got its metric: the cell (metric, column) it names, its score, and scope flags."""

    metric: str
    column: Optional[str]
    score: float
    part: bool = False  # names a component of the cell (parts may add up to it)
    also: tuple = ()  # other (metric, column, plus) cells the same words may mean
    plus: tuple = ()  # cells added to (metric, column) to make the value the words name
    previous_year: bool = False  # last year's quantities fit this cell (上年结转)
    next_year: bool = False  # next year's quantities fit this cell (结转至2020年继续办理, in a 2019 report)
    in_template: bool = True  # False: the id has no row in this report's template
    topic: Optional[str] = None
    phrase: str = ""
    row_from_context: bool = False  # an applicant column whose words name no row: the sentence's row applies
    judged: bool = True  # False: the words before the quantity make it a change or another period's value
    joined: bool = False  # two names joined: the number is the sum of their cells
    not_verbs: tuple = ()  # words that, in the sentence before the number, undo the link (清理 … 废止)


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
        # cues and headings are looked up in the folded text (same length: offsets stay valid), so a
        # traditional-character report (行政複議, 網站) has the same topics as a simplified one
        self.text = normalize_text(text, lex)
        text = self.text
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
        return _clause_start(self.text, pos)


def _topic_forms(mt: str, topic: str, lex: Lexicon) -> tuple:
    """The metric text, and the text after a leading cue of ``topic`` ("行政复议纠正" -> "纠正"): once the
    topic is named, the words after it name the column or sub-row within it."""
    forms = [mt]
    for cue in sorted(lex.topics.get(topic, ()), key=len, reverse=True):
        if mt.startswith(cue) and len(mt) > len(cue) + 1:
            forms.append(mt[len(cue):])
            break
    return tuple(forms)


def _entry_link(mt: str, *, template: Optional[str], topics: set, lex: Lexicon, unit_group: Optional[str],
                clause_topics: Optional[set], only_column: Optional[str] = None,
                only_topics: bool = False, lead: str = "") -> Optional[Link]:
    """The best-scoring lexicon entry for a folded metric text (None below the threshold).
    ``only_column``: only entries naming a whole row (column total) of a table that has that column;
    ``only_topics``: only topic-scoped entries; ``lead``: the words before the metric text in its clause,
    where an entry's verb may stand instead ("发布规章2件、行政规范性文件22件")."""
    best: Optional[Link] = None
    best_key = (0.0, 0)
    forms_of: dict = {}
    scores: dict = {}  # a phrase several entries share is scored once per form tuple
    # every form is mt or a tail of it: a phrase sharing no character with mt scores 0 against all
    # of them (most phrases, for a given metric text), so it is not scored at all
    mt_chars = frozenset(mt)
    for e in lex.entries:
        if e.unit_group is not None and e.unit_group != unit_group:
            continue
        if e.exclude and any(x in mt for x in e.exclude):
            continue
        if e.verbs and not any(v in mt or v in lead for v in e.verbs):
            continue  # 清理行政规范性文件 names no issuing verb: not 本年制发件数
        if only_topics and e.topic is None:
            continue
        if e.topic is not None:
            scope = clause_topics if (e.clause_topic and clause_topics is not None) else topics
            if e.topic not in scope:
                continue
        if only_column is not None and (e.column not in (None, "total")
                                        or only_column not in lex.metric_columns.get(e.metric, ())):
            continue
        in_template = template is None or template in lex.metric_templates.get(e.metric, ())
        if e.home_only and (template is None or not in_template):
            continue
        forms = (mt,) if e.topic is None else forms_of.setdefault(e.topic, _topic_forms(mt, e.topic, lex))
        for phrases, part in ((e.phrases, False), (e.parts, True)):
            for p in phrases:
                s = scores.get((forms, p))
                if s is None:
                    s = scores[forms, p] = 0.0 if mt_chars.isdisjoint(p) else max(score_phrase(f, p) for f in forms)
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
                    best = Link(metric=e.metric, column=e.column, score=round(s, 4), part=part,
                                also=e.also, plus=e.plus, in_template=in_template, topic=e.topic, phrase=p,
                                previous_year=e.previous_year, next_year=e.next_year, not_verbs=e.not_verbs)
    if best is None or best.score < lex.threshold:
        return None
    return best


_BLOCK = Link(metric="", column=None, score=0.0)  # sentinel: the words name a cell no link may stand for


def _applicant_link(mt: str, *, template: Optional[str], topics: set, lex: Lexicon, unit_group: Optional[str],
                    clause_topics: Optional[set], lead: str = "") -> Optional[Link]:
    """A count of one applicant type (自然人, 企业 …): the cell of that column (table 三), never 总计.

    None: the text names no applicant type (or names one in passing: 公开企业信用信息). ``_BLOCK``: it
    names two types, or one type and a row the column cannot be placed in."""
    found = []
    for spec in lex.applicant_columns:
        for cue in spec.cues:
            i = mt.find(cue)
            if i >= 0:
                found.append((i, cue, spec))
                break
    if not found:
        return None
    # a cue inside a longer one found at the same place is the same words (商业企业 ⊃ 企业)
    found = [f for f in found if not any(len(g[1]) > len(f[1]) and g[0] <= f[0] and f[0] + len(f[1]) <= g[0] + len(g[1])
                                         for g in found)]
    if len({(f[2].column, f[2].plus) for f in found}) > 1:
        covered = {c for f in found for c in (f[2].column, *f[2].plus)}
        every = {c for spec in lex.applicant_columns for c in (spec.column, *spec.plus)}
        # "公民、法人或其他组织…申请": every applicant type named is all applicants, the row itself
        return None if covered >= every else _BLOCK
    pos, cue, spec = found[0]
    rest = mt[:pos] + mt[pos + len(cue):]
    core = rest
    for w in lex.applicant_fillers:
        core = core.replace(w, "")
    base = None
    if core:
        base = _entry_link(rest, template=template, topics=topics, lex=lex, unit_group=unit_group,
                           clause_topics=clause_topics, only_column=spec.column, lead=lead)
        if base is None:
            plain = _entry_link(mt, template=template, topics=topics, lex=lex, unit_group=unit_group,
                                clause_topics=clause_topics, lead=lead)
            if plain is not None and spec.column in lex.metric_columns.get(plain.metric, ()):
                return _BLOCK  # the row's name is there, but not the column's cell: never the total
            return None
    row = base.metric if base is not None else lex.applicant_row
    if row is None:
        return None
    in_template = template is None or template in lex.metric_templates.get(row, ())
    also = ()
    if base is not None and not spec.plus:
        also = tuple((m, spec.column, tuple((pm, spec.column) for pm, _pc in p)) for m, _c, p in base.also
                     if spec.column in lex.metric_columns.get(m, ()))
    return Link(metric=row, column=spec.column, score=base.score if base is not None else 1.0,
                part=base.part if base is not None else False, also=also,
                plus=tuple((row, c) for c in spec.plus), in_template=in_template,
                phrase=cue + (base.phrase if base is not None else ""), row_from_context=base is None)


def _joined_link(mt: str, whole: Optional[Link], **kw) -> Optional[Link]:
    """"予以公开及部分公开" -> (一) + (二): two names joined, each naming a whole cell outright."""
    if whole is not None and whole.score >= 1.0:
        return None
    for j in kw["lex"].joiners:
        i = mt.find(j, 1)
        while i > 0:
            left, right = mt[:i], mt[i + len(j):]
            if len(left) >= 2 and len(right) >= 2:
                a, b = _entry_link(left, **kw), _entry_link(right, **kw)
                if (a is not None and b is not None and not a.part and not b.part and a.in_template == b.in_template
                        and min(a.score, b.score) >= kw["lex"].join_min_score
                        and (whole is None or whole.score < min(a.score, b.score))
                        and (a.metric, a.column) != (b.metric, b.column)):
                    return Link(metric=a.metric, column=a.column, score=min(a.score, b.score),
                                plus=a.plus + ((b.metric, b.column),) + b.plus, in_template=a.in_template,
                                phrase=a.phrase + j + b.phrase, joined=True)
            i = mt.find(j, i + 1)
    return None


def _counterpart(link: Link, template: Optional[str], lex: Lexicon) -> Link:
    """A link to an id this report's template lacks, moved to the id that means the same in it."""
    if link.in_template or template is None:
        return link

    def move(metric: str, column: Optional[str]) -> Optional[tuple]:
        if template in lex.metric_templates.get(metric, ()):
            return metric, column
        for other in lex.counterparts.get(metric, ()):
            if template in lex.metric_templates.get(other, ()):
                cols = lex.metric_columns.get(other, ())
                if column in (None, "total") or column in cols:
                    return other, (column if column in cols else None)
        return None

    moved = move(link.metric, link.column)
    plus = [move(m, c) for m, c in link.plus]
    if moved is None or any(p is None for p in plus):
        return link
    also = tuple(a + ((),) for a in (move(m, c) for m, c, p in link.also if not p) if a is not None)
    return replace(link, metric=moved[0], column=moved[1], plus=tuple(plus), also=also, in_template=True)


def best_link(mt: str, *, template: Optional[str], topics: set, subset: bool,
              lex: Lexicon, unit_group: Optional[str] = None, clause_topics: Optional[set] = None,
              lead: str = "") -> Optional[Link]:
    """The cell a folded metric text names, or None when nothing scores above the threshold.

    ``unit_group``: the unit group of the quantity's unit (entries bound to a group need it);
    ``clause_topics``: the topics named in the metric's own clause (entries with ``topic_scope:
    clause`` need theirs there; None: the paragraph's ``topics`` count). In order: an applicant type
    names its column (企业申请 -> 商业企业, never 总计); else the best entry; else two joined names
    add up their cells; an id this template lacks moves to its counterpart; ``subset``: a part.
    ``lead``: the words before the metric text in its clause, where an entry's verb may stand."""
    kw = dict(template=template, topics=topics, lex=lex, unit_group=unit_group, clause_topics=clause_topics,
              lead=lead)
    link = _applicant_link(mt, **kw)
    if link is _BLOCK:
        return None
    if link is None:
        link = _entry_link(mt, **kw)
        joined = _joined_link(mt, link, **kw)
        link = joined or link
    if link is None:
        return None
    link = _counterpart(link, template, lex)
    return replace(link, part=True) if subset else link


def _excepted(cue: str, phrase: str, cues: Sequence[str]) -> bool:
    """A scope cue the matched phrase itself says (尚未审结; 主要负责同志参加新闻发布会) is no scope change."""
    return cue in phrase or any(d in cue and d in phrase for d in cues)


def _scope_text(text: str, start: int, end: int, lex: Lexicon) -> str:
    """The list item around a quantity: ``start`` to the end of its clause after ``end``, cut at the
    list marks (、) either side, less bracketed asides after ``end`` ("不同意公开2件（均涉及个人隐私）" gives
    a reason, not a narrower scope). "结果维持4件、结果纠正1件、尚未审结1件": 尚未 is the last item's."""
    cut = text.rfind(LIST_MARK, start, end)
    start = cut + 1 if cut >= 0 and cut + 1 < end else start
    after, depth = [], 0
    for ch in text[end:_clause_end(text, end)]:
        if ch in lex.open_brackets:
            depth += 1
        elif ch in lex.close_brackets:
            depth = max(depth - 1, 0)
        elif ch == LIST_MARK and depth == 0:
            break
        elif depth == 0:
            after.append(ch)
    return text[start:end] + "".join(after)


def _with_lead_words(mt: str, lead: str, lex: Lexicon) -> str:
    """The metric text with the words the narrative rules left just before it, where they belong to it:
    an applicant type right before ("企业" + "申请"), or the first name of a pair cut at its conjunction
    ("全部" + "或部分公开"). ``lead``: the folded clause text before the metric text."""
    if not lead or any(ch.isdigit() for ch in lead):
        return mt
    if mt.startswith(tuple(lex.joiners) + tuple(lex.alternatives)) and len(lead) <= 8:
        return lead + mt
    if not any(cue in mt for spec in lex.applicant_columns for cue in spec.cues):
        named = [spec for spec in lex.applicant_columns if any(cue in lead for cue in spec.cues)]
        for spec in named:
            for cue in spec.cues:
                if lead.endswith(cue):
                    # "自然人和企业|申请": all the types named go with it, not only the last
                    return (lead if len(named) > 1 else cue) + mt
    return mt


def _led_elsewhere(text: str, clause_start: int, pos: int, lex: Lexicon) -> bool:
    """Do the words right before the quantity at ``pos`` make it a change ("较上年…增加23件") or another
    period's value ("较上年的105件")? Approximation markers before the number are skipped."""
    before = text[clause_start:pos].rstrip()
    markers = sorted({m for ms in lex.approx.values() for m in ms}, key=len, reverse=True)
    forms = [before]
    stripped = before
    while True:
        m = next((m for m in markers if stripped.endswith(m)), None)
        if m is None:
            break
        stripped = stripped[:-len(m)].rstrip()
        forms.append(stripped)
    if any(f.endswith(lex.period_leads) for f in forms if lex.period_leads):
        return True
    return bool(lex.change_leads) and any(c in before for c in lex.comparison_cues) and \
        any(f.endswith(lex.change_leads) for f in forms)


def _undone_by_verb(t: Triple, link: Link, text: str, lex: Lexicon) -> bool:
    """Does a word of the link's ``not_verbs`` stand in the sentence before the quantity? ("全年清理行政规范性
    文件43件，其中废止3件": documents repealed in a clean-up are not simply the year's 本年废止件数.)"""
    end = min(t.start, t.metric_start) if t.start >= 0 else t.metric_start
    head = fold(text[_sentence_start(text, end, lex):max(end, t.metric_end)], lex)
    return any(v in head for v in link.not_verbs)


def _sentence_start(text: str, pos: int, lex: Lexicon) -> int:
    i = pos
    while i > 0 and text[i - 1] not in lex.sentence_end:
        i -= 1
    return i


def link_triples(text: str, triples: Sequence[Triple], *, template: Optional[str],
                 lexicon: Optional[Lexicon] = None, context: Optional[Context] = None,
                 agency: Optional[str] = None) -> tuple:
    """Give each triple the canonical metric id it names.

    In: the report text, its triples, the report's template id ("2014", "2019", "2021", or None when
    unknown: no era preference). Out: ``(triples, links)`` — the triples with ``metric`` set (a new
    Triple via ``dataclasses.replace``; None where nothing scores above the threshold) and, in the same
    order, the :class:`Link` behind each (or None). Never raises on odd content: a triple whose spans
    fall outside the text is left unlinked. ``agency``: the report's title (or agency name); a count
    whose clause names another body (区政府办公室收到申请30件 in a 区人民政府 report) is a part.

    Scope (see :func:`_apply_scope`): a narrower-scope cue in the quantity's list item leaves it
    unlinked; a subset cue (市本级), channels or another body named in its clause make it a part. An
    applicant count whose words name no row takes the row of a framing clause or of the count before
    it in the sentence ("予以公开N件，其中企业M件" -> (一)予以公开 [商业企业]).
    """
    lex = lexicon or load_lexicon()
    ctx = context or Context(text, lex)
    ntext = ctx.text
    out_triples, links = [], []
    memo: dict = {}  # the same words in the same scope link the same way
    respective: dict = {}  # index -> the links of the names its metric text lists
    verbs = sorted({v for e in lex.entries for v in e.verbs})
    for t in triples:
        link = None
        try:
            if 0 <= t.metric_start <= t.metric_end <= len(text) and t.metric_text:
                mt = fold(t.metric_text, lex)
                topics = ctx.topics_at(t.metric_start, t.metric_end)
                cs = ctx.clause_start(t.metric_start)
                before = fold(ntext[cs:t.metric_start], lex)  # the clause text before the metric text
                mt = _with_lead_words(mt, before, lex)
                clause_topics = {tp for _p, tp in ctx.cue_topics(cs, t.metric_end)}
                named_channels = bool(clause_topics & lex.channel_topics)
                topics, clause_topics = _channel_scope(topics, clause_topics, lex)
                group = lex.unit_groups.get(t.unit)
                # the entry verbs the clause says before the metric text ("发布规章2件、行政规范性文件22件")
                lead = "|".join(v for v in verbs if v in before)
                kw = dict(template=template, topics=topics, lex=lex, unit_group=group, clause_topics=clause_topics,
                          lead=lead)
                key = (mt, frozenset(topics), frozenset(clause_topics), group, lead)
                if key not in memo:
                    memo[key] = best_link(mt, subset=False, **kw)
                link = memo[key]
                link = _one_name_or_pair(t, link, ntext, respective, len(links), kw)
                if link is not None:
                    link = _apply_scope(t, link, mt, ntext, ctx, cs, named_channels, agency, kw)
                if link is not None and link.not_verbs and _undone_by_verb(t, link, ntext, lex):
                    link = None
                if link is not None and 0 <= t.start <= len(text) and _led_elsewhere(ntext, ctx.clause_start(t.start),
                                                                                     t.start, lex):
                    link = replace(link, judged=False)
        except (TypeError, ValueError):  # malformed triple: leave it unlinked
            link = None
        links.append(link)
    _pair_respective(triples, links, respective)
    _drop_borrowed_metrics(triples, links)
    _rows_from_context(ntext, triples, links, template, lex)
    _parts_of_stated_totals(ntext, triples, links, lex)
    for t, link in zip(triples, links):
        out_triples.append(replace(t, metric=link.metric if link else None))
    return out_triples, links


def _one_name_or_pair(t: Triple, link: Optional[Link], ntext: str, respective: dict, index: int,
                      kw: dict) -> Optional[Link]:
    """A metric text listing two or more cells ("行政复议、行政诉讼"): paired with the numbers after 分别
    (recorded in ``respective`` under ``index``), summed when joined ("予以公开及部分公开"), else, one
    number for several cells (各, or no sum), unlinked. Other metric texts keep ``link``."""
    lex = kw["lex"]
    names = _names(ntext[t.metric_start:t.metric_end], lex)
    if len(names) < 2 or (link is not None and link.score >= 1.0 and not link.joined):
        return link
    subs = [best_link(fold(n, lex), subset=False, **kw) for n in names]
    if not all(subs) or len({(x.metric, x.column) for x in subs}) < len(subs):
        return link
    if _all_applicants(subs, lex):
        return link  # "自然人、法人和其他组织…申请": every applicant type, the row's total
    words = ntext[t.metric_start:t.start] if t.metric_end <= t.start else t.metric_text
    if any(c in words for c in lex.respective_cues):
        respective[index] = subs
        return None
    if link is None or not link.joined or any(c in words for c in lex.distributive_cues):
        return None
    return link


def _all_applicants(subs: Sequence[Link], lex: Lexicon) -> bool:
    """Do these links name, between them, every applicant column of one row?"""
    every = {c for spec in lex.applicant_columns for c in (spec.column, *spec.plus)}
    if not every or len({x.metric for x in subs}) != 1:
        return False
    return {c for x in subs for c in (x.column, *(pc for _pm, pc in x.plus))} >= every


def _apply_scope(t: Triple, link: Link, mt: str, ntext: str, ctx: "Context", cs: int, named_channels: bool,
                 agency: Optional[str], kw: dict) -> Optional[Link]:
    """The scope rules for one linked quantity, first match wins: a narrower cue in its list item ->
    unlinked; a subset cue -> a part; channels named in its clause -> that channel's row or a part of the
    total; another body named before it -> a part."""
    lex = kw["lex"]
    item = fold(_scope_text(ntext, min(cs, ctx.clause_start(t.start)), max(t.metric_end, t.end), lex), lex)
    if any(c in item and not _excepted(c, link.phrase, lex.narrower_cues) for c in lex.narrower_cues):
        return None
    seg = fold(ntext[cs:t.metric_end], lex)
    if any(c in seg and not _excepted(c, link.phrase, lex.subset_cues) for c in lex.subset_cues):
        return replace(link, part=True)
    if named_channels and link.metric in lex.channel_totals:
        chans = (kw["clause_topics"] or set()) & lex.channel_topics
        alt = None
        if len(chans) == 1:
            alt = _entry_link(mt, **{**kw, "topics": chans, "clause_topics": chans}, only_topics=True)
        return alt if alt is not None else replace(link, part=True)
    lead = ntext[cs:min(t.metric_start, t.start)] if t.start >= cs else ntext[cs:t.metric_start]
    if _names_other_body(lead, agency, lex):
        return replace(link, part=True)
    return link


def _names_other_body(lead: str, agency: Optional[str], lex: Lexicon) -> bool:
    """Does the clause text before a metric name a body other than the reporting one ("区政府办公室…",
    "各部门…")? A self-reference (我局, 本机关) or a name the report's title holds is the reporting body."""
    lead = fold(lead, lex)
    end = max((lead.rfind(sfx) + len(sfx) for sfx in lex.body_suffixes if sfx in lead), default=-1)
    if end < 0:
        return False
    body = lead[:end]
    if any(ref in body for ref in lex.self_refs):
        return False
    title = fold(agency or "", lex)
    return not (title and body[-6:] in title)


def _channel_scope(topics: set, clause_topics: set, lex: Lexicon) -> tuple:
    """Topics after the clause's channels are read together: all members of a union name the union
    (政务微博、微信 -> social_media); two or more channels name none of them (a count over channels)."""
    for union, members in lex.topic_unions:
        if members and members <= clause_topics:
            clause_topics = (clause_topics - members) | {union}
            if topics & members:
                topics = (topics - members) | {union}
    if len(clause_topics & lex.channel_topics) >= 2:
        return set(topics) - lex.channel_topics, clause_topics - lex.channel_topics
    return topics, clause_topics


def _parts_of_stated_totals(text: str, triples: Sequence[Triple], links: list, lex: Lexicon) -> None:
    """"共收到申请128件，其中区政府办公室收到申请30件": a count listed after a sum cue and linked to the very
    cell of the total stated before the cue is a part of that total, not the total."""
    order = sorted((i for i, l in enumerate(links) if l is not None), key=lambda i: triples[i].start)
    for k, i in enumerate(order):
        t, link = triples[i], links[i]
        if link.part:
            continue
        lo = _sentence_start(text, min(t.start, t.metric_start), lex)
        head = text[lo:min(t.start, t.metric_start)]
        cue = max((head.rfind(c) for c in lex.sum_cues), default=-1)
        if cue < 0:
            continue
        for j in order[:k]:
            u, lu = triples[j], links[j]
            if lo <= u.start and u.end <= lo + cue and (lu.metric, lu.column, lu.plus) == (link.metric, link.column,
                                                                                           link.plus):
                links[i] = replace(link, part=True)
                break


def _names(metric_text: str, lex: Lexicon) -> list:
    """The names a metric text lists: "行政复议、行政诉讼" -> [行政复议, 行政诉讼] (split at 、 and the joiners)."""
    import re

    seps = sorted(["、", *lex.joiners], key=len, reverse=True)
    parts = re.split("|".join(map(re.escape, seps)), metric_text) if seps else [metric_text]
    return [p for p in (x.strip() for x in parts) if len(p) >= 2]


def _pair_respective(triples: Sequence[Triple], links: list, respective: dict) -> None:
    """"行政复议、行政诉讼分别为3件、2件": the k-th count sharing the metric text takes the k-th name."""
    groups: dict = {}
    for i, subs in respective.items():
        t = triples[i]
        if t.kind in ("count", "money"):
            groups.setdefault((t.metric_start, t.metric_end), []).append(i)
    for key, idxs in groups.items():
        idxs.sort(key=lambda i: triples[i].start)
        subs = respective[idxs[0]]
        if len(idxs) == len(subs):
            for i, sub in zip(idxs, subs):
                links[i] = sub


def _drop_borrowed_metrics(triples: Sequence[Triple], links: list) -> None:
    """A metric text written right after another number is that number's ("其中2件维持、1件被纠正"): when
    the narrative rules lend it to a later quantity, the later one is left unlinked."""
    ends = {t.end for t in triples}
    for i, t in enumerate(triples):
        try:
            if links[i] is not None and t.metric_end <= t.start and t.metric_start in ends:
                links[i] = None
        except TypeError:
            links[i] = None


def _framed_row(text: str, sentence_start: int, clause_start: int, link: Link, template: Optional[str],
                lex: Lexicon) -> Optional[str]:
    """The row a clause before the count frames it in: "办结的申请中，自然人121件" -> (七)总计."""
    if clause_start <= sentence_start:
        return None
    frame = fold(text[max(sentence_start, _clause_start(text, clause_start - 1)):clause_start], lex)
    if any(ch.isdigit() for ch in frame) or frame.endswith(tuple(lex.sum_cues)):
        return None
    for end in lex.applicant_frames:
        if frame.endswith(end) and len(frame) > len(end):
            words = frame[:-len(end)]
            stripped = True
            while stripped:
                stripped = False
                for w in lex.applicant_fillers:
                    if words.endswith(w) and len(words) > len(w):
                        words, stripped = words[:-len(w)], True
                        break
            base = _entry_link(words, template=template, topics=set(), lex=lex, unit_group=None, clause_topics=None,
                               only_column=link.column)
            return base.metric if base is not None else None
    return None


def _rows_from_context(text: str, triples: Sequence[Triple], links: list, template: Optional[str],
                       lex: Lexicon) -> None:
    """An applicant count naming no row ("其中企业5件") counts in the row of the nearest count before it
    in its sentence that is linked to a row having that column (or the previous sentence, when its
    clause opens with a sum cue: "…收到申请128件。其中自然人120件")."""
    order = sorted((i for i, l in enumerate(links) if l is not None), key=lambda i: triples[i].start)
    for k, i in enumerate(order):
        link = links[i]
        if not link.row_from_context:
            continue
        t = triples[i]
        lo = _sentence_start(text, min(t.start, t.metric_start), lex)
        if lo > 0 and text[lo:lo + 4].lstrip().startswith(tuple(lex.sum_cues)):
            lo = _sentence_start(text, lo - 1, lex)
        row = _framed_row(text, lo, _clause_start(text, min(t.start, t.metric_start)), link, template, lex)
        for j in reversed(order[:k]):
            tj, lj = triples[j], links[j]
            if row is not None or tj.start < lo:
                break
            # a carried-over count is an aside ("186件，上年结转4件。其中自然人…" is of the 186)
            if lj.metric and link.column in lex.metric_columns.get(lj.metric, ()) and not (
                    lj.previous_year or lj.next_year):
                row = lj.metric
        if row is not None and row != link.metric:
            links[i] = replace(link, metric=row, plus=tuple((row, c) for _m, c in link.plus), also=(),
                               in_template=template is None or template in lex.metric_templates.get(row, ()))
