"""The lead's review (`L`, `review --json`) counts what each unit's own checklist says: for any
progress written, each unit's cell of a row holds the statuses of the unit's items of that row
(items without progress as 未开始) and their evidence entries. The review reads both with two
queries over the led items (store/review.py); the checklist reads them per unit: they must agree."""

from __future__ import annotations

import shutil
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PRISTINE
from tui.store import Store

LEAD = "市发展改革委"
STATUSES = ("推进中", "已完成", "不适用")


def _led_cells(store: Store) -> list[tuple[str, str, list[str]]]:
    """(row, unit, the row's items) of every unit cell in the lead's review."""
    return [(r.row_id, u.unit, r.item_ids) for r in store.review(LEAD) for u in r.units]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_each_cell_counts_the_units_own_statuses_and_evidence(tmp_path_factory, data):
    db = tmp_path_factory.mktemp("review") / "work.sqlite"
    shutil.copyfile(PRISTINE, db)
    with Store(db) as store:
        cells = _led_cells(store)
        pairs = sorted({(unit, i) for _, unit, ids in cells for i in ids})
        chosen = data.draw(st.lists(st.sampled_from(pairs), max_size=25, unique=True))
        for unit, item in chosen:
            status = data.draw(st.sampled_from(STATUSES))
            if status == "已完成":
                evidence = [f"https://example.gov.cn/{item}/{n}" for n in range(data.draw(st.integers(0, 3)))]
                store.mark_done(unit, item, evidence)
            else:
                store.set_status(unit, [item], status, reason="本单位无此职能" if status == "不适用" else None)
        for row in store.review(LEAD):
            for u in row.units:
                entries = store.entries(u.unit, row.item_ids)
                want = Counter(e.status for e in entries)
                want["未开始"] += len(row.item_ids) - len(entries)
                assert u.counts == {k: v for k, v in want.items() if v}, (row.row_id, u.unit)
                evidence = store.evidence_map(u.unit)
                assert u.evidence == sum(len(evidence.get(i, [])) for i in row.item_ids), (row.row_id, u.unit)
                assert u.items == len(row.item_ids)
