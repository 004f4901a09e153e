"""Read queries: the document, the unit catalogue, a unit's checklist, the dump."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
from dataclasses import dataclass, field

from ..units import VIA_RANK, Catalogue
from .schema import DONE, NOT_APPLICABLE, NOT_STARTED


@dataclass(slots=True)
class Entry:
    """One line of a unit's checklist: an item, how it applies, and the unit's progress."""

    id: str
    row_id: str
    label: str
    text: str
    group: str | None
    section_id: str
    section_title: str
    subsection_id: str
    subsection_title: str
    disclosure_paths: list[str]
    deadline: str | None
    relative_deadline: str | None
    lead_units: list[str]
    responsible_units: list[str]
    roles: tuple[str, ...]
    via: str
    cooperating_units: list[str] = field(default_factory=list)
    status: str = NOT_STARTED
    reason: str | None = None
    requirement: str | None = None
    office: str | None = None
    person: str | None = None
    planned_date: str | None = None
    done_date: str | None = None
    note: str | None = None
    confirmed: str | None = None  # the date the unit confirmed a 待确认 item applies to it
    # What the document asks of the row (its 具体要求 / 工作要求 / 工作措施 column): what a unit
    # must actually do, shown beside the item (the unit's own 工作要求 is `requirement`).
    document_requirement: str | None = None
    evidence_count: int = 0
    deadline_date: dt.date | None = None
    initials: str = ""  # pinyin initials of the item's text, for search (computed at load)
    narrative: str | None = None  # 具体完成情况 as the unit wrote it (store/steps.shown_narrative)
    # 细化: the unit's own steps of the item (store/steps.steps_of: dicts by number, each with its evidence)
    steps: list[dict] = field(default_factory=list)
    # The upper document's item (or step, `1.1.3-1.2`) this one was assigned from (an issued breakdown)
    upper: str | None = None

    @property
    def full_text(self) -> str:
        return f"{self.group}\n{self.text}" if self.group else self.text

    def overdue(self, as_of: dt.date) -> bool:
        return (
            self.deadline is not None
            and self.status not in (DONE, NOT_APPLICABLE)
            and self.deadline_date is not None  # set with deadline (load_structure)
            and self.deadline_date < as_of
        )

    @property
    def missing_evidence(self) -> bool:
        """已完成 without evidence of its own or of any of its steps."""
        return self.status == DONE and self.evidence_count == 0 and not any(s["evidence"] for s in self.steps)

    @property
    def to_confirm(self) -> bool:
        """Named only through a conditional collective, and neither confirmed nor marked 不适用."""
        return self.via == "to_confirm" and not self.confirmed and self.status != NOT_APPLICABLE


@dataclass
class Structure:
    """The document's rows and items, loaded once per document."""

    document: dict
    sections: dict[str, dict]
    rows: dict[str, dict]  # row id → row with lead/responsible lists, in document order
    items: list[dict] = field(default_factory=list)  # in document order
    index: dict[str, int] = field(default_factory=dict)  # item id → position in `items`
    applies: dict[str, dict] = field(default_factory=dict)  # unit → applicable_rows (static per document)

    @property
    def doc(self) -> int:
        return self.document["id"]


_ROLE_LIST = {"牵头": "lead_units", "责任": "responsible_units", "配合": "cooperating_units"}
ROLE_ORDER = list(_ROLE_LIST)

# What the app and the workbooks read of an item (not text_hash, which only
# migrate-progress uses, reading it itself).
_ITEM_COLUMNS = (
    "id, row_id, label, position, text, grp, disclosure_paths, deadline, relative_deadline, line,"
    " coalesce(initials, '') AS initials"
)


def header_words(stored: object) -> list[str]:
    """`document.columns` as a list of words; anything else (a restored backup's hand-edited
    value) is as if the document had none: its export then uses our own words."""
    try:
        words = json.loads(stored) if isinstance(stored, str) else None
    except ValueError:
        return []
    return [w for w in words if isinstance(w, str)] if isinstance(words, list) else []


