"""分解 as the CLI and the app ask for it (issue #25 item 1): the changes that assign a
unit's item, or one of its 细化 steps, to its own sub-units with a role, an optional
具体要求 and 时限, and that take an assignment back. Each call is one action (written by
store/progress.py through assign_rows.py; one undo takes it back). No SQL here beyond
reading.

A 时限 is a date (`2026-06-30`, `2026年6月30日`) or words (长期坚持, 每季度); a date later
than the item's own deadline is refused unless the caller says it asked (`later_ok`)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

from ..datetext import DateTextError, parse_date_text
from . import assign_rows
from .errors import InputError
from .progress import ANY, Change
from .text_limits import check_text

MAX_SUB_UNITS = 200  # sub-units named in one call
_NAME = re.compile(r"^[^\s,，、;；:：]{2,40}$")


def sub_unit_names(text: str) -> list[str]:
    """`区发展改革委,区财政局、各街道办事处` → the names, in order, each once (a list pasted
    one name a line is read the same). Refused: an empty list, a name with spaces or
    punctuation inside, or one too long to be a unit's."""
    names: list[str] = []
    for part in re.split(r"[,，、;；\r\n]", text or ""):
        name = part.strip()
        if not name:
            continue
        if not _NAME.match(name):
            raise InputError(f"「{name}」不像单位名称(2–40 个字,中间没有空格或标点);多个单位用逗号或顿号分隔")
        if name not in names:
            names.append(name)
    if not names:
        raise InputError("请写明分解给哪些单位(--to 区发展改革委,区财政局)")
    if len(names) > MAX_SUB_UNITS:
        raise InputError(f"一次分解给 {len(names)} 个单位,超过 {MAX_SUB_UNITS} 个的上限")
    return names


def deadline_value(text: str | None) -> tuple[str | None, dt.date | None]:
    """(what is stored, the date it names): an ISO date for a date, the words otherwise."""
    if text is None or not text.strip():
        return None, None
    try:
        day = parse_date_text(text)
    except DateTextError:
        check_text("时限", text.strip())
        return text.strip(), None
    return day.isoformat(), day


def later_than_item(day: dt.date | None, item_deadline: str | None) -> bool:
    """Whether an assigned date is later than the item's own deadline (an ISO date)."""
    if day is None or not item_deadline:
        return False
    try:
        return day > dt.date.fromisoformat(item_deadline)
    except ValueError:
        return False


def assign_changes(
    conn: sqlite3.Connection,
    doc: int,
    unit: str,
    item_id: str,
    sub_units: list[str],
    role: str,
    requirement: str | None,
    deadline: str | None,
    step: int = 0,
) -> list[Change]:
    """The changes that assign the item (step 0) or its step to each sub-unit: a sub-unit
    already assigned with the same role, 具体要求 and 时限 is left as it is; one assigned
    otherwise is taken back and assigned anew, in the same action."""
    if role not in assign_rows.ROLES:
        raise InputError(f"角色应为 {' / '.join(assign_rows.ROLES)} 之一,而不是「{role}」")
    requirement = (requirement or "").strip() or None
    check_text("具体要求", requirement)
    stored, _ = deadline_value(deadline)
    changes: list[Change] = []
    for name in sub_units:
        if name == unit:
            raise InputError(f"不能把条目分解给本单位「{unit}」自己")
        record = {
            "step": step,
            "sub_unit": name,
            "role": role,
            "requirement": requirement,
            "deadline": stored,
            "assigned_at": None,
        }
        there = assign_rows.read(conn, doc, unit, item_id, step, name)
        if there is not None:
            if all(there[k] == record[k] for k in ("role", "requirement", "deadline")):
                continue
            changes.append(Change(item_id, assign_rows.REMOVED, there, expect=there))
        changes.append(Change(item_id, assign_rows.ADDED, record, expect=ANY))
    return changes


def unassign_changes(
    conn: sqlite3.Connection,
    doc: int,
    unit: str,
    item_id: str,
    sub_units: list[str],
    step: int = 0,
    role: str | None = None,
) -> list[Change]:
    """Take the item's (or step's) assignment to each sub-unit back; one never made, or (with
    `role`) made with another role, is refused."""
    changes: list[Change] = []
    for name in sub_units:
        there = assign_rows.read(conn, doc, unit, item_id, step, name)
        where = f"条目 {item_id}" + (f" 的步骤 {step}" if step else "")
        if there is None:
            raise InputError(f"{where} 没有分解给「{name}」,没有可取消的分解")
        if role is not None and there["role"] != role:
            raise InputError(f"{where} 分解给「{name}」的角色是{there['role']},不是{role},未取消")
        changes.append(Change(item_id, assign_rows.REMOVED, there, expect=there))
    return changes


def last_year(conn: sqlite3.Connection, doc: int, unit: str, item_ids: list[str]) -> dict[str, dict]:
    """item id → its 往年参考 (`item_refs`: the matching item of an earlier document of the
    database) when the unit assigned that item down: {"doc", "number", "item_id", "rows"},
    the rows (sub_unit, role, requirement) of the item itself (its steps were last year's)."""
    out: dict[str, dict] = {}
    by_doc: dict[int, dict[str, list[dict]]] = {}  # each earlier document's assignments, read once
    for item_id in item_ids:
        ref = conn.execute(
            "SELECT r.ref_doc, r.ref_item, d.number FROM item_refs r JOIN document d ON d.id = r.ref_doc"
            " WHERE r.doc = ? AND r.item_id = ?",
            (doc, item_id),
        ).fetchone()
        if ref is None:
            continue
        if ref[0] not in by_doc:
            by_doc[ref[0]] = assign_rows.assignments_of(conn, ref[0], unit)
        rows = by_doc[ref[0]].get(ref[1], [])
        rows = [{k: a[k] for k in ("sub_unit", "role", "requirement")} for a in rows if a["step"] == 0]
        if rows:
            out[item_id] = {"doc": ref[0], "number": ref[2], "item_id": ref[1], "rows": rows}
    return out
