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


_CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_SUFFIX = r"(?:之前|以前|前完成|前|完成|为止|止)"
_YEAR = r"(?:(?P<y>\d{4})年|(?P<next>次年|明年|下一年))"
# A day of some year: 12月31日, 12月底, 12月上旬, 12月; or the year's end (底, 末).
_WHEN_IN_A_YEAR = r"(?:\d{1,2}月(?:\d{1,2}(?:日|号)|份?底|末|上旬|中旬|下旬)?|底|末)"
_DEADLINES = re.compile(
    # a past year (去年底, 上年12月31日前): no deadline of this document's year; reported
    rf"(?P<past>(?:去|上一?|前)年(?:的)?{_WHEN_IN_A_YEAR}{_SUFFIX}?)|"
    # with a year (or 次年), then the same without one (the document's year)
    rf"(?:{_YEAR}|(?<![\d年]))"
    r"(?:"
    rf"(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})(?:日|号){_SUFFIX}"
    rf"|(?P<m_end>\d{{1,2}})月(?:底|末|份?底){_SUFFIX}?"
    rf"|(?P<m_ten>\d{{1,2}})月(?P<ten>上旬|中旬|下旬){_SUFFIX}?"
    rf"|(?P<m_before>\d{{1,2}})月(?:份)?(?:之前|以前|前)"
    rf"|(?P<half>上半年|下半年)(?:末|底)?{_SUFFIX}?"
    rf"|(?<!每)第?(?P<q>[一二三四1-4])季度(?:末|底)?{_SUFFIX}?"
    r")"
    rf"|(?:(?P<ye>\d{{4}})年|(?P<ye_next>次年|明年))(?:年)?(?:底|末){_SUFFIX}?"
    rf"|(?<![半一两二三四五六七八九十数\d个每次明去])(?P<bare_end>年底|年末){_SUFFIX}?"
    r"|(?<![半一两二三四五六七八九十数\d个每次明去])(?P<bare_in>年内)"
)
# Date-like phrases that no rule above reads: a warning, never a silent drop. `2020630日前` is a
# date whose 年 and 月 a copy lost (2020年6月30日前).
# A date said as a limit (`…前`, `…完成`): a deadline even in a year before the document's (a year
# taken from a 文号 of the year after); without one, such a date names a past moment.
_ENDS_BY = re.compile(f"{_SUFFIX}$")
_DATE_LIKE = re.compile(r"\d{1,2}月[^,，。;；、\s]{0,4}?前|\d{4}年[^,，。;；、\s]{0,3}?前|[上中下]旬前|\d{5,8}日前?")

_RELATIVE = re.compile(
    r"\d+个工作日内"
    r"|\d+个月内|(?:半|\d+)年内"
    r"|\d+(?:个)?(?:日|天|周)内"
    # recurring, with the day it recurs on (每年底前, 每年12月底前): one phrase, never this year's date
    rf"|每(?:年度?|半年|季度|月|周)(?:的?{_WHEN_IN_A_YEAR}{_SUFFIX}?)?"
    # a standing phrase (`完成时限:持续推进`, `(长期坚持)`), not the verb of a task (`持续推进政务服务
    # 标准化`: the task goes on, it names no time; hand readings of real breakdowns agree)
    r"|(?:长期坚持|持续推进|长期推进)(?![\u3400-\u9fff“‘\"＂《「])"
)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date_of(m: re.Match, year: int | None) -> dt.date | None:
    """The date a `_DEADLINES` match names; None when it has no year to go by.
    Raises ValueError for a date that does not exist (13月, 2月30日)."""
    g = m.groupdict()  # a past year (g["past"]) names no group below: None
    if g["ye"] or g["ye_next"]:
        y = int(g["ye"]) if g["ye"] else (year + 1 if year else None)
        return dt.date(y, 12, 31) if y else None
    if g["bare_end"] or g["bare_in"]:
        return dt.date(year, 12, 31) if year else None
    y = int(g["y"]) if g["y"] else (year + 1 if g["next"] and year else (year if not g["next"] else None))
    if y is None:
        return None
    if g["m"]:
        return dt.date(y, int(g["m"]), int(g["d"]))
    if g["m_end"]:
        return _month_end(y, int(g["m_end"]))
    if g["m_ten"]:
        month = int(g["m_ten"])
        return {"上旬": dt.date(y, month, 10), "中旬": dt.date(y, month, 20)}.get(g["ten"]) or _month_end(y, month)
    if g["m_before"]:  # 6月前: before June starts
        return dt.date(y, int(g["m_before"]), 1) - dt.timedelta(days=1)
    if g["half"]:
        return dt.date(y, 6, 30) if g["half"] == "上半年" else dt.date(y, 12, 31)
    if g["q"]:
        return _month_end(y, 3 * _CN_QUARTER[g["q"]])
    return None


def read_deadlines(text: str, year: int | None) -> tuple[str | None, str | None, list[str]]:
    """(latest explicit deadline as ISO date, relative phrases joined by `;`, phrases that look
    like dates but could not be read). The latest: a task of two dated steps is done at the second
    (`8月底前…;12月底前…`); `deadline_dates` gives every one. `year` is the document's year, used
    for dates written without one (`6月30日前`, `年底前`, `第三季度`); `次年` is the year after.
    """
    found, relative, doubtful = deadline_dates(text, year)
    return (found[-1].isoformat() if found else None), relative, doubtful


def deadline_dates(text: str, year: int | None) -> tuple[list[dt.date], str | None, list[str]]:
    """(every explicit deadline the text names, sorted and distinct; relative phrases; phrases not
    read), as `read_deadlines`. A date without a year after one with a year (`2020年8月底前…;
    12月底前…`) is in that year, as a reader takes it, unless that would put it before the first.
    A date in a year before the document's, not said as a limit (`2016年末政府债务余额`), is no
    deadline of it (said, as a phrase not read).
    """
    found: list[dt.date] = []
    doubtful: list[str] = []
    phrases: dict[str, None] = {}
    covered: list[tuple[int, int]] = []
    for m in _RELATIVE.finditer(text):
        phrases.setdefault(m.group(0), None)
        covered.append(m.span())  # 每年的12月31日前: the date is the recurring phrase's
    recurring = list(covered)
    written: dt.date | None = None  # the last date read with its year written
    for m in _DEADLINES.finditer(text):
        if any(a <= m.start() < b for a, b in recurring):
            continue
        covered.append(m.span())
        try:
            date = _date_of(m, year)
            carried = _date_of(m, written.year) if written and not _year_written(m) else None
            if carried and written and carried >= written:
                date = carried  # `2020年8月底前…;12月底前…`: the same year
        except ValueError:  # 13月, 2月30日: date-shaped, but no date
            doubtful.append(m.group(0))
            continue
        if date is None:
            doubtful.append(m.group(0))
        elif year and date.year < year and not _ENDS_BY.search(m.group(0)):
            doubtful.append(m.group(0))  # `2016年末政府债务余额` in a 2017 document: a past date, no deadline
        else:
            found.append(date)
            if _year_written(m):
                written = date
    for m in _DATE_LIKE.finditer(text):
        if not any(a <= m.start() < b or a < m.end() <= b for a, b in covered):
            doubtful.append(m.group(0))
    return sorted(set(found)), (";".join(phrases) or None), doubtful


def _year_written(m: re.Match) -> bool:
    return bool(m.group("y") or m.group("ye"))
