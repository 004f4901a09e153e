"""`load` (and `build-db`) of a 任务清单 this program exported says what it is and which
command takes it back (issue 21, item 11): it used to fail on the workbook's header with
"栏目出现了不止一次", which told a person nothing. The database is left as it was."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.cli_helpers import assert_user_error, invoke, ok

from .conftest import ROOT, rows

V3_EXPORT = ROOT / "tests" / "data" / "schema" / "渝中区-exported-by-v3.xlsx"


def exported(db, tmp_path, *extra):
    out = tmp_path / "渝中区.xlsx"
    ok(invoke("export", "-u", "渝中区", "-o", out, "--db", db, *extra))
    return out


def documents(db):
    return rows(db, "SELECT * FROM document ORDER BY id"), rows(db, "SELECT doc, count(*) AS n FROM items GROUP BY doc")


@pytest.mark.parametrize("extra", [(), ("--full",)], ids=["上报版", "完整版"])
def test_load_of_an_exported_checklist_says_to_import_it(work_db, tmp_path, extra):
    path = exported(work_db, tmp_path, *extra)
    before = documents(work_db)
    message = assert_user_error(invoke("load", "--yes", path, "--db", work_db))
    assert message == (
        "错误:渝中区.xlsx 是用 gongkai-tui 导出的任务清单(有工作表「任务清单」和「导出时的值」),"
        "不是任务分工文件;填好的任务清单请用 gongkai-tui import 渝中区.xlsx 导回\n"
    )
    assert documents(work_db) == before


def test_a_checklist_saved_again_or_exported_by_an_older_version_is_recognised(work_db, tmp_path):
    path = exported(work_db, tmp_path)
    wb = load_workbook(path)  # saved again, as Excel or WPS would after editing
    wb.remove(wb["导出时的值"])  # and without the hidden sheet: only 说明 beside it
    wb.save(path)
    message = assert_user_error(invoke("load", "--yes", path, "--db", work_db), "「说明」", "gongkai-tui import")
    assert "任务清单" in message
    assert_user_error(
        invoke("load", "--yes", V3_EXPORT, "--db", work_db), "gongkai-tui import 渝中区-exported-by-v3.xlsx"
    )


def test_build_db_of_an_exported_checklist_says_to_import_it_and_writes_nothing(work_db, tmp_path):
    path = exported(work_db, tmp_path)
    out = tmp_path / "新.sqlite"
    assert_user_error(invoke("build-db", path, "-o", out), "导出的任务清单", "gongkai-tui import 渝中区.xlsx")
    assert not out.exists()
