"""What the main screen reads and builds after its first paint: the rest of a large
checklist (its head is shown at once; session.FAST_START_ITEMS), read in a worker, then the
search text, built a slice at a time in idle moments (search_index.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from .background import worker_failures

if TYPE_CHECKING:
    from ..store import Entry
    from ..store.queries import Structure
    from .main_host import MainScreenHost  # the screen as its flows see it (main_host.py)
else:
    MainScreenHost = object  # at run time a plain mixin of MainScreen


class ChecklistLoading(MainScreenHost):
    """MainScreen's loading after the first paint (a mixin: `self` is the MainScreen). Its
    message keeps the screen's name (`on_main_screen_loaded`)."""

    _warm_token: object | None = None  # the search warm-up chain that may go on

    def start_warm(self) -> None:
        """(Re)start building the search text of the checklist now shown, from its first
        line; a chain started for the checklist before stops at its next slice."""
        token = self._warm_token = object()
        self.set_timer(0.5, lambda: self.warm_search(0, token))

    def warm_search(self, start: int, token: object) -> None:
        """The search text built in idle moments, a slice at a time (a few ms each), so the
        first keystroke in / is as quick as the next ones."""
        if token is self._warm_token and self.session.complete:
            end = self.session.warm_search(start)
            if end is not None:
                self.set_timer(0.02, lambda: self.warm_search(end, token))

    @dataclass
    class Loaded(Message, namespace="main_screen"):
        unit: str
        structure: Structure | None  # None only with an error
        entries: list[Entry]
        error: str | None = None
        doc: int | None = None  # the document read (None: the store's)

    @work(thread=True, exclusive=True, group="load")
    def load_rest(self) -> None:
        from ..store import Store

        unit = self.session.unit
        main = self.session.store
        doc = main.doc

        def failed(text: str) -> None:
            self.post_message(self.Loaded(unit, None, [], text, doc=doc))

        with (
            worker_failures(failed, "读取清单"),
            Store(main.path, readonly=True, pages_checked=True, doc=f"#{doc}") as store,
        ):
            if not main.partial:  # the document is already read: share it, read only progress
                store.share_structure(main.structure)
            self.post_message(self.Loaded(unit, store.structure, store.checklist(unit), doc=doc))

    def on_main_screen_loaded(self, event: "ChecklistLoading.Loaded") -> None:
        s = self.session
        if event.doc is not None and event.doc != s.store.doc:
            return  # read for a document the user has left
        if event.error:
            self.notify(event.error, title="加载失败", severity="error", timeout=10, markup=False)
            return
        if event.unit != s.unit or s.complete:
            return
        assert event.structure is not None  # read without an error (load_rest)
        s.store.complete_structure(event.structure)
        written = s.written_while_loading
        s.install(event.entries)
        if written:
            s.refresh(sorted(written))  # writes made while loading are newer than what was read
        for outline in self.outlines():
            outline.build(s.entries, self.node_counts)
        self.apply_filters()
        self.start_warm()
