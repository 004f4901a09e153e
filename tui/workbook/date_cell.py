"""A 完成时间 cell typed as a date: Excel, WPS and LibreOffice store a date as a number
with a date format. openpyxl turns it into a datetime when it knows the format, but not
for the built-in formats of Chinese Excel/WPS (ids 27–36 and 50–58, e.g. `yyyy"年"m"月"d"日"`):
there the cell stays a bare serial number (`46198`). Both are read here as the day they
show, by the one date reader of every door (tui/datetext.py)."""

from __future__ import annotations

import datetime as dt

from ..datetext import date_value

# Built-in number formats that show a date: Excel's own (14–17, 22) and the East Asian
# locale ones (27–36, 50–58) that openpyxl reads as 'General'.
BUILTIN_DATE_FORMAT_IDS = frozenset([14, 15, 16, 17, 22, *range(27, 37), *range(50, 59)])


def date_cell_text(cell, text: str | None) -> str | None:
    """The ISO day of a cell holding a real date (a datetime, or a number in a date
    format), else `text` as read. Raises datetext.DateTextError for a bare number."""
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, (dt.date, int, float)):
        return text
    style = getattr(cell, "_style", None)
    date_format = bool(cell.is_date) or getattr(style, "numFmtId", None) in BUILTIN_DATE_FORMAT_IDS
    epoch_1904 = getattr(getattr(cell.parent, "parent", None), "epoch", dt.datetime(1899, 12, 30)).year == 1904
    return date_value(value, date_format, epoch_1904).isoformat()
