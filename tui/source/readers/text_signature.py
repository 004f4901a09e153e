"""A signature after a text's last task (readers/tail.py finds it: the issuer's line, then the
date's): left out of the table wherever it is no part of it, and kept as the table's tail, which
names the issuer (interpret.py) where nothing above the table does."""

from __future__ import annotations

from collections.abc import Callable

from ..chars import BLANKS
from ..errors import ParseError
from ..table import GridRow, Note, Origin, SourceTable
from .tail import blanked, signature_at

# A text read a second time without its signature is at most this long (a real breakdown is a
# few thousand lines): a file at the limits is read once, within the readers' time budget.
_SECOND_READ_LINES = 20_000


def without_signature(lines: list[str], end: int, table_of: Callable[[list[str]], SourceTable]) -> SourceTable:
    """The table of `lines`, a signature before `end` left out where it is no part of the table:
    after a table copied with `|` (it has none), where the table cannot be read with it, where no
    row took it (prose: the lines were left unread), or where it became a row of its own (its
    issuer a row's unit beside the task above). A table whose last cells it completes (a 时限
    written as a date under the last unit) keeps it. `table_of`: the text reader's table of lines
    (text.py), asked once, or twice where the signature's part is in doubt."""
    signature = signature_at(lines, end)
    if signature is None:
        return table_of(lines)
    unsigned = blanked(lines, signature)
    if any("|" in s for s in lines[:signature]) and "|" not in "".join(lines[signature:]):
        return _signature_said(table_of(unsigned), lines, signature)
    try:
        table = table_of(lines)
    except ParseError:
        if len(lines) > _SECOND_READ_LINES:
            raise
        try:
            return _signature_said(table_of(unsigned), lines, signature)
        except ParseError:
            pass
        raise
    rows = [entry for entry in table.body if isinstance(entry, GridRow)]
    if not any(_comes_from(row, signature) for row in rows):  # read as no part of the table (prose: text unread)
        table.notes = [n for n in table.notes if (n.origin.line or 0) <= signature]
        return _signature_said(table, lines, signature)
    if rows and (rows[-1].origin.line or 0) > signature and len(lines) <= _SECOND_READ_LINES:
        return _signature_said(table_of(unsigned), lines, signature)
    return table


def _comes_from(row: GridRow, signature: int) -> bool:
    """Whether any of the row's text comes from the line `signature` (0-based) or after it."""
    return (row.origin.line or 0) > signature or any(
        (o.line or 0) > signature for c in row.cells if c is not None for o in c.origins
    )


def _signature_said(table: SourceTable, lines: list[str], signature: int) -> SourceTable:
    """The table read without its signature, which is kept as its tail (who signs it, when)."""
    table.tail = [
        (lines[k].strip(BLANKS), Origin(line=k + 1)) for k in range(signature, len(lines)) if lines[k].strip()
    ]
    table.notes.append(
        Note(
            Origin(line=signature + 1),
            "signature_skipped",
            "表格之后的落款(发文单位和日期,及其上的联系人等)不是表格的内容,未读入",
        )
    )
    return table
