"""The `gongkai-tui` command group and the one table of its commands.

Every command is registered here, in the order `gongkai-tui -h` lists them; the modules
beside this one define the commands' functions and never register anything themselves
(so importing one has no side effect, and none imports back into this module). To add a
command: write its function in the module of its flow (or a new one), then add one line
below. `main` is what `gongkai-tui` does without a command: open the app.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from .. import __version__
from . import assign, checklist, data, documents, members, settings, steps, sub_units, supervise, web, workbooks
from .core import ChineseGroup, ChineseTyper
from .shared import DB_HELP, DocOption

app = ChineseTyper(
    cls=ChineseGroup,
    add_completion=False,
    no_args_is_help=False,
    invoke_without_command=True,
    help="gongkai-tui:政务公开任务分工的任务清单工具(离线)。",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def version_callback(value: bool) -> None:
    if value:
        from ..store.db import bundled_document_number

        typer.echo(f"gongkai-tui {__version__}(附带任务分工:{bundled_document_number()})")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="打开该单位的任务清单;写在命令名之前时用于该命令"),
    db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP + ";写在命令名之前时用于该命令", show_default=False),
    as_of: Optional[str] = typer.Option(
        None, "--as-of", help="判断逾期的日期 YYYY-MM-DD(默认今天);写在命令名之前时用于该命令"
    ),
    doc: Optional[str] = typer.Option(
        None, "--doc", help=DocOption.help + ";写在命令名之前时用于该命令", show_default=False
    ),
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True, help="显示版本"),
) -> None:
    """不带命令时打开界面(--unit 指定单位;不写则先选择单位)。--db、--doc、--as-of、--unit 写在命令名之前时
    用于该命令;命令前后写了不同的值、或命令不用这个选项时拒绝。"""
    if ctx.invoked_subcommand is not None:
        return
    from ..start_app import has_terminal, open_app  # the app's own start, without typer's help

    if unit is None and not has_terminal():  # in a terminal the app asks for the unit
        typer.echo(ctx.get_help())
        raise typer.Exit(0)

    code = open_app(unit, str(db) if db else None, as_of, doc)
    if code:
        raise typer.Exit(code)


app.command("build-db")(documents.build_db)
app.command("units")(checklist.units_cmd)
app.command("list")(checklist.list_cmd)
app.command("dump")(checklist.dump_cmd)
app.command("done")(checklist.done_cmd)
app.command("status")(checklist.status_cmd)
app.command("confirm")(checklist.confirm_cmd)
app.command("export")(workbooks.export_cmd)
app.command("review")(checklist.review_cmd)
app.command("import")(workbooks.import_cmd)
app.command("check-evidence")(checklist.check_evidence_cmd)
app.command("load")(documents.load_cmd)
app.command("template")(documents.template_cmd)
app.command("documents")(documents.documents_cmd)
app.command("backup")(data.backup_cmd)
app.command("restore")(data.restore_cmd)
app.command("migrate-progress")(data.migrate_progress_cmd)
# `settings 近期天数 -5`: -5 is a value, not an option
app.command("settings", context_settings={"ignore_unknown_options": True})(settings.settings_cmd)
app.command("web")(web.web_command)
app.command("member")(members.member_cmd)
app.command("assign")(assign.assign_cmd)
app.command("assignments")(assign.assignments_cmd)
app.command("sub-units")(sub_units.sub_units_cmd)
app.command("issue")(assign.issue_cmd)
app.command("rollup")(assign.rollup_cmd)
app.command("chase")(supervise.chase_cmd)
app.command("bulletin")(supervise.bulletin_cmd)
app.command("collective-records")(members.collective_records_cmd)

step_app = ChineseTyper(
    cls=ChineseGroup,
    no_args_is_help=True,
    add_completion=False,
    help="细化:把条目细化为本单位可操作、可量化的步骤(如 1.1.3-1.1、1.1.3-1.2),各有责任科室、时限、状态和佐证。",
    context_settings={"help_option_names": ["-h", "--help"]},
)
step_app.command("add")(steps.step_add)
step_app.command("edit")(steps.step_edit)
step_app.command("done")(steps.step_done)
step_app.command("status")(steps.step_status)
step_app.command("remove")(steps.step_remove)
step_app.command("undo")(steps.step_undo)
step_app.command("list")(steps.step_list)
app.add_typer(step_app, name="step")


def run() -> None:
    """The command line's way in (launch.run, once argv is more than opening the app): Ctrl+C
    is exit code 130, a closed pipe (`gongkai-tui list … | head`) ends quietly."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # `gongkai-tui list … | head`
        try:
            sys.stdout = open(os.devnull, "w", encoding="utf-8")
        finally:
            sys.exit(0)
