"""Schema migrations. Opening an older database first copies it next to itself
(`tasks.sqlite.bak-v<N>-<timestamp>`), then upgrades it step by step."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

from ..errors_text import os_error_text
from .filesystems import free_path
from .errors import StoreError, explain
from .schema import (
    ASSIGNMENTS_V8,
    BUILD_NOTES_V3,
    INDEXES_V2,
    INDEXES_V6,
    INDEXES_V8,
    STEP_EVIDENCE_V6,
    STEPS_V6,
    SUB_REPORTS_V8,
    SUB_UNITS_V9,
    TABLES_V4,
    WORKSPACE_V3,
    create_tables,
)


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS [imports] ([id] INTEGER PRIMARY KEY, [at] TEXT, [os_user] TEXT, [unit] TEXT,"
        " [file] TEXT, [sha256] TEXT, [exported_at] TEXT, [changes] INTEGER)"
    )
    for sql in INDEXES_V2:
        conn.execute(sql)


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    """Cooperating units (role 配合, no new table), the document's issuer and level, each
    row's 工作要求 / 完成时限 cell and unit notes, a unit's name as the row writes it when
    it differs from the unit's own (两江新区管委会 for 两江新区), and the build's notes."""
    for table, column in (
        ("document", "issuer"),
        ("document", "level"),
        ("rows", "requirement"),
        ("rows", "deadline_text"),
        ("rows", "unit_notes"),
        ("row_units", "written"),
        ("imports", "source_db"),
        ("imports", "source_version"),
    ):
        have = {r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")}
        if column not in have:
            conn.execute(f"ALTER TABLE [{table}] ADD COLUMN [{column}] TEXT")
    conn.execute("UPDATE document SET level = '市' WHERE level IS NULL AND number LIKE '渝府办发%'")
    conn.execute(BUILD_NOTES_V3)
    conn.execute(WORKSPACE_V3)


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    """Every document in one database: each table of the structure, progress, evidence,
    history and imports gains the `doc` column (part of the keys), and everything there
    is belongs to the one document the database held. Tables are rebuilt (SQLite cannot
    change a primary key): renamed aside, created anew, copied, and dropped."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    doc = conn.execute("SELECT min(id) FROM document").fetchone()[0] if "document" in tables else None
    if doc is None:
        raise sqlite3.DatabaseError("数据库中没有任务分工文件")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL").fetchall():
        conn.execute(f"DROP INDEX [{name}]")
    old = [t for t in TABLES_V4 if t in tables]
    for t in old:
        conn.execute(f"ALTER TABLE [{t}] RENAME TO [v3_{t}]")
    create_tables(conn)
    for t in old:
        before = [r[1] for r in conn.execute(f"PRAGMA table_info([v3_{t}])")]
        after = [r[1] for r in conn.execute(f"PRAGMA table_info([{t}])")]
        cols = [c for c in before if c in after and c != "doc"]
        listed = ",".join(f"[{c}]" for c in cols)
        if "doc" in after:
            conn.execute(f"INSERT INTO [{t}] ([doc],{listed}) SELECT ?,{listed} FROM [v3_{t}]", (doc,))
        else:
            conn.execute(f"INSERT INTO [{t}] ({listed}) SELECT {listed} FROM [v3_{t}]")
    for t in old:
        conn.execute(f"DROP TABLE [v3_{t}]")
    from .pinyin import text_initials

    conn.executemany(
        "UPDATE items SET initials = ? WHERE doc = ? AND id = ?",
        [
            (text_initials((g or "") + t), d, i)
            for d, i, g, t in conn.execute("SELECT doc, id, grp, text FROM items").fetchall()
        ],
    )


# Every column that holds a row id or an item id (items.id is both a key and, in
# item_refs.ref_item, another document's item).
ID_COLUMNS = (
    ("rows", "id"),
    ("items", "id"),
    ("items", "row_id"),
    ("row_units", "row_id"),
    ("progress", "item_id"),
    ("evidence", "item_id"),
    ("history", "item_id"),
    ("item_refs", "item_id"),
    ("item_refs", "ref_item"),
)


def drop_foreign_objects(conn: sqlite3.Connection) -> None:
    """Our schema has no trigger and no view. One in a working database came from a backup
    restored by an older version, which copied the backup's schema whole: a trigger there can
    delete every evidence row on the next write, and each later backup carries it on. The
    upgrade (backed up first) removes them; a restore now copies data only."""
    for kind, name in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') AND name NOT LIKE 'sqlite_%'"
    ).fetchall():
        conn.execute(f"DROP {kind.upper()} IF EXISTS [{name.replace(']', ']]')}]")


