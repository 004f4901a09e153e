"""Schema versions (issue point 4): opening an older database first writes a backup next
to it (`tasks.sqlite.bak-v<N>-<timestamp>`), then migrates; a database newer than the
program is refused untouched, with a message saying which version it needs.

Would fail without the safeguard:
- no backup → no `.bak-v1-…` file; a backup taken after the upgrade, or through SQLite's
  backup API (which rewrites header counters), is not byte-identical to the v1 file;
- upgrade steps outside one transaction → the injected failure leaves a half-upgraded file;
- opening a newer file read-write and carrying on → its user_version or bytes change.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tui.store import Store, StoreError
from tui.store import migrations
from tui.store.schema import SCHEMA_VERSION

from .conftest import UNIT, assert_user_error, integrity, invoke, listing, ok, query, snapshot

BACKUP_NAME = re.compile(r"work\.sqlite\.bak-v1-\d{8}-\d{6}(-\d+)?")


def make_v1(db: Path) -> bytes:
    """The database as version 1 wrote it: no `imports` table, user_version 1."""
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("DROP TABLE imports")
        conn.execute("PRAGMA user_version = 1")
        conn.commit()
    assert not Path(f"{db}-wal").exists()
    return db.read_bytes()


@pytest.fixture
def v1_db(work_db, user) -> Path:
    """A v1 database with progress, evidence and history in it."""
    ok(
        invoke(
            "done",
            "1.1.3-1",
            "--unit",
            UNIT,
            "-e",
            "https://www.cqyz.gov.cn/a",
            "--note",
            "旧版本写的",
            "--db",
            work_db,
        )
    )
    ok(invoke("status", "1.1.3-2", "不适用", "--unit", UNIT, "--reason", "本区无此项", "--db", work_db))
    make_v1(work_db)
    return work_db


def test_older_database_is_backed_up_then_migrated(v1_db, tmp_path):
    v1_bytes = v1_db.read_bytes()
    before = snapshot(v1_db)
    assert "imports" not in before["tables"] and before["user_version"] == 1

    # a read-only command does not upgrade (it cannot write the backup): it says so
    assert_user_error(invoke("list", "--unit", UNIT, "--db", v1_db), "数据库版本为 1", f"升级到版本 {SCHEMA_VERSION}")
    assert v1_db.read_bytes() == v1_bytes
    assert listing(tmp_path).count("work.sqlite") == 1 and not any(".bak-" in n for n in listing(tmp_path))

    ok(invoke("status", "1.1.5-1", "推进中", "--unit", UNIT, "--db", v1_db))
    backups = [p for p in tmp_path.iterdir() if ".bak-" in p.name]
    assert len(backups) == 1 and BACKUP_NAME.fullmatch(backups[0].name), listing(tmp_path)
    assert backups[0].read_bytes() == v1_bytes  # the v1 file exactly as it was
    assert snapshot(backups[0]) == before

    after = snapshot(v1_db)
    assert after["user_version"] == SCHEMA_VERSION
    assert "imports" in after["tables"]
    for table in ("progress", "evidence", "history"):  # everything kept; one new action added
        assert set(before[table]) <= set(after[table])
    assert len(after["history"]) == len(before["history"]) + 1
    assert integrity(v1_db) == "ok"

    # opened again: already current, no second backup
    ok(invoke("list", "--unit", UNIT, "--db", v1_db))
    ok(invoke("status", "1.1.5-1", "已完成", "--unit", UNIT, "--db", v1_db))
    assert [p.name for p in tmp_path.iterdir() if BACKUP_NAME.fullmatch(p.name)] == [backups[0].name]


def test_failed_upgrade_is_rolled_back_and_the_backup_kept(v1_db, monkeypatch):
    v1_bytes = v1_db.read_bytes()

    def broken_step(conn):
        conn.execute("CREATE TABLE imports (id INTEGER PRIMARY KEY)")
        conn.execute("INSERT INTO no_such_table VALUES (1)")  # fails half-way through the step

    monkeypatch.setitem(migrations.STEPS, 1, broken_step)
    with pytest.raises(StoreError, match="升级数据库失败,已回滚") as info:
        Store(v1_db)
    [backup] = [p for p in v1_db.parent.iterdir() if ".bak-v1-" in p.name]
    assert str(backup) in str(info.value)
    assert backup.read_bytes() == v1_bytes
    assert snapshot(v1_db)["tables"] == snapshot(backup)["tables"]  # no `imports` half-created
    assert query(v1_db, "PRAGMA user_version") == [(1,)]
    assert integrity(v1_db) == "ok"


def test_upgrade_waits_for_another_writer_and_says_so(v1_db, tmp_path, monkeypatch):
    """The write lock is taken before the backup: while another program writes, the
    upgrade gives up after the busy timeout with a clear message, leaving no backup."""
    v1_bytes = v1_db.read_bytes()
    monkeypatch.setenv("GONGKAI_BUSY_TIMEOUT_MS", "200")
    with closing(sqlite3.connect(v1_db, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        assert_user_error(
            invoke("status", "1.1.5-1", "推进中", "--unit", UNIT, "--db", v1_db),
            "无法升级数据库",
            "数据库正忙",
            "数据库未改动",
        )
        other.execute("ROLLBACK")
    assert v1_db.read_bytes() == v1_bytes
    assert not any(".bak-" in n for n in listing(tmp_path))
    ok(invoke("status", "1.1.5-1", "推进中", "--unit", UNIT, "--db", v1_db))  # free again: upgraded
    [backup] = [p for p in tmp_path.iterdir() if BACKUP_NAME.fullmatch(p.name)]
    assert backup.read_bytes() == v1_bytes
    assert query(v1_db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_too_old_database_is_refused_untouched(work_db, tmp_path):
    with closing(sqlite3.connect(work_db)) as conn:
        conn.execute("PRAGMA user_version = 0")
        conn.commit()
    data = work_db.read_bytes()
    assert_user_error(invoke("status", "1.1.3-1", "推进中", "--unit", UNIT, "--db", work_db), "过旧", "build-db")
    assert work_db.read_bytes() == data
    assert listing(tmp_path) == ["work.sqlite"]


NEWER = SCHEMA_VERSION + 1
COMMANDS = [
    ["list", "--unit", UNIT],
    ["units"],
    ["done", "1.1.3-1", "--unit", UNIT],
    ["status", "1.1.3-1", "推进中", "--unit", UNIT],
    ["export", "--unit", UNIT, "--as-of", "2021-06-01"],
]


@pytest.mark.parametrize("journal", ["delete", "wal"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_newer_database_is_refused_untouched(work_db, tmp_path, monkeypatch, journal, args):
    monkeypatch.chdir(tmp_path)  # `export` would write under ./exports
    with closing(sqlite3.connect(work_db)) as conn:
        conn.execute(f"PRAGMA journal_mode = {journal}")
        conn.execute(f"PRAGMA user_version = {NEWER}")
        conn.commit()
    data, files = work_db.read_bytes(), listing(tmp_path)
    message = assert_user_error(invoke(*args, "--db", work_db))
    assert f"数据库版本为 {NEWER}" in message  # what the file is
    assert f"只支持到版本 {SCHEMA_VERSION}" in message  # what this program can open
    assert f"能打开版本 {NEWER}" in message and "更新版本" in message  # what is needed
    assert "未改动" in message
    assert work_db.read_bytes() == data
    # no backup, no export; a read-only connection to a WAL file may leave SQLite's
    # reader files (an empty -wal and the -shm index) — never any content
    extra = set(listing(tmp_path)) - set(files)
    assert extra <= ({"work.sqlite-wal", "work.sqlite-shm"} if journal == "wal" else set()), extra
    wal = Path(f"{work_db}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_newer_database_is_refused_by_migrate_progress_and_restore(work_db, tmp_path):
    newer = tmp_path / "newer.sqlite"
    newer.write_bytes(work_db.read_bytes())
    with closing(sqlite3.connect(newer)) as conn:
        conn.execute(f"PRAGMA user_version = {NEWER}")
        conn.commit()
    data, work = newer.read_bytes(), work_db.read_bytes()
    assert_user_error(invoke("migrate-progress", newer, work_db), f"数据库版本为 {NEWER}")
    assert_user_error(invoke("migrate-progress", work_db, newer), f"数据库版本为 {NEWER}")
    # restoring it would leave a working database this program cannot open
    assert_user_error(invoke("restore", newer, "--db", work_db), f"数据库版本为 {NEWER}", "未做任何改动")
    assert (newer.read_bytes(), work_db.read_bytes()) == (data, work)
    assert listing(tmp_path) == ["newer.sqlite", "work.sqlite"]
