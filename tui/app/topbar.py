"""The one-line header: unit, progress, as-of date, document, active filters.

A fixed-size widget that repaints without asking the screen for a new layout.
Its parts are `rich.text.Text` built by the screen: the unit's name, the document
number and the search words are shown as typed, never parsed as markup.

The line must fit an 80-column terminal: when it is too long the bar first uses each
part's shorter form (the year left out of a number that says it already), then tighter
separators, then leaves out whole parts, least needed first (`keep`). The parts it must
keep (`ALWAYS`: the unit's name and what the user asked for: filter, role, search,
selection) are never left out: when even they do not fit, the longest of them is
shortened with `…`, then the next, so that each still shows its beginning."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

ALWAYS = 100  # a part with this `keep` is never left out (the unit's name, filters, search, marks)
WIDE, TIGHT = " · ", "·"
MIN_CELLS = 4  # a kept part is shortened to no less than this (with its `…`)


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
    """The longest candidate line that fits `width` cells, else the kept parts shortened."""
    line = Text()
    for line in candidates(parts):
        if line.cell_len <= width:
            return line
    kept = [p.short or p.text for p in parts if p.keep >= ALWAYS]
    return shortened(kept, width) if len(kept) > 1 else line  # one part alone: the widget cuts it


def shortened(texts: list[Text], width: int) -> Text:
    """`texts` joined tightly, the longest cut with `…` first, until the line fits."""
    texts = [t.copy() for t in texts]
    while True:
        line = join(texts, TIGHT)
        over = line.cell_len - width
        longest = max(range(len(texts)), key=lambda i: texts[i].cell_len)
        if over <= 0 or texts[longest].cell_len <= MIN_CELLS:
            return line
        texts[longest] = cut(texts[longest], max(MIN_CELLS, texts[longest].cell_len - over))


def cut(text: Text, cells: int) -> Text:
    """`text` in at most `cells` cells, ending in `…` when cut."""
    if text.cell_len <= cells:
        return text
    out = text.copy()
    out.truncate(cells - 1, overflow="crop")  # a wide character that does not fit goes whole
    out.rstrip()
    out.append("…")
    return out


class TopBar(Widget):
    parts: reactive[tuple[Part, ...]] = reactive((), layout=False)

    def render(self) -> Text:
        text = fit_line(self.parts, self.content_size.width).copy()
        text.overflow = "ellipsis"
        text.no_wrap = True
        return text