def upper_link(stored: object) -> dict | None:
    """`document.upper` (schema 8: where an issued breakdown's rows come from, source/upper_link.py)
    as {"document", "unit", "items": {item id → upper ref}}; anything else is as if it had none."""
    try:
        found = json.loads(stored) if isinstance(stored, str) else None
    except ValueError:
        return None
    if not isinstance(found, dict) or not isinstance(found.get("items"), dict):
        return None
    items = {k: v for k, v in found["items"].items() if isinstance(k, str) and isinstance(v, str)}
    return {"document": str(found.get("document") or ""), "unit": str(found.get("unit") or ""), "items": items}


def load_structure(conn: sqlite3.Connection, doc: int, only_rows: list[str] | None = None) -> Structure:
    """The whole document, or (for a fast first screen) just the rows in `only_rows`."""
    document = dict(conn.execute("SELECT * FROM document WHERE id = ?", (doc,)).fetchone())
    document["columns"] = header_words(document.get("columns"))
    document["upper"] = upper_link(document.get("upper"))
    sections = {r["id"]: dict(r) for r in conn.execute("SELECT * FROM sections WHERE doc = ?", (doc,))}
    where = " WHERE doc = ?"
    params: list[object] = [doc]
    if only_rows is not None:
        where += f" AND {{col}} IN ({','.join('?' * len(only_rows))})"
        params += list(only_rows)
    rows: dict[str, dict] = {}
    for r in conn.execute(f"SELECT * FROM rows{where.format(col='id')} ORDER BY position", params):
        row = dict(r)
        row["lead_units"], row["responsible_units"], row["cooperating_units"] = [], [], []
        row["unit_notes"] = json.loads(row.get("unit_notes") or "{}")
        rows[row["id"]] = row
    # Unit names and disclosure paths repeat across thousands of rows: one string each
    # (sqlite3 and json make a new one per cell), a few MB less on a large document.
    for ru in conn.execute(
        f"SELECT row_id, unit, coalesce(written, unit) AS written, role FROM row_units"
        f"{where.format(col='row_id')} ORDER BY row_id, role, position",
        params,
    ):
        row = rows[ru["row_id"]]
        row[_ROLE_LIST[ru["role"]]].append(sys.intern(ru["written"]))  # as the document writes it
        row.setdefault("units_by_role", {}).setdefault(ru["role"], []).append(sys.intern(ru["unit"]))
    order = {rid: i for i, rid in enumerate(rows)}
    if only_rows is None:
        items = [dict(r) for r in conn.execute(f"SELECT {_ITEM_COLUMNS} FROM items WHERE doc = ?", (doc,))]
    else:
        marks = ",".join("?" * len(rows))
        items = [
            dict(r)
            for r in conn.execute(
                f"SELECT {_ITEM_COLUMNS} FROM items WHERE doc = ? AND row_id IN ({marks})", [doc, *rows]
            )
        ]
    items.sort(key=lambda it: (order[it["row_id"]], it["position"]))
    paths: dict[str, str] = {}
    for it in items:
        it["disclosure_paths"] = [paths.setdefault(p, p) for p in json.loads(it["disclosure_paths"] or "[]")]
        it["deadline_date"] = dt.date.fromisoformat(it["deadline"]) if it["deadline"] else None
    return Structure(document, sections, rows, items, {it["id"]: i for i, it in enumerate(items)})


def checklist_head(conn: sqlite3.Connection, doc: int, unit: str, at_least: int) -> tuple[Structure, list[Entry]]:
    """The first `at_least` or so lines of the unit's checklist, read without loading the
    whole document: what the first screen needs while the rest loads in the background.
    Returns the partial structure those lines come from, and the lines."""
    applies = applicable_rows(conn, doc, unit)
    plain = conn.cursor()
    plain.row_factory = None  # plain tuples: one per table row of the document, before the first screen
    sizes = dict(plain.execute("SELECT row_id, count(*) FROM items WHERE doc = ? GROUP BY row_id", (doc,)).fetchall())
    head, count = [], 0
    for (rid,) in plain.execute("SELECT id FROM rows WHERE doc = ? ORDER BY position", (doc,)):
        if rid in applies:
            head.append(rid)
            count += sizes.get(rid, 0)
            if count >= at_least:
                break
    partial = load_structure(conn, doc, only_rows=head)
    partial.applies[unit] = applies
    return partial, checklist(conn, partial, unit, only=[it["id"] for it in partial.items])


