"""Read a 任务清单 workbook back: as exported, or after Excel, WPS or LibreOffice saved it.

Columns are found by header text; every problem names the file, sheet and cell.

Workbooks are untrusted input: the file, its zip package and its XML are checked against
the limits in `limits.py` before openpyxl loads it (DESIGN.md §4). Cell-level problems
are collected — up to `MAX_PROBLEMS` per file — and raised together as one
`WorkbookProblems`; `.problems` of any `WorkbookError` lists them, each a full message.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..datetext import DateTextError
from ..source.headers import role_of
from ..source.row_ids import current_id
from . import limits
from .layout import (
    ABOUT_KEYS,
    ABOUT_SHEET,
    CHECKLIST_SHEET,
    COLUMNS,
    FORM_FOOT_LABELS,
    IMPORTED_KEYS,
    OFFICE_PERSON,
    OFFICE_PERSON_SEPARATOR,
    SUBMISSION_COLUMNS,
    office_person_text,
)
from .layout import REPORT, REPORT_COLUMNS, UPPER_ABOUT
from .date_cell import date_cell_text
from .limits import Refused
from .recognise import file_kind, is_ods, ods_as_xlsx, package_kind, workbook_kind
from .report_cell import baseline_report, read_report
from .sheet_data import Problems, SheetRow, Value, WorkbookData, WorkbookError, WorkbookProblems
from .sheet_rows import STEP_SEQ, Leftover, Rows, content_rows, is_heading, rows_from, shown, step_of
from .step_sheet import read_step_sheet
from .baseline_sheet import exported_unit, read_baseline, upper_refs
from .cell_text import LABELS, checked_text, limit_problems, normalise_header, strip_marks

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

__all__ = [
    "Problems",
    "SheetRow",
    "Value",
    "WorkbookData",
    "WorkbookError",
    "WorkbookProblems",
    "read_workbook",
    "split_office_person",
    "exported_header",
    "normalise_header",
    "required_keys",
    "strip_marks",
]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and old .xls files
_HEADER_SCAN_ROWS = limits.HEADER_SCAN_ROWS
# The hidden 导出时的值 sheet (layout.py): header text → key, and the keys of one item's values.


# Both layouts: the full one (and every export before the 上报版) and the 上报版, whose
# 责任科室/责任人 column holds both (`财务处／张三`) and which has no 完成时间.
_HEADER_KEYS = {normalise_header(c.header): c.key for c in (*COLUMNS, *SUBMISSION_COLUMNS, *REPORT_COLUMNS)}
_HEADER_KEYS[normalise_header("贯彻举措")] = "measure"
for _name in ("责任科室／责任人", "责任科室、责任人", "责任科室及责任人"):
    _HEADER_KEYS[normalise_header(_name)] = OFFICE_PERSON
# Headers of columns an export writes and an import leaves alone, besides ours: the words
# of a 任务分工's own header (the export may take them from the document) and these.
_OTHER_HEADERS = {
    normalise_header(h)
    for h in (
        "公开路径",
        "公开方式",
        "角色",
        "具体完成情况",
        "状态",
        "完成情况(状态)",
        "完成情况（状态）",
        "责任人",
        "序号",
    )
}


def exported_header(text: str) -> bool:
    """Whether a header cell names a column an export writes (imported or not)."""
    key = normalise_header(text)
    return key in _HEADER_KEYS or key in _OTHER_HEADERS or role_of(text) is not None


_FOOT = tuple(unicodedata.normalize("NFKC", label) for label in FORM_FOOT_LABELS)


def _refused(path: Path, r: Refused) -> WorkbookError:
    return WorkbookError(path, r.message, r.sheet, r.cell)


def _load(data: bytes, path: Path):
    from openpyxl import load_workbook

    defused: tuple[type[Exception], ...]
    try:
        from defusedxml import DefusedXmlException

        defused = (DefusedXmlException,)
    except ImportError:  # pragma: no cover - a declared dependency
        defused = ()
    try:
        return load_workbook(io.BytesIO(data), data_only=False, rich_text=False)
    except defused:
        raise WorkbookError(path, "含有 DTD 或实体声明(XML 实体扩展攻击)(文件可能是恶意构造的),未读取") from None
    except Exception as e:  # noqa: BLE001 - whatever openpyxl meets in a broken file, say so by name
        raise WorkbookError(path, f"无法打开工作簿(文件可能已损坏):{str(e)[:200] or type(e).__name__}") from None


def _checked_bytes(path: Path) -> tuple[bytes, str, list[WorkbookError], int]:
    """The workbook's bytes once every limit of limits.py holds (an .ods converted to .xlsx
    first), the SHA-256 of the file as given, and the oversized cells found."""
    try:
        data = limits.read_regular_file(path)
        digest = hashlib.sha256(data).hexdigest()
        if data.startswith(_OLE_MAGIC):
            raise Refused("文件已加密(设置了打开密码)或是旧的 .xls 格式,请在 Excel/WPS 中取消密码并另存为 .xlsx")
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise Refused(file_kind(data))
        limits.check_package(data)
        if is_ods(data):
            data = ods_as_xlsx(data)
            limits.check_package(data)
        elif (kind := package_kind(data)) is not None:
            raise Refused(kind)
        scan = limits.scan_package(data)
    except Refused as r:
        raise _refused(path, r) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError, IndexError) as e:
        raise WorkbookError(path, f"无法打开工作簿(文件已损坏):{str(e)[:200]}") from None
    return data, digest, [_refused(path, r) for r in scan.problems], scan.more_problems


def _about(wb, path: Path, problems: Problems) -> tuple[dict[str, str], dict[str, str]]:
    """The 说明 sheet's keys: values, and the address of each value (for messages)."""
    if ABOUT_SHEET not in wb.sheetnames:
        problems.add(f"缺少工作表「{ABOUT_SHEET}」(导回需要其中的依据文件和单位)")
        return {}, {}
    ws = wb[ABOUT_SHEET]
    labels = {label: key for key, label in (*ABOUT_KEYS.items(), *UPPER_ABOUT.items())}
    out: dict[str, str] = {}
    cells: dict[str, str] = {}
    for row in ws.iter_rows(min_row=1, max_row=60, max_col=2):
        label = row[0].value
        if isinstance(label, str) and label.strip() in labels and len(row) > 1 and row[1].value is not None:
            value = str(row[1].value).strip()
            if len(value) > limits.MAX_TEXT_CHARS:
                problems.add(
                    f"「{label.strip()}」有 {len(value)} 个字符,超过 {limits.MAX_TEXT_CHARS} 个字符的上限",
                    ABOUT_SHEET,
                    row[1].coordinate,
                )
                continue
            out[labels[label.strip()]] = value
            cells[labels[label.strip()]] = row[1].coordinate
    for key in ("document", "unit_key"):
        if key not in out:
            problems.add(f"找不到「{ABOUT_KEYS[key]}」", ABOUT_SHEET)
    return out, cells


