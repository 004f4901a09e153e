"""Several documents in one working database: the header names the document, D switches
(in a worker), 往年参考 in the detail, W copies last year's work fields after a
confirmation, and undo never crosses from one document to the other."""

from __future__ import annotations

import sqlite3

import pytest
from textual.widgets import OptionList

from tui.app.checklist_view import ChecklistView
from tui.app.detail import DetailPane
from tui.app.dialogs import ConfirmDialog, TextScreen
from tui.app.document_picker import DocumentPicker
from tui.app.main_screen import MainScreen
from tui.app.run import build_app
from tui.app.unit_picker import UnitPicker
from tui.store import Store

from .conftest import AS_OF, AS_OF_2022, REF_2021

from .type_keys import type_text

SIZE = (120, 36)
N2021, N2022 = "渝府办发〔2021〕50号", "渝府办发〔2022〕18号"
ITEM = "1.1.3-1"  # 2022's first item for 渝中区; its 往年参考 is 2021's 1.1.3-2 (REF_2021)
NEW_ITEM = "1.1.3-2"  # new in 2022: no 往年参考


def topbar(app) -> str:
    return str(app.screen.query_one("#topbar").render())


def detail(app) -> str:
    return app.screen.query_one(DetailPane).text.plain


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


def alive(app) -> None:
    assert app.is_running and app._exception is None and app.crash is None


def entry(db, year: str, item: str, unit: str = "渝中区"):
    with Store(db, readonly=True, doc=year) as store:
        return store.entry(unit, item)


def history_count(db) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM history").fetchone()[0]
    finally:
        conn.close()


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()  # a worker's message may start another (load_rest)
    await pilot.pause()


async def choose_document(app, pilot, number: str) -> None:
    """D, then the document with this number, Enter."""
    await pilot.press("D")
    await settle(app, pilot)
    picker = app.screen
    assert isinstance(picker, DocumentPicker)
    options = picker.query_one(OptionList)
    target = next(i for i in range(options.option_count) if number in str(options.get_option_at_index(i).prompt))
    while options.highlighted != target:
        await pilot.press("down" if options.highlighted < target else "up")
    await pilot.press("enter")
    await settle(app, pilot)


async def go_to(pilot, item: str) -> None:
    await pilot.press("slash")
    await type_text(pilot, item)
    await pilot.press("enter")
    await pilot.pause()


async def test_opens_on_the_newest_document_and_the_header_says_so(make_app, two_docs):
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.session.store.document["number"] == N2022
        assert f"{N2022} · 2022年" in topbar(app)
        assert len(app.session.entries) == 20
        assert app.screen.query_one(ChecklistView).current.id == ITEM


async def test_header_fits_80_columns_with_the_document(make_app, two_docs):
    app = make_app("各区县政府", AS_OF_2022)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = topbar(app)
        for part in ("各区县政府", "已完成 0/", "缺佐证 0", "逾期", "截至 2022-08-01", N2022):
            assert part in line
        assert "…" not in line
        await pilot.press("f")  # a filter is worth more than the document on a narrow screen
        await pilot.pause()
        assert "筛选:未完成" in topbar(app) and "各区县政府" in topbar(app)


async def test_switch_to_2021_and_back(make_app, two_docs):
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("D")
        await settle(app, pilot)
        assert isinstance(app.screen, DocumentPicker)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(prompts) == 3 and N2022 in prompts[0] and N2021 in prompts[1]  # newest first
        assert "载入新的任务分工文件" in prompts[2]  # then the load dialog (tests/app/test_load_dialog.py)
        assert "当前" in prompts[0] and "当前" not in prompts[1]
        assert "17 行 32 条" in prompts[0] and "71 行 174 条" in prompts[1]
        assert "渝中区:已完成 1 · 佐证 1" in prompts[1] and "渝中区:尚无进度" in prompts[0]
        assert options.highlighted == 0
        await pilot.press("down", "enter")
        await settle(app, pilot)
        alive(app)
        assert app.session.store.document["number"] == N2021
        assert f"{N2021} · 2021年" in topbar(app) and "已完成 1/105" in topbar(app)
        view = app.screen.query_one(ChecklistView)
        assert len(view.entries) == 105
        assert app.session.by_id[REF_2021["item"]].status == "已完成"
        assert "“十四五”重点专项规划(" in app.session.by_id[REF_2021["item"]].text
        assert "已切换到 渝府办发〔2021〕50号 · 2021年(渝中区)" in messages(app)
        assert "第十四个五年规划" in detail(app)  # 2021's 1.1.3-1, not 2022's
        await pilot.press("down", "down", "down")
        assert view.cursor == 3
        await choose_document(app, pilot, N2022)
        assert app.session.store.document["number"] == N2022
        assert len(view.entries) == 20 and f"{N2022} · 2022年" in topbar(app)
        assert view.cursor == 0  # another document starts at its first line, as another unit does
        assert "年度实施情况" in detail(app)


