"""Errors the store raises; each carries a message a user can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors.family import GongkaiError
from .filesystems import disk_full


class StoreError(GongkaiError, RuntimeError):
    """A database that cannot be used as asked (missing, damaged, locked, wrong version)."""


class InputError(GongkaiError, ValueError):
    """Bad input to a store write: unknown item, bad status, bad evidence."""


class Conflict(InputError):
    """Undo or redo refused: a field it would write was changed since by someone else."""


_BUSY = "数据库正忙:另一个界面或命令正在写入,请稍后再试"
_LOCKS_FAIL = (
    "文件锁失败:操作系统或文件系统没能给数据库加锁(常见于网络共享或不支持文件锁的磁盘),"
    "这不是别的程序在写入;请把数据库放在本机磁盘上再试"
)

_FULL = "磁盘已满(或文件超出大小限制),没有写入;请删除或移走不需要的文件、腾出磁盘空间后再试"
_SHM_SIZE = (
    "无法扩大数据库旁的 -shm 文件:多半是磁盘已满(或超出磁盘配额),没有写入;请删除或移走不需要的文件、腾出磁盘空间后再试"
)

# SQLite primary result codes (https://sqlite.org/rescode.html) → what a user can do about them.
_EXPLAIN = {
    5: _BUSY,  # SQLITE_BUSY
    6: _BUSY,  # SQLITE_LOCKED
    8: "数据库文件或所在目录是只读的(或没有写权限),无法写入",  # SQLITE_READONLY
    10: "读写磁盘出错(磁盘已满、文件超出大小限制、磁盘被拔出或没有权限)",  # SQLITE_IOERR
    11: "数据库文件已损坏",  # SQLITE_CORRUPT
    13: _FULL,  # SQLITE_FULL
    14: "无法打开数据库文件(所在目录不可写、不存在或没有权限)",  # SQLITE_CANTOPEN
    15: _LOCKS_FAIL,  # SQLITE_PROTOCOL: the locking protocol failed
    23: "没有访问数据库的权限",  # SQLITE_AUTH
    26: "文件不是 SQLite 数据库(或已损坏)",  # SQLITE_NOTADB
}

# Extended SQLITE_IOERR_* codes raised when taking or releasing a file lock (or the WAL
# index's locks) failed: the file system, not another writer. (SQLITE_IOERR_SHMSIZE, the
# -shm file that cannot grow, is a full disk: see _SHM_SIZE.)
_LOCK_IOERRS = {
    10 | (8 << 8),  # SQLITE_IOERR_UNLOCK
    10 | (9 << 8),  # SQLITE_IOERR_RDLOCK
    10 | (14 << 8),  # SQLITE_IOERR_CHECKRESERVEDLOCK
    10 | (15 << 8),  # SQLITE_IOERR_LOCK
    10 | (18 << 8),  # SQLITE_IOERR_SHMOPEN
    10 | (20 << 8),  # SQLITE_IOERR_SHMLOCK
    10 | (21 << 8),  # SQLITE_IOERR_SHMMAP
}

# An error made without a result code (e.g. re-raised by hand): recognised by SQLite's words.
_BY_MESSAGE = (
    ("locking protocol", 15),
    ("database table is locked", 6),
    ("database schema is locked", 6),
    ("database is locked", 5),
    ("disk i/o error", 10),
    ("readonly database", 8),
    ("database disk image is malformed", 11),
    ("database or disk is full", 13),
    ("unable to open database file", 14),
    ("file is not a database", 26),
)


def extended_code(e: sqlite3.Error) -> int | None:
    code = getattr(e, "sqlite_errorcode", None)
    if code is not None:
        return code
    text = str(e).lower()
    return next((c for words, c in _BY_MESSAGE if words in text), None)


def sqlite_code(e: sqlite3.Error) -> int | None:
    code = extended_code(e)
    return None if code is None else code & 0xFF


def is_lock_failure(e: sqlite3.Error) -> bool:
    """The file system failed to lock (not: another connection holds the lock)."""
    code = extended_code(e)
    return code is not None and (code & 0xFF == 15 or code in _LOCK_IOERRS)


def is_busy(e: sqlite3.Error) -> bool:
    """Another connection holds the lock: waiting and trying again helps."""
    return sqlite_code(e) in (5, 6) and not is_lock_failure(e)


def is_damage(e: sqlite3.Error) -> bool:
    return sqlite_code(e) in (11, 26)


_SHMSIZE = 10 | (19 << 8)


def disk_full_text(path: Path) -> str:
    """What to say when the disk holding `path` has no room left."""
    folder = Path(path).expanduser().absolute().parent
    return f"磁盘已满:{folder} 所在的磁盘没有剩余空间,数据库没有改动;请删除或移走这块磁盘上不需要的文件、腾出空间后再试"


def explain(e: sqlite3.Error, path: Path | None = None) -> str:
    """A Chinese explanation of a SQLite error and what to do, Chinese only (SQLite's English
    words are not shown: printed after a Chinese text they read as a second, English message).

    With the database's `path`, an I/O error on a disk with no space left is said to be that
    (SQLite reports a full disk as a failing -shm file or a disk I/O error, not SQLITE_FULL)."""
    code = sqlite_code(e)
    if path is not None and code in (10, 13, 14, 15) and disk_full(path):
        return disk_full_text(path)
    if extended_code(e) == _SHMSIZE:
        return _SHM_SIZE
    reason = _LOCKS_FAIL if is_lock_failure(e) else (_EXPLAIN.get(code) if code is not None else None)
    if reason:
        return reason
    return f"SQLite 错误(代码 {extended_code(e)})" if extended_code(e) is not None else "SQLite 错误"
