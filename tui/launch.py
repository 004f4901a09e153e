"""Console-script entry point.

`gongkai-tui --unit U [--db P] [--as-of D]` opens the app without loading typer
(the command-line machinery costs a noticeable part of a cold start); everything
else goes to the typer commands in cli.py.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

_APP_OPTIONS = {"--unit": "unit", "-u": "unit", "--db": "db", "--as-of": "as_of"}


def app_arguments(argv: list[str]) -> dict[str, str] | None:
    """The options when argv only opens the app, else None (let typer handle it)."""
    found: dict[str, str] = {}
    i = 0
    while i < len(argv):
        token = argv[i]
        name, eq, value = token.partition("=")
        if name not in _APP_OPTIONS:
            return None
        if not eq:
            if i + 1 >= len(argv):
                return None
            value = argv[i + 1]
            i += 1
        key = _APP_OPTIONS[name]
        if key in found or not value:
            return None
        found[key] = value
        i += 1
    return found if "unit" in found else None


def open_app(unit: str, db: str | None = None, as_of: str | None = None) -> int:
    """Resolve the working database and the unit, then run the app. Returns the exit code."""
    from .source import ParseError
    from .store import InputError, Store, StoreError
    from .store.db import working_db
    from .units import UnknownUnit

    try:
        when = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        print(f"错误:日期格式应为 YYYY-MM-DD:{as_of}", file=sys.stderr)
        return 2
    try:
        wdb = working_db(Path(db) if db else None)
        if wdb.created:
            print(f"已从随程序附带的任务分工创建工作数据库:{wdb.path}", file=sys.stderr)
        store = Store(wdb.path, check_in_background=True)
        try:
            name = store.resolve_unit(unit)
        except BaseException:
            store.close()
            raise
    except (UnknownUnit, InputError, StoreError, ParseError) as e:
        print(f"错误:{e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"错误:文件操作失败:{e.strerror or e}", file=sys.stderr)
        return 2
    except sqlite3.Error as e:
        print(f"错误:数据库错误,未写入任何更改:{e}", file=sys.stderr)
        return 2
    from .app.run import run_app

    run_app(store, name, when)
    return 0


def run() -> None:
    from .console import tolerate_unencodable_output

    tolerate_unencodable_output()  # a GBK console prints `?` instead of crashing
    args = app_arguments(sys.argv[1:])
    if args is not None:
        try:
            sys.exit(open_app(**args))
        except KeyboardInterrupt:
            sys.exit(130)
    from .cli import run as run_cli

    run_cli()
