"""细化 steps and 具体完成情况, as the CLI and the app ask for them: reading a unit's steps,
and the changes that add, edit, mark, remove a step or its evidence (each one action,
written by store/progress.py; step_rows.py holds the rows, the history fields and the
roll-up rule). No SQL here beyond reading.

The narrative (具体完成情况) is stored only as the user wrote it. When it is empty, what is
shown in its place — on screen, in `list` and in an export — is made from the evidence
titles (`shown_narrative`); it is never written into the database on anyone's behalf, so
an item whose evidence changes shows the new titles until someone writes their own text.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import PureWindowsPath

from . import assign_rows
from .errors import InputError
from .progress import ANY, Change
from .schema import DONE, NOT_APPLICABLE
from .step_rows import (
    ADDED,
    EVIDENCE_ADDED,
    EVIDENCE_KEYS,
    EVIDENCE_REMOVED,
    REMOVED,
    STEP_FIELDS,
    check_status,
    field_name,
    next_number,
    read_step,
    step_record,
)
from .text_limits import MAX_EVIDENCE, check_text  # the same limits every progress text has

MAX_STEPS = 50  # steps of one item for one unit (the workbook's rows stay readable)
EDITABLE = ("text", "office", "person", "deadline", "path", "target", "narrative")

_STEP_REF = re.compile(r"^(?P<item>.*-\d+)\.(?P<number>\d+)$")


def steps_of(conn: sqlite3.Connection, doc: int, unit: str, item_ids: list[str] | None = None) -> dict[str, list[dict]]:
    """item id → the unit's steps of that item, by number; each a dict of the `steps` row
    (number, text, office, person, deadline, path, target, status, reason, done_date,
    narrative, created_at, updated_at) with `evidence`: its entries (kind, value, caption,
    added_at, size, sha256), oldest first. Every item of the unit when `item_ids` is None."""
    where, params = "doc = ? AND unit = ?", [doc, unit]
    wanted = None if item_ids is None else set(item_ids)
    out: dict[str, list[dict]] = {}
    by_key: dict[tuple[str, int], dict] = {}
    for r in conn.execute(f"SELECT * FROM steps WHERE {where} ORDER BY item_id, number", params):
        if wanted is not None and r["item_id"] not in wanted:
            continue
        step = {k: r[k] for k in r.keys() if k not in ("doc", "unit", "item_id")}
        step["evidence"] = []
        out.setdefault(r["item_id"], []).append(step)
        by_key[(r["item_id"], r["number"])] = step
    if by_key:
        for r in conn.execute(f"SELECT * FROM step_evidence WHERE {where} ORDER BY id", params):
            owner = by_key.get((r["item_id"], r["step"]))
            if owner is not None:
                owner["evidence"].append({k: r[k] for k in EVIDENCE_KEYS})
    return out


def split_ref(text: str) -> tuple[str, int]:
    """`3-1.2` (item 3-1, step 2) → ("3-1", 2). Refused, with the form, when not of that shape."""
    found = _STEP_REF.match(text.strip())
    if not found:
        raise InputError(f"步骤编号应写成「条目编号.步骤序号」,如 1.1.3-1.2:{text.strip()}")
    return found["item"], int(found["number"])


def evidence_title(record: dict) -> str:
    """An evidence entry as a narrative names it: its caption, else a link as written and a
    file by its name only (never a local path)."""
    if (record.get("caption") or "").strip():
        return record["caption"].strip()
    if record.get("kind") == "file":
        value = record.get("value") or ""
        return PureWindowsPath(value).name if "\\" in value else value.rsplit("/", 1)[-1]
    return record.get("value") or ""


def shown_narrative(narrative: str | None, evidence: list[dict]) -> tuple[str, bool]:
    """(text, written): the narrative as written, or, when empty, one line per evidence
    title (written False; '' when there is no evidence either). Never stored."""
    if narrative and narrative.strip():
        return narrative, True
    return "\n".join(t for t in (evidence_title(r) for r in evidence) if t), False


def step_search_text(steps: list[dict]) -> str:
    """What search finds a step by: its text, people, 时限, path, target, reason, narrative
    and evidence (values and captions)."""
    words = []
    for s in steps:
        words += [
            s.get(k) or "" for k in ("text", "office", "person", "deadline", "path", "target", "reason", "narrative")
        ]
        words += [f"{r.get('value') or ''} {r.get('caption') or ''}" for r in s.get("evidence", ())]
    return "\n".join(w for w in words if w)


def check_step_text(label: str, value: str | None, one_line: bool = True) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split()) if one_line else value.strip("\n")
    check_text(label, value)
    return value or None


# -- the changes of one action -------------------------------------------------------------


def add_changes(
    conn: sqlite3.Connection,
    doc: int,
    unit: str,
    item_id: str,
    text: str,
    fields: dict[str, str | None],
    number: int | None = None,
) -> tuple[int, list[Change]]:
    """(the new step's number, the change that adds it): 未开始, with the fields given.
    `number`: the step's number when the caller has one (a workbook row 3.2; several
    steps added in one batch must each be given theirs), else the next free one. A
    number in use with other content refuses the whole action when it is written."""
    checked = check_step_text(STEP_FIELDS["text"], text)
    if not checked:
        raise InputError("步骤内容为空:请写明这一步具体做什么")
    count = conn.execute(
        "SELECT count(*) FROM steps WHERE doc=? AND unit=? AND item_id=?", (doc, unit, item_id)
    ).fetchone()[0]
    if count >= MAX_STEPS:
        raise InputError(f"条目 {item_id} 已有 {MAX_STEPS} 个步骤,达到上限,未写入")
    record: dict[str, object] = {k: None for k in STEP_FIELDS}
    for name, value in fields.items():
        if name not in EDITABLE or name == "text":
            raise InputError(f"不能这样设置步骤的字段:{name}")
        record[name] = check_step_text(STEP_FIELDS[name], value, one_line=name != "narrative")
    if number is None:
        number = next_number(conn, doc, unit, item_id)
    elif number < 1:
        raise InputError(f"步骤序号应为正整数:{number}")
    record.update(number=number, text=checked, status="未开始", created_at=None)
    return number, [Change(item_id, field_name(number, ADDED), record)]


def _existing(conn: sqlite3.Connection, doc: int, unit: str, item_id: str, number: int) -> dict:
    step = read_step(conn, doc, unit, item_id, number)
    if step is None:
        numbers = [
            r[0]
            for r in conn.execute(
                "SELECT number FROM steps WHERE doc=? AND unit=? AND item_id=? ORDER BY number", (doc, unit, item_id)
            )
        ]
        have = (
            f"现有步骤:{'、'.join(f'{item_id}.{n}' for n in numbers)}"
            if numbers
            else "这个条目还没有步骤(可用 step add 添加)"
        )
        raise InputError(f"没有步骤 {item_id}.{number};{have}")
    return step


def edit_changes(
    conn: sqlite3.Connection, doc: int, unit: str, item_id: str, number: int, fields: dict[str, str | None]
) -> list[Change]:
    _existing(conn, doc, unit, item_id, number)
    changes = []
    for name, value in fields.items():
        if name not in EDITABLE:
            raise InputError(f"不能直接修改步骤的字段:{name}")
        value = check_step_text(STEP_FIELDS[name], value, one_line=name != "narrative")
        if name == "text" and not value:
            raise InputError("步骤内容为空:请写明这一步具体做什么")
        changes.append(Change(item_id, field_name(number, name), value))
    return changes


def status_changes(
    conn: sqlite3.Connection,
    doc: int,
    unit: str,
    item_id: str,
    number: int,
    status: str,
    reason: str | None,
    today: dt.date,
    done_date: dt.date | None = None,
) -> list[Change]:
    """A step's status with what it implies (不适用 needs a reason; 已完成 a 完成时间)."""
    step = _existing(conn, doc, unit, item_id, number)
    check_status(status)
    if status == NOT_APPLICABLE and not (reason or "").strip():
        raise InputError("设为「不适用」必须填写理由")
    if done_date is not None and status != DONE:
        raise InputError(f"完成时间只能与「{DONE}」一起设置(现为「{status}」)")
    reason = check_step_text(STEP_FIELDS["reason"], reason) if status == NOT_APPLICABLE else None
    day = (done_date.isoformat() if done_date else step["done_date"] or today.isoformat()) if status == DONE else None
    return [
        Change(item_id, field_name(number, "status"), status),
        Change(item_id, field_name(number, "reason"), reason),
        Change(item_id, field_name(number, "done_date"), day),
    ]


