"""The Store's methods for a unit's 细化 steps and their 具体完成情况 (store/steps.py): each
write one action of the history, undone as one. Mixed into `Store` (api.py)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import steps
from .evidence import make_evidence
from .progress import apply_changes
from .schema import DONE

if TYPE_CHECKING:
    from .queries import Entry


class StepMethods:
    # what the Store gives the methods below (api.py)
    conn: sqlite3.Connection
    doc: int

    if TYPE_CHECKING:

        @property
        def wconn(self) -> sqlite3.Connection: ...

        def entry(self, unit: str, item_id: str) -> Entry: ...

        def checklist(self, unit: str) -> list[Entry]: ...

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
