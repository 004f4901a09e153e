"""A table without a unit column whose part headings say who does the rows under them
(`一、各区、县(市)政府、市政府各部门负责落实的工作任务`, `二、市政府办公厅牵头落实的任务`).

Each row takes the units of the innermost heading above it that names some, as columns added
to the table (`牵头单位(取自小标题)` …), with a warning at each such heading: the units are
implied by position, a person should look. A row under no such heading is refused naming
it, since nothing says who does it. Tables with a unit column of their own are left as they are.
"""

from __future__ import annotations

from dataclasses import replace

from .errors import ParseError
from .headings import heading_of
from .readers.subject_list import heading_units
from .table import UNIT_ROLES, Cell, Column, GridRow, Heading, Note, Origin, SourceTable


def names_units(text: str) -> bool:
    """Whether `text` is a part heading that is only units and their role."""
    return heading_units(text) is not None


def fill_units_from_headings(table: SourceTable) -> SourceTable:
    """`table` with unit columns filled from its headings, where it has no unit column."""
    if any(c.role in UNIT_ROLES for c in table.columns):
        return table
    headings = [e for e in table.body if isinstance(e, Heading)]
    before = _heading_before(table)
    if before is not None:
        headings.insert(0, before)
    named = {id(h): units for h in headings if (units := heading_units(h.text))}
    if not named:
        return table  # nothing to take: the interpreter says the rows have no unit
    roles = [r for r in UNIT_ROLES if any(r in units for units in named.values())]
    notes = list(table.notes)
    for h in headings:
        if id(h) in named:
            said = "、".join(f"{role}单位 {unit}" for role, unit in named[id(h)].items())
            notes.append(
                Note(
                    h.origin,
                    "unit_from_heading",
                    f"表格没有单位栏:这一节各行按小标题读作{said},请核对",
                    "warning",
                )
            )
    by_level: dict[int, tuple[dict[str, str], Origin] | None] = {}
    if before is not None:
        by_level[_level(before.text)] = (named[id(before)], before.origin) if id(before) in named else None
    body: list[GridRow | Heading] = []
    for entry in table.body:
        if isinstance(entry, Heading):
            level = _level(entry.text)
            by_level = {k: v for k, v in by_level.items() if k < level}
            by_level[level] = (named[id(entry)], entry.origin) if id(entry) in named else None
            body.append(entry)
            continue
        governing = next((by_level[k] for k in sorted(by_level, reverse=True) if by_level[k]), None)
        if governing is None:
            raise ParseError(
                entry.origin,
                "表格没有单位栏,这一行上方也没有写明由哪个单位负责的小标题(如「一、市政府各部门负责落实的工作任务」)",
            )
        units, origin = governing
        cells = [Cell([units[r]], origin) if r in units else None for r in roles]
        body.append(GridRow([*entry.cells, *cells], [*entry.starts, *(True for _ in roles)], entry.origin, entry.more))
    columns = [*table.columns, *(Column(r, f"{r}单位(取自小标题)", table.header_origin) for r in roles)]
    return replace(
        table,
        preamble=[p for p in table.preamble if before is None or p[1] != before.origin],
        columns=columns,
        body=[before, *body] if before is not None else body,
        notes=notes,
    )


def _level(text: str) -> int:
    found = heading_of(text)
    return found[0] if found else 0


def _heading_before(table: SourceTable) -> Heading | None:
    """The last line above the header, when it is a numbered heading naming units (the first
    part's heading, written above the table's header)."""
    if not table.preamble:
        return None
    text, origin = table.preamble[-1]
    return Heading(text, origin) if heading_of(text) and names_units(text) else None
