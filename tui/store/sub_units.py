"""下级单位目录 (issue #25 item 1): the sub-units a unit assigns its items to (its departments,
镇街 or 科室), in the order it lists them, one row of `sub_units` each (schema v9). The assign
dialog offers these names; `gongkai-tui sub-units` and the app's catalogue editor change them.

The list belongs to the unit, not to one document: the same departments take next year's
items. A change is one transaction of its own, outside the undo history (it changes no item).

Renaming a name that items are assigned to is refused: the assignments, the 任务分工 already
issued with that name and the reports its sub-unit sends back all carry the old name, and
carrying only the first would leave the others matching nothing. Removing such a name is
allowed and keeps the assignments (the count is returned so the caller says so): the name is
then no longer offered, what was assigned stays assigned."""

from __future__ import annotations

import datetime as dt
import sqlite3

from .assign import sub_unit_names
from .db import write_transaction
from .errors import InputError

MAX_LISTED = 500  # names in one unit's catalogue


def listing(conn: sqlite3.Connection, unit: str) -> list[str]:
    """The unit's sub-units in the order listed."""
    return [r[0] for r in conn.execute("SELECT name FROM sub_units WHERE unit = ? ORDER BY position, rowid", (unit,))]


def assigned_count(conn: sqlite3.Connection, unit: str, name: str) -> int:
    """How many items and steps, in every document of the database, the unit assigned to `name`."""
    row = conn.execute("SELECT count(*) FROM assignments WHERE unit = ? AND sub_unit = ?", (unit, name)).fetchone()
    return int(row[0])


def _names(text: str) -> list[str]:
    if not (text or "").strip(" ,，、;；"):
        raise InputError("请写明下级单位的名称")
    return sub_unit_names(text)


def _one_name(text: str) -> str:
    names = _names(text)
    if len(names) != 1:
        raise InputError(f"一次只能改一个名称,而「{text.strip()}」是 {len(names)} 个")
    return names[0]


def add(conn: sqlite3.Connection, unit: str, text: str, now: dt.datetime | None = None) -> list[str]:
    """Add the names of `text` (comma or 、 between them) after the listed ones: the names
    added. A name listed already is refused, as is the unit itself; nothing is written then."""
    names = _names(text)
    there = listing(conn, unit)
    for name in names:
        if name == unit:
            raise InputError(f"「{unit}」是本单位自己,不能列为下级单位")
        if name in there:
            raise InputError(f"「{name}」已在「{unit}」的下级单位目录中,未重复添加")
    if len(there) + len(names) > MAX_LISTED:
        raise InputError(f"下级单位目录最多 {MAX_LISTED} 个名称,加上这 {len(names)} 个将超过上限,未添加")
    stamp = (now or dt.datetime.now()).isoformat(timespec="seconds")
    start = 1 + (conn.execute("SELECT coalesce(max(position), 0) FROM sub_units WHERE unit = ?", (unit,)).fetchone()[0])
    with write_transaction(conn):
        conn.executemany(
            "INSERT INTO sub_units (unit, name, position, added_at) VALUES (?,?,?,?)",
            [(unit, name, start + i, stamp) for i, name in enumerate(names)],
        )
    return names


def _listed(conn: sqlite3.Connection, unit: str, name: str) -> None:
    if name not in listing(conn, unit):
        raise InputError(f"「{name}」不在「{unit}」的下级单位目录中")


def rename(conn: sqlite3.Connection, unit: str, old: str, new_text: str) -> str:
    """Rename a listed sub-unit, keeping its place: the new name. Refused when the new name is
    listed already, or when items are assigned to the old one (see the module's words)."""
    _listed(conn, unit, old)
    new = _one_name(new_text)
    if new == old:
        return new
    if new == unit:
        raise InputError(f"「{unit}」是本单位自己,不能列为下级单位")
    if new in listing(conn, unit):
        raise InputError(f"「{new}」已在「{unit}」的下级单位目录中,未改名")
    used = assigned_count(conn, unit, old)
    if used:
        raise InputError(
            f"已有 {used} 个条目或步骤分解给「{old}」,印发的任务分工和下级的报送都用这个名称,改名会对不上,"
            f"未改名;可添加「{new}」并把条目分解给它"
        )
    with write_transaction(conn):
        conn.execute("UPDATE sub_units SET name = ? WHERE unit = ? AND name = ?", (new, unit, old))
    return new


def remove(conn: sqlite3.Connection, unit: str, name: str) -> int:
    """Take a name off the unit's catalogue: how many items and steps stay assigned to it."""
    _listed(conn, unit, name)
    with write_transaction(conn):
        conn.execute("DELETE FROM sub_units WHERE unit = ? AND name = ?", (unit, name))
    return assigned_count(conn, unit, name)
