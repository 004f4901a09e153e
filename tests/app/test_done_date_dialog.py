"""`d` asks for 佐证材料 and 完成时间 (prefilled with the date recorded, or today — pinned to
TODAY in these tests): the date in every form the CLI and the import accept, a doubtful
one confirmed first, a changed date through `d` again; evidence pasted as people paste it
(a quoted path, a file:// URL, a Windows path) and a link with a bidi control refused."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from textual.widgets import Input

from tui.app.checklist_view import ChecklistView
import tui.store.evidence as store_evidence
from tui.app.dialogs import ConfirmDialog, TextPrompt
from tui.app.hashing import HashingBar
from tui.app.done_dialog import DonePrompt
from tui.datetext import ACCEPTED
from tui.store import Store

from .conftest import TODAY
from .test_typing_and_focus import paste
from .type_keys import type_text

SIZE = (120, 36)
URL = "https://www.cqyz.gov.cn/zwgk/a.html"


def state(work_db, item):
    with Store(work_db, readonly=True) as store:
        e = store.entry("渝中区", item)
        return (
            e.status,
            e.done_date,
            [(r["value"], r["size"], r["sha256"] is not None) for r in store.evidence("渝中区", item)],
        )


async def type_date(pilot, text: str) -> None:
    """Tab into 完成时间 (its text is selected on focus) and type over it."""
    await pilot.press("tab")
    await type_text(pilot, text)


async def test_the_dialog_offers_today_and_saves_it(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("d")
        assert isinstance(app.screen, DonePrompt)
        assert app.screen.query_one("#done-date", Input).value == TODAY.isoformat()
        await type_text(pilot, URL)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, TextPrompt)
    assert state(work_db, item) == ("已完成", TODAY.isoformat(), [(URL, None, False)])


DATE_FORMS = ["2021-07-15", "2021年7月15日", "2021.7.15", "2021/07/15", "２０２１/７/１５"]


async def test_a_date_in_every_form(make_app, work_db):
    """Each form on an item of its own in one app: the forms are independent (one app start, not five)."""
    app = make_app()
    items: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        for typed in DATE_FORMS:
            item = app.screen.query_one(ChecklistView).current.id
            assert item not in items.values(), typed
            items[typed] = item
            await pilot.press("d")
            await type_text(pilot, URL)
            await type_date(pilot, typed)
            await pilot.press("enter")
            await pilot.pause()
            assert app.crash is None, typed
            assert not isinstance(app.screen, TextPrompt), (typed, str(app.screen.query_one("#prompt-error").render()))
            await pilot.press("down")
    assert {typed: state(work_db, item)[:2] for typed, item in items.items()} == {
        typed: ("已完成", "2021-07-15") for typed in DATE_FORMS
    }


async def test_what_is_no_date_is_refused_in_the_dialog(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("d")
        await type_date(pilot, "7/15")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DonePrompt)
        error = str(app.screen.query_one("#prompt-error").render())
        assert "完成时间「7/15」不是日期" in error and ACCEPTED in error
        assert app.screen.focused is app.screen.query_one("#done-date")
        await pilot.press("escape")
        await pilot.pause()
    assert state(work_db, item) == ("未开始", None, [])


@pytest.mark.parametrize(
    "typed, why", [("2021-08-03", "晚于今天(2021-08-02)"), ("2021-05-01", "早于任务分工的成文日期(2021-05-16)")]
)
async def test_a_doubtful_date_is_confirmed_first(make_app, work_db, typed, why):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("d")
        await type_date(pilot, typed)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert why in str(app.screen.body)
        await pilot.press("n")  # back to the dialog, the date to change
        await pilot.pause()
        assert isinstance(app.screen, DonePrompt)
        assert state(work_db, item) == ("未开始", None, [])
        await pilot.press("enter", "y")
        await pilot.pause()
        assert not isinstance(app.screen, (DonePrompt, ConfirmDialog))
    assert state(work_db, item)[:2] == ("已完成", typed)


async def test_d_again_changes_the_date_and_keeps_the_evidence(make_app, work_db):
    with Store(work_db) as store:
        item = store.checklist("渝中区")[0].id
        store.mark_done("渝中区", item, [URL], done_date=dt.date(2021, 7, 1))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert app.screen.query_one("#done-date", Input).value == "2021-07-01"
        await type_date(pilot, "2021年7月20日")
        await pilot.press("enter")
        await pilot.pause()
        assert any("完成时间 2021-07-20" in n.message for n in app._notifications)
        await pilot.press("z")  # one undo step gives the old date back
        await pilot.pause()
        assert state(work_db, item) == ("已完成", "2021-07-01", [(URL, None, False)])
        await pilot.press("ctrl+y")
        await pilot.pause()
    assert state(work_db, item) == ("已完成", "2021-07-20", [(URL, None, False)])


@pytest.mark.parametrize("keys", [("3",), ("space", "space"), ("s", "enter")])
async def test_the_status_keys_say_the_date_and_how_to_change_it(make_app, work_db, keys):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        if keys[0] == "s":  # the menu: down to 已完成
            await pilot.press("s", "down", "down")
        await pilot.press(*(k for k in keys if k != "s"))
        await pilot.pause()
        today = dt.date.today().isoformat()
        assert any(n.message == f"已完成,完成时间 {today}(按 d 可修改)" for n in app._notifications)
        await pilot.press("d")
        assert app.screen.query_one("#done-date", Input).value == today
    assert state(work_db, item)[:2] == ("已完成", today)


async def test_the_date_goes_with_a_file_hashed_in_the_worker(make_app, work_db, tmp_path, monkeypatch):
    path = tmp_path / "通知 2021.pdf"
    path.write_bytes(b"%PDF notice")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("d")
        await paste(pilot, f"'{path}' ")  # as a file manager drops it
        await type_date(pilot, "2021.7.9")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.crash is None
    assert state(work_db, item) == ("已完成", "2021-07-09", [(str(path), path.stat().st_size, True)])


async def test_the_date_box_fits_at_80_by_24(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        box = app.screen.query_one("#done-date", Input).region
        assert box.height >= 1 and box.bottom <= 24 and box.right <= 80


# -- evidence as people paste it, through e -----------------------------------------


@pytest.mark.parametrize("form", ["quoted", "file_url", "escaped"])
async def test_e_takes_a_pasted_path(make_app, work_db, tmp_path, form):
    path = tmp_path / "材料 2021" / "通知 2021.pdf"
    path.parent.mkdir()
    path.write_bytes(b"%PDF notice")
    text = {"quoted": f"'{path}'", "file_url": path.as_uri(), "escaped": str(path).replace(" ", "\\ ")}[form]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("e")
        await paste(pilot, text)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, TextPrompt), str(app.screen.query_one("#prompt-error").render())
    assert state(work_db, item)[2] == [(str(path), path.stat().st_size, True)]


async def test_e_keeps_a_windows_path_as_not_on_this_machine(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("e")
        await paste(pilot, "D:\\材料\\通知.pdf")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, TextPrompt)
    assert state(work_db, item)[2] == [("D:\\材料\\通知.pdf", None, False)]


async def test_e_refuses_a_link_with_a_bidi_control(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("e")
        await paste(pilot, "https://x.example/\u202egpj.exe")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        assert "第 19 个字符是看不见的文字方向控制符 U+202E" in str(app.screen.query_one("#prompt-error").render())
    assert state(work_db, item)[2] == []


async def test_e_does_not_read_a_file_from_the_limit_on_and_says_so(make_app, work_db, tmp_path, monkeypatch):
    big = tmp_path / "录像.mp4"
    with big.open("wb") as f:
        f.truncate(2**31)  # sparse: 2 GB that take no disk
    monkeypatch.setattr(store_evidence, "hashlib", SimpleNamespace(sha256=lambda: pytest.fail("the big file was read")))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("e")
        await paste(pilot, str(big))
        await pilot.press("enter")
        assert not list(app.screen.query(HashingBar))  # nothing to wait for
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(
            n.message == "已添加佐证材料(文件大于 1 GB,只记下大小和添加时间,不计算校验值)" for n in app._notifications
        )
    assert state(work_db, item)[2] == [(str(big), 2**31, False)]


async def test_several_marked_items_take_one_date(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        first = view.current.id
        await pilot.press("v", "v")
        ids = sorted(view.marked)
        assert len(ids) == 2 and first in ids
        await pilot.press("d")
        assert isinstance(app.screen, DonePrompt) and not app.screen.query("#prompt-input")
        assert app.screen.focused is app.screen.query_one("#done-date")
        await type_text(pilot, "2021/7/15")
        await pilot.press("enter")
        await pilot.pause()
        assert any(n.message == "2 条已标记完成,完成时间 2021-07-15" for n in app._notifications)
        await pilot.press("z")  # one undo step for all
        await pilot.pause()
        assert [state(work_db, i)[:2] for i in ids] == [("未开始", None)] * 2
        await pilot.press("ctrl+y")
        await pilot.pause()
    assert [state(work_db, i)[:2] for i in ids] == [("已完成", "2021-07-15")] * 2
