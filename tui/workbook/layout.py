"""The 任务清单 workbook format (DESIGN.md §4): sheets, columns, colours, fonts.

Pure constants, shared by the exporter and the reader so the two cannot drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CHECKLIST_SHEET = "任务清单"
STATS_SHEET = "完成情况统计"
EVIDENCE_SHEET = "佐证材料清单"  # every entry on a line of its own, each URL a hyperlink
ABOUT_SHEET = "说明"
REVIEW_SHEET = "汇总表"

TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    width: float  # Excel column width (about one Latin character; a Chinese one takes ~2)


# The full working layout (`export --full`): all 15 columns, A3 landscape.
COLUMNS: tuple[Column, ...] = (
    Column("序号", "seq", 6),
    Column("编号", "id", 9),
    Column("工作任务", "task", 15),
    Column("贯彻举措(市上统一要求)", "measure", 35),
    Column("工作要求", "requirement", 16),
    Column("公开路径", "paths", 20),
    Column("时限要求", "deadline", 11),
    Column("牵头单位", "lead", 12),
    Column("责任单位", "responsible", 14),
    Column("责任科室", "office", 9),
    Column("责任人", "person", 7),
    Column("完成情况", "status", 8.5),
    Column("完成时间", "done_date", 12),
    Column("佐证材料", "evidence", 24),
    Column("备注", "note", 15),
)
FULL_COLUMNS = COLUMNS
HEADERS = tuple(c.header for c in COLUMNS)

# The 上报版 exported before issue 23 (the city's columns, 编号 first): no longer written,
# its headers still read back by an import. 责任科室 and 责任人 share a cell (`财务处／张三`)
# there as in today's 上报版.
OFFICE_PERSON = "office_person"
OFFICE_PERSON_SEPARATOR = "／"


def office_person_text(office: str, person: str) -> str:
    """The 上报版's 责任科室/责任人 cell: `财务处／张三`, `财务处`, `／张三`."""
    if office and person:
        return f"{office}{OFFICE_PERSON_SEPARATOR}{person}"
    return office or (OFFICE_PERSON_SEPARATOR + person if person else "")


SUBMISSION_COLUMNS: tuple[Column, ...] = (
    Column("编号", "id", 9.5),
    Column("工作任务", "task", 13),
    Column("贯彻举措(市上统一要求)", "measure", 32),
    Column("工作要求", "requirement", 14),
    Column("时限要求", "deadline", 10),
    Column("牵头单位", "lead", 11),
    Column("责任科室/责任人", OFFICE_PERSON, 10),
    Column("完成情况", "status", 8.5),
    Column("佐证材料", "evidence", 25),
    Column("备注", "note", 12),
)


# The 上报版 since issue 23, laid out like the 任务清单 / 完成情况 forms offices file: 序号
# 1…N, a full-width row for each 一、 and (一) heading (the only merged cells), the item with
# the document's 具体要求, the unit's role and its own account of the work. 编号 is a hidden
# column (never printed): it moves with its row when the sheet is sorted, and the import
# finds each item by it. Columns no line uses are left out (`REPORT_OPTIONAL`).
REPORT = "report"  # 具体完成情况: the unit's narrative, then each evidence entry by its title
ROLE = "role"
REPORT_COLUMNS: tuple[Column, ...] = (
    Column("序号", "seq", 4.5),
    Column("编号", "id", 9),
    Column("工作任务", "task", 30),
    Column("公开路径", "paths", 14),
    Column("时限", "deadline", 9),
    Column("责任科室／责任人", OFFICE_PERSON, 9),
    Column("角色", ROLE, 4.5),
    Column("完成情况", "status", 6.5),
    Column("具体完成情况", REPORT, 10),
    Column("备注", "note", 6),
)
# The widths above are the least each column gets; the columns that hold running text
# share what the page has left, as their text needs it (submission.fit_widths), up to:
REPORT_WIDEST = {"task": 70, "paths": 40, OFFICE_PERSON: 16, REPORT: 44, "note": 24}
REPORT_TABLE_WIDTH = 144  # Excel width units that print on A4 landscape at 100 % (LibreOffice: 5.53 pt a unit)
REPORT_OPTIONAL = ("paths", "deadline")  # the document's; the unit's own columns stay, to be written in
NO_DEADLINE = "持续推进"  # what the forms write in 时限 for work without a date
REPORT_SIZE = 10.5  # body, points as printed (100 %)
REPORT_TITLE_SIZE = 18
REPORT_BODY_FONT = "仿宋"  # FangSong: on every Windows; WPS and LibreOffice put in their own 仿宋
REPORT_HEADING_FONT = "黑体"


@dataclass(frozen=True)
class Layout:
    """How one layout of 任务清单 is laid out and printed."""

    name: str
    columns: tuple[Column, ...]
    paper: str  # OOXML paper size: 9 = A4, 8 = A3
    body_size: float  # points, as printed (the sheet prints at 100 %)
    header_size: float
    paper_mm: tuple[float, float]  # landscape width × height


