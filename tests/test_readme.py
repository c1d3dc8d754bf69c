"""The README's examples run: every ```python block, and every `ie ...` line of the ```bash blocks after
the set-up block (a block preceded by <!-- no-test --> is skipped); the set-up commands are CI's."""
from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- no-test -->\s*\n)?```(\w+)\n(.*?)```", re.S)


def blocks(lang: str) -> list:
    """(code, skipped) for each fenced block of ``lang`` in README order."""
    return [(m.group(3), bool(m.group(1))) for m in BLOCK.finditer(README.read_text(encoding="utf-8"))
            if m.group(2) == lang]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A scratch folder that sees the repository's corpus/ and notebooks/, so examples write nothing here."""
    path = tmp_path_factory.mktemp("readme")
    for name in ("corpus", "notebooks"):
        (path / name).symlink_to(ROOT / name)
    return path


@pytest.fixture()
def workdir(scratch, monkeypatch) -> Path:
    monkeypatch.chdir(scratch)
    return scratch


def test_ci_runs_the_readme_setup_commands():
    setup, _ = blocks("bash")[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line for line in setup.splitlines() if line.strip()]
    assert len(lines) == 2
    for line in lines:
        assert line in ci.splitlines(), line


def test_readme_bash_examples_run(workdir):
    from ie.cli import main

    commands = [line.strip() for code, skipped in blocks("bash")[1:] if not skipped
                for line in code.splitlines() if line.strip().startswith("ie ")]
    assert any("--out panel.csv" in c for c in commands)
    for command in commands:
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            rc = main(shlex.split(command)[1:])
        assert rc == 0, command
    assert (workdir / "panel.csv").exists()


def test_readme_python_examples_run(workdir):
    from ie.cli import main

    if not (workdir / "panel.csv").exists():  # made by the bash example when that test ran first
        main(["extract", "corpus/reports", "--out", "panel.csv", "-q"])
    namespace: dict = {"__name__": "__readme__"}
    code_blocks = [code for code, skipped in blocks("python") if not skipped]
    assert len(code_blocks) >= 4
    for code in code_blocks:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(code, str(README), "exec"), namespace)  # noqa: S102 - our own README
    assert os.getcwd() == str(workdir)
