"""分解 in the write transaction: a unit's items and 细化 steps assigned down to its own
sub-units (departments, 镇街, 科室), each assignment one row of `assignments`.

An assignment is a set element, like an evidence entry: added or removed whole, never
edited in place (a changed role or 时限 is the old one removed and the new one added, in
one action). History lines (store/progress.py writes them like every other change, one
action per transaction, undone and redone by replay): the line's `item_id` is the item,
its `field` is `assign:+` or `assign:-`, and its value the assignment as JSON (step,
sub_unit, role, requirement, deadline, assigned_at). Undoing an addition removes that
assignment; undoing a removal adds it back; an assignment changed since refuses the action.
"""

from __future__ import annotations

import sqlite3

from .errors import Conflict

ADDED, REMOVED = "assign:+", "assign:-"
FIELDS = (ADDED, REMOVED)
ROLES = ("牵头", "责任", "配合")
RECORD_KEYS = ("step", "sub_unit", "role", "requirement", "deadline", "assigned_at")


def is_assign_field(field: str) -> bool:
    return field in FIELDS


def flipped(field: str) -> str:
    return REMOVED if field == ADDED else ADDED


def field_label(field: str) -> str:
    return "分解(新增)" if field == ADDED else "分解(取消)"


def record_of(row: sqlite3.Row | dict) -> dict:
    return {k: row[k] for k in RECORD_KEYS}


def _same(a: dict, b: dict) -> bool:
    """The same assignment (when it was made aside: a redo writes it again)."""
    return all(a.get(k) == b.get(k) for k in RECORD_KEYS if k != "assigned_at")


def read(conn: sqlite3.Connection, doc: int, unit: str, item_id: str, step: int, sub_unit: str) -> dict | None:
    row = conn.execute(
        "SELECT * FROM assignments WHERE doc=? AND unit=? AND item_id=? AND step=? AND sub_unit=?",
        (doc, unit, item_id, step, sub_unit),
    ).fetchone()
    return record_of(row) if row is not None else None


def set_change(
    conn: sqlite3.Connection, doc: int, unit: str, item_id: str, field: str, record: dict, expect: dict | None, now: str
) -> tuple[dict | None, dict | None] | None:
    """Add or remove one assignment inside the write transaction: (old, new) for the
    history line, or None when it already is as asked. `expect` (undo and redo): the
    assignment a removal must find; one changed since refuses the whole action."""
    there = read(conn, doc, unit, item_id, record["step"], record["sub_unit"])
    where = f"条目 {item_id}" + (f" 的步骤 {record['step']}" if record["step"] else "")
    if field == ADDED:
        if there is not None:
            if _same(there, record):
                return None
            raise Conflict(f"{where} 已分解给「{record['sub_unit']}」(角色{there['role']}),这之后又被改过")
        values = {k: record.get(k) for k in RECORD_KEYS}
        values["assigned_at"] = values["assigned_at"] or now
        conn.execute(
            f"INSERT INTO assignments (doc, item_id, unit, {', '.join(RECORD_KEYS)})"
            f" VALUES (?,?,?,{','.join('?' * len(RECORD_KEYS))})",
            (doc, item_id, unit, *values.values()),
        )
        return None, values
    if there is None:
        return None
    if expect is not None and not _same(there, expect):
        raise Conflict(f"{where} 分解给「{record['sub_unit']}」的内容在这之后又被改过(现为{there['role']})")
    conn.execute(
        "DELETE FROM assignments WHERE doc=? AND unit=? AND item_id=? AND step=? AND sub_unit=?",
        (doc, unit, item_id, record["step"], record["sub_unit"]),
    )
    return there, None


def assignments_of(
    conn: sqlite3.Connection, doc: int, unit: str, item_ids: list[str] | None = None
) -> dict[str, list[dict]]:
    """item id → the unit's assignments of that item and its steps, by step, then role
    (牵头, 责任, 配合), then when they were made."""
    wanted = None if item_ids is None else set(item_ids)
    out: dict[str, list[dict]] = {}
    order = {role: i for i, role in enumerate(ROLES)}
    rows = conn.execute(
        "SELECT * FROM assignments WHERE doc=? AND unit=? ORDER BY item_id, step, assigned_at, rowid", (doc, unit)
    ).fetchall()
    for r in sorted(rows, key=lambda r: (r["item_id"], r["step"], order.get(r["role"], 9))):
        if wanted is None or r["item_id"] in wanted:
            out.setdefault(r["item_id"], []).append(record_of(r))
    return out
