"""A row's task paragraphs → its items: numbering at one or two levels, disclosure paths,
deadlines. Pure; errors name the paragraph's origin."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .chars import digits, DOT, IDEO_COMMA, LPAREN, PERIOD, RPAREN, SEMI, cls
from .dates import deadline_dates
from .errors import ParseError
from .model import Item
from .numbering import ARABIC, CIRCLED, CIRCLED_DIGITS, PAREN, leading_number
from .paths import PATHS_ONLY, find_paths
from .table import Note, Origin

NOWHERE = Origin()  # no line known (Origin is frozen: one instance serves every call)


def _next_marker(style: str, n: int) -> str:
    if style == ARABIC:
        return rf"{digits(n)}\s*{cls(DOT, IDEO_COMMA)}(?!\d)"
    if style == PAREN:
        return rf"{cls(LPAREN)}\s*{digits(n)}\s*{cls(RPAREN)}"
    if style == CIRCLED:
        return re.escape(CIRCLED_DIGITS[n - 1]) if n <= len(CIRCLED_DIGITS) else r"(?!)"
    return rf"{digits(n)}\s*{cls(RPAREN)}"


# Whole 时限 cells that name no date but a span of time; inside a task's text they are just words
# (`全年发布…`), so they are recognised only as the whole cell.
_MONTH_ONLY = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月份?")
# The whole 时限 field one day (`2021年5月31日`, `2021-05-31`): the deadline (in a text, a day without
# `前` or `完成` is an event, not a limit).
_DAY_ONLY = re.compile(
    r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]|[-./－．／](\d{1,2})[-./－．／](\d{1,2}))"
)
CELL_PHRASES = frozenset(
    {"全年", "长期", "常年", "常态化", "长期开展", "持续开展", "常态化推进", "全年推进", "全年持续"}
)


def split_inline(paras: list[tuple[str, Origin]]) -> list[tuple[str, Origin]]:
    """`1.公开…。2.公开…` in one paragraph → two paragraphs, when the next number follows a
    sentence end (as in a one-line cell copied from a web page)."""
    out = []
    for text, origin in paras:
        m = leading_number(text)
        while m is not None:
            nxt = re.search(rf"(?<={cls(PERIOD, SEMI)})\s*(?={_next_marker(m.style, m.number + 1)})", text)
            if nxt is None:
                break
            out.append((text[: nxt.start()].rstrip(), origin))
            text = text[nxt.end() :]
            m = leading_number(text)
        out.append((text, origin))
    return out


def build_items(
    row_id: str,
    paras: list[tuple[str, Origin]],
    year: int | None,
    deadline_cell: str | None = None,
    where: Origin = NOWHERE,
    continues_from: int = 0,
) -> tuple[list[Item], str | None, list[Note]]:
    paras = split_inline(paras)
    notes: list[Note] = []
    items: list[Item] = []
    path_notes: list[str] = []
    levels: dict[str, int] = {}
    heading: Item | None = None
    last_top = 0
    last_sub = 0
    markers = [leading_number(t) for t, _ in paras]
    for k, ((text, origin), m) in enumerate(zip(paras, markers)):
        line = origin.line or 0
        if PATHS_ONLY.match(text):
            path_notes.append(text)
            continue
        if m is not None and m.decimal_like:
            expected = (last_top if levels.get(m.style, 1) == 1 else last_sub) + 1
            later = next((x for x in markers[k + 1 :] if x is not None and x.style == m.style), None)
            if m.number != expected or (m.number == 1 and (later is None or later.number != 2)):
                m = None  # `3.5万户…`: a figure, not an item number
        if m is None:
            if items:
                items[-1].text += "\n" + text
            elif heading is not None:
                raise ParseError(origin, "无法归属的段落", text)
            else:
                items.append(Item(f"{row_id}-0", "0", text, line))
            continue
        level = levels.setdefault(m.style, len(levels) + 1)
        rest = m.rest.strip()
        if level > 2:
            raise ParseError(origin, "同一行任务中出现了第三种编号样式,无法判断层级", text)
        if level == 1:
            if not any(it.label != "0" for it in items) and heading is None and m.number > 1 and not m.decimal_like:
                last_top = m.number - 1  # a row whose numbering goes on from the row above
                notes.append(
                    Note(
                        origin,
                        "numbering_continued",
                        f"行 {row_id} 的条目编号从 {m.number} 开始",
                        "info" if m.number == continues_from + 1 else "warning",
                    )
                )
            if m.number != last_top + 1:
                if m.number <= last_top:
                    raise ParseError(origin, f"同一行任务中条目编号「{m.number}」重复", text)
                raise ParseError(origin, f"条目编号应为「{last_top + 1}」,实为「{m.number}」(缺了条目?)", text)
            last_top, last_sub = m.number, 0
            heading = Item(f"{row_id}-{m.number}", str(m.number), rest, line)
            items.append(heading)
            continue
        if heading is None:
            raise ParseError(origin, "子条目前没有上级编号条目", text)
        if m.number != last_sub + 1:
            raise ParseError(origin, f"子条目编号应为「{last_sub + 1}」,实为「{m.number}」", text)
        last_sub = m.number
        if heading in items:  # the parent becomes a group heading, not an item
            items.remove(heading)
        label = f"{heading.label}.{m.number}"
        items.append(Item(f"{row_id}-{label}", label, rest, line, group=heading.text))
    if len(items) == 1 and items[0].label == "0":
        items[0].label, items[0].id = "1", f"{row_id}-1"
    row_paths = [path for note in path_notes for path in find_paths(note)]
    cell_dates, cell_relative, cell_doubtful = deadline_dates(deadline_cell or "", year)
    if deadline_cell and not cell_dates and (month := _MONTH_ONLY.fullmatch(deadline_cell.strip())):
        # `完成时限:2022年10月`, the whole field a month: done by its end (in a text, `10月` is no limit)
        cell_year, cell_month = int(month.group(1)), int(month.group(2))
        if 1 <= cell_month <= 12:
            cell_dates = [dt.date(cell_year, cell_month, calendar.monthrange(cell_year, cell_month)[1])]
    if deadline_cell and not cell_dates and (day := _DAY_ONLY.fullmatch(deadline_cell.strip())):
        try:
            cell_dates = [
                dt.date(int(day.group(1)), int(day.group(2) or day.group(4)), int(day.group(3) or day.group(5)))
            ]
        except ValueError:  # 2月30日: no day; said below as a 时限 not read
            pass
    if deadline_cell and deadline_cell.strip() in CELL_PHRASES:
        cell_relative = deadline_cell.strip()  # `全年` alone in a 时限 cell: all year long
    cell_read = bool(cell_dates or cell_relative)
    if cell_doubtful:  # a date of the cell unread may be its latest: no date is taken from the cell
        cell_dates = []
    for item in items:
        full = (item.group + "\n" if item.group else "") + item.text
        item.disclosure_paths = find_paths(item.text) or list(row_paths)
        text_dates, relative, doubtful = deadline_dates(full, year)
        # An item's own dates are its steps, done at the latest; the 完成时限 cell is the deadline of
        # the row's items that name none, and of a row of one item: there the text's dates are steps
        # of the cell's (an issued 任务分工's cell is the date assigned, its text the upper item's).
        due: dt.date | None
        if len(items) == 1 and cell_dates:
            steps, due = sorted(set(text_dates) | set(cell_dates)), cell_dates[-1]
        else:
            steps = text_dates or cell_dates
            due = steps[-1] if steps else None
        item.deadline = due.isoformat() if due else None
        item.relative_deadline = relative or (None if text_dates else cell_relative)
        if due and len(steps) > 1:
            notes.append(_steps_note(item, steps, due, deadline_cell, Origin(line=item.line) if item.line else where))
        for phrase in doubtful:
            notes.append(
                Note(
                    Origin(line=item.line) if item.line else where,
                    "date_unread",
                    f"条目 {item.id} 中「{phrase}」像是时限,但无法读出日期",
                    "warning",
                )
            )
    if deadline_cell and not cell_read:
        notes.append(Note(where, "date_unread", f"行 {row_id} 的完成时限「{deadline_cell}」无法读出日期", "warning"))
    for phrase in cell_doubtful:
        notes.append(Note(where, "date_unread", f"行 {row_id} 的完成时限中「{phrase}」无法读出日期", "warning"))
    return items, "\n".join(path_notes) or None, notes


def _steps_note(item: Item, steps: list[dt.date], due: dt.date, cell: str | None, origin: Origin) -> Note:
    """An item naming more than one date (`8月底前…;12月底前…`, or a step in a row of one item
    before its 完成时限 cell's): `due` is its deadline, the others its steps, said. A warning where
    the text names a date after the 完成时限 cell's, which is taken: the two disagree."""
    dates = "、".join(d.isoformat() for d in steps)
    message = f"条目 {item.id} 写有 {len(steps)} 个时限({dates}),取 {due.isoformat()} 为完成时限,其余为阶段时限"
    later = steps[-1] > due
    if later:
        message += f";文字中的 {steps[-1].isoformat()} 晚于完成时限栏的「{(cell or '').strip()}」,请核对"
    return Note(origin, "deadline_steps", message, "warning" if later else "info")
