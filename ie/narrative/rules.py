"""Rule-based narrative triples: every (quantity, metric, period) in a report's prose.

The strong baseline the model must beat, and the source of its weak labels. Steps:

1. *Compact view*: site residue and mid-sentence page markers (``residue``/``page_marker`` in
   ``ie/resources/narrative.yaml``), hard line wraps (long lines, or short ones whose break cuts a
   jieba word: 政府|信息) and the spaces of letter-spaced text (pdftotext: 收 到 申 请 1 2 3 件,
   ``letter_spacing``) are skipped through an offset map, so a garbled copy reads like the clean
   one; every span maps back to the original text (a metric may so cover a line break).
2. *Scope*: table spans passed by the caller, plus lines that look like a flattened table, are skipped.
3. *Quantities*: :func:`ie.numbers.find_quantities` (numbers, units, 万/亿, approximation; dates,
   phone numbers, ordinals, slogans... left out) plus bare numbers in counting contexts.
4. *Metric*: the shortest span naming what is counted: the noun phrase after the measure word
   (召开60场新闻发布会), else the clause before the number with time words, connectives, the
   subject and channel stripped (全市各级行政机关主动公开政府信息484860条 -> 主动公开政府信息).
   Siblings with the same stripped metric keep what tells them apart; changes and shares with no
   metric of their own point back to the previous one (较上年增加233800条, 占78.1%).
   A run of back-pointing quantities opened by 分别 pairs in order with the items before it
   (自然人申请120件、法人申请8件，分别占93.8%和6.3%); a list of n items before 分别 and n
   quantities after it pair item by item (网站、微信和微博分别发布4512条、3025条和2339条: the
   metrics are 网站 / 微信 / 微博, the shared verb after 分别 in none of them).
5. *Period* from the nearest time anchor before the number in its sentence (year, month,
   quarter, 目前/现行有效/累计 for standing totals; 累计 after a year keeps the year unless framed
   by 截至年底/截至目前), the report year by default; *kind* from the unit and the comparison /
   change words around it. A comparison base value (较2015年的11247条, 较上年的105件) is a count
   of that year (the year before the report year for 上年), and the number right after it
   (…增加23件, …相比增加23件) is the change.

A line ending a report title (…年度报告) and the text's first line are never joined to the
next line, so a metric never runs back over the title. Ranges (3至5次) are one quantity at the
lower bound, approx (see :mod:`ie.numbers`).

jieba tokens (``ie.segment.tokenize``) decide where words start and end; spans are characters.
"""
from __future__ import annotations

import bisect
import copy
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from ie.errors import ResourceError, SettingsError
from ie.numbers import QuantityMatch, find_quantities, parse_number
from ie.records import Issue, Meta, Triple
from ie.resources import load_resource, resource_path, str_list
from ie.segment.normalize import is_cjk
from ie.segment.sentences import split_sentences
from ie.segment.tokenize import Segmenter, default_segmenter

_FILE = "narrative.yaml"


def _words(data: dict, key: str) -> tuple:
    return tuple(sorted(set(str_list(data, key, str(resource_path(_FILE)))), key=len, reverse=True))


def _regex(data: dict, key: str) -> re.Pattern:
    value = data.get(key)
    try:
        return re.compile(value, re.M) if isinstance(value, str) else re.compile("|".join(value), re.M)
    except (re.error, TypeError) as exc:
        raise ResourceError(str(resource_path(_FILE)), key, value, f"is not a valid pattern: {exc}") from None


@dataclass(frozen=True)
class _Lexicon:
    residue: re.Pattern
    page_marker: re.Pattern
    page_marker_min_line: int
    page_footer: re.Pattern
    heading_start: re.Pattern
    wrap_min_line: int
    spaced_min_tokens: int
    spaced_min_cjk: int
    spaced_digits_re: re.Pattern
    title_line: re.Pattern
    cell_separators: tuple
    numeric_line: re.Pattern
    narrative_line: re.Pattern
    table_min_numeric: int
    prose_line: re.Pattern
    prose_min_line: int
    bare: tuple
    lead_words: tuple
    lead_patterns: re.Pattern
    subject_end: frozenset
    subject_heads: tuple
    channel: frozenset
    cause: frozenset
    effort: frozenset
    place_preps: frozenset
    existential: frozenset
    prior_clause_metric: re.Pattern
    predicate_starts: frozenset
    adverbs: frozenset
    determiners: frozenset
    verbs: frozenset
    trail_words: tuple
    right_stops: frozenset
    comparison: tuple
    comparison_re: re.Pattern
    comparison_prefixes: tuple
    aspect_particles: tuple
    right_break: str
    right_trim: str
    quote_open: frozenset
    quote_close: frozenset
    change_verbs: tuple
    level_markers: tuple
    share_words: frozenset
    sublist_words: tuple
    respective_words: tuple
    list_separators: frozenset
    run_joiners: str  # characters allowed between the quantities of a run (4512条、3025条和2339条)
    back_words: frozenset
    cumulative: tuple
    weak_cumulative: frozenset
    standing_total_re: re.Pattern
    year_words: tuple
    time_suffixes: str
    previous_year_words: tuple
    previous_year_exceptions: tuple
    year_re: re.Pattern
    month_re: re.Pattern
    quarter_re: re.Pattern
    year_end_re: re.Pattern
    base_value_re: re.Pattern
    prior_base_value_re: re.Pattern
    list_item_line_re: re.Pattern
    year_not_anchor_after: tuple
    year_not_anchor_before: tuple
    month_range_next_re: re.Pattern
    year_range_next_re: re.Pattern
    verbal_classifiers: frozenset
    light_verbs: frozenset
    quarter_numbers: dict
    period_end_words: tuple
    percent_links: tuple


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    d = load_resource(_FILE) or {}
    table = d.get("table") or {}
    bare_src = d.get("bare_contexts") or []
    try:
        bare = tuple(re.compile(p) for p in bare_src)
    except re.error as exc:
        raise ResourceError(str(resource_path(_FILE)), "bare_contexts", bare_src, f"invalid pattern: {exc}") from None
    qn = d.get("quarter_numbers") or {}
    return _Lexicon(
        residue=_regex(d, "residue"),
        page_marker=_regex(d, "page_marker"),
        page_marker_min_line=int(d.get("page_marker_min_line", 60)),
        page_footer=_regex(d, "page_footer"),
        heading_start=_regex(d, "heading_start"),
        wrap_min_line=int(d.get("wrap_min_line", 25)),
        spaced_min_tokens=int((d.get("letter_spacing") or {}).get("min_tokens", 4)),
        spaced_min_cjk=int((d.get("letter_spacing") or {}).get("min_cjk", 2)),
        spaced_digits_re=_regex(d.get("letter_spacing") or {}, "digits_pattern"),
        title_line=_regex(d, "title_line"),
        cell_separators=tuple(table.get("cell_separators") or ("|",)),
        numeric_line=_regex(table, "numeric_line"),
        narrative_line=_regex(table, "narrative_line"),
        table_min_numeric=int(table.get("min_numeric_lines", 3)),
        prose_line=_regex(table, "prose_line"),
        prose_min_line=int(table.get("prose_min_line", 30)),
        bare=bare,
        lead_words=_words(d, "lead_words"),
        lead_patterns=_regex(d, "lead_patterns"),
        subject_end=frozenset(_words(d, "subject_end_tokens")),
        subject_heads=_words(d, "subject_heads"),
        channel=frozenset(_words(d, "channel_tokens")),
        cause=frozenset(_words(d, "cause_tokens")),
        effort=frozenset(_words(d, "effort_tokens")),
        place_preps=frozenset(_words(d, "place_prepositions")),
        existential=frozenset(_words(d, "existential_words")),
        prior_clause_metric=_regex(d, "prior_clause_metric"),
        predicate_starts=frozenset(_words(d, "predicate_starts")),
        adverbs=frozenset(_words(d, "adverb_tokens")),
        determiners=frozenset(_words(d, "subject_determiners")),
        verbs=frozenset(_words(d, "metric_verbs")),
        trail_words=_words(d, "trail_words"),
        right_stops=frozenset(_words(d, "right_stop_tokens")),
        comparison=_words(d, "comparison_words"),
        comparison_re=_regex(d, "comparison_patterns"),
        comparison_prefixes=_words(d, "comparison_prefixes"),
        aspect_particles=_words(d, "aspect_particles"),
        right_break="".join(_words(d, "right_break_before_number")),
        right_trim="".join(_words(d, "right_trim")),
        quote_open=frozenset(_words(d, "quote_open")),
        quote_close=frozenset(_words(d, "quote_close")),
        change_verbs=_words(d, "change_verbs"),
        level_markers=_words(d, "level_markers"),
        share_words=frozenset(_words(d, "share_words")),
        sublist_words=_words(d, "sublist_words"),
        respective_words=_words(d, "respective_words"),
        list_separators=frozenset(_words(d, "list_separator_tokens")),
        # the quantities after 分别 are listed like the items before it, with commas and spaces
        run_joiners=" ,，" + "".join(_words(d, "list_separator_tokens")),
        back_words=frozenset(_words(d, "back_reference_words")),
        cumulative=_words(d, "cumulative_words"),
        weak_cumulative=frozenset(_words(d, "weak_cumulative_words")),
        standing_total_re=_regex(d, "standing_total_pattern"),
        year_words=_words(d, "year_words"),
        time_suffixes="".join(_words(d, "time_suffixes")),
        previous_year_words=_words(d, "previous_year_words"),
        previous_year_exceptions=_words(d, "previous_year_exceptions"),
        year_re=_regex(d, "year_pattern"),
        month_re=_regex(d, "month_pattern"),
        quarter_re=_regex(d, "quarter_pattern"),
        year_end_re=_regex(d, "year_end_pattern"),
        base_value_re=_regex(d, "base_value_pattern"),
        prior_base_value_re=_regex(d, "prior_base_value_pattern"),
        list_item_line_re=_regex(d, "list_item_line_pattern"),
        year_not_anchor_after=_words(d, "year_not_anchor_after"),
        year_not_anchor_before=_words(d, "year_not_anchor_before"),
        month_range_next_re=_regex(d, "month_range_next"),
        year_range_next_re=_regex(d, "year_range_next"),
        verbal_classifiers=frozenset(_words(d, "verbal_classifiers")),
        light_verbs=frozenset(_words(d, "light_verbs")),
        quarter_numbers={str(k): int(v) for k, v in qn.items()},
        period_end_words=_words(d, "period_end_words"),
        percent_links=_words(d, "percent_subject_links"),
    )


