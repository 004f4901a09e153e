"""Schema 7 (issue #23): a document keeps its own header words (`document.columns`), so the
上报版 heads its columns with them (`重点任务`, `完成时限`, the 具体要求 label `具体措施`)
instead of our own. tests/data/schema/v6-bundled-2021.sqlite is the bundled 2021 database as
version 6 wrote it: upgraded, it keeps working and its export keeps our own words."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing

from openpyxl import load_workbook

from tests.cli_helpers import invoke, ok
from tui.store.schema import SCHEMA_VERSION

from .conftest import ROOT, rows

V6 = ROOT / "tests" / "data" / "schema" / "v6-bundled-2021.sqlite"
OWN_WORDS = """某县人民政府办公室关于印发某县2026年政务公开重点工作任务分工的通知

某府办发〔2026〕7号

某县2026年政务公开重点工作任务分工
重点任务	具体措施	责任单位	完成时限
一、做好政策公开
（一）公开政策文件
公开县政府规范性文件并同步发布解读	文件印发后3个工作日内发布解读	县司法局	2026年6月30日前
公开县级预决算信息	按统一格式集中展示	县财政局	持续推进
"""


def _header_and_cells(path, unit_line: int = 0) -> tuple[list, list]:
    ws = load_workbook(path)["任务清单"]
    header = [c.value for c in ws[3]]
    lines = [[c.value for c in row] for row in ws.iter_rows(min_row=4) if row[1].value]
    return header, lines


def test_a_documents_own_header_words_head_its_submission_columns(tmp_path):
    source = tmp_path / "分工.txt"
    source.write_text(OWN_WORDS, encoding="utf-8")
    db = tmp_path / "work.sqlite"
    ok(invoke("load", "--yes", source, "--db", db))
    assert rows(db, "SELECT columns FROM document WHERE number = '某府办发〔2026〕7号'") == [
        {"columns": '["重点任务", "具体措施", "责任单位", "完成时限"]'}
    ]
    out = tmp_path / "清单.xlsx"
    ok(invoke("export", "--unit", "县司法局", "--db", db, "--doc", "2026", "-o", out, "--as-of", "2026-05-01"))
    header, lines = _header_and_cells(out)
    assert "重点任务" in header and "完成时限" in header
    assert "工作任务" not in header and "时限" not in header
    task = lines[0][header.index("重点任务")]
    assert task.startswith("公开县政府规范性文件并同步发布解读") and "具体措施：文件印发后3个工作日内发布解读" in task
    assert lines[0][header.index("完成时限")] == "2026年6月30日前"


def test_a_version_6_database_is_upgraded_and_exports_with_our_own_words(tmp_path):
    db = tmp_path / "v6.sqlite"
    shutil.copyfile(V6, db)
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 6 < SCHEMA_VERSION
    ok(invoke("done", "--unit", "渝中区", "1.1.3-1", "--db", db))
    assert rows(db, "PRAGMA user_version") == [{"user_version": SCHEMA_VERSION}]
    assert list(tmp_path.glob("v6.sqlite.bak-v6-*")), "the upgrade backs the database up first"
    assert rows(db, "SELECT columns FROM document") == [{"columns": None}]
    assert rows(db, "SELECT count(*) AS n FROM assignments") == [{"n": 0}]  # version 8's table, on the way
    out = tmp_path / "清单.xlsx"
    ok(invoke("export", "--unit", "渝中区", "--db", db, "-o", out, "--as-of", "2021-12-01"))
    header, lines = _header_and_cells(out)
    assert "工作任务" in header and "时限" in header
    done = next(line for line in lines if line[1] == "1.1.3-1")
    assert done[header.index("完成情况")] == "已完成"


def test_header_words_that_are_not_a_list_of_words_count_as_none():
    from tui.store.queries import header_words

    assert header_words('["工作任务", "时限要求"]') == ["工作任务", "时限要求"]
    for stored in (None, "", "not json", '{"a": 1}', "3", b"[]"):
        assert header_words(stored) == []
    assert header_words('["工作任务", 3, null]') == ["工作任务"]
