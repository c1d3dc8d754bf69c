"""The narrative-phrasing lexicon: ``ie/resources/narrative_metrics.yaml`` loaded, validated, indexed.

Public: ``load_lexicon() -> Lexicon`` (cached), ``load_lexicon_file(path) -> Lexicon``, ``fold(text, lex)``.

Every entry names a canonical metric id that must exist in a template schema; a column must be a
column id of that metric's table. Schema labels and aliases become phrases of their metric
automatically (minus enumerators, notes and the trailing 数), so the file only adds what prose says
differently. A problem raises :class:`ie.errors.ResourceError` naming the file, key and value.

>>> lex = load_lexicon()
>>> any(e.metric == "a.request.received" for e in lex.entries)
True
>>> fold("（一）收到申请数", lex, label=True)
'收到申请'
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from ie.errors import ResourceError
from ie.resources import load_yaml, resource_path

LEXICON_FILE = resource_path("narrative_metrics.yaml")
# Table 二 rows (规章, 行政许可 ...) only mean something together with their column; their bare labels
# are not phrasings of a cell, so they get no automatic label phrases.
_NO_LABEL_PHRASES = ("t2_",)


@dataclass(frozen=True)
class Entry:
    """One way of naming a cell: metric id, column id, phrases, and the conditions of use."""

    metric: str
    column: Optional[str] = None
    phrases: tuple = ()  # folded
    parts: tuple = ()  # folded: phrasings of a component of the cell
    topic: Optional[str] = None
    exclude: tuple = ()  # folded
    also: tuple = ()  # tuple[(metric, column, plus), ...]: other meanings, each a cell or a sum of cells
    plus: tuple = ()  # tuple[(metric, column), ...]: the narrative value is this cell plus these
    from_label: bool = False
    home_only: bool = False  # only linked in reports whose template holds the metric
    previous_year: bool = False  # the cell counts last year's stock: a quantity dated last year fits it
    next_year: bool = False  # the cell counts what goes on to next year: a quantity dated next year fits it
    unit_group: Optional[str] = None  # only for quantities whose unit is in this unit_groups group
    clause_topic: bool = False  # the topic must be named in the metric's own clause, not just its paragraph
    verbs: tuple = ()  # folded: the metric text must hold one of these (制发, 印发 …) for the entry to apply
    not_verbs: tuple = ()  # folded: the entry never applies when one stands in the sentence before the number


@dataclass(frozen=True)
class ApplicantColumn:
    """Words naming an applicant type (a column of table 三): 企业 -> 商业企业."""

    column: str
    cues: tuple  # folded, longest first
    plus: tuple = ()  # other column ids the words also cover (法人或其他组织 = 商业企业 + … + 其他)


@dataclass(frozen=True)
class Lexicon:
    entries: tuple
    threshold: float
    topic_bonus: float
    topic_min_score: float
    other_era_penalty: float
    drop: str
    label_prefix: tuple  # compiled regexes
    label_suffix: tuple
    label_notes: Any  # compiled regex
    approx: dict  # "lower"/"upper"/"around" -> tuple of markers
    sum_cues: tuple
    total_cues: tuple
    share_cues: tuple
    subset_cues: tuple
    sentence_end: str
    list_end: str
    open_brackets: str
    close_brackets: str
    headings: tuple  # compiled regexes
    topics: dict  # topic -> tuple of cue words
    home_only: tuple = ()  # metric id prefixes linked only in their own template's reports
    unit_groups: dict = field(default_factory=dict)  # unit -> group name
    share_of: dict = field(default_factory=dict)  # metric id -> the metric id its shares are taken of
    metric_templates: dict = field(default_factory=dict)  # metric id -> tuple of template ids
    variants: tuple = ()  # ((written form, matching form), ...) of equal length, longest first
    label_stoplist: tuple = ()  # folded labels too generic to be phrases (总计, 合计: a total of anything)
    narrower_cues: tuple = ()  # folded: the count is of a narrower/other scope than any cell: not linked
    metric_columns: dict = field(default_factory=dict)  # metric id -> frozenset of its table's column ids
    counterparts: dict = field(default_factory=dict)  # metric id -> ids meaning the same in other templates
    applicant_columns: tuple = ()  # (ApplicantColumn, ...): cue words naming one applicant column
    applicant_fillers: tuple = ()  # folded words that say nothing about the row ("提出的", "申请")
    applicant_row: Optional[str] = None  # the row a bare applicant count belongs to (row 一)
    applicant_frames: tuple = ()  # folded words ending a clause that frames the next ones ("…的申请中")
    channel_topics: frozenset = frozenset()  # topics that are publication/response channels
    topic_unions: tuple = ()  # ((union topic, frozenset of member topics), ...)
    channel_totals: tuple = ()  # metric ids totalling over the channels
    body_suffixes: tuple = ()  # folded endings of a body's name (办公室, 局): a count of that body is a part
    self_refs: tuple = ()  # folded words by which the report names its own body (我局, 本机关)
    respective_cues: tuple = ()  # "分别": the shares after it pair with the counts before it, in order
    breakdown_cues: tuple = ()  # ((opening word, closing word), ...): "从…看" opens a breakdown by a new dimension
    sum_cue_asides: tuple = ()  # words closing a sum cue into an aside ("包括…在内"): no list follows
    distributive_cues: tuple = ()  # "各": one number stated for each of several names, not their sum
    comparison_cues: tuple = ()  # folded-free: a clause comparing with another period (比, 较, 同比)
    change_leads: tuple = ()  # words ending the text before a quantity that make it a change (增加)
    period_leads: tuple = ()  # words ending the text before a quantity that date it elsewhere (上年的)
    overlapping_totals: tuple = ()  # metric ids whose listed parts may add up to more than them
    join_min_score: float = 0.9  # both joined names must score this much
    joiners: tuple = ()  # words joining two metric names whose counts the number adds up (予以公开及部分公开)
    alternatives: tuple = ()  # words joining two names into one (全部或部分公开)
    file: str = ""


def normalize_text(text: str, lex: Lexicon) -> str:
    """The length-preserving form prose and phrases are matched in: width folding and traditional ->
    simplified character by character (:func:`ie.segment.normalize.normalize`, the step the tables
    use), then the word variants of the phrasing file (答覆 -> 答复, 資訊 -> 信息). Every offset into
    the result is an offset into ``text``.

    >>> normalize_text("共答覆４６０件，收到政府資訊公開申請", load_lexicon())
    '共答复460件,收到政府信息公开申请'
    """
    from ie.segment.normalize import normalize

    s = normalize(text or "")
    for written, form in lex.variants:
        if written in s:
            s = s.replace(written, form)
    return s


def fold(text: str, lex: Lexicon, *, label: bool = False) -> str:
    """Fold ``text`` for matching: :func:`normalize_text` (width, traditional characters, word
    variants), NFKC, punctuation/space/quote removal.

    With ``label=True`` also strip label enumerators ("(一)", "1.", "其中:"), parenthetical notes and a
    trailing 数/数量, so an official label becomes the phrase prose uses.

    >>> fold("收到政府信息公開申請", load_lexicon()) == fold("收到政府信息公开申请", load_lexicon())
    True
    """
    s = unicodedata.normalize("NFKC", normalize_text(text or "", lex))
    if label:
        s = lex.label_notes.sub("", s)
        for rx in lex.label_prefix:
            s = rx.sub("", s.strip())
    s = "".join(ch for ch in s if ch not in lex.drop)
    if label:
        for suf in lex.label_suffix:
            if s.endswith(suf) and len(s) > len(suf) + 1:
                s = s[: -len(suf)]
                break
    return s


def _fail(file: str, key: str, value: Any, problem: str) -> None:
    raise ResourceError(file, key, value, problem)


def _strs(file: str, raw: Any, key: str) -> tuple:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        _fail(file, key, raw, "must be a list of strings")
    out = []
    for i, v in enumerate(raw):
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            v = str(v)
        if not isinstance(v, str) or not v:
            _fail(file, f"{key}[{i}]", v, "must be a non-empty string")
        out.append(v)
    return tuple(out)


def _regexes(file: str, raw: Any, key: str) -> tuple:
    out = []
    for i, pat in enumerate(_strs(file, raw, key)):
        try:
            out.append(re.compile(pat))
        except re.error as exc:
            _fail(file, f"{key}[{i}]", pat, f"is not a valid regular expression: {exc}")
    return tuple(out)


def _schema_index() -> tuple:
    """(metric id -> [(template id, Metric)], metric id -> set of column ids, ids of broken templates)
    over every bundled template. A template file that fails validation is skipped here (its owner's
    tests report it), and entries naming its ids are then skipped instead of rejected."""
    from ie.tables.schema import load_template, template_ids

    metrics: dict = {}
    columns: dict = {}
    broken = []
    for tid in template_ids():
        try:
            tpl = load_template(tid)
        except ResourceError:
            broken.append(tid)
            continue
        for table in tpl.tables:
            table_cols = {c.id for c in table.columns}
            for section in table.sections:
                cols = table_cols | {c.id for c in (section.columns or ())}
                for m in section.metrics:
                    metrics.setdefault(m.id, []).append((tid, m))
                    columns.setdefault(m.id, set()).update(cols)
    return metrics, columns, tuple(broken)


def _parse(data: Any, file: str) -> Lexicon:
    if not isinstance(data, dict):
        _fail(file, "<root>", data, "must be a mapping")
    fold_cfg = data.get("fold") or {}
    if not isinstance(fold_cfg, dict):
        _fail(file, "fold", fold_cfg, "must be a mapping")
    try:
        notes = re.compile(fold_cfg.get("label_notes") or r"(?!x)x")
    except re.error as exc:
        _fail(file, "fold.label_notes", fold_cfg.get("label_notes"), f"is not a valid regular expression: {exc}")
    approx_raw = data.get("approx") or {}
    if not isinstance(approx_raw, dict) or set(approx_raw) - {"lower", "upper", "around"}:
        _fail(file, "approx", approx_raw, "must map lower/upper/around to lists of markers")
    topics_raw = data.get("topics") or {}
    if not isinstance(topics_raw, dict):
        _fail(file, "topics", topics_raw, "must be a mapping of topic -> cue words")
    topics = {str(k): _strs(file, v, f"topics.{k}") for k, v in topics_raw.items()}
    variants_raw = fold_cfg.get("variants") or {}
    if not isinstance(variants_raw, dict):
        _fail(file, "fold.variants", variants_raw, "must map a written form to the form phrases use")
    variants = []
    for k, v in variants_raw.items():
        if not isinstance(k, str) or not isinstance(v, str) or not k or len(k) != len(v):
            _fail(file, f"fold.variants.{k}", v, "must map a word to a word of the same length")
        from ie.segment.normalize import normalize

        variants.append((normalize(k), normalize(v)))  # matched after the character folding
    lex = Lexicon(
        entries=(),
        threshold=float(data.get("threshold", 0.6)),
        topic_bonus=float(data.get("topic_bonus", 0.1)),
        topic_min_score=float(data.get("topic_min_score", 0.75)),
        other_era_penalty=float(data.get("other_era_penalty", 0.1)),
        drop=str(fold_cfg.get("drop", "")),
        label_prefix=_regexes(file, fold_cfg.get("label_prefix"), "fold.label_prefix"),
        label_suffix=_strs(file, fold_cfg.get("label_suffix"), "fold.label_suffix"),
        label_notes=notes,
        variants=tuple(sorted(variants, key=lambda kv: -len(kv[0]))),
        label_stoplist=_strs(file, fold_cfg.get("label_stoplist"), "fold.label_stoplist"),
        approx={k: _strs(file, approx_raw.get(k), f"approx.{k}") for k in ("lower", "upper", "around")},
        sum_cues=_strs(file, data.get("sum_cues"), "sum_cues"),
        total_cues=_strs(file, data.get("total_cues"), "total_cues"),
        share_cues=_strs(file, data.get("share_cues"), "share_cues"),
        subset_cues=_strs(file, data.get("subset_cues"), "subset_cues"),
        sentence_end=str(data.get("sentence_end", "\n")),
        list_end=str(data.get("list_end", "")),
        open_brackets=str(data.get("open_brackets", "(")),
        close_brackets=str(data.get("close_brackets", ")")),
        headings=_regexes(file, data.get("headings"), "headings"),
        topics=topics,
        home_only=_strs(file, data.get("home_only"), "home_only"),
        unit_groups={u: str(g) for g, us in (data.get("unit_groups") or {}).items()
                     for u in _strs(file, us, f"unit_groups.{g}")},
        file=file,
    )
    lex = Lexicon(**{**lex.__dict__,
                     "narrower_cues": tuple(fold(c, lex) for c in _strs(file, data.get("narrower_cues"), "narrower_cues")),
                     "joiners": tuple(sorted(_strs(file, data.get("joiners"), "joiners"), key=len, reverse=True)),
                     "alternatives": _strs(file, data.get("alternatives"), "alternatives"),
                     "join_min_score": float(data.get("join_min_score", 0.9)),
                     "overlapping_totals": _strs(file, data.get("overlapping_totals"), "overlapping_totals"),
                     "respective_cues": _strs(file, data.get("respective_cues"), "respective_cues"),
                     "breakdown_cues": _breakdown_cues(file, data.get("breakdown_cues")),
                     "sum_cue_asides": _strs(file, data.get("sum_cue_asides"), "sum_cue_asides"),
                     "channel_totals": _strs(file, data.get("channel_totals"), "channel_totals"),
                     "body_suffixes": tuple(fold(x, lex) for x in _strs(file, (data.get("bodies") or {}).get(
                         "suffixes"), "bodies.suffixes")),
                     "self_refs": tuple(fold(x, lex) for x in _strs(file, (data.get("bodies") or {}).get("self"),
                                                                    "bodies.self")),
                     "channel_topics": frozenset(_known_topics(file, data.get("channel_topics"), "channel_topics", topics)),
                     "topic_unions": tuple((str(k), frozenset(_known_topics(file, v, f"topic_unions.{k}", topics)))
                                           for k, v in (data.get("topic_unions") or {}).items()
                                           if _known_topics(file, [k], "topic_unions", topics)),
                     "distributive_cues": _strs(file, data.get("distributive_cues"), "distributive_cues"),
                     **_quantity_leads(data.get("quantity_leads"), file)})
    schema_metrics, schema_columns, broken = _schema_index()
    entries = []
    raw_entries = data.get("metrics")
    if not isinstance(raw_entries, list):
        _fail(file, "metrics", raw_entries, "must be a list of entries")
    for i, raw in enumerate(raw_entries):
        key = f"metrics[{i}]"
        if not isinstance(raw, dict):
            _fail(file, key, raw, "must be a mapping")
        unknown = set(raw) - {"id", "column", "phrases", "parts", "topic", "exclude", "also", "plus", "previous_year", "next_year",
                              "unit_group", "topic_scope", "verbs", "not_verbs"}
        if raw.get("topic_scope", "paragraph") not in ("paragraph", "clause"):
            _fail(file, f"{key}.topic_scope", raw["topic_scope"], "must be paragraph or clause")
        if raw.get("unit_group") is not None and raw["unit_group"] not in set(lex.unit_groups.values()):
            _fail(file, f"{key}.unit_group", raw["unit_group"], "unknown unit group (not a key of unit_groups)")
        if unknown:
            _fail(file, f"{key}.{sorted(unknown)[0]}", raw[sorted(unknown)[0]], "unknown key")
        mid = raw.get("id")
        if broken and isinstance(mid, str) and mid not in schema_metrics:
            continue
        if not isinstance(mid, str) or mid not in schema_metrics:
            _fail(file, f"{key}.id", mid, "unknown metric id (not in any template schema)")
        col = raw.get("column")
        if col is not None and col not in schema_columns.get(mid, ()):
            _fail(file, f"{key}.column", col, f"not a column of the table holding {mid!r}")
        topic = raw.get("topic")
        if topic is not None and topic not in topics:
            _fail(file, f"{key}.topic", topic, "unknown topic (not a key of topics)")
        also, plus = [], []
        for ref_key, acc in (("also", also), ("plus", plus)):
            for j, alt in enumerate(raw.get(ref_key) or []):
                if broken and isinstance(alt, dict) and alt.get("id") not in schema_metrics:
                    continue
                if not isinstance(alt, dict) or alt.get("id") not in schema_metrics:
                    _fail(file, f"{key}.{ref_key}[{j}]", alt, "must be {id: <schema metric id>, column: <column id>}")
                if alt.get("column") is not None and alt["column"] not in schema_columns.get(alt["id"], ()):
                    _fail(file, f"{key}.{ref_key}[{j}].column", alt["column"], f"not a column of {alt['id']!r}")
                if ref_key == "also":  # (metric, column, plus): a meaning may be a sum of cells (一 + 二)
                    sums = []
                    for k, extra in enumerate(alt.get("plus") or []):
                        if not isinstance(extra, dict) or extra.get("id") not in schema_metrics or (
                                extra.get("column") is not None
                                and extra["column"] not in schema_columns.get(extra["id"], ())):
                            _fail(file, f"{key}.also[{j}].plus[{k}]", extra, "must be {id: <schema metric id>, column: "
                                                                           "<column id>}")
                        sums.append((extra["id"], extra.get("column")))
                    acc.append((alt["id"], alt.get("column"), tuple(sums)))
                    continue
                acc.append((alt["id"], alt.get("column")))
        phrases = tuple(fold(p, lex) for p in _strs(file, raw.get("phrases"), f"{key}.phrases"))
        parts = tuple(fold(p, lex) for p in _strs(file, raw.get("parts"), f"{key}.parts"))
        if not phrases and not parts:
            _fail(file, key, mid, "an entry needs phrases or parts")
        entries.append(Entry(metric=mid, column=col, phrases=phrases, parts=parts, topic=topic,
                             exclude=tuple(fold(p, lex) for p in _strs(file, raw.get("exclude"), f"{key}.exclude")),
                             also=tuple(also), plus=tuple(plus), home_only=mid.startswith(lex.home_only),
                             previous_year=bool(raw.get("previous_year", False)),
                             next_year=bool(raw.get("next_year", False)), unit_group=raw.get("unit_group"),
                             clause_topic=raw.get("topic_scope") == "clause",
                             verbs=tuple(fold(v, lex) for v in _strs(file, raw.get("verbs"), f"{key}.verbs")),
                             not_verbs=tuple(fold(v, lex) for v in _strs(file, raw.get("not_verbs"),
                                                                         f"{key}.not_verbs"))))
    # Official labels and aliases as phrases. The entry inherits the column and exclusions the file
    # gives its metric (the first entry with no topic), so "收到申请" from the label keeps its guard words.
    by_metric: dict = {}
    for e in entries:
        if e.topic is None:
            by_metric.setdefault(e.metric, e)
    for mid, occurrences in schema_metrics.items():
        if mid.startswith(_NO_LABEL_PHRASES):
            continue
        names = set()
        for _tid, m in occurrences:
            for name in m.names:
                f = fold(name, lex, label=True)
                if len(f) >= 2 and f not in lex.label_stoplist:
                    names.add(f)
        if not names:
            continue
        base = by_metric.get(mid)
        entries.append(Entry(metric=mid, column=base.column if base else _default_column(mid, schema_columns),
                             phrases=tuple(sorted(names)), exclude=base.exclude if base else (),
                             also=base.also if base else (), from_label=True,
                             home_only=mid.startswith(lex.home_only),
                             verbs=base.verbs if base else (), not_verbs=base.not_verbs if base else ()))
    templates = {mid: tuple(sorted({tid for tid, _m in occ})) for mid, occ in schema_metrics.items()}
    share_raw = data.get("share_of") or {}
    if not isinstance(share_raw, dict):
        _fail(file, "share_of", share_raw, "must map a metric id to the metric id its shares are taken of")
    share_of = {}
    for k, v in share_raw.items():
        for key, mid in ((f"share_of.{k}", k), (f"share_of.{k}", v)):
            if mid not in schema_metrics and not broken:
                _fail(file, key, mid, "unknown metric id (not in any template schema)")
        share_of[str(k)] = str(v)
    for key in ("overlapping_totals", "channel_totals"):
        for i, mid in enumerate(getattr(lex, key)):
            if mid not in schema_metrics and not broken:
                _fail(file, f"{key}[{i}]", mid, "unknown metric id (not in any template schema)")
    counterparts = _counterparts(data.get("counterparts"), file, schema_metrics, broken)
    applicants, fillers, row = _applicants(data.get("applicant_columns"), file, lex, schema_metrics, schema_columns,
                                           broken)
    return Lexicon(**{**lex.__dict__, "entries": tuple(entries), "metric_templates": templates, "share_of": share_of,
                      "metric_columns": {m: frozenset(c) for m, c in schema_columns.items()},
                      "counterparts": counterparts, "applicant_columns": applicants, "applicant_fillers": fillers,
                      "applicant_row": row,
                      "applicant_frames": tuple(fold(x, lex) for x in _strs(
                          file, (data.get("applicant_columns") or {}).get("frames"), "applicant_columns.frames"))})


def _breakdown_cues(file: str, raw: Any) -> tuple:
    """"从…看" -> ("从", "看"): an opening and a closing word with a few words between them."""
    out = []
    for i, cue in enumerate(_strs(file, raw, "breakdown_cues")):
        pieces = cue.split("…")
        if len(pieces) != 2 or not all(pieces):
            _fail(file, f"breakdown_cues[{i}]", cue, "must be <opening word>…<closing word>")
        out.append((pieces[0], pieces[1]))
    return tuple(out)


def _known_topics(file: str, raw: Any, key: str, topics: dict) -> tuple:
    names = _strs(file, raw, key)
    for i, name in enumerate(names):
        if name not in topics:
            _fail(file, f"{key}[{i}]", name, "unknown topic (not a key of topics)")
    return names


def _quantity_leads(raw: Any, file: str) -> dict:
    """``quantity_leads: {comparison: [...], change: [...], period: [...]}`` (see the phrasing file)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or set(raw) - {"comparison", "change", "period"}:
        _fail(file, "quantity_leads", raw, "must map comparison/change/period to lists of words")
    return {"comparison_cues": _strs(file, raw.get("comparison"), "quantity_leads.comparison"),
            "change_leads": tuple(sorted(_strs(file, raw.get("change"), "quantity_leads.change"), key=len, reverse=True)),
            "period_leads": tuple(sorted(_strs(file, raw.get("period"), "quantity_leads.period"), key=len, reverse=True))}