async def test_escape_in_the_picker_keeps_the_document(make_app, two_docs):
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("D")
        await settle(app, pilot)
        assert isinstance(app.screen, DocumentPicker)
        await pilot.press("down", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.session.store.document["number"] == N2022 and len(app.session.entries) == 20


async def test_a_superseded_text_is_listed_marked_and_can_be_opened(make_app, revised_docs):
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        current = app.session.store.document
        assert current["number"] == N2022 and current["superseded_by"] is None  # the revision
        await pilot.press("D")
        await settle(app, pilot)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(prompts) == 4 and "载入新的任务分工文件" in prompts[3]
        assert "当前" in prompts[0] and "已被修订" not in prompts[0]
        assert N2022 in prompts[1] and "已被修订" in prompts[1] and "当前" not in prompts[1]
        assert "已被修订的文件仍可打开" in str(app.screen.query_one(".dialog-hint").render())
        await pilot.press("down", "enter")
        await settle(app, pilot)
        alive(app)
        assert app.session.store.document["superseded_by"] is not None
        assert f"{N2022} · 2022年 · 已被修订" in topbar(app)
        assert "3.2.1-3" in app.session.by_id  # removed in the revision, still in the old text


async def test_command_palette_switches_documents(make_app, two_docs):
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "切换任务分工文件" in commands and "带入往年工作要求" in commands
        commands["切换任务分工文件"].callback()
        await settle(app, pilot)
        assert isinstance(app.screen, DocumentPicker)


async def test_a_unit_the_other_document_does_not_name(two_docs):
    """市规划自然资源局 is in 2021's breakdown, not in 2022's: a Chinese message, a unit
    picker of 2022's units, Escape stays on 2021; choosing a unit switches."""
    app = build_app(Store(two_docs, doc="2021"), "市规划自然资源局", AS_OF)
    try:
        async with app.run_test(size=SIZE) as pilot:
            before = [e.id for e in app.session.entries]
            assert before
            await choose_document(app, pilot, N2022)
            alive(app)
            assert "「市规划自然资源局」不在 渝府办发〔2022〕18号 中" in " ".join(messages(app))
            assert isinstance(app.screen, UnitPicker)
            assert "市规划自然资源局" not in [u["name"] for u in app.screen.units]
            await pilot.press("escape")
            await settle(app, pilot)
            alive(app)
            assert isinstance(app.screen, MainScreen)
            assert app.session.store.document["number"] == N2021
            assert app.session.unit == "市规划自然资源局" and [e.id for e in app.session.entries] == before
            assert f"仍在 {N2021}" in messages(app)
            await choose_document(app, pilot, N2022)
            assert isinstance(app.screen, UnitPicker)
            await type_text(pilot, "渝中区")
            await pilot.press("enter")
            await settle(app, pilot)
            alive(app)
            assert app.session.store.document["number"] == N2022 and app.session.unit == "渝中区"
            assert len(app.session.entries) == 20 and topbar(app).startswith("渝中区 · ")
    finally:
        app.session.store.close()


async def test_detail_shows_last_years_reference(make_app, two_docs):
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = detail(app)
        assert f"往年参考({N2021} 1.1.3-2,相似度 62%)" in text
        assert "公开本区县“十四五”重点专项规划(公开路径" in text  # what it matched, always shown
        assert "2021年完成情况:已完成(2021-07-01)" in text
        for key in ("requirement", "office", "person", "note", "evidence"):
            assert REF_2021[key] in text
        assert "按 W 带入" in text
        await pilot.press("enter")  # the full detail has it too
        await pilot.pause()
        assert isinstance(app.screen, TextScreen) and "往年参考(" in str(app.screen.body)
        await pilot.press("escape")
        await go_to(pilot, NEW_ITEM)
        assert app.screen.query_one(ChecklistView).current.id == NEW_ITEM
        assert "往年参考" not in detail(app)


async def test_same_text_reference_shows_100_percent(make_app, two_docs):
    app = make_app("市发展改革委", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "1.1.1-1")  # copied unchanged from 2021's 1.1.1-2
        text = detail(app)
        assert f"往年参考({N2021} 1.1.1-2,相似度 100%)" in text
        assert "2021年完成情况:未开始" in text and "按 W 带入" not in text


async def test_w_copies_last_years_work_fields_after_confirmation(make_app, two_docs):
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("W")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        body = app.screen.body.plain
        for key in ("requirement", "office", "person"):
            assert REF_2021[key] in body
        assert body.count("本年尚未填写") == 3 and "将覆盖" not in body
        await pilot.press("y")
        await pilot.pause()
        alive(app)
        assert isinstance(app.screen, MainScreen)
        assert "工作要求:6月底前公开规划纲要" in detail(app)
        e = entry(two_docs, "2022", ITEM)
        assert (e.requirement, e.office, e.person) == tuple(REF_2021[k] for k in ("requirement", "office", "person"))
        assert e.status == "未开始" and e.note is None  # only the three work fields
        await pilot.press("z")  # one undo step
        await pilot.pause()
        e = entry(two_docs, "2022", ITEM)
        assert (e.requirement, e.office, e.person) == (None, None, None)
    old = entry(two_docs, "2021", REF_2021["item"])
    assert (old.requirement, old.status) == (REF_2021["requirement"], "已完成")


@pytest.mark.parametrize("key", ["n", "escape"])
async def test_a_declined_confirmation_writes_nothing(make_app, two_docs, key):
    written = history_count(two_docs)
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("W")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "未带入,本年的内容未改动" in messages(app)
    assert history_count(two_docs) == written
    e = entry(two_docs, "2022", ITEM)
    assert (e.requirement, e.office, e.person) == (None, None, None)


async def test_an_existing_value_is_never_replaced_silently(make_app, two_docs):
    with Store(two_docs) as store:
        store.set_fields("渝中区", ITEM, {"office": "办公室", "person": "李四"})
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("W")
        await pilot.pause()
        body = app.screen.body.plain
        assert "责任科室:发展改革科\n  将覆盖本年现有的:办公室" in body
        assert "工作要求:6月底前公开规划纲要\n  本年尚未填写" in body
        assert "责任人:" not in body and "责任人不变" in body  # the same as this year: not written
        await pilot.press("enter")
        await pilot.pause()
    e = entry(two_docs, "2022", ITEM)
    assert (e.requirement, e.office, e.person) == (REF_2021["requirement"], "发展改革科", "李四")


async def test_w_without_a_reference_says_so(make_app, two_docs):
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, NEW_ITEM)
        written = history_count(two_docs)
        await pilot.press("W")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert f"{NEW_ITEM} 没有往年参考:往年的任务分工中没有与它相近的条目" in messages(app)
        await go_to(pilot, "1.2.3-1")  # a reference without work fields: nothing to copy
        await pilot.press("W")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("没有填写工作要求、责任科室、责任人" in m for m in messages(app))
    assert history_count(two_docs) == written


