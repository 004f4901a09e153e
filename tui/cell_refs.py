"""A1-style cell references of a spreadsheet: a column's letters and number, and how many cells
a range (`A1:O1`, whole columns `A:C`, whole rows `1:3`) covers — what the OOXML gate
(ooxml.py) counts before any reader builds a sheet."""

from __future__ import annotations

import re

CELL_REF = re.compile(r"([A-Za-z]{1,3})(\d{1,7})$")
_SHEET_COLUMNS = 16_384  # XFD
_SHEET_ROWS = 1_048_576


def column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def range_area(ref: str) -> int:
    """Cells covered by a range such as `A1:O1` (or one cell); 0 when it cannot be read
    (openpyxl then refuses the file itself)."""
    total = 0
    for part in ref.split():
        ends = part.split(":")
        if len(ends) > 2:
            return 0
        first, last = (CELL_REF.match(ends[i].replace("$", "")) for i in (0, -1))
        if first is None or last is None:
            cols = [e.replace("$", "") for e in ends]  # whole columns (A:C) or rows (1:3)
            if all(c.isalpha() for c in cols):
                total += (abs(column_number(cols[-1]) - column_number(cols[0])) + 1) * _SHEET_ROWS
            elif all(c.isdigit() for c in cols):
                total += (abs(int(cols[-1]) - int(cols[0])) + 1) * _SHEET_COLUMNS
            continue
        (c1, r1), (c2, r2) = ((column_number(m.group(1)), int(m.group(2))) for m in (first, last))
        total += (abs(c2 - c1) + 1) * (abs(r2 - r1) + 1)
    return total
