"""Typing a text into the focused box key by key, as `pilot.press(*text)` does, in one go.

`pilot.press` waits for the app to look idle after every key (two waits of at least 20 ms,
far more on a busy machine: about 0.15 s a key on 2 shared cores), which made typing a path
or a few markup strings cost seconds. Here every character becomes the same `Key` event
Pilot sends (same key name, same character), posted to the app in order, as a terminal's
keys arrive; then we wait until the app has forwarded them all and the focused widget has
handled them all (a callback queued behind them in each queue), then for the screen to settle
as `pilot.pause()` does. Only for printable text typed into one focused widget: keys that open
a dialog or move the focus still go through `pilot.press`."""

from __future__ import annotations

import asyncio
import unicodedata

from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key


def key_event(character: str) -> events.Key:
    """The event `pilot.press(character)` sends (textual.app.App._press_keys)."""
    key = character if character.isalnum() else _character_to_key(character)
    original = REPLACED_KEYS.get(key, key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def type_text(pilot, text: str) -> None:
    """Type `text` into the focused widget, then wait until it and the screen have handled it."""
    app = pilot.app
    target = app.focused
    assert target is not None, "nothing has the focus to type into"
    for character in text:
        event = key_event(character)
        event.set_sender(app)
        app.post_message(event)
    handled = asyncio.Event()
    # behind the keys in the app's queue: each key is by then in the queue of the focused widget
    app.call_later(lambda: target.call_later(handled.set))
    await asyncio.wait_for(handled.wait(), timeout=60)
    assert app.focused is target, f"typing {text!r} moved the focus to {app.focused!r}"
    await pilot.pause()  # what the widget posted (Changed…) handled, the screen refreshed


async def fill_boxes(pilot, *texts: str) -> None:
    """Type each text into the next box of a form, pressing Tab between them, as a person fills
    工作要求, 责任科室 and 责任人."""
    for n, text in enumerate(texts):
        if n:
            await pilot.press("tab")
        await type_text(pilot, text)
