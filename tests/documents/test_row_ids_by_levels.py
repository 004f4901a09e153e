"""Row ids by the levels a document has (issue #21 point 12): a section without subsections
numbers its rows `4.1`, a document without headings `1`, `2`… (never `4.0.1`, `0.0.1`); a
database of version 4 holding such old ids is backed up and renamed in every table on
upgrade, and the old form is still accepted where people type or import ids.

tests/data/schema/v4-old-ids-with-progress.sqlite was written by the version-4 code: the
corpus' county-2025 (section 四 without subsections, rows 4.0.1 and 4.0.2) built with its
catalogue, no-headings (rows 0.0.1…) loaded after it, then through the store API: 县财政局
done on 4.0.1-1 with a link and a note, 办公室 / 王芳 on 4.0.2-1, 推进中 on 1.1.2-1;
区财政局 done on 0.0.1-1 with a link, a link on 0.0.2-2, a 工作要求 on 0.0.6-1. Loading
no-headings gave 0.0.1-1 a 往年参考 (county's 1.2.1-1)."""

from __future__ import annotations

import re
import shutil
import sqlite3
from contextlib import closing

import pytest
from openpyxl import load_workbook

from tests.cli_helpers import invoke, ok
from tui.source.row_ids import current_id, row_id
from tui.store import Store
from tui.store.schema import SCHEMA_VERSION

from .conftest import ROOT, listed, rows

FIXTURE = ROOT / "tests" / "data" / "schema" / "v4-old-ids-with-progress.sqlite"
COUNTY, NO_HEADINGS = "城府办发〔2025〕22号", "大足府办发〔2026〕11号"

# Written by hand from the fixture's ids: what each became.
RENAMED = {
    "4.0.1-1": "4.1-1",
    "4.0.2-1": "4.2-1",
    "1.1.2-1": "1.1.2-1",
    "0.0.1-1": "1-1",
    "0.0.2-2": "2-2",
    "0.0.6-1": "6-1",
}


@pytest.mark.parametrize(
    "subsection, n, made",
    [
        ("1.2", 3, "1.2.3"),  # 一、 (二)
        ("4.0", 1, "4.1"),  # a section without (or before its) subsections
        ("0.0", 9, "9"),  # no headings (or rows before the first section)
        ("0.2", 1, "2.1"),  # a table of only (一) headings: its implicit section is not written
    ],
)
def test_a_row_is_numbered_by_the_levels_above_it(subsection, n, made):
    assert row_id(subsection, n) == made


@pytest.mark.parametrize(
    "old, new",
    [
        ("4.0.1-1", "4.1-1"),
        ("4.0.12", "4.12"),
        ("0.0.3-1", "3-1"),
        ("0.0.3-1.2", "3-1.2"),
        ("0.2.1-1", "2.1-1"),
        ("1.1.3-1", "1.1.3-1"),
        ("4.1-1", "4.1-1"),
        ("3-1", "3-1"),
        ("1.10.1-1", "1.10.1-1"),
        ("10.0.1-1", "10.1-1"),
        ("x.0.1", "x.0.1"),
        ("", ""),
    ],
)
def test_an_old_id_is_read_as_the_id_it_became(old, new):
    assert current_id(old) == new


@pytest.fixture
def v4_db(tmp_path):
    path = tmp_path / "v4.sqlite"
    shutil.copyfile(FIXTURE, path)
    return path


def table(db, name):
    return rows(db, f"SELECT * FROM {name} ORDER BY rowid")


