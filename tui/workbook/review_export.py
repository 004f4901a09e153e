"""The 汇总表 workbook of a lead unit: responsible units × the rows it leads.

One line per responsible unit, one column per row led; per unit 已完成/条目数, 缺佐证, 逾期
and when its workbook was imported (a count no unit has, all `—`, is left out). Printed
on A4 landscape one page wide (shrunk to fit only when the lead leads many rows), the
title whole, row heights set from the text, the header repeated on every page, every page
numbered 第 N 页 共 M 页 through the print-out. Sheet 未报送 lists the units not heard from;
sheet 佐证材料 lists every evidence entry of the units that reported, each URL a hyperlink.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..store.review import ReviewRow
from ..store.documents import label
from . import measure
from .export import BORDER, CENTER, WRAP_TOP, _page_setup, set_text
from .files import new_workbook, save_atomically
from .layout import BODY_FONT, FILL_HEADER, HEADER_FONT, REVIEW_SHEET, STATUS_FILLS, TITLE_FONT

MISSING_SHEET = "未报送"
EVIDENCE_SHEET = "佐证材料"
SIZE = 10.0  # body and header, in points as printed (scale 100 %)
UNIT_WIDTH, ROW_WIDTH, STAT_WIDTH, IMPORTED_WIDTH = 20, 12, 7.5, 10  # a unit name of 10 characters on a line
PAGE_FOOTER = "第 &P 页 共 &N 页"
HEADING_CHARS = 24  # of a led row's text in its column heading
LO_UNIT_POINTS = 5.53  # a column width unit as LibreOffice prints it (measured)
LINE, PADDING = 1.45, 3.0  # line height per point of font size (Noto Sans CJK: 1.448), points around


@dataclass
class UnitDetail:
    """What the 汇总表 shows of one responsible unit beyond its status per row."""

    items: int = 0
    done: int = 0  # 已完成 or 不适用
    missing_evidence: int = 0
    overdue: int = 0
    imported_at: str | None = None  # when its newest workbook was imported
    evidence: dict[str, list[dict]] = field(default_factory=dict)  # row id → evidence records


def _heading(text: str) -> str:
    return text if len(text) <= HEADING_CHARS else text[: HEADING_CHARS - 1] + "…"


def _footer(ws) -> None:
    """第 N 页 共 M 页, numbered on through the sheets of the print-out (the spreadsheet
    counts the pages: a total written as text is wrong once rows change height)."""
    ws.oddFooter.center.text = PAGE_FOOTER
    ws.oddFooter.center.size = 10


def _fill(summary: str) -> PatternFill:
    key = summary.split(" ")[0]
    return PatternFill("solid", fgColor=STATUS_FILLS.get(key, "FFFFFF"))


def _style(cell, font: Font, alignment: Alignment = CENTER, fill: PatternFill | None = None) -> None:
    cell.font = font
    cell.alignment = alignment
    cell.border = BORDER
    if fill is not None:
        cell.fill = fill


def _set_heights(ws, first: int, last: int, widths: Mapping[int, float], size: float = SIZE) -> None:
    """Each row tall enough for the wrapped text of every one of its cells."""
    for r in range(first, last + 1):
        lines = [
            measure.text_height(str(ws.cell(r, c).value), w, size, LINE, PADDING)
            for c, w in widths.items()
            if ws.cell(r, c).value is not None
        ]
        ws.row_dimensions[r].height = min(
            measure.MAX_ROW_POINTS, max(lines, default=measure.text_height("", 10, size, LINE, PADDING))
        )


def write_review(
    lead: str,
    document: dict,
    rows: list[ReviewRow],
    as_of: dt.date,
    now: dt.datetime,
    path: Path,
    details: dict[str, UnitDetail] | None = None,
) -> Path:
    details = details or {}
    wb, ws = new_workbook(REVIEW_SHEET)
    unheld = [r.row_id for r in rows if not r.units]  # a led row naming no unit: a column of `—` only
    rows = [r for r in rows if r.units]
    units: list[str] = []
    for r in rows:
        for u in r.units:
            if u.unit not in units:
                units.append(u.unit)
    by_unit = {(r.row_id, u.unit): u for r in rows for u in r.units}
    per_unit = {unit: _stat_values(unit, rows, by_unit, details.get(unit)) for unit in units}
    names = ["已完成行数", "未报送行数", "已完成/条目数", "缺佐证", "逾期", "导入时间"]
    kept = [i for i in range(len(names)) if any(v[i] not in ("—", "") for v in per_unit.values())]
    stats = [names[i] for i in kept]
    ncols = 1 + len(rows) + len(stats)
    widths = {
        1: UNIT_WIDTH,
        **{c: ROW_WIDTH for c in range(2, len(rows) + 2)},
        **{c: STAT_WIDTH for c in range(len(rows) + 2, ncols + 1)},
    }
    if "导入时间" in stats:
        widths[ncols] = IMPORTED_WIDTH
    # One page wide, shrunk a little if need be; a lead of so many rows that this would
    # shrink the text below 9 pt gets the table at 100 %, continued on pages across with
    # the unit column repeated, the title over the columns of the first page only (a
    # merged cell cut by a page break prints on one side of it).
    page_w, _ = measure.printable((297.0, 210.0), (0.3, 0.3, 0.5, 0.6))
    one_wide = sum(widths.values()) * LO_UNIT_POINTS <= page_w / 0.9
    first_page = ncols
    if not one_wide:
        used, first_page = 0.0, 1
        for col in range(1, ncols + 1):
            used += widths[col] * LO_UNIT_POINTS
            if used > page_w * 0.55:  # LibreOffice draws these rows again on the pages across
                break
            first_page = col
    last = get_column_letter(first_page)
    span = sum(widths[c] for c in range(1, first_page + 1))
    head = Font(name=HEADER_FONT, bold=True, size=SIZE)
    body = Font(name=BODY_FONT, size=SIZE)

    ws.merge_cells(f"A1:{last}1")
    set_text(ws["A1"], f"{lead}牵头任务完成情况汇总表")
    ws["A1"].font = Font(name=TITLE_FONT, size=16)
    ws["A1"].alignment = CENTER
    ws.merge_cells(f"A2:{last}2")
    info = (
        f"依据：{label(document)}　　汇总日期：{now.date().isoformat()}　　截至：{as_of.isoformat()}　　"
        "每格为该单位在该行任务上的完成情况；「未报送」＝尚未导入该单位的任务清单；「—」＝该单位不负责该行"
        + (f"；{'、'.join(unheld)} 行没有可汇总的责任单位，未列出" if unheld else "")
    )
    set_text(ws["A2"], info)
    ws["A2"].font = body
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="center")

    headers = ["责任单位", *[f"{r.row_id}\n{_heading(r.text)}" for r in rows], *stats]
    for col, h in enumerate(headers, 1):
        cell = ws.cell(3, col)
        set_text(cell, h)
        _style(cell, head, fill=PatternFill("solid", fgColor=FILL_HEADER))
    listed = _evidence_lines(rows, units, details)
    for i, unit in enumerate(units, 4):
        set_text(ws.cell(i, 1), unit)
        _style(ws.cell(i, 1), body, WRAP_TOP)
        for col, r in enumerate(rows, 2):
            cell = ws.cell(i, col)
            held = by_unit.get((r.row_id, unit))
            _style(cell, body)
            if held is None:
                set_text(cell, "—")
                continue
            text = held.summary + (f"\n佐证 {held.evidence}" if held.reported else "")
            if (unit, r.row_id) in listed:  # where its entries are, each linked
                text += f"(见{EVIDENCE_SHEET}表第 {listed[(unit, r.row_id)]} 行起)"
            set_text(cell, text)
            cell.fill = _fill(held.summary)
        values = [per_unit[unit][i] for i in kept]
        for col, value in enumerate(values, len(rows) + 2):
            cell = ws.cell(i, col)
            if isinstance(value, str):
                set_text(cell, value)
            else:
                cell.value = value
            _style(cell, body)
    total = len(units) + 4
    set_text(ws.cell(total, 1), "完成单位数 / 单位数")
    _style(ws.cell(total, 1), head, WRAP_TOP)
    for col, r in enumerate(rows, 2):
        finished = sum(u.summary in ("已完成", "不适用") for u in r.units)
        set_text(ws.cell(total, col), f"{finished}/{len(r.units)}")
        _style(ws.cell(total, col), body)

    for col, w in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = w
    _set_heights(ws, 3, total, widths, SIZE)
    ws.row_dimensions[1].height = measure.text_height(ws["A1"].value, span, 16) + 4
    ws.row_dimensions[2].height = measure.text_height(info, span, SIZE)
    ws.freeze_panes = "B4"
    ws.print_title_rows = "3:3"
    if one_wide:
        _page_setup(ws, ws.PAPERSIZE_A4, ws.ORIENTATION_LANDSCAPE, fit=(1, 0), continuous=True)
    else:
        ws.print_title_cols = "A:A"
        _page_setup(ws, ws.PAPERSIZE_A4, ws.ORIENTATION_LANDSCAPE, scale=100, continuous=True)
        ws.page_setup.pageOrder = "downThenOver"
    _footer(ws)

    _missing_sheet(wb.create_sheet(MISSING_SHEET), rows, units, by_unit, details, head, body)
    _evidence_sheet(wb.create_sheet(EVIDENCE_SHEET), rows, units, details, head, body)
    return save_atomically(wb, path)


def _stat_values(unit: str, rows: list[ReviewRow], by_unit: dict, d: UnitDetail | None) -> list:
    """已完成行数, 未报送行数, 已完成/条目数, 缺佐证, 逾期, 导入时间 of one unit."""
    mine = [by_unit[(r.row_id, unit)] for r in rows if (r.row_id, unit) in by_unit]
    values: list = [sum(u.summary in ("已完成", "不适用") for u in mine), sum(not u.reported for u in mine)]
    if d is not None and (d.imported_at or any(u.reported for u in mine)):
        values += [f"{d.done}/{d.items}", d.missing_evidence, d.overdue, d.imported_at or "未导入(本机录入)"]
    elif d is not None:
        values += [f"{d.done}/{d.items}", "—", "—", "未报送"]
    else:
        values += ["", "", "", ""]
    return values


def _missing_sheet(ws, rows, units, by_unit, details, head, body) -> None:
    """The units not yet heard from, with how much of the lead's work waits on them."""
    headers = ["责任单位", "未报送行数", "涉及条目数", "未报送的行"]
    for col, h in enumerate(headers, 1):
        set_text(ws.cell(1, col), h)
        _style(ws.cell(1, col), head, fill=PatternFill("solid", fgColor=FILL_HEADER))
    r = 2
    for unit in units:
        waiting = [row for row in rows if (row.row_id, unit) in by_unit and not by_unit[(row.row_id, unit)].reported]
        if not waiting:
            continue
        values = [
            unit,
            len(waiting),
            sum(by_unit[(row.row_id, unit)].items for row in waiting),
            "、".join(row.row_id for row in waiting),
        ]
        for col, value in enumerate(values, 1):
            cell = ws.cell(r, col)
            if isinstance(value, str):
                set_text(cell, value)
            else:
                cell.value = value
            _style(cell, body, WRAP_TOP if col in (1, 4) else CENTER)
        r += 1
    set_text(ws.cell(r, 1), f"合计 {r - 2} 个单位未报送")
    ws.cell(r, 1).font = head
    widths = {1: 24, 2: 11, 3: 11, 4: 40}
    for col, w in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = w
    _set_heights(ws, 1, r, widths, SIZE)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    _page_setup(ws, ws.PAPERSIZE_A4, ws.ORIENTATION_PORTRAIT, fit=(1, 0), continuous=True)
    _footer(ws)