async def test_undo_after_switching_never_touches_the_other_document(make_app, two_docs):
    """1.1.3-1 is an item of both documents: a 2022 step is not undone on 2021's 1.1.3-1."""
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")  # 2022's 1.1.3-1 → 推进中
        await pilot.pause()
        assert entry(two_docs, "2022", ITEM).status == "推进中"
        await choose_document(app, pilot, N2021)
        await pilot.press("z", "ctrl+y")
        await pilot.pause()
        assert "没有可撤销的操作" in messages(app) and "没有可重做的操作" in messages(app)
        assert entry(two_docs, "2021", ITEM).status == "未开始"
        await pilot.press("space")  # a step of 2021 …
        await pilot.pause()
        assert entry(two_docs, "2021", ITEM).status == "推进中"
        await pilot.press("z")  # … is undone there
        await pilot.pause()
        assert entry(two_docs, "2021", ITEM).status == "未开始"
        await pilot.press("space")
        await pilot.pause()
        await choose_document(app, pilot, N2022)
        await pilot.press("z")
        await pilot.pause()
        assert messages(app).count("没有可撤销的操作") == 2
    assert entry(two_docs, "2022", ITEM).status == "推进中"
    assert entry(two_docs, "2021", ITEM).status == "推进中"


async def test_search_reads_the_text_of_the_document_on_screen(make_app, two_docs):
    """Item ids repeat between documents: what search looks in is kept per document."""
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        await go_to(pilot, "年度实施情况")
        assert [e.id for e in view.entries] == [ITEM]
        await pilot.press("escape", "escape")
        await pilot.pause()
        await choose_document(app, pilot, N2021)
        await go_to(pilot, "年度实施情况")
        assert ITEM not in [e.id for e in view.entries]
        await pilot.press("slash", "ctrl+u")
        await type_text(pilot, "第十四个五年规划")
        await pilot.press("enter")
        await pilot.pause()
        assert [e.id for e in view.entries] == [ITEM]


