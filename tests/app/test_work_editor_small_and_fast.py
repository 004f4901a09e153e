"""The `w` editor (工作要求 / 责任科室 / 责任人) on a small terminal and under fast hands
(issue #21 point 12): at 80×24 every box is on screen and usable, and keys that arrive in
one burst — as a terminal delivers fast typing — land each in the box they were typed for,
whatever Tab, Shift+Tab or Enter among them moved the focus.

Update the snapshots after an intended change with
`pytest tests/app/test_work_editor_small_and_fast.py --snapshot-update`."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from tui.app.dialogs import WorkDialog
from tui.store import Store

from .conftest import AS_OF_2022
from .test_snapshots import no_blink

from .type_keys import type_text

SMALL = (80, 24)
REF_2022_ITEM = "1.1.3-1"  # its 往年参考 is REF_2021: the dialog shows the Ctrl+L line


def work(work_db, item, unit="渝中区"):
    with Store(work_db, readonly=True) as store:
        e = {e.id: e for e in store.checklist(unit)}[item]
    return e.requirement, e.office, e.person


def burst(app, keys) -> None:
    """Every key posted at once, as a terminal delivers fast typing: nothing runs in between."""
    for key in keys:
        character = {"tab": "\t", "enter": "\r"}.get(key, key if len(key) == 1 else None)
        app._driver.send_message(events.Key(key, character))


async def settle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()


def open_on(item: str | None):
    async def run(pilot) -> None:
        await pilot.pause()
        if item is not None:
            checklist = pilot.app.screen.checklist
            checklist.cursor = [e.id for e in checklist.entries].index(item)
            await pilot.pause()
        await pilot.press("w")
        await no_blink(pilot)

    return run


def test_work_editor_at_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=open_on(None))


def test_work_editor_with_last_year_line_at_80x24(snap_compare, make_app, two_docs):
    assert snap_compare(make_app("渝中区", AS_OF_2022), terminal_size=SMALL, run_before=open_on(REF_2022_ITEM))


async def test_every_box_is_on_screen_at_80x24_and_the_last_one_saves(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        item = app.screen.checklist.current.id
        await pilot.press("w")
        dialog = app.screen
        assert isinstance(dialog, WorkDialog)
        inside = dialog.query_one(".dialog").content_region
        for key, _ in WorkDialog.FIELDS:
            box = dialog.query_one(f"#work-{key}")
            assert inside.contains_region(box.region), key
        await pilot.press("tab", "tab")
        await type_text(pilot, "王芳")
        assert dialog.focused is dialog.query_one("#work-person", Input)
        await pilot.press("enter")  # Enter in the last box saves
        await pilot.pause()
        assert not isinstance(app.screen, WorkDialog)
    assert work(work_db, item) == (None, None, "王芳")


BURSTS = {
    "Tab moves on at once": ([*"每月公开", "tab", *"办公室", "tab", *"王芳", "ctrl+s"], ("每月公开", "办公室", "王芳")),
    "Enter in 工作要求 starts a line; Shift+Tab goes back at once": (
        [*"公开", "enter", *"复核", "tab", "tab", *"王芳", "shift+tab", *"办公室", "ctrl+s"],
        ("公开\n复核", "办公室", "王芳"),
    ),
    "Enter in 责任科室 moves on at once, in 责任人 saves with the keys typed before it": (
        ["tab", *"办公室", "enter", *"王芳", "enter"],
        (None, "办公室", "王芳"),
    ),
}


@pytest.mark.parametrize("keys, saved", BURSTS.values(), ids=BURSTS.keys())
async def test_a_burst_lands_each_text_in_its_own_box(make_app, work_db, keys, saved):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        item = app.screen.checklist.current.id
        await pilot.press("w")
        burst(app, keys)
        await settle(pilot)
        assert not isinstance(app.screen, WorkDialog)
    assert work(work_db, item) == saved
