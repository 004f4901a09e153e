"""Pilot tests for every key flow of the TUI, asserting on the database afterwards."""

from __future__ import annotations

import sqlite3

from tui.app.checklist_view import ChecklistView
from tui.app.dialogs import ConfirmDialog, TextPrompt, TextScreen, WorkDialog
from tui.app.text_editor import TextEditor
from tui.app.unit_picker import UnitPicker
from tui.store import Store

from .type_keys import fill_boxes, type_text

SIZE = (120, 36)
URL = "https://www.cqyz.gov.cn/zwgk/gfxwj/"


def entries(work_db, unit="渝中区"):
    with Store(work_db, readonly=True) as store:
        return {e.id: e for e in store.checklist(unit)}


def evidence_values(work_db, unit, item):
    with Store(work_db, readonly=True) as store:
        return [r["value"] for r in store.evidence(unit, item)]


async def test_search_done_with_evidence(make_app, work_db):
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "规范性文件")
        await pilot.press("enter")
        view = app.screen.query_one(ChecklistView)
        assert view.has_focus
        first = view.current.id
        assert "规范性文件" in view.current.full_text
        assert all("规范性文件" in e.full_text or "规范性文件" in " ".join(e.disclosure_paths) for e in view.entries)
        await pilot.press("d")
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, URL)
        await pilot.press("enter")
        await pilot.pause()
    e = entries(work_db)[first]
    assert e.status == "已完成" and not e.missing_evidence
    assert evidence_values(work_db, "渝中区", first) == [URL]