# --------------------------------------------------------------------------- compact view

class _View:
    """The normalised text with residue removed: ``c[i]`` is ``norm[idx[i]]``."""

    def __init__(self, norm: str, deletions: list) -> None:
        parts, idx, pos = [], [], 0
        for a, b in deletions:
            if a < pos:
                a = pos
            if a >= b:
                continue
            parts.append(norm[pos:a])
            idx.extend(range(pos, a))
            pos = b
        parts.append(norm[pos:])
        idx.extend(range(pos, len(norm)))
        self.c = "".join(parts)
        self.idx = idx
        self.n = len(norm)

    def span(self, a: int, b: int) -> tuple:
        """Original (start, end) of compact span [a, b)."""
        if b <= a:
            o = self.idx[a] if a < len(self.idx) else self.n
            return o, o
        return self.idx[a], self.idx[b - 1] + 1


def _splits_word(prev: str, nxt: str, lex: _Lexicon, segmenter: Optional[Segmenter]) -> bool:
    """A short line (``全年主动公开政府``) is a hard wrap too when the break cuts a word in two
    (政府|信息 is jieba's 政府信息): Chinese on both sides, the line no heading and no layout
    columns. Headings without a marker (``总体情况`` before ``全年…``) split no word."""
    body = nxt.lstrip()
    if (segmenter is None or not is_cjk(prev[-1]) or not body or not is_cjk(body[0])
            or lex.heading_start.match(prev) or "  " in prev.strip()):
        return False
    k = min(len(prev), 6)
    for _, ts, te in segmenter.tokenize(prev[-k:] + body[:6]):
        if ts < k < te:
            return True
    return False


def _deletions(norm: str, lex: _Lexicon, segmenter: Optional[Segmenter] = None) -> tuple:
    dels = [m.span() for m in lex.residue.finditer(norm) if m.end() > m.start()]
    garbled = len(dels)
    for m in lex.page_marker.finditer(norm):
        line_start = norm.rfind("\n", 0, m.start()) + 1
        prev = norm[line_start:m.start()].rstrip()
        table_row = any(sep in prev for sep in lex.cell_separators) or lex.numeric_line.match(prev.strip())
        if prev[-1:] and prev[-1] not in "。！？!?；;:：" and not table_row and (
                len(prev) >= lex.page_marker_min_line
                or (("," in prev or "，" in prev) and not lex.heading_start.match(prev))):
            dels.append(m.span())
            garbled += 1
    for m in lex.page_footer.finditer(norm):
        line_start = norm.rfind("\n", 0, m.start()) + 1
        prev = norm[line_start:m.start()].rstrip()
        a, b = m.span()
        if prev and prev[-1] not in "。！？!?；;:：" and not lex.heading_start.match(prev):
            a = line_start + len(prev)  # the sentence goes on after the footer: join across it
            b += len(norm[b:]) - len(norm[b:].lstrip())
        dels.append((a, b))
    # Hard-wrapped lines: join a line to the previous one when that one stops mid-sentence.
    pos = norm.find("\n")
    while pos >= 0:
        line_start = norm.rfind("\n", 0, pos) + 1
        prev = norm[line_start:pos].rstrip()
        nxt_end = norm.find("\n", pos + 1)
        nxt = norm[pos + 1: nxt_end if nxt_end >= 0 else len(norm)]
        if (nxt.strip() and prev[-1:].isalnum()
                and norm[:line_start].strip() and not lex.title_line.search(prev)
                and not lex.heading_start.match(nxt) and not any(s in prev for s in lex.cell_separators)
                and not lex.numeric_line.match(prev.strip())
                and (is_cjk(prev[-1]) or prev[-1].isdigit())
                and (len(prev) >= lex.wrap_min_line or _splits_word(prev, nxt, lex, segmenter))):
            a = line_start + len(prev)
            b = pos + 1 + (len(nxt) - len(nxt.lstrip()))
            dels.append((a, b))
        pos = nxt_end
    dels.extend(_letter_spacing(norm, lex))
    dels.sort()
    return dels, garbled


_SPACED_TOKEN = re.compile(r"\S+")
_NUMBER_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*%?")


def _letter_spacing(norm: str, lex: _Lexicon) -> list:
    """The spaces of letter-spaced text (pdftotext of a spaced PDF: ``收 到 申 请 1 2 3 件``), as
    deletions: a run of single characters and numbers separated by single spaces, holding at
    least ``min_tokens`` tokens of which ``min_cjk`` are single Chinese characters, is read
    without its spaces. Digits spaced one by one between glued words (``申请1 2 3件``) are one
    number only when there are at least three of them (``digits_pattern``): two separate numbers
    are never written like that, while ``2 3件`` in ordinary prose stays two tokens."""
    out: list = []
    if " " not in norm:
        return out
    run: list = []  # gaps (space offsets) of the current run
    tokens = cjk = 0
    prev_end = -1

    def close() -> None:
        if tokens >= lex.spaced_min_tokens and cjk >= lex.spaced_min_cjk:
            out.extend((g, g + 1) for g in run)

    for m in _SPACED_TOKEN.finditer(norm):
        tok = m.group()
        member = len(tok) == 1 or _NUMBER_TOKEN.fullmatch(tok) is not None
        if member and tokens and m.start() == prev_end + 1 and norm[prev_end] == " ":
            run.append(prev_end)
            tokens += 1
        else:
            close()
            run, tokens, cjk = [], (1 if member else 0), 0
        if member and len(tok) == 1 and is_cjk(tok):
            cjk += 1
        prev_end = m.end()
    close()
    for m in lex.spaced_digits_re.finditer(norm):
        out.extend((k, k + 1) for k in range(m.start(), m.end()) if norm[k] == " ")
    return out


