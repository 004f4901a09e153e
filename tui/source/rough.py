"""What a document the readers refuse holds, a line at a time, for `load --as-table` (issue #22:
any document, written out, corrected and loaded, is right). A refusal otherwise leaves the user a
blank template to type every task into; with this the breakdown table holds the document's own
lines (a table's row as its cells joined by ` | `), each with where it stands, to move into their
columns. Nothing here judges what a line is: that is the reading the document did not allow.

The grid readers (docx, html, pdf, xlsx, xls, through `readers/grid.Assembler`) record what they
were fed while `recording()` is open, so a refused file is never read twice; a text file's lines
are its decoded text."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import PurePath

from .. import ooxml
from .errors import ParseError
from .table import Origin

# Where the Assembler writes what it is fed; None when nobody is recording.
RECORD: ContextVar[list[tuple[str, Origin]] | None] = ContextVar("rough_record", default=None)
MAX_ROUGH_LINES = 5000  # a breakdown of 105 tasks is about 600 lines; more is no breakdown to retype
MAX_LINE_CHARS = 32000  # a cell of a spreadsheet holds at most 32,767 characters


@contextmanager
def recording() -> Iterator[list[tuple[str, Origin]]]:
    record: list[tuple[str, Origin]] = []
    token = RECORD.set(record)
    try:
        yield record
    finally:
        RECORD.reset(token)


def record(text: str, origin: Origin) -> None:
    """Called by the Assembler for each line and each table row it is fed."""
    lines = RECORD.get()
    if lines is not None and len(lines) <= MAX_ROUGH_LINES:
        lines.append((text, origin))


def rough_lines(data: bytes, name: str, recorded: list[tuple[str, Origin]]) -> list[tuple[str, Origin]] | None:
    """The lines of a refused document, or None where there are none to give (a file the gate
    refused, a scanned PDF, a file too long to be a breakdown, bytes that are no text)."""
    lines = recorded
    if not lines and PurePath(name).suffix.lower() in (".txt", ".text"):
        from .readers.text_decode import decode_text

        if len(data) > ooxml.MAX_FILE_BYTES:
            return None
        try:
            text = decode_text(data, name)
        except ParseError:
            return None
        lines = [(line.strip(), Origin(line=n)) for n, line in enumerate(text.splitlines(), 1)]
    lines = [(text[:MAX_LINE_CHARS], origin) for text, origin in lines if text.strip()]
    if not lines or len(lines) > MAX_ROUGH_LINES:
        return None
    return lines
