"""Opening databases: the pristine copy, the working copy, connection settings."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..atomic import replacing
from ..errors_text import os_error_text
from .errors import StoreError, explain, is_damage
from .filesystems import disk_full, network_write_problem
from .schema import SCHEMA_VERSION

ENV_VAR = "GONGKAI_DB"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def sqlite_uri(path: Path, mode: str) -> str:
    """A SQLite URI for a file path; `#`, `%`, `?` and spaces in folder names are escaped."""
    return f"{Path(path).resolve().as_uri()}?mode={mode}"


def not_a_file(path: Path) -> str | None:
    """What `path` is when it exists but is not a regular file (a directory, a FIFO, a
    device such as /dev/null …): the message; None for a regular or missing file."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        what = "一个目录"
    elif stat.S_ISFIFO(mode):
        what = "一个命名管道(FIFO)"
    elif stat.S_ISCHR(mode):
        what = "一个字符设备(如 /dev/null)"
    elif stat.S_ISBLK(mode):
        what = "一个块设备(磁盘或分区)"
    elif stat.S_ISSOCK(mode):
        what = "一个套接字"
    else:
        what = "一个特殊文件"
    return f"{path} 是{what},不是数据库文件"


def check_local_for_writing(path: Path) -> None:
    """Refuse to write the working database on a network share (its locks do not work)."""
    problem = network_write_problem(path)
    if problem:
        raise StoreError(problem)


def _wal_mode(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            header = f.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 2 and header[19] == 2


def read_uri(path: Path) -> str:
    """The URI to read `path` without writing anything.

    A WAL database is read through its `-shm` file, which SQLite must create next to
    it: in a folder we cannot write, with no `-shm` there, a plain read-only open fails.
    With no `-wal` file either, every commit is in the file itself and nobody is
    writing (a writer would have created them): it is read as immutable then."""
    path = Path(path)
    uri = sqlite_uri(path, "ro")
    folder = path.resolve().parent
    if os.access(folder, os.W_OK) or not _wal_mode(path) or Path(f"{path}-shm").exists():
        return uri
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"{path} 所在目录是只读的,旁边的 {wal.name} 还有未合并的修改,无法只读打开;"
            f"请在能写入这个目录的账户下打开一次(如打开界面)后再试,数据库未改动"
        )
    return uri + "&immutable=1"


def read_on_a_full_disk(conn: sqlite3.Connection, path: Path, timeout_ms: int) -> sqlite3.Connection:
    """`conn`, or on a full disk a connection that can read: a WAL database is read through
    its -shm file, which cannot grow when the disk has no room left (list and export failed
    there). With no uncommitted -wal content every commit is in the file itself, and nobody
    can write on that disk: it is read as immutable then."""
    try:
        conn.execute("PRAGMA user_version").fetchone()
        return conn
    except sqlite3.Error:
        wal = Path(f"{path}-wal")
        if not disk_full(path) or (wal.exists() and wal.stat().st_size > 0):
            conn.close()
            raise
    conn.close()
    return sqlite3.connect(
        sqlite_uri(path, "ro") + "&immutable=1", uri=True, timeout=timeout_ms / 1000, isolation_level=None
    )


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
            return conn.execute("SELECT number FROM document ORDER BY id").fetchone()[0]
        finally:
            conn.close()
    except (sqlite3.Error, StoreError, TypeError):
        return "未找到"


def data_dir() -> Path:
    """The user data directory: the working database and the user's 单位目录.txt."""
    from platformdirs import user_data_path

    return user_data_path("gongkai-tui", appauthor=False)


def default_path() -> Path:
    return data_dir() / "tasks.sqlite"


@dataclass(frozen=True)
class WorkingDb:
    path: Path
    created: bool  # True when this call copied the pristine database there


def working_db(explicit: Path | None, create: bool = False) -> WorkingDb:
    """`--db PATH`, else `$GONGKAI_DB`, else the user data directory.

    The default location (`$GONGKAI_DB` or the data directory) is created from the pristine
    database on first use. A path named with `--db` must exist unless `create` (the commands
    meant to make one: load, restore): a mistyped `--db` on `list` or `done` would otherwise
    work on a fresh database nobody else sees. A missing directory is created only for the
    data directory. A symbolic link whose target is missing is refused, never replaced.
    """
    if explicit is not None:
        path, default, may_create = explicit, False, create
    elif os.environ.get(ENV_VAR):
        path, default, may_create = Path(os.environ[ENV_VAR]), False, True
    else:
        path, default, may_create = default_path(), True, True
    path = path.expanduser()
    if path.is_symlink() and not path.exists():
        raise StoreError(dangling_link_problem(path))
    if path.exists():
        problem = not_a_file(path)
        if problem:
            raise StoreError(problem)
        return WorkingDb(path, False)
    if not path.parent.exists():
        if not default:
            raise StoreError(f"目录不存在:{path.parent}")
        path.parent.mkdir(parents=True, exist_ok=True)
    if not may_create:
        raise StoreError(
            f"数据库不存在:{path};用 --db 指定的数据库必须已经存在,不会自动新建"
            f"(只有 load、restore 会新建)。请检查路径,或不写 --db,使用默认的工作数据库"
        )
    check_local_for_writing(path)
    copy_database(pristine_path(), path)
    return WorkingDb(path, True)


