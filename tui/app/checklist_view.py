"""The checklist: a Line-API widget that draws only the lines on screen, so
filtering 20,000 entries is a list comprehension, not a table rebuild."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from ..store import Entry
from ..textwidth import fit
from ..units import VIA_LABEL
from .session import STATUS_MARK

# (title, width in cells); the text column takes what is left.
# Each width includes one cell of space after the column.
# Every title fits its column (a test checks it): 佐证 needs 4 cells and its space.
COLUMNS = (("", 1), ("状态", 8), ("编号", 10), ("内容", 0), ("时限", 11), ("角色", 6), ("适用", 7), ("佐证", 5))
MIN_TEXT = 16


def column_widths(total: int) -> list[int]:
    fixed = sum(w for _, w in COLUMNS)
    return [w if w else max(MIN_TEXT, total - fixed) for _, w in COLUMNS]


def deadline_cell(e: Entry) -> str:
    if e.deadline:
        return e.deadline
    return e.relative_deadline or ""


def cells_for(e: Entry, marked: bool) -> list[str]:
    evidence = str(e.evidence_count) if e.evidence_count else ("缺" if e.missing_evidence else "")
    roles = "/".join(r[0] for r in e.roles) if len(e.roles) > 1 else e.roles[0]
    return [
        "▶" if marked else "",
        f"{STATUS_MARK[e.status]}{e.status}",
        e.id,
        (e.group + " " if e.group else "") + e.text.replace("\n", " "),
        deadline_cell(e),
        roles,
        VIA_LABEL[e.via],
        evidence,
    ]


def layout(texts: list[str], widths: list[int]) -> list[str]:
    """Each cell cut or padded to its column, with one space after it."""
    return [fit(t, w - 1) + " " if w > 1 else fit(t, w) for t, w in zip(texts, widths)]


class ChecklistHeader(Static):
    """Column titles, laid out like the lines below them: at the width the list draws
    its lines in, which is narrower by the scrollbar whenever the scrollbar shows."""

    def __init__(self, content: str = "", *, id: str | None = None):
        super().__init__(content, id=id, markup=False)
        self.lines_width: int | None = None  # the list's line width, once it has told

    def render_titles(self, width: int) -> str:
        return "".join(layout([title for title, _ in COLUMNS], column_widths(width)))

    def align_to(self, lines_width: int) -> None:
        if lines_width != self.lines_width:
            self.lines_width = lines_width
            self.update(self.render_titles(lines_width))

    def on_resize(self, event: events.Resize) -> None:
        if self.lines_width is None:
            self.update(self.render_titles(event.size.width))


class ChecklistView(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {
        "checklist--cursor",
        "checklist--done",
        "checklist--progress",
        "checklist--na",
        "checklist--overdue",
        "checklist--missing",
        "checklist--marked",
    }
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "上移", show=False, id="checklist.up"),
        Binding("down,j", "cursor(1)", "下移", show=False, id="checklist.down"),
        Binding("pageup", "page(-1)", "上一页", show=False, id="checklist.pageup"),
        Binding("pagedown", "page(1)", "下一页", show=False, id="checklist.pagedown"),
        Binding("home,g", "jump(0)", "第一条", show=False, id="checklist.home"),
        Binding("end,G", "jump(-1)", "最后一条", show=False, id="checklist.end"),
        Binding("enter", "open", "详情", id="checklist.open"),
    ]

    cursor = reactive(0, always_update=True, repaint=False)
    # Component styles by name, for the theme now applied (None: look them up again). A class
    # default: Textual may announce a style update before __init__ has run.
    _style_cache: dict[str, Style] | None = None

    @dataclass
    class Highlighted(Message):
        entry: Entry | None

    @dataclass
    class Opened(Message):
        entry: Entry

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.entries: list[Entry] = []
        self.marked: set[str] = set()
        self.as_of = dt.date.today()
        self._index: dict[str, int] = {}
        self._header_width = -1  # the line width the column titles were last laid out for
        self.empty_text = ""  # shown on the second line when no entry is let through

    # -- data ------------------------------------------------------------
    def show(self, entries: list[Entry], as_of: dt.date, keep: str | None = None) -> None:
        """Replace the lines; keep the cursor on item `keep` when it is still shown."""
        self.entries = entries
        self.as_of = as_of
        self._index = {e.id: i for i, e in enumerate(entries)}
        self.virtual_size = Size(self.scrollable_content_region.width, len(entries))
        target = self._index.get(keep, min(self.cursor, max(len(entries) - 1, 0))) if keep else 0
        self.cursor = target
        self.refresh()

    def replace(self, entries: list[Entry]) -> None:
        """Update changed entries in place (by id) and redraw only their lines."""
        for e in entries:
            i = self._index.get(e.id)
            if i is not None:
                self.entries[i] = e
                self.refresh_line(i - int(self.scroll_y))
        self.post_message(self.Highlighted(self.current))

    @property
    def current(self) -> Entry | None:
        return self.entries[self.cursor] if 0 <= self.cursor < len(self.entries) else None

    # -- cursor ----------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        if self.entries:
            clamped = max(0, min(new, len(self.entries) - 1))
            if clamped != new:
                self.cursor = clamped
                return
            top, height = int(self.scroll_y), max(self.scrollable_content_region.height, 1)
            if new < top:
                self.scroll_to(y=new, animate=False)
            elif new >= top + height:
                self.scroll_to(y=new - height + 1, animate=False)
            self.refresh_line(old - top)
            self.refresh_line(new - int(self.scroll_y))
        self.post_message(self.Highlighted(self.current))

    def action_cursor(self, delta: int) -> None:
        self.cursor = self.cursor + delta

    def action_page(self, direction: int) -> None:
        self.cursor = self.cursor + direction * max(self.scrollable_content_region.height - 1, 1)

    def action_jump(self, where: int) -> None:
        self.cursor = 0 if where == 0 else len(self.entries) - 1

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.Opened(self.current))

    def on_click(self, event: events.Click) -> None:
        row = event.y + int(self.scroll_y)
        if 0 <= row < len(self.entries):
            self.cursor = row
            if event.chain == 2:
                self.action_open()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.entries))
        self.call_after_refresh(self.align_header)

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        self.call_after_refresh(self.align_header)

    def align_header(self) -> None:
        """The column titles laid out at this list's line width (the scrollbar left out)."""
        for header in self.screen.query(ChecklistHeader):
            header.align_to(self.scrollable_content_region.width)
        self._header_width = self.scrollable_content_region.width

    # -- drawing ---------------------------------------------------------
    def _style(self, name: str) -> Style:
        """Component styles, looked up once per theme rather than once per cell."""
        cache = self._style_cache
        if cache is None:
            cache = self._style_cache = {}
        if name not in cache:
            cache[name] = self.get_component_rich_style(name)
        return cache[name]

    def notify_style_update(self) -> None:
        self._style_cache = None
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        row = y + int(self.scroll_y)
        width = self.scrollable_content_region.width
        if width != self._header_width:  # drawn at a new width: the titles follow (after this paint)
            self._header_width = width
            self.call_later(self.align_header)
        base = self.rich_style
        if row >= len(self.entries):
            if not self.entries and row == 1 and self.empty_text:
                text = " " + fit(self.empty_text, max(width - 1, 0))
                return Strip([Segment(text, base + Style(dim=True))]).extend_cell_length(width, base)
            return Strip.blank(width, base)
        e = self.entries[row]
        status_style = {
            "已完成": "checklist--done",
            "推进中": "checklist--progress",
            "不适用": "checklist--na",
        }.get(e.status)
        cursor = None
        if row == self.cursor:
            cursor = self._style("checklist--cursor")
            if not self.has_focus:
                cursor = Style(bgcolor=cursor.bgcolor)
        segments = []
        for i, text in enumerate(layout(cells_for(e, e.id in self.marked), column_widths(width))):
            style = base
            if i == 0 and e.id in self.marked:
                style += self._style("checklist--marked")
            if i == 1 and status_style:
                style += self._style(status_style)
            if i == 4 and e.overdue(self.as_of):
                style += self._style("checklist--overdue")
            if i == 7 and e.missing_evidence:
                style += self._style("checklist--missing")
            segments.append(Segment(text, style + cursor if cursor else style))
        widths = column_widths(width)
        strip = Strip(segments, sum(widths))
        if strip.cell_length > width:
            strip = strip.crop(0, width)
        return strip.extend_cell_length(width, base + cursor if cursor else base)
