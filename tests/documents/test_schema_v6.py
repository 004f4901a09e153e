"""Schema 6 (issue #23): 具体完成情况 on progress, the `steps` and `step_evidence` tables.

tests/data/schema/v5-with-progress.sqlite was written by the version-5 code (the bundled
2021 database, then through the store API for 渝中区: 1.1.3-1 done on 2026-03-01 with a
link and the note 已公开, 办公室 / 王芳 on 1.1.3-2, 推进中 on 1.1.5-1). Opened for writing it
is backed up, upgraded, keeps every line of its work, and takes steps; a backup holding
steps restores them, and one whose steps fail a check is refused naming the table."""

from __future__ import annotations

import re
import shutil
import sqlite3
from contextlib import closing

import pytest

from tests.cli_helpers import assert_user_error, invoke, ok
from tui.store import Store
from tui.store.schema import SCHEMA_VERSION

from .conftest import ROOT, listed, rows

FIXTURE = ROOT / "tests" / "data" / "schema" / "v5-with-progress.sqlite"
U = "渝中区"


@pytest.fixture
def v5_db(tmp_path):
    path = tmp_path / "v5.sqlite"
    shutil.copyfile(FIXTURE, path)
    return path


def test_the_fixture_is_a_version_5_database_with_work_in_it(v5_db):
    with closing(sqlite3.connect(v5_db)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 5 < SCHEMA_VERSION
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "steps" not in tables and "step_evidence" not in tables
    assert {r["item_id"]: r["status"] for r in rows(v5_db, "SELECT * FROM progress")} == {
        "1.1.3-1": "已完成",
        "1.1.3-2": "未开始",
        "1.1.5-1": "推进中",
    }


def test_a_version_5_database_is_backed_up_then_upgraded_keeping_its_work(v5_db):
    original = v5_db.read_bytes()
    before = {t: rows(v5_db, f"SELECT * FROM {t} ORDER BY rowid") for t in ("progress", "evidence", "history")}
    assert_user_error(invoke("list", "-u", U, "--db", v5_db), "数据库版本为 5")  # read-only: no upgrade
    assert v5_db.read_bytes() == original
    ok(invoke("step", "add", "1.1.3-2", "发布政策解读", "-u", U, "--office", "办公室", "--db", v5_db))
    [backup] = [p for p in v5_db.parent.iterdir() if re.fullmatch(r"v5\.sqlite\.bak-v5-\d{8}-\d{6}(-\d+)?", p.name)]
    assert backup.read_bytes() == original
    with closing(sqlite3.connect(v5_db)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    after = {t: rows(v5_db, f"SELECT * FROM {t} ORDER BY rowid") for t in before}
    assert [r.pop("narrative") for r in after["progress"]] == [None, None, None]  # nothing guessed into it
    assert after["progress"] == before["progress"] and after["evidence"] == before["evidence"]
    assert after["history"][: len(before["history"])] == before["history"]
    assert [(h["item_id"], h["field"]) for h in after["history"][len(before["history"]) :]] == [("1.1.3-2", "step:1:+")]
    entry = {e["id"]: e for e in listed(v5_db, U)}
    assert [s["text"] for s in entry["1.1.3-2"]["steps"]] == ["发布政策解读"]
    assert entry["1.1.3-1"]["note"] == "已公开" and entry["1.1.3-1"]["narrative"] == ""


def test_a_backup_with_steps_restores_them(work_db, tmp_path):
    db = ("--db", work_db)
    ok(invoke("step", "add", "1.1.3-1", "一", "-u", U, *db))
    ok(invoke("step", "done", "1.1.3-1.1", "-u", U, "-e", "https://www.cqyz.gov.cn/a.html", "--narrative", "写了", *db))
    ok(invoke("backup", tmp_path / "saved.sqlite", *db))
    saved = {t: rows(work_db, f"SELECT * FROM {t}") for t in ("steps", "step_evidence")}
    ok(invoke("step", "remove", "1.1.3-1.1", "-u", U, *db))
    assert rows(work_db, "SELECT * FROM steps") == []
    ok(invoke("restore", tmp_path / "saved.sqlite", *db))
    assert {t: rows(work_db, f"SELECT * FROM {t}") for t in saved} == saved
    assert saved["steps"][0]["narrative"] == "写了" and len(saved["step_evidence"]) == 1


@pytest.mark.parametrize(
    "sql, problem",
    [
        ("UPDATE steps SET status = '差不多'", "细化步骤"),
        ("UPDATE steps SET status = '不适用', reason = NULL", "没有理由"),
        ("UPDATE step_evidence SET kind = 'mail'", "步骤的佐证材料"),
        ("UPDATE step_evidence SET step = 9", "指向不存在的细化步骤"),
    ],
)
def test_a_backup_whose_steps_fail_a_check_is_refused(work_db, tmp_path, sql, problem):
    db = ("--db", work_db)
    ok(invoke("step", "add", "1.1.3-1", "一", "-u", U, *db))
    ok(invoke("step", "done", "1.1.3-1.1", "-u", U, "-e", "https://www.cqyz.gov.cn/a.html", *db))
    ok(invoke("backup", tmp_path / "saved.sqlite", *db))
    with closing(sqlite3.connect(tmp_path / "saved.sqlite")) as conn:
        conn.execute(sql)
        conn.commit()
    before = rows(work_db, "SELECT * FROM steps")
    assert_user_error(invoke("restore", tmp_path / "saved.sqlite", *db), problem)
    assert rows(work_db, "SELECT * FROM steps") == before


def test_a_version_5_backup_restores_into_version_6(work_db, v5_db):
    ok(invoke("step", "add", "1.1.3-1", "一", "-u", U, "--db", work_db))
    ok(invoke("restore", v5_db, "--db", work_db))
    assert rows(work_db, "SELECT * FROM steps") == []
    assert {e["id"]: e["status"] for e in listed(work_db, U) if e["status"] != "未开始"} == {
        "1.1.3-1": "已完成",
        "1.1.5-1": "推进中",
    }
    with Store(work_db) as s:
        assert s.add_step(U, "1.1.3-1", "再来")[0] == 1
