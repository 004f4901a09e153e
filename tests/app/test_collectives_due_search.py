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

from .type_keys import type_text

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
    await type_text(pilot, name)
    await pilot.press("enter")
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
        assert topbar(app).startswith("渝中区(各区县政府) ")  # the unit written to, first
        assert view.current.id == item and view.current.status == "推进中"
        await pilot.press("z")  # the write after the question is one undo step
        await pilot.pause()
        assert entries(work_db, "渝中区")[item].status == "未开始"
        await pilot.press("ctrl+y")
        await pilot.pause()
    assert entries(work_db, "渝中区")[item].status == "推进中"  # the member's progress
    assert entries(work_db, "各区县政府")[item].status == "未开始"  # not the collective's
    assert settings.load().member_for("各区县政府") == "渝中区"
    with Store(work_db, readonly=True) as store:  # the lead's review counts it (1.1.3-1: 市发展改革委 leads)
        lead = store.resolve_unit(store.entry("渝中区", item).lead_units[0])
        units = {u.unit: u for r in store.review(lead) if item in r.item_ids for u in r.units}
        assert units["渝中区"].reported and units["渝中区"].counts.get("推进中") == 1

    again = make_app("各区县政府")  # restart: remembered, no question
    async with again.run_test(size=SIZE) as pilot:
        assert topbar(again).startswith("渝中区(各区县政府) ")
        view = again.screen.query_one(ChecklistView)
        await pilot.press("n")
        await type_text(pilot, "备注一")
        await pilot.press("ctrl+s")
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
        assert topbar(app).startswith("万州区(各区县政府) ")
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
        path = service.export_checklist(
            store, "渝中区", dt.date(2021, 8, 1), out=tmp_path / "x.xlsx", shown_name="各区县政府 · 渝中区"
        )
    wb = load_workbook(path, read_only=True)
    cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(max_row=6, values_only=True) for c in row if c]
    assert any("各区县政府 · 渝中区" in c for c in cells)  # the title and 填报单位 name the member
    rows = [[str(c) for c in row if c is not None] for ws in wb.worksheets for row in ws.iter_rows(values_only=True)]
    assert ["单位(系统名称)", "渝中区"] in rows  # an import brings it back under 渝中区
    named = service.default_export_path("各区县政府 · 渝中区", 2021, dt.date(2021, 8, 1))  # no spaces or ·
    assert named.name == "各区县政府-渝中区-2021年政务公开任务清单-20210801.xlsx"


# -- 待确认 ------------------------------------------------------------------------
def first_to_confirm(work_db, unit="市教委"):
    return next(e for e in entries(work_db, unit).values() if e.to_confirm)


async def test_to_confirm_detail_says_why_and_c_confirms(make_app, work_db):
    target = first_to_confirm(work_db)
    app = make_app("市教委")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "f", "f", "f", "f", "f")  # 待确认
        assert app.screen.session.filter == "待确认"
        view = app.screen.query_one(ChecklistView)
        shown = [e.id for e in view.entries]
        assert target.id == view.current.id and all(e.to_confirm for e in view.entries)
        text = detail(app)
        assert "市政府有关部门" in text and "按 c 确认适用" in text and "按 x 设为不适用" in text
        await pilot.press("c")
        await pilot.pause()
        assert target.id not in [e.id for e in view.entries]  # resolved: out of the 待确认 filter
        assert len(view.entries) == len(shown) - 1
    e = entries(work_db, "市教委")[target.id]
    assert e.confirmed and not e.to_confirm and e.status == "未开始"
    with Store(work_db, readonly=True) as store:
        assert [h["field"] for h in store.history("市教委", target.id)] == ["confirmed"]