def checklist_first(conn: sqlite3.Connection, structure: Structure, unit: str, at_least: int) -> list[Entry]:
    """The first lines of the unit's checklist (whole rows, about `at_least` items)."""
    applies = structure.applies.get(unit)
    if applies is None:
        applies = structure.applies[unit] = applicable_rows(conn, structure.doc, unit)
    first: list[str] = []
    for it in structure.items:
        if it["row_id"] in applies:
            if len(first) >= at_least and it["row_id"] != structure.items[structure.index[first[-1]]]["row_id"]:
                break
            first.append(it["id"])
    return checklist(conn, structure, unit, only=first)


def load_catalogue(conn: sqlite3.Connection, doc: int) -> Catalogue:
    kinds: dict[str, str] = {}
    spellings: dict[str, set[str]] = {}
    for r in conn.execute("SELECT name, kind, pinyin, initials FROM units WHERE doc = ?", (doc,)):
        kinds[r["name"]] = r["kind"]
        for s in (r["pinyin"], r["initials"]):
            if s:
                spellings.setdefault(s, set()).add(r["name"])
    alias_of = {}
    for r in conn.execute("SELECT alias, unit, pinyin, initials FROM aliases WHERE doc = ?", (doc,)):
        alias_of[r["alias"]] = r["unit"]
        for s in (r["pinyin"], r["initials"]):
            if s:
                spellings.setdefault(s, set()).add(r["unit"])
    return Catalogue(kinds, alias_of, spellings)


def applicable_rows(conn: sqlite3.Connection, doc: int, unit: str) -> dict[str, tuple[tuple[str, ...], str]]:
    """row id → (roles, via) for every row that applies to the unit."""
    names = {unit: "direct"}
    for r in conn.execute("SELECT collective, how FROM memberships WHERE doc = ? AND member = ?", (doc, unit)):
        names[r["collective"]] = r["how"]
    found: dict[str, tuple[set[str], str]] = {}
    marks = ",".join("?" * len(names))
    rows = conn.cursor()
    rows.row_factory = None  # plain tuples: thousands of rows on the way to the first screen
    for row_id, name, role in rows.execute(
        f"SELECT row_id, unit, role FROM row_units WHERE doc = ? AND unit IN ({marks})", [doc, *names]
    ):
        roles, via = found.get(row_id, (set(), "to_confirm"))
        how = names[name]
        roles.add(role)
        found[row_id] = (roles, how if VIA_RANK[how] < VIA_RANK[via] else via)
    ordered: dict[frozenset[str], tuple[str, ...]] = {}  # a handful of role sets, each sorted once
    return {
        rid: (ordered.get(key) or ordered.setdefault(key, tuple(sorted(key, key=ROLE_ORDER.index))), via)
        for rid, (roles, via) in found.items()
        for key in (frozenset(roles),)
    }