def test_the_fixture_is_a_version_4_database_with_work_on_old_ids(v4_db):
    with closing(sqlite3.connect(v4_db)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4 < SCHEMA_VERSION
    assert {r["item_id"] for r in table(v4_db, "progress")} == set(RENAMED)
    assert {r["id"] for r in table(v4_db, "rows") if r["doc"] == 1} >= {"4.0.1", "4.0.2"}


def test_upgrade_backs_up_then_renames_every_old_id_and_keeps_the_work_on_its_items(v4_db):
    original = v4_db.read_bytes()
    before = {
        t: table(v4_db, t) for t in ("rows", "items", "row_units", "progress", "evidence", "history", "item_refs")
    }
    Store(v4_db).close()  # opened for writing: upgraded
    [backup] = [p for p in v4_db.parent.iterdir() if re.fullmatch(r"v4\.sqlite\.bak-v4-\d{8}-\d{6}(-\d+)?", p.name)]
    assert backup.read_bytes() == original
    with closing(sqlite3.connect(v4_db)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    after = {t: table(v4_db, t) for t in before}
    assert {r["item_id"]: r["status"] for r in after["progress"]} == {
        "4.1-1": "已完成",
        "4.2-1": "未开始",
        "1.1.2-1": "推进中",
        "1-1": "已完成",
        "2-2": "未开始",
        "6-1": "未开始",
    }
    assert [r["item_id"] for r in after["evidence"]] == ["4.1-1", "1-1", "2-2"]
    assert [r["item_id"] for r in after["history"]] == [
        "4.1-1",
        "4.1-1",
        "4.1-1",
        "4.1-1",
        "4.2-1",
        "4.2-1",
        "1.1.2-1",
        "1-1",
        "1-1",
        "1-1",
        "1-1",
        "2-2",
        "6-1",
    ]
    assert [(r["item_id"], r["ref_item"]) for r in after["item_refs"]] == [("1-1", "1.2.1-1")]
    assert [r["id"] for r in after["rows"] if r["doc"] == 2] == [str(n) for n in range(1, 10)]
    assert [r["id"] for r in after["rows"] if r["doc"] == 1][-2:] == ["4.1", "4.2"]
    # Nothing else changed: each line is the one before with its ids read as they are now.
    # (Columns later versions added, such as progress.narrative in 6, are empty.)
    for name, old_lines in before.items():
        assert all(v is None for line in after[name] for k, v in line.items() if k not in old_lines[0]), name
        assert [{k: v for k, v in line.items() if k in old_lines[0]} for line in after[name]] == [
            {
                k: current_id(v) if k in ("id", "row_id", "item_id", "ref_item") and isinstance(v, str) else v
                for k, v in line.items()
            }
            for line in old_lines
        ], name


def test_the_upgraded_database_lists_new_ids_and_takes_old_ones(v4_db):
    ok(invoke("done", "4.0.2-1", "-u", "县财政局", "--doc", COUNTY, "--note", "旧编号", "--db", v4_db))
    county = {e["id"]: e for e in listed(v4_db, "县财政局", "--doc", COUNTY)}
    assert [i for i in county if i.startswith("4.")] == ["4.1-1", "4.1-2", "4.2-1"]
    assert (county["4.2-1"]["status"], county["4.2-1"]["note"], county["4.2-1"]["office"]) == (
        "已完成",
        "旧编号",
        "办公室",
    )
    assert county["4.1-1"]["status"] == "已完成" and county["4.1-1"]["evidence"]
    plain = {e["id"]: e for e in listed(v4_db, "区财政局", "--doc", NO_HEADINGS)}
    assert list(plain) == ["1-1", "2-1", "2-2", "6-1", "7-1", "8-1"]
    assert plain["1-1"]["status"] == "已完成" and plain["6-1"]["requirement"] == "每季度更新"
    with Store(v4_db, doc=NO_HEADINGS) as store:  # the store's other doors take the old form too
        assert [r["value"] for r in store.evidence("区财政局", "0.0.2-2")] == ["https://www.dazu.gov.cn/zwgk/zfcg/"]
        store.set_evidence_caption("区财政局", "0.0.2-2", 0, "采购公告")
        store.remove_evidence("区财政局", "0.0.1-1", 0)
        assert [h["field"] for h in store.history("区财政局", "0.0.2-2")][-1] == "evidence~"
    assert {r["item_id"] for r in table(v4_db, "history")[-2:]} == {"2-2", "1-1"}
    assert {r["item_id"] for r in table(v4_db, "evidence")} == {"4.1-1", "2-2"}


def test_a_workbook_with_the_old_ids_imports_onto_the_new_ones(v4_db, tmp_path):
    """A 任务清单 exported before the upgrade carries `4.0.2-1` in its 编号 cells (and in
    导出时的值): it imports onto 4.2-1."""
    Store(v4_db).close()  # upgraded (export only reads)
    book = tmp_path / "县财政局.xlsx"
    ok(invoke("export", "-u", "县财政局", "--doc", COUNTY, "-o", book, "--db", v4_db))
    wb = load_workbook(book)
    renamed = 0
    for ws in wb.worksheets:
        for line in ws.iter_rows():
            for cell in line:
                if isinstance(cell.value, str) and re.fullmatch(r"4\.\d-\d", cell.value):
                    cell.value = cell.value.replace("4.", "4.0.", 1)  # as exported before
                    renamed += 1
    sheet = wb["任务清单"]
    header = next(r for r in sheet.iter_rows() if any(c.value == "完成情况" for c in r))
    status_col = next(c.column for c in header if c.value == "完成情况")
    id_column = next(c.column_letter for c in header if c.value == "编号")
    id_row = next(c.row for c in sheet[id_column] if c.value == "4.0.2-1")
    sheet.cell(id_row, status_col).value = "推进中"
    wb.save(book)
    assert renamed >= 6  # three items, in 任务清单 and in 导出时的值
    out = ok(invoke("import", book, "--db", v4_db)).stdout
    assert "4.2-1 完成情况:未开始 → 推进中" in out
    county = {e["id"]: e for e in listed(v4_db, "县财政局", "--doc", COUNTY)}
    assert county["4.2-1"]["status"] == "推进中" and county["4.1-1"]["status"] == "已完成"


def test_the_upgrade_removes_a_trigger_and_a_view_an_old_restore_planted_before_renaming(v4_db):
    """An older version's restore copied a backup's schema whole; a planted trigger would fire
    on the upgrade's own renames (and on every later write) and delete all evidence."""
    with closing(sqlite3.connect(v4_db)) as conn:
        conn.execute("CREATE TRIGGER wipe AFTER UPDATE ON progress BEGIN DELETE FROM evidence; END")
        conn.execute("CREATE VIEW leak AS SELECT * FROM evidence")
        conn.commit()
    evidence = table(v4_db, "evidence")
    Store(v4_db).close()
    with closing(sqlite3.connect(v4_db)) as conn:
        assert conn.execute("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')").fetchall() == []
    assert len(table(v4_db, "evidence")) == len(evidence) == 3
    ok(invoke("status", "4.2-1", "推进中", "--unit", "县财政局", "--db", v4_db, "--doc", "#1"))
    assert table(v4_db, "evidence") == [{**e, "item_id": current_id(e["item_id"])} for e in evidence]
