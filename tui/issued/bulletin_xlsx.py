"""The 情况通报 as a workbook (issue #25 item 5): sheet 情况通报, a row per sub-unit with its
counts and score (supervision.TALLY_COLUMNS) and the rule of the score on a line under them;
sheet 明细, the roll-up lines behind the counts (单位, 事项, 时限, 完成情况, 完成日期, 计为).
Every text a sub-unit or the document wrote goes in as text, never a formula."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .supervision import TALLY_COLUMNS, Tally, outcome, tally_row

SUMMARY, DETAIL = "情况通报", "明细"
DETAIL_HEADERS = ("单位", "事项编号", "事项", "完成时限", "完成情况", "完成日期", "计为", "佐证数")
DETAIL_WIDTHS = (18, 12, 60, 16, 10, 12, 10, 8)


def _text(ws, row: int, column: int, value: str):
    """`value` as text in the cell (a name starting with `=` stays a name, never a formula)."""
    cell = ws.cell(row, column, value or None)
    if value:
        cell.data_type = "s"
    return cell


def write_bulletin_xlsx(
    title: str, as_of: dt.date, tallies: list[Tally], lines: list[dict], rule: str, path: Path
) -> Path:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from ..workbook.files import check_writable, new_workbook, save_atomically

    check_writable(path)
    wb, ws = new_workbook(SUMMARY)
    bold = Font(bold=True)
    _text(ws, 1, 1, title)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    _text(ws, 2, 1, f"截至 {as_of.isoformat()}")
    for c, (name, _) in enumerate(TALLY_COLUMNS, start=1):
        ws.cell(3, c, name).font = bold
        ws.column_dimensions[get_column_letter(c)].width = 20 if c == 1 else 10
    for r, t in enumerate(tallies, start=4):
        unit, *counts = tally_row(t)
        _text(ws, r, 1, unit)
        for c, value in enumerate(counts, start=2):
            ws.cell(r, c, value)
    _text(ws, len(tallies) + 5, 1, f"评分规则:{rule}")
    ws.freeze_panes = "B4"

    detail = wb.create_sheet(DETAIL)
    for c, (name, width) in enumerate(zip(DETAIL_HEADERS, DETAIL_WIDTHS), start=1):
        detail.cell(1, c, name).font = bold
        detail.column_dimensions[get_column_letter(c)].width = width
    wrap = Alignment(vertical="top", wrap_text=True)
    for r, x in enumerate(lines, start=2):
        where = x["item"] + (f".{x['step']}" if x["step"] else "")
        texts = (
            x["sub_unit"],
            where,
            x["task"],
            x["deadline_text"],
            (x.get("status") or "") if x["reported"] else "未报送",
            x.get("done_date") or "",
            outcome(x, as_of),
        )
        for c, text in enumerate(texts, start=1):
            _text(detail, r, c, text).alignment = wrap
        detail.cell(r, len(texts) + 1, len(x.get("evidence") or []) if x["reported"] else None)
    detail.freeze_panes = "A2"
    return save_atomically(wb, path)
