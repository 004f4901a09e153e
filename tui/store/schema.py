"""Database schema, written with sqlite-utils. `PRAGMA user_version` = SCHEMA_VERSION."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite-utils loads only when a database is built
    import sqlite_utils

SCHEMA_VERSION = 3  # migrations.py upgrades older databases

STATUSES = ("未开始", "推进中", "已完成", "不适用")
NOT_STARTED, IN_PROGRESS, DONE, NOT_APPLICABLE = STATUSES

# Progress fields a user can change, with their labels.
PROGRESS_FIELDS = {
    "status": "完成情况",
    "reason": "不适用理由",
    "requirement": "工作要求",
    "office": "责任科室",
    "person": "责任人",
    "planned_date": "计划完成时间",
    "done_date": "完成时间",
    "note": "备注",
}


ROLES = ("牵头", "责任", "配合")

# What `build-db` decided and warned about, kept for a person to check (schema v3).
BUILD_NOTES_V3 = ("CREATE TABLE IF NOT EXISTS [build_notes] ([id] INTEGER PRIMARY KEY, [place] TEXT, [kind] TEXT,"
                  " [severity] TEXT, [message] TEXT)")

# Which working database this is: set at its first write, written on every export, so an
# import tells a workbook from this database (three-way merge against the values it was
# exported with) from one of another office's database (its cells are that office's report).
WORKSPACE_V3 = "CREATE TABLE IF NOT EXISTS [workspace] ([id] TEXT PRIMARY KEY)"

# Reads by unit alone (a unit's whole checklist) need these.
INDEXES_V2 = (
    "CREATE INDEX IF NOT EXISTS idx_progress_unit ON progress (unit, item_id)",
    "CREATE INDEX IF NOT EXISTS idx_evidence_unit ON evidence (unit, item_id)",
)


def create_schema(db: "sqlite_utils.Database") -> None:
    db["document"].create(
        {"id": int, "number": str, "title": str, "table_title": str, "issued": str,
         "source_name": str, "source_sha256": str, "year": int, "issuer": str, "level": str},
        pk="id",
    )
    db["sections"].create(
        {"id": str, "parent": str, "level": int, "numeral": str, "title": str, "line": int, "position": int},
        pk="id",
    )
    db["rows"].create(
        {"id": str, "section_id": str, "subsection_id": str, "position": int,
         "first_line": int, "last_line": int, "path_note": str,
         "requirement": str, "deadline_text": str, "unit_notes": str},
        pk="id", foreign_keys=[("section_id", "sections", "id"), ("subsection_id", "sections", "id")],
    )
    db["items"].create(
        {"id": str, "row_id": str, "label": str, "position": int, "text": str, "grp": str,
         "disclosure_paths": str, "deadline": str, "relative_deadline": str, "line": int, "text_hash": str},
        pk="id", foreign_keys=[("row_id", "rows", "id")],
    )
    db["units"].create(
        {"name": str, "kind": str, "level": str, "in_document": int, "position": int,
         "pinyin": str, "initials": str},
        pk="name",
    )
    db["aliases"].create(
        {"alias": str, "unit": str, "pinyin": str, "initials": str},
        pk="alias", foreign_keys=[("unit", "units", "name")],
    )
    db["memberships"].create(
        {"member": str, "collective": str, "how": str},
        pk=("member", "collective"),
        foreign_keys=[("member", "units", "name"), ("collective", "units", "name")],
    )
    db["row_units"].create(
        {"row_id": str, "unit": str, "role": str, "position": int, "written": str},
        pk=("row_id", "role", "unit"),
        foreign_keys=[("row_id", "rows", "id"), ("unit", "units", "name")],
    )
    db["repairs"].create(
        {"id": int, "line": int, "kind": str, "before": str, "after": str, "note": str}, pk="id"
    )
    db.execute(BUILD_NOTES_V3)
    db["progress"].create(
        {"item_id": str, "unit": str, "status": str, "reason": str, "requirement": str,
         "office": str, "person": str, "planned_date": str, "done_date": str, "note": str,
         "updated_at": str},
        pk=("item_id", "unit"),
        foreign_keys=[("item_id", "items", "id"), ("unit", "units", "name")],
        not_null={"status"},
        defaults={"status": NOT_STARTED},
    )
    db["evidence"].create(
        {"id": int, "item_id": str, "unit": str, "kind": str, "value": str, "caption": str,
         "added_at": str, "size": int, "sha256": str},
        pk="id",
        foreign_keys=[("item_id", "items", "id"), ("unit", "units", "name")],
    )
    db["history"].create(
        {"id": int, "action_id": int, "at": str, "os_user": str, "unit": str, "item_id": str,
         "field": str, "old": str, "new": str, "source": str},
        pk="id",
    )
    db["imports"].create(
        {"id": int, "at": str, "os_user": str, "unit": str, "file": str, "sha256": str, "exported_at": str,
         "changes": int, "source_db": str, "source_version": int},
        pk="id",
    )
    db.execute(WORKSPACE_V3)
    db["row_units"].create_index(["unit"])
    db["items"].create_index(["row_id"])
    db["evidence"].create_index(["item_id", "unit"])
    for sql in INDEXES_V2:
        db.execute(sql)
    db["history"].create_index(["unit", "action_id"])
    db["history"].create_index(["item_id"])
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
