"""细化 step rows of an imported 上报版 (issue #23 item 3): a row numbered `3.2` is step 2 of
the item whose 序号 is 3 (found by that 序号, wherever sorting moved the rows). A step row
exported (its values in the hidden 步骤导出值 sheet) is compared three ways: a field edited
in the sheet is taken when the database still holds what was exported, listed as a
conflict when both changed, left alone when the sheet still shows what was exported. A
row the export did not write, for a step the item does not have yet, adds the step. A
step row deleted in the sheet is unchanged: a step is never deleted by an import."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..store import STATUSES, InputError
from ..store import steps as store_steps
from .layout import OFFICE_PERSON, REPORT, office_person_text
from .merge import Conflict
from .reader import split_office_person
from .sheet_rows import Leftover
from .step_lines import evidence_lines, full_step_values, printed_evidence, step_values

TARGET = "\n目标："
_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*前?\s*$")


@dataclass(frozen=True)
class _StepRow:
    """A leftover row read as a step: its item, its number and its cells all known."""

    item_id: str
    number: int
    cells: dict[str, str]


def _task(text: str) -> tuple[str, str | None]:
    """`发布政策解读\n目标：发布解读 ≥ 4 篇` → (text, target)."""
    head, sep, target = text.rpartition(TARGET)
    return (head, target.strip() or None) if sep else (text, None)


def _deadline(text: str) -> str | None:
    m = _DATE.match(text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return text
    return text or None


def _narrative(text: str, step: dict) -> str | None:
    """The 具体完成情况 without the evidence lines the export appended after the narrative (each
    entry the stored narrative did not hold already: step_lines.printed_evidence)."""
    lines = text.split("\n")
    titles = evidence_lines(printed_evidence(step.get("narrative") or "", step.get("evidence") or []))
    while titles and lines and lines[-1].strip() == titles[-1]:
        lines.pop()
        titles.pop()
    return "\n".join(lines).strip() or None


def _fields(key: str, text: str, step: dict | None) -> dict[str, str | None]:
    """The step's stored fields a sheet cell stands for."""
    if key == "task":
        body, target = _task(text)
        return {"text": body, "target": target}
    if key == "paths":
        return {"path": text or None}
    if key == "deadline":
        return {"deadline": _deadline(text)}
    if key == OFFICE_PERSON:
        split = split_office_person(text or None)
        if isinstance(split, str):
            raise InputError(f"责任科室／责任人{split}")
        return {"office": split[0], "person": split[1]}
    if key == REPORT:
        return {"narrative": _narrative(text, step or {})}
    return {}


def plan_steps(
    store,
    unit: str,
    file: str,
    item_seq: dict[str, int],
    leftovers: list[Leftover],
    baseline: dict[tuple[str, int], dict[str, str]],
    today: dt.date,
    conflicts: list,
    added: list[str],
    problems: list[str],
) -> tuple[list, list[Leftover]]:
    """(the changes, the leftovers still not imported). `item_seq`: item id → its 序号 at
    export (what the step row's values were formatted with). `added`: lines naming each
    step added; `problems`: lines naming a cell that cannot be taken (the file is refused)."""
    conn, doc = store.conn, store.doc
    changes: list = []
    rest: list[Leftover] = []
    now_steps = store.steps_of(unit)
    adding: set[tuple[str, int]] = set()
    for x in leftovers:
        if x.kind != "step" or x.item_id is None or x.number is None or x.cells is None:
            rest.append(x)
            continue
        key = (x.item_id, x.number)
        current = next((s for s in now_steps.get(x.item_id, ()) if s["number"] == x.number), None)
        where = f"第 {x.line} 行(步骤 {x.item_seq}.{x.number})"
        if "measure" in x.cells:  # the 完整版: read as the 上报版's cells
            x.cells = _as_submission_cells(x.cells)
            if current is not None:
                added += [
                    f"{where}的{label}未导入:步骤的{label}请在程序中修改"
                    for label in _unread_full_cells(x.cells, current, int(x.item_seq or 0))
                ]
        row = _StepRow(x.item_id, x.number, x.cells)
        try:
            if key in baseline and current is not None:
                changes += _edits(
                    conn, doc, unit, file, row, baseline[key], current, item_seq.get(x.item_id, 0), today, conflicts
                )
            elif current is None and key not in adding and _text_of(x.cells):
                changes += _added(conn, doc, unit, row)
                adding.add(key)
                added.append(f"新增步骤 {x.item_id}.{x.number}(第 {x.line} 行):{_task(_text_of(x.cells))[0]}")
            else:  # exported for a step since removed, or one number twice: nothing to take
                rest.append(x)
        except InputError as e:
            problems.append(f"{where}:{e}")
    return changes, rest


