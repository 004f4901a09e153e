"""The rows of the text reader (text.py): a row as it is read (`Row`), placed in the table
(`Placed`), its cells after the task text put into their columns (`place_cells`: which unit
column is empty or merged with the row above), and a table one row a line with its cells split
by tabs (`read_tabbed`). Functions of the reader's state (`TextReader`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..chars import BLANKS
from ..errors import ParseError
from ..headings import heading_of
from ..numbering import leading_number
from ..table import LEAD, RESP, SEQ, TASK, UNIT_ROLES, Cell, GridRow, Note, Origin
from ..unitcells import is_empty_mark
from .text_cells import Block
from .text_cells import placements as _placements

if TYPE_CHECKING:
    from .text import TextReader


@dataclass
class Row:
    section: int  # index of the heading state the row started under
    paras: list[Block] = field(default_factory=list)
    seq: Block | None = None
    after: list[tuple[str, Block]] = field(default_factory=list)  # (kind, block) after the task text
    page_break: bool = False
    units: dict[str, str] = field(default_factory=dict)  # role → its cell's text, to compare rows
    shares: Placed | None = None  # the row whose task this one's requirement belongs to (self.paired)

    def numbers(self) -> tuple[int, int | None]:
        """(last number of the row's first numbering style, last number of another style after it)."""
        style, top, sub = None, 0, None
        for p in self.paras:
            m = leading_number(p.text)
            if m is None:
                continue
            if style is None or m.style == style:
                style, top, sub = m.style, m.number, None
            else:
                sub = m.number
        return top, sub


@dataclass
class Placed:
    """A row closed and placed in the table: the grid row it became and its task cell (a row
    continued after a page break adds to them)."""

    row: Row
    grid: GridRow
    task_cell: Cell


def place_cells(r: TextReader, row: Row) -> tuple[list[Cell | None], bool]:
    """Put the cells printed after the task text into their columns. Returns the cells
    and whether the lead cell is the one of the row above (merged down)."""
    cells: list[Cell | None] = [None] * len(r.roles)
    if row.seq is not None and (seq := r.col(SEQ)) is not None:
        cells[seq] = Cell([row.seq.text.rstrip(".．、")], Origin(line=row.seq.line))
    post = [i for i, r in enumerate(r.roles) if r not in (TASK, SEQ)]
    first = row.after[0][1]
    unit_cols = [i for i in post if r.roles[i] in UNIT_ROLES]
    unit_names = "、".join(r.header_words[i] for i in unit_cols)
    n_units = sum(k != "deadline" for k, _ in row.after)
    if len(row.after) > len(post):
        extra = row.after[len(post)][1]
        raise ParseError(
            extra.line,
            f"这一行任务后出现了多余的单位栏:表头只有 {len(unit_cols)} 个单位栏目({unit_names})",
            extra.text,
        )
    roles = [r.roles[i] for i in post]
    options = _placements(row.after, roles)
    lead = r.col(LEAD)
    if not options:
        raise ParseError(first.line, f"这一行有 {n_units} 个单位栏,与表头的单位栏目({unit_names})对不上", first.text)
    lead_merged = [r.roles[i] for i in unit_cols] == [LEAD, RESP]
    above_row = r.rows[-1] if r.rows and r.rows[-1].row.section == row.section else None
    # A row printing its task and deadline only, with no 序号 of its own, right under a numbered
    # row: the unit cells are merged with that row's (大竹's row 5, two projects of one 县民政局).
    units_merged = n_units == 0 and row.seq is None and SEQ in r.roles and above_row is not None
    # A unit column may be left out only as the lead merged from the row above.
    valid = [
        p
        for p in options
        if all(
            got is not None or r not in UNIT_ROLES or (lead_merged and r == LEAD) or units_merged
            for got, r in zip(p, roles)
        )
    ]
    # Every task has a responsible unit: an empty mark is read in another column if it can be.
    plausible = [p for p in valid if not any(got and got[0] == "empty" and r == RESP for got, r in zip(p, roles))]
    valid = plausible or valid
    readings = {tuple(r for got, r in zip(p, roles) if got and got[0] == "units") for p in valid}
    if len(readings) != 1:
        raise ParseError(
            first.line,
            f"这一行只有 {n_units} 个单位栏,表头有 {len(unit_cols)} 个单位栏目({unit_names}):"
            "无法判断哪一栏为空或与上一行合并;请在空栏处写「/」",
            first.text,
        )
    placement = min(valid, key=lambda p: sum(got is None for got, r in zip(p, roles) if r in UNIT_ROLES))
    for j, got in enumerate(placement):
        if got is not None and got[0] != "empty":
            cells[post[j]] = Cell([got[1].text], Origin(line=got[1].line))
    if units_merged and above_row is not None:
        for i in unit_cols:
            cells[i] = above_row.grid.cells[i]
        r.notes.append(
            Note(
                Origin(line=first.line),
                "units_from_above",
                f"第 {row.paras[0].line} 行只有工作任务和时限,没有序号和单位栏:按单位栏与上一行合并读作另一行,"
                f"单位沿用上一行「{'、'.join(c.text for i in unit_cols if (c := cells[i]))}」",
                "warning",
            )
        )
        return cells, False
    from_above = lead is not None and placement[post.index(lead)] is None and lead_merged
    if lead is not None and from_above:
        prev = r.rows[-1] if r.rows else None
        above = prev.grid.cells[lead] if prev is not None and prev.row.section == row.section else None
        if above is None:
            raise ParseError(first.line, "只有一个单位栏,但上方没有可以沿用牵头单位的任务行", first.text)
        cells[lead] = above
        r.notes.append(Note(Origin(line=first.line), "lead_from_above", f"牵头单位沿用上一行:{above.text}"))
    return cells, from_above


# -- one row a line, cells split by tabs --------------------------------
def read_tabbed(r: TextReader, body: list[tuple[int, str]]) -> None:
    ncols = len(r.roles)
    header_line = "\t".join(r.header_words)
    prev_cells: list[Cell | None] | None = None
    for no, s in body:
        if not s:
            continue
        if "\t" not in s:
            if h := heading_of(s):
                if r.on_heading(no, s, h[0]):
                    prev_cells = None
                continue
            raise ParseError(no, "这一行没有用制表符分开的栏目,也不是章节标题", s)
        parts = [p.strip(BLANKS) for p in s.split("\t")]
        if "\t".join(parts) == header_line:
            continue
        while len(parts) > ncols and parts[-1] == "":
            parts.pop()
        if len(parts) > ncols:
            raise ParseError(no, f"这一行有 {len(parts)} 栏,表头只有 {ncols} 栏", s)
        starts = [True] * ncols
        above: Cell | None = None  # the lead cell of the row above, when this row's merges into it
        if len(parts) < ncols:
            lead = r.col(LEAD)
            if (
                len(parts) == ncols - 1
                and lead is not None
                and r.col(RESP) == lead + 1
                and prev_cells is not None
                and (above := prev_cells[lead]) is not None
            ):
                parts.insert(lead, "")
                starts[lead] = False
            else:
                raise ParseError(
                    no,
                    f"这一行只有 {len(parts)} 栏,表头有 {ncols} 栏:无法判断哪一栏为空或与上一行合并;请在空栏处写「/」",
                    s,
                )
        cells: list[Cell | None] = []
        for i, p in enumerate(parts):
            if not starts[i]:
                cells.append(above)
                continue
            cells.append(
                None
                if not p or is_empty_mark(p)
                else Cell([r.repair(Block(no, p)) if r.roles[i] == TASK else p], Origin(line=no))
            )
        if above is not None:
            r.notes.append(Note(Origin(line=no), "lead_from_above", f"牵头单位沿用上一行:{above.text}"))
        r.add_row(GridRow(cells, starts, Origin(line=no)))
        prev_cells = cells