async def test_done_without_evidence_is_flagged(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("d", "enter")
        await pilot.pause()
        assert "缺佐证 1" in str(app.screen.query_one("#topbar").render())
    e = entries(work_db)[item]
    assert e.status == "已完成" and e.missing_evidence


async def test_invalid_evidence_is_refused_with_reason(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("d")
        await type_text(pilot, "javascript:alert(1)")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        assert "http" in str(app.screen.query_one("#prompt-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TextPrompt)
    assert entries(work_db)[item].status == "未开始"


async def test_not_applicable_needs_reason(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("x", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TextEditor)  # empty reason refused
        await type_text(pilot, "本区无此规划")
        await pilot.press("ctrl+s")
        await pilot.pause()
    e = entries(work_db)[item]
    assert (e.status, e.reason) == ("不适用", "本区无此规划")


async def test_space_cycles_status(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        seen = []
        for _ in range(3):
            await pilot.press("space")
            await pilot.pause()
            seen.append(entries(work_db)[item].status)
        # 已完成 → 未开始 would clear the completion date: asked first, nothing written yet
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        seen.append(entries(work_db)[item].status)
    assert seen == ["推进中", "已完成", "已完成", "未开始"]


async def test_bulk_change_is_one_undo_step(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        ids = [e.id for e in view.entries[:3]]
        await pilot.press("v", "v", "v", "space")
        await pilot.pause()
        assert [entries(work_db)[i].status for i in ids] == ["推进中"] * 3
        await pilot.press("z")
        await pilot.pause()
        assert [entries(work_db)[i].status for i in ids] == ["未开始"] * 3
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [entries(work_db)[i].status for i in ids] == ["推进中"] * 3
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [entries(work_db)[i].status for i in ids] == ["未开始"] * 3
    conn = sqlite3.connect(work_db)
    actions = conn.execute(
        "SELECT source, count(DISTINCT item_id) FROM history GROUP BY action_id ORDER BY action_id"
    ).fetchall()
    conn.close()
    assert [a[1] for a in actions] == [3, 3, 3, 3]
    assert actions[0][0] == "tui" and actions[1][0].startswith("undo:") and actions[2][0].startswith("redo:")


async def test_undo_and_redo_of_done_with_evidence(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("d")
        await type_text(pilot, URL)
        await pilot.press("enter", "z")
        await pilot.pause()
        assert entries(work_db)[item].status == "未开始"
        assert evidence_values(work_db, "渝中区", item) == []
        await pilot.press("ctrl+y")
        await pilot.pause()
    assert entries(work_db)[item].status == "已完成"
    assert evidence_values(work_db, "渝中区", item) == [URL]


async def test_search_by_pinyin_initials_of_a_unit(make_app):
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        total = len(app.screen.query_one(ChecklistView).entries)
        await pilot.press("slash")
        await type_text(pilot, "fgw")
        await pilot.pause()
        shown = app.screen.query_one(ChecklistView).entries
        assert 0 < len(shown) < total
        assert all("市发展改革委" in e.lead_units + e.responsible_units for e in shown)
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.screen.query_one(ChecklistView).entries) == total


async def test_search_by_item_id_and_note(make_app):
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "5.3.1-6")
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ChecklistView)
        assert [e.id for e in view.entries] == ["5.3.1-6"]
        await pilot.press("n")
        await type_text(pilot, "已报送区政府办")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("slash", "ctrl+u")
        await type_text(pilot, "区政府办")
        await pilot.press("enter")
        await pilot.pause()
        assert [e.id for e in view.entries] == ["5.3.1-6"]


async def test_unit_switch_by_initials(make_app):
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("u")
        assert isinstance(app.screen, UnitPicker)
        await type_text(pilot, "fgw")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.unit == "市发展改革委"
        assert "市发展改革委" in str(app.screen.query_one("#topbar").render())
        view = app.screen.query_one(ChecklistView)
        assert view.entries[0].id == "1.1.1-1"


async def test_filters(make_app, work_db):
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        all_ids = [e.id for e in view.entries]
        # one done with evidence, one done without, one not applicable
        await pilot.press("d")
        await type_text(pilot, URL)
        await pilot.press("enter", "down", "d", "enter", "down", "x", *"无", "ctrl+s")
        await pilot.pause()
        seen = {}
        for _ in range(7):
            seen[app.session.filter] = [e.id for e in view.entries]
            await pilot.press("f")
            await pilot.pause()
        assert app.session.filter == "全部"
    assert seen["全部"] == all_ids
    assert seen["已完成"] == all_ids[:2]
    assert seen["未完成"] == all_ids[3:]
    assert seen["缺佐证"] == [all_ids[1]]
    assert seen["逾期"] == [e.id for e in entries(work_db).values() if e.overdue(app.session.as_of)]
    assert len(seen["逾期"]) == 3
    as_of = app.session.as_of
    assert seen["近期到期"] == [
        e.id
        for e in entries(work_db).values()
        if e.deadline_date and e.status not in ("已完成", "不适用") and (e.deadline_date - as_of).days <= 30
    ]
    assert set(seen["逾期"]) <= set(seen["近期到期"])
    assert seen["待确认"] == []


async def test_role_filter_and_to_confirm_filter(make_app):
    app = make_app("市教委")
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        await pilot.press("r")
        await pilot.pause()
        assert view.entries and all("牵头" in e.roles for e in view.entries)
        await pilot.press("r")
        await pilot.pause()
        assert view.entries and all("责任" in e.roles for e in view.entries)
        await pilot.press("r", *"ffffff")
        await pilot.pause()
        assert app.session.filter == "待确认"
        assert view.entries and all(e.via == "to_confirm" for e in view.entries)


async def test_work_fields_and_note_are_saved(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("w")
        assert isinstance(app.screen, WorkDialog)
        await fill_boxes(pilot, "6月底前公开纲要", "办公室", "张三")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "=1+1")
        await pilot.press("ctrl+s")
        await pilot.pause()
    e = entries(work_db)[item]
    assert (e.requirement, e.office, e.person, e.note) == ("6月底前公开纲要", "办公室", "张三", "=1+1")


async def test_restart_shows_the_same_state(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await type_text(pilot, URL)
        await pilot.press("enter", "down", "space")
        await pilot.pause()
        before = [(e.id, e.status, e.evidence_count) for e in app.screen.query_one(ChecklistView).entries]
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        after = [(e.id, e.status, e.evidence_count) for e in again.screen.query_one(ChecklistView).entries]
    assert after == before
    assert before[0][1:] == ("已完成", 1) and before[1][1] == "推进中"


async def test_help_screen_lists_every_binding(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, TextScreen)
        text = str(app.screen.body)
        for word in (
            "切换状态",
            "完成",
            "不适用",
            "佐证",
            "备注",
            "工作要求",
            "搜索",
            "筛选",
            "角色",
            "单位",
            "多选",
            "撤销",
            "重做",
            "帮助",
            "退出",
        ):
            assert word in text
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, TextScreen)


async def test_every_binding_has_an_id_and_a_description(make_app):
    from tui.app.dialogs import ConfirmDialog
    from tui.app.document_picker import DocumentPicker
    from tui.app.main_screen import MainScreen

    for source in (MainScreen, ChecklistView, TextPrompt, WorkDialog, UnitPicker, DocumentPicker, ConfirmDialog):
        for b in source.BINDINGS:
            assert b.id and b.description, (source.__name__, b.key)


async def test_command_palette_speaks_chinese(make_app):
    app = make_app()
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
    assert "标记完成" in titles and "退出" in titles and "切换单位" in titles
    assert not any(t in titles for t in ("Quit", "Keys", "Theme", "Screenshot", "Maximize"))


async def test_narrow_terminal_keeps_detail_and_outline_reachable(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.pause()
        assert screen.has_class("narrow")
        detail = screen.query_one("#detail")
        assert detail.region.height > 0 and detail.region.width == 80
        hidden = screen.query("#outline")  # built when first shown
        assert not hidden or not hidden.first().display or hidden.first().region.width == 0
        await pilot.press("o")
        await pilot.pause()
        assert screen.query_one("#outline").region.width > 0
        await pilot.press("o")
        await pilot.pause()
        assert screen.query_one(ChecklistView).region.height > 0


async def test_enter_opens_the_full_detail(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, TextScreen)
        assert "公开路径" in str(app.screen.body)


async def test_export_key_writes_the_workbook_in_a_worker(make_app, tmp_path, monkeypatch):
    """E asks where (Documents/gongkai-tui by default), writes in a worker, and shows the
    full path in a message that stays until dismissed; the folder is remembered."""
    from tui import settings
    from tui.app.export_dialog import ExportedDialog, default_folder

    monkeypatch.chdir(tmp_path)
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert app.screen.query_one("#export-folder").value == str(default_folder())
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportedDialog)
        shown_path = app.screen.path
        await pilot.pause(0.2)
        assert isinstance(app.screen, ExportedDialog)  # no timeout: it stays
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportedDialog)
    written = list(default_folder().glob("渝中区-2021年政务公开任务清单-*.xlsx"))
    assert len(written) == 1
    assert str(written[0].resolve()) == shown_path
    assert not (tmp_path / "exports").exists()
    assert settings.load().get("export_folder") == str(default_folder())


async def test_lead_unit_review_screen(make_app, work_db, tmp_path, monkeypatch):
    from tui.app.review_screen import ReviewScreen

    with Store(work_db) as store:
        store.mark_done("渝中区", "1.3.3-1", ["https://www.cqyz.gov.cn/czyjs"])
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("tui.app.export_dialog.default_folder", lambda: tmp_path / "exports")
    app = make_app("市财政局")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one("DataTable")
        # 3.1.2: led by 市、区县政府部门网站(页)主办单位, of which 市财政局 is one (its list says 牵/责)
        assert [c.label.plain for c in table.columns.values()][1:6] == ["1.3.1", "1.3.2", "1.3.3", "3.1.2", "4.1.2"]
        row = table.get_row("渝中区")
        assert str(row[3]).startswith("推进中 1/3") and "佐证1" in str(row[3])
        assert str(table.get_row("江北区")[3]) == "未报送"
        await pilot.press("E")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")  # the message with the path
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
    assert len(list((tmp_path / "exports").glob("市财政局-2021年政务公开任务汇总表-*.xlsx"))) == 1


async def test_review_key_on_a_unit_that_leads_nothing(make_app):
    app = make_app("重庆行政学院")  # 渝中区 leads rows through collectives (牵/责 in its list)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "不是任何任务的牵头单位" in " ".join(n.message for n in app._notifications)


async def test_changes_from_another_process_show_on_the_next_key(make_app, work_db):
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        first, second = view.entries[0].id, view.entries[1].id
        with Store(work_db) as other:  # e.g. `gongkai-tui done` while the TUI is open
            other.mark_done("渝中区", second, ["https://www.cqyz.gov.cn/b"])
        assert app.session.by_id[second].status == "未开始"  # nothing polls the file
        await pilot.press("space")  # our own write on the first line, after the other one
        await pilot.pause()
        assert app.session.by_id[second].status == "已完成"
        assert app.session.by_id[first].status == "推进中"
        assert "已完成 1/" in str(app.screen.query_one("#topbar").render())
    conn = sqlite3.connect(work_db)
    statuses = dict(conn.execute("SELECT item_id, status FROM progress WHERE unit='渝中区'").fetchall())
    conn.close()
    assert statuses == {first: "推进中", second: "已完成"}


async def test_large_checklist_paints_the_head_first_and_keeps_writes_made_while_loading(big_db):
    import datetime as dt

    from tui.app.run import build_app
    from tui.app.session import FAST_START_ITEMS, HEAD_LINES

    db = big_db
    app = build_app(db, "渝中区", dt.date(2099, 6, 1))
    try:
        assert not app.session.complete
        assert HEAD_LINES <= len(app.session.entries) < FAST_START_ITEMS
        first = app.session.entries[0]
        async with app.run_test(size=SIZE) as pilot:
            assert "正在加载" in str(app.screen.query_one("#topbar").render()) or app.session.complete
            await pilot.press("x")
            await type_text(pilot, "不涉及")
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.session.complete
            assert len(app.session.entries) == FAST_START_ITEMS + 500
            assert app.session.by_id[first.id].status == "不适用"
            assert "正在加载" not in str(app.screen.query_one("#topbar").render())
    finally:
        app.session.store.close()
    assert entries(db)[first.id].reason == "不涉及"


async def test_write_made_before_the_rest_loads_survives_the_swap(big_db):
    import datetime as dt

    from tui.app.main_screen import MainScreen
    from tui.app.run import build_app

    db = big_db
    with Store(db, readonly=True) as reader:  # what a loading worker read before the write below
        stale_structure, stale_entries = reader.structure, reader.checklist("渝中区")
    app = build_app(db, "渝中区", dt.date(2099, 6, 1))
    try:
        assert app.session.store.partial
        first = app.session.entries[0].id
        app.session.set_status([first], "不适用", "不涉及")
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            screen = app.screen
            assert isinstance(screen, MainScreen)
            app.session.complete = False  # replay a worker result that predates the write
            app.session.written_while_loading = {first}
            screen.on_main_screen_loaded(MainScreen.Loaded("渝中区", stale_structure, stale_entries))
            await pilot.pause()
            assert app.session.complete and not app.session.store.partial
            assert len(app.session.entries) == len(stale_entries)
            assert app.session.by_id[first].status == "不适用"
    finally:
        app.session.store.close()


async def test_switching_to_a_large_unit_shows_its_first_lines_then_all(big_db):
    import datetime as dt

    from tui.app.run import build_app

    db = big_db
    with Store(db, readonly=True) as reader:
        expected = [(e.id, e.status) for e in reader.checklist("万州区")]
    app = build_app(db, "渝中区", dt.date(2099, 6, 1))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            installs = []
            install = app.session.install

            def spy(entries, complete=True):
                installs.append((len(entries), complete))
                install(entries, complete)

            app.session.install = spy
            await pilot.press("u")
            await type_text(pilot, "万州区")
            await pilot.press("enter")
            assert app.session.unit == "万州区"
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.session.complete
            assert [(e.id, e.status) for e in app.session.entries] == expected
            # first the head of the list (painted at once), then every line from the worker
            assert installs[0][1] is False and installs[0][0] < len(expected)
            assert installs[-1] == (len(expected), True)
    finally:
        app.session.store.close()


async def test_an_empty_list_says_why_and_how_to_see_more(make_app):
    """A filter or search that lets nothing through says so on the list, with the key to
    press, instead of an empty screen where items seem to have vanished."""
    app = make_app("渝中区")
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.screen.query_one(ChecklistView)
        while app.session.filter != "待确认":  # 渝中区 is named directly: nothing to confirm
            await pilot.press("f")
        await pilot.pause()
        assert view.entries == []
        line = view.render_line(1).text
        assert "没有符合条件的条目(筛选:待确认);按 f 切换筛选" in line and len(line) <= 80
        await pilot.press("f", "slash")
        await type_text(pilot, "没有这种条目")
        await pilot.press("enter")
        await pilot.pause()
        assert view.entries == [] and "搜索:没有这种条目" in view.render_line(1).text
        assert "Esc 清除搜索" in view.render_line(1).text
        await pilot.press("slash", "ctrl+u")
        await type_text(pilot, "规划")
        await pilot.press("enter")
        await pilot.pause()
        assert view.entries and "没有符合" not in view.render_line(1).text


def test_role_filter_offers_cooperating_only_where_the_unit_has_it(tmp_path):
    """`r` cycles through the roles the unit has: 配合 for a unit a document names as
    配合单位, never an empty 配合 step for one it does not."""
    import datetime as dt

    from tests.conftest import ROOT
    from tui.app.session import Session
    from tui.store.build import build_database

    db = tmp_path / "gd.sqlite"
    build_database(ROOT / "tests" / "data" / "documents" / "guangdong-2026-province.txt", db)
    with Store(db) as store:
        s = Session(store, "省人力资源社会保障厅", dt.date(2026, 6, 1))
        assert s.roles_here() == ("全部", "配合")
        assert s.cycle_role() == "配合" and s.visible() and all("配合" in e.roles for e in s.visible())
        assert s.cycle_role() == "全部"
        s2 = Session(store, "省财政厅", dt.date(2026, 6, 1))
        assert "配合" in s2.roles_here() and len(s2.roles_here()) > 2
    with Store(ROOT / "data" / "tasks.sqlite", readonly=True) as store:
        assert Session(store, "市教委", dt.date(2021, 8, 1)).roles_here() == ("全部", "牵头", "责任")
