"""Messages that told the wrong story: a full disk blamed on file locks on a network share, the
locked database said twice and ending in English, an export folder that does not exist accepted,
the CLI export writing to ./exports whatever the setting. Each checked for its exact Chinese
text and for no English."""

from __future__ import annotations

import errno
import json
import re
import shutil
import sqlite3
import tempfile
from collections import namedtuple
from contextlib import closing
from pathlib import Path

import pytest

import tui.store.db as db_module
from tui.errors_text import chinese
from tui.store.errors import explain

from tests.cli_helpers import assert_user_error, invoke, ok

SHMSIZE = 10 | (19 << 8)  # SQLITE_IOERR_SHMSIZE: what SQLite says when the -shm file cannot grow
Usage = namedtuple("Usage", "total used free")


def sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    e = sqlite3.OperationalError(message)
    e.sqlite_errorcode = code
    return e


def no_english(text: str) -> None:
    """No English words once paths and option names are taken out."""
    text = re.sub(r"\S*/\S*", " ", text)
    text = re.sub(r"(?<![\w-])-{1,2}[a-z][a-z-]*", " ", text)
    for word in ("gongkai-tui", "settings", "SQLite", "xlsx"):
        text = text.replace(word, " ")
    assert not re.findall(r"[A-Za-z]{2,}", text), text


@pytest.fixture
def full_disk(monkeypatch):
    """Every disk reports no space left (a real full disk needs a mount the tests cannot make)."""
    real = shutil.disk_usage

    def usage(path):
        real(path)  # a missing path still fails as it would
        return Usage(20 * 2**20, 20 * 2**20, 0)

    monkeypatch.setattr(shutil, "disk_usage", usage)


# -- a full disk -----------------------------------------------------------------------------


def full_disk_text(folder: Path) -> str:
    return f"磁盘已满:{folder} 所在的磁盘没有剩余空间,数据库没有改动;请删除或移走这块磁盘上不需要的文件、腾出空间后再试"


def test_a_full_disk_is_not_blamed_on_file_locks(tmp_path, full_disk):
    text = explain(sqlite_error("disk I/O error", SHMSIZE), tmp_path / "work.sqlite")
    assert text == full_disk_text(tmp_path)
    no_english(text)


def test_a_shm_that_cannot_grow_says_disk_even_without_a_path():
    text = explain(sqlite_error("disk I/O error", SHMSIZE))
    assert text == (
        "无法扩大数据库旁的 -shm 文件:多半是磁盘已满(或超出磁盘配额),没有写入;"
        "请删除或移走不需要的文件、腾出磁盘空间后再试"
    )
    assert "文件锁" not in text and "网络共享" not in text


def test_sqlite_full_says_what_to_do():
    assert explain(sqlite_error("database or disk is full", 13)) == (
        "磁盘已满(或文件超出大小限制),没有写入;请删除或移走不需要的文件、腾出磁盘空间后再试"
    )


def test_a_write_on_a_full_disk_says_the_disk_is_full(work_db, full_disk, monkeypatch):
    def shm_cannot_grow(conn, path):
        raise sqlite_error("disk I/O error", SHMSIZE)

    monkeypatch.setattr(db_module, "damage_problem", shm_cannot_grow)
    before = work_db.read_bytes()
    message = assert_user_error(invoke("done", "1.1.3-1", "--unit", "渝中区", "--db", work_db))
    assert message == f"错误:无法使用数据库 {work_db}:{full_disk_text(work_db.parent)}\n"
    no_english(message)
    assert work_db.read_bytes() == before


class ShmFails:
    """A connection whose first read fails as on a full disk (the -shm file cannot grow)."""

    closed = False

    def execute(self, sql):
        raise sqlite_error("disk I/O error", SHMSIZE)

    def close(self):
        self.closed = True


def test_reading_on_a_full_disk_still_works_when_every_commit_is_in_the_file(work_db, full_disk):
    failing = ShmFails()
    conn = db_module.read_on_a_full_disk(failing, work_db, 1000)
    assert failing.closed
    with closing(conn):
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] > 0


def test_reading_on_a_full_disk_with_uncommitted_wal_is_refused(work_db, full_disk):
    Path(f"{work_db}-wal").write_bytes(b"x" * 100)
    with pytest.raises(sqlite3.OperationalError):
        db_module.read_on_a_full_disk(ShmFails(), work_db, 1000)


def test_export_onto_a_full_disk_says_so_and_writes_nothing(work_db, tmp_path, full_disk):
    out = tmp_path / "out" / "清单.xlsx"
    out.parent.mkdir()
    message = assert_user_error(invoke("export", "--unit", "渝中区", "--db", work_db, "-o", out))
    assert message == (
        f"错误:磁盘已满:{out.parent} 所在的磁盘没有剩余空间,工作簿没有写出;"
        "请删除或移走不需要的文件、腾出空间后再试,或用 -o 写到另一块磁盘上\n"
    )
    assert list(out.parent.iterdir()) == []


def test_export_running_out_of_space_half_way_says_so(work_db, tmp_path, monkeypatch):
    import tui.workbook.service as service

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "清单.xlsx"))

    monkeypatch.setattr(service, "write_checklist", no_space)
    message = assert_user_error(invoke("export", "--unit", "渝中区", "--db", work_db, "-o", tmp_path / "清单.xlsx"))
    assert message == (
        f"错误:磁盘已满:{tmp_path} 所在的磁盘没有足够的空间,工作簿没有写出;"
        "请删除或移走不需要的文件、腾出空间后再试,或用 -o 写到另一块磁盘上\n"
    )


