"""Batch extraction: folders walked, input order kept, bad files reported and skipped, all cores by default."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import ie
from ie.batch import Failure, check_workers, extract_many, iter_paths
from ie.cli import main
from ie.errors import SettingsError

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "corpus" / "reports"
SEEDS = sorted(REPORTS.glob("*.txt"))


@pytest.fixture()
def tree(tmp_path) -> Path:
    """A folder of reports with a subfolder, a hidden file, an unknown type and a broken .docx."""
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    shutil.copy(SEEDS[0], tmp_path / "a.txt")
    shutil.copy(SEEDS[2], tmp_path / "sub" / "b.TXT")
    (tmp_path / "sub" / "deeper" / "c.htm").write_text("<p>上高县2017年政府信息公开工作年度报告</p>", encoding="utf-8")
    (tmp_path / "sub" / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip")
    (tmp_path / "notes.xlsx").write_bytes(b"ignored: unknown extension")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    return tmp_path


def test_iter_paths_walks_folders_for_known_types(tree):
    got = [os.path.relpath(p, tree) for p in iter_paths([tree])]
    assert got == ["a.txt", "sub/b.TXT", "sub/broken.docx", "sub/deeper/c.htm"]


def test_extract_many_keeps_input_order_and_skips_failures(tree):
    paths = [tree / "sub" / "b.TXT", tree / "missing.txt", tree, tree / "notes.xlsx"]
    inline = list(extract_many(paths, workers=1))
    results = list(extract_many(paths, workers=2))
    assert [r.to_dict() for r in results] == [r.to_dict() for r in inline]
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Report", "Failure", "Report", "Report", "Report", "Report", "Failure"]
    assert results[0].source == str(tree / "sub" / "b.TXT")
    assert results[1].error == "LoaderError" and "missing.txt" in results[1].message
    assert results[4].issues[0].code == "corrupt_file"  # a broken file is a Report with an issue
    assert "unsupported file type" in results[6].message


def test_default_workers_is_all_cores(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 7)
    assert check_workers(None) == 7
    assert check_workers(3) == 3


@pytest.mark.parametrize("bad", [0, -1, 1.5, "2", True])
def test_bad_workers_raise_settings_error(bad):
    with pytest.raises(SettingsError, match=f"workers={bad!r}"):
        extract_many(SEEDS, workers=bad)


def test_extract_many_is_exported():
    assert ie.extract_many is extract_many
    assert isinstance(Failure("x", "E", "m").to_dict(), dict)


def test_cli_panel_with_a_bad_file(tree, capsys):
    out = tree / "out" / "panel.parquet"
    rc = main(["extract", str(tree), str(tree / "missing.txt"), "--out", str(out), "--workers", "1"])
    err = capsys.readouterr().err
    assert rc == 1 and out.exists()
    assert "documents: 5 (4 read, 1 failed)" in err
    assert "failures:" in err and "missing.txt" in err
    assert "issues: " in err and "corrupt_file 1" in err
    assert "doc/s" not in err and "it/s" not in err  # no progress bar when stderr is not a TTY


def test_cli_print_mode_is_unchanged(capsys):
    rc = main(["extract", str(SEEDS[2]), str(SEEDS[0]), "--format", "jsonl", "--no-text"])
    lines = capsys.readouterr().out.splitlines()
    assert rc == 0 and len(lines) == 2
    first = json.loads(lines[0])
    assert first["schema_version"] == "1" and first["text"] is None and first["source"] == str(SEEDS[2])


def test_cli_quiet_and_bad_out_suffix(tree, capsys):
    assert main(["extract", str(tree / "a.txt"), "--out", str(tree / "p.csv"), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["extract", str(tree / "a.txt"), "--out", str(tree / "p.xlsx")]) == 2
    assert "p.xlsx" in capsys.readouterr().err
    assert main(["extract", str(tree / "a.txt"), "--workers", "0"]) == 2
    assert "workers=0" in capsys.readouterr().err


def test_progress_bar_only_on_a_terminal(monkeypatch):
    from ie.commands.extract import _progress

    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    with _progress(3, quiet=False) as bar:
        assert not bar.disable
    with _progress(3, quiet=True) as bar:
        assert bar.disable
    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    with _progress(3, quiet=False) as bar:
        assert bar.disable
