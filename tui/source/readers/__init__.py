"""One reader per format, each turning a file into the neutral `SourceTable`."""

from __future__ import annotations

from pathlib import Path

from ..errors import ParseError
from ..table import SourceTable

FORMATS = {".txt": "text", ".text": "text", ".docx": "docx", ".xlsx": "xlsx", ".html": "html", ".htm": "html",
           ".pdf": "pdf"}
MAX_BYTES = 20 * 1024 * 1024


def read_table(data: bytes, name: str) -> SourceTable:
    """The neutral table of a document's bytes; the format comes from the file name."""
    suffix = Path(name).suffix.lower()
    kind = FORMATS.get(suffix)
    if kind is None:
        raise ParseError(1, f"不支持的文件类型「{suffix or name}」:可读 .txt、.docx、.xlsx、.html/.htm、.pdf "
                         "(.doc/.xls/.wps 请先在 Word/WPS 中另存为 .docx/.xlsx)")
    if kind not in ("text", "pdf"):
        from .grid import check_size

        check_size(data, name)  # names the file: 「name」: …
    elif len(data) > MAX_BYTES:
        raise ParseError(1, f"{name} 有 {len(data) // 1024 // 1024} MB,超过任务分工文件的上限 20 MB")
    if kind == "text":
        from .text import read_text

        return read_text(data, name)
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
