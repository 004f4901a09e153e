"""分解汇总 (R, issue #25 items 4 and 5): each assignment with its sub-unit's report or 未报送
and the sub-unit's score, read in a worker; the same lines `gongkai-tui rollup` prints. `c`
writes the 催办通知, `t` the 情况通报 (into the folder the export dialog asks for). A snapshot
at a fixed size, the as-of date pinned (2021-08-01)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docx import Document
from openpyxl import load_workbook
from textual.widgets import DataTable, Input, RadioSet, Static

from tests.conftest import ROLLUP_LAWS as LAWS
from tests.conftest import ROLLUP_PLAN as PLAN
from tests.conftest import ROLLUP_UNIT as U
from tests.conftest import save_report
from tui.app.export_dialog import ExportDialog, ExportedDialog
from tui.app.rollup_screen import RollupScreen
from tui.issued.supervision import SCORE_RULE
from tui.store import Store

from .test_snapshots import press_wait_then_still


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
        assert [r[:4] + r[6:] for r in rows] == [
            [PLAN, "区发展改革委", "牵头", "已完成", "90"],  # LAWS overdue on 2021-08-01
            [PLAN, "区财政局", "责任", "未报送", "90"],
            [PLAN, "解放碑街道", "责任", "未报送", "90"],
            [LAWS, "区发展改革委", "牵头", "推进中", "90"],
        ]
        detail = str(screen.query_one("#rollup-detail", Static).render()).splitlines()
        assert detail[:4] == [
            "未报送的单位:区财政局、解放碑街道",
            "需催办(c 写催办通知):区财政局(未报送 1 项)、解放碑街道(未报送 1 项)、区发展改革委(已逾期 1 项)",
            "考评(截至 2021-08-01):区发展改革委 90 分、区财政局 90 分、解放碑街道 90 分",
            f"评分规则:{SCORE_RULE}",
        ]
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
        await pilot.press("c", "t")
        await pilot.pause()
        assert isinstance(app.screen, RollupScreen)  # nothing to write from: said, no dialog
        assert sum("没有可催办或通报的内容" in str(n.message) for n in app._notifications) == 2


def test_rollup_screen(snap_compare, make_app, assigned):
    # the lines come from a worker: on a loaded machine it outlasts a bare key press and the
    # screen would be caught before its table (or with the loading indicator)
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=press_wait_then_still("R"))


async def test_what_a_sub_unit_wrote_is_shown_as_written_never_as_markup(make_app, work_db):
    with Store(work_db) as store:
        store.assign(U, [PLAN], ["[b]区财政局"], "责任")
        save_report(
            store,
            "[b]区财政局",
            [{"item_id": PLAN, "status": "推进中", "narrative": "[red]已起草[/red] \\\\[x] :smile:"}],
        )
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        shown = [str(c) for c in table.get_row_at(0)]
        assert shown[1] == "[b]区财政局" and shown[4] == "[red]已起草[/red] \\\\[x] :smile:"
        rendered = table.render_line(1).text  # the first data row as drawn
        assert "[b]区财政局" in rendered and "[red]已起草[/red]" in rendered and ":smile:" in rendered


async def _open_rollup(app, pilot) -> None:
    await pilot.press("R")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _export_into(app, pilot, folder) -> str:
    """Answer the export dialog with `folder`; the path the written dialog shows."""
    assert isinstance(app.screen, ExportDialog)
    app.screen.query_one(Input).value = str(folder)
    await pilot.press("enter")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, ExportedDialog)
    path = app.screen.path
    await pilot.press("escape")
    await pilot.pause()
    return path


async def test_c_writes_the_chase_notice_and_t_the_bulletin_as_either_file(make_app, assigned, tmp_path):
    app = make_app()
    folder = tmp_path / "通知"
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_rollup(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        chase = await _export_into(app, pilot, folder)
        assert chase == str(folder / "渝中区-催办通知-20210801.docx")
        word = Document(chase)
        assert "区财政局、解放碑街道、区发展改革委:" in [p.text for p in word.paragraphs]
        assert [r.cells[3].text for r in word.tables[0].rows[1:]] == ["未报送", "未报送", "已逾期"]

        await pilot.press("t")
        await pilot.pause()
        bulletin = await _export_into(app, pilot, folder)
        assert bulletin.endswith("渝中区-情况通报-20210801.docx")
        assert Document(bulletin).tables[0].rows[1].cells[-1].text == "90"

        await pilot.press("t")
        await pilot.pause()
        assert [b.name for b in app.screen.query_one(RadioSet).query("RadioButton")] == ["通报文档", "通报表格"]
        await pilot.press("shift+tab", "down", "enter")  # to the list: 通报表格
        await pilot.pause()
        assert app.screen.chosen_layout == "通报表格"
        await pilot.press("tab")  # back to the folder
        sheet = await _export_into(app, pilot, folder)
        assert sheet.endswith("渝中区-情况通报-20210801.xlsx")
        assert load_workbook(sheet)["情况通报"]["J4"].value == 90
        assert isinstance(app.screen, RollupScreen)


async def test_c_with_nothing_to_chase_says_so_and_asks_for_no_folder(make_app, work_db):
    with Store(work_db) as store:
        store.assign(U, [PLAN], ["区财政局"], "责任")
        save_report(store, "区财政局", [{"item_id": PLAN, "status": "已完成", "done_date": "2021-07-01"}])
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_rollup(app, pilot)
        await pilot.press("c")  # said at once: no folder asked for, nothing written
        await pilot.pause()
        assert isinstance(app.screen, RollupScreen)
        assert any("没有需要催办的事项" in str(n.message) for n in app._notifications)
        await pilot.press("t")  # the 通报 is there all the same
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)


@pytest.mark.parametrize("narrative", ["已完成:smile:", "见[附件]", "已公开 https://x.gov.cn", "已公开全文"])
def test_a_narrative_cell_is_drawn_as_written(narrative):
    from textual.widgets._data_table import default_cell_formatter

    from tui.app.rollup_screen import cells

    line = {"item": "1.1.1-1", "step": None, "sub_unit": "区财政局", "role": "责任", "reported": True}
    cell = cells({**line, "status": "推进中", "narrative": narrative, "evidence": []})[4]
    assert default_cell_formatter(cell).plain == narrative


async def test_i_issues_the_units_own_breakdown_which_the_next_level_loads(make_app, assigned, tmp_path):
    from tui.source import read_document

    app = make_app()
    folder = tmp_path / "印发"
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_rollup(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        assert [b.name for b in app.screen.query_one(RadioSet).query("RadioButton")] == ["分工通知", "分工表格"]
        word = await _export_into(app, pilot, folder)
        assert word == str(folder / "渝中区-2021年政务公开工作任务分工.docx")
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("shift+tab", "down", "enter", "tab")  # 分工表格
        await pilot.pause()
        sheet = await _export_into(app, pilot, folder)
        assert sheet == str(folder / "渝中区-2021年政务公开工作任务分工.xlsx")
    for path in (word, sheet):  # what the sub-units load: PLAN and LAWS led by 区发展改革委, as assigned
        rows = read_document(Path(path).read_bytes(), Path(path).name).rows
        assert [r.lead_units for r in rows] == [["区发展改革委"], ["区发展改革委"]], path
        assert sorted({u for r in rows for u in r.responsible_units}) == ["区财政局", "解放碑街道"], path


async def test_f_fills_the_units_narrative_from_the_reports_and_asks_before_done(make_app, assigned, work_db):
    from tui.app.dialogs import ConfirmDialog

    with Store(work_db) as store:  # every sub-unit of PLAN has now reported it done
        for sub in ("区财政局", "解放碑街道"):
            save_report(store, sub, [{"item_id": PLAN, "status": "已完成", "done_date": "2021-07-20"}])
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_rollup(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # PLAN: everyone done, asked
        with Store(work_db, readonly=True) as store:
            plan = store.entry(U, PLAN)
            assert "已在区政府网站公开规划全文及图解" in (plan.narrative or "") and plan.status == "未开始"
        await pilot.press("y")
        await pilot.pause()
        with Store(work_db, readonly=True) as store:
            assert store.entry(U, PLAN).status == "已完成"
        await pilot.press("escape")  # back to the checklist: one z takes the status back, one more the narrative
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        with Store(work_db, readonly=True) as store:
            plan = store.entry(U, PLAN)
            assert plan.status == "未开始" and "已在区政府网站" in (plan.narrative or "")
        await pilot.press("z")
        await pilot.pause()
    with Store(work_db, readonly=True) as store:
        assert not (store.entry(U, PLAN).narrative or "")


async def test_a_slow_read_shows_the_loading_animation_and_a_quick_one_never(make_app, assigned, monkeypatch):
    import asyncio
    import time

    from textual.widgets import LoadingIndicator

    from tui.app import rollup_screen

    read = rollup_screen.read_rollup
    delay = [0.0]

    def slow(*args):
        time.sleep(delay[0])
        return read(*args)

    monkeypatch.setattr(rollup_screen, "read_rollup", slow)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_rollup(app, pilot)  # quick: never shown (its animation slowed the read down)
        loading = app.screen.query_one(LoadingIndicator)
        await asyncio.sleep(rollup_screen.LOADING_AFTER + 0.2)
        assert not loading.display
        await pilot.press("escape")
        delay[0] = rollup_screen.LOADING_AFTER + 1.0
        await pilot.press("R")
        await asyncio.sleep(rollup_screen.LOADING_AFTER + 0.3)
        assert app.screen.query_one(LoadingIndicator).display
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one(LoadingIndicator).display and app.screen.query_one(DataTable).row_count
