"""`gongkai-tui sub-units` (issue #25 item 1): 渝中区 keeps its own 下级单位目录 in the working
database: lists, adds, renames (refused for a name items are assigned to) and takes names
off (keeping what was assigned); assign names a sub-unit outside the list. A version 8
database (tests/data/schema/v8-bundled-2021.sqlite, with one assignment) is backed up and
upgraded by the first change (a read refuses it, naming the upgrade) and keeps its assignment."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from tests.cli_helpers import assert_user_error, invoke, ok

U = "渝中区"
V8 = Path(__file__).resolve().parent / "data" / "schema" / "v8-bundled-2021.sqlite"


def _sub(db, *args):
    return invoke("sub-units", "-u", U, "--db", db, *args)


def _listed(db) -> list[str]:
    return json.loads(ok(_sub(db, "--json")).stdout)


def test_names_are_added_renamed_and_taken_off(work_db):
    assert "下级单位目录是空的" in ok(_sub(work_db)).stdout
    assert ok(_sub(work_db, "--add", "区发改委,区财政局、解放碑街道")).stdout.startswith(
        "已把 区发改委、区财政局、解放碑街道 加入「渝中区」的下级单位目录"
    )
    ok(_sub(work_db, "--rename", "区发改委", "--as", "区发展改革委"))
    assert _listed(work_db) == ["区发展改革委", "区财政局", "解放碑街道"]
    assert ok(_sub(work_db)).stdout.splitlines() == ["区发展改革委", "区财政局", "解放碑街道"]
    ok(invoke("assign", "1.1.3-1", "--to", "区财政局", "--role", "责任", "-u", U, "--db", work_db))
    assert_user_error(_sub(work_db, "--rename", "区财政局", "--as", "区财政局机关"), "已有 1 个条目", "未改名")
    out = ok(_sub(work_db, "--remove", "区财政局")).stdout
    assert "已分解给它的 1 个条目或步骤保留" in out
    assert _listed(work_db) == ["区发展改革委", "解放碑街道"]
    ok(_sub(work_db, "--add", "区卫生健康委\r\n区民政局\n"))  # a list pasted one name a line
    assert _listed(work_db) == ["区发展改革委", "解放碑街道", "区卫生健康委", "区民政局"]
    listed = json.loads(ok(invoke("assignments", "-u", U, "--json", "--db", work_db)).stdout)
    assert [a["sub_unit"] for a in listed] == ["区财政局"]


def test_what_cannot_be_done_is_refused_in_chinese_and_writes_nothing(work_db):
    ok(_sub(work_db, "--add", "区教委"))
    assert_user_error(_sub(work_db, "--add", "区教委"), "「区教委」已在")
    assert_user_error(_sub(work_db, "--add", "区 教委"), "不像单位名称")
    assert_user_error(_sub(work_db, "--rename", "区教委"), "--as")
    assert_user_error(_sub(work_db, "--rename", "区教委", "--as", " "), "请写明下级单位的名称")
    assert_user_error(_sub(work_db, "--add", "区财政局", "--remove", "区教委"), "一次只能用一个")
    assert_user_error(_sub(work_db, "--remove", "区卫健委"), "「区卫健委」不在")
    assert_user_error(_sub(work_db, "--add", "区卫健委", "--json"), "--json")
    assert _listed(work_db) == ["区教委"]


def test_assign_names_a_sub_unit_outside_the_units_list(work_db):
    ok(_sub(work_db, "--add", "区发展改革委"))
    result = ok(
        invoke("assign", "1.1.3-1", "--to", "区发展改革委,区发改局", "--role", "牵头", "-u", U, "--db", work_db)
    )
    assert "区发改局 不在「渝中区」的下级单位目录中" in result.stderr and "区发展改革委 不在" not in result.stderr


def test_a_version_8_database_is_backed_up_and_upgraded_keeping_its_assignment(tmp_path):
    db = tmp_path / "v8.sqlite"
    shutil.copyfile(V8, db)
    assert_user_error(_sub(db), "数据库版本为 8", "升级")  # a read never upgrades
    ok(_sub(db, "--add", "区发展改革委"))
    assert list(tmp_path.glob("v8.sqlite.bak-v8-*")), "the upgrade backs the database up first"
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 9
    assert _listed(db) == ["区发展改革委"]
    listed = json.loads(ok(invoke("assignments", "-u", U, "--json", "--db", db)).stdout)
    assert [(a["item"], a["sub_unit"], a["role"]) for a in listed] == [("1.1.3-1", "区发展改革委", "牵头")]