def _evidence_lines(rows, units, details) -> dict[tuple[str, str], int]:
    """(unit, row id) → the line of the 佐证材料 sheet where that unit's entries for the row start."""
    out, line = {}, 2
    for unit in units:
        d = details.get(unit)
        for row in rows if d is not None else ():
            count = len(d.evidence.get(row.row_id, []))
            if count:
                out[(unit, row.row_id)] = line
                line += count
    return out


def _evidence_sheet(ws, rows, units, details, head, body) -> None:
    """Every evidence entry of the units that reported, by unit and row; URLs linked."""
    headers = ["责任单位", "行", "佐证材料"]
    for col, h in enumerate(headers, 1):
        set_text(ws.cell(1, col), h)
        _style(ws.cell(1, col), head, fill=PatternFill("solid", fgColor=FILL_HEADER))
    link = Font(name=BODY_FONT, size=SIZE, color="0563C1", underline="single")
    widths = {1: 24, 2: 8, 3: 100}
    r = 2
    for unit in units:
        d = details.get(unit)
        if d is None:
            continue
        for row in rows:
            for record in d.evidence.get(row.row_id, []):
                set_text(ws.cell(r, 1), unit)
                set_text(ws.cell(r, 2), row.row_id)
                value = ws.cell(r, 3)
                set_text(value, record["value"])
                linked = record["kind"] == "url" and measure.text_lines(record["value"], widths[3], SIZE) == 1
                if linked:
                    value.hyperlink = record["value"]
                for col in (1, 2, 3):
                    _style(ws.cell(r, col), link if (col == 3 and linked) else body, WRAP_TOP)
                r += 1
    if r == 2:
        set_text(ws.cell(2, 1), "(尚无佐证材料)")
        ws.cell(2, 1).font = body
    for col, w in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = w
    _set_heights(ws, 1, max(r - 1, 2), widths, SIZE)
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    _page_setup(ws, ws.PAPERSIZE_A4, ws.ORIENTATION_LANDSCAPE, fit=(1, 0), continuous=True)
    _footer(ws)
