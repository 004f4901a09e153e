"""Backup and restore of the working database (SQLite online backup: safe while the TUI is open)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from .errors import StoreError


def default_backup_path(db: Path, now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return db.with_name(f"{db.stem}-备份-{stamp}{db.suffix}")


def integrity_problem(path: Path) -> str | None:
    """None when `path` is a sound gongkai-tui database, else what is wrong."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        return f"不是可用的 SQLite 数据库:{e}"
    if result != "ok":
        return f"完整性检查未通过:{result}"
    if not {"document", "items", "progress", "history"} <= tables:
        return "不是 gongkai-tui 的数据库"
    return None


def backup(db: Path, target: Path) -> Path:
    """Copy the live database to `target` (a new file; written whole or not at all)."""
    if target.exists():
        raise StoreError(f"备份文件已存在,不会覆盖:{target}")
    if not target.parent.is_dir():
        raise StoreError(f"目录不存在:{target.parent}")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        source = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
        try:
            dest = sqlite3.connect(tmp)
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                dest.close()
        finally:
            source.close()
        os.replace(tmp, target)
    except (sqlite3.Error, OSError) as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"备份失败,没有写出备份文件:{e}") from None
    return target


def restore(db: Path, source: Path) -> Path:
    """Replace the working database by `source` after checking it; the replaced
    file is kept next to it. Returns the path of the kept file."""
    if not source.is_file():
        raise StoreError(f"找不到要恢复的文件:{source}")
    problem = integrity_problem(source)
    if problem:
        raise StoreError(f"{source} {problem},未做任何改动")
    kept = db.with_name(f"{db.name}.replaced-{dt.datetime.now():%Y%m%d-%H%M%S}")
    n = 2
    while kept.exists():
        kept = db.with_name(f"{db.name}.replaced-{dt.datetime.now():%Y%m%d-%H%M%S}-{n}")
        n += 1
    tmp = db.with_name(f".{db.name}.{os.getpid()}.restore")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(tmp)
            try:
                src.backup(dest)
            finally:
                dest.close()
        finally:
            src.close()
        if db.exists():
            backup(db, kept)
        os.replace(tmp, db)
        for suffix in ("-wal", "-shm"):  # the old journal belongs to the replaced file
            Path(str(db) + suffix).unlink(missing_ok=True)
    except (sqlite3.Error, OSError) as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"恢复失败,原数据库未改动:{e}") from None
    return kept
