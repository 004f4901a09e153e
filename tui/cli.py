"""typer commands: the only place that wires source, store, workbook and app together."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer

from . import __version__
from .cli_core import ChineseGroup, ChineseTyper
from .cli_dates import DateOption, YesOption, done_date
from .errors_text import expected_error_text, os_error_text
from .store import STATUSES, Store
from .store.db import working_db
from .store.documents import label
from .store.load_summary import build_report_lines
from .textwidth import fit
from .units import VIA_LABEL

app = ChineseTyper(
    cls=ChineseGroup,
    add_completion=False,
    no_args_is_help=False,
    invoke_without_command=True,
    help="gongkai-tui:政务公开任务分工的任务清单工具(离线)。",
    context_settings={"help_option_names": ["-h", "--help"]},
)

DB_HELP = ("工作数据库路径(默认 $GONGKAI_DB 或用户数据目录;默认位置第一次使用时由随程序附带的任务分工创建,"
           "用 --db 指定的文件必须已经存在,只有 load 和 restore 会新建它)")
DbOption = typer.Option(None, "--db", help=DB_HELP, show_default=False)
UnitOption = typer.Option(..., "--unit", "-u", help="单位名称、简称、区县名或拼音首字母,如 各区县政府、渝中区、fgw")
JsonOption = typer.Option(False, "--json", help="输出 JSON")
DocOption = typer.Option(None, "--doc", help="哪一份任务分工:文件编号(如 渝府办发〔2021〕50号)或年度(如 2021);"
                         "默认成文日期最新的一份(gongkai-tui documents 列出全部)", show_default=False)


# Every document can be made right without editing text files: the breakdown table workbook.
WAY_OUT = ("出路:gongkai-tui template 写出空白的任务分工表,照原文填写后用 gongkai-tui load 载入;"
           "能读出的文件可用 gongkai-tui load 文件 --as-table 读取结果.xlsx 写出读到的内容,改正后载入。")


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"错误:{message}", err=True)
    return typer.Exit(code)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn every expected failure into a Chinese message and exit code 2."""
    try:
        yield
    except Exception as e:  # noqa: BLE001 - the one map decides; anything else goes on to the crash report
        text = expected_error_text(e, WAY_OUT)
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
    remembered member or is refused naming its members (cli_members.resolve_for_cli)."""
    from .cli_members import resolve_for_cli

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


def version_callback(value: bool) -> None:
    if value:
        from .store.db import bundled_document_number

        typer.echo(f"gongkai-tui {__version__}(附带任务分工:{bundled_document_number()})")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="打开该单位的任务清单;写在命令名之前时用于该命令"),
    db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP + ";写在命令名之前时用于该命令", show_default=False),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="判断逾期的日期 YYYY-MM-DD(默认今天);写在命令名之前时用于该命令"),
    doc: Optional[str] = typer.Option(None, "--doc", help=DocOption.help + ";写在命令名之前时用于该命令", show_default=False),
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True, help="显示版本"),
) -> None:
    """不带命令时打开界面(--unit 指定单位;不写则先选择单位)。--db、--doc、--as-of、--unit 写在命令名之前时
    用于该命令;命令前后写了不同的值、或命令不用这个选项时拒绝。"""
    if ctx.invoked_subcommand is not None:
        return
    from .launch import has_terminal, open_app

    if unit is None and not has_terminal():  # in a terminal the app asks for the unit
        typer.echo(ctx.get_help())
        raise typer.Exit(0)

    code = open_app(unit, str(db) if db else None, as_of, doc)
    if code:
        raise typer.Exit(code)


@app.command("build-db")
def build_db(
    source: Path = typer.Argument(..., help="任务分工文件:.txt(UTF-8 或 GBK)、.docx、.xlsx、.html/.htm"),
    out: Path = typer.Option(Path("data/tasks.sqlite"), "-o", "--out", help="输出的数据库"),
    catalogue: Optional[Path] = typer.Option(None, "--catalogue", help="单位目录文件(默认:数据目录中的 单位目录.txt,若有)"),
    strict: bool = typer.Option(False, "--strict", help="有任何警告就不生成数据库(退出码 2)"),
    year: Optional[int] = typer.Option(None, "--year", min=2000, max=2100,
                                       help="文件的年度,文件中没有写明时必须指定(如 2026)"),
) -> None:
    """由任务分工文件生成数据库(原子写入:失败时不留下半个文件),并报告每一处判断和警告。"""
    from .store.build import WarningsRefused, build_database

    with friendly_errors():
        from .workbook.recognise import refuse_exported_checklist

        refuse_exported_checklist(source)  # an exported 任务清单 goes back with import
        try:
            report = build_database(source, out, catalogue, strict, year)
        except WarningsRefused as e:
            for line in build_report_lines(e.report):
                typer.echo(line)
            raise
    for line in build_report_lines(report):
        typer.echo(line)
    for path in report.leftovers:
        typer.echo(f"已删除上次中断的生成留下的临时文件 {path}")
    typer.echo(f"已生成 {out}")


@app.command("units")
def units_cmd(
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
    as_json: bool = JsonOption,
    members: bool = typer.Option(False, "--members", help="列出生效的成员目录(随程序附带的与数据目录中 单位目录.txt 的)及其来源"),
    catalogue: Optional[Path] = typer.Option(None, "--catalogue", help="与 --members 同用:查看这个单位目录文件"),
) -> None:
    """列出单位:类型,以及按角色统计的适用条目数;--members 列出统称的成员名单从哪里来。"""
    if members:
        show_members(catalogue, as_json)
        return
    with open_store(db, readonly=True, doc=doc) as store, friendly_errors():
        out = []
        for u in store.units():
            entries = store.checklist(u["name"])
            out.append({
                "name": u["name"], "kind": u["kind"], "in_document": bool(u["in_document"]),
                "items": len(entries),
                "lead_items": sum("牵头" in e.roles for e in entries),
                "responsible_items": sum("责任" in e.roles for e in entries),
                "to_confirm_items": sum(e.to_confirm for e in entries),
            })
    if as_json:
        emit_json(out)
        return
    typer.echo(f"{fit('单位', 34)} {fit('类型', 8)} {'条目':>5} {'牵头':>5} {'责任':>5} {'待确认':>6}")
    for u in out:
        typer.echo(f"{fit(u['name'], 34)} {fit(u['kind'], 8)} {u['items']:>5} {u['lead_items']:>5} "
                   f"{u['responsible_items']:>5} {u['to_confirm_items']:>6}")


def show_members(catalogue: Optional[Path], as_json: bool) -> None:
    from .store.build import load_members
    from .store.db import data_dir
    from .units import describe_members, user_catalogue_path

    with friendly_errors():
        rows = describe_members(load_members(catalogue))
    if as_json:
        emit_json([{"section": sec, "member": name, "source": src} for sec, name, src in rows])
        return
    path = catalogue or user_catalogue_path(data_dir())
    typer.echo(f"用户单位目录:{path}" + ("" if path.is_file() else "(不存在;可新建,格式见 README)"))
    for sec, name, src in rows:
        typer.echo(f"{fit('[' + sec + ']', 10)} {fit(name, 36)} {src}")


def entry_json(store: Store, unit: str, e) -> dict:
    from .cli_steps import step_json

    return {
        "id": e.id, "row": e.row_id, "label": e.label, "text": e.text, "group": e.group,
        "section": e.section_id, "subsection": e.subsection_id,
        "roles": list(e.roles), "via": e.via, "status": e.status, "reason": e.reason,
        "deadline": e.deadline, "relative_deadline": e.relative_deadline,
        "disclosure_paths": e.disclosure_paths, "document_requirement": e.document_requirement,
        "lead_units": e.lead_units, "responsible_units": e.responsible_units,
        "cooperating_units": e.cooperating_units,
        "requirement": e.requirement, "office": e.office, "person": e.person, "done_date": e.done_date,
        "evidence": [{"kind": r["kind"], "value": r["value"], "caption": r["caption"], "added_at": r["added_at"]}
                     for r in store.evidence(unit, e.id)] if e.evidence_count else [],
        "missing_evidence": e.missing_evidence, "note": e.note, "to_confirm": e.to_confirm, "confirmed": e.confirmed,
        "narrative": e.narrative or "", "steps": [step_json(s) for s in e.steps],
    }


def print_checklist(store: Store, unit: str, entries, as_of: dt.date) -> None:
    from .cli_steps import step_lines

    doc = store.document
    done = sum(e.status == "已完成" for e in entries)
    typer.echo(f"{unit} · {label(doc)} · 截至 {as_of.isoformat()} · 已完成 {done}/{len(entries)}")
    for e in entries:
        flags = "".join([" 逾期" if e.overdue(as_of) else "", " 缺佐证" if e.missing_evidence else ""])
        when = e.deadline or e.relative_deadline or ""
        roles = "/".join(e.roles)
        typer.echo(f"[{e.status}] {fit(e.id, 11)} {fit(roles, 9)} {fit(VIA_LABEL[e.via], 6)} {fit(when, 12)} "
                   f"{fit(e.full_text.replace(chr(10), ' '), 60)}{flags}")
        if e.document_requirement:
            typer.echo(f"{' ' * 11}具体要求:{e.document_requirement.replace(chr(10), ' ')}")
        if e.narrative:  # as written; the evidence titles stand in for it only where evidence is read
            typer.echo(f"{' ' * 11}具体完成情况:{e.narrative.replace(chr(10), ' / ')}")
        for line in step_lines(e.id, e.steps, " " * 11):
            typer.echo(line)


@app.command("list")
def list_cmd(
    unit: str = UnitOption,
    role: Optional[str] = typer.Option(None, "--role", help="只看 牵头、责任 或 配合"),
    status: Optional[str] = typer.Option(None, "--status", help="只看某一状态:" + "/".join(STATUSES)),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
    as_of: Optional[str] = typer.Option(None, "--as-of", help="判断逾期的日期"),
    as_json: bool = JsonOption,
) -> None:
    """列出单位的任务清单。"""
    when = parse_as_of(as_of)
    if role is not None and role not in ("牵头", "责任", "配合"):
        raise fail(f"角色只能是 牵头、责任 或 配合:{role}")
    if status is not None and status not in STATUSES:
        raise fail(f"未知状态「{status}」,可选:{' / '.join(STATUSES)}")
    with open_store(db, readonly=True, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit, read=True)
        entries = [e for e in store.checklist(name)
                   if (role is None or role in e.roles) and (status is None or e.status == status)]
        if as_json:
            emit_json([entry_json(store, name, e) for e in entries])
        else:
            print_checklist(store, name, entries, when)


@app.command("dump")
def dump_cmd(db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption, as_json: bool = JsonOption) -> None:
    """输出整个任务分工(行、条目、单位、公开路径、时限)。"""
    with open_store(db, readonly=True, doc=doc) as store, friendly_errors():
        data = store.dump()
    if as_json:
        emit_json(data)
        return
    typer.echo(f"{label(data['document'])} {data['document']['table_title']}")
    for row in data["rows"]:
        typer.echo(f"{row['id']}  牵头:{'、'.join(row['lead_units'])}  责任:{'、'.join(row['responsible_units'])}")
        for it in row["items"]:
            typer.echo(f"    {it['id']}  {fit(it['text'].replace(chr(10), ' '), 70)}")


@app.command("done")
def done_cmd(
    item: str = typer.Argument(..., help="条目编号,如 1.1.3-1"),
    unit: str = UnitOption,
    evidence: list[str] = typer.Option([], "--evidence", "-e", help="佐证材料:http(s) 网址或文件路径,可重复"),
    note: Optional[str] = typer.Option(None, "--note", help="备注"),
    narrative: Optional[str] = typer.Option(None, "--narrative", help="具体完成情况(可多行;写空字符串清除)"),
    date: Optional[str] = DateOption,
    yes: bool = YesOption,
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """把条目标记为已完成,可附佐证材料、具体完成情况、设完成时间。"""
    with open_store(db, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit)
        day = done_date(date, store.document.get("issued"), yes)
        store.entry(name, item)  # an unknown item is refused before any file is read
        from .cli_evidence import fingerprints

        action = store.mark_done(name, item, evidence, note, done_date=day, fingerprints=fingerprints(evidence),
                                 narrative=narrative)
        e = store.entry(name, item)
    typer.echo(f"{e.id} 已完成" + (f",完成时间 {e.done_date}" if date else "") + ("" if action else "(无变化)")
               + ("(缺佐证)" if e.missing_evidence else ""))


@app.command("status")
def status_cmd(
    item: str = typer.Argument(..., help="条目编号"),
    status: str = typer.Argument(..., help="/".join(STATUSES)),
    unit: str = UnitOption,
    reason: Optional[str] = typer.Option(None, "--reason", help="不适用的理由"),
    date: Optional[str] = DateOption,
    yes: bool = YesOption,
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """设置条目的完成情况(不适用需写理由;已完成可用 --date 设完成时间)。"""
    if date is not None and status.strip() != "已完成":
        raise fail(f"--date(完成时间)只能与「已完成」一起使用,现为「{status.strip()}」")
    with open_store(db, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit)
        day = done_date(date, store.document.get("issued"), yes)
        action = store.set_status(name, [item], status.strip(), reason, done_date=day)
    typer.echo(f"{item.strip()} {status.strip()}" + ("" if action else "(无变化)"))


@app.command("confirm")
def confirm_cmd(
    items: list[str] = typer.Argument(..., help="待确认的条目编号,可写多个"),
    unit: str = UnitOption,
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """确认「待确认」的条目适用于本单位(只经「有关部门」等统称点到的条目;不适用的请用 status … 不适用 --reason)。"""
    with open_store(db, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit)
        action = store.confirm(name, [i.strip() for i in items])
    typer.echo(f"{'、'.join(i.strip() for i in items)} 已确认适用于「{name}」" + ("" if action else "(无变化)"))


@app.command("export")
def export_cmd(
    unit: str = UnitOption,
    out: Optional[Path] = typer.Option(None, "-o", "--out", help="输出文件(默认写到设置项「导出文件夹」,未设置时为当前目录下的 "
                                       "exports/,文件名 <单位>-<年>年政务公开任务清单-<日期>.xlsx)"),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="判断逾期的日期"),
    review: bool = typer.Option(False, "--review", help="牵头单位:导出各责任单位完成情况汇总表"),
    full: bool = typer.Option(False, "--full", help="导出完整版(15 列,A3 横向,供本单位内部使用);默认导出上报版(按报送表格式,A4 横向)"),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """导出本单位的任务清单工作簿(xlsx);已存在的文件不会被覆盖,而是加上编号。"""
    when = parse_as_of(as_of)
    settings = user_settings()
    folder = export_target(out, settings.get("export_folder"))
    with open_store(db, readonly=True, doc=doc) as store, friendly_errors():
        name = store.resolve_unit(unit) if review else progress_unit(store, unit)
        try:
            if review:
                from .workbook.service import export_review

                path = export_review(store, name, when, out, folder=folder)
            else:
                from .workbook.service import export_checklist

                path = export_checklist(store, name, when, out, full=full, folder=folder, **report_signatures(settings))
        except OSError as e:
            raise fail(export_failure(e, out.parent if out else folder)) from None
    typer.echo(str(path.resolve()))


def user_settings():
    from .settings import SettingsError, load

    try:
        return load()
    except SettingsError as e:
        raise fail(str(e)) from None


def export_target(out: Optional[Path], chosen: Optional[str]) -> Path:
    """The folder a workbook goes to without -o (settings 导出文件夹, else ./exports), checked
    with -o or without before anything is written: a folder that cannot take the file and a
    full disk are said as such (openpyxl fails half way through otherwise)."""
    from .settings import export_folder_problem
    from .store.filesystems import disk_full

    folder = Path(chosen).expanduser() if chosen else Path("exports")
    target = out.parent if out is not None else folder
    if out is None and chosen and not folder.is_dir():
        raise fail(f"设置项「导出文件夹」的 {folder} 不存在(或不是文件夹);请建好它,"
                   "或用 gongkai-tui settings 导出文件夹 <文件夹> 改设,或用 -o 指定导出文件")
    if target.exists():
        problem = export_folder_problem(target)
        if problem:
            raise fail(f"导出文件夹 {problem},工作簿没有写出;请用 -o 指定能写入的文件夹,"
                       "或用 gongkai-tui settings 导出文件夹 <文件夹> 设置默认的导出文件夹")
    if disk_full(target):
        raise fail(f"磁盘已满:{target.absolute()} 所在的磁盘没有剩余空间,工作簿没有写出;"
                   "请删除或移走不需要的文件、腾出空间后再试,或用 -o 写到另一块磁盘上")
    return folder


def export_failure(e: OSError, folder: Path) -> str:
    """Writing the workbook failed: why, and what to do."""
    if e.errno == errno.ENOSPC:
        return (f"磁盘已满:{folder.absolute()} 所在的磁盘没有足够的空间,工作簿没有写出;"
                "请删除或移走不需要的文件、腾出空间后再试,或用 -o 写到另一块磁盘上")
    where = getattr(e, "filename", None) or folder
    return f"导出失败:{os_error_text(e)}({where}),工作簿没有写出;请用 -o 指定能写入的文件夹"


def report_signatures(settings=None) -> dict[str, str]:
    """填报人、联系电话、审核人 for the foot of the 任务清单, from `gongkai-tui settings`."""
    settings = settings or user_settings()
    return {"filled_by": settings.get("filler") or "", "phone": settings.get("phone") or "",
            "reviewer": settings.get("reviewer") or ""}


@app.command("review")
def review_cmd(
    unit: str = UnitOption,
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
    as_json: bool = JsonOption,
) -> None:
    """牵头单位检查:所牵头的每一行任务中,各责任单位的完成情况和未报送的单位。"""
    with open_store(db, readonly=True, doc=doc) as store, friendly_errors():
        name = store.resolve_unit(unit)
        rows = store.review(name)
    if not rows:
        raise fail(f"「{name}」不是任何任务的牵头单位")
    if as_json:
        emit_json([{"row": r.row_id, "items": r.item_ids, "units": [
            {"unit": u.unit, "summary": u.summary, "counts": u.counts, "evidence": u.evidence,
             "reported": u.reported, "to_confirm": u.to_confirm} for u in r.units]} for r in rows])
        return
    for r in rows:
        done = sum(u.summary in ("已完成", "不适用") for u in r.units)
        typer.echo(f"{r.row_id}  {fit(r.text.replace(chr(10), ' '), 50)}  完成 {done}/{len(r.units)} 个单位")
        for u in r.units:
            if u.reported:
                typer.echo(f"    {fit(u.unit, 30)} {fit(u.summary, 12)} 佐证 {u.evidence}")
        missing = [u.unit for u in r.units if not u.reported]
        if missing:
            typer.echo(f"    未报送({len(missing)}):{'、'.join(missing)}")


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
        raise fail(f"工作簿「说明」中的单位与导出时不同(见上),没有写入任何更改;确认要导入{units}的任务清单,"
                   "请加 --yes 再运行")
    try:
        confirmed = typer.confirm(f"确认导入{units}的任务清单吗?(输入 y 确认)", default=False, show_default=False)
    except typer.Abort:  # Ctrl-D or Ctrl-C at the question
        confirmed = False
    if not confirmed:
        raise fail("没有确认,没有写入任何更改")


@app.command("import")
def import_cmd(
    files: list[Path] = typer.Argument(..., help="一个或多个任务清单工作簿(.xlsx;另存的 .ods 也可导入)"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只检查并报告,不写入"),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
    yes: bool = typer.Option(False, "--yes", "-y", help="工作簿「说明」中的单位与导出时不同时也导入,不询问"),
) -> None:
    """导回任务清单工作簿:与导出时的值比较,只导入本单位改过的单元格;导出后系统中也改过的同一项列为冲突、不覆盖。
    全部文件在一个事务中写入。退出码:0 全部导入,3 有冲突或未导入的内容(插入的行、列,均逐一列出),2 拒绝(什么都没写)。"""
    from .settings import remembered_members
    from .workbook.importer import plan_import, report_lines

    with open_store(db, readonly=dry_run, doc=doc) as store, friendly_errors():
        plan = plan_import(store, files, only_doc=store.doc if doc is not None else None,
                           members=remembered_members())
        if plan.errors:
            for line in plan.errors:
                typer.echo(f"错误:{line}", err=True)
            typer.echo(f"共 {plan.problem_count} 处问题,没有写入任何更改。", err=True)
            raise typer.Exit(2)
        _confirm_units(plan, yes or dry_run)
        if dry_run:
            for line in report_lines(plan, store.preview(plan.batches)):
                typer.echo(line)
            typer.echo("(试运行,没有写入任何更改)")
        else:
            records = [{"doc": f.doc, "unit": f.unit, "file": str(f.file), "sha256": f.sha256, "exported_at": f.exported_at,
                        "source": f.batch.source, "source_db": f.source_db, "source_version": f.source_version}
                       for f in plan.files]
            _, written = store.apply_import(plan.batches, records)
            for line in report_lines(plan, written):
                typer.echo(line)
    for line in plan.not_imported:
        typer.echo(f"未导入:{line}", err=True)
    if plan.conflicts or plan.not_imported:
        what = "、".join(x for x in (f"{len(plan.conflicts)} 项冲突" if plan.conflicts else "",
                                    f"{len(plan.not_imported)} 处内容" if plan.not_imported else "") if x)
        typer.echo(f"有 {what}没有导入(见上),其余修改已" + ("检查" if dry_run else "写入") + "。", err=True)
        raise typer.Exit(3)


@app.command("check-evidence")
def check_evidence_cmd(
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="只查这个单位(默认全部)"),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
    as_json: bool = JsonOption,
) -> None:
    """列出添加之后已改动、已不存在或不在本机的佐证文件(按添加时记下的大小和 SHA-256 核对)。退出码:0 全部完好,3 有问题。"""
    from .store.evidence import file_state

    with open_store(db, readonly=True, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit, read=True) if unit else None
        found = [(r, state) for r in store.file_evidence(name, every_document=doc is None) if (state := file_state(r))]
        numbers = {d["id"]: label(d) for d in store.documents()}
    if as_json:
        emit_json([{"document": numbers.get(r["doc"]), "unit": r["unit"], "item": r["item_id"], "path": r["value"],
                    "state": state, "added_at": r["added_at"]} for r, state in found])
    else:
        for r, state in found:
            typer.echo(f"{fit(state, 8)} {fit(numbers.get(r['doc']) or '', 20)} {fit(r['unit'], 16)} "
                       f"{fit(r['item_id'], 11)} {r['value']}")
        typer.echo(f"共 {len(found)} 个佐证文件需要核对" if found else "佐证文件都与添加时一致")
    if found:
        raise typer.Exit(3)


def run() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # `gongkai-tui list … | head`
        try:
            sys.stdout = open(os.devnull, "w", encoding="utf-8")
        finally:
            sys.exit(0)


from . import cli_data, cli_documents, cli_settings  # noqa: E402,F401  (registers backup, restore,
# migrate-progress, load, documents, settings)
from . import cli_web  # noqa: E402,F401  (registers web)
from . import cli_members  # noqa: E402,F401  (registers member, collective-records)
from . import cli_steps  # noqa: E402,F401  (registers step add/edit/done/status/list/remove/undo)
