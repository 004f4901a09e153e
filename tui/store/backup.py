"""Backup and restore of the working database (SQLite online backup: safe while the TUI is open)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

from .db import free_path, sqlite_copy, sqlite_uri
from .errors import StoreError, explain, is_busy
from .schema import SCHEMA_VERSION


def default_backup_path(db: Path, now: dt.datetime | None = None) -> Path:
    """`<名称>-备份-<时间><后缀>` next to the database; a name not taken yet."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return free_path(lambda n: db.with_name(f"{db.stem}-备份-{stamp}{n}{db.suffix}"))


def integrity_problem(path: Path, newest: int | None = None) -> str | None:
    """None when `path` is a sound gongkai-tui database (of version `newest` at most,
    when given), else what is wrong."""
    try:
        conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        return f"不是可用的 SQLite 数据库:{e}"
    if result != "ok":
        return f"完整性检查未通过:{result}"
    if not {"document", "items", "progress", "history"} <= tables:
        return "不是 gongkai-tui 的数据库"
    if newest is not None and version > newest:
        return f"的数据库版本为 {version},本程序只支持到版本 {newest}"
    return None


def backup(db: Path, target: Path) -> Path:
    """Copy the live database to `target` (a new file; written whole and checked, or not at all)."""
    if target.exists():
        raise StoreError(f"备份文件已存在,不会覆盖:{target}")
    if not target.parent.is_dir():
        raise StoreError(f"目录不存在:{target.parent}")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        sqlite_copy(db, tmp, single_file=True, timeout=10)
        problem = integrity_problem(tmp)
        if problem:
            raise StoreError(f"数据库 {db} {problem},没有写出备份文件")
        if target.exists():  # created meanwhile: still never overwritten
            raise StoreError(f"备份文件已存在,不会覆盖:{target}")
        os.replace(tmp, target)
    except (sqlite3.Error, OSError) as e:
        tmp.unlink(missing_ok=True)
        reason = explain(e) if isinstance(e, sqlite3.Error) else (e.strerror or str(e))
        raise StoreError(f"备份失败,没有写出备份文件:{reason}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _check_not_in_use(db: Path) -> None:
    """Refuse while another connection (a TUI, a command) has the database open: what it
    writes after the file is replaced would be lost. Every connection to a WAL database
    holds a shared lock for as long as it is open, so an exclusive lock fails then."""
    try:
        probe = sqlite3.connect(sqlite_uri(db, "rw"), uri=True, timeout=0.2, isolation_level=None)
        try:
            probe.execute("PRAGMA locking_mode = EXCLUSIVE")
            probe.execute("BEGIN EXCLUSIVE")
            probe.execute("ROLLBACK")
        finally:
            probe.close()
    except sqlite3.Error as e:
        if is_busy(e):
            raise StoreError(f"数据库 {db} 正在被使用(界面开着或命令在运行),请先关闭后再恢复;未做任何改动") from None
        # an unreadable or damaged working database can still be replaced: it is kept aside


def _keep(db: Path, kept: Path) -> None:
    """Keep the database about to be replaced: a checked copy, or, when it is damaged
    (the usual reason to restore), its bytes as they are, with its WAL."""
    if integrity_problem(db) is None:
        backup(db, kept)
        return
    for suffix in ("", "-wal"):
        src = Path(f"{db}{suffix}")
        if src.exists():
            with open(src, "rb") as f, open(f"{kept}{suffix}", "xb") as out:
                shutil.copyfileobj(f, out)


def restore(db: Path, source: Path) -> Path:
    """Replace the working database by `source` after checking it; the replaced
    file is kept next to it. Returns the path of the kept file."""
    if not source.is_file():
        raise StoreError(f"找不到要恢复的文件:{source}")
    problem = integrity_problem(source, newest=SCHEMA_VERSION)  # else the restored file would not open
    if problem:
        raise StoreError(f"{source} {problem},未做任何改动")
    if db.exists():
        _check_not_in_use(db)
    stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}"
    kept = free_path(lambda n: db.with_name(f"{db.name}.replaced-{stamp}{n}"))
    tmp = db.with_name(f".{db.name}.{os.getpid()}.restore")
    try:
        sqlite_copy(source, tmp)
        if db.exists():
            _keep(db, kept)
        os.replace(tmp, db)
        for suffix in ("-wal", "-shm"):  # the old journal belongs to the replaced file
            Path(str(db) + suffix).unlink(missing_ok=True)
    except (sqlite3.Error, OSError) as e:
        tmp.unlink(missing_ok=True)
        reason = explain(e) if isinstance(e, sqlite3.Error) else (e.strerror or str(e))
        raise StoreError(f"恢复失败,原数据库未改动:{reason}") from None
    except StoreError as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"恢复失败,原数据库未改动:{e}") from None
    return kept
