"""Dates inside item text: repair of lost 年/月, explicit and relative deadlines."""

from __future__ import annotations

import calendar
import datetime as dt
import re

# `20216月底前` → `2021年6月底前` (年 lost before a month).
_LOST_YEAR_BEFORE_MONTH = re.compile(r"(?<!\d)(20\d\d)(1[0-2]|[1-9])(?=月)")
# `2021531日前` / `2021年531日前` → `2021年5月31日前` (年 and/or 月 lost).
_LOST_MONTH_BEFORE_DAY = re.compile(r"(?<!\d)(20\d\d)(年?)(\d{2,4})(?=日)")


def _month_day_splits(digits: str, year: int) -> list[tuple[int, int]]:
    out = []
    for cut in range(1, len(digits)):
        m_text, d_text = digits[:cut], digits[cut:]
        if m_text.startswith("0") or d_text.startswith("0"):
            continue
        month, day = int(m_text), int(d_text)
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            out.append((month, day))
    return out


def repair_dates(text: str) -> tuple[str, list[tuple[str, str, str]]]:
    """Return repaired text and a list of (before, after, note) for each repair."""
    repairs: list[tuple[str, str, str]] = []

    def fix_month(m: re.Match) -> str:
        after = f"{m.group(1)}年{m.group(2)}"
        repairs.append((m.group(0) + "月", after + "月", ""))
        return after

    text = _LOST_YEAR_BEFORE_MONTH.sub(fix_month, text)

    def fix_day(m: re.Match) -> str:
        year, digits = int(m.group(1)), m.group(3)
        splits = _month_day_splits(digits, year)
        if not splits:
            return m.group(0)
        # Ambiguous splits (115 = 1月15日 or 11月5日): prefer the one-digit month,
        # the reading of every such date in the 2021 document; the note says so.
        month, day = splits[0]
        note = ""
        if len(splits) > 1:
            others = "、".join(f"{mm}月{dd}日" for mm, dd in splits[1:])
            note = f"有歧义,按{month}月{day}日处理(也可读作{others})"
        after = f"{year}年{month}月{day}"
        repairs.append((m.group(0) + "日", after + "日", note))
        return after

    text = _LOST_MONTH_BEFORE_DAY.sub(fix_day, text)
    return text, repairs


_EXPLICIT = re.compile(
    r"(?<!\d)(\d{4})年(?:(\d{1,2})月(?:(底)|(\d{1,2})日)?|(底))(?:之)?前"
)

_RELATIVE = re.compile(
    r"次年\d{1,2}月(?:底|\d{1,2}日)(?:之)?前"
    r"|\d+个工作日内"
    r"|\d+个月内"
    r"|\d+(?:日|天)内"
    r"|每(?:年|半年|季度|月)"
)


def explicit_deadline(text: str) -> str | None:
    """Earliest explicit deadline in the text, as an ISO date, or None.

    `2021年6月底前` → 2021-06-30, `2021年5月31日前` → 2021-05-31, `2021年底前` → 2021-12-31.
    A bare `2021年6月前` means before June starts → 2021-05-31.
    """
    found: list[dt.date] = []
    for m in _EXPLICIT.finditer(text):
        year = int(m.group(1))
        try:
            if m.group(5):  # 年底前
                found.append(dt.date(year, 12, 31))
            elif m.group(3):  # 月底前
                month = int(m.group(2))
                found.append(dt.date(year, month, calendar.monthrange(year, month)[1]))
            elif m.group(4):  # 月日前
                found.append(dt.date(year, int(m.group(2)), int(m.group(4))))
            else:  # 月前
                month = int(m.group(2))
                found.append(dt.date(year, month, 1) - dt.timedelta(days=1))
        except ValueError:
            continue  # 13月 or 2月30日: not a date, so not a deadline
    return min(found).isoformat() if found else None


def relative_deadline(text: str) -> str | None:
    """Relative deadline phrases in text order, joined by `;`, or None."""
    phrases: dict[str, None] = {}
    for m in _RELATIVE.finditer(text):
        phrases.setdefault(m.group(0), None)
    return ";".join(phrases) or None
