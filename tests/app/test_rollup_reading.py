"""How the roll-up screen (R) reads: the counts and the first rows for the first paint, every
other row after it in batches (issue #25's budget), and nothing kept between two `R`: a report
imported meanwhile, an assignment made and one undone all show the next time."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tests.conftest import ROLLUP_LAWS as LAWS
from tests.conftest import ROLLUP_PLAN as PLAN
from tests.conftest import ROLLUP_UNIT as U
from tests.conftest import save_report
from tui.app import rollup_screen
from tui.app.rollup_screen import RollupScreen
from tui.store import Store

from .test_rollup_screen import _open_rollup


async def _shown(app, pilot) -> tuple[list[list[str]], list[str]]:
    """R, every row read; the rows (item, sub-unit, role, state, score) and the detail's lines; Esc."""
    await _open_rollup(app, pilot)
    screen = app.screen
    assert isinstance(screen, RollupScreen)
    while screen.lines is None or screen.query_one(DataTable).row_count < len(screen.lines):
        await pilot.pause(0.05)  # the batches after the first rows
    table = screen.query_one(DataTable)
    rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
    detail = str(screen.query_one("#rollup-detail", Static).render()).splitlines()
    await pilot.press("escape")
    await pilot.pause()
    return [r[:4] + r[6:] for r in rows], detail


async def test_rows_after_the_first_ones_arrive_in_order(make_app, assigned, monkeypatch):
    monkeypatch.setattr(rollup_screen, "FIRST_ROWS", 1)
    monkeypatch.setattr(rollup_screen, "ROW_BATCH", 2)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        rows, detail = await _shown(app, pilot)
    assert rows == [
        [PLAN, "区发展改革委", "牵头", "已完成", "90"],
        [PLAN, "区财政局", "责任", "未报送", "90"],
        [PLAN, "解放碑街道", "责任", "未报送", "90"],
        [LAWS, "区发展改革委", "牵头", "推进中", "90"],
    ]
    assert detail[0] == "未报送的单位:区财政局、解放碑街道"


async def test_an_import_and_an_undo_show_at_the_next_r(make_app, assigned, work_db):
    from tui.app.assign_dialog import Assignment

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        before, _ = await _shown(app, pilot)
        assert [r[1:4] for r in before[1:3]] == [["区财政局", "责任", "未报送"], ["解放碑街道", "责任", "未报送"]]

        with Store(work_db) as store:  # 区财政局's workbook imported (by the CLI) while the app is open
            save_report(
                store,
                "区财政局",
                [{"item_id": PLAN, "status": "已完成", "done_date": "2021-07-20", "evidence": ["https://x.gov.cn/a"]}],
            )
        rows, detail = await _shown(app, pilot)
        assert rows[1] == [PLAN, "区财政局", "责任", "已完成", "100"]
        assert detail[0] == "未报送的单位:解放碑街道"

        app.session.assign([LAWS], Assignment("区财政局", "配合", "", "2021-12-31"))
        rows, detail = await _shown(app, pilot)
        assert [LAWS, "区财政局", "配合", "未报送", "90"] in rows and len(rows) == 5
        assert "区财政局(未报送 1 项)" in detail[1]

        await pilot.press("z")  # the assignment undone in the checklist
        await pilot.pause()
        rows, detail = await _shown(app, pilot)
        assert len(rows) == 4 and rows[1] == [PLAN, "区财政局", "责任", "已完成", "100"]
        assert detail[0] == "未报送的单位:解放碑街道"
    with Store(work_db, readonly=True) as store:
        assert len(store.rollup(U)) == 4
