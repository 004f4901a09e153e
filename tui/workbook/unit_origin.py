"""Whether a workbook still names, in 说明, the unit it was exported for.

An import writes into the unit 说明's 单位(系统名称) names. A workbook of 渝中区 whose 说明
was edited to 江北区 carries 渝中区's values as exported (the base of its merge) and would
go into 江北区's checklist without a word. The export records the unit where nobody edits
it (beside 导出时的值's header); older exports are checked against what they show: 说明's
单位 and 任务清单's 填报单位. Each doubt names the file, sheet and cell; the caller asks."""

from __future__ import annotations

from .layout import ABOUT_KEYS, ABOUT_SHEET, BASELINE_SHEET, CHECKLIST_SHEET
from .reader import WorkbookData, WorkbookError


def _names(shown: str, key: str) -> bool:
    """`渝中区` or `各区县政府 · 渝中区` (a collective's member, as the app shows it) names 渝中区."""
    return shown == key or shown.endswith(f" · {key}")


def unit_doubts(wb: WorkbookData) -> list[str]:
    """Why the unit 说明 names may not be the one the workbook was exported for (none: [])."""
    key = wb.about.get("unit_key")
    if not key:
        return []
    label = ABOUT_KEYS["unit_key"]

    def doubt(why: str) -> str:
        return str(
            WorkbookError(
                wb.file,
                f"「{label}」是「{key}」,但{why};导入会写进「{key}」的任务清单",
                ABOUT_SHEET,
                wb.about_cells.get("unit_key"),
            )
        )

    if wb.exported_unit is not None:
        name, cell = wb.exported_unit
        return (
            []
            if name == key
            else [doubt(f"这个工作簿导出时是「{name}」的任务清单(工作表「{BASELINE_SHEET}」 单元格 {cell})")]
        )
    out = []
    shown = wb.about.get("unit")
    if shown and not _names(shown, key):
        out.append(doubt(f"同一页的「{ABOUT_KEYS['unit']}」是「{shown}」(单元格 {wb.about_cells.get('unit')})"))
    if wb.filled_unit is not None and not _names(wb.filled_unit[0], key):
        out.append(doubt(f"工作表「{CHECKLIST_SHEET}」 单元格 {wb.filled_unit[1]} 的填报单位是「{wb.filled_unit[0]}」"))
    return out