_PROGRESS_COLS = (
    "status",
    "reason",
    "requirement",
    "office",
    "person",
    "planned_date",
    "done_date",
    "note",
    "confirmed",
    "narrative",
)


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def checklist(conn: sqlite3.Connection, structure: Structure, unit: str, only: list[str] | None = None) -> list[Entry]:
    """The unit's checklist in document order (or just the items in `only`):
    a handful of queries, whatever its size."""
    doc = structure.doc
    applies = structure.applies.get(unit)
    if applies is None:
        applies = structure.applies[unit] = applicable_rows(conn, doc, unit)
    if only is None:
        items = structure.items
        progress = {
            r["item_id"]: r for r in conn.execute("SELECT * FROM progress WHERE doc = ? AND unit = ?", (doc, unit))
        }
        counts = dict(
            conn.execute(
                "SELECT item_id, count(*) FROM evidence WHERE doc = ? AND unit = ? GROUP BY item_id", (doc, unit)
            ).fetchall()
        )
    else:
        wanted = set(only)
        items = [structure.items[i] for i in sorted(structure.index[x] for x in wanted if x in structure.index)]
        progress, counts = {}, {}
        for chunk in _chunks(sorted(wanted)):
            marks = ",".join("?" * len(chunk))
            progress.update(
                {
                    r["item_id"]: r
                    for r in conn.execute(
                        f"SELECT * FROM progress WHERE doc = ? AND unit = ? AND item_id IN ({marks})",
                        (doc, unit, *chunk),
                    )
                }
            )
            counts.update(
                dict(
                    conn.execute(
                        f"SELECT item_id, count(*) FROM evidence WHERE doc = ? AND unit = ? AND item_id IN ({marks})"
                        " GROUP BY item_id",
                        (doc, unit, *chunk),
                    ).fetchall()
                )
            )
    from .steps import steps_of

    steps = steps_of(conn, doc, unit, only)
    upper_refs = (structure.document.get("upper") or {}).get("items", {})
    out = []
    for it in items:
        hit = applies.get(it["row_id"])
        if hit is None:
            continue
        row = structure.rows[it["row_id"]]
        p = progress.get(it["id"])
        entry = Entry(
            id=it["id"],
            row_id=it["row_id"],
            label=it["label"],
            text=it["text"],
            group=it["grp"],
            section_id=row["section_id"],
            section_title=structure.sections[row["section_id"]]["title"],
            subsection_id=row["subsection_id"],
            subsection_title=structure.sections[row["subsection_id"]]["title"],
            disclosure_paths=it["disclosure_paths"],
            deadline=it["deadline"],
            relative_deadline=it["relative_deadline"],
            lead_units=row["lead_units"],
            responsible_units=row["responsible_units"],
            roles=hit[0],
            via=hit[1],
            cooperating_units=row["cooperating_units"],
            document_requirement=row.get("requirement") or None,
            evidence_count=counts.get(it["id"], 0),
            deadline_date=it["deadline_date"],
            initials=it["initials"],
            steps=steps.get(it["id"], []),
            upper=upper_refs.get(it["id"]),
        )
        if p is not None:
            for col in _PROGRESS_COLS:
                setattr(entry, col, p[col])
            entry.status = p["status"] or NOT_STARTED
        out.append(entry)
    return out


def action_items(conn: sqlite3.Connection, doc: int, unit: str, action_id: int) -> list[str]:
    rows = conn.execute(
        "SELECT DISTINCT item_id FROM history WHERE doc = ? AND action_id = ? AND unit = ? ORDER BY item_id",
        (doc, action_id, unit),
    )
    return [r[0] for r in rows]


def dump(structure: Structure) -> dict:
    doc = structure.document
    rows = []
    by_row: dict[str, list[dict]] = {}
    for it in structure.items:
        by_row.setdefault(it["row_id"], []).append(
            {
                "id": it["id"],
                "label": it["label"],
                "text": it["text"],
                "group": it["grp"],
                "disclosure_paths": it["disclosure_paths"],
                "deadline": it["deadline"],
                "relative_deadline": it["relative_deadline"],
                "line": it["line"],
            }
        )
    for row in structure.rows.values():
        sec, sub = structure.sections[row["section_id"]], structure.sections[row["subsection_id"]]
        rows.append(
            {
                "id": row["id"],
                "section": sec["id"],
                "section_title": sec["title"],
                "subsection": sub["id"],
                "subsection_title": sub["title"],
                "lead_units": row["lead_units"],
                "responsible_units": row["responsible_units"],
                "cooperating_units": row["cooperating_units"],
                "unit_notes": row["unit_notes"],
                "requirement": row.get("requirement"),
                "deadline_text": row.get("deadline_text"),
                "path_note": row["path_note"],
                "first_line": row["first_line"],
                "last_line": row["last_line"],
                "items": by_row.get(row["id"], []),
            }
        )
    return {
        "document": {
            k: doc.get(k)
            for k in (
                "number",
                "title",
                "table_title",
                "issued",
                "year",
                "source_name",
                "source_sha256",
                "issuer",
                "level",
            )
        },
        "rows": rows,
    }


def build_notes(conn: sqlite3.Connection, doc: int) -> list[dict]:
    """What build-db decided and warned about, in document order."""
    return [
        {"place": r["place"], "kind": r["kind"], "severity": r["severity"], "message": r["message"]}
        for r in conn.execute("SELECT * FROM build_notes WHERE doc = ? ORDER BY id", (doc,))
    ]


