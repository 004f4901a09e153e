"""Read a 任务分工 from text: the flattened web page (one block per table cell, blank lines
between, merged cells printed once, headings repeated at page tops, rows cut by page
breaks), hard-wrapped text, or a table copied into Notepad (one row a line, cells split by
tabs). Everything that rebuilds merged cells from flattened text lives here, and every
such decision is recorded as a `Note`.
"""

from __future__ import annotations

import re

from ... import ooxml
from ..chars import BLANKS, LPAREN, PERIOD, RPAREN, SEMI, cls, fold, squeeze, visible
from ..numerals import CHINESE_NUMERAL_CHARS
from ..dates import repair_dates
from ..errors import ParseError
from ..glosses import GLOSSES_REMOVED, strip_glosses
from ..script import simplify
from .text_by_content import cells_by_content, first_units_line
from ..headers import HEADER_WORDS, is_unread, role_of
from ..headings import heading_of
from ..model import Repair
from ..numbering import leading_number
from ..paths import PATHS_ONLY, repair_path_numbering
from ..table import (
    DEADLINE,
    LEAD,
    REQUIREMENT,
    RESP,
    SEQ,
    TASK,
    UNIT_ROLES,
    Column,
    GridRow,
    Heading,
    Note,
    Origin,
    SourceTable,
)
from ..unitcells import classify_cell, line_joiner, split_names
from .glued_header import refuse_glued_header
from .two_columns import refuse_two_columns
from .text_decode import decode_text
from .text_header import find_header, segment_header
from .text_lost_dot import lost_dot_number
from .page import drop_lost_blanks, fullwidth_bars, markdown_rows, without_menus, without_page_numbers
from .tail import blanked, tail_start
from .text_signature import without_signature
from .text_seq_rows import read_seq_rows
from .text_cells import Block as _Block
from .text_cells import block_cell
from .text_cells import is_deadline_cell as _is_deadline_cell
from .text_cells import names_with_roles, task_column_holds_headings
from .text_cells import short_phrase as _short_phrase
from .text_cells import where_header_belongs as _where_header_belongs
from .text_rows import Placed, Row, place_cells, read_tabbed

_CN_SEQ = re.compile(
    rf"^(?:[{CHINESE_NUMERAL_CHARS}]{{1,3}}、?|{cls(LPAREN)}[{CHINESE_NUMERAL_CHARS}]{{1,3}}{cls(RPAREN)})$"
)
_SEQ_CHARS = set("0123456789０１２３４５６７８９.．、")
JUDGED_LINES = ooxml.JUDGED_LINES
_ENDS_SENTENCE = set(PERIOD + SEMI + "！!？?")
# Characters of the shortest line a page's width cuts (a printed line holds 20 and more).
_SHORTEST_WRAPPED = 16


def _unit_header_line(line: str) -> bool:
    """A unit column's header word on a line of its own (`责任单位`)."""
    role = role_of(line)
    return role is not None and role in UNIT_ROLES and line.strip(BLANKS) in HEADER_WORDS[role]


def read_text(data: bytes, name: str) -> SourceTable:
    """Read a 任务分工 from text. Like every reader it keeps to the gate's limits (tui/ooxml.py):
    at most MAX_TEXT_LINES lines, checked before any is read, and MAX_ROWS task rows,
    refused as the next one is met (a file of 400,000 tab-separated rows took 14 s and 1 GB)."""
    text = simplify(visible(decode_text(data, name)))
    unglossed = strip_glosses(text).splitlines()
    lines = [drop_lost_blanks(line) for line in unglossed]
    if len(lines) > ooxml.MAX_TEXT_LINES:
        raise ParseError(
            ooxml.MAX_TEXT_LINES + 1,
            f"{name} 有 {len(lines)} 行,超过任务分工文件 {ooxml.MAX_TEXT_LINES} 行的上限,未读取",
        )
    # What follows the last task when a page or a whole 公文 is copied (readers/tail.py): a footer and
    # a 版记 are never read; a signature, see text_signature.py.
    # a site's menu is no row; a Markdown table, or one with `｜`, is a table copied with `|`
    lines = markdown_rows(fullwidth_bars(without_menus(lines)))
    tail = tail_start(lines)
    table = without_signature(blanked(lines, tail), tail, lambda text: _table_of(text, name))
    if tail < len(lines):
        table.notes.append(
            Note(
                Origin(line=tail + 1),
                "tail_skipped",
                f"第 {tail + 1} 行起是网页页脚或公文版记(打印本页、抄送、此件公开发布等),未读入",
            )
        )
    glossed = next((no for no, (was, now) in enumerate(zip(text.splitlines(), unglossed), 1) if was != now), None)
    if glossed is not None:
        table.notes.append(
            Note(
                Origin(line=glossed),
                "glosses_removed",
                GLOSSES_REMOVED,
            )
        )
    return table


