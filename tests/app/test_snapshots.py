"""Snapshots of every screen at fixed sizes, as-of date pinned, Chinese text on screen.

Update after an intended change with `pytest tests/app/test_snapshots.py --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, TextArea

from .conftest import AS_OF_2022


async def no_blink(pilot) -> None:
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def press_then_still(*keys):
    async def run(pilot) -> None:
        await pilot.press(*keys)
        await no_blink(pilot)

    return run


def press_wait_then_still(*keys):
    """Keys whose screen comes from a worker (the document picker)."""

    async def run(pilot) -> None:
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await no_blink(pilot)

    return run


@pytest.mark.parametrize("unit", ["各区县政府", "市教委"])
@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_main_screen(snap_compare, make_app, unit, size):
    assert snap_compare(make_app(unit), terminal_size=size, run_before=no_blink)


def test_main_screen_wide(snap_compare, make_app):
    assert snap_compare(make_app("市财政局"), terminal_size=(200, 50), run_before=no_blink)


def test_help_screen(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=press_then_still("question_mark"))


@pytest.mark.parametrize("key", ["d", "x", "e", "n", "w", "u"])
def test_dialogs(snap_compare, make_app, key):
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=press_then_still(key))


def paste_note_then_still(pilot_keys=("n",)):
    """The note editor with a three-line paste in it (every line kept)."""

    async def run(pilot) -> None:
        await pilot.press(*pilot_keys)
        await pilot.pause()
        pilot.app.post_message(events.Paste("第一行:已报送区政府办\n第二行:6月10日公开\n第三行:待复核"))
        await no_blink(pilot)

    return run


@pytest.mark.parametrize("size", [(120, 36), (80, 24), (200, 50)])
def test_multiline_note_editor(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=paste_note_then_still())


@pytest.mark.parametrize("size", [(120, 36), (80, 24), (200, 50)])
def test_status_menu(snap_compare, make_app, size):
    assert snap_compare(
        make_app(), terminal_size=size, run_before=press_then_still("s")
    )  # no write: its time would show


def test_evidence_dialog_refuses_bad_input(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=press_then_still("d", *"ftp://x", "enter"))


def test_search_and_marks(snap_compare, make_app):
    assert snap_compare(
        make_app(), terminal_size=(120, 36), run_before=press_then_still("slash", *"规范性文件", "enter", "v")
    )


def test_review_screen(snap_compare, make_app):
    assert snap_compare(make_app("市财政局"), terminal_size=(120, 36), run_before=press_wait_then_still("L"))


# -- several documents in one database (tests/app/conftest.py two_docs) --------


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_two_documents_main_screen(snap_compare, make_app, two_docs, size):
    """The header names the document (2022's, the newest); the detail pane of 1.1.3-1 shows
    its 往年参考 (2021's 1.1.3-2 with 渝中区's progress there) at 120 columns."""
    assert snap_compare(make_app("渝中区", AS_OF_2022), terminal_size=size, run_before=no_blink)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_document_picker(snap_compare, make_app, revised_docs, size):
    """2021's, 2022's original text (已被修订) and its revision (the current one)."""
    assert snap_compare(make_app("渝中区", AS_OF_2022), terminal_size=size, run_before=press_wait_then_still("D"))


def test_copy_reference_confirmation(snap_compare, make_app, two_docs):
    assert snap_compare(make_app("渝中区", AS_OF_2022), terminal_size=(120, 36), run_before=press_then_still("W"))
