"""`gongkai-tui import`: round trips export → edit with openpyxl → import → the database matches.

Columns are found by header text, lines matched by 编号; only cells that differ from the
values the workbook was exported with are changes (a three-way merge, tests/workbook/
test_merge.py); all files in one transaction, a change report per file, a history line per change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from .conftest import (
    HEADER_ROW,
    HEADERS,
    URL,
    about_cell,
    assert_user_error,
    col,
    db_rows,
    edit,
    entries,
    evidence_values,
    file_line,
    history,
    load,
    ok,
    report_fields,
    row_of,
    seed_progress,
    set_cells,
    snapshot,
)


# -- round trips --------------------------------------------------------------------


@pytest.mark.parametrize("full", [True, False], ids=["完整版", "上报版"])
def test_unchanged_round_trip_changes_nothing_but_records_the_import(export, do_import, store, work_db, tmp_path, full):
    seed_progress(store, tmp_path)
    path = export("渝中区", full=full)
    before = snapshot(work_db)
    result = ok(do_import(path))
    assert result.stdout.splitlines() == ["渝中区.xlsx(渝中区):没有变化"]
    after = snapshot(work_db)
    for table in ("progress", "evidence", "history"):
        assert after[table] == before[table], table
    [record] = after["imports"]
    assert record["unit"] == "渝中区"
    assert Path(record["file"]).name == "渝中区.xlsx"
    assert record["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert record["exported_at"] == about_cell(load(path), "导出时间").value
    assert record["changes"] == 0


def test_edited_cells_are_imported_and_the_database_matches(export, do_import, store, work_db, tmp_path):
    seeded = seed_progress(store, tmp_path)
    path = export("渝中区")
    before = snapshot(work_db)
    new_url = "https://www.cqyz.gov.cn/zwgk/zxgh/2021/t20210715_2.html"
    set_cells(
        path,
        {
            ("1.1.3-2", "完成情况"): "已完成",
            ("1.1.3-2", "完成时间"): "2021/7/15",
            ("1.1.3-2", "佐证材料"): f"{new_url}\nD:\\佐证材料\\专项规划.pdf",
            ("1.1.3-2", "备注"): "专项规划已在门户网站公开",
            ("1.2.5-1", "完成情况"): "推进中",
            ("1.2.5-1", "工作要求"): "每季度更新一次",
            ("1.2.5-1", "责任科室"): "规划科",
            ("1.2.5-1", "责任人"): "李四",
            ("1.3.3-1", "完成情况"): "不适用",
            ("1.3.3-1", "备注"): "不适用理由:由区财政局统一公开",
            ("1.1.3-1", "佐证材料"): f"{URL}\n{seeded['file']}\nhttps://www.cqyz.gov.cn/extra.html",
            ("1.2.2-1", "完成时间"): dt.datetime(2021, 7, 2),  # typed as a date in Excel
        },
    )
    result = ok(do_import(path))
    n_items, fields = report_fields(file_line(result.stdout, "渝中区.xlsx"))
    assert n_items == 5
    assert fields == {
        "完成情况": 3,
        "完成时间": 2,
        "佐证材料": 2,
        "备注": 1,
        "不适用理由": 1,
        "工作要求": 1,
        "责任科室": 1,
        "责任人": 1,
    }

    e = entries(work_db, "渝中区")
    assert (e["1.1.3-2"].status, e["1.1.3-2"].done_date, e["1.1.3-2"].note) == (
        "已完成",
        "2021-07-15",
        "专项规划已在门户网站公开",
    )
    assert evidence_values(work_db, "渝中区", "1.1.3-2") == [new_url, "D:\\佐证材料\\专项规划.pdf"]
    kinds = [
        r["kind"]
        for r in db_rows(work_db, "SELECT kind FROM evidence WHERE unit='渝中区' AND item_id='1.1.3-2' ORDER BY id")
    ]
    assert kinds == ["url", "file"]
    assert (e["1.2.5-1"].status, e["1.2.5-1"].requirement, e["1.2.5-1"].office, e["1.2.5-1"].person) == (
        "推进中",
        "每季度更新一次",
        "规划科",
        "李四",
    )
    assert (e["1.3.3-1"].status, e["1.3.3-1"].reason, e["1.3.3-1"].note) == ("不适用", "由区财政局统一公开", None)
    assert evidence_values(work_db, "渝中区", "1.1.3-1") == [URL, seeded["file"], "https://www.cqyz.gov.cn/extra.html"]
    assert e["1.2.2-1"].done_date == "2021-07-02"
    # Untouched lines are as they were.
    assert (e["1.1.3-1"].status, e["1.1.3-1"].note, e["1.1.3-1"].requirement) == (
        "已完成",
        "=1+1",
        "6月底前公开纲要全文",
    )
    assert (e["1.1.5-1"].status, e["1.1.5-1"].reason) == ("不适用", "本区无独立规划编制职能")
    assert e["1.4.3-1"].status == "未开始"

    # One history line per change (per evidence entry added), one action, naming the file.
    new_lines = history(work_db)[len(before["history"]) :]
    assert sum(fields.values()) == 12 and len(new_lines) == 13  # 1.1.3-2 got two entries
    assert {h["source"] for h in new_lines} == {"import:渝中区.xlsx"}
    assert {h["unit"] for h in new_lines} == {"渝中区"}
    assert len({h["action_id"] for h in new_lines}) == 1
    status_lines = {(h["item_id"], h["old"], h["new"]) for h in new_lines if h["field"] == "status"}
    assert status_lines == {
        ("1.1.3-2", "推进中", "已完成"),
        ("1.2.5-1", "未开始", "推进中"),
        ("1.3.3-1", "未开始", "不适用"),
    }
    [imp] = db_rows(work_db, "SELECT * FROM imports")
    assert imp["changes"] == 13

    # Exported again, the workbook shows what was imported; importing it changes nothing.
    again = export("渝中区", name="again.xlsx")
    ws = load(again)["任务清单"]
    assert ws[f"{col('完成时间')}{row_of(ws, '1.1.3-2')}"].value == "2021-07-15"
    assert ws[f"{col('备注')}{row_of(ws, '1.3.3-1')}"].value == "不适用理由：由区财政局统一公开"  # written full-width
    assert ok(do_import(again)).stdout.splitlines() == ["again.xlsx(渝中区):没有变化"]


def test_done_without_a_date_gets_the_import_day(export, do_import, work_db):
    path = export("渝中区")
    set_cells(path, {("1.4.3-1", "完成情况"): "已完成"})
    before = dt.date.today()
    ok(do_import(path))
    e = entries(work_db, "渝中区")["1.4.3-1"]
    assert e.status == "已完成"
    assert e.done_date in {before.isoformat(), dt.date.today().isoformat()}
    assert e.missing_evidence


def test_leaving_done_by_import_clears_the_completion_date(export, do_import, store, work_db):
    store.mark_done("渝中区", "1.4.3-1", ["https://www.cqyz.gov.cn/yq"])
    path = export("渝中区")
    set_cells(path, {("1.4.3-1", "完成情况"): "推进中", ("1.4.3-1", "完成时间"): None})
    ok(do_import(path))
    e = entries(work_db, "渝中区")["1.4.3-1"]
    assert (e.status, e.done_date) == ("推进中", None)


def _clear_lines(path: Path, items: tuple[str, ...]) -> None:
    imported = ["工作要求", "责任科室", "责任人", "完成情况", "完成时间", "佐证材料", "备注"]

    def clear(ws, wb):
        for item in items:
            r = row_of(ws, item)
            for h in imported:
                ws[f"{col(h)}{r}"].value = None
                ws[f"{col(h)}{r}"].hyperlink = None

    edit(path, clear)


def test_blank_cells_in_a_workbook_without_export_values_never_overwrite(export, do_import, store, work_db, tmp_path):
    seed_progress(store, tmp_path)
    path = export("渝中区")
    before = snapshot(work_db)
    _clear_lines(path, ("1.1.3-1", "1.1.3-2", "1.1.5-1", "1.2.2-1"))
    edit(path, lambda ws, wb: wb.remove(wb["导出时的值"]))  # an older export, or one made by hand
    result = ok(do_import(path))
    assert result.stdout.splitlines()[0] == "渝中区.xlsx(渝中区):没有变化"
    assert "没有「导出时的值」" in result.stdout and "可能覆盖" in result.stdout  # the warning says so
    after = snapshot(work_db)
    for table in ("progress", "evidence", "history"):
        assert after[table] == before[table], table


def test_a_cell_cleared_since_the_export_is_cleared(export, do_import, store, work_db, tmp_path):
    """With the values it was exported with, a blanked 备注 or 责任人 is the unit's change."""
    seed_progress(store, tmp_path)
    path = export("渝中区")
    e = entries(work_db, "渝中区")["1.1.3-1"]
    assert e.note and e.requirement
    set_cells(path, {("1.1.3-1", "备注"): None, ("1.1.3-1", "工作要求"): None})
    result = ok(do_import(path))
    assert "1.1.3-1 备注:=1+1 → (空)" in result.stdout
    e = entries(work_db, "渝中区")["1.1.3-1"]
    assert (e.note, e.requirement, e.status) == (None, None, "已完成")


