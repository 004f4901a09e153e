"""牵头检查, one responsible unit: its items on the rows the lead leads, with status,
evidence and notes (read in a worker)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, Static
from textual.worker import get_current_worker

from ..store.review import ReviewRow
from ..timetext import shown_time
from .review_style import summary_text
from .topbar import ALWAYS, Part, TopBar
from .background import worker_failures

STATUS_STYLE = {"已完成": "green", "不适用": "dim", "推进中": "yellow", "未开始": ""}


def read_unit(path: Path, doc: int, unit: str, rows: list[ReviewRow]) -> list[tuple[ReviewRow, list]]:
    """(row, [(entry or None, item id, evidence)]) for each row; None: the item is not in the
    unit's checklist (it never reported on it)."""
    from ..store import Store

    out = []
    with Store(path, readonly=True, pages_checked=True, doc=f"#{doc}") as store:
        for r in rows:
            entries = {e.id: e for e in store.entries(unit, r.item_ids)}
            out.append((r, [(entries.get(i), i, store.evidence(unit, i) if i in entries else []) for i in r.item_ids]))
    return out


def render_unit(unit: str, rows: list[ReviewRow], read: list[tuple[ReviewRow, list]]) -> Text:
    t = Text()
    for r, items in read:
        progress = next((u for u in r.units if u.unit == unit), None)
        t.append(f"{r.row_id}  ", style="bold")
        if progress is not None:
            t.append_text(summary_text(progress.summary))
        t.append(f"\n{r.text}\n", style="dim")  # whole: the screen scrolls
        for entry, item_id, evidence in items:
            status = entry.status if entry else "未开始"
            t.append(f"  {item_id}  ")
            t.append(status, style=STATUS_STYLE.get(status, ""))
            if entry and entry.done_date and status == "已完成":
                t.append(f"({entry.done_date})")
            t.append(f"  佐证 {len(evidence)}\n", style="" if evidence else "dim")
            if entry and entry.reason:
                t.append(f"    不适用理由:{entry.reason}\n")
            for field, label in (
                ("requirement", "工作要求"),
                ("office", "责任科室"),
                ("person", "责任人"),
                ("note", "备注"),
            ):
                value = getattr(entry, field, None) if entry else None
                if value:
                    t.append(f"    {label}:{value}\n")
            for ev in evidence:
                t.append(f"    · {ev['value']}", style="underline" if ev["kind"] == "url" else "")
                t.append(
                    (f"  {ev['caption']}" if ev.get("caption") else "") + f"  {shown_time(ev.get('added_at'))}\n",
                    style="dim",
                )
        t.append("\n")
    return t


class ReviewUnitScreen(Screen):
    BINDINGS = [Binding("escape,q", "close", "返回", id="review_unit.close")]

    @dataclass
    class Read(Message):
        items: list[tuple[ReviewRow, list]] | None  # None only with an error
        error: str | None = None

    def __init__(self, lead: str, unit: str, rows: list[ReviewRow], path: Path, doc: int, first: str | None = None):
        super().__init__()
        self.lead, self.unit, self.rows, self.path, self.doc, self.first = lead, unit, rows, path, doc, first

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield LoadingIndicator(id="review-loading")
        with VerticalScroll(id="review-unit"):
            yield Static("", id="review-unit-text", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TopBar).parts = (
            Part(Text.assemble((self.lead, "bold"), " 牵头任务检查"), keep=ALWAYS),
            Part(Text(self.unit, style="bold"), keep=ALWAYS),
            Part(Text(f"{len(self.rows)} 行任务"), keep=50),
        )
        self.load()

    @work(thread=True, exclusive=True, group="review-unit")
    def load(self) -> None:
        with worker_failures(lambda text: self.post_message(self.Read(None, text)), "读取责任单位的条目"):
            items = read_unit(self.path, self.doc, self.unit, self.rows)
            if not get_current_worker().is_cancelled:
                self.post_message(self.Read(items))

    def on_review_unit_screen_read(self, event: "ReviewUnitScreen.Read") -> None:
        self.query_one("#review-loading").display = False
        text = self.query_one("#review-unit-text", Static)
        if event.error:
            text.update(Text(f"读取失败:{event.error}", style="bold red"))
            return
        assert event.items is not None  # read without an error (_read)
        text.update(render_unit(self.unit, self.rows, event.items))
        self.query_one("#review-unit").focus()

    def action_close(self) -> None:
        self.app.pop_screen()
