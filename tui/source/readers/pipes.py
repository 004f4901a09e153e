"""Tables copied from web pages with `|` between cells → `SourceTable`.

Two shapes come out of a browser's copy:
- a row a line, cells between `|` (`工作任务 | 具体要求 | 责任部门 |`);
- a cell a line, a `|` line after each cell (or `cell |`), with no sign of where a row ends.
Either way a cell merged over several rows is printed once, in its first row, and left out of
the others wherever its column stands. Which column each printed cell belongs to is known from
what it holds (`pipe_place.py`: units, a deadline, a bare 序号, text); a column left out takes
the cell above. 一、/(一) cells at the start of a row are its headings; an unlabelled 序号 cell
is set aside; a header with two requirement-like columns after 工作任务 (`工作任务 | 贯彻举措 |
工作要求`) has a 工作任务 column of headings only. Page metadata cells before the header
(`索引号 | … | 文号 | …`) are the preamble. In the cell-a-line shape a row ends with its last
cell of the last unit or deadline column. A row whose cells cannot be placed, or could be
placed two ways that disagree on units or deadline, is refused naming its line.
"""

from __future__ import annotations

import re

from ... import ooxml
from ..chars import BLANKS, fold, squeeze
from ..dates import read_deadlines
from ..errors import ParseError
from ..headers import REMARKS, UNIT_LABEL, header_problem, is_unread, role_of
from ..headings import heading_of
from ..items import CELL_PHRASES
from ..table import (
    DEADLINE,
    REQUIREMENT,
    RESP,
    SEQ,
    TASK,
    UNIT_ROLES,
    Cell,
    Column,
    GridRow,
    Heading,
    Note,
    Origin,
    SourceTable,
)
from ..unitcells import classify_cell, is_empty_mark
from .pipe_place import Doubt, place
from .pipe_rows import GROUPING, GROUPING_WORDS, cell_rows, header_in_run, header_roles, line_rows, no_header

_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_TASK_NUMBER = re.compile(r"^(\d{1,3})\s*[.、．](?!\d)")
_ACTION = re.compile(
    r"^(?:新增|新建|建设|建成|开展|完成|推进|实施|改造|提升|打造|培训|举办|组织|制定|出台|发布|公开|"
    r"加快|加强|深化|健全|完善|落实|做好|持续|积极|全面|进一步)"
)
# `…基层处等按职责分工落实`: how a unit cell may end, saying each does its part
_DUTY_TAIL = re.compile(
    r"等?(按职责分工负责|按职责分工落实|按职责负责|按职能职责负责|分别负责|分别落实|按职责分工|负责落实)$|等$"
)
_PHRASES = ("长期坚持", "持续推进", "长期推进", "年底前", "年内", "全年", "每季度", "每月", "每年", "常态化")


def looks_like_pipes(lines: list[str]) -> bool:
    """Three lines or more with `|`, or two of which one is a header (`工作任务 | 责任单位 |`)."""
    with_bar = [line for line in lines if "|" in line]
    return len(with_bar) >= 3 or (
        len(with_bar) == 2
        and any(sum(1 for cell in line.split("|") if role_of(cell.strip(BLANKS))) >= 2 for line in with_bar)
    )


def read_pipes(lines: list[tuple[int, str]]) -> SourceTable:
    stripped = [text.strip(BLANKS) for _, text in lines]
    one_cell = sum(1 for t in stripped if t == "|" or (t.endswith("|") and t.count("|") == 1))
    barred = sum(1 for t in stripped if "|" in t)
    cells_shape = one_cell * 2 > barred
    build = cell_rows if cells_shape else line_rows
    if len(lines) > ooxml.JUDGED_LINES and not _header_found(build(lines[: ooxml.JUDGED_LINES]), cells_shape):
        # no header where a header stands: refused before every line is cut into cells (a 19 MB file
        # of `|` took 26 s and 420 MB); the refusal is the one of the lines judged
        return _Table(build(lines[: ooxml.JUDGED_LINES]), cells_shape).run()
    return _Table(build(lines), cells_shape).run()


def _header_found(rows: list, cells_shape: bool) -> bool:
    """Whether `_Table.run` would find a header in these rows (the run of cells, or a line)."""
    if cells_shape:
        return any(entry == "run" and header_in_run(no)[1] > 0 for entry, no in rows)
    for entry, _ in rows:
        if isinstance(entry, list):
            roles = header_roles([c for c in entry if c])
            if header_problem([r for r in roles if r and r != GROUPING]) is None and sum(1 for r in roles if r) >= 2:
                return True
    return False


