"""分解汇总 (R) with hundreds of rows: the lines under the table (未报送, 催办, 考评 and its rule)
stay on screen, the table scrolling in the room left (issue #25's walk: 105 items to 8 街道
pushed them off the screen)."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tests.conftest import ROLLUP_UNIT as U
from tui.app.checklist_view import ChecklistView
from tui.store import Store

STREETS = [
    "解放碑街道",
    "七星岗街道",
    "大溪沟街道",
    "上清寺街道",
    "两路口街道",
    "菜园坝街道",
    "南纪门街道",
    "朝天门街道",
]


async def test_the_lines_under_a_long_rollup_stay_on_screen(make_app, work_db):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        ids = [e.id for e in app.screen.query_one(ChecklistView).entries]
        with Store(work_db) as store:
            store.assign(U, ids, STREETS, "责任")
        await pilot.press("R")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        detail = app.screen.query_one("#rollup-detail", Static)
        assert len(ids) * len(STREETS) > 800 and table.row_count >= 100
        assert "评分规则" in str(detail.render())
        bottom = detail.region.y + detail.region.height
        assert detail.region.height >= 5 and bottom <= 47  # above the key line, the rule's line included
        assert table.region.height < 48 - detail.region.height
