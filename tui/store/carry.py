"""Carry progress from one text of a document to the next, matching items by their exact
text, not their position: within one database (`load --revises`), or from one database
to another (`gongkai-tui migrate-progress OLD NEW`). A unit's 分解 and the 下级报送
received for them follow their item by the same rules (carry_cascade.py)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .assign_rows import is_assign_field
from .carry_cascade import carry_cascade, carry_upper, touched_items
from .db import connect, write_transaction
from .errors import StoreError, explain
from .item_mapping import item_hashes, item_mapping


@dataclass
class CarryReport:
    moved: dict[str, str] = field(default_factory=dict)  # old item id → new item id (with progress)
    changed: list[str] = field(default_factory=list)  # old item ids with progress whose text changed or vanished
    ambiguous: list[str] = field(default_factory=list)  # the same text is several items in NEW
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (unit, new item) already with progress
    progress_rows: int = 0
    evidence_rows: int = 0
    history_rows: int = 0
    step_rows: int = 0  # 细化 steps carried, with their evidence (step_evidence_rows)
    step_evidence_rows: int = 0
    dropped_units: list[str] = field(default_factory=list)  # units with progress that NEW does not name
    sub_unit_rows: int = 0  # 下级单位目录 names carried (database to database: within one, they are the unit's)
    assignment_rows: int = 0  # 分解 carried (carry_cascade.py)
    report_rows: int = 0  # 下级报送 carried
    cascade_changed: list[str] = field(default_factory=list)  # changed or ambiguous old items with 分解 or 报送
    cascade_conflicts: list[tuple[str, str]] = field(default_factory=list)  # (unit, new item) kept its own 分解
    steps_left: list[tuple[str, str]] = field(default_factory=list)  # (unit, old item): a step's 分解 not carried
    upper_rows: int = 0  # items that learnt their upper item from the old text (carry_cascade.carry_upper)


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in ("id", "doc")]


def _insert(conn: sqlite3.Connection, table: str, rec: dict) -> None:
    conn.execute(f"INSERT INTO {table} ({','.join(rec)}) VALUES ({','.join('?' * len(rec))})", list(rec.values()))


def _records(conn: sqlite3.Connection, table: str, doc: int, order: str):
    """The rows of one document's `table` as dicts (without `id` and `doc`), in `order`."""
    cols = _columns(conn, table)
    for row in conn.execute(f"SELECT {','.join(cols)} FROM {table} WHERE doc = ? ORDER BY {order}", (doc,)).fetchall():
        yield dict(zip(cols, row))


def _target(rec: dict, mapping: dict[str, str], new_units: set[str], dropped: set[str]) -> str | None:
    """The new item a record goes to, or None (its text changed, or NEW lacks its unit: noted in `dropped`)."""
    target = mapping.get(rec["item_id"])
    if target is not None and rec["unit"] not in new_units:
        dropped.add(rec["unit"])
        return None
    return target


def carry(old: sqlite3.Connection, old_doc: int, new: sqlite3.Connection, new_doc: int) -> CarryReport:
    """Copy progress, evidence and history of `old_doc` onto the matching items of
    `new_doc`, inside the caller's write transaction on `new` (which may be `old`)."""
    mapping, ambiguous, changed = item_mapping(item_hashes(old, old_doc), item_hashes(new, new_doc))
    cascade = touched_items(old, old_doc)
    touched = cascade | {
        r[0]
        for r in old.execute(
            "SELECT item_id FROM progress WHERE doc = ?1 UNION SELECT item_id FROM evidence WHERE doc = ?1"
            " UNION SELECT item_id FROM history WHERE doc = ?1 UNION SELECT item_id FROM steps WHERE doc = ?1",
            (old_doc,),
        )
    }
    report = CarryReport(
        ambiguous=sorted(i for i in ambiguous if i in touched),
        changed=sorted(i for i in changed if i in touched),
        cascade_changed=sorted(i for i in [*changed, *ambiguous] if i in cascade),
    )
    new_units = {r[0] for r in new.execute("SELECT name FROM units WHERE doc = ?", (new_doc,))}
    dropped: set[str] = set()
    for rec in _records(old, "progress", old_doc, "item_id, unit"):
        target = _target(rec, mapping, new_units, dropped)
        if target is None:
            continue
        if new.execute(
            "SELECT 1 FROM progress WHERE doc = ? AND item_id = ? AND unit = ?", (new_doc, target, rec["unit"])
        ).fetchone():
            report.conflicts.append((rec["unit"], target))
            continue
        report.moved[rec["item_id"]] = target
        _insert(new, "progress", {**rec, "doc": new_doc, "item_id": target})
        report.progress_rows += 1
    conflicts = set(report.conflicts)
    for rec in _records(old, "evidence", old_doc, "id"):
        target = mapping.get(rec["item_id"])
        if target is None or rec["unit"] not in new_units or (rec["unit"], target) in conflicts:
            continue
        _insert(new, "evidence", {**rec, "doc": new_doc, "item_id": target})
        report.evidence_rows += 1
    steps_carried = _carry_steps(old, old_doc, new, new_doc, mapping, new_units, conflicts, dropped, report)
    cascade_done = carry_cascade(old, old_doc, new, new_doc, mapping, new_units, steps_carried, dropped)
    report.assignment_rows, report.report_rows = cascade_done.assignment_rows, cascade_done.report_rows
    report.cascade_conflicts, report.steps_left = cascade_done.conflicts, cascade_done.steps_left
    report.moved.update(cascade_done.moved)
    report.upper_rows = carry_upper(old, old_doc, new, new_doc, mapping)
    offset = new.execute("SELECT coalesce(max(action_id), 0) FROM history").fetchone()[0]
    kept = set(report.cascade_conflicts)  # NEW's own 分解 stay: so do its lines, not the old ones
    for rec in _records(old, "history", old_doc, "id"):
        target = mapping.get(rec["item_id"])
        if target is None or rec["unit"] not in new_units or (rec["unit"], target) in conflicts:
            continue
        if is_assign_field(rec["field"] or "") and (rec["unit"], target) in kept:
            continue
        _insert(
            new, "history", {**rec, "doc": new_doc, "item_id": target, "action_id": (rec["action_id"] or 0) + offset}
        )
        report.history_rows += 1
    report.dropped_units = sorted(dropped)
    return report


