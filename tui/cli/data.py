"""Commands that keep data safe: backup, restore, migrate-progress (each registered in commands.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..store.db import working_db
from .documents import carry_lines
from .shared import DbOption, fail, friendly_errors


def backup_cmd(
    target: Optional[Path] = typer.Argument(None, help="备份文件(默认:数据库旁的 <名称>-备份-<时间>.sqlite)"),
    db: Optional[Path] = DbOption,
) -> None:
    """备份工作数据库(界面开着时也可以安全备份)。"""
    from ..store.backup import backup, default_backup_path

    with friendly_errors():
        path = working_db(db).path
        written = backup(path, target or default_backup_path(path))
    typer.echo(f"已备份到:{written.resolve()}")


def restore_cmd(
    source: Path = typer.Argument(..., help="要恢复的备份文件"),
    db: Optional[Path] = DbOption,
    force: bool = typer.Option(False, "--force", help="备份属于另一份文件(文号不同)时也恢复"),
) -> None:
    """用备份文件的内容替换工作数据库:先检查备份的完整性、版本和文号,被替换的内容保留在旁边。
    界面开着时也可以恢复,界面在下一次按键时显示恢复后的内容。"""
    from ..store.backup import restore

    with friendly_errors():
        path = working_db(db, create=True).path  # restoring may start a new working database
        done = restore(path, source, force=force)
    if done.other_document:
        typer.echo(
            f"警告:{source} 是另一份文件({done.number or '无文号'})的数据库,"
            f"已按 --force 替换了 {done.replaced_number} 的工作数据库",
            err=True,
        )
    if done.kept is None:
        typer.echo(f"已恢复 {path}")
    else:
        typer.echo(f"已恢复 {path};原数据库保留为 {done.kept}")


def migrate_progress_cmd(
    old: Path = typer.Argument(..., help="旧版本任务分工的数据库(含进度)"),
    new: Path = typer.Argument(..., help="新版本任务分工的数据库(由 build-db 生成)"),
) -> None:
    """把进度、佐证、细化步骤、分解、下级报送和修改记录带到新版本的任务分工:按条目文字匹配;
    文字改动或删除的条目列出供人工核对。"""
    from ..store.carry import carry_progress

    for p in (old, new):
        if not p.is_file():
            raise fail(f"找不到数据库:{p}")
    with friendly_errors():
        report = carry_progress(old, new)
    for line in carry_lines(report, "迁移"):
        typer.echo(line)
