"""分解汇总 (R, issue #25 item 4): each assignment with its sub-unit's report or 未报送, read in a
worker; the same lines `gongkai-tui rollup` prints. A snapshot at a fixed size."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from tui.app.rollup_screen import RollupScreen
from tui.store import Store

from .test_snapshots import press_then_still

U, PLAN, LAWS = "渝中区", "1.1.3-1", "3.1.1-1"


@pytest.fixture
def assigned(work_db):
    with Store(work_db) as store:
        store.assign(U, [PLAN, LAWS], ["区发展改革委"], "牵头")
        store.assign(U, [PLAN], ["区财政局", "解放碑街道"], "责任", "每季度报送进展")
        store.save_sub_reports(
            U,
            "区发展改革委",
            [
                {
                    "item_id": PLAN,
                    "step": 0,
                    "status": "已完成",
                    "done_date": "2021-07-01",
                    "narrative": "已在区政府网站公开规划全文及图解",
                    "evidence": ["https://www.cqyz.gov.cn/gh.html"],
                },
                {"item_id": LAWS, "step": 0, "status": "推进中", "done_date": None, "narrative": None, "evidence": []},
            ],
            "区发展改革委.xlsx",
            "0" * 64,
            "2021-07-02T09:00:00",
            "db",
            3,
        )
    return work_db


async def test_r_shows_every_assignment_and_who_has_not_reported(make_app, assigned):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RollupScreen)
        table = screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [r[:4] for r in rows] == [
            [PLAN, "区发展改革委", "牵头", "已完成"],
            [PLAN, "区财政局", "责任", "未报送"],
            [PLAN, "解放碑街道", "责任", "未报送"],
            [LAWS, "区发展改革委", "牵头", "推进中"],
        ]
        assert str(screen.query_one("#rollup-detail", Static).render()) == "未报送的单位:区财政局、解放碑街道"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RollupScreen)


async def test_nothing_assigned_says_how_to_begin(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "还没有分解任何条目" in str(app.screen.query_one("#rollup-detail", Static).render())


def test_rollup_screen(snap_compare, make_app, assigned):
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=press_then_still("R"))


async def test_what_a_sub_unit_wrote_is_shown_as_written_never_as_markup(make_app, work_db):
    with Store(work_db) as store:
        store.assign(U, [PLAN], ["[b]区财政局"], "责任")
        store.save_sub_reports(
            U,
            "[b]区财政局",
            [
                {
                    "item_id": PLAN,
                    "step": 0,
                    "status": "推进中",
                    "done_date": None,
                    "narrative": "[red]已起草[/red] \\\\[x]",
                    "evidence": [],
                }
            ],
            "x.xlsx",
            "0" * 64,
            "2021-07-02T09:00:00",
            "db",
            1,
        )
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        shown = [str(c) for c in table.get_row_at(0)]
        assert shown[1] == "[b]区财政局" and shown[4] == "[red]已起草[/red] \\\\[x]"
        rendered = table.render_line(1).text  # the first data row as drawn
        assert "[b]区财政局" in rendered and "[red]已起草[/red]" in rendered