FULL = Layout("完整版", COLUMNS, "8", 10.0, 10.0, (420.0, 297.0))

# Columns an import reads back; the rest are the city's text and are never imported.
IMPORTED_KEYS = ("requirement", "office", "person", "status", "done_date", "evidence", "note")

# Marks written into cells as words, so that a black-and-white printout still shows them
# (the fills are only for the screen). An import drops them again.
MARK_OVERDUE = "【逾期】"
MARK_MISSING = "【缺佐证】"
MARK_TO_CONFIRM = "【待确认】是否适用本单位"
# The form's foot under the table: what the marks mean, then 填报人／联系电话／审核人. An
# import stops reading lines at a row whose first cell starts with one of these.
FORM_LEGEND = (
    "标记说明：【逾期】已过时限要求仍未完成；【缺佐证】已完成但没有佐证材料；"
    "【待确认】是否适用本单位尚待确认。颜色只是屏幕上的提示。"
)
FORM_FOOT_LABELS = ("标记说明：", "填报人：")

REASON_PREFIX = "不适用理由:"  # how an import reads the first line of 备注
REASON_LABEL = "不适用理由："  # how the export writes it (full-width, as on a printed form); both read back

# A hidden sheet holding, per line, the values the export wrote into the columns an import
# reads: only a cell that differs from it is a change made in the workbook (three-way merge).
BASELINE_SHEET = "导出时的值"
BASELINE_HEADERS = ("编号", "完成情况", "完成时间", "佐证材料", "备注", "工作要求", "责任科室", "责任人")
BASELINE_KEYS = ("id", "status", "done_date", "evidence", "note", "requirement", "office", "person")
# Beside its header row, the unit the workbook was exported for (the catalogue name): an
# import compares 说明's 单位(系统名称) with it, so a unit edited in 说明 is noticed.
BASELINE_UNIT_LABEL = "导出时的单位"
# The 上报版 adds, after those, its 具体完成情况 as printed (evidence by title or name): a
# cell still as exported means the evidence stays as it is (read when present); then the
# values of the evidence entries printed in it, under the narrative (each entry once: one the
# narrative holds already is not printed again; a workbook without the column printed all).
BASELINE_EXTRA_HEADERS = ("具体完成情况", "具体完成情况中的佐证")
# A breakdown a unit issued down (tui/issued, schema 8 `document.upper`): 说明 names the upper
# document and the unit that assigned it, and 导出时的值 each line's upper item, so that the
# assigning unit's database takes the workbook as a sub-unit's report (workbook/rollup_import.py).
UPPER_ABOUT = {"upper_document": "上级文件", "upper_unit": "分解单位"}
BASELINE_UPPER_LABEL = "上级条目"

TITLE_FONT = "方正小标宋简体"  # the 方正小标宋 style of official forms
HEADER_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"

FILL_OVERDUE = "F8CBAD"  # light red: 逾期
FILL_MISSING = "FFE699"  # light orange: 缺佐证
FILL_HEADER = "D9E1F2"
STATUS_FILLS = {"未开始": "FFFFFF", "推进中": "FFF2CC", "已完成": "C6EFCE", "不适用": "D9D9D9", "未报送": "F8CBAD"}

# Keys written to the 说明 sheet that an import needs to match the workbook back.
ABOUT_KEYS = {
    "document": "依据文件",
    "document_sha256": "依据文本校验值",
    "unit": "单位",
    "unit_key": "单位(系统名称)",
    "as_of": "截至日期",
    "exported_at": "导出时间",
    "version": "工具版本",
    "database_id": "数据库标识",
    "database_version": "数据库版本",
}


_TABLE_KINDS = (
    "任务清单",
    "任务分工",
    "分工方案",
    "责任分工",
    "分解方案",
    "重点任务",
    "工作任务",
    "任务表",
    "分工表",
    "清单",
    "分工",
    "方案",
    "重点",
    "要点",
)


def report_title(unit: str, document: dict) -> str:
    """The 上报版's title: the unit, the document's year and what its table is about, as
    the forms write it: `渝中区2021年政务公开工作任务清单` from `贯彻落实国务院办公厅2021年
    政务公开工作要点任务分工`. What comes before the year (another body's name, 贯彻落实…)
    and the kind of table (任务分工, 分工方案) are left out, so that a unit's title never
    reads `广州市广东省…`."""
    table = re.sub(r"\s+", "", document.get("table_title") or "")
    year = document.get("year")
    m = re.search(r"(\d{4})年(?:度)?", table)
    if m:
        year = year or int(m.group(1))
        table = table[m.end() :]
    changed = True
    while changed:
        changed = False
        for kind in _TABLE_KINDS:
            if table.endswith(kind) and len(table) > len(kind):
                table, changed = table[: -len(kind)], True
    table = table.rstrip("的及和")
    if not table.startswith("政务公开") or table == "政务公开":
        table = "政务公开工作"
    return f"{unit}{f'{year}年' if year else ''}{table}任务清单"