def test_a_note_written_as_text_that_looks_like_a_formula_is_kept(export, do_import, work_db):
    path = export("渝中区")

    def change(ws, wb):
        cell = ws[f"{col('备注')}{row_of(ws, '1.4.3-2')}"]
        cell.value = "=SUM(A1:A3)"
        cell.data_type = "s"  # what Excel stores for '=SUM(A1:A3)

    edit(path, change)
    ok(do_import(path))
    assert entries(work_db, "渝中区")["1.4.3-2"].note == "=SUM(A1:A3)"
    again = load(export("渝中区", name="again.xlsx"))["任务清单"]
    cell = again[f"{col('备注')}{row_of(again, '1.4.3-2')}"]
    assert (cell.value, cell.data_type) == ("=SUM(A1:A3)", "s")


def test_columns_are_found_by_header_text(export, do_import, work_db):
    """Someone moved columns, added one of their own, retyped headers and added rows on top."""
    path = export("渝中区")
    wb = load_workbook(path)
    old = wb["任务清单"]
    grid = [[c.value for c in row] for row in old.iter_rows(min_row=HEADER_ROW, max_col=len(HEADERS))]
    order = list(reversed(range(len(HEADERS))))  # every column in reverse
    retyped = {
        "完成情况": "完成 情况",
        "佐证材料": "佐证\n材料",
        "贯彻举措(市上统一要求)": "贯彻举措(市上统一要求)",
        "责任人": " 责任人 ",
    }
    new = wb.create_sheet("任务清单-new", 0)
    new["A1"] = "渝中区任务清单(自行调整格式)"
    new["A3"] = "制表:区政府办"
    for r, row in enumerate(grid, 5):
        out = [row[i] for i in order] + ["自评得分" if r == 5 else "95"]
        for c, value in enumerate(out, 1):
            if r == 5 and value in retyped:
                value = retyped[value]
            new.cell(r, c, value)
    del wb["任务清单"]
    new.title = "任务清单"
    ids = [new.cell(r, len(HEADERS) - 1).value for r in range(6, new.max_row + 1)]
    assert ids[:2] == ["1.1.3-1", "1.1.3-2"]
    status_col = len(HEADERS) - HEADERS.index("完成情况")
    note_col = len(HEADERS) - HEADERS.index("备注")
    person_col = len(HEADERS) - HEADERS.index("责任人")
    new.cell(6, status_col, "推进中")
    new.cell(7, status_col, "已完成")
    new.cell(7, note_col, "已公开")
    new.cell(6, person_col, "王五")
    wb.save(path)

    result = do_import(path)
    assert result.exit_code == 3, result.output  # applied, with the inserted column listed
    n, fields = report_fields(file_line(result.stdout, "渝中区.xlsx"))
    assert n == 2
    assert fields == {"完成情况": 2, "完成时间": 1, "备注": 1, "责任人": 1}
    last = get_column_letter(len(HEADERS) + 1)
    [listed] = [line for line in result.stderr.splitlines() if line.startswith("未导入:")]
    assert listed.startswith(
        f"未导入:渝中区.xlsx 工作表「任务清单」 「自评得分」列({last} 列)不是导出的列(插入的列?),"
        f"其中 {len([i for i in ids if i])} 个单元格的内容未导入:{last}6 「95」、"
    )
    e = entries(work_db, "渝中区")
    assert (e["1.1.3-1"].status, e["1.1.3-1"].person) == ("推进中", "王五")
    assert (e["1.1.3-2"].status, e["1.1.3-2"].note) == ("已完成", "已公开")


