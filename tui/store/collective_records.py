"""Progress that older versions wrote under a collective with member units (各区县政府)
instead of under the member the person is (渝中区): found, offered to the member, moved.

Nothing here is dropped. A move is one transaction and one action with a history line
per field and evidence entry, for the collective (cleared) and the member (filled), so
`replay_move` puts everything back (and can move it again). Where the member has its own different value the item
is a conflict: by default the member's value stays and so does the collective's (listed);
`replace` writes the collective's over the member's, `keep_member` clears the
collective's; both only when a person chose so, and both in the history. The collective's
分解 move the same way, and the 下级报送 received for them follow (collective_assignments.py)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from . import assign_rows
from .collective_assignments import collective_assignments, follow_reports, move_changes
from .errors import InputError
from .progress import ANY, EVIDENCE_ADD, EVIDENCE_DEL, EVIDENCE_KEYS, Batch, Change, apply_batches, same_evidence
from .progress import Conflict as Refused  # undo or redo of a field changed since (not a move's Conflict below)
from .schema import NOT_STARTED, PROGRESS_FIELDS

# Fields decided together: a status with its 不适用理由 and 完成时间 (a row never contradicts itself).
STATUS_GROUP = ("status", "reason", "done_date")
GROUPS = (STATUS_GROUP,) + tuple((f,) for f in PROGRESS_FIELDS if f not in STATUS_GROUP)
EMPTY = {"status": NOT_STARTED}  # a field's value when nothing was recorded
LEAVE, REPLACE, KEEP_MEMBER = "leave", "replace", "keep_member"
MOVE_SOURCE = "move:"


@dataclass
class Leftover:
    """One collective's records in one document: item → recorded fields, item → evidence."""

    doc: int
    number: str
    collective: str
    fields: dict[str, dict[str, str]] = field(default_factory=dict)
    evidence: dict[str, list[dict]] = field(default_factory=dict)
    assignments: dict[str, list[dict]] = field(default_factory=dict)  # item → its 分解 (step 0)

    @property
    def items(self) -> list[str]:
        return sorted(set(self.fields) | set(self.evidence) | set(self.assignments), key=_item_key)

    @property
    def evidence_count(self) -> int:
        return sum(len(v) for v in self.evidence.values())

    @property
    def assignment_count(self) -> int:
        return sum(len(v) for v in self.assignments.values())


@dataclass(frozen=True)
class Conflict:
    number: str
    item_id: str
    label: str  # 完成情况, 备注…
    collective_value: str
    member_value: str


@dataclass
class MovePlan:
    collective: str
    member: str
    batches: list[Batch]
    items: int  # items with something to move
    evidence: int
    assignments: int  # 分解 moved (its received reports follow)
    conflicts: list[Conflict]
    not_members: list[str]  # documents where the member is not a member of the collective (left as they are)


