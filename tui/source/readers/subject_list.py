"""Numbered lists whose unit is the subject of each item → `SourceTable`: a department's
standing rules or a city office's breakdown without brackets, labels or columns
(`1、秘书科要全面做好…`, `2.各区县政府负责…`, `3.由市财政局牵头,各区县政府配合,…`).

Each numbered item is a row; its units are what its opening names (`tui/source/subjects.py`),
its text is the whole item as written. The document says so in a warning, since the units are
implied by position rather than written in a column. An item whose opening names no unit, or
a subject that might not be one (`各地要…`), is refused naming its line: a person decides.
A web page's elision (`……(某网省略217字,正式会员可完整阅读)……`) is a warning; the text after it
up to the next numbered item is the tail of an item the page left out, not read.

A heading that is nothing but a unit and its role (`一、县示范区管委会牵头工作(8项)`, `(二)县发改局负责`)
gives that unit and role to the items under it that name none themselves (a county's 政府工作报告
breakdown lists its tasks by lead unit); a warning says so, once per such heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..chars import BLANKS, DOT, cls
from ..errors import ParseError
from ..headings import heading_of
from ..rolecell import AFTER_ROLE_WORD
from ..subjects import WITH_OTHERS, SubjectDoubt, subject_of
from ..table import COOP, LEAD, RESP, TASK, Cell, Column, GridRow, Heading, Note, Origin, SourceTable
from .page import is_page_residue
from .prose import keeps_in_preamble, split_shared_line

_ITEM = re.compile(rf"^(?:(\d{{1,3}})\s*{cls(DOT, '、')}(?!\d)|[(（](\d{{1,3}})[)）])\s*")
_ELISION = re.compile(r"省略\s*\d+\s*字|会员可完整阅读|会员可阅读全文")
_HEADERS = {TASK: "工作任务", LEAD: "牵头单位", RESP: "责任单位", COOP: "配合单位"}
# What may follow the unit and its role in a heading that is only that: `工作(8项)`, `的任务(共 12 项)`,
# `落实的工作任务`.
_HEADING_TAIL = re.compile(
    r"^(?:落实|完成|推进|实施|办理)?的?(?:工作|任务|事项|重点工作|工作任务)?"
    r"\s*(?:[(（]\s*共?\s*\d{1,3}\s*项\s*[)）])?[:：]?$"
)


# A heading may open with what the units must do before naming them: `需各区县政府落实的任务`.
_HEADING_NEEDS = re.compile(r"^(?:需要?|须|应当?|请)(?=由|各)")


def heading_units(text: str) -> dict[str, str] | None:
    """role → unit where the heading `text` is only a unit and its role (`一、X牵头工作(8项)`)."""
    h = heading_of(text)
    if h is None:
        return None
    words = _HEADING_NEEDS.sub("", h[2], count=1)  # `需各区县政府落实的任务`: 需 is no part of the unit
    words = AFTER_ROLE_WORD.sub(",", words)  # `X牵头、Y配合的任务`: the 、 parts two roles
    try:
        found = subject_of(words)
    except SubjectDoubt:
        return None
    if found is None or not _HEADING_TAIL.match(words[found.end :].strip(BLANKS)):
        return None
    units = {role: unit for role in (LEAD, RESP, COOP) if (unit := found.roles.unit_text(role))}
    return units or None


def _subject(text: str):
    m = _ITEM.match(text)
    if m is None:
        return None
    try:
        return subject_of(text[m.end() :])
    except SubjectDoubt:
        return None


def looks_like_subject_list(lines: list[str]) -> bool:
    """Whether most numbered items (at least two) open with the units that do them, or stand
    under a heading that names them (`heading_units`)."""
    parts = [part for line in lines for part in split_shared_line(line.strip(BLANKS))]  # `一、…1、X要…`
    numbered = with_subject = 0
    under_unit = False
    for part in parts:
        if h := heading_of(part):
            under_unit = heading_units(part) is not None or (under_unit and h[0] == 2)
        elif _ITEM.match(part):
            numbered += 1
            with_subject += _subject(part) is not None or under_unit
    return with_subject >= 2 and with_subject * 2 >= numbered


@dataclass
class _Item:
    paras: list[str]
    origins: list[Origin]
    units: dict[str, str]  # role → unit text as the subject names it


class _SubjectReader:
    def __init__(self, lines: list[tuple[str, Origin]]):
        self.paras = [
            (part, origin)
            for raw, origin in lines
            if raw.strip(BLANKS)
            for part in split_shared_line(raw.strip(BLANKS))
        ]
        self.notes: list[Note] = []
        self.body: list[_Item | Heading] = []
        self.used = {TASK}
        self.by_level: dict[int, dict[str, str] | None] = {}  # heading level → the units it names

    def start(self) -> int:
        first = next(
            k for k, (t, _) in enumerate(self.paras) if _subject(t) is not None or heading_units(t) is not None
        )
        if heading_units(self.paras[first][0]) is not None:
            return first
        for level in (1, 2):
            for k in range(first, -1, -1):
                h = heading_of(self.paras[k][0])
                if h and h[0] == level and h[1] == "一":
                    return k
        return first

    def item(self, text: str, number: re.Match[str], origin: Origin) -> None:
        """An item whose `number` (`_ITEM`) opens the text."""
        body = text[number.end() :]
        try:
            found = subject_of(body)
        except SubjectDoubt as e:
            raise ParseError(origin, str(e), text) from None
        if found is None:
            units = self.heading_units()
            if units is None:
                raise ParseError(
                    origin, "这一条开头没有写明由哪个单位负责(其他条目的单位都写在开头,如「秘书科要…」)", text
                )
            self.used |= set(units)
            self.body.append(_Item([text], [origin], dict(units)))
            return
        units = {role: unit for role in (LEAD, RESP, COOP) if (unit := found.roles.unit_text(role))}
        if m := WITH_OTHERS.match(body[found.end :]):
            self.notes.append(
                Note(
                    origin,
                    "unit_from_subject",
                    f"「{m.group(1)}」后面提到的单位没有作为这一条的单位读入,"
                    "只记了开头的主语;若它们也负责,请用 load --as-table 写出后补上",
                    "warning",
                )
            )
        self.used |= set(units)
        self.body.append(_Item([text], [origin], units))

    def heading_units(self) -> dict[str, str] | None:
        """The units of the innermost heading above that names some."""
        for level in sorted(self.by_level, reverse=True):
            if self.by_level[level]:
                return self.by_level[level]
        return None

    def heading(self, text: str, origin: Origin) -> None:
        level = heading_of(text)[0]  # type: ignore[index]  # called for headings only
        self.by_level = {k: v for k, v in self.by_level.items() if k < level}
        self.by_level[level] = units = heading_units(text)
        if units:
            named = "、".join(f"{role}单位 {unit}" for role, unit in units.items())
            self.notes.append(
                Note(
                    origin,
                    "unit_from_heading",
                    f"这一节的条目没有写单位:按小标题读作{named}(小标题下各条自己写了单位的,以条目为准),请核对",
                    "warning",
                )
            )
        self.body.append(Heading(text, origin))

    def run(self) -> SourceTable:
        start = self.start()
        preamble = [(t, o) for t, o in self.paras[:start] if keeps_in_preamble(t)]
        elided = False
        for text, origin in self.paras[start:]:
            if _ELISION.search(text):
                elided = True
                self.notes.append(
                    Note(
                        origin,
                        "text_skipped",
                        "网页在此省略了原文:上一条可能不完整,省略掉的条目无法读入;"
                        "请用原文核对,或用 load --as-table 写出后补全",
                        "warning",
                    )
                )
            elif is_page_residue(text):
                self.notes.append(Note(origin, "text_skipped", f"网页上的栏目或页脚,未读入:「{text[:30]}」"))
            elif heading_of(text):
                elided = False
                self.heading(text, origin)
            elif number := _ITEM.match(text):
                elided = False
                self.item(text, number, origin)
            elif self.body and isinstance(self.body[-1], _Item) and not elided:
                self.body[-1].paras.append(text)  # the item's next paragraph
                self.body[-1].origins.append(origin)
            else:
                self.notes.append(
                    Note(
                        origin, "text_skipped", f"这段文字不在任何编号条目中,未作为任务读入:「{text[:30]}」", "warning"
                    )
                )
        return self.table(preamble, self.paras[start][1])

    def table(self, preamble: list[tuple[str, Origin]], header_origin: Origin) -> SourceTable:
        order = [r for r in (TASK, LEAD, RESP, COOP) if r in self.used]
        columns = [Column(r, _HEADERS[r], header_origin) for r in order]
        body: list[GridRow | Heading] = []
        for entry in self.body:
            if isinstance(entry, Heading):
                body.append(entry)
                continue
            paras, origins, units = entry.paras, entry.origins, entry.units
            cells = [
                Cell(paras, origins[0], origins)
                if role == TASK
                else (Cell([units[role]], origins[0]) if role in units else None)
                for role in order
            ]
            body.append(GridRow(cells, [True] * len(cells), origins[0]))
        self.notes.append(
            Note(
                header_origin,
                "unit_from_subject",
                "没有单位栏或写明单位的括号:每条的单位取自条目开头的主语(如「秘书科要…」「由X牵头,Y配合」),"
                "请核对;若有误,用 load --as-table 写出后改正",
                "warning",
            )
        )
        return SourceTable(preamble, columns, body, header_origin, self.notes)


def read_subject_list(lines: list[tuple[str, Origin]]) -> SourceTable:
    """Lines in document order, each with where it came from."""
    return _SubjectReader(lines).run()
