"""SQLite settings (issue point 1): WAL, synchronous NORMAL or stricter, foreign keys on,
a busy timeout; each user action is one transaction.

Each test names the safeguard it depends on; remove the safeguard and the test fails:
- a PRAGMA left out of `tui.store.db.connect` → the settings test reads SQLite's default
  (journal_mode=delete, foreign_keys=0, busy_timeout=0);
- no BEGIN IMMEDIATE … COMMIT around an action → the trace test sees statements outside
  a transaction, and the injected failure leaves the first fields of the action written.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tui.store import InputError, Store, StoreError
from tui.store.db import DEFAULT_BUSY_TIMEOUT_MS, connect
from tui.store.progress import Change, apply_changes

from .conftest import UNIT, invoke, ok, query, snapshot

URL = "https://www.cqyz.gov.cn/zwgk/plan.html"


def pragma(conn: sqlite3.Connection, name: str):
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


def test_connection_settings(work_db):
    with Store(work_db) as store:
        conn = store.conn
        assert pragma(conn, "journal_mode") == "wal"
        assert pragma(conn, "synchronous") >= 1  # 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
        assert pragma(conn, "foreign_keys") == 1
        assert pragma(conn, "busy_timeout") == DEFAULT_BUSY_TIMEOUT_MS
    # a read-only connection (list, export, review) keeps the same guarantees for reading
    with Store(work_db, readonly=True) as store:
        assert pragma(store.conn, "foreign_keys") == 1
        assert pragma(store.conn, "busy_timeout") == DEFAULT_BUSY_TIMEOUT_MS


def test_wal_is_recorded_in_the_file(work_db):
    """WAL is a property of the file once set: a later connection of any program sees it."""
    with closing(sqlite3.connect(work_db)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    assert work_db.read_bytes()[18:20] == b"\x01\x01"  # file format: rollback journal
    ok(invoke("status", "1.1.3-1", "推进中", "--unit", UNIT, "--db", work_db))
    assert work_db.read_bytes()[18:20] == b"\x02\x02"  # file format: WAL
    assert query(work_db, "PRAGMA journal_mode") == [("wal",)]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("250", 250),
        ("0", 0),
        ("abc", DEFAULT_BUSY_TIMEOUT_MS),
        ("-5", DEFAULT_BUSY_TIMEOUT_MS),
        ("", DEFAULT_BUSY_TIMEOUT_MS),
    ],
)
def test_busy_timeout_from_environment(work_db, monkeypatch, value, expected):
    monkeypatch.setenv("GONGKAI_BUSY_TIMEOUT_MS", value)
    conn = connect(work_db)
    try:
        assert pragma(conn, "busy_timeout") == expected
    finally:
        conn.close()


def test_foreign_keys_are_enforced(work_db):
    """A write that bypasses Store.entry's check still cannot invent an item or a unit."""
    with Store(work_db) as store:
        before = snapshot(work_db)
        with pytest.raises(sqlite3.IntegrityError):
            store.conn.execute(
                "INSERT INTO progress (doc, item_id, unit, status) VALUES (1, '9.9.9-9', ?, '推进中')", (UNIT,)
            )
        with pytest.raises(StoreError, match="写入数据库失败,未保存任何更改"):
            apply_changes(
                store.conn,
                1,
                UNIT,
                [Change("1.1.3-1", "note", "先写这一条"), Change("9.9.9-9", "status", "推进中")],
                "test",
            )
        with pytest.raises(StoreError):
            apply_changes(store.conn, 1, "没有这个单位", [Change("1.1.3-1", "status", "推进中")], "test")
        assert snapshot(work_db) == before  # the first change of the action was rolled back too


def test_each_action_is_one_transaction(work_db, user):
    statements: list[str] = []
    with Store(work_db) as store:
        store.conn.set_trace_callback(statements.append)
        action = store.mark_done(UNIT, "1.1.3-1", [URL], "已公开")
        store.conn.set_trace_callback(None)
    writes = [i for i, s in enumerate(statements) if s.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    begins = [i for i, s in enumerate(statements) if s.strip().upper().startswith("BEGIN")]
    commits = [i for i, s in enumerate(statements) if s.strip().upper() == "COMMIT"]
    assert [statements[i] for i in begins] == ["BEGIN IMMEDIATE"]  # the write lock before reading old values
    assert len(commits) == 1
    assert len(writes) >= 8  # progress upserts, evidence, four history lines
    assert begins[0] < min(writes) and max(writes) < commits[0]
    lines = query(work_db, "SELECT action_id, field FROM history ORDER BY id")
    assert {a for a, _ in lines} == {action}
    assert sorted(f for _, f in lines) == ["done_date", "evidence+", "note", "status"]


def test_bulk_change_is_one_transaction(work_db, user):
    items = ["1.1.3-1", "1.1.3-2", "1.1.5-1"]
    statements: list[str] = []
    with Store(work_db) as store:
        store.conn.set_trace_callback(statements.append)
        action = store.set_status(UNIT, items, "已完成")
        store.conn.set_trace_callback(None)
    assert sum(s.startswith("BEGIN") for s in statements) == 1
    assert sum(s == "COMMIT" for s in statements) == 1
    assert query(work_db, "SELECT DISTINCT action_id FROM history") == [(action,)]
    assert query(work_db, "SELECT count(*) FROM progress WHERE status='已完成'") == [(3,)]


def test_failure_in_the_middle_of_an_action_writes_nothing(work_db, user):
    """The note is the last change of `done`: make its history line fail. Status, done
    date and evidence were already written inside the transaction — all rolled back."""
    with Store(work_db) as store:
        before = snapshot(work_db)
        store.conn.execute(
            "CREATE TEMP TRIGGER fail_on_note BEFORE INSERT ON main.history"
            " WHEN NEW.field = 'note' BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        )
        with pytest.raises(StoreError, match="未保存任何更改"):
            store.mark_done(UNIT, "1.1.3-1", [URL], "最后一项失败")
        assert not store.conn.in_transaction
        assert snapshot(work_db) == before
        assert store.entry(UNIT, "1.1.3-1").status == "未开始"
        # the connection is still usable: the next action goes through whole
        store.conn.execute("DROP TRIGGER temp.fail_on_note")
        assert store.mark_done(UNIT, "1.1.3-1", [URL], "这次成功") is not None
    assert query(work_db, "SELECT count(*) FROM history") == [(4,)]


def test_validation_happens_before_the_transaction(work_db, tmp_path):
    """Bad input in the second of two items: nothing of the first is written."""
    with Store(work_db) as store:
        before = snapshot(work_db)
        with pytest.raises(InputError):
            store.set_status(UNIT, ["1.1.3-1", "9.9.9-9"], "已完成")
        with pytest.raises(InputError):
            store.mark_done(UNIT, "1.1.3-1", [URL, "javascript:alert(1)"], "不应写入")
    assert snapshot(work_db) == before


def test_readonly_commands_never_write(work_db):
    data = work_db.read_bytes()
    ok(invoke("list", "--unit", UNIT, "--db", work_db))
    ok(invoke("units", "--db", work_db))
    assert work_db.read_bytes() == data
    assert sorted(p.name for p in Path(work_db).parent.iterdir() if p.name.startswith("work")) == ["work.sqlite"]
