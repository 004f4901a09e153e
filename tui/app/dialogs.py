"""Modal dialogs: one text field (evidence, reason, note), work fields, a confirmation,
full detail, help; and what every editor shares (text_editor.py, steps_dialog.py): the
multi-line box and the question before typed text is thrown away.

Every Label and Static here is built with `markup=False`: titles carry item ids, errors
quote what the user typed, bodies are the document's text."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea


def editor_area(value: str, id: str) -> TextArea:
    """The text box of every multi-line field: soft-wrapped, Tab moves focus."""
    area = TextArea(value, id=id, soft_wrap=True, tab_behavior="focus", show_line_numbers=False, classes="editor-area")
    area.cursor_location = area.document.end
    return area


def discard_question(title: str) -> Text:
    return Text(f"「{title}」中输入的内容尚未保存。\n放弃这些内容吗?")


def ask_discard(screen: ModalScreen, title: str) -> None:
    """Esc in an editor whose boxes hold unsaved text: ask, and close it (None) on yes."""

    def answer(discard: bool | None) -> None:
        if discard:
            screen.dismiss(None)

    screen.app.push_screen(
        ConfirmDialog("放弃输入?", discard_question(title), "Enter 或 y 放弃输入的内容,Esc 或 n 继续编辑"), answer
    )


Answer = TypeVar("Answer")  # what a TextPrompt is dismissed with, None aside: the text (or DonePrompt's)


class TextPrompt(ModalScreen[Answer | None]):
    """Ask for one line of text. Escape cancels (None); Enter submits.

    `check` returns None when the value is acceptable, else the reason shown in the
    dialog. With `allow_empty`, Enter on an empty field returns "" (skip). With
    `several_lines`, a paste of several lines keeps them all, joined by `；` (evidence).
    """

    BINDINGS = [Binding("escape", "cancel", "取消", id="dialog.cancel")]

    def __init__(
        self,
        title: str,
        hint: str,
        *,
        value: str = "",
        placeholder: str = "",
        allow_empty: bool = False,
        check: Callable[[str], str | None] | None = None,
        empty_message: str = "不能为空",
        several_lines: bool = False,
    ):
        super().__init__()
        self.several_lines = several_lines
        self.title_text = title
        self.hint = hint
        self.value = value
        self.placeholder = placeholder
        self.allow_empty = allow_empty
        self.check = check
        self.empty_message = empty_message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.hint, classes="dialog-hint", markup=False)
            if self.several_lines:
                yield JoiningInput(value=self.value, placeholder=self.placeholder, id="prompt-input", joiner="；")
            else:
                yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            # the reason quotes what the user typed: plain text, never markup
            yield Static("", classes="dialog-error", id="prompt-error", markup=False)

    def on_input_submitted(self: TextPrompt[str], event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            if self.allow_empty:
                self.dismiss("")
            else:
                self.query_one("#prompt-error", Static).update(self.empty_message)
            return
        problem = self.check(value) if self.check else None
        if problem:
            self.query_one("#prompt-error", Static).update(problem)
            return
        self.dismiss(value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#prompt-error", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)


class JoiningInput(Input):
    """A one-line box where a paste of several lines keeps every line, joined by
    `joiner`: `；` for evidence (split into entries again on saving, as a workbook cell
    is), `、` for 责任科室 and 责任人 (several offices or people, as they are written)."""

    def __init__(self, *args, joiner: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.joiner = joiner

    def _on_paste(self, event) -> None:
        lines = [line.strip() for line in (event.text or "").splitlines() if line.strip()]
        if len(lines) > 1:
            event.stop()
            event.prevent_default()  # Input's own handler would add the first line again
            joined = self.joiner.join(lines)
            if self.selection.is_empty:
                self.insert_text_at_cursor(joined)
            else:
                self.replace(joined, *self.selection)
            return


class WorkDialog(ModalScreen[dict | None]):
    """Edit 工作要求 / 责任科室 / 责任人: 工作要求 in a multi-line box (Enter starts a new
    line there, a paste keeps every line), the other two in one-line boxes (a paste of
    several lines is joined by 、). Enter in the
    last field (or ctrl+s) saves; Esc asks before dropping what was typed. Tab, Shift+Tab
    and Enter between boxes move the focus as the key arrives, so keys typed fast after them
    land in the next box. With
    `last_year` (the 往年参考's values and where they come from), Ctrl+L puts last year's
    non-empty values into the boxes, to be checked and saved (or not) like typed text."""

    BINDINGS = [
        Binding("escape", "cancel", "取消", id="dialog.cancel"),
        Binding("ctrl+s", "save", "保存", id="dialog.save"),
        Binding("ctrl+l", "last_year", "带入往年", id="dialog.last_year"),
        # Priority: the app runs these as the key arrives, before it hands the keys after it
        # to the focused box. As ordinary bindings they ran only once the key had gone through
        # the box's queue, and the keys typed after it had already been handed to the old box.
        Binding("tab", "next_field", "下一栏", show=False, priority=True, id="dialog.next_field"),
        Binding("shift+tab", "previous_field", "上一栏", show=False, priority=True, id="dialog.previous_field"),
        Binding("enter", "enter_next_field", "下一栏", show=False, priority=True, id="dialog.enter_next_field"),
    ]
    FIELDS = (("requirement", "工作要求(可量化的承诺)"), ("office", "责任科室"), ("person", "责任人"))
    MULTILINE = "requirement"
    SHORT_BELOW = 32
    """Terminal rows under which the dialog does not fit at its full height: the boxes are
    smaller and scroll in a body of their own (80×24 cut 责任人 off)."""

    def __init__(self, values: dict[str, str | None], last_year: dict | None = None):
        super().__init__()
        self.values = values
        self.last_year = last_year if last_year and any(last_year.get(k) for k, _ in self.FIELDS) else None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="work-dialog"):
            yield Label("工作要求 / 责任科室 / 责任人", classes="dialog-title", markup=False)
            with VerticalScroll(id="work-fields", can_focus=False):  # Tab goes from box to box
                for key, label in self.FIELDS:
                    yield Static(label, classes="dialog-hint", markup=False)
                    if key == self.MULTILINE:
                        yield editor_area(self.values.get(key) or "", f"work-{key}")
                    else:  # a paste of several lines keeps them all
                        yield JoiningInput(value=self.values.get(key) or "", id=f"work-{key}", joiner="、")
            if self.last_year is not None:
                yield Static(
                    f"Ctrl+L 带入往年参考({self.last_year.get('number')} {self.last_year.get('item_id')})"
                    "填写的内容,核对后再保存",
                    classes="dialog-hint",
                    markup=False,
                )
            yield Static(
                "Tab 切换输入框;工作要求中 Enter 换行;在最后一栏按 Enter 或 Ctrl+S 保存,Esc 取消",
                classes="dialog-hint",
                markup=False,
            )

    def on_resize(self, event) -> None:
        self.set_class(self.app.size.height < self.SHORT_BELOW, "short")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Enter moves on only from a one-line box that is not the last: in 工作要求 it
        starts a line, in the last box the box's own Enter (after the keys before it) saves."""
        if action == "enter_next_field":
            focused = self.focused
            return isinstance(focused, Input) and focused.id != f"work-{self.FIELDS[-1][0]}"
        return True

    def action_next_field(self) -> None:
        self.focus_next()

    def action_enter_next_field(self) -> None:
        self.focus_next()

    def action_previous_field(self) -> None:
        self.focus_previous()

    def field(self, key: str) -> TextArea | Input:
        """The box of one field: 工作要求's TextArea, or a one-line JoiningInput (compose)."""
        return cast(TextArea | Input, self.query_one(f"#work-{key}"))

    def field_value(self, key: str) -> str:
        widget = self.field(key)
        return widget.text if isinstance(widget, TextArea) else widget.value

    def set_field(self, key: str, value: str) -> None:
        widget = self.field(key)
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            widget.value = value

    def action_last_year(self) -> None:
        if self.last_year is None:
            self.notify("这个条目没有往年参考,或往年没有填写工作要求、责任科室、责任人", timeout=3, markup=False)
            return
        for key, _ in self.FIELDS:
            if self.last_year.get(key):
                self.set_field(key, self.last_year[key])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Only the last box submits (Enter elsewhere moves on, `check_action`)."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        self.dismiss({key: self.field_value(key).strip() or None for key, _ in self.FIELDS})

    def action_cancel(self) -> None:
        if all(self.field_value(key).strip() == (self.values.get(key) or "").strip() for key, _ in self.FIELDS):
            self.dismiss(None)
            return
        ask_discard(self, "工作要求 / 责任科室 / 责任人")


class ConfirmDialog(ModalScreen[bool]):
    """Ask before a write the user did not type: Enter or y confirms (True), Escape or n
    declines (False). The body says what will be written and what it replaces."""

    BINDINGS = [
        Binding("enter,y", "confirm", "确认", id="confirm.yes"),
        Binding("escape,n", "cancel", "取消", id="confirm.no"),
    ]

    def __init__(self, title: str, body: Text, hint: str = "Enter 或 y 确认,Esc 或 n 取消"):
        super().__init__()
        self.title_text = title
        self.body = body
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll(classes="confirm-body"):
                yield Static(self.body, markup=False)
            yield Static(self.hint, classes="dialog-hint", markup=False)

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class TextScreen(ModalScreen[None]):
    """A scrollable page of text (item detail, help). Escape or q closes it."""

    BINDINGS = [
        Binding("escape,q", "close", "关闭", id="dialog.close"),
        Binding("question_mark,f1", "close", "关闭", show=False, id="dialog.close_help"),
    ]

    def __init__(self, title: str, body: Text | str):
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll():
                yield Static(self.body, markup=False)  # a Text, or a str shown as it is
            yield Static("Esc 关闭", classes="dialog-hint", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