def test_export_into_a_read_only_folder_says_so(work_db, tmp_path, monkeypatch):
    real = tempfile.NamedTemporaryFile
    folder = tmp_path / "只读"
    folder.mkdir()

    def read_only(*args, dir=None, **kwargs):
        if dir is not None and Path(dir) == folder:
            raise OSError(errno.EROFS, "Read-only file system", str(folder))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", read_only)
    message = assert_user_error(invoke("export", "--unit", "渝中区", "--db", work_db, "-o", folder / "清单.xlsx"))
    assert message == (
        f"错误:导出文件夹 {folder} 不能写入(只读的磁盘或文件夹),工作簿没有写出;请用 -o 指定能写入的文件夹,"
        "或用 gongkai-tui settings 导出文件夹 <文件夹> 设置默认的导出文件夹\n"
    )
    no_english(message)
    assert list(folder.iterdir()) == []


# -- the locked database ---------------------------------------------------------------------


def test_the_locked_database_is_said_once_in_chinese(work_db, monkeypatch):
    monkeypatch.setenv("GONGKAI_BUSY_TIMEOUT_MS", "50")
    ok(invoke("status", "1.1.3-2", "推进中", "--unit", "渝中区", "--db", work_db))  # WAL from now on
    with closing(sqlite3.connect(work_db, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        result = invoke("done", "1.1.3-1", "--unit", "渝中区", "--db", work_db)
        other.execute("ROLLBACK")
    message = assert_user_error(result)
    assert message == "错误:数据库正忙:另一个界面或命令正在写入,请稍后再试,未写入任何更改\n"
    no_english(message)


def test_opening_the_app_on_a_locked_database_says_so_in_chinese(work_db, monkeypatch, capsys):
    import tui.store as store_module
    from tui.launch import open_app

    def locked(*args, **kwargs):
        raise sqlite_error("database is locked", 5)

    monkeypatch.setattr(store_module, "Store", locked)
    assert open_app("渝中区", str(work_db)) == 2
    assert capsys.readouterr().err == "错误:数据库错误,未写入任何更改:数据库正忙:另一个界面或命令正在写入,请稍后再试\n"


def test_the_apps_chinese_pass_does_not_say_busy_twice():
    text = explain(sqlite_error("database is locked", 5))
    assert text == "数据库正忙:另一个界面或命令正在写入,请稍后再试"
    assert chinese(text) == text


# -- the export folder -------------------------------------------------------------------------


def settings_file(tmp_path) -> Path:
    return tmp_path / "settings.json"


@pytest.fixture
def own_settings(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("GONGKAI_SETTINGS", str(settings_file(tmp_path)))
    return settings_file(tmp_path)


@pytest.mark.parametrize("kind", ["missing", "file", "unwritable"])
def test_an_export_folder_that_cannot_be_used_is_refused(tmp_path, own_settings, kind):
    path = {"missing": tmp_path / "没有这个文件夹", "file": tmp_path / "a.txt", "unwritable": Path("/sys")}[kind]
    if kind == "file":
        path.write_text("x", encoding="utf-8")
    reason = {"missing": "不存在", "file": "不是文件夹", "unwritable": "不能写入(没有权限)"}[kind]
    message = assert_user_error(invoke("settings", "导出文件夹", path))
    assert message == f"错误:导出文件夹 {path} {reason}:请写一个已有的、能写入的文件夹,设置未改动\n"
    assert not own_settings.exists()


def test_an_export_folder_is_kept_absolute(tmp_path, own_settings, monkeypatch):
    (tmp_path / "exports-here").mkdir()
    monkeypatch.chdir(tmp_path)
    ok(invoke("settings", "导出文件夹", "exports-here"))
    assert json.loads(own_settings.read_text(encoding="utf-8"))["export_folder"] == str(tmp_path / "exports-here")


def test_cli_export_uses_the_export_folder_setting(work_db, tmp_path, own_settings, monkeypatch):
    folder = tmp_path / "导出"
    folder.mkdir()
    ok(invoke("settings", "导出文件夹", folder))
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    written = Path(ok(invoke("export", "--unit", "渝中区", "--db", work_db)).stdout.strip())
    assert written.parent == folder and written.is_file()
    assert list(elsewhere.iterdir()) == []  # was: ./exports


def test_cli_export_refuses_a_setting_whose_folder_is_gone(work_db, tmp_path, own_settings, monkeypatch):
    folder = tmp_path / "导出"
    folder.mkdir()
    ok(invoke("settings", "导出文件夹", folder))
    folder.rmdir()
    monkeypatch.chdir(tmp_path)
    message = assert_user_error(invoke("export", "--unit", "渝中区", "--db", work_db))
    assert message == (
        f"错误:设置项「导出文件夹」的 {folder} 不存在(或不是文件夹);请建好它,"
        "或用 gongkai-tui settings 导出文件夹 <文件夹> 改设,或用 -o 指定导出文件\n"
    )
    assert not folder.exists() and not (tmp_path / "exports").exists()
