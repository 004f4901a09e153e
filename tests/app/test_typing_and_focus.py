"""Nothing typed is lost (multi-line editor, pasted evidence lines, status chosen directly,
asking before a reason or completion date is discarded) and only what has focus acts
(outline, hidden marks, cursor after a filter or unit change, Tab), asserted on the database."""

from __future__ import annotations

from textual import events
from textual.widgets import Tree

from tui.app.checklist_view import ChecklistView
from tui.app.dialogs import ConfirmDialog
from tui.app.outline import Outline
from tui.app.status_menu import StatusMenu
from tui.app.text_editor import TextEditor
from tui.app.unit_picker import UnitPicker
from tui.store import Store

from .type_keys import type_text

SIZE = (120, 36)
URLS = ["https://www.cqyz.gov.cn/zwgk/a/", "https://www.cqyz.gov.cn/zwgk/b/", "https://www.cqyz.gov.cn/zwgk/c/"]


def entries(work_db, unit="渝中区"):
    with Store(work_db, readonly=True) as store:
        return {e.id: e for e in store.checklist(unit)}


def evidence(work_db, item, unit="渝中区"):
    with Store(work_db, readonly=True) as store:
        return [r["value"] for r in store.evidence(unit, item)]


async def paste(pilot, text: str) -> None:
    pilot.app.post_message(events.Paste(text))  # as a terminal delivers it
    await pilot.pause()


async def test_a_pasted_three_line_note_keeps_every_line(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("n")
        assert isinstance(app.screen, TextEditor)
        await paste(pilot, "第一行\n第二行\n第三行")
        await pilot.press("enter")  # Enter starts a line, Ctrl+S saves
        await type_text(pilot, "第四行")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, TextEditor)
    assert entries(work_db)[item].note == "第一行\n第二行\n第三行\n第四行"


