"""Switching document on the main screen: `D` lists the documents of the database (in a
worker), `O` loads a new one (load_dialog.py); the one chosen is checked for the open unit
(in a worker, another unit picked when it does not name it), then shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from ..store import InputError, StoreError
from ..store.documents import label
from .main_texts import document_label
from .background import worker_failures

if TYPE_CHECKING:
    from ..units.resolve import Catalogue
    from .main_host import MainScreenHost  # the screen as its flows see it (main_host.py)
else:
    MainScreenHost = object  # at run time a plain mixin of MainScreen


class DocumentSwitch(MainScreenHost):
    """MainScreen's document keys (a mixin: `self` is the MainScreen). Its messages keep
    the screen's name (`on_main_screen_documents_listed`)."""

    _documents: list[dict] = []  # the documents D listed last (their numbers name a document in messages)

    @dataclass
    class DocumentsListed(Message, namespace="main_screen"):
        docs: list[dict]
        progress: dict[int, dict | None]  # doc id → the open unit's progress there (or None)
        error: str | None = None

    @dataclass
    class DocumentChecked(Message, namespace="main_screen"):
        doc: int
        number: str
        unit: str  # the open unit, as that document names it; "" when it does not know the unit
        units: list[dict]  # that document's units and catalogue, to choose another unit from
        catalogue: Catalogue | None  # None only with an error
        error: str | None = None

    def document_number(self, doc: int | None) -> str:
        if doc is None or doc == self.session.store.doc:
            return label(self.session.store.document)
        return next((label(d) for d in self._documents if d["id"] == doc), f"#{doc}")

    def action_documents(self) -> None:
        """D: the documents of the database, listed in a worker (their counts are whole-table queries)."""
        self._list_documents(self.session.unit)

    @work(thread=True, exclusive=True, group="documents")
    def _list_documents(self, unit: str) -> None:
        from ..store import Store

        with worker_failures(lambda text: self.post_message(self.DocumentsListed([], {}, text)), "列出任务分工文件"):
            with Store(self.session.store.path, readonly=True, pages_checked=True) as store:
                docs = store.documents()
                progress = {d["id"]: store.document_progress(d["id"]).get(unit) for d in docs}
            if not get_current_worker().is_cancelled:
                self.post_message(self.DocumentsListed(docs, progress))

    def on_main_screen_documents_listed(self, event: "DocumentSwitch.DocumentsListed") -> None:
        from .document_picker import LOAD, DocumentPicker

        if event.error:
            self.notify(event.error, title="无法列出任务分工文件", severity="error", timeout=10, markup=False)
            return
        self._documents = event.docs
        if self.app.screen is not self:  # a dialog opened meanwhile: not over it
            return

        def finish(doc: int | str | None) -> None:
            if doc == LOAD:
                self.action_load_document()
            elif isinstance(doc, int) and doc != self.session.store.doc:  # LOAD aside, an id
                self.open_document(doc)

        self.app.push_screen(
            DocumentPicker(event.docs, self.session.store.doc, self.session.shown_name, event.progress), finish
        )

    def action_load_document(self) -> None:
        """O: read a document, check what was read, store it and switch to it (app/load_dialog.py)."""
        from .load_dialog import open_load_dialog

        open_load_dialog(self)

    def open_document(self, doc: int, unit: str | None = None, number: str | None = None) -> None:
        """Switch to another document: first whether it knows the unit (in a worker), then
        its checklist, the head at once for a large one (see enter_document)."""
        self.notify(f"正在打开 {number or self.document_number(doc)}…", timeout=2, markup=False)
        self._check_document(doc, unit or self.session.unit)

    @work(thread=True, exclusive=True, group="documents")
    def _check_document(self, doc: int, unit: str) -> None:
        from ..store import InputError, Store
        from ..units import UnknownUnit

        def failed(text: str) -> None:
            self.post_message(self.DocumentChecked(doc, f"#{doc}", "", [], None, text))

        with worker_failures(failed, "打开任务分工文件"):
            with Store(self.session.store.path, readonly=True, pages_checked=True, doc=f"#{doc}") as store:
                # not store.document: that reads the whole document, which is enter_document's work
                number = next((label(d) for d in store.documents() if d["id"] == doc), f"#{doc}")
                try:
                    name = store.resolve_unit(unit)
                except (UnknownUnit, InputError):
                    name = ""
                checked = self.DocumentChecked(doc, number, name, store.units(), store.catalogue)
            if not get_current_worker().is_cancelled:  # another D or document chosen since
                self.post_message(checked)

    def on_main_screen_document_checked(self, event: "DocumentSwitch.DocumentChecked") -> None:
        from .unit_picker import UnitPicker

        here = label(self.session.store.document)
        if event.error:
            self.notify(f"{event.error};仍在 {here}", title="未能切换文件", severity="error", timeout=10, markup=False)
            return
        if event.unit:
            self.enter_document(event.doc, event.unit)
            return
        self.notify(
            f"「{self.session.shown_name}」不在 {event.number} 中:请选择该文件中的单位,或按 Esc 留在 {here}",
            title="单位不在该文件中",
            severity="warning",
            timeout=8,
            markup=False,
        )

        assert event.catalogue is not None  # checked without an error (_check_document)

        def finish(name: str | None) -> None:
            if name:
                self.enter_document(event.doc, name)
            else:
                self.notify(f"仍在 {here}", timeout=3, markup=False)

        self.app.push_screen(UnitPicker(event.catalogue, event.units, "", title=f"选择单位({event.number})"), finish)

    def enter_document(self, doc: int, unit: str) -> None:
        """Show `unit`'s checklist of document `doc` (a name that document knows)."""
        for group in ("load", "check-files"):  # what they read is of the document being left
            self.workers.cancel_group(self, group)
        try:
            self.session.switch_document(doc, unit)
        except (InputError, StoreError) as e:
            self.notify(str(e), title="未能切换文件", severity="error", markup=False)
            return
        self.show_new_checklist()
        self.notify(
            f"已切换到 {document_label(self.session.store.document)}({self.session.shown_name})",
            timeout=3,
            markup=False,
        )
