"""Excel workbooks (.xlsx) → `SourceTable`.

The one place in `tui.source` that uses openpyxl (imported inside the function). The
package first passes the safety gate (`tui/ooxml.py`, the `SHEET_DOCUMENT` budget), whose
streaming pass counts every sheet's real rows, columns and cells — the `<dimension>` tag
is never trusted — and reads its merged ranges, refusing a range that covers too much
before anything covers it. The workbook is then read in openpyxl's read-only mode, which
streams: the sheet whose first rows hold a header, within the bounds the gate measured.
openpyxl's full load is never used: it builds a cell for every cell a merged range covers.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings

from ... import ooxml
from ..errors import ParseError
from ..chars import BLANKS
from ..headers import header_problem, second_task_as_requirement
from ..table import Cell, Note, Origin, SourceTable
from ..units_from_headings import names_units
from .grid import (
    MAX_COLUMNS,
    Assembler,
    Grid,
    check_zip,
    clean,
    expected_header,
    near_miss,
    refuse,
    text_role,
    unusable_header,
)

SEARCH_ROWS = 30  # the header is looked for in a sheet's first rows
_ESCAPED = re.compile(r"_x(00[01][0-9A-Fa-f]|005[Ff])_")


def read_xlsx(data: bytes, name: str) -> SourceTable:
    """Read the first sheet with a 任务分工 header row. Raises ParseError for a file that is
    not a usable .xlsx, is too large, or has no sheet with a header row."""
    scan = check_zip(data, name, ".xlsx", ooxml.SHEET_DOCUMENT)
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        except Exception as e:  # openpyxl raises many kinds for a damaged package
            raise refuse(name, f"不是有效的 Excel(.xlsx) 文件,或文件已损坏:{e}") from None
        try:
            try:
                table = _breakdown_table(wb, scan, get_column_letter)
            except ParseError as e:  # a ValueError too: the table's own refusal, naming its cell (and the file)
                raise ParseError(e.origin, f"「{name}」中{e.message}", e.text) from None
            except ValueError as e:  # openpyxl reads a damaged part only as it streams past it
                raise refuse(name, f"不是有效的 Excel(.xlsx) 文件,或文件已损坏:{e}") from None
            if table is not None:
                return table
            index, title, header_row = _header_sheet(wb, name, get_column_letter)
            size = scan.sheets.get(title) or ooxml.SheetSize()
            if size.columns > MAX_COLUMNS:
                raise refuse(name, f"工作表「{title}」有 {size.columns} 列,超过 {MAX_COLUMNS} 列的上限")

            def where(r: int, g: int) -> Origin:
                return Origin(sheet=title, cell=f"{get_column_letter(g + 1)}{r + 1}")

            grid, merged = _grid(wb.worksheets[index], size, where)
        except ParseError:
            raise
        except Exception as e:  # noqa: BLE001 - a part openpyxl cannot read, met while streaming
            raise refuse(name, f"不是有效的 Excel(.xlsx) 文件,或文件已损坏:{e}") from None
        finally:
            wb.close()
    return assemble_sheet(name, title, grid, merged, header_row, where)


def assemble_sheet(name: str, title: str, grid: Grid, merged: set[int], header_row: int, where) -> SourceTable:
    """A sheet's grid as the table, and the lines under it after a blank row as its tail
    (shared with the .xls reader)."""
    below = _notes_below(grid, merged, header_row)
    out = Assembler(name, search_rows=SEARCH_ROWS)
    out.table(grid[:below], where, where, f"工作表「{title}」")
    lines = [(p, o) for row in grid[below:] for c in row if c is not None for p, o in zip(c.paragraphs, c.origins)]
    for text, origin in lines:
        out.line(text, origin)
    if lines and out.layout is not None:
        out.notes.append(
            Note(
                lines[0][1],
                "lines_below_table",
                f"表格下方空行之后的文字不作为任务读入:「{lines[0][0][:40]}」",
                "warning",
            )
        )
    return out.result(f"(工作表「{title}」)")


def _breakdown_table(wb, scan: ooxml.Scan, letter) -> SourceTable | None:
    """Our own breakdown table workbook (`gongkai-tui template`, `load --as-table`), read cell
    by cell as the identity, within the size the gate measured; None when the first sheet is
    not one."""
    from ..breakdown_table import header_index, read_breakdown_table

    ws = wb.worksheets[0]
    head = [list(v) for v in ws.iter_rows(max_row=40, max_col=MAX_COLUMNS, values_only=True)]
    if header_index(head) is None:
        return None
    size = scan.sheets.get(ws.title) or ooxml.SheetSize()
    rows = [list(v) for v in ws.iter_rows(max_row=max(size.rows, 1), max_col=MAX_COLUMNS, values_only=True)]
    return read_breakdown_table(rows, lambda r, c: Origin(sheet=ws.title, cell=f"{letter(c + 1)}{r + 1}"))


def _names_units(rows: list[tuple], k: int) -> bool:
    """Whether row k holds one text, a part heading naming the units (units_from_headings.py)."""
    if not 0 <= k < len(rows):
        return False
    texts = [t for v in rows[k] if v is not None and (t := _text(v).strip(BLANKS))]
    return len(texts) == 1 and names_units(texts[0])


def _header_sheet(wb, name: str, letter) -> tuple[int, str, int]:
    """The index and title of the first sheet with a header row among its first rows, and that row."""
    near = None
    for i, ws in enumerate(wb.worksheets):
        rows = list(ws.iter_rows(max_row=SEARCH_ROWS, max_col=MAX_COLUMNS, values_only=True))
        for r, values in enumerate(rows):
            roles = second_task_as_requirement([text_role(_text(v)) for v in values if v is not None])
            if header_problem(roles, _names_units(rows, r - 1) or _names_units(rows, r + 1)) is None:
                return i, ws.title, r
            if near is None and (problem := near_miss(roles)):
                first = next(g for g, v in enumerate(values) if v is not None)
                near = unusable_header(name, Origin(sheet=ws.title, cell=f"{letter(first + 1)}{r + 1}"), problem)
    if near is not None:
        raise near
    titles = "」「".join(ws.title for ws in wb.worksheets)
    raise refuse(name, f"找不到表头行(已查看工作表「{titles}」的前 {SEARCH_ROWS} 行)。{expected_header()}")


def _grid(ws, size: ooxml.SheetSize, where) -> tuple[Grid, set[int]]:
    """The sheet's cells within the bounds the gate measured (a merged range is one Cell),
    and the ids of the merged ones. The gate has budgeted the cells the ranges cover."""
    from openpyxl.utils.cell import range_boundaries

    rows, cols = size.rows, size.columns
    grid: Grid = [[None] * cols for _ in range(rows)]
    if rows and cols:
        for r, values in enumerate(ws.iter_rows(min_row=1, max_row=rows, max_col=cols, values_only=True)):
            if r >= rows:
                break
            for g, v in enumerate(values):
                if v is not None and (paragraphs := _paragraphs(_text(v))):
                    grid[r][g] = Cell(paragraphs, where(r, g))
    merged: set[int] = set()
    for ref in size.merged:
        try:
            g0, r0, g1, r1 = range_boundaries(ref)
        except (ValueError, TypeError):
            continue  # not a range: nothing to place
        r0, g0 = (r0 or 1) - 1, (g0 or 1) - 1
        if r0 >= rows or g0 >= cols:
            continue
        top = grid[r0][g0] or Cell([], where(r0, g0))
        merged.add(id(top))
        for r in range(r0, min(r1 or rows, rows)):
            for g in range(g0, min(g1 or cols, cols)):
                grid[r][g] = top
    return grid, merged


def _notes_below(grid: Grid, merged: set[int], header_row: int) -> int:
    """Where the lines under the table (注:…, 抄送:…) begin: after a blank row, rows that
    each hold one unmerged cell, down to the end of the sheet. len(grid) when there are none."""

    def single(row) -> bool:
        filled = [c for c in row if c is not None]
        return len(filled) == 1 and id(filled[0]) not in merged

    k = len(grid)
    while k > header_row + 1 and (single(grid[k - 1]) or all(c is None for c in grid[k - 1])):
        k -= 1
    blank = next((r for r in range(k, len(grid)) if all(c is None for c in grid[r])), None)
    if blank is None or not any(single(grid[r]) for r in range(blank, len(grid))):
        return len(grid)
    return blank


def _paragraphs(text: str) -> list[str]:
    if "_x" in text:  # OOXML's escapes for control characters, which openpyxl leaves in place
        text = _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [p for p in (clean(line) for line in lines) if p]


def _text(v) -> str:
    """A cell's value as the sheet shows it: 3.0 → "3", a date → "2026年6月30日"."""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dt.datetime, dt.date)):
        return f"{v.year}年{v.month}月{v.day}日"
    if isinstance(v, dt.time):
        return f"{v.hour}:{v.minute:02d}"
    return str(v)
