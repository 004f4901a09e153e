"""Progress writes: every change in one transaction with its history lines; undo/redo."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

from .errors import InputError, StoreError, explain, is_busy
from .evidence import os_user
from .schema import DONE, NOT_APPLICABLE, PROGRESS_FIELDS, STATUSES

EVIDENCE = "evidence"
EVIDENCE_KEYS = ("kind", "value", "caption", "added_at", "size", "sha256")


@dataclass(frozen=True)
class Change:
    item_id: str
    field: str  # a key of PROGRESS_FIELDS, or "evidence" (new = full list of records)
    # The new value, or a function of the current one: it is called inside the write
    # transaction, so that e.g. adding evidence never drops what another process added.
    new: object

    def value(self, old: object) -> object:
        return self.new(old) if callable(self.new) else self.new


def _current(conn: sqlite3.Connection, unit: str, item_id: str, field: str) -> object:
    if field == EVIDENCE:
        return [
            {k: r[k] for k in EVIDENCE_KEYS}
            for r in conn.execute("SELECT * FROM evidence WHERE item_id=? AND unit=? ORDER BY id", (item_id, unit))
        ]
    row = conn.execute(f"SELECT {field} FROM progress WHERE item_id=? AND unit=?", (item_id, unit)).fetchone()
    if row is None:
        return "未开始" if field == "status" else None
    return row[0]


def _encode(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _decode(field: str, value: str | None) -> object:
    if field == EVIDENCE:
        return json.loads(value) if value else []
    return value


def _write(conn: sqlite3.Connection, unit: str, item_id: str, field: str, value: object, now: str) -> None:
    if field == EVIDENCE:
        conn.execute("DELETE FROM evidence WHERE item_id=? AND unit=?", (item_id, unit))
        conn.executemany(
            "INSERT INTO evidence (item_id, unit, kind, value, caption, added_at, size, sha256)"
            " VALUES (?,?,?,?,?,?,?,?)",
            [(item_id, unit, *(rec.get(k) for k in EVIDENCE_KEYS)) for rec in value],
        )
        conn.execute(
            "INSERT INTO progress (item_id, unit, updated_at) VALUES (?,?,?)"
            " ON CONFLICT(item_id, unit) DO UPDATE SET updated_at=excluded.updated_at",
            (item_id, unit, now),
        )
        return
    if field not in PROGRESS_FIELDS:
        raise InputError(f"未知字段:{field}")
    conn.execute(
        f"INSERT INTO progress (item_id, unit, {field}, updated_at) VALUES (?,?,?,?)"
        f" ON CONFLICT(item_id, unit) DO UPDATE SET {field}=excluded.{field}, updated_at=excluded.updated_at",
        (item_id, unit, value, now),
    )


@dataclass(frozen=True)
class Batch:
    """Changes to one unit's progress, with the source written on their history lines."""

    unit: str
    changes: list[Change]
    source: str


@dataclass(frozen=True)
class Written:
    unit: str
    item_id: str
    field: str
    old: object
    new: object
    source: str


def preview_batches(conn: sqlite3.Connection, batches: list[Batch]) -> list[Written]:
    """What apply_batches would write, without writing (for --dry-run)."""
    out = []
    for batch in batches:
        state: dict[tuple[str, str], object] = {}
        for ch in batch.changes:
            key = (ch.item_id, ch.field)
            old = state[key] if key in state else _current(conn, batch.unit, ch.item_id, ch.field)
            new = ch.value(old)
            if old != new:
                out.append(Written(batch.unit, ch.item_id, ch.field, old, new, batch.source))
            state[key] = new
    return out


def apply_batches(conn: sqlite3.Connection, batches: list[Batch], now: dt.datetime | None = None,
                  imports: list[dict] = ()) -> tuple[int | None, list[Written]]:
    """Apply every batch as one action in one transaction (all or nothing).

    Each changed field gets a history line; unchanged fields are skipped. `imports`
    rows (a workbook read back) are recorded in the same transaction. Returns the
    action id (None when nothing changed) and what was written.
    """
    stamp = (now or dt.datetime.now()).isoformat(timespec="seconds")
    user = os_user()
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as e:
        raise StoreError(_not_written(e)) from None
    try:
        action = conn.execute("SELECT coalesce(max(action_id), 0) + 1 FROM history").fetchone()[0]
        written: list[Written] = []
        for batch in batches:
            for ch in batch.changes:
                old = _current(conn, batch.unit, ch.item_id, ch.field)
                new = ch.value(old)
                if old == new:
                    continue
                _write(conn, batch.unit, ch.item_id, ch.field, new, stamp)
                conn.execute(
                    "INSERT INTO history (action_id, at, os_user, unit, item_id, field, old, new, source)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    (action, stamp, user, batch.unit, ch.item_id, ch.field, _encode(old), _encode(new),
                     batch.source),
                )
                written.append(Written(batch.unit, ch.item_id, ch.field, old, new, batch.source))
        for record in imports:
            conn.execute(
                "INSERT INTO imports (at, os_user, unit, file, sha256, exported_at, changes) VALUES (?,?,?,?,?,?,?)",
                (stamp, user, record["unit"], record["file"], record["sha256"], record.get("exported_at"),
                 sum(w.source == record["source"] for w in written)),
            )
        if not written and not imports:
            conn.execute("ROLLBACK")
            return None, []
        conn.execute("COMMIT")
        return (action if written else None), written
    except BaseException as e:
        # SQLite may have rolled back already (e.g. disk full): a second ROLLBACK would
        # fail and hide the real error.
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        if isinstance(e, sqlite3.Error):
            raise StoreError(_not_written(e)) from None
        raise


def _not_written(e: sqlite3.Error) -> str:
    if is_busy(e):
        return f"{explain(e)},未写入任何更改"
    return f"写入数据库失败,未保存任何更改:{explain(e)}"


def apply_changes(conn: sqlite3.Connection, unit: str, changes: list[Change], source: str,
                  now: dt.datetime | None = None) -> int | None:
    """Apply one unit's changes as one action in one transaction; the action id or None."""
    return apply_batches(conn, [Batch(unit, changes, source)], now)[0]


def replay(conn: sqlite3.Connection, unit: str, action_id: int, backwards: bool, source: str) -> int | None:
    """Undo (backwards) or redo an action by replaying its history lines."""
    lines = conn.execute(
        "SELECT item_id, field, old, new FROM history WHERE action_id=? AND unit=? ORDER BY id",
        (action_id, unit),
    ).fetchall()
    if backwards:
        lines = list(reversed(lines))
    changes = [Change(r["item_id"], r["field"], _decode(r["field"], r["old"] if backwards else r["new"]))
               for r in lines]
    return apply_changes(conn, unit, changes, source)


def status_changes(item_id: str, status: str, reason: str | None, current_done_date: str | None,
                   today: dt.date) -> list[Change]:
    """The field changes that setting a status implies (不适用 needs a reason)."""
    if status not in STATUSES:
        raise InputError(f"未知状态「{status}」,可选:{' / '.join(STATUSES)}")
    if status == NOT_APPLICABLE and not (reason or "").strip():
        raise InputError("设为「不适用」必须填写理由")
    changes = [Change(item_id, "status", status)]
    changes.append(Change(item_id, "reason", reason.strip() if status == NOT_APPLICABLE else None))
    if status == DONE:
        changes.append(Change(item_id, "done_date", current_done_date or today.isoformat()))
    else:
        changes.append(Change(item_id, "done_date", None))
    return changes
