"""The 分解 a collective's person made under the collective's own name (各区县政府 instead of
渝中区), moved to the member with its progress (collective_records.py), and the 下级报送
received for them following their assignment.

Each assignment moves as the pair of changes `assign:+` (member) and `assign:-`
(collective) in the move's one action, so undoing the move puts it back (assign_rows.py's
replay). The member's own assignment of the same item to the same sub-unit, made
otherwise, is a conflict: left as it is by default (both kept), replaced by the
collective's (`replace`), or kept with the collective's cleared (`keep_member`).

Received reports have no history (sub_reports.py): they follow whichever unit holds the
assignment they answer, inside the same transaction (`follow_reports`), so a move and its
undo carry them both ways."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

from . import assign_rows
from .progress import ANY, Change

_SAME = ("role", "requirement", "deadline")


def shown(record: dict) -> str:
    """An assignment in words, as a conflict lists it: 牵头,时限 2021-06-30,要求 …"""
    parts = [record["role"]]
    if record.get("deadline"):
        parts.append(f"时限 {record['deadline']}")
    if record.get("requirement"):
        parts.append(f"要求 {record['requirement'][:20]}")
    return ",".join(parts)


def collective_assignments(conn: sqlite3.Connection, collectives_sql: str, only: str, params: tuple) -> list[dict]:
    """The item-level assignments held under a collective's own name (`collectives_sql`:
    its (doc, collective) pairs), each with its doc and unit."""
    return [
        {"doc": r["doc"], "unit": r["unit"], "item_id": r["item_id"], **assign_rows.record_of(r)}
        for r in conn.execute(
            f"SELECT t.* FROM assignments t JOIN ({collectives_sql}) c"
            f" ON c.doc = t.doc AND c.collective = t.unit WHERE t.step = 0{only} ORDER BY t.item_id, t.rowid",
            params,
        )
    ]


def move_changes(
    conn: sqlite3.Connection, doc: int, collective: str, member: str, item_id: str, records: list[dict], policy: str
) -> tuple[list[Change], list[Change], list[tuple[str, str, str]]]:
    """(changes to the member, changes to the collective, conflicts as (label, collective's,
    member's)) that move the collective's assignments of one item. `policy`: collective_records'
    LEAVE, REPLACE or KEEP_MEMBER."""
    to_member: list[Change] = []
    from_collective: list[Change] = []
    conflicts: list[tuple[str, str, str]] = []
    for record in records:
        mine = assign_rows.read(conn, doc, member, item_id, record["step"], record["sub_unit"])
        clash = mine is not None and any(mine[k] != record[k] for k in _SAME)
        if clash:
            assert mine is not None
            conflicts.append((f"分解给{record['sub_unit']}", shown(record), shown(mine)))
            if policy == "leave":
                continue
            if policy == "replace":
                to_member.append(Change(item_id, assign_rows.REMOVED, mine, expect=mine))
        if mine is None or (clash and policy == "replace"):
            to_member.append(Change(item_id, assign_rows.ADDED, record, expect=ANY))
        from_collective.append(Change(item_id, assign_rows.REMOVED, record, expect=record))
    return to_member, from_collective, conflicts


def follow_reports(pairs: Iterable[tuple[int, str, str]]) -> Callable[[sqlite3.Connection], None]:
    """What runs inside a move's transaction after its changes: for each (doc, one unit,
    the other), a received report moves to the unit that now holds its assignment (the
    other no longer does), unless that unit holds a report of it already."""
    wanted = list(pairs)

    def follow(conn: sqlite3.Connection) -> None:
        for doc, a, b in wanted:
            for src, dst in ((a, b), (b, a)):
                conn.execute(
                    "UPDATE sub_reports SET unit = :dst WHERE doc = :doc AND unit = :src"
                    " AND NOT EXISTS (SELECT 1 FROM assignments x WHERE x.doc = :doc AND x.unit = :src"
                    "   AND x.item_id = sub_reports.item_id AND x.step = sub_reports.step"
                    "   AND x.sub_unit = sub_reports.sub_unit)"
                    " AND EXISTS (SELECT 1 FROM assignments x WHERE x.doc = :doc AND x.unit = :dst"
                    "   AND x.item_id = sub_reports.item_id AND x.step = sub_reports.step"
                    "   AND x.sub_unit = sub_reports.sub_unit)"
                    " AND NOT EXISTS (SELECT 1 FROM sub_reports r WHERE r.doc = :doc AND r.unit = :dst"
                    "   AND r.item_id = sub_reports.item_id AND r.step = sub_reports.step"
                    "   AND r.sub_unit = sub_reports.sub_unit)",
                    {"doc": doc, "src": src, "dst": dst},
                )

    return follow
