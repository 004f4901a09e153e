"""牵头检查: for a lead unit, each responsible unit's progress on the rows it leads.

The rows are read in a worker (on its own read-only connection) while the screen shows a
loading mark; Enter on a unit drills into its items on those rows (status, evidence, notes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, LoadingIndicator, Static
from textual.worker import get_current_worker

from ..store.review import ReviewRow
from .key_footer import KeyFooter
from .review_style import STYLE, summary_text
from .topbar import ALWAYS, Part, TopBar
from .background import worker_failures

MAX_ROW_COLUMNS = 24  # more rows led: one column per status instead of one per row
TOTALS = (
    ("已完成", "已完成"),
    ("不适用", "不适用"),
    ("推进中", "推进中"),
    ("未开始", "未开始"),
    ("未报送", "未报送"),
    ("佐证", "evidence"),
)


def row_state(u) -> str:
    """The status column a unit's row counts in (推进中 1/2 → 推进中)."""
    return u.summary.split(" ")[0]


def read_review(path: Path, doc: int, lead: str, structure=None) -> list[ReviewRow]:
    """The lead's rows, on a connection of this thread (`structure`: the document already read)."""
    from ..store import Store

    with Store(path, readonly=True, pages_checked=True, doc=f"#{doc}") as store:
        if structure is not None:
            store.share_structure(structure)
        return store.review(lead)


def title_parts(lead: str, rows: list[ReviewRow] | None) -> tuple[Part, ...]:
    """The top line's parts: the lead and what this is are always shown; at 80 columns the
    hint goes first, then the unit×row count (Text, not markup: names shown as they are)."""
    title = Part(Text.assemble((lead, "bold"), " 牵头任务检查"), keep=ALWAYS)
    if rows is None:
        return title, Part(Text("正在读取…"), keep=ALWAYS)
    units = sum(len(r.units) for r in rows)
    missing = sum(not u.reported for r in rows for u in r.units)
    return (
        title,
        Part(Text(f"{len(rows)} 行任务"), keep=50),
        Part(Text(f"单位×行 {units}"), keep=20),
        Part(Text(f"未报送 {missing}"), keep=40),
        Part(Text("回车查看单位的条目"), keep=10, short=Text("回车看条目")),
    )


class ReviewScreen(Screen):
    BINDINGS = [
        Binding("escape,q", "close", "返回", id="review.close"),
        Binding("E", "export", "导出汇总表", id="review.export"),
    ]

    @dataclass
    class Read(Message):
        rows: list | None
        error: str | None = None

    def __init__(self, lead: str, path: Path, doc: int, unit: str, export: Callable[[], None], structure=None):
        """`export` writes the 汇总表 (the main screen owns the store and the worker);
        `lead` is the name shown, `unit` the store's."""
        super().__init__()
        self.export = export
        self.lead = lead
        self.path, self.doc, self.unit, self.structure = path, doc, unit, structure
        self.rows: list[ReviewRow] | None = None

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield LoadingIndicator(id="review-loading")
        yield DataTable(id="review-table", zebra_stripes=True, fixed_columns=1)
        yield Static("", id="review-detail", markup=False)
        yield KeyFooter()  # Textual's Footer recomposes its keys at each focus change before the table shows

    def on_mount(self) -> None:
        self.query_one(TopBar).parts = title_parts(self.lead, None)
        self.query_one(DataTable).display = False
        self.load()

    @work(thread=True, exclusive=True, group="review")
    def load(self) -> None:
        with worker_failures(lambda text: self.post_message(self.Read(None, text)), "读取牵头任务"):
            rows = read_review(self.path, self.doc, self.unit, self.structure)
            if not get_current_worker().is_cancelled:
                self.post_message(self.Read(rows))

    def on_review_screen_read(self, event: "ReviewScreen.Read") -> None:
        self.query_one("#review-loading").display = False
        if event.error:
            self.query_one("#review-detail", Static).update(Text(f"读取失败:{event.error}", style="bold red"))
            return
        if not event.rows:
            self.app.pop_screen()
            self.app.notify(f"「{self.lead}」不是任何任务的牵头单位", timeout=4, markup=False)
            return
        self.rows = event.rows
        self.query_one(TopBar).parts = title_parts(self.lead, self.rows)
        self.fill(self.rows)

    def fill(self, rows: list[ReviewRow]) -> None:
        table = self.query_one(DataTable)
        table.display = True
        units: list[str] = []
        for r in rows:
            units += [u.unit for u in r.units if u.unit not in units]
        by_key = {(r.row_id, u.unit): u for r in rows for u in r.units}
        wide = len(rows) > MAX_ROW_COLUMNS
        # DataTable parses str cells and labels as markup: pass Text
        table.add_column(Text("责任单位"), key="unit")
        if wide:  # a column per row would be unreadable (and slow to draw): counts of rows per unit
            for label, key in TOTALS:
                table.add_column(Text(label), key=key)
        else:
            for r in rows:
                table.add_column(Text(r.row_id), key=r.row_id)
        table.add_column(Text("完成行数"), key="done")
        lines = []
        for unit in units:
            cells: list[object] = [Text(unit)]
            mine = [by_key[(r.row_id, unit)] for r in rows if (r.row_id, unit) in by_key]
            done = sum(u.finished for u in mine)
            if wide:
                counts = {key: 0 for _, key in TOTALS}
                for u in mine:
                    counts[row_state(u)] += 1
                    counts["evidence"] += u.evidence
                cells += [Text(str(counts[key]), style=STYLE.get(label, "")) for label, key in TOTALS]
            else:
                for r in rows:
                    cell = by_key.get((r.row_id, unit))
                    cells.append(
                        Text("—")
                        if cell is None
                        else summary_text(cell.summary + (f" ·佐证{cell.evidence}" if cell.evidence else ""))
                    )
            cells.append(Text(f"{done}/{len(mine)}"))
            lines.append((cells, unit))
        for cells, unit in lines:
            table.add_row(*cells, key=unit)
        if wide:
            self.query_one("#review-detail", Static).update(
                Text(
                    f"共 {len(rows)} 行任务,超过 {MAX_ROW_COLUMNS} 行时按单位汇总各状态的行数;回车查看该单位每一行的条目。"
                )
            )
        table.focus()

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        col = event.coordinate.column - 1
        if self.rows and len(self.rows) <= MAX_ROW_COLUMNS and 0 <= col < len(self.rows):
            r = self.rows[col]
            self.query_one("#review-detail", Static).update(
                Text(f"{r.row_id}:{r.text[:120]}  责任单位:{'、'.join(r.responsible_units)}")
            )

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        from .review_unit import ReviewUnitScreen

        if not self.rows:
            return
        unit = event.cell_key.row_key.value
        if unit is None:  # every row is added with its unit as key (fill)
            return
        rows = [r for r in self.rows if any(u.unit == unit for u in r.units)]
        col = event.coordinate.column - 1
        first = self.rows[col].row_id if len(self.rows) <= MAX_ROW_COLUMNS and 0 <= col < len(self.rows) else None
        self.app.push_screen(ReviewUnitScreen(self.lead, unit, rows, self.path, self.doc, first))

    def action_export(self) -> None:
        self.export()

    def action_close(self) -> None:
        self.app.pop_screen()
