"""`gongkai-tui settings [名称 [值]] [--unset 名称]` (registered in commands.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .shared import JsonOption, emit_json, friendly_errors


def settings_cmd(
    name: Optional[str] = typer.Argument(
        None, help="设置项:填报人、联系电话、审核人、导出文件夹、近期天数、导出版式、快捷键"
    ),
    value: Optional[str] = typer.Argument(None, help="新的值(不写则显示当前值)"),
    unset: bool = typer.Option(False, "--unset", help="删除这一设置项,恢复默认"),
    as_json: bool = JsonOption,
) -> None:
    """查看或修改设置:任务清单表尾的填报人、联系电话、审核人,导出文件夹,近期到期的天数,导出版式,界面的快捷键(settings 快捷键 ? 列出按键编号)。"""
    from ..settings import FIELDS, SettingsError, export_folder_problem, load, set_value

    if name == "快捷键" and value is not None and value.strip() in ("?", "？"):
        _list_keys()
        return
    with friendly_errors():
        if name == "快捷键" and value is not None and not unset:
            _check_key_ids(value)
        if name is not None and (value is not None or unset):
            if unset and value is not None:
                raise SettingsError("--unset 与新的值不能同时给出")
            if name == "导出文件夹" and value is not None and value.strip():
                folder = Path(value.strip()).expanduser().absolute()  # the same folder from any working directory
                problem = export_folder_problem(folder)
                if problem:
                    raise SettingsError(f"导出文件夹 {problem}:请写一个已有的、能写入的文件夹,设置未改动")
                value = str(folder)
            settings = set_value(name, None if unset else value)
        else:
            settings = load()
            if name is not None and name not in FIELDS:
                set_value(name, "")  # refused, naming what can be set
    shown = {label: settings.get(key) for label, (key, _, _) in FIELDS.items()}
    if name is not None:
        shown = {name: shown[name]}
    if as_json:
        emit_json(shown)
        return
    for label, current in shown.items():
        typer.echo(f"{label}:{'(未设置)' if current in (None, '') else current}    # {FIELDS[label][2]}")
    typer.echo(f"设置文件:{settings.path}")


def _all_keys() -> dict[str, tuple[str, str]]:
    from ..app.app import GongkaiApp
    from ..app.key_ids import binding_ids

    return binding_ids(GongkaiApp)


def _list_keys() -> None:
    for key_id, (keys, what) in _all_keys().items():
        typer.echo(f"{key_id}\t{keys}\t{what}")
    typer.echo('改用别的键:gongkai-tui settings 快捷键 "main.cycle=ctrl+t,main.search=f3"(一个编号多个键用 | 分隔)')


def _check_key_ids(value: str) -> None:
    """Every id in a 快捷键 value is one of the app's (refused, with the closest, otherwise)."""
    import difflib

    from ..settings import SettingsError, parse_keymap

    known = _all_keys()
    for key_id in parse_keymap(value):
        if key_id not in known:
            near = difflib.get_close_matches(key_id, list(known), n=3)
            hint = f";是不是:{'、'.join(near)}" if near else ""
            raise SettingsError(f"没有按键编号「{key_id}」{hint}(gongkai-tui settings 快捷键 ? 列出全部)")
