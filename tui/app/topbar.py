"""The one-line header: unit, progress, as-of date, document, active filters.

A fixed-size widget that repaints without asking the screen for a new layout.
Its text is a `rich.text.Text` built by the screen: the unit's name, the document
number and the search words are shown as typed, never parsed as markup."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class TopBar(Widget):
    text: reactive[Text] = reactive(Text(""), layout=False)

    def render(self) -> Text:
        text = self.text.copy() if isinstance(self.text, Text) else Text(str(self.text))
        text.overflow = "ellipsis"
        text.no_wrap = True
        return text
