"""The status menu (`s`): the four statuses to choose from directly, by arrow keys and
Enter or by their number 1–4 (the same numbers work on the main screen)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ..store import STATUSES
from .session import STATUS_MARK

# 1 未开始, 2 推进中, 3 已完成, 4 不适用
STATUS_KEYS = {str(i): status for i, status in enumerate(STATUSES, 1)}


class StatusMenu(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "取消", id="status.cancel"),
        *(
            Binding(key, f"choose('{status}')", status, show=False, id=f"status.{key}")
            for key, status in STATUS_KEYS.items()
        ),
    ]

    def __init__(self, title: str, current: str | None):
        super().__init__()
        self.title_text = title
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog status-menu"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            options = []
            for key, status in STATUS_KEYS.items():
                line = Text.assemble(f"{key}  {STATUS_MARK[status]} {status}")
                if status == self.current:
                    line.append("  (当前)", style="dim")
                options.append(Option(line, id=status))
            yield OptionList(*options, id="status-list", markup=False)
            yield Static("数字 1–4 或 ↑↓ 加 Enter 选择,Esc 取消", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = list(STATUS_KEYS.values()).index(self.current) if self.current in STATUSES else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_choose(self, status: str) -> None:
        self.dismiss(status)

    def action_cancel(self) -> None:
        self.dismiss(None)
