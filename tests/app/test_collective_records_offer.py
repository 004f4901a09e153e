"""The app offers a collective's older records (written under 各区县政府 itself by older
versions) to the member once the member is known, and moves them when asked; and opens
what the CLI wrote for the collective under the member (issue 21, item 1)."""

from __future__ import annotations

import datetime as dt

from tui import settings
from tui.app.checklist_view import ChecklistView
from tui.app.dialogs import ConfirmDialog
from tui.app.unit_picker import UnitPicker
from tui.store import Store
from tui.store.collective_records import find_leftovers

from tests.cli_helpers import invoke, ok

from .type_keys import type_text

SIZE = (120, 36)
A, B = "1.1.3-1", "1.1.3-2"


def legacy(work_db) -> None:
    with Store(work_db) as store:
        store.mark_done("各区县政府", A, ["https://www.cqyz.gov.cn/a"], note="统称的备注", today=dt.date(2021, 6, 1))
        store.set_status("各区县政府", [B], "推进中")
        store.set_fields("渝中区", A, {"note": "渝中区的备注"})


def statuses(work_db, unit: str) -> dict:
    with Store(work_db, readonly=True) as store:
        return {e.id: (e.status, e.note, e.evidence_count) for e in store.checklist(unit) if e.id in (A, B)}


def dialog_text(app) -> str:
    dialog = app.screen
    assert isinstance(dialog, ConfirmDialog)
    return dialog.title_text + "\n" + dialog.body.plain


async def test_remembered_member_is_offered_the_collectives_records_and_they_move(make_app, work_db):
    legacy(work_db)
    settings.set_member("各区县政府", "渝中区")
    app = make_app("各区县政府")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert dialog_text(app) == (
            "「各区县政府」名下的早先记录\n"
            "早先的版本把 2 个条目的进度(佐证 1 条)记在统称「各区县政府」名下,「渝中区」的清单、导出和牵头单位的检查都看不到它们。\n"
            "移到「渝中区」名下吗?一步写入,可撤销。\n\n"
            "冲突 1 处:「渝中区」自己另有不同的值,保留不动,统称的值留在原处(gongkai-tui collective-records 各区县政府 查看):\n"
            f"  {A} 备注:各区县政府 统称的备注 / 渝中区 渝中区的备注"
        )
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        shown = {e.id: e.status for e in app.screen.query_one(ChecklistView).entries if e.id in (A, B)}
        assert shown == {A: "已完成", B: "推进中"}  # on screen at once
    moved = {
        "渝中区": {A: ("已完成", "渝中区的备注", 1), B: ("推进中", None, 0)},
        "各区县政府": {A: ("未开始", "统称的备注", 0), B: ("未开始", None, 0)},
    }  # the conflict, kept
    assert {u: statuses(work_db, u) for u in moved} == moved
    with Store(work_db, readonly=True) as store:
        [left] = find_leftovers(store.conn)
    assert left.fields == {A: {"note": "统称的备注"}} and left.evidence == {}

    again = make_app("各区县政府")  # nothing left to move: no question
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(again.screen, ConfirmDialog)


async def test_a_move_in_the_app_is_one_undo_step_for_both_units(make_app, work_db):
    legacy(work_db)
    before = {u: statuses(work_db, u) for u in ("渝中区", "各区县政府")}
    settings.set_member("各区县政府", "渝中区")
    app = make_app("各区县政府")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        moved = {u: statuses(work_db, u) for u in before}
        assert moved != before
        await pilot.press("z")
        await pilot.pause()
        assert {u: statuses(work_db, u) for u in before} == before
        assert app.session.by_id[B].status == "未开始"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert {u: statuses(work_db, u) for u in before} == moved
        assert app.session.by_id[B].status == "推进中"
        ok(invoke("status", B, "已完成", "--unit", "渝中区", "--db", work_db))  # another window, since
        await pilot.press("z")
        await pilot.pause()
    assert statuses(work_db, "渝中区")[B] == ("已完成", None, 0)  # refused: not overwritten


async def test_export_as_a_collective_asks_the_member_first(make_app, work_db):
    app = make_app("各区县政府")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, UnitPicker)
        await type_text(pilot, "渝中区")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.unit == "渝中区"
        assert type(app.screen).__name__ == "ExportDialog"


async def test_chosen_member_is_offered_after_the_first_write_and_may_decline(make_app, work_db):
    legacy(work_db)
    app = make_app("各区县政府")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)  # no member known yet: nothing offered
        view = app.screen.query_one(ChecklistView)
        view.cursor = next(i for i, e in enumerate(view.entries) if e.id not in (A, B))
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, UnitPicker)
        await type_text(pilot, "渝中区")
        await pilot.press("enter")
        await pilot.pause()
        assert "移到「渝中区」名下吗?" in dialog_text(app)
        await pilot.press("n")
        await pilot.pause()
    assert statuses(work_db, "渝中区") == {A: ("未开始", "渝中区的备注", 0), B: ("未开始", None, 0)}
    assert statuses(work_db, "各区县政府")[B] == ("推进中", None, 0)  # declined: left where it was


async def test_the_app_opens_what_the_cli_wrote_for_the_collective(make_app, work_db):
    settings.set_member("各区县政府", "渝中区")
    ok(invoke("status", A, "推进中", "--unit", "各区县政府", "--db", work_db))
    app = make_app("各区县政府")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session.unit == "渝中区"
        assert app.session.by_id[A].status == "推进中"


async def test_the_evidence_screen_of_a_collective_changes_nothing_before_the_member_is_known(make_app, work_db):
    from tui.app.evidence_screen import EvidenceScreen

    legacy(work_db)
    app = make_app("各区县政府")
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        app.session.filter = "全部"
        app.screen.apply_filters()
        view.cursor = [e.id for e in view.entries].index(A)
        await pilot.press("i")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EvidenceScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
    assert statuses(work_db, "各区县政府")[A][2] == 1  # the older record is still there, for its member
