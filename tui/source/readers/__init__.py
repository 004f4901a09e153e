"""One reader per format, each turning a file into the neutral `SourceTable`.

Every reader, present and future (PDF, .xls, .ods), passes the one safety gate
(`tui/ooxml.py`: file size, zip limits, a streaming XML or HTML pass with counters and a
budget sized to what the reader builds) before it builds anything; see grid.check_zip and
html.read_html for how the .docx, .xlsx and .html readers call it."""

from __future__ import annotations

from pathlib import Path

from ... import ooxml
from ..errors import ParseError
from ..table import Note, Origin, SourceTable

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".xls": "xls",
}
MAX_BYTES = ooxml.MAX_FILE_BYTES


def read_table(data: bytes, name: str) -> SourceTable:
    """The neutral table of a document's bytes; the format comes from the file name."""
    suffix = Path(name).suffix.lower()
    kind = FORMATS.get(suffix)
    from .convert import TARGETS, UNREADABLE

    if suffix in UNREADABLE:
        raise ParseError(1, f"「{name}」是{UNREADABLE[suffix]}")
    if suffix in TARGETS:
        if len(data) > MAX_BYTES:
            raise ParseError(1, f"{name} 有 {len(data) // 1024 // 1024} MB,超过任务分工文件的上限 20 MB")
        from .convert import converted

        data, converted_name = converted(data, name)
        from ..script import sample_text, text_found

        text_found(sample_text(data, converted_name))  # a .doc's script shows once it is a .docx
        table = read_table(data, converted_name)
        table.notes.append(
            Note(Origin(), "converted", f"{suffix} 文件由 LibreOffice 转换为 {Path(converted_name).suffix} 后读取")
        )
        return table
    if kind is None:
        raise ParseError(
            1,
            f"不支持的文件类型「{suffix or name}」:可读 .txt、.docx、.xlsx、.xls、.html/.htm、.pdf,"
            "以及装有 LibreOffice 时的 .doc、.wps、.et、.rtf、.odt、.ods",
        )
    if kind not in ("text", "pdf", "xls"):
        from .grid import check_size

        check_size(data, name)  # names the file: 「name」: …
    elif len(data) > MAX_BYTES:
        raise ParseError(1, f"{name} 有 {ooxml.size_text(len(data))},超过任务分工文件的上限 {MAX_BYTES // ooxml.MB} MB")
    if kind == "text":
        from .text import read_text

        return read_text(data, name)
    if kind == "xls":
        from .xls import read_xls

        return read_xls(data, name)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, name)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data, name)
    if kind == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(data, name)
    from .html import read_html

    return read_html(data, name)