def _item_key(item_id: str) -> list[tuple[int, int, str]]:
    """1.1.3-2 before 1.1.3-10 (numbers compared as numbers, anything else as text)."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in item_id.replace("-", ".").split(".")]


def _empty(name: str, value) -> bool:
    return value in (None, "") or value == EMPTY.get(name)


_COLLECTIVES = (
    "SELECT DISTINCT m.doc, m.collective FROM memberships m JOIN units u"
    " ON u.doc = m.doc AND u.name = m.member WHERE u.kind != '集合'"
)


def leftover_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """collective → how many items hold records under its own name (the count find_leftovers'
    listing gives), in a few SQL queries: every command that names a unit asks this, so it
    must not read the records themselves."""
    recorded = " OR ".join(f"coalesce([{f}], '') NOT IN ('', ?)" for f in PROGRESS_FIELDS)
    params = [EMPTY.get(f, "") for f in PROGRESS_FIELDS]
    recorded = recorded.replace("coalesce([", "coalesce(t.[")
    rows = conn.execute(
        f"SELECT unit, count(*) FROM (SELECT t.doc, t.unit, t.item_id FROM ({_COLLECTIVES}) c"
        f" JOIN progress t ON t.doc = c.doc AND t.unit = c.collective WHERE {recorded}"
        f" UNION SELECT t.doc, t.unit, t.item_id FROM ({_COLLECTIVES}) c"
        " JOIN evidence t ON t.doc = c.doc AND t.unit = c.collective"
        f" UNION SELECT t.doc, t.unit, t.item_id FROM ({_COLLECTIVES}) c"
        " JOIN assignments t ON t.doc = c.doc AND t.unit = c.collective AND t.step = 0) GROUP BY unit",
        params,
    )
    return {unit: n for unit, n in rows}


def find_leftovers(conn: sqlite3.Connection, collective: str | None = None) -> list[Leftover]:
    """Every collective with member units that has progress, evidence or 分解 under its
    own name, per document (of every document in the database); or only `collective`'s."""
    collectives = _COLLECTIVES
    numbers = {r[0]: r[1] or "" for r in conn.execute("SELECT id, number FROM document")}
    found: dict[tuple[int, str], Leftover] = {}

    def leftover(doc: int, unit: str) -> Leftover:
        return found.setdefault((doc, unit), Leftover(doc, numbers.get(doc, ""), unit))

    only = " AND t.unit = ?" if collective else ""
    params = (collective,) if collective else ()
    columns = ", ".join(PROGRESS_FIELDS)
    for r in conn.execute(
        f"SELECT t.doc, t.unit, t.item_id, {columns} FROM progress t JOIN ({collectives}) c"
        f" ON c.doc = t.doc AND c.collective = t.unit WHERE 1{only}",
        params,
    ):
        recorded = {f: r[f] for f in PROGRESS_FIELDS if not _empty(f, r[f])}
        if recorded:
            leftover(r["doc"], r["unit"]).fields[r["item_id"]] = recorded
    for r in conn.execute(
        f"SELECT t.* FROM evidence t JOIN ({collectives}) c"
        f" ON c.doc = t.doc AND c.collective = t.unit WHERE 1{only} ORDER BY t.id",
        params,
    ):
        leftover(r["doc"], r["unit"]).evidence.setdefault(r["item_id"], []).append({k: r[k] for k in EVIDENCE_KEYS})
    for a in collective_assignments(conn, collectives, only, params):
        leftover(a["doc"], a["unit"]).assignments.setdefault(a["item_id"], []).append(assign_rows.record_of(a))
    return sorted(found.values(), key=lambda x: (x.doc, x.collective))


def _progress(conn: sqlite3.Connection, doc: int, unit: str, item_id: str) -> dict:
    row = conn.execute(
        f"SELECT {', '.join(PROGRESS_FIELDS)} FROM progress WHERE doc=? AND unit=? AND item_id=?", (doc, unit, item_id)
    ).fetchone()
    return {f: (row[f] if row else None) for f in PROGRESS_FIELDS}


def _evidence(conn: sqlite3.Connection, doc: int, unit: str, item_id: str) -> list[dict]:
    return [
        {k: r[k] for k in EVIDENCE_KEYS}
        for r in conn.execute(
            "SELECT * FROM evidence WHERE doc=? AND unit=? AND item_id=? ORDER BY id", (doc, unit, item_id)
        )
    ]


def _shown(group: tuple[str, ...], values: tuple) -> str:
    parts = [str(v) for f, v in zip(group, values) if not _empty(f, v)]
    return ",".join(parts) if parts else "(空)"


