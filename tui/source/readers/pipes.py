"""Tables copied from web pages with `|` between cells → `SourceTable`.

Two shapes come out of a browser's copy:
- a row a line, cells between `|` (`工作任务 | 具体要求 | 责任部门 |`);
- a cell a line, a `|` line after each cell, with no sign of where a row ends.
Either way a cell merged over several rows is printed once, so later rows have fewer cells, and
the copy puts the missing ones at the END of the line (`3.及时反馈… | 各科室 | |`). The cells a
row does print are the right-hand ones (merges run down the left-hand, grouping columns): they are
placed from the right, each checked against its column (a unit column must hold unit names, a text
column must not), and the columns left of them continue the cell above. A row whose cells cannot
be placed so is refused naming its line. An unlabelled 序号 cell (a bare number) is set aside. In
the cell-a-line shape a row ends with the cell of the last column (a deadline, or units).
"""

from __future__ import annotations

import re

from ..chars import BLANKS
from ..dates import read_deadlines
from ..errors import ParseError
from ..headers import header_problem, role_of
from ..headings import heading_of
from ..table import (DEADLINE, REQUIREMENT, SEQ, TASK, UNIT_ROLES, Cell, Column, GridRow, Heading, Note, Origin,
                     SourceTable)
from ..unitcells import classify_cell, is_empty_mark

_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_PHRASES = ("长期坚持", "持续推进", "长期推进", "年底前", "年内", "全年", "每季度", "每月", "每年", "常态化")


def looks_like_pipes(lines: list[str]) -> bool:
    """Three lines or more with `|`, or two of which one is a header (`工作任务 | 责任单位 |`)."""
    with_bar = [line for line in lines if "|" in line]
    return len(with_bar) >= 3 or (len(with_bar) == 2 and any(
        sum(1 for cell in line.split("|") if role_of(cell.strip(BLANKS))) >= 2 for line in with_bar))


def read_pipes(lines: list[tuple[int, str]]) -> SourceTable:
    stripped = [text.strip(BLANKS) for _, text in lines]
    one_cell = sum(1 for t in stripped if t == "|" or (t.endswith("|") and t.count("|") == 1))
    barred = sum(1 for t in stripped if "|" in t)
    cells_shape = one_cell * 2 > barred
    rows = _cell_rows(lines) if cells_shape else _line_rows(lines)
    return _Table(rows, cells_shape).run()


def _line_rows(lines: list[tuple[int, str]]) -> list[tuple[list[str], int] | tuple[str, int]]:
    """("row", cells) per line with a `|`, or the line itself (a heading, the preamble)."""
    out: list = []
    for no, raw in lines:
        text = raw.strip(BLANKS)
        if not text:
            continue
        if "|" not in text:
            out.append((text, no))
            continue
        cells = [c.strip(BLANKS) for c in text.split("|")]
        if text.startswith("|"):
            cells = cells[1:]
        if text.endswith("|"):
            cells = cells[:-1]
        out.append((cells, no))
    return out


def _cell_rows(lines: list[tuple[int, str]]) -> list:
    """The cell-a-line shape: the lines before the first cell as they are, then ("run", cells):
    one long run of cells (a cell's lines joined, with its first line number); rows are cut
    out of the run later, knowing the header."""
    nonblank = [(no, raw.strip(BLANKS)) for no, raw in lines if raw.strip(BLANKS)]
    first_bar = next((k for k, (_, text) in enumerate(nonblank) if text.endswith("|")), 0)
    start = first_bar - 1 if nonblank and nonblank[first_bar][1] == "|" else first_bar
    start = max(start, 0)
    out: list = [(text, no) for no, text in nonblank[:start]]
    run: list[tuple[str, int]] = []
    current: list[str] = []
    current_line = 0
    for no, text in nonblank[start:]:
        if text == "|":
            if current:
                run.append(("\n".join(current), current_line))
            current = []
            continue
        if not current:
            current_line = no
        current.append(text.rstrip("|").strip(BLANKS) if text.endswith("|") else text)
        if text.endswith("|"):  # `cell |` on one line
            run.append(("\n".join(current), current_line))
            current = []
    if current:
        run.append(("\n".join(current), current_line))
    out.append(("run", run))
    return out


