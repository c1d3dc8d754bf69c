"""Narrative triples: rules (baseline, weak labels), model, and their hybrid."""
from __future__ import annotations

DEFAULT_METHOD = "rules"


def extract_triples(text, norm, *, meta, exclude=(), method=DEFAULT_METHOD, issues=None) -> list:
    """PLACEHOLDER until the rules land."""
    return []
