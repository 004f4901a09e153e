"""Interaction latency: from key press to the screen painted, in a Pilot session.

The time is taken at the app's last paint after the key, not when Pilot returns,
so Pilot's own waiting is not counted. A paint counts only if it changed what is on
screen: Textual often paints a second time one frame (~20 ms) later, when a widget
marked dirty during the layout (the scrollbar, whose new thumb the first paint already
shows) asks again, and Pilot's `pause()` forces a full repaint of its own. Neither
shows the user anything new; counting them measured Textual's frame timer, not the key.
Only paints made before `press` returns count (it returns once the app is idle)."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from pathlib import Path


async def _measure(db: Path, unit: str, repeats: int) -> dict[str, list[float]]:
    from tui.app.run import build_app

    app = build_app(db, unit, dt.date(2099, 6, 1))
    paints: list[float] = []
    shown_units: list[tuple[float, str]] = []  # (paint time, unit on screen)
    display = app._display
    last_screen = [0]

    def spy(screen, renderable) -> None:
        display(screen, renderable)
        now = time.perf_counter()  # before the comparison below, which costs a few ms
        shown = hash(tuple(tuple(strip) for strip in screen._compositor.render_strips()))
        if shown != last_screen[0]:  # something new on screen
            last_screen[0] = shown
            paints.append(now)
        shown_units.append((now, app.session.unit))

    app._display = spy
    out: dict[str, list[float]] = {"搜索按键": [], "状态切换": [], "筛选切换": [], "单位切换": []}
    loaded: list[float] = []  # unit switch: until every line of the new unit is loaded (reference)

    async def timed(name: str, *keys: str) -> None:
        paints.clear()
        start = time.perf_counter()
        await pilot.press(*keys)
        painted = list(paints)  # the app's own paints; pause() below forces one more
        await pilot.pause()
        if painted:
            out[name].append((painted[-1] - start) * 1000)

    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("slash")
            await pilot.pause()
            words = "政务公开栏目信息"
            for i in range(repeats):
                await timed("搜索按键", words[i % len(words)])
                if i % len(words) == len(words) - 1:
                    await pilot.press("ctrl+u")
            await pilot.press("escape")
            main = app.screen
            view = main.checklist  # on a 未开始 line: 推进中 and back discard nothing, so nothing asks
            view.cursor = next(i for i, e in enumerate(view.entries) if e.status == "未开始" and not e.evidence_count)
            await pilot.pause()
            for i in range(repeats):  # 推进中 and back: the keys that set a status without asking
                await timed("状态切换", "2" if i % 2 == 0 else "1")
            _still_on(app, main, "状态切换")
            for _ in range(repeats):
                await timed("筛选切换", "f")
            _still_on(app, main, "筛选切换")
            for i in range(repeats):
                # the picker opens, takes the name and closes: time only the switch itself,
                # up to the first paint that shows the new unit (a large checklist shows its
                # first lines at once and loads the rest in a worker: timed separately)
                target = "渝北区" if i % 2 == 0 else unit
                await pilot.press("u", *target)
                await pilot.pause()
                shown_units.clear()
                start = time.perf_counter()
                await pilot.press("enter")
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                first = next((t for t, u in shown_units if u == target), None)
                if first is not None:
                    out["单位切换"].append((first - start) * 1000)
                    loaded.append((shown_units[-1][0] - start) * 1000)
    finally:
        app.session.store.close()
    out["单位切换(全部载入)"] = loaded
    return out


def _still_on(app, screen, what: str) -> None:
    """A dialog opened by a key would swallow the keys after it, and nothing measured
    would say so: stop instead."""
    if app.screen is not screen:
        raise RuntimeError(f"{what}:按键打开了 {type(app.screen).__name__},测量无效")


def measure(db: Path, unit: str, repeats: int) -> dict[str, list[float]]:
    return asyncio.run(_measure(db, unit, repeats))


async def _review(db: Path, lead: str, repeats: int) -> tuple[list[float], int, int]:
    """L pressed by a lead unit: ms until the screen that shows the filled review table
    is painted; with the number of rows led and of units in the table."""
    from textual.widgets import DataTable

    from tui.app.review_screen import ReviewScreen
    from tui.app.run import build_app

    app = build_app(db, lead, dt.date(2099, 6, 1))
    filled: list[float] = []
    display = app._display

    def spy(screen, renderable) -> None:
        display(screen, renderable)
        if isinstance(app.screen, ReviewScreen) and app.screen.rows is not None:
            filled.append(time.perf_counter())

    app._display = spy
    times: list[float] = []
    rows = units = 0
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()  # the rest of the checklist: not part of L
            for _ in range(repeats):
                filled.clear()
                start = time.perf_counter()
                await pilot.press("L")
                while not filled and time.perf_counter() - start < 30:
                    await pilot.pause(0.005)
                if not filled:
                    raise RuntimeError("牵头检查:30 秒内没有显示")
                times.append((filled[0] - start) * 1000)
                rows, units = len(app.screen.rows), app.screen.query_one(DataTable).row_count
                await pilot.press("escape")
                await pilot.pause()
    finally:
        app.session.store.close()
    return times, rows, units


def review(db: Path, lead: str, repeats: int) -> tuple[list[float], int, int]:
    return asyncio.run(_review(db, lead, repeats))
