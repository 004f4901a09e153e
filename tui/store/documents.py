"""The documents of one working database: which there are, which one a command means
(`--doc NUMBER_OR_YEAR`, else the newest by issue date), and 往年参考 between them."""

from __future__ import annotations

import difflib
import re
import sqlite3
import unicodedata

from .errors import InputError, StoreError
from .item_mapping import item_hashes, item_mapping

_OPEN, _CLOSE = "〔[【(（〖﹝", "〕]】)）〗﹞"


def number_key(number: str) -> str:
    """A document number as typed or printed, compared without spaces, width or bracket style:
    渝府办发[2021]50号, 渝府办发〔2021〕50号 and 渝府办发（2021）50号 are one number."""
    text = unicodedata.normalize("NFKC", number or "")
    text = "".join(c for c in text if not c.isspace())
    return text.translate(str.maketrans(_OPEN + _CLOSE, "〔" * len(_OPEN) + "〕" * len(_CLOSE)))


def _order_key(doc: dict) -> tuple:
    """Oldest first: by issue date, else by year; loaded later breaks a tie."""
    return (doc.get("issued") or f"{doc.get('year') or 0:04d}-00-00", doc["id"])


def listing(conn: sqlite3.Connection, counts: bool = True) -> list[dict]:
    """Every document, oldest first, with its rows and items counted (unless not `counts`:
    choosing a document at start-up reads no more than the document table)."""
    out = [dict(r) for r in conn.execute("SELECT * FROM document")]
    if counts:
        rows = dict(conn.execute("SELECT doc, count(*) FROM rows GROUP BY doc").fetchall())
        items = dict(conn.execute("SELECT doc, count(*) FROM items GROUP BY doc").fetchall())
        for d in out:
            d["rows"], d["items"] = rows.get(d["id"], 0), items.get(d["id"], 0)
    return sorted(out, key=_order_key)


def current(docs: list[dict]) -> list[dict]:
    """The documents not replaced by a revised text."""
    return [d for d in docs if d.get("superseded_by") is None]


def label(doc) -> str:
    """How a document is named to a person: its 文号, or 《title》 when it has none (a
    department's list to its 科室); never a number made up."""
    number = doc["number"] if isinstance(doc, dict) else getattr(doc, "number", None)
    title = (
        doc.get("table_title") or doc.get("title")
        if isinstance(doc, dict)
        else (getattr(doc, "table_title", None) or getattr(doc, "title", None))
    )
    return number or f"《{title or '无标题'}》"


def identity(doc) -> str:
    """What makes two texts the same document: the 文号, else the title with the year."""
    number = doc["number"] if isinstance(doc, dict) else doc.number
    if number:
        return number_key(number)
    year = doc.get("year") if isinstance(doc, dict) else doc.year
    return f"《{label(doc)}》{year or ''}"


def shown(doc: dict) -> str:
    return f"{label(doc)}({doc.get('year') or '年度未知'}年)"


def check_exists(conn: sqlite3.Connection, doc: int) -> None:
    if conn.execute("SELECT 1 FROM document WHERE id = ?", (doc,)).fetchone() is None:
        raise StoreError(f"数据库中没有编号为 #{doc} 的文件")


def choose(conn: sqlite3.Connection, spec: str | None) -> int:
    """The id of the document `spec` names: a document number (any bracket style), a year,
    or `#id` from `documents`; None: the newest by issue date. A superseded text stands for
    its revision, except by `#id`. Refused, with what there is, when none or several match."""
    docs = listing(conn, counts=False)
    if not docs:
        raise StoreError("数据库中没有任何任务分工文件,请先用 gongkai-tui load 载入")
    live = current(docs)
    if spec is None:
        return live[-1]["id"]
    key = number_key(spec)
    if not key:
        raise InputError("--doc 为空:请写文件编号(如 渝府办发〔2021〕50号)或年度(如 2021)")
    by_id = {d["id"]: d for d in docs}
    if m := re.fullmatch(r"#(\d{1,9})", key):
        if int(m.group(1)) in by_id:
            return int(m.group(1))
        raise InputError(f"没有序号为 #{m.group(1)} 的文件;{_what_there_is(docs)}")
    if re.fullmatch(r"\d{4}年?", key):
        year = int(key[:4])
        hits = [d for d in live if d.get("year") == year]
        if len(hits) == 1:
            return hits[0]["id"]
        if hits:
            raise InputError(
                f"数据库中有 {len(hits)} 个 {year} 年的文件:{'、'.join(shown(d) for d in hits)};"
                "请用 --doc 文件编号(没有文号的用标题中的词,或 #序号)指定其中一个"
            )
        raise InputError(f"数据库中没有 {year} 年的任务分工;{_what_there_is(docs)}")
    hits = [d for d in docs if d["number"] and number_key(d["number"]) == key]
    if not hits:  # a document without a 文号, by words of its title
        hits = [d for d in docs if not d["number"] and key in number_key(label(d))]
        if len({d["id"] for d in hits if d.get("superseded_by") is None}) > 1:
            raise InputError(f"「{spec.strip()[:40]}」对应多个文件:{'、'.join(shown(d) for d in hits)};请用 #序号 指定")
    if hits:
        found = hits[-1]
        while found.get("superseded_by") in by_id:  # a revised text replaces it
            found = by_id[found["superseded_by"]]
        return found["id"]
    close = difflib.get_close_matches(key, [number_key(label(d)) for d in live], n=3, cutoff=0.5)
    hint = f"最接近的:{'、'.join(close)};" if close else ""
    raise InputError(f"数据库中没有文件「{spec.strip()[:40]}」;{hint}{_what_there_is(docs)}")


