"""How long a command waits for a database another writer holds before it gives up
(`GONGKAI_BUSY_TIMEOUT_MS`, here 300 ms): `done`, `backup` and `restore` each refuse
with 数据库正忙 well within their budget, never retrying for ever. The tests check the
refusal and that nothing was written (tests/safety/test_concurrency.py,
test_backup_limits.py, test_restore_live.py); the time is judged only here."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from tui.store import Store

from .hostile import run_measured
from .measure import Result

BUSY_MS = "300"


def _held(db: Path, how: str):
    """Another writer in the middle of its work: BEGIN IMMEDIATE (a command's write) or
    BEGIN EXCLUSIVE (rollback-journal mode, what kept the old backup loop retrying)."""
    conn = sqlite3.connect(db, isolation_level=None)
    if how == "exclusive":
        conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute(f"BEGIN {how.upper()}")
    conn.execute("UPDATE progress SET note = note WHERE 0")
    return conn


def _wait(db: Path, args: list[str], how: str) -> tuple[int, float, str]:
    holder = _held(db, how)
    try:
        os.environ["GONGKAI_BUSY_TIMEOUT_MS"] = BUSY_MS
        try:
            code, seconds, _, err = run_measured([*args, "--db", str(db)], db.with_suffix(".stderr"))
        finally:
            del os.environ["GONGKAI_BUSY_TIMEOUT_MS"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    return code, seconds, err


def results(tmp: Path, source_db: Path) -> list[Result]:
    folder = tmp / "busy"
    folder.mkdir(exist_ok=True)
    db = folder / "busy.sqlite"
    shutil.copyfile(source_db, db)
    with Store(db):
        pass  # migrated to the current schema before anyone holds it
    saved = folder / "saved.sqlite"
    with closing(sqlite3.connect(db)) as src, closing(sqlite3.connect(saved)) as dest:
        src.backup(dest)
    out = []
    for name, args, how, budget in (
        ("数据库正忙:done 放弃等待", ["done", "1.1.3-1", "--unit", "渝中区"], "immediate", 4.0),
        ("数据库正忙:restore 放弃等待", ["restore", str(saved)], "immediate", 10.0),
        ("数据库正忙:backup 放弃等待", ["backup", str(folder / "b.sqlite")], "exclusive", 30.0),
    ):
        code, seconds, err = _wait(db, args, how)
        refused = code == 2 and "数据库正忙" in err
        out.append(
            Result(
                name,
                seconds if refused else float("inf"),
                "s",
                budget,
                "" if refused else f"未以「数据库正忙」拒绝(退出码 {code}):{err.strip()[:80]}",
            )
        )
    return out


if __name__ == "__main__":
    import tempfile

    from .measure import table

    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as t:
        print(table(results(Path(t), root / "data" / "tasks.sqlite")))
