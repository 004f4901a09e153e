"""Helpers for the data-safety tests (DESIGN.md §3, §5): the CLI in-process and in a
subprocess, a logical snapshot of a database, and a way to make file permissions bite.

Everything is written under tmp_path. Subprocesses run `tui.cli` with the same Python,
with GONGKAI_DB pointing into tmp_path (conftest.isolated_env) and no network use
(they only open files).
"""

from __future__ import annotations

import ctypes
import os
import random
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.cli_helpers import CJK, assert_error_message, assert_user_error, invoke, ok, runner  # noqa: F401 (re-exported to the tests here)

ROOT = Path(__file__).resolve().parents[2]
UNIT = "渝中区"


# -- the CLI ---------------------------------------------------------------------


CLI = [sys.executable, "-c", "from tui.cli import run; run()"]


def child_env(**extra: str) -> dict:
    return {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(ROOT), **extra}


def run_cli(*args, cwd: Path, env: dict | None = None, preexec_fn=None, timeout: float = 60):
    """`gongkai-tui ARGS` in a child process (stdout/stderr decoded as UTF-8)."""
    return subprocess.run(
        [*CLI, *map(str, args)],
        cwd=cwd,
        env=child_env(**(env or {})),
        capture_output=True,
        text=True,
        encoding="utf-8",
        preexec_fn=preexec_fn,
        timeout=timeout,
    )


def assert_child_user_error(proc, *fragments: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    return assert_error_message(proc.stderr, *fragments)


# -- permissions that bite, even as root ---------------------------------------------

_PR_CAPBSET_DROP = 24


def without_privileges() -> None:
    """preexec_fn: drop every capability the child could gain at exec.

    The tests run as root here, and root ignores file modes (CAP_DAC_OVERRIDE), so a
    chmod 0444 file would still be written. With an empty capability bounding set the
    exec'd child is root without capabilities: the permission bits apply to it as to
    any user. For a non-root user this changes nothing (it has no capabilities).
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in range(64):
        libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)  # EINVAL past the last capability: fine


def permissions_bite(tmp_path: Path) -> bool:
    """Whether a child started with without_privileges() is refused a chmod 0444 file."""
    probe = tmp_path / "probe.txt"
    probe.write_text("x", encoding="utf-8")
    probe.chmod(0o444)
    proc = subprocess.run(
        [sys.executable, "-c", f"open({str(probe)!r}, 'a', encoding='utf-8').write('y')"],
        preexec_fn=without_privileges,
        capture_output=True,
        text=True,
    )
    probe.chmod(0o644)
    written = probe.read_text(encoding="utf-8") != "x"
    probe.unlink()
    return proc.returncode != 0 and not written


# -- looking at a database -------------------------------------------------------------

TABLES = ("progress", "evidence", "history")


def query(db: Path, sql: str, params=()) -> list[tuple]:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return conn.execute(sql, params).fetchall()


def snapshot(db: Path) -> dict:
    """Everything a user wrote, plus the schema version: equal snapshots = nothing changed."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        out = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
        out["user_version"] = conn.execute("PRAGMA user_version").fetchone()[0]
        out["tables"] = sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"))
    return out


def integrity(db: Path) -> str:
    return query(db, "PRAGMA integrity_check")[0][0]


def damage_pages(data: bytes, seed: int = 50) -> bytes:
    """Random bytes over six pages from the second on (the document, its sections, rows and
    items: what every command reads), the header page left intact."""
    page = int.from_bytes(data[16:18], "big")
    out = bytearray(data)
    rng = random.Random(seed)
    for n in range(1, 7):
        out[n * page + 8 : n * page + page - 8] = rng.randbytes(page - 16)
    return bytes(out)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def user(monkeypatch) -> str:
    for var in ("USERNAME", "LOGNAME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("USER", "科员-安全")
    return "科员-安全"
