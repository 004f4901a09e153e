"""Old Excel workbooks (.xls, Excel 97–2003, what many offices still attach) → `SourceTable`.

xlrd reads the binary file with its merged ranges (imported here only); the first sheet with
a header row among its first rows is read like an .xlsx sheet (xlsx.py): a merged range is one
`Cell` at every position it covers, and lines under the table after a blank row are its tail.
"""

from __future__ import annotations

import datetime as dt

from ..headers import header_problem, second_task_as_requirement
from ..script import text_found
from ..table import Cell, Origin, SourceTable
from .grid import MAX_COLUMNS, MAX_ROWS, Grid, expected_header, refuse, text_role
from .xlsx import SEARCH_ROWS, _paragraphs, assemble_sheet

MAX_MERGED_CELLS = 2_000_000  # grid positions all merged ranges may cover together


def read_xls(data: bytes, name: str) -> SourceTable:
    try:
        import xlrd
    except ImportError:
        raise refuse(name, "读取 .xls 需要 xlrd(pip install xlrd),或在 Excel/WPS 中另存为 .xlsx") from None
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as e:  # noqa: BLE001 - xlrd raises many kinds for a damaged or foreign file
        raise refuse(name, "不是有效的 Excel 97-2003(.xls)文件,或文件已损坏") from e
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if index == 0:  # the script of an .xls shows in its cells only
                rows, cols = range(min(sheet.nrows, SEARCH_ROWS)), range(min(sheet.ncols, MAX_COLUMNS))
                text_found("".join(_value(sheet, book, r, c) for r in rows for c in cols)[:3000])
            header = _header_row(sheet, book)
            if header is not None:
                return _read(sheet, book, name, header)
            book.unload_sheet(index)
    finally:
        book.release_resources()
    titles = "」「".join(book.sheet_names())
    raise refuse(name, f"找不到表头行(已查看工作表「{titles}」的前 {SEARCH_ROWS} 行)。{expected_header()}")


def _value(sheet, book, r: int, c: int) -> str:
    import xlrd

    cell = sheet.cell(r, c)
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            when = xlrd.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError):
            return str(cell.value)
        return f"{when.year}年{when.month}月{when.day}日" if when.time() == dt.time() else str(when)
    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return str(int(cell.value))
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return str(cell.value)


def _header_row(sheet, book) -> int | None:
    for r in range(min(sheet.nrows, SEARCH_ROWS)):
        cells = range(min(sheet.ncols, MAX_COLUMNS))
        roles = second_task_as_requirement([text_role(v) for c in cells if (v := _value(sheet, book, r, c))])
        if header_problem(roles) is None:
            return r
    return None


def _read(sheet, book, name: str, header: int) -> SourceTable:
    if sheet.nrows > MAX_ROWS or sheet.ncols > MAX_COLUMNS:
        raise refuse(
            name,
            f"工作表「{sheet.name}」有 {sheet.nrows} 行 {sheet.ncols} 列,超过 {MAX_ROWS} 行或 {MAX_COLUMNS} 列的上限",
        )
    covered = sum((rhi - rlo) * (chi - clo) for rlo, rhi, clo, chi in sheet.merged_cells)
    if covered > MAX_MERGED_CELLS:
        raise refuse(
            name, f"工作表「{sheet.name}」的合并单元格共覆盖 {covered} 个单元格,超过 {MAX_MERGED_CELLS} 的上限"
        )

    def where(r: int, g: int) -> Origin:
        return Origin(sheet=sheet.name, cell=f"{_letter(g)}{r + 1}")

    grid: Grid = [[None] * sheet.ncols for _ in range(sheet.nrows)]
    for r in range(sheet.nrows):
        for c in range(sheet.ncols):
            if paragraphs := _paragraphs(_value(sheet, book, r, c)):
                grid[r][c] = Cell(paragraphs, where(r, c))
    merged: set[int] = set()
    for rlo, rhi, clo, chi in sheet.merged_cells:
        top = grid[rlo][clo] or Cell([], where(rlo, clo))
        merged.add(id(top))
        for r in range(rlo, min(rhi, sheet.nrows)):
            for c in range(clo, min(chi, sheet.ncols)):
                grid[r][c] = top
    return assemble_sheet(name, sheet.name, grid, merged, header, where)


def _letter(g: int) -> str:
    out = ""
    g += 1
    while g:
        g, rem = divmod(g - 1, 26)
        out = chr(65 + rem) + out
    return out
