"""The roll-up's counts from one SQL aggregate (issued/rollup_summary.py over
store/rollup_counts.py, what the roll-up screen's first paint shows) equal the pure rules of
issued/supervision.py over every line (supervision_service.supervised_lines): on random
assignments, 细化 steps, reports and 时限 written every way (ISO, words, impossible dates, empty),
for any as-of date and chase window."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PRISTINE
from tests.conftest import ROLLUP_UNIT as U
from tui.issued.rollup_summary import rollup_summary
from tui.issued.supervision import chase_summary, tally, to_chase
from tui.issued.supervision_service import supervised_lines
from tui.store import Store

ITEMS = ["1.1.3-1", "1.1.3-2", "1.1.5-1", "1.1.6-1"]  # on 渝中区's checklist
SUBS = ["区财政局", "区教委", "区发展改革委", "解放碑街道"]
WRITTEN = [None, "", "2021-06-30", "2021-08-01", "2021-08-05", "2021-09-30", "长期坚持", "2021-02-30", "20210801"]
days = st.sampled_from(WRITTEN)
item_day = st.sampled_from([None, "2021-06-30", "2021-08-05", "2021-09-30"])  # an item's own: ISO (words apart)

assignment = st.tuples(
    st.sampled_from(ITEMS),
    st.sampled_from([0, 0, 1, 2]),  # step 2 never exists: the item's 时限 then
    st.sampled_from(SUBS),
    st.sampled_from(["牵头", "责任", "配合"]),
    days,
    st.sampled_from([None, "2021-07-01T09:00:00", "2021-07-02T09:00:00"]),
)
said = st.tuples(  # what a report says: status, 完成时间, evidence
    st.sampled_from(["已完成", "推进中", "未开始", "不适用", None]),
    days,
    st.sampled_from([[], ["https://x.gov.cn/a.html"]]),
)


@st.composite
def assigned_and_reported(draw):
    """Assignments, most of them reported, and a few reports of nothing assigned (any more)."""
    assigned = draw(st.lists(assignment, max_size=25))
    reported = [(item, step, sub, *draw(said)) for item, step, sub, *_ in assigned if draw(st.integers(0, 3))]
    stray = draw(st.lists(st.tuples(st.sampled_from(ITEMS), st.sampled_from([0, 1]), st.sampled_from(SUBS), said)))
    return assigned, reported + [(item, step, sub, *what) for item, step, sub, what in stray[:3]]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("summary") / "work.sqlite"
    shutil.copyfile(PRISTINE, path)
    with Store(path):  # upgraded to the current schema, as the app opens it
        pass
    return path


def _fill(path: Path, item_days, step_days, assigned, reported) -> None:
    conn = sqlite3.connect(path)
    with conn:
        doc = conn.execute("SELECT max(doc) FROM assignments UNION SELECT max(id) FROM document").fetchall()
        doc_id = max(r[0] for r in doc if r[0] is not None)
        for table in ("assignments", "sub_reports", "steps"):
            conn.execute(f"DELETE FROM {table}")
        for item, deadline in zip(ITEMS, item_days, strict=True):
            conn.execute("UPDATE items SET deadline = ? WHERE doc = ? AND id = ?", (deadline, doc_id, item))
        for item, deadline in zip(ITEMS, step_days, strict=True):
            conn.execute(
                "INSERT INTO steps (doc, item_id, unit, number, text, deadline) VALUES (?, ?, ?, 1, '第一步', ?)",
                (doc_id, item, U, deadline),
            )
        for item, step, sub, role, deadline, when in assigned:
            conn.execute(
                "INSERT OR IGNORE INTO assignments (doc, item_id, unit, step, sub_unit, role, deadline, assigned_at)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (doc_id, item, U, step, sub, role, deadline, when),
            )
        for item, step, sub, status, done, evidence in reported:
            conn.execute(
                "INSERT OR REPLACE INTO sub_reports (doc, item_id, unit, step, sub_unit, status, done_date, evidence)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (doc_id, item, U, step, sub, status, done, json.dumps(evidence)),
            )
    conn.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    item_days=st.lists(item_day, min_size=len(ITEMS), max_size=len(ITEMS)),
    step_days=st.lists(days, min_size=len(ITEMS), max_size=len(ITEMS)),
    both=assigned_and_reported(),
    as_of=st.sampled_from([dt.date.fromisoformat(d) for d in WRITTEN[2:6]]).flatmap(
        lambda d: st.sampled_from([d - dt.timedelta(days=7), d - dt.timedelta(days=1), d, d + dt.timedelta(days=1)])
    )
    | st.dates(dt.date(2021, 6, 1), dt.date(2021, 10, 31)),
    window=st.sampled_from([0, 7, 60]),
)
def test_the_aggregate_counts_as_the_rules_over_every_line(db, item_days, step_days, both, as_of, window):
    _fill(db, item_days, step_days, *both)
    with Store(db, readonly=True) as store:
        summary = rollup_summary(store, U, as_of, window)
        lines = supervised_lines(store, U)
    assert summary.lines == len(lines)
    assert summary.tallies == tally(lines, as_of)
    assert summary.scores == {t.sub_unit: t.score for t in tally(lines, as_of)}
    assert summary.missing == sorted({x["sub_unit"] for x in lines if not x["reported"]})
    chased = to_chase(lines, as_of, window)
    assert bool(summary.chased) == bool(chased)
    assert summary.chase_summary() == chase_summary(chased)


def test_the_first_lines_are_the_head_of_every_line(assigned):
    """The screen's first rows (rollup with a limit) are the first of the whole roll-up."""
    with Store(assigned, readonly=True) as store:
        every = store.rollup(U)
        assert store.rollup(U, 2) == every[:2] and store.rollup(U, 100) == every
