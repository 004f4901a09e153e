"""Undo and redo never overwrite what another window, the CLI or an import changed since
(DESIGN §3 History, issue 21 item 3): the whole action is refused, naming who changed the
field and when, and the row is left as the other writer left it. Evidence undo adds or
removes its one entry, whatever else the set holds.

Each test: the app (source "tui", user 科员甲) writes an action, the CLI (source "cli", user
科员乙) changes the same item afterwards, then the app undoes (or redoes)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing

import pytest

from tui.store import InputError, Store
from tui.store.progress import Conflict

UNIT, ITEM, OTHER = "渝中区", "1.1.3-1", "1.1.3-2"
DAY = dt.date(2026, 11, 30)


@pytest.fixture
def as_user(monkeypatch):
    def switch(name: str) -> None:
        for var in ("USERNAME", "LOGNAME"):
            monkeypatch.delenv(var, raising=False)
        monkeypatch.setenv("USER", name)

    switch("科员甲")
    return switch


@pytest.fixture
def stores(work_db, as_user):
    with Store(work_db) as app, Store(work_db) as cli:
        yield app, cli


def row(work_db, item: str = ITEM) -> dict:
    with closing(sqlite3.connect(work_db)) as conn:
        conn.row_factory = sqlite3.Row
        found = conn.execute("SELECT * FROM progress WHERE item_id = ? AND unit = ?", (item, UNIT)).fetchone()
    return dict(found) if found else {}


def evidence(store: Store, item: str = ITEM) -> list[str]:
    return [r["value"] for r in store.evidence(UNIT, item)]


def refused(call, *fragments: str) -> str:
    with pytest.raises(Conflict) as caught:
        call()
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    assert "未做任何改动" in message
    return message


def test_undo_of_a_note_the_cli_changed_since_is_refused_naming_who(work_db, stores, as_user):
    app, cli = stores
    action = app.set_fields(UNIT, ITEM, {"note": "A"}, source="tui")
    as_user("科员乙")
    cli.mark_done(UNIT, ITEM, note="B", source="cli", today=DAY)
    before = row(work_db)
    as_user("科员甲")
    refused(lambda: app.undo(UNIT, action), "无法撤销", f"条目 {ITEM} 的备注", "「B」", "科员乙", "命令行", "2026-")
    assert row(work_db) == before and before["note"] == "B" and before["status"] == "已完成"


def test_undo_of_a_status_the_cli_changed_since_refuses_the_whole_action(work_db, stores, as_user):
    """推进中 (app) → 已完成 with a date and evidence (CLI) → z: nothing is undone, not even
    the fields the CLI left alone; never 未开始 with the CLI's date."""
    app, cli = stores
    action = app.set_status(UNIT, [ITEM], "推进中", source="tui")
    as_user("科员乙")
    cli.mark_done(UNIT, ITEM, ["https://www.cqyz.gov.cn/a"], source="cli", today=DAY)
    before = row(work_db)
    refused(lambda: app.undo(UNIT, action), "完成情况", "「已完成」", "科员乙", "命令行")
    assert row(work_db) == before
    assert (before["status"], before["done_date"]) == ("已完成", DAY.isoformat())
    assert evidence(app) == ["https://www.cqyz.gov.cn/a"]


@pytest.mark.parametrize("field", ["requirement", "office", "person"])
def test_undo_of_a_work_field_changed_since_is_refused(work_db, stores, as_user, field):
    app, cli = stores
    action = app.set_fields(UNIT, ITEM, {"requirement": "本窗口", "office": "办公室", "person": "王芳"}, source="tui")
    as_user("科员乙")
    cli.set_fields(UNIT, ITEM, {field: "别处改的"}, source="cli")
    before = row(work_db)
    label = {"requirement": "工作要求", "office": "责任科室", "person": "责任人"}[field]
    refused(lambda: app.undo(UNIT, action), f"的{label}现为「别处改的」", "科员乙")
    assert row(work_db) == before  # the other two fields are not undone either


