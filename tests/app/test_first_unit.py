"""`gongkai-tui` without --unit: in a terminal it asks for the unit (the picker of `u`) and opens
its checklist; without a terminal it prints the help, as before."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import tui.app.first_unit as first_unit
import tui.app.run as app_run
import tui.launch as launch
import tui.start_app as start_app
from tui.app.first_unit import PICK_TITLE, FirstUnitApp
from tui.app.unit_picker import UnitPicker
from tui.store import Store

from tests.cli_helpers import invoke

from .type_keys import type_text


async def test_the_picker_returns_the_unit_chosen(work_db):
    with Store(work_db, readonly=True) as store:
        app = FirstUnitApp(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, UnitPicker)
            assert PICK_TITLE in str(app.screen.query_one(".dialog-title").render())
            await type_text(pilot, "yzq")
            await pilot.press("enter")
            await pilot.pause()
        assert app.return_value == "渝中区"


async def test_esc_in_the_picker_opens_nothing(work_db):
    with Store(work_db, readonly=True) as store:
        app = FirstUnitApp(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        assert app.return_value is None


@pytest.fixture
def in_a_terminal(monkeypatch):
    """A terminal on stdin; the picker answers 渝中区; run_app records what it was asked to open."""
    opened = []
    monkeypatch.setattr(start_app, "has_terminal", lambda: True)
    monkeypatch.setattr(first_unit, "pick_unit", lambda store: "渝中区")
    monkeypatch.setattr(app_run, "run_app", lambda store, unit, when: (opened.append(unit), store.close(), 0)[2])
    return opened


def test_no_unit_in_a_terminal_asks_then_opens(work_db, in_a_terminal):
    args = launch.app_arguments(["--db", str(work_db)])  # what the console script does
    assert args == {"db": str(work_db)}
    assert launch.open_app(**args) == 0
    assert in_a_terminal == ["渝中区"]


def test_no_unit_through_typer_asks_too(work_db, in_a_terminal):
    result = invoke("--db", work_db, "--doc", "2021")
    assert result.exit_code == 0, result.output
    assert in_a_terminal == ["渝中区"]
    assert "用法" not in result.output  # was: the help


def test_esc_exits_0_opening_nothing(work_db, monkeypatch):
    opened = []
    monkeypatch.setattr(start_app, "has_terminal", lambda: True)
    monkeypatch.setattr(first_unit, "pick_unit", lambda store: None)
    monkeypatch.setattr(app_run, "run_app", lambda *a: opened.append(a) or 0)
    assert launch.open_app(None, str(work_db)) == 0
    assert opened == []


def test_no_unit_without_a_terminal_prints_the_help(work_db, tmp_path):
    code = "import sys; sys.argv[0] = 'gongkai-tui'; from tui.launch import run; run()"
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-c", code, "--db", str(work_db)],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("用法:gongkai-tui [选项] 命令 [命令的参数和选项]")
