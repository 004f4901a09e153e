"""细化 steps in the write transaction: their history fields, reading and writing one field,
adding and removing a step or one of its evidence entries, and the roll-up rule.

A unit refines an item into its own measurable steps (the 2021 notice's 条目式、可操作、
可量化): each with its text, 责任科室/责任人, 时限, 公开路径, an optional target
(`发布解读 ≥ 4 篇`), its own status, 完成时间, 具体完成情况 and evidence. Steps are numbered
1, 2 … per item and unit (shown under the item's 序号 as 3.1, 3.2); a number is never
given twice to the same item and unit, even after its step was removed (`next_number`
also reads the history), so undoing a removal puts the step back under its own number.

History lines (store/progress.py writes them like every other change, one action per
transaction, undone and redone by replay with the same conflict checks): the line's
`item_id` is the item, its `field` names the step:

    step:N:+ / step:N:-                 the whole step N (JSON) added / removed
    step:N:<column>                     one column of step N (text, office … narrative)
    step:N:evidence+ / step:N:evidence- one evidence entry of step N

Why `step_evidence` is a table of its own rather than a `step` column on `evidence`:
every reader of `evidence` — the checklist's counts (缺佐证), the evidence screen (whose
entries are removed by their index), the workbook export and its three-way merge, the
collective-records move, `check-evidence`, migrate-progress — means the item's own list.
A column would have to be filtered out in each of them, and one forgotten filter would
show a step's file as the item's or delete it by index. A separate table leaves them all
true, and a foreign key ties each entry to its step (a step is removed only after its
evidence, in the same action).

The roll-up (`follow`): an item with steps follows them. Their roll-up is 已完成 when
every step is 已完成 or 不适用 (at least one 已完成), 推进中 when any step is 推进中 or
已完成, else 未开始; steps all 不适用 say nothing. When a step changes, the item takes the
steps' new roll-up if it held their roll-up before the change (it was following them).
An item whose status differs from what its steps rolled up to was set by hand (the user
"said otherwise"): it keeps that status until the steps reach it again. An item without
steps (or only 不适用 ones) before the change is moved only forward (未开始 → 推进中 →
已完成), never back from what the user had set, and an item 不适用 is never moved. The
roll-up's writes are history lines of the same action: one undo takes back the step and
what it did to the item.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .errors import Conflict, InputError
from .schema import DONE, IN_PROGRESS, NOT_APPLICABLE, NOT_STARTED, STATUSES

PREFIX = "step:"
ADDED, REMOVED = "+", "-"
EVIDENCE_ADDED, EVIDENCE_REMOVED = "evidence+", "evidence-"
SET_CHANGES = (ADDED, REMOVED, EVIDENCE_ADDED, EVIDENCE_REMOVED)

# A step's fields a user can change, with their labels.
STEP_FIELDS = {
    "text": "步骤内容",
    "office": "责任科室",
    "person": "责任人",
    "deadline": "时限",
    "path": "公开路径",
    "target": "目标",
    "status": "完成情况",
    "reason": "不适用理由",
    "done_date": "完成时间",
    "narrative": "具体完成情况",
}
RECORD_KEYS = ("number", *STEP_FIELDS, "created_at")  # a whole step as a history line holds it
EVIDENCE_KEYS = ("kind", "value", "caption", "added_at", "size", "sha256")


def field_name(number: int, what: str) -> str:
    return f"{PREFIX}{number}:{what}"


def is_step_field(field: str) -> bool:
    return field.startswith(PREFIX)


def parse_field(field: str) -> tuple[int, str]:
    """(step number, what): a column name or one of SET_CHANGES."""
    _, number, what = field.split(":", 2)
    return int(number), what


def is_set_change(field: str) -> bool:
    return is_step_field(field) and parse_field(field)[1] in SET_CHANGES


def field_label(field: str, item_id: str = "") -> str:
    """A step's history field in words: `步骤 3-1.2 的责任人`."""
    number, what = parse_field(field)
    words = {ADDED: "新增", REMOVED: "删除", EVIDENCE_ADDED: "佐证材料(新增)", EVIDENCE_REMOVED: "佐证材料(删除)"}.get(
        what
    ) or STEP_FIELDS.get(what, what)
    return f"步骤 {item_id}.{number} 的{words}" if item_id else f"步骤 {number} 的{words}"


