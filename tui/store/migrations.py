"""Schema migrations. Opening an older database first copies it next to itself
(`tasks.sqlite.bak-v<N>-<timestamp>`), then upgrades it step by step."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from .errors import StoreError


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS [imports] ([id] INTEGER PRIMARY KEY, [at] TEXT, [os_user] TEXT, [unit] TEXT,"
        " [file] TEXT, [sha256] TEXT, [exported_at] TEXT, [changes] INTEGER)"
    )


# STEPS[n] upgrades a database of version n to n + 1.
STEPS = {1: _v1_to_v2}


def backup_path(path: Path, version: int, now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.bak-v{version}-{stamp}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak-v{version}-{stamp}-{n}")
        n += 1
    return candidate


def migrate(conn: sqlite3.Connection, path: Path, version: int, target: int) -> Path:
    """Back the database up, then apply every step in one transaction. Returns the backup path."""
    if any(v not in STEPS for v in range(version, target)):
        raise StoreError(f"{path} 的数据库版本 {version} 过旧,无法升级,请用 build-db 重新生成后再导入进度")
    backup = backup_path(path, version)
    try:
        target_conn = sqlite3.connect(backup)
        try:
            conn.backup(target_conn)
        finally:
            target_conn.close()
    except (sqlite3.Error, OSError) as e:
        backup.unlink(missing_ok=True)
        raise StoreError(f"升级数据库前无法写入备份 {backup}:{e},数据库未改动") from None
    try:
        conn.execute("BEGIN IMMEDIATE")
        for v in range(version, target):
            STEPS[v](conn)
        conn.execute(f"PRAGMA user_version = {target}")
        conn.execute("COMMIT")
    except sqlite3.Error as e:
        conn.execute("ROLLBACK")
        raise StoreError(f"升级数据库失败,已回滚(备份在 {backup}):{e}") from None
    return backup
