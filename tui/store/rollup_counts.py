"""The roll-up's counts in one SQL aggregate (issue #25's budget: the roll-up of 50 sub-units ×
200 items shown in ≤ 300 ms): every sub-unit's tally and its lines to chase on an as-of date,
as issued/supervision.py's `tally` and `to_chase` count them over the 10,000 lines of
issued/supervision_service.supervised_lines, without building those lines. The rules are
supervision.py's; tests/issued/test_rollup_summary.py holds the two equal on random databases.

A line is due on the first 时限 written of: the one given with the assignment, its 细化
step's, the item's (issued/service.assigned_deadline). Dates are read as the caller's `day`
reads them (supervision.day_of): the 时限 of each (item, step, 时限 given) and every 完成时间 as
written go once into temporary tables with their ISO dates (or NULL: a 时限 in words), so the aggregate compares ISO strings. A
report's evidence is a JSON list as save_reports writes it: `[]` is none."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from .sub_reports import rollup_order

Day = Callable[[str | None], dt.date | None]  # a date as written → the date, or None
DONE, NOT_APPLICABLE = "已完成", "不适用"
# The 时限 each (item, step, 时限 given) is due on, as written: the first written of the one
# given, the step's and the item's.
_DUE = (
    "SELECT k.item_id, k.step, k.deadline, coalesce(nullif(k.deadline, ''), nullif(s.deadline, ''), i.deadline)"
    " FROM (SELECT DISTINCT item_id, step, deadline FROM assignments WHERE doc = :doc AND unit = :unit) k"
    " LEFT JOIN steps s ON s.doc = :doc AND s.item_id = k.item_id AND s.unit = :unit AND s.number = k.step"
    " LEFT JOIN items i ON i.doc = :doc AND i.id = k.item_id"
)


@dataclass(frozen=True)
class Counts:
    """One sub-unit's lines by outcome (supervision.Tally's fields) and by what it is chased
    for (`near`: 临近时限; 未报送 and 已逾期 are `not_reported` and `overdue`)."""

    sub_unit: str
    assigned: int
    on_time: int
    late: int
    in_progress: int
    overdue: int
    not_reported: int
    no_evidence: int
    not_applicable: int
    near: int
    first_chased: int | None  # the roll-up position of its first line to chase; None: nothing to chase


def _fill_days(conn: sqlite3.Connection, doc: int, unit: str, day: Day) -> None:
    """The ISO date (as `day` reads it) each assignment is due on, and each 完成时间 written."""

    def iso(value: str | None) -> str | None:
        d = day(value)
        return d.isoformat() if d is not None else None

    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS rollup_due (item_id TEXT NOT NULL, step INTEGER NOT NULL, deadline TEXT,"
        " day TEXT, UNIQUE (item_id, step, deadline))"
    )
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS rollup_done (written TEXT PRIMARY KEY, day TEXT)")
    args = {"doc": doc, "unit": unit}
    due = conn.execute(_DUE, args).fetchall()
    conn.executemany("INSERT INTO temp.rollup_due VALUES (?, ?, ?, ?)", [(*r[:3], iso(r[3])) for r in due])
    done = conn.execute(
        "SELECT DISTINCT done_date FROM sub_reports WHERE doc = :doc AND unit = :unit AND done_date IS NOT NULL", args
    ).fetchall()
    conn.executemany("INSERT INTO temp.rollup_done VALUES (?, ?)", [(w, iso(w)) for (w,) in done])


def counts_by_sub_unit(
    conn: sqlite3.Connection, doc: int, unit: str, day: Day, as_of: dt.date, near_until: dt.date
) -> list[Counts]:
    """Each sub-unit's counts on `as_of`, in the order the sub-units first appear in the
    roll-up. A reported line not done is 临近时限 when due from `as_of` to `near_until`."""
    order, order_args = rollup_order()
    args = {**order_args, "doc": doc, "unit": unit, "as_of": as_of.isoformat(), "near_until": near_until.isoformat()}
    lines = (
        "SELECT *,"
        "  coalesce(done AND done_on > due, 0) AS late,"
        "  coalesce(open AND due < :as_of, 0) AS overdue,"
        "  coalesce(open AND due >= :as_of AND due <= :near_until, 0) AS near"
        "  FROM (SELECT a.sub_unit AS sub_unit,"
        "   r.item_id IS NOT NULL AS reported,"
        f"   r.item_id IS NOT NULL AND coalesce(r.status, '') = '{DONE}' AS done,"
        f"   r.item_id IS NOT NULL AND coalesce(r.status, '') = '{NOT_APPLICABLE}' AS not_applicable,"
        f"   r.item_id IS NOT NULL AND coalesce(r.status, '') NOT IN ('{DONE}', '{NOT_APPLICABLE}') AS open,"
        "   coalesce(r.evidence, '') IN ('', '[]') AS bare,"
        "   d.day AS due, w.day AS done_on,"
        f"   {', '.join(f'{term} AS o{i}' for i, term in enumerate(order))}"
        "   FROM assignments a LEFT JOIN sub_reports r"
        "   ON r.doc = a.doc AND r.unit = a.unit AND r.item_id = a.item_id AND r.step = a.step"
        "   AND r.sub_unit = a.sub_unit"
        "   LEFT JOIN temp.rollup_due d ON d.item_id = a.item_id AND d.step = a.step AND d.deadline IS a.deadline"
        "   LEFT JOIN temp.rollup_done w ON w.written = r.done_date"
        "   WHERE a.doc = :doc AND a.unit = :unit)"
    )
    try:
        _fill_days(conn, doc, unit, day)
        rows = conn.execute(
            "SELECT sub_unit, count(*), sum(done AND NOT late), sum(done AND late),"
            " sum(open AND NOT overdue), sum(overdue), sum(NOT reported), sum(done AND bare), sum(not_applicable),"
            f" sum(near), max(NOT reported OR overdue OR near) FROM ({lines}) GROUP BY sub_unit",
            args,
        ).fetchall()
        first, chased = _first_lines(conn, lines, len(order), args, len(rows), sum(r[10] for r in rows))
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.rollup_due")
        conn.execute("DROP TABLE IF EXISTS temp.rollup_done")
    rows.sort(key=lambda r: first[r[0]])
    return [
        Counts(
            sub_unit=r[0],
            assigned=r[1],
            on_time=r[2],
            late=r[3],
            in_progress=r[4],
            overdue=r[5],
            not_reported=r[6],
            no_evidence=r[7],
            not_applicable=r[8],
            near=r[9],
            first_chased=chased.get(r[0]),
        )
        for r in rows
    ]


def _first_lines(
    conn: sqlite3.Connection, lines: str, terms: int, args: dict, units: int, chased_units: int
) -> tuple[dict[str, int], dict[str, int]]:
    """Where each sub-unit's first line is in the roll-up, and its first line to chase: the
    lines in the roll-up's order (sorted an item at a time, by its index), read only until
    every sub-unit and every chased one is placed, mostly within the first items."""
    first: dict[str, int] = {}
    chased: dict[str, int] = {}
    order_by = ", ".join(f"o{i}" for i in range(terms))
    cursor = conn.execute(f"SELECT sub_unit, NOT reported OR overdue OR near FROM ({lines}) ORDER BY {order_by}", args)
    try:
        for n, (sub_unit, chase) in enumerate(cursor):
            first.setdefault(sub_unit, n)
            if chase:
                chased.setdefault(sub_unit, n)
            if len(first) == units and len(chased) == chased_units:
                break
    finally:
        cursor.close()  # read no further (the temporary tables are dropped after)
    return first, chased