def _what_there_is(docs: list[dict]) -> str:
    return "已载入:" + "、".join(shown(d) for d in current(docs)) + "(gongkai-tui documents 可查看全部)"


def item_count(conn: sqlite3.Connection, doc: int) -> int:
    return conn.execute("SELECT count(*) FROM items WHERE doc = ?", (doc,)).fetchone()[0]


def progress_by_unit(conn: sqlite3.Connection, doc: int) -> dict[str, dict]:
    """unit → {status: items, …, "evidence": entries}, for each unit with any progress."""
    out: dict[str, dict] = {}
    for unit, status, n in conn.execute(
        "SELECT unit, status, count(*) FROM progress WHERE doc = ? GROUP BY unit, status ORDER BY unit", (doc,)
    ):
        out.setdefault(unit, {"evidence": 0})[status or "未开始"] = n
    for unit, n in conn.execute("SELECT unit, count(*) FROM evidence WHERE doc = ? GROUP BY unit", (doc,)):
        out.setdefault(unit, {"evidence": 0})["evidence"] = n
    return out


_REFERENCE_FIELDS = ("status", "reason", "requirement", "office", "person", "done_date", "note")


def reference(conn: sqlite3.Connection, doc: int, item_id: str, unit: str) -> dict | None:
    """The item of an earlier year's document matched to this one (`item_refs`), with the
    unit's progress and evidence there; None when there is no match."""
    ref = conn.execute(
        "SELECT ref_doc, ref_item, score FROM item_refs WHERE doc = ? AND item_id = ?", (doc, item_id)
    ).fetchone()
    if ref is None:
        return None
    ref_doc, ref_item, score = ref
    head = conn.execute(
        "SELECT d.number, d.year, i.text, i.grp FROM document d JOIN items i ON i.doc = d.id"
        " WHERE d.id = ? AND i.id = ?",
        (ref_doc, ref_item),
    ).fetchone()
    if head is None:
        return None
    out = {
        "doc": ref_doc,
        "number": head[0],
        "year": head[1],
        "item_id": ref_item,
        "text": head[2],
        "group": head[3],
        "score": score,
        **{k: None for k in _REFERENCE_FIELDS},
        "status": "未开始",
    }
    row = conn.execute(
        f"SELECT {','.join(_REFERENCE_FIELDS)} FROM progress WHERE doc = ? AND item_id = ? AND unit = ?",
        (ref_doc, ref_item, unit),
    ).fetchone()
    if row is not None:
        out.update({k: row[i] for i, k in enumerate(_REFERENCE_FIELDS)})
        out["status"] = out["status"] or "未开始"
    out["evidence"] = [
        {"kind": r[0], "value": r[1], "caption": r[2]}
        for r in conn.execute(
            "SELECT kind, value, caption FROM evidence WHERE doc = ? AND item_id = ? AND unit = ? ORDER BY id",
            (ref_doc, ref_item, unit),
        )
    ]
    return out


def for_workbook(conn: sqlite3.Connection, number: str | None, sha: str | None) -> tuple[int | None, int | None]:
    """The document a workbook's 说明 names: (the text it was exported from, the current
    text of that document); (None, None) when the database has neither. A workbook
    without the text's fingerprint (older exports) is of the current text."""
    docs = listing(conn, counts=False)
    by_id = {d["id"]: d for d in docs}
    named = [d for d in docs if number_key(label(d)) == number_key(number or "")]
    if not named and sha and (number or "").startswith("《"):
        # A document without a 文号, named by its title (which may have been retitled): its text decides.
        named = [d for d in docs if d["source_sha256"] == sha and not d["number"]]
    if not named:
        return None, None
    exported = next((d for d in named if d["source_sha256"] == sha), None) if sha else None
    if sha and exported is None:
        return None, _latest(named[-1], by_id)["id"]
    start = exported or named[-1]
    return start["id"], _latest(start, by_id)["id"]


def _latest(doc: dict, by_id: dict[int, dict]) -> dict:
    while doc.get("superseded_by") in by_id:
        doc = by_id[doc["superseded_by"]]
    return doc


def revision_mapping(conn: sqlite3.Connection, old_doc: int, new_doc: int) -> dict[str, str]:
    """old item id → item of the revised text with exactly its text (see item_mapping.py)."""
    return item_mapping(item_hashes(conn, old_doc), item_hashes(conn, new_doc))[0]
