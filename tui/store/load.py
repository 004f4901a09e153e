"""`gongkai-tui load FILE [--revises NUMBER]`: read a breakdown into the working database,
next to the documents already there, in one transaction (all of it or nothing)."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..timetext import shown_time
from .build import BuildReport, read_and_plan, write_document
from .carry import CarryReport, carry
from .db import connect, write_transaction
from .documents import identity, label, listing, number_key, shown
from .errors import StoreError, explain
from .refs import refresh_refs


@dataclass
class LoadReport:
    build: BuildReport
    doc_id: int
    revised: dict | None = None  # the document this one is a revised text of
    carried: CarryReport | None = None
    changed_items: list[dict] = field(default_factory=list)  # old items whose text changed or vanished
    added_items: list[dict] = field(default_factory=list)  # new items no old item has the text of
    references: int = 0  # items of this document with a 往年参考
    references_similar: bool = True  # False: texts too alike, only equal ones were matched
    year_shared: bool = False  # another document of the database has its year (`--doc 年度` would be ambiguous)


def load_document(
    db_path: Path,
    source: Path,
    revises: str | None = None,
    catalogue: Path | None = None,
    strict: bool = False,
    now: dt.datetime | None = None,
    year: int | None = None,
) -> LoadReport:
    data, report = read_and_plan(source, catalogue, strict, year)
    sha = hashlib.sha256(data).hexdigest()
    doc = report.document
    conn = connect(db_path)
    try:
        with write_transaction(conn):
            return _load(conn, report, source.name, sha, revises, now or dt.datetime.now())
    except sqlite3.Error as e:
        raise StoreError(f"载入 {source.name}({label(doc)})失败,数据库未改动:{explain(e)}") from None
    finally:
        conn.close()


def _load(
    conn: sqlite3.Connection, report: BuildReport, name: str, sha: str, revises: str | None, now: dt.datetime
) -> LoadReport:
    doc = report.document
    docs = listing(conn)
    same_text = [d for d in docs if d["source_sha256"] == sha]
    if same_text:
        raise StoreError(
            f"{name} 已经载入过(与 {shown(same_text[0])} 是同一个文件,载入于 {_when(same_text[0])}),数据库未改动"
        )
    live = [d for d in docs if d.get("superseded_by") is None]
    revised = None
    if revises is not None:
        hits = [
            d
            for d in live
            if (d["number"] and number_key(d["number"]) == number_key(revises)) or revises.strip() == f"#{d['id']}"
        ]
        if not hits:
            raise StoreError(
                f"--revises:数据库中没有文件「{revises.strip()[:40]}」;已载入:"
                + "、".join(shown(d) for d in live)
                + ";数据库未改动"
            )
        revised = hits[0]
    clash = [d for d in live if identity(d) == identity(doc) and d is not revised]
    if clash:
        raise StoreError(
            f"数据库中已有 {shown(clash[0])}(载入于 {_when(clash[0])});"
            f"若 {name} 是它的修订文本,请用 --revises {doc.number or '#' + str(clash[0]['id'])} 载入"
            "(进度按条目文本带入),数据库未改动"
        )
    doc_id = max((d["id"] for d in docs), default=0) + 1
    write_document(conn, doc_id, report, name, sha, loaded_at=now.isoformat(timespec="seconds"))
    out = LoadReport(report, doc_id, revised)
    out.year_shared = doc.year is not None and any(d["year"] == doc.year for d in live if d is not revised)
    if revised is not None:
        out.carried = carry(conn, revised["id"], conn, doc_id)
        conn.execute("UPDATE document SET superseded_by = ? WHERE id = ?", (doc_id, revised["id"]))
        out.changed_items, out.added_items = _differences(conn, revised["id"], doc_id)
    refreshed = refresh_refs(conn, doc_id)
    out.references, out.references_similar = refreshed.get(doc_id, (0, True))
    return out


def _differences(conn: sqlite3.Connection, old_doc: int, new_doc: int) -> tuple[list[dict], list[dict]]:
    """Items of the old text with no item of the same text in the new one (changed or
    removed), and the new one's items no old item has the text of; with the units that
    had progress on each old one, and those that had assigned it down or received reports
    of it (none of which carried)."""

    def items(doc: int) -> dict[str, tuple[str, str]]:
        return {
            r[0]: (r[1], r[2])
            for r in conn.execute("SELECT id, text_hash, text FROM items WHERE doc = ? ORDER BY rowid", (doc,))
        }

    old, new = items(old_doc), items(new_doc)
    new_hashes = {h for h, _ in new.values()}
    old_hashes = {h for h, _ in old.values()}
    units: dict[str, list[str]] = {}
    for item, unit in conn.execute(
        "SELECT item_id, unit FROM progress WHERE doc = ? UNION"
        " SELECT item_id, unit FROM evidence WHERE doc = ? ORDER BY 1, 2",
        (old_doc, old_doc),
    ):
        units.setdefault(item, []).append(unit)
    assigned: dict[str, list[str]] = {}
    for item, unit in conn.execute(
        "SELECT DISTINCT item_id, unit FROM assignments WHERE doc = ?1 UNION"
        " SELECT DISTINCT item_id, unit FROM sub_reports WHERE doc = ?1 ORDER BY 1, 2",
        (old_doc,),
    ):
        assigned.setdefault(item, []).append(unit)
    changed = [
        {
            "id": i,
            "text": t,
            "units": units.get(i, []),
            "assigned": assigned.get(i, []),
            "now": "已无此编号" if i not in new else "文本不同",
        }
        for i, (h, t) in old.items()
        if h not in new_hashes
    ]
    added = [{"id": i, "text": t} for i, (h, t) in new.items() if h not in old_hashes]
    return changed, added


def _when(doc: dict) -> str:
    return shown_time(doc.get("loaded_at")) or "建库时"
