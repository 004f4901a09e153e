"""A collective's person on the command line: `member` (which member unit this person is),
`collective-records` (progress older versions wrote under the collective itself: list,
move to the member, undo a move). Which unit a command's `--unit` writes or reports is
member_unit.py's."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..store.schema import PROGRESS_FIELDS
from ..textwidth import fit
from .member_unit import leftover_hints
from .shared import DbOption, DocOption, fail, friendly_errors, open_store


def member_cmd(
    collective: Optional[str] = typer.Argument(None, metavar="统称", help="统称,如 各区县政府"),
    member: Optional[str] = typer.Argument(None, metavar="成员单位", help="您是它的哪个成员单位,如 渝中区"),
    unset: bool = typer.Option(False, "--unset", help="忘记为这个统称记住的成员单位"),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """查看或设置您是统称(如 各区县政府)中的哪个成员单位:此后 --unit 写统称时,进度记在这个成员单位名下。"""
    from .. import settings

    if collective is None:
        remembered = settings.remembered_members()
        for c, m in sorted(remembered.items()):
            typer.echo(f"{c} → {m}")
        if not remembered:
            typer.echo("还没有记住任何统称的成员单位(gongkai-tui member 各区县政府 渝中区 设置)")
        return
    if unset and member is not None:
        raise fail("--unset 与成员单位不能同时给出")
    chosen = None
    with open_store(db, readonly=True, doc=doc) as store, friendly_errors():
        name = store.resolve_unit(collective)
        members = [m["name"] for m in store.members(name)]
        if not members:
            raise fail(f"「{name}」不是有成员单位的统称,不用选择成员单位")
        if member is not None:
            chosen = store.resolve_unit(member)
            if chosen not in members:
                raise fail(
                    f"「{chosen}」不是「{name}」的成员单位;它的成员单位有:{'、'.join(members[:5])}"
                    + (f"等 {len(members)} 个" if len(members) > 5 else "")
                )
        hints = leftover_hints(store, {name}, chosen)
    with friendly_errors():
        if unset or member is not None:
            settings.set_member(name, None if unset else chosen)
        now = settings.load().member_for(name)
    typer.echo(f"{name} → {now}" if now else f"{name}:没有记住成员单位(写进度时须用 --unit 写明成员单位)")
    for line in hints:
        typer.echo(line, err=True)


def collective_records_cmd(
    collective: Optional[str] = typer.Argument(
        None, metavar="统称", help="统称,如 各区县政府(不写则列出所有名下有记录的统称)"
    ),
    move_to: Optional[str] = typer.Option(
        None, "--move-to", help="把这些记录移到这个成员单位名下(一步,可用 --undo 撤销)"
    ),
    replace: bool = typer.Option(False, "--replace", help="与 --move-to 同用:冲突的字段用统称的值覆盖成员单位自己的值"),
    keep_member: bool = typer.Option(
        False, "--keep-member", help="与 --move-to 同用:冲突的字段保留成员单位自己的值,清除统称的值"
    ),
    undo: Optional[int] = typer.Option(None, "--undo", help="撤销第 N 步移动(移动时显示步骤号)"),
    db: Optional[Path] = DbOption,
) -> None:
    """早先版本记在统称(如 各区县政府)自己名下的进度:列出,移到成员单位名下,或撤销一次移动。
    冲突(成员单位自己另有不同的值)默认不覆盖,列出并留在统称名下。退出码:0 完成,3 有冲突未移动。"""
    from ..store import collective_records as records

    if replace and keep_member:
        raise fail("--replace 与 --keep-member 只能选一个")
    if (replace or keep_member) and move_to is None:
        raise fail("--replace 和 --keep-member 要与 --move-to 同用")
    with open_store(db, readonly=move_to is None and undo is None) as store, friendly_errors():
        if undo is not None:
            action = records.replay_move(store.wconn, undo)
            typer.echo(f"已撤销第 {undo} 步移动" + ("" if action else "(无变化)"))
            return
        name = store.resolve_unit(collective) if collective else None
        found = records.find_leftovers(store.conn, name)
        if move_to is None:
            show_leftovers(found, name)
            return
        if name is None:
            raise fail("请写明要移动哪个统称的记录,如 gongkai-tui collective-records 各区县政府 --move-to 渝中区")
        member = store.resolve_unit(move_to)
        if member not in {m["name"] for m in store.members(name)}:
            raise fail(f"「{member}」不是「{name}」的成员单位,未移动")
        policy = records.REPLACE if replace else records.KEEP_MEMBER if keep_member else records.LEAVE
        plan = records.plan_move(store.conn, name, member, policy)
        action = records.move(store.wconn, plan)
    if action is None and not plan.conflicts:
        typer.echo(f"「{name}」名下没有可移动的记录")
    elif action is not None:
        typer.echo(
            f"已把「{name}」名下 {plan.items} 个条目的进度(佐证 {plan.evidence} 条"
            + (f",分解 {plan.assignments} 条,下级报送随分解移动" if plan.assignments else "")
            + f")移到「{member}」名下"
            f"(第 {action} 步;撤销:gongkai-tui collective-records --undo {action})"
        )
    for line in conflict_lines(plan, policy):
        typer.echo(line, err=True)
    if plan.not_members:
        typer.echo(
            f"「{member}」不是这些文件中「{name}」的成员单位,其记录未移动:{'、'.join(plan.not_members)}", err=True
        )
    if plan.conflicts and policy == records.LEAVE:
        raise typer.Exit(3)


def show_leftovers(found, name: str | None) -> None:
    if not found:
        typer.echo(f"「{name}」名下没有记录" if name else "没有记在统称名下的进度")
        return
    for left in found:
        assigned = f",分解 {left.assignment_count} 条" if left.assignment_count else ""
        typer.echo(
            f"{left.collective} · {left.number}:{len(left.items)} 个条目,佐证 {left.evidence_count} 条{assigned}"
        )
        if name is None:
            continue
        for item_id in left.items:
            values = left.fields.get(item_id, {})
            shown = ",".join(f"{PROGRESS_FIELDS[k]}:{v}" for k, v in values.items())
            evidence = "、".join(r["value"] for r in left.evidence.get(item_id, []))
            given = "、".join(f"{a['sub_unit']}({a['role']})" for a in left.assignments.get(item_id, []))
            typer.echo(
                f"    {fit(item_id, 11)} {shown}"
                + (f" 佐证:{evidence}" if evidence else "")
                + (f" 分解给:{given}" if given else "")
            )
    if name is None:
        typer.echo("gongkai-tui collective-records <统称> 列出条目,加 --move-to <成员单位> 移到成员单位名下")


def conflict_lines(plan, policy: str) -> list[str]:
    from ..store import collective_records as records

    if not plan.conflicts:
        return []
    what = {
        records.LEAVE: f"保留「{plan.member}」自己的值,统称的值留在原处",
        records.REPLACE: "已用统称的值覆盖",
        records.KEEP_MEMBER: f"保留「{plan.member}」自己的值,已清除统称的值",
    }
    lines = [f"冲突 {len(plan.conflicts)} 处({what[policy]}):"]
    lines += [
        f"  {c.number} {c.item_id} {c.label}:{plan.collective} {c.collective_value} / {plan.member} {c.member_value}"
        for c in plan.conflicts
    ]
    if policy == records.LEAVE:
        lines.append("核对后可加 --replace(用统称的值)或 --keep-member(用成员单位的值)再移动一次")
    return lines