_REQUIRED_KEYS = ("id", *IMPORTED_KEYS)
_SUBMISSION_REQUIRED = ("id", "requirement", OFFICE_PERSON, "status", "evidence", "note")
# The 上报版 since issue 23: 编号 (a hidden column), 完成情况 and 具体完成情况; 备注 is left
# out when no line had one, and what is not on the sheet keeps its exported value.
_REPORT_REQUIRED = ("id", "status", REPORT)
# A heading row of that layout (`一、…`, `(一)…`): not a line of the table.


def required_keys(columns: dict[str, int]) -> tuple[str, ...]:
    """The columns an import needs: those of the 上报版 (具体完成情况; before issue 23 the
    combined 责任科室/责任人 column), else those of the full layout."""
    if REPORT in columns:
        return _REPORT_REQUIRED
    return _SUBMISSION_REQUIRED if OFFICE_PERSON in columns else _REQUIRED_KEYS


def split_office_person(text: str | None) -> tuple[str | None, str | None] | str:
    """An edited 责任科室/责任人 cell as (office, person), or why it cannot be split.

    `财务处／张三` → (财务处, 张三); `财务处` → (财务处, None); `／张三` → (None, 张三);
    `综合科/办公室／张三` → (综合科/办公室, 张三): the export writes one full-width `／`
    between the two, so a half-width `/` beside it belongs to a name. Without `／`, a cell
    of two lines is office and person. What cannot be told apart is refused, never
    guessed: several `／`, more than two lines, or a half-width `/` alone (`财务处/张三`
    may be one office or an office and a person)."""
    if text is None:
        return None, None
    t = text.strip()
    if t.count(OFFICE_PERSON_SEPARATOR) > 1:
        return f"有 {t.count(OFFICE_PERSON_SEPARATOR)} 个「{OFFICE_PERSON_SEPARATOR}」,分不清责任科室与责任人"
    if OFFICE_PERSON_SEPARATOR in t:
        office, _, person = t.partition(OFFICE_PERSON_SEPARATOR)
    elif "\n" in t:
        if t.count("\n") > 1:
            return "有多行,分不清责任科室与责任人"
        office, _, person = t.partition("\n")
    elif "/" in t:
        return "分不清「/」是名称的一部分还是分隔符"
    else:
        office, person = t, ""
    return (office.strip() or None), (person.strip() or None)