def dangling_link_problem(path: Path) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "(无法读取)"
    return (
        f"{path} 是一个符号链接,指向的 {target} 不存在;没有新建数据库,这个链接也没有改动。"
        f"请修正链接,或用 --db 直接写数据库文件的路径"
    )


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT; anything raised rolls it all back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back already (disk full)
            conn.execute("ROLLBACK")
        raise


class BusyTimeout(sqlite3.OperationalError):
    """The online backup waited the busy timeout for a lock (SQLite's own words kept)."""

    sqlite_errorcode = 5  # SQLITE_BUSY
    sqlite_errorname = "SQLITE_BUSY"


def backup_pages(
    source: sqlite3.Connection,
    target: sqlite3.Connection,
    timeout_ms: int | None = None,
    after_first_step: Callable[[], None] | None = None,
    pages: int = -1,
) -> None:
    """`source.backup(target)`, giving up after `timeout_ms` (default: the busy timeout) of
    waiting for a lock. Python's backup loop retries a locked database forever.

    `after_first_step` runs once the first step has taken the write lock on the target
    and before anything is committed (use `pages` > 0 so that there is a second step)."""
    deadline = time.monotonic() + (busy_timeout_ms() if timeout_ms is None else timeout_ms) / 1000
    pending = [after_first_step] if after_first_step else []

    def progress(status: int, remaining: int, total: int) -> None:
        if status in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED: Python sleeps and tries again
            if time.monotonic() > deadline:
                raise BusyTimeout("database is locked")
        elif status == 0 and pending:  # SQLITE_OK: more to copy, the target is locked now
            pending.pop()()

    source.backup(target, pages=pages, progress=progress, sleep=0.02)
    if pending:  # everything went in the first step
        raise RuntimeError("backup_pages: the first step copied everything")


def sqlite_copy(src: Path, dest: Path, single_file: bool = False, timeout: float | None = None) -> None:
    """Copy a database with SQLite's online backup (consistent while others write).
    `single_file` leaves the copy in rollback-journal mode: one self-contained file.
    Waits at most `timeout` seconds (default: the busy timeout) for a locked database."""
    wait_ms = busy_timeout_ms() if timeout is None else int(timeout * 1000)
    source = sqlite3.connect(read_uri(src), uri=True, timeout=wait_ms / 1000)
    try:
        target = sqlite3.connect(dest, timeout=wait_ms / 1000)
        try:
            backup_pages(source, target, wait_ms)
            if single_file:
                target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
    finally:
        source.close()


def copy_database(src: Path, dest: Path) -> None:
    """Copy with SQLite's online backup into a temporary file, then rename: never half-written."""
    try:
        with replacing(dest) as tmp:
            sqlite_copy(src, tmp)
    except sqlite3.Error as e:
        raise StoreError(f"无法创建数据库 {dest}:{e}") from None
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"无法创建数据库 {dest}:{os_error_text(e)}") from None


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


def open_database(
    path: Path, readonly: bool = False, defer_check: bool = False, pages_checked: bool = False
) -> tuple[sqlite3.Connection, bool]:
    """connect(), optionally leaving the page check (about 1 ms per MB) to the caller:
    returns the connection and whether the check and the switch to WAL are still due
    (then nothing may be written before `damage_problem` passed). `pages_checked`: a read-only
    connection to a file whose pages its opener checked already (the app's workers, reading the
    file the app checked): no check again; a damaged page read later is an error all the same."""
    if not path.is_file():
        raise StoreError(not_a_file(path) or f"数据库不存在:{path}")
    if readonly:
        uri = read_uri(path)
    else:
        check_local_for_writing(path)
        uri = sqlite_uri(path, "rw")
    timeout = busy_timeout_ms()
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=timeout / 1000, isolation_level=None)
    except sqlite3.Error as e:
        raise StoreError(f"无法打开数据库 {path}:{explain(e, path)}") from None
    try:
        if readonly:
            conn = read_on_a_full_disk(conn, path, timeout)
        conn.row_factory = sqlite3.Row
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"document", "items", "progress", "history"} <= tables:
            raise StoreError(f"{path} 不是 gongkai-tui 的数据库")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path} 的数据库版本为 {version},本程序只支持到版本 {SCHEMA_VERSION},"
                f"请使用能打开版本 {version} 的更新版本 gongkai-tui(数据库未改动)"
            )
        # SQLite finds damage only when it reads the damaged page, and would write into a
        # damaged file meanwhile: check every page first (about 1 ms per MB). An upgrade
        # writes at once, so it is never deferred.
        deferred = defer_check and not readonly and version == SCHEMA_VERSION
        if not deferred and not (readonly and pages_checked):
            problem = damage_problem(conn, path)
            if problem:
                raise StoreError(problem)
        if version < SCHEMA_VERSION:
            if readonly:
                raise StoreError(
                    f"{path} 的数据库版本为 {version},需要先升级到版本 {SCHEMA_VERSION}:"
                    f"请先运行一次会写入的命令(如打开界面),升级前会自动备份"
                )
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
            raise StoreError(
                f"{path} 不是可用的 SQLite 数据库(可能已损坏):{e};未做任何改动,可用 gongkai-tui restore 从备份恢复"
            ) from None
        raise StoreError(f"无法使用数据库 {path}:{explain(e, path)}") from None
    except BaseException:
        conn.close()
        raise
    return conn, deferred
