"""z / Ctrl+Z and Ctrl+Y in the app never overwrite another window's later change, and
never undo what a restore took away (issue 21 items 2 and 3): refused with a message
naming who changed what and when, the database as the other writer left it, and the
refused step off the undo stack (z goes on to the step before)."""

from __future__ import annotations

import datetime as dt

from tui.app.checklist_view import ChecklistView
from tui.store import Store
from tui.store.backup import backup, restore

from .test_flows import SIZE, URL, entries, evidence_values

UNIT = "渝中区"
DAY = dt.date(2026, 11, 30)


def as_other_user(monkeypatch) -> None:
    for var in ("USERNAME", "LOGNAME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("USER", "科员乙")


async def keys(pilot, *pressed: str) -> None:
    await pilot.press(*pressed)
    await pilot.pause()


def errors(app, title: str) -> list[str]:
    return [n.message for n in app._notifications if n.title == title]


async def test_z_after_the_cli_changed_the_note_is_refused(make_app, work_db, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await keys(pilot, "n", "A", "ctrl+s")
        assert entries(work_db)[item].note == "A"
        as_other_user(monkeypatch)
        with Store(work_db) as cli:  # `gongkai-tui done ITEM --note B` in another terminal
            cli.mark_done(UNIT, item, note="B", source="cli", today=DAY)
        await keys(pilot, "z")
        [message] = errors(app, "未撤销")
        assert message.startswith(f"无法撤销:条目 {item} 的备注现为「B」,是 科员乙 在 ")
        assert "通过命令行改的" in message and message.endswith("未做任何改动")
        await keys(pilot, "z")  # the refused step is off the stack
        assert "没有可撤销的操作" in [n.message for n in app._notifications]
    e = entries(work_db)[item]
    assert (e.note, e.status, e.done_date) == ("B", "已完成", DAY.isoformat())


async def test_ctrl_z_after_the_cli_marked_done_leaves_the_row_whole(make_app, work_db, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await keys(pilot, "space")
        assert entries(work_db)[item].status == "推进中"
        as_other_user(monkeypatch)
        with Store(work_db) as cli:
            cli.mark_done(UNIT, item, [URL], source="cli", today=DAY)
        await keys(pilot, "ctrl+z")
        [message] = errors(app, "未撤销")
        assert f"条目 {item} 的完成情况现为「已完成」" in message and "科员乙" in message
    e = entries(work_db)[item]
    assert (e.status, e.done_date) == ("已完成", DAY.isoformat())  # never 未开始 with the CLI's date
    assert evidence_values(work_db, UNIT, item) == [URL]


async def test_ctrl_y_after_another_change_is_refused(make_app, work_db, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await keys(pilot, "n", "A", "ctrl+s")
        await keys(pilot, "z")
        assert entries(work_db)[item].note is None
        as_other_user(monkeypatch)
        with Store(work_db) as cli:
            cli.set_fields(UNIT, item, {"note": "C"}, source="cli")
        await keys(pilot, "ctrl+y")
        [message] = errors(app, "未重做")
        assert message.startswith(f"无法重做:条目 {item} 的备注现为「C」")
    assert entries(work_db)[item].note == "C"


async def test_z_after_a_restore_leaves_the_cli_write_alone(make_app, work_db, tmp_path, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        mine, other = view.entries[0].id, view.entries[1].id
        saved = backup(work_db, tmp_path / "saved.sqlite")
        await keys(pilot, "space")  # action N
        restore(work_db, saved)
        as_other_user(monkeypatch)
        with Store(work_db) as cli:  # a CLI `done` on another item after the restore
            cli.mark_done(UNIT, other, [URL], note="命令行", source="cli", today=DAY)
        await keys(pilot, "z")
        [message] = errors(app, "未撤销")
        assert "这一步的修改记录已不在数据库中" in message
    e = entries(work_db)[other]
    assert (e.status, e.note, e.done_date) == ("已完成", "命令行", DAY.isoformat())
    assert evidence_values(work_db, UNIT, other) == [URL]
    assert entries(work_db)[mine].status == "未开始"
