"""Consolidation for a lead unit: for each row it leads, each responsible unit's progress."""

from __future__ import annotations

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


def review(conn: sqlite3.Connection, structure: Structure, lead: str) -> list[ReviewRow]:
    doc = structure.doc
    led, peers = _led_rows(conn, doc, lead)
    order = {rid: i for i, rid in enumerate(structure.rows)}
    led.sort(key=order.__getitem__)
    items_by_row: dict[str, list[str]] = {}
    for it in structure.items:
        items_by_row.setdefault(it["row_id"], []).append(it["id"])
    wanted = [i for rid in led for i in items_by_row.get(rid, [])]
    progress: dict[tuple[str, str], str] = {}
    evidence: dict[tuple[str, str], int] = {}
    reported_units = {r[0] for r in conn.execute("SELECT DISTINCT unit FROM imports WHERE doc = ?", (doc,))}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
            f"SELECT unit, item_id, status FROM progress WHERE doc = ? AND item_id IN ({marks})", [doc, *chunk]
        ):
            progress[(r[0], r[1])] = r[2] or "未开始"
            reported_units.add(r[0])
        for r in conn.execute(
            f"SELECT unit, item_id, count(*) FROM evidence WHERE doc = ? AND item_id IN ({marks})"
            " GROUP BY unit, item_id",
            [doc, *chunk],
        ):
            evidence[(r[0], r[1])] = r[2]
    out = []
    members_of: dict[str, list[tuple[str, str]]] = {}  # a collective's members: the same on every row
    for rid in led:
        row = structure.rows[rid]
        ids = items_by_row.get(rid, [])
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
                has_any = any((unit, i) in progress for i in ids)
                if how == "to_confirm" and not has_any:
                    continue  # conditional collectives list only the units that reported on the row
                seen.add(unit)
                counts: dict[str, int] = {}
                for i in ids:
                    s = progress.get((unit, i), "未开始")
                    counts[s] = counts.get(s, 0) + 1
                rr.units.append(
                    UnitProgress(
                        unit,
                        len(ids),
                        counts,
                        sum(evidence.get((unit, i), 0) for i in ids),
                        unit in reported_units,
                        how == "to_confirm",
                    )
                )
        out.append(rr)
    return out
