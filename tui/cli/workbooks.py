"""The 任务清单 workbooks on the command line: export (上报版, 完整版 or the lead unit's
汇总表, to the settings' 导出文件夹 or -o) and import (three-way, conflicts listed, a
workbook of another unit only when confirmed); each registered in commands.py."""

from __future__ import annotations

import errno
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from ..errors_text import os_error_text
from .shared import DbOption, DocOption, UnitOption, fail, friendly_errors, open_store, parse_as_of, progress_unit

if TYPE_CHECKING:
    from ..settings import Settings, Signatures


def export_cmd(
    unit: str = UnitOption,
    out: Optional[Path] = typer.Option(
        None,
        "-o",
        "--out",
        help="输出文件(默认写到设置项「导出文件夹」,未设置时为当前目录下的 "
        "exports/,文件名 <单位>-<年>年政务公开任务清单-<日期>.xlsx)",
    ),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="判断逾期的日期"),
    review: bool = typer.Option(False, "--review", help="牵头单位:导出各责任单位完成情况汇总表"),
    full: bool = typer.Option(
        False, "--full", help="导出完整版(15 列,A3 横向,供本单位内部使用);默认导出上报版(按报送表格式,A4 横向)"
    ),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """导出本单位的任务清单工作簿(xlsx);已存在的文件不会被覆盖,而是加上编号。"""
    when = parse_as_of(as_of)
    settings = user_settings()
    folder = export_target(out, settings.export_folder or None)
    with open_store(db, readonly=True, doc=doc) as store, friendly_errors():
        name = store.resolve_unit(unit) if review else progress_unit(store, unit)
        try:
            if review:
                from ..workbook.service import export_review

                path = export_review(store, name, when, out, folder=folder)
            else:
                from ..workbook.service import export_checklist

                path = export_checklist(store, name, when, out, full=full, folder=folder, **report_signatures(settings))
        except OSError as e:
            raise fail(export_failure(e, out.parent if out else folder)) from None
    typer.echo(str(path.resolve()))


def user_settings() -> Settings:
    from ..settings import load

    with friendly_errors():
        return load()


def export_target(out: Optional[Path], chosen: Optional[str]) -> Path:
    """The folder a workbook goes to without -o (settings 导出文件夹, else ./exports), checked
    with -o or without before anything is written: a folder that cannot take the file and a
    full disk are said as such (openpyxl fails half way through otherwise)."""
    from ..settings import export_folder_problem
    from ..store.filesystems import disk_full

    folder = Path(chosen).expanduser() if chosen else Path("exports")
    target = out.parent if out is not None else folder
    if out is None and chosen and not folder.is_dir():
        raise fail(
            f"设置项「导出文件夹」的 {folder} 不存在(或不是文件夹);请建好它,"
            "或用 gongkai-tui settings 导出文件夹 <文件夹> 改设,或用 -o 指定导出文件"
        )
    if target.exists():
        problem = export_folder_problem(target)
        if problem:
            raise fail(
                f"导出文件夹 {problem},工作簿没有写出;请用 -o 指定能写入的文件夹,"
                "或用 gongkai-tui settings 导出文件夹 <文件夹> 设置默认的导出文件夹"
            )
    if disk_full(target):
        raise fail(
            f"磁盘已满:{target.absolute()} 所在的磁盘没有剩余空间,工作簿没有写出;"
            "请删除或移走不需要的文件、腾出空间后再试,或用 -o 写到另一块磁盘上"
        )
    return folder


def export_failure(e: OSError, folder: Path) -> str:
    """Writing the workbook failed: why, and what to do."""
    if e.errno == errno.ENOSPC:
        return (
            f"磁盘已满:{folder.absolute()} 所在的磁盘没有足够的空间,工作簿没有写出;"
            "请删除或移走不需要的文件、腾出空间后再试,或用 -o 写到另一块磁盘上"
        )
    where = getattr(e, "filename", None) or folder
    return f"导出失败:{os_error_text(e)}({where}),工作簿没有写出;请用 -o 指定能写入的文件夹"


def report_signatures(settings: Settings | None = None) -> Signatures:
    """填报人、联系电话、审核人 for the foot of the 任务清单, from `gongkai-tui settings`."""
    return (settings or user_settings()).signatures()


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, OSError, ValueError):
        return False


