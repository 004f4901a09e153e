"""Opening the app for a unit: the working database and the unit resolved (or asked for in
the terminal), the terminal checked, then the Textual app run. Used by the console script
(launch.py, without typer), by `gongkai-tui` through typer (cli/commands.py) and by each
browser tab's process (web.py)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path


NO_TERMINAL = "错误:界面需要在终端中运行;命令行用法见 gongkai-tui --help"


WEB_DRIVER = "textual.drivers.web_driver:WebDriver"  # `gongkai-tui web`: each tab's app runs under it


def has_terminal() -> bool:
    """Whether stdin is a terminal. Without one Textual reads nothing and spins forever;
    under textual-serve's web driver stdin is its pipe, which that driver reads."""
    if os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER:
        return True
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, OSError, ValueError):
        return False


def open_app(unit: str | None = None, db: str | None = None, as_of: str | None = None, doc: str | None = None) -> int:
    """Resolve the working database and the unit (None: ask for it), then run the app.
    Returns the exit code.

    A user error (bad date, unknown unit, unusable database) is one Chinese line and 2;
    no terminal on stdin is 2 as well; an unexpected exception is a crash report and 1."""
    from . import crash

    try:
        return _open_app(unit, db, as_of, doc)
    except Exception as e:  # noqa: BLE001 - anything unexpected: a report, never a traceback
        return crash.handle(e)


def _open_app(unit: str | None, db: str | None, as_of: str | None, doc: str | None) -> int:
    from .errors import user_message
    from .store import Store
    from .store.db import working_db

    try:
        when = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        print(f"错误:日期格式应为 YYYY-MM-DD:{as_of}", file=sys.stderr)
        return 2
    try:
        wdb = working_db(Path(db) if db else None)
        if wdb.created:
            print(f"已从随程序附带的任务分工创建工作数据库:{wdb.path}", file=sys.stderr)
        store = Store(wdb.path, check_in_background=True, doc=doc)
        try:
            name = store.resolve_unit(unit) if unit is not None else None
        except BaseException:
            store.close()
            raise
    except Exception as e:  # noqa: BLE001 - the one map decides; anything else is a crash report (open_app)
        text = user_message(e)
        if text is None:
            raise
        print(f"错误:{text}{load_first(e)}", file=sys.stderr)
        return 2
    if not has_terminal():  # checked after the arguments: their errors say more
        store.close()
        print(NO_TERMINAL, file=sys.stderr)
        return 2
    try:
        from .app.run import run_app

        if name is None:
            name = ask_unit(store)
            if name is None:  # Esc: nothing opened
                store.close()
                return 0
    except BaseException:
        store.close()
        raise
    return run_app(store, name, when)


LOAD_FIRST = (
    "\n本单位的任务是上级单位印发的(如区里印发的任务分工 .docx)?先载入那份文件:"
    "gongkai-tui load 文件路径,再用 --unit 打开。"
)


def load_first(e: Exception) -> str:
    """After an unknown unit at the start: a sub-unit on its own machine names itself before
    the breakdown that lists it is loaded (issue #25); said how to load it."""
    from .units import UnknownUnit

    return LOAD_FIRST if isinstance(e, UnknownUnit) and not e.ambiguous else ""


def ask_unit(store) -> str | None:
    """The unit the user picks in the terminal (None: Esc)."""
    from .app.first_unit import pick_unit

    picked = pick_unit(store)
    return store.resolve_unit(picked) if picked else None
