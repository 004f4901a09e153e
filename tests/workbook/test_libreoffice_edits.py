"""What people do to a 任务清单 in LibreOffice Calc, and the import that survives it (issue 23).

Each test edits the exported workbook in Calc through the UNO bridge (`lo_edit.py`, run by
Debian's python3 with python3-uno, one LibreOffice for all: calc_office.py), as a person would — rows deleted, inserted and sorted, a
column inserted, dates typed as dates and as text, evidence written as words, the file saved
as .xlsx or .ods — then imports it through the CLI and checks that every change was applied
and every edit that could not be was listed. `.ci/run` installs LibreOffice and python3-uno;
only where that is impossible are these tests skipped, saying why (pytest -ra; under CI
they fail instead, tests/needs.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from .conftest import (
    assert_user_error,
    column_of,
    data_ids,
    db_rows,
    entries,
    evidence_values,
    load,
    report_fields,
    row_of,
    seed_progress,
    snapshot,
)

# One LibreOffice serves every edit of these modules (the `calc` fixture): one xdist worker runs them.
pytestmark = pytest.mark.xdist_group("calc")
UNIT = "渝中区"
SHEET = "工作表「任务清单」"
# Text typed into an inserted row goes where no merged cell covers it (the export merges 工作任务).
MEASURE = "贯彻举措(市上统一要求)"


def rows_where(path: Path, header: str, text: str) -> list[int]:
    ws = load(path)["任务清单"]
    letter = column_of(ws, header)
    return [r for r in range(1, ws.max_row + 1) if ws[f"{letter}{r}"].value == text]


def not_imported(stderr: str) -> list[str]:
    return [line.removeprefix("未导入:") for line in stderr.splitlines() if line.startswith("未导入:")]


def test_rows_deleted_and_inserted_and_a_column_inserted(calc, export, do_import, store, work_db, tmp_path):
    seed_progress(store, tmp_path)  # 1.1.3-2 推进中 with a note: its row is deleted below
    path = export(UNIT)
    before = entries(work_db, UNIT)
    seq = load(path)["任务清单"][f"A{row_of(load(path)['任务清单'], '1.1.5-1')}"].value  # 序号 of 1.1.5-1
    edited = calc(
        path,
        [
            {"op": "delete", "id": "1.1.3-2"},
            {
                "op": "insert_below",
                "id": "1.1.5-1",
                "cells": {"序号": f"{seq}.2", MEASURE: "政策问答"},
            },  # each goes right under the item: 3.2 first
            {"op": "insert_below", "id": "1.1.5-1", "cells": {"序号": f"{seq}.1", MEASURE: "发布解读 ≥ 4 篇"}},
            {"op": "insert_below", "id": "1.2.2-1", "cells": {MEASURE: "顺便记一下:下周开会", "完成情况": "已完成"}},
            {"op": "insert_column", "before": "完成情况", "title": "联系人", "cells": {"1.4.3-1": "王五 63881234"}},
            {"op": "type", "id": "1.4.3-1", "header": "完成情况", "text": "推进中"},
            {"op": "type", "id": "1.3.3-1", "header": "备注", "text": "等待区政府审定"},
        ],
        tmp_path,
    )
    ws = load(edited)["任务清单"]
    assert [ws.cell(3, c).value for c in range(1, ws.max_column + 1)].count("联系人") == 1
    step1, step2 = rows_where(edited, "序号", f"{seq}.1")[0], rows_where(edited, "序号", f"{seq}.2")[0]
    [stray] = rows_where(edited, MEASURE, "顺便记一下:下周开会")
    [contact] = rows_where(edited, "联系人", "王五 63881234")
    letter = {h: column_of(ws, h) for h in ("序号", MEASURE, "完成情况", "联系人")}

    result = do_import(edited)
    assert result.exit_code == 3, result.output  # applied, with what was not imported listed
    lines = result.stdout.splitlines()
    assert lines[0] == "渝中区.xlsx(渝中区):3 个条目有变化:备注 1、完成情况 1、细化步骤 1"
    # The two rows numbered as steps of the item (3.1, 3.2) add its steps, each listed.
    assert sorted(lines[1:]) == sorted(
        [
            "  1.3.3-1 备注:(空) → 等待区政府审定",
            "  1.4.3-1 完成情况:未开始 → 推进中",
            "  步骤 1.1.5-1.1 的新增:发布解读 ≥ 4 篇",
            "  步骤 1.1.5-1.2 的新增:政策问答",
            f"  说明:新增步骤 1.1.5-1.1(第 {step1} 行):发布解读 ≥ 4 篇",
            f"  说明:新增步骤 1.1.5-1.2(第 {step2} 行):政策问答",
            "  说明:工作表中已没有 1 个条目的行(删除了?),按未改动处理:1.1.3-2",
        ]
    )
    assert [(s["number"], s["text"]) for s in store.steps_of(UNIT, ["1.1.5-1"])["1.1.5-1"]] == [
        (1, "发布解读 ≥ 4 篇"),
        (2, "政策问答"),
    ]
    name = f"渝中区.xlsx {SHEET}"
    assert not_imported(result.stderr) == [
        f"{name} 第 {stray} 行:没有编号(导出后插入的行?),未导入:{letter[MEASURE]}{stray} 「顺便记一下:下周开会」、"
        f"{letter['完成情况']}{stray} 「已完成」",
        f"{name} 「联系人」列({letter['联系人']} 列)不是导出的列(插入的列?),其中 1 个单元格的内容未导入:"
        f"{letter['联系人']}{contact} 「王五 63881234」",
    ]
    assert "有 2 处内容没有导入(见上),其余修改已写入。" in result.stderr
    after = entries(work_db, UNIT)
    assert (after["1.1.3-2"].status, after["1.1.3-2"].note) == (before["1.1.3-2"].status, before["1.1.3-2"].note)
    assert after["1.4.3-1"].status == "推进中" and after["1.3.3-1"].note == "等待区政府审定"


def test_dates_typed_as_dates_and_as_text_and_evidence_written_as_words(calc, export, do_import, work_db, tmp_path):
    path = export(UNIT)
    prose = "已在区政府网站公开，并张贴于公示栏"
    edited = calc(
        path,
        [
            {"op": "type", "id": "1.4.3-1", "header": "完成情况", "text": "已完成"},
            {"op": "date", "id": "1.4.3-1", "header": "完成时间", "iso": "2021-07-15", "format": 'YYYY"年"M"月"D"日"'},
            {"op": "type", "id": "1.4.3-2", "header": "完成情况", "text": "已完成"},
            {"op": "date", "id": "1.4.3-2", "header": "完成时间", "iso": "2021-07-16", "format": "YYYY-MM-DD"},
            {"op": "type", "id": "1.2.5-1", "header": "完成情况", "text": "已完成"},
            {"op": "type", "id": "1.2.5-1", "header": "完成时间", "text": "2021年7月20日"},
            {
                "op": "type",
                "id": "1.2.5-1",
                "header": "佐证材料",
                "text": f"{prose}\nhttps://www.cqyz.gov.cn/zwgk/1.html",
            },
        ],
        tmp_path,
    )
    ws = load(edited)["任务清单"]
    assert isinstance(ws[f"{column_of(ws, '完成时间')}{row_of(ws, '1.4.3-1')}"].value, dt.datetime)  # a real date
    result = do_import(edited)
    assert result.exit_code == 0, result.output
    assert report_fields(result.stdout.splitlines()[0]) == (3, {"完成情况": 3, "完成时间": 3, "佐证材料": 1})
    e = entries(work_db, UNIT)
    assert [e[i].done_date for i in ("1.4.3-1", "1.4.3-2", "1.2.5-1")] == ["2021-07-15", "2021-07-16", "2021-07-20"]
    assert db_rows(
        work_db, "SELECT kind, value FROM evidence WHERE unit=? AND item_id='1.2.5-1' ORDER BY id", (UNIT,)
    ) == [{"kind": "note", "value": prose}, {"kind": "url", "value": "https://www.cqyz.gov.cn/zwgk/1.html"}]
    # Exported again, the note goes out as it came in and comes back as no change.
    again = export(UNIT, name="again.xlsx")
    assert ok_no_change(do_import(again))


def ok_no_change(result) -> bool:
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines() == ["again.xlsx(渝中区):没有变化"]


def test_rows_sorted_by_deadline(calc, export, do_import, work_db, tmp_path):
    path = export(UNIT)
    exported_order = data_ids(load(path)["任务清单"])
    edited = calc(
        path,
        [
            {"op": "type", "id": "1.1.3-1", "header": "完成情况", "text": "推进中"},
            {"op": "type", "id": "5.3.1-6", "header": "完成情况", "text": "已完成"},
            {"op": "date", "id": "5.3.1-6", "header": "完成时间", "iso": "2021-07-30", "format": "YYYY-MM-DD"},
            {"op": "type", "id": "3.1.1-1", "header": "备注", "text": "6月已完成初稿"},
            {"op": "sort", "header": "时限要求", "descending": True},
        ],
        tmp_path,
    )
    sorted_order = data_ids(load(edited)["任务清单"])
    assert sorted(sorted_order) == sorted(exported_order) and sorted_order != exported_order  # moved, none lost
    result = do_import(edited)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert report_fields(lines[0]) == (3, {"完成情况": 2, "完成时间": 1, "备注": 1})
    assert sorted(lines[1:]) == sorted(
        [
            "  1.1.3-1 完成情况:未开始 → 推进中",
            "  5.3.1-6 完成情况:未开始 → 已完成",
            "  5.3.1-6 完成时间:(空) → 2021-07-30",
            "  3.1.1-1 备注:(空) → 6月已完成初稿",
        ]
    )


def test_saved_as_ods(calc, export, do_import, work_db, tmp_path):
    path = export(UNIT)
    edited = calc(
        path,
        [
            {"op": "delete", "id": "1.1.6-1"},
            {"op": "type", "id": "1.1.3-1", "header": "完成情况", "text": "已完成"},
            {"op": "type", "id": "1.1.3-1", "header": "佐证材料", "text": "https://www.cqyz.gov.cn/zwgk/2.html"},
            {"op": "type", "id": "1.2.2-1", "header": "责任人", "text": "李四"},
        ],
        tmp_path,
        kind="ods",
    )
    assert edited.suffix == ".ods"
    result = do_import(edited)
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.splitlines()[0]
        == "渝中区.ods(渝中区):2 个条目有变化:完成情况 1、完成时间 1、佐证材料 1、责任人 1"
    )
    assert evidence_values(work_db, UNIT, "1.1.3-1") == ["https://www.cqyz.gov.cn/zwgk/2.html"]
    assert entries(work_db, UNIT)["1.2.2-1"].person == "李四"


def test_every_problem_of_a_file_edited_in_calc_is_listed_at_once(calc, export, do_import, work_db, tmp_path):
    path = export(UNIT)
    edited = calc(
        path,
        [
            {"op": "delete", "id": "1.1.3-2"},
            {"op": "type", "id": "1.1.3-1", "header": "完成情况", "text": "基本完成"},
            {"op": "type", "id": "1.4.3-1", "header": "完成情况", "text": "做完了"},
            {"op": "type", "id": "1.2.5-1", "header": "完成时间", "text": "下个月"},
            {"op": "type", "id": "1.3.3-1", "header": "完成情况", "text": "推进中"},  # valid: not written either
        ],
        tmp_path,
    )
    ws = load(edited)["任务清单"]
    at = {
        i: f"{column_of(ws, h)}{row_of(ws, i)}"
        for i, h in (("1.1.3-1", "完成情况"), ("1.4.3-1", "完成情况"), ("1.2.5-1", "完成时间"))
    }
    before = snapshot(work_db)
    message = assert_user_error(do_import(edited))
    lines = message.splitlines()
    assert lines[-1] == "共 3 处问题,没有写入任何更改。"
    assert sorted(lines[:-1]) == sorted(
        [
            f"错误:渝中区.xlsx {SHEET} 单元格 {at['1.1.3-1']}:未知的完成情况「基本完成」,可选:未开始、推进中、已完成、不适用",
            f"错误:渝中区.xlsx {SHEET} 单元格 {at['1.4.3-1']}:未知的完成情况「做完了」,可选:未开始、推进中、已完成、不适用",
            f"错误:渝中区.xlsx {SHEET} 单元格 {at['1.2.5-1']}:完成时间「下个月」不是日期,请写作 2026-11-30、2026年11月30日、"
            "2026.11.30 或 2026/11/30",
        ]
    )
    assert snapshot(work_db) == before