async def test_confirm_is_undoable_and_x_resolves_too(make_app, work_db):
    target = first_to_confirm(work_db)
    app = make_app("市教委")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.checklist.cursor = [e.id for e in app.screen.checklist.entries].index(target.id)
        await pilot.press("c")
        await pilot.pause()
        assert entries(work_db, "市教委")[target.id].confirmed
        assert "已确认适用" in detail(app)
        await pilot.press("z")
        await pilot.pause()
        assert entries(work_db, "市教委")[target.id].to_confirm
        await pilot.press("x")
        await type_text(pilot, "本委无此职责")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt) is False
    e = entries(work_db, "市教委")[target.id]
    assert e.status == "不适用" and e.reason == "本委无此职责" and not e.to_confirm


async def test_c_on_a_direct_item_changes_nothing(make_app, work_db):
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.checklist.current.id
        await pilot.press("c")
        await pilot.pause()
    with Store(work_db, readonly=True) as store:
        assert store.history("渝中区", item) == []


# -- 近期到期 and 时限 --------------------------------------------------------------
async def test_due_soon_filter_and_sort_by_deadline(make_app, work_db):
    as_of = dt.date(2021, 8, 1)
    app = make_app("渝中区", as_of)
    async with app.run_test(size=SIZE) as pilot:
        s = app.screen.session
        while s.filter != "近期到期":
            await pilot.press("f")
        view = app.screen.query_one(ChecklistView)
        assert view.entries and "筛选:近期到期" in topbar(app)
        for e in view.entries:
            assert e.deadline_date and (e.deadline_date - as_of).days <= 30 and e.status not in ("已完成", "不适用")
        wanted = {
            e.id
            for e in entries(work_db, "渝中区").values()
            if e.deadline_date and (e.deadline_date - as_of).days <= 30
        }
        assert {e.id for e in view.entries} == wanted
        await pilot.press("t")
        dates = [e.deadline_date for e in view.entries]
        assert dates == sorted(dates) and view.cursor == 0 and "按时限排序" in topbar(app)
        await pilot.press("d", "enter")  # done: no longer due
        await pilot.pause()
        first = dates[0]
        assert len(view.entries) == len(wanted) - 1
        s.filter = "全部"
        app.screen.apply_filters()
        every = [e for e in view.entries]
        keys = [(0, e.deadline_date) if e.deadline_date else ((1 if e.relative_deadline else 2), None) for e in every]
        assert [k[0] for k in keys] == sorted(k[0] for k in keys)
        assert first <= every[0].deadline_date


async def test_detail_counts_days_left(make_app, work_db):
    app = make_app("渝中区", dt.date(2021, 8, 1))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        e = app.screen.checklist.current
        days = (e.deadline_date - dt.date(2021, 8, 1)).days
        assert (f"逾期 {-days} 天" if days < 0 else f"还有 {days} 天" if days else "今天到期") in detail(app)


def test_due_days_from_settings(work_db):
    from tui.app.run import build_app

    settings.set_value("近期天数", "7")
    app = build_app(work_db, "渝中区", dt.date(2021, 8, 1))
    try:
        assert app.session.due_days == 7
    finally:
        app.session.store.close()


# -- search --------------------------------------------------------------------
async def search(pilot, app, text):
    await pilot.press("slash")
    await type_text(pilot, text)
    await pilot.press("enter")
    await pilot.pause()
    return app.screen.query_one(ChecklistView).entries


async def test_search_by_item_initials_not_through_the_unit_pinyin(make_app, work_db):
    app = make_app("各区县政府")
    async with app.run_test(size=SIZE) as pilot:
        total = len(app.screen.session.entries)
        named = [e for e in app.screen.session.entries if "各区县政府" in e.lead_units + e.responsible_units]
        found = await search(pilot, app, "gfxwj")
        assert found and all("规范性文件" in e.full_text for e in found)
        await pilot.press("escape")
        found = await search(pilot, app, "gf")
        assert 0 < len(found) < total  # not every line through 各区县政府's pinyin
        await pilot.press("escape")
        found = await search(pilot, app, "gqxzf")  # a unit's initials still find its rows
        assert found == named


