"""Model-specific scores for ``ie evaluate --entities``: entity seqeval (strict IOB2) and relations."""
from __future__ import annotations

from typing import Optional, Sequence

from ie.errors import SettingsError


def score_model_entities(corpus, *, docs: Optional[Sequence[str]] = None, model_dir=None) -> dict:
    """Entity and relation scores of the model on the records of ``corpus`` (a corpus JSONL file),
    limited to ``docs`` when given. Raises SettingsError for a missing file or unknown doc."""
    from pathlib import Path

    from ie.narrative.model import load_model
    from ie.training.corpus import read_jsonl
    from ie.training.train import evaluate_model

    if not Path(corpus).is_file():
        raise SettingsError(f"corpus file not found: {str(corpus)!r}")
    recs = read_jsonl(corpus)
    if docs:
        known = {r["id"] for r in recs}
        missing = [d for d in docs if d not in known]
        if missing:
            raise SettingsError(f"docs {missing} are not in {str(corpus)!r}")
        recs = [r for r in recs if r["id"] in set(docs)]
    res = evaluate_model(load_model(model_dir), recs)
    return {"entities": res["entities"], "relations": res["relations"]}
