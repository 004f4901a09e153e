"""Progress older versions wrote under a collective (各区县政府) itself: found, listed and
offered to the member on the command line, moved in one undoable step, conflicts with the
member's own records listed and never silently overwritten (issue 21, item 1)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cli_helpers import assert_user_error, invoke, ok
from tui import settings
from tui.store import Store
from tui.store.collective_records import find_leftovers

A, B = "1.1.3-1", "1.1.3-2"  # both name 各区县政府
URL_A, URL_B = "https://www.cqyz.gov.cn/a", "https://www.cqyz.gov.cn/b"
OLD_DAY = dt.date(2021, 6, 1)


@pytest.fixture(autouse=True)
def settings_file(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_SETTINGS", str(tmp_path / "settings.json"))


@pytest.fixture
def legacy_db(work_db):
    """As an older version left it: 各区县政府's own records on A and B; 渝中区 has its own,
    different, status and note on A."""
    with Store(work_db) as store:
        store.mark_done("各区县政府", A, [URL_A], note="统称的备注", today=OLD_DAY)
        store.set_status("各区县政府", [B], "推进中")
        store.add_evidence("各区县政府", B, URL_B)
        store.set_status("渝中区", [A], "推进中")
        store.set_fields("渝中区", A, {"note": "渝中区的备注", "office": "办公室"})
    return work_db


def db_line(db, sql: str):
    with Store(db, readonly=True) as store:
        return dict(store.conn.execute(sql).fetchone())


def state(db) -> dict:
    """Every unit's progress and evidence (what a move changes), without times."""
    with Store(db, readonly=True) as store:
        progress = {
            (r["unit"], r["item_id"]): (r["status"], r["reason"], r["done_date"], r["note"], r["office"])
            for r in store.conn.execute("SELECT * FROM progress")
            if r["status"] != "未开始" or r["note"] or r["office"] or r["done_date"]
        }
        evidence = sorted((r["unit"], r["item_id"], r["value"]) for r in store.conn.execute("SELECT * FROM evidence"))
    return {"progress": progress, "evidence": evidence}


def test_records_under_a_collective_are_found_and_listed(legacy_db):
    with Store(legacy_db, readonly=True) as store:
        [found] = find_leftovers(store.conn)
    assert (found.collective, found.items, found.evidence_count) == ("各区县政府", [A, B], 2)
    result = ok(invoke("collective-records", "--db", legacy_db))
    assert result.stdout == (
        "各区县政府 · 渝府办发〔2021〕50号:2 个条目,佐证 2 条\n"
        "gongkai-tui collective-records <统称> 列出条目,加 --move-to <成员单位> 移到成员单位名下\n"
    )
    result = ok(invoke("collective-records", "各区县政府", "--db", legacy_db))
    assert result.stdout.splitlines()[1:] == [
        f"    {A}     完成情况:已完成,完成时间:2021-06-01,备注:统称的备注 佐证:{URL_A}",
        f"    {B}     完成情况:推进中 佐证:{URL_B}",
    ]


def test_a_command_naming_the_collective_or_a_member_points_at_them(legacy_db):
    hint = (
        "提示:各区县政府名下还有早先版本记下的 2 个条目的进度,成员单位的清单看不到它们:"
        "gongkai-tui collective-records 各区县政府 查看,加 --move-to 江北区 移到江北区名下\n"
    )
    assert ok(invoke("list", "--unit", "江北区", "--db", legacy_db)).stderr == hint
    assert ok(invoke("list", "--unit", "市财政局", "--db", legacy_db)).stderr == ""  # no member of it
    settings.set_member("各区县政府", "渝中区")
    for args in (("list", "--unit", "各区县政府"), ("list", "--unit", "渝中区")):
        result = ok(invoke(*args, "--db", legacy_db))
        assert result.stderr.endswith(
            "提示:各区县政府名下还有早先版本记下的 2 个条目的进度,成员单位的清单看不到它们:"
            "gongkai-tui collective-records 各区县政府 查看,加 --move-to 渝中区 移到渝中区名下\n"
        ), result.stderr


def test_move_keeps_the_members_own_values_lists_the_conflict_and_undoes(legacy_db):
    before = state(legacy_db)
    result = invoke("collective-records", "各区县政府", "--move-to", "渝中区", "--db", legacy_db)
    assert result.exit_code == 3
    assert result.stdout == (
        "已把「各区县政府」名下 2 个条目的进度(佐证 2 条)移到「渝中区」名下"
        "(第 6 步;撤销:gongkai-tui collective-records --undo 6)\n"
    )
    assert result.stderr == (
        "冲突 2 处(保留「渝中区」自己的值,统称的值留在原处):\n"
        f"  渝府办发〔2021〕50号 {A} 完成情况:各区县政府 已完成,2021-06-01 / 渝中区 推进中\n"
        f"  渝府办发〔2021〕50号 {A} 备注:各区县政府 统称的备注 / 渝中区 渝中区的备注\n"
        "核对后可加 --replace(用统称的值)或 --keep-member(用成员单位的值)再移动一次\n"
    )
    after = state(legacy_db)
    assert after["progress"] == {
        ("渝中区", A): ("推进中", None, None, "渝中区的备注", "办公室"),  # its own, untouched
        ("渝中区", B): ("推进中", None, None, None, None),
        ("各区县政府", A): ("已完成", None, "2021-06-01", "统称的备注", None),  # the conflict stays, not dropped
    }
    assert after["evidence"] == [("渝中区", A, URL_A), ("渝中区", B, URL_B)]

    ok(invoke("collective-records", "--undo", "6", "--db", legacy_db))
    assert state(legacy_db) == before


