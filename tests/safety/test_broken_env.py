"""Broken environments (issue point 6): a damaged database, a read-only file or
directory, a missing directory, a full disk, a database built from another document.
Each gives a clear Chinese message, exit code 2, and changes nothing.

How each condition is made real:
- damage: bytes of a real working database truncated or overwritten;
- read-only: chmod 0444 / 0555, with the CLI run in a child process that has no
  capabilities (`without_privileges`): the tests run as root here, and root ignores file
  modes, so a plain chmod would prove nothing. `permissions_bite` checks the setup first;
- full disk: the child runs with RLIMIT_FSIZE set low (SIGXFSZ ignored), so every write
  past the limit fails with EFBIG, as on a full disk. The TUI is usually open, so a
  connection in this process keeps the WAL files in place while the child writes.

Without the safeguards: SQLite writes into a damaged file when the damaged pages are not
on its path (the quick_check in connect() stops that); a second ROLLBACK after SQLite
rolled back a failed commit used to replace the disk-full error by "cannot rollback";
read-only and full-disk errors used to say "可能已损坏".
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from benchmarks.synthetic import make_document
from tui.store import Store

from .conftest import (
    UNIT,
    assert_child_user_error,
    assert_user_error,
    damage_pages,
    integrity,
    invoke,
    listing,
    ok,
    permissions_bite,
    query,
    run_cli,
    snapshot,
    without_privileges,
)

AS_OF = "2021-06-01"


def set_journal(db: Path, mode: str) -> None:
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute(f"PRAGMA journal_mode = {mode}").fetchone()[0] == mode


def assert_untouched(db: Path, data: bytes, files: list[str]) -> None:
    """The file's bytes are the same, and nothing was created next to it — except, for a
    WAL file opened read-only, SQLite's reader files, with no content in the -wal."""
    assert db.read_bytes() == data
    extra = set(listing(db.parent)) - set(files)
    allowed = {f"{db.name}-wal", f"{db.name}-shm"} if data[18:20] == b"\x02\x02" else set()
    assert extra <= allowed, extra
    wal = Path(f"{db}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


# -- damaged databases -------------------------------------------------------------------


def truncate(fraction: float):
    return lambda data: data[: int(len(data) * fraction)]


DAMAGE = {
    "truncated-half": (truncate(0.5), "不是可用的 SQLite 数据库"),
    "truncated-1000-bytes": (lambda data: data[:1000], "不是可用的 SQLite 数据库"),
    "damaged-pages": (damage_pages, "已损坏"),
    "random-bytes": (lambda data: random.Random(7).randbytes(len(data)), "不是可用的 SQLite 数据库"),
    "text-file": (lambda data: "政务公开任务清单\n".encode("utf-8") * 2000, "不是可用的 SQLite 数据库"),
    "empty-file": (lambda data: b"", "不是 gongkai-tui 的数据库"),
}
COMMANDS = [
    ["list", "--unit", UNIT],
    ["units"],
    ["dump", "--json"],
    ["review", "--unit", "市发展改革委"],
    ["done", "1.1.3-1", "--unit", UNIT, "-e", "https://www.cqyz.gov.cn/a", "--note", "不应写入"],
    ["status", "1.1.3-1", "推进中", "--unit", UNIT],
    ["export", "--unit", UNIT, "--as-of", AS_OF],
    ["backup"],
]


@pytest.mark.parametrize("journal", ["delete", "wal"])
@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_database(work_db, tmp_path, monkeypatch, kind, journal, user):
    monkeypatch.chdir(tmp_path)  # `export` would write ./exports
    ok(invoke("done", "1.1.3-2", "--unit", UNIT, "--db", work_db))  # some progress to lose
    set_journal(work_db, journal)
    damage, fragment = DAMAGE[kind]
    work_db.write_bytes(damage(work_db.read_bytes()))
    data, files = work_db.read_bytes(), listing(tmp_path)
    for args in COMMANDS:
        message = assert_user_error(invoke(*args, "--db", work_db))
        if args[0] != "backup":
            assert fragment in message, (args, message)
        else:
            assert "没有写出备份文件" in message, message
        assert_untouched(work_db, data, files)
    assert not (tmp_path / "exports").exists()


def test_damage_found_before_anything_is_written(work_db, user):
    """The `repairs` table damaged, everything `done` reads and writes intact: SQLite alone
    lets the write through (shown on a copy); connect()'s quick_check refuses first."""
    root = query(work_db, "SELECT rootpage FROM sqlite_master WHERE name='repairs'")[0][0]
    data = bytearray(work_db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    start = (root - 1) * page
    data[start : start + page] = random.Random(3).randbytes(page)
    work_db.write_bytes(bytes(data))
    with pytest.raises(sqlite3.DatabaseError):
        query(work_db, "SELECT * FROM repairs")
    copy = work_db.with_name("copy.sqlite")
    copy.write_bytes(bytes(data))
    with closing(sqlite3.connect(copy)) as conn:
        conn.execute("INSERT INTO progress (doc, item_id, unit, status) VALUES (1, '1.1.3-1', ?, '已完成')", (UNIT,))
        conn.commit()
    assert copy.read_bytes() != bytes(data)
    assert_user_error(invoke("done", "1.1.3-1", "--unit", UNIT, "--db", work_db), "损坏", "未做任何改动", "restore")
    assert work_db.read_bytes() == bytes(data)


# -- read-only file or directory -----------------------------------------------------------


@pytest.fixture
def restricted(tmp_path):
    assert permissions_bite(tmp_path), "a child without capabilities must be refused a 0444 file"
    folders = []
    yield folders
    for folder in folders:  # let tmp_path be cleaned up
        folder.chmod(0o755)


def child(*args, cwd: Path, **kw):
    return run_cli(*args, cwd=cwd, preexec_fn=without_privileges, **kw)


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_read_only_file(work_db, tmp_path, restricted, journal, user):
    ok(invoke("done", "1.1.3-2", "--unit", UNIT, "--db", work_db))
    set_journal(work_db, journal)
    work_db.chmod(0o444)
    before, data = snapshot(work_db), work_db.read_bytes()
    proc = child("done", "1.1.3-1", "--unit", UNIT, "--note", "写不进去", "--db", work_db, cwd=tmp_path)
    assert_child_user_error(proc, "只读", "未保存任何更改")
    proc = child("status", "1.1.3-1", "推进中", "--unit", UNIT, "--db", work_db, cwd=tmp_path)
    assert_child_user_error(proc, "只读")
    assert work_db.read_bytes() == data and snapshot(work_db) == before
    # reading a read-only file is fine
    listed = child("list", "--unit", UNIT, "--db", work_db, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "[已完成] 1.1.3-2" in listed.stdout


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_read_only_directory(work_db, tmp_path, restricted, journal, user):
    folder = tmp_path / "只读目录"
    folder.mkdir()
    db = folder / "tasks.sqlite"
    shutil.move(work_db, db)
    ok(invoke("done", "1.1.3-2", "--unit", UNIT, "--db", db))
    set_journal(db, journal)
    before, data = snapshot(db), db.read_bytes()
    for name in ("tasks.sqlite-wal", "tasks.sqlite-shm"):  # the snapshot's reader files (no content)
        (folder / name).unlink(missing_ok=True)
    assert listing(folder) == ["tasks.sqlite"]  # with existing WAL files a read-only folder would not stop writes
    folder.chmod(0o555)
    restricted.append(folder)

    proc = child("done", "1.1.3-1", "--unit", UNIT, "--db", db, cwd=tmp_path)
    assert_child_user_error(proc, "只读")
    proc = child("backup", "--db", db, cwd=tmp_path)  # the default backup goes next to the database
    assert_child_user_error(proc, "没有写出备份文件", "不可写")
    saved = tmp_path / "saved.sqlite"
    shutil.copyfile(db, saved)
    proc = child("restore", saved, "--db", db, cwd=tmp_path)
    assert_child_user_error(proc, "原数据库未改动")
    listed = child("list", "--unit", UNIT, "--db", db, cwd=tmp_path)
    # a WAL reader needs a -shm file next to the database: with none, and no -wal (no
    # writer), the file is read as immutable (tests/safety/test_truthful_messages.py)
    assert listed.returncode == 0, listed.stderr
    assert "[已完成] 1.1.3-2" in listed.stdout
    assert listing(folder) == ["tasks.sqlite"]
    assert db.read_bytes() == data and snapshot(db) == before


def test_backup_into_a_read_only_directory(work_db, tmp_path, restricted):
    target_dir = tmp_path / "备份"
    target_dir.mkdir()
    target_dir.chmod(0o555)
    restricted.append(target_dir)
    proc = child("backup", target_dir / "b.sqlite", "--db", work_db, cwd=tmp_path)
    assert_child_user_error(proc, "没有写出备份文件")
    assert listing(target_dir) == []


# -- missing directory ------------------------------------------------------------------------


def test_missing_directory(work_db, tmp_path, monkeypatch):
    missing = tmp_path / "没有的目录"
    data = work_db.read_bytes()
    assert_user_error(invoke("done", "1.1.3-1", "--unit", UNIT, "--db", missing / "tasks.sqlite"), "目录不存在")
    monkeypatch.setenv("GONGKAI_DB", str(missing / "tasks.sqlite"))
    assert_user_error(invoke("list", "--unit", UNIT), "目录不存在")
    assert_user_error(invoke("backup"), "目录不存在")
    assert_user_error(invoke("restore", work_db), "目录不存在")
    assert_user_error(invoke("backup", missing / "b.sqlite", "--db", work_db), "目录不存在")
    assert_user_error(invoke("migrate-progress", work_db, missing / "new.sqlite"), "找不到数据库")
    assert_user_error(invoke("migrate-progress", missing / "old.sqlite", work_db), "找不到数据库")
    assert not missing.exists()
    assert work_db.read_bytes() == data
    assert listing(tmp_path) == ["work.sqlite"]


# -- full disk ---------------------------------------------------------------------------------


def file_size_limit(limit: int):
    """preexec_fn: writes past `limit` bytes fail with EFBIG, as on a full disk (POSIX)."""
    import resource

    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the first such write kills the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def full(*args, cwd: Path, limit: int):
    return run_cli(*args, cwd=cwd, preexec_fn=file_size_limit(limit))


def test_full_disk_while_the_tui_is_open(work_db, tmp_path, user):
    ok(invoke("done", "1.1.3-2", "--unit", UNIT, "--db", work_db))
    with Store(work_db) as tui:  # keeps -wal and -shm in place
        tui.checklist(UNIT)
        before = snapshot(work_db)
        proc = full("done", "1.1.3-1", "--unit", UNIT, "--note", "磁盘满了", "--db", work_db, cwd=tmp_path, limit=1)
        message = assert_child_user_error(proc, "磁盘", "未保存任何更改")
        assert "cannot rollback" not in message  # the real cause, not a follow-up error
        assert snapshot(work_db) == before

        # a big change that fits only in part: some WAL frames are written, then the disk is full
        wal_size = Path(f"{work_db}-wal").stat().st_size
        # 45 long evidence URLs (notes are limited to 2,000 characters): about 85 KB, 21 pages
        urls = [a for n in range(45) for a in ("--evidence", f"https://www.cqyz.gov.cn/{n}/" + "a" * 1_900)]
        proc = full("done", "1.1.3-1", "--unit", UNIT, *urls, "--db", work_db, cwd=tmp_path, limit=wal_size + 16 * 1024)
        assert_child_user_error(proc, "磁盘", "未保存任何更改")
        assert snapshot(work_db) == before
        assert tui.entry(UNIT, "1.1.3-1").status == "未开始"  # the open TUI sees no half change
        tui.set_status(UNIT, ["1.1.5-1"], "推进中", source="tui")  # and can still write
    assert integrity(work_db) == "ok"  # after the last connection closed (checkpoint)
    after = snapshot(work_db)
    assert len(after["history"]) == len(before["history"]) + 1
    assert query(work_db, "SELECT note FROM progress WHERE item_id='1.1.3-1'") == []
    proc = run_cli("done", "1.1.3-1", "--unit", UNIT, "--db", work_db, cwd=tmp_path)  # room again
    assert proc.returncode == 0, proc.stderr


def test_full_disk_at_open(work_db, tmp_path, user):
    ok(invoke("done", "1.1.3-2", "--unit", UNIT, "--db", work_db))  # WAL mode, closed
    before, files = snapshot(work_db), listing(tmp_path)
    proc = full("done", "1.1.3-1", "--unit", UNIT, "--db", work_db, cwd=tmp_path, limit=1)
    message = assert_child_user_error(proc, "磁盘")
    assert "可能已损坏" not in message  # a full disk is not a damaged database
    assert snapshot(work_db) == before and integrity(work_db) == "ok"
    assert set(listing(tmp_path)) - set(files) <= {"work.sqlite-wal", "work.sqlite-shm"}


def test_full_disk_during_backup_build_and_migrate(work_db, tmp_path, source_text, user):
    ok(invoke("done", "1.1.3-2", "--unit", UNIT, "--db", work_db))
    limit = 64 * 1024  # the database is several times larger
    target = tmp_path / "backup.sqlite"
    proc = full("backup", target, "--db", work_db, cwd=tmp_path, limit=limit)
    assert_child_user_error(proc, "没有写出备份文件", "磁盘")
    assert not target.exists()

    out = tmp_path / "built.sqlite"
    source = tmp_path / "source.txt"
    source.write_text(source_text, encoding="utf-8")
    ok(invoke("build-db", source, "-o", out))
    built = out.read_bytes()
    proc = full("build-db", source, "-o", out, cwd=tmp_path, limit=limit)
    assert_child_user_error(proc, "磁盘")
    assert out.read_bytes() == built

    new_before = snapshot(out)
    with Store(out) as tui, Store(work_db) as old:  # both open: their WAL files exist, the commit fails
        tui.checklist(UNIT), old.checklist(UNIT)
        proc = full("migrate-progress", work_db, out, cwd=tmp_path, limit=1)
        assert_child_user_error(proc, "迁移进度失败,新数据库未改动", "磁盘")
        assert snapshot(out) == new_before
    assert sorted(listing(tmp_path)) == sorted(["work.sqlite", "source.txt", "built.sqlite"])  # no leftovers
    assert integrity(out) == "ok" and snapshot(out) == new_before


# -- a database built from another document ------------------------------------------------------


@pytest.fixture
def other_db(tmp_path) -> Path:
    """A small 任务分工 of another year (synthetic: 渝府办发〔2099〕1号), built with build-db."""
    source = tmp_path / "other.txt"
    source.write_text(
        make_document(3, items=12, items_per_row=3, rows_per_subsection=2, subsections=2), encoding="utf-8"
    )
    db = tmp_path / "other.sqlite"
    ok(invoke("build-db", source, "-o", db))
    return db


def test_database_of_another_document(other_db, work_db, user):
    other = ok(invoke("dump", "--json", "--db", other_db)).stdout
    assert "渝府办发〔2099〕1号" in other
    own = ok(invoke("list", "--unit", UNIT, "--json", "--db", other_db)).stdout
    own_ids = [e["id"] for e in json.loads(own)]
    assert own_ids
    # its own items work
    ok(invoke("done", own_ids[0], "--unit", UNIT, "-e", "https://www.cqyz.gov.cn/2099", "--db", other_db))
    assert query(other_db, "SELECT item_id, status FROM progress") == [(own_ids[0], "已完成")]
    before = snapshot(other_db)
    # an item of the 2021 document that this one does not have
    ids_2021 = {i for (i,) in query(work_db, "SELECT id FROM items")}
    ids_other = {i for (i,) in query(other_db, "SELECT id FROM items")}
    missing = sorted(ids_2021 - ids_other)[0]
    assert_user_error(invoke("done", missing, "--unit", UNIT, "--db", other_db), f"没有编号为「{missing}」的条目")
    assert_user_error(invoke("status", missing, "推进中", "--unit", UNIT, "--db", other_db), "没有编号为")
    # a unit the 2021 document names and this one does not
    units_2021 = {u for (u,) in query(work_db, "SELECT name FROM units")}
    units_other = {u for (u,) in query(other_db, "SELECT name FROM units")}
    stranger = sorted(units_2021 - units_other)[0]
    assert_user_error(invoke("list", "--unit", stranger, "--db", other_db), f"未知单位「{stranger}」")
    assert snapshot(other_db) == before
