"""汇总 (issue #25 item 4): the reports a unit's sub-units sent back for the items and steps it
assigned them, and the roll-up view of each item: every assigned sub-unit with what it
reported, or that it has not reported.

A report is what was received (a sub-unit's 任务清单 workbook, read by
workbook/rollup_import.py), not the unit's own work: it has no history line and no undo;
the newest export of a sub-unit replaces its older one, an older file never replaces a
newer one, and the same file again changes nothing."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass

from .errors import StoreError, explain
from .schema import NOT_STARTED

REPORT_KEYS = ("status", "done_date", "narrative", "evidence")
FILL = "fill:"  # the source of a fill's history lines (`fill:cli`): what a later fill may write again


@dataclass
class Received:
    written: int  # lines stored (new or newer)
    older: int  # lines not stored: this sub-unit sent a newer export already
    same: int  # lines as received before


def _newer(there: sqlite3.Row, source_db: str, source_version: int, exported_at: str) -> bool:
    """Whether what is stored came from a later export than this one: by the sub-unit's own
    database version when both came from the same database (two exports in one second),
    else by when they were exported."""
    if there["source_db"] and there["source_db"] == source_db and there["source_version"] is not None:
        return int(there["source_version"]) > source_version
    return (there["exported_at"] or "") > exported_at


def save_reports(
    conn: sqlite3.Connection,
    doc: int,
    unit: str,
    sub_unit: str,
    reports: list[dict],
    file: str,
    sha256: str,
    exported_at: str,
    now: str,
    source_db: str = "",
    source_version: int = 0,
) -> Received:
    """Store one workbook's reports (each: item_id, step, status, done_date, narrative,
    evidence list) in one transaction. `source_db`, `source_version`: the sub-unit's
    database and its version when it exported (its 说明)."""
    written = older = same = 0
    try:
        conn.execute("BEGIN IMMEDIATE")
        for r in reports:
            there = conn.execute(
                "SELECT status, done_date, narrative, evidence, exported_at, source_db, source_version"
                " FROM sub_reports"
                " WHERE doc=? AND item_id=? AND unit=? AND step=? AND sub_unit=?",
                (doc, r["item_id"], unit, r["step"], sub_unit),
            ).fetchone()
            evidence = json.dumps(r["evidence"], ensure_ascii=False)
            narrative = r["narrative"]
            if narrative is None and there is not None:
                narrative = there[2]  # a layout without 具体完成情况 (the 完整版) says nothing of it
            if there is not None:
                if (there[0], there[1], there[2], there[3]) == (r["status"], r["done_date"], narrative, evidence):
                    same += 1
                    continue
                if _newer(there, source_db, source_version, exported_at):
                    older += 1
                    continue
            conn.execute(
                "INSERT OR REPLACE INTO sub_reports (doc, item_id, unit, step, sub_unit, status, done_date,"
                " narrative, evidence, file, sha256, exported_at, imported_at, source_db, source_version)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc,
                    r["item_id"],
                    unit,
                    r["step"],
                    sub_unit,
                    r["status"],
                    r["done_date"],
                    narrative,
                    evidence,
                    file,
                    sha256,
                    exported_at,
                    now,
                    source_db,
                    source_version,
                ),
            )
            written += 1
        conn.execute("COMMIT")
    except sqlite3.Error as e:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"下级报送没有写入:{explain(e)}") from None
    return Received(written, older, same)


def rollup_order() -> tuple[list[str], dict[str, str]]:
    """The roll-up's ORDER BY terms over `assignments a` and their named parameters: item,
    step, role 牵头 → 责任 → 配合, then when assigned (assign_rows.assignments_of's order)."""
    from .assign_rows import ROLES

    roles = " ".join(f"WHEN :role{i} THEN {i}" for i in range(len(ROLES)))
    return (
        ["a.item_id", "a.step", f"CASE a.role {roles} ELSE 9 END", "a.assigned_at", "a.rowid"],
        {f"role{i}": role for i, role in enumerate(ROLES)},
    )


def rollup(conn: sqlite3.Connection, doc: int, unit: str, limit: int = -1) -> list[dict]:
    """One line per assignment (item, step, sub-unit, role): the sub-unit's report, or
    `reported: False` — in rollup_order. One query joining the two tables: the roll-up of 50
    sub-units × 200 items is read while the user waits for `R`. `limit`: only the first lines
    (the screen's first rows; -1: every line)."""
    order, order_args = rollup_order()
    out = []
    for row in conn.execute(
        "SELECT a.item_id, a.step, a.sub_unit, a.role, a.deadline,"
        " r.item_id IS NOT NULL, r.status, r.done_date, r.narrative, r.evidence, r.file, r.exported_at"
        " FROM assignments a LEFT JOIN sub_reports r"
        " ON r.doc = a.doc AND r.unit = a.unit AND r.item_id = a.item_id AND r.step = a.step"
        " AND r.sub_unit = a.sub_unit"
        " WHERE a.doc = :doc AND a.unit = :unit"
        f" ORDER BY {', '.join(order)} LIMIT :limit",
        {**order_args, "doc": doc, "unit": unit, "limit": limit},
    ):
        item_id, step, sub_unit, role, deadline, reported = row[:6]
        line = {"item": item_id, "step": step, "sub_unit": sub_unit, "role": role, "deadline": deadline}
        line["reported"] = bool(reported)
        if reported:
            status, done_date, narrative, evidence, file, exported_at = row[6:]
            line.update(
                status=status,
                done_date=done_date,
                narrative=narrative or "",
                evidence=json.loads(evidence) if evidence and evidence != "[]" else [],
                file=file,
                exported_at=exported_at,
            )
        out.append(line)
    return out


def _says_something(line: dict) -> bool:
    """A report worth a line of the unit's own 具体完成情况: one still 未开始 with nothing
    written says nothing (and filling with it would leave no empty narrative for the
    reports still to come)."""
    return line.get("status") != NOT_STARTED or bool((line.get("narrative") or "").strip())


def left_by_fill(conn: sqlite3.Connection, doc: int, unit: str, entries: dict) -> set[str]:
    """The items whose 具体完成情况 is still as a fill wrote it (nobody edited it since): a
    later fill writes them again, with the reports received since."""
    rows = conn.execute(
        "SELECT item_id, new, source FROM history h WHERE doc = ?1 AND unit = ?2 AND field = 'narrative'"
        " AND id = (SELECT max(id) FROM history WHERE doc = ?1 AND unit = ?2 AND item_id = h.item_id"
        " AND field = 'narrative')",
        (doc, unit),
    )
    return {
        item_id
        for item_id, new, source in rows
        if (source or "").startswith(FILL) and item_id in entries and entries[item_id].narrative == new
    }


def fill_plan(lines: list[dict], entries: dict, refill: Collection[str] = ()) -> tuple[dict[str, str], list[str]]:
    """From the roll-up lines and the unit's own entries (item id → Entry): the 具体完成情况
    to write where the unit has written none yet, or where it is as an earlier fill wrote it
    (`refill`) (each reporting sub-unit's account, a line
    each: `区发展改革委(已完成):…`; one still 未开始 with nothing written is left out), and the items every assigned sub-unit reported 已完成
    while the item itself is not: its status is only suggested (the unit confirms)."""
    by_item: dict[str, list[dict]] = {}
    for x in lines:
        by_item.setdefault(x["item"], []).append(x)
    narratives: dict[str, str] = {}
    done: list[str] = []
    for item_id, rows in by_item.items():
        e = entries.get(item_id)
        if e is None:
            continue
        said = [
            f"{x['sub_unit']}({x['status']}):" + " ".join((x.get("narrative") or "").split())
            for x in rows
            if x["reported"] and x["step"] == 0 and _says_something(x)
        ]
        text = "\n".join(s.rstrip(":") for s in said)
        if said and (not (e.narrative or "").strip() or item_id in refill) and text != e.narrative:
            narratives[item_id] = text
        whole = [x for x in rows if x["step"] == 0]
        if whole and all(x["reported"] and x.get("status") == "已完成" for x in whole) and e.status != "已完成":
            done.append(item_id)
    return narratives, done
