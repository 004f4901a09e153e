"""The one error the document readers raise (one of the project's family, tui/errors.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors.family import GongkaiError

if TYPE_CHECKING:
    from .table import Origin


class ParseError(GongkaiError, ValueError):
    """Text that cannot be placed. `where` is a 1-based line number or an `Origin`
    (a sheet and cell, a table row); the message names it."""

    way_out = True  # what the user reads ends with the way out: the table workbook

    def __init__(self, where: "int | Origin", message: str, text: str = ""):
        if isinstance(where, int):
            from .table import Origin

            where = Origin(line=where)
        self.origin = where
        self.line = where.line
        self.message = message
        self.text = text
        shown = text if len(text) <= 40 else text[:40] + "…"
        super().__init__(f"{where}: {message}" + (f"「{shown}」" if shown else ""))
