"""Undo after a restore never undoes someone else's work (issue 21 item 2).

Action ids were max(action_id) + 1: after `restore` of an older backup the next CLI write
got the number of the app's last action, and `z` in the app reverted the CLI's status,
date, evidence and note on another item. Now the restored history ends above every id
the replaced database used (restore_data.keep_action_ids), and the app's undo of an
action whose history is gone, or is another action's now, says so and touches nothing.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing

import pytest

from tui.store import InputError, Store

from .conftest import UNIT, invoke, ok, query, snapshot

MINE, THEIRS = "1.1.3-1", "1.1.3-2"
URL = "https://www.cqyz.gov.cn/zwgk/theirs.html"


def action_ids(db) -> list[int]:
    return [a for (a,) in query(db, "SELECT DISTINCT action_id FROM history ORDER BY action_id")]


def test_a_write_after_a_restore_never_gets_an_action_id_the_app_still_holds(work_db, tmp_path, user):
    with Store(work_db) as app:
        app.set_status(UNIT, [MINE], "推进中", source="tui")
        saved = tmp_path / "saved.sqlite"
        ok(invoke("backup", saved, "--db", work_db))  # its last action: N - 1
        mine = app.set_fields(UNIT, MINE, {"note": "本窗口"}, source="tui")  # action N
        ok(invoke("restore", saved, "--db", work_db))
        ok(invoke("done", THEIRS, "--unit", UNIT, "-e", URL, "--note", "命令行写的", "--db", work_db))
        theirs = query(work_db, "SELECT action_id FROM history WHERE item_id = ? AND source = 'cli'", (THEIRS,))
        assert {a for (a,) in theirs} and all(a > mine for (a,) in theirs)
        before = snapshot(work_db)
        with pytest.raises(InputError) as caught:
            app.undo(UNIT, mine)  # z in the app
        assert str(caught.value) == (
            "无法撤销:这一步的修改记录已不在数据库中(数据库可能已从备份恢复),没有可撤销的内容,未做任何改动"
        )
        assert snapshot(work_db) == before
    status, note = query(work_db, "SELECT status, note FROM progress WHERE item_id = ?", (THEIRS,))[0]
    assert (status, note) == ("已完成", "命令行写的")
    assert query(work_db, "SELECT value FROM evidence WHERE item_id = ?", (THEIRS,)) == [(URL,)]


def test_restores_one_after_another_keep_every_id_used(work_db, tmp_path, user):
    with Store(work_db) as app:
        app.set_status(UNIT, [MINE], "推进中", source="tui")
        old = tmp_path / "old.sqlite"
        ok(invoke("backup", old, "--db", work_db))
        for n in range(3):
            app.set_fields(UNIT, MINE, {"note": f"第{n}笔"}, source="tui")
    used = max(action_ids(work_db))
    ok(invoke("restore", old, "--db", work_db))
    newer = tmp_path / "newer.sqlite"
    ok(invoke("backup", newer, "--db", work_db))  # carries the restore line on
    ok(invoke("restore", old, "--db", work_db))  # the older backup again, over the restored one
    ok(invoke("status", THEIRS, "推进中", "--unit", UNIT, "--db", work_db))
    assert max(action_ids(work_db)) > used + 1
    [(line,)] = query(work_db, "SELECT count(*) FROM history WHERE field = 'restore'")
    assert line == 1  # one line above the replaced database's ids, not one per restore


def test_undo_of_an_id_that_is_another_action_now_is_refused(work_db, tmp_path, user, monkeypatch):
    """A backup taken of another copy of the database (restored with the same document, so
    without --force) has its own action with the number the app holds: not undone."""
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(work_db, copy)
    with Store(work_db) as app:
        mine = app.set_fields(UNIT, MINE, {"note": "本窗口"}, source="tui")
        monkeypatch.setenv("USER", "另一台电脑")
        with Store(copy) as other:
            assert other.set_fields(UNIT, MINE, {"note": "别处", "office": "办公室"}, source="tui") == mine
        saved = tmp_path / "saved.sqlite"
        ok(invoke("backup", saved, "--db", copy))
        ok(invoke("restore", saved, "--db", work_db))
        before = snapshot(work_db)
        with pytest.raises(InputError) as caught:
            app.undo(UNIT, mine)
        assert "同一编号现在是 另一台电脑 在" in str(caught.value) and "未做任何改动" in str(caught.value)
        assert snapshot(work_db) == before


def test_an_action_id_not_reused_when_a_writer_races_the_restore(work_db, tmp_path, user, monkeypatch):
    """A write committed between the restore reading the highest id and taking the lock:
    the restored history is made to end above it too."""
    from tui.store import backup as backup_module

    with Store(work_db) as app:
        app.set_status(UNIT, [MINE], "推进中", source="tui")
        saved = tmp_path / "saved.sqlite"
        ok(invoke("backup", saved, "--db", work_db))
        real = backup_module.keep_action_ids
        raced: list[int] = []

        def keep_then_write(*args, **kwargs):
            line = real(*args, **kwargs)
            if not raced:  # once: a write lands after the highest id was read
                raced.append(app.set_fields(UNIT, MINE, {"note": "抢在恢复前"}, source="tui"))
            return line

        monkeypatch.setattr(backup_module, "keep_action_ids", keep_then_write)
        ok(invoke("restore", saved, "--db", work_db))
        after = app.set_fields(UNIT, THEIRS, {"note": "恢复后"}, source="cli")
    assert raced and after > raced[0]
    with closing(sqlite3.connect(work_db)) as conn:
        assert conn.execute("SELECT count(*) FROM history WHERE action_id = ?", (raced[0],)).fetchone()[0] == 0