def remove_changes(conn: sqlite3.Connection, doc: int, unit: str, item_id: str, number: int) -> list[Change]:
    """The step's 分解 taken back (a removed step is assigned to nobody; its number is never
    given again) and its evidence entries, each newest first so that an undo, replaying
    backwards, adds them back in their order; then the step itself: one action, undone as one (the
    step first, then its evidence and its 分解)."""
    step = _existing(conn, doc, unit, item_id, number)
    given = assign_rows.assignments_of(conn, doc, unit, [item_id]).get(item_id, [])
    changes = [Change(item_id, assign_rows.REMOVED, a, expect=a) for a in reversed(given) if a["step"] == number]
    changes += [
        Change(item_id, field_name(number, EVIDENCE_REMOVED), {k: r[k] for k in EVIDENCE_KEYS})
        for r in conn.execute(
            "SELECT * FROM step_evidence WHERE doc=? AND unit=? AND item_id=? AND step=? ORDER BY id DESC",
            (doc, unit, item_id, number),
        )
    ]
    return changes + [Change(item_id, field_name(number, REMOVED), step_record(step), expect=ANY)]


def evidence_changes(
    conn: sqlite3.Connection, doc: int, unit: str, item_id: str, number: int, records: list[dict]
) -> list[Change]:
    _existing(conn, doc, unit, item_id, number)
    have = conn.execute(
        "SELECT count(*) FROM step_evidence WHERE doc=? AND unit=? AND item_id=? AND step=?",
        (doc, unit, item_id, number),
    ).fetchone()[0]
    if have + len(records) > MAX_EVIDENCE:
        raise InputError(f"步骤 {item_id}.{number} 最多 {MAX_EVIDENCE} 条佐证材料,未写入")
    return [Change(item_id, field_name(number, EVIDENCE_ADDED), r) for r in records]


def evidence_removal(
    conn: sqlite3.Connection, doc: int, unit: str, item_id: str, number: int, index: int
) -> list[Change]:
    _existing(conn, doc, unit, item_id, number)
    rows = conn.execute(
        "SELECT * FROM step_evidence WHERE doc=? AND unit=? AND item_id=? AND step=? ORDER BY id",
        (doc, unit, item_id, number),
    ).fetchall()
    if not 0 <= index < len(rows):
        raise InputError("没有这条佐证材料")
    return [Change(item_id, field_name(number, EVIDENCE_REMOVED), {k: rows[index][k] for k in EVIDENCE_KEYS})]
