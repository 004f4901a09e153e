"""Backup and restore of the working database, both through SQLite's online backup.

Backup reads a consistent snapshot (safe while the TUI is open or a command writes).
Restore copies the backup INTO the live database, under its write lock, instead of
replacing the file: a TUI or command that has the database open keeps a valid file and
sees the restored content on its next read (`PRAGMA data_version` changes); a writer
either commits before the restore (its change is in the kept `.replaced-` copy) or
waits for it and fails cleanly after the busy timeout. What is copied in is the backup's
DATA only, checked, in this program's own schema (restore_data.py): never a trigger,
view, index or table of the backup, never a row that points at nothing.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
from contextlib import closing, contextmanager
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..atomic import replacing
from ..errors_text import os_error_text
from .db import (
    backup_pages,
    busy_timeout_ms,
    check_local_for_writing,
    connect,
    copy_database,
    not_a_file,
    read_uri,
    sqlite_copy,
    sqlite_uri,
)
from .errors import StoreError, explain, is_busy, is_damage
from .filesystems import free_path
from .restore_data import BadBackup, clean_copy, keep_action_ids, read_max_action
from .schema import SCHEMA_VERSION

# Every table of the schema (schema.create_schema), with the version that added it.
TABLES_SINCE = {
    "document": 1,
    "sections": 1,
    "rows": 1,
    "items": 1,
    "units": 1,
    "aliases": 1,
    "memberships": 1,
    "row_units": 1,
    "repairs": 1,
    "progress": 1,
    "evidence": 1,
    "history": 1,
    "imports": 2,
    "build_notes": 3,
    "item_refs": 4,
    "steps": 6,
    "step_evidence": 6,
    "assignments": 8,
    "sub_reports": 8,
    "sub_units": 9,
}
_CORE = {"document", "items", "progress", "history"}  # without these it is not ours at all
RESERVED_SUFFIXES = ("-journal", "-wal", "-shm")  # SQLite's own files next to a database


def required_tables(version: int) -> list[str]:
    return [t for t, since in TABLES_SINCE.items() if since <= max(version, 1)]


def default_backup_path(db: Path, now: dt.datetime | None = None) -> Path:
    """`<名称>-备份-<时间><后缀>` next to the database; a name not taken yet."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return free_path(lambda n: db.with_name(f"{db.stem}-备份-{stamp}{n}{db.suffix}"))


@dataclass(frozen=True)
class Facts:
    version: int
    tables: frozenset[str]
    numbers: frozenset[str]  # the document numbers (文号) it holds
    page_size: int

    @property
    def number(self) -> str | None:
        return "、".join(sorted(self.numbers)) or None


