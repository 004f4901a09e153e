"""Read a 任务清单 workbook back: as exported, or after Excel, WPS or LibreOffice saved it.

Columns are found by header text; every problem names the file, sheet and cell.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .layout import ABOUT_KEYS, ABOUT_SHEET, CHECKLIST_SHEET, COLUMNS, IMPORTED_KEYS

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and old .xls files
_HEADER_SCAN_ROWS = 20
MAX_ROWS = 100_000


class WorkbookError(ValueError):
    """A workbook that cannot be imported; the message names file, sheet and cell."""

    def __init__(self, file: Path, message: str, sheet: str | None = None, cell: str | None = None):
        self.file, self.sheet, self.cell = file, sheet, cell
        where = f"{file.name}" + (f" 工作表「{sheet}」" if sheet else "") + (f" 单元格 {cell}" if cell else "")
        super().__init__(f"{where}:{message}")


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


def normalise_header(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


_HEADER_KEYS = {normalise_header(c.header): c.key for c in COLUMNS}
_HEADER_KEYS[normalise_header("贯彻举措")] = "measure"


def _cell_text(cell, file: Path, sheet: str) -> str | None:
    """The cell's value as text; formulas and error values are refused."""
    value = cell.value
    if value is None:
        return None
    if cell.data_type == "f" or (isinstance(value, str) and cell.data_type != "s" and value.startswith("=")):
        raise WorkbookError(file, f"含有公式「{value}」,请改为直接填写内容", sheet, cell.coordinate)
    if cell.data_type == "e":  # an error value; the same characters typed as text are text
        raise WorkbookError(file, f"含有错误值「{value}」", sheet, cell.coordinate)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return text if text.strip() else None