def test_dates_in_the_forms_people_type(export, do_import, work_db):
    path = export("渝中区")
    set_cells(
        path,
        {
            ("1.4.3-1", "完成情况"): "已完成",
            ("1.4.3-1", "完成时间"): "2021年6月3日",
            ("1.4.3-2", "完成情况"): "已完成",
            ("1.4.3-2", "完成时间"): dt.date(2021, 6, 4),
            ("1.4.3-3", "完成情况"): "已完成",
            ("1.4.3-3", "完成时间"): "2021.6.5",
        },
    )
    ok(do_import(path))
    e = entries(work_db, "渝中区")
    assert [e[i].done_date for i in ("1.4.3-1", "1.4.3-2", "1.4.3-3")] == ["2021-06-03", "2021-06-04", "2021-06-05"]


def test_dry_run_reports_and_writes_nothing(export, do_import, work_db):
    path = export("渝中区")
    set_cells(path, {("1.1.3-1", "完成情况"): "推进中", ("1.1.3-2", "责任科室"): "办公室"})
    before = snapshot(work_db)
    result = ok(do_import(path, dry_run=True))
    n, fields = report_fields(file_line(result.stdout, "渝中区.xlsx"))
    assert (n, fields) == (2, {"完成情况": 1, "责任科室": 1})
    assert "试运行" in result.stdout
    assert snapshot(work_db) == before
    # The real run reports the same.
    real = ok(do_import(path))
    assert file_line(real.stdout, "渝中区.xlsx") == file_line(result.stdout, "渝中区.xlsx")
    assert entries(work_db, "渝中区")["1.1.3-1"].status == "推进中"


