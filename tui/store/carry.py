"""Carry progress from a database of one document version to one of the next
(`gongkai-tui migrate-progress OLD NEW`): items are matched by text, not position."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .db import connect
from .errors import StoreError, explain


@dataclass
class CarryReport:
    moved: dict[str, str] = field(default_factory=dict)  # old item id → new item id (with progress)
    changed: list[str] = field(default_factory=list)  # old item ids whose text changed or vanished
    ambiguous: list[str] = field(default_factory=list)  # the same text is several items in NEW
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (unit, new item) already with progress
    progress_rows: int = 0
    evidence_rows: int = 0
    history_rows: int = 0


def _hashes(conn: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT id, text_hash FROM items")}


def carry_progress(old_path: Path, new_path: Path) -> CarryReport:
    if old_path.resolve() == new_path.resolve():
        raise StoreError("新旧数据库是同一个文件")
    old = connect(old_path, readonly=True)
    new = connect(new_path)
    try:
        old_hash, new_hash = _hashes(old), _hashes(new)
        by_hash: dict[str, list[str]] = {}
        for item, h in new_hash.items():
            by_hash.setdefault(h, []).append(item)
        new_units = {r[0] for r in new.execute("SELECT name FROM units")}
        report = CarryReport()
        touched = sorted({r[0] for r in old.execute(
            "SELECT item_id FROM progress UNION SELECT item_id FROM evidence UNION SELECT item_id FROM history")})
        mapping: dict[str, str] = {}
        for item in touched:
            h = old_hash.get(item)
            candidates = by_hash.get(h, [])
            if item in candidates:
                mapping[item] = item  # same text at the same place
            elif len(candidates) == 1:
                mapping[item] = candidates[0]
            elif candidates:
                report.ambiguous.append(item)
            else:
                report.changed.append(item)
        new.execute("BEGIN IMMEDIATE")
        try:
            cols = [r[1] for r in old.execute("PRAGMA table_info(progress)")]
            for row in old.execute("SELECT * FROM progress ORDER BY item_id, unit"):
                rec = dict(zip(cols, row))
                old_id = rec["item_id"]
                target = mapping.get(old_id)
                if target is None or rec["unit"] not in new_units:
                    continue
                if new.execute("SELECT 1 FROM progress WHERE item_id=? AND unit=?", (target, rec["unit"])).fetchone():
                    report.conflicts.append((rec["unit"], target))
                    continue
                rec["item_id"] = target
                new.execute(f"INSERT INTO progress ({','.join(rec)}) VALUES ({','.join('?' * len(rec))})",
                            list(rec.values()))
                report.moved[old_id] = target
                report.progress_rows += 1
            conflicts = set(report.conflicts)
            ev_cols = [r[1] for r in old.execute("PRAGMA table_info(evidence)") if r[1] != "id"]
            for row in old.execute(f"SELECT {','.join(ev_cols)} FROM evidence ORDER BY id"):
                rec = dict(zip(ev_cols, row))
                target = mapping.get(rec["item_id"])
                if target is None or rec["unit"] not in new_units or (rec["unit"], target) in conflicts:
                    continue
                rec["item_id"] = target
                new.execute(f"INSERT INTO evidence ({','.join(rec)}) VALUES ({','.join('?' * len(rec))})",
                            list(rec.values()))
                report.evidence_rows += 1
            offset = new.execute("SELECT coalesce(max(action_id), 0) FROM history").fetchone()[0]
            h_cols = [r[1] for r in old.execute("PRAGMA table_info(history)") if r[1] != "id"]
            for row in old.execute(f"SELECT {','.join(h_cols)} FROM history ORDER BY id"):
                rec = dict(zip(h_cols, row))
                target = mapping.get(rec["item_id"])
                if target is None or (rec["unit"], target) in conflicts:
                    continue
                rec["item_id"] = target
                rec["action_id"] = (rec["action_id"] or 0) + offset
                new.execute(f"INSERT INTO history ({','.join(rec)}) VALUES ({','.join('?' * len(rec))})",
                            list(rec.values()))
                report.history_rows += 1
            new.execute("COMMIT")
        except BaseException:
            if new.in_transaction:  # SQLite may have rolled back already (disk full)
                new.execute("ROLLBACK")
            raise
        return report
    except sqlite3.Error as e:
        raise StoreError(f"迁移进度失败,新数据库未改动:{explain(e)}") from None
    finally:
        old.close()
        new.close()