def _confirm_units(plan, yes: bool) -> None:
    """A workbook whose 说明 names another unit than it was exported for goes in only when
    confirmed: --yes, or y typed at the terminal; without a terminal it is refused."""
    for line in plan.unit_doubts:
        typer.echo(f"警告:{line}", err=True)
    if not plan.unit_doubts or yes:
        return
    units = "、".join(dict.fromkeys(f"「{f.unit}」" for f in plan.files if f.unit_doubts))
    if not _stdin_is_terminal():
        raise fail(
            f"工作簿「说明」中的单位与导出时不同(见上),没有写入任何更改;确认要导入{units}的任务清单,请加 --yes 再运行"
        )
    try:
        confirmed = typer.confirm(f"确认导入{units}的任务清单吗?(输入 y 确认)", default=False, show_default=False)
    except typer.Abort:  # Ctrl-D or Ctrl-C at the question
        confirmed = False
    if not confirmed:
        raise fail("没有确认,没有写入任何更改")


def import_cmd(
    files: list[Path] = typer.Argument(..., help="一个或多个任务清单工作簿(.xlsx;另存的 .ods 也可导入)"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只检查并报告,不写入"),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
    yes: bool = typer.Option(False, "--yes", "-y", help="工作簿「说明」中的单位与导出时不同时也导入,不询问"),
) -> None:
    """导回任务清单工作簿:与导出时的值比较,只导入本单位改过的单元格;导出后系统中也改过的同一项列为冲突、不覆盖。
    全部文件在一个事务中写入。退出码:0 全部导入,3 有冲突或未导入的内容(插入的行、列,均逐一列出),2 拒绝(什么都没写)。"""
    from ..settings import remembered_members
    from ..workbook.importer import plan_import, report_lines

    with open_store(db, readonly=dry_run, doc=doc) as store, friendly_errors():
        plan = plan_import(store, files, only_doc=store.doc if doc is not None else None, members=remembered_members())
        if plan.errors:
            for line in plan.errors:
                typer.echo(f"错误:{line}", err=True)
            typer.echo(f"共 {plan.problem_count} 处问题,没有写入任何更改。", err=True)
            raise typer.Exit(2)
        _confirm_units(plan, yes or dry_run)
        left_out = _receive_sub_reports(store, plan.reports, dry_run)
        if plan.files and dry_run:
            for line in report_lines(plan, store.preview(plan.batches)):
                typer.echo(line)
            typer.echo("(试运行,没有写入任何更改)")
        elif plan.files:
            records = [
                {
                    "doc": f.doc,
                    "unit": f.unit,
                    "file": str(f.file),
                    "sha256": f.sha256,
                    "exported_at": f.exported_at,
                    "source": f.batch.source,
                    "source_db": f.source_db,
                    "source_version": f.source_version,
                }
                for f in plan.files
            ]
            _, written = store.apply_import(plan.batches, records)
            for line in report_lines(plan, written):
                typer.echo(line)
    _end(left_out + plan.not_imported, plan.conflicts, dry_run)


def _end(not_imported: list[str], conflicts: list, dry_run: bool) -> None:
    for line in not_imported:
        typer.echo(f"未导入:{line}", err=True)
    if conflicts or not_imported:
        what = "、".join(
            x
            for x in (
                f"{len(conflicts)} 项冲突" if conflicts else "",
                f"{len(not_imported)} 处内容" if not_imported else "",
            )
            if x
        )
        typer.echo(f"有 {what}没有导入(见上),其余修改已" + ("检查" if dry_run else "写入") + "。", err=True)
        raise typer.Exit(3)


def _receive_sub_reports(store, reports: list, dry_run: bool) -> list[str]:
    """Store (or, with --dry-run, count) the sub-units' reports among the files
    (workbook/rollup_import.py), each said in a line; returns the lines left out of them."""
    from ..workbook.sub_report_files import received_text, store_report

    left_out: list[str] = []
    for got in reports:
        name = got.file.name
        left_out += [f"{name}:{line}" for line in got.left_out]
        if dry_run:
            typer.echo(f"{name}:{got.sub_unit} 报送 {got.unit} 分解的 {len(got.reports)} 项(试运行,没有写入)")
            continue
        said = received_text(got, store_report(store, got))
        typer.echo(f"{name}:{said}(查看:gongkai-tui rollup -u {got.unit})")
    return left_out
