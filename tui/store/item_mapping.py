"""Which item of a revised text each old item is, by its exact text (never its position):
used to carry progress (carry.py: `load --revises`, `migrate-progress`) and to link a
document to the text it revises (documents.revision_mapping)."""

from __future__ import annotations

import sqlite3


def item_hashes(conn: sqlite3.Connection, doc: int) -> dict[str, str]:
    """item id → the hash of its exact text (build.text_hash), for one document."""
    return {r[0]: r[1] for r in conn.execute("SELECT id, text_hash FROM items WHERE doc = ?", (doc,))}


def item_mapping(old_hash: dict[str, str], new_hash: dict[str, str]) -> tuple[dict[str, str], list[str], list[str]]:
    """old item id → new item id for every old item whose exact text is one new item
    (the same id first); and the old items whose text is several new items, or none."""
    by_hash: dict[str, list[str]] = {}
    for item, h in new_hash.items():
        by_hash.setdefault(h, []).append(item)
    mapping, ambiguous, changed = {}, [], []
    for item, h in old_hash.items():
        candidates = by_hash.get(h, [])
        if item in candidates:
            mapping[item] = item  # same text at the same place
        elif len(candidates) == 1:
            mapping[item] = candidates[0]
        elif candidates:
            ambiguous.append(item)
        else:
            changed.append(item)
    return mapping, ambiguous, changed
