"""Keys visible at every size, Chinese where Textual speaks English, columns aligned,
toasts drawn whole (issue #13, points 1, 10 and 12)."""

from __future__ import annotations

import errno

import pytest
from rich.text import Text

from tui.app.checklist_view import COLUMNS, ChecklistHeader, ChecklistView, column_widths, layout
from tui.app.key_footer import ESSENTIAL, Key, KeyFooter, choose, key_name
from tui.app.main_screen import MainScreen
from tui.app.topbar import ALWAYS, Part, TopBar, fit_line
from tui.errors_text import chinese, error_text, os_error_text
from tui.textwidth import cells, char_width
from tui.timetext import shown_time

from .type_keys import type_text

SIZES = [(80, 24), (120, 36), (200, 50)]
ENGLISH_KEYS = ("space", "enter", "escape", "esc", "⏎", "^p", "ctrl+", "question_mark", "slash")


def screen_lines(app) -> list[str]:
    """What the terminal shows, line by line (wide characters as one character each)."""
    return ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]


def cell_offset(line: str, needle: str, last: bool = False) -> int:
    return cells(line[: line.rindex(needle) if last else line.index(needle)])


# -- 1. keys --------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["各区县政府", "渝中区"])
@pytest.mark.parametrize("size", SIZES)
async def test_footer_shows_the_essential_keys_in_chinese_at_every_size(make_app, unit, size):
    app = make_app(unit)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        line = footer.render().plain
        assert Text(line).cell_len <= size[0]
        for shown in ("d 完成", "/ 搜索", "f 筛选", "E 导出", "? 帮助", "q 退出"):
            assert shown in line, (size, line)
        assert screen_lines(app)[size[1] - 1].strip() == line.strip()  # on screen, not scrolled away
        for english in ENGLISH_KEYS:
            assert english not in line
        if size[0] >= 120:
            assert "空格 切换状态" in line and "Ctrl+P 命令" in line


async def test_footer_key_names_while_typing_a_search(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        line = app.screen.query_one(KeyFooter).render().plain
        # letters type into the box: the keys that still act are shown, by Chinese names
        assert "F1 帮助" in line and "Ctrl+Z 撤销" in line and "E 导出" not in line
        assert not any(english in line for english in ENGLISH_KEYS)


async def test_the_footer_shows_the_open_dialogs_keys_then_the_screens_again(make_app):
    """Under a dialog the screen's keys do nothing: the line shows the dialog's, in Chinese
    (the command palette's too), and the screen's own once the dialog is closed."""
    from tui.app.dialogs import WorkDialog

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        main = app.screen
        footer = main.query_one(KeyFooter)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WorkDialog)
        line = footer.render().plain
        assert "Esc 取消" in line and "Ctrl+S 保存" in line and "d 完成" not in line
        assert screen_lines(app)[23].strip() == line.strip()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main and "d 完成" in footer.render().plain
        await pilot.press("ctrl+p")
        await pilot.pause()
        line = footer.render().plain
        assert line.strip() == "Esc 关闭命令面板" and not any(english in line for english in ENGLISH_KEYS)
        await pilot.press("escape")
        await pilot.pause()
        assert "q 退出" in footer.render().plain


async def test_a_click_on_a_footer_key_presses_it(make_app):
    from tui.app.dialogs import TextScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        footer.render()
        start = next(s for s, _, key in footer._spans if key == "question_mark")
        await pilot.click(KeyFooter, offset=(start, 0))
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)  # the help screen


def test_key_names():
    assert [
        key_name(k)
        for k in (
            "space",
            "enter",
            "escape",
            "ctrl+p",
            "ctrl+z",
            "shift+tab",
            "question_mark",
            "slash",
            "f1",
            "E",
            "pagedown",
            "z,ctrl+z",
        )
    ] == ["空格", "回车", "Esc", "Ctrl+P", "Ctrl+Z", "Shift+Tab", "?", "/", "F1", "E", "PgDn", "z / Ctrl+Z"]


def test_essential_keys_are_chosen_before_the_rest():
    keys = [
        Key("space", "空格", "切换状态"),
        Key("d", "d", "完成", ident="main.done"),
        Key("x", "x", "不适用"),
        Key("slash", "/", "搜索", ident="main.search"),
        Key("f", "f", "筛选", ident="main.filter"),
        Key("E", "E", "导出", ident="main.export"),
        Key("question_mark", "?", "帮助", ident="main.help"),
        Key("q", "q", "退出", ident="main.quit"),
        Key("ctrl+p", "Ctrl+P", "命令"),
    ]
    assert [k.description for k in choose(keys, 46)] == ["完成", "搜索", "筛选", "导出", "帮助", "退出"]
    assert [k.description for k in choose(keys, 59)] == ["完成", "搜索", "筛选", "导出", "帮助", "退出", "命令"]
    assert [k.description for k in choose(keys, 200)] == [k.description for k in keys]
    assert len(ESSENTIAL) == 6