_IGNORED = ("备注", "说明", "完成情况", "备 注")  # columns a web table carries that say nothing about who does what


def header_roles(words: list[str]) -> list[str]:
    """Each header word's role; a second task-like column (`重点任务 | 工作内容`) is the
    requirement; 备注 and other words are no role ("") and their cells are left unread."""
    roles: list[str] = []
    for word in words:
        role = role_of(word) or ""
        if role == TASK and TASK in roles and REQUIREMENT not in roles:
            role = REQUIREMENT
        roles.append(role)
    return roles


def _kind(text: str) -> str:
    """unit, deadline, seq, empty or text: what a cell holds, to place it in its column."""
    if not text or is_empty_mark(text):
        return "empty"
    if _BARE_NUMBER.match(text):
        return "seq"
    if classify_cell(text) == "units" or _has_role_words(text):
        return "unit"
    explicit, relative, _ = read_deadlines(text, 2000)
    if len(text) <= 24 and (explicit or relative or any(p in text for p in _PHRASES)):
        return "deadline"
    return "text"


def _has_role_words(text: str) -> bool:
    from ..rolecell import RoleProblem, roles_in_words

    try:
        return roles_in_words(text) is not None
    except RoleProblem:
        return True


def _fits(kind: str, role: str) -> bool:
    if kind == "empty" or role == "":
        return True
    if role in UNIT_ROLES:
        return kind == "unit"
    if role == DEADLINE:
        return kind in ("deadline", "text")
    if role == SEQ:
        return kind == "seq"
    return kind in ("text", "deadline")