async def test_escape_in_the_editor_asks_before_dropping_text(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("n")
        await type_text(pilot, "写了一半")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep editing: the text is still there
        await pilot.pause()
        assert isinstance(app.screen, TextEditor) and app.screen.text == "写了一半"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert entries(work_db)[item].note == "写了一半"


async def test_a_multi_line_reason_and_requirement(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("x")
        await paste(pilot, "本区无此规划\n经区政府办确认")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("w")
        await paste(pilot, "6月底前公开\n12月底前复核")
        await pilot.press("ctrl+s")
        await pilot.pause()
    e = entries(work_db)[item]
    assert (e.status, e.reason, e.requirement) == (
        "不适用",
        "本区无此规划\n经区政府办确认",
        "6月底前公开\n12月底前复核",
    )


async def test_pasted_lines_in_office_and_person_are_all_kept(make_app, work_db):
    """责任科室 and 责任人 are one-line boxes: a paste of several lines (offices copied
    from a table column) keeps every line, joined by 、, where the box used to keep the first."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("w", "tab")  # 工作要求 → 责任科室
        await paste(pilot, "办公室\n政务公开科\n")
        await pilot.press("tab")
        await type_text(pilot, "张三")
        await paste(pilot, "\n李四\n王五")
        await pilot.press("ctrl+s")
        await pilot.pause()
    e = entries(work_db)[item]
    assert (e.office, e.person) == ("办公室、政务公开科", "张三李四、王五")


async def test_three_pasted_urls_are_three_entries_and_one_undo_step(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("e")
        await paste(pilot, "\n".join(URLS) + "\n")
        await pilot.press("enter")
        await pilot.pause()
        assert evidence(work_db, item) == URLS
        await pilot.press("z")
        await pilot.pause()
        assert evidence(work_db, item) == []
        await pilot.press("ctrl+y")
        await pilot.pause()
    assert evidence(work_db, item) == URLS


async def test_done_with_pasted_urls(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("d")
        await paste(pilot, "\n".join(URLS[:2]))
        await pilot.press("enter")
        await pilot.pause()
    assert entries(work_db)[item].status == "已完成"
    assert evidence(work_db, item) == URLS[:2]


async def test_keys_1_to_4_and_the_status_menu_set_the_status_directly(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("3")
        await pilot.pause()
        assert entries(work_db)[item].status == "已完成"
        await pilot.press("2")  # would clear the completion date: asked first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert entries(work_db)[item].status == "推进中"
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StatusMenu)
        await pilot.press("down", "down", "enter")  # from 推进中 (highlighted) to 不适用
        await pilot.pause()
        assert isinstance(app.screen, TextEditor)  # 不适用 asks for its reason
        await type_text(pilot, "不涉及")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (entries(work_db)[item].status, entries(work_db)[item].reason) == ("不适用", "不涉及")
        await pilot.press("s", "1")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # the reason would go
        await pilot.press("y")
        await pilot.pause()
        assert entries(work_db)[item].status == "未开始"


async def test_space_on_a_not_applicable_item_asks_and_is_one_undo_step(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("x")
        await type_text(pilot, "本区无此规划")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "本区无此规划" in str(app.screen.body)
        await pilot.press("n")  # declined: nothing changes
        await pilot.pause()
        assert (entries(work_db)[item].status, entries(work_db)[item].reason) == ("不适用", "本区无此规划")
        await pilot.press("space", "y")
        await pilot.pause()
        assert (entries(work_db)[item].status, entries(work_db)[item].reason) == ("未开始", None)
        await pilot.press("z")
        await pilot.pause()
    assert (entries(work_db)[item].status, entries(work_db)[item].reason) == ("不适用", "本区无此规划")


async def test_keys_in_the_outline_change_nothing_and_enter_shows_the_list(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:  # below 150 columns: the outline covers the list
        before = entries(work_db)
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen.focused, Outline)
        await pilot.press("d", "x", "3", "v")
        await pilot.pause()
        assert entries(work_db) == before and not screen.query_one(ChecklistView).marked
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not screen.has_class("show-outline")
        assert screen.focused is screen.query_one(ChecklistView)
        assert screen.query_one(ChecklistView).region.height > 0


async def test_marks_hidden_by_a_search_are_not_counted_nor_changed(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        first, second = view.entries[0].id, view.entries[1].id
        await pilot.press("v", "v")
        await pilot.pause()
        assert "已选 2 条" in str(app.screen.query_one("#topbar").render())
        await pilot.press("slash")
        await type_text(pilot, first)
        await pilot.press("enter")
        await pilot.pause()
        assert [e.id for e in view.entries] == [first]
        bar = str(app.screen.query_one("#topbar").render())
        assert "已选 1 条" in bar and "已选 2 条" not in bar
        await pilot.press("space")
        await pilot.pause()
    db = entries(work_db)
    assert (db[first].status, db[second].status) == ("推进中", "未开始")


async def test_cursor_goes_to_the_first_line_after_a_filter_change(make_app):
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        await pilot.press(*"jjjjj")
        await pilot.pause()
        assert view.cursor == 5
        await pilot.press("f")  # 未完成: every line still shown, the cursor goes up
        await pilot.pause()
        assert view.cursor == 0 and len(view.entries) > 5


async def test_u_then_enter_stays_on_the_unit_and_a_switch_starts_at_the_top(make_app):
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        await pilot.press(*"jjj", "u")
        await pilot.pause()
        assert isinstance(app.screen, UnitPicker)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.unit == "渝中区"
        await pilot.press("u")
        await type_text(pilot, "fgw")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.unit == "市发展改革委" and view.cursor == 0


async def test_tab_and_shift_tab_move_between_list_and_detail(make_app):
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:  # wide: the outline beside the list
        screen = app.screen
        view = screen.query_one(ChecklistView)
        await pilot.pause()
        assert screen.focused is view
        await pilot.press("tab")
        assert screen.focused.id == "detail"
        await pilot.press("tab")
        assert isinstance(screen.focused, Tree)
        await pilot.press("tab")
        assert screen.focused is view
        await pilot.press("shift+tab")
        assert isinstance(screen.focused, Tree)