async def test_every_binding_is_in_help_or_the_palette(make_app):
    """What the Footer has no room for at 80 columns is reachable from the palette."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = {c.title: c for c in app.get_system_commands(app.screen)}
        helps = " ".join(c.help for c in titles.values())
        for b in MainScreen.BINDINGS:
            if b.action in ("quit", "focus_next", "focus_previous"):
                continue
            assert (
                b.description in titles
                or f"按键 {app.get_key_display(b.__class__(b.key.split(',')[0], b.action))}" in helps
            ), b
        assert "退出" in titles
        assert "(按键 d)" in titles["标记完成"].help


async def test_palette_runs_a_command_without_its_own_entry(make_app):
    """多选 has no hand-written palette entry: the palette still offers and runs it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ChecklistView)
        first = view.current.id
        command = {c.title: c for c in app.get_system_commands(app.screen)}["多选"]
        await command.callback()
        await pilot.pause()
        assert first in view.marked


async def test_top_bar_keeps_filter_search_and_selection_at_80_columns(make_app):
    app = make_app("各区县政府")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "f", "f")  # 全部 → 未完成 → 已完成 → 逾期
        await pilot.pause()
        view = app.screen.query_one(ChecklistView)
        assert app.session.filter == "逾期" and view.entries
        await pilot.press("v")
        await pilot.pause()
        bar = app.screen.query_one(TopBar)
        top = screen_lines(app)[0]
        assert "筛选:逾期" in top and "已选 1 条" in top and "各区县政府" in top, top
        assert bar.parts and all(
            p.keep == ALWAYS for p in bar.parts if "筛选" in p.text.plain or "已选" in p.text.plain
        )


def test_top_bar_shortens_other_parts_before_the_asked_ones():
    parts = [
        Part(Text("正在加载全部条目…"), 95),
        Part(Text("重庆市人民政府办公厅电子政务处"), ALWAYS),
        Part(Text("已完成 0/105"), 90),
        Part(Text("逾期 3"), 80),
        Part(Text("截至 2021-08-01"), 10),
        Part(Text("筛选:逾期"), ALWAYS),
        Part(Text("搜索:规范性文件(3 条)"), ALWAYS),
        Part(Text("已选 2 条"), ALWAYS),
    ]
    for width in (78, 60, 50):
        line = fit_line(parts, width).plain
        assert Text(line).cell_len <= width
        assert "筛选:逾期" in line and "已选 2 条" in line, line
    line = fit_line(parts, 50).plain
    assert "…" in line and line.startswith("重庆市")  # the name cut, not left out


# -- 10. Chinese throughout ---------------------------------------------------------