def test_undo_of_not_applicable_whose_reason_was_changed_is_refused(work_db, stores, as_user):
    app, cli = stores
    action = app.set_status(UNIT, [ITEM], "不适用", reason="本单位无此职能", source="tui")
    as_user("科员乙")
    cli.set_status(UNIT, [ITEM], "不适用", reason="已划转", source="cli")
    before = row(work_db)
    refused(lambda: app.undo(UNIT, action), "不适用理由", "「已划转」", "科员乙")
    assert row(work_db) == before and before["reason"] == "已划转"


def test_undo_of_done_whose_date_was_changed_is_refused(work_db, stores, as_user):
    app, cli = stores
    action = app.mark_done(UNIT, ITEM, source="tui", today=DAY)
    with closing(sqlite3.connect(work_db)) as conn:  # a date set by hand (an import, say) with its history line
        conn.execute("UPDATE progress SET done_date = '2026-10-01' WHERE item_id = ? AND unit = ?", (ITEM, UNIT))
        conn.execute(
            "INSERT INTO history (doc, action_id, at, os_user, unit, item_id, field, old, new, source)"
            " VALUES (1, 999, '2026-12-01T09:30:00', '科员乙', ?, ?, 'done_date', ?, '2026-10-01',"
            " 'import:x.xlsx')",
            (UNIT, ITEM, DAY.isoformat()),
        )
        conn.commit()
    before = row(work_db)
    refused(lambda: app.undo(UNIT, action), "完成时间", "「2026-10-01」", "科员乙", "2026-12-01 09:30:00", "导入工作簿")
    assert row(work_db) == before


def test_a_change_without_history_line_is_refused_as_such(work_db, stores):
    app, _ = stores
    action = app.set_fields(UNIT, ITEM, {"note": "A"}, source="tui")
    with closing(sqlite3.connect(work_db)) as conn:
        conn.execute("UPDATE progress SET note = 'X' WHERE item_id = ? AND unit = ?", (ITEM, UNIT))
        conn.commit()
    refused(lambda: app.undo(UNIT, action), "「X」", "没有修改记录")
    assert row(work_db)["note"] == "X"


def test_redo_of_a_field_changed_after_the_undo_is_refused(work_db, stores, as_user):
    app, cli = stores
    action = app.set_fields(UNIT, ITEM, {"note": "A"}, source="tui")
    app.undo(UNIT, action)
    as_user("科员乙")
    cli.set_fields(UNIT, ITEM, {"note": "C"}, source="cli")
    refused(lambda: app.redo(UNIT, action), "无法重做", "「C」", "科员乙", "命令行")
    assert row(work_db)["note"] == "C"


def test_undo_and_redo_go_through_when_nobody_changed_the_fields(work_db, stores, as_user):
    app, cli = stores
    action = app.set_fields(UNIT, ITEM, {"note": "A", "office": "办公室"}, source="tui")
    as_user("科员乙")
    cli.set_fields(UNIT, OTHER, {"note": "另一条"}, source="cli")  # another item: no conflict
    cli.set_fields(UNIT, ITEM, {"person": "王芳"}, source="cli")  # another field: no conflict
    app.undo(UNIT, action)
    assert (row(work_db)["note"], row(work_db)["office"], row(work_db)["person"]) == (None, None, "王芳")
    app.redo(UNIT, action)
    assert (row(work_db)["note"], row(work_db)["office"], row(work_db)["person"]) == ("A", "办公室", "王芳")
    assert row(work_db, OTHER)["note"] == "另一条"


def test_a_field_already_back_where_undo_takes_it_is_no_conflict(work_db, stores, as_user):
    app, cli = stores
    action = app.set_status(UNIT, [ITEM], "推进中", source="tui")
    as_user("科员乙")
    cli.set_status(UNIT, [ITEM], "未开始", source="cli")
    app.undo(UNIT, action)  # nothing of anyone's is overwritten
    assert row(work_db)["status"] == "未开始"


