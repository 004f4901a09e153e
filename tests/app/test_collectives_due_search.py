"""Collectives (the first write asks which member), 待确认 resolved with c, 近期到期 and
sorting by 时限, search over what the unit wrote and the pinyin initials of item text."""

from __future__ import annotations

import datetime as dt
import json

from tui import settings
from tui.app.checklist_view import ChecklistView
from tui.app.detail import DetailPane
from tui.app.dialogs import TextPrompt
from tui.app.topbar import TopBar
from tui.app.unit_picker import UnitPicker
from tui.store import Store

SIZE = (120, 36)
URL = "https://www.cqyz.gov.cn/zwgk/"


def entries(work_db, unit):
    with Store(work_db, readonly=True) as store:
        return {e.id: e for e in store.checklist(unit)}


def topbar(app) -> str:
    return " ".join(p.text.plain for p in app.screen.query_one(TopBar).parts)


def detail(app) -> str:
    return app.screen.query_one(DetailPane).text.plain


async def pick(pilot, app, name: str) -> None:
    assert isinstance(app.screen, UnitPicker)
    await pilot.press(*name, "enter")
    await pilot.pause()


# -- collectives ---------------------------------------------------------------
async def test_collective_first_write_asks_member_and_records_there(make_app, work_db, private_settings):
    app = make_app("各区县政府")
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        item = view.current.id
        assert "各区县政府" in topbar(app) and "渝中区" not in topbar(app)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, UnitPicker)  # asked before anything is written
        assert entries(work_db, "各区县政府")[item].status == "未开始"
        await pick(pilot, app, "渝中区")
        assert "各区县政府 · 渝中区" in topbar(app)
        assert view.current.id == item and view.current.status == "推进中"
    assert entries(work_db, "渝中区")[item].status == "推进中"  # the member's progress
    assert entries(work_db, "各区县政府")[item].status == "未开始"  # not the collective's
    assert settings.load().member_for("各区县政府") == "渝中区"
    with Store(work_db, readonly=True) as store:  # the lead's review counts it (1.1.3-1: 市发展改革委 leads)
        lead = store.resolve_unit(store.entry("渝中区", item).lead_units[0])
        units = {u.unit: u for r in store.review(lead) if item in r.item_ids for u in r.units}
        assert units["渝中区"].reported and units["渝中区"].counts.get("推进中") == 1

    again = make_app("各区县政府")  # restart: remembered, no question
    async with again.run_test(size=SIZE) as pilot:
        assert "各区县政府 · 渝中区" in topbar(again)
        view = again.screen.query_one(ChecklistView)
        await pilot.press("n", *"备注一", "enter")
        await pilot.pause()
        assert not isinstance(again.screen, UnitPicker)
        first = view.current.id
    assert entries(work_db, "渝中区")[first].note == "备注一"


async def test_collective_member_can_be_changed_with_m(make_app, work_db, private_settings):
    settings.set_member("各区县政府", "渝中区")
    app = make_app("各区县政府")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pick(pilot, app, "万州区")
        assert "各区县政府 · 万州区" in topbar(app)
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("space")
        await pilot.pause()
    assert entries(work_db, "万州区")[item].status == "推进中"
    assert entries(work_db, "渝中区")[item].status == "未开始"
    assert json.loads(private_settings.read_text(encoding="utf-8"))["members"]["各区县政府"] == "万州区"


async def test_collective_picker_cancelled_writes_nothing(make_app, work_db):
    app = make_app("各区县政府")
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "渝中区" not in topbar(app)
    assert entries(work_db, "各区县政府")[item].status == "未开始"
    assert entries(work_db, "渝中区")[item].status == "未开始"


async def test_plain_unit_is_never_asked(make_app, work_db):
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert not isinstance(app.screen, UnitPicker)


def test_export_from_a_member_names_it(work_db, tmp_path):
    from openpyxl import load_workbook

    from tui.workbook import service

    with Store(work_db, readonly=True) as store:
        path = service.export_checklist(store, "渝中区", dt.date(2021, 8, 1), out=tmp_path / "x.xlsx",
                                        shown_name="各区县政府 · 渝中区")
    wb = load_workbook(path, read_only=True)
    cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(max_row=6, values_only=True) for c in row if c]
    assert any("各区县政府 · 渝中区" in c for c in cells)
