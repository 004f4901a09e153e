"""The CLI's `--date` (完成时间) for `done` and `status`: read by the one date reader
(tui/datetext.py); a date after today or before the document's issue date is asked about
on a terminal, and refused without one unless `--yes` (a script must say it means it)."""

from __future__ import annotations

import datetime as dt
import sys

import typer

from ..datetext import DateTextError, doubts, parse_date_text
from ..store import InputError

DateOption = typer.Option(
    None, "--date", help="完成时间(默认今天),如 2026-11-30、2026年11月30日、2026.11.30、2026/11/30", show_default=False
)
YesOption = typer.Option(False, "--yes", "-y", help="完成时间晚于今天或早于成文日期时不再询问")


def on_terminal() -> bool:
    return sys.stdin.isatty()


def done_date(value: str | None, issued: str | None, yes: bool, today: dt.date | None = None) -> dt.date | None:
    """The date `--date` gives (None: not given). Raises InputError for what is no date, or
    a doubtful date declined (or met without a terminal and without --yes)."""
    if value is None:
        return None
    try:
        day = parse_date_text(value)
    except DateTextError as e:
        raise InputError(f"完成时间{e}") from None
    found = doubts(day, today or dt.date.today(), issued)
    if not found or yes:
        return day
    question = f"完成时间 {day.isoformat()} {'、'.join(found)}"
    if not on_terminal():
        raise InputError(f"{question};确认无误请加 --yes,未写入")
    if not typer.confirm(f"{question},确定吗?", default=False, err=True):
        raise InputError("未确认完成时间,未写入")
    return day