class _Table:
    def __init__(self, rows: list, cells_shape: bool):
        self.rows = rows
        self.cells_shape = cells_shape
        self.notes: list[Note] = []
        self.body: list[GridRow | Heading] = []
        self.above: list[Cell | None] = []

    def run(self) -> SourceTable:
        preamble: list[tuple[str, Origin]] = []
        header = None
        items = iter(self.rows)
        pending_run = None
        for entry, no in items:
            if entry == "run":
                pending_run = no  # the run of cells: its first cells are the header
                break
            if isinstance(entry, str):
                preamble.append((entry, Origin(line=no)))
                continue
            roles = header_roles([c for c in entry if c])
            if header_problem([r for r in roles if r]) is None and sum(1 for r in roles if r) >= 2:
                header = ([c for c in entry if c], no)
                break
            preamble.append((" ".join(entry), Origin(line=no)))
        if pending_run is not None:
            run = pending_run
            k = 0
            while k < len(run) and (role_of(run[k][0]) or run[k][0] in _IGNORED):
                k += 1
            roles = header_roles([c for c, _ in run[:k]])
            if k < 2 or header_problem([r for r in roles if r]) is not None:
                raise ParseError(run[0][1] if run else 1, "复制自网页的表格(「|」分隔)中找不到表头")
            self.columns = [Column(r, c, Origin(line=no)) for (c, no), r in zip(run[:k], roles)]
            self.from_run(run[k:])
        else:
            if header is None:
                raise ParseError(1, "复制自网页的表格(「|」分隔)中找不到表头")
            self.columns = [Column(r, c, Origin(line=header[1])) for c, r in zip(header[0], header_roles(header[0]))]
            for entry, no in items:
                if isinstance(entry, str):
                    self.line(entry, no)
                else:
                    self.row(entry, no)
        self.notes.append(Note(self.columns[0].origin, "header_mapped",
                               "复制自网页的表格(「|」分隔):各栏按内容对应表头 " + " | ".join(c.header for c in self.columns)))
        return SourceTable(preamble, self.columns, self.body, self.columns[0].origin, self.notes)

    # -- rows --------------------------------------------------------------------------
    def line(self, text: str, no: int) -> None:
        if heading_of(text):
            self.body.append(Heading(text, Origin(line=no)))
            self.above = []
        elif self.body and isinstance(self.body[-1], GridRow):  # a cell's text wrapped onto its own line
            last = next((c for c in reversed(self.body[-1].cells) if c is not None), None)
            if last is not None:
                last.paragraphs.append(text)
                last.origins.append(Origin(line=no))
                self.notes.append(Note(Origin(line=no), "lines_joined", "没有「|」的一行接在上一格之后"))
        else:
            self.notes.append(Note(Origin(line=no), "text_skipped", f"表格中这一行未读入:「{text[:30]}」", "warning"))

    def from_run(self, run: list[tuple[str, int]]) -> None:
        """Cut the cell-a-line run into rows: a row ends with the cell of the last column."""
        last = self.columns[-1].role
        row: list[tuple[str, int]] = []
        for text, no in run:
            row.append((text, no))
            kind = _kind(text)
            if (last == DEADLINE and kind == "deadline") or (last in UNIT_ROLES and kind == "unit"):
                self.row([t for t, _ in row], row[0][1])
                row = []
        if row:
            raise ParseError(row[0][1], "表格最后几格凑不成一行(缺少最后一栏)", row[0][0])

    def row(self, cells: list[str], no: int) -> None:
        roles = [c.role for c in self.columns]
        cells = list(cells)
        if len(cells) == len(roles) + 1 and not cells[0]:
            cells = cells[1:]  # an empty first column the header does not name
        numbers = [i for i, c in enumerate(cells) if _BARE_NUMBER.match(c)]
        if SEQ not in roles and numbers:
            del cells[numbers[0]]  # an unlabelled 序号
        filled = [c for c in cells if c and not is_empty_mark(c)]
        if len(filled) > len(roles):
            raise ParseError(no, f"这一行有 {len(filled)} 格,比表头的 {len(roles)} 栏多,无法对应", " | ".join(cells))
        tries: list[list[str | None]] = []
        if len(cells) == len(roles):
            tries.append(list(cells))  # every cell printed, empty ones too
        tries.append([None] * (len(roles) - len(filled)) + list(filled))  # merged ones left out
        placed = next((t for t in tries if self._fits(t, roles)), None)
        if placed is None:
            raise ParseError(no, "无法判断这一行的各格对应哪一栏(单位、时限和任务文字的位置对不上表头);"
                                 "请用原网页另存的 .html 或 Word 文件,或用 load --as-table 写出后改正", " | ".join(cells))
        merged = next((g for g, t in enumerate(placed) if t is not None), len(placed))
        out: list[Cell | None] = []
        starts: list[bool] = []
        for g, text in enumerate(placed):
            if g < merged:
                out.append(self.above[g])
                starts.append(False)
            elif text:
                out.append(Cell([p for p in text.split("\n") if p], Origin(line=no)))
                starts.append(True)
            else:
                out.append(None)
                starts.append(True)
        if merged:
            self.notes.append(Note(Origin(line=no), "task_shared", f"这一行少了前 {merged} 栏,与上一行的合并"))
        self.above = out
        self.body.append(GridRow(out, starts, Origin(line=no)))

    def _fits(self, placed: list[str | None], roles: list[str]) -> bool:
        merged = next((g for g, t in enumerate(placed) if t is not None), len(placed))
        if merged and (len(self.above) != len(roles) or any(self.above[g] is None for g in range(merged))):
            return False
        if not any(t for t, r in zip(placed, roles) if r in UNIT_ROLES) and not any(
                self.above[g] is not None for g in range(merged) if roles[g] in UNIT_ROLES):
            return False  # a row without any unit is no row of this table
        return all(text is None or _fits(_kind(text), role) for text, role in zip(placed, roles))