def _table_regions(norm: str, lex: _Lexicon) -> list:
    """Spans of runs of non-sentence lines holding enough number-ending lines: flattened tables."""
    regions = []
    run_start, numeric, pos = None, 0, 0
    for line in norm.splitlines(keepends=True):
        body = line.strip()
        is_narr = bool(body) and bool(lex.narrative_line.search(body)) and not any(
            s in body for s in lex.cell_separators)
        if is_narr:
            if run_start is not None and numeric >= lex.table_min_numeric:
                regions.append((run_start, pos))
            run_start, numeric = None, 0
        else:
            if run_start is None:
                run_start = pos
            if body and (lex.numeric_line.match(body) or any(s in body for s in lex.cell_separators)):
                numeric += 1
        pos += len(line)
    if run_start is not None and numeric >= lex.table_min_numeric:
        regions.append((run_start, pos))
    return regions


def _prose_lines(norm: str, spans: list, lex: _Lexicon) -> list:
    """Lines inside ``spans`` that are plainly prose: long, ending sentences with 。, with no cell
    separators and not ending in a run of numbers. A table parser that starts a table at a
    narrative heading would otherwise hide the paragraphs under it."""
    out = []
    for a, b in spans:
        pos = a
        for line in norm[a:b].splitlines(keepends=True):
            body = line.strip()
            if (len(body) >= lex.prose_min_line and lex.prose_line.search(body)
                    and not any(sep in body for sep in lex.cell_separators)
                    and not lex.numeric_line.match(body)):
                out.append((pos, pos + len(line.rstrip("\r\n"))))
            pos += len(line)
    return out


# --------------------------------------------------------------------------- the extractor

@dataclass
class _Cand:
    q: QuantityMatch
    sent: int
    left: int  # clause start (compact)
    ma: int = 0  # metric span (compact)
    mb: int = 0
    full_a: int = 0  # metric before subject/channel stripping (for siblings)
    full_b: int = 0
    channel: Optional[str] = None
    core_a: Optional[int] = None  # start of the governing verb: siblings share what follows it
    sub: bool = False  # details an earlier quantity of the sentence (其中…, bracketed)
    bracketed: bool = False
    stripped: bool = False
    back: bool = False
    right: bool = False
    ref: Optional["_Cand"] = None  # the quantity a back-pointing one takes its metric from


