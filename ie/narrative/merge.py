"""Hybrid narrative triples: the rules' triples, plus the model's where the rules found nothing.

Why this shape: the rules are precise on the phrasing they know and give exact values; the model
generalises to phrasing the rules miss. So a quantity found by both keeps the rules' reading
(``source="hybrid"``, the higher confidence), a rules-only quantity stays as it is, and a
model-only quantity is added (``source="model"``) when the model is confident and its spans do not
collide with a rules triple. Sentences whose every quantity the rules already read are not sent
through the model at all (that is most of them), which keeps the hybrid close to the rules' speed.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable, List, Optional, Sequence

from ie.records import Triple

MIN_MODEL_CONFIDENCE = 0.9


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def merge_triples(rule_triples: Sequence[Triple], model_triples: Sequence[Triple], *,
                  min_confidence: float = MIN_MODEL_CONFIDENCE) -> List[Triple]:
    """Merge two triple lists (see module doc); the result is sorted by quantity start.

    >>> r = Triple("7件", 4, 6, 7, "件", False, "count", "收到申请", 0, 4, "2017")
    >>> m = Triple("3件", 9, 11, 3, "件", False, "count", "驳回", 7, 9, "2017", source="model", confidence=0.97)
    >>> [(t.quantity_text, t.source) for t in merge_triples([r], [dataclasses.replace(r, source="model"), m])]
    [('7件', 'hybrid'), ('3件', 'model')]
    """
    out = []
    model_by_span = {(t.start, t.end): t for t in model_triples}
    for t in rule_triples:
        m = model_by_span.get((t.start, t.end))
        if m is not None:
            t = dataclasses.replace(t, source="hybrid", confidence=max(t.confidence, m.confidence))
        out.append(t)
    taken = [(t.start, t.end) for t in rule_triples] + [(t.metric_start, t.metric_end) for t in rule_triples]
    for m in model_triples:
        if (m.start, m.end) in model_by_span and any(t.start == m.start and t.end == m.end for t in rule_triples):
            continue
        if m.confidence < min_confidence:
            continue
        if any(_overlaps(m.start, m.end, s, e) for s, e in taken):
            continue
        if any(_overlaps(m.metric_start, m.metric_end, t.start, t.end) for t in rule_triples):
            continue
        out.append(dataclasses.replace(m, source="model"))
        taken.append((m.start, m.end))
    out.sort(key=lambda t: (t.start, t.end))
    return out


def extract_hybrid_triples(text: str, norm: str, *, meta, exclude: Iterable = (), issues: Optional[list] = None,
                           model_dir=None) -> List[Triple]:
    """Rules + model triples merged by :func:`merge_triples`.

    In: report ``text``, its ``normalize(text)``, ``meta`` (report year), table spans to ``exclude``.
    Out: ``list[Triple]``. Raises ModelError when the model directory is missing or broken.
    """
    from ie.narrative.model import extract_model_triples
    from ie.narrative.rules import extract_rule_triples

    exclude = list(exclude)
    rules = extract_rule_triples(text, norm, meta=meta, exclude=exclude, issues=issues)
    model = extract_model_triples(text, norm, meta=meta, exclude=exclude, issues=issues, model_dir=model_dir,
                                  skip=[(t.start, t.end) for t in rules])
    return merge_triples(rules, model)
