"""Writing one unit's 任务清单 workbook: the 上报版 (submission.py) or the 完整版
(export.py), then the sheets beside it (side_sheets.py: statistics, evidence, 说明, the hidden sheets
the import compares with), saved through a temporary file."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from .export import FULL, ChecklistData, Signer, _checklist_sheet
from .files import check_writable, save_atomically
from .layout import ABOUT_SHEET, BASELINE_SHEET, CHECKLIST_SHEET, EVIDENCE_SHEET, STATS_SHEET
from .side_sheets import about_sheet, baseline_sheet, evidence_sheet, stats_sheet
from .step_sheet import STEP_SHEET, write_step_sheet
from .submission import report_sheet


def write_checklist(data: ChecklistData, path: Path, full: bool = False, signer: Signer | None = None) -> Path:
    """Write the workbook to `path` (through a temporary file: never half-written): the
    上报版 (submission.py: the form offices file, A4), or with `full` the 15-column working
    layout (A3)."""
    check_writable(path)
    wb = Workbook(write_only=True)
    report = not full
    if report:
        report_sheet(wb.create_sheet(CHECKLIST_SHEET), data, signer)
    else:
        _checklist_sheet(wb.create_sheet(CHECKLIST_SHEET), data, FULL, signer)
    stats_sheet(wb.create_sheet(STATS_SHEET), data, report)
    if any(data.evidence.get(e.id) for e in data.entries):
        evidence_sheet(wb.create_sheet(EVIDENCE_SHEET), data, report)
    about_sheet(wb.create_sheet(ABOUT_SHEET), data, report)
    baseline_sheet(wb.create_sheet(BASELINE_SHEET), data)
    if data.step_written:
        write_step_sheet(wb.create_sheet(STEP_SHEET), data.step_written)
    return save_atomically(wb, path)
