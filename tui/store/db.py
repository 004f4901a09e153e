"""Opening databases: the pristine copy, the working copy, connection settings."""

from __future__ import annotations

import os
from collections.abc import Callable
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .errors import StoreError, explain, is_damage
from .schema import SCHEMA_VERSION

ENV_VAR = "GONGKAI_DB"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def sqlite_uri(path: Path, mode: str) -> str:
    """A SQLite URI for a file path; `#`, `%`, `?` and spaces in folder names are escaped."""
    return f"{Path(path).resolve().as_uri()}?mode={mode}"


def pristine_path() -> Path:
    """The bundled database: inside the wheel, or `data/` of a source checkout."""
    for candidate in (_PACKAGE_DIR / "_data" / "tasks.sqlite", _PACKAGE_DIR.parent / "data" / "tasks.sqlite"):
        if candidate.is_file():
            return candidate
    raise StoreError("找不到随程序附带的数据库 tasks.sqlite,请重新安装 gongkai-tui")


def bundled_document_number() -> str:
    """The document number of the bundled database, e.g. 渝府办发〔2021〕50号."""
    try:
        conn = sqlite3.connect(sqlite_uri(pristine_path(), "ro"), uri=True)
        try:
            return conn.execute("SELECT number FROM document").fetchone()[0]
        finally:
            conn.close()
    except (sqlite3.Error, StoreError, TypeError):
        return "未找到"


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("gongkai-tui", appauthor=False) / "tasks.sqlite"


@dataclass(frozen=True)
class WorkingDb:
    path: Path
    created: bool  # True when this call copied the pristine database there


def working_db(explicit: Path | None) -> WorkingDb:
    """`--db PATH`, else `$GONGKAI_DB`, else the user data directory.

    A missing file is created from the pristine database. A missing directory is
    created only for the default location; a path the user named must have one.
    """
    if explicit is not None:
        path, default = explicit, False
    elif os.environ.get(ENV_VAR):
        path, default = Path(os.environ[ENV_VAR]), False
    else:
        path, default = default_path(), True
    path = path.expanduser()
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path} 是一个目录,不是数据库文件")
        return WorkingDb(path, False)
    if not path.parent.exists():
        if not default:
            raise StoreError(f"目录不存在:{path.parent}")
        path.parent.mkdir(parents=True, exist_ok=True)
    copy_database(pristine_path(), path)
    return WorkingDb(path, True)


def free_path(make: Callable[[str], Path]) -> Path:
    """`make("")`, or `make("-2")`, `make("-3")` … : the first name not taken yet."""
    candidate, n = make(""), 2
    while candidate.exists():
        candidate, n = make(f"-{n}"), n + 1
    return candidate


def sqlite_copy(src: Path, dest: Path, single_file: bool = False, timeout: float = 5.0) -> None:
    """Copy a database with SQLite's online backup (consistent while others write).
    `single_file` leaves the copy in rollback-journal mode: one self-contained file."""
    source = sqlite3.connect(sqlite_uri(src, "ro"), uri=True, timeout=timeout)
    try:
        target = sqlite3.connect(dest)
        try:
            source.backup(target)
            if single_file:
                target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
    finally:
        source.close()


def copy_database(src: Path, dest: Path) -> None:
    """Copy with SQLite's online backup into a temporary file, then rename: never half-written."""
    tmp = dest.with_name(dest.name + ".tmp")
    try:
        sqlite_copy(src, tmp)
        os.replace(tmp, dest)
    except sqlite3.Error as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"无法创建数据库 {dest}:{e}") from None
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"无法创建数据库 {dest}:{e.strerror}") from None


BUSY_TIMEOUT_VAR = "GONGKAI_BUSY_TIMEOUT_MS"
DEFAULT_BUSY_TIMEOUT_MS = 5000


