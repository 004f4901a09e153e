"""`gongkai-tui sub-units` (issue #25 item 1): a unit's own 下级单位目录, the sub-units it
assigns its items to (its departments, 镇街 or 科室), listed, added to, renamed and taken
off (store/sub_units.py; the app's assign dialog edits the same list with Ctrl+U). A name
with items assigned to it is not renamed; taking it off keeps what was assigned."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .shared import (
    DbOption,
    DocOption,
    JsonOption,
    UnitOption,
    emit_json,
    fail,
    friendly_errors,
    open_store,
    progress_unit,
)


def sub_units_cmd(
    unit: str = UnitOption,
    add: Optional[str] = typer.Option(
        None, "--add", help="添加下级单位,多个用逗号或顿号分隔,如 区发展改革委,解放碑街道"
    ),
    rename: Optional[str] = typer.Option(None, "--rename", help="改名:原名称(与 --as 同用)"),
    new_name: Optional[str] = typer.Option(None, "--as", help="与 --rename 同用:新名称"),
    remove: Optional[str] = typer.Option(None, "--remove", help="从目录中去掉这个下级单位(已分解给它的条目保留)"),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
    as_json: bool = JsonOption,
) -> None:
    """本单位的下级单位目录:分解条目时可选的部门、镇街或科室;可添加、改名、去掉。"""
    changes = [name for name, value in (("--add", add), ("--rename", rename), ("--remove", remove)) if value]
    if len(changes) > 1:
        raise fail(f"{'、'.join(changes)} 一次只能用一个")
    if (rename is None) != (new_name is None):
        raise fail("改名要同时写 --rename 原名称 和 --as 新名称")
    if changes and as_json:
        raise fail(f"{changes[0]} 改动目录,不能与 --json 同用")
    with open_store(db, readonly=not changes, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit, read=not changes)
        if add is not None:
            added = store.add_sub_units(name, add)
            typer.echo(f"已把 {'、'.join(added)} 加入「{name}」的下级单位目录")
        elif rename is not None:
            assert new_name is not None  # refused above otherwise
            now = store.rename_sub_unit(name, rename.strip(), new_name)
            typer.echo(f"已把下级单位「{rename.strip()}」改名为「{now}」")
        elif remove is not None:
            kept = store.remove_sub_unit(name, remove.strip())
            typer.echo(
                f"已从「{name}」的下级单位目录中去掉「{remove.strip()}」"
                + (f";已分解给它的 {kept} 个条目或步骤保留(assign --remove 取消)" if kept else "")
            )
        listed = store.sub_units(name)
    if as_json:
        emit_json(listed)
    elif not changes:
        typer.echo("\n".join(listed) if listed else f"「{name}」的下级单位目录是空的:用 --add 添加")
