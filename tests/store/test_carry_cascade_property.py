"""carry_cascade (issue #25) over any assignments and reports: every old assignment of a
matched item is in NEW under the matched item, or its (unit, item) is listed as a conflict
(NEW's own kept), or its unit listed as dropped, or its step listed; NEW's own rows are never
changed; nothing lands on an item that did not match."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.store.carry_cascade import carry_cascade
from tui.store.schema import ASSIGNMENTS_V8, SUB_REPORTS_V8

ITEMS = ["1.1.1-1", "1.1.1-2", "1.1.2-1"]
UNITS = ["渝中区", "江北区"]
SUBS = ["区财政局", "区教委", "区发展改革委"]

assignment = st.tuples(
    st.sampled_from(ITEMS),
    st.sampled_from(UNITS),
    st.sampled_from([0, 0, 1]),
    st.sampled_from(SUBS),
    st.sampled_from(["牵头", "责任", "配合"]),
    st.sampled_from([None, "2021-06-30"]),
)
report = st.tuples(
    st.sampled_from(ITEMS), st.sampled_from(UNITS), st.sampled_from(SUBS), st.sampled_from(["已完成", "推进中"])
)


def database(assigned, reported, doc: int) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(ASSIGNMENTS_V8)
    conn.execute(SUB_REPORTS_V8)
    for item, unit, step, sub, role, deadline in assigned:
        conn.execute(
            "INSERT OR IGNORE INTO assignments (doc, item_id, unit, step, sub_unit, role, deadline, assigned_at)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (doc, item, unit, step, sub, role, deadline, "2021-03-01T09:00:00"),
        )
    for item, unit, sub, status in reported:
        conn.execute(
            "INSERT OR IGNORE INTO sub_reports (doc, item_id, unit, step, sub_unit, status, evidence)"
            " VALUES (?,?,?,0,?,?,'[]')",
            (doc, item, unit, sub, status),
        )
    return conn


def table(conn: sqlite3.Connection, name: str, doc: int) -> set[tuple]:
    return set(conn.execute(f"SELECT * FROM {name} WHERE doc = ?", (doc,)).fetchall())


@settings(max_examples=150, deadline=None)
@given(
    old_rows=st.lists(assignment, max_size=12),
    old_reports=st.lists(report, max_size=6),
    new_rows=st.lists(assignment, max_size=4),
    new_reports=st.lists(report, max_size=3),
    mapping=st.dictionaries(st.sampled_from(ITEMS), st.sampled_from(ITEMS), max_size=3),
    new_units=st.sets(st.sampled_from(UNITS)),
    steps=st.sets(st.tuples(st.sampled_from(UNITS), st.sampled_from(ITEMS), st.just(1))),
)
def test_every_assignment_is_carried_or_listed_and_new_keeps_its_own(
    old_rows, old_reports, new_rows, new_reports, mapping, new_units, steps
):
    old, new = database(old_rows, old_reports, 1), database(new_rows, new_reports, 2)
    own = table(new, "assignments", 2), table(new, "sub_reports", 2)
    dropped: set[str] = set()
    done = carry_cascade(old, 1, new, 2, mapping, new_units, steps, dropped)
    after = table(new, "assignments", 2)
    assert own[0] <= after and own[1] <= table(new, "sub_reports", 2)  # NEW's own rows untouched
    conflicts = set(done.conflicts)
    added = after - own[0]
    assert len(added) == done.assignment_rows
    assert {r[1] for r in added} <= set(mapping.values())
    for _doc, item, unit, step, sub, role, requirement, deadline, at in table(old, "assignments", 1):
        target = mapping.get(item)
        if target is None:
            continue
        if unit not in new_units:
            assert unit in dropped
        elif step and (unit, item, step) not in steps:
            assert (unit, item) in done.steps_left
        elif (unit, target) not in conflicts:
            assert (2, target, unit, step, sub, role, requirement, deadline, at) in after
    had = {(r[2], r[1]) for r in own[0]}
    for unit, target in had:  # where NEW had assignments already, it keeps them and nothing is added
        assert not any(r[1] == target and r[2] == unit for r in added)
