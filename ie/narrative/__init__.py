"""Narrative triples: rules (baseline, weak labels), model, and their hybrid.

``extract_triples(text, norm, *, meta, exclude=(), method=DEFAULT_METHOD, issues=None)`` is the
one entry point the pipeline calls. "rules" runs :mod:`ie.narrative.rules`; "model" and "hybrid"
import :mod:`ie.narrative.model` / :mod:`ie.narrative.merge` lazily (they need the model extras).
"""
from __future__ import annotations

import importlib
from typing import Iterable, Optional

from ie.errors import ModelError, SettingsError
from ie.records import Meta

DEFAULT_METHOD = "rules"

_LAZY = {
    "model": ("ie.narrative.model", "extract_model_triples"),
    "hybrid": ("ie.narrative.merge", "extract_hybrid_triples"),
}


def extract_triples(text: str, norm: str, *, meta: Optional[Meta], exclude: Iterable = (),
                    method: str = DEFAULT_METHOD, issues: Optional[list] = None) -> list:
    """Triples (``list[Triple]``) of the narrative of ``text``; ``norm`` is ``normalize(text)``.

    ``exclude``: (start, end) table spans to skip; ``issues``: list that receives Issue entries.
    Raises :class:`ie.errors.SettingsError` for an unknown method and :class:`ie.errors.ModelError`
    when "model"/"hybrid" is asked for and that code is not available.

    >>> from ie.segment.normalize import normalize
    >>> t = "2017年,全县主动公开政府信息7221条。"
    >>> [(x.quantity_text, x.metric_text) for x in extract_triples(t, normalize(t), meta=Meta(year=2017))]
    [('7221条', '主动公开政府信息')]
    """
    if method == "rules":
        from ie.narrative.rules import extract_rule_triples

        return extract_rule_triples(text, norm, meta=meta, exclude=exclude, issues=issues)
    if method in _LAZY:
        module, name = _LAZY[method]
        try:
            fn = getattr(importlib.import_module(module), name)
        except ImportError as exc:  # the module itself, or a dependency of it (torch, transformers)
            missing = getattr(exc, "name", None) or module
            raise ModelError(f"method {method!r} needs {module}.{name}, which cannot be imported "
                             f"(missing: {missing})") from exc
        except AttributeError:
            raise ModelError(f"method {method!r} needs {module}.{name}, which is not available") from None
        return fn(text, norm, meta=meta, exclude=exclude, issues=issues)
    raise SettingsError(f"method must be one of ('rules', 'model', 'hybrid'), got {method!r}")
