"""The hidden 步骤导出值 sheet: what the 上报版 wrote on each 细化 step's line (issue #23
item 3), keyed by the item's 编号 and the step's number, so that the import compares a step
row three ways (exported, database now, workbook) as merge.py does for the items."""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell

from .layout import OFFICE_PERSON, REPORT
from .text_cell import put_text

STEP_SHEET = "步骤导出值"
STEP_KEYS = ("task", "paths", "deadline", OFFICE_PERSON, "status", REPORT)
HEADERS = ("编号", "步骤", "工作任务", "公开路径", "时限", "责任科室／责任人", "完成情况", "具体完成情况")


def step_row(item_id: str, number: int, values: dict[str, str]) -> list[str]:
    return [item_id, str(number), *(values[k] for k in STEP_KEYS)]


def write_step_sheet(ws, written: list[list[str]]) -> None:
    """One row a step exported (write-only sheet, hidden)."""
    ws.sheet_state = "hidden"
    ws.append(list(HEADERS))
    for values in written:
        cells = []
        for value in values:
            cell = WriteOnlyCell(ws)
            put_text(cell, value)  # text stays text
            cells.append(cell)
        ws.append(cells)


def read_step_sheet(wb) -> dict[tuple[str, int], dict[str, str]]:
    """(item id, step number) → key of STEP_KEYS → text as exported ('' when blank)."""
    if STEP_SHEET not in wb.sheetnames:
        return {}
    out: dict[tuple[str, int], dict[str, str]] = {}
    for row in wb[STEP_SHEET].iter_rows(min_row=2, max_col=len(HEADERS), values_only=True):
        values = ["" if v is None else str(v) for v in (*row, *[None] * len(HEADERS))][: len(HEADERS)]
        if values[0] and values[1].isdigit():
            out[(values[0], int(values[1]))] = dict(zip(STEP_KEYS, values[2:]))
    return out
