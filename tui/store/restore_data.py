"""What a restore copies: the DATA of a backup, checked, in a schema of our own.

A backup is a file anybody can have edited. Copied page by page it brought along
whatever its schema held: a `CREATE TRIGGER … DELETE FROM evidence` deleted every
evidence row on the next `done`, and every later backup carried the trigger on. So a
restore builds a new database with the tables and indexes of schema.py, copies into it only the rows of
the tables and columns that schema knows (never a trigger, view, index or extra table of
the backup), checks them as the working database's own writes would have been checked
(every row points at an existing document, item and unit; a known status; 不适用 with a
reason), and only that new database is copied into the working one. A backup that fails
a check is refused with the table and the problem named.

It also keeps action ids from being reused (DESIGN §3 History). The next action id is
max(history.action_id) + 1. A restored history of an older backup ends lower than the
replaced one, and a new action would get the number of an action the app still offers to
undo, undoing someone else's work. Rather than a counter beside the history (a schema
change, and a second thing a restore would have to keep in step), the restore itself is
written into the restored history as one line (field `restore`, no unit or item, so no
checklist or item history shows it) whose action id is above every id the replaced
database used: the counter then lives in the data every later backup carries on.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from .db import read_uri, sqlite_uri
from .errors import StoreError
from .evidence import os_user
from .schema import INDEXES_V4, INDEXES_V6, INDEXES_V8, NOT_APPLICABLE, SCHEMA_VERSION, STATUSES, TABLES_V4

RESTORE_FIELD = "restore"  # the history line a restore writes (see the module docstring)

TABLE_WORDS = {
    "document": "任务分工文件",
    "sections": "章节",
    "rows": "任务行",
    "items": "条目",
    "units": "单位",
    "aliases": "单位别名",
    "memberships": "统称成员",
    "row_units": "任务行的单位",
    "repairs": "修正记录",
    "build_notes": "生成说明",
    "progress": "进度",
    "evidence": "佐证材料",
    "history": "修改记录",
    "imports": "导入记录",
    "item_refs": "往年参考",
    "workspace": "工作库标识",
    "steps": "细化步骤",
    "step_evidence": "步骤的佐证材料",
    "assignments": "分解",
    "sub_reports": "下级报送",
    "sub_units": "下级单位目录",
}


def table_words(table: str) -> str:
    return f"{table}({TABLE_WORDS[table]})" if table in TABLE_WORDS else table


class BadBackup(StoreError):
    """The backup's data fails a check: the message names the table and the problem."""


def _refuse(table: str, problem: str) -> BadBackup:
    return BadBackup(f"数据表 {table_words(table)}{problem},不能用来恢复")


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA {schema}.table_info([{table}])")]


def _copy_table(conn: sqlite3.Connection, table: str) -> None:
    found = conn.execute(
        "SELECT type, sql FROM src.sqlite_master WHERE type IN ('table', 'view') AND lower(name) = lower(?)", (table,)
    ).fetchone()
    if found is None:  # a table the backup's version did not have yet (integrity_problem checked the rest)
        return
    if found[0] != "table" or (found[1] or "").lstrip().upper().startswith("CREATE VIRTUAL"):
        raise _refuse(table, "不是普通的数据表")
    have = set(_columns(conn, "src", table))
    ours = _columns(conn, "main", table)
    missing = [c for c in ours if c not in have]
    if missing:
        raise _refuse(table, f"缺少列 {'、'.join(missing)}")
    listed = ",".join(f"[{c}]" for c in ours)
    try:
        conn.execute(f"INSERT INTO main.[{table}] ({listed}) SELECT {listed} FROM src.[{table}]")
    except sqlite3.IntegrityError as e:
        text = str(e)
        what = "有必填的列为空的行" if "NOT NULL" in text else "有重复的行" if "UNIQUE" in text else "有不合规则的行"
        raise _refuse(table, what) from None


