"""The app's load dialog (O, or 载入新的任务分工文件 in the document picker): a path typed or
pasted, 读取 shows what the CLI `load` shows before it asks, 载入 stores the document and
the app switches to it, a refused document names its line, 写出核对表 writes the breakdown
table beside the source (never over a file), and a year the text does not state is asked."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from textual import events
from textual.widgets import Button, Input, OptionList, Static

from tests.cli_helpers import invoke
from tests.conftest import ROOT, SOURCE
from tui.app.document_picker import DocumentPicker
from tui.app.load_dialog import LoadDialog, path_of, year_of
from tui.app.unit_picker import UnitPicker
from tui.source import read_document

from .conftest import AS_OF

from .type_keys import type_text

SIZE = (120, 36)
DOCS = ROOT / "tests" / "data" / "documents"
CITY = DOCS / "chongqing-2026-city.txt"  # names 渝中区: the open unit is in it
CITY_NUMBER = "渝府办发〔2026〕21号"
NO_YEAR = (
    "市文化旅游委政务公开工作任务清单\n工作任务\t具体要求\t责任科室\t完成时限\n一、做好主动公开\n"
    "公开预算\t1.公开本委预算。\t财务处\t6月底前\n更新公众号\t2.及时更新公众号。\t办公室牵头,各处室配合\t长期坚持\n"
)


def documents(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT id, number, year FROM document ORDER BY id").fetchall()
    finally:
        conn.close()


def shown(app) -> str:
    """What the dialog's result area holds."""
    return str(app.screen.query_one("#load-text", Static).render())


def status(app) -> str:
    return str(app.screen.query_one("#load-status", Static).render())


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


def alive(app) -> None:
    assert app.is_running and app._exception is None and app.crash is None


async def settle(app, pilot) -> None:
    for _ in range(3):  # a worker's message may start another (the switch, then load_rest)
        await pilot.pause()  # first the key's Button.Pressed is handled, which starts the worker
        await app.workers.wait_for_complete()
        await pilot.pause()


async def open_dialog(app, pilot, path: str = "") -> LoadDialog:
    """O, then the path pasted into the path box (its focus on opening)."""
    await pilot.press("O")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, LoadDialog)
    assert app.focused is dialog.query_one("#load-path", Input)
    if path:
        app.post_message(events.Paste(path))
        await pilot.pause()
    return dialog


def store_button(app) -> Button:
    return app.screen.query_one("#load-store", Button)


def cli_summary(source: Path, db: Path) -> list[str]:
    """What `load` prints before it asks to confirm (no terminal: it stops there)."""
    result = invoke("load", source, "--db", db)
    assert result.exit_code == 2 and "没有确认" in result.stderr
    return result.stdout.splitlines()


async def test_read_shows_what_load_shows_then_load_switches_to_the_new_document(make_app, work_db):
    expected = cli_summary(CITY, work_db)
    assert documents(work_db) == [(1, "渝府办发〔2021〕50号", 2021)]  # the CLI stored nothing
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(app, pilot, str(CITY))
        assert store_button(app).disabled  # nothing read yet
        await pilot.press("enter")  # Enter in the path box reads
        await settle(app, pilot)
        text = shown(app)
        assert text.splitlines() == expected  # the CLI's words, line by line
        assert "17 行任务,26 个条目" in text and "第 43 行:牵头单位沿用上一行:市发展改革委" in text
        assert "影响“谁做什么”的判断 13 处" in text
        assert "请核对下面读到的内容" in status(app)
        assert not store_button(app).disabled and app.focused is store_button(app)
        assert len(documents(work_db)) == 1  # reading stores nothing
        await pilot.press("enter")  # 载入
        await settle(app, pilot)
        alive(app)
        assert not isinstance(app.screen, LoadDialog)
        assert [d[1:] for d in documents(work_db)] == [("渝府办发〔2021〕50号", 2021), (CITY_NUMBER, 2026)]
        assert app.session.store.document["number"] == CITY_NUMBER and app.session.unit == "渝中区"
        assert f"{CITY_NUMBER} · 2026年" in str(app.screen.query_one("#topbar").render())
        said = messages(app)
        assert any(m.startswith(f"已载入 {CITY_NUMBER};往年参考:") for m in said), said
        assert f"已切换到 {CITY_NUMBER} · 2026年(渝中区)" in said


