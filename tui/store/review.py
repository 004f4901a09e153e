"""Consolidation for a lead unit: for each row it leads, each responsible unit's progress."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from .queries import Structure

DONE_STATES = ("已完成", "不适用")


@dataclass
class UnitProgress:
    unit: str
    items: int
    counts: dict[str, int]  # status → items (items without progress count as 未开始)
    evidence: int
    reported: bool  # any progress recorded or workbook imported for this unit
    to_confirm: bool = False  # named only through a conditional collective

    @property
    def summary(self) -> str:
        if not self.reported:
            return "未报送"
        # 不适用 items are not part of the work: 2×不适用 + 1×未开始 is 未开始, and
        # 1×不适用 + 1×已完成 + 1×推进中 is 推进中 1/2 (done of those that apply)
        applicable = self.items - self.counts.get("不适用", 0)
        done = self.counts.get("已完成", 0)
        if applicable <= 0:
            return "不适用"
        if done == applicable:
            return "已完成"
        if done or self.counts.get("推进中"):
            return f"推进中 {done}/{applicable}"
        return "未开始"

    @property
    def finished(self) -> bool:
        """Nothing left to do on the row: every item done or 不适用."""
        return self.reported and self.summary in DONE_STATES


@dataclass
class ReviewRow:
    row_id: str
    text: str
    item_ids: list[str]
    responsible_units: list[str]  # as the document names them
    units: list[UnitProgress] = field(default_factory=list)


def _members(conn: sqlite3.Connection, doc: int, name: str) -> list[tuple[str, str]]:
    rows = conn.execute(
        "SELECT m.member, m.how FROM memberships m JOIN units u ON u.doc = m.doc AND u.name = m.member"
        " WHERE m.doc = ? AND m.collective = ? AND u.kind != '集合' ORDER BY u.position",
        (doc, name),
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def _led_rows(conn: sqlite3.Connection, doc: int, lead: str) -> tuple[list[str], dict[str, set[str]]]:
    """The rows `lead` leads, as its checklist shows them (牵 through a collective too:
    市、区县政府门户网站主办单位 leading 1.1.6 makes 渝中区 lead it for its own part); and for
    each row led only through collectives, their other members (who lead their own part and
    are left out of this lead's review)."""
    names = [lead] + [
        r[0] for r in conn.execute("SELECT collective FROM memberships WHERE doc = ? AND member = ?", (doc, lead))
    ]
    marks = ",".join("?" * len(names))
    by_row: dict[str, set[str]] = {}
    for rid, unit in conn.execute(
        f"SELECT row_id, unit FROM row_units WHERE doc = ? AND role = '牵头' AND unit IN ({marks})", [doc, *names]
    ):
        by_row.setdefault(rid, set()).add(unit)
    peers: dict[str, set[str]] = {}
    for rid, units in by_row.items():
        if lead not in units:
            peers[rid] = {m for c in units for m, _ in _members(conn, doc, c)} - {lead}
    return list(by_row), peers


def _by_unit_and_row(
    conn: sqlite3.Connection, doc: int, row_of: dict[str, str]
) -> tuple[dict[tuple[str, str], dict[str, int]], dict[tuple[str, str], int], set[str]]:
    """(unit, row) → items by status, (unit, row) → evidence entries, and the units with any
    progress on these items: two queries over the items of `row_of` (item id → its row)."""
    wanted = json.dumps(list(row_of), ensure_ascii=False)
    counts: dict[tuple[str, str], dict[str, int]] = {}
    evidence: dict[tuple[str, str], int] = {}
    units: set[str] = set()
    # json_each: one query for any number of items (an `IN (?, …)` list is capped at 32,766),
    # and evidence, indexed by unit first, read in one pass instead of one per 500 items
    for unit, item_id, status in conn.execute(
        "SELECT unit, item_id, status FROM progress WHERE doc = ? AND item_id IN (SELECT value FROM json_each(?))",
        (doc, wanted),
    ):
        by_status = counts.setdefault((unit, row_of[item_id]), {})
        state = status or "未开始"
        by_status[state] = by_status.get(state, 0) + 1
        units.add(unit)
    for unit, item_id, n in conn.execute(
        "SELECT unit, item_id, count(*) FROM evidence WHERE doc = ? AND item_id IN (SELECT value FROM json_each(?))"
        " GROUP BY unit, item_id",
        (doc, wanted),
    ):
        key = (unit, row_of[item_id])
        evidence[key] = evidence.get(key, 0) + n
    return counts, evidence, units


def review(conn: sqlite3.Connection, structure: Structure, lead: str) -> list[ReviewRow]:
    doc = structure.doc
    led, peers = _led_rows(conn, doc, lead)
    order = {rid: i for i, rid in enumerate(structure.rows)}
    led.sort(key=order.__getitem__)
    items_by_row: dict[str, list[str]] = {rid: [] for rid in led}
    for it in structure.items:
        if it["row_id"] in items_by_row:
            items_by_row[it["row_id"]].append(it["id"])
    row_of = {i: rid for rid, ids in items_by_row.items() for i in ids}
    counted, evidence, reported_units = _by_unit_and_row(conn, doc, row_of)
    reported_units |= {r[0] for r in conn.execute("SELECT DISTINCT unit FROM imports WHERE doc = ?", (doc,))}
    out = []
    members_of: dict[str, list[tuple[str, str]]] = {}  # a collective's members: the same on every row
    for rid in led:
        row = structure.rows[rid]
        ids = items_by_row[rid]
        first = structure.items[structure.index[ids[0]]] if ids else None
        rr = ReviewRow(
            rid,
            (first["grp"] + " " if first and first["grp"] else "") + (first["text"] if first else ""),
            ids,
            row["responsible_units"],
        )
        seen: set[str] = set()
        for name in row.get("units_by_role", {}).get("责任", []):
            if name not in members_of:
                members_of[name] = _members(conn, doc, name)
            members = members_of[name] if name not in seen else []
            candidates = members if members else [(name, "direct")]
            for unit, how in candidates:
                if unit in seen or unit in peers.get(rid, ()):
                    continue
                recorded = counted.get((unit, rid), {})
                if how == "to_confirm" and not recorded:
                    continue  # conditional collectives list only the units that reported on the row
                seen.add(unit)
                counts = dict(recorded)
                missing = len(ids) - sum(recorded.values())  # items without progress: 未开始
                if missing:
                    counts["未开始"] = counts.get("未开始", 0) + missing
                rr.units.append(
                    UnitProgress(
                        unit,
                        len(ids),
                        counts,
                        evidence.get((unit, rid), 0),
                        unit in reported_units,
                        how == "to_confirm",
                    )
                )
        out.append(rr)
    return out