def test_evidence_undo_removes_its_own_entry_and_keeps_the_others(work_db, stores, as_user):
    app, cli = stores
    action = app.add_evidence(UNIT, ITEM, "https://a.example/mine", source="tui")
    as_user("科员乙")
    cli.add_evidence(UNIT, ITEM, "https://a.example/theirs", source="cli")
    app.undo(UNIT, action)
    assert evidence(app) == ["https://a.example/theirs"]
    app.redo(UNIT, action)
    assert sorted(evidence(app)) == ["https://a.example/mine", "https://a.example/theirs"]
    removed = app.remove_evidence(UNIT, ITEM, evidence(app).index("https://a.example/theirs"), source="tui")
    cli.add_evidence(UNIT, ITEM, "https://a.example/third", source="cli")
    app.undo(UNIT, removed)  # the removed entry comes back; the third stays
    assert sorted(evidence(app)) == ["https://a.example/mine", "https://a.example/theirs", "https://a.example/third"]


def test_undo_of_a_file_keeps_the_other_windows_copy_of_the_changed_file(work_db, stores, as_user, tmp_path):
    """The same path added twice: by this window, then — the file rewritten — by another
    (a changed file is new evidence). Undo removes this window's fingerprint only."""
    app, cli = stores
    notice = tmp_path / "通知.pdf"
    notice.write_bytes(b"%PDF first version")
    action = app.add_evidence(UNIT, ITEM, str(notice), source="tui")
    [mine] = app.evidence(UNIT, ITEM)
    notice.write_bytes(b"%PDF second version, longer")
    as_user("科员乙")
    cli.add_evidence(UNIT, ITEM, str(notice), source="cli")
    [theirs] = [r for r in cli.evidence(UNIT, ITEM) if r["sha256"] != mine["sha256"]]
    as_user("科员甲")
    app.undo(UNIT, action)
    assert [(r["value"], r["sha256"], r["size"]) for r in app.evidence(UNIT, ITEM)] == [
        (str(notice), theirs["sha256"], len(b"%PDF second version, longer"))
    ]


def test_undo_of_done_with_evidence_keeps_what_another_window_added_meanwhile(work_db, stores, as_user):
    app, cli = stores
    action = app.mark_done(UNIT, ITEM, ["https://a.example/mine"], source="tui", today=DAY)
    as_user("科员乙")
    cli.add_evidence(UNIT, ITEM, "https://a.example/theirs", source="cli")
    cli.add_evidence(UNIT, OTHER, "https://a.example/mine", source="cli")  # the same link on another item
    as_user("科员甲")
    app.undo(UNIT, action)
    assert row(work_db).get("status") in (None, "未开始")
    assert evidence(app) == ["https://a.example/theirs"]
    assert evidence(app, OTHER) == ["https://a.example/mine"]


def test_a_refused_undo_writes_no_history_line(work_db, stores, as_user):
    app, cli = stores
    action = app.set_fields(UNIT, ITEM, {"note": "A"}, source="tui")
    as_user("科员乙")
    cli.set_fields(UNIT, ITEM, {"note": "B"}, source="cli")
    lines = len(app.history(UNIT, ITEM))
    with pytest.raises(InputError):
        app.undo(UNIT, action)
    assert len(app.history(UNIT, ITEM)) == lines


def test_a_bulk_step_with_one_item_changed_since_is_refused_for_every_item(work_db, stores, as_user):
    app, cli = stores
    action = app.set_status(UNIT, [ITEM, OTHER], "推进中", source="tui")
    as_user("科员乙")
    cli.set_status(UNIT, [OTHER], "已完成", source="cli", today=DAY)
    refused(lambda: app.undo(UNIT, action), f"条目 {OTHER} 的完成情况现为「已完成」")
    assert (row(work_db)["status"], row(work_db, OTHER)["status"]) == ("推进中", "已完成")
