"""Write the breakdown table workbook (tui/source/breakdown_table.py says what it is): blank,
as `gongkai-tui template` gives it, or holding what was read from a document, as
`gongkai-tui load FILE --as-table` gives it, with each row's judgement calls in 说明.

A4 landscape, header frozen and repeated on every printed page, every cell text (nothing a
person types becomes a formula), a 说明 sheet that says how to fill it in."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..source.breakdown_table import (
    ABOUT_SHEET,
    COOP_H,
    DEADLINE_H,
    FIELDS,
    HEADERS,
    LEAD_H,
    NOTE_H,
    PATHS_H,
    RESP_H,
    SECTION_H,
    SHEET,
    SUBSECTION_H,
    TASK_H,
    document_fields,
    document_table,
    notes_by_row,
)

WIDTHS = {
    "序号": 6,
    SECTION_H: 14,
    SUBSECTION_H: 14,
    TASK_H: 42,
    "具体要求": 26,
    LEAD_H: 14,
    RESP_H: 18,
    COOP_H: 14,
    DEADLINE_H: 12,
    PATHS_H: 20,
    NOTE_H: 30,
}
EXAMPLE = [
    [
        "1",
        "一、加强政策解读",
        "(一)规范解读流程",
        "1.严格落实政策解读与政策文件同步组织、同步审签、同步部署。\n2.每季度公开一次解读情况。",
        "解读材料与文件同步发布",
        "区政府办公室",
        "区政府各部门、各镇街",
        "",
        "2026年6月底前",
        "政府网站>政策解读",
        "(示例行:填写前请删除)",
    ]
]
ABOUT = [
    "这是任务分工表:每一行是一行任务,用 gongkai-tui load 本文件 载入,单元格里写的就是载入的内容。",
    "上方填写文件的文号、标题、年度、发文单位、成文日期和表格标题;文号必填。",
    "章节、小节:写「一、…」「(一)…」;与上一行相同时可以留空。没有编号时按出现顺序编号。",
    "工作任务:一个单元格可写多个条目,每条另起一行并以 1. 2. 编号;子条目用 (1) (2)。",
    "牵头单位、责任单位、配合单位:多个单位用「、」分隔;单位的说明写在括号里,如 市政府办公厅(市政务公开办)。",
    "完成时限:如 2026年6月底前、长期坚持、每季度;公开路径:如 政府网站>政府信息公开>财政信息,多条各占一行。",
    "序号和说明两栏只供查看,载入时不读取。",
]


def write_breakdown(
    path: Path, fields: list[tuple[str, str]], rows: list[list[str]], loose: Sequence[str] = ()
) -> Path:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from .files import check_writable, new_workbook, save_atomically

    wb, ws = new_workbook(SHEET)
    bold = Font(bold=True)
    for r, (label, value) in enumerate(fields, start=1):
        ws.cell(r, 1, label).font = bold
        cell = ws.cell(r, 2, value)
        cell.data_type = "s"
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(HEADERS))
    header = len(fields) + 2
    fill = PatternFill("solid", fgColor="DDEBF7")
    for c, name in enumerate(HEADERS, start=1):
        cell = ws.cell(header, c, name)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS.get(name, 14)
    wrap = Alignment(vertical="top", wrap_text=True)
    for r, values in enumerate(rows, start=header + 1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c, value or None)
            if value:
                cell.data_type = "s"  # text, never a formula
            cell.alignment = wrap
    ws.freeze_panes = ws.cell(header + 1, 1).coordinate
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    # openpyxl types both as optional; a new sheet's properties and footer come with them
    assert ws.sheet_properties.pageSetUpPr is not None and ws.oddFooter is not None
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    about = wb.create_sheet(ABOUT_SHEET)
    about.column_dimensions["A"].width = 110
    lines = ABOUT + (["", "读取时的其他说明(不属于某一行):"] + list(loose) if loose else [])
    for r, line in enumerate(lines, start=1):
        cell = about.cell(r, 1, line or None)
        if line:
            cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True)
    check_writable(path)
    return save_atomically(wb, path)


def write_template(path: Path) -> Path:
    return write_breakdown(path, [(label, "") for label in FIELDS], EXAMPLE)


ROUGH_HOWTO = (
    "这份文件未能自动读出(原因见本栏下一行)。下面每行是原文的一行,表格的一行各格用「 | 」分开:"
    "请把单位、完成时限、具体要求移到各自的栏目,删去不是任务的行(标题、通知正文、落款),"
    "在上方填写文号、标题、年度,然后载入本表。"
)


def write_rough_table(path: Path, lines: Sequence[tuple[str, object]], refused: str, refused_at: object) -> Path:
    """A refused document's own lines, one a row in 工作任务, where each stands in 说明, the
    refusal beside its line (tui/source/rough.py says why)."""

    def row(task: str, note: str) -> list[str]:
        cells = [""] * len(HEADERS)
        cells[HEADERS.index(TASK_H)], cells[HEADERS.index(NOTE_H)] = task, note
        return cells

    rows = [row("", ROUGH_HOWTO + "\n未能读出:" + refused)]
    for text, origin in lines:
        rows.append(row(text, f"原文{origin}" + (f";未能读出:{refused}" if origin == refused_at else "")))
    return write_breakdown(path, [(label, "") for label in FIELDS], rows, [ROUGH_HOWTO, "未能读出:" + refused])


def write_as_table(path: Path, doc) -> Path:
    """What was read from `doc`, each judgement call in 说明 beside its row."""
    per_row, loose = notes_by_row(doc)
    return write_breakdown(path, document_fields(doc), document_table(doc, per_row), loose)
