"""完成时间 as people give it: one reading for every door (the CLI's `--date`, the app's
dialog, a workbook cell), so that a date accepted in one is accepted in all, and refused
with the same words.

Accepted: a real date (a `date`/`datetime`, or an Excel serial number in a date-formatted
cell) and the texts `2026-11-30`, `2026年11月30日`, `2026.11.30`, `2026/11/30`, with or
without leading zeros, in full-width digits too. Anything else is refused naming the value
and these forms: a guess (`11/30`, `2026-11`) would put a date nobody meant into a report.

A date that is possible but doubtful (after today, before the document was issued) is not
refused here: `doubts()` names why, and each door asks in its own way.

Pure: no textual, typer or openpyxl (the reader passes what openpyxl found in the cell).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from .errors.family import GongkaiError

ACCEPTED = "2026-11-30、2026年11月30日、2026.11.30 或 2026/11/30"

_TEXT = re.compile(r"(\d{4})\s*(?:([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)")
# The first day of each Excel date system: serial 1 is 1900-01-01 (Excel counts a
# 1900-02-29 that never was, so from serial 61 on the days are counted from 1899-12-30),
# or 1904-01-02 in a workbook that uses the 1904 system.
_EPOCH_1900 = dt.date(1899, 12, 30)
_EPOCH_1904 = dt.date(1904, 1, 1)


class DateTextError(GongkaiError, ValueError):
    """A value that is not a date; the message (Chinese) names it and the accepted forms."""


def _refuse(shown: str, why: str = "不是日期") -> DateTextError:
    return DateTextError(f"「{shown[:40]}」{why},请写作 {ACCEPTED}")


def parse_date_text(text: str) -> dt.date:
    """A date typed or pasted as text (see the module docstring); DateTextError otherwise."""
    t = unicodedata.normalize("NFKC", text or "").strip()  # full-width digits, ／ － ．
    m = _TEXT.fullmatch(t)
    if not m:
        raise _refuse(text.strip() if text else "")
    year = int(m.group(1))
    month, day = (m.group(3), m.group(4)) if m.group(2) else (m.group(5), m.group(6))
    try:
        return dt.date(year, int(month), int(day))
    except ValueError:
        raise _refuse(text.strip(), "不是存在的日期") from None


def from_serial(number: float, epoch_1904: bool = False) -> dt.date:
    """An Excel serial day number (the value of a date-formatted cell) as a date."""
    if number != number or number < 1 or number >= 2_958_466:  # NaN, before 1900, after 9999-12-31
        raise _refuse(f"{number:g}", "不是日期(超出日期范围)")
    days = int(number)
    if epoch_1904:
        return _EPOCH_1904 + dt.timedelta(days=days)
    if days < 60:
        return _EPOCH_1900 + dt.timedelta(days=days + 1)
    if days == 60:
        raise _refuse("1900-02-29", "不是存在的日期")
    return _EPOCH_1900 + dt.timedelta(days=days)


def date_value(value: object, date_format: bool = False, epoch_1904: bool = False) -> dt.date:
    """Whatever a door received as a date: a date or datetime (its day), a number when the
    cell it came from is date-formatted (`date_format`), or text (parse_date_text)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if date_format:
            return from_serial(float(value), epoch_1904)
        raise DateTextError(f"「{value:g}」是数字,不是日期:请把单元格设为日期格式,或写作 {ACCEPTED}")
    if isinstance(value, str):
        return parse_date_text(value)
    raise _refuse(str(value))


def doubts(day: dt.date, today: dt.date, issued: str | None) -> list[str]:
    """Why a completion date may be a slip, as phrases to ask about (empty: none): a day
    after today has not come yet; a day before the document's issue date (`issued`,
    ISO) is before the task was given."""
    out = []
    if day > today:
        out.append(f"晚于今天({today.isoformat()})")
    try:
        issue_day = dt.date.fromisoformat(issued) if issued else None
    except ValueError:
        issue_day = None
    if issue_day is not None and day < issue_day:
        out.append(f"早于任务分工的成文日期({issue_day.isoformat()})")
    return out
