"""The evidence screen (i), the full history (h), export to a chosen folder (E) and the
review drill-down (L, Enter): pilot tests asserting on the database and the screen.
The system's opener is always replaced: no test launches a program."""

from __future__ import annotations

import sqlite3

import pytest

from tui.app.checklist_view import ChecklistView
from tui.app.dialogs import ConfirmDialog, TextPrompt, TextScreen
from tui.app.evidence_screen import EvidenceScreen
from tui.store import Store

from .type_keys import type_text

SIZE = (120, 36)
UNIT = "渝中区"
URL = "https://www.cqyz.gov.cn/zwgk/gfxwj/"


@pytest.fixture
def opened(monkeypatch):
    """What the app asked the system to open (nothing is launched)."""
    calls: list[str] = []
    monkeypatch.setattr("tui.app.opener.open_with_system", calls.append)
    return calls


def first_item(work_db) -> str:
    with Store(work_db, readonly=True) as store:
        return store.checklist(UNIT)[0].id


def evidence(work_db, item):
    with Store(work_db, readonly=True) as store:
        return [(r["value"], r["caption"]) for r in store.evidence(UNIT, item)]


def shown(widget) -> str:
    return str(widget.render())


async def test_evidence_screen_opens_edits_removes_and_undoes(make_app, work_db, tmp_path, opened):
    item = first_item(work_db)
    paper = tmp_path / "通知.pdf"
    paper.write_bytes(b"first")
    with Store(work_db) as store:
        store.add_evidence(UNIT, item, URL)
        store.add_evidence(UNIT, item, str(paper))
    paper.write_bytes(b"changed since")  # the check marks it 已改动
    app = make_app(UNIT)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.query_one(ChecklistView).current.id == item
        await pilot.press("i")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EvidenceScreen)
        table = screen.query_one("DataTable")
        assert table.row_count == 2
        assert str(table.get_cell("1", "state")) == "已改动" and str(table.get_cell("0", "state")) == ""
        assert "1 份文件与添加时不同" in shown(screen.query_one("#evidence-status"))

        await pilot.press("enter")  # open the URL with the system's program
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert opened == [URL]

        await pilot.press("c")
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "区政府网站规范性文件栏目")
        await pilot.press("enter")
        await pilot.pause()
        assert evidence(work_db, item)[0] == (URL, "区政府网站规范性文件栏目")
        assert str(table.get_cell("0", "caption")) == "区政府网站规范性文件栏目"

        await pilot.press("down", "r")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # declined: nothing removed
        await pilot.pause()
        assert len(evidence(work_db, item)) == 2
        await pilot.press("r", "y")
        await pilot.pause()
        assert evidence(work_db, item) == [(URL, "区政府网站规范性文件栏目")]
        assert paper.exists()  # the file itself stays
        assert table.row_count == 1

        await pilot.press("escape", "z")  # the removal back
        await pilot.pause()
        assert [v for v, _ in evidence(work_db, item)] == [URL, str(paper)]
        await pilot.press("z")  # the caption back
        await pilot.pause()
        assert evidence(work_db, item)[0] == (URL, "")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert evidence(work_db, item)[0] == (URL, "区政府网站规范性文件栏目")


