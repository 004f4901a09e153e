"""Random text with brackets, markup tags, backslashes, emoji and right-to-left marks into
the search box and a note: the app keeps running and shows and stores it as typed.

Emoji and format characters cannot be sent as key presses by Pilot (a terminal delivers
them as a paste or as text): the text is pasted into the focused box, then an ASCII tail
is typed key by key."""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.widgets import Input, TextArea

from tui.app.checklist_view import ChecklistView
from tui.app.detail import DetailPane
from tui.store import Store

from .type_keys import type_text

SIZE = (120, 36)
PIECES = st.sampled_from(
    [
        "[",
        "]",
        "[/b]",
        "[b]",
        "\\",
        "\\[",
        "=",
        "/",
        "😀",
        "👍🏽",
        "\u200f",
        "\u202e",
        "\u200e",
        "中",
        "文",
        "a",
        "1",
        " ",
        "[link=x]",
        "[/link]",
        "[@click=app.quit]",
        "[/]",
    ]
)
TEXT = st.lists(PIECES, min_size=1, max_size=8).map("".join)
TAIL = st.sampled_from(["", "[/b]", "]", "[red]", "\\"])


async def type_into(pilot, box: Input | TextArea, text: str, tail: str) -> None:
    assert box.has_focus
    pilot.app.post_message(events.Paste(text))  # as a terminal delivers it: to the app, forwarded to the focus
    await pilot.pause()
    if tail:
        await type_text(pilot, tail)


# 10 random texts, each typed into an app (15 before issue #24 asked for a 5-minute test run)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, tail=TAIL)
def test_random_text_in_search_and_note(make_app, work_db, text, tail):
    typed = text + tail

    async def scenario() -> str:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            item = app.screen.query_one(ChecklistView).current.id
            await pilot.press("n")
            area = app.screen.query_one("#editor-text", TextArea)
            area.clear()  # the note of an earlier example (the database is shared): replaced
            await type_into(pilot, area, text, tail)
            assert app.screen.query_one("#editor-text", TextArea).text == typed
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.is_running and app.crash is None
            if typed.strip():
                assert f"备注:{typed.strip()}\n" in str(app.screen.query_one(DetailPane).text)
            await pilot.press("slash")
            await pilot.pause()
            box = app.screen.query_one("#search", Input)
            await type_into(pilot, box, text, tail)
            await pilot.pause()
            assert app.is_running and app.crash is None
            assert box.value == typed
            if typed.strip():
                assert f"搜索:{typed.strip()}(" in str(app.screen.query_one("#topbar").render())
            await pilot.press("enter")
            await pilot.pause()
            assert app.is_running and app.crash is None
        app.session.store.close()
        return item

    item = asyncio.run(scenario())
    with Store(work_db, readonly=True) as store:
        assert store.entry("渝中区", item).note == (typed.strip() or None)
