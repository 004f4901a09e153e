"""A database of schema version 3 (one document, written by the previous release; kept as
tests/data/schema/v3-2021-with-progress.sqlite, with a workbook it exported) opens under
version 4 after a backup, keeps its work under the 2021 document, and takes a new year."""

from __future__ import annotations

import re
import shutil
import sqlite3
from contextlib import closing

import pytest

from tests.cli_helpers import assert_user_error, invoke, ok
from tests.workbook.conftest import set_cells
from tui.store.schema import SCHEMA_VERSION

from .conftest import N2021, ROOT, Y2022, listed, rows

FIXTURES = ROOT / "tests" / "data" / "schema"


@pytest.fixture
def v3_db(tmp_path):
    path = tmp_path / "v3.sqlite"
    shutil.copyfile(FIXTURES / "v3-2021-with-progress.sqlite", path)
    return path


def v3_rows(path, table):
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY rowid")]


def test_the_fixture_is_a_version_3_database_with_work_in_it(v3_db):
    assert v3_rows(v3_db, "document")[0]["number"] == N2021
    with closing(sqlite3.connect(v3_db)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3 < SCHEMA_VERSION
    assert len(v3_rows(v3_db, "progress")) == 3 and len(v3_rows(v3_db, "imports")) == 1


def test_a_version_3_database_is_backed_up_then_keeps_its_work_under_2021(v3_db):
    original = v3_db.read_bytes()
    before = {t: v3_rows(v3_db, t) for t in ("progress", "evidence", "history", "imports", "workspace")}
    assert_user_error(invoke("list", "-u", "渝中区", "--db", v3_db), "数据库版本为 3")  # read-only: no upgrade
    assert v3_db.read_bytes() == original
    ok(invoke("load", "--yes", Y2022, "--db", v3_db))  # the first write upgrades, after a backup
    [backup] = [p for p in v3_db.parent.iterdir() if re.fullmatch(r"v3\.sqlite\.bak-v3-\d{8}-\d{6}(-\d+)?", p.name)]
    assert backup.read_bytes() == original
    with closing(sqlite3.connect(v3_db)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for table, old in before.items():
        new = rows(v3_db, f"SELECT * FROM {table} ORDER BY rowid")
        if table != "workspace":
            assert {r.pop("doc") for r in new} <= {1}
        if table == "progress":  # new in version 4: nothing confirmed yet
            assert {r.pop("confirmed") for r in new} == {None}
            assert {r.pop("narrative") for r in new} == {None}  # new in version 6: nothing written yet
        assert new == old, table
    initials = {r["id"]: r["initials"] for r in rows(v3_db, "SELECT id, initials FROM items WHERE doc = 1")}
    assert all(initials.values()) and "gfxwj" in initials["3.1.3-2"]  # 规范性文件, for search
    assert {e["id"]: e["status"] for e in listed(v3_db, "渝中区", "--doc", "2021") if e["status"] != "未开始"} == {
        "1.1.3-1": "已完成",
        "1.1.3-2": "不适用",
    }


def test_a_workbook_exported_by_the_previous_release_imports_into_2021(v3_db, tmp_path):
    book = tmp_path / "渝中区.xlsx"
    shutil.copyfile(FIXTURES / "渝中区-exported-by-v3.xlsx", book)
    ok(invoke("load", "--yes", Y2022, "--db", v3_db))
    set_cells(book, {("1.1.5-1", "完成情况"): "推进中", ("1.1.3-1", "备注"): "导回"})
    out = ok(invoke("import", book, "--db", v3_db)).stdout
    assert "1.1.5-1 完成情况:未开始 → 推进中" in out
    by_id = {e["id"]: e for e in listed(v3_db, "渝中区", "--doc", "2021")}
    assert by_id["1.1.5-1"]["status"] == "推进中" and by_id["1.1.3-1"]["note"] == "导回"
    assert all(e["status"] == "未开始" for e in listed(v3_db, "渝中区"))  # nothing went to 2022
