"""Score narrative triples against a gold JSONL (the format of ``corpus/gold/seed_triples.jsonl``).

Two levels, each with precision / recall / F1 and its misses:

* **quantity**: a predicted quantity is right when its ``(doc, start, end)`` span equals a gold one;
* **triple**: the quantity span matches *and* ``value``, ``unit`` and ``period`` are equal *and*
  the metric spans overlap (``metric_start``/``metric_end``). Units are compared after
  normalisation (條 = 条, ％ = %; 个百分点 = 百分点).

``kind`` and ``approx`` are reported as accuracies over the matched quantities. Everything works
on plain dicts with the gold field names, so model output, rules output and gold files compare
directly; :func:`score_triples` is the reusable core.
"""
from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence

from ie.errors import SettingsError

GOLD_FIELDS = ("doc", "quantity_text", "start", "end", "value", "unit", "approx", "metric_text", "metric_start",
               "metric_end", "period", "kind")


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else (1.0 if not fp else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _num(v) -> Optional[Decimal]:
    if v is None or isinstance(v, bool):
        return None
    try:
        return Decimal(str(v))
    except ArithmeticError:
        return None


def _unit_key(unit) -> str:
    """Units compare as the same measure word whatever the script or width it was written in
    (條 = 条, ％ = %), and 个百分点 = 百分点: the gold writes units as printed, the extractor
    gives the simplified form that units.yaml and reconcile use."""
    from ie.resources import load_resource
    from ie.segment.normalize import normalize

    key = normalize(unit or "")
    points = load_resource("numerals.yaml").get("point_units") or []
    return points[-1] if key in points else key


def _triple_errors(p: Mapping, g: Mapping) -> list:
    """Why a span-matched prediction is not the gold triple ([] when it is)."""
    errors = []
    if _num(p.get("value")) != _num(g.get("value")):
        errors.append("value")
    if _unit_key(p.get("unit")) != _unit_key(g.get("unit")):
        errors.append("unit")
    ps, pe, gs, ge = p.get("metric_start"), p.get("metric_end"), g.get("metric_start"), g.get("metric_end")
    if None in (ps, pe, gs, ge) or not (ps < ge and gs < pe):
        errors.append("metric")
    if str(p.get("period")) != str(g.get("period")):
        errors.append("period")
    return errors


def _brief(row: Mapping) -> dict:
    keys = ("doc", "quantity_text", "start", "end", "value", "unit", "metric_text", "period", "kind")
    out = {k: row.get(k) for k in keys}
    if isinstance(out.get("value"), Decimal):
        out["value"] = float(out["value"])
    return out


def score_triples(predicted: Iterable[Mapping], gold: Iterable[Mapping]) -> dict:
    """P/R/F1 for quantities and full triples, with the misses.

    Both inputs are iterables of dicts with the gold fields (``doc`` may be omitted when all rows
    come from one document). Returns ``{"quantity": {...}, "triple": {...}, "kind_accuracy",
    "approx_accuracy", "metric_exact_accuracy", "per_doc": {doc: {"quantity", "triple"}}, "misses": {"quantity_fn",
    "quantity_fp", "triple_fn", "triple_fp"}}``; each triple miss says which fields differ.

    >>> g = [{"doc": "d", "start": 4, "end": 7, "value": 76, "unit": "件", "metric_start": 0,
    ...       "metric_end": 4, "period": "2018", "kind": "count", "approx": False}]
    >>> p = [dict(g[0]), dict(g[0], start=10, end=12)]
    >>> s = score_triples(p, g)
    >>> s["quantity"]["precision"], s["quantity"]["recall"], s["triple"]["f1"]
    (0.5, 1.0, 0.6667)
    """
    preds = [dict(r) for r in predicted]
    golds = [dict(r) for r in gold]
    by_span = {}
    for g in golds:
        by_span.setdefault((g.get("doc"), g["start"], g["end"]), g)
    docs = sorted({str(r.get("doc")) for r in preds + golds})
    counts = defaultdict(lambda: {"q": [0, 0, 0], "t": [0, 0, 0]})
    misses = {"quantity_fn": [], "quantity_fp": [], "triple_fn": [], "triple_fp": []}
    kind_ok = approx_ok = matched = exact_metric = 0
    used = set()
    for p in preds:
        key = (p.get("doc"), p["start"], p["end"])
        d = counts[str(p.get("doc"))]
        g = by_span.get(key)
        if g is None or key in used:
            d["q"][1] += 1
            d["t"][1] += 1
            misses["quantity_fp"].append(_brief(p))
            misses["triple_fp"].append(dict(_brief(p), errors=["quantity"]))
            continue
        used.add(key)
        matched += 1
        d["q"][0] += 1
        kind_ok += p.get("kind") == g.get("kind")
        approx_ok += bool(p.get("approx")) == bool(g.get("approx"))
        exact_metric += (p.get("metric_start"), p.get("metric_end")) == (g.get("metric_start"), g.get("metric_end"))
        errors = _triple_errors(p, g)
        if errors:
            d["t"][1] += 1
            d["t"][2] += 1
            misses["triple_fp"].append(dict(_brief(p), errors=errors))
            misses["triple_fn"].append(dict(_brief(g), errors=errors, predicted=_brief(p)))
        else:
            d["t"][0] += 1
    for key, g in by_span.items():
        if key not in used:
            d = counts[str(g.get("doc"))]
            d["q"][2] += 1
            d["t"][2] += 1
            misses["quantity_fn"].append(_brief(g))
            misses["triple_fn"].append(dict(_brief(g), errors=["quantity"]))
    total_q = [sum(counts[d]["q"][i] for d in docs) for i in range(3)]
    total_t = [sum(counts[d]["t"][i] for d in docs) for i in range(3)]
    for rows in misses.values():
        rows.sort(key=lambda r: (str(r.get("doc")), r.get("start") or 0))
    return {
        "quantity": _prf(*total_q),
        "triple": _prf(*total_t),
        "kind_accuracy": round(kind_ok / matched, 4) if matched else None,
        "approx_accuracy": round(approx_ok / matched, 4) if matched else None,
        "metric_exact_accuracy": round(exact_metric / matched, 4) if matched else None,
        "per_doc": {d: {"quantity": _prf(*counts[d]["q"]), "triple": _prf(*counts[d]["t"])} for d in docs},
        "misses": misses,
    }


def load_gold(path) -> list:
    """Rows of a gold JSONL file; raises SettingsError for a missing file or a bad line."""
    path = Path(path)
    if not path.is_file():
        raise SettingsError(f"gold file not found: {str(path)!r}")
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SettingsError(f"{path}: line {lineno} is not JSON: {exc}") from None
        missing = [k for k in ("doc", "start", "end") if k not in row]
        if missing:
            raise SettingsError(f"{path}: line {lineno} lacks {missing}")
        rows.append(row)
    return rows


def predict_report(text: str, *, method: str = "rules", year: Optional[int] = None) -> list:
    """Triples of one report as gold-shaped dicts, through the full pipeline (tables, meta, narrative).

    Raises :class:`ie.errors.IeError` when the narrative stage failed (e.g. a model that is not
    installed), instead of scoring an empty prediction.
    """
    from ie.errors import IeError
    from ie.pipeline import extract

    report = extract(text, year=year, method=method)
    for issue in report.issues:  # the pipeline keeps going when a stage fails; a score must not
        if issue.code == "internal_error" and "'narrative'" in issue.message:
            raise IeError(f"narrative extraction with method {method!r} failed: {issue.message}")
    return [t.to_dict() for t in report.triples]


def report_text(reports_dir: Path, doc: str) -> str:
    """The text the gold offsets of ``doc`` point into: ``<doc>.txt``, else the one other file named
    ``<doc>.*`` (HTML, DOCX, PDF) read by :func:`ie.load`."""
    path = reports_dir / f"{doc}.txt"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    others = [p for p in reports_dir.glob(f"{doc}.*") if p.stem == doc and p.suffix.lower() != ".txt"]
    if len(others) != 1:
        raise SettingsError(f"no report {doc!r} in {str(reports_dir)!r}" if not others else
                            f"report {doc!r} has several sources in {str(reports_dir)!r}: "
                            f"{sorted(p.name for p in others)}")
    from ie.loaders import load

    return load(others[0]).text


def evaluate_reports(gold_path, reports_dir, *, method: str = "rules", docs: Optional[Sequence[str]] = None) -> dict:
    """Run ``method`` on every report of the gold file found in ``reports_dir`` and score it.

    ``docs`` limits the run to these documents (file stems); raises SettingsError for a missing
    directory or an unknown document.
    """
    gold = load_gold(gold_path)
    reports_dir = Path(reports_dir)
    if not reports_dir.is_dir():
        raise SettingsError(f"reports directory not found: {str(reports_dir)!r}")
    wanted = sorted({g["doc"] for g in gold}) if not docs else list(docs)
    preds = []
    for doc in wanted:
        text = report_text(reports_dir, doc)
        preds.extend(dict(t, doc=doc) for t in predict_report(text, method=method))
    result = score_triples(preds, [g for g in gold if g["doc"] in set(wanted)])
    result["method"] = method
    result["docs"] = wanted
    return result


def format_report(result: Mapping, max_misses: int = 50) -> str:
    """A plain-text summary of :func:`score_triples` output: totals, per document, misses."""
    lines = []
    for level in ("quantity", "triple"):
        r = result[level]
        lines.append(f"{level:9s} P={r['precision']:.4f} R={r['recall']:.4f} F1={r['f1']:.4f} "
                     f"(tp={r['tp']} fp={r['fp']} fn={r['fn']})")
    lines.append(f"kind accuracy={result.get('kind_accuracy')} approx accuracy={result.get('approx_accuracy')} "
                 f"exact metric span={result.get('metric_exact_accuracy')}")
    for doc, r in result.get("per_doc", {}).items():
        q, t = r["quantity"], r["triple"]
        lines.append(f"  {doc}: quantity P={q['precision']:.4f} R={q['recall']:.4f} F1={q['f1']:.4f} | "
                     f"triple P={t['precision']:.4f} R={t['recall']:.4f} F1={t['f1']:.4f}")
    for name in ("quantity_fn", "quantity_fp", "triple_fn"):
        rows = [r for r in result["misses"][name] if name != "triple_fn" or r.get("errors") != ["quantity"]]
        if not rows:
            continue
        lines.append(f"{name} ({len(rows)}):")
        for r in rows[:max_misses]:
            extra = ""
            if name == "triple_fn":
                p = r.get("predicted") or {}
                extra = f"  errors={r['errors']} predicted metric={p.get('metric_text')!r} period={p.get('period')}"
            lines.append(f"  {r.get('doc')} {r.get('start')}:{r.get('end')} {r.get('quantity_text')!r} "
                         f"metric={r.get('metric_text')!r} period={r.get('period')}{extra}")
    return "\n".join(lines)
