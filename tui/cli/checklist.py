"""The commands on one document's checklist: units, list, dump, done, status, confirm,
review, check-evidence (each registered in commands.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import typer

from ..store import STATUSES, Store
from ..store.documents import label
from ..textwidth import fit
from ..units import VIA_LABEL
from .dates import DateOption, YesOption, done_date
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


def units_cmd(
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
    as_json: bool = JsonOption,
    members: bool = typer.Option(
        False, "--members", help="列出生效的成员目录(随程序附带的与数据目录中 单位目录.txt 的)及其来源"
    ),
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
            out.append(
                {
                    "name": u["name"],
                    "kind": u["kind"],
                    "in_document": bool(u["in_document"]),
                    "items": len(entries),
                    "lead_items": sum("牵头" in e.roles for e in entries),
                    "responsible_items": sum("责任" in e.roles for e in entries),
                    "to_confirm_items": sum(e.to_confirm for e in entries),
                }
            )
    if as_json:
        emit_json(out)
        return
    typer.echo(f"{fit('单位', 34)} {fit('类型', 8)} {'条目':>5} {'牵头':>5} {'责任':>5} {'待确认':>6}")
    for u in out:
        typer.echo(
            f"{fit(u['name'], 34)} {fit(u['kind'], 8)} {u['items']:>5} {u['lead_items']:>5} "
            f"{u['responsible_items']:>5} {u['to_confirm_items']:>6}"
        )


def show_members(catalogue: Optional[Path], as_json: bool) -> None:
    from ..store.build import load_members
    from ..store.db import data_dir
    from ..units import describe_members, user_catalogue_path

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
    from .steps import step_json

    return {
        "id": e.id,
        "row": e.row_id,
        "label": e.label,
        "text": e.text,
        "group": e.group,
        "section": e.section_id,
        "subsection": e.subsection_id,
        "roles": list(e.roles),
        "via": e.via,
        "status": e.status,
        "reason": e.reason,
        "deadline": e.deadline,
        "relative_deadline": e.relative_deadline,
        "disclosure_paths": e.disclosure_paths,
        "document_requirement": e.document_requirement,
        "lead_units": e.lead_units,
        "responsible_units": e.responsible_units,
        "cooperating_units": e.cooperating_units,
        "requirement": e.requirement,
        "office": e.office,
        "person": e.person,
        "done_date": e.done_date,
        "evidence": [
            {"kind": r["kind"], "value": r["value"], "caption": r["caption"], "added_at": r["added_at"]}
            for r in store.evidence(unit, e.id)
        ]
        if e.evidence_count
        else [],
        "missing_evidence": e.missing_evidence,
        "note": e.note,
        "to_confirm": e.to_confirm,
        "confirmed": e.confirmed,
        "narrative": e.narrative or "",
        "steps": [step_json(s) for s in e.steps],
        "upper": e.upper,
    }


def print_checklist(store: Store, unit: str, entries, as_of: dt.date) -> None:
    from .steps import step_lines

    doc = store.document
    done = sum(e.status == "已完成" for e in entries)
    typer.echo(f"{unit} · {label(doc)} · 截至 {as_of.isoformat()} · 已完成 {done}/{len(entries)}")
    for e in entries:
        flags = "".join([" 逾期" if e.overdue(as_of) else "", " 缺佐证" if e.missing_evidence else ""])
        when = e.deadline or e.relative_deadline or ""
        roles = "/".join(e.roles)
        typer.echo(
            f"[{e.status}] {fit(e.id, 11)} {fit(roles, 9)} {fit(VIA_LABEL[e.via], 6)} {fit(when, 12)} "
            f"{fit(e.full_text.replace(chr(10), ' '), 60)}{flags}"
        )
        if e.document_requirement:
            typer.echo(f"{' ' * 11}具体要求:{e.document_requirement.replace(chr(10), ' ')}")
        if e.narrative:  # as written; the evidence titles stand in for it only where evidence is read
            typer.echo(f"{' ' * 11}具体完成情况:{e.narrative.replace(chr(10), ' / ')}")
        for line in step_lines(e.id, e.steps, " " * 11):
            typer.echo(line)


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
        entries = [
            e
            for e in store.checklist(name)
            if (role is None or role in e.roles) and (status is None or e.status == status)
        ]
        if as_json:
            emit_json([entry_json(store, name, e) for e in entries])
        else:
            print_checklist(store, name, entries, when)


def dump_cmd(db: Optional[Path] = DbOption, doc: Optional[str] = DocOption, as_json: bool = JsonOption) -> None:
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
        from .evidence import fingerprints

        action = store.mark_done(
            name, item, evidence, note, done_date=day, fingerprints=fingerprints(evidence), narrative=narrative
        )
        e = store.entry(name, item)
    typer.echo(
        f"{e.id} 已完成"
        + (f",完成时间 {e.done_date}" if date else "")
        + ("" if action else "(无变化)")
        + ("(缺佐证)" if e.missing_evidence else "")
    )


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
        emit_json(
            [
                {
                    "row": r.row_id,
                    "items": r.item_ids,
                    "units": [
                        {
                            "unit": u.unit,
                            "summary": u.summary,
                            "counts": u.counts,
                            "evidence": u.evidence,
                            "reported": u.reported,
                            "to_confirm": u.to_confirm,
                        }
                        for u in r.units
                    ],
                }
                for r in rows
            ]
        )
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


def check_evidence_cmd(
    unit: Optional[str] = typer.Option(None, "--unit", "-u", help="只查这个单位(默认全部)"),
    db: Optional[Path] = DbOption,
    doc: Optional[str] = DocOption,
    as_json: bool = JsonOption,
) -> None:
    """列出添加之后已改动、已不存在或不在本机的佐证文件(按添加时记下的大小和 SHA-256 核对)。退出码:0 全部完好,3 有问题。"""
    from ..store.evidence import file_state

    with open_store(db, readonly=True, doc=doc) as store, friendly_errors():
        name = progress_unit(store, unit, read=True) if unit else None
        found = [(r, state) for r in store.file_evidence(name, every_document=doc is None) if (state := file_state(r))]
        numbers = {d["id"]: label(d) for d in store.documents()}
    if as_json:
        emit_json(
            [
                {
                    "document": numbers.get(r["doc"]),
                    "unit": r["unit"],
                    "item": r["item_id"],
                    "path": r["value"],
                    "state": state,
                    "added_at": r["added_at"],
                }
                for r, state in found
            ]
        )
    else:
        for r, state in found:
            typer.echo(
                f"{fit(state, 8)} {fit(numbers.get(r['doc']) or '', 20)} {fit(r['unit'], 16)} "
                f"{fit(r['item_id'], 11)} {r['value']}"
            )
        typer.echo(f"共 {len(found)} 个佐证文件需要核对" if found else "佐证文件都与添加时一致")
    if found:
        raise typer.Exit(3)