def plan_move(conn: sqlite3.Connection, collective: str, member: str, on_conflict: str = LEAVE) -> MovePlan:
    """What moving `collective`'s records to `member` writes (nothing is written here)."""
    source = f"{MOVE_SOURCE}{collective}→{member}"
    batches: list[Batch] = []
    conflicts: list[Conflict] = []
    not_members: list[str] = []
    items = evidence = assignments = 0
    for left in find_leftovers(conn, collective):
        if (
            conn.execute(
                "SELECT 1 FROM memberships WHERE doc=? AND collective=? AND member=?", (left.doc, collective, member)
            ).fetchone()
            is None
        ):
            not_members.append(left.number)
            continue
        to_member: list[Change] = []
        from_collective: list[Change] = []
        for item_id in left.items:
            theirs = _progress(conn, left.doc, collective, item_id)
            mine = _progress(conn, left.doc, member, item_id)
            for group in GROUPS:
                old = tuple(EMPTY.get(f) if _empty(f, theirs[f]) else theirs[f] for f in group)
                have = tuple(EMPTY.get(f) if _empty(f, mine[f]) else mine[f] for f in group)
                if all(_empty(f, v) for f, v in zip(group, old)):
                    continue
                clash = have != old and not all(_empty(f, v) for f, v in zip(group, have))
                if clash:
                    conflicts.append(
                        Conflict(
                            left.number, item_id, PROGRESS_FIELDS[group[0]], _shown(group, old), _shown(group, have)
                        )
                    )
                    if on_conflict == LEAVE:
                        continue
                if not clash or on_conflict == REPLACE:
                    to_member += [Change(item_id, f, v) for f, v in zip(group, old)]
                from_collective += [Change(item_id, f, EMPTY.get(f)) for f in group]
            own = _evidence(conn, left.doc, member, item_id)
            for record in left.evidence.get(item_id, []):
                if not any(same_evidence(record, r) for r in own):
                    to_member.append(Change(item_id, EVIDENCE_ADD, record))
                from_collective.append(Change(item_id, EVIDENCE_DEL, record))
                evidence += 1
            mine_, theirs_, clashes = move_changes(
                conn, left.doc, collective, member, item_id, left.assignments.get(item_id, []), on_conflict
            )
            to_member += mine_
            from_collective += theirs_
            assignments += len(theirs_)
            conflicts += [Conflict(left.number, item_id, *c) for c in clashes]
            items += any(c.item_id == item_id for c in from_collective)
        batches += [Batch(left.doc, member, to_member, source), Batch(left.doc, collective, from_collective, source)]
    return MovePlan(
        collective, member, [b for b in batches if b.changes], items, evidence, assignments, conflicts, not_members
    )


def _follow(batches: list[Batch]):
    """The received reports following the assignments the batches move (collective_assignments)."""
    units: dict[int, list[str]] = {}
    for b in batches:
        if any(assign_rows.is_assign_field(c.field) for c in b.changes):
            units.setdefault(b.doc, []).append(b.unit)
    return follow_reports((doc, a, b) for doc, names in units.items() for a in names for b in names if a < b)


def move(conn: sqlite3.Connection, plan: MovePlan) -> int | None:
    """Write a planned move: one transaction, one action (its id; None when nothing moved)."""
    return apply_batches(conn, plan.batches, also=_follow(plan.batches))[0] if plan.batches else None


def replay_move(conn: sqlite3.Connection, action_id: int, backwards: bool = True) -> int | None:
    """Undo (`backwards`) or redo the move `action_id` in one transaction: both units, every
    document; the new action's id, itself a move (it can be undone again). A field changed
    since by someone else refuses the whole step, naming who and when (progress.Conflict),
    as every undo does."""
    verb = "撤销" if backwards else "重做"
    order = "DESC" if backwards else "ASC"
    lines = conn.execute(f"SELECT * FROM history WHERE action_id=? ORDER BY id {order}", (int(action_id),)).fetchall()
    if not lines or not all((r["source"] or "").startswith(MOVE_SOURCE) for r in lines):
        raise InputError(f"第 {action_id} 步不是一次统称记录的移动,未{verb}")
    batches: list[Batch] = []
    for r in lines:
        doc, unit, item_id, name = r["doc"], r["unit"], r["item_id"], r["field"]
        was, to = (r["new"], r["old"]) if backwards else (r["old"], r["new"])
        if name in (EVIDENCE_ADD, EVIDENCE_DEL):
            adds = (name == EVIDENCE_ADD) != backwards
            change = Change(item_id, EVIDENCE_ADD if adds else EVIDENCE_DEL, json.loads(to if adds else was))
        elif assign_rows.is_assign_field(name):
            record = json.loads(r["new"] if name == assign_rows.ADDED else r["old"])
            changed = assign_rows.flipped(name) if backwards else name
            change = Change(item_id, changed, record, expect=record if changed == assign_rows.REMOVED else ANY)
        else:
            change = Change(item_id, name, to, expect=was)
        if batches and (batches[-1].doc, batches[-1].unit) == (doc, unit):
            batches[-1].changes.append(change)
        else:
            batches.append(Batch(doc, unit, [change], f"{MOVE_SOURCE}{'undo' if backwards else 'redo'}:{action_id}"))
    try:
        return apply_batches(conn, batches, also=_follow(batches))[0]
    except Refused as e:
        raise Refused(f"无法{verb}第 {action_id} 步移动:{e};这一步整个未{verb},未做任何改动") from None
