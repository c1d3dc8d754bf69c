"""Loaders: files in, ``Report`` out. Offsets index the text the loader produced.

``load(path)`` reads .txt, .html/.htm, .docx and .pdf files (by extension, checked against the file's
magic bytes) into ONE text: paragraphs as lines, each table as one line per row with cells joined by
``" | "``; then it runs :func:`ie.extract` on that text, so ``report.to_dict()["text"]`` is the text every
offset indexes and the text-based table parser reads the tables.

Errors: a missing/unreadable path, a folder, or an unsupported type raise :class:`ie.errors.LoaderError`;
a bad ``max_bytes`` raises :class:`ie.errors.SettingsError`. Files that open but cannot be read
(encrypted, truncated, over the size limit, no text layer) give a Report with an ``Issue`` saying so.
"""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Optional

from ie.errors import IeError, LoaderError, SettingsError
from ie.loaders.base import Document, Table, issue, render
from ie.loaders.text import decode_bytes, read_text_file

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # 50 MB: far above any real annual report
EXTENSIONS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".shtml": "html",
              ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}
KINDS = ("text", "html", "docx", "pdf")


def sniff(head: bytes) -> Optional[str]:
    """The format the first bytes of a file announce, or None when they announce nothing.

    >>> sniff(b"%PDF-1.7"), sniff(b"PK\\x03\\x04..."), sniff(b"<!DOCTYPE html><html>"), sniff("报告".encode())
    ('pdf', 'docx', 'html', None)
    """
    if head.startswith(b"%PDF-") or head[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    probe = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<meta", b"<table",
                         b"<div", b"<p>", b"<!--")):
        return "html"
    return None


def _check_max_bytes(max_bytes) -> int:
    if max_bytes is None:
        return DEFAULT_MAX_BYTES
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise SettingsError(f"max_bytes must be a positive int or None, got {max_bytes!r}")
    return max_bytes


def kind_of(path, head: bytes = b"") -> str:
    """The loader for ``path``: its extension, overridden by magic bytes that say otherwise.
    Raises LoaderError for a type no loader reads (``.doc``, ``.xls``, images...)."""
    ext = Path(path).suffix.lower()
    magic = sniff(head) if head else None
    if ext == ".docx" and magic == "ole":
        return "docx"  # an encrypted .docx: the docx loader reports it
    if magic in ("pdf", "docx", "html") and (ext in EXTENSIONS or ext == ""):
        return magic
    if ext in EXTENSIONS:
        if EXTENSIONS[ext] == "html" and head and b"<" not in head:
            return "text"  # a plain-text page saved as .html: keep its line breaks
        return EXTENSIONS[ext]
    if ext == "":
        return "text"
    raise LoaderError(f"unsupported file type {ext!r} for {str(path)!r}; readable: "
                      f"{', '.join(sorted(EXTENSIONS))}")


def read_document(path, *, max_bytes: Optional[int] = None) -> Document:
    """Read a file into a :class:`Document` (text + issues) without extracting anything.

    Raises LoaderError for a missing path, a folder, or an unsupported type.

    >>> doc = read_document("corpus/reports/002_e9fe4faf6c2b1375.txt")
    >>> doc.kind, doc.text[:9]
    ('text', '本报告根据《中华人')
    """
    limit = _check_max_bytes(max_bytes)
    p = Path(path)
    if not p.exists():
        raise LoaderError(f"no such file: {str(path)!r}")
    if not p.is_file():
        raise LoaderError(f"not a regular file: {str(path)!r}")
    try:
        size = p.stat().st_size
        with open(p, "rb") as fh:
            head = fh.read(2048)
    except OSError as exc:
        raise LoaderError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from None
    kind = kind_of(p, head)
    if size > limit:
        return Document("", [issue("file_too_large", f"{p}: {size} bytes is over the {limit}-byte limit "
                                                     "(max_bytes)")], 0, kind)
    if size == 0:
        return Document("", [issue("empty_file", f"{p}: the file is empty")], 0, kind)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise LoaderError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from None
    try:
        return _read(kind, data, str(p), limit)
    except IeError:  # a malformed resource (chrome.yaml) is the caller's to fix, not the document's
        raise
    except Exception as exc:  # noqa: BLE001 - bad content never raises: a loader bug becomes an issue
        return Document("", [issue("unreadable_file", f"{p}: the {kind} loader failed "
                                                      f"({type(exc).__name__}: {exc})")], 0, kind)


def _read(kind: str, data: bytes, path: str, limit: int) -> Document:
    if kind == "html":
        from ie.loaders.html import read_html

        return read_html(data, path)
    if kind == "docx":
        from ie.loaders.docx import read_docx

        return read_docx(data, path, limit)
    if kind == "pdf":
        from ie.loaders.pdf import read_pdf

        return read_pdf(data, path)
    from ie.loaders.text import read_text

    return read_text(data, path)


def load(path, *, year: Optional[int] = None, method: Optional[str] = None,
         max_bytes: Optional[int] = None):
    """Read one report file and extract it; ``Report.source`` is the path as given.

    In: a path to .txt/.html/.htm/.docx/.pdf. Out: a Report whose ``text`` is the loader text and whose
    ``issues`` start with the loader's (e.g. ``encrypted_file``). Raises LoaderError for a missing
    path or unsupported type, SettingsError for bad ``year``/``method``/``max_bytes``.

    >>> r = load("corpus/reports/002_e9fe4faf6c2b1375.txt")
    >>> r.source, len(r.text)
    ('corpus/reports/002_e9fe4faf6c2b1375.txt', 3876)
    """
    from ie.pipeline import extract

    doc = read_document(path, max_bytes=max_bytes)
    report = extract(doc.text, year=year, method=method, source=os.fspath(path))
    if doc.issues:
        report = dataclasses.replace(report, issues=tuple(doc.issues) + tuple(report.issues))
    return report


__all__ = ["load", "read_document", "Document", "Table", "render", "sniff", "kind_of", "decode_bytes",
           "read_text_file", "DEFAULT_MAX_BYTES", "EXTENSIONS"]