def step_record(row: sqlite3.Row | dict) -> dict:
    return {k: row[k] for k in RECORD_KEYS}


def _same_step(a: dict, b: dict) -> bool:
    """The same step content (its created_at aside: a redo writes it again)."""
    return all(a.get(k) == b.get(k) for k in RECORD_KEYS if k != "created_at")


def read_step(conn: sqlite3.Connection, doc: int, unit: str, item_id: str, number: int) -> dict | None:
    row = conn.execute(
        "SELECT * FROM steps WHERE doc=? AND unit=? AND item_id=? AND number=?", (doc, unit, item_id, number)
    ).fetchone()
    return dict(row) if row else None


def next_number(conn: sqlite3.Connection, doc: int, unit: str, item_id: str) -> int:
    """One above every number the item's steps of this unit have ever had (never reused)."""
    top = conn.execute(
        "SELECT coalesce(max(number), 0) FROM steps WHERE doc=? AND unit=? AND item_id=?", (doc, unit, item_id)
    ).fetchone()[0]
    for (field,) in conn.execute(
        "SELECT DISTINCT field FROM history WHERE doc=? AND unit=? AND item_id=? AND field GLOB 'step:*'",
        (doc, unit, item_id),
    ):
        top = max(top, parse_field(field)[0])
    return top + 1


def current(conn: sqlite3.Connection, doc: int, unit: str, item_id: str, field: str) -> object:
    number, column = parse_field(field)
    if column not in STEP_FIELDS:
        raise InputError(f"未知字段:{field}")
    step = read_step(conn, doc, unit, item_id, number)
    return None if step is None else step[column]


def write(conn: sqlite3.Connection, doc: int, unit: str, item_id: str, field: str, value: object, now: str) -> None:
    number, column = parse_field(field)
    if column not in STEP_FIELDS:
        raise InputError(f"未知字段:{field}")
    done = conn.execute(
        f"UPDATE steps SET [{column}]=?, updated_at=? WHERE doc=? AND unit=? AND item_id=? AND number=?",
        (value, now, doc, unit, item_id, number),
    ).rowcount
    if not done:
        raise InputError(f"步骤 {item_id}.{number} 已不存在(可能刚在别处被删除),未写入任何更改")


def _evidence_row(conn: sqlite3.Connection, doc: int, unit: str, item_id: str, number: int, record: dict) -> int | None:
    row = conn.execute(
        "SELECT id FROM step_evidence WHERE doc=? AND unit=? AND item_id=? AND step=? AND kind=?"
        " AND value=? AND sha256 IS ? ORDER BY id LIMIT 1",
        (doc, unit, item_id, number, record["kind"], record["value"], record.get("sha256")),
    ).fetchone()
    return row[0] if row else None


