"""The search box: each keystroke filters the list in the same paint as the box.

Input reports a change with a message, handled after the box has been painted, so
the filtered list would come one frame (20–30 ms) after the typed character. This box
calls `on_value` from the value's watcher instead, while the key is being handled."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input


class SearchBox(Input):
    def __init__(self, on_value: Callable[[str], None], **kwargs):
        super().__init__(**kwargs)
        self._on_value = on_value

    def watch_value(self, value: str) -> None:
        if self.is_mounted:
            self._on_value(value)