def test_each_workbook_goes_to_its_own_unit_in_one_action(export, do_import, work_db):
    yz = export("渝中区")
    jb = export("江北区")
    set_cells(yz, {("1.3.3-1", "完成情况"): "推进中"})
    set_cells(
        jb,
        {
            ("1.3.3-1", "完成情况"): "不适用",
            ("1.3.3-1", "备注"): "不适用理由:无此事项",
            ("1.3.3-2", "完成情况"): "推进中",
        },
    )
    result = ok(do_import(yz, jb))
    assert report_fields(file_line(result.stdout, "渝中区.xlsx")) == (1, {"完成情况": 1})
    assert report_fields(file_line(result.stdout, "江北区.xlsx")) == (2, {"完成情况": 2, "不适用理由": 1})
    assert entries(work_db, "渝中区")["1.3.3-1"].status == "推进中"
    assert entries(work_db, "渝中区")["1.3.3-2"].status == "未开始"
    assert entries(work_db, "江北区")["1.3.3-1"].status == "不适用"
    assert entries(work_db, "江北区")["1.3.3-2"].status == "推进中"
    lines = history(work_db)
    assert {(h["unit"], h["source"]) for h in lines} == {
        ("渝中区", "import:渝中区.xlsx"),
        ("江北区", "import:江北区.xlsx"),
    }
    assert len({h["action_id"] for h in lines}) == 1
    assert {r["unit"] for r in db_rows(work_db, "SELECT unit FROM imports")} == {"渝中区", "江北区"}


# -- all files or none ------------------------------------------------------------------


