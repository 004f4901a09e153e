"""Restore under a running app or command (the issue: `restore` corrupted the database).

Restore copies the backup INTO the live database with SQLite's online backup, under the
database's write lock, instead of replacing the file. An open app keeps a valid file and
sees the restored content on its next read; a writer either commits before the restore
(its change is in the kept `.replaced-` copy) or waits for it and then writes into the
restored database, or fails cleanly after the busy timeout.

Would fail without it (the file replaced with os.replace, as before):
- test_restore_under_an_open_app_on_a_fresh_database: the in-use check saw no lock (the
  app's connection had not read since the CLI write switched the file to WAL), the file
  was replaced, and the app's next writes went into the replaced file: "database disk
  image is malformed";
- test_restore_racing_a_writer_loses_no_reported_write: writes between the kept copy and
  the replacement, or into the unlinked file, were reported as done and lost;
- the table and document checks: a backup without `evidence`, or of another document,
  was restored without a word.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from benchmarks.synthetic import make_document
from tui.store import Store, StoreError
from tui.store.schema import SCHEMA_VERSION

from .conftest import UNIT, assert_user_error, integrity, invoke, listing, ok, query, snapshot

REPLACED = re.compile(r"work\.sqlite\.replaced-\d{8}-\d{6}(-\d+)?")


def saved_backup(work_db: Path, name: str = "saved.sqlite") -> Path:
    target = work_db.parent / name
    ok(invoke("backup", target, "--db", work_db))
    return target


def kept_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if REPLACED.fullmatch(p.name))


def journal_mode(db: Path) -> str:
    return query(db, "PRAGMA journal_mode")[0][0]


def test_restore_under_an_open_app_on_a_fresh_database(work_db, tmp_path, user):
    assert journal_mode(work_db) == "delete"  # a fresh copy of the bundled database
    saved = saved_backup(work_db)
    with Store(work_db, check_in_background=True) as app:  # as the TUI opens it
        app.checklist(UNIT)
        seen = app.data_version()
        ok(invoke("done", "1.1.3-1", "--unit", UNIT, "--db", work_db))  # switches the file to WAL
        ok(invoke("restore", saved, "--db", work_db))
        assert app.data_version() != seen  # the app's change detection fires on its next key
        assert app.entry(UNIT, "1.1.3-1").status == "未开始"  # restored content
        for item in ("1.1.3-2", "1.1.5-1", "1.1.6-1"):  # the app goes on writing
            app.set_status(UNIT, [item], "推进中", source="tui")
        assert integrity(work_db) == "ok"
    assert integrity(work_db) == "ok"
    assert sorted(query(work_db, "SELECT item_id FROM progress")) == [("1.1.3-2",), ("1.1.5-1",), ("1.1.6-1",)]
    [kept] = kept_files(tmp_path)
    assert query(kept, "SELECT item_id, status FROM progress") == [("1.1.3-1", "已完成")]
    ok(invoke("list", "--unit", UNIT, "--db", work_db))


@pytest.mark.parametrize("writer_kind", ["one-connection", "connection-per-write"])
def test_restore_racing_a_writer_loses_no_reported_write(work_db, tmp_path, user, writer_kind):
    saved = saved_backup(work_db)
    reported: list[str] = []  # notes whose write returned success
    failed: list[str] = []
    stop = threading.Event()

    def write(store: Store, n: int) -> None:
        note = f"第{n}笔"
        try:
            store.set_fields(UNIT, "1.1.3-1", {"note": note}, source="writer")
        except StoreError:
            failed.append(note)  # a clean failure is allowed; a lost success is not
        else:
            reported.append(note)

    def writer() -> None:
        n = 0
        if writer_kind == "one-connection":
            with Store(work_db) as store:
                while not stop.is_set():
                    n += 1
                    write(store, n)
        else:
            while not stop.is_set():
                n += 1
                with Store(work_db) as store:
                    write(store, n)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for _ in range(3):
            time.sleep(0.05)
            ok(invoke("restore", saved, "--db", work_db))
        time.sleep(0.05)
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()
    assert reported, "the writer never got through"
    found = set()
    for db in (work_db, *kept_files(tmp_path)):
        assert integrity(db) == "ok", db
        found |= {n for (n,) in query(db, "SELECT new FROM history WHERE field='note'")}
    lost = [n for n in reported if n not in found]
    assert lost == [], f"writes reported as done but lost: {lost}"


def test_restore_waits_for_a_writer_then_fails_cleanly(work_db, tmp_path, user, monkeypatch):
    saved = saved_backup(work_db)
    ok(invoke("done", "1.1.3-1", "--unit", UNIT, "--db", work_db))
    monkeypatch.setenv("GONGKAI_BUSY_TIMEOUT_MS", "300")
    with Store(work_db) as other:
        other.conn.execute("BEGIN IMMEDIATE")  # a command in the middle of its write
        before, files = snapshot(work_db), listing(tmp_path)
        # how soon it gives up: benchmarks/busy_waits.py
        assert_user_error(invoke("restore", saved, "--db", work_db), "数据库正忙", "原数据库未改动")
        other.conn.execute("ROLLBACK")
    assert snapshot(work_db) == before
    assert listing(tmp_path) == files  # no .replaced- copy left behind


def drop_table(src: Path, dest: Path, table: str, version: int | None = None) -> Path:
    dest.write_bytes(src.read_bytes())
    with closing(sqlite3.connect(dest)) as conn:
        conn.execute(f"DROP TABLE {table}")
        if version is not None:
            conn.execute(f"PRAGMA user_version = {version}")
        conn.commit()
    return dest


@pytest.mark.parametrize("table", ["evidence", "units", "aliases", "row_units", "imports", "build_notes"])
def test_restore_refuses_a_backup_missing_a_table(work_db, tmp_path, user, table):
    saved = saved_backup(work_db)
    bad = drop_table(saved, tmp_path / "bad.sqlite", table)
    ok(invoke("done", "1.1.3-1", "--unit", UNIT, "--db", work_db))
    before, files = snapshot(work_db), listing(tmp_path)
    assert_user_error(invoke("restore", bad, "--db", work_db), "缺少数据表", table, "未做任何改动")
    assert snapshot(work_db) == before and listing(tmp_path) == files


def test_restore_of_an_older_version_backup_is_upgraded_first(work_db, tmp_path, user):
    """build_notes came with version 3, imports with version 2: an older backup lacks them
    rightly. It is upgraded on a temporary copy, so the open app never meets an old schema."""
    ok(invoke("done", "1.1.3-1", "--unit", UNIT, "--db", work_db))
    saved = saved_backup(work_db)
    v2 = drop_table(saved, tmp_path / "v2.sqlite", "build_notes", version=2)
    v2_bytes = v2.read_bytes()
    ok(invoke("done", "1.1.3-2", "--unit", UNIT, "--db", work_db))
    with Store(work_db) as app:
        ok(invoke("restore", v2, "--db", work_db))
        assert app.entry(UNIT, "1.1.3-2").status == "未开始"
        app.set_status(UNIT, ["1.1.5-1"], "推进中", source="tui")
    assert query(work_db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert "build_notes" in snapshot(work_db)["tables"]
    assert v2.read_bytes() == v2_bytes  # the backup itself is not touched
    assert not [n for n in listing(tmp_path) if ".bak-v" in n]  # the upgrade's copy stayed in the temp folder
    assert integrity(work_db) == "ok"


@pytest.fixture
def other_backup(tmp_path) -> Path:
    """A database of another document (渝府办发〔2099〕1号), built with build-db."""
    source = tmp_path / "other.txt"
    source.write_text(
        make_document(3, items=12, items_per_row=3, rows_per_subsection=2, subsections=2), encoding="utf-8"
    )
    db = tmp_path / "other.sqlite"
    ok(invoke("build-db", source, "-o", db))
    return db


def test_restore_of_another_documents_backup_needs_force(work_db, tmp_path, other_backup, user):
    ok(invoke("done", "1.1.3-1", "--unit", UNIT, "--db", work_db))
    before, files = snapshot(work_db), listing(tmp_path)
    message = assert_user_error(
        invoke("restore", other_backup, "--db", work_db),
        "另一份文件",
        "渝府办发〔2099〕1号",
        "渝府办发〔2021〕50号",
        "--force",
        "未做任何改动",
    )
    assert str(other_backup) in message
    assert snapshot(work_db) == before and listing(tmp_path) == files

    result = ok(invoke("restore", other_backup, "--db", work_db, "--force"))
    assert "警告" in result.stderr and "渝府办发〔2099〕1号" in result.stderr
    assert query(work_db, "SELECT number FROM document") == [("渝府办发〔2099〕1号",)]
    [kept] = kept_files(tmp_path)
    assert snapshot(kept) == before
