"""Switch document: every 任务分工 of the working database (each year's, a revised text
beside the one it revises), the current one marked, superseded ones marked 已被修订; and,
last, 载入新的任务分工文件 (the load dialog, app/load_dialog.py)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option
from ..store.documents import label

PROGRESS_ORDER = ("已完成", "推进中", "不适用")
LOAD = "load"  # what the picker returns for 载入新的任务分工文件


def progress_summary(unit: str, progress: dict | None) -> str:
    """渝中区:已完成 3 · 推进中 1 · 佐证 2 (from Store.document_progress)."""
    bits = [f"{status} {progress[status]}" for status in PROGRESS_ORDER if progress and progress.get(status)]
    if progress and progress.get("evidence"):
        bits.append(f"佐证 {progress['evidence']}")
    return f"{unit}:" + (" · ".join(bits) if bits else "尚无进度")


def document_option(doc: dict, current: bool, unit: str, progress: dict | None) -> Text:
    """Three lines: number, year and marks; issuer and size; the open unit's progress there.
    A Text: the number and the issuer come from the document and are never markup."""
    superseded = doc.get("superseded_by") is not None
    t = Text(style="dim" if superseded and not current else "")
    t.append("● " if current else "  ", style="bold")
    t.append(label(doc), style="bold")
    t.append(f" · {doc['year']}年" if doc.get("year") else " · 年度未知")
    if current:
        t.append("  当前", style="bold reverse")
    if superseded:
        t.append("  已被修订", style="bold yellow")
    size = f"{doc.get('rows', 0)} 行 {doc.get('items', 0)} 条"
    t.append("\n    " + (f"{doc['issuer']} · {size}" if doc.get("issuer") else size), style="dim")
    t.append("\n    " + progress_summary(unit, progress), style="dim")
    return t


class DocumentPicker(ModalScreen[int | str | None]):
    """Returns the chosen document's id, LOAD (载入新的任务分工文件, or O), or None (Escape)."""

    BINDINGS = [
        Binding("escape", "cancel", "取消", id="documents.cancel"),
        Binding("O", "load", "载入新的任务分工文件", id="documents.load"),
    ]

    def __init__(self, docs: list[dict], current: int, unit: str, progress: dict[int, dict | None]):
        """`docs`: Store.documents(); `progress[doc id]`: the open unit's progress there
        (Store.document_progress(doc).get(unit))."""
        super().__init__()
        self.docs = docs
        self.current = current
        self.unit = unit
        self.progress = progress

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("切换任务分工文件", classes="dialog-title", markup=False)
            options: list[Option | None] = []
            for d in reversed(self.docs):  # newest first; a revised text just above the one it revises
                if options:
                    options.append(None)  # a separator line
                options.append(
                    Option(
                        document_option(d, d["id"] == self.current, self.unit, self.progress.get(d["id"])),
                        id=str(d["id"]),
                    )
                )
            options += [None, Option(Text("＋ 载入新的任务分工文件…(O)", style="bold"), id=LOAD)]
            yield OptionList(*options, id="documents-list", markup=False)
            hint = "↑↓ 选择,Enter 切换,Esc 取消。"
            if any(d.get("superseded_by") is not None for d in self.docs):
                hint += "已被修订的文件仍可打开,其中的进度都还在。"
            yield Static(hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = next(
            (i for i in range(options.option_count) if options.get_option_at_index(i).id == str(self.current)), 0
        )
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        if option_id is not None:  # every option has one (compose); the separators are not options
            self.dismiss(LOAD if option_id == LOAD else int(option_id))

    def action_load(self) -> None:
        self.dismiss(LOAD)

    def action_cancel(self) -> None:
        self.dismiss(None)