async def test_export_writes_the_document_on_screen(make_app, two_docs, tmp_path, monkeypatch):
    monkeypatch.setattr("tui.app.export_dialog.default_folder", lambda: tmp_path / "exports")
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await choose_document(app, pilot, N2021)
        await pilot.press("E")
        await pilot.pause()
        await pilot.press("enter")  # the folder asked for: the default
        await settle(app, pilot)
    assert len(list((tmp_path / "exports").glob("渝中区-2021年政务公开任务清单-*.xlsx"))) == 1
    assert not list((tmp_path / "exports").glob("渝中区-2022年*"))


async def test_file_evidence_read_before_a_switch_goes_to_its_document(make_app, two_docs, tmp_path):
    """The worker hashing a file started on 2022's 1.1.3-1; the user switched to 2021
    meanwhile: the evidence is 2022's, not 2021's 1.1.3-1."""
    path = tmp_path / "截图.png"
    path.write_bytes(b"x" * 1000)
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await choose_document(app, pilot, N2021)
        doc_2022 = next(d["id"] for d in app.session.store.documents() if d["number"] == N2022)
        screen.post_message(
            MainScreen.Fingerprinted(1, "渝中区", ITEM, str(path), False, (1000, "0" * 64), doc=doc_2022)
        )
        await pilot.pause()
        alive(app)
        assert any("渝府办发〔2022〕18号 渝中区 1.1.3-1:已添加佐证材料" in m for m in messages(app))
    with Store(two_docs, readonly=True, doc="2022") as store:
        assert [r["value"] for r in store.evidence("渝中区", ITEM)] == [str(path)]
        store.use_document(next(d["id"] for d in store.documents() if d["number"] == N2021))
        assert store.evidence("渝中区", ITEM) == []


async def test_last_years_text_is_shown_as_text(make_app, two_docs):
    with Store(two_docs, doc="2021") as store:
        store.set_fields("渝中区", REF_2021["item"], {"note": "[/b]已公开[red]", "office": "[b]科室"})
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "备注:[/b]已公开[red]" in detail(app) and "责任科室:[b]科室" in detail(app)
        await pilot.press("W")
        await pilot.pause()
        alive(app)
        assert "责任科室:[b]科室" in app.screen.body.plain
        await pilot.press("y")
        await pilot.pause()
        alive(app)
    assert entry(two_docs, "2022", ITEM).office == "[b]科室"


async def test_help_lists_the_document_keys(make_app, two_docs):
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        text = str(app.screen.body)
        assert "D                 切换文件" in text and "W                 带入往年" in text