class RuleExtractor:
    """Holds a :class:`Segmenter` and the lexicons; :meth:`extract` gives the triples of a text.

    >>> from ie.records import Meta
    >>> from ie.segment.normalize import normalize
    >>> t = "2017年,全县主动公开政府信息7221条。"
    >>> [(x.quantity_text, x.metric_text, x.period) for x in RuleExtractor().extract(t, normalize(t), meta=Meta(year=2017))]
    [('7221条', '主动公开政府信息', '2017')]
    """

    def __init__(self, segmenter: Optional[Segmenter] = None) -> None:
        self.segmenter = segmenter or default_segmenter()
        self.lex = _lexicon()
        self._lead_set = frozenset(self.lex.lead_words)
        self._right_stop_words = tuple(w for w in self.lex.right_stops if len(w) > 2)
        self._prefixes = tuple(load_resource("numerals.yaml").get("approx_prefixes") or ())
        self._gap_re = re.compile(r"(?<=\S)[ \t]+(?=\S)")
        self._heads_re = re.compile("(?:" + _alternation(self.lex.subject_heads).pattern + ")$")
        self._trail_by_last: dict = defaultdict(list)
        for w in self.lex.trail_words:  # longest first, as in the lexicon
            self._trail_by_last[w[-1]].append(w)
        back = sorted(self.lex.back_words | self.lex.share_words | set(self.lex.comparison), key=len, reverse=True)
        self._year_words_re = _alternation(self.lex.year_words)
        self._prev_year_re = _alternation(self.lex.previous_year_words)
        self._cumulative_re = _alternation(self.lex.cumulative)
        self._back_re = re.compile("|".join(re.escape(w) for w in back) + "|" + self.lex.comparison_re.pattern)
        self._lead_by_first: dict = defaultdict(list)
        for w in self.lex.lead_words:
            self._lead_by_first[w[0]].append(w)

    # -- public ------------------------------------------------------------------------------
    def extract(self, text: str, norm: str, *, meta: Optional[Meta] = None, exclude: Iterable = (),
                issues: Optional[list] = None) -> list:
        """Triples of ``text`` (``norm`` = ``normalize(text)``), skipping ``exclude`` spans.

        Bad content never raises: odd text yields fewer triples and, where noticed, an Issue.
        Raises :class:`ie.errors.SettingsError` when ``norm`` does not match ``text`` or
        ``exclude`` is not a list of integer pairs.
        """
        lex = self.lex
        if not isinstance(text, str) or not isinstance(norm, str) or len(norm) != len(text):
            raise SettingsError("norm must be normalize(text): two str of the same length")
        try:
            spans = [(max(0, int(a)), min(len(norm), int(b))) for a, b in exclude]
        except (TypeError, ValueError):
            raise SettingsError(f"exclude must be (start, end) integer pairs, got {exclude!r}") from None
        dels, garbled = _deletions(norm, lex, self.segmenter)
        view = _View(norm, dels)
        c = view.c
        if garbled and issues is not None:
            issues.append(Issue("garbled_text", f"skipped {garbled} pieces of site residue or page markers "
                                                "inside the narrative"))
        blocked = bytearray(len(norm) + 1)
        for a, b in spans + _table_regions(norm, lex):
            blocked[a:b] = b"\x01" * max(0, b - a)
        rescued = _prose_lines(norm, spans, lex)
        for a, b in rescued:  # full sentences inside a claimed table span are still narrative
            blocked[a:b] = b"\x00" * (b - a)
        if rescued and issues is not None:
            issues.append(Issue("narrative_in_table_span", f"read {len(rescued)} prose lines that lie inside table "
                                                           "spans", rescued[0][0], rescued[-1][1]))

        titles = _bracketed(c)  # numbers inside 《…》 belong to a title (《…50条措施》)
        quantities = [q for q in find_quantities(c, bare_contexts=lex.bare)
                      if not blocked[view.idx[q.start]] and not titles[q.start]]
        if not quantities:
            return []
        sents = split_sentences(c) or [(0, len(c))]
        sent_starts = [s for s, _ in sents]
        q_ends = {q.end for q in quantities}
        cands = []
        prev_end_in_sent: dict = {}
        for q in quantities:
            si = max(0, bisect.bisect_right(sent_starts, q.start) - 1)
            s_start = sents[si][0]
            left = self._clause_start(c, q.start, s_start, q_ends)
            pe = prev_end_in_sent.get(si)
            if pe is not None and pe > left and pe <= q.start:
                left = pe
            prev_end_in_sent[si] = q.end
            cands.append(_Cand(q, si, left))

        # jieba runs only on the sentences that hold a quantity (tables and prose without numbers
        # need no tokens); per-call state lives on a shallow copy, so one extractor serves threads.
        bound = bytearray(len(c) + 1)
        tok_at: dict = {}
        for a, b in _chunks(sents, sorted({cd.sent for cd in cands})):
            for w, ts, te in self.segmenter.tokenize(c[a:b]):
                bound[a + ts] = 1
                bound[a + te] = 1
                tok_at[a + ts] = (w, a + te)
        work = copy.copy(self)
        work._c, work._bound, work._tok_at, work._titles = c, bound, tok_at, titles
        work._anchor_cache = {}
        work._after_semicolon = {k for k in range(1, len(sents)) if c[sents[k - 1][0]:sents[k - 1][1]].rstrip()[-1:] in "；;"}
        work._item_lines = self._list_item_lines(c, sents)
        work._sents, work._sent_starts = sents, sent_starts
        return work._finish(text, norm, view, sents, cands, meta)

    def _finish(self, text: str, norm: str, view: "_View", sents: list, cands: list, meta: Optional[Meta]) -> list:
        c = self._c
        for i, cd in enumerate(cands):
            self._metric(cd, sents[cd.sent][1], cands, i)
        self._siblings(cands)
        self._mark_sub_items(cands, sents)
        for i, cd in enumerate(cands):
            if cd.back:
                ref = self._referent(cands, i, skip_sub=self._is_change(cd) or self._is_base(cd)
                                     or self._after_base(cd, cands, i))
                if ref is not None:
                    cd.ma, cd.mb = ref.ma, ref.mb
                    cd.ref = ref
        self._respective_items(cands)
        self._respectively(cands)

        year = _report_year(norm, meta)
        out = []
        for i, cd in enumerate(cands):
            q = cd.q
            sent_start = sents[cd.sent][0]
            kind = self._kind(c, cd, self._after_base(cd, cands, i))
            if kind == "percent" and cd.ref is not None and self._is_share(cd):
                # 第四季度收到申请71件，占全年的32.7%: a share has the period of what it divides
                r = cd.ref
                period = self._period(c, sents[r.sent][0], sents[r.sent][1], r.q.start, year)
            else:
                period = self._period(c, sent_start, sents[cd.sent][1], q.start, year)
            if kind == "change" and period == "cumulative" and year:
                period = str(year)  # 目前关注人数120万，较上年末增加31万: the change happened this year
            qs, qe = view.span(q.start, q.end)
            if cd.mb > cd.ma:
                ms, me = view.span(cd.ma, cd.mb)
            else:
                ms = me = qs
            conf = 0.9 if cd.mb > cd.ma else 0.5
            if q.bare:
                conf -= 0.2
            out.append(Triple(quantity_text=text[qs:qe], start=qs, end=qe, value=q.value, unit=q.unit,
                              approx=q.approx, kind=kind, metric_text=text[ms:me], metric_start=ms, metric_end=me,
                              period=period, metric=None, confidence=round(conf, 2), source="rules"))
        return out

    # -- clause and metric -------------------------------------------------------------------
    def _clause_start(self, c: str, qstart: int, s_start: int, q_ends: set) -> int:
        depth = 0
        i = qstart - 1
        while i >= s_start:
            ch = c[i]
            if ch in ")）":
                depth += 1
            elif ch in "(（":
                if depth == 0:
                    return i + 1
                depth -= 1
            elif depth == 0 and (ch in "，,：:；;。!！?？\n"):
                return i + 1
            elif depth == 0 and ch == "、":
                j = i
                while j > s_start and c[j - 1] in " )）":
                    j -= 1
                    if c[j] in ")）":  # skip a bracketed note after the quantity: 57项(包括…3项)、
                        k = c.rfind("(", s_start, j)
                        k2 = c.rfind("（", s_start, j)
                        j = max(k, k2) if max(k, k2) >= 0 else j
                if j in q_ends:
                    return i + 1
            i -= 1
        return s_start

    def _tok(self, pos: int) -> Optional[tuple]:
        return self._tok_at.get(pos)

    def _strip_lead(self, a: int, b: int) -> int:
        c, bound, lex = self._c, self._bound, self.lex
        while a < b:
            while a < b and c[a] in " \t\n\"'“‘":
                if c[a] in "“‘\"'":
                    break
                a += 1
            m = lex.lead_patterns.match(c, a, b)
            if m and m.end() > a:
                a = m.end()
                continue
            for w in self._lead_by_first.get(c[a], ()):
                e = a + len(w)
                if e < b and c.startswith(w, a) and bound[e]:
                    a = e
                    break
            else:
                break
        return a

    def _strip_trail(self, a: int, b: int) -> int:
        c, bound = self._c, self._bound
        changed = True
        while changed and b > a:
            changed = False
            while b > a and c[b - 1] in " \t\n":
                b -= 1
            for w in self._trail_by_last.get(c[b - 1], ()) if b > a else ():
                s = b - len(w)
                if s > a and c.startswith(w, s) and (len(w) > 1 or bound[s] or not self._is_word(c[s - 1:s + 1])):
                    b = s
                    changed = True
                    break
        return b

    def _is_word(self, w: str) -> bool:
        """True when jieba's dictionary knows ``w`` (收到 is a word, so its 到 is not stripped)."""
        return bool(self.segmenter.tokenizer.FREQ.get(w))

    def _tokens(self, a: int, b: int) -> list:
        out, i = [], a
        while i < b:
            t = self._tok_at.get(i)
            if t is None:
                i += 1
                continue
            out.append((t[0], i, min(t[1], b)))
            i = t[1]
        return out

    def _metric(self, cd: _Cand, sent_end: int, cands: list, i: int) -> None:
        c, lex, q = self._c, self.lex, cd.q
        # nothing but 另有/尚有 before the number: what follows names it even when it starts
        # with a word that is also a verb (另有2宗申请跨年度办理)
        la = self._strip_lead(cd.left, q.start)
        bare_left = la >= q.start or c[la:q.start].strip() in lex.existential
        if q.unit in lex.verbal_classifiers and not bare_left and self._event_count(cd, la, sent_end):
            return
        if self._try_right(cd, sent_end, loose=bare_left):
            return
        link = next((w for w in lex.percent_links if c.startswith(w, q.end)), None) if bare_left else None
        if link is not None and q.kind == "percent":
            # a percentage opening its clause (约85%的申请在10个工作日内办结): what follows it says
            # what that share of the items did
            end = q.end + len(link)
            while end < sent_end and c[end] not in "，,；;。:：!！?？\n(（":
                end += 1
            a, b = self._trim_punct(q.end + len(link), end)
            if b - a >= 2:
                cd.ma, cd.mb, cd.right = a, b, True
                return
        left = cd.left
        if left > 0 and c[left - 1] in ":：" and not c[left:q.start].strip():
            # "主动公开政府信息数：3256条": the label before the colon names the quantity
            s_start = self._sent_start(cd, left)
            left = self._clause_start(c, left - 1, s_start, set())
        left = self._after_gap(left, q.start)
        a = self._strip_lead(left, q.start)
        b = self._strip_trail(a, q.start)
        cut = self._comparison_start(a, b)
        if cut is not None:  # 申请办结率同比提高3.5个百分点: the metric is what is compared
            b = self._strip_trail(a, cut)
        if q.kind in ("percent", "percent_point"):  # 主动公开信息增加了12%: the change verb goes
            b = self._strip_change(a, b)
        a = self._after_time(a, b)
        a, b = self._trim_punct(a, b)
        toks = self._tokens(a, b)
        if toks and all(w in self._lead_set or w in lex.subject_end for w, _, _ in toks):
            toks = []  # …，共194件: only lead words are left
        # a share word may be glued to what follows by jieba (占新收|申请总数), unless that makes a word (占用)
        share = bool(toks) and (toks[0][0] in lex.share_words or (
            toks[0][0][:1] in lex.share_words and not self._is_word(toks[0][0])))
        if not toks or (share and self._referent(cands, i) is not None):
            # nothing left, or a share (占全部申请的65.2%) that divides the metric before it
            cd.back = self._referent(cands, i) is not None
            cd.ma = cd.mb = q.start
            if not cd.back and not share and cd.left > 0:
                s_start = self._sent_start(cd, cd.left)
                m = lex.prior_clause_metric.search(c, s_start, cd.left)
                if m and not (i > 0 and cands[i - 1].sent == cd.sent):
                    cd.ma, cd.mb = m.span(1)
            return
        if ((all(w in lex.back_words or w in lex.share_words or w in lex.comparison
                                 or lex.comparison_re.fullmatch(w) for w, _, _ in toks) or self._only_back(a, b))
                        and self._points_back(cd, cands, i)):
            cd.back = True
            cd.ma = cd.mb = q.start
            return
        # place preposition: drop the word, keep the place (在国家企业信用信息公示系统公布信息)
        place = False
        if toks[0][0] in lex.place_preps and len(toks) > 1:
            a = toks[0][2]
            toks = toks[1:]
            place = True
        cd.full_a, cd.full_b = a, b
        if toks[0][0] in lex.channel:
            cd.channel = toks[0][0]
        # subject ended by an adverb: 全市法院系统共受理…, 我委共确认违法
        for j in range(len(toks) - 2, -1, -1):
            w = toks[j][0]
            k = next((len(w) - len(e) for e in lex.subject_end if w.endswith(e) and w != e
                      and not self._is_word(w)), None)
            if (w in lex.subject_end and j > 0) or k is not None:
                a = self._strip_lead(toks[j][2], b)
                toks = self._tokens(a, b)
                cd.stripped = True
                cd.full_a = a  # what precedes 共/累计 is the subject even for siblings
                break
        v, vpos = self._find_verb(toks)
        if v is not None:
            cd.core_a = vpos
        if not place and toks:
            if v is not None and (v > 0 or vpos > toks[0][1]):
                prefix = toks[:v]
                first = prefix[0][0] if prefix else ""
                ch = next((k for k, t in enumerate(prefix) if t[0] in lex.channel), None)
                if first in lex.predicate_starts:
                    pass
                elif not prefix or first in lex.cause or first in lex.effort or any(
                        t[0] in lex.cause for t in prefix):
                    a = vpos
                    cd.stripped = True
                elif ch is not None and (ch == 0 or self._subject_head(prefix[:ch]) is not None):
                    # [subject] 通过 channel verb…: the channel goes unless siblings need it
                    cd.channel, cd.full_a = prefix[ch][0], prefix[ch][1]
                    a = vpos
                    rest = self._tokens(vpos, b)
                    if len(rest) == 1 and rest[0][0] in lex.verbs and prefix[ch][2] < vpos:
                        # 通过厅门户网站公开1.25万条: a bare verb names nothing, the channel tells
                        # the items apart (like a place: only the preposition goes)
                        a = self._strip_lead(prefix[ch][2], vpos)
                    cd.stripped = True
                else:
                    k = self._subject_head(prefix)
                    if k is None:
                        k = self._inner_subject(prefix)
                    if k is not None:
                        a = min(self._strip_lead(self._skip_note(prefix[k][2], b), b), vpos)
                        if self._c[a:vpos] in self._lead_set:  # 及时处理 glued by jieba: drop 及时
                            a = vpos
                        cd.stripped = True
            elif v is None and len(toks) > 1 and toks[0][0][:1] in lex.determiners:
                # no governing verb (rates, nouns): drop a determined subject, 各乡镇(街道)群众满意度
                k = self._subject_head(toks[:-1])
                if k is None:
                    k = self._inner_subject(toks[:-1])
                if k is None:
                    k = self._subject_run(toks[:-1])
                if k is not None:
                    a = self._strip_lead(self._skip_note(toks[k][2], b), b)
                    cd.stripped = True
        cd.ma, cd.mb = a, b
        if cd.mb <= cd.ma:
            cd.back = True

    def _event_count(self, cd: _Cand, la: int, sent_end: int) -> bool:
        """A count of events (次, 回) names the action counted, wherever it stands: after a light verb,
        what follows (进行一次抽查 -> 抽查, 召开3次会议 -> 会议); after another verb with an object
        behind, that verb (通报一次工作情况 -> 通报); before a verb, when nothing before it governs
        (局党组全年4次召开会议研究… -> 召开会议研究…). False when none of these applies."""
        c, lex, q = self._c, self.lex, cd.q
        toks = self._tokens(la, q.start)
        if not toks or toks[-1][2] != q.start:
            return False
        last = toks[-1][0]
        if last in lex.light_verbs:
            return self._try_right(cd, sent_end, loose=True)
        if last in lex.verbs:
            if self._try_right(cd, sent_end):
                cd.ma, cd.mb, cd.right = toks[-1][1], q.start, False
                return True
            return False
        t = self._tok_at.get(q.end)
        if t is not None and t[0] in lex.verbs and self._find_verb(toks)[0] is None:
            return self._try_right(cd, sent_end, loose=True)
        return False

    def _number_at(self, i: int) -> bool:
        """A number (possibly after an approximation word such as 近) starts at ``i``."""
        c = self._c
        for p in ("",) + self._prefixes:
            if c.startswith(p, i) and i + len(p) < len(c) and c[i + len(p)].isdigit():
                return True
        return False

    def _after_gap(self, a: int, b: int) -> int:
        """Start of a long clause after its last run of spaces: one-line scrapes join headings and
        paragraphs with spaces (…行政诉讼情况 全年因…), prose itself has none."""
        if b - a <= 20:
            return a
        m = None
        for m in self._gap_re.finditer(self._c, a, b):
            pass
        return m.end() if m is not None and m.end() < b else a

    def _find_verb(self, toks: list) -> tuple:
        """(token index, start offset) of the first governing verb, also when jieba glued an
        adverb to it (及时处理, 认真落实); (None, None) when there is none."""
        lex = self.lex
        quoted = False
        for k, (w, s, _) in enumerate(toks):
            opens, closes = w in lex.quote_open, w in lex.quote_close
            if opens or closes:  # a verb inside “…发布” quotes is part of an account's name
                quoted = not quoted if (opens and closes) else opens
                continue
            if quoted:
                continue
            if w in lex.verbs:
                return k, s
            for n in range(1, len(w)):
                if w[n:] in lex.verbs and (w[:n] in lex.adverbs or w[:n] in lex.effort or w[:n] in self._lead_set):
                    return k, s + n
        return None, None

    def _inner_subject(self, prefix: list) -> Optional[int]:
        """A subject head followed by a time word or adverb inside the prefix (市本级全年政务微信…)."""
        lex = self.lex
        for k in range(len(prefix) - 1):
            nxt = prefix[k + 1][0]
            if self._is_head(prefix[k][0]) and (
                    nxt in self._lead_set or nxt in lex.adverbs or nxt in lex.effort or nxt in lex.subject_end):
                return k
        return None

    def _is_head(self, word: str) -> bool:
        """True when ``word`` ends with a subject head (…部门, …机关, …本级)."""
        return self._heads_re.search(word) is not None

    def _subject_run(self, toks: list) -> Optional[int]:
        """Last index of the run of subject tokens opening ``toks`` (市本级 | 兼职人员,
        县 人民政府 | 政府信息公开行政复议); None when the first token heads nothing."""
        k = -1
        while k + 1 < len(toks) and self._is_head(toks[k + 1][0]):
            k += 1
        return k if k >= 0 else None

    def _sent_start(self, cd: _Cand, pos: int) -> int:
        c = self._c
        k = max(c.rfind(ch, 0, pos) for ch in "。！？!?；;\n")
        return k + 1

    def _skip_note(self, a: int, b: int) -> int:
        """Past a bracketed note right after a subject: 各乡镇(街道)…."""
        c = self._c
        if a < b and c[a] in "(（":
            close = min((k for k in (c.find(")", a, b), c.find("）", a, b)) if k >= 0), default=-1)
            if close >= 0:
                return close + 1
        return a

    def _subject_head(self, prefix: list) -> Optional[int]:
        """Index of the token heading the subject at the end of ``prefix`` (…部门, …本级), looking
        past adverbs, time words and bracketed notes after it (各乡镇(街道)全年…); None if none."""
        lex = self.lex
        k = len(prefix) - 1
        while k >= 0:
            w = prefix[k][0]
            if w in lex.effort or w in lex.subject_end or w in self._lead_set or w in lex.adverbs:
                k -= 1
            elif w in ")）":
                while k >= 0 and prefix[k][0] not in "(（":
                    k -= 1
                k -= 1
            else:
                break
        if k < 0:
            return None
        return k if self._is_head(prefix[k][0]) else None

    def _strip_change(self, a: int, b: int) -> int:
        c, lex = self._c, self.lex
        for p in ("",) + lex.aspect_particles:
            for v in lex.change_verbs:
                w = v + p
                if b - len(w) > a and c.startswith(w, b - len(w)):
                    return self._strip_trail(a, b - len(w))
        return b

    def _after_time(self, a: int, b: int) -> int:
        """Past a date written inside the span (本机关2020年度行政复议案件…): time words are
        never part of what is counted. Dates inside 《…》 titles stay."""
        lex, end = self.lex, a
        for m in lex.year_re.finditer(self._c, a, b):
            if not self._titles[m.start()]:
                end = m.end()
        if end > a:
            m = self.lex.lead_patterns.match(self._c, end, b)
            end = max(end, m.end() if m else end)
            while end < b and self._c[end] in lex.time_suffixes:
                end += 1
            rest = self._strip_lead(end, b)
            if rest < b:
                return rest
        return a

    def _comparison_start(self, a: int, b: int) -> Optional[int]:
        seg = self._c[a:b]
        hits = [seg.find(w) for w in self.lex.comparison if w in seg]
        m = self.lex.comparison_re.search(seg)
        if m:
            hits.append(m.start())
        return a + min(hits) if hits else None

    def _trim_punct(self, a: int, b: int) -> tuple:
        c = self._c
        while a < b and not (c[a].isalnum() or c[a] in "“《(（\"'‘"):
            a += 1
        while b > a and not (c[b - 1].isalnum() or c[b - 1] in "”》)）\"'’"):
            b -= 1
        if not any(ch.isalnum() for ch in c[a:b]):
            return a, a
        pairs = {"“": "”", "‘": "’", '"': '"', "(": ")", "（": "）"}
        while b - a > 2 and pairs.get(c[a]) == c[b - 1] and c.find(c[b - 1], a + 1, b - 1) < 0:
            a, b = a + 1, b - 1  # “同意公开”的8件: the quotes wrap the whole metric
        return a, b

    def _points_back(self, cd: _Cand, cands: list, i: int) -> bool:
        """A clause without a metric of its own refers back only for changes, shares, rates and
        "from A to B" pairs; 增加51项 alone counts the items added."""
        seg = self._c[cd.left:cd.q.start]
        lex = self.lex
        if cd.q.kind in ("percent", "percent_point"):
            return True
        if any(w in seg for w in lex.comparison) or lex.comparison_re.search(seg) or self._is_base(cd):
            return True
        if i > 1 and cands[i - 2].sent == cd.sent and self._is_base(cands[i - 2]) \
                and self._after_base(cands[i - 1], cands, i - 1):
            return True  # 由上年的2716元提高到2813元，增加97元: the change of that pair
        return i > 0 and cands[i - 1].sent == cd.sent and cands[i - 1].q.end == cd.left

    def _only_back(self, a: int, b: int) -> bool:
        return not self._back_re.sub("", self._c[a:b]).strip()

    def _try_right(self, cd: _Cand, sent_end: int, loose: bool = False) -> bool:
        c, lex, q = self._c, self.lex, cd.q
        if q.kind in ("percent", "percent_point") or (not q.unit and not q.bare):
            return False
        i = q.end
        while i < sent_end and c[i] in " \t":
            i += 1
        if i >= sent_end or not (is_cjk(c[i]) or c[i] in "“《\""):
            return False
        t = self._tok_at.get(i)
        if t is not None and (t[0] in lex.right_stops or (t[0] in lex.verbs and not loose)
                              or t[0] in lex.level_markers or t[0] in lex.back_words or t[0] in lex.share_words):
            return False
        if c.startswith(lex.change_verbs, i) or c.startswith(lex.comparison, i):
            return False  # 由原来387家减少到现在的2家: what follows is a change, not the counted noun
        end, j = i, i
        limit = min(sent_end, i + 40)
        while j < limit:
            ch = c[j]
            if ch in "，,；;。:：!！?？\n(（":
                break
            if ch in lex.right_break and self._number_at(j + 1):
                break
            t = self._tok_at.get(j)
            if t is not None and j > i and (t[0] in lex.right_stops or c.startswith(self._right_stop_words, j)):
                break
            if c[j].isdigit() and j > i:
                break
            j = t[1] if t is not None else j + 1
            end = j
        end = min(end, limit)
        while end > i and (c[end - 1] in lex.right_trim or c[end - 1].isspace()):
            end -= 1
        if end <= i:
            return False
        cd.ma, cd.mb, cd.right = i, end, True
        return True

    def _siblings(self, cands: list) -> None:
        """Clauses of one sentence that count the same thing through different channels or
        subjects (政府网站公开信息…, 政务微博公开信息…) keep what tells them apart."""
        groups: dict = defaultdict(list)
        for cd in cands:
            if cd.back or cd.right or cd.core_a is None or cd.full_b <= cd.core_a:
                continue
            groups[(cd.sent, self._c[cd.core_a:cd.full_b])].append(cd)
        for members in groups.values():
            if len(members) < 2 or not any(m.stripped for m in members):
                continue
            if len({self._c[m.full_a:m.full_b] for m in members}) < 2:
                continue
            channels = {m.channel for m in members}
            keep_channel = len(channels) == 1 and None not in channels
            for m in members:
                a = m.full_a
                if m.channel and not keep_channel:
                    t = self._tok_at.get(a)
                    if t is not None:
                        a = t[1]
                m.ma, m.mb = a, m.full_b

    def _respective_items(self, cands: list) -> None:
        """政府门户网站、政务微信和政务微博分别发布4512条、3025条和2339条: a list of n items before
        分别 and a run of n quantities after it pair in order, each item its own metric. The verb
        after 分别 is shared by the whole list and cannot join one item in a contiguous span, so it
        stays out (the items tell the quantities apart; the verb is the same for all)."""
        c, lex = self._c, self.lex
        i = 0
        while i < len(cands):
            cd = cands[i]
            seg = c[cd.left:cd.q.start]
            word = next((w for w in lex.respective_words if w in seg), None)
            if cd.back or word is None:
                i += 1
                continue
            j = i + 1
            while (j < len(cands) and cands[j].sent == cd.sent and cands[j].q.kind == cd.q.kind
                   and not c[cands[j - 1].q.end:cands[j].q.start].strip(lex.run_joiners)):
                j += 1
            n = j - i
            items = self._list_items(self._strip_lead(cd.left, cd.q.start), cd.left + seg.rfind(word)) if n >= 2 else []
            if len(items) == n:
                for k, (a, b) in zip(range(i, j), items):
                    m = cands[k]
                    m.ma, m.mb, m.back, m.ref, m.right = a, b, False, None, False
            i = j

    def _list_items(self, a: int, b: int) -> list:
        """Spans of the items of a coordinated list in [a, b) (A、B和C), split at separator tokens;
        [] when an item is empty."""
        lex = self.lex
        out, start = [], a
        for w, ts, te in self._tokens(a, b) + [("", b, b)]:
            if w in lex.list_separators or ts == b:
                ia, ib = self._trim_punct(self._strip_lead(start, ts), ts)
                if ib <= ia:
                    return []
                out.append((ia, ib))
                start = te
        return out

    def _respectively(self, cands: list) -> None:
        """分别占93.8%和6.3%: a run of n back-pointing quantities opened by 分别 takes, in order,
        the metrics of the last n quantities before it in the sentence that have their own."""
        c, lex = self._c, self.lex
        i = 0
        while i < len(cands):
            cd = cands[i]
            if not (cd.back and any(w in c[cd.left:cd.q.start] for w in lex.respective_words)):
                i += 1
                continue
            j = i + 1
            while (j < len(cands) and cands[j].back and cands[j].sent == cd.sent
                   and cands[j].q.kind == cd.q.kind and cands[j].left >= cands[j - 1].q.end
                   and not c[cands[j - 1].q.end:cands[j].q.start].strip(lex.run_joiners)):
                j += 1
            n = j - i
            prior = [p for p in cands[:i] if p.sent == cd.sent and not p.back and p.mb > p.ma]
            if n >= 2 and len(prior) >= n:
                for k, p in zip(range(i, j), prior[-n:]):
                    cands[k].ma, cands[k].mb = p.ma, p.mb
            i = j

    def _referent(self, cands: list, i: int, skip_sub: bool = False) -> Optional[_Cand]:
        """The quantity whose metric a back-pointing one takes: the nearest before it in the
        sentence (or, when it has none, in the clause before a ；); for a change, the nearest that
        is not a sub-item of a list (其中…, (另有…)), since 比上年增加23件 after
        其中自然人申请120件，法人申请8件 changes the total."""
        si = cands[i].sent
        # quantities inside a bracket that has closed before this one (…964条（含…748条、…216条），占72.6%)
        # detail another: never the referent
        prior = [p for p in reversed(cands[:i]) if p.sent == si and not p.back and p.mb > p.ma
                 and not self._bracket_closed(p.q.end, cands[i].q.start)]
        if not prior and si in self._after_semicolon:
            prior = [p for p in reversed(cands[:i]) if p.sent == si - 1 and not p.back and p.mb > p.ma]
        if not prior:
            return None
        if skip_sub:
            listed = 0
            for p in prior:
                if not p.sub:
                    break
                listed += 1
            # one sub-item just before: the change is its own (其中当面申请32件,较上年增加5件);
            # a list of them, or a bracketed aside: the change is the total's
            if listed >= 2 or (listed == 1 and prior[0].bracketed):
                return next((p for p in prior if not p.sub), prior[0])
        return prior[0]

    def _bracket_closed(self, a: int, b: int) -> bool:
        """More brackets close than open in [a, b): a position at ``a`` is inside a bracket that ends
        before ``b``."""
        depth = 0
        for ch in self._c[a:b]:
            if ch in "(（":
                depth += 1
            elif ch in ")）":
                depth -= 1
                if depth < 0:
                    return True
        return False

    def _mark_sub_items(self, cands: list, sents: list) -> None:
        """Flag quantities that detail an earlier one of their sentence: after a sub-list word
        (其中, 包括) that follows that earlier quantity, or inside brackets."""
        c, lex = self._c, self.lex
        first_end: dict = {}
        for cd in cands:
            start = first_end.get(cd.sent)
            if start is None:
                first_end[cd.sent] = cd.q.end
                continue
            if cd.left > 0 and c[cd.left - 1] in "(（":
                cd.sub = cd.bracketed = True
            elif any(c.find(w, start, cd.q.start) >= 0 for w in lex.sublist_words):
                cd.sub = True

    def _is_share(self, cd: _Cand) -> bool:
        """The clause opens with a share word (占全年的32.7%, 占比91%)."""
        a = self._strip_lead(cd.left, cd.q.start)
        t = self._tok_at.get(a)
        return t is not None and t[0] in self.lex.share_words

    def _is_change(self, cd: _Cand) -> bool:
        seg = self._c[cd.left:cd.q.start]
        lex = self.lex
        if any(w in seg for w in lex.comparison) or lex.comparison_re.search(seg):
            return True
        tail = seg.rstrip()
        return cd.q.kind in ("percent", "percent_point") and not tail.startswith(tuple(lex.share_words)) and any(
            v in tail for v in lex.change_verbs if len(v) > 1)

    # -- period and kind ---------------------------------------------------------------------
    def _sentence_anchors(self, c: str, s: int, e: int, year: Optional[int]) -> list:
        """Time anchors of one sentence: (start, end, kind, value), offsets relative to ``s``."""
        lex = self.lex
        seg = c[s:e]
        closed = self._titles[s:e + 1]
        ys = str(year) if year else None
        anchors = []
        for m in lex.year_re.finditer(seg):
            rng = lex.year_range_next_re.match(seg, m.end())
            if not closed[m.start()] and not self._after_comparison(seg, m.start()) \
                    and not seg.endswith(lex.year_not_anchor_after, 0, m.start()) \
                    and not seg.startswith(lex.year_not_anchor_before, rng.end() if rng else m.end()):
                anchors.append((m.start(), m.end(), "year", m.group(1)))
        for m in lex.month_re.finditer(seg):
            if closed[m.start()] or any(seg.endswith(w, 0, m.start()) for w in lex.period_end_words):
                continue
            y = m.group(1) or ys
            if lex.month_range_next_re.match(seg, m.end()):  # 6月份至8月份: a span of the year, no month
                if y:
                    anchors.append((m.start(), m.end(), "year", y))
                continue
            month = parse_number(m.group(2)) if y else None
            if isinstance(month, int) and 1 <= month <= 12:
                anchors.append((m.start(2), m.end(), "month", f"{y}-{month:02d}"))
        for m in lex.year_end_re.finditer(seg):
            y = m.group(1) or ys
            if y and not closed[m.start()]:
                anchors.append((m.end() - 1, m.end(), "year", y))
        for m in lex.quarter_re.finditer(seg):
            y = m.group(1) or ys
            if y and m.group(2) in lex.quarter_numbers:
                anchors.append((m.start(), m.end(), "quarter", f"{y}Q{lex.quarter_numbers[m.group(2)]}"))
        plan = None  # the plan year of the list this sentence is an item of ("" when none), looked up once
        for m in self._year_words_re.finditer(seg):
            if ys and not closed[m.start()]:  # 年内 is the sentence's own year when it names one,
                stated = [a[3] for a in anchors if a[2] == "year" and a[1] <= m.start()]
                if not stated and plan is None:  # else the plan year of a list it is an item of
                    head = self._list_head_year(s, year)
                    plan = head if head and head.isdigit() and int(head) > year else ""
                anchors.append((m.start(), m.end(), "year", stated[-1] if stated else plan or ys))
        for m in self._prev_year_re.finditer(seg):
            k, w = m.start(), m.group()
            if year and not closed[k] and not self._after_comparison(seg, k) \
                    and not seg.startswith(lex.previous_year_exceptions, m.end()) \
                    and not any(seg.endswith(cw, 0, k + len(w)) for cw in lex.comparison):
                anchors.append((k, m.end(), "year", str(year - 1)))
        standing = [m.span() for m in lex.standing_total_re.finditer(seg)]
        for m in self._cumulative_re.finditer(seg):
            if not closed[m.start()]:
                kind = "weak" if m.group() in lex.weak_cumulative and not any(
                    a <= m.start() < b for a, b in standing) else "cumulative"
                anchors.append((m.start(), m.end(), kind, "cumulative"))
        anchors.sort(key=lambda a: (a[0], a[2] != "month"))
        return anchors

    def _period(self, c: str, s: int, e: int, qstart: int, year: Optional[int]) -> str:
        """The period of a quantity at ``qstart`` in sentence [s, e): nearest anchor before it."""
        cached = self._anchor_cache.get(s)
        if cached is None:
            cached = self._anchor_cache[s] = self._sentence_anchors(c, s, e, year)
        rel = qstart - s
        base = self._base_year(s, qstart, year)
        if base is not None:  # 较2015年的11247条: the quantity is that year's value
            return base
        anchors = [a for a in cached if a[1] <= rel]
        if not anchors:
            inherited = self._list_head_year(s, year)
            return inherited or (str(year) if year else "")
        pos, _, kind, value = anchors[-1]
        if kind == "weak":  # 2017年,我县累计收到… keeps the stated year
            dated = [a for a in anchors if a[2] in ("year", "month", "quarter")]
            return dated[-1][3] if dated else "cumulative"
        if kind == "year" and any(a[2] == "month" and a[0] > pos for a in anchors):
            return next(a[3] for a in reversed(anchors) if a[2] == "month")
        return value

    def _list_item_lines(self, c: str, sents: list) -> set:
        """Indices of sentences that continue a list line by line: a sentence that starts a line with an
        item marker ((一), 1., 二是) right after a sentence ending in a colon or after another such item."""
        out: set = set()
        for k in range(1, len(sents)):
            s0 = sents[k][0]
            line_start = c.rfind("\n", 0, s0) + 1
            if line_start == 0 or c[line_start:s0].strip() or not self.lex.list_item_line_re.match(c, s0):
                continue
            if k - 1 in out or c[sents[k - 1][0]:sents[k - 1][1]].rstrip()[-1:] in ":：":
                out.add(k)
        return out

    def _list_head_year(self, s: int, year: Optional[int]) -> Optional[str]:
        """The year heading a list of clauses split by ；, or of items on their own lines after a colon,
        for a clause that names no time itself: ``2014年，我局将做好以下工作：一是…；二是…至少一次…``
        dates the second item 2014. Only a plain year carries over, from the nearest earlier clause of
        the chain that has an anchor."""
        si = bisect.bisect_right(self._sent_starts, s) - 1
        k = si
        while k in self._after_semicolon or k in self._item_lines:
            k -= 1
            ks, ke = self._sents[k]
            anchors = self._anchor_cache.get(ks)
            if anchors is None:
                anchors = self._anchor_cache[ks] = self._sentence_anchors(self._c, ks, ke, year)
            if anchors:
                last = anchors[-1]
                return last[3] if last[2] == "year" else None
        return None

    def _base_year(self, s: int, qstart: int, year: Optional[int]) -> Optional[str]:
        """The year of a comparison base value (较2015年的11247条 -> 2015, 较上年的105件 -> the
        year before the report year); None when the quantity is not one."""
        lo = max(s, qstart - 12)
        base = self.lex.base_value_re.search(self._c, lo, qstart)
        if base is not None:
            return base.group(1)
        if year and self.lex.prior_base_value_re.search(self._c, lo, qstart):
            return str(year - 1)
        return None

    def _after_base(self, cd: _Cand, cands: list, i: int) -> bool:
        """Right after a comparison base value (较上年的105件增加23件, 与2018年的105件相比增加23件):
        the quantity is the change against it."""
        if i == 0:
            return False
        prev = cands[i - 1]
        return (prev.sent == cd.sent and prev.q.end == cd.left and self._is_base(prev)
                and not any(ch in "，,；;" for ch in self._c[cd.left:cd.q.start]))

    def _is_base(self, cd: _Cand) -> bool:
        lo = max(cd.left, cd.q.start - 12)
        return bool(self.lex.base_value_re.search(self._c, lo, cd.q.start)
                    or self.lex.prior_base_value_re.search(self._c, lo, cd.q.start))

    def _after_comparison(self, seg: str, pos: int) -> bool:
        """A year at ``pos`` is a comparison base (较2016年, 比上年) or the year of a base value
        (由2021年的2716元提高到2813元): it dates nothing after it."""
        head = seg[max(0, pos - 3):pos]
        return head.endswith(self.lex.comparison_prefixes) or (
            pos > 0 and self.lex.comparison_re.match(seg, pos - 1) is not None)

    def _kind(self, c: str, cd: _Cand, after_base: bool = False) -> str:
        q, lex = cd.q, self.lex
        if q.kind == "money":
            return "money"
        if q.text[:1] in "+-" or q.text[q.num_start - q.start - 1:q.num_start - q.start] in ("+", "-"):
            return "change"  # a signed number (本年增减-3项) is a delta by how it is written
        seg = c[cd.left:q.start]
        if self._is_base(cd):
            return "money" if q.kind == "money" else "count" if q.kind == "count" else q.kind
        if after_base and seg.rstrip().endswith(lex.level_markers):
            after_base = False  # 较上年的9.6个工作日缩短至7.2个工作日: the level reached, not the change
        compared = after_base or any(w in seg for w in lex.comparison) or bool(lex.comparison_re.search(seg))
        if q.kind == "other":
            return "change" if compared else "other"
        if q.kind in ("percent", "percent_point"):
            tail = seg.rstrip()
            for lm in lex.level_markers:
                if tail.endswith(lm):
                    return "percent"
            if compared or any(tail.endswith(v) or any(tail.endswith(v + p) for p in lex.aspect_particles)
                               for v in lex.change_verbs):
                return "change"
            return "change" if q.kind == "percent_point" else "percent"
        if compared:
            return "change"
        return "count"