def _table_of(lines: list[str], name: str) -> SourceTable:
    numbered = without_page_numbers(lines)
    try:
        return TextReader(numbered, name).run()
    except ParseError:
        by_content = cells_by_content(numbered)
        if by_content is None:
            raise
        return by_content


class TextReader:
    def __init__(self, lines: list[tuple[int, str]], name: str = ""):
        """`lines`: each with its number in the file (a page number's line left out)."""
        self.name = name
        self.lines = [(no, raw.strip(BLANKS)) for no, raw in lines]
        self.notes: list[Note] = []
        self.repairs: list[Repair] = []
        self.body: list[GridRow | Heading] = []
        self.rows: list[Placed] = []
        self.row_count = 0
        self.open: Row | None = None
        self.heading_state = 0  # bumps on every new (not repeated) heading
        self.current: dict[int, str] = {}  # heading level → its text, to spot page-top repeats
        self.page_break = False
        self.known_units: dict[str, None] = {}
        # 序号 | task | requirement | units, one cell a block: the first block after a 序号 is the
        # task, each later text block a requirement with the unit cells after it (a task cell merged
        # over its requirement rows).
        self.paired = False

    # -- structure ---------------------------------------------------------
    def run(self) -> SourceTable:
        nonblank = [(no, s) for no, s in self.lines if s]
        if not nonblank:
            raise ParseError(1, "文件为空")
        found = find_header(nonblank[:JUDGED_LINES])
        if found is None:
            judged = nonblank[:JUDGED_LINES]
            refuse_glued_header(judged)  # `工作要求具体任务具体要求责任科室…`: the separators lost
            refuse_two_columns(judged)  # a two-column page's lines, the columns side by side
            from .label_rows import label_rows_as_prose
            from .pipes import looks_like_pipes, read_pipes
            from .prose import looks_like_prose, read_prose

            # Without `|`, a unit column's header word on a line of its own is a table whose header
            # was not found (cut or shuffled): never read it as prose, which would drop its cells.
            table_like = any(_unit_header_line(s) for _, s in judged)
            if looks_like_pipes([s for _, s in judged]):
                try:
                    return read_pipes(self.lines)
                except ParseError as refused:
                    # One task as labelled rows (`重点工作: | … |`, `牵头单位: | … |`): the prose they stand for.
                    if (labelled := label_rows_as_prose(self.lines)) is not None:
                        try:
                            return read_prose(labelled)
                        except ParseError:
                            raise refused from None
                    # A page's metadata box copied with `|` above a prose breakdown: the prose
                    # reader's turn; else the table's refusal stands.
                    if table_like or not looks_like_prose([s for _, s in judged if "|" not in s]):
                        raise
                    return read_prose([(s, Origin(line=no)) for no, s in self.lines])
            if not table_like and looks_like_prose([s for _, s in judged]):
                return read_prose([(s, Origin(line=no)) for no, s in self.lines])
            from .subject_list import looks_like_subject_list, read_subject_list

            if not table_like and looks_like_subject_list([s for _, s in judged]):
                return read_subject_list([(s, Origin(line=no)) for no, s in self.lines])
            units_line = first_units_line(nonblank)
            if units_line is not None and not table_like:
                raise ParseError(
                    units_line[0],
                    "这一行写了单位,但读不出全文的格式:既找不到表格的表头(「工作任务」"
                    "「责任单位」等栏目),也不是每条任务后用括号或「牵头单位:」「责任单位:」行写明单位的条文"
                    "(例如单位前写了牵头领导、单位行不在任务之后,或全文只有一处)",
                    units_line[1][:60],
                )
            if table_like:
                no, word = next((no, s.strip(BLANKS)) for no, s in nonblank if _unit_header_line(s))
                near = [
                    t.strip(BLANKS)
                    for n, t in nonblank
                    if no - 8 <= n < no and len(t.strip(BLANKS)) <= 12 and not role_of(t)
                ]
                raise ParseError(
                    no,
                    f"「{word}」像是表头的一栏,但读不出整个表头"
                    + (
                        f":它前面的「{'」「'.join(near[-4:])}」不是认得的栏目名"
                        if near
                        else ":找不到「工作任务」一类的栏目"
                    )
                    + "(表头应有「工作任务」或 重点任务、工作内容、项目内容 等,及单位栏目)",
                    word,
                )
            raise ParseError(
                _where_header_belongs(nonblank),
                "找不到表头:表格前应有「工作任务」及「牵头单位」「责任单位」"
                "「配合单位」之一等栏目,每栏一行或在同一行用制表符/空格分开",
            )
        start_line, end_line, headers, tabbed = found
        self.one_line_header = start_line == end_line
        self.blank_separated = False
        header_line = segment_header(nonblank[[n for n, _ in nonblank].index(start_line)][1])
        # A header typed on one line with tabs, above a table that is still one cell a block.
        tabbed = tabbed and any(
            "\t" in s and not heading_of(s) and segment_header(s) != header_line for no, s in nonblank if no > end_line
        )
        self.columns = [Column(role_of(h) or "", h, Origin(line=ln)) for h, ln in headers]
        unknown = [c for c in self.columns if not c.role and not is_unread(c.header)]
        if unknown:
            raise ParseError(unknown[0].origin, "表头中有无法识别的栏目", unknown[0].header)
        self.header_words = [c.header for c in self.columns]
        self.roles = [c.role for c in self.columns]
        for c in self.columns:
            if not c.role:
                self.notes.append(
                    Note(c.origin, "header_mapped", f"表头「{c.header}」一栏不读入(不是任务、单位或时限)")
                )
            elif fold(squeeze(c.header)) != HEADER_WORDS[c.role][0]:
                self.notes.append(Note(c.origin, "header_mapped", f"表头「{c.header}」按「{c.role}」栏读取"))
        preamble = [(s, Origin(line=no)) for no, s in nonblank if no < start_line]
        body = [(no, s) for no, s in self.lines if no > end_line]
        if tabbed:
            read_tabbed(self, body)
        elif "" in self.roles:  # a column left unread (进展情况, 备注): rows only by their 序号
            rows, notes = read_seq_rows(body, self.columns, start_line, lambda no, t: self.repair(_Block(no, t)))
            self.notes.extend(notes)
            for entry in rows:
                if isinstance(entry, GridRow):
                    self.add_row(entry)
                else:
                    self.body.append(entry)
        else:
            if REQUIREMENT in self.roles and self.numbered_task_then_requirements():
                self.paired = True
                self.notes.append(
                    Note(
                        Origin(line=start_line),
                        "header_mapped",
                        "「工作任务」与「工作要求」两栏都是文字:序号后的第一段为任务,其后每段为一条要求,"
                        "要求后的单位栏属于这条要求(任务与上一条要求合并时按另一行读取)",
                    )
                )
            elif REQUIREMENT in self.roles and task_column_holds_headings(self.roles, body):
                self.notes.append(
                    Note(
                        Origin(line=start_line),
                        "header_mapped",
                        "「工作任务」一栏是小标题(如「(一)…」,合并单元格只印一次),"
                        f"「{self.columns[self.roles.index(REQUIREMENT)].header}」一栏按任务读取",
                    )
                )
                self.columns = [
                    Column(TASK, c.header, c.origin) if c.role == REQUIREMENT else c
                    for c in self.columns
                    if c.role != TASK
                ]
                self.header_words = [c.header for c in self.columns]
                self.roles = [c.role for c in self.columns]
            elif REQUIREMENT in self.roles:
                raise ParseError(
                    start_line,
                    "纯文本中无法分清「工作任务」和「工作要求」两栏(两栏都是文字);"
                    "请用原件(.docx/.xlsx/.html),或每行一条任务、各栏用制表符分开",
                )
            self.read_blocks(body)
        if not any(isinstance(b, GridRow) for b in self.body):
            last = nonblank[-1][0]
            raise ParseError(last, "表格中没有任何任务行")
        return SourceTable(preamble, self.columns, self.body, Origin(line=start_line), self.notes, repairs=self.repairs)

    def numbered_task_then_requirements(self) -> bool:
        """Columns 序号, task, requirement, then the unit (and deadline) columns, in that order."""
        if SEQ not in self.roles:
            return False
        order = [self.roles.index(r) for r in (SEQ, TASK, REQUIREMENT)]
        return order == sorted(order) and all(i > order[-1] for i, r in enumerate(self.roles) if r in UNIT_ROLES)

    def on_heading(self, line: int, text: str, level: int) -> bool:
        """Emit a heading unless it repeats the current one at a page top. True if emitted."""
        if self.current.get(level) == text:
            self.page_break = True
            return False
        self.close_row(line, boundary=True)
        self.current[level] = text
        if level == 1:
            self.current.pop(2, None)
        self.heading_state += 1
        self.page_break = False
        self.body.append(Heading(text, Origin(line=line)))
        return True

    # -- flattened blocks --------------------------------------------------
    def is_header_line(self, text: str) -> bool:
        return self.one_line_header and segment_header(text) == self.header_words

    def read_blocks(self, body: list[tuple[int, str]]) -> None:
        nonblank = sum(1 for _, s in body if s)
        # blank lines between the first and the last cell (a page's footer left blank, or blank
        # lines at the end, say nothing of how the cells are separated)
        filled = [i for i, (_, s) in enumerate(body) if s]
        inner = body[filled[0] : filled[-1] + 1] if filled else []
        self.blank_separated = nonblank > 0 and sum(1 for _, s in inner if not s) * 2 >= nonblank
        blocks = list(self.paragraphs(body))
        i = 0
        n = len(self.header_words)
        while i < len(blocks):
            b = blocks[i]
            # The header repeated at a page top (one cell a block, or all on one line).
            if self.is_header_line(b.text):
                self.page_break = True
                i += 1
                continue
            if [x.text for x in blocks[i : i + n]] == self.header_words:
                self.page_break = True
                i += n
                continue
            if (
                SEQ in self.roles
                and _CN_SEQ.match(b.text)
                and i + 1 < len(blocks)
                and self.cell_kind(blocks[i + 1].text) == "text"
                and not heading_of(blocks[i + 1].text)
            ):
                # 序号 一 (or （一）) beside a title: a heading row of the table.
                mark = b.text if b.text.endswith(tuple(RPAREN + "、")) else b.text + "、"
                text = mark + blocks[i + 1].text
                self.notes.append(
                    Note(Origin(line=b.line), "heading_from_seq", f"序号栏「{b.text}」与其后文字作为标题:{text[:30]}")
                )
                heading = heading_of(text)
                assert heading is not None  # a Chinese numeral, its mark, then text: `一、…` or `(一)…`
                self.on_heading(b.line, text, heading[0])
                i += 2
                continue
            if h := heading_of(b.text):
                self.on_heading(b.line, b.text, h[0])
            else:
                self.on_block(b)
            i += 1
        end = blocks[-1].line if blocks else (body[-1][0] if body else 1)
        self.close_row(end, boundary=True)

    def paragraphs(self, body: list[tuple[int, str]]):
        """Blocks of consecutive lines → paragraphs; hard-wrapped lines are joined."""
        cur: _Block | None = None
        joined_from, prev = 0, ""
        for no, s in body + [(0, "")]:
            if not s:
                if cur:
                    yield cur
                    if joined_from:
                        self.notes.append(
                            Note(Origin(line=cur.line), "lines_joined", f"第 {cur.line}–{joined_from} 行按折行合为一段")
                        )
                cur, joined_from = None, 0
                continue
            if cur and self.continues_line(cur.text, s, prev):
                cur.text += line_joiner(prev, s) + s
                joined_from, prev = no, s
                continue
            if cur:
                yield cur
                if joined_from:
                    self.notes.append(
                        Note(Origin(line=cur.line), "lines_joined", f"第 {cur.line}–{joined_from} 行按折行合为一段")
                    )
            cur, joined_from, prev = _Block(no, s), 0, s

    def continues_line(self, before: str, line: str, last: str = "") -> bool:
        """Whether `line` goes on the paragraph `before`, whose last line as written is `last`."""
        if before[-1:] in "、，," and not heading_of(line) and not leading_number(line):
            return True  # a list of names (or a clause) cut at its separator
        if before[-1:] in _ENDS_SENTENCE or heading_of(line) or leading_number(line) or PATHS_ONLY.match(line):
            return False
        if line in self.header_words or self.is_header_line(line):
            return False
        if self.blank_separated:
            # Cells are blocks between blank lines here: a line inside a block that does not
            # start an item, a heading or a path goes on the sentence before it.
            return True
        if self.cell_kind(line) != "text" or self.cell_kind(before) != "text":
            return False
        if TASK in self.roles and REQUIREMENT in self.roles and len(last.strip(BLANKS)) < _SHORTEST_WRAPPED:
            # Two text columns, one cell a line: a short task title (`公开预期引导信息`) and the
            # requirement under it are two cells; a line cut by the page's width is longer.
            return False
        return not (line[:1] in "(（〔[【" and "公开" in line[:6])

    def cell_kind(self, text: str) -> str:
        if SEQ in self.roles and len(text) <= 4 and set(text) <= _SEQ_CHARS and any(c.isdigit() for c in text):
            return "seq"
        if DEADLINE in self.roles and _is_deadline_cell(text):
            return "deadline"
        kind = classify_cell(text)
        if kind == "text" and names_with_roles(text):
            return "units"  # `X、Y牵头,Z按职能分工落实`: a unit cell whose words give the roles
        return kind

    def on_block(self, b: _Block) -> None:
        kind = self.cell_kind(b.text)
        if kind == "ambiguous":
            raise ParseError(b.line, "无法判断这是单位栏还是工作任务(部分名称不像单位)", b.text)
        if kind == "seq":
            if self.open is not None and (self.open.after or self.open.paras):
                self.close_row(b.line, boundary=not self.open.after)
            self.start_row().seq = b
            return
        if kind == "text" and self.awaits_deadline_cell() and _short_phrase(b.text):
            kind = "deadline"  # `全年`, `按要求`: the 完成时限 cell after the units (warned if unreadable)
        if kind in ("units", "empty", "deadline"):
            row = self.open
            if row is not None and row.paras:
                if kind == "units":
                    b = self.mend_truncated(b)
                    if self.one_unit_a_line(row, b):
                        return
                row.after.append((kind, b))
                return
            if kind != "deadline":
                raise ParseError(b.line, "单位栏前没有对应的工作任务", b.text)
            # a short task text that reads like a date: no cell comes before the task
        self.on_text(b)

    def one_unit_a_line(self, row: Row, b: _Block) -> bool:
        """A unit cell printed one unit a line (`县水务局` / `县住建局` / `县护城河指挥部`) in a table of
        ONE unit column: a unit line after its cell goes on it, never a column of its own. (With a
        牵头 and a 责任 column a third unit block is refused: which cell it belongs to is a guess.)"""
        if sum(r in UNIT_ROLES for r in self.roles) != 1 or not row.after or row.after[-1][0] != "units":
            return False
        last = row.after[-1][1]
        row.after[-1] = ("units", _Block(last.line, f"{last.text}、{b.text}"))
        self.notes.append(
            Note(Origin(line=b.line), "lines_joined", f"第 {b.line} 行的单位接在上一行的单位栏后(一栏中一行一个单位)")
        )
        return True

    def awaits_deadline_cell(self) -> bool:
        """The open row has printed its unit cells and the 完成时限 column, after them, is still due."""
        row = self.open
        if row is None or not row.after or DEADLINE not in self.roles or any(k == "deadline" for k, _ in row.after):
            return False
        last_unit = max(i for i, r in enumerate(self.roles) if r in UNIT_ROLES)
        if self.roles.index(DEADLINE) < last_unit:
            return False
        needed = [r for r in self.roles[: self.roles.index(DEADLINE)] if r in UNIT_ROLES]
        printed = sum(k != "deadline" for k, _ in row.after)
        return printed >= len(needed) or (needed == [LEAD, RESP] and printed == 1)

    def start_row(self) -> Row:
        self.open = Row(self.heading_state, page_break=self.page_break)
        self.page_break = False
        return self.open

    def on_text(self, b: _Block) -> None:
        shares = None
        if self.open is not None and self.open.after:
            before = self.open
            self.close_row(b.line)
            if self.paired and self.rows and self.rows[-1].row is before:
                shares = self.rows[-1]  # the task's next requirement
        text = self.repair(b)
        row = self.open
        if row is None:
            row = self.start_row()
            row.shares = shares
        elif row.paras and (m := leading_number(text)) and m.number == 1:
            last = next((leading_number(p.text) for p in reversed(row.paras) if leading_number(p.text)), None)
            if last is not None and last.style == m.style:
                raise ParseError(b.line, "编号重新从 1 开始,但上一行任务没有单位栏", text)
        row.paras.append(_Block(b.line, text))

    def repair(self, b: _Block) -> str:
        text, date_repairs = repair_dates(b.text)
        for before, after, note in date_repairs:
            self.repairs.append(Repair(b.line, "lost_date_chars", before, after, note))
        text, path_repairs = repair_path_numbering(text)
        for before, after in path_repairs:
            self.repairs.append(Repair(b.line, "lost_dot", before, after))
        if PATHS_ONLY.match(text) or leading_number(text):
            return text
        fixed = lost_dot_number(text, self.expected_numbers())
        if fixed is not None:
            label, rest = fixed
            self.repairs.append(Repair(b.line, "lost_dot", text[: len(label) + 4], f"{label}.{rest[:4]}"))
            return f"{label}.{rest}"
        return text

    def expected_numbers(self) -> set[int]:
        if self.open is not None and not self.open.after:
            return {self.open.numbers()[0] + 1}
        expected = {1}
        if self.page_break and self.rows:
            expected.add(self.rows[-1].row.numbers()[0] + 1)
        return expected

    def mend_truncated(self, b: _Block) -> _Block:
        names = split_names(b.text)
        if not names or names[0]:
            return b
        tail = "、" + (names[1] if len(names) > 1 else "")
        candidates = [n for n in self.known_units if n.endswith(tail)]
        if len(candidates) != 1:
            raise ParseError(b.line, "单位名称残缺,无法确定原名", b.text)
        self.repairs.append(Repair(b.line, "truncated_unit", tail, candidates[0]))
        return _Block(b.line, "、".join([candidates[0]] + names[2:]))

    # -- rows --------------------------------------------------------------
    def close_row(self, line: int, boundary: bool = False) -> None:
        row = self.open
        if row is None:
            return
        if not row.after:
            if not boundary:
                return
            last = row.paras[-1] if row.paras else row.seq
            assert last is not None  # a row opens with its 序号 (on_block) or its first paragraph (on_text)
            raise ParseError(last.line, "这一行任务没有牵头单位或责任单位", last.text)
        self.open = None
        cells, lead_from_above = place_cells(self, row)
        prev = self.rows[-1] if self.rows else None
        row.units = {r: cell.text for r in UNIT_ROLES if (i := self.col(r)) is not None and (cell := cells[i])}
        for names in row.units.values():
            for n in split_names(names):
                self.known_units.setdefault(n, None)
        if (
            row.page_break
            and prev is not None
            and prev.row.section == row.section
            and self.continues(prev.row, row)
            and row.units == prev.row.units
        ):
            prev.row.paras.extend(row.paras)
            prev.task_cell.paragraphs.extend(p.text for p in row.paras)
            prev.task_cell.origins.extend(Origin(line=p.line) for p in row.paras)
            prev.grid.more.extend(Origin(line=b.line) for _, b in row.after)
            self.notes.append(
                Note(
                    Origin(line=row.paras[0].line),
                    "row_continued",
                    f"分页后的内容接续上一行任务(第 {prev.row.paras[0].line} 行起)",
                )
            )
            return
        starts = [True] * len(cells)
        if not self.paired:
            task = block_cell(row.paras)
        elif row.shares is not None:  # a further requirement of the task above
            task, cells[self.roles.index(REQUIREMENT)] = row.shares.task_cell, block_cell(row.paras)
            starts[self.roles.index(TASK)] = False
        else:  # the task's first block, then its requirement
            task = block_cell(row.paras[:1])
            cells[self.roles.index(REQUIREMENT)] = block_cell(row.paras[1:]) if row.paras[1:] else None
        cells[self.roles.index(TASK)] = task  # find_header takes no header without a task column
        if lead_from_above:
            starts[self.roles.index(LEAD)] = False
        grid = GridRow(cells, starts, Origin(line=(row.seq or row.paras[0]).line))
        self.rows.append(Placed(row, grid, task))
        self.add_row(grid)

    def add_row(self, row: GridRow) -> None:
        self.row_count += 1
        if self.row_count > ooxml.DOCUMENT_ROWS:
            raise ParseError(row.origin.line or 1, f"{self.name} 的任务行超过 {ooxml.DOCUMENT_ROWS} 行的上限,未读取")
        self.body.append(row)

    @staticmethod
    def continues(prev: Row, row: Row) -> bool:
        m = leading_number(row.paras[0].text)
        if m is None:
            return False
        top, sub = prev.numbers()
        first = next((leading_number(p.text) for p in prev.paras if leading_number(p.text)), None)
        if first is not None and m.style == first.style:
            return top > 0 and m.number == top + 1
        return sub is not None and m.number == sub + 1

    def col(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None
