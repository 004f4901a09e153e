"""Database schema (plain SQL). `PRAGMA user_version` = SCHEMA_VERSION.

Since version 4 one working database holds every document an office loads (each
year's breakdown, a revised text beside the one it revises): every table of a
document's structure and every progress, evidence, history and import line has a
`doc` column, the id of its row in `document`."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 9  # migrations.py upgrades older databases (5: row ids without placeholder levels;
# 6: 具体完成情况 on progress, a unit's own 细化 steps and their evidence; 7: the document's
# own header words, `document.columns`, a JSON list, so an export heads its columns with them;
# 8: `assignments`, a unit's items and steps assigned down to its own sub-units, and
# `document.upper`, where the rows of a breakdown issued that way come from; 9: `sub_units`,
# each unit's own 单位目录 of the sub-units it assigns to)

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
    # 待确认 resolved: the date a unit named only through a conditional collective
    # (市政府有关部门) confirmed that the item applies to it (schema v4).
    "confirmed": "确认适用",
    # 具体完成情况: the unit's own multi-line account of what it did (schema v6).
    "narrative": "具体完成情况",
}


ROLES = ("牵头", "责任", "配合")

# What `build-db` decided and warned about, kept for a person to check (schema v3).
BUILD_NOTES_V3 = (
    "CREATE TABLE IF NOT EXISTS [build_notes] ([id] INTEGER PRIMARY KEY, [place] TEXT, [kind] TEXT,"
    " [severity] TEXT, [message] TEXT)"
)

# Which working database this is: set at its first write, written on every export, so an
# import tells a workbook from this database (three-way merge against the values it was
# exported with) from one of another office's database (its cells are that office's report).
WORKSPACE_V3 = "CREATE TABLE IF NOT EXISTS [workspace] ([id] TEXT PRIMARY KEY)"

STEPS_V6 = """CREATE TABLE IF NOT EXISTS [steps] ([doc] INTEGER NOT NULL, [item_id] TEXT NOT NULL,
    [unit] TEXT NOT NULL, [number] INTEGER NOT NULL, [text] TEXT NOT NULL, [office] TEXT, [person] TEXT,
    [deadline] TEXT, [path] TEXT, [target] TEXT, [status] TEXT NOT NULL DEFAULT '未开始', [reason] TEXT,
    [done_date] TEXT, [narrative] TEXT, [created_at] TEXT, [updated_at] TEXT,
    PRIMARY KEY ([doc], [item_id], [unit], [number]),
    FOREIGN KEY ([doc], [item_id]) REFERENCES [items]([doc], [id]),
    FOREIGN KEY ([doc], [unit]) REFERENCES [units]([doc], [name]))"""
STEP_EVIDENCE_V6 = """CREATE TABLE IF NOT EXISTS [step_evidence] ([id] INTEGER PRIMARY KEY, [doc] INTEGER NOT NULL,
    [item_id] TEXT NOT NULL, [unit] TEXT NOT NULL, [step] INTEGER NOT NULL, [kind] TEXT, [value] TEXT,
    [caption] TEXT, [added_at] TEXT, [size] INTEGER, [sha256] TEXT,
    FOREIGN KEY ([doc], [item_id], [unit], [step]) REFERENCES [steps]([doc], [item_id], [unit], [number]))"""
# 分解 (schema v8): a unit hands an item (step 0) or one of its 细化 steps down to a sub-unit
# of its own (a department, 镇街 or 科室) with a role, an optional 具体要求 and 时限. The
# sub-unit is a name as the unit wrote it, not a unit of the document: the document's units
# are the level above.
ASSIGNMENTS_V8 = """CREATE TABLE IF NOT EXISTS [assignments] ([doc] INTEGER NOT NULL, [item_id] TEXT NOT NULL,
    [unit] TEXT NOT NULL, [step] INTEGER NOT NULL DEFAULT 0, [sub_unit] TEXT NOT NULL, [role] TEXT NOT NULL,
    [requirement] TEXT, [deadline] TEXT, [assigned_at] TEXT,
    PRIMARY KEY ([doc], [item_id], [unit], [step], [sub_unit]),
    FOREIGN KEY ([doc], [item_id]) REFERENCES [items]([doc], [id]),
    FOREIGN KEY ([doc], [unit]) REFERENCES [units]([doc], [name]))"""
# 汇总 (schema v8): what a sub-unit reported of an item (or step) assigned to it, read from the
# 任务清单 workbook it sent back (workbook/rollup_import.py): its status, 完成时间, 具体完成情况
# and evidence as written, the file and when it was exported. The newest export of each
# sub-unit replaces an older one; a report is what was received, not the unit's own work.
SUB_REPORTS_V8 = """CREATE TABLE IF NOT EXISTS [sub_reports] ([doc] INTEGER NOT NULL, [item_id] TEXT NOT NULL,
    [unit] TEXT NOT NULL, [step] INTEGER NOT NULL DEFAULT 0, [sub_unit] TEXT NOT NULL, [status] TEXT,
    [done_date] TEXT, [narrative] TEXT, [evidence] TEXT, [file] TEXT, [sha256] TEXT, [exported_at] TEXT,
    [imported_at] TEXT, [source_db] TEXT, [source_version] INTEGER,
    PRIMARY KEY ([doc], [item_id], [unit], [step], [sub_unit]),
    FOREIGN KEY ([doc], [item_id]) REFERENCES [items]([doc], [id]))"""
# 下级单位目录 (schema v9): the sub-units a unit assigns to (its departments, 镇街 or 科室), in
# the order it lists them; the names the assign dialog offers (store/sub_units.py). Not by
# document: a unit's sub-units stay the same from one year's breakdown to the next.
SUB_UNITS_V9 = """CREATE TABLE IF NOT EXISTS [sub_units] ([unit] TEXT NOT NULL, [name] TEXT NOT NULL,
    [position] INTEGER NOT NULL, [added_at] TEXT, PRIMARY KEY ([unit], [name]))"""
INDEXES_V8 = (
    "CREATE INDEX IF NOT EXISTS idx_assignments_unit ON assignments (doc, unit, item_id)",
    "CREATE INDEX IF NOT EXISTS idx_sub_reports_unit ON sub_reports (doc, unit, item_id)",
)

INDEXES_V6 = (
    "CREATE INDEX IF NOT EXISTS idx_steps_unit ON steps (doc, unit, item_id)",
    "CREATE INDEX IF NOT EXISTS idx_step_evidence_step ON step_evidence (doc, unit, item_id, step)",
)

# Version 4, table by table. `items.initials`: the pinyin initials of the item's text (group
# and text), computed when the document is loaded, so that search can find 规范性文件 by
# `gfxwj` without the app importing a pinyin library. `superseded_by`: the document that is a revised text of this
# one (`load --revises`); it keeps its progress, but commands work on the revision.
TABLES_V4 = {
    "document": """CREATE TABLE [document] ([id] INTEGER PRIMARY KEY, [number] TEXT, [title] TEXT,
        [table_title] TEXT, [issued] TEXT, [source_name] TEXT, [source_sha256] TEXT, [year] INTEGER,
        [issuer] TEXT, [level] TEXT, [loaded_at] TEXT, [superseded_by] INTEGER, [columns] TEXT, [upper] TEXT)""",
    "sections": """CREATE TABLE [sections] ([doc] INTEGER NOT NULL REFERENCES [document]([id]), [id] TEXT,
        [parent] TEXT, [level] INTEGER, [numeral] TEXT, [title] TEXT, [line] INTEGER, [position] INTEGER,
        PRIMARY KEY ([doc], [id]))""",
    "rows": """CREATE TABLE [rows] ([doc] INTEGER NOT NULL REFERENCES [document]([id]), [id] TEXT,
        [section_id] TEXT, [subsection_id] TEXT, [position] INTEGER, [first_line] INTEGER, [last_line] INTEGER,
        [path_note] TEXT, [requirement] TEXT, [deadline_text] TEXT, [unit_notes] TEXT, PRIMARY KEY ([doc], [id]),
        FOREIGN KEY ([doc], [section_id]) REFERENCES [sections]([doc], [id]),
        FOREIGN KEY ([doc], [subsection_id]) REFERENCES [sections]([doc], [id]))""",
    "items": """CREATE TABLE [items] ([doc] INTEGER NOT NULL REFERENCES [document]([id]), [id] TEXT,
        [row_id] TEXT, [label] TEXT, [position] INTEGER, [text] TEXT, [grp] TEXT, [disclosure_paths] TEXT,
        [deadline] TEXT, [relative_deadline] TEXT, [line] INTEGER, [text_hash] TEXT, [initials] TEXT,
        PRIMARY KEY ([doc], [id]),
        FOREIGN KEY ([doc], [row_id]) REFERENCES [rows]([doc], [id]))""",
    "units": """CREATE TABLE [units] ([doc] INTEGER NOT NULL REFERENCES [document]([id]), [name] TEXT,
        [kind] TEXT, [level] TEXT, [in_document] INTEGER, [position] INTEGER, [pinyin] TEXT, [initials] TEXT,
        PRIMARY KEY ([doc], [name]))""",
    "aliases": """CREATE TABLE [aliases] ([doc] INTEGER NOT NULL, [alias] TEXT, [unit] TEXT, [pinyin] TEXT,
        [initials] TEXT, PRIMARY KEY ([doc], [alias]), FOREIGN KEY ([doc], [unit]) REFERENCES [units]([doc], [name]))""",
    "memberships": """CREATE TABLE [memberships] ([doc] INTEGER NOT NULL, [member] TEXT, [collective] TEXT,
        [how] TEXT, PRIMARY KEY ([doc], [member], [collective]),
        FOREIGN KEY ([doc], [member]) REFERENCES [units]([doc], [name]),
        FOREIGN KEY ([doc], [collective]) REFERENCES [units]([doc], [name]))""",
    "row_units": """CREATE TABLE [row_units] ([doc] INTEGER NOT NULL, [row_id] TEXT, [unit] TEXT, [role] TEXT,
        [position] INTEGER, [written] TEXT, PRIMARY KEY ([doc], [row_id], [role], [unit]),
        FOREIGN KEY ([doc], [row_id]) REFERENCES [rows]([doc], [id]),
        FOREIGN KEY ([doc], [unit]) REFERENCES [units]([doc], [name]))""",
    "repairs": """CREATE TABLE [repairs] ([id] INTEGER PRIMARY KEY, [doc] INTEGER NOT NULL, [line] INTEGER,
        [kind] TEXT, [before] TEXT, [after] TEXT, [note] TEXT)""",
    "build_notes": """CREATE TABLE [build_notes] ([id] INTEGER PRIMARY KEY, [doc] INTEGER NOT NULL, [place] TEXT,
        [kind] TEXT, [severity] TEXT, [message] TEXT)""",
    "progress": """CREATE TABLE [progress] ([doc] INTEGER NOT NULL, [item_id] TEXT, [unit] TEXT,
        [status] TEXT NOT NULL DEFAULT '未开始', [reason] TEXT, [requirement] TEXT, [office] TEXT, [person] TEXT,
        [planned_date] TEXT, [done_date] TEXT, [note] TEXT, [updated_at] TEXT, [confirmed] TEXT, [narrative] TEXT,
        PRIMARY KEY ([doc], [item_id], [unit]),
        FOREIGN KEY ([doc], [item_id]) REFERENCES [items]([doc], [id]),
        FOREIGN KEY ([doc], [unit]) REFERENCES [units]([doc], [name]))""",
    "evidence": """CREATE TABLE [evidence] ([id] INTEGER PRIMARY KEY, [doc] INTEGER NOT NULL, [item_id] TEXT,
        [unit] TEXT, [kind] TEXT, [value] TEXT, [caption] TEXT, [added_at] TEXT, [size] INTEGER, [sha256] TEXT,
        FOREIGN KEY ([doc], [item_id]) REFERENCES [items]([doc], [id]),
        FOREIGN KEY ([doc], [unit]) REFERENCES [units]([doc], [name]))""",
    "history": """CREATE TABLE [history] ([id] INTEGER PRIMARY KEY, [doc] INTEGER NOT NULL, [action_id] INTEGER,
        [at] TEXT, [os_user] TEXT, [unit] TEXT, [item_id] TEXT, [field] TEXT, [old] TEXT, [new] TEXT, [source] TEXT)""",
    "imports": """CREATE TABLE [imports] ([id] INTEGER PRIMARY KEY, [doc] INTEGER NOT NULL, [at] TEXT, [os_user] TEXT,
        [unit] TEXT, [file] TEXT, [sha256] TEXT, [exported_at] TEXT, [changes] INTEGER, [source_db] TEXT,
        [source_version] INTEGER)""",
    # 往年参考: an item's closest item of an earlier year's document (tui/store/similar.py).
    "item_refs": """CREATE TABLE [item_refs] ([doc] INTEGER NOT NULL, [item_id] TEXT, [ref_doc] INTEGER NOT NULL,
        [ref_item] TEXT, [score] REAL, PRIMARY KEY ([doc], [item_id]))""",
    "workspace": WORKSPACE_V3.replace("IF NOT EXISTS ", ""),
    # 细化 (schema v6): a unit's own measurable steps of an item, numbered 1, 2 … per item and
    # unit (shown as 3.1, 3.2 under the item's 序号; a removed step's number is not reused,
    # see store/steps.py), and the evidence of each step (store/steps.py says why a table
    # of its own).
    "steps": STEPS_V6,
    "step_evidence": STEP_EVIDENCE_V6,
    "assignments": ASSIGNMENTS_V8,
    "sub_reports": SUB_REPORTS_V8,
    "sub_units": SUB_UNITS_V9,
}

INDEXES_V4 = (
    "CREATE INDEX idx_progress_unit ON progress (doc, unit, item_id)",
    "CREATE INDEX idx_evidence_unit ON evidence (doc, unit, item_id)",
    "CREATE INDEX idx_row_units_unit ON row_units (doc, unit)",
    "CREATE INDEX idx_items_row ON items (doc, row_id)",
    "CREATE INDEX idx_history_unit ON history (doc, unit, action_id)",
    "CREATE INDEX idx_history_item ON history (doc, item_id)",
    "CREATE INDEX idx_history_action ON history (action_id)",
    "CREATE INDEX idx_memberships_member ON memberships (doc, member)",
    "CREATE INDEX idx_imports_unit ON imports (doc, unit)",
)

# Reads by unit alone (a unit's whole checklist) need these (versions 2 and 3).
INDEXES_V2 = (
    "CREATE INDEX IF NOT EXISTS idx_progress_unit ON progress (unit, item_id)",
    "CREATE INDEX IF NOT EXISTS idx_evidence_unit ON evidence (unit, item_id)",
)


def create_tables(conn: sqlite3.Connection) -> None:
    """Every table and index of the current version (in a database that has none of them)."""
    for sql in TABLES_V4.values():
        conn.execute(sql)
    for sql in INDEXES_V4 + INDEXES_V6 + INDEXES_V8:
        conn.execute(sql)


def create_schema(conn: sqlite3.Connection) -> None:
    create_tables(conn)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
