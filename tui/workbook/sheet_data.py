"""What reading a workbook gives: its lines and values, the problems found (each naming file,
sheet and cell), and the errors that refuse it. Shared by the reader (reader.py), the parts it
hands cells to (report_cell.py) and the importer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors.family import GongkaiError
from .limits import MAX_PROBLEMS
from .sheet_rows import Leftover


class WorkbookError(GongkaiError, ValueError):
    """A workbook that cannot be imported; the message names file, sheet and cell.

    `.problems` lists every problem found in the file, each a full message like `str()`
    (one, unless this is a `WorkbookProblems`); `.omitted` counts those left out of it."""

    def __init__(self, file: Path, message: str, sheet: str | None = None, cell: str | None = None):
        self.file, self.sheet, self.cell, self.message = file, sheet, cell, message
        where = f"{file.name}" + (f" 工作表「{sheet}」" if sheet else "") + (f" 单元格 {cell}" if cell else "")
        super().__init__(f"{where}:{message}")
        self.problems: list[str] = [str(self)]
        self.omitted = 0


class WorkbookProblems(WorkbookError):
    """Several problems of one file. `str()` is the first; `.problems` all of them (at most
    MAX_PROBLEMS), `.errors` the same as WorkbookErrors, `.omitted` how many more there were."""

    def __init__(self, errors: list[WorkbookError], omitted: int = 0):
        first = errors[0]
        super().__init__(first.file, first.message, first.sheet, first.cell)
        self.errors = list(errors)
        self.problems = [str(e) for e in errors]
        self.omitted = omitted


class Problems:
    """Cell-level problems of one file, collected instead of raised one at a time (the
    reader's and, through `read_workbook(path, problems)`, the importer's)."""

    def __init__(self, file: Path):
        self.file = file
        self.errors: list[WorkbookError] = []
        self.omitted = 0

    def add(self, message: str, sheet: str | None = None, cell: str | None = None) -> None:
        self.add_error(WorkbookError(self.file, message, sheet, cell))

    def add_error(self, error: WorkbookError) -> None:
        if len(self.errors) < MAX_PROBLEMS:
            self.errors.append(error)
        else:
            self.omitted += 1

    def raise_any(self) -> None:
        if self.errors:
            raise WorkbookProblems(self.errors, self.omitted)

    def lines(self, sheet: str) -> set[int]:
        """The rows of `sheet` with a problem (a cell or a range starting there)."""
        return {
            int(m.group(1))
            for e in self.errors
            if e.sheet == sheet and e.cell and (m := re.match(r"[A-Z]+(\d+)", e.cell))
        }


@dataclass
class Value:
    text: str | None  # normalised text, None when blank
    address: str
    link: str | None = None  # the cell's hyperlink target, if any


@dataclass
class SheetRow:
    line: int
    item_id: str
    id_address: str
    cells: dict[str, Value]  # imported key → value


@dataclass
class WorkbookData:
    file: Path
    sha256: str
    about: dict[str, str]  # ABOUT_KEYS key → value
    rows: list[SheetRow]
    notes: list[str] = field(default_factory=list)  # normalisations worth reporting
    about_cells: dict[str, str] = field(default_factory=dict)  # ABOUT_KEYS key → address of its value
    # The hidden 导出时的值 sheet: item id → {status, done_date, evidence, note, requirement,
    # office, person} → text as exported (None when blank); None when the sheet is absent.
    baseline: dict[str, dict[str, str | None]] | None = None
    # Where the workbook itself says which unit it is for, besides 说明's 单位(系统名称):
    # (name, address) of the record beside 导出时的值's header, and of 任务清单's 填报单位.
    exported_unit: tuple[str, str] | None = None
    filled_unit: tuple[str, str] | None = None
    # The file's cell problems, for the caller to add its own to and raise (none unless it
    # passed a collector to read_workbook: otherwise they were raised already).
    problems: Problems | None = None
    # What a person wrote where nothing is imported: rows without 编号, inserted columns.
    leftovers: list[Leftover] = field(default_factory=list)
    # The hidden 步骤导出值 sheet (step_sheet.py): (item id, step number) → what was exported.
    step_baseline: dict[tuple[str, int], dict[str, str]] = field(default_factory=dict)
    # 导出时的值's 上级条目 (a sub-unit's workbook of an issued breakdown): item id → upper item or step.
    upper_refs: dict[str, str] = field(default_factory=dict)
    # The 上报版's 具体完成情况 of each line as the sheet shows it (narrative and evidence titles).
    shown_reports: dict[str, str | None] = field(default_factory=dict)