def _carry_steps(
    old: sqlite3.Connection,
    old_doc: int,
    new: sqlite3.Connection,
    new_doc: int,
    mapping: dict[str, str],
    new_units: set[str],
    conflicts: set[tuple[str, str]],
    dropped: set[str],
    report: CarryReport,
) -> set[tuple[str, str, int]]:
    """The unit's 细化 steps of each carried item, under the same numbers, and their evidence:
    (unit, old item, number) of each step carried. A (unit, item) that already has progress
    or steps in NEW keeps what it has there."""
    has_steps = {
        (r[0], r[1]) for r in new.execute("SELECT DISTINCT unit, item_id FROM steps WHERE doc = ?", (new_doc,))
    }
    carried: set[tuple[str, str, int]] = set()
    for rec in _records(old, "steps", old_doc, "item_id, unit, number"):
        target = _target(rec, mapping, new_units, dropped)
        if target is None:
            continue
        if (rec["unit"], target) in conflicts or (rec["unit"], target) in has_steps:
            if (rec["unit"], target) not in conflicts:
                conflicts.add((rec["unit"], target))
                report.conflicts.append((rec["unit"], target))
            continue
        report.moved[rec["item_id"]] = target
        _insert(new, "steps", {**rec, "doc": new_doc, "item_id": target})
        carried.add((rec["unit"], rec["item_id"], rec["number"]))
        report.step_rows += 1
    for rec in _records(old, "step_evidence", old_doc, "id"):
        if (rec["unit"], rec["item_id"], rec["step"]) in carried:
            _insert(new, "step_evidence", {**rec, "doc": new_doc, "item_id": mapping[rec["item_id"]]})
            report.step_evidence_rows += 1
    return carried


def _carry_sub_units(old: sqlite3.Connection, new: sqlite3.Connection) -> int:
    """Each unit's 下级单位目录 (store/sub_units.py): the names NEW's list lacks, after its own,
    in OLD's order. An OLD before schema 9 has none."""
    if old.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sub_units'").fetchone() is None:
        return 0
    added = 0
    for unit, name, added_at in old.execute("SELECT unit, name, added_at FROM sub_units ORDER BY unit, position"):
        there = new.execute("SELECT 1 FROM sub_units WHERE unit = ? AND name = ?", (unit, name)).fetchone()
        if there is None:
            new.execute(
                "INSERT INTO sub_units (unit, name, position, added_at) VALUES"
                " (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM sub_units WHERE unit = ?), ?)",
                (unit, name, unit, added_at),
            )
            added += 1
    return added


def carry_progress(old_path: Path, new_path: Path) -> CarryReport:
    """migrate-progress: from the newest document of OLD to the newest document of NEW."""
    from .documents import choose

    if old_path.resolve() == new_path.resolve():
        raise StoreError("新旧数据库是同一个文件")
    old = connect(old_path, readonly=True)
    new = connect(new_path)
    try:
        old_doc, new_doc = choose(old, None), choose(new, None)
        with write_transaction(new):
            report = carry(old, old_doc, new, new_doc)
            report.sub_unit_rows = _carry_sub_units(old, new)
            return report
    except sqlite3.Error as e:
        raise StoreError(f"迁移进度失败,新数据库未改动:{explain(e)}") from None
    finally:
        old.close()
        new.close()