def test_keep_member_or_replace_decide_the_conflicts_and_leave_nothing_behind(legacy_db):
    ok(invoke("collective-records", "各区县政府", "--move-to", "渝中区", "--keep-member", "--db", legacy_db))
    progress = state(legacy_db)["progress"]
    assert progress[("渝中区", A)] == ("推进中", None, None, "渝中区的备注", "办公室")
    assert ("各区县政府", A) not in progress
    ok(invoke("collective-records", "--undo", "6", "--db", legacy_db))

    result = ok(invoke("collective-records", "各区县政府", "--move-to", "渝中区", "--replace", "--db", legacy_db))
    assert "冲突 2 处(已用统称的值覆盖):" in result.stderr
    progress = state(legacy_db)["progress"]
    assert progress[("渝中区", A)] == ("已完成", None, "2021-06-01", "统称的备注", "办公室")
    assert not any(unit == "各区县政府" for unit, _ in progress)
    with Store(legacy_db, readonly=True) as store:
        assert find_leftovers(store.conn) == []
        lines = store.conn.execute(
            "SELECT old FROM history WHERE unit='渝中区' AND item_id=? AND field='note' ORDER BY id DESC LIMIT 1", (A,)
        ).fetchone()
    assert lines["old"] == "渝中区的备注"  # what was overwritten is in the history


def test_undo_is_refused_when_a_moved_value_was_changed_since(legacy_db):
    ok(invoke("collective-records", "各区县政府", "--move-to", "渝中区", "--keep-member", "--db", legacy_db))
    ok(invoke("status", B, "已完成", "--unit", "渝中区", "--db", legacy_db))
    moved = state(legacy_db)
    at = db_line(legacy_db, "SELECT os_user, at FROM history ORDER BY id DESC LIMIT 1")
    assert_user_error(
        invoke("collective-records", "--undo", "6", "--db", legacy_db),
        f"无法撤销第 6 步移动:条目 {B} 的完成情况现为「已完成」,是 {at['os_user']} 在 "
        f"{at['at'].replace('T', ' ')} 通过命令行改的;这一步整个未撤销,未做任何改动",
    )
    assert state(legacy_db) == moved
    assert_user_error(invoke("collective-records", "--undo", "1", "--db", legacy_db), "第 1 步不是一次统称记录的移动")


def test_move_to_a_unit_that_is_no_member_is_refused(legacy_db):
    before = state(legacy_db)
    assert_user_error(
        invoke("collective-records", "各区县政府", "--move-to", "市财政局", "--db", legacy_db),
        "「市财政局」不是「各区县政府」的成员单位,未移动",
    )
    assert_user_error(
        invoke("collective-records", "各区县政府", "--replace", "--db", legacy_db),
        "--replace 和 --keep-member 要与 --move-to 同用",
    )
    assert state(legacy_db) == before


def test_the_hint_counts_what_the_listing_lists():
    """The hint every command prints counts in SQL what `collective-records` reads in full."""
    import sqlite3

    from tui.store.collective_records import find_leftovers, leftover_counts

    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    from tui.store.schema import create_schema

    create_schema(conn)
    conn.execute("INSERT INTO document (id, number) VALUES (1, 'x'), (2, 'y')")
    for doc in (1, 2):
        conn.execute(
            "INSERT INTO units (doc, name, kind) VALUES (?, '各区县政府', '集合'), (?, '渝中区', '区县')", (doc, doc)
        )
        conn.execute(
            "INSERT INTO memberships (doc, member, collective, how) VALUES (?, '渝中区', '各区县政府', 'x')", (doc,)
        )
    conn.execute(
        "INSERT INTO progress (doc, item_id, unit, status) VALUES (1, 'a', '各区县政府', '已完成'),"
        " (1, 'b', '各区县政府', '未开始'), (2, 'a', '各区县政府', '未开始')"
    )
    conn.execute(
        "INSERT INTO progress (doc, item_id, unit, status, note) VALUES (2, 'c', '各区县政府', '未开始', '备注')"
    )
    conn.execute(
        "INSERT INTO evidence (doc, item_id, unit, kind, value, caption, added_at) VALUES"
        " (2, 'd', '各区县政府', 'url', 'https://x.example/', '', '2026-01-01')"
    )
    listed = sum(len(x.items) for x in find_leftovers(conn, "各区县政府"))
    assert leftover_counts(conn) == {"各区县政府": listed} == {"各区县政府": 3}