def busy_timeout_ms() -> int:
    """How long a write waits for another writer to finish: 5 s, or `$GONGKAI_BUSY_TIMEOUT_MS`."""
    try:
        value = int(os.environ.get(BUSY_TIMEOUT_VAR, ""))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT_MS
    return value if value >= 0 else DEFAULT_BUSY_TIMEOUT_MS


def damage_problem(conn: sqlite3.Connection, path: Path) -> str | None:
    """None when every page reads back sound, else the message for the user."""
    check = conn.execute("PRAGMA quick_check").fetchone()[0]
    if check == "ok":
        return None
    first = next((ln for ln in check.splitlines() if ln.strip() and not ln.startswith("***")), check)
    return f"{path} 已损坏(完整性检查未通过:{first[:120]}),未做任何改动;可用 gongkai-tui restore 从备份恢复"


def prepare_for_writing(conn: sqlite3.Connection) -> None:
    try:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    except sqlite3.OperationalError:
        mode = "delete"  # e.g. a read-only directory: stay in the rollback journal
    # WAL + NORMAL: a killed process loses no commit, and a power cut leaves the file
    # consistent (at worst without the last commits); a rollback journal needs FULL.
    conn.execute(f"PRAGMA synchronous = {'NORMAL' if mode == 'wal' else 'FULL'}")


def connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    """Open a gongkai-tui database, checking that it is one, undamaged and of our version.

    Nothing is written before every check passed: a damaged, foreign or newer file is
    left exactly as it was.
    """
    return open_database(path, readonly)[0]


def open_database(path: Path, readonly: bool = False, defer_check: bool = False) -> tuple[sqlite3.Connection, bool]:
    """connect(), optionally leaving the page check (about 1 ms per MB) to the caller:
    returns the connection and whether the check and the switch to WAL are still due
    (then nothing may be written before `damage_problem` passed)."""
    if not path.is_file():
        raise StoreError(f"数据库不存在:{path}")
    uri = sqlite_uri(path, "ro" if readonly else "rw")
    timeout = busy_timeout_ms()
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=timeout / 1000, isolation_level=None)
    except sqlite3.Error as e:
        raise StoreError(f"无法打开数据库 {path}:{explain(e)}") from None
    try:
        conn.row_factory = sqlite3.Row
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"document", "items", "progress", "history"} <= tables:
            raise StoreError(f"{path} 不是 gongkai-tui 的数据库")
        if version > SCHEMA_VERSION:
            raise StoreError(f"{path} 的数据库版本为 {version},本程序只支持到版本 {SCHEMA_VERSION},"
                             f"请使用能打开版本 {version} 的更新版本 gongkai-tui(数据库未改动)")
        # SQLite finds damage only when it reads the damaged page, and would write into a
        # damaged file meanwhile: check every page first (about 1 ms per MB). An upgrade
        # writes at once, so it is never deferred.
        deferred = defer_check and not readonly and version == SCHEMA_VERSION
        if not deferred:
            problem = damage_problem(conn, path)
            if problem:
                raise StoreError(problem)
        if version < SCHEMA_VERSION:
            if readonly:
                raise StoreError(f"{path} 的数据库版本为 {version},需要先升级到版本 {SCHEMA_VERSION}:"
                                 f"请先运行一次会写入的命令(如打开界面),升级前会自动备份")
            from .migrations import migrate

            migrate(conn, path, version, SCHEMA_VERSION)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {timeout}")
        if not readonly and not deferred:
            prepare_for_writing(conn)
    except StoreError:
        conn.close()
        raise
    except sqlite3.Error as e:
        conn.close()
        if is_damage(e):
            raise StoreError(f"{path} 不是可用的 SQLite 数据库(可能已损坏):{e};未做任何改动,"
                             f"可用 gongkai-tui restore 从备份恢复") from None
        raise StoreError(f"无法使用数据库 {path}:{explain(e)}") from None
    except BaseException:
        conn.close()
        raise
    return conn, deferred
