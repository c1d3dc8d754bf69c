"""Many documents at once: walk folders, extract in parallel, keep input order, never stop on a bad file.

``extract_many(paths, workers=None)`` yields, in input order, one :class:`~ie.records.Report` per readable
document and one :class:`Failure` per file that could not be opened at all (missing, unsupported type,
a crash inside a worker). Folders are walked recursively for the known extensions.
"""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Union

from ie.errors import SettingsError
from ie.records import Report

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Failure:
    """A document that produced no Report: ``path``, the error type name and its message."""

    path: str
    error: str
    message: str

    def to_dict(self) -> dict:
        return {"path": self.path, "error": self.error, "message": self.message}


def iter_paths(paths: Iterable[PathLike]) -> List[str]:
    """Expand folders (recursively, files with a known extension, sorted) and keep files as given.

    In: files and/or folders. Out: file paths as strings, in order. Nothing is raised here; a missing
    path is kept so that extraction reports it as a Failure.

    >>> [p for p in iter_paths(["corpus/reports"]) if p.endswith("002_e9fe4faf6c2b1375.txt")]
    ['corpus/reports/002_e9fe4faf6c2b1375.txt']
    """
    from ie.loaders import EXTENSIONS

    out: List[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(root, f) for f in files
                             if not f.startswith(".") and Path(f).suffix.lower() in EXTENSIONS)
            out.extend(sorted(found))
        else:
            out.append(os.fspath(p))
    return out


def check_workers(workers) -> int:
    """``None`` -> all cores; else a positive int. Raises SettingsError naming a bad value (``workers=0``)."""
    if workers is None:
        return os.cpu_count() or 1
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise SettingsError(f"workers must be a positive int or None (all cores), got workers={workers!r}")
    return workers


def extract_one(path: str, year: Optional[int] = None, method: Optional[str] = None,
                max_bytes: Optional[int] = None) -> Union[Report, Failure]:
    """Load and extract one file; any error becomes a Failure so one file cannot stop a batch."""
    from ie.loaders import load

    try:
        return load(path, year=year, method=method, max_bytes=max_bytes)
    except Exception as exc:  # noqa: BLE001 - a batch reports every failure and goes on
        return Failure(path, type(exc).__name__, str(exc))


def extract_many(paths: Iterable[PathLike], workers: Optional[int] = None, *, year: Optional[int] = None,
                 method: Optional[str] = None, max_bytes: Optional[int] = None) -> Iterator[Union[Report, Failure]]:
    """Extract every file under ``paths`` (files and folders), yielding results in input order.

    ``workers=None`` uses all cores (``os.cpu_count()``) in a process pool; ``workers=1`` runs inline.
    Raises SettingsError for a bad ``workers``, ``year``, ``method`` or ``max_bytes`` (checked before any
    work starts); everything wrong with a file is a :class:`Failure` or an issue in its Report.

    >>> results = list(extract_many(["corpus/reports/002_e9fe4faf6c2b1375.txt", "nope.txt"], workers=1))
    >>> results[0].source, type(results[1]).__name__, results[1].error
    ('corpus/reports/002_e9fe4faf6c2b1375.txt', 'Failure', 'LoaderError')
    """
    from ie.loaders import _check_max_bytes
    from ie.pipeline import METHODS, _check_year

    n = check_workers(workers)
    _check_year(year)
    if method is not None and method not in METHODS:
        raise SettingsError(f"method must be one of {METHODS}, got {method!r}")
    _check_max_bytes(max_bytes)
    files = iter_paths(paths)
    return _run(files, min(n, max(len(files), 1)), year, method, max_bytes)


def _pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing
    import sys

    # fork is fastest and needs no ``if __name__ == "__main__":`` guard in user scripts, but forking a
    # parent whose torch/OpenMP threads are running can hang the children: then start them clean.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and "torch" not in sys.modules:
        ctx = multiprocessing.get_context("fork")
        _warm_up()  # forked workers inherit the loaded schemas and dictionaries instead of each loading them
    elif "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
    else:
        ctx = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx)


def _warm_up() -> None:
    from ie.pipeline import extract

    try:
        extract("上高县2017年政府信息公开工作年度报告\n2017年,全县主动公开政府信息7221条。", method="rules")
    except Exception:  # noqa: BLE001 - warming is an optimisation; the workers report real errors
        pass


def _run(files: List[str], workers: int, year, method, max_bytes) -> Iterator[Union[Report, Failure]]:
    if workers == 1:
        for f in files:
            yield extract_one(f, year, method, max_bytes)
        return
    # A bounded window of submitted jobs keeps memory flat on big batches while results stay in order.
    window = 4 * workers
    todo = iter(files)
    with _pool(workers) as pool:
        pending: deque = deque()

        def submit(f: str) -> None:
            try:
                pending.append((f, pool.submit(extract_one, f, year, method, max_bytes)))
            except Exception as exc:  # noqa: BLE001 - a broken pool: this file is reported in its turn
                pending.append((f, exc))

        for f in todo:
            submit(f)
            if len(pending) >= window:
                break
        while pending:
            f, job = pending.popleft()
            if isinstance(job, Exception):
                yield Failure(f, type(job).__name__, f"not run: {job}")
            else:
                try:
                    yield job.result()
                except Exception as exc:  # noqa: BLE001 - e.g. BrokenProcessPool when a worker dies
                    yield Failure(f, type(exc).__name__, f"worker failed: {exc}")
            nxt = next(todo, None)
            if nxt is not None:
                submit(nxt)