MAX_ROW_CELLS = 200  # cells of one row of a cell-a-line table (a row with every column merged and
# split over lines has some tens)


def _kind(text: str) -> str:
    """unit, deadline, seq, empty or text: what a cell holds, to place it in its column."""
    if not text or is_empty_mark(text):
        return "empty"
    if _BARE_NUMBER.match(text):
        return "seq"
    bare = UNIT_LABEL.sub("", text)  # `牵头处室:财务处`
    if _ACTION.match(bare):
        pass  # `新增2个乡镇建有托育机构`: a sentence that begins with what is to be done names no unit
    elif _is_units(bare) or all(_is_units(part) for part in re.split("[;；]", bare) if part.strip(BLANKS)):
        return "unit"  # (`市有关单位;各镇(街)`: units between semicolons)
    if squeeze(text) in CELL_PHRASES:  # `长期`, `全年`: a whole 时限 cell naming a span, no date
        return "deadline"
    explicit, relative, _ = read_deadlines(text, 2000)
    if (len(text) <= 24 and explicit) or (len(text) <= 12 and (relative or any(p in text for p in _PHRASES))):
        return "deadline"
    return "text"


def _is_units(text: str) -> bool:
    return classify_cell(text) == "units" or _has_role_words(text) or classify_cell(_DUTY_TAIL.sub("", text)) == "units"


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


def _columns_by_content(run: list[tuple[str, int]]) -> list[Column] | None:
    """The columns of a run of cells with no header, when the run is nothing but `一、` headings,
    numbered tasks (`1.…`, `2.…`, counting on) each followed at once by one unit cell, and a time
    after it (`长期`, `2026年6月底前`) in every row or none: 工作任务 | 责任单位 (| 完成时限). Else None."""
    kinds = [_kind(text) for text, _ in run]
    number, rows, times, k = 0, 0, 0, 0
    while k < len(run):
        text = run[k][0]
        if heading_of(text) and kinds[k] == "text":
            k += 1
            continue
        m = _TASK_NUMBER.match(text)
        if kinds[k] != "text" or m is None or int(m.group(1)) != number + 1:
            return None
        if k + 1 >= len(run) or kinds[k + 1] != "unit":
            return None
        number, rows, k = number + 1, rows + 1, k + 2
        if k < len(run) and kinds[k] == "deadline":
            times, k = times + 1, k + 1
    if rows < 2 or times not in (0, rows):
        return None
    where = Origin(line=run[0][1])
    columns = [Column(TASK, "工作任务", where), Column(RESP, "责任单位", where)]
    return columns + ([Column(DEADLINE, "完成时限", where)] if times else [])


def _metadata_lines(cells: list[str]) -> list[str]:
    """The cells of one page line as lines: `名称: | X | 文号: | Y` → `名称:X`, `文号:Y`."""
    lines: list[str] = []
    for cell in cells:
        if cell.endswith((":", "：")) or not lines or not lines[-1].endswith((":", "：")):
            lines.append(cell)
        else:
            lines[-1] += cell
    return lines


def _columns(words: list[tuple[str, int]], roles: list[str]) -> list[Column]:
    return [Column("" if r == GROUPING else r, c, Origin(line=no)) for (c, no), r in zip(words, roles)]


