"""Progress writes: every change in one transaction with its history lines; undo/redo."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import assign_rows, step_rows
from .errors import Conflict, InputError, StoreError, explain, is_busy
from .evidence import os_user
from .schema import DONE, NOT_APPLICABLE, PROGRESS_FIELDS, STATUSES

EVIDENCE = "evidence"  # history of older versions: the whole list, old → new
EVIDENCE_ADD, EVIDENCE_DEL = "evidence+", "evidence-"  # one entry added / removed
EVIDENCE_EDIT = "evidence~"  # one entry's caption changed (old and new: the whole entry)
EVIDENCE_CHANGES = (EVIDENCE_ADD, EVIDENCE_DEL, EVIDENCE_EDIT)
EVIDENCE_KEYS = ("kind", "value", "caption", "added_at", "size", "sha256")


def same_evidence(a: dict, b: dict) -> bool:
    """One entry of the evidence set: the same URL, or the same file with the same
    fingerprint (a changed file is new evidence)."""
    return (a["kind"], a["value"], a.get("sha256")) == (b["kind"], b["value"], b.get("sha256"))


ANY = object()  # Change.expect: whatever the current value is


@dataclass(frozen=True)
class Change:
    item_id: str
    # A key of PROGRESS_FIELDS; or EVIDENCE_ADD / EVIDENCE_DEL with one evidence record as
    # `new`: evidence is a set, changed an entry at a time, never rewritten as a list.
    field: str
    # The new value, or a function of the current one: it is called inside the write
    # transaction, so that e.g. adding evidence never drops what another process added.
    new: object
    # Undo and redo: the value the field must hold (checked inside the write transaction).
    # A field holding something else was changed since by someone: the whole action is
    # refused (Conflict), unless it already holds the value asked for.
    expect: object = ANY

    def value(self, old: object) -> object:
        return self.new(old) if callable(self.new) else self.new

    def record(self) -> dict[str, Any]:
        """The one record an entry-at-a-time change carries (an evidence entry, a step)."""
        value = self.value(None)
        if not isinstance(value, dict):
            raise TypeError(f"{self.field} 的更改应是一条记录,而不是 {type(value).__name__}")
        return value

    def expected_record(self) -> dict[str, Any] | None:
        """The record an undone or redone removal must find (None: whatever is there)."""
        if self.expect is ANY or self.expect is None:
            return None
        if not isinstance(self.expect, dict):
            raise TypeError(f"{self.field} 的预期值应是一条记录,而不是 {type(self.expect).__name__}")
        return self.expect


def _evidence_row(conn: sqlite3.Connection, doc: int, unit: str, item_id: str, record: dict[str, Any]) -> int | None:
    row = conn.execute(
        "SELECT id FROM evidence WHERE doc=? AND item_id=? AND unit=? AND kind=? AND value=?"
        " AND sha256 IS ? ORDER BY id LIMIT 1",
        (doc, item_id, unit, record["kind"], record["value"], record.get("sha256")),
    ).fetchone()
    return row[0] if row else None


def _current(conn: sqlite3.Connection, doc: int, unit: str, item_id: str, field: str) -> object:
    if step_rows.is_step_field(field):
        return step_rows.current(conn, doc, unit, item_id, field)
    if field not in PROGRESS_FIELDS:
        raise InputError(f"未知字段:{field}")
    row = conn.execute(
        f"SELECT {field} FROM progress WHERE doc=? AND item_id=? AND unit=?", (doc, item_id, unit)
    ).fetchone()
    if row is None:
        return "未开始" if field == "status" else None
    return row[0]


def _encode(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _decode(field: str, value: str | None) -> object:
    if field == EVIDENCE:
        return _evidence_list(value)
    return value


def _evidence_list(value: str | None) -> list[dict[str, Any]]:
    """A whole-list evidence history line of an older version."""
    return json.loads(value) if value else []


def _write(conn: sqlite3.Connection, doc: int, unit: str, item_id: str, field: str, value: object, now: str) -> None:
    if step_rows.is_step_field(field):
        step_rows.write(conn, doc, unit, item_id, field, value, now)
        return
    if field not in PROGRESS_FIELDS:  # evidence changes an entry at a time (_evidence_change), never as a list
        raise InputError(f"未知字段:{field}")
    conn.execute(
        f"INSERT INTO progress (doc, item_id, unit, {field}, updated_at) VALUES (?,?,?,?,?)"
        f" ON CONFLICT(doc, item_id, unit) DO UPDATE SET {field}=excluded.{field}, updated_at=excluded.updated_at",
        (doc, item_id, unit, value, now),
    )


class Action(int):
    """The id of an action as apply_batches returns it, remembering which action it was.

    Action ids are never reused (max(action_id) + 1 over a history that `restore` never lets
    shrink, see restore_data.py), but the app's undo stack outlives anything it can be told about:
    a backup restored with --force, or by an older version, can bring back an action with
    this number that is not the one this window wrote. So the stack keeps the id together
    with the time, OS user and number of history lines written, and replay refuses an action
    whose lines are not those any more. It is an int, so every caller that only wants the
    number (the CLI prints it, tests compare it) is unchanged.
    """

    at: str | None
    os_user: str | None
    lines: int | None

    def __new__(
        cls, value: int, at: str | None = None, os_user: str | None = None, lines: int | None = None
    ) -> "Action":
        action = super().__new__(cls, value)
        action.at, action.os_user, action.lines = at, os_user, lines
        return action


@dataclass(frozen=True)
class Batch:
    """Changes to one unit's progress in one document, with the source written on their
    history lines."""

    doc: int
    unit: str
    changes: list[Change]
    source: str
    # An item whose steps change follows them (step_rows.follow), in the same action.
    # Replay does not: the lines it replays hold what the roll-up wrote.
    rollup: bool = True


@dataclass(frozen=True)
class Written:
    unit: str
    item_id: str
    field: str
    old: object
    new: object
    source: str


def _evidence_change(
    conn: sqlite3.Connection, doc: int, unit: str, ch: Change, stamp: str
) -> tuple[object, object] | None:
    """Add or remove one evidence entry, inside the write transaction: (old, new) for the
    history line, or None when the set already is as asked (added or removed elsewhere)."""
    record = ch.record()
    found = _evidence_row(conn, doc, unit, ch.item_id, record)
    if ch.field == EVIDENCE_EDIT:  # the caption of the entry found; the rest stays
        if found is None:
            return None
        stored = conn.execute("SELECT * FROM evidence WHERE id=?", (found,)).fetchone()
        entry = {k: stored[k] for k in EVIDENCE_KEYS}
        if (entry.get("caption") or "") == (record.get("caption") or ""):
            return None
        conn.execute("UPDATE evidence SET caption=? WHERE id=?", (record.get("caption") or "", found))
        old, new = entry, {**entry, "caption": record.get("caption") or ""}
    elif ch.field == EVIDENCE_ADD:
        if found is not None:
            return None
        conn.execute(
            "INSERT INTO evidence (doc, item_id, unit, kind, value, caption, added_at, size, sha256)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (doc, ch.item_id, unit, *(record.get(k) for k in EVIDENCE_KEYS)),
        )
        old, new = None, record
    else:
        if found is None:
            return None
        stored = conn.execute("SELECT * FROM evidence WHERE id=?", (found,)).fetchone()
        conn.execute("DELETE FROM evidence WHERE id=?", (found,))
        old, new = {k: stored[k] for k in EVIDENCE_KEYS}, None
    conn.execute(
        "INSERT INTO progress (doc, item_id, unit, updated_at) VALUES (?,?,?,?)"
        " ON CONFLICT(doc, item_id, unit) DO UPDATE SET updated_at=excluded.updated_at",
        (doc, ch.item_id, unit, stamp),
    )
    return old, new


def preview_batches(conn: sqlite3.Connection, batches: list[Batch]) -> list[Written]:
    """What apply_batches would write, without writing (for --dry-run). What a batch sets is
    what the next batch of the same unit finds (two workbooks of one unit, one action)."""
    out: list[Written] = []
    state: dict[tuple[int, str, str, str], object] = {}
    present: dict[tuple[int, str, str, str, str, str | None], bool] = {}
    for batch in batches:
        for ch in batch.changes:
            if assign_rows.is_assign_field(ch.field):  # given with `assign`, which writes at once
                raise ValueError("an import's batches never assign: nothing to preview")
            if step_rows.is_set_change(ch.field):
                record = ch.record()
                removing = step_rows.parse_field(ch.field)[1] in (step_rows.REMOVED, step_rows.EVIDENCE_REMOVED)
                out.append(
                    Written(
                        batch.unit,
                        ch.item_id,
                        ch.field,
                        record if removing else None,
                        None if removing else record,
                        batch.source,
                    )
                )
                continue
            if ch.field == EVIDENCE_EDIT:
                record = ch.record()
                out.append(Written(batch.unit, ch.item_id, ch.field, None, record, batch.source))
                continue
            if ch.field in (EVIDENCE_ADD, EVIDENCE_DEL):
                record = ch.record()
                entry = (batch.doc, batch.unit, ch.item_id, record["kind"], record["value"], record.get("sha256"))
                there = present.get(entry, _evidence_row(conn, batch.doc, batch.unit, ch.item_id, record) is not None)
                if there != (ch.field == EVIDENCE_ADD):
                    adding = ch.field == EVIDENCE_ADD
                    out.append(
                        Written(
                            batch.unit,
                            ch.item_id,
                            ch.field,
                            None if adding else record,
                            record if adding else None,
                            batch.source,
                        )
                    )
                present[entry] = ch.field == EVIDENCE_ADD
                continue
            key = (batch.doc, batch.unit, ch.item_id, ch.field)
            old = state[key] if key in state else _current(conn, batch.doc, batch.unit, ch.item_id, ch.field)
            new = ch.value(old)
            if old != new:
                out.append(Written(batch.unit, ch.item_id, ch.field, old, new, batch.source))
            state[key] = new
    return out


def apply_batches(
    conn: sqlite3.Connection,
    batches: list[Batch],
    now: dt.datetime | None = None,
    imports: Sequence[dict[str, Any]] = (),
    guard: Callable[[sqlite3.Connection], None] | None = None,
    also: Callable[[sqlite3.Connection], None] | None = None,
) -> tuple[Action | None, list[Written]]:
    """Apply every batch as one action in one transaction (all or nothing).

    Each changed field gets a history line; unchanged fields are skipped. `imports`
    rows (a workbook read back) are recorded in the same transaction. `guard(conn)` runs
    first inside the transaction (replay checks there that the action is still the one it
    read); `also(conn)` after the changes, in the same transaction (what follows them
    without a history line of its own: a move's received reports). A change whose `expect` the field no longer holds refuses the whole action
    (Conflict, naming who changed the field and when). Returns the action id (None when
    nothing changed) and what was written.
    """
    stamp = (now or dt.datetime.now()).isoformat(timespec="seconds")
    user = os_user()
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as e:
        raise StoreError(_not_written(e)) from None
    try:
        ensure_workspace_id(conn)
        if guard is not None:
            guard(conn)
        action = conn.execute("SELECT coalesce(max(action_id), 0) + 1 FROM history").fetchone()[0]
        written: list[Written] = []
        for batch in batches:
            before: dict[str, str | None] = {}  # item → what its steps rolled up to before
            for ch in batch.changes:
                if batch.rollup and step_rows.is_step_field(ch.field) and ch.item_id not in before:
                    before[ch.item_id] = step_rows.rollup(conn, batch.doc, batch.unit, ch.item_id)
                done = _apply_one(conn, batch.doc, batch.unit, ch, stamp)
                if done is None:
                    continue
                _history_line(conn, action, stamp, user, batch, ch.item_id, ch.field, *done)
                written.append(Written(batch.unit, ch.item_id, ch.field, *done, batch.source))
            for item_id, rolled in before.items():
                for ch in _rollup_changes(conn, batch.doc, batch.unit, item_id, rolled, stamp):
                    done = _apply_one(conn, batch.doc, batch.unit, ch, stamp)
                    if done is not None:
                        _history_line(conn, action, stamp, user, batch, ch.item_id, ch.field, *done)
                        written.append(Written(batch.unit, ch.item_id, ch.field, *done, batch.source))
        if also is not None and written:
            also(conn)
        for record in imports:
            conn.execute(
                "INSERT INTO imports (doc, at, os_user, unit, file, sha256, exported_at, changes, source_db,"
                " source_version) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    record["doc"],
                    stamp,
                    user,
                    record["unit"],
                    record["file"],
                    record["sha256"],
                    record.get("exported_at"),
                    sum(w.source == record["source"] for w in written),
                    record.get("source_db"),
                    record.get("source_version"),
                ),
            )
        if not written and not imports:
            conn.execute("ROLLBACK")
            return None, []
        conn.execute("COMMIT")
        return (Action(action, stamp, user, len(written)) if written else None), written
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


def _apply_one(conn: sqlite3.Connection, doc: int, unit: str, ch: Change, stamp: str) -> tuple[object, object] | None:
    """Write one change: (old, new) for its history line, or None when nothing changed."""
    if ch.field in EVIDENCE_CHANGES:
        return _evidence_change(conn, doc, unit, ch, stamp)
    if step_rows.is_set_change(ch.field):
        return step_rows.set_change(conn, doc, unit, ch.item_id, ch.field, ch.record(), ch.expected_record(), stamp)
    if assign_rows.is_assign_field(ch.field):
        return assign_rows.set_change(conn, doc, unit, ch.item_id, ch.field, ch.record(), ch.expected_record(), stamp)
    old = _current(conn, doc, unit, ch.item_id, ch.field)
    new = ch.value(old)
    if old == new:
        return None
    if ch.expect is not ANY and old != ch.expect:
        raise Conflict(changed_since(conn, doc, unit, ch.item_id, ch.field, old))
    _write(conn, doc, unit, ch.item_id, ch.field, new, stamp)
    return old, new


def _history_line(
    conn: sqlite3.Connection,
    action: int,
    stamp: str,
    user: str,
    batch: Batch,
    item_id: str,
    field: str,
    old: object,
    new: object,
) -> None:
    conn.execute(
        "INSERT INTO history (doc, action_id, at, os_user, unit, item_id, field, old, new, source)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        (batch.doc, action, stamp, user, batch.unit, item_id, field, _encode(old), _encode(new), batch.source),
    )


def _rollup_changes(
    conn: sqlite3.Connection, doc: int, unit: str, item_id: str, before: str | None, stamp: str
) -> list[Change]:
    """What the item's status becomes now that its steps changed (step_rows.follow): its
    status, reason and 完成时间 (the latest of its steps', else the day of the change)."""
    steps = step_rows.step_statuses(conn, doc, unit, item_id)
    status = step_rows.follow(
        _current_status(conn, doc, unit, item_id), before, step_rows.rolled([s for s, _ in steps])
    )
    if status is None:
        return []
    dates = sorted(d for s, d in steps if s == DONE and d)
    day = dt.date.fromisoformat(stamp[:10])
    return status_changes(item_id, status, None, dates[-1] if dates else None, day)


def _current_status(conn: sqlite3.Connection, doc: int, unit: str, item_id: str) -> str:
    status = _current(conn, doc, unit, item_id, "status")
    assert isinstance(status, str)  # progress.status is NOT NULL; a missing row reads as 未开始
    return status


def ensure_workspace_id(conn: sqlite3.Connection) -> None:
    """Give the working database its identity at its first write (inside that transaction)."""
    if conn.execute("SELECT 1 FROM workspace").fetchone() is None:
        import uuid

        conn.execute("INSERT INTO workspace (id) VALUES (?)", (uuid.uuid4().hex,))


def _not_written(e: sqlite3.Error) -> str:
    if is_busy(e):
        return f"{explain(e)},未写入任何更改"
    return f"写入数据库失败,未保存任何更改:{explain(e)}"


def apply_changes(
    conn: sqlite3.Connection, doc: int, unit: str, changes: list[Change], source: str, now: dt.datetime | None = None
) -> int | None:
    """Apply one unit's changes as one action in one transaction; the action id or None."""
    return apply_batches(conn, [Batch(doc, unit, changes, source)], now)[0]


SOURCE_WORDS = {"tui": "本程序", "cli": "命令行"}


def source_words(source: str | None) -> str:
    """Who wrote a history line, in words (as the app's history view says it)."""
    source = source or ""
    for prefix, words in (
        ("undo:", "撤销"),
        ("redo:", "重做"),
        ("import:", "导入工作簿"),
        ("fill:", "下级报送汇总填写"),
    ):
        if source.startswith(prefix):
            return words
    return SOURCE_WORDS.get(source, source or "未知来源")


def _shown_value(value: object) -> str:
    text = "(空)" if value is None or value == "" else str(value)
    return text if len(text) <= 30 else text[:30] + "…"


def changed_since(conn: sqlite3.Connection, doc: int, unit: str, item_id: str, field: str, current: object) -> str:
    """Who gave the field its current value and when: the newest history line that wrote it."""
    if step_rows.is_step_field(field):
        label = step_rows.field_label(field)
    elif assign_rows.is_assign_field(field):
        label = assign_rows.field_label(field)
    else:
        label = PROGRESS_FIELDS.get(field, field)
    row = conn.execute(
        "SELECT at, os_user, source FROM history WHERE doc=? AND unit=? AND item_id=? AND field=?"
        " AND new IS ? ORDER BY id DESC LIMIT 1",
        (doc, unit, item_id, field, _encode(current)),
    ).fetchone()
    what = f"条目 {item_id} 的{label}现为「{_shown_value(current)}」"
    if row is None:
        return f"{what},是没有修改记录的改动(如从备份恢复)"
    at = (row[0] or "").replace("T", " ")
    return f"{what},是 {row[1] or '未知用户'} 在 {at} 通过{source_words(row[2])}改的"


def _action_lines(conn: sqlite3.Connection, doc: int, unit: str, action_id: int) -> list[dict]:
    """The action's history lines, as dicts: a column is named exactly as selected (a
    sqlite3.Row would find `FIELD` too, which hides a misspelt name from the tests)."""
    return [
        dict(r)
        for r in conn.execute(
            "SELECT id, at, os_user, item_id, field, old, new FROM history"
            " WHERE doc=? AND action_id=? AND unit=? ORDER BY id",
            (doc, int(action_id), unit),
        )
    ]


def _not_this_action(lines: list, action_id: int, verb: str) -> str | None:
    """Why the history lines of `action_id` are not the action the caller wrote (None: they are)."""
    if not lines:
        return f"无法{verb}:这一步的修改记录已不在数据库中(数据库可能已从备份恢复),没有可{verb}的内容,未做任何改动"
    if not isinstance(action_id, Action) or action_id.at is None:
        return None
    first = lines[0]
    if (len(lines), first["at"], first["os_user"]) != (action_id.lines, action_id.at, action_id.os_user):
        at = (first["at"] or "").replace("T", " ")
        return (
            f"无法{verb}:这一步的修改记录已不在数据库中,同一编号现在是 {first['os_user'] or '未知用户'} "
            f"在 {at} 的另一次修改(数据库可能已从备份恢复),不会去改它,未做任何改动"
        )
    return None


def replay(
    conn: sqlite3.Connection, doc: int, unit: str, action_id: int, backwards: bool, source: str
) -> Action | None:
    """Undo (backwards) or redo an action by replaying its history lines.

    Only the action's own lines are replayed, and only onto the values it left: a field
    that holds something else now (another window, the CLI or an import changed it since)
    refuses the WHOLE action, naming who changed it and when; half an action could leave a
    row that contradicts itself (未开始 with a 完成时间). A field that already holds the
    value asked for is left alone. Evidence lines add or remove their one entry, whatever
    else the set holds. An action whose lines are gone (restored away) or are another
    action's now (`Action` remembers which it was) is refused, touching nothing; the check
    is repeated inside the write transaction."""
    verb = "撤销" if backwards else "重做"
    lines = _action_lines(conn, doc, unit, action_id)
    problem = _not_this_action(lines, action_id, verb)
    if problem:
        raise InputError(problem)
    ordered = list(reversed(lines)) if backwards else lines
    changes: list[Change] = []
    for r in ordered:
        field, old, new = r["field"], r["old"], r["new"]
        if step_rows.is_set_change(field):
            # Undoing an addition removes that step (or entry); undoing a removal adds it back.
            number, what = step_rows.parse_field(field)
            added = what in (step_rows.ADDED, step_rows.EVIDENCE_ADDED)
            record = json.loads(new if added else old)
            flip = {
                step_rows.ADDED: step_rows.REMOVED,
                step_rows.REMOVED: step_rows.ADDED,
                step_rows.EVIDENCE_ADDED: step_rows.EVIDENCE_REMOVED,
                step_rows.EVIDENCE_REMOVED: step_rows.EVIDENCE_ADDED,
            }
            changed = step_rows.field_name(number, flip[what] if backwards else what)
            removing = step_rows.parse_field(changed)[1] == step_rows.REMOVED
            changes.append(Change(r["item_id"], changed, record, expect=record if removing else ANY))
        elif assign_rows.is_assign_field(field):
            # Undoing an assignment takes it back; undoing its removal gives it again.
            record = json.loads(new if field == assign_rows.ADDED else old)
            changed = assign_rows.flipped(field) if backwards else field
            changes.append(
                Change(r["item_id"], changed, record, expect=record if changed == assign_rows.REMOVED else ANY)
            )
        elif field == EVIDENCE_EDIT:  # the caption back (or again)
            changes.append(Change(r["item_id"], EVIDENCE_EDIT, json.loads(old if backwards else new)))
        elif field in (EVIDENCE_ADD, EVIDENCE_DEL):
            # Undoing an addition removes that entry; undoing a removal adds it back.
            undone = (field == EVIDENCE_ADD) == backwards
            record = json.loads(new if field == EVIDENCE_ADD else old)
            changes.append(Change(r["item_id"], EVIDENCE_DEL if undone else EVIDENCE_ADD, record))
        elif field == EVIDENCE:  # a whole-list line of an older version: replayed as entries
            before, after = _evidence_list(old), _evidence_list(new)
            if backwards:
                before, after = after, before
            changes += [
                Change(r["item_id"], EVIDENCE_DEL, x) for x in before if not any(same_evidence(x, y) for y in after)
            ]
            changes += [
                Change(r["item_id"], EVIDENCE_ADD, y) for y in after if not any(same_evidence(x, y) for x in before)
            ]
        else:
            target, left = (old, new) if backwards else (new, old)
            changes.append(Change(r["item_id"], field, _decode(field, target), expect=_decode(field, left)))

    def still_the_same(c: sqlite3.Connection) -> None:
        now = _action_lines(c, doc, unit, action_id)
        if [r["id"] for r in now] != [r["id"] for r in lines]:
            raise InputError(
                _not_this_action(now, action_id, verb) or f"无法{verb}:这一步的修改记录刚被改动,未做任何改动,请再试一次"
            )

    try:
        return apply_batches(conn, [Batch(doc, unit, changes, source, rollup=False)], guard=still_the_same)[0]
    except Conflict as e:
        raise Conflict(f"无法{verb}:{e};{verb}会覆盖这次修改,这一步整个未{verb},未做任何改动") from None


def status_changes(
    item_id: str, status: str, reason: str | None, current_done_date: str | None, today: dt.date
) -> list[Change]:
    """The field changes that setting a status implies (不适用 needs a reason)."""
    if status not in STATUSES:
        raise InputError(f"未知状态「{status}」,可选:{' / '.join(STATUSES)}")
    if status == NOT_APPLICABLE and not (reason or "").strip():
        raise InputError("设为「不适用」必须填写理由")
    changes = [Change(item_id, "status", status)]
    changes.append(Change(item_id, "reason", (reason or "").strip() if status == NOT_APPLICABLE else None))
    if status == DONE:
        changes.append(Change(item_id, "done_date", current_done_date or today.isoformat()))
    else:
        changes.append(Change(item_id, "done_date", None))
    return changes
