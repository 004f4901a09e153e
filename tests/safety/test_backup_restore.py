"""Backup and restore (issue point 5).

`gongkai-tui backup [PATH]` is SQLite's online backup: safe while the TUI is open or
another connection is in the middle of a write, never overwrites a file, and is checked
before it gets its name. `gongkai-tui restore PATH` checks the file first, copies it INTO
the live database under its write lock (safe while the TUI is open: see
tests/safety/test_restore_live.py), and keeps the replaced content as `<db>.replaced-<time>`.

Would fail without the safeguard:
- a plain file copy instead of the online backup → misses the commits still in the WAL
  (the committed change below lives only in `-wal` when the backup runs);
- no existence check → an existing file is overwritten;
- no integrity check on restore → the damaged file replaces the working database;
- replacing the file instead of copying into it → the open TUI keeps writing into the
  replaced (unlinked) file.
"""

from __future__ import annotations

import random
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tui.store import Store
from tui.store.schema import SCHEMA_VERSION

from .conftest import UNIT, assert_user_error, damage_pages, integrity, invoke, listing, ok, query, snapshot

REPLACED = re.compile(r"work\.sqlite\.replaced-\d{8}-\d{6}(-\d+)?")
DEFAULT_BACKUP = re.compile(r"work-备份-\d{8}-\d{6}(-\d+)?\.sqlite")


def backup_path_from(result) -> Path:
    out = ok(result).stdout.strip()
    assert out.startswith("已备份到:"), out
    return Path(out.removeprefix("已备份到:"))


def test_backup_during_another_write_transaction(work_db, tmp_path, user):
    with Store(work_db) as tui:  # the TUI is open, and has written
        tui.set_status(UNIT, ["1.1.3-1"], "推进中", source="tui")
        assert Path(f"{work_db}-wal").stat().st_size > 0  # the commit is still only in the WAL
        committed = snapshot(work_db)
        with Store(work_db) as writer:  # another process in the middle of an action
            writer.conn.execute("BEGIN IMMEDIATE")
            writer.conn.execute("UPDATE progress SET status='已完成', note='未提交' WHERE item_id='1.1.3-1'")
            writer.conn.execute(
                "INSERT INTO history (doc, action_id, unit, item_id, field, old, new) "
                "VALUES (1, 99, ?, '1.1.3-1', 'status', '推进中', '已完成')",
                (UNIT,),
            )
            reader = sqlite3.connect(work_db)  # and a reader with an open read transaction
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM progress").fetchone()

            target = tmp_path / "备份 2021" / "进度.sqlite"
            target.parent.mkdir()
            written = backup_path_from(invoke("backup", target, "--db", work_db))

            reader.execute("COMMIT")
            reader.close()
            writer.conn.execute("COMMIT")
    assert written == target.resolve()
    assert snapshot(target) == committed  # the committed change in, the uncommitted one not
    assert query(target, "SELECT status, note FROM progress") == [("推进中", None)]
    assert query(target, "PRAGMA journal_mode") == [("delete",)]  # one self-contained file
    assert integrity(target) == "ok"
    assert listing(target.parent) == ["进度.sqlite"]  # no temporary file left
    # the writer's commit went to the working database, not the backup
    assert query(work_db, "SELECT status, note FROM progress") == [("已完成", "未提交")]


def test_backup_default_name_and_never_overwrites(work_db, tmp_path):
    first = backup_path_from(invoke("backup", "--db", work_db))
    second = backup_path_from(invoke("backup", "--db", work_db))  # within the same second
    assert first != second
    for path in (first, second):
        assert path.parent == tmp_path and DEFAULT_BACKUP.fullmatch(path.name), path.name
        assert snapshot(path) == snapshot(work_db)

    existing = tmp_path / "已有的文件.sqlite"
    existing.write_bytes(b"do not overwrite me")
    assert_user_error(invoke("backup", existing, "--db", work_db), "已存在,不会覆盖")
    assert existing.read_bytes() == b"do not overwrite me"
    assert_user_error(invoke("backup", tmp_path / "没有的目录" / "b.sqlite", "--db", work_db), "目录不存在")
    assert not (tmp_path / "没有的目录").exists()
    assert sorted(listing(tmp_path)) == sorted(["work.sqlite", first.name, second.name, existing.name])


