"""The 汇总表 workbook of a lead unit: responsible units × the rows it leads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from ..store.review import ReviewRow
from .export import BORDER, CENTER, WRAP_TOP, save_atomically, set_text
from .layout import BODY_FONT, FILL_HEADER, HEADER_FONT, REVIEW_SHEET, STATUS_FILLS, TITLE_FONT


def _fill(summary: str) -> PatternFill:
    key = summary.split(" ")[0]
    return PatternFill("solid", fgColor=STATUS_FILLS.get(key, "FFFFFF"))


def write_review(lead: str, document: dict, rows: list[ReviewRow], as_of: dt.date, now: dt.datetime,
                 path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = REVIEW_SHEET
    units: list[str] = []
    for r in rows:
        for u in r.units:
            if u.unit not in units:
                units.append(u.unit)
    ncols = len(rows) + 3
    last = get_column_letter(ncols)
    ws.merge_cells(f"A1:{last}1")
    set_text(ws["A1"], f"{lead}牵头任务完成情况汇总表")
    ws["A1"].font = Font(name=TITLE_FONT, size=16)
    ws["A1"].alignment = CENTER
    ws.merge_cells(f"A2:{last}2")
    set_text(ws["A2"], f"依据:{document['number']}    汇总日期:{now.date().isoformat()}    截至:{as_of.isoformat()}    "
                       "每格为该单位在该行任务上的完成情况;「未报送」= 尚未导入该单位的任务清单")
    ws["A2"].font = Font(name=BODY_FONT)
    headers = ["责任单位", *[f"{r.row_id}\n{r.text[:30]}" for r in rows], "已完成行数", "未报送行数"]
    for col, h in enumerate(headers, 1):
        cell = ws.cell(3, col)
        set_text(cell, h)
        cell.font = Font(name=HEADER_FONT, bold=True)
        cell.alignment = CENTER
        cell.border = BORDER
        cell.fill = PatternFill("solid", fgColor=FILL_HEADER)
    body = Font(name=BODY_FONT)
    by_unit = {(r.row_id, u.unit): u for r in rows for u in r.units}
    for i, unit in enumerate(units, 4):
        set_text(ws.cell(i, 1), unit)
        ws.cell(i, 1).font = body
        ws.cell(i, 1).border = BORDER
        done = missing = 0
        for col, r in enumerate(rows, 2):
            cell = ws.cell(i, col)
            u = by_unit.get((r.row_id, unit))
            cell.border = BORDER
            cell.font = body
            cell.alignment = CENTER
            if u is None:
                set_text(cell, "—")
                continue
            text = u.summary + (f"\n佐证 {u.evidence}" if u.reported else "")
            set_text(cell, text)
            cell.fill = _fill(u.summary)
            done += u.summary in ("已完成", "不适用")
            missing += not u.reported
        for col, value in ((len(rows) + 2, done), (len(rows) + 3, missing)):
            ws.cell(i, col).value = value
            ws.cell(i, col).border = BORDER
            ws.cell(i, col).alignment = CENTER
    total = len(units) + 4
    set_text(ws.cell(total, 1), "完成单位数 / 单位数")
    ws.cell(total, 1).font = Font(name=HEADER_FONT, bold=True)
    for col, r in enumerate(rows, 2):
        finished = sum(u.summary in ("已完成", "不适用") for u in r.units)
        set_text(ws.cell(total, col), f"{finished}/{len(r.units)}")
        ws.cell(total, col).alignment = CENTER
        ws.cell(total, col).border = BORDER
    ws.column_dimensions["A"].width = 30
    for col in range(2, ncols + 1):
        ws.column_dimensions[get_column_letter(col)].width = 16
    ws.row_dimensions[3].height = 60
    ws.freeze_panes = "B4"
    ws.print_title_rows = "3:3"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "第 &P 页,共 &N 页"
    for row in ws.iter_rows(min_row=4, max_row=total, max_col=1):
        row[0].alignment = WRAP_TOP
    return save_atomically(wb, path)
