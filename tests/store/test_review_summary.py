"""UnitProgress.summary: 不适用 items are not part of the work to do."""

from __future__ import annotations

import pytest

from tui.store import Store
from tui.store.review import UnitProgress


@pytest.mark.parametrize(
    "counts, expected",
    [
        ({"不适用": 2, "未开始": 1}, "未开始"),
        ({"不适用": 1, "已完成": 1, "推进中": 1}, "推进中 1/2"),
        ({"不适用": 2, "已完成": 1}, "已完成"),
        ({"不适用": 3}, "不适用"),
        ({"已完成": 1, "未开始": 2}, "推进中 1/3"),
        ({"推进中": 1, "未开始": 2}, "推进中 0/3"),
        ({"未开始": 3}, "未开始"),
    ],
)
def test_summary_counts_only_what_applies(counts, expected):
    u = UnitProgress("渝中区", sum(counts.values()), counts, 0, True)
    assert u.summary == expected
    assert u.finished == (expected in ("已完成", "不适用"))


def test_unreported_is_never_finished():
    u = UnitProgress("江北区", 3, {"未开始": 3}, 0, False)
    assert u.summary == "未报送" and not u.finished


def test_review_of_two_not_applicable_and_one_not_started(work_db):
    """The issue's row: 2×不适用 + 1×未开始 must not read 推进中 2/3."""
    with Store(work_db) as store:
        row = next(r for r in store.review("市财政局") if r.row_id == "1.3.3")
        ids = row.item_ids
        assert len(ids) == 3
        store.set_status("渝中区", ids[:2], "不适用", "本区无此事项")
        row = next(r for r in store.review("市财政局") if r.row_id == "1.3.3")
        progress = next(u for u in row.units if u.unit == "渝中区")
        assert progress.summary == "未开始"
