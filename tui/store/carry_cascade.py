"""The cascade carried with progress (carry.py: `load --revises`, `migrate-progress`): a
unit's 分解 (`assignments`) and the 下级报送 received for them (`sub_reports`) follow their
item to the matching item of the new text by the same rules as progress (exact text).

A (unit, item) of the new text that already has different assignments keeps its own and
is listed (`conflicts`); so is one that already holds a different report of the same
sub-unit. An assignment of a 细化 step follows only when the step itself was carried (the
number means the same step). Nothing is dropped silently: an item whose text changed or
vanished is listed by carry.py (its `touched` reads these tables too), a unit the new text
does not name is listed in `dropped`.

A document loaded from a breakdown the level above issued knows, item by item, the upper
item each came from (`document.upper`), which is how its reports roll up there. A new
text that does not know it (a revision retyped, without the issued file's properties)
takes it from the old text for the items that match (`carry_upper`)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from .assign_rows import RECORD_KEYS
from .queries import upper_link

_SAME_ASSIGNMENT = ("role", "requirement", "deadline")
_SAME_REPORT = ("status", "done_date", "narrative", "evidence")


@dataclass
class CascadeCarried:
    assignment_rows: int = 0
    report_rows: int = 0
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (unit, new item): its own kept
    steps_left: list[tuple[str, str]] = field(default_factory=list)  # (unit, old item): a step's not carried
    moved: dict[str, str] = field(default_factory=dict)  # old item → new item, with 分解 or 报送


def _rows(conn: sqlite3.Connection, table: str, doc: int) -> list[dict]:
    cur = conn.execute(f"SELECT * FROM {table} WHERE doc = ? ORDER BY item_id, unit, step, sub_unit", (doc,))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _insert(conn: sqlite3.Connection, table: str, rec: dict) -> None:
    conn.execute(f"INSERT INTO {table} ({','.join(rec)}) VALUES ({','.join('?' * len(rec))})", list(rec.values()))


def touched_items(conn: sqlite3.Connection, doc: int) -> set[str]:
    """The items of `doc` that hold an assignment or a received report."""
    return {
        r[0]
        for r in conn.execute(
            "SELECT item_id FROM assignments WHERE doc = ?1 UNION SELECT item_id FROM sub_reports WHERE doc = ?1",
            (doc,),
        )
    }


def carry_cascade(
    old: sqlite3.Connection,
    old_doc: int,
    new: sqlite3.Connection,
    new_doc: int,
    mapping: dict[str, str],
    new_units: set[str],
    steps_carried: set[tuple[str, str, int]],
    dropped: set[str],
) -> CascadeCarried:
    """Copy the assignments and received reports of `old_doc` onto the matching items of
    `new_doc`, inside the caller's write transaction on `new`. `steps_carried`: (unit, old
    item, step number) of the steps carried; `dropped` gains the units NEW does not name."""
    out = CascadeCarried()
    olds: dict[tuple[str, str], list[dict]] = {}
    for rec in _rows(old, "assignments", old_doc):
        target = mapping.get(rec["item_id"])
        if target is None:
            continue  # listed by carry.py as changed or ambiguous
        if rec["unit"] not in new_units:
            dropped.add(rec["unit"])
            continue
        if rec["step"] and (rec["unit"], rec["item_id"], rec["step"]) not in steps_carried:
            if (rec["unit"], rec["item_id"]) not in out.steps_left:
                out.steps_left.append((rec["unit"], rec["item_id"]))
            continue
        olds.setdefault((rec["unit"], target), []).append(rec)
    have: dict[tuple[str, str], dict[tuple[int, str], dict]] = {}
    for rec in _rows(new, "assignments", new_doc):
        have.setdefault((rec["unit"], rec["item_id"]), {})[(rec["step"], rec["sub_unit"])] = rec
    for (unit, target), recs in olds.items():
        there = have.get((unit, target), {})
        if there:
            same = len(there) == len(recs) and all(
                (r["step"], r["sub_unit"]) in there
                and all(there[(r["step"], r["sub_unit"])][k] == r[k] for k in _SAME_ASSIGNMENT)
                for r in recs
            )
            if not same:
                out.conflicts.append((unit, target))
            continue
        written: dict[tuple[int, str], dict] = {}
        for rec in recs:  # two old items of one text both match this one: the first's kept, a clash listed
            key = (rec["step"], rec["sub_unit"])
            if key in written:
                if any(written[key][k] != rec[k] for k in _SAME_ASSIGNMENT) and (unit, target) not in out.conflicts:
                    out.conflicts.append((unit, target))
                continue
            written[key] = rec
            _insert(new, "assignments", {"doc": new_doc, "item_id": target, "unit": unit, **_record(rec)})
            out.moved[rec["item_id"]] = target
            out.assignment_rows += 1
    kept = set(out.conflicts)
    for rec in _rows(old, "sub_reports", old_doc):
        target = mapping.get(rec["item_id"])
        if target is None or (rec["unit"], target) in kept:
            continue
        if rec["unit"] not in new_units:
            dropped.add(rec["unit"])
            continue
        if rec["step"] and (rec["unit"], rec["item_id"], rec["step"]) not in steps_carried:
            continue
        there = new.execute(
            f"SELECT {','.join(_SAME_REPORT)} FROM sub_reports"
            " WHERE doc=? AND item_id=? AND unit=? AND step=? AND sub_unit=?",
            (new_doc, target, rec["unit"], rec["step"], rec["sub_unit"]),
        ).fetchone()
        if there is not None:
            if tuple(there) != tuple(rec[k] for k in _SAME_REPORT) and (rec["unit"], target) not in kept:
                kept.add((rec["unit"], target))
                out.conflicts.append((rec["unit"], target))
            continue
        _insert(new, "sub_reports", {**rec, "doc": new_doc, "item_id": target})
        out.moved[rec["item_id"]] = target
        out.report_rows += 1
    return out


def carry_upper(
    old: sqlite3.Connection, old_doc: int, new: sqlite3.Connection, new_doc: int, mapping: dict[str, str]
) -> int:
    """The upper item of each matched item, when the new text has no origins of its own:
    how many were carried (0 when the old text has none, or the new one has its own)."""
    row = old.execute("SELECT upper FROM document WHERE id = ?", (old_doc,)).fetchone()
    was = upper_link(row[0] if row else None)
    there = new.execute("SELECT upper FROM document WHERE id = ?", (new_doc,)).fetchone()
    if was is None or there is None or upper_link(there[0]) is not None:
        return 0
    items = {mapping[i]: ref for i, ref in was["items"].items() if i in mapping}
    if not items:
        return 0
    new.execute(
        "UPDATE document SET upper = ? WHERE id = ?",
        (json.dumps({**was, "items": items}, ensure_ascii=False), new_doc),
    )
    return len(items)


def _record(rec: dict) -> dict:
    return {k: rec[k] for k in RECORD_KEYS}