async def test_a_refused_document_names_its_line_and_the_way_out(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(app, pilot, str(DOCS / "refuse-no-header.txt"))
        await pilot.press("enter")
        await settle(app, pilot)
        alive(app)
        text = shown(app)
        assert text.startswith("第 15 行: 找不到表头") and "Traceback" not in text
        assert "gongkai-tui template" in text and "写出核对表" in text
        assert status(app) == "未能读取" and store_button(app).disabled
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LoadDialog)
    assert len(documents(work_db)) == 1


async def test_a_refused_document_written_as_the_table_gives_its_own_lines(make_app, work_db, tmp_path):
    source = tmp_path / "来文.txt"
    shutil.copyfile(DOCS / "refuse-no-header.txt", source)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(app, pilot, str(source))
        await pilot.press("tab", "tab", "tab")  # path → year → 读取 → 写出核对表
        await pilot.press("enter")
        await settle(app, pilot)
        alive(app)
        table = tmp_path / "来文-读取结果.xlsx"
        assert table.is_file()
        assert status(app).startswith("未能读出这份文件:第 15 行: 找不到表头")
        assert "已把原文逐行写入任务分工表" in shown(app) and f"{table.name}(每行一段原文" in shown(app)
        assert shown(app).endswith("改正后在上面填写该表的路径,读取、载入。")
    assert len(documents(work_db)) == 1


