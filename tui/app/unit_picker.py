"""Switch unit: a filter box over names, aliases, pinyin and initials."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ..units import Catalogue


class UnitPicker(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "取消", id="picker.cancel"),
        Binding("down", "move(1)", "下一个", show=False, id="picker.down"),
        Binding("up", "move(-1)", "上一个", show=False, id="picker.up"),
    ]

    def __init__(self, catalogue: Catalogue, units: list[dict], current: str, title: str = "切换单位"):
        super().__init__()
        self.catalogue = catalogue
        self.units = units
        self.current = current
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Input(placeholder="名称、简称或拼音首字母,如 渝中 / fgw", id="picker-input")
            yield OptionList(id="picker-list", markup=False)

    def on_mount(self) -> None:
        self.fill("")

    def fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        for u in self.units:
            name = u["name"]
            if not query or self.catalogue.matches(query, name):
                # a Text: unit names come from the catalogue file and are never markup
                options.add_option(Option(Text.assemble(name, "  ", (u["kind"], "dim")), id=name))
        if options.option_count:
            # Enter right away keeps the unit open: its line is the one highlighted
            at = options.get_option_index(self.current) if not query and self.current in self.names() else 0
            options.highlighted = at
            options.scroll_to_highlight()

    def names(self) -> set[str]:
        return {u["name"] for u in self.units}

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = ((options.highlighted or 0) + delta) % options.option_count

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