def _count(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> int:
    return conn.execute(sql, params).fetchone()[0]


def _check(conn: sqlite3.Connection) -> None:
    """The rows as the working database's own writes leave them; the first problem refuses."""
    bad: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fk in conn.execute("PRAGMA main.foreign_key_check").fetchall():
        bad[(table, parent)] = bad.get((table, parent), 0) + 1
    for (table, parent), n in sorted(bad.items()):
        raise _refuse(table, f"有 {n} 行指向不存在的{TABLE_WORDS.get(parent, parent)}")
    for table in TABLES_V4:
        if "doc" in _columns(conn, "main", table):
            n = _count(conn, f"SELECT count(*) FROM main.[{table}] WHERE doc NOT IN (SELECT id FROM main.document)")
            if n:
                raise _refuse(table, f"有 {n} 行指向不存在的任务分工文件")
    checks = (
        (
            "document",
            "SELECT count(*) FROM document WHERE superseded_by IS NOT NULL"
            " AND superseded_by NOT IN (SELECT id FROM document)",
            (),
            "有 {n} 行指向不存在的修订文本",
        ),
        (
            "item_refs",
            "SELECT count(*) FROM item_refs r WHERE NOT EXISTS (SELECT 1 FROM items i"
            " WHERE i.doc = r.doc AND i.id = r.item_id) OR NOT EXISTS (SELECT 1 FROM items i"
            " WHERE i.doc = r.ref_doc AND i.id = r.ref_item)",
            (),
            "有 {n} 行指向不存在的条目",
        ),
        (
            "progress",
            f"SELECT count(*) FROM progress WHERE status IS NULL OR status NOT IN ({','.join('?' * len(STATUSES))})",
            STATUSES,
            f"有 {{n}} 行的完成情况不是 {' / '.join(STATUSES)} 之一",
        ),
        (
            "progress",
            "SELECT count(*) FROM progress WHERE status = ? AND trim(coalesce(reason, '')) = ''",
            (NOT_APPLICABLE,),
            "有 {n} 行为「不适用」却没有理由",
        ),
        (
            "evidence",
            "SELECT count(*) FROM evidence WHERE kind IS NULL OR kind NOT IN ('url', 'file', 'note')"
            " OR trim(coalesce(value, '')) = ''",
            (),
            "有 {n} 行既不是链接、文件,也不是文字说明",
        ),
        (
            "steps",
            f"SELECT count(*) FROM steps WHERE status NOT IN ({','.join('?' * len(STATUSES))})",
            STATUSES,
            f"有 {{n}} 行的完成情况不是 {' / '.join(STATUSES)} 之一",
        ),
        (
            "steps",
            "SELECT count(*) FROM steps WHERE status = ? AND trim(coalesce(reason, '')) = ''",
            (NOT_APPLICABLE,),
            "有 {n} 行为「不适用」却没有理由",
        ),
        (
            "steps",
            "SELECT count(*) FROM steps WHERE number < 1 OR trim(text) = ''",
            (),
            "有 {n} 行的序号不是正整数或内容为空",
        ),
        (
            "step_evidence",
            "SELECT count(*) FROM step_evidence WHERE kind IS NULL OR kind NOT IN ('url', 'file')"
            " OR trim(coalesce(value, '')) = ''",
            (),
            "有 {n} 行既不是链接也不是文件",
        ),
        (
            "assignments",
            "SELECT count(*) FROM assignments WHERE role NOT IN ('牵头', '责任', '配合')"
            " OR trim(sub_unit) = '' OR step < 0",
            (),
            "有 {n} 行的角色、下级单位或步骤不对",
        ),
        (
            "sub_units",
            "SELECT count(*) FROM sub_units WHERE trim(name) = '' OR trim(unit) = ''",
            (),
            "有 {n} 行的名称为空",
        ),
    )
    for table, sql, params, problem in checks:
        n = _count(conn, sql, params)
        if n:
            raise _refuse(table, problem.format(n=n))


def clean_copy(source: Path, target: Path, page_size: int | None) -> None:
    """Write `target` (a new file): our schema, the known tables' rows of `source` (a
    database of this program's version), checked. BadBackup when a check fails."""
    with closing(sqlite3.connect(sqlite_uri(target, "rwc"), uri=True, isolation_level=None)) as conn:
        # Nothing in the backup's schema runs here: its views and triggers are never used,
        # and a function they name is not called.
        conn.execute("PRAGMA trusted_schema = OFF")
        if page_size:
            conn.execute(f"PRAGMA page_size = {int(page_size)}")
        conn.execute("PRAGMA synchronous = OFF")  # a scratch file: checked, then copied whole or dropped
        conn.execute("ATTACH DATABASE ? AS src", (read_uri(source),))
        conn.execute("BEGIN")
        for sql in TABLES_V4.values():
            conn.execute(sql)
        for table in TABLES_V4:
            _copy_table(conn, table)
        for sql in INDEXES_V4 + INDEXES_V6 + INDEXES_V8:  # after the rows: faster than growing each index row by row
            conn.execute(sql)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        _check(conn)
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE src")


def max_action(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(action_id), 0) FROM history").fetchone()[0]


def read_max_action(db: Path) -> int:
    """The highest action id `db` has used (0 when it cannot be read, e.g. damaged)."""
    try:
        with closing(sqlite3.connect(read_uri(db), uri=True)) as conn:
            return max_action(conn)
    except (sqlite3.Error, StoreError):
        return 0


def keep_action_ids(
    target: Path, used: int, name: str, previous: int | None = None, now: dt.datetime | None = None
) -> int | None:
    """Make the restored history's action ids end above `used` (the replaced database's
    highest) with one `restore` line when they end lower; its row id (None: not needed).
    `previous`: the row id of such a line written before, taken back first."""
    with closing(sqlite3.connect(target, isolation_level=None)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        if previous is not None:
            conn.execute("DELETE FROM history WHERE id = ?", (previous,))
        doc = conn.execute("SELECT min(id) FROM document").fetchone()[0]
        line = None
        if max_action(conn) < used and doc is not None:
            stamp = (now or dt.datetime.now()).isoformat(timespec="seconds")
            line = conn.execute(
                "INSERT INTO history (doc, action_id, at, os_user, unit, item_id, field, old, new, source)"
                " VALUES (?,?,?,?,NULL,NULL,?,NULL,?,?)",
                (doc, used + 1, stamp, os_user(), RESTORE_FIELD, name, RESTORE_FIELD),
            ).lastrowid
        conn.execute("COMMIT")
        return line