def _facts(path: Path, check: bool) -> tuple[str | None, Facts | None]:
    try:
        with closing(sqlite3.connect(read_uri(path), uri=True)) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0] if check else "ok"
            tables = frozenset(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"))
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            numbers: frozenset[str] = frozenset()
            if "document" in tables:
                numbers = frozenset(r[0] for r in conn.execute("SELECT number FROM document") if r[0])
    except sqlite3.DatabaseError as e:
        return f"不是可用的 SQLite 数据库:{e}", None
    if result != "ok":
        return f"完整性检查未通过:{result}", None
    return None, Facts(version, tables, numbers, page_size)


def integrity_problem(path: Path, newest: int | None = None, complete: bool = False) -> str | None:
    """None when `path` is a sound gongkai-tui database (of version `newest` at most,
    when given; with every table of its version, when `complete`), else what is wrong."""
    problem, facts = _facts(path, check=True)
    if facts is None:  # then problem says why
        return problem
    if not _CORE <= facts.tables:
        return "不是 gongkai-tui 的数据库"
    if newest is not None and facts.version > newest:
        return f"的数据库版本为 {facts.version},本程序只支持到版本 {newest}"
    if complete:
        missing = [t for t in required_tables(facts.version) if t not in facts.tables]
        if missing:
            return f"不是完整的 gongkai-tui 数据库(版本 {facts.version}),缺少数据表 {'、'.join(missing)}"
    return None


def reserved_name(target: Path) -> bool:
    return target.name.lower().endswith(RESERVED_SUFFIXES)


def backup(db: Path, target: Path) -> Path:
    """Copy the live database to `target` (a new file; written whole and checked, or not at all)."""
    if reserved_name(target):
        raise StoreError(
            f"备份文件名不能以 -journal、-wal 或 -shm 结尾(SQLite 会把它当作数据库的日志文件,"
            f"可能删除或改写它):{target},请换一个名称,没有写出备份文件"
        )
    special = not_a_file(target)
    if special:
        raise StoreError(f"{special},不能用作备份文件,没有写出备份文件")
    if target.exists():
        raise StoreError(f"备份文件已存在,不会覆盖:{target}")
    if not target.parent.is_dir():
        raise StoreError(f"目录不存在:{target.parent}")
    try:
        with replacing(target) as tmp:
            sqlite_copy(db, tmp, single_file=True)  # waits at most the busy timeout for a lock
            problem = integrity_problem(tmp)
            if problem:
                raise StoreError(f"数据库 {db} {problem},没有写出备份文件")
            if target.exists():  # created meanwhile: still never overwritten
                raise StoreError(f"备份文件已存在,不会覆盖:{target}")
    except (sqlite3.Error, OSError) as e:
        reason = explain(e) if isinstance(e, sqlite3.Error) else os_error_text(e)
        raise StoreError(f"备份失败,没有写出备份文件:{reason}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


# -- restore ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    kept: Path | None  # the replaced content, `<db>.replaced-<time>`
    number: str | None  # the restored backup's document number
    replaced_number: str | None  # the document number of the replaced database
    other_document: bool  # restored with --force over another document's database


def _copy_bytes(db: Path, kept: Path) -> None:
    """A damaged database (the usual reason to restore) is kept as it is, with its WAL."""
    for suffix in ("", "-wal"):
        src = Path(f"{db}{suffix}")
        if src.exists():
            with open(src, "rb") as f, open(f"{kept}{suffix}", "xb") as out:
                shutil.copyfileobj(f, out)


def _discard(kept: Path) -> None:
    for suffix in ("", "-wal"):
        Path(f"{kept}{suffix}").unlink(missing_ok=True)


@contextmanager
def _prepared(source: Path, facts: Facts, page_size: int | None) -> Iterator[Path]:
    """A temporary database holding the DATA of `source` only, checked, in this program's
    own schema (restore_data.clean_copy) and with the live database's page size (SQLite
    cannot change the page size of a WAL database while copying into it). An older
    backup is upgraded first, in a copy. The backup file itself is never written."""
    with tempfile.TemporaryDirectory(prefix="gongkai-restore-") as folder:
        data = source
        if facts.version < SCHEMA_VERSION:
            data = Path(folder) / "upgraded.sqlite"
            sqlite_copy(source, data, single_file=True)
            connect(data).close()  # upgrades the copy (its pre-upgrade copy stays in `folder`)
            with closing(sqlite3.connect(data, isolation_level=None)) as conn:
                conn.execute("PRAGMA journal_mode = DELETE")
        clean = Path(folder) / "restore.sqlite"
        try:
            clean_copy(data, clean, page_size)
        except BadBackup as e:  # named by the file the user gave, not the upgraded copy
            raise BadBackup(f"备份 {source} 中的{e}") from None
        yield clean


class _Written(Exception):
    """Someone committed an action between reading the live database's highest action id
    and taking its write lock: the restored history must end above the new one."""

    def __init__(self, used: int) -> None:
        super().__init__(used)
        self.used = used


def _check_not_in_use(db: Path) -> None:
    """Before replacing the file (only for a file SQLite cannot open): refuse while
    another connection holds a lock on it."""
    try:
        with closing(sqlite3.connect(sqlite_uri(db, "rw"), uri=True, timeout=0.2, isolation_level=None)) as probe:
            probe.execute("PRAGMA locking_mode = EXCLUSIVE")
            probe.execute("BEGIN EXCLUSIVE")
            probe.execute("ROLLBACK")
    except sqlite3.Error as e:
        if is_busy(e):
            raise StoreError(f"数据库 {db} 正在被使用(界面开着或命令在运行),请先关闭后再恢复;未做任何改动") from None


def _replace_file(db: Path, source: Path, kept: Path, kept_already: bool) -> None:
    """The working database is not a SQLite file any more (e.g. overwritten): nothing can
    be copied into it, so the file is replaced (its bytes kept)."""
    _check_not_in_use(db)
    if not kept_already:
        _copy_bytes(db, kept)
    with replacing(db, ".restore") as tmp:
        sqlite_copy(source, tmp)
    for suffix in ("-wal", "-shm"):  # the old journal belongs to the replaced file
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def _copy_into(db: Path, source: Path, kept: Path, keep_sound: bool, used: int) -> None:
    """Copy `source` into the live database in one transaction under its write lock;
    `keep_sound`: first, under that lock, copy the live content to `kept`. `used`: the
    highest action id `source` was made to end above; _Written when the live database
    has a higher one by the time its lock is ours."""
    timeout = busy_timeout_ms()
    with closing(sqlite3.connect(sqlite_uri(db, "rw"), uri=True, timeout=timeout / 1000, isolation_level=None)) as live:
        live.execute(f"PRAGMA busy_timeout = {timeout}")
        # WAL: the TUI keeps reading its snapshot while the copy is written, and the kept
        # copy below can be read while the write lock is held. Every write command does this.
        mode = live.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode != "wal":
            raise StoreError(f"无法把数据库切换到 WAL 日志(当前为 {mode}),未做任何改动")
        live.execute("PRAGMA synchronous = NORMAL")

        def keep() -> None:
            # The write lock is ours now: nobody commits until the restore has. A reader
            # sees the last commit, so every write reported as done is in the kept copy.
            now_used = read_max_action(db)
            if now_used > used:
                raise _Written(now_used)
            if keep_sound:
                backup(db, kept)

        with closing(sqlite3.connect(read_uri(source), uri=True)) as src:
            pages = src.execute("PRAGMA page_count").fetchone()[0]
            if pages < 2:
                raise StoreError(f"{source} 太小,不是可用的 gongkai-tui 数据库,未做任何改动")
            backup_pages(src, live, timeout, after_first_step=keep, pages=1)


def _copy_keeping_action_ids(db: Path, ready: Path, kept: Path, sound: bool, name: str) -> None:
    """_copy_into, with the restored history ending above every action id the live
    database has used (restore_data.keep_action_ids): an action id is never reused. When
    a writer commits between the reading of its highest id and the restore taking the
    lock, the restored history is made to end further above (ids need only be unique)
    and the copy tried again."""
    used = read_max_action(db)
    line = keep_action_ids(ready, used, name)
    for attempt in range(1, 6):
        try:
            _copy_into(db, ready, kept, keep_sound=sound, used=used)
            return
        except _Written as e:
            used = e.used + 10**attempt
            line = keep_action_ids(ready, used, name, previous=line)
    raise StoreError("恢复时其他界面或命令一直在写入数据库,请关闭它们后再试")


def restore(db: Path, source: Path, force: bool = False) -> Restored:
    """Copy the data of `source` into the working database after checking it (see
    restore_data.py: data only, never the backup's schema; action ids never reused); the
    replaced content is kept next to it. Another document's backup needs `force`."""
    special = not_a_file(source)
    if special or not source.is_file():
        raise StoreError(f"{special},不能用来恢复" if special else f"找不到要恢复的文件:{source}")
    if db.exists() and source.resolve() == db.resolve():
        raise StoreError(f"{source} 就是工作数据库本身,未做任何改动")
    problem = integrity_problem(source, newest=SCHEMA_VERSION, complete=True)
    if problem:
        raise StoreError(f"{source} {problem},未做任何改动")
    unreadable, facts = _facts(source, check=False)
    if facts is None:  # sound a moment ago: changed since
        raise StoreError(f"{source} {unreadable},未做任何改动")
    check_local_for_writing(db)
    live_problem, live = _facts(db, check=True) if db.exists() else (None, None)
    live_number = live.number if live else None
    # A backup shares a document with the database it was taken of; one that shares none
    # is of another office's or another year's work alone.
    other = live is not None and bool(live.numbers) and not (facts.numbers & live.numbers)
    if other and not force:
        raise StoreError(
            f"{source} 是另一份文件({facts.number or '无文号'})的数据库,"
            f"工作数据库 {db} 是 {live_number} 的;确实要用它替换,请加 --force 再运行。未做任何改动"
        )
    stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}"
    kept = free_path(lambda n: db.with_name(f"{db.name}.replaced-{stamp}{n}"))
    sound = live is not None and live_problem is None and _CORE <= live.tables
    made_kept = False
    try:
        with _prepared(source, facts, live.page_size if live is not None and sound else None) as ready:
            if not db.exists():
                copy_database(ready, db)
                return Restored(None, facts.number, None, False)
            if not sound:  # damaged: its bytes as they are, before anything touches them
                _copy_bytes(db, kept)
            made_kept = True
            try:
                _copy_keeping_action_ids(db, ready, kept, sound, source.name)
            except sqlite3.DatabaseError as e:
                if sound or not is_damage(e):
                    raise
                _replace_file(db, ready, kept, kept_already=True)
    except (sqlite3.Error, OSError) as e:
        if made_kept:
            _discard(kept)
        reason = explain(e) if isinstance(e, sqlite3.Error) else os_error_text(e)
        raise StoreError(f"恢复失败,原数据库未改动:{reason}") from None
    except StoreError as e:
        if made_kept:
            _discard(kept)
        raise StoreError(f"恢复失败,原数据库未改动:{e}") from None
    except BaseException:
        if made_kept:
            _discard(kept)
        raise
    return Restored(kept, facts.number, live_number, other)