def _office_person(rows: list[SheetRow], baseline: dict | None, problems: Problems) -> None:
    """The 上报版's combined 责任科室/责任人 cells into office and person. A cell still as
    exported keeps the values 导出时的值 holds, whatever characters they contain; an
    edited one is split by split_office_person, or refused naming the cell."""
    for row in rows:
        combined = row.cells.pop(OFFICE_PERSON, None)
        if combined is None:
            continue
        base = (baseline or {}).get(row.item_id)
        parts: tuple[str | None, str | None] | str
        if base is not None and combined.text == office_person_text(base.get("office") or "", base.get("person") or ""):
            parts = base.get("office"), base.get("person")
        else:
            parts = split_office_person(combined.text)
        if isinstance(parts, str):
            problems.add(
                f"「{LABELS[OFFICE_PERSON]}」{parts};请写成「科室{OFFICE_PERSON_SEPARATOR}责任人」,"
                f"两者之间用一个全角「{OFFICE_PERSON_SEPARATOR}」",
                CHECKLIST_SHEET,
                combined.address,
            )
            continue
        for part, value in zip(("office", "person"), parts):
            problems_of = limit_problems(part, value, None)
            for message in problems_of:
                problems.add(message, CHECKLIST_SHEET, combined.address)
            if not problems_of and value is not None:
                row.cells[part] = Value(value, combined.address)


def _header(sheet_rows: Rows, path: Path) -> tuple[int, dict[str, int]]:
    """The header row (the one naming most of our columns) and each column's position.

    Every column an import reads must be there: a renamed header would otherwise drop
    that column without a word."""
    best: tuple[int, int, dict[str, int], str] | None = None  # (matches, row, found, range)
    for line, by_col in rows_from(sheet_rows, 1, _HEADER_SCAN_ROWS):
        found: dict[str, int] = {}
        used = list(by_col.values())
        for cell in used:
            if isinstance(cell.value, str):
                key = _HEADER_KEYS.get(normalise_header(cell.value))
                if key and key not in found:
                    found[key] = cell.column
        if used and (best is None or len(found) > best[0]):
            best = (len(found), line, found, f"{used[0].coordinate}:{used[-1].coordinate}")
    if best is None or best[0] < 3:
        raise WorkbookError(path, f"前 {_HEADER_SCAN_ROWS} 行中找不到含「编号」和「完成情况」的表头行", CHECKLIST_SHEET)
    _, header_row, found, where = best
    missing = [LABELS[k] for k in required_keys(found) if k not in found]
    if missing:
        raise WorkbookError(
            path,
            f"表头(第 {header_row} 行)缺少{'、'.join(f'「{m}」' for m in missing)}列,请恢复原来的表头文字",
            CHECKLIST_SHEET,
            where,
        )
    return header_row, found


def _check_merges(ws, path: Path, header_row: int, columns: dict[str, int], problems: Problems) -> None:
    """A value merged down several lines of an imported column cannot be told apart: refuse it."""
    required = required_keys(columns)
    watched = {columns[k] for k in required}
    for rng in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if rng.max_row <= header_row or rng.min_row == rng.max_row or rng.min_col not in watched:
            continue
        if ws.cell(rng.min_row, rng.min_col).value is None:
            continue
        key = next(k for k in required if columns[k] == rng.min_col)
        problems.add(
            f"「{LABELS[key]}」列的合并单元格跨了 {rng.max_row - rng.min_row + 1} 行,"
            "无法确定每一行的内容,请取消合并后逐行填写",
            CHECKLIST_SHEET,
            rng.coord,
        )


def _link(cell) -> str | None:
    return cell.hyperlink.target if cell.hyperlink is not None and cell.hyperlink.target else None


