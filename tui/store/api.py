"""The small store API the CLI and the app call. No SQL outside `store/`."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from ..source.row_ids import current_id
from ..units import Catalogue
from . import assign, assign_rows, documents, queries, steps, sub_reports, sub_units
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
from .queries import Entry, Structure
from .schema import DONE, PROGRESS_FIELDS
from .text_limits import MAX_EVIDENCE, check_text


class Store:
    def __init__(self, path: Path, readonly: bool = False, check_in_background: bool = False, doc: str | None = None):
        """`check_in_background` (the app): the page check of a large file runs in a thread
        while the first screen paints; every write waits for it and is refused on damage.

        `doc`: the document to work on, by number or year (`--doc`); the newest by issue
        date when None. Every read and write of the store concerns that document."""
        from .db import open_database

        self.path = path
        self.conn, deferred = open_database(path, readonly=readonly, defer_check=check_in_background)
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

    # -- 细化 steps and 具体完成情况 (store/steps.py; each write one action, undone as one) ----
    def steps_of(self, unit: str, item_ids: list[str] | None = None) -> dict[str, list[dict]]:
        """item id → the unit's steps of it (steps.steps_of); every item when `item_ids` is None."""
        return steps.steps_of(self.conn, self.doc, unit, item_ids)

    def step_ref(self, unit: str, text: str) -> tuple[str, int]:
        """`3-1.2` → (item id, step number), the item checked to be on the unit's list."""
        item_id, number = steps.split_ref(text)
        return self.entry(unit, item_id).id, number

    def add_step(
        self, unit: str, item_id: str, text: str, fields: dict[str, str | None] | None = None, source: str = "cli"
    ) -> tuple[int, int | None]:
        """(the new step's number, the action). `fields`: office, person, deadline, path, target, narrative."""
        e = self.entry(unit, item_id)
        number, changes = steps.add_changes(self.conn, self.doc, unit, e.id, text, fields or {})
        return number, apply_changes(self.wconn, self.doc, unit, changes, source)

    def edit_step(
        self, unit: str, item_id: str, number: int, fields: dict[str, str | None], source: str = "cli"
    ) -> int | None:
        e = self.entry(unit, item_id)
        return apply_changes(
            self.wconn, self.doc, unit, steps.edit_changes(self.conn, self.doc, unit, e.id, number, fields), source
        )

    def set_step_status(
        self,
        unit: str,
        item_id: str,
        number: int,
        status: str,
        reason: str | None = None,
        source: str = "cli",
        today: dt.date | None = None,
        done_date: dt.date | None = None,
    ) -> int | None:
        """The step's status; its item follows (step_rows.follow) in the same action."""
        e = self.entry(unit, item_id)
        changes = steps.status_changes(
            self.conn, self.doc, unit, e.id, number, status, reason, today or dt.date.today(), done_date
        )
        return apply_changes(self.wconn, self.doc, unit, changes, source)

    def mark_step_done(
        self,
        unit: str,
        item_id: str,
        number: int,
        evidence: Sequence[str] = (),
        narrative: str | None = None,
        source: str = "cli",
        today: dt.date | None = None,
        *,
        done_date: dt.date | None = None,
        fingerprints: dict[str, tuple[int, str | None]] | None = None,
    ) -> int | None:
        """已完成 with its evidence and 具体完成情况, one action (the item follows, step_rows.follow)."""
        e = self.entry(unit, item_id)
        records = [make_evidence(v, fingerprint=(fingerprints or {}).get(v)) for v in evidence]
        changes = steps.status_changes(
            self.conn, self.doc, unit, e.id, number, DONE, None, today or dt.date.today(), done_date
        )
        changes += steps.evidence_changes(self.conn, self.doc, unit, e.id, number, records)
        if narrative is not None:
            changes += steps.edit_changes(self.conn, self.doc, unit, e.id, number, {"narrative": narrative})
        return apply_changes(self.wconn, self.doc, unit, changes, source)

    def remove_step(self, unit: str, item_id: str, number: int, source: str = "cli") -> int | None:
        e = self.entry(unit, item_id)
        return apply_changes(
            self.wconn, self.doc, unit, steps.remove_changes(self.conn, self.doc, unit, e.id, number), source
        )

    def add_step_evidence(
        self,
        unit: str,
        item_id: str,
        number: int,
        values: list[str],
        source: str = "cli",
        *,
        fingerprints: dict[str, tuple[int, str | None]] | None = None,
    ) -> int | None:
        e = self.entry(unit, item_id)
        records = [make_evidence(v, fingerprint=(fingerprints or {}).get(v)) for v in values]
        return apply_changes(
            self.wconn, self.doc, unit, steps.evidence_changes(self.conn, self.doc, unit, e.id, number, records), source
        )

    def remove_step_evidence(self, unit: str, item_id: str, number: int, index: int, source: str = "cli") -> int | None:
        e = self.entry(unit, item_id)
        return apply_changes(
            self.wconn, self.doc, unit, steps.evidence_removal(self.conn, self.doc, unit, e.id, number, index), source
        )

    # -- 分解: items and steps assigned down to the unit's own sub-units (store/assign.py) ----
    def assignments_of(self, unit: str, item_ids: list[str] | None = None) -> dict[str, list[dict]]:
        """item id → the unit's assignments of the item and its steps (assign_rows.assignments_of)."""
        return assign_rows.assignments_of(self.conn, self.doc, unit, item_ids)

    def assign(
        self,
        unit: str,
        item_ids: list[str],
        sub_units: list[str],
        role: str,
        requirement: str | None = None,
        deadline: str | None = None,
        step: int = 0,
        source: str = "cli",
        later_ok: bool = False,
    ) -> int | None:
        """Assign each item (or its step `step`) to each sub-unit, one action. A 时限 later than
        an item's own deadline is refused (InputError naming it) unless `later_ok`."""
        _, day = assign.deadline_value(deadline)
        changes = []
        for item_id in item_ids:
            e = self.entry(unit, item_id)
            if step and not any(s["number"] == step for s in self.steps_of(unit, [e.id]).get(e.id, [])):
                raise InputError(f"条目 {e.id} 没有步骤 {step}(gongkai-tui step list 列出各步骤)")
            if not later_ok and assign.later_than_item(day, e.deadline):
                raise InputError(f"时限 {day} 晚于条目 {e.id} 自己的时限 {e.deadline};确需如此请确认后再分解")
            changes += assign.assign_changes(
                self.conn, self.doc, unit, e.id, sub_units, role, requirement, deadline, step
            )
        return apply_changes(self.wconn, self.doc, unit, changes, source) if changes else None

    def assign_groups(
        self, unit: str, plan: dict[str, list[tuple[str, str, str | None]]], source: str = "cli"
    ) -> int | None:
        """Several assignments in one action: item id → (sub-unit, role, 具体要求) each, 时限
        the item's own (last year's assignment taken again, assign.last_year). A sub-unit
        the item is assigned to already keeps its assignment as it is."""
        changes = []
        for item_id, rows in plan.items():
            e = self.entry(unit, item_id)
            for sub_unit, role, requirement in rows:
                if assign_rows.read(self.conn, self.doc, unit, e.id, 0, sub_unit) is not None:
                    continue
                changes += assign.assign_changes(self.conn, self.doc, unit, e.id, [sub_unit], role, requirement, None)
        return apply_changes(self.wconn, self.doc, unit, changes, source) if changes else None

    def last_year_assignments(self, unit: str, item_ids: list[str]) -> dict[str, dict]:
        """item id → how the unit assigned its 往年参考 item (assign.last_year)."""
        return assign.last_year(self.conn, self.doc, unit, item_ids)

    # -- 下级单位目录: the sub-units a unit assigns to (store/sub_units.py) ----
    def sub_units(self, unit: str) -> list[str]:
        return sub_units.listing(self.conn, unit)

    def add_sub_units(self, unit: str, text: str) -> list[str]:
        return sub_units.add(self.wconn, unit, text)

    def rename_sub_unit(self, unit: str, old: str, new: str) -> str:
        return sub_units.rename(self.wconn, unit, old, new)

    def remove_sub_unit(self, unit: str, name: str) -> int:
        """The name taken off; how many items and steps stay assigned to it."""
        return sub_units.remove(self.wconn, unit, name)

    def save_sub_reports(
        self,
        unit: str,
        sub_unit: str,
        reports: list[dict],
        file: str,
        sha256: str,
        exported_at: str,
        source_db: str = "",
        source_version: int = 0,
    ) -> sub_reports.Received:
        """A sub-unit's reports of what the unit assigned it (store/sub_reports.py)."""
        now = dt.datetime.now().isoformat(timespec="seconds")
        return sub_reports.save_reports(
            self.wconn, self.doc, unit, sub_unit, reports, file, sha256, exported_at, now, source_db, source_version
        )

    def rollup(self, unit: str) -> list[dict]:
        """Each assignment of the unit with its sub-unit's report, or not reported."""
        return sub_reports.rollup(self.conn, self.doc, unit)

    def fill_from_reports(
        self, unit: str, set_done: bool = False, today: dt.date | None = None, source: str = "cli"
    ) -> tuple[int | None, list[str], list[str]]:
        """The unit's own 具体完成情况, where empty or as an earlier fill left it, from its
        sub-units' reports, and (with `set_done`) 已完成 where every sub-unit assigned the item
        reported it done: one action. Returns (the action, the items whose narrative was
        filled, the items all done)."""
        entries = {e.id: e for e in self.checklist(unit)}
        refill = sub_reports.left_by_fill(self.conn, self.doc, unit, entries)
        narratives, done = sub_reports.fill_plan(self.rollup(unit), entries, refill)
        changes = [Change(item_id, "narrative", text) for item_id, text in narratives.items()]
        if set_done:
            for item_id in done:
                changes += status_changes(item_id, DONE, None, entries[item_id].done_date, today or dt.date.today())
        action = apply_changes(self.wconn, self.doc, unit, changes, sub_reports.FILL + source) if changes else None
        return action, list(narratives), done

    def later_than_items(self, unit: str, item_ids: list[str], deadline: str | None) -> list[tuple[str, str]]:
        """(item id, its own deadline) of each item the 时限 `deadline` is later than."""
        _, day = assign.deadline_value(deadline)
        out = []
        for item_id in item_ids:
            e = self.entry(unit, item_id)
            if assign.later_than_item(day, e.deadline):
                out.append((e.id, e.deadline or ""))
        return out

    def unassign(
        self,
        unit: str,
        item_ids: list[str],
        sub_units: list[str],
        step: int = 0,
        source: str = "cli",
        role: str | None = None,
    ) -> int | None:
        """Take assignments back, one action; with `role`, only ones of that role (another is refused)."""
        changes = []
        for item_id in item_ids:
            e = self.entry(unit, item_id)
            changes += assign.unassign_changes(self.conn, self.doc, unit, e.id, sub_units, step, role)
        return apply_changes(self.wconn, self.doc, unit, changes, source)

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
