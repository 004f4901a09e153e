"""`gongkai-tui step …`: a unit's own 细化 steps of an item (add, edit, done, status, list,
remove, undo), and how `list` shows them and the 具体完成情况 under their item. Every write is
one action with its history lines (store/progress.py); its number is printed, and
`step undo N` takes it back (refused, naming who, when a field it wrote changed since)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer

from ..store import STATUSES, InputError
from ..store.steps import shown_narrative
from .dates import DateOption, YesOption, done_date
from .shared import DbOption, DocOption, JsonOption, UnitOption, emit_json, friendly_errors, open_store, progress_unit

REF_HELP = "步骤编号:条目编号.步骤序号,如 1.1.3-1.2"
OfficeOption = typer.Option(None, "--office", help="责任科室")
PersonOption = typer.Option(None, "--person", help="责任人")
DeadlineOption = typer.Option(None, "--deadline", help="时限,如 2026-06-30、持续推进、长期坚持")
PathOption = typer.Option(None, "--path", help="公开路径,如 政府网站政策解读专栏")
TargetOption = typer.Option(None, "--target", help="可量化的目标,如「发布解读 ≥ 4 篇」")
NarrativeOption = typer.Option(None, "--narrative", help="具体完成情况(可多行;写空字符串清除)")


def undo_hint(action: int | None, unit: str) -> str:
    return f"(第 {action} 步;撤销:gongkai-tui step undo {action} -u {unit})" if action else "(无变化)"


@contextmanager
def on_step(db: Optional[Path], doc: Optional[str], unit: str, ref: str) -> Iterator[tuple]:
    """(store, unit, item id, step number) for a command naming one step, errors in Chinese."""
    with open_store(db, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit)
        yield (store, name, *store.step_ref(name, ref))


def _fields(**given: Optional[str]) -> dict[str, Optional[str]]:
    return {k: v for k, v in given.items() if v is not None}


def step_add(
    item: str = typer.Argument(..., help="条目编号,如 1.1.3-1"),
    step_text: str = typer.Argument(..., help="这一步具体做什么"),
    unit: str = UnitOption,
    office: Optional[str] = OfficeOption,
    person: Optional[str] = PersonOption,
    deadline: Optional[str] = DeadlineOption,
    path: Optional[str] = PathOption,
    target: Optional[str] = TargetOption,
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """给条目添加一个本单位的细化步骤(编号接在已有步骤之后)。"""
    with open_store(db, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit)
        item_id = store.entry(name, item).id
        number, action = store.add_step(
            name, item_id, step_text, _fields(office=office, person=person, deadline=deadline, path=path, target=target)
        )
    typer.echo(f"已添加步骤 {item_id}.{number}:{' '.join(step_text.split())}" + undo_hint(action, name))


def step_edit(
    ref: str = typer.Argument(..., help=REF_HELP),
    unit: str = UnitOption,
    text: Optional[str] = typer.Option(None, "--text", help="步骤内容"),
    office: Optional[str] = OfficeOption,
    person: Optional[str] = PersonOption,
    deadline: Optional[str] = DeadlineOption,
    path: Optional[str] = PathOption,
    target: Optional[str] = TargetOption,
    narrative: Optional[str] = NarrativeOption,
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """修改步骤的内容、责任科室、责任人、时限、公开路径、目标或具体完成情况。"""
    fields = _fields(
        text=text, office=office, person=person, deadline=deadline, path=path, target=target, narrative=narrative
    )
    with on_step(db, doc, unit, ref) as (store, name, item_id, number):
        if not fields:
            raise InputError(
                "没有要修改的内容:请写 --text、--office、--person、--deadline、--path、--target"
                " 或 --narrative 中的至少一项"
            )
        action = store.edit_step(name, item_id, number, fields)
    typer.echo(f"步骤 {item_id}.{number} 已修改" + undo_hint(action, name))


def step_done(
    ref: str = typer.Argument(..., help=REF_HELP),
    unit: str = UnitOption,
    evidence: list[str] = typer.Option([], "--evidence", "-e", help="佐证材料:http(s) 网址或文件路径,可重复"),
    narrative: Optional[str] = NarrativeOption,
    date: Optional[str] = DateOption,
    yes: bool = YesOption,
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """把步骤标记为已完成(可附佐证、具体完成情况、完成时间);所有步骤完成时条目随之完成。"""
    with on_step(db, doc, unit, ref) as (store, name, item_id, number):
        day = done_date(date, store.document.get("issued"), yes)
        from .evidence import fingerprints

        action = store.mark_step_done(
            name, item_id, number, evidence, narrative, done_date=day, fingerprints=fingerprints(evidence)
        )
        e = store.entry(name, item_id)
    typer.echo(f"步骤 {item_id}.{number} 已完成" + undo_hint(action, name))
    typer.echo(f"条目 {e.id}:{e.status}")


def step_status(
    ref: str = typer.Argument(..., help=REF_HELP),
    status: str = typer.Argument(..., help="/".join(STATUSES)),
    unit: str = UnitOption,
    reason: Optional[str] = typer.Option(None, "--reason", help="不适用的理由"),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """设置步骤的完成情况(不适用需写理由);条目随步骤而变,除非条目的状态是另行设定的。"""
    with on_step(db, doc, unit, ref) as (store, name, item_id, number):
        action = store.set_step_status(name, item_id, number, status.strip(), reason)
        e = store.entry(name, item_id)
    typer.echo(f"步骤 {item_id}.{number} {status.strip()}" + undo_hint(action, name))
    typer.echo(f"条目 {e.id}:{e.status}")


def step_remove(
    ref: str = typer.Argument(..., help=REF_HELP),
    unit: str = UnitOption,
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """删除步骤及其佐证,并取消这一步的分解(一步,可撤销;编号不再给别的步骤)。"""
    with on_step(db, doc, unit, ref) as (store, name, item_id, number):
        given = [a["sub_unit"] for a in store.assignments_of(name, [item_id]).get(item_id, []) if a["step"] == number]
        action = store.remove_step(name, item_id, number)
    taken = f",并取消了这一步对 {'、'.join(given)} 的分解" if given else ""
    typer.echo(f"已删除步骤 {item_id}.{number}{taken}" + undo_hint(action, name))


def step_undo(
    action: int = typer.Argument(..., help="要撤销的步骤号(step 命令写入时显示)"),
    unit: str = UnitOption,
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
) -> None:
    """撤销本单位的第 N 步修改(之后被别人改过的字段会拒绝撤销,不做任何改动)。"""
    with open_store(db, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit)
        done = store.undo(name, action)
    typer.echo(f"已撤销第 {action} 步" + ("" if done else "(无变化)"))


def step_list(
    unit: str = UnitOption,
    item: Optional[str] = typer.Argument(None, help="只看这个条目的步骤"),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
    as_json: bool = JsonOption,
) -> None:
    """列出本单位的细化步骤(按条目)。"""
    with open_store(db, readonly=True, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit, read=True)
        only = [store.entry(name, item).id] if item else None
        found = store.steps_of(name, only)
    if as_json:
        emit_json({item_id: [step_json(s) for s in steps] for item_id, steps in found.items()})
        return
    if not found:
        typer.echo('还没有细化步骤(用 gongkai-tui step add 条目编号 "步骤" -u 单位 添加)')
    for item_id, steps in found.items():
        typer.echo(f"条目 {item_id}")
        for line in step_lines(item_id, steps):
            typer.echo(line)


def step_json(step: dict) -> dict:
    return {
        "number": step["number"],
        "text": step["text"],
        "office": step["office"],
        "person": step["person"],
        "deadline": step["deadline"],
        "path": step["path"],
        "target": step["target"],
        "status": step["status"],
        "reason": step["reason"],
        "done_date": step["done_date"],
        "narrative": step["narrative"] or "",
        "evidence": [
            {"kind": r["kind"], "value": r["value"], "caption": r["caption"], "added_at": r["added_at"]}
            for r in step["evidence"]
        ],
    }


def step_lines(item_id: str, steps: list[dict], indent: str = "    ") -> list[str]:
    """Each step on a line under its item, its details and narrative below it."""
    lines = []
    for s in steps:
        details = [
            x
            for x in (
                "/".join(filter(None, (s["office"], s["person"]))),
                f"时限 {s['deadline']}" if s["deadline"] else "",
                f"公开路径 {s['path']}" if s["path"] else "",
                f"目标 {s['target']}" if s["target"] else "",
                f"佐证 {len(s['evidence'])} 条" if s["evidence"] else "",
                f"理由 {s['reason']}" if s["reason"] else "",
            )
            if x
        ]
        lines.append(
            f"{indent}{item_id}.{s['number']} [{s['status']}] {s['text']}"
            + (f"({';'.join(details)})" if details else "")
        )
        text, written = shown_narrative(s["narrative"], s["evidence"])
        if text:
            lines.append(f"{indent}    具体完成情况{'' if written else '(据佐证)'}:{text.replace(chr(10), ' / ')}")
    return lines
