"""牵头检查: for a lead unit, each responsible unit's progress on the rows it leads."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ..store.review import ReviewRow

STYLE = {"已完成": "green", "不适用": "dim", "未开始": "", "未报送": "bold red"}


def summary_text(summary: str) -> Text:
    return Text(summary, style=STYLE.get(summary, "yellow"))


class ReviewScreen(Screen):
    BINDINGS = [
        Binding("escape,q", "close", "返回", id="review.close"),
        Binding("E", "export", "导出汇总表", id="review.export"),
    ]

    def __init__(self, lead: str, rows: list[ReviewRow], export: Callable[[], None]):
        """`export` writes the 汇总表 (the main screen owns the store and the worker)."""
        super().__init__()
        self.export = export
        self.lead = lead
        self.rows = rows

    def compose(self) -> ComposeResult:
        units = sum(len(r.units) for r in self.rows)
        missing = sum(not u.reported for r in self.rows for u in r.units)
        # Text, not markup: the unit's name and the document's text are shown as they are
        yield Static(Text.assemble((self.lead, "bold"),
                                   f" 牵头任务检查 · {len(self.rows)} 行任务 · 单位×行 {units} · 未报送 {missing}"),
                     id="topbar", markup=False)
        yield DataTable(id="review-table", zebra_stripes=True)
        yield Static("", id="review-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # DataTable parses str cells and labels as markup: pass Text
        table.add_column(Text("责任单位"), key="unit")
        for r in self.rows:
            table.add_column(Text(r.row_id), key=r.row_id)
        table.add_column(Text("完成行数"), key="done")
        units: list[str] = []
        for r in self.rows:
            units += [u.unit for u in r.units if u.unit not in units]
        by_key = {(r.row_id, u.unit): u for r in self.rows for u in r.units}
        for unit in units:
            cells: list[object] = [Text(unit)]
            done = 0
            for r in self.rows:
                u = by_key.get((r.row_id, unit))
                if u is None:
                    cells.append(Text("—"))
                    continue
                done += u.summary in ("已完成", "不适用")
                cells.append(summary_text(u.summary + (f" ·佐证{u.evidence}" if u.evidence else "")))
            cells.append(Text(f"{done}/{sum((r.row_id, unit) in by_key for r in self.rows)}"))
            table.add_row(*cells, key=unit)
        table.focus()

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        col = event.coordinate.column - 1
        if 0 <= col < len(self.rows):
            r = self.rows[col]
            self.query_one("#review-detail", Static).update(
                Text(f"{r.row_id}:{r.text[:120]}  责任单位:{'、'.join(r.responsible_units)}"))

    def action_export(self) -> None:
        self.export()

    def action_close(self) -> None:
        self.app.pop_screen()
