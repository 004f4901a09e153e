"""The one-line header: unit, progress, as-of date, document, active filters.

A fixed-size widget that repaints without asking the screen for a new layout.
Its parts are `rich.text.Text` built by the screen: the unit's name, the document
number and the search words are shown as typed, never parsed as markup.

The line must fit an 80-column terminal: when it is too long the bar first uses each
part's shorter form (the year left out of a number that says it already), then tighter
separators, then leaves out whole parts, least needed first (`keep`), and cuts with an
ellipsis only when even the parts it must keep do not fit."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

ALWAYS = 100  # a part with this `keep` is never left out (the unit's name)
WIDE, TIGHT = " · ", "·"


@dataclass(frozen=True)
class Part:
    text: Text
    keep: int = 0  # the lower, the sooner it is left out of a line too long
    short: Text | None = None  # a shorter form, used before anything is left out


def candidates(parts: Sequence[Part]) -> Iterator[Text]:
    """The lines to try, longest first."""
    full = [p.text for p in parts]
    short = [p.short or p.text for p in parts]
    yield join(full, WIDE)
    yield join(short, WIDE)
    yield join(short, TIGHT)
    kept = list(range(len(parts)))
    for i in sorted(kept, key=lambda i: (parts[i].keep, -i)):
        if parts[i].keep >= ALWAYS:
            break
        kept.remove(i)
        yield join([short[j] for j in kept], WIDE)
        yield join([short[j] for j in kept], TIGHT)


def join(texts: list[Text], sep: str) -> Text:
    out = Text()
    for i, t in enumerate(texts):
        if i:
            out.append(sep)
        out.append_text(t)
    return out


def fit_line(parts: Sequence[Part], width: int) -> Text:
    """The longest candidate line that fits `width` cells, else the shortest one."""
    line = Text()
    for line in candidates(parts):
        if line.cell_len <= width:
            return line
    return line


class TopBar(Widget):
    parts: reactive[tuple[Part, ...]] = reactive((), layout=False)

    def render(self) -> Text:
        text = fit_line(self.parts, self.content_size.width).copy()
        text.overflow = "ellipsis"
        text.no_wrap = True
        return text
