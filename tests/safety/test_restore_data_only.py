"""`restore` copies DATA only, into our own schema, after checks (issue 21 item 4).

A backup is a file anybody can have edited. Copied page by page, a backup carrying
`CREATE TRIGGER … DELETE FROM evidence` deleted every evidence row on the next `done`, and
every later backup carried the trigger on; rows pointing at no item or with a status that
does not exist went in unchecked. Now a trigger, view, extra table or index of the backup
is left behind (the restored database has exactly schema.create_schema's objects), and a
backup whose rows fail a check is refused, naming the table and the problem, with the
working database left as it was.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tui.store import Store
from tui.store.schema import create_schema

from .conftest import UNIT, assert_user_error, invoke, listing, ok, query, snapshot

URLS = [f"https://www.cqyz.gov.cn/zwgk/{n}.html" for n in range(3)]


def our_objects() -> list[tuple]:
    with closing(sqlite3.connect(":memory:")) as conn:
        create_schema(conn)
        return objects_of(conn)


def objects_of(conn: sqlite3.Connection) -> list[tuple]:
    return sorted(conn.execute("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))


def with_evidence_backup(work_db: Path, tmp_path: Path) -> Path:
    """Three evidence entries on two items, then a backup of it."""
    with Store(work_db) as store:
        store.mark_done(UNIT, "1.1.3-1", URLS[:2])
        store.add_evidence(UNIT, "1.1.3-2", URLS[2])
    saved = tmp_path / "saved.sqlite"
    ok(invoke("backup", saved, "--db", work_db))
    return saved


def edit(path: Path, *statements: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        for sql in statements:
            conn.execute(sql)
        conn.commit()


POISON = {
    "trigger": ("CREATE TRIGGER wipe AFTER UPDATE ON progress BEGIN DELETE FROM evidence; END",),
    "view": ("CREATE VIEW everything AS SELECT * FROM evidence",),
    "table": ("CREATE TABLE extra (x TEXT)", "INSERT INTO extra VALUES ('不该带过来')"),
    "index": ("CREATE INDEX extra_idx ON evidence (caption)",),
    "column": ("ALTER TABLE progress ADD COLUMN extra TEXT",),
}


@pytest.mark.parametrize("kind", sorted(POISON))
def test_schema_objects_of_a_backup_are_left_behind(work_db, tmp_path, user, kind):
    saved = with_evidence_backup(work_db, tmp_path)
    edit(saved, *POISON[kind])
    ok(invoke("restore", saved, "--db", work_db))
    with closing(sqlite3.connect(work_db)) as conn:
        assert objects_of(conn) == our_objects()
        assert "extra" not in [r[1] for r in conn.execute("PRAGMA table_info(progress)")]
    # the next write keeps every evidence row (the trigger would have deleted them all)
    ok(invoke("done", "1.1.3-2", "--unit", UNIT, "--db", work_db))
    assert sorted(v for (v,) in query(work_db, "SELECT value FROM evidence")) == URLS
    # and a backup of the restored database carries nothing of it on
    again = tmp_path / "again.sqlite"
    ok(invoke("backup", again, "--db", work_db))
    with closing(sqlite3.connect(again)) as conn:
        assert objects_of(conn) == our_objects()


def test_a_trigger_already_in_the_working_database_goes_with_a_restore(work_db, tmp_path, user):
    saved = with_evidence_backup(work_db, tmp_path)
    edit(work_db, *POISON["trigger"])  # carried in by a restore of an earlier version
    ok(invoke("restore", saved, "--db", work_db))
    ok(invoke("done", "1.1.3-2", "--unit", UNIT, "--db", work_db))
    assert len(query(work_db, "SELECT value FROM evidence")) == 3


BAD = {
    "orphan progress": (
        "INSERT INTO progress (doc, item_id, unit, status) VALUES (1, '9.9.9-9', '渝中区', '推进中')",
        "progress(进度)有 1 行指向不存在的条目",
    ),
    "orphan evidence": (
        "INSERT INTO evidence (doc, item_id, unit, kind, value) VALUES"
        " (1, '1.1.3-1', '没有这个单位', 'url', 'https://a.example/')",
        "evidence(佐证材料)有 1 行指向不存在的单位",
    ),
    "history of no document": (
        "INSERT INTO history (doc, action_id, unit, item_id, field, old, new, source)"
        " VALUES (7, 1, '渝中区', '1.1.3-1', 'note', NULL, 'x', 'cli')",
        "history(修改记录)有 1 行指向不存在的任务分工文件",
    ),
    "bad status": (
        "UPDATE progress SET status = '差不多了' WHERE item_id = '1.1.3-1'",
        "progress(进度)有 1 行的完成情况不是 未开始 / 推进中 / 已完成 / 不适用 之一",
    ),
    "不适用 without a reason": (
        "UPDATE progress SET status = '不适用', reason = '  ' WHERE item_id = '1.1.3-1'",
        "progress(进度)有 1 行为「不适用」却没有理由",
    ),
    "evidence of no kind": (
        "UPDATE evidence SET kind = 'sql' WHERE value = '" + URLS[0] + "'",
        "evidence(佐证材料)有 1 行既不是链接、文件,也不是文字说明",
    ),
    "a view for a table": (
        "DROP TABLE workspace; CREATE VIEW workspace AS SELECT 'x' AS id",
        "workspace(工作库标识)不是普通的数据表",
    ),
    "a missing column": ("ALTER TABLE evidence DROP COLUMN caption", "evidence(佐证材料)缺少列 caption"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_backup_whose_rows_fail_a_check_is_refused(work_db, tmp_path, user, case):
    saved = with_evidence_backup(work_db, tmp_path)
    sql, problem = BAD[case]
    edit(saved, *sql.split("; "))
    ok(invoke("status", "1.1.3-2", "推进中", "--unit", UNIT, "--db", work_db))  # the working database moved on
    before, data, files = snapshot(work_db), work_db.read_bytes(), listing(tmp_path)
    message = assert_user_error(
        invoke("restore", saved, "--db", work_db),
        "恢复失败,原数据库未改动",
        f"备份 {saved} 中的数据表 {problem},不能用来恢复",
    )
    assert "constraint" not in message and "FOREIGN" not in message
    assert snapshot(work_db) == before and work_db.read_bytes() == data
    assert listing(tmp_path) == files  # no `.replaced-` copy, no temporary file


def test_a_sound_backup_restores_every_row(work_db, tmp_path, user):
    saved = with_evidence_backup(work_db, tmp_path)
    state = snapshot(saved)
    ok(invoke("restore", saved, "--db", work_db))
    assert snapshot(work_db) == state