async def test_words_kept_from_a_workbook_are_a_text_note_with_nothing_to_open(make_app, work_db, opened):
    item = first_item(work_db)
    with Store(work_db) as store:
        doc = store.doc
    with sqlite3.connect(work_db) as conn:  # what an import keeps of 「已在公示栏张贴」 in 佐证材料
        conn.execute(
            "INSERT INTO evidence (doc, item_id, unit, kind, value, caption, added_at) VALUES"
            " (?, ?, ?, 'note', '已在公示栏张贴', '导入自 渝中区.xlsx', '2021-08-02T09:00:00')",
            (doc, item, UNIT),
        )
    conn.close()
    app = make_app(UNIT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("DataTable")
        assert [str(table.get_cell("0", key)) for key in ("kind", "state", "value")] == [
            "文字说明",
            "",
            "已在公示栏张贴",
        ]
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    assert opened == [] and "这是一条文字说明,没有可打开的网址或文件" in messages


async def test_opening_a_missing_file_says_why_in_chinese(make_app, work_db, tmp_path, monkeypatch):
    from tui.app import opener

    item = first_item(work_db)
    gone = tmp_path / "已删除.docx"
    gone.write_bytes(b"x")
    with Store(work_db) as store:
        store.add_evidence(UNIT, item, str(gone))
    gone.unlink()
    launched = []
    monkeypatch.setattr(opener, "_run", launched.append)  # the real check, no real program
    app = make_app(UNIT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(app.screen.query_one("DataTable").get_cell("0", "state")) == "已不存在"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = " ".join(n.message for n in app._notifications)
    assert "不存在" in messages and "Errno" not in messages
    assert launched == []


def test_opener_uses_the_systems_program(monkeypatch, tmp_path):
    from tui.app import opener

    launched = []
    monkeypatch.setattr(opener, "_run", launched.append)
    monkeypatch.setattr(opener.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    opener.open_with_system(str(tmp_path))
    opener.open_with_system(URL)
    assert launched == [["xdg-open", str(tmp_path)], ["xdg-open", URL]]

    def missing(args):
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(opener, "_run", missing)
    with pytest.raises(opener.OpenFailed, match="没有可用的打开程序"):
        opener.open_with_system(URL)


def test_opener_without_a_graphical_session_says_so(monkeypatch, tmp_path):
    """On a console or remote login xdg-open fails unseen (or opens a text browser over the
    app): the user is told where the file is instead, and nothing is started."""
    from tui.app import opener

    launched = []
    monkeypatch.setattr(opener, "_run", launched.append)
    monkeypatch.setattr(opener.sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    with pytest.raises(opener.OpenFailed, match="没有图形界面") as refused:
        opener.open_with_system(str(tmp_path))
    assert str(tmp_path) in str(refused.value) and launched == []
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    opener.open_with_system(URL)
    assert launched == [["xdg-open", URL]]


async def test_history_is_full_newest_first_and_readable(make_app, work_db):
    item = first_item(work_db)
    with Store(work_db) as store:
        for n in range(12):
            store.set_fields(UNIT, item, {"note": f"备注{n}"})
        store.add_evidence(UNIT, item, URL)
        store.remove_evidence(UNIT, item, 0)
    with sqlite3.connect(work_db) as conn:  # a whole-list line, as versions before evidence became a set wrote it
        conn.execute(
            "INSERT INTO history (doc, action_id, at, os_user, unit, item_id, field, old, new, source)"
            " SELECT doc, 9999, '2021-06-01T14:03:27', '张三', unit, item_id, 'evidence', '[]',"
            ' \'[{"kind": "url", "value": "https://old.example/a", "caption": ""}]\', \'cli\''
            " FROM history WHERE item_id = ? AND unit = ? LIMIT 1",
            (item, UNIT),
        )
    app = make_app(UNIT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        text = app.screen.body.plain
    assert "共 15 条修改记录" in text
    for n in range(12):
        assert (f"备注:备注{n - 1} → 备注{n}" if n else "备注:(空) → 备注0") in text
    assert f"新增佐证:{URL}" in text and f"删除佐证:{URL}" in text
    assert "新增佐证:https://old.example/a" in text and "2021-06-01 14:03  张三" in text
    assert "(佐证列表)" not in text and "T" not in text.replace("https", "")
    assert text.index("删除佐证") < text.index("→ 备注11") < text.index("→ 备注0")  # newest (last written) first


async def test_export_to_a_chosen_folder_remembered_and_opened(make_app, tmp_path, opened):
    from textual.widgets import Input

    from tui import settings
    from tui.app.export_dialog import ExportDialog, ExportedDialog

    chosen = tmp_path / "报送" / "2021"
    app = make_app(UNIT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one(Input).value = str(chosen)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportedDialog)
        path = app.screen.path
        assert path in shown(app.screen.query_one("#exported-path"))
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert opened == [str(chosen.resolve())]
        await pilot.press("E")
        await pilot.pause()
        assert app.screen.query_one(Input).value == str(chosen)  # remembered
        await pilot.press("escape")
    assert settings.load().get("export_folder") == str(chosen)
    assert [p.name for p in chosen.iterdir()] == [path.rsplit("/", 1)[-1]]


async def test_export_errors_are_in_chinese(make_app, tmp_path):
    from textual.widgets import Input

    from tui.app.export_dialog import ExportDialog

    blocker = tmp_path / "一个文件.txt"
    blocker.write_text("x", encoding="utf-8")
    app = make_app(UNIT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        await pilot.pause()
        app.screen.query_one(Input).value = str(blocker)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)  # refused in the dialog
        assert "不是文件夹" in shown(app.screen.query_one("#export-error"))
        app.screen.query_one(Input).value = str(blocker / "子文件夹")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        errors = [n for n in app._notifications if n.title == "导出失败"]
    assert errors and "不是文件夹" in errors[0].message and "Errno" not in errors[0].message


async def test_review_drills_into_a_unit(make_app, work_db):
    from tui.app.review_screen import ReviewScreen
    from tui.app.review_unit import ReviewUnitScreen

    with Store(work_db) as store:
        store.mark_done(UNIT, "1.3.3-1", [URL], note="已在政府网站公开")
        store.set_status(UNIT, ["1.3.3-2"], "不适用", "本区无此事项")
    app = make_app("市财政局")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        assert isinstance(app.screen, ReviewScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("DataTable")
        assert table.fixed_columns == 1
        assert str(table.get_row(UNIT)[3]).startswith("推进中 1/2")  # the 不适用 item is not work to do
        table.move_cursor(row=table.get_row_index(UNIT), column=3)
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewUnitScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = app.screen.query_one("#review-unit-text").render().plain
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert "1.3.3-1  已完成" in text and URL in text and "备注:已在政府网站公开" in text
    assert "1.3.3-2  不适用" in text and "不适用理由:本区无此事项" in text


async def test_review_titles_fit_80_columns_and_rows_are_shown_whole(make_app):
    """At 80 columns the review's top line leaves out its hint and counts before it is cut,
    and the drill-down shows each row's whole text (it scrolls)."""
    from tui.app.review_screen import ReviewScreen
    from tui.app.review_unit import ReviewUnitScreen

    app = make_app("市发展改革委")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("L")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        line = app.screen.query_one("#topbar").render()
        assert line.cell_len <= 80 and "…" not in line.plain
        assert line.plain.startswith("市发展改革委 牵头任务检查") and "未报送" in line.plain
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewUnitScreen)
        top = app.screen.query_one("#topbar").render().plain
        text = app.screen.query_one("#review-unit-text").render().plain
    assert top.startswith("市发展改革委 牵头任务检查") and "行任务" in top
    assert "二〇三五年远景目标纲要》,做好历史规划(计划)的归集整理和主动公开工作" in text.replace("\n", "")
    assert "法定主动公开内容>规划信息>国民经济和社会发展规划" in text.replace("\n", "")


async def test_review_of_many_rows_counts_rows_per_unit(make_app, work_db, monkeypatch):
    """Past MAX_ROW_COLUMNS rows led, one column per status (a column per row would be
    unreadable and slow to draw); the counts agree with the per-row summaries."""
    from tui.app import review_screen

    monkeypatch.setattr(review_screen, "MAX_ROW_COLUMNS", 2)
    with Store(work_db) as store:
        store.mark_done(UNIT, "1.3.3-1", [URL])
        store.set_status(UNIT, ["1.3.3-2", "1.3.3-3"], "不适用", "本区无此事项")
        store.set_status(UNIT, ["4.1.2-1"], "推进中")
    app = make_app("市财政局")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("DataTable")
        labels = [c.label.plain for c in table.columns.values()]
        row = dict(zip(labels, (str(c) for c in table.get_row(UNIT))))
        assert labels == ["责任单位", "已完成", "不适用", "推进中", "未开始", "未报送", "佐证", "完成行数"]
        assert row["已完成"] == "1" and row["推进中"] == "1" and row["佐证"] == "1" and row["完成行数"] == "1/2"
        assert dict(zip(labels, map(str, table.get_row("江北区"))))["未报送"] == "2"


async def test_export_in_a_browser_is_also_offered_as_a_download_and_signed(make_app, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from textual.widgets import Input

    from tui import settings
    from tui.app import deliver

    offered = []
    monkeypatch.setattr(deliver, "offer_download", lambda app, path: offered.append(path) or True)
    settings.set_value("填报人", "张三")
    app = make_app(UNIT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "out")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "已在浏览器中提供下载" in [n.message for n in app._notifications]
    [path] = offered
    assert path.is_file() and path.parent == (tmp_path / "out").resolve()
    ws = load_workbook(path)["任务清单"]
    assert any("张三" in str(c.value) for row in ws.iter_rows() for c in row if c.value)


async def test_export_dialog_offers_the_layouts_and_remembers_the_choice(make_app, tmp_path, opened):
    """E offers 上报版 / 完整版 / 汇总表 (渝中区 leads some rows); the one chosen is written and
    offered first next time (settings 导出版式)."""
    from textual.widgets import Input, RadioSet
    from openpyxl import load_workbook

    from tui import settings
    from tui.app.export_dialog import ExportDialog, ExportedDialog

    folder = tmp_path / "报送"
    app = make_app(UNIT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        choice = app.screen.query_one(RadioSet)
        assert [b.name for b in choice.query("RadioButton")] == ["上报版", "完整版", "汇总表"]
        assert choice.pressed_button.name == "上报版"  # nothing remembered yet
        app.screen.query_one(Input).value = str(folder)
        await pilot.press("shift+tab", "down", "enter")  # to the list: 完整版
        await pilot.pause()
        assert app.screen.chosen_layout == "完整版"
        await pilot.press("tab", "enter")  # back to the folder, and export
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ExportedDialog)
        written = app.screen.path
        await pilot.press("escape")
        await pilot.press("E")
        await pilot.pause()
        assert app.screen.query_one(RadioSet).pressed_button.name == "完整版"  # remembered
        await pilot.press("shift+tab", "down", "enter", "tab", "enter")  # 汇总表
        await app.workers.wait_for_complete()
        await pilot.pause()
        review = app.screen.path
        await pilot.press("escape")
    assert settings.load().get("export_layout") == "汇总表"
    assert load_workbook(written)["任务清单"].max_column == 15  # the 完整版
    assert "汇总表" in review and load_workbook(review).sheetnames[0] == "汇总表"
