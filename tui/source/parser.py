"""Read a flattened 任务分工 document (see DESIGN.md §2) into rows and items.

Pure: text in, `Document` out. Text it cannot place raises `ParseError` naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import ParseError
from .dates import explicit_deadline, relative_deadline, repair_dates
from .model import Document, Item, Repair, Row, Section, Subsection
from .numerals import CHINESE_NUMERAL_CHARS, chinese_to_int, int_to_chinese
from .paths import PATHS_ONLY, find_paths, repair_path_numbering
from .unitcells import classify_cell, split_unit_cell

BLANK_CHARS = " \t\r\u00a0\u2002\u2003\u3000\ufeff"
_SECTION = re.compile(rf"^([{CHINESE_NUMERAL_CHARS}]+)、(.+)$")
_SUBSECTION = re.compile(rf"^[((]([{CHINESE_NUMERAL_CHARS}]+)[))](.+)$")
_NUMBER = re.compile(r"^(\d{1,2})[.．.、](?!\d)")
_SUB_NUMBER = re.compile(r"^(\d{1,2})[))]")
_BARE_DIGITS = re.compile(r"^(\d+)(?=[^\d.．.、))])")
# Characters after a bare number that show it is a quantity, not an item number.
_QUANTITY = set("年月日个次%%号元万亿件天期届岁名人家所项周时分秒")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号")
_ISSUED = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
HEADER_CELLS = ("工作任务", "牵头单位", "责任单位")


@dataclass
class _Para:
    line: int
    kind: str  # num | sub | plain | paths
    number: int | None
    text: str  # without numbering prefix


@dataclass
class _RowDraft:
    section_id: str
    subsection_id: str
    paras: list[_Para] = field(default_factory=list)
    unit_cells: list[tuple[int, list[str]]] = field(default_factory=list)
    continues: "_RowDraft | None" = None  # set when started right after a page break
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)

    def last_numbers(self) -> tuple[int, int | None]:
        """(last top-level number, last sub-number under it or None)."""
        top, sub = 0, None
        for p in self.paras:
            if p.kind == "num":
                top, sub = p.number, None
            elif p.kind == "sub":
                sub = p.number
        return top, sub

    @property
    def first_line(self) -> int:
        return self.paras[0].line

    @property
    def last_line(self) -> int:
        return max([p.line for p in self.paras] + [ln for ln, _ in self.unit_cells])


def _blocks(text: str) -> list[tuple[int, str]]:
    out = []
    for no, raw in enumerate(text.splitlines(), start=1):
        s = raw.strip(BLANK_CHARS)
        if s:
            out.append((no, s))
    return out


def _heading_number(line: int, numeral: str, text: str) -> int:
    try:
        return chinese_to_int(numeral)
    except ValueError:  # 一一、 or 十十、: heading-shaped, but no numeral
        raise ParseError(line, f"标题编号「{numeral}」不是有效的中文数字", text) from None


class _Parser:
    def __init__(self, text: str):
        self.blocks = _blocks(text)
        self.repairs: list[Repair] = []
        self.sections: list[Section] = []
        self.section: Section | None = None
        self.subsection: Subsection | None = None
        self.rows: list[_RowDraft] = []  # closed rows
        self.open: _RowDraft | None = None
        self.page_break = False
        self.known_units: dict[str, None] = {}

    # -- preamble --------------------------------------------------------
    def preamble(self) -> tuple[int, str, str, str, str | None]:
        if not self.blocks:
            raise ParseError(1, "文件为空")
        title = self.blocks[0][1]
        number = None
        issued = None
        for i in range(len(self.blocks) - 2):
            ln, s = self.blocks[i]
            if tuple(b for _, b in self.blocks[i : i + 3]) == HEADER_CELLS:
                if number is None:
                    raise ParseError(ln, "表头之前找不到文号(如 渝府办发〔2021〕50号)")
                table_title = self.blocks[i - 1][1] if i > 0 else title
                return i + 3, number, title, table_title, issued
            if number is None and (m := _DOC_NUMBER.search(s)):
                number = m.group(0)
            if issued is None and (m := _ISSUED.match(s)):
                issued = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        raise ParseError(self.blocks[-1][0], "找不到表头「工作任务 / 牵头单位 / 责任单位」")

    # -- headings --------------------------------------------------------
    def on_section(self, line: int, numeral: str, title: str) -> None:
        if self.section and numeral == self.section.numeral and title == self.section.title:
            self.page_break = True
            return
        self.close_row(line, boundary=True)
        n = _heading_number(line, numeral, f"{numeral}、{title}")
        expected = int(self.section.id) + 1 if self.section else 1
        if n != expected:
            raise ParseError(line, f"章节编号应为「{int_to_chinese(expected)}」,实为「{numeral}」", f"{numeral}、{title}")
        self.section = Section(str(n), numeral, title, line)
        self.sections.append(self.section)
        self.subsection = None
        self.page_break = False

    def on_subsection(self, line: int, numeral: str, title: str) -> None:
        if self.section is None:
            raise ParseError(line, "小节标题出现在任何章节之前", title)
        if self.subsection and numeral == self.subsection.numeral and title == self.subsection.title:
            self.page_break = True
            return
        self.close_row(line, boundary=True)
        n = _heading_number(line, numeral, title)
        expected = int(self.subsection.id.split(".")[1]) + 1 if self.subsection else 1
        if n != expected:
            raise ParseError(line, f"小节编号应为「({int_to_chinese(expected)})」,实为「({numeral})」", title)
        self.subsection = Subsection(f"{self.section.id}.{n}", numeral, title, line)
        self.section.subsections.append(self.subsection)
        self.page_break = False

    # -- units -----------------------------------------------------------
    def on_units(self, line: int, text: str) -> None:
        row = self.open
        if row is None or not row.paras:
            raise ParseError(line, "单位栏前没有对应的工作任务", text)
        if len(row.unit_cells) == 2:
            raise ParseError(line, "一行任务后出现了第三个单位栏", text)
        names = split_unit_cell(text)
        if names and names[0] == "":
            names = [self.repair_truncated(line, text, names[1:])] + names[2:]
        for name in names:
            if not name:
                raise ParseError(line, "单位栏中有空的单位名称", text)
        row.unit_cells.append((line, names))

    def repair_truncated(self, line: int, text: str, rest: list[str]) -> str:
        tail = "、" + (rest[0] if rest else "")
        candidates = [n for n in self.known_units if n.endswith(tail)]
        if len(candidates) != 1:
            raise ParseError(line, "单位名称残缺,无法确定原名", text)
        self.repairs.append(Repair(line, "truncated_unit", tail, candidates[0]))
        return candidates[0]

    # -- task text -------------------------------------------------------
    def on_text(self, line: int, text: str) -> None:
        if self.section is None:
            raise ParseError(line, "工作任务出现在任何章节之前", text)
        if self.open is not None and self.open.unit_cells:
            self.close_row(line)
        para = self.paragraph(line, text)
        if self.open is None:
            sub_id = self.subsection.id if self.subsection else f"{self.section.id}.0"
            draft = _RowDraft(self.section.id, sub_id)
            prev = self.rows[-1] if self.rows else None
            if self.page_break and prev and prev.subsection_id == sub_id and self.continues(prev, para):
                draft.continues = prev
            self.open = draft
        elif para.kind == "num" and para.number == 1 and any(p.kind == "num" for p in self.open.paras):
            raise ParseError(line, "编号重新从 1 开始,但上一行任务没有单位栏", text)
        self.open.paras.append(para)
        self.page_break = False

    @staticmethod
    def continues(prev: _RowDraft, para: _Para) -> bool:
        top, sub = prev.last_numbers()
        if para.kind == "num":
            return top > 0 and para.number == top + 1
        if para.kind == "sub":
            return sub is not None and para.number == sub + 1
        return False

    def expected_number(self) -> set[int]:
        if self.open is not None and not self.open.unit_cells:
            return {self.open.last_numbers()[0] + 1}
        expected = {1}
        if self.page_break and self.rows:
            expected.add(self.rows[-1].last_numbers()[0] + 1)
        return expected

    def paragraph(self, line: int, text: str) -> _Para:
        text, date_repairs = repair_dates(text)
        for before, after, note in date_repairs:
            self.repairs.append(Repair(line, "lost_date_chars", before, after, note))
        text, path_repairs = repair_path_numbering(text)
        for before, after in path_repairs:
            self.repairs.append(Repair(line, "lost_dot", before, after))
        if PATHS_ONLY.match(text):
            return _Para(line, "paths", None, text)
        if m := _NUMBER.match(text):
            return _Para(line, "num", int(m.group(1)), text[m.end() :].lstrip(BLANK_CHARS))
        if m := _SUB_NUMBER.match(text):
            return _Para(line, "sub", int(m.group(1)), text[m.end() :].lstrip(BLANK_CHARS))
        if m := _BARE_DIGITS.match(text):
            digits, after = m.group(1), text[m.end()]
            if after not in _QUANTITY:
                for n in sorted(self.expected_number(), reverse=True):
                    label = str(n)
                    if digits == label or (digits.startswith(label) and n > 1 and digits[len(label)] != "0"):
                        rest = text[len(label) :]
                        self.repairs.append(Repair(line, "lost_dot", text[: len(label) + 4], f"{label}.{rest[:4]}"))
                        return _Para(line, "num", n, rest)
        return _Para(line, "plain", None, text)

    # -- rows ------------------------------------------------------------
    def close_row(self, line: int, boundary: bool = False) -> None:
        row = self.open
        if row is None:
            return
        if not row.unit_cells:
            if not boundary:
                return
            raise ParseError(row.paras[-1].line, "这一行任务没有牵头单位或责任单位", row.paras[-1].text)
        self.open = None
        prev = self.rows[-1] if self.rows else None
        if len(row.unit_cells) == 2:
            row.lead, row.responsible = row.unit_cells[0][1], row.unit_cells[1][1]
        else:
            if prev is None or prev.subsection_id != row.subsection_id:
                ln, names = row.unit_cells[0]
                raise ParseError(ln, "只有一个单位栏,但上方没有可以沿用牵头单位的任务行", "、".join(names))
            row.lead, row.responsible = list(prev.lead), row.unit_cells[0][1]
        for name in row.lead + row.responsible:
            self.known_units.setdefault(name, None)
        if row.continues is not None and row.continues is prev and (row.lead, row.responsible) == (prev.lead, prev.responsible):
            prev.paras.extend(row.paras)
            prev.unit_cells.extend(row.unit_cells)
            return
        self.rows.append(row)

    def run(self) -> Document:
        start, number, title, table_title, issued = self.preamble()
        for line, text in self.blocks[start:]:
            if m := _SECTION.match(text):
                self.on_section(line, m.group(1), m.group(2))
            elif m := _SUBSECTION.match(text):
                self.on_subsection(line, m.group(1), m.group(2))
            else:
                kind = classify_cell(text)
                if kind == "ambiguous":
                    raise ParseError(line, "无法判断这是单位栏还是工作任务(部分名称不像单位)", text)
                if kind == "units":
                    self.on_units(line, text)
                else:
                    self.on_text(line, text)
        end_line = self.blocks[-1][0] if self.blocks else 1
        self.close_row(end_line, boundary=True)
        if not self.rows:
            raise ParseError(end_line, "表格中没有任何任务行")
        return Document(number, title, table_title, issued, self.sections, self.build_rows(), self.repairs)

    def build_rows(self) -> list[Row]:
        out: list[Row] = []
        counters: dict[str, int] = {}
        for draft in self.rows:
            counters[draft.subsection_id] = counters.get(draft.subsection_id, 0) + 1
            row_id = f"{draft.subsection_id}.{counters[draft.subsection_id]}"
            items, path_note = _items(row_id, draft.paras)
            out.append(Row(row_id, draft.section_id, draft.subsection_id, draft.lead, draft.responsible,
                           items, draft.first_line, draft.last_line, path_note))
        return out


def _items(row_id: str, paras: list[_Para]) -> tuple[list[Item], str | None]:
    items: list[Item] = []
    path_notes: list[str] = []
    heading: Item | None = None  # the last top-level numbered item
    for p in paras:
        if p.kind == "paths":
            path_notes.append(p.text)
        elif p.kind == "num":
            heading = Item(f"{row_id}-{p.number}", str(p.number), p.text, p.line)
            items.append(heading)
        elif p.kind == "sub":
            if heading is None:
                raise ParseError(p.line, "子条目前没有上级编号条目", p.text)
            if heading in items:  # the parent becomes a group heading, not an item
                items.remove(heading)
            label = f"{heading.label}.{p.number}"
            items.append(Item(f"{row_id}-{label}", label, p.text, p.line, group=heading.text))
        elif items:
            items[-1].text += "\n" + p.text
        elif heading is not None:  # text under a heading whose sub-items came before
            raise ParseError(p.line, "无法归属的段落", p.text)
        else:
            items.append(Item(f"{row_id}-0", "0", p.text, p.line))
    if len(items) == 1 and items[0].label == "0":
        items[0].label, items[0].id = "1", f"{row_id}-1"
    seen: set[str] = set()
    for item in items:
        if item.label in seen:
            raise ParseError(item.line, f"同一行任务中条目编号「{item.label}」重复", item.text)
        seen.add(item.label)
    row_paths = [path for note in path_notes for path in find_paths(note)]
    for item in items:
        full = (item.group + "\n" if item.group else "") + item.text
        item.disclosure_paths = find_paths(item.text) or list(row_paths)
        item.deadline = explicit_deadline(full)
        item.relative_deadline = relative_deadline(full)
    return items, "\n".join(path_notes) or None


def parse_document(text: str) -> Document:
    """Parse the full text of a 任务分工 document."""
    return _Parser(text).run()