def _chunks(sents: list, wanted: list) -> list:
    """Spans covering the wanted sentences, consecutive ones merged (one jieba call per run)."""
    out: list = []
    prev = None
    for si in wanted:
        a, b = sents[si]
        if out and prev == si - 1:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
        prev = si
    return out


def _alternation(words: Iterable) -> re.Pattern:
    """One pattern matching any of ``words``, longest first."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _bracketed(seg: str) -> list:
    """Per position: inside 《…》 (a title) or not."""
    out, depth = [], 0
    for ch in seg:
        if ch == "《":
            depth += 1
        out.append(depth > 0)
        if ch == "》" and depth:
            depth -= 1
    out.append(depth > 0)
    return out


def _report_year(norm: str, meta: Optional[Meta]) -> Optional[int]:
    if meta is not None and meta.year:
        return int(meta.year)
    years = Counter(int(m.group(1)) for m in _lexicon().year_re.finditer(norm))
    return years.most_common(1)[0][0] if years else None


@lru_cache(maxsize=1)
def default_extractor() -> RuleExtractor:
    """The shared :class:`RuleExtractor` (segmenter and lexicons built once)."""
    return RuleExtractor()


def compact_view(norm: str) -> _View:
    """Step 1 alone, for other readers of the prose (the model): ``norm`` with site residue, page
    markers, hard line wraps and letter spacing skipped. ``view.c`` is the compact text and
    ``view.idx[i]`` the offset in ``norm`` of ``view.c[i]``; ``view.span(a, b)`` maps a span back.

    >>> v = compact_view("某市2019年报告\\n全市主动公开政府信息3120条，较上年的2890条增加\\n230条。")
    >>> v.c[10:]
    '全市主动公开政府信息3120条，较上年的2890条增加230条。'
    >>> v.span(37, 41)
    (38, 42)
    """
    ex = default_extractor()
    return _View(norm, _deletions(norm, ex.lex, ex.segmenter)[0])


def extract_rule_triples(text: str, norm: str, *, meta: Optional[Meta] = None, exclude: Iterable = (),
                         issues: Optional[list] = None) -> list:
    """:meth:`RuleExtractor.extract` with the shared extractor."""
    return default_extractor().extract(text, norm, meta=meta, exclude=exclude, issues=issues)
