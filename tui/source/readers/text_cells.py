"""The plain-text table reader's small pieces (readers/text.py): a block of text and its line, where a
header should have been, which cells read as a deadline or a short phrase, and every way to put the
cells printed after a task's text into the columns after the task column."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..chars import PERIOD, SEMI
from ..dates import read_deadlines
from ..headings import heading_of
from ..numbering import leading_number
from ..rolecell import RoleProblem, role_word, roles_in_words, split_top_level
from ..table import DEADLINE, REQUIREMENT, SEQ, TASK, UNIT_ROLES, Cell, Origin
from ..unitcells import looks_like_unit_name, split_names

_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")


@dataclass
class Block:
    line: int
    text: str


def block_cell(blocks: list[Block]) -> Cell:
    """The cell the blocks make, one paragraph each, at the first one's line."""
    return Cell([b.text for b in blocks], Origin(line=blocks[0].line), [Origin(line=b.line) for b in blocks])


def where_header_belongs(nonblank: list[tuple[int, str]]) -> int:
    """The first heading line after the notice's date (the table should start above it),
    else the last line."""
    dated = next((i for i, (_, s) in enumerate(nonblank) if _DATE_LINE.match(s.rstrip("。. "))), None)
    if dated is not None:
        for no, s in nonblank[dated + 1 :]:
            if heading_of(s):
                return no
    return nonblank[-1][0]


def short_phrase(text: str) -> bool:
    return (
        len(text) <= 16
        and not any(c in text for c in PERIOD + SEMI + "，,")
        and not leading_number(text)
        and not heading_of(text)
    )


def is_deadline_cell(text: str) -> bool:
    if len(text) > 40 or leading_number(text) or any(c in text for c in PERIOD + SEMI + "，,"):
        return False  # a clause: task text that mentions a date
    explicit, relative, doubtful = read_deadlines(text, 2000)
    return bool(explicit or relative or doubtful)


def placements(after: list[tuple[str, Block]], roles: list[str]) -> list[list]:
    """Every way to assign the cells after the task text to the post-task columns, in
    order (None = the column was not printed)."""
    found: list[tuple[int, list]] = []

    def fits(kind: str, role: str) -> bool:
        if kind == "empty":
            return True
        if kind == "deadline":
            return role == DEADLINE
        return role in UNIT_ROLES

    def walk(i: int, j: int, acc: list) -> None:
        if i == len(after):
            rest = acc + [None] * (len(roles) - j)
            found.append((sum(rest[k] is None and r in UNIT_ROLES for k, r in enumerate(roles)), rest))
            return
        if j == len(roles):
            return
        if fits(after[i][0], roles[j]):
            walk(i + 1, j + 1, acc + [after[i]])
        walk(i, j + 1, acc + [None])

    walk(0, 0, [])
    return [p for _, p in found]


def names_with_roles(text: str) -> bool:
    """Whether a block is a unit cell naming roles (`X、Y牵头,Z按职能分工落实`): every part before
    a role word is a list of unit names, and there is no sentence mark. A `;` between role groups
    (`X牵头落实;Y、Z按职责分工分别落实`) separates them as `,` does: each part before it names a role."""
    if any(c in text for c in PERIOD + "：:“”《》"):
        return False
    if any(c in text for c in SEMI) and not all(role_word(p) for p in split_top_level(text, SEMI)):
        return False
    try:
        roles = roles_in_words(text)
    except RoleProblem:
        return False
    if roles is None or roles.definitions or roles.persons:
        return False
    names = [n for texts in roles.units.values() for t in texts for n in split_names(t)]
    return bool(names) and all(looks_like_unit_name(n) for n in names)


def task_column_holds_headings(roles: list[str], body: list[tuple[int, str]]) -> bool:
    """工作任务 then 具体措施 (both text), no 序号: the 工作任务 cell is a numbered heading
    (`(一)推进…`, merged over its rows, printed once) and the first 具体措施 cell starts `1.`: the
    headings are subsections and the measures the tasks."""
    if SEQ in roles or roles.index(TASK) + 1 != roles.index(REQUIREMENT):
        return False
    texts = [t.strip() for _, t in body if t.strip()]
    if len(texts) < 2 or not (h := heading_of(texts[0])) or h[0] not in (1, 2):
        return False
    numbered = [leading_number(t) for t in texts[1:] if not heading_of(t)]
    return bool(numbered) and numbered[0] is not None and numbered[0].number == 1
