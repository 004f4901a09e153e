"""Text from users, files and the database is shown as text, never parsed as markup
(DESIGN.md §6). Each markup-looking string is typed into every input of the app; the app
keeps running and stores and shows the text exactly as typed.

One app per input, the strings on consecutive items (an app start costs about a second); the
strings typed key by key with `type_text` (one wait per string, not per key)."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from tui.app.app import GongkaiApp
from tui.app.checklist_view import ChecklistView
from tui.app.detail import DetailPane
from tui.app.dialogs import TextPrompt, TextScreen, WorkDialog
from tui.app.review_screen import ReviewScreen
from tui.app.session import Session
from tui.app.unit_picker import UnitPicker
from tui.store import Store

from .conftest import AS_OF
from .type_keys import fill_boxes, type_text

SIZE = (120, 36)
MARKUP = ["[/b]", "[b]x", "[red]", "\\[", "[link=x]y[/link]", "资料[/b]", "[/]", "[b]加粗[/b]"]


def stored(work_db, unit: str = "渝中区"):
    """Each item's entry and evidence values, read afresh."""
    with Store(work_db, readonly=True) as store:
        return {e.id: (e, [r["value"] for r in store.evidence(unit, e.id)]) for e in store.checklist(unit)}


def shown(widget) -> str:
    return str(widget.render())


def detail(app) -> str:
    return str(app.screen.query_one(DetailPane).text)


def alive(app) -> None:
    assert app.is_running and app._exception is None and app.crash is None