def _as_submission_cells(cells: dict[str, str]) -> dict[str, str]:
    """A 完整版 step row's cells keyed as the 上报版's: the step is in 贯彻举措 (工作任务 there
    is its section's heading), 责任科室 and 责任人 are two cells. It has no 具体完成情况."""
    out = dict(cells)
    out["task"] = cells.get("measure", "")
    if "office" in cells or "person" in cells:
        out[OFFICE_PERSON] = office_person_text(cells.get("office", ""), cells.get("person", ""))
    return out


def _unread_full_cells(cells: dict[str, str], step: dict, seq: int) -> list[str]:
    """The 完整版's 完成时间 and 佐证材料 of a step, where the sheet no longer shows what the
    database holds: the import does not take them (listed, never dropped silently)."""
    now = full_step_values(seq, step, "")
    return [
        label
        for key, label in (("done_date", "完成时间"), ("evidence", "佐证材料"))
        if key in cells and cells[key] != now[key]
    ]


def _text_of(cells: dict[str, str]) -> str:
    """What the step does: its 工作任务 cell (上报版), else its 贯彻举措 (完整版)."""
    return cells.get("task") or cells.get("measure") or ""


def _added(conn, doc, unit, row: _StepRow) -> list:
    cells = row.cells
    text, target = _task(_text_of(cells))
    fields: dict[str, str | None] = {"target": target}
    for key in ("paths", "deadline", OFFICE_PERSON, REPORT):
        if cells.get(key):
            fields.update(_fields(key, cells[key], None))
    for key in ("office", "person"):  # the 完整版's columns of their own
        if cells.get(key):
            fields[key] = cells[key]
    fields = {k: v for k, v in fields.items() if v is not None}
    _, made = store_steps.add_changes(conn, doc, unit, row.item_id, text, fields, number=row.number)
    status = cells.get("status", "")
    if status and status != "未开始":
        raise InputError(f"新增的步骤先以「未开始」导入,完成情况「{status}」请导入后再设")
    return made


def _edits(
    conn, doc, unit, file, row: _StepRow, base: dict[str, str], step: dict, seq: int, today: dt.date, conflicts: list
) -> list:
    now_values = step_values(seq, step)
    fields: dict[str, str | None] = {}
    status = None
    for key, exported in base.items():
        if key not in row.cells:  # a column the sheet no longer has
            continue
        sheet, database = row.cells[key], now_values[key]
        if sheet == exported or sheet == database:
            continue
        if database != exported:
            conflicts.append(
                Conflict(
                    file,
                    f"{row.item_id}.{row.number}",
                    {"task": "步骤", "paths": "公开路径", OFFICE_PERSON: "office+person", REPORT: "具体完成情况"}.get(
                        key, key
                    ),
                    exported,
                    database,
                    sheet,
                )
            )
            continue
        if key == "status":
            if sheet not in STATUSES:
                raise InputError(f"完成情况「{sheet}」不是可选的状态({'、'.join(STATUSES)})")
            status = sheet
        else:
            fields.update(_fields(key, sheet, step))
    fields = {k: v for k, v in fields.items() if v != step.get(k)}
    out = []
    if fields:
        out += store_steps.edit_changes(conn, doc, unit, row.item_id, row.number, fields)
    if status is not None:
        out += store_steps.status_changes(conn, doc, unit, row.item_id, row.number, status, None, today, None)
    return out
