"""`gongkai-tui web`: the app in the default browser, served on 127.0.0.1 only."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .cli import DbOption, DocOption, app, fail, friendly_errors


@app.command("web")
def web_command(
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="打开该单位的任务清单(必填),如 渝中区"),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
    port: Optional[int] = typer.Option(None, "--port", help="端口(默认从 8421 起第一个空闲的)", show_default=False),
    no_browser: bool = typer.Option(False, "--no-browser", help="不自动打开浏览器,只显示地址"),
) -> None:
    """在浏览器中打开任务清单(只在本机 127.0.0.1 上提供,地址带随机令牌)。"""
    from . import web

    if not web.available():
        raise fail(web.INSTALL_HINT)
    if not unit:
        raise fail("请用 --unit 指定单位,如:gongkai-tui web --unit 渝中区")
    from .store import Store
    from .store.db import working_db

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

    def ready(url: str) -> None:
        typer.echo(f"「{name}」的任务清单已在浏览器中提供:{url}")
        typer.echo("这个地址只在本机有效,带有令牌,请勿转发。按 Ctrl+C 结束。")
        if not no_browser:
            import webbrowser

            webbrowser.open(url)

    try:
        web.serve(command, chosen, web.new_token(), on_ready=ready)
    except web.WebError as e:
        raise fail(str(e)) from None
    typer.echo("已结束。")
