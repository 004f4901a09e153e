"""Backup: waits at most the busy timeout on a locked database, and refuses names that
SQLite takes for a database's own journal files (`<db>-journal` was reported written,
then deleted by SQLite as a stale journal)."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from .conftest import assert_child_user_error, assert_user_error, invoke, listing, ok, run_cli


def test_backup_gives_up_after_the_busy_timeout(work_db, tmp_path):
    """Rollback-journal mode with a writer holding the exclusive lock: Python's backup
    loop used to retry for ever."""
    with closing(sqlite3.connect(work_db, isolation_level=None)) as writer:
        writer.execute("BEGIN EXCLUSIVE")
        # a retry for ever ends in run_cli's timeout (a failure); how soon: benchmarks/busy_waits.py
        proc = run_cli(
            "backup",
            tmp_path / "b.sqlite",
            "--db",
            work_db,
            cwd=tmp_path,
            env={"GONGKAI_BUSY_TIMEOUT_MS": "300"},
            timeout=60,
        )
        assert_child_user_error(proc, "没有写出备份文件", "数据库正忙")
        writer.execute("ROLLBACK")
    assert listing(tmp_path) == ["work.sqlite"]
    ok(invoke("backup", tmp_path / "b.sqlite", "--db", work_db))  # free again: it goes through


@pytest.mark.parametrize(
    "name",
    [
        "work.sqlite-journal",
        "work.sqlite-wal",
        "work.sqlite-shm",
        "备份.sqlite-JOURNAL",
        "b-Wal",
        "b.SHM".replace(".", "-"),
    ],
)
def test_backup_refuses_sqlite_journal_names(work_db, tmp_path, name):
    assert_user_error(invoke("backup", tmp_path / name, "--db", work_db), "-journal", "没有写出备份文件")
    assert listing(tmp_path) == ["work.sqlite"]
    ok(invoke("list", "--unit", "渝中区", "--db", work_db))
