"""往年参考: each item's closest item of an earlier year's document (`item_refs`).

Matched on text (tui/store/similar.py: the same text once spaces, punctuation, width and
numbers are set aside, or a bigram similarity of at least MATCH_THRESHOLD). The earlier
documents are tried newest year first, the same issuer first within a year; an item takes
its match from the first document that has one. Superseded texts are never a reference."""

from __future__ import annotations

import sqlite3

from .documents import current, listing


def _items(conn: sqlite3.Connection, doc: int) -> list[tuple[str, str]]:
    return [
        (r[0], (r[2] + "\n" if r[2] else "") + r[1])
        for r in conn.execute(
            "SELECT i.id, i.text, i.grp FROM items i JOIN rows r ON r.doc = i.doc AND r.id = i.row_id"
            " WHERE i.doc = ? ORDER BY r.position, i.position",
            (doc,),
        )
    ]


def _earlier(docs: list[dict], target: dict) -> list[dict]:
    year = target.get("year")
    if not year:
        return []
    older = [d for d in docs if d.get("year") and d["year"] < year and d["id"] != target["id"]]
    return sorted(
        older,
        key=lambda d: (
            -d["year"],
            d.get("issuer") != target.get("issuer"),
            -(int((d.get("issued") or "0").replace("-", "") or 0)),
            -d["id"],
        ),
    )


def compute_refs(conn: sqlite3.Connection, doc: int) -> tuple[int, bool]:
    """Replace the references of one document: the number of its items that have one, and
    whether similar texts were matched too (False: the texts were too alike to compare in
    reasonable time, only equal texts were matched)."""
    from .similar import TooAlike, match_items, work_budget

    docs = {d["id"]: d for d in current(listing(conn))}
    conn.execute("DELETE FROM item_refs WHERE doc = ?", (doc,))
    if doc not in docs:
        return 0, True
    todo = _items(conn, doc)
    found: dict[str, tuple[int, str, float]] = {}
    similar = True
    for earlier in _earlier(list(docs.values()), docs[doc]):
        if not todo:
            break
        old = _items(conn, earlier["id"])
        try:
            matched = match_items(todo, old, exact_only=not similar, budget=work_budget(len(todo), len(old)))
        except TooAlike:
            similar = False
            matched = match_items(todo, old, exact_only=True)
        for item, (ref, score) in matched.items():
            found[item] = (earlier["id"], ref, score)
        todo = [(i, t) for i, t in todo if i not in found]
    conn.executemany(
        "INSERT INTO item_refs (doc, item_id, ref_doc, ref_item, score) VALUES (?,?,?,?,?)",
        [(doc, item, d, ref, round(score, 4)) for item, (d, ref, score) in found.items()],
    )
    return len(found), similar


def refresh_refs(conn: sqlite3.Connection, doc: int) -> dict[int, tuple[int, bool]]:
    """After `doc` was loaded: its references, and those of every later year's document
    (for which it may be the nearer earlier year). doc id → compute_refs of it."""
    docs = current(listing(conn))
    target = next((d for d in docs if d["id"] == doc), None)
    year = (target or {}).get("year") or 0
    out = {}
    for d in docs:
        if d["id"] == doc or (year and (d.get("year") or 0) > year):
            out[d["id"]] = compute_refs(conn, d["id"])
    # references to a text that is superseded now point nowhere: drop them
    conn.execute("DELETE FROM item_refs WHERE ref_doc IN (SELECT id FROM document WHERE superseded_by IS NOT NULL)")
    return out
