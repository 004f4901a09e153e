"""Build the pristine database from a 任务分工 document (`gongkai-tui build-db`)."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sqlite3
from pathlib import Path

import sqlite_utils

from .. import units as unitlib
from ..source import Document, parse_document
from .errors import StoreError
from .schema import create_schema


def read_source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise StoreError(f"找不到源文件:{path}") from None
    except UnicodeDecodeError as e:
        raise StoreError(f"源文件不是 UTF-8 编码(第 {e.start} 字节附近):{path}") from None
    except OSError as e:
        raise StoreError(f"无法读取源文件 {path}:{e.strerror}") from None


# Place names pypinyin reads with the wrong tone of a heteronym.
PLACE_READINGS = {"丰都": [["fēng"], ["dū"]], "綦江": [["qí"], ["jiāng"]], "大足": [["dà"], ["zú"]]}


@functools.cache
def _load_place_readings() -> None:
    from pypinyin import load_phrases_dict

    load_phrases_dict(PLACE_READINGS)


def spell(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of a Chinese name, lower case, letters only."""
    from pypinyin import Style, lazy_pinyin  # loaded only when a database is built

    _load_place_readings()
    syllables = [s for s in lazy_pinyin(text, errors="ignore") if s.isascii()]
    initials = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(syllables).lower(), "".join(c for c in initials if c.isascii()).lower()


def build_database(source: Path, out: Path) -> Document:
    """Parse `source` and write a fresh database to `out`, replacing it atomically."""
    text = read_source(source)
    doc = parse_document(text)
    if out.is_dir():
        raise StoreError(f"输出路径 {out} 是一个目录,不是数据库文件")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.build-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    try:
        conn = sqlite3.connect(tmp)
        try:
            _write(sqlite_utils.Database(conn), doc, source.name, hashlib.sha256(text.encode("utf-8")).hexdigest())
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return doc


def _year(doc: Document) -> int | None:
    m = re.search(r"(20\d\d)年", doc.table_title) or re.search(r"〔(\d{4})〕", doc.number)
    return int(m.group(1)) if m else None


def _write(db: sqlite_utils.Database, doc: Document, source_name: str, sha: str) -> None:
    create_schema(db)
    db["document"].insert({
        "id": 1, "number": doc.number, "title": doc.title, "table_title": doc.table_title,
        "issued": doc.issued, "source_name": source_name, "source_sha256": sha, "year": _year(doc),
    })
    sections = []
    for pos, s in enumerate(doc.sections):
        sections.append({"id": s.id, "parent": None, "level": 1, "numeral": s.numeral, "title": s.title,
                         "line": s.line, "position": pos})
        for sub_pos, sub in enumerate(s.subsections):
            sections.append({"id": sub.id, "parent": s.id, "level": 2, "numeral": sub.numeral,
                             "title": sub.title, "line": sub.line, "position": sub_pos})
    # Rows placed before any subsection heading get a placeholder subsection `S.0`.
    known = {s["id"] for s in sections}
    for row in doc.rows:
        if row.subsection_id not in known:
            known.add(row.subsection_id)
            sections.append({"id": row.subsection_id, "parent": row.section_id, "level": 2, "numeral": "",
                             "title": "", "line": row.first_line, "position": -1})
    db["sections"].insert_all(sections)
    db["rows"].insert_all(
        {"id": r.id, "section_id": r.section_id, "subsection_id": r.subsection_id, "position": pos,
         "first_line": r.first_line, "last_line": r.last_line, "path_note": r.path_note}
        for pos, r in enumerate(doc.rows)
    )
    db["items"].insert_all(
        {"id": it.id, "row_id": r.id, "label": it.label, "position": pos, "text": it.text, "grp": it.group,
         "disclosure_paths": json.dumps(it.disclosure_paths, ensure_ascii=False), "deadline": it.deadline,
         "relative_deadline": it.relative_deadline, "line": it.line,
         "text_hash": hashlib.sha256(((it.group or "") + "\n" + it.text).encode("utf-8")).hexdigest()}
        for r in doc.rows
        for pos, it in enumerate(r.items)
    )
    specs = unitlib.catalogue_specs(doc.units())
    unit_rows = []
    for pos, s in enumerate(specs):
        py, ini = spell(s.name)
        unit_rows.append({"name": s.name, "kind": s.kind, "level": s.level, "in_document": int(s.in_document),
                          "position": pos, "pinyin": py, "initials": ini})
    db["units"].insert_all(unit_rows)
    alias_rows = []
    for alias, unit in unitlib.aliases(specs):
        py, ini = spell(alias)
        alias_rows.append({"alias": alias, "unit": unit, "pinyin": py, "initials": ini})
    db["aliases"].insert_all(alias_rows)
    db["memberships"].insert_all(
        {"member": m, "collective": c, "how": how} for m, c, how in unitlib.memberships(specs)
    )
    db["row_units"].insert_all(
        {"row_id": r.id, "unit": name, "role": role, "position": pos}
        for r in doc.rows
        for role, names in (("牵头", r.lead_units), ("责任", r.responsible_units))
        for pos, name in enumerate(names)
    )
    db["repairs"].insert_all(
        {"id": i + 1, "line": rp.line, "kind": rp.kind, "before": rp.before, "after": rp.after, "note": rp.note}
        for i, rp in enumerate(doc.repairs)
    )
