"""The 任务清单 workbook format (DESIGN.md §4): sheets, columns, colours, fonts.

Pure constants, shared by the exporter and the reader so the two cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass

CHECKLIST_SHEET = "任务清单"
STATS_SHEET = "完成情况统计"
ABOUT_SHEET = "说明"
REVIEW_SHEET = "汇总表"

TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 3
FIRST_DATA_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    width: float  # Excel column width (about one Latin character; a Chinese one takes ~2)


COLUMNS: tuple[Column, ...] = (
    Column("序号", "seq", 6),
    Column("编号", "id", 11),
    Column("工作任务", "task", 20),
    Column("贯彻举措(市上统一要求)", "measure", 48),
    Column("工作要求", "requirement", 24),
    Column("公开路径", "paths", 30),
    Column("时限要求", "deadline", 14),
    Column("牵头单位", "lead", 16),
    Column("责任单位", "responsible", 18),
    Column("责任科室", "office", 11),
    Column("责任人", "person", 9),
    Column("完成情况", "status", 10),
    Column("完成时间", "done_date", 12),
    Column("佐证材料", "evidence", 32),
    Column("备注", "note", 22),
)
HEADERS = tuple(c.header for c in COLUMNS)
# Columns an import reads back; the rest are the city's text and are never imported.
IMPORTED_KEYS = ("requirement", "office", "person", "status", "done_date", "evidence", "note")

REASON_PREFIX = "不适用理由:"

# A hidden sheet holding, per line, the values the export wrote into the columns an import
# reads: only a cell that differs from it is a change made in the workbook (three-way merge).
BASELINE_SHEET = "导出时的值"
BASELINE_HEADERS = ("编号", "完成情况", "完成时间", "佐证材料", "备注", "工作要求", "责任科室", "责任人")
BASELINE_KEYS = ("id", "status", "done_date", "evidence", "note", "requirement", "office", "person")

TITLE_FONT = "方正小标宋简体"
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


def checklist_title(unit: str, table_title: str) -> str:
    """`渝中区贯彻落实国务院办公厅2021年政务公开工作要点任务清单`."""
    base = table_title[: -len("任务分工")] if table_title.endswith("任务分工") else table_title
    return f"{unit}{base}任务清单"
