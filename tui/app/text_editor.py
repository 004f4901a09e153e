"""A multi-line editor for 备注, 不适用理由 and the like: Enter starts a new line, a paste
keeps every line, Ctrl+S saves, Esc cancels (asking first when something was typed).

Labels are built with `markup=False`: titles carry item ids, errors quote what was typed."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from .dialogs import ask_discard, editor_area

SAVE_HINT = "Enter 换行,Ctrl+S 保存,Esc 取消"


class TextEditor(ModalScreen[str | None]):
    """Edit one text that may have several lines. Dismissed with the text (stripped, ""
    when emptied and `allow_empty`) or None when cancelled. `check` returns None when the
    text is acceptable, else the reason shown in the dialog."""

    BINDINGS = [
        Binding("ctrl+s", "save", "保存", id="editor.save"),
        Binding("escape", "cancel", "取消", id="editor.cancel"),
    ]

    def __init__(
        self,
        title: str,
        hint: str,
        *,
        value: str = "",
        allow_empty: bool = True,
        empty_message: str = "不能为空",
        check: Callable[[str], str | None] | None = None,
    ):
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.value = value
        self.allow_empty = allow_empty
        self.empty_message = empty_message
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.hint, classes="dialog-hint", markup=False)
            yield editor_area(self.value, "editor-text")
            yield Static("", classes="dialog-error", id="editor-error", markup=False)
            yield Static(SAVE_HINT, classes="dialog-hint", markup=False)

    @property
    def text(self) -> str:
        return self.query_one("#editor-text", TextArea).text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.query_one("#editor-error", Static).update("")

    def action_save(self) -> None:
        value = self.text.strip()
        if not value and not self.allow_empty:
            self.query_one("#editor-error", Static).update(self.empty_message)
            return
        problem = self.check(value) if (self.check and value) else None
        if problem:
            self.query_one("#editor-error", Static).update(problem)
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        if self.text.strip() == self.value.strip():
            self.dismiss(None)
            return
        ask_discard(self, self.title_text)
