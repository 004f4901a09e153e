"""`gongkai-tui` without `--unit`, in a terminal: ask which unit before opening its checklist
(a newcomer used to get the command-line help instead). The same picker as `u` in the app."""

from __future__ import annotations

from textual.app import App

from ..store import Store
from .unit_picker import UnitPicker

PICK_TITLE = "选择单位(以后可用 gongkai-tui --unit 单位名称 直接打开)"


class FirstUnitApp(App[str | None]):
    """Only the unit picker: returns the unit chosen, or None after Esc."""

    CSS_PATH = "gongkai.tcss"
    TITLE = "gongkai-tui"

    def __init__(self, store: Store):
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        self.push_screen(UnitPicker(self.store.catalogue, self.store.units(), "", title=PICK_TITLE), self.exit)


def pick_unit(store: Store) -> str | None:
    """Run the picker in the terminal; the unit chosen, None when the user pressed Esc."""
    return FirstUnitApp(store).run()
