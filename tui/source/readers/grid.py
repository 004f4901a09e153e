"""What the .docx, .xlsx and .html readers share: a table as a grid of cells, and the
assembly of paragraphs and tables, in document order, into one `SourceTable`.

A reader turns each table of its file into a grid: `rows[r][g]` is the `Cell` at grid
column g of row r, or None where nothing is. A merged cell is ONE `Cell` object at every
grid position it covers (across columns and down rows); an empty cell is a `Cell` with no
paragraphs. Everything after that — finding the header, mapping its cells to columns,
heading rows, which later tables continue the first, the preamble and the tail — is here.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ... import ooxml
from .. import rough
from ..chars import BLANKS, visible
from ..errors import ParseError
from ..script import simplify
from ..headers import HEADER_WORDS, header_problem, role_of, second_task_as_requirement
from ..headings import heading_of
from ..table import COOP, LEAD, RESP, TASK, Cell, Column, GridRow, Heading, Note, Origin, SourceTable
from ..units_from_headings import names_units

Grid = list[list[Cell | None]]
T = TypeVar("T")
Where = Callable[[int, int], Origin]  # (row index, grid column) → where that cell is

# Limits on what a reader accepts (hostile or broken files are refused, never half-read): the
# one safety gate's (tui/ooxml.py), which every reader passes before it builds anything.
MAX_BYTES = ooxml.MAX_FILE_BYTES
MAX_ROWS = ooxml.DOCUMENT_ROWS
MAX_COLUMNS = ooxml.DOCUMENT_COLUMNS

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls, and password-protected OOXML
# Office packages by extension: what to call them, and the part every such package has.
_PACKAGES = {
    ".docx": ("Word(.docx)", "word/document.xml"),
    ".xlsx": ("Excel(.xlsx)", "xl/workbook.xml"),
    ".pptx": ("PowerPoint(.pptx)", "ppt/presentation.xml"),
}

_EXACT_WORDS = {w for words in HEADER_WORDS.values() for w in words}
_LONGEST_HEADER = 40  # a cell longer than this is never a header cell


@dataclass(frozen=True)
class FileOrigin(Origin):
    """The file as a whole, for a refusal no single cell causes (table.Origin has no such place)."""

    file: str = ""

    def __str__(self) -> str:
        return f"「{self.file}」"


def refuse(name: str, message: str) -> ParseError:
    return ParseError(FileOrigin(file=name), message)


def check_size(data: bytes, name: str) -> None:
    if len(data) > MAX_BYTES:
        raise refuse(name, f"文件有 {ooxml.size_text(len(data))},超过 {MAX_BYTES // ooxml.MB} MB 的上限")


def gate_refusal(name: str, refused: ooxml.Refused) -> ParseError:
    """The gate's refusal as the readers' own: the file, then the sheet and cell if any."""
    where = (f"工作表「{refused.sheet}」" if refused.sheet else "") + (
        f"单元格 {refused.cell} " if refused.cell else ""
    )
    return refuse(name, where + refused.message)


def check_zip(data: bytes, name: str, ext: str, budget: ooxml.Budget) -> ooxml.Scan:
    """Refuse, before any parser sees it, a file that is not an Office package of type `ext`
    (".docx", ".xlsx"), whose members would unpack to too much, or whose XML breaks the
    gate's limits or `budget`. Returns what the gate's scan learned (sheets' real sizes)."""
    kind, part = _PACKAGES[ext]
    check_size(data, name)
    if data.startswith(_OLE):
        raise refuse(
            name,
            f"不是有效的 {kind} 文件:它是旧版 Office 格式(.doc/.xls)或设置了打开密码,"
            f"请在 Word/Excel/WPS 中取消密码并另存为 {ext}",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        head = data[:1024].lstrip().lower()
        hint = ""
        if head.startswith(b"{\\rtf"):
            hint = f":它是 RTF 格式,请另存为 {ext}"
        elif head.startswith((b"<!doctype", b"<html", b"<?xml", b"<table", b"<meta")):
            hint = ":它是网页(HTML),请把扩展名改为 .html 再导入"
        raise refuse(name, f"不是有效的 {kind} 文件{hint}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = {i.filename for i in z.infolist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        raise refuse(name, f"不是有效的 {kind} 文件,或文件已损坏:{e}") from None
    _gate(name, kind, lambda: ooxml.check_package(data, f"{kind} 文件"))
    if part not in names:
        other = next((k for k, p in _PACKAGES.values() if p in names), None)
        raise refuse(name, f"不是有效的 {kind} 文件" + (f":它是 {other} 文件" if other else ""))
    return _gate(name, kind, lambda: ooxml.scan_package(data, budget))


def _gate(name: str, kind: str, check: Callable[[], T]) -> T:
    try:
        return check()
    except ooxml.Refused as r:
        raise gate_refusal(name, r) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError) as e:
        raise refuse(name, f"不是有效的 {kind} 文件,或文件已损坏:{e}") from None


def clean(text: str) -> str:
    """A cell's or line's text as the interpreter reads it (simplified when the document is
    written in traditional characters: tui/source/script.py)."""
    return simplify(visible(text).strip(BLANKS + "\n"))


def expected_header() -> str:
    tasks = "」「".join(HEADER_WORDS[TASK][:4])
    return f"表头应有「{tasks}」一类的任务栏目,以及「牵头单位」「责任单位」「配合单位」中的至少一栏"


def unusable_header(name: str, origin: Origin, problem: str) -> ParseError:
    return ParseError(origin, f"「{name}」中找不到可用的表头行:{problem}")


@dataclass
class Layout:
    """A header row's columns: which grid columns each column takes."""

    columns: list[Column]
    grids: list[tuple[int, ...]]
    lo: int  # the header spans grid columns lo … hi-1
    hi: int
    width: int  # grid width of the table the header is in
    header_roles: tuple[str | None, ...]  # roles of the header row's own cells (to spot a repeated header)

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(c.role for c in self.columns)


def _at(row: Sequence[Cell | None], g: int) -> Cell | None:
    return row[g] if g < len(row) else None


def _runs(row: Sequence[Cell | None], lo: int, hi: int) -> list[tuple[Cell | None, list[int]]]:
    """The row's cells between grid columns lo and hi, each once, with the columns it covers."""
    out: list[tuple[Cell | None, list[int]]] = []
    for g in range(lo, hi):
        c = _at(row, g)
        if c is not None and out and out[-1][0] is c:
            out[-1][1].append(g)
        else:
            out.append((c, [g]))
    return out


def text_role(text: str | None) -> str | None:
    """The role a header cell's text names (None for a long or empty text)."""
    return role_of(simplify(text)) if text and len(text) <= _LONGEST_HEADER else None


def near_miss(roles: Sequence[str | None]) -> str | None:
    """Why a row that names a task column and a unit column is still not a header, else None."""
    if TASK in roles and any(x in roles for x in (LEAD, RESP, COOP)):
        return header_problem(list(roles))
    return None


def _role(cell: Cell | None) -> str | None:
    return text_role(cell.text) if cell is not None and cell.paragraphs else None


def _header_roles(row: Sequence[Cell | None], lo: int, hi: int) -> tuple[str | None, ...]:
    return tuple(_role(c) for c, _ in _runs(row, lo, hi))


class _Table:
    """One grid being read, with where its cells are."""

    def __init__(self, rows: Grid, where: Where, row_origin: Where, label: str):
        self.rows, self.where, self.row_origin, self.label = rows, where, row_origin, label
        self.width = max((len(r) for r in rows), default=0)

    def starts(self, r: int, g: int) -> bool:
        """Whether the cell at (r, g) begins in row r (False: merged down from the row above)."""
        c = _at(self.rows[r], g)
        return r == 0 or c is None or _at(self.rows[r - 1], g) is not c


class Assembler:
    """Paragraphs and tables fed in document order become one `SourceTable`: lines before the
    first table with a header are the preamble; tables after it that repeat its header, or
    have its width, continue its body (lines between them are headings); anything after a
    table that does not continue it is the tail."""

    def __init__(self, name: str, search_rows: int | None = None):
        self.name = name
        self.search_rows = search_rows  # how deep to look for a header in a table (None: all rows)
        self.preamble: list[tuple[str, Origin]] = []
        self.body: list[GridRow | Heading] = []
        self.tail: list[tuple[str, Origin]] = []
        self.notes: list[Note] = []
        self.layout: Layout | None = None
        self.header_origin: Origin | None = None
        self._loose = 0  # preamble entries from paragraphs since the last table
        self._pending: list[tuple[str, Origin]] = []  # lines after the header, before the next table
        self._closed = False
        self._candidate: ParseError | None = None

    # -- feeding ------------------------------------------------------------------------

    def line(self, text: str, origin: Origin) -> None:
        text = clean(text)
        if not text:
            return
        rough.record(text, origin)
        if self._closed:
            self.tail.append((text, origin))
        elif self.layout is None:
            self.preamble.append((text, origin))
            self._loose += 1
        else:
            self._pending.append((text, origin))

    def table(self, rows: Grid, where: Where, row_origin: Where, label: str) -> None:
        t = _Table(rows, where, row_origin, label)
        if rough.RECORD.get() is not None:
            for r in range(len(rows)):
                cells = _starting_cells(t, r)
                if cells:
                    rough.record(" | ".join("\n".join(c.paragraphs) for c in cells), cells[0].origin)
        if self._closed:
            self.tail.extend(_lines(t, 0, len(rows)))
        elif self.layout is None:
            self._first(t)
        else:
            self._later(t)

    def result(self, searched: str = "") -> SourceTable:
        if self.layout is None:
            lines = self.preamble + self.tail
            from .prose import looks_like_prose, read_prose

            judged = [text for text, _ in lines[: ooxml.JUDGED_LINES]]
            if looks_like_prose(judged):  # a prose breakdown (no table with a header)
                return read_prose(lines)
            from .subject_list import looks_like_subject_list, read_subject_list

            if looks_like_subject_list(judged):  # units as the subject of each item
                return read_subject_list(lines)
            if self._candidate is not None:
                raise self._candidate
            raise refuse(self.name, f"找不到表头行{searched}。{expected_header()}")
        assert self.header_origin is not None  # `_first` sets it with self.layout
        self.tail.extend(self._pending)
        self._pending = []
        return SourceTable(self.preamble, self.layout.columns, self.body, self.header_origin, self.notes, self.tail)

    # -- tables -------------------------------------------------------------------------

    def _first(self, t: _Table) -> None:
        found = self._find_header(t, remember=True)
        if found is None:
            self.preamble.extend(_lines(t, 0, len(t.rows)))
            self._loose = 0
            return
        h, body_from, layout = found
        above = _lines(t, 0, h)  # a sheet's rows above its header: the title, then maybe `一、…`
        self.preamble.extend(above)
        self._loose += len(above)
        self._headings_before_table()
        self._loose = 0
        self.layout = layout
        self.header_origin = t.row_origin(h, layout.lo)
        self._note_columns(layout)
        self._body(t, body_from, len(t.rows), layout)

    def _later(self, t: _Table) -> None:
        main = self.layout
        assert main is not None
        found = self._find_header(t, remember=False)
        if found is not None and found[2].roles == main.roles:
            h, body_from, layout = found
            self._flush_headings()
            self.notes.append(
                Note(t.row_origin(h, layout.lo), "table_appended", f"{t.label}的表头与任务表相同,接在前表之后读入")
            )
            self._body(t, 0, h, layout)
            self._body(t, body_from, len(t.rows), layout)
        elif found is None and t.width == main.width:
            self._flush_headings()
            self.notes.append(
                Note(t.row_origin(0, main.lo), "table_appended", f"{t.label}没有表头,列数与任务表相同,接在前表之后读入")
            )
            self._body(t, 0, len(t.rows), main)
        else:
            why = "栏目与任务表不同" if found is not None else "没有表头,列数也与任务表不同"
            self.notes.append(
                Note(t.row_origin(0, 0), "table_ignored", f"{t.label}{why},其后的内容不作为任务读入", "warning")
            )
            self._closed = True
            self.tail.extend(self._pending)
            self._pending = []
            self.tail.extend(_lines(t, 0, len(t.rows)))

    def _flush_headings(self) -> None:
        self.body.extend(Heading(text, origin) for text, origin in self._pending)
        self._pending = []

    def _headings_before_table(self) -> None:
        """Section headings written as paragraphs just above the header table (Word documents
        with one table per section) belong to the body, not the preamble."""
        k = 0
        while k < self._loose and heading_of(self.preamble[-1 - k][0]) is not None:
            k += 1
        if k:
            moved, self.preamble[-k:] = self.preamble[-k:], []
            self.body.extend(Heading(text, origin) for text, origin in moved)
            self.notes.append(
                Note(moved[0][1], "heading_before_table", f"表格上方的「{moved[0][0]}」按标题读入,不算文件开头")
            )

    # -- header -------------------------------------------------------------------------

    def _find_header(self, t: _Table, remember: bool) -> tuple[int, int, Layout] | None:
        """(header row, first body row, layout) of the first usable header row in the table."""
        last = len(t.rows) if self.search_rows is None else min(len(t.rows), self.search_rows)
        for r in range(last):
            row = t.rows[r]
            filled = [g for g, c in enumerate(row) if c is not None and c.paragraphs]
            if len(filled) < 2:
                continue
            lo, hi = filled[0], filled[-1] + 1
            runs = _runs(row, lo, hi)
            roles = second_task_as_requirement([_role(c) for c, _ in runs])
            if header_problem(roles, self._units_in_headings(t, r)) is not None:
                if remember and self._candidate is None and (problem := near_miss(roles)):
                    self._candidate = unusable_header(self.name, t.row_origin(r, lo), problem)
                continue
            columns = [
                Column(role or "", c.text if c is not None else "", c.origin if c is not None else t.where(r, g[0]))
                for (c, g), role in zip(runs, roles)
            ]
            layout = Layout(columns, [tuple(g) for _, g in runs], lo, hi, t.width, tuple(roles))
            body_from = r + 1
            while body_from < len(t.rows) and self._continues_header(t, body_from, layout):
                layout = self._sub_header(t, body_from, layout)
                body_from += 1
            return r, body_from, layout
        return None

    def _units_in_headings(self, t: _Table, r: int) -> bool:
        """Whether a part heading naming the units sits right above header row r (the paragraph
        before the table, or a row of one cell) or right under it: a header without a unit
        column is then usable (units_from_headings.py gives each row its heading's units)."""
        above = self._pending if self.layout is not None else self.preamble
        if r == 0 and above and names_units(above[-1][0].strip(BLANKS)):
            return True
        for k in (r - 1, r + 1):  # a row of one cell (merged across, or the rest empty) beside it
            if 0 <= k < len(t.rows):
                filled = {id(c): c for c in t.rows[k] if c is not None and c.paragraphs}
                if len(filled) == 1 and names_units(next(iter(filled.values())).text.strip(BLANKS)):
                    return True
        return False

    @staticmethod
    def _continues_header(t: _Table, r: int, layout: Layout) -> bool:
        """A header cell merged down into row r makes row r part of the header."""
        return any(_at(t.rows[r], g) is not None and not t.starts(r, g) for g in range(layout.lo, layout.hi))

    def _sub_header(self, t: _Table, r: int, layout: Layout) -> Layout:
        """Split header cells over the cells below them (责任单位 over 牵头单位 | 配合单位)."""
        columns: list[Column] = []
        grids: list[tuple[int, ...]] = []
        for col, grid in zip(layout.columns, layout.grids):
            subs = [(c, g) for c, g in _runs(t.rows[r], grid[0], grid[-1] + 1) if c is not None and t.starts(r, g[0])]
            if not subs:
                columns.append(col)
                grids.append(grid)
                continue
            for c, g in subs:
                role = _role(c) or (col.role if len(subs) == 1 else "")
                columns.append(Column(role, c.text, c.origin))
                grids.append(tuple(g))
        problem = header_problem([c.role or None for c in columns])
        if problem is not None:
            raise ParseError(t.row_origin(r, layout.lo), f"「{self.name}」的两行表头不可用:{problem}")
        return Layout(columns, grids, layout.lo, layout.hi, layout.width, layout.header_roles)

    def _note_columns(self, layout: Layout) -> None:
        for col in layout.columns:
            if not col.role:
                shown = f"「{col.header}」" if col.header else "(空白)"
                self.notes.append(
                    Note(
                        col.origin,
                        "column_unknown",
                        f"表头{shown}不是已知的栏目,这一栏不归入任务、单位或时限",
                        "warning",
                    )
                )
            elif clean(col.header) not in _EXACT_WORDS:
                self.notes.append(Note(col.origin, "header_mapped", f"表头「{col.header}」读作「{col.role}」栏"))

    # -- body ---------------------------------------------------------------------------

    def _body(self, t: _Table, start: int, stop: int, layout: Layout) -> None:
        joined: dict[tuple[Cell, ...], Cell] = {}
        outside_noted = False
        for r in range(start, stop):
            row = t.rows[r]
            span = [_at(row, g) for g in range(layout.lo, layout.hi)]
            first = span[0]
            if first is not None and all(c is first for c in span):
                if t.starts(r, layout.lo):
                    self.body.extend(Heading(p, o) for p, o in zip(first.paragraphs, first.origins))
                continue
            if not outside_noted and _outside(t, r, layout, span):
                outside_noted = True
                self.notes.append(
                    Note(
                        t.row_origin(r, layout.lo),
                        "outside_columns",
                        f"{t.label}在表头以外的列中有内容,未读入",
                        "warning",
                    )
                )
            fresh = all(c is None or t.starts(r, g) for g, c in zip(range(layout.lo, layout.hi), span))
            if fresh and _header_roles(row, layout.lo, layout.hi) == layout.header_roles:
                self.notes.append(Note(t.row_origin(r, layout.lo), "header_repeated", "重复的表头行,已跳过"))
                continue
            cells: list[Cell | None] = []
            starts: list[bool] = []
            for grid in layout.grids:
                cell, begins = _column_cell(t, r, grid, joined)
                cells.append(cell)
                starts.append(begins)
            if (heading := _one_cell_heading(cells, starts, layout)) is not None:
                self.body.append(heading)  # `二、平台建设` typed in a sheet's 序号 column, the rest empty
                continue
            if any(c is not None and s for c, s in zip(cells, starts)):
                self.body.append(GridRow(cells, starts, t.row_origin(r, layout.lo)))


def _one_cell_heading(cells: list[Cell | None], starts: list[bool], layout: Layout) -> Heading | None:
    """A row whose one filled cell, outside the task column, is a numbered heading (not merged
    across, so not caught as a heading row): a heading between the rows."""
    filled = [(c, col) for c, s, col in zip(cells, starts, layout.columns) if c is not None and s and c.text.strip()]
    if len(filled) != 1 or filled[0][1].role == TASK:
        return None
    text = filled[0][0].text.strip()
    return Heading(text, filled[0][0].origin) if heading_of(text) else None


def _column_cell(t: _Table, r: int, grid: tuple[int, ...], joined: dict) -> tuple[Cell | None, bool]:
    """The cell of one column in row r (the header's cell may cover several grid columns:
    their cells' texts are joined) and whether it begins in this row."""
    parts: list[tuple[Cell, int]] = []
    for g in grid:
        c = _at(t.rows[r], g)
        if c is not None and not any(c is p for p, _ in parts):
            parts.append((c, g))
    if not parts:
        return None, True
    begins = any(t.starts(r, g) for _, g in parts)
    content: list[Cell] = []
    for c, _ in parts:
        if c.paragraphs and not any(c.text == k.text for k in content):
            content.append(c)
    if not content:
        return None, begins
    if len(content) == 1:
        return content[0], begins
    key = tuple(content)
    if key not in joined:
        joined[key] = Cell(
            [p for c in content for p in c.paragraphs], content[0].origin, [o for c in content for o in c.origins]
        )
    return joined[key], begins


def _outside(t: _Table, r: int, layout: Layout, span: list[Cell | None]) -> bool:
    row = t.rows[r]
    for g, c in enumerate(row):
        if layout.lo <= g < layout.hi or c is None or not c.paragraphs or not t.starts(r, g):
            continue
        if not any(c is s for s in span):
            return True
    return False


def _starting_cells(t: _Table, r: int) -> list[Cell]:
    """The cells of row r with text that begin in it (not merged down from above), each once."""
    cells: list[Cell] = []
    for g, c in enumerate(t.rows[r]):
        if c is not None and c.paragraphs and t.starts(r, g) and not any(c is k for k in cells):
            cells.append(c)
    return cells


def _lines(t: _Table, start: int, stop: int) -> list[tuple[str, Origin]]:
    """Rows outside the task table as lines: a row with one cell gives a line per paragraph,
    a row of several cells one line of their texts joined by a space."""
    out: list[tuple[str, Origin]] = []
    for r in range(start, stop):
        cells = _starting_cells(t, r)
        if len(cells) == 1:
            out.extend(zip(cells[0].paragraphs, cells[0].origins))
        elif cells:
            out.append((" ".join(p for c in cells for p in c.paragraphs), cells[0].origin))
    return out
