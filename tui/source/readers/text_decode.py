"""Bytes of a text file → str: UTF-8 with or without BOM, UTF-16 with BOM, or GB18030
(what Notepad on Chinese Windows saves as 「ANSI」, a superset of GBK and GB2312)."""

from __future__ import annotations

import codecs

from ..errors import ParseError


def decode_text(data: bytes, name: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ParseError(line, f"{name} 既不是 UTF-8 也不是 GBK/GB18030 编码的文本(第 {e.start} 字节附近)") from None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        # Count lines in the text decoded so far: in UTF-16 a 0x0A byte is not a new line.
        line = data[: e.start].decode(encoding, errors="replace").count("\n") + 1
        raise ParseError(line, f"{name} 声明为 {encoding} 编码,但第 {e.start} 字节附近不是有效的 {encoding}") from None