async def test_search_box(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for text in MARKUP:
            await pilot.press("slash")
            await type_text(pilot, text)
            await pilot.pause()
            alive(app)
            assert app.screen.query_one("#search", Input).value == text
            assert app.session.query == text
            assert f"搜索:{text}(" in shown(app.screen.query_one("#topbar"))
            await pilot.press("enter", "escape")
            await pilot.pause()
            alive(app)


async def test_note_dialog_and_full_detail(make_app, work_db):
    app = make_app()
    items = []
    async with app.run_test(size=SIZE) as pilot:
        for text in MARKUP:
            items.append(app.screen.query_one(ChecklistView).current.id)
            await pilot.press("n")
            await type_text(pilot, text)
            assert app.screen.query_one("#editor-text", TextArea).text == text
            await pilot.press("ctrl+s")
            await pilot.pause()
            alive(app)
            assert f"备注:{text}\n" in detail(app)
            await pilot.press("enter")  # the full detail
            await pilot.pause()
            assert isinstance(app.screen, TextScreen)
            assert f"备注:{text}\n" in shown(app.screen.query_one("VerticalScroll Static"))
            await pilot.press("escape", "down")
            await pilot.pause()
            alive(app)
    db = stored(work_db)
    assert [db[i][0].note for i in items] == MARKUP


async def test_reason_dialog(make_app, work_db):
    app = make_app()
    items = []
    async with app.run_test(size=SIZE) as pilot:
        for text in MARKUP:
            items.append(app.screen.query_one(ChecklistView).current.id)
            await pilot.press("x")
            await type_text(pilot, text)
            await pilot.press("ctrl+s")
            await pilot.pause()
            alive(app)
            assert f"不适用理由:{text}\n" in detail(app)
            await pilot.press("down")
    db = stored(work_db)
    assert [(db[i][0].status, db[i][0].reason) for i in items] == [("不适用", t) for t in MARKUP]


async def test_evidence_dialogs_quote_a_bad_value_verbatim(make_app, work_db):
    """Neither a URL nor a file: the reason quotes the value (the crash of the issue), in
    the 佐证 dialog (e) and in the 完成 dialog (d)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        for key in ("e", "d"):
            for text in MARKUP:
                await pilot.press(key)
                await type_text(pilot, text)
                await pilot.press("enter")
                await pilot.pause()
                alive(app)
                assert isinstance(app.screen, TextPrompt)
                assert text in shown(app.screen.query_one("#prompt-error"))
                await pilot.press("escape")
                await pilot.pause()
    e, evidence = stored(work_db)[item]
    assert (e.status, evidence) == ("未开始", [])


async def test_evidence_files_with_markup_names(make_app, work_db, tmp_path, monkeypatch):
    """Files whose names look like markup, added with e and with d (typed as a relative
    path: typing whole absolute paths key by key is slow)."""
    monkeypatch.chdir(tmp_path)
    paths = []
    for i, text in enumerate(MARKUP):
        path = tmp_path / f"{i}-{text.replace('/', '|')}.txt"
        path.write_text("佐证", encoding="utf-8")
        paths.append(path)
    app = make_app()
    items = []
    async with app.run_test(size=SIZE) as pilot:
        for key, path in zip("ed" * len(paths), paths):
            items.append(app.screen.query_one(ChecklistView).current.id)
            await pilot.press(key)
            await type_text(pilot, path.name)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            alive(app)
            assert not isinstance(app.screen, TextPrompt)
            assert any(
                line.startswith("  · ") and line.endswith(f"  {path.resolve()}")  # after its time
                for line in detail(app).splitlines()
            )
            await pilot.press("down")
    db = stored(work_db)
    assert [db[i][1] for i in items] == [[str(p.resolve())] for p in paths]
    assert [db[i][0].status for i in items] == ["未开始", "已完成"] * (len(paths) // 2)


async def test_work_dialog(make_app, work_db):
    app = make_app()
    items = []
    async with app.run_test(size=SIZE) as pilot:
        for text in MARKUP:
            items.append(app.screen.query_one(ChecklistView).current.id)
            await pilot.press("w")
            assert isinstance(app.screen, WorkDialog)
            await fill_boxes(pilot, text, text + "科", text + "人")
            await pilot.press("enter")
            await pilot.pause()
            alive(app)
            shown_detail = detail(app)
            assert f"工作要求:{text}\n" in shown_detail
            assert f"责任科室:{text}科\n" in shown_detail and f"责任人:{text}人\n" in shown_detail
            await pilot.press("down")
    db = stored(work_db)
    assert [(db[i][0].requirement, db[i][0].office, db[i][0].person) for i in items] == [
        (t, t + "科", t + "人") for t in MARKUP
    ]


async def test_unit_picker(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for text in MARKUP:
            await pilot.press("u")
            await type_text(pilot, text)
            await pilot.pause()
            alive(app)
            assert isinstance(app.screen, UnitPicker)
            assert app.screen.query_one("#picker-input", Input).value == text
            await pilot.press("escape")
            await pilot.pause()
            alive(app)


async def test_notifications_are_plain_text(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for text in MARKUP:
            app.notify(text, title=text)
            app.screen.notify(text)  # Widget.notify passes markup=True: the app still shows text
        await pilot.pause()
        alive(app)
        assert [n.message for n in app._notifications] == [t for t in MARKUP for _ in "12"]
        assert not any(n.markup for n in app._notifications)


async def test_unit_name_in_top_bar_and_review_screen(work_db):
    """The shown name (a catalogue file's) in the top bar and on the 牵头检查 screen."""
    for text in ("[/b]", "[red]"):
        store = Store(work_db)
        app = GongkaiApp(Session(store, "市财政局", AS_OF, shown_name=text + "市财政局"))
        try:
            async with app.run_test(size=SIZE) as pilot:
                assert shown(app.screen.query_one("#topbar")).startswith(text + "市财政局 · ")
                await pilot.press("L")
                await app.workers.wait_for_complete()
                await pilot.pause()
                alive(app)
                assert isinstance(app.screen, ReviewScreen)
                assert shown(app.screen.query_one("#topbar")).startswith(text + "市财政局 牵头任务检查")
                await pilot.press("right")
                await pilot.pause()
                alive(app)
        finally:
            store.close()


def test_document_text_is_never_markup():
    """Outline labels and review cells: what the document says is a Text, not markup."""
    from rich.text import Text

    from tui.app.outline import node_label
    from tui.app.review_screen import summary_text

    label = node_label("section", "1", "[/b]标题[red]", 0, 1)
    assert Text(label).plain == "一、[/b]标题[red] 0/1"
    assert summary_text("[/b]").plain == "[/b]"