async def test_switching_to_a_large_document_shows_its_head_then_all(big_db):
    import datetime as dt

    from benchmarks.synthetic import add_documents
    from tui.app.session import FAST_START_ITEMS

    db = big_db
    add_documents(db, [2100], items=60, progress_units=1)  # the newest: the app opens on it
    with Store(db, readonly=True, doc="#1") as reader:
        expected = [(e.id, e.status) for e in reader.checklist("渝中区")]
        number = reader.document["number"]
    app = build_app(db, "渝中区", dt.date(2099, 6, 1))
    try:
        assert app.session.complete and len(app.session.entries) < FAST_START_ITEMS  # the small, newest one
        async with app.run_test(size=SIZE) as pilot:
            installs = []
            install = app.session.install

            def spy(entries, complete=True):
                installs.append((len(entries), complete))
                install(entries, complete)

            app.session.install = spy
            await choose_document(app, pilot, number)
            assert app.session.complete and app.session.store.doc == 1
            assert [(e.id, e.status) for e in app.session.entries] == expected
            assert installs[0][1] is False and installs[0][0] < len(expected)
            assert installs[-1] == (len(expected), True)
            assert "正在加载" not in topbar(app)
    finally:
        app.session.store.close()


def test_header_leaves_out_the_least_needed_part_first():
    from rich.text import Text

    from tui.app.topbar import ALWAYS, Part, fit_line

    parts = [
        Part(Text("渝中区"), ALWAYS),
        Part(Text("已完成 1/20"), 90),
        Part(Text("截至 2022-08-01"), 10),
        Part(Text(f"{N2022} · 2022年"), 20, Text(N2022)),
        Part(Text("筛选:未完成"), 70),
    ]
    assert fit_line(parts, 200).plain == f"渝中区 · 已完成 1/20 · 截至 2022-08-01 · {N2022} · 2022年 · 筛选:未完成"
    assert fit_line(parts, 80).plain == f"渝中区 · 已完成 1/20 · 截至 2022-08-01 · {N2022} · 筛选:未完成"
    assert fit_line(parts, 70).plain == f"渝中区·已完成 1/20·截至 2022-08-01·{N2022}·筛选:未完成"
    assert fit_line(parts, 60).plain == f"渝中区 · 已完成 1/20 · {N2022} · 筛选:未完成"  # the date goes first
    assert fit_line(parts, 40).plain == "渝中区 · 已完成 1/20 · 筛选:未完成"  # then the document
    assert fit_line(parts, 5).plain == "渝中区"  # cut with an ellipsis by the widget


def test_what_w_would_write():
    from tui.app.session import Session

    class E:
        requirement, office, person = None, "办公室", " 李四 "

    ref = {"requirement": "6月底前公开", "office": "发展改革科", "person": "李四"}
    assert Session.work_from_reference(E, ref) == [
        ("requirement", "工作要求", "6月底前公开", None),
        ("office", "责任科室", "发展改革科", "办公室"),
    ]
    assert Session.work_from_reference(E, {"requirement": " ", "office": None, "person": None}) == []


async def test_w_editor_brings_in_last_years_values_only_when_asked(make_app, two_docs):
    from tui.app.dialogs import WorkDialog
    from textual.widgets import Input, TextArea

    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, WorkDialog)
        assert any("Ctrl+L 带入往年参考" in str(s.render()) for s in dialog.query(".dialog-hint"))
        assert dialog.query_one("#work-requirement", TextArea).text == ""  # nothing filled unasked
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert dialog.query_one("#work-office", Input).value == REF_2021["office"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        alive(app)
    e = entry(two_docs, "2022", ITEM)
    assert (e.requirement, e.office, e.person) == tuple(REF_2021[k] for k in ("requirement", "office", "person"))


async def test_w_editor_escape_after_ctrl_l_writes_nothing(make_app, two_docs):
    written = history_count(two_docs)
    app = make_app("渝中区", AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w", "ctrl+l", "escape")
        await pilot.pause()
    assert history_count(two_docs) == written
