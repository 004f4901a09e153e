"""The one interpreter: a neutral `SourceTable` (from any reader) → `Document`.

Headings and their numbering, rows and their ids, unit cells split into units and notes,
the row's roles, 工作要求 and 完成时限; items come from items.py. Every judgement call is
a `Note`; an ambiguity that changes who must do what is a `ParseError` naming its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .chars import BLANKS, squeeze
from .errors import ParseError
from .headers import UNIT_LABEL
from .headings import heading_of
from .items import build_items
from .model import Document, Row, Section, Subsection
from .numerals import CHINESE_NUMERAL_CHARS, chinese_to_int, int_to_chinese
from .preamble import preamble_from_fields, read_preamble, signature_in
from .dates import deadline_dates
from .rolecell import RoleProblem, roles_in_words
from .row_ids import row_id as make_row_id
from .table import (
    COOP,
    DEADLINE,
    LEAD,
    REQUIREMENT,
    RESP,
    SEQ,
    TASK,
    UNIT_ROLES,
    Cell,
    GridRow,
    Heading,
    Note,
    Origin,
    SourceTable,
)
from .unitcells import (
    UnitName,
    is_empty_mark,
    looks_like_unit_name,
    odd_unit_reason,
    rejoin_broken_names,
    split_names,
    split_unit_cell,
)

_ROLE_FIELD = {LEAD: "lead", RESP: "responsible", COOP: "cooperating"}
_ROLE_NAME = {LEAD: "牵头", RESP: "责任", COOP: "配合"}
STAR = "★"  # marks the lead unit among those a 责任单位 cell names


@dataclass
class _Draft:
    section_id: str
    subsection_id: str
    paras: list[tuple[str, Origin]]
    origin: Origin
    units: dict[str, list[str]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    requirement: str | None = None
    deadline: str | None = None
    task_cell: Cell | None = None
    lines: list[int] = field(default_factory=list)  # every line of the row's own cells


# `X会同Y` / `X会Y`: X with Y working with it; X must end as a unit does, so that 委员会, 协会,
# 联合会 are never cut.
_JOINTLY = re.compile(r"^([^、,，;；]+?(?:[处科室局委办厅部院所站联]|中心))会同?([^、,，;；]+)$")


# A unit's bracket that states a rule about roles instead of another name of the unit:
# `(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)`.
_RULE_WORDS = re.compile(r"牵头|下同|以下同|列第一|排第一|逗号前|第一位")
# A note that points to where the units are listed (`市有关单位(见附件1,下同)`): its 下同 repeats the
# pointer, it states no rule about who leads.
_SEE_ALSO = re.compile(r"^(?:详)?见(?:附件|附表|下表|表)\s*\d*\s*[,，;；]?\s*(?:下同|以下同)?$")
# A note saying what a collective covers (`各区县政府﹝含南太湖新区管委会,下同﹞`): its 下同 keeps the
# meaning for later brackets; it says nothing of who leads.
_COVERS = re.compile(r"^含[^,，;；]{2,30}[,，;；]\s*(?:下同|以下同)$")


class _Interpreter:
    def __init__(self, table: SourceTable, year: int | None = None):
        self.table = table
        self.given_year = year
        self.notes: list[Note] = list(table.notes)
        self.sections: list[Section] = []
        self.section: Section | None = None
        self.subsection: Subsection | None = None
        self.drafts: list[_Draft] = []
        self.heading_cells: set[int] = set()  # ids of task cells that held only headings
        self.col = {c.role: i for i, c in enumerate(table.columns)}

    # -- headings ------------------------------------------------------------
    def on_heading(self, text: str, origin: Origin, unnumbered: bool = False) -> None:
        found = heading_of(text)
        if found is None and unnumbered and self.section is None and not self.has_sections:
            self.section = Section("0", "", text, origin.line or 0)
            self.sections.append(self.section)
            self.notes.append(Note(origin, "heading_before_table", f"没有编号的「{text[:40]}」作为章节标题"))
            return
        if found is None:
            self.notes.append(
                Note(origin, "text_skipped", f"表格中这一行不是章节标题,未读入:「{text[:40]}」", "warning")
            )
            return
        level, numeral, title = found
        if level == 1:
            if self.section and (numeral, title) == (self.section.numeral, self.section.title):
                return
            n = self.number(origin, numeral, text)
            expected = int(self.section.id) + 1 if self.section and self.section.id != "0" else 1
            if n < expected:
                raise ParseError(origin, f"章节编号应为「{int_to_chinese(expected)}」,实为「{numeral}」", text)
            if n > expected:  # a department's excerpt keeps only the sections that concern it
                self.notes.append(
                    Note(
                        origin,
                        "heading_skipped",
                        f"章节编号应为「{int_to_chinese(expected)}」,"
                        f"实为「{numeral}」:原文可能只摘录了部分章节,请核对是否漏读了标题",
                        "warning",
                    )
                )
            self.section = Section(str(n), numeral, title, origin.line or 0)
            self.sections.append(self.section)
            self.subsection = None
            return
        if self.section is None:
            if self.has_sections:
                raise ParseError(origin, "小节标题出现在任何章节之前", title)
            # A table whose headings are all （一）…: one implicit section around them.
            self.section = Section("0", "", "", origin.line or 0)
            self.sections.append(self.section)
        if self.subsection and (numeral, title) == (self.subsection.numeral, self.subsection.title):
            return
        n = self.number(origin, numeral, title)
        expected = int(self.subsection.id.split(".")[1]) + 1 if self.subsection else 1
        if n < expected:
            raise ParseError(origin, f"小节编号应为「({int_to_chinese(expected)})」,实为「({numeral})」", title)
        if n > expected:
            self.notes.append(
                Note(
                    origin,
                    "heading_skipped",
                    f"小节编号应为「({int_to_chinese(expected)})」,"
                    f"实为「({numeral})」:原文可能只摘录了部分小节,请核对是否漏读了标题",
                    "warning",
                )
            )
        self.subsection = Subsection(f"{self.section.id}.{n}", numeral, title, origin.line or 0)
        self.section.subsections.append(self.subsection)

    @staticmethod
    def number(origin: Origin, numeral: str, text: str) -> int:
        try:
            return chinese_to_int(numeral)
        except ValueError:
            raise ParseError(origin, f"标题编号「{numeral}」不是有效的中文数字", text) from None

    # -- rows ----------------------------------------------------------------
    def cell(self, row: GridRow, role: str) -> tuple[Cell | None, bool]:
        i = self.col.get(role)
        if i is None:
            return None, True
        return row.cells[i], row.starts[i]

    def on_row(self, row: GridRow) -> None:
        task, task_starts = self.cell(row, TASK)
        seq, _ = self.cell(row, SEQ)
        req, req_starts = self.cell(row, REQUIREMENT)
        deadline, deadline_starts = self.cell(row, DEADLINE)
        if req is not None and is_empty_mark(req.text):
            req = None  # `/`: an empty cell
        if deadline is not None and is_empty_mark(deadline.text):
            deadline = None
        has_units = any(self.cell(row, r)[0] is not None for r in UNIT_ROLES)
        # A 序号 cell holding 一 / （一） with a title beside it and no units: a heading row.
        if (
            seq is not None
            and not has_units
            and task is not None
            and seq.text.strip("、.．（）() ")
            and set(seq.text.strip("、.．（）() ")) <= set(CHINESE_NUMERAL_CHARS)
        ):
            mark = seq.text.strip()
            self.on_heading(mark + ("" if mark.endswith(("、", "）", ")")) else "、") + task.text, seq.origin)
            return
        paras: list[tuple[str, Origin]] = []
        if task is not None and task_starts:
            pairs = list(zip(task.paragraphs, task.origins))
            while pairs and heading_of(pairs[0][0]):
                self.on_heading(*pairs.pop(0))
            paras = pairs
            if not paras:
                self.heading_cells.add(id(task))
        elif task is not None and id(task) not in self.heading_cells:
            self.continued_task(row, task, req if req_starts else None, deadline if deadline_starts else None)
            return
        if not paras and req is not None and req_starts:
            paras, req = list(zip(req.paragraphs, req.origins)), None
            column = self.table.columns[self.col[REQUIREMENT]].header.strip() or "工作要求"
            self.notes.append(Note(row.origin, "items_from_requirement", f"工作任务栏只有标题,条目取自「{column}」栏"))
        if not paras:
            if has_units:
                raise ParseError(row.origin, "单位栏前没有对应的工作任务", self.first_unit_text(row))
            return
        if self.section is None:
            self.section = Section("0", "", "", row.origin.line or 0)
            self.sections.append(self.section)
        sub_id = self.subsection.id if self.subsection else f"{self.section.id}.0"
        draft = _Draft(self.section.id, sub_id, paras, row.origin, task_cell=task)
        draft.requirement = req.text if req is not None else None
        draft.deadline = deadline.text if deadline is not None else None
        self.read_units(row, draft)
        draft.lines = [o.line for _, o in paras if o.line] + self.own_lines(row, exclude=TASK)
        self.drafts.append(draft)

    def own_lines(self, row: GridRow, exclude: str) -> list[int]:
        lines = [o.line for o in row.more if o.line]
        for i, (c, starts) in enumerate(zip(row.cells, row.starts)):
            if c is not None and starts and self.table.columns[i].role != exclude:
                lines += [o.line for o in c.origins if o.line]
        return lines

    def first_unit_text(self, row: GridRow) -> str:
        for r in UNIT_ROLES:
            c, _ = self.cell(row, r)
            if c is not None:
                return c.text
        return ""

    def continued_task(self, row: GridRow, task: Cell, req: Cell | None, deadline: Cell | None) -> None:
        """A task cell merged over several rows: one row each when they differ in 工作要求 or
        时限, else one row whose units are those of all of them."""
        prev = next((d for d in reversed(self.drafts) if d.task_cell is task), None)
        if prev is None:
            raise ParseError(row.origin, "这一行的工作任务与上方合并,但上方没有对应的任务行")
        if req is not None or deadline is not None:
            draft = _Draft(prev.section_id, prev.subsection_id, prev.paras, row.origin, task_cell=task)
            draft.requirement = req.text if req is not None else prev.requirement
            draft.deadline = deadline.text if deadline is not None else prev.deadline
            self.read_units(row, draft)
            self.drafts.append(draft)
            self.notes.append(Note(row.origin, "task_shared", "工作任务与上一行合并,按要求/时限不同的另一行读取"))
            return
        extra = _Draft(prev.section_id, prev.subsection_id, [], row.origin)
        self.read_units(row, extra)
        for role, names in extra.units.items():
            have = prev.units.setdefault(role, [])
            have.extend(n for n in names if n not in have)
        prev.notes.update(extra.notes)
        self.notes.append(Note(row.origin, "task_shared", "工作任务与上一行合并,这一行的单位并入上一行"))

    def read_units(self, row: GridRow, draft: _Draft) -> None:
        found: dict[str, list[str]] = {}
        for role in UNIT_ROLES:
            cell, _ = self.cell(row, role)
            if cell is None:
                continue
            found.setdefault(role, [])
            for group in rejoin_broken_names(cell.paragraphs):
                text = "".join(cell.paragraphs[k].strip(BLANKS) for k in group)
                origin = cell.origins[group[0]]
                if len(group) > 1:
                    self.notes.append(Note(origin, "lines_joined", f"单位名称在行末折断,接回为「{text[:40]}」"))
                if is_empty_mark(text):
                    continue
                for said_role, part in self.roles_of(text, role, origin):
                    self.read_names(part, origin, draft, found.setdefault(said_role, []))
        for role, names in found.items():
            draft.units[role] = names

    def roles_of(self, text: str, column_role: str, origin: Origin) -> list[tuple[str, str]]:
        """The cell's text per role: the column's, unless the cell says each unit's role in
        words (`办公室牵头,各科室配合`)."""
        if STAR in text and column_role == RESP:
            # `★区发改委、统计局`: the starred unit leads (`标★的为牵头单位`), the rest keep the column's role
            names = split_names(text)
            starred = [n.replace(STAR, "").strip() for n in names if STAR in n]
            rest = [n for n in names if STAR not in n]
            once = any(n.kind == "star_lead" for n in self.notes)  # a warning once, then each row as info
            self.notes.append(
                Note(
                    origin,
                    "star_lead",
                    f"单位前标有「★」:{'、'.join(starred)} 按牵头单位读取"
                    + ("" if once else ",请核对(以后各行同样处理)"),
                    "info" if once else "warning",
                )
            )
            return [(LEAD, "、".join(starred))] + ([(RESP, "、".join(rest))] if rest else [])
        joint = _JOINTLY.match(text)
        if joint and looks_like_unit_name(joint.group(1)) and looks_like_unit_name(joint.group(2)):
            # `宣传处会办公室`, `市财政局会同市审计局`: the first does it, the second works with it
            self.notes.append(
                Note(
                    origin,
                    "roles_in_cell",
                    f"单位栏中写明了角色:{_ROLE_NAME[column_role]} {joint.group(1)};配合 {joint.group(2)}(「会同」)",
                )
            )
            return [(column_role, joint.group(1)), (COOP, joint.group(2))]
        try:
            said = roles_in_words(text)
        except RoleProblem as e:
            raise ParseError(origin, f"单位栏中写了角色,但{e}", text) from None
        if said is None:
            return [(column_role, text)]
        parts = [(role, part) for role, texts in said.units.items() for part in texts]
        if [r for r, _ in parts] != [column_role]:
            self.notes.append(
                Note(
                    origin, "roles_in_cell", "单位栏中写明了角色:" + ";".join(f"{_ROLE_NAME[r]} {p}" for r, p in parts)
                )
            )
        return parts

    def read_names(self, text: str, origin: Origin, draft: _Draft, names: list[str]) -> None:
        label = UNIT_LABEL.match(text)
        if label:
            text = text[label.end() :].strip()
        for u in (u for piece in re.split("[;；]", text) if piece.strip() for u in split_unit_cell(piece.strip())):
            if label and not u.note:
                u = UnitName(u.name, label.group(1))
            if not u.name:
                raise ParseError(origin, "单位栏中有空的单位名称", text)
            if (why := odd_unit_reason(u.name)) is not None:
                why = f"({why})" if why else ""
                self.notes.append(Note(origin, "odd_unit", f"「{u.name}」不像单位名称{why},仍按单位读取", "warning"))
            if (
                u.note
                and not label
                and _RULE_WORDS.search(u.note)
                and not _SEE_ALSO.match(u.note)
                and not _COVERS.match(u.note)
            ):  # (a label such as 牵头处室 states no rule)
                self.notes.append(
                    Note(
                        origin,
                        "rule_in_note",
                        f"「{u.name}」后括号中的「{u.note[:40]}」像是说明谁牵头的"
                        "规则,没有照此分配角色(仍按栏目或标签读取);请核对牵头单位,必要时用 "
                        "load --as-table 写出后改正",
                        "warning",
                    )
                )
            if u.note:
                draft.notes[u.name] = u.note
                self.notes.append(Note(origin, "unit_note", f"「{u.name}」的说明「{u.note}」记在该行"))
            if u.name in names:
                self.notes.append(Note(origin, "unit_twice", f"单位栏中「{u.name}」写了两次,只算一次", "warning"))
            else:
                names.append(u.name)

    # -- the document --------------------------------------------------------
    def run(self) -> Document:
        if self.table.fields is not None:
            pre = preamble_from_fields(self.table.fields, self.table.header_origin)
        else:
            pre = read_preamble(self.table.preamble, self.table.header_origin)
            if pre.issuer is None and self.table.tail:  # a signature after the table (a 公文 printed whole)
                issued, issuer = signature_in(self.table.tail)
                if issuer is not None:
                    pre.issuer, pre.issued = issuer, pre.issued or issued
                    signer = issuer.split("、")[-1]
                    where = next((o for t, o in self.table.tail if signer in squeeze(t)), self.table.tail[0][1])
                    self.notes.append(Note(where, "issuer_from_signature", f"发文单位取自表格后的落款「{issuer}」"))
        self.has_sections = any(
            (h := heading_of(text)) is not None and h[0] == 1
            for entry in self.table.body
            for text in (
                [entry.text]
                if isinstance(entry, Heading)
                else [p for c in entry.cells if c is not None for p in c.paragraphs[:1]]
            )
        )
        self.notes.extend(pre.notes)
        if pre.year is None and self.given_year is not None:
            pre.year = self.given_year
            self.notes.append(
                Note(self.table.header_origin, "year_given", f"文件中没有写明年度,按指定的 {pre.year} 年读取")
            )
        elif self.given_year is not None and pre.year != self.given_year:
            self.notes.append(
                Note(
                    self.table.header_origin,
                    "year_given",
                    f"文件写明的年度是 {pre.year} 年,与指定的 {self.given_year} 年不同,按文件的读取",
                    "warning",
                )
            )
        for entry in self.table.body:
            if isinstance(entry, Heading):
                self.on_heading(entry.text, entry.origin, entry.unnumbered)
            else:
                self.on_row(entry)
        if not self.drafts:
            raise ParseError(self.table.header_origin, "表格中没有任何任务行")
        rows = self.build_rows(pre.year)
        return Document(
            pre.number,
            pre.title,
            pre.table_title,
            pre.issued,
            self.sections,
            rows,
            list(self.table.repairs),
            issuer=pre.issuer,
            year=pre.year,
            notes=sorted(self.notes, key=lambda n: n.origin.sort_key),
            columns=[c.header for c in self.table.columns],
        )

    def build_rows(self, year: int | None) -> list[Row]:
        out: list[Row] = []
        counters: dict[str, int] = {}
        for d in self.drafts:
            if not any(d.units.get(r) for r in UNIT_ROLES):
                raise ParseError(d.origin, "这一行任务没有牵头单位或责任单位", d.paras[0][0])
            counters[d.subsection_id] = counters.get(d.subsection_id, 0) + 1
            row_id = make_row_id(d.subsection_id, counters[d.subsection_id])
            before = out[-1] if out and out[-1].subsection_id == d.subsection_id else None
            last = int(before.items[-1].label.split(".")[0]) if before and before.items[-1].label[:1].isdigit() else 0
            items, path_note, notes = build_items(row_id, d.paras, year, d.deadline, d.origin, continues_from=last)
            if not items:
                raise ParseError(d.origin, "这一行任务只有公开路径,没有任务内容", d.paras[0][0])
            self.notes.extend(notes)
            if d.requirement and d.deadline is None and not any(i.deadline for i in items):
                # `1.4月底前…;2.8月底前…` in a 工作举措及实施计划 cell, no 时限 column: dated steps
                # of the plan, not read as the row's deadline; said, never left silent
                dated, _, _ = deadline_dates(d.requirement, year)
                if dated:
                    steps = "、".join(day.isoformat() for day in dated)
                    self.notes.append(
                        Note(
                            d.origin,
                            "deadline_in_requirement",
                            f"行 {row_id} 的「工作要求」栏写有时间节点({steps}),未作为完成时限读取,请核对",
                            "warning",
                        )
                    )
            first = min((o.line for _, o in d.paras if o.line), default=0)
            out.append(
                Row(
                    row_id,
                    d.section_id,
                    d.subsection_id,
                    d.units.get(LEAD, []),
                    d.units.get(RESP, []),
                    items,
                    first,
                    max(d.lines, default=first),
                    path_note,
                    cooperating_units=d.units.get(COOP, []),
                    unit_notes=dict(d.notes),
                    requirement=d.requirement,
                    deadline_text=d.deadline,
                    origin=str(d.origin),
                )
            )
        return out


def interpret(table: SourceTable, year: int | None = None) -> Document:
    """`year`: the document's year when its text does not say it (`load --year`); a year the
    text states wins, and a different one given is a warning."""
    from .units_from_headings import fill_units_from_headings

    return _Interpreter(fill_units_from_headings(table), year).run()