def _other_columns(header: dict[int, Cell]) -> tuple[set[int], dict[int, str]]:
    """The columns the export wrote (by their header), and the others' headers (inserted columns)."""
    known: set[int] = set()
    other: dict[int, str] = {}
    for cell in header.values():
        text = shown(cell.value)
        if text is None:
            continue
        if exported_header(text):
            known.add(cell.column)
        else:
            other[cell.column] = text
    return known, other


def _rows(
    sheet_rows: Rows, path: Path, header_row: int, columns: dict[str, int], problems: Problems
) -> tuple[list[SheetRow], list[Leftover]]:
    """The lines with an 编号, and what was written elsewhere (rows without one, other columns)."""
    rows: list[SheetRow] = []
    leftovers: list[Leftover] = []
    in_columns: dict[int, Leftover] = {}
    known, other = _other_columns(sheet_rows.get(header_row, {}))
    id_col, seq_col = columns["id"], columns.get("seq")
    item_seq: str | None = None  # the 序号 of the last line with an 编号
    item_id: str | None = None  # and its 编号
    by_seq: dict[str, str] = {}  # 序号 → 编号 of the lines
    for line, by_col in rows_from(sheet_rows, header_row + 1):
        first = next(c.value for c in by_col.values() if c.value is not None)
        if isinstance(first, str) and unicodedata.normalize("NFKC", first).lstrip().startswith(_FOOT):
            continue  # a line of the form's foot (标记说明、填报人): not a line of the table
        id_cell = by_col.get(id_col)
        readable, item_text = True, None
        if id_cell is not None:
            readable, item_text = checked_text(id_cell, path, CHECKLIST_SHEET, problems)
            if item_text is not None and len(item_text) > limits.MAX_TEXT_CHARS:
                problems.add(f"「编号」有 {len(item_text)} 个字符,不是有效的编号", CHECKLIST_SHEET, id_cell.coordinate)
                readable, item_text = False, None
        if readable and item_text is None:  # a row without 编号: listed, never read as a line
            texts = [(c.coordinate, t) for c in by_col.values() if (t := shown(c.value)) is not None]
            seq = shown(by_col[seq_col].value) if seq_col in by_col else None
            # 序号 alone (numbering dragged down past the table) says nothing; a heading of the form neither.
            if any(col != seq_col for col in by_col) and not is_heading([t for _, t in texts]):
                m = STEP_SEQ.match(seq or "")
                # A step of the item whose 序号 it names (found below, wherever that item's row
                # now is: sorting moves rows), else a row of its own.
                leftovers.append(
                    Leftover(
                        "step", line, texts, item_seq=m.group(1), number=int(m.group(2)), cells=_keyed(by_col, columns)
                    )
                    if m
                    else Leftover("row", line, texts)
                )
            continue
        seq = shown(by_col[seq_col].value) if seq_col in by_col else None
        this_id = current_id(unicodedata.normalize("NFKC", item_text).strip()) if item_text is not None else None
        if readable and this_id == item_id and step_of(seq, item_seq):
            # The item's row copied under it and numbered `3.1`: a step, not the item twice.
            texts = [(c.coordinate, t) for c in by_col.values() if (t := shown(c.value)) is not None]
            leftovers.append(Leftover("step", line, texts, item_seq=item_seq, item_id=item_id))
            continue
        item_seq, item_id = seq, this_id
        if seq is not None and this_id is not None:
            by_seq.setdefault(seq.strip(), this_id)
        for col, held in by_col.items():
            text = shown(held.value)
            if text is not None and col not in known:  # an inserted column, or one without a header
                found = in_columns.setdefault(col, Leftover("column", line, [], other.get(col)))
                found.texts.append((held.coordinate, text))
        cells: dict[str, Value] = {}
        for key in (*IMPORTED_KEYS, OFFICE_PERSON, REPORT):
            key_col = columns.get(key)
            cell = by_col.get(key_col) if key_col else None
            if cell is None:
                continue
            ok, text = checked_text(cell, path, CHECKLIST_SHEET, problems)
            if key == "done_date" and ok:  # a real date cell: its day (date_cell.py)
                try:
                    text = date_cell_text(cell, text)
                except DateTextError as e:
                    problems.add(f"完成时间{e}", CHECKLIST_SHEET, cell.coordinate)
                    ok = False
            text = strip_marks(key, text)
            link = _link(cell)
            if key in (OFFICE_PERSON, REPORT):  # read once 导出时的值 is (_office_person, _report)
                if ok and text is not None:
                    cells[key] = Value(text, cell.coordinate)
                continue
            for message in limit_problems(key, text, link):
                problems.add(message, CHECKLIST_SHEET, cell.coordinate)
                ok = False
            if ok and (text is not None or link):
                cells[key] = Value(text, cell.coordinate, link)
        if not readable or id_cell is None or this_id is None:  # (read: both are there, see above)
            continue
        rows.append(SheetRow(line, this_id, id_cell.coordinate, cells))  # before version 5: `4.0.1-1` is `4.1-1`
    for i, x in enumerate(leftovers):
        if x.kind == "step" and x.item_id is None:
            if x.item_seq in by_seq:
                x.item_id = by_seq[x.item_seq]
            else:  # no line has the 序号 it names
                leftovers[i] = Leftover("row", x.line, x.texts)
    return rows, leftovers + list(in_columns.values())