def _counterparts(raw: Any, file: str, schema_metrics: dict, broken: tuple) -> dict:
    """``counterparts: {a.request.received: l.request.total, …}``: the same quantity's id in another
    template. Symmetric: each id maps to the other."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        _fail(file, "counterparts", raw, "must map a metric id to the metric id(s) meaning the same elsewhere")
    out: dict = {}
    for k, v in raw.items():
        others = [v] if isinstance(v, str) else v
        if not isinstance(others, list):
            _fail(file, f"counterparts.{k}", v, "must be a metric id or a list of them")
        for mid in [k, *others]:
            if mid not in schema_metrics:
                if broken:
                    continue
                _fail(file, f"counterparts.{k}", mid, "unknown metric id (not in any template schema)")
        group = [str(k), *map(str, others)]
        for a in group:
            out.setdefault(a, [])
            out[a] += [b for b in group if b != a and b not in out[a]]
    return {k: tuple(v) for k, v in out.items()}


def _applicants(raw: Any, file: str, lex: "Lexicon", schema_metrics: dict, schema_columns: dict,
                broken: tuple) -> tuple:
    """``applicant_columns: {row: t3.new, fillers: [...], columns: [{column, cues, plus}]}``."""
    if raw is None:
        return (), (), None
    if not isinstance(raw, dict):
        _fail(file, "applicant_columns", raw, "must be a mapping with row, fillers and columns")
    row = raw.get("row")
    if row not in schema_metrics:
        if broken:
            return (), (), None
        _fail(file, "applicant_columns.row", row, "unknown metric id (not in any template schema)")
    cols = schema_columns.get(row, set())
    out = []
    for i, c in enumerate(raw.get("columns") or []):
        key = f"applicant_columns.columns[{i}]"
        if not isinstance(c, dict) or c.get("column") not in cols:
            _fail(file, key, c, f"needs a column of the table holding {row!r}")
        plus = _strs(file, c.get("plus"), f"{key}.plus")
        for p in plus:
            if p not in cols:
                _fail(file, f"{key}.plus", p, f"not a column of the table holding {row!r}")
        cues = tuple(sorted((fold(x, lex) for x in _strs(file, c.get("cues"), f"{key}.cues")), key=len, reverse=True))
        if not cues:
            _fail(file, f"{key}.cues", c.get("cues"), "needs at least one cue word")
        out.append(ApplicantColumn(column=c["column"], cues=cues, plus=plus))
    fillers = tuple(sorted((fold(x, lex) for x in _strs(file, raw.get("fillers"), "applicant_columns.fillers")),
                           key=len, reverse=True))
    return tuple(out), fillers, row


def _default_column(metric_id: str, schema_columns: dict) -> Optional[str]:
    cols = schema_columns.get(metric_id) or set()
    return "total" if "total" in cols else None


def load_lexicon_file(path: Path | str) -> Lexicon:
    """Load and validate a phrasing file (not cached). Raises ResourceError on any problem."""
    return _parse(load_yaml(path), str(path))


@lru_cache(maxsize=None)
def load_lexicon() -> Lexicon:
    """The bundled ``narrative_metrics.yaml``, validated and cached."""
    return load_lexicon_file(LEXICON_FILE)
