"""Search, filters and sort on the main screen: `/` (the list follows the box as each key
changes it; session.py and search_index.py do the searching), Esc (clear the marks, then the
search), `f` filter, `r` role, `t` sort by 时限."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Input

if TYPE_CHECKING:
    from .main_host import MainScreenHost  # the screen as its flows see it (main_host.py)
else:
    MainScreenHost = object  # at run time a plain mixin of MainScreen


class SearchAndFilters(MainScreenHost):
    """MainScreen's search and filter keys (a mixin: `self` is the MainScreen)."""

    _search_pending = False  # `/` pressed, the box not focused yet: typed keys go to the box

    def action_search(self) -> None:
        # Focus moves after the keys already queued are handled: a pasted `/规范性文件`
        # would lose its text, so on_key forwards it until the box has focus.
        self._search_pending = True
        self.query_one("#search", Input).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if getattr(event.widget, "id", None) == "search":
            self._search_pending = False

    def search_for(self, value: str) -> None:
        """The list filtered by what the box holds (called as each key changes it)."""
        query = value.strip()
        if query != self.session.query:
            self.session.query = query
            self.apply_filters()

    def on_key(self, event: events.Key) -> None:
        self.sync()
        box = self.query_one("#search", Input)
        if event.key == "slash" and not isinstance(self.focused, Input):
            # Bindings run after queued keys bubble: start the search here so that
            # the text typed (or pasted) right after `/` lands in the box.
            event.stop()
            event.prevent_default()
            self.action_search()
            return
        if self._search_pending and not box.has_focus and event.is_printable and event.character is not None:
            event.stop()
            event.prevent_default()
            box.insert_text_at_cursor(event.character)
            return
        if event.key == "escape" and box.has_focus:
            event.stop()
            self.clear_search()

    def clear_search(self) -> None:
        box = self.query_one("#search", Input)
        box.value = ""
        self.session.query = ""
        self.apply_filters()
        self.checklist.focus()

    def action_clear(self) -> None:
        if self.checklist.marked:
            self.checklist.marked.clear()
            self.checklist.refresh()
            self.update_topbar()
        elif self.session.query:
            self.clear_search()

    def action_cycle_filter(self) -> None:
        self.session.cycle_filter()
        self.apply_filters(first=True)

    def action_cycle_role(self) -> None:
        self.session.cycle_role()
        self.apply_filters(first=True)

    def action_cycle_sort(self) -> None:
        order = self.session.cycle_sort()
        self.apply_filters()
        self.checklist.cursor = 0  # the earliest deadline (or the document's first line)
        self.notify("按时限排序(最早到期在前)" if order == "时限" else "按文件顺序排列", timeout=2, markup=False)
