"""导入下级报送 from the roll-up (m, issue #25 item 4): a folder of returned 任务清单 imported one
file at a time in a worker, each file said (imported, or refused naming why), a bad file
writing nothing while the good ones are imported, and the roll-up read again."""

from __future__ import annotations

import json

from textual.widgets import DataTable, Static

from tests.cli_helpers import invoke, ok
from tests.conftest import ROLLUP_LAWS as LAWS
from tests.conftest import ROLLUP_PLAN as PLAN
from tests.conftest import ROLLUP_UNIT as U
from tui.app.dialogs import TextPrompt, TextScreen
from tui.app.rollup_screen import RollupScreen
from tui.store import Store

from .type_keys import type_text

FGW = "区发展改革委"


def _returned_checklist(work_db, tmp_path, folder):
    """渝中区 assigns PLAN and LAWS to 区发展改革委 and PLAN to 区财政局, issues its 任务分工; the
    department loads it in its own database, reports PLAN done and exports its 任务清单 into
    `folder`."""
    with Store(work_db) as store:
        store.assign(U, [PLAN, LAWS], [FGW], "牵头")
        store.assign(U, [PLAN], ["区财政局"], "责任")
    issued = tmp_path / "分工.docx"
    ok(invoke("issue", "-u", U, "--db", work_db, "-o", issued))
    sub = tmp_path / "fgw.sqlite"
    ok(invoke("load", "--yes", issued, "--db", sub))
    mine = [e["id"] for e in json.loads(ok(invoke("list", "-u", FGW, "--json", "--db", sub)).stdout)]
    ok(invoke("done", mine[0], "-u", FGW, "--db", sub, "--narrative", "规划全文已在区政府网站公开"))
    folder.mkdir()
    ok(invoke("export", "-u", FGW, "--db", sub, "-o", folder / "区发展改革委-任务清单.xlsx"))


def _rollup(work_db) -> list[tuple]:
    with Store(work_db, readonly=True) as store:
        return [(x["item"], x["sub_unit"], x["reported"], x.get("status")) for x in store.rollup(U)]


async def test_m_imports_a_folder_file_by_file_and_shows_the_rollup_again(make_app, work_db, tmp_path):
    folder = tmp_path / "收到的报送"
    _returned_checklist(work_db, tmp_path, folder)
    (folder / "区财政局-任务清单.xlsx").write_bytes(b"this is no workbook")  # refused, nothing written
    (folder / "~$区发展改革委-任务清单.xlsx").write_bytes(b"lock")  # Excel's lock file: not a file to import
    (folder / "说明.txt").write_text("不是工作簿", encoding="utf-8")
    assert _rollup(work_db) == [(PLAN, FGW, False, None), (PLAN, "区财政局", False, None), (LAWS, FGW, False, None)]

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, str(tmp_path / "没有这个文件夹"))
        await pilot.press("enter")
        await pilot.pause()
        assert "找不到这个文件或文件夹" in str(app.screen.query_one("#prompt-error", Static).render())
        await pilot.press("ctrl+u")
        await type_text(pilot, f"'{folder}'")  # as a file manager pastes it, quoted
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        said = str(app.screen.query_one("VerticalScroll Static", Static).render())
        assert "共 2 个文件:导入 1 个,未导入 1 个" in said
        assert f"✓ 区发展改革委-任务清单.xlsx\n  收到 {FGW} 对 {U} 分解的 2 项的报送:新写入 2 项" in said
        assert "✗ 区财政局-任务清单.xlsx\n  区财政局-任务清单.xlsx" in said  # the reader's own words, naming the file
        assert "~$" not in said and "说明.txt" not in said
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RollupScreen)
        table = app.screen.query_one(DataTable)
        assert [str(table.get_row_at(i)[3]) for i in range(table.row_count)] == ["已完成", "未报送", "未开始"]
    assert _rollup(work_db) == [
        (PLAN, FGW, True, "已完成"),
        (PLAN, "区财政局", False, None),
        (LAWS, FGW, True, "未开始"),
    ]


async def test_the_units_own_checklist_is_refused_as_no_report_and_nothing_changes(make_app, work_db, tmp_path):
    """A workbook 渝中区 exported itself is not a sub-unit's report: said, nothing written, the
    roll-up as it was."""
    with Store(work_db) as store:
        store.assign(U, [PLAN], [FGW], "牵头")
    own = tmp_path / "渝中区.xlsx"
    ok(invoke("export", "-u", U, "--db", work_db, "-o", own))
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        await app.workers.wait_for_complete()
        rollup = app.screen
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, str(own))
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = str(app.screen.query_one("VerticalScroll Static", Static).render())
        assert "导入 0 个,未导入 1 个" in said and "是「渝中区」自己的任务清单,不是下级单位" in said
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is rollup  # nothing imported: the same roll-up
    assert _rollup(work_db) == [(PLAN, FGW, False, None)]
