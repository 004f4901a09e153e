"""One reader per format, each turning a file into the neutral `SourceTable`.

Every reader, present and future (PDF, .xls, .ods), passes the one safety gate
(`tui/ooxml.py`: file size, zip limits, a streaming XML or HTML pass with counters and a
budget sized to what the reader builds) before it builds anything; see grid.check_zip and
html.read_html for how the .docx, .xlsx and .html readers call it."""

from __future__ import annotations

from pathlib import Path

from ... import ooxml
from ..errors import ParseError
from ..table import SourceTable

FORMATS = {".txt": "text", ".text": "text", ".docx": "docx", ".xlsx": "xlsx", ".html": "html", ".htm": "html"}
MAX_BYTES = ooxml.MAX_FILE_BYTES


def read_table(data: bytes, name: str) -> SourceTable:
    """The neutral table of a document's bytes; the format comes from the file name."""
    suffix = Path(name).suffix.lower()
    kind = FORMATS.get(suffix)
    if kind is None:
        raise ParseError(1, f"不支持的文件类型「{suffix or name}」:可读 .txt、.docx、.xlsx、.html/.htm "
                         "(.doc/.xls/.wps 请先在 Word/WPS 中另存为 .docx/.xlsx)")
    if kind != "text":
        from .grid import check_size

        check_size(data, name)  # names the file: 「name」: …
    elif len(data) > MAX_BYTES:
        raise ParseError(1, f"{name} 有 {ooxml.size_text(len(data))},超过任务分工文件的上限 {MAX_BYTES // ooxml.MB} MB")
    if kind == "text":
        from .text import read_text

        return read_text(data, name)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data, name)
    if kind == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(data, name)
    from .html import read_html

    return read_html(data, name)
