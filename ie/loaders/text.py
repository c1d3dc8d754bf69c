"""Plain-text reports: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, or whatever
charset-normalizer recognises. Line ends become ``\\n`` as ``open(path, encoding=...).read()`` does,
so offsets agree with the gold files."""
from __future__ import annotations

from pathlib import Path

from ie.loaders.base import Document, issue

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode_bytes(data: bytes) -> tuple:
    """Bytes to (text, encoding name). Never raises: undecodable bytes become U+FFFD.

    >>> decode_bytes("主动公开政府信息7221条".encode("gbk"))
    ('主动公开政府信息7221条', 'gb18030')
    >>> decode_bytes(b"\\xef\\xbb\\xbf2017\\xe5\\xb9\\xb4")
    ('2017年', 'utf-8')
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace"), enc
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("utf-8", errors="replace"), "utf-8"


def newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(data: bytes, path: str = "") -> Document:
    """A .txt file's bytes to a Document; mojibake is reported, not raised."""
    text, enc = decode_bytes(data)
    issues = []
    if "\ufffd" in text:
        issues.append(issue("decode_errors", f"{path}: {text.count(chr(0xFFFD))} undecodable bytes ({enc})"))
    return Document(newlines(text), issues, 0, "text")


def read_text_file(path) -> str:
    """Read a .txt report, detecting UTF-8 (with or without BOM), GB18030/GBK and others."""
    return read_text(Path(path).read_bytes(), str(path)).text