def open_workbook(path: Path):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with path.open("rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise WorkbookError(path, "文件不存在") from None
    except OSError as e:
        raise WorkbookError(path, f"无法读取:{e.strerror}") from None
    if head.startswith(_OLE_MAGIC):
        raise WorkbookError(path, "文件已加密(设置了打开密码)或是旧的 .xls 格式,请在 Excel/WPS 中取消密码并另存为 .xlsx")
    if not zipfile.is_zipfile(path):
        raise WorkbookError(path, "不是 xlsx 工作簿")
    try:
        return load_workbook(path, data_only=False, rich_text=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise WorkbookError(path, f"无法打开工作簿(文件可能已损坏):{e}") from None


def _about(wb, path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The 说明 sheet's keys: values, and the address of each value (for messages)."""
    if ABOUT_SHEET not in wb.sheetnames:
        raise WorkbookError(path, f"缺少工作表「{ABOUT_SHEET}」(导回需要其中的依据文件和单位)")
    ws = wb[ABOUT_SHEET]
    labels = {label: key for key, label in ABOUT_KEYS.items()}
    out: dict[str, str] = {}
    cells: dict[str, str] = {}
    for row in ws.iter_rows(min_row=1, max_row=60, max_col=2):
        label = row[0].value
        if isinstance(label, str) and label.strip() in labels and len(row) > 1 and row[1].value is not None:
            out[labels[label.strip()]] = str(row[1].value).strip()
            cells[labels[label.strip()]] = row[1].coordinate
    for key in ("document", "unit_key"):
        if key not in out:
            raise WorkbookError(path, f"找不到「{ABOUT_KEYS[key]}」", ABOUT_SHEET)
    return out, cells


_REQUIRED_KEYS = ("id", *IMPORTED_KEYS)
_LABELS = {c.key: c.header for c in COLUMNS}


def _header(ws, path: Path) -> tuple[int, dict[str, int]]:
    """The header row (the one naming most of our columns) and each column's position.

    Every column an import reads must be there: a renamed header would otherwise drop
    that column without a word."""
    best: tuple[int, int, dict[str, int], str] | None = None  # (matches, row, found, range)
    for row in ws.iter_rows(min_row=1, max_row=_HEADER_SCAN_ROWS):
        found: dict[str, int] = {}
        used = [cell for cell in row if cell.value is not None]
        for cell in used:
            if isinstance(cell.value, str):
                key = _HEADER_KEYS.get(normalise_header(cell.value))
                if key and key not in found:
                    found[key] = cell.column
        if used and (best is None or len(found) > best[0]):
            best = (len(found), row[0].row, found, f"{used[0].coordinate}:{used[-1].coordinate}")
    if best is None or best[0] < 3:
        raise WorkbookError(path, f"前 {_HEADER_SCAN_ROWS} 行中找不到含「编号」和「完成情况」的表头行", CHECKLIST_SHEET)
    _, header_row, found, where = best
    missing = [_LABELS[k] for k in _REQUIRED_KEYS if k not in found]
    if missing:
        raise WorkbookError(path, f"表头(第 {header_row} 行)缺少{'、'.join(f'「{m}」' for m in missing)}列,"
                                  "请恢复原来的表头文字", CHECKLIST_SHEET, where)
    return header_row, found


def _check_merges(ws, path: Path, header_row: int, columns: dict[str, int]) -> None:
    """A value merged down several lines of an imported column cannot be told apart: refuse it."""
    watched = {columns[k] for k in _REQUIRED_KEYS}
    for rng in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if rng.max_row <= header_row or rng.min_row == rng.max_row or rng.min_col not in watched:
            continue
        if ws.cell(rng.min_row, rng.min_col).value is None:
            continue
        key = next(k for k in _REQUIRED_KEYS if columns[k] == rng.min_col)
        raise WorkbookError(path, f"「{_LABELS[key]}」列的合并单元格跨了 {rng.max_row - rng.min_row + 1} 行,"
                                  "无法确定每一行的内容,请取消合并后逐行填写", CHECKLIST_SHEET, rng.coord)


def read_workbook(path: Path) -> WorkbookData:
    wb = open_workbook(path)
    about, about_cells = _about(wb, path)
    if CHECKLIST_SHEET not in wb.sheetnames:
        raise WorkbookError(path, f"找不到工作表「{CHECKLIST_SHEET}」(现有工作表:{'、'.join(wb.sheetnames)})")
    ws = wb[CHECKLIST_SHEET]
    header_row, columns = _header(ws, path)
    _check_merges(ws, path, header_row, columns)
    if ws.max_row - header_row > MAX_ROWS:
        raise WorkbookError(path, f"表格有 {ws.max_row - header_row} 行,超过 {MAX_ROWS} 行的上限", CHECKLIST_SHEET)
    rows: list[SheetRow] = []
    notes: list[str] = []
    id_col = columns["id"]
    ignored = 0
    for row in ws.iter_rows(min_row=header_row + 1):
        by_col = {c.column: c for c in row}
        id_cell = by_col.get(id_col)
        item_text = _cell_text(id_cell, path, CHECKLIST_SHEET) if id_cell is not None else None
        cells: dict[str, Value] = {}
        for key in IMPORTED_KEYS:
            col = columns.get(key)
            cell = by_col.get(col) if col else None
            if cell is None:
                continue
            text = _cell_text(cell, path, CHECKLIST_SHEET)
            link = cell.hyperlink.target if cell.hyperlink is not None and cell.hyperlink.target else None
            if text is not None or link:
                cells[key] = Value(text, cell.coordinate, link)
        if item_text is None:
            if cells:
                first = next(iter(cells.values()))
                raise WorkbookError(path, "这一行填写了内容,但「编号」为空,无法对应到条目", CHECKLIST_SHEET,
                                    first.address)
            if any(c.value is not None for c in row):
                ignored += 1
            continue
        rows.append(SheetRow(row[0].row, unicodedata.normalize("NFKC", item_text).strip(), id_cell.coordinate, cells))
    if ignored:
        notes.append(f"忽略了 {ignored} 行没有编号、也没有可导入内容的行")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return WorkbookData(path, digest, about, rows, notes, about_cells)
