"""What the flattened-text reader (text.py) tries when it cannot read a text as it is:
- a table copied one cell a paragraph, its merged cells left out, read by what its cells hold
  (the web-table reader, pipes.py), where paragraphs cannot be two cells or one;
- the line to name in a refusal when no shape fits: the first line that names units with a role.
"""

from __future__ import annotations

import re

from ..chars import BLANKS
from ..errors import ParseError
from ..headings import heading_of
from ..table import DEADLINE, REQUIREMENT, TASK, UNIT_ROLES, GridRow, Note, SourceTable

_ITEM_NUMBER = re.compile(r"^\s*(?:\d{1,2}\s*[.．、]|[(（]\d{1,2}[)）])")


def cells_by_content(lines: list[tuple[int, str]]) -> SourceTable | None:
    """A table copied from a web page one cell a paragraph, whose cells only their content
    places: merged cells left out, so rows have fewer cells than the header (`一、… | 1 | (一)… |
    任务 | 单位 | 全年`, then `2 | 任务 | 单位 | 全年`). Read as the cell-a-line web copy
    (pipes.py) when the block reader could not; None when that cannot read it either (the block
    reader's refusal then stands)."""
    from .pipes import read_pipes

    if any("|" in line for _, line in lines):
        return None
    try:
        table = read_pipes([(no, f"{line} |" if line.strip(BLANKS) else line) for no, line in lines])
    except ParseError:
        return None
    texts = [i for i, c in enumerate(table.columns) if c.role in (TASK, REQUIREMENT)]
    for row in table.body:
        if not isinstance(row, GridRow):
            continue
        own = [cell.paragraphs for i in texts if (cell := row.cells[i]) is not None and row.starts[i]]
        words = [p for paras in own for p in paras if not heading_of(p)]
        # Two paragraphs of text in one row: one cell of two paragraphs, or a task and its
        # requirement? A paragraph a cell cannot tell (`1.…` `2.…` least of all): the block
        # reader's refusal stands.
        if len(words) > 1 or any(_ITEM_NUMBER.match(p) for p in words):
            return None
        # An empty cell leaves no trace either: a row short of a unit or deadline cell (which
        # column is empty, which merged?) is the block reader's refusal too.
        if any(
            (c.role in UNIT_ROLES and (row.cells[i] is None or not row.starts[i]))
            or (c.role == DEADLINE and not row.starts[i])
            for i, c in enumerate(table.columns)
        ):
            return None
    from ..interpret import interpret

    try:
        interpret(table)  # a table the interpreter refuses: the block reader's refusal stands
    except ParseError:
        return None
    table.notes.append(
        Note(table.header_origin, "header_mapped", "每格一段、没有合并单元格标记的表格:各格按内容对应栏目")
    )
    return table


_UNITS_SAID = re.compile(
    r"(牵头单位|责任单位|配合单位|牵头部门|责任部门|责任科室|牵头科室|责任处室)\s*[:：]"
    r"|[(（][^()（）]*(牵头|负责|配合)[^()（）]*[)）]\s*[。.．]?$"
)


def first_units_line(nonblank: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The first line that names units with their role (`责任单位:…`, `(…牵头)`): where a person
    looks first when the text reads neither as a table nor as prose."""
    return next(((no, s) for no, s in nonblank if _UNITS_SAID.search(s)), None)