async def test_search_over_person_office_and_evidence(make_app, work_db):
    with Store(work_db) as store:
        items = [e.id for e in store.checklist("渝中区")][:3]
        store.set_fields("渝中区", items[0], {"person": "王小明"})
        store.set_fields("渝中区", items[1], {"office": "政务公开科"})
        store.add_evidence("渝中区", items[2], URL + "qxtest9/", caption="政策文件栏目截图")
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        for word, item in (
            ("王小明", items[0]),
            ("政务公开科", items[1]),
            ("qxtest9", items[2]),
            ("栏目截图", items[2]),
        ):
            found = await search(pilot, app, word)
            assert [e.id for e in found] == [item], word
            await pilot.press("escape")
        here = app.screen.checklist.current.id
        await pilot.press("e")
        await type_text(pilot, URL + "new-page/")
        await pilot.press("enter")  # evidence added in the app is found at once
        await pilot.pause()
        found = await search(pilot, app, "new-page")
        assert [e.id for e in found] == [here]


async def test_search_after_warming_finds_what_is_written_later(make_app, work_db):
    """The search text built ahead of time (in idle moments) does not hide what is
    written afterwards: a note saved in the app is found by the next search."""
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        s = app.screen.session
        start, slices = 0, 0
        while start is not None:
            start = s.warm_search(start, count=40)
            slices += 1
        assert slices == -(-len(s.entries) // 40)
        assert set(s._search[0]) == {e.id for e in s.entries}  # every line's text is ready
        assert await search(pilot, app, "独一无二的备注") == []
        await pilot.press("escape")
        here = app.screen.checklist.current.id
        await pilot.press("n")
        await type_text(pilot, "独一无二的备注")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [e.id for e in await search(pilot, app, "独一无二的备注")] == [here]


async def test_the_list_follows_the_search_box_while_the_key_is_handled(make_app):
    """The box filters the list from its value's watcher, not from a message handled
    after the box is painted: the list is filtered before anything else runs."""
    from tui.app.search_box import SearchBox

    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        box = app.screen.query_one(SearchBox)
        box.value = "规范性文件"  # no await: nothing else has run yet
        view = app.screen.query_one(ChecklistView)
        assert app.screen.session.query == "规范性文件"
        assert view.entries and all(
            "规范性文件" in e.full_text or "规范性文件" in " ".join(e.disclosure_paths) for e in view.entries
        )
        await pilot.pause()
        assert app.screen.query_one(TopBar).render().plain.count(f"({len(view.entries)} 条)") == 1


async def test_keys_in_a_burst_are_searched_once_each_in_order(make_app):
    """Keys that arrive together (a paste into /, fast typing) filter once per key, in
    order: the box's change messages, handled later, carry older values and replay nothing."""
    from textual import events

    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        screen = app.screen
        seen = []
        real = screen.apply_filters

        def spy(*args, **kwargs):
            seen.append(screen.session.query)
            return real(*args, **kwargs)

        screen.apply_filters = spy
        for ch in "公开目录":
            app._driver.send_message(events.Key(ch, ch))
        await pilot.pause()
        await pilot.pause()
    assert seen == ["公", "公开", "公开目", "公开目录"]
    assert screen.session.query == "公开目录"


def test_roles_while_a_large_checklist_loads_are_all_offered(work_db):
    from tui.app.session import ROLE_FILTERS, Session

    with Store(work_db) as store:
        s = Session(store, "市教委", dt.date(2021, 8, 1))
        assert s.roles_here() == ("全部", "牵头", "责任")
        s.complete = False  # only the head is loaded: the rest may have any role
        assert s.roles_here() == ROLE_FILTERS


async def test_the_search_warm_up_follows_a_unit_switch(make_app):
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.8)  # the warm-up starts half a second after the first paint
        s = app.screen.session
        assert {e.id for e in s.entries} <= set(s._search[0])
        await pilot.press("u")
        await type_text(pilot, "市教委")
        await pilot.press("enter")
        await pilot.pause(0.8)
        assert s.unit == "市教委"
        missing = {e.id for e in s.entries} - set(s._search[0])
    assert not missing  # 市教委's own lines (not on 渝中区's list) were built too
