"""A cell's text written as text, past openpyxl's type sniffing: the one place that sets the
private slot behind `Cell.value` (its setter would read `=1+1` as a formula, and costs a type
test per cell on sheets streamed a hundred thousand cells at a time)."""

from __future__ import annotations

from openpyxl.cell.cell import Cell


def put_text(cell: Cell, value: str | None) -> None:
    """`value` as text, whatever it starts with; an empty cell for None or ''."""
    # `_value` is in Cell's __slots__; openpyxl's stubs leave the private slot out.
    cell._value, cell.data_type = (value, "s") if value else (None, "n")  # type: ignore[attr-defined]
