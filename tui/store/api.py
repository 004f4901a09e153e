"""The small store API the CLI and the app call. No SQL outside `store/`."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

from ..source.row_ids import current_id
from ..units import Catalogue
from . import documents, queries
from .errors import InputError, StoreError
from .evidence import make_evidence
from .progress import (
    EVIDENCE_ADD,
    EVIDENCE_DEL,
    EVIDENCE_EDIT,
    EVIDENCE_KEYS,
    Batch,
    Change,
    Written,
    apply_batches,
    apply_changes,
    preview_batches,
    replay,
    status_changes,
)
from .api_cascade import CascadeMethods
from .queries import Entry, Structure
from .schema import DONE, PROGRESS_FIELDS
from .text_limits import MAX_EVIDENCE, check_text


class Store(CascadeMethods):
    """One database, one document of it (`doc`): the reads and writes the CLI and the app make.
    The 细化 steps' methods are in api_steps.py, the cascade's (assign down, sub-units, roll-up)
    in api_cascade.py."""

    def __init__(
        self,
        path: Path,
        readonly: bool = False,
        check_in_background: bool = False,
        doc: str | None = None,
        pages_checked: bool = False,
    ):
        """`check_in_background` (the app): the page check of a large file runs in a thread
        while the first screen paints; every write waits for it and is refused on damage.

        `doc`: the document to work on, by number or year (`--doc`); the newest by issue
        date when None. Every read and write of the store concerns that document.

        `pages_checked` (read-only): the caller's own Store checked this file's pages already (a
        worker of the app): not again, 90 ms on a 20,000-item file at each screen opened."""
        from .db import open_database

        self.path = path
        self.conn, deferred = open_database(
            path, readonly=readonly, defer_check=check_in_background, pages_checked=pages_checked
        )
        try:
            self.doc = documents.choose(self.conn, doc)
        except BaseException:
            self.conn.close()
            raise
        self.partial = False  # True while `structure` holds only the head of a checklist
        self._checked: threading.Event | None = None
        self._damage: str | None = None
        if deferred:
            self._checked = threading.Event()
            threading.Thread(target=self._check_pages, args=(self._checked,), daemon=True).start()

    def _check_pages(self, checked: threading.Event) -> None:
        import sqlite3

        from .db import damage_problem, sqlite_uri

        try:
            conn = sqlite3.connect(sqlite_uri(self.path, "ro"), uri=True)
            try:
                self._damage = damage_problem(conn, self.path)
            finally:
                conn.close()
        except sqlite3.Error as e:
            self._damage = f"{self.path} 不是可用的 SQLite 数据库(可能已损坏):{e};未写入任何更改"
        finally:
            checked.set()

    def damage_found(self) -> str | None:
        """The background page check's verdict, once it has one (None: sound or not done)."""
        return self._damage if self._checked is None or self._checked.is_set() else None

    @property
    def wconn(self):
        """The connection, for writing: only once the file is known to be sound."""
        if self._checked is not None:
            self._checked.wait()
            if self._damage:
                raise StoreError(self._damage)
            from .db import prepare_for_writing

            prepare_for_writing(self.conn)
            self._checked = None
        return self.conn

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reads -----------------------------------------------------------
    @contextmanager
    def one_reading(self) -> Iterator[None]:
        """The reads inside in one read transaction: they see the same state of the file
        (a roll-up read in two parts while another program imports)."""
        self.conn.execute("BEGIN")
        try:
            yield
        finally:
            self.conn.execute("COMMIT")

    def data_version(self) -> int:
        """Changes whenever another connection (another TUI, a CLI command) commits."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    @cached_property
    def structure(self) -> Structure:
        return queries.load_structure(self.conn, self.doc)

    @property
    def document(self) -> dict:
        return self.structure.document

    @cached_property
    def catalogue(self) -> Catalogue:
        return queries.load_catalogue(self.conn, self.doc)

    # -- documents ---------------------------------------------------------
    def documents(self) -> list[dict]:
        """Every document in the database, oldest first, with its counts (see documents.py)."""
        return documents.listing(self.conn)

    def document_progress(self, doc: int) -> dict[str, dict]:
        """unit → {status: items, "evidence": entries} for each unit with any progress."""
        return documents.progress_by_unit(self.conn, doc)

    def use_document(self, doc: int) -> None:
        """Work on another document of this database from now on."""
        if doc == self.doc:
            return
        documents.check_exists(self.conn, doc)
        self.doc = doc
        self.partial = False
        for name in ("structure", "catalogue"):
            self.__dict__.pop(name, None)

    def workbook_document(self, number: str | None, sha: str | None) -> tuple[int | None, int | None]:
        """(the text a workbook was exported from, the current text of its document)."""
        return documents.for_workbook(self.conn, number, sha)

    def revision_mapping(self, old_doc: int, new_doc: int) -> dict[str, str]:
        return documents.revision_mapping(self.conn, old_doc, new_doc)

    def reference(self, unit: str, item_id: str) -> dict | None:
        """往年参考: the matching item of an earlier year's document and the unit's progress there."""
        return documents.reference(self.conn, self.doc, item_id, unit)

    def resolve_unit(self, text: str) -> str:
        key = text.strip()
        if not key:
            raise InputError("单位名称为空:请输入单位全称、简称、区县名或拼音首字母")
        if len(key) > MAX_UNIT_NAME:
            raise InputError(f"单位名称过长({len(key)} 个字符):「{shown(key)}」")
        if any(_is_control(c) for c in key):
            raise InputError(f"单位名称中含有控制字符:「{shown(key)}」")
        return self.catalogue.resolve(key)

    def checklist(self, unit: str) -> list[Entry]:
        return queries.checklist(self.conn, self.structure, unit)

    def item_count(self) -> int:
        return documents.item_count(self.conn, self.doc)

    def checklist_head(self, unit: str, at_least: int) -> list[Entry]:
        """The first lines of the checklist without loading the whole document.

        Until `complete_structure` hands over the whole document, the store answers
        from the part it has read (writes then concern the lines on screen)."""
        partial, entries = queries.checklist_head(self.conn, self.doc, unit, at_least)
        if "structure" not in self.__dict__:
            self.__dict__["structure"] = partial
            self.partial = True
        return entries

    def checklist_first(self, unit: str, at_least: int) -> list[Entry]:
        """The first lines of a unit's checklist, from the document already read."""
        return queries.checklist_first(self.conn, self.structure, unit, at_least)

    def share_structure(self, structure: Structure) -> None:
        """Use the document another Store of the same database already read (a worker opens its
        own connection: the rows are the same, only progress is read again)."""
        if structure.document.get("id") != self.doc:
            raise ValueError(f"the structure is of document {structure.document.get('id')}, not {self.doc}")
        self.__dict__["structure"] = structure  # what the cached_property would have read
        self.partial = False

    def complete_structure(self, structure: Structure) -> None:
        """The whole document, read by a loading worker (replaces a partial one)."""
        if self.partial:
            self.__dict__["structure"] = structure
            self.partial = False

    def entries(self, unit: str, item_ids: list[str]) -> list[Entry]:
        """Fresh entries for just these items (after a write)."""
        return queries.checklist(self.conn, self.structure, unit, only=item_ids)

    def action_items(self, unit: str, action_id: int) -> list[str]:
        return queries.action_items(self.conn, self.doc, unit, action_id)

    def entry(self, unit: str, item_id: str) -> Entry:
        item_id = current_id(item_id.strip())  # `1.0.1-1`, as ids were written before: `1.1-1`
        if item_id not in self.structure.index:
            raise InputError(f"没有编号为「{shown(item_id)}」的条目(编号形如 1.2.3-1,可用 list 命令查看)")
        for e in self.entries(unit, [item_id]):
            return e
        raise InputError(f"条目 {item_id} 不在「{unit}」的任务清单中")

    def evidence_map(self, unit: str) -> dict[str, list[dict]]:
        """Every evidence record of the unit, by item (one query)."""
        return queries.evidence_by_item(self.conn, self.doc, unit)

    def workspace(self) -> tuple[str | None, int]:
        """(this working database's identity or None before its first write, the id of its
        newest history line: a version that grows with every change, whatever the clock)."""
        return queries.workspace(self.conn)

    def import_versions(self, unit: str, source_db: str) -> int | None:
        """The newest source version of a workbook from `source_db` imported for the unit."""
        return queries.import_version(self.conn, self.doc, unit, source_db)

    def locally_edited(self, unit: str) -> set[tuple[str, str]]:
        """(item, field) whose last change in this database was not an import."""
        return queries.locally_edited(self.conn, self.doc, unit)

    def file_evidence(self, unit: str | None = None, every_document: bool = False) -> list[dict]:
        """Every evidence entry that is a file (of one unit, or of all; of this document, or of all), in order."""
        return queries.file_evidence(self.conn, None if every_document else self.doc, unit)

    def evidence(self, unit: str, item_id: str) -> list[dict]:
        return queries.evidence_for(self.conn, self.doc, current_id(item_id), unit)

    def history(self, unit: str, item_id: str) -> list[dict]:
        return queries.history_for(self.conn, self.doc, current_id(item_id), unit)

    def confirm_via(self, unit: str, row_id: str) -> list[str]:
        """Why a row is 待确认 for the unit: the conditional collectives naming it."""
        return queries.confirm_via(self.conn, self.doc, unit, row_id)

    def members(self, collective: str) -> list[dict]:
        """A collective's member units (name, kind, how); empty for a unit that is no collective."""
        return queries.collective_members(self.conn, self.doc, collective)

    def units(self) -> list[dict]:
        return queries.units_table(self.conn, self.doc)

    def review(self, lead: str):
        """For each row the unit leads, each responsible unit's progress (see review.py)."""
        from .review import review

        return review(self.conn, self.structure, lead)

    def dump(self) -> dict:
        data = queries.dump(self.structure)
        data["build_notes"] = queries.build_notes(self.conn, self.doc)
        return data

    # -- writes ----------------------------------------------------------
    def set_status(
        self,
        unit: str,
        item_ids: list[str],
        status: str,
        reason: str | None = None,
        source: str = "cli",
        today: dt.date | None = None,
        done_date: dt.date | None = None,
    ) -> int | None:
        """One action for one or many items (a bulk change is one undo step). `done_date`:
        the 完成时间 to set with 已完成 (else the one recorded, or today)."""
        today = today or dt.date.today()
        check_text(PROGRESS_FIELDS["reason"], reason)
        if done_date is not None and status != DONE:
            raise InputError(f"完成时间只能与「{DONE}」一起设置(现为「{status}」)")
        changes: list[Change] = []
        for item_id in item_ids:
            e = self.entry(unit, item_id)
            changes += status_changes(e.id, status, reason, done_date.isoformat() if done_date else e.done_date, today)
        return apply_changes(self.wconn, self.doc, unit, changes, source)

    def mark_done(
        self,
        unit: str,
        item_id: str,
        evidence: Sequence[str] = (),
        note: str | None = None,
        source: str = "cli",
        today: dt.date | None = None,
        *,
        fingerprints: dict[str, tuple[int, str | None]] | None = None,
        done_date: dt.date | None = None,
        narrative: str | None = None,
    ) -> int | None:
        """`fingerprints[value]`: (size, SHA-256) of a file computed already (not read again).
        `done_date`: the 完成时间 (else the one recorded, or today). `narrative`: 具体完成情况."""
        e = self.entry(unit, item_id)
        check_text(PROGRESS_FIELDS["note"], note)
        check_text(PROGRESS_FIELDS["narrative"], narrative)
        fingerprints = fingerprints or {}
        records = [make_evidence(v, fingerprint=fingerprints.get(v)) for v in evidence]  # all checked first
        changes = status_changes(
            e.id, DONE, None, done_date.isoformat() if done_date else e.done_date, today or dt.date.today()
        )

        # Evidence already recorded (the same URL or file path) is not added again, so
        # repeating the same command changes nothing; decided inside the write transaction.
        changes += [Change(e.id, EVIDENCE_ADD, r) for r in records]
        if note is not None:
            changes.append(Change(e.id, "note", note if note.strip() else None))
        if narrative is not None:
            changes.append(Change(e.id, "narrative", narrative.strip("\n") if narrative.strip() else None))
        return apply_changes(self.wconn, self.doc, unit, changes, source)

    def add_evidence(
        self,
        unit: str,
        item_id: str,
        value: str,
        caption: str = "",
        source: str = "cli",
        *,
        fingerprint: tuple[int, str | None] | None = None,
    ) -> int | None:
        e = self.entry(unit, item_id)
        record = make_evidence(value, caption, fingerprint=fingerprint)
        if len(self.evidence(unit, e.id)) >= MAX_EVIDENCE:
            raise InputError(f"条目 {e.id} 已有 {MAX_EVIDENCE} 条佐证材料,达到上限,未写入")
        return apply_changes(self.wconn, self.doc, unit, [Change(e.id, EVIDENCE_ADD, record)], source)

    def remove_evidence(self, unit: str, item_id: str, index: int, source: str = "cli") -> int | None:
        item_id = current_id(item_id)
        records = self._evidence_records(unit, item_id)
        if not 0 <= index < len(records):
            raise InputError("没有这条佐证材料")
        gone = records[index]  # what another process added stays
        return apply_changes(self.wconn, self.doc, unit, [Change(item_id, EVIDENCE_DEL, gone)], source)

    def set_evidence_caption(
        self, unit: str, item_id: str, index: int, caption: str, source: str = "cli"
    ) -> int | None:
        """The caption (说明) of one evidence entry: one history line, one undo step."""
        item_id = current_id(item_id)
        records = self._evidence_records(unit, item_id)
        if not 0 <= index < len(records):
            raise InputError("没有这条佐证材料")
        caption = " ".join(caption.split())  # a caption is one line
        check_text("佐证说明", caption)
        record = {**records[index], "caption": caption}
        return apply_changes(self.wconn, self.doc, unit, [Change(item_id, EVIDENCE_EDIT, record)], source)

    def confirm(self, unit: str, item_ids: list[str], source: str = "cli", today: dt.date | None = None) -> int | None:
        """待确认 resolved: the unit confirms these items apply to it (one undo step). Items it
        is named in directly or through a collective need no confirmation and are refused."""
        changes = []
        for item_id in item_ids:
            e = self.entry(unit, item_id)
            if e.via != "to_confirm":
                raise InputError(f"条目 {e.id} 直接或通过统称适用于「{unit}」,不需要确认")
            if not e.confirmed:
                changes.append(Change(e.id, "confirmed", (today or dt.date.today()).isoformat()))
        return apply_changes(self.wconn, self.doc, unit, changes, source) if changes else None

    def set_fields(self, unit: str, item_id: str, fields: dict[str, str | None], source: str = "cli") -> int | None:
        e = self.entry(unit, item_id)
        for name in fields:
            if name not in PROGRESS_FIELDS or name in ("status", "reason", "done_date", "confirmed"):
                raise InputError(f"不能直接修改字段:{name}")
            check_text(PROGRESS_FIELDS[name], fields[name])
        clean = {k: (v if v is None or v.strip() else None) for k, v in fields.items()}
        return apply_changes(self.wconn, self.doc, unit, [Change(e.id, k, v) for k, v in clean.items()], source)

    def apply_import(self, batches: list[Batch], imports: list[dict]) -> tuple[int | None, list[Written]]:
        """Apply every workbook's changes in one transaction (all files or none)."""
        return apply_batches(self.wconn, batches, imports=[{"doc": self.doc, **r} for r in imports])

    def preview(self, batches: list[Batch]) -> list[Written]:
        return preview_batches(self.conn, batches)

    def last_import(self, unit: str) -> str | None:
        """When the newest workbook imported for this unit was exported."""
        return queries.last_import(self.conn, self.doc, unit)

    def imports(self) -> list[dict]:
        return queries.imports(self.conn, self.doc)

    def undo(self, unit: str, action_id: int) -> int | None:
        return replay(self.wconn, self.doc, unit, action_id, backwards=True, source=f"undo:{action_id}")

    def redo(self, unit: str, action_id: int) -> int | None:
        return replay(self.wconn, self.doc, unit, action_id, backwards=False, source=f"redo:{action_id}")

    def set_narrative(self, unit: str, item_id: str, text: str | None, source: str = "cli") -> int | None:
        """具体完成情况 as written (several lines); empty text clears it."""
        return self.set_fields(unit, item_id, {"narrative": None if text is None else text.strip("\n")}, source)

    def add_evidence_many(self, unit: str, item_id: str, values: list[str], source: str = "cli") -> int | None:
        """Several URLs or paths (a paste of several lines) added as one action: one undo step.
        All are checked before any is written; ones already recorded are not added again."""
        e = self.entry(unit, item_id)
        records = [make_evidence(v) for v in values]
        if len(self.evidence(unit, e.id)) + len(records) > MAX_EVIDENCE:
            raise InputError(f"条目 {e.id} 最多 {MAX_EVIDENCE} 条佐证材料,加上这 {len(records)} 条将超过上限,未写入")
        return apply_changes(self.wconn, self.doc, unit, [Change(e.id, EVIDENCE_ADD, r) for r in records], source)

    def _evidence_records(self, unit: str, item_id: str) -> list[dict]:
        return [{k: r[k] for k in EVIDENCE_KEYS} for r in self.evidence(unit, item_id)]


MAX_UNIT_NAME = 100  # the longest unit name is about 20 characters


def _is_control(c: str) -> bool:
    return ord(c) < 32 or 0x7F <= ord(c) < 0xA0


def shown(text: str, limit: int = 40) -> str:
    """User input quoted in a message: control characters escaped, long text cut."""
    cut = text if len(text) <= limit else text[:limit] + "…"
    return "".join(f"\\x{ord(c):02x}" if _is_control(c) else c for c in cut)