class _Table:
    def __init__(self, rows: list, cells_shape: bool):
        self.rows = rows
        self.cells_shape = cells_shape
        self.notes: list[Note] = []
        self.body: list[GridRow | Heading] = []
        self.above: list[Cell | None] = []
        self.grouping: set[int] = set()
        self.rows_read = 0

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
            if header_problem([r for r in roles if r and r != GROUPING]) is None and sum(1 for r in roles if r) >= 2:
                header = ([c for c in entry if c], no)
                break
            preamble.append((" ".join(entry), Origin(line=no)))
        if pending_run is not None:
            run = pending_run
            k, n = header_in_run(run)
            if n == 0 and (inferred := _columns_by_content(run)) is not None:
                # no header at all: numbered tasks each followed by its unit cell (`办公室`,
                # `法规科牵头,相关科(室)配合。`) and a time (`长期`); read by what the cells hold, said
                self.columns = inferred
                self.notes.append(
                    Note(
                        Origin(line=run[0][1]),
                        "header_inferred",
                        "复制自网页的表格没有表头:按各格内容读作 " + " | ".join(c.header for c in inferred) + ",请核对",
                        "warning",
                    )
                )
                self.from_run(run)
            elif n == 0:
                starts = [i for i, (c, _) in enumerate(run) if role_of(c) or is_unread(c)]  # a header's first word
                raise no_header(
                    [([c for c, _ in run[i : i + 12]], run[i][1]) for i in starts] or [([], run[0][1] if run else 1)]
                )
            else:
                # page metadata (`名称: | … | 文号: | … |`), the title: the cells of one line are one line
                # and a label cell begins a line of its own (`文号: 某府办〔2026〕3号`)
                for no in dict.fromkeys(no for _, no in run[:k]):
                    for text in _metadata_lines([c for c, n in run[:k] if n == no]):
                        preamble.append((text, Origin(line=no)))
                roles = header_roles([c for c, _ in run[k : k + n]])
                self.columns = _columns(run[k : k + n], roles)
                self.grouping = {g for g, r in enumerate(roles) if r == GROUPING}
                self.from_run(run[k + n :])
        else:
            if header is None:
                raise no_header([(entry, no) for entry, no in self.rows if isinstance(entry, list)])
            roles = header_roles(header[0])
            self.columns = _columns([(c, header[1]) for c in header[0]], roles)
            self.grouping = {g for g, r in enumerate(roles) if r == GROUPING}
            for entry, no in items:
                if isinstance(entry, str):
                    self.line(entry, no)
                else:
                    self.row(entry, no)
        self.notes.append(
            Note(
                self.columns[0].origin,
                "header_mapped",
                "复制自网页的表格(「|」分隔):各栏按内容对应表头 " + " | ".join(c.header for c in self.columns),
            )
        )
        for k, column in enumerate(self.columns):
            if not column.role and k not in self.grouping and not is_unread(column.header):
                # a header word no reader knows: its cells are not read, never without a word
                self.notes.append(
                    Note(
                        column.origin,
                        "header_mapped",
                        f"表头「{column.header}」不是能识别的栏目名称,这一栏的内容未读入",
                        "warning",
                    )
                )
        remarks = self.columns[-1]
        if remarks.role == DEADLINE and fold(squeeze(remarks.header)) == REMARKS:
            self.notes.append(
                Note(
                    remarks.origin,
                    "remarks_as_deadline",
                    "表头中没有完成时限栏:最后的「备注」栏按完成时限读取",
                    "warning",
                )
            )
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
        # the last column that says something (a 备注 after it is mostly left empty)
        # (a 备注 read as the 时限 is left empty in most rows: the row ends before it, see trailing)
        last_role = next(
            (
                c.role
                for c in reversed(self.columns)
                if c.role in UNIT_ROLES or (c.role == DEADLINE and fold(squeeze(c.header)) != REMARKS)
            ),
            "",
        )
        ends = "deadline" if last_role == DEADLINE else "unit" if last_role in UNIT_ROLES else None
        # columns left unread after the last unit column (`责任单位 | 完成情况 | 备注`): their short
        # cells (`推进中`, `11月底前完成`) still belong to the row that has just ended
        at = max((g for g, c in enumerate(self.columns) if c.role in UNIT_ROLES), default=len(self.columns))
        trailing = len(self.columns) - 1 - at if ends == "unit" else 0
        kinds: dict[int, str] = {}  # each cell's kind, read as the rows reach it (a hostile run is
        # refused at its first too long row, not after every cell of it is read)

        def kind(i: int) -> str:
            if i not in kinds:
                kinds[i] = _kind(run[i][0])
            return kinds[i]

        row: list[tuple[str, int]] = []
        has_task = False
        number: int | None = None  # the last number among the row's task cells (kept as the row
        # grows: a run of 5,000 cells without a unit cell re-read every cell before it at each, 50 min)
        for k, (text, no) in enumerate(run):
            if not row and self.body and self._trails(text, kind(k), trailing):
                self._add_trailing(text)
                continue
            if row and kind(k) == "text" and self._starts_next(text, has_task, number):
                # `2.… | ||` then `3.… | ||`: rows whose unit cells are merged with the row above print
                # their task alone; a numbered task or a heading after a row's own task starts the next
                self.row([t for t, _ in row], row[0][1])
                row, has_task, number = [], False, None
            row.append((text, no))
            if len(row) > MAX_ROW_CELLS:
                raise ParseError(
                    row[0][1], f"从这一格起 {MAX_ROW_CELLS} 格都凑不成一行(找不到这一行的单位栏)", row[0][0]
                )
            if kind(k) == "text" and not heading_of(text):
                has_task = True
                number = int(m.group(1)) if (m := _TASK_NUMBER.match(text)) else number
            # the row ends with its last unit cell (`市财政局 | 牵头处室:财务处`: two unit columns)
            if kind(k) == ends and (k + 1 == len(run) or kind(k + 1) != ends):
                self.row([t for t, _ in row], row[0][1])
                row, has_task, number = [], False, None
        if row:
            raise ParseError(row[0][1], "表格最后几格凑不成一行(缺少最后一栏)", row[0][0])

    def _trails(self, text: str, kind: str, trailing: int) -> bool:
        """Whether a short cell right after a row's last unit cell is one of its trailing columns'
        (never a heading, a 序号, a numbered task or units: those begin the next row)."""
        last = self.body[-1]
        if not trailing or not isinstance(last, GridRow) or kind not in ("text", "deadline") or len(text) > 12:
            return False
        if heading_of(text) or _TASK_NUMBER.match(text):
            return False
        ends = max(g for g, c in enumerate(self.columns) if c.role in UNIT_ROLES)
        return sum(1 for c in last.cells[ends + 1 :] if c is not None) < trailing

    def _add_trailing(self, text: str) -> None:
        """Put a trailing cell in the next empty column after the row's last unit column (an
        unread 完成情况 takes `推进中`; a 备注 read as the 时限 takes `11月底前完成`)."""
        last = self.body[-1]
        assert isinstance(last, GridRow)
        ends = max(g for g, c in enumerate(self.columns) if c.role in UNIT_ROLES)
        free = [g for g in range(ends + 1, len(self.columns)) if last.cells[g] is None]
        roles = [self.columns[g].role for g in free]
        g = free[roles.index(DEADLINE)] if _kind(text) == "deadline" and DEADLINE in roles else free[0]
        # a copy: the row below never takes a progress or remarks cell as merged from this one
        last.cells = [*last.cells[:g], Cell([text], last.origin), *last.cells[g + 1 :]]
        last.starts[g] = True

    @staticmethod
    def _starts_next(text: str, has_task: bool, last: int | None) -> bool:
        """Whether a text cell begins the next row although the row gathered so far has no unit cell
        of its own: a heading after the row's task text (`has_task`), or a numbered task after a
        numbered task (`last`: the last number among the row's task cells)."""
        if heading_of(text):
            return has_task
        # the next number only (`3.` after `2.`): a requirement cell numbered `1.` after its task `1.` stays
        return last is not None and (m := _TASK_NUMBER.match(text)) is not None and int(m.group(1)) == last + 1

    def row(self, cells: list[str], no: int) -> None:
        self.rows_read += 1
        if self.rows_read > ooxml.DOCUMENT_ROWS:  # as the text reader: refused at the row past the limit
            raise ParseError(no, f"表格的任务行超过 {ooxml.DOCUMENT_ROWS} 行的上限,未读取")
        roles = [GROUPING if g in self.grouping else c.role for g, c in enumerate(self.columns)]
        cells = [c for c in cells]
        printed = len(cells)
        while cells and not cells[-1]:
            cells.pop()  # `… | |`: the empty cells a copy prints after the last
        emptied = printed > len(cells)  # the copy printed an empty cell: a column left out may be empty
        if not any(c for c in cells):
            return
        words = [c for c in cells if c]
        if len(words) >= 2 and all(role_of(c) or is_unread(c) or squeeze(c) in GROUPING_WORDS for c in words):
            # the header printed again (a page top of the copy, or a part of it): no task
            self.notes.append(Note(Origin(line=no), "header_repeated", f"重复的表头「{' | '.join(words)}」不是任务"))
            return
        if all(heading_of(c) for c in cells if c and not is_empty_mark(c)):
            # `一、以公开助力经济平稳健康发展 |`: a heading's row of its own (never a task taking the
            # units merged above)
            for c in cells:
                if c and not is_empty_mark(c):
                    self.line(c, no)
            return
        headings: list[str] = []
        while len(cells) > 1 and cells[0] and heading_of(cells[0]) and any(c and not heading_of(c) for c in cells[1:]):
            headings.append(cells.pop(0))  # `一、… | (一)… | 1 | 任务 | 单位 |`: the grouping cells
        if SEQ not in roles:
            first = next((i for i, c in enumerate(cells) if _BARE_NUMBER.match(c)), None)
            if first is not None:
                del cells[first]  # an unlabelled 序号
        above = [len(self.above) == len(roles) and self.above[g] is not None for g in range(len(roles))]
        filled = [c for c in cells if c and not is_empty_mark(c)]
        # every cell printed, empty ones too (`| / |`): their places are the columns; else the
        # printed cells alone, the merged ones left out
        tries = [list(cells), filled] if len(cells) == len(roles) and len(filled) < len(cells) else [filled]
        best = None
        for t in tries:
            try:
                p = place([self._kind_here(c, roles) for c in t], roles, above)
            except Doubt:
                raise ParseError(
                    no,
                    "这一行的各格可以对应不同的栏目(单位或时限放在哪一栏说不准),不能猜;"
                    "请用原网页另存的 .html 或 Word 文件,或用 load --as-table 写出后改正",
                    " | ".join(cells),
                ) from None
            if p is not None:
                best = (p, t)
                break
        if best is None or not self._has_units(best, roles):
            raise ParseError(
                no,
                "无法判断这一行的各格对应哪一栏(单位、时限和任务文字的位置对不上表头);"
                "请用原网页另存的 .html 或 Word 文件,或用 load --as-table 写出后改正",
                " | ".join(cells),
            )
        placement, texts = best
        at = dict(zip(placement.columns, texts))
        out: list[Cell | None] = []
        starts: list[bool] = []
        merged = []
        for g in range(len(roles)):
            if g in at:
                text = at[g]
                out.append(Cell([p for p in text.split("\n") if p], Origin(line=no)) if text else None)
                starts.append(True)
            elif above[g]:
                out.append(self.above[g])
                starts.append(False)
                merged.append(self.columns[g].header)
            else:
                out.append(None)
                starts.append(True)
        if headings:
            task = roles.index(TASK)
            cell = out[task]
            own = cell.paragraphs if cell is not None and starts[task] else []
            out[task] = Cell(headings + own, Origin(line=no))
            starts[task] = True
            if self.columns[task].header in merged:
                merged.remove(self.columns[task].header)
        units_merged = [
            self.columns[g].header for g in range(len(roles)) if g not in at and above[g] and roles[g] in UNIT_ROLES
        ]
        own_units = any(roles[g] in UNIT_ROLES for g in at)
        if merged and units_merged and (emptied or own_units):
            # `6.… | 要求 | 市直有关部门 | 已完成 | |`: one unit cell, an empty cell printed at the end:
            # the 牵头单位 may be merged from the row above, or empty; taken as merged, and said. So too
            # where the row's own unit cell stands beside the one taken from above (a copy that drops
            # empty cells: `2 | … | 市直相关部门 | 2021年9月底`): which of the two it fills is a guess
            self.notes.append(
                Note(
                    Origin(line=no),
                    "task_shared",
                    f"这一行没有「{'」「'.join(merged)}」栏,与上一行的合并;但"
                    + ("这一行末尾印有空格," if emptied else "这一行自己的单位也可能属于这一栏,")
                    + f"「{'」「'.join(units_merged)}」也可能是空的,请核对",
                    "warning",
                )
            )
        elif merged:
            self.notes.append(
                Note(Origin(line=no), "task_shared", f"这一行没有「{'」「'.join(merged)}」栏,与上一行的合并")
            )
        self.above = out
        self.body.append(GridRow(out, starts, Origin(line=no)))

    def _kind_here(self, text: str, roles: list[str]) -> str:
        """The cell's kind, a text numbered next after the task cell above (`5.…` under `4.…`)
        being a task: never a requirement under the task above, merged."""
        kind = _kind(text)
        if kind != "text" or TASK not in roles or len(self.above) != len(roles):
            return kind

        def number_above(role: str) -> int | None:
            cell = self.above[roles.index(role)] if role in roles else None
            m = _TASK_NUMBER.match(cell.text) if cell is not None else None
            return int(m.group(1)) if m else None

        mine, task_above = _TASK_NUMBER.match(text), number_above(TASK)
        if mine is None or task_above is None or int(mine.group(1)) != task_above + 1:
            return kind
        # `2.…` after a requirement `1.…` under a task `1.…` merged over its rows: it may be either
        return kind if number_above(REQUIREMENT) == int(mine.group(1)) - 1 else "next task"

    def _has_units(self, best, roles: list[str]) -> bool:
        """A row without any unit, its own or merged from above, is no row of this table."""
        placement, texts = best
        own = any(texts[i] and roles[j] in UNIT_ROLES for i, j in enumerate(placement.columns))
        return own or any(
            self.above[g] is not None
            for g in range(len(roles))
            if roles[g] in UNIT_ROLES and g not in placement.columns and len(self.above) == len(roles)
        )