def test_a_bad_second_file_leaves_the_database_unchanged(export, do_import, store, work_db, tmp_path):
    seed_progress(store, tmp_path)
    good = export("渝中区")
    bad = export("江北区")
    set_cells(good, {("1.1.3-2", "完成情况"): "已完成", ("1.2.5-1", "责任人"): "李四"})
    set_cells(bad, {("1.3.3-1", "完成情况"): "推进中", ("1.3.3-2", "完成情况"): "完成了"})
    r_bad = row_of(load(bad)["任务清单"], "1.3.3-2")
    before = snapshot(work_db)
    result = do_import(good, bad)
    message = assert_user_error(
        result, "江北区.xlsx", "任务清单", f"{col('完成情况')}{r_bad}", "完成了", "没有写入任何更改"
    )
    assert "渝中区.xlsx" not in message
    assert result.stdout == ""
    assert snapshot(work_db) == before

    # Two bad files: both problems are listed, still nothing written.
    set_cells(good, {("1.2.5-1", "完成情况"): "搁置"})
    r_good = row_of(load(good)["任务清单"], "1.2.5-1")
    assert_user_error(
        do_import(good, bad),
        f"渝中区.xlsx 工作表「任务清单」 单元格 {col('完成情况')}{r_good}",
        f"江北区.xlsx 工作表「任务清单」 单元格 {col('完成情况')}{r_bad}",
        "共 2 处问题",
    )
    assert snapshot(work_db) == before

    # Fixed, both apply together.
    set_cells(good, {("1.2.5-1", "完成情况"): "推进中"})
    set_cells(bad, {("1.3.3-2", "完成情况"): "已完成"})
    ok(do_import(good, bad))
    assert entries(work_db, "江北区")["1.3.3-2"].status == "已完成"
    assert entries(work_db, "渝中区")["1.2.5-1"].status == "推进中"


def test_a_failing_write_rolls_back_every_file(export, do_import, work_db, monkeypatch):
    """If the database fails half-way (渝中区 written, 江北区 fails), no file's changes stay."""
    from tui.store import progress

    yz = export("渝中区")
    jb = export("江北区")
    set_cells(yz, {("1.3.3-1", "完成情况"): "推进中"})
    set_cells(jb, {("1.3.3-1", "完成情况"): "推进中"})
    before = snapshot(work_db)
    real_write = progress._write
    calls = []

    def write(conn, doc, unit, *args):
        calls.append(unit)
        if unit == "江北区":
            raise sqlite3.OperationalError("disk I/O error")
        return real_write(conn, doc, unit, *args)

    monkeypatch.setattr(progress, "_write", write)
    assert_user_error(do_import(yz, jb), "未保存任何更改")
    assert calls == ["渝中区", "江北区"]  # the first file was written before the failure
    assert snapshot(work_db) == before


def test_a_note_that_reads_like_an_error_value_round_trips(export, do_import, store, work_db):
    store.set_fields("渝中区", "1.4.3-1", {"note": "#N/A"})
    path = export("渝中区")
    result = ok(do_import(path))
    assert result.stdout.splitlines() == ["渝中区.xlsx(渝中区):没有变化"]
    assert entries(work_db, "渝中区")["1.4.3-1"].note == "#N/A"


@pytest.mark.parametrize("baseline", [True, False], ids=["有导出时的值", "无导出时的值"])
def test_a_line_imported_as_done_loses_its_not_applicable_reason(export, do_import, store, work_db, tmp_path, baseline):
    """不适用 → 已完成 in the workbook: the 不适用理由 goes with the old status, whether the
    import merges against the export's values or applies every filled cell."""
    seed_progress(store, tmp_path)
    assert entries(work_db, "渝中区")["1.1.5-1"].reason == "本区无独立规划编制职能"
    path = export("渝中区")
    set_cells(path, {("1.1.5-1", "完成情况"): "已完成", ("1.1.5-1", "完成时间"): "2021/7/15"})
    if not baseline:
        edit(path, lambda ws, wb: wb.remove(wb["导出时的值"]))
    ok(do_import(path))
    e = entries(work_db, "渝中区")["1.1.5-1"]
    assert (e.status, e.done_date, e.reason) == ("已完成", "2021-07-15", None)
