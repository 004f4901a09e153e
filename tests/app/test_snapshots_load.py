"""Snapshots of the load dialog (O) with what was read shown: a path under `~` (HOME is the
test's own), the as-of date pinned (tests/app/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual import events

from tests.conftest import ROOT

from .test_snapshots import no_blink

CITY = ROOT / "tests" / "data" / "documents" / "chongqing-2026-city.txt"


def read_then_still(path: str):
    """O, the path pasted, Enter (读取 in a worker), the summary shown."""

    async def run(pilot) -> None:
        await pilot.press("O")
        await pilot.pause()
        pilot.app.post_message(events.Paste(path))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await no_blink(pilot)

    return run


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_load_dialog_with_what_was_read(snap_compare, make_app, tmp_path, size):
    home = Path(tmp_path / "home")
    home.mkdir(exist_ok=True)
    shutil.copyfile(CITY, home / "2026年任务分工.txt")
    assert snap_compare(make_app(), terminal_size=size, run_before=read_then_still("~/2026年任务分工.txt"))
