"""The one-line header: unit, progress, as-of date, document, active filters.

A fixed-size widget that repaints without asking the screen for a new layout."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class TopBar(Widget):
    text = reactive("", layout=False)

    def render(self) -> Text:
        text = Text.from_markup(self.text, overflow="ellipsis")
        text.no_wrap = True
        return text
