"""`gongkai-tui assign`, `assignments` and `issue` (issue #25): a unit hands its items and
细化 steps down to its own sub-units (departments, 镇街, 科室) with a role, 具体要求 and 时限,
lists what it assigned, and issues its own 任务分工 as the Word notice the next level loads.
Every assignment is one action (store/assign.py); its number is printed and `step undo N`
takes it back."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..store import InputError
from ..store.assign import sub_unit_names
from .dates import on_terminal
from .shared import (
    DbOption,
    DocOption,
    JsonOption,
    UnitOption,
    emit_json,
    fail,
    friendly_errors,
    open_store,
    parse_as_of,
    progress_unit,
)
from .steps import undo_hint


def assign_cmd(
    items: list[str] = typer.Argument(..., help="条目编号,可写多个,如 1.1.3-1 1.1.3-2"),
    unit: str = UnitOption,
    to: str = typer.Option(..., "--to", help="分解给哪些下级单位,多个用逗号或顿号分隔,如 区发展改革委,区财政局"),
    role: Optional[str] = typer.Option(
        None, "--role", help="角色:牵头、责任或配合(分解时必填;与 --remove 同用时只取消这一角色的分解)"
    ),
    requirement: Optional[str] = typer.Option(None, "--requirement", help="给下级的具体要求(可不写)"),
    deadline: Optional[str] = typer.Option(
        None, "--deadline", help="时限,如 2026-06-30、长期坚持;不写则沿用条目的时限"
    ),
    step: int = typer.Option(0, "--step", help="只分解条目的第 N 个细化步骤(不写则分解整个条目)"),
    remove: bool = typer.Option(False, "--remove", help="取消对这些下级单位的分解"),
    yes: bool = typer.Option(False, "--yes", "-y", help="时限晚于条目自己的时限时不再询问"),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """把本单位的条目(或其细化步骤)分解给下级单位,写明角色、具体要求和时限。"""
    if remove and (requirement is not None or deadline is not None or yes):
        raise fail("--remove 取消分解,不能同时写 --requirement、--deadline 或 --yes")
    if not remove and role is None:
        raise fail("请用 --role 写明角色:牵头、责任或配合")
    with open_store(db, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit)
        subs = sub_unit_names(to)
        ids = [store.entry(name, item).id for item in items]
        if remove:
            action = store.unassign(name, ids, subs, step, role=role)
            typer.echo(f"已取消 {len(ids)} 个条目对 {'、'.join(subs)} 的分解" + undo_hint(action, name))
            return
        later = store.later_than_items(name, ids, deadline)
        if later and not yes:
            said = "、".join(f"{i}(时限 {d})" for i, d in later)
            question = f"时限 {deadline} 晚于条目 {said} 自己的时限"
            if not on_terminal():
                raise InputError(f"{question};确需如此请加 --yes,未分解")
            if not typer.confirm(f"{question},确定吗?", default=False, err=True):
                raise InputError("未确认时限,未分解")
        assert role is not None  # refused above when not removing
        action = store.assign(name, ids, subs, role, requirement, deadline, step, later_ok=True)
        listed = store.sub_units(name)
        outside = [s for s in subs if s not in listed]
    if listed and outside:  # a unit that keeps a 下级单位目录 hears of a name outside it (a slip of the pen?)
        typer.echo(
            f"提示:{'、'.join(outside)} 不在「{name}」的下级单位目录中(gongkai-tui sub-units --add 可加入)", err=True
        )
    what = f"{len(ids)} 个条目" + (f"的步骤 {step}" if step else "")
    typer.echo(f"已把 {what}分解给 {'、'.join(subs)}({role})" + undo_hint(action, name))


def assignments_cmd(
    unit: str = UnitOption,
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
    as_json: bool = JsonOption,
) -> None:
    """列出本单位分解给下级单位的条目。"""
    with open_store(db, readonly=True, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit, read=True)
        found = store.assignments_of(name)
    if as_json:
        emit_json([{"item": item_id, **a} for item_id, rows in found.items() for a in rows])
        return
    if not found:
        typer.echo(f"「{name}」还没有分解任何条目")
        return
    for item_id, rows in found.items():
        for a in rows:
            where = item_id + (f".{a['step']}" if a["step"] else "")
            extra = "".join(f" {label}:{a[k]}" for k, label in (("requirement", "要求"), ("deadline", "时限")) if a[k])
            typer.echo(f"{where}\t{a['role']}\t{a['sub_unit']}{extra}")


def issue_cmd(
    unit: str = UnitOption,
    out: Optional[Path] = typer.Option(
        None,
        "--out",
        "-o",
        help="输出文件:.docx 为通知,.xlsx 为任务分工表(默认 <单位>-<年>年政务公开工作任务分工.docx)",
    ),
    issuer: Optional[str] = typer.Option(None, "--issuer", help="发文机关(默认 <区县>人民政府办公室,部门为部门本身)"),
    addressees: Optional[str] = typer.Option(None, "--addressees", help="主送单位(默认列出下级单位)"),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """把本单位分解给下级单位的条目印发为本单位的任务分工(.docx 文档,下级可用 load 载入)。"""
    from ..issued.service import issue_breakdown, issued_file_name
    from ..workbook.files import unused_path

    with open_store(db, readonly=True, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit, read=True)
        target = out or issued_file_name(store, name)
        if target.suffix.lower() not in (".docx", ".xlsx"):
            raise fail(f"输出文件应以 .docx(通知)或 .xlsx(任务分工表)结尾:{target}")
        path = issue_breakdown(store, name, unused_path(target), issuer, addressees)
    typer.echo(str(path.resolve()))


def rollup_cmd(
    unit: str = UnitOption,
    fill: bool = typer.Option(
        False, "--fill", help="本单位还没写具体完成情况的条目,用各下级单位的报送填上(一步,可撤销)"
    ),
    set_done: bool = typer.Option(False, "--set-done", help="与 --fill 同用:下级单位都已完成的条目设为已完成"),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="考评得分的截至日期 YYYY-MM-DD(判断逾期;默认今天)"),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
    as_json: bool = JsonOption,
) -> None:
    """汇总:本单位分解出去的每个条目,各下级单位报送的完成情况、具体完成情况和佐证,谁还没有报送,以及各下级单位的考评得分。
    下级单位报送的任务清单用 gongkai-tui import 导入;--fill 用它们填写本单位上报的具体完成情况。"""
    from ..issued.supervision import SCORE_RULE, TALLY_COLUMNS, chase_summary, tally, tally_row, to_chase
    from ..issued.supervision_service import supervised_lines

    when = parse_as_of(as_of)
    if set_done and not fill:
        raise fail("--set-done 要与 --fill 一起用")
    if fill and as_json:
        raise fail("--fill 写入本单位的具体完成情况,不能与 --json 同用")
    if fill and as_of is not None:
        raise fail("--fill 不计算考评得分,不能与 --as-of 同用")
    with open_store(db, readonly=not fill, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit, read=not fill)
        if fill:
            action, filled, done = store.fill_from_reports(name, set_done)
            typer.echo(
                f"已用下级单位的报送填写 {len(filled)} 个条目的具体完成情况"
                + (f",{len(done)} 个条目设为已完成" if set_done and done else "")
                + undo_hint(action, name)
            )
            if done and not set_done:
                typer.echo(
                    f"下级单位都已完成、本单位尚未设为已完成的条目:{'、'.join(done)}(确认后加 --set-done,"
                    "或在界面中设置)"
                )
            return
        lines = supervised_lines(store, name)
    scores = tally(lines, when)
    if as_json:
        fields = [name for _, name in TALLY_COLUMNS]
        emit_json(
            {
                "as_of": when.isoformat(),
                "lines": lines,
                "scores": [dict(zip(fields, tally_row(t))) for t in scores],
                "score_rule": SCORE_RULE,
            }
        )
        return
    if not lines:
        typer.echo(f"「{name}」还没有分解任何条目")
        return
    missing = sorted({x["sub_unit"] for x in lines if not x["reported"]})
    for x in lines:
        where = x["item"] + (f".{x['step']}" if x["step"] else "")
        if not x["reported"]:
            typer.echo(f"{where}\t{x['sub_unit']}({x['role']})\t未报送")
            continue
        narrative = " ".join((x["narrative"] or "").split())
        evidence = f"\t佐证 {len(x['evidence'])} 项" if x["evidence"] else ""
        typer.echo(f"{where}\t{x['sub_unit']}({x['role']})\t{x['status']}\t{narrative[:60]}{evidence}")
    reported = sum(1 for x in lines if x["reported"])
    typer.echo(
        f"共 {len(lines)} 项分解,已报送 {reported} 项" + (f";未报送的单位:{'、'.join(missing)}" if missing else "")
    )
    chased = to_chase(lines, when)
    typer.echo(f"需催办(截至 {when.isoformat()}):{chase_summary(chased)}" if chased else "无需催办")
    typer.echo(f"考评(截至 {when.isoformat()}):" + "、".join(f"{t.sub_unit} {t.score} 分" for t in scores))
    typer.echo(f"评分规则:{SCORE_RULE}")