async def test_a_missing_file_and_a_bad_year_are_said_in_chinese(make_app, work_db, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(app, pilot, "  ~/没有这个文件.txt ")
        await pilot.press("enter")
        await settle(app, pilot)
        assert shown(app) == f"找不到源文件:{tmp_path / 'home' / '没有这个文件.txt'}"  # ~ is HOME
        await pilot.press("tab")
        await type_text(pilot, "20x6")
        await pilot.press("enter")
        await pilot.pause()
        assert status(app) == "年度应为 2000–2100 之间的年份,如 2026"
        assert app.focused is app.screen.query_one("#load-year", Input)
    assert len(documents(work_db)) == 1


async def test_write_the_table_beside_the_source_never_over_a_file_then_load_it(make_app, work_db, tmp_path):
    source = tmp_path / "来文.txt"
    shutil.copyfile(CITY, source)
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(app, pilot, str(source))
        await pilot.press("tab", "tab", "tab")  # path → year → 读取 → 写出核对表
        assert app.focused is app.screen.query_one("#load-table", Button)
        await pilot.press("enter")
        await settle(app, pilot)
        table = tmp_path / "来文-读取结果.xlsx"
        assert table.is_file()
        assert status(app) == f"已写出任务分工表 {table};未载入数据库。"
        assert "17 行任务" in shown(app)
        first = table.read_bytes()
        await pilot.press("enter")  # again: the first one is kept
        await settle(app, pilot)
        second = tmp_path / "来文-读取结果-2.xlsx"
        assert second.is_file() and table.read_bytes() == first
        assert status(app) == f"已写出任务分工表 {second}(来文-读取结果.xlsx 已存在,未覆盖);未载入数据库。"
        assert len(documents(work_db)) == 1

        # the table, loaded unchanged, is the document as read (the identity)
        path_box = app.screen.query_one("#load-path", Input)
        path_box.focus()
        path_box.value = ""
        app.post_message(events.Paste(str(table)))
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        assert "17 行任务,26 个条目" in shown(app)
        await pilot.press("enter")
        await settle(app, pilot)
        alive(app)
        assert app.session.store.document["number"] == CITY_NUMBER and app.session.unit == "渝中区"
    original, again = read_document(CITY.read_bytes(), CITY.name), read_document(table.read_bytes(), table.name)

    def who_what(doc) -> list:
        return [
            (r.lead_units, r.responsible_units, r.cooperating_units, [(i.text, i.deadline) for i in r.items])
            for r in doc.rows
        ]

    assert (again.number, again.year, again.title) == (original.number, original.year, original.title)
    assert who_what(again) == who_what(original)


async def test_a_document_without_a_year_asks_for_it(make_app, work_db, tmp_path):
    source = tmp_path / "科室清单.txt"
    source.write_text(NO_YEAR, encoding="utf-8")
    app = make_app("渝中区")
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(app, pilot, str(source))
        await pilot.press("enter")
        await settle(app, pilot)
        assert "文件中找不到年度" in status(app) and "「年度」" in status(app)
        assert "年度:(未知)" in shown(app)  # what was read is shown all the same
        assert store_button(app).disabled
        assert app.focused is app.screen.query_one("#load-year", Input)
        await type_text(pilot, "2026")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "年度:2026" in shown(app) and not store_button(app).disabled
        await pilot.press("enter")
        await settle(app, pilot)
        alive(app)
        assert [d[1:] for d in documents(work_db)][1] == (None, 2026)
        assert isinstance(app.screen, UnitPicker)  # 渝中区 is not in a 委's list to its 处室
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.store.document["number"] == "渝府办发〔2021〕50号"


async def test_a_document_already_stored_is_said_as_the_cli_says_it(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(app, pilot, str(SOURCE))  # the text the working database was built from
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        alive(app)
        assert isinstance(app.screen, LoadDialog) and status(app) == "未能载入"
        said = shown(app)
    cli = invoke("load", "--yes", SOURCE, "--db", work_db)
    assert cli.exit_code == 2 and cli.stderr.strip() == f"错误:{said}"
    assert "已经载入过" in said and len(documents(work_db)) == 1


async def test_editing_after_reading_asks_for_another_reading_and_escape_cancels(make_app, work_db):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot, str(CITY))
        await pilot.press("enter")
        await settle(app, pilot)
        assert not store_button(app).disabled and app.focused is store_button(app)
        result = app.screen.query_one("#load-result")
        assert result.scroll_y == 0 and result.max_scroll_y > 0
        await pilot.press("pagedown")  # what was read scrolls with the focus on 载入
        await pilot.pause()
        assert result.scroll_y > 0 and app.focused is store_button(app)
        await pilot.press("shift+tab", "shift+tab", "shift+tab")  # 载入 → 写出核对表 → 读取 → the year
        assert app.focused is app.screen.query_one("#load-year", Input)
        await type_text(pilot, "2027")  # another year: not what was read
        assert store_button(app).disabled
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LoadDialog) and app.session.store.document["year"] == 2021
    assert len(documents(work_db)) == 1


async def test_the_document_picker_opens_the_dialog(make_app, work_db):
    app = make_app(as_of=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("D")
        await settle(app, pilot)
        options = app.screen.query_one(OptionList)
        last = options.option_count - 1
        assert "载入新的任务分工文件" in str(options.get_option_at_index(last).prompt)
        while options.highlighted != last:
            await pilot.press("down")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, LoadDialog)
        await pilot.press("escape")
        await pilot.press("D")
        await settle(app, pilot)
        assert isinstance(app.screen, DocumentPicker)
        await pilot.press("O")  # the picker's own key
        await settle(app, pilot)
        assert isinstance(app.screen, LoadDialog)


def test_paths_and_years_as_people_type_them(tmp_path):
    home = tmp_path / "home"
    assert path_of(" '~/下载/任务 分工.docx' ") == home / "下载" / "任务 分工.docx"  # quoted when dropped
    assert path_of("file:///tmp/%E4%BB%BB%E5%8A%A1.txt") == Path("/tmp/任务.txt")
    assert path_of("  ") == "请填写任务分工文件的路径(可粘贴)"
    assert path_of("a\x00b") == "文件路径中含有控制字符"
    assert year_of("") is None
    assert year_of("２０２６") == 2026 and year_of("2026年") == 2026
    for bad in ("26", "1999", "2101", "二〇二六"):
        assert year_of(bad) == "年度应为 2000–2100 之间的年份,如 2026"
