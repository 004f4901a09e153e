"""`gongkai-tui web`: the app in the default browser, served on 127.0.0.1 only."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .shared import DbOption, DocOption, fail, friendly_errors


def web_command(
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="打开该单位的任务清单(必填),如 渝中区"),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
    port: Optional[int] = typer.Option(None, "--port", help="端口(默认从 8421 起第一个空闲的)", show_default=False),
    no_browser: bool = typer.Option(False, "--no-browser", help="不自动打开浏览器,只显示地址"),
) -> None:
    """在浏览器中打开任务清单(只在本机 127.0.0.1 上提供,用一次性地址进入)。"""
    from .. import web

    if not web.available():
        raise fail(web.INSTALL_HINT)
    if not unit:
        raise fail("请用 --unit 指定单位,如:gongkai-tui web --unit 渝中区")
    from ..store import Store
    from ..store.db import working_db

    with friendly_errors():  # the unit and the database are checked here, not in the browser
        wdb = working_db(db)
        if wdb.created:
            typer.echo(f"已从随程序附带的任务分工创建工作数据库:{wdb.path}", err=True)
        store = Store(wdb.path, readonly=True, doc=doc)
        try:
            name = store.resolve_unit(unit)
        finally:
            store.close()
    try:
        chosen = web.choose_port(port)
    except web.WebError as e:
        raise fail(str(e)) from None
    command = web.child_command(name, wdb.path.resolve(), doc)

    def ready(access) -> None:
        typer.echo(f"「{name}」的任务清单已在本机 {web.HOST}:{chosen} 上提供。")
        if not no_browser:
            try:
                open_browser(access.launcher())
                typer.echo("已在默认浏览器中打开;如果没有打开,请用浏览器打开下面的地址。")
            except OSError as e:
                typer.echo(f"无法为浏览器写启动文件({e.strerror or e}),请用浏览器打开下面的地址。", err=True)
        typer.echo(f"一次性地址({web.CODE_SECONDS // 60} 分钟内有效,只能用一次,请勿转发):{access.address()}")
        typer.echo("按回车取得新的一次性地址(另开一个浏览器时用),按 Ctrl+C 结束。")
        more_addresses_on_enter(access)

    try:
        web.serve(command, chosen, web.tab_title(name), on_ready=ready)
    except web.WebError as e:
        raise fail(str(e)) from None
    typer.echo("已结束。")


def open_browser(launcher: Path) -> None:
    """The default browser on the launcher file (its path is all its arguments show), from a
    thread: a browser named in $BROWSER is waited for, and the server must answer it meanwhile."""
    import threading
    import webbrowser

    threading.Thread(target=webbrowser.open, args=(launcher.as_uri(),), daemon=True).start()


def more_addresses_on_enter(access) -> None:
    """Each Enter typed in the terminal prints a new one-time address (for another browser, or
    when the first one expired unused); at the end of stdin (/dev/null) the thread ends."""
    import sys
    import threading

    def read() -> None:
        try:
            for _line in sys.stdin:
                typer.echo(f"新的一次性地址:{access.address()}")
        except (OSError, ValueError):  # stdin closed under us
            pass

    if sys.stdin is not None:
        threading.Thread(target=read, daemon=True).start()
