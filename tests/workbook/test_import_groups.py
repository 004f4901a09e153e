"""Fields that say one thing together are imported together (issue 21, item 6).

责任科室 and 责任人 name one person in one office; 完成情况 goes with its 完成时间 and its
不适用理由. Decided field by field, an import that met a change in the database took one
half from each side: `规划科 / 王芳`, a pair nobody entered, or 已完成 with a 不适用理由.
A group is taken whole from the workbook or left whole as the database has it, and a
conflict is listed once, naming every field of it that differs."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import entries, set_cells, snapshot

UNIT = "渝中区"
ITEM = "1.1.3-1"


def conflict_lines(stdout: str) -> list[str]:
    return [line.strip() for line in stdout.splitlines() if line.strip().startswith("冲突:")]


@pytest.mark.parametrize("full", [True, False], ids=["完整版", "上报版"])
def test_office_from_the_workbook_and_person_from_the_database_is_one_conflict(export, do_import, store, work_db, full):
    store.set_fields(UNIT, ITEM, {"office": "办公室", "person": "张三"})
    path = export(UNIT, full=full)
    store.set_fields(UNIT, ITEM, {"person": "王芳"})  # in the app, after the export
    if full:
        set_cells(path, {(ITEM, "责任科室"): "规划科"})
    else:
        set_cells(path, {(ITEM, "责任科室／责任人"): "规划科／张三"})
    result = do_import(path)
    assert result.exit_code == 3, result.output
    assert conflict_lines(result.stdout) == [
        f"冲突:{ITEM} 责任科室、责任人:导出时「办公室／张三」,系统中已改为「办公室／王芳」,"
        "工作簿中为「规划科／张三」——未导入,请核对"
    ]
    assert "有 1 项冲突没有导入" in result.stderr
    e = entries(work_db, UNIT)[ITEM]
    assert (e.office, e.person) == ("办公室", "王芳")


def test_a_pair_the_database_left_alone_is_taken_whole_from_the_workbook(export, do_import, store, work_db):
    store.set_fields(UNIT, ITEM, {"office": "办公室", "person": "张三"})
    path = export(UNIT)
    store.set_fields(UNIT, "1.1.3-2", {"person": "王芳"})  # another item: no reason to hold this one back
    set_cells(path, {(ITEM, "责任科室"): "规划科"})
    result = do_import(path)
    assert result.exit_code == 0, result.output
    assert f"{ITEM} 责任科室:办公室 → 规划科" in result.stdout
    e = entries(work_db, UNIT)[ITEM]
    assert (e.office, e.person) == ("规划科", "张三")


def test_both_sides_agreeing_on_the_field_the_workbook_changed_keep_the_database_pair(
    export, do_import, store, work_db
):
    store.set_fields(UNIT, ITEM, {"office": "办公室", "person": "张三"})
    path = export(UNIT)
    store.set_fields(UNIT, ITEM, {"office": "规划科", "person": "王芳"})
    set_cells(path, {(ITEM, "责任科室"): "规划科"})
    result = do_import(path)
    assert result.exit_code == 0 and "冲突" not in result.stdout, result.output
    e = entries(work_db, UNIT)[ITEM]
    assert (e.office, e.person) == ("规划科", "王芳")


def test_a_status_and_its_reason_never_come_from_different_sides(export, do_import, store, work_db):
    """Exported 推进中; done in the app since; the workbook says 不适用 with a reason. Field
    by field the reason went in beside the app's 已完成."""
    store.set_status(UNIT, [ITEM], "推进中")
    path = export(UNIT)
    store.mark_done(UNIT, ITEM, [], today=dt.date(2021, 7, 1))
    set_cells(path, {(ITEM, "完成情况"): "不适用", (ITEM, "备注"): "不适用理由:本区无此职能"})
    before = snapshot(work_db)["progress"]
    result = do_import(path)
    assert result.exit_code == 3, result.output
    assert conflict_lines(result.stdout) == [
        f"冲突:{ITEM} 完成情况、不适用理由、完成时间:导出时「推进中」,系统中已改为「已完成(完成时间 2021-07-01)」,"
        "工作簿中为「不适用(不适用理由:本区无此职能)」——未导入,请核对"
    ]
    assert snapshot(work_db)["progress"] == before
    e = entries(work_db, UNIT)[ITEM]
    assert (e.status, e.done_date, e.reason) == ("已完成", "2021-07-01", None)


def test_a_status_and_its_date_never_come_from_different_sides(export, do_import, store, work_db):
    """Exported 推进中; 不适用 in the app since; the workbook says 已完成 on a date. Field by
    field the date went in beside the app's 不适用."""
    store.set_status(UNIT, [ITEM], "推进中")
    path = export(UNIT)
    store.set_status(UNIT, [ITEM], "不适用", reason="本区无此职能")
    set_cells(path, {(ITEM, "完成情况"): "已完成", (ITEM, "完成时间"): "2021-07-20"})
    result = do_import(path)
    assert result.exit_code == 3, result.output
    assert conflict_lines(result.stdout) == [
        f"冲突:{ITEM} 完成情况、不适用理由、完成时间:导出时「推进中」,系统中已改为「不适用(不适用理由:本区无此职能)」,"
        "工作簿中为「已完成(完成时间 2021-07-20)」——未导入,请核对"
    ]
    e = entries(work_db, UNIT)[ITEM]
    assert (e.status, e.done_date, e.reason) == ("不适用", None, "本区无此职能")


def test_a_date_corrected_by_one_colleague_is_not_dropped_by_another_changing_the_status(
    export, do_import, store, work_db
):
    """Two copies of one export: 甲 corrects the date, 乙 (imported later) sets 推进中. The
    status alone used to apply and clear 甲's date without a word."""
    store.mark_done(UNIT, ITEM, [], today=dt.date(2021, 6, 30))
    first = export(UNIT, name="甲.xlsx")
    second = export(UNIT, name="乙.xlsx")
    set_cells(first, {(ITEM, "完成时间"): "2021-07-15"})
    assert do_import(first).exit_code == 0
    set_cells(second, {(ITEM, "完成情况"): "推进中"})
    result = do_import(second)
    assert result.exit_code == 3, result.output
    assert conflict_lines(result.stdout) == [
        f"冲突:{ITEM} 完成情况、完成时间:导出时「已完成(完成时间 2021-06-30)」,系统中已改为「已完成(完成时间 2021-07-15)」,"
        "工作簿中为「推进中」——未导入,请核对"
    ]
    e = entries(work_db, UNIT)[ITEM]
    assert (e.status, e.done_date) == ("已完成", "2021-07-15")


def test_a_status_changed_in_the_workbook_alone_brings_its_date_and_reason_along(export, do_import, store, work_db):
    store.set_status(UNIT, [ITEM], "不适用", reason="本区无此职能")
    path = export(UNIT)
    set_cells(path, {(ITEM, "完成情况"): "推进中", (ITEM, "备注"): None})
    result = do_import(path)
    assert result.exit_code == 0, result.output
    e = entries(work_db, UNIT)[ITEM]
    assert (e.status, e.done_date, e.reason) == ("推进中", None, None)
