"""Shared test set-up: offline Hugging Face, the bundled corpus, and gold loaders."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "corpus" / "reports"
GOLD = ROOT / "corpus" / "gold"
SEED_IDS = sorted(p.stem for p in REPORTS.glob("*.txt"))


def seed_text(doc: str) -> str:
    return (REPORTS / f"{doc}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_texts() -> dict:
    return {doc: seed_text(doc) for doc in SEED_IDS}


@pytest.fixture(scope="session")
def gold_tables() -> dict:
    return {t["doc"]: t for t in json.loads((GOLD / "seed_tables.json").read_text(encoding="utf-8"))}


@pytest.fixture(scope="session")
def gold_triples() -> list:
    return [json.loads(line) for line in (GOLD / "seed_triples.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.fixture(scope="session")
def gold_reconcile() -> dict:
    return json.loads((GOLD / "seed_reconcile.json").read_text(encoding="utf-8"))
