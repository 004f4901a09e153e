"""Messages that tell the truth: failing file locks are not "数据库正忙"; a FIFO, a device
or a directory given as --db is named for what it is, not "不存在"; a WAL database in a
folder we cannot write is still read (list, export, backup to another place)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

import tui.store.backup as backup_module
import tui.store.db as db_module
from tui.store.db import read_uri
from tui.store.errors import explain, is_busy, is_lock_failure

from .conftest import UNIT, assert_user_error, invoke, listing, ok, snapshot


def error(message: str, code: int | None) -> sqlite3.OperationalError:
    e = sqlite3.OperationalError(message)
    if code is not None:
        e.sqlite_errorcode = code
    return e


LOCK_FAILURES = [
    ("locking protocol", 15),  # SQLITE_PROTOCOL
    ("disk I/O error", 10 | (15 << 8)),  # SQLITE_IOERR_LOCK
    ("disk I/O error", 10 | (9 << 8)),  # SQLITE_IOERR_RDLOCK
    ("disk I/O error", 10 | (20 << 8)),  # SQLITE_IOERR_SHMLOCK
    ("locking protocol", None),  # no result code: SQLite's words
]


@pytest.mark.parametrize("message, code", LOCK_FAILURES)
def test_failing_locks_are_not_busy(message, code):
    e = error(message, code)
    assert is_lock_failure(e) and not is_busy(e)
    text = explain(e)
    assert "正忙" not in text and "文件锁失败" in text and message not in text  # Chinese only


def test_busy_is_still_busy():
    for e in (
        error("database is locked", 5),
        error("database is locked", 5 | (2 << 8)),
        error("database is locked", None),
    ):
        assert is_busy(e) and not is_lock_failure(e)
        assert "数据库正忙" in explain(e)
    assert "正忙" not in explain(error("disk I/O error", 10 | (4 << 8)))  # SQLITE_IOERR_WRITE: the disk


def test_backup_failing_on_locks_says_so(work_db, tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise error("locking protocol", 15)

    monkeypatch.setattr(backup_module, "sqlite_copy", fail)
    message = assert_user_error(invoke("backup", tmp_path / "b.sqlite", "--db", work_db), "文件锁失败")
    assert "正忙" not in message


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "管道.sqlite"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("args", [["list", "--unit", UNIT], ["done", "1.1.3-1", "--unit", UNIT], ["backup"]])
def test_special_files_as_db_are_named(tmp_path, fifo, args):
    folder = tmp_path / "目录.sqlite"
    folder.mkdir()
    for path, what in ((fifo, "命名管道"), (Path(os.devnull), "字符设备"), (folder, "目录")):
        message = assert_user_error(invoke(*args, "--db", path), what, "不是数据库文件")
        assert "不存在" not in message, message
    assert fifo.exists() and Path(os.devnull).exists()


def test_special_files_as_restore_source_or_backup_target(work_db, fifo):
    data = work_db.read_bytes()
    assert_user_error(invoke("restore", fifo, "--db", work_db), "命名管道")
    assert_user_error(invoke("restore", os.devnull, "--db", work_db), "字符设备")
    assert_user_error(invoke("backup", fifo, "--db", work_db), "命名管道", "没有写出备份文件")
    assert_user_error(invoke("backup", os.devnull, "--db", work_db), "字符设备", "没有写出备份文件")
    assert work_db.read_bytes() == data


@pytest.fixture
def read_only_folder(work_db, tmp_path, monkeypatch, user):
    """A WAL database, closed (no -wal, no -shm), in a folder os.access calls read-only.
    (Root ignores chmod; the real thing runs in test_broken_env.test_read_only_directory.)"""
    folder = tmp_path / "只读目录"
    folder.mkdir()
    db = folder / "tasks.sqlite"
    shutil.move(work_db, db)
    ok(invoke("done", "1.1.3-2", "--unit", UNIT, "--db", db))
    assert listing(folder) == ["tasks.sqlite"]
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for name in ("tasks.sqlite-wal", "tasks.sqlite-shm"):
        (folder / name).unlink(missing_ok=True)
    real_access = os.access

    def access(path, mode, *args, **kwargs):
        if mode & os.W_OK and Path(path).resolve() == folder.resolve():
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(db_module.os, "access", access)
    return db


def test_read_only_folder_reads_list_export_backup(read_only_folder, tmp_path, monkeypatch):
    db = read_only_folder
    folder = db.parent
    assert "immutable=1" in read_uri(db)
    monkeypatch.chdir(tmp_path)  # export writes ./exports
    listed = ok(invoke("list", "--unit", UNIT, "--db", db)).stdout
    assert "[已完成] 1.1.3-2" in listed
    ok(invoke("export", "--unit", UNIT, "--as-of", "2021-06-01", "--db", db))
    assert list((tmp_path / "exports").iterdir())
    target = tmp_path / "备份.sqlite"
    ok(invoke("backup", target, "--db", db))
    assert listing(folder) == ["tasks.sqlite"]  # nothing created next to it (no -shm, no -wal)
    assert snapshot(target) == snapshot(db)


def test_read_only_folder_with_unmerged_wal_says_so(read_only_folder):
    db = read_only_folder
    Path(f"{db}-wal").write_bytes(b"\0" * 100)  # a WAL left with content by a writer
    message = assert_user_error(invoke("list", "--unit", UNIT, "--db", db), "只读", "-wal", "未合并")
    assert "不存在" not in message
