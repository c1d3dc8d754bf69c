"""Loaders: files in, ``Report`` out. Offsets index the text the loader produced."""
from __future__ import annotations

from pathlib import Path

from ie.errors import LoaderError


def read_text_file(path: Path) -> str:
    """Read a .txt report, detecting UTF-8 (with or without BOM), GB18030/GBK and others."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", errors="replace")


def load(path, *, year=None, method=None):
    """Read one report file and extract it. Raises LoaderError for a missing or unsupported file."""
    from ie.pipeline import extract

    p = Path(path)
    if not p.is_file():
        raise LoaderError(f"no such file: {str(path)!r}")
    if p.suffix.lower() not in (".txt", ".text", ""):
        raise LoaderError(f"unsupported file type {p.suffix!r} for {str(path)!r}")
    return extract(read_text_file(p), year=year, method=method, source=str(p))
