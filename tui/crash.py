"""Crash reports: an unexpected exception is written to a file in the log directory.

Headless (no Textual, no Rich): the app and the console script both call it. The report
holds the traceback WITHOUT local variables — Textual's own traceback prints them, and
they hold notes, paths and evidence — plus versions, so that it can be sent on as it is.
Only the newest KEEP reports are kept. The user is told in one Chinese line where it is.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import traceback
from pathlib import Path

APP_NAME = "gongkai-tui"
PREFIX = "crash-"
KEEP = 10


def log_dir() -> Path:
    """platformdirs' user log directory (~/.local/state/gongkai-tui/log, %LOCALAPPDATA%\\…\\Logs)."""
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False)


def report_text(error: BaseException) -> str:
    """What goes into the file: when, versions, the traceback without locals."""
    from . import __version__

    lines = [
        f"gongkai-tui {__version__} 崩溃报告",
        f"时间:{dt.datetime.now().isoformat(timespec='seconds')}",
        f"Python {platform.python_version()} · {platform.platform()}",
    ]
    for module in ("textual", "rich"):
        version = _version_of(module)
        if version:
            lines.append(f"{module} {version}")
    lines.append("")
    # traceback.format_exception never prints locals (capture_locals defaults to False)
    lines += "".join(traceback.format_exception(type(error), error, error.__traceback__)).splitlines()
    return "\n".join(lines) + "\n"


def _version_of(module: str) -> str | None:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:  # noqa: BLE001 - a version is nice to have, never worth failing for
        return None


def write_report(error: BaseException, directory: Path | None = None) -> Path:
    """Write the report, drop all but the newest KEEP; returns the file. Raises OSError."""
    directory = directory or log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = directory / f"{PREFIX}{stamp}-{os.getpid()}.log"
    path.write_text(report_text(error), encoding="utf-8")
    prune(directory)
    return path


def prune(directory: Path, keep: int = KEEP) -> None:
    reports = sorted(directory.glob(f"{PREFIX}*.log"))  # the names sort by time
    for old in reports[:-keep] if keep else reports:
        try:
            old.unlink()
        except OSError:
            pass


def message(error: BaseException, report: Path | None) -> str:
    """The one line for the user (stderr)."""
    what = type(error).__name__
    if report is None:
        return f"错误:gongkai-tui 遇到意外错误({what})已退出,错误报告未能写入。已保存的修改不受影响。"
    return f"错误:gongkai-tui 遇到意外错误({what})已退出,已保存的修改不受影响。错误报告:{report}"


def report(error: BaseException, directory: Path | None = None) -> Path | None:
    """Write the report; on failure print the traceback (still without locals) instead."""
    try:
        return write_report(error, directory)
    except OSError:
        try:
            sys.stderr.write(report_text(error))
        except Exception:  # noqa: BLE001 - nothing more can be done
            pass
        return None


def handle(error: BaseException) -> int:
    """Report an unexpected exception, tell the user where it went; the exit code (1)."""
    path = report(error)
    try:
        print(message(error, path), file=sys.stderr)
    except Exception:  # noqa: BLE001
        pass
    return 1
