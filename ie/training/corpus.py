"""The annotated corpus: one JSONL format, converters, splits and a ``datasets`` loader.

A corpus record (one JSON object a line) is a document or a sentence with character spans::

    {"id": "000_79ef27311e66addd", "text": "...",
     "entities": [{"id": 0, "start": 1742, "end": 1748, "label": "QTY",
                   "attrs": {"value": 1200, "unit": "条", "approx": true, "kind": "count", "period": "2018"}},
                  {"id": 1, "start": 1731, "end": 1742, "label": "METRIC", "attrs": null}],
     "relations": [{"head": 0, "tail": 1, "label": "metric"}],
     "meta": {"doc": "000_79ef27311e66addd", "source": "gold", "year": 2018}}

Labels and relation names come from ``ie/resources/labels.yaml`` (:func:`load_labels`). ``attrs`` is
optional and only needed to round-trip the seed gold format exactly. Converters: seed gold
(:func:`from_seed_triples`, :func:`to_seed_triples`), doccano JSONL (:func:`from_doccano`,
:func:`to_doccano`) and Label Studio JSON (:func:`from_label_studio`, :func:`to_label_studio`).
Splits are manifest files (``corpus/splits/*.txt``): one entry a line, either a document id or a
corpus JSONL path (all its records); ``#`` starts a comment.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

import yaml

from ie.errors import ResourceError, SettingsError
from ie.resources import resource_path

PathLike = Union[str, Path]


@dataclass(frozen=True)
class LabelScheme:
    """Entity labels, relation names and the BIO tag list derived from them."""

    version: int
    entities: Tuple[str, ...]
    relations: Dict[str, Tuple[str, str]]
    month_pattern: str
    cumulative: Tuple[str, ...]
    change_cues: Tuple[str, ...] = ()
    scope: Optional[Dict[str, str]] = None
    not_after_bare_number: Tuple[str, ...] = ()
    year_pattern: str = ""  # group 1: a year written in a period span
    month_span_pattern: str = ""  # group 1: a month number in the text before a quantity
    change_levels: Tuple[str, ...] = ()  # a change cue followed by one of these states a level (增加到)
    quarter_pattern: str = ""  # group 1: an optional year, group 2: the quarter (quarter_numbers)
    quarter_numbers: Optional[Dict[str, int]] = None
    previous_year: Tuple[str, ...] = ()  # words naming the year before the report year (上年)
    month_range_next: str = ""  # after a month: the month opens a range (4月至6月), which is the year
    month_range_prev: str = ""  # before a month: the month closes a range (the 6月 of 4月至6月)
    share_leads: Tuple[str, ...] = ()  # a percent after one of these in its clause is a share (占…的39.6%)
    standing_in_clause: Tuple[str, ...] = ()  # earlier in the clause of a report-year quantity: a standing total

    @property
    def tags(self) -> List[str]:
        """BIO tags, "O" first: ``['O', 'B-QTY', 'I-QTY', 'B-METRIC', ...]``."""
        out = ["O"]
        for e in self.entities:
            out += [f"B-{e}", f"I-{e}"]
        return out

    def period_value(self, span_text: Optional[str], year: Optional[int], after: str = "", before: str = "") -> str:
        """Normalise a PERIOD span to a Triple.period: month, quarter, "cumulative", a year written in
        the span, or the report year. A month that opens or closes a range, inside the span or with
        ``after``/``before`` (the text right after/before the span), dates nothing finer than the year:
        4月至6月.

        >>> s = load_labels()
        >>> s.period_value("12月份", 2017), s.period_value("目前", 2017), s.period_value(None, 2017)
        ('2017-12', 'cumulative', '2017')
        >>> s.period_value("一季度", 2023), s.period_value("第四季度", 2021), s.period_value("3季度", 2020)
        ('2023Q1', '2021Q4', '2020Q3')
        >>> s.period_value("2022年第二季度", 2023), s.period_value("2 0 2 2 年", 2023), s.period_value("３季度", 2023)
        ('2022Q2', '2022', '2023Q3')
        >>> s.period_value("上半年", 2023), s.period_value("上年", 2023)
        ('2023', '2022')
        >>> s.period_value("4月至6月", 2014), s.period_value("7月", 2014, after="\\n至9月，"), s.period_value("7月", 2014, after="，")
        ('2014', '2014', '2014-07')
        >>> s.period_value("9月", 2014, before="；7月\\n至"), s.period_value("9月", 2014, before="截至")
        ('2014', '2014-09')
        """
        default = str(year) if year else "unknown"
        if not span_text:
            return default
        # full-width digits (３季度) and letter-spaced text as pdftotext leaves it (2 0 2 2 年)
        span_text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", span_text))
        m = re.search(self.month_pattern, span_text)
        if m and year and 1 <= int(m.group(1)) <= 12:
            if ((self.month_range_next and re.match(self.month_range_next, span_text[m.end():] + after))
                    or (self.month_range_prev and re.search(self.month_range_prev, before + span_text[:m.start()]))):
                return default
            return f"{year}-{int(m.group(1)):02d}"
        q = re.search(self.quarter_pattern, span_text) if self.quarter_pattern else None
        if q and (self.quarter_numbers or {}).get(q.group(2)) and (q.group(1) or year):
            return f"{q.group(1) or year}Q{self.quarter_numbers[q.group(2)]}"
        if any(w in span_text for w in self.cumulative):
            return "cumulative"
        y = re.search(self.year_pattern, span_text)
        if y:
            return y.group(1)
        if year and span_text in self.previous_year:
            return str(year - 1)
        return default


@lru_cache(maxsize=4)
def load_labels(path: Optional[str] = None) -> LabelScheme:
    """Read the label scheme (default ``ie/resources/labels.yaml``). Raises ResourceError if malformed."""
    p = Path(path) if path else resource_path("labels.yaml")
    data = yaml.safe_load(Path(p).read_text(encoding="utf-8"))
    ents = tuple(data.get("entities") or ())
    if not ents:
        raise ResourceError(str(p), "entities", ents, "at least one entity label is required")
    rels = {}
    for name, spec in (data.get("relations") or {}).items():
        if spec.get("head") not in ents or spec.get("tail") not in ents:
            raise ResourceError(str(p), f"relations.{name}", spec, "head and tail must be entity labels")
        rels[name] = (spec["head"], spec["tail"])
    pv = data.get("period_values") or {}
    for key in ("month", "year", "month_span"):
        if not isinstance(pv.get(key), str) or not pv[key]:
            raise ResourceError(str(p), f"period_values.{key}", pv.get(key), "a pattern is required")
    return LabelScheme(int(data.get("version", 1)), ents, rels, pv["month"],
                       tuple(pv.get("cumulative", ())), tuple(data.get("change_cues") or ()),
                       dict(data.get("scope") or {}),
                       tuple((data.get("model_windows") or {}).get("not_after_bare_number") or ()),
                       pv["year"], pv["month_span"], tuple(data.get("change_levels") or ()),
                       pv.get("quarter") or "", {str(k): int(v) for k, v in (pv.get("quarter_numbers") or {}).items()},
                       tuple(pv.get("previous_year") or ()), str(pv.get("month_range_next") or ""),
                       str(pv.get("month_range_prev") or ""), tuple(data.get("share_leads") or ()),
                       tuple(pv.get("standing_in_clause") or ()))


# ---------------------------------------------------------------------------------------------- I/O


def read_jsonl(path: PathLike) -> List[dict]:
    """Read a JSONL file (blank lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl(records: Iterable[dict], path: PathLike) -> int:
    """Write records one per line (UTF-8, not ASCII-escaped); returns the count."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    return n


def validate_record(rec: dict, scheme: Optional[LabelScheme] = None) -> List[str]:
    """Problems with one record (empty list = valid): bad labels, spans out of range, dangling relations.

    >>> validate_record({"id": "x", "text": "收到申请7件", "entities": [
    ...     {"id": 0, "start": 4, "end": 6, "label": "QTY"}, {"id": 1, "start": 0, "end": 4, "label": "METRIC"}],
    ...     "relations": [{"head": 0, "tail": 1, "label": "metric"}]})
    []
    """
    scheme = scheme or load_labels()
    out = []
    n = len(rec.get("text", ""))
    ents = {e["id"]: e for e in rec.get("entities", [])}
    for e in ents.values():
        if e["label"] not in scheme.entities:
            out.append(f"{rec.get('id')}: unknown entity label {e['label']!r}")
        if not 0 <= e["start"] < e["end"] <= n:
            out.append(f"{rec.get('id')}: span {e['start']}..{e['end']} outside text of length {n}")
    for r in rec.get("relations", []):
        if r["label"] not in scheme.relations:
            out.append(f"{rec.get('id')}: unknown relation {r['label']!r}")
            continue
        h, t = ents.get(r["head"]), ents.get(r["tail"])
        if h is None or t is None:
            out.append(f"{rec.get('id')}: relation {r} points at a missing entity")
        elif (h["label"], t["label"]) != scheme.relations[r["label"]]:
            out.append(f"{rec.get('id')}: relation {r['label']} must join {scheme.relations[r['label']]}")
    return out


# ------------------------------------------------------------------------------- seed gold format


def _last_in_paragraph(text: str, qstart: int, pattern: str, keep) -> Optional[Tuple[int, int]]:
    """Span of the last match of ``pattern`` that ``keep`` accepts, between the start of the
    paragraph (line) holding ``qstart`` and ``qstart``."""
    para = text.rfind("\n", 0, qstart) + 1
    hits = [m for m in re.finditer(pattern, text[para:qstart]) if keep(m)]
    return (para + hits[-1].start(), para + hits[-1].end()) if hits else None


def _find_period_span(text: str, qstart: int, period: str, scheme: LabelScheme,
                      report_year: Optional[int] = None) -> Optional[Tuple[int, int]]:
    """The explicit expression governing a non-default period: nearest match before the quantity in its
    sentence (else just after it, for "由原来114家精简到现在的58家"). A year other than the report year
    (a plan: "2014年,我厅将新增…") is the nearest "2014年" before the quantity in its paragraph, since
    such a year often heads a list of clauses split by semicolons; for an item on a line of its own, the
    year of the clause heading the list (:func:`ie.narrative.model.window_heads`)."""
    if re.fullmatch(r"\d{4}", period):
        if report_year is None or period == str(report_year):
            return None
        found = _last_in_paragraph(text, qstart, scheme.year_pattern, lambda m: m.group(1) == period)
        if found is None:  # an item on its own line: the year of the list's head clause
            from ie.narrative.model import DEFAULT_HEAD_CHARS, window_heads

            head = window_heads(text, [(qstart, qstart)], DEFAULT_HEAD_CHARS)[0]
            m = re.search(scheme.year_pattern, text[head[0]:head[1]]) if head else None
            if m and m.group(1) == period:
                found = (head[0] + m.start(), head[0] + m.end())
        if found is None and period == str(report_year - 1) and scheme.previous_year:
            # a prior-year value named without its year (较上年的297件): the nearest 上年 of the clause
            lo = max(text.rfind(c, 0, qstart) for c in "。\n;；，,") + 1
            words = "|".join(sorted(map(re.escape, scheme.previous_year), key=len, reverse=True))
            hits = list(re.finditer(words, text[lo:qstart]))
            if hits:
                found = (lo + hits[-1].start(), lo + hits[-1].end())
        return found
    lo = max(text.rfind(c, 0, qstart) for c in "。\n;；") + 1
    hi_cands = [i for i in (text.find(c, qstart) for c in "。\n;；") if i >= 0]
    hi = min(hi_cands) if hi_cands else len(text)
    if period == "cumulative":
        words = sorted(scheme.cumulative, key=len, reverse=True)
        best = None
        for w in words:
            for m in re.finditer(re.escape(w), text[lo:hi]):
                s = lo + m.start()
                if s < qstart and (best is None or s > best[0] or (s == best[0] and s + len(w) > best[1])):
                    best = (s, s + len(w))
        if best:
            return best
        for w in words:
            s = text.find(w, qstart, hi)
            if s >= 0:
                return (s, s + len(w))
        return None
    if re.fullmatch(r"\d{4}Q[1-4]", period) and scheme.quarter_pattern:
        return _last_in_paragraph(text, qstart, scheme.quarter_pattern,
                                  lambda m: scheme.period_value(m.group(0), int(period[:4])) == period)
    m_month = re.fullmatch(r"\d{4}-(\d{2})", period)
    if m_month:
        month = int(m_month.group(1))
        for m in reversed(list(re.finditer(scheme.month_span_pattern, text[lo:qstart]))):
            if int(m.group(1)) == month:
                return (lo + m.start(), lo + m.end())
    return None


def from_seed_triples(rows: Iterable[dict], texts: Dict[str, str], *, source: str = "gold",
                      years: Optional[Dict[str, int]] = None) -> List[dict]:
    """Seed gold rows (``corpus/gold/seed_triples.jsonl``) -> one corpus record per document.

    QTY entities keep the row's value/unit/approx/kind/period in ``attrs``; shared metric spans
    become one METRIC entity; non-year periods get a PERIOD span found in the sentence.
    """
    scheme = load_labels()
    by_doc: Dict[str, List[dict]] = defaultdict(list)
    for r in rows:
        by_doc[r["doc"]].append(r)
    out = []
    for doc, drows in sorted(by_doc.items()):
        text = texts[doc]
        ents: List[dict] = []
        rels: List[dict] = []
        span_id: Dict[Tuple[int, int, str], int] = {}

        def ent(s: int, e: int, label: str, attrs=None) -> int:
            key = (s, e, label)
            if key not in span_id:
                span_id[key] = len(ents)
                ents.append({"id": len(ents), "start": s, "end": e, "label": label, "attrs": attrs})
            return span_id[key]

        if years and doc in years:
            year = years[doc]
        else:  # the report year is the year most rows carry
            counts = Counter(int(r["period"]) for r in drows if re.fullmatch(r"\d{4}", r["period"]))
            year = counts.most_common(1)[0][0] if counts else None
        for r in sorted(drows, key=lambda r: r["start"]):
            attrs = {k: r[k] for k in ("value", "unit", "approx", "kind", "period")}
            q = ent(r["start"], r["end"], "QTY", attrs)
            m = ent(r["metric_start"], r["metric_end"], "METRIC")
            rels.append({"head": q, "tail": m, "label": "metric"})
            ps = _find_period_span(text, r["start"], r["period"], scheme, year)
            if ps and not any(ps[0] < e["end"] and e["start"] < ps[1] for e in ents if e["label"] != "PERIOD"):
                rels.append({"head": q, "tail": ent(ps[0], ps[1], "PERIOD"), "label": "period"})
        out.append({"id": doc, "text": text, "entities": ents, "relations": rels,
                    "meta": {"doc": doc, "source": source, "year": year,
                             "scope_start": scope_start(text), "scope_end": scope_end(text)}})
    return out


def scope_end(text: str) -> int:
    """End of the annotated narrative: the first statistics-table title, or the attachment line
    just before it (the gold guideline; markers in ``labels.yaml``); ``len(text)`` when there is no table."""
    scheme = load_labels()
    table_title, attachment = scheme.scope["table_title"], scheme.scope["attachment"]
    i = text.find(table_title)
    if i < 0:
        return len(text)
    j = text.rfind(attachment, max(0, i - 10), i)
    return j if j >= 0 else i


def scope_start(text: str) -> int:
    """Start of the annotated text: after a first line that is a document-sharing site's wrapper
    (it names a file extension such as ``.docx``/``.pdf``), else 0."""
    first = text.split("\n", 1)[0]
    if re.search(r"\.(docx?|pdf|pptx?|txt)\b", first, re.I) and "\n" in text:
        return len(first) + 1
    return 0


def to_seed_triples(rec: dict) -> List[dict]:
    """Corpus record -> seed gold rows (QTY entities with a metric relation and ``attrs``).

    Rows without ``attrs`` get value/unit/approx/kind parsed from the text when ``ie.numbers`` can.
    """
    scheme = load_labels()
    text = rec["text"]
    ents = {e["id"]: e for e in rec["entities"]}
    year = (rec.get("meta") or {}).get("year")
    links: Dict[int, Dict[str, dict]] = defaultdict(dict)
    for r in rec["relations"]:
        links[r["head"]][r["label"]] = ents[r["tail"]]
    rows = []
    for e in sorted(ents.values(), key=lambda e: e["start"]):
        if e["label"] != "QTY" or "metric" not in links[e["id"]]:
            continue
        m = links[e["id"]]["metric"]
        attrs = e.get("attrs") or {}
        p = links[e["id"]].get("period")
        period = attrs.get("period") or scheme.period_value(text[p["start"]:p["end"]] if p else None, year)
        qt = text[e["start"]:e["end"]]
        if "value" not in attrs:
            from ie.narrative.model import quantity_attrs

            attrs = {**quantity_attrs(text, e["start"], e["end"]), **attrs}
        rows.append({"doc": (rec.get("meta") or {}).get("doc", rec["id"]), "quantity_text": qt,
                     "start": e["start"], "end": e["end"], "value": attrs.get("value"),
                     "unit": attrs.get("unit", ""), "approx": attrs.get("approx", False),
                     "metric_text": text[m["start"]:m["end"]], "metric_start": m["start"],
                     "metric_end": m["end"], "period": period, "kind": attrs.get("kind", "count")})
    return rows


# ------------------------------------------------------------------------------------ doccano


def to_doccano(rec: dict) -> dict:
    """Corpus record -> doccano sequence-labelling-with-relations JSONL object."""
    return {"id": rec["id"], "text": rec["text"],
            "entities": [{"id": e["id"], "label": e["label"], "start_offset": e["start"],
                          "end_offset": e["end"]} for e in rec["entities"]],
            "relations": [{"id": i, "from_id": r["head"], "to_id": r["tail"], "type": r["label"]}
                          for i, r in enumerate(rec["relations"])],
            "meta": rec.get("meta") or {}}


def from_doccano(obj: dict) -> dict:
    """doccano JSONL object (``entities``/``relations`` or the older ``label: [[s, e, L]]``) -> record.

    >>> from_doccano({"id": 7, "text": "收到申请7件", "label": [[4, 6, "QTY"]]})["entities"]
    [{'id': 0, 'start': 4, 'end': 6, 'label': 'QTY', 'attrs': None}]
    """
    if "entities" in obj:
        ents = [{"id": e["id"], "start": e["start_offset"], "end": e["end_offset"], "label": e["label"],
                 "attrs": None} for e in obj["entities"]]
    else:
        ents = [{"id": i, "start": s, "end": e, "label": lab, "attrs": None}
                for i, (s, e, lab) in enumerate(obj.get("label", []))]
    rels = [{"head": r["from_id"], "tail": r["to_id"], "label": r["type"]} for r in obj.get("relations", [])]
    meta = dict(obj.get("meta") or {})
    meta.setdefault("doc", str(obj.get("id")))
    meta.setdefault("source", "doccano")
    return {"id": str(obj.get("id")), "text": obj["text"], "entities": ents, "relations": rels, "meta": meta}


# ------------------------------------------------------------------------------- Label Studio


def to_label_studio(records: Sequence[dict]) -> List[dict]:
    """Corpus records -> a Label Studio JSON export (labels on ``label``/``text``, relations by id)."""
    tasks = []
    for i, rec in enumerate(records):
        result = []
        for e in rec["entities"]:
            result.append({"id": f"e{e['id']}", "from_name": "label", "to_name": "text", "type": "labels",
                           "value": {"start": e["start"], "end": e["end"],
                                     "text": rec["text"][e["start"]:e["end"]], "labels": [e["label"]]}})
        for r in rec["relations"]:
            result.append({"type": "relation", "from_id": f"e{r['head']}", "to_id": f"e{r['tail']}",
                           "direction": "right", "labels": [r["label"]]})
        tasks.append({"id": i + 1, "data": {"text": rec["text"], "doc": rec["id"]},
                      "annotations": [{"result": result}], "meta": rec.get("meta") or {}})
    return tasks


def from_label_studio(tasks: Sequence[dict]) -> List[dict]:
    """A Label Studio JSON export (list of tasks) -> corpus records (first annotation of each task)."""
    out = []
    for t in tasks:
        anns = t.get("annotations") or t.get("completions") or [{"result": []}]
        ids: Dict[str, int] = {}
        ents, rels = [], []
        for item in anns[0].get("result", []):
            if item.get("type") == "labels":
                ids[item["id"]] = len(ents)
                v = item["value"]
                ents.append({"id": len(ents), "start": v["start"], "end": v["end"], "label": v["labels"][0],
                             "attrs": None})
        for item in anns[0].get("result", []):
            if item.get("type") == "relation" and item["from_id"] in ids and item["to_id"] in ids:
                rels.append({"head": ids[item["from_id"]], "tail": ids[item["to_id"]],
                             "label": (item.get("labels") or ["metric"])[0]})
        doc = str(t.get("data", {}).get("doc", t.get("id")))
        meta = dict(t.get("meta") or {})
        meta.setdefault("doc", doc)
        meta.setdefault("source", "label-studio")
        out.append({"id": doc, "text": t["data"]["text"], "entities": ents, "relations": rels, "meta": meta})
    return out


# ------------------------------------------------------------------------------------ datasets


def features():
    """The explicit ``datasets.Features`` of a corpus record."""
    from datasets import Features, Sequence as Seq, Value

    attrs = {"value": Value("float64"), "unit": Value("string"), "approx": Value("bool"),
             "kind": Value("string"), "period": Value("string")}
    return Features({
        "id": Value("string"),
        "text": Value("string"),
        "entities": [{"id": Value("int32"), "start": Value("int32"), "end": Value("int32"),
                      "label": Value("string"), "attrs": attrs}],
        "relations": [{"head": Value("int32"), "tail": Value("int32"), "label": Value("string")}],
        "meta": {"doc": Value("string"), "source": Value("string"), "year": Value("int32"),
                 "scope_start": Value("int32"), "scope_end": Value("int32")},
    })


def _normalise_record(rec: dict) -> dict:
    """Fill optional keys so every record matches :func:`features`."""
    meta = dict(rec.get("meta") or {})
    ents = []
    for e in rec.get("entities", []):
        a = e.get("attrs")
        if a is not None:
            a = {"value": None if a.get("value") is None else float(a["value"]), "unit": a.get("unit"),
                 "approx": a.get("approx"), "kind": a.get("kind"), "period": a.get("period")}
        ents.append({"id": e["id"], "start": e["start"], "end": e["end"], "label": e["label"], "attrs": a})
    return {"id": str(rec["id"]), "text": rec["text"], "entities": ents,
            "relations": [{"head": r["head"], "tail": r["tail"], "label": r["label"]}
                          for r in rec.get("relations", [])],
            "meta": {"doc": str(meta.get("doc", rec["id"])), "source": meta.get("source"),
                     "year": meta.get("year"), "scope_start": meta.get("scope_start"),
                     "scope_end": meta.get("scope_end")}}


def read_manifest(path: PathLike) -> List[str]:
    """Entries of a split manifest: doc ids or JSONL paths, comments and blanks dropped."""
    p = Path(path)
    if not p.is_file():
        raise SettingsError(f"split manifest not found: {str(p)!r}")
    out = []
    for line in p.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def load_split(manifest: PathLike, corpus_files: Sequence[PathLike] = (), root: PathLike = ".") -> List[dict]:
    """Records named by a manifest: JSONL entries are read whole; doc ids are looked up in ``corpus_files``.

    Raises SettingsError for an entry found nowhere.
    """
    root = Path(root)
    pool: Dict[str, dict] = {}
    for f in corpus_files:
        for rec in read_jsonl(root / f if not Path(f).is_absolute() else f):
            pool[str((rec.get("meta") or {}).get("doc", rec["id"]))] = rec
    out = []
    for entry in read_manifest(manifest):
        if entry.endswith(".jsonl"):
            out += read_jsonl(root / entry)
        elif entry in pool:
            out.append(pool[entry])
        else:
            raise SettingsError(f"{manifest}: entry {entry!r} is neither a .jsonl file nor a doc id in "
                                f"{[str(f) for f in corpus_files]}")
    return out


def load_dataset(records_or_files: Union[Sequence[dict], Sequence[PathLike]]):
    """A ``datasets.Dataset`` with :func:`features`, from records or corpus JSONL files.

    >>> ds = load_dataset([{"id": "a", "text": "收到申请7件", "entities": [], "relations": []}])
    >>> ds[0]["text"], ds[0]["entities"], len(ds)
    ('收到申请7件', [], 1)
    """
    import datasets

    items = list(records_or_files)
    if items and not isinstance(items[0], dict):
        recs: List[dict] = []
        for f in items:
            recs += read_jsonl(f)
        items = recs
    rows = [_normalise_record(r) for r in items]
    return datasets.Dataset.from_list(rows, features=features())


def iter_qty_links(rec: dict) -> Iterator[Tuple[dict, Optional[dict], Optional[dict]]]:
    """Yield (QTY entity, linked METRIC or None, linked PERIOD or None) for a record."""
    ents = {e["id"]: e for e in rec["entities"]}
    links: Dict[int, Dict[str, dict]] = defaultdict(dict)
    for r in rec["relations"]:
        links[r["head"]][r["label"]] = ents[r["tail"]]
    for e in sorted(ents.values(), key=lambda e: e["start"]):
        if e["label"] == "QTY":
            yield e, links[e["id"]].get("metric"), links[e["id"]].get("period")