def set_change(
    conn: sqlite3.Connection,
    doc: int,
    unit: str,
    item_id: str,
    field: str,
    record: dict[str, Any],
    expect: dict[str, Any] | None,
    now: str,
) -> tuple[object, object] | None:
    """Add or remove a step or one evidence entry of a step, inside the write transaction:
    (old, new) for the history line, or None when it already is as asked. `expect` (undo
    and redo): the step a removal must find; one changed since refuses the whole action."""
    number, what = parse_field(field)
    step = read_step(conn, doc, unit, item_id, number)
    if what == ADDED:
        if step is not None:
            if _same_step(step, record):
                return None
            raise Conflict(f"步骤 {item_id}.{number} 已存在,内容是「{step['text']}」")
        values = {k: record.get(k) for k in RECORD_KEYS}
        values.update(number=number, status=values["status"] or NOT_STARTED, created_at=values["created_at"] or now)
        conn.execute(
            f"INSERT INTO steps (doc, item_id, unit, {', '.join(RECORD_KEYS)}, updated_at)"
            f" VALUES (?,?,?,{','.join('?' * len(RECORD_KEYS))},?)",
            (doc, item_id, unit, *values.values(), now),
        )
        return None, values
    if what == REMOVED:
        if step is None:
            return None
        if expect is not None and not _same_step(step, expect):
            raise Conflict(f"步骤 {item_id}.{number} 在这之后又被改过(现为「{step['text']}」,{step['status']})")
        if conn.execute(
            "SELECT 1 FROM step_evidence WHERE doc=? AND unit=? AND item_id=? AND step=?", (doc, unit, item_id, number)
        ).fetchone():
            raise Conflict(f"步骤 {item_id}.{number} 在这之后又添加了佐证材料")
        conn.execute(
            "DELETE FROM steps WHERE doc=? AND unit=? AND item_id=? AND number=?", (doc, unit, item_id, number)
        )
        return step_record(step), None
    if step is None:
        raise InputError(f"步骤 {item_id}.{number} 已不存在(可能刚在别处被删除),未写入任何更改")
    found = _evidence_row(conn, doc, unit, item_id, number, record)
    if what == EVIDENCE_ADDED:
        if found is not None:
            return None
        conn.execute(
            "INSERT INTO step_evidence (doc, item_id, unit, step, kind, value, caption, added_at, size,"
            " sha256) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (doc, item_id, unit, number, *(record.get(k) for k in EVIDENCE_KEYS)),
        )
        return None, record
    if found is None:
        return None
    stored = conn.execute("SELECT * FROM step_evidence WHERE id=?", (found,)).fetchone()
    conn.execute("DELETE FROM step_evidence WHERE id=?", (found,))
    return {k: stored[k] for k in EVIDENCE_KEYS}, None


def encode(record: dict | None) -> str | None:
    return None if record is None else json.dumps(record, ensure_ascii=False)


# -- the roll-up -------------------------------------------------------------------------

_ORDER = {NOT_STARTED: 0, IN_PROGRESS: 1, DONE: 2}


def rolled(statuses: list[str]) -> str | None:
    """What the steps say of their item (None: no steps, or only 不适用 ones)."""
    counted = [s for s in statuses if s != NOT_APPLICABLE]
    if not counted:
        return None
    if all(s == DONE for s in counted):
        return DONE
    if any(s in (IN_PROGRESS, DONE) for s in counted):
        return IN_PROGRESS
    return NOT_STARTED


def follow(item_status: str, before: str | None, after: str | None) -> str | None:
    """The item's new status after its steps changed from rolling up to `before` to
    `after`, or None when it stays (the rule in the module docstring)."""
    if after is None or after == before or item_status == NOT_APPLICABLE or item_status == after:
        return None
    if before is None:
        return after if _ORDER[after] > _ORDER.get(item_status, 0) else None
    return after if item_status == before else None


def step_statuses(conn: sqlite3.Connection, doc: int, unit: str, item_id: str) -> list[tuple[str, str | None]]:
    """(status, 完成时间) of each step of the item, in order."""
    return [
        (r[0], r[1])
        for r in conn.execute(
            "SELECT status, done_date FROM steps WHERE doc=? AND unit=? AND item_id=? ORDER BY number",
            (doc, unit, item_id),
        )
    ]


def rollup(conn: sqlite3.Connection, doc: int, unit: str, item_id: str) -> str | None:
    return rolled([s for s, _ in step_statuses(conn, doc, unit, item_id)])


def check_status(status: str) -> None:
    if status not in STATUSES:
        raise InputError(f"未知状态「{status}」,可选:{' / '.join(STATUSES)}")
