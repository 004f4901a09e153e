"""Reading 任务分工 documents into rows and items — pure, no database.

Readers (readers/, one per format) turn a file into a neutral table (table.py); one
interpreter (interpret.py) turns the table into a `Document`. Both load on first use, so
that opening the app does not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import ParseError

if TYPE_CHECKING:
    from .model import Document, Item, Repair, Row, Section, Subsection  # noqa: F401

_MODEL = {"Document", "Item", "Repair", "Row", "Section", "Subsection"}


def __getattr__(name: str):
    """The model's classes, imported on first use: the app's start-up needs only ParseError."""
    if name in _MODEL:
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse_document(text: str) -> Document:
    """Parse the full text of a 任务分工 document given as text."""
    from .interpret import interpret
    from .readers.text import read_text

    return interpret(read_text(text.encode("utf-8"), "<text>"))


def read_document(data: bytes, name: str, year: int | None = None) -> Document:
    """Parse a 任务分工 file's bytes; `name` (its file name) gives the format; `year` is the
    document's year when its text does not say it."""
    from .interpret import interpret
    from .readers import read_table
    from .script import reading, restore_document

    with reading(data, name) as read:
        doc = interpret(read_table(data, name), year)
    script = read.script
    if not doc.title:  # nothing above the table names it: the file's own name does, and the report says so
        from dataclasses import replace
        from pathlib import PurePath

        doc.title = doc.table_title = PurePath(name).stem
        doc.notes = [
            replace(
                n,
                message=f"{n.message}:按文件名「{doc.title}」称呼这份文件(可用 load --as-table 写出后在「标题」中填写)",
            )
            if n.kind == "title_missing"
            else n
            for n in doc.notes
        ]
    if name.lower().endswith((".docx", ".xlsx")):  # an issued breakdown: where its rows come from
        from .upper_link import link, read_mark

        mark = read_mark(data)
        if mark is not None:
            doc.upper = link(doc, mark)
    if script is not None:
        restore_document(doc, script)
        from .table import Note, Origin

        doc.notes.append(
            Note(Origin(), "traditional", "繁体字文件:按简体字识别栏目、标题和单位;正文按原文记录,单位名称按简体记录")
        )
    return doc


__all__ = [
    "Document",
    "Item",
    "ParseError",
    "Repair",
    "Row",
    "Section",
    "Subsection",
    "parse_document",
    "read_document",
]
