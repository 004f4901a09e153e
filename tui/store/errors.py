"""Errors the store raises; each carries a message a user can act on."""

from __future__ import annotations

import sqlite3


class StoreError(RuntimeError):
    """A database that cannot be used as asked (missing, damaged, locked, wrong version)."""


class InputError(ValueError):
    """Bad input to a store write: unknown item, bad status, bad evidence."""


# SQLite primary result codes (https://sqlite.org/rescode.html) → what a user can do about them.
_EXPLAIN = {
    5: "数据库正忙:另一个界面或命令正在写入,请稍后再试",  # SQLITE_BUSY
    6: "数据库正忙:另一个界面或命令正在写入,请稍后再试",  # SQLITE_LOCKED
    8: "数据库文件或所在目录是只读的(或没有写权限),无法写入",  # SQLITE_READONLY
    10: "读写磁盘出错(磁盘已满、文件超出大小限制、磁盘被拔出或没有权限)",  # SQLITE_IOERR
    11: "数据库文件已损坏",  # SQLITE_CORRUPT
    13: "磁盘空间已满(或文件超出大小限制)",  # SQLITE_FULL
    14: "无法打开数据库文件(所在目录不可写、不存在或没有权限)",  # SQLITE_CANTOPEN
    23: "没有访问数据库的权限",  # SQLITE_AUTH
    26: "文件不是 SQLite 数据库(或已损坏)",  # SQLITE_NOTADB
}


def sqlite_code(e: sqlite3.Error) -> int | None:
    code = getattr(e, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_busy(e: sqlite3.Error) -> bool:
    return sqlite_code(e) in (5, 6)


def is_damage(e: sqlite3.Error) -> bool:
    return sqlite_code(e) in (11, 26)


def explain(e: sqlite3.Error) -> str:
    """A Chinese explanation of a SQLite error, with SQLite's own words after it."""
    reason = _EXPLAIN.get(sqlite_code(e))
    return f"{reason}({e})" if reason else str(e)
