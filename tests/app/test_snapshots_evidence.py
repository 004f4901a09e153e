"""Snapshots of the evidence screen, the full history, the export dialogs and the review
drill-down; as-of date, times and user names pinned (written into the copy's rows)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tui.store import Store

from .test_snapshots import no_blink, press_then_still, press_wait_then_still

UNIT = "渝中区"
URL = "https://www.cqyz.gov.cn/zwgk/gfxwj/"
FOLDER = Path("/home/张三/Documents/gongkai-tui")


def pin_times(work_db) -> None:
    with sqlite3.connect(work_db) as conn:
        conn.execute("UPDATE evidence SET added_at = '2021-06-01T14:03:27'")
        conn.execute("UPDATE history SET at = '2021-06-0' || (1 + id % 9) || 'T09:30:00', os_user = '张三'")


@pytest.fixture
def with_evidence(work_db):
    with Store(work_db) as store:
        item = store.checklist(UNIT)[0].id
        store.add_evidence(UNIT, item, URL, caption="区政府网站规范性文件栏目")
    with sqlite3.connect(work_db) as conn:  # a file recorded on another office's machine: 不在本机
        conn.execute(
            "INSERT INTO evidence (doc, item_id, unit, kind, value, caption, added_at)"
            " SELECT doc, item_id, unit, 'file', '/不在本机/2021年规范性文件目录.xlsx', '', added_at"
            " FROM evidence LIMIT 1"
        )
    with Store(work_db) as store:
        store.add_evidence(UNIT, item, "https://www.cqyz.gov.cn/zwgk/zfxxgkml/")
        store.remove_evidence(UNIT, item, 2)
        for note in ("已梳理", "已在政府网站公开"):
            store.set_fields(UNIT, item, {"note": note})
        store.set_evidence_caption(UNIT, item, 1, "目录(纸质件已归档)")
    pin_times(work_db)
    return work_db


@pytest.fixture
def pinned_folder(monkeypatch):
    monkeypatch.setattr("tui.app.export_dialog.default_folder", lambda: FOLDER)
    monkeypatch.setattr("tui.app.export_dialog.remembered_folder", lambda: FOLDER)
    monkeypatch.setattr("tui.app.export_dialog.remembered_layout", lambda choices: "上报版")


@pytest.mark.parametrize("size", [(120, 36), (80, 24), (200, 50)])
def test_evidence_screen(snap_compare, make_app, with_evidence, size):
    assert snap_compare(make_app(UNIT), terminal_size=size, run_before=press_wait_then_still("i"))


@pytest.mark.parametrize("size", [(120, 36), (80, 24), (200, 50)])
def test_history_screen(snap_compare, make_app, with_evidence, size):
    assert snap_compare(make_app(UNIT), terminal_size=size, run_before=press_then_still("h"))


@pytest.mark.parametrize("size", [(120, 36), (80, 24), (200, 50)])
def test_export_dialog(snap_compare, make_app, pinned_folder, size):
    assert snap_compare(make_app(UNIT), terminal_size=size, run_before=press_then_still("E"))


def test_exported_message(snap_compare, make_app):
    from tui.app.export_dialog import ExportedDialog

    async def run(pilot) -> None:
        await pilot.app.push_screen(ExportedDialog(str(FOLDER / "渝中区-2021年政务公开任务清单-20210801.xlsx")))
        await no_blink(pilot)

    assert snap_compare(make_app(UNIT), terminal_size=(80, 24), run_before=run)


@pytest.mark.parametrize("size", [(120, 36), (200, 50), (80, 24)])
def test_review_drill_down(snap_compare, make_app, work_db, size):
    with Store(work_db) as store:
        store.mark_done(UNIT, "1.3.3-1", [URL], note="已在政府网站公开", today=dt.date(2021, 6, 30))
        store.set_status(UNIT, ["1.3.3-2"], "不适用", "本区无此事项")
    pin_times(work_db)

    async def run(pilot) -> None:
        await pilot.press("L")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        table = pilot.app.screen.query_one("DataTable")
        table.move_cursor(row=table.get_row_index(UNIT), column=3)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await no_blink(pilot)

    assert snap_compare(make_app("市财政局"), terminal_size=size, run_before=run)


def test_detail_pane_history(snap_compare, make_app, with_evidence):
    """The pane's history: newest first, readable evidence changes, `h` for all of it."""
    assert snap_compare(make_app(UNIT), terminal_size=(200, 50), run_before=no_blink)