def _keyed(by_col: dict[int, Cell], columns: dict[str, int]) -> dict[str, str]:
    """A row's texts by the key of their column (the columns the export wrote)."""
    out: dict[str, str] = {}
    for key, col in columns.items():
        cell = by_col.get(col)
        value = cell.value if cell is not None else None
        if isinstance(value, str):  # as written, its lines kept
            text = "\n".join(line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
            out[key] = text.strip()
        else:
            out[key] = shown(value) or ""
    return out


_FILLED_UNIT = re.compile(r"填报单位[:：]\s*(.+?)(?:\u3000|\s{2,}|填报日期|$)")


def _filled_unit(ws, header_row: int) -> tuple[str, str] | None:
    """任务清单's `填报单位：渝中区` above the header (the exporter writes it in A2)."""
    for row in ws.iter_rows(min_row=1, max_row=header_row - 1, max_col=3):
        for cell in row:
            m = _FILLED_UNIT.search(cell.value) if isinstance(cell.value, str) else None
            if m and m.group(1).strip():
                return m.group(1).strip()[: limits.MAX_TEXT_CHARS], cell.coordinate
    return None


def read_workbook(path: Path, problems: Problems | None = None) -> WorkbookData:
    """Read one workbook. Raises WorkbookError: at once for a file-level problem (not a
    workbook, a limit broken, a sheet or header missing); otherwise after reading every
    cell, as one WorkbookProblems listing each problem found (`.problems`). Given
    `problems`, cell-level ones are left in it and the rest of the file is returned, so
    that the caller adds its own and lists all of them together."""
    data, digest, oversized, omitted = _checked_bytes(path)
    if oversized:
        raise WorkbookProblems(oversized, omitted)
    wb = _load(data, path)
    if CHECKLIST_SHEET not in wb.sheetnames:  # not a 任务清单: say what it is
        raise WorkbookError(path, workbook_kind(wb))
    collect = problems is not None
    if problems is None:
        problems = Problems(path)
    about, about_cells = _about(wb, path, problems)
    ws = wb[CHECKLIST_SHEET]
    sheet_rows = content_rows(ws)
    try:
        header_row, columns = _header(sheet_rows, path)
    except WorkbookError as e:
        problems.add_error(e)
        problems.raise_any()
    _check_merges(ws, path, header_row, columns, problems)
    rows, leftovers = _rows(sheet_rows, path, header_row, columns, problems)
    baseline = read_baseline(wb, path, problems)
    _office_person(rows, baseline, problems)
    # 具体完成情况 as the sheet shows it (a sub-unit's report is read as a whole: rollup_import.py)
    shown_reports = {r.item_id: r.cells[REPORT].text for r in rows if REPORT in r.cells}
    if REPORT in columns:
        read_report(rows, baseline or {}, baseline_report(wb), problems)
    absent = [k for k in ("done_date", "requirement", "note") if k not in columns]
    if OFFICE_PERSON not in columns and "office" not in columns:
        absent += ["office", "person"]
    if absent and baseline:
        # A column the layout has not (the 上报版 has no 完成时间, no 工作要求; its 备注 is
        # left out when empty): the value exported stays as it was.
        for row in rows:
            for key in absent:
                value = (baseline.get(row.item_id) or {}).get(key)
                if value is not None:
                    row.cells[key] = Value(value, row.id_address)
    if not collect:
        problems.raise_any()
    return WorkbookData(
        path,
        digest,
        about,
        rows,
        [],
        about_cells,
        baseline,
        exported_unit(wb),
        _filled_unit(ws, header_row),
        problems,
        leftovers,
        read_step_sheet(wb),
        upper_refs(wb),
        shown_reports,
    )