def other_sqlite(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()


def newer_copy(src: Path, path: Path) -> None:
    path.write_bytes(src.read_bytes())
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()


BAD_BACKUPS = {
    "truncated": (lambda src, p: p.write_bytes(src.read_bytes()[: len(src.read_bytes()) // 2]), "不是可用的"),
    "header-only": (lambda src, p: p.write_bytes(src.read_bytes()[:100]), "不是可用的"),
    "damaged-pages": (lambda src, p: p.write_bytes(damage_pages(src.read_bytes())), ""),
    "random-bytes": (lambda src, p: p.write_bytes(random.Random(1).randbytes(64 * 1024)), "不是可用的"),
    "text": (lambda src, p: p.write_text("这不是数据库\n" * 100, encoding="utf-8"), "不是可用的"),
    "empty": (lambda src, p: p.write_bytes(b""), "不是 gongkai-tui 的数据库"),
    "other-sqlite": (lambda src, p: other_sqlite(p), "不是 gongkai-tui 的数据库"),
    "newer-version": (newer_copy, f"数据库版本为 {SCHEMA_VERSION + 1}"),
}


@pytest.mark.parametrize("kind", BAD_BACKUPS)
def test_restore_refuses_a_bad_file_and_changes_nothing(work_db, tmp_path, kind, user):
    ok(invoke("done", "1.1.3-1", "--unit", UNIT, "--db", work_db))
    good = backup_path_from(invoke("backup", tmp_path / "good.sqlite", "--db", work_db))
    make, fragment = BAD_BACKUPS[kind]
    bad = tmp_path / f"{kind}.sqlite"
    make(good, bad)
    ok(invoke("status", "1.1.3-2", "推进中", "--unit", UNIT, "--db", work_db))
    before, data, bad_data, files = snapshot(work_db), work_db.read_bytes(), bad.read_bytes(), listing(tmp_path)

    message = assert_user_error(invoke("restore", bad, "--db", work_db), "未做任何改动", fragment)
    assert str(bad) in message
    assert work_db.read_bytes() == data and snapshot(work_db) == before
    assert bad.read_bytes() == bad_data
    assert listing(tmp_path) == files  # no .replaced- file, no temporary file


def test_restore_of_a_missing_file(work_db, tmp_path):
    data = work_db.read_bytes()
    assert_user_error(invoke("restore", tmp_path / "没有.sqlite", "--db", work_db), "找不到要恢复的文件")
    assert work_db.read_bytes() == data
    assert listing(tmp_path) == ["work.sqlite"]


def test_restore_replaces_and_keeps_the_replaced_file(work_db, tmp_path, user):
    ok(invoke("done", "1.1.3-1", "--unit", UNIT, "-e", "https://www.cqyz.gov.cn/a", "--db", work_db))
    saved = backup_path_from(invoke("backup", tmp_path / "saved.sqlite", "--db", work_db))
    state_a = snapshot(saved)
    ok(invoke("status", "1.1.3-2", "推进中", "--unit", UNIT, "--db", work_db))
    with Store(work_db) as store:  # a last change still in the WAL when restore runs
        store.set_fields(UNIT, "1.1.3-2", {"note": "恢复前最后一笔"})
        state_b = snapshot(work_db)
        assert Path(f"{work_db}-wal").stat().st_size > 0
    assert state_a != state_b

    out = ok(invoke("restore", saved, "--db", work_db)).stdout
    kept = [p for p in tmp_path.iterdir() if REPLACED.fullmatch(p.name)]
    assert len(kept) == 1, listing(tmp_path)
    assert f"已恢复 {work_db}" in out and str(kept[0]) in out
    # the backup's data, and one history line recording the restore above the 3 action ids
    # the replaced database used (so that none is given out again: restore_data.py)
    restored = snapshot(work_db)
    marks = [h for h in restored["history"] if h[7] == "restore"]
    assert [(h[2], h[5], h[6]) for h in marks] == [(4, None, None)]
    assert {**restored, "history": [h for h in restored["history"] if h not in marks]} == state_a
    assert snapshot(kept[0]) == state_b  # everything the replaced database held, WAL included
    assert integrity(work_db) == "ok" and integrity(kept[0]) == "ok"
    assert not Path(f"{work_db}-wal").exists() or Path(f"{work_db}-wal").stat().st_size == 0
    assert not [n for n in listing(tmp_path) if n.startswith(".")]  # no temporary file left
    # the restored database works, and a second restore keeps a second file
    ok(invoke("status", "1.1.5-1", "推进中", "--unit", UNIT, "--db", work_db))
    ok(invoke("restore", saved, "--db", work_db))
    assert len([p for p in tmp_path.iterdir() if REPLACED.fullmatch(p.name)]) == 2


def test_restore_while_the_database_is_open(work_db, tmp_path, user):
    """Restore copies into the live database: the open TUI sees the restored content on
    its next read, and what it writes next lands in the working database."""
    saved = backup_path_from(invoke("backup", tmp_path / "saved.sqlite", "--db", work_db))
    with Store(work_db) as tui:  # an idle TUI: open, no transaction
        tui.set_status(UNIT, ["1.1.3-1"], "推进中", source="tui")
        before, seen = snapshot(work_db), tui.data_version()
        out = ok(invoke("restore", saved, "--db", work_db)).stdout
        [kept] = [p for p in tmp_path.iterdir() if REPLACED.fullmatch(p.name)]
        assert str(kept) in out and snapshot(kept) == before  # the TUI's write is kept
        assert tui.data_version() != seen  # the TUI's change detection fires
        assert tui.entry(UNIT, "1.1.3-1").status == "未开始"  # and it reads the restored content
        tui.set_status(UNIT, ["1.1.3-2"], "推进中", source="tui")
    assert query(work_db, "SELECT item_id FROM progress") == [("1.1.3-2",)]
    assert integrity(work_db) == "ok"


def test_restore_over_a_damaged_database_keeps_its_bytes(work_db, tmp_path, user):
    saved = backup_path_from(invoke("backup", tmp_path / "saved.sqlite", "--db", work_db))
    broken = damage_pages(work_db.read_bytes())
    work_db.write_bytes(broken)
    assert_user_error(invoke("list", "--unit", UNIT, "--db", work_db), "已损坏")
    ok(invoke("restore", saved, "--db", work_db))
    [kept] = [p for p in tmp_path.iterdir() if REPLACED.fullmatch(p.name)]
    assert kept.read_bytes() == broken  # kept as it was, for whoever wants to look into it
    assert snapshot(work_db) == snapshot(saved)
    ok(invoke("list", "--unit", UNIT, "--db", work_db))


def test_backup_of_a_damaged_database_is_refused(work_db, tmp_path):
    work_db.write_bytes(damage_pages(work_db.read_bytes()))
    data = work_db.read_bytes()
    assert_user_error(invoke("backup", tmp_path / "b.sqlite", "--db", work_db), "没有写出备份文件")
    assert work_db.read_bytes() == data
    assert listing(tmp_path) == ["work.sqlite"]
