"""An item's evidence: the list (with the file check's 已改动/已不存在 mark, computed in a
worker), open an entry with the system's program, remove one (asked first, undoable),
edit its caption (one history line, undoable)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static
from textual.worker import get_current_worker

from ..timetext import shown_time
from .background import worker_failures
from .dialogs import ConfirmDialog, TextPrompt

KIND = {"url": "网址", "file": "文件", "note": "文字说明"}


class EvidenceScreen(ModalScreen[None]):
    """`session` reads and writes; `changed(item_ids)` refreshes the screen below after a write."""

    BINDINGS = [
        Binding("enter,o", "open", "打开", id="evidence.open"),
        Binding("c", "caption", "编辑说明", id="evidence.caption"),
        Binding("delete,r", "remove", "删除", id="evidence.remove"),
        Binding("escape,q", "close", "关闭", id="evidence.close"),
    ]

    def __init__(self, session, item_id: str, changed: Callable[[list[str]], None]):
        super().__init__()
        self.session = session
        self.item_id = item_id
        self.changed = changed
        self.records: list[dict] = []
        self.states: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="evidence-box"):
            yield Label(f"佐证材料:{self.item_id}", classes="dialog-title", markup=False)
            yield DataTable(id="evidence-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="evidence-status", classes="dialog-hint", markup=False)
            yield Static(
                "回车或 o 用系统程序打开 · c 编辑说明 · Delete 或 r 删除 · Esc 关闭 · 关闭后 z 可撤销",
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key in (
            ("序号", "n"),
            ("类型", "kind"),
            ("检查", "state"),
            ("佐证", "value"),
            ("说明", "caption"),
            ("添加时间", "added"),
        ):
            table.add_column(Text(label), key=key)
        self.reload()
        table.focus()

    def reload(self, keep: int | None = None) -> None:
        self.records = self.session.store.evidence(self.session.unit, self.item_id)
        table = self.query_one(DataTable)
        table.clear()
        for i, r in enumerate(self.records):
            table.add_row(*self.cells(i, r), key=str(i))
        if keep is not None and self.records:
            table.move_cursor(row=min(keep, len(self.records) - 1))
        status = self.query_one("#evidence-status", Static)
        if not self.records:
            status.update("这个条目还没有佐证材料。关闭后按 e 添加。")
        files = [r for r in self.records if r["kind"] == "file"]
        if files:
            status.update("正在检查佐证文件是否改动…")
            self.check_files(files)
        elif self.records:
            status.update(f"共 {len(self.records)} 份佐证材料")

    def cells(self, i: int, r: dict) -> list[Text]:
        state = self.states.get(r["value"], "")
        return [
            Text(str(i + 1)),
            Text(KIND.get(r["kind"], r["kind"])),
            Text(state or ("检查中" if r["kind"] == "file" else ""), style="bold reverse" if state else "dim"),
            Text(r["value"], style="underline" if r["kind"] == "url" else ""),
            Text(r.get("caption") or ""),
            Text(shown_time(r.get("added_at"))),
        ]

    @dataclass
    class Checked(Message):
        states: dict[str, str]

    @work(thread=True, exclusive=True, group="evidence-check")
    def check_files(self, records: list[dict]) -> None:
        from ..store.evidence import file_state

        with worker_failures(self.app_toast, "检查佐证文件"):
            states = {r["value"]: state for r in records if (state := file_state(r))}
            if not get_current_worker().is_cancelled:
                self.post_message(self.Checked(states))

    def app_toast(self, text: str) -> None:
        """A worker's failure as a toast (from the worker's thread)."""
        self.app.call_from_thread(self.notify, text, title="未完成", severity="error", timeout=10, markup=False)

    def on_evidence_screen_checked(self, event: "EvidenceScreen.Checked") -> None:
        self.states = event.states
        table = self.query_one(DataTable)
        for i, r in enumerate(self.records):
            cell = self.cells(i, r)[2]
            table.update_cell(
                str(i),
                "state",
                cell if r["kind"] != "file" or r["value"] in self.states else Text("与添加时一致", style="green"),
                update_width=True,
            )
        changed = len(event.states)
        self.query_one("#evidence-status", Static).update(
            f"共 {len(self.records)} 份佐证材料"
            + (f",{changed} 份文件与添加时不同(见「检查」列)" if changed else ",文件均与添加时一致")
        )

    def current(self) -> tuple[int, dict] | None:
        table = self.query_one(DataTable)
        if not self.records or table.cursor_row is None or not 0 <= table.cursor_row < len(self.records):
            return None
        return table.cursor_row, self.records[table.cursor_row]

    # -- open ------------------------------------------------------------
    @dataclass
    class Opened(Message):
        target: str
        error: str | None = None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()  # Enter on a row: the table's own binding, before the screen's
        self.action_open()

    def action_open(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        if chosen[1]["kind"] == "note":  # words kept from a workbook: nothing to open
            self.notify("这是一条文字说明,没有可打开的网址或文件", timeout=3, markup=False)
            return
        self.notify(f"正在打开 {chosen[1]['value']}…", timeout=2, markup=False)
        self.open_entry(chosen[1]["value"])

    @work(thread=True, group="evidence-open")
    def open_entry(self, target: str) -> None:
        from . import opener

        with worker_failures(lambda text: self.post_message(self.Opened(target, text)), "打开佐证"):
            opener.open_with_system(target)
            self.post_message(self.Opened(target))

    def on_evidence_screen_opened(self, event: "EvidenceScreen.Opened") -> None:
        if event.error:
            self.notify(event.error, title="无法打开", severity="error", timeout=8, markup=False)

    # -- writes ----------------------------------------------------------
    def write(self, do, message: str, keep: int) -> None:
        from .collectives import dialog_write

        def then() -> None:
            self.changed([self.item_id])
            self.reload(keep)

        dialog_write(self, self.session, do, message, then)

    def action_caption(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        index, record = chosen

        def finish(value: str | None) -> None:
            if value is not None:
                self.write(
                    lambda: self.session.set_evidence_caption(self.item_id, index, value),
                    "已修改佐证说明(z 撤销)",
                    index,
                )

        self.app.push_screen(
            TextPrompt(
                f"佐证说明:{record['value'][:40]}",
                "Enter 保存(留空即清除说明),Esc 取消。",
                value=record.get("caption") or "",
                allow_empty=True,
            ),
            finish,
        )

    def action_remove(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        index, record = chosen

        def finish(ok: bool | None) -> None:
            if ok:
                self.write(
                    lambda: self.session.remove_evidence(self.item_id, index), "已删除这份佐证材料(z 撤销)", index
                )

        body = Text.assemble(
            "从 ",
            (self.item_id, "bold"),
            " 的佐证材料中删除:\n\n",
            (record["value"], "bold"),
            (f"\n{record['caption']}" if record.get("caption") else ""),
            "\n\n文件本身不会被删除。删除后可按 z 撤销。",
        )
        self.app.push_screen(ConfirmDialog("删除佐证材料", body, "Enter 或 y 删除,Esc 或 n 取消"), finish)

    def action_close(self) -> None:
        self.dismiss(None)
