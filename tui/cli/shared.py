"""What the command modules share: the common options (--db, --doc, --unit, --json), `fail`
(one `错误:…` line and exit code 2), `friendly_errors` (an expected failure in Chinese, through
tui/errors.py's user_message), `open_store`, the unit `--unit` means for progress, `--as-of`, JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer

from ..errors import user_message
from ..store import Store
from ..store.db import working_db
from .member_unit import resolve_for_cli

DB_HELP = (
    "工作数据库路径(默认 $GONGKAI_DB 或用户数据目录;默认位置第一次使用时由随程序附带的任务分工创建,"
    "用 --db 指定的文件必须已经存在,只有 load 和 restore 会新建它)"
)
DbOption = typer.Option(None, "--db", help=DB_HELP, show_default=False)
UnitOption = typer.Option(..., "--unit", "-u", help="单位名称、简称、区县名或拼音首字母,如 各区县政府、渝中区、fgw")
JsonOption = typer.Option(False, "--json", help="输出 JSON")
DocOption = typer.Option(
    None,
    "--doc",
    help="哪一份任务分工:文件编号(如 渝府办发〔2021〕50号)或年度(如 2021);"
    "默认成文日期最新的一份(gongkai-tui documents 列出全部)",
    show_default=False,
)


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"错误:{message}", err=True)
    return typer.Exit(code)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn every expected failure into a Chinese message and exit code 2."""
    try:
        yield
    except Exception as e:  # noqa: BLE001 - the one map decides; anything else goes on to the crash report
        text = user_message(e)
        if text is None:
            raise
        raise fail(text) from None


@contextmanager
def open_store(db: Optional[Path], readonly: bool = False, doc: Optional[str] = None) -> Iterator[Store]:
    with friendly_errors():
        wdb = working_db(db)
        if wdb.created:
            typer.echo(f"已从随程序附带的任务分工创建工作数据库:{wdb.path}", err=True)
        store = Store(wdb.path, readonly=readonly, doc=doc)
        try:
            yield store
        finally:
            store.close()


def progress_unit(store: Store, text: str, read: bool = False) -> str:
    """The unit whose own progress `--unit` writes or reports: a collective goes to its
    remembered member or is refused naming its members (member_unit.resolve_for_cli)."""
    return resolve_for_cli(store, text, read)


def parse_as_of(value: Optional[str]) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"日期格式应为 YYYY-MM-DD:{value}") from None


def emit_json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