async def test_ctrl_c_asks_in_chinese(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        notes = list(app._notifications)
        assert notes and notes[-1].title == "要退出吗?" and "q" in notes[-1].message
        assert not any("quit" in n.message.lower() or "quit" in n.title.lower() for n in notes)
        assert app.is_running  # Ctrl+C does not quit


async def test_command_palette_in_chinese(make_app):
    from textual.command import CommandInput, CommandList, CommandPalette

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(CommandInput).placeholder == "搜索命令…"
        await pilot.press(*"qqxqzz")
        await pilot.pause(1.0)
        texts = [
            str(o.prompt.renderable if hasattr(o.prompt, "renderable") else o.prompt)
            for o in palette.query_one(CommandList).options
        ]
        assert any("没有匹配的命令" in t for t in texts), texts
        assert not any("No matches" in t for t in texts)


def test_os_errors_in_chinese():
    e = FileNotFoundError(errno.ENOENT, "No such file or directory", "exports")
    assert error_text(e) == "文件或文件夹不存在(exports)"
    assert os_error_text(PermissionError(errno.EACCES, "Permission denied")) == "没有权限"
    assert chinese("导出失败 [Errno 2] No such file or directory: 'exports'") == "导出失败 文件或文件夹不存在(exports)"
    assert chinese("[Errno 28] No space left on device") == "磁盘已满"
    assert chinese("数据库错误:database is locked") == "数据库错误:数据库正被其他程序占用,请稍后再试"
    assert chinese("渝中区 1.1.3-1:已保存") == "渝中区 1.1.3-1:已保存"


async def test_notifications_carry_no_errno_english(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.notify("[Errno 13] Permission denied: '/x/y.xlsx'", title="导出失败", severity="error")
        await pilot.pause()
        assert app._notifications and list(app._notifications)[-1].message == "没有权限(/x/y.xlsx)"


def test_times_shown_without_t_or_seconds():
    assert shown_time("2021-06-01T14:03:22") == "2021-06-01 14:03"
    assert shown_time("2021-06-01 14:03:22.123") == "2021-06-01 14:03"
    assert shown_time("2021-06-01") == "2021-06-01"
    assert shown_time(None) == ""


async def test_detail_pane_times_without_t(make_app, work_db):
    from tui.app.detail import DetailPane

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("d")
        await type_text(pilot, "https://www.cqyz.gov.cn/a")
        await pilot.press("enter")
        await pilot.pause()
        text = app.screen.query_one(DetailPane).text.plain
        stamps = [w for line in text.splitlines() for w in line.split() if w[:2] == "20" and len(w) == 10]
        assert stamps  # the evidence's and the history's dates are shown
        assert "T" not in "".join(
            line for line in text.splitlines() if "→" in line or "https://www.cqyz" in line
        ).replace("https", "")
        import re

        assert re.search(r"20\d\d-\d\d-\d\d \d\d:\d\d(?!:)", text), text


# -- 12. looks --------------------------------------------------------------------


def test_no_column_title_is_cut():
    widths = column_widths(100)
    for (title, _), cell, width in zip(COLUMNS, layout([t for t, _ in COLUMNS], widths), widths):
        assert title in cell and "…" not in cell, (title, cell, width)


@pytest.mark.parametrize(
    "unit, size, keys, scrollbar",
    [
        ("渝中区", (120, 36), (), True),
        ("渝中区", (80, 24), (), True),
        ("市教委", (200, 50), (), True),
        ("各区县政府", (200, 50), ("f", "f", "f"), False),
        ("各区县政府", (120, 36), ("f", "f", "f"), False),
    ],
)
async def test_column_titles_sit_over_their_columns(make_app, unit, size, keys, scrollbar):
    """With and without the list's scrollbar (the 逾期 filter leaves 3 lines)."""
    app = make_app(unit)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        view = app.screen.query_one(ChecklistView)
        assert view.show_vertical_scrollbar is scrollbar
        lines = screen_lines(app)
        header_y = view.region.y - 1
        header, first = lines[header_y], lines[view.region.y]
        assert "角色" in header, (header, lines[:5])
        e = view.entries[0]
        x0 = view.region.x
        assert cell_offset(header, "编号") == cell_offset(first, e.id)
        role = "/".join(r[0] for r in e.roles) if len(e.roles) > 1 else e.roles[0]
        assert cell_offset(header, "角色") == cell_offset(first, role, last=True)
        titles = app.screen.query_one(ChecklistHeader).render_titles(view.scrollable_content_region.width)
        row = "".join(layout(["", "", e.id, "", "", role, "", ""], column_widths(view.scrollable_content_region.width)))
        assert cell_offset(titles, "角色") == cell_offset(row, role, last=True)
        assert cell_offset(header, "角色") - x0 == cell_offset(titles, "角色")
        assert "佐证" in header and "佐…" not in header


LONG = "导出完成:/home/用户/文档/gongkai-tui/渝中区任务清单2021年度第一季度汇总表格文件夹里可以打开查看"


@pytest.mark.parametrize("size", SIZES + [(110, 30), (150, 40)])
async def test_toast_drawn_whole_while_the_list_repaints(make_app, size):
    """Wide characters of a toast straddling a widget edge under it were drawn blank."""
    from textual.widgets._toast import Toast

    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        app.notify(LONG, timeout=30)
        await pilot.pause(0.6)
        await pilot.press("down", "down", "pagedown")
        await pilot.pause(0.6)
        toast = app.screen.query_one(Toast).region
        lines = screen_lines(app)
        shown = ""
        for y in range(toast.y, toast.bottom):
            line, x, cells = lines[y], 0, []
            for ch in line:  # the characters within the toast's columns
                if toast.x <= x < toast.right:
                    cells.append(ch)
                x += char_width(ch)
            shown += "".join(cells)
        assert LONG.replace(" ", "") in shown.replace(" ", "").replace("▌", ""), shown


@pytest.mark.parametrize("width", [120, 160])
async def test_assign_and_rollup_are_on_the_key_line_from_120_columns(make_app, width):
    """A and R, the way into 分解 and 汇总, are on the key line from 120 columns (not at 80,
    where the essential keys need the room), with the essential ones and the palette; v and V,
    which choose what A assigns, from 160."""
    app = make_app("渝中区")
    async with app.run_test(size=(width, 36)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(KeyFooter).render().plain
        assert Text(line).cell_len < width
        for shown in ("A 分解给下级", "R 分解汇总", "d 完成", "E 导出", "q 退出", "Ctrl+P 命令", "空格 切换状态"):
            assert shown in line, line
        assert ("v 多选" in line and "V 全选/全不选" in line) == (width >= 160), line
    async with make_app("渝中区").run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "A 分解给下级" not in pilot.app.screen.query_one(KeyFooter).render().plain