def evidence_for(conn: sqlite3.Connection, doc: int, item_id: str, unit: str) -> list[dict]:
    return [
        dict(r)
        for r in conn.execute(
            "SELECT * FROM evidence WHERE doc = ? AND item_id = ? AND unit = ? ORDER BY id", (doc, item_id, unit)
        )
    ]


def workspace(conn: sqlite3.Connection) -> tuple[str | None, int]:
    row = conn.execute("SELECT id FROM workspace").fetchone()
    version = conn.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0]
    return (row[0] if row else None), version


def import_version(conn: sqlite3.Connection, doc: int, unit: str, source_db: str) -> int | None:
    row = conn.execute(
        "SELECT max(source_version) FROM imports WHERE doc = ? AND unit = ? AND source_db = ?", (doc, unit, source_db)
    ).fetchone()
    return row[0] if row else None


def locally_edited(conn: sqlite3.Connection, doc: int, unit: str) -> set[tuple[str, str]]:
    out = set()
    for r in conn.execute(
        "SELECT item_id, field, source FROM history WHERE id IN (SELECT max(id) FROM history"
        " WHERE doc = ? AND unit = ? GROUP BY item_id, field)",
        (doc, unit),
    ):
        if not (r["source"] or "").startswith("import:"):
            out.add((r["item_id"], r["field"]))
    return out


def file_evidence(conn: sqlite3.Connection, doc: int | None, unit: str | None) -> list[dict]:
    """File evidence of one document (or of every document: None), of one unit or all."""
    where = ["kind = 'file'"]
    params: list[object] = []
    if doc is not None:
        where.append("doc = ?")
        params.append(doc)
    if unit:
        where.append("unit = ?")
        params.append(unit)
    sql = f"SELECT * FROM evidence WHERE {' AND '.join(where)} ORDER BY doc, unit, item_id, id"
    return [dict(r) for r in conn.execute(sql, params)]


def evidence_by_item(conn: sqlite3.Connection, doc: int, unit: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in conn.execute("SELECT * FROM evidence WHERE doc = ? AND unit = ? ORDER BY id", (doc, unit)):
        out.setdefault(r["item_id"], []).append(dict(r))
    return out


def last_import(conn: sqlite3.Connection, doc: int, unit: str) -> str | None:
    row = conn.execute("SELECT max(exported_at) FROM imports WHERE doc = ? AND unit = ?", (doc, unit)).fetchone()
    return row[0] if row else None


def imports(conn: sqlite3.Connection, doc: int) -> list[dict]:
    return [dict(r) for r in conn.execute("SELECT * FROM imports WHERE doc = ? ORDER BY id", (doc,))]


def history_for(conn: sqlite3.Connection, doc: int, item_id: str, unit: str) -> list[dict]:
    return [
        dict(r)
        for r in conn.execute(
            "SELECT * FROM history WHERE doc = ? AND item_id = ? AND unit = ? ORDER BY id", (doc, item_id, unit)
        )
    ]


def units_table(conn: sqlite3.Connection, doc: int) -> list[dict]:
    return [dict(r) for r in conn.execute("SELECT * FROM units WHERE doc = ? ORDER BY position", (doc,))]


def confirm_via(conn: sqlite3.Connection, doc: int, unit: str, row_id: str) -> list[str]:
    """The conditional collectives (市政府有关部门…) through which a row names `unit`:
    why the item is 待确认 for it."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT ru.unit FROM row_units ru JOIN memberships m ON m.doc = ru.doc AND m.collective = ru.unit"
            " WHERE ru.doc = ? AND ru.row_id = ? AND m.member = ? AND m.how = 'to_confirm' ORDER BY ru.position",
            (doc, row_id, unit),
        )
    ]


def collective_members(conn: sqlite3.Connection, doc: int, collective: str) -> list[dict]:
    """The member units of a collective (not collectives themselves), in catalogue order:
    name, kind and how the collective names them."""
    return [
        dict(r)
        for r in conn.execute(
            "SELECT m.member AS name, u.kind AS kind, m.how AS how FROM memberships m"
            " JOIN units u ON u.doc = m.doc AND u.name = m.member"
            " WHERE m.doc = ? AND m.collective = ? AND u.kind != '集合' ORDER BY u.position",
            (doc, collective),
        )
    ]