def _v4_to_v5(conn: sqlite3.Connection) -> None:
    """Row and item ids by the levels a document has (tui/source/row_ids.py): a document
    loaded before numbered a section without subsections `4.0.1` and a document without
    headings `0.0.1`; those rows become `4.1` and `1`, their items `4.1-1` and `1-1`, in
    every table that holds them, so progress, evidence, history and 往年参考 stay on their
    items. Documents whose every row has a section and a subsection (the bundled 2021 one)
    keep every id. The old ids have three parts and the new ones fewer: no new id can meet
    an old one. Section and subsection ids (`4.0`, `0.0`) stay: they are placeholders the
    structure keeps, never shown."""
    from ..source.row_ids import current_id

    drop_foreign_objects(conn)  # before any UPDATE here could fire a planted trigger
    conn.create_function("gk_current_id", 1, current_id, deterministic=True)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table, column in ID_COLUMNS:
        if table in tables:
            conn.execute(
                f"UPDATE [{table}] SET [{column}] = gk_current_id([{column}])"
                f" WHERE [{column}] GLOB '0.*' OR [{column}] GLOB '*.0.*'"
            )


def _v5_to_v6(conn: sqlite3.Connection) -> None:
    """具体完成情况 and 细化: progress gains `narrative` (empty for every item: nothing is
    guessed into it; the evidence titles are shown in its place until someone writes it),
    and the `steps` and `step_evidence` tables are created empty. A database upgraded
    from version 3 on the way got them already (create_tables): nothing is done twice."""
    have = {r[1] for r in conn.execute("PRAGMA table_info([progress])")}
    if "narrative" not in have:
        conn.execute("ALTER TABLE [progress] ADD COLUMN [narrative] TEXT")
    conn.execute(STEPS_V6)
    conn.execute(STEP_EVIDENCE_V6)
    for sql in INDEXES_V6:
        conn.execute(sql)


def _v6_to_v7(conn: sqlite3.Connection) -> None:
    """The document's own header words (`document.columns`): empty for a document loaded
    before (its export keeps our own words until it is loaded again); a database created
    at version 4 or later by this version's create_tables has the column already."""
    have = {r[1] for r in conn.execute("PRAGMA table_info([document])")}
    if "columns" not in have:
        conn.execute("ALTER TABLE [document] ADD COLUMN [columns] TEXT")


def _v7_to_v8(conn: sqlite3.Connection) -> None:
    """分解: the `assignments` table, created empty (a database made by this version's
    create_tables on the way has it already), and `document.upper` (empty: a document loaded
    before came from no issued breakdown)."""
    conn.execute(ASSIGNMENTS_V8)
    conn.execute(SUB_REPORTS_V8)
    if "upper" not in {r[1] for r in conn.execute("PRAGMA table_info([document])")}:
        conn.execute("ALTER TABLE [document] ADD COLUMN [upper] TEXT")
    for sql in INDEXES_V8:
        conn.execute(sql)


def _v8_to_v9(conn: sqlite3.Connection) -> None:
    """下级单位目录: the `sub_units` table, created empty (the names a unit already assigned
    to stay in `assignments`; the app offers to add them when they are used again)."""
    conn.execute(SUB_UNITS_V9)


# STEPS[n] upgrades a database of version n to n + 1.
STEPS = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
    5: _v5_to_v6,
    6: _v6_to_v7,
    7: _v7_to_v8,
    8: _v8_to_v9,
}


def backup_path(path: Path, version: int, now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return free_path(lambda n: path.with_name(f"{path.name}.bak-v{version}-{stamp}{n}"))


def _write_backup(conn: sqlite3.Connection, path: Path, backup: Path) -> None:
    """Copy the database to `backup` (a new file). Called under the write lock."""
    wal = Path(f"{path}-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        # Every committed change is in the file itself: keep it byte for byte.
        with open(path, "rb") as src, open(backup, "xb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
        return
    target = sqlite3.connect(backup)  # changes still in the WAL: SQLite's own copy holds them
    try:
        conn.backup(target)
    finally:
        target.close()


def migrate(conn: sqlite3.Connection, path: Path, version: int, target: int) -> Path | None:
    """Back the database up, then apply every step in one transaction. Returns the backup
    path (None when another process finished the upgrade first).

    The write lock is taken before the backup, so no other writer can commit between
    the backup and the upgrade; a failure leaves the database as it was.
    """
    if any(v not in STEPS for v in range(version, target)):
        raise StoreError(f"{path} 的数据库版本 {version} 过旧,无法升级,请用 build-db 重新生成后再导入进度")
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # so that the file alone holds everything
    except sqlite3.Error:
        pass  # busy readers: the backup then goes through SQLite
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as e:
        raise StoreError(f"无法升级数据库 {path}:{explain(e)};数据库未改动") from None
    backup = None
    try:
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        if current >= target:  # upgraded by another process while we waited for the lock
            conn.execute("ROLLBACK")
            return None
        backup = backup_path(path, current)
        try:
            _write_backup(conn, path, backup)
        except (sqlite3.Error, OSError) as e:
            backup.unlink(missing_ok=True)
            reason = explain(e) if isinstance(e, sqlite3.Error) else os_error_text(e)
            raise StoreError(f"升级数据库前无法写入备份 {backup}:{reason},数据库未改动") from None
        for v in range(current, target):
            STEPS[v](conn)
        conn.execute(f"PRAGMA user_version = {target}")
        conn.execute("COMMIT")
    except BaseException as e:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(e, sqlite3.Error):
            raise StoreError(f"升级数据库失败,已回滚(备份在 {backup}):{explain(e)}") from None
        raise
    return backup
