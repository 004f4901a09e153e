"""Issue #23's "Done when", walked in LibreOffice Calc: an office exports its 上报版 after
refining three items into 细化 steps and writing a 具体完成情况, opens it in Calc, deletes a
row, marks a step done, types a step's 时限 as a real date, writes another item's
具体完成情况, adds a step row and a stray row, sorts the table by 时限, saves it as .ods
and imports it back: every change is applied and every edit that could not be is listed
with its row. Run through the UNO bridge as test_libreoffice_edits.py does."""

from __future__ import annotations

import re

import pytest

from .conftest import entries, load, row_of
from .test_libreoffice_edits import not_imported

# One LibreOffice serves this and test_libreoffice_edits.py (the `calc` fixture): one xdist worker runs them.
pytestmark = pytest.mark.xdist_group("calc")

UNIT = "渝中区"


def test_the_offices_round_trip_through_calc_as_ods(calc, export, do_import, store, work_db, tmp_path):
    store.add_step(UNIT, "1.1.3-1", "发布规划解读", {"office": "办公室", "deadline": "2021-06-30"})
    store.add_step(UNIT, "1.1.3-1", "更新规划专栏", {"target": "更新 ≥ 2 次"})
    store.add_step(UNIT, "1.2.2-1", "公开政务服务事项清单", {})
    store.add_step(UNIT, "1.4.3-1", "梳理政策问答", {"person": "王芳"})
    store.set_narrative(UNIT, "1.1.3-1", "已发布规划全文及图解")
    path = export(UNIT, full=False)
    ws = load(path)["任务清单"]
    seq = {i: ws[f"A{row_of(ws, i)}"].value for i in ("1.1.3-1", "1.2.2-1", "1.4.3-1")}
    edited = calc(
        path,
        [
            {"op": "delete", "id": "1.1.3-2"},
            {"op": "type", "seq": f"{seq['1.1.3-1']}.1", "header": "完成情况", "text": "已完成"},
            {"op": "date", "seq": f"{seq['1.1.3-1']}.2", "header": "时限", "iso": "2021-09-30", "format": "YYYY-MM-DD"},
            {"op": "type", "id": "1.2.2-1", "header": "具体完成情况", "text": "已在政府网站发布事项清单\n共 126 项"},
            {"op": "type", "id": "1.4.3-1", "header": "完成情况", "text": "推进中"},
            {
                "op": "insert_below",
                "seq": f"{seq['1.4.3-1']}.1",
                "cells": {"序号": f"{seq['1.4.3-1']}.2", "工作任务": "组织政策吹风会", "时限": "2021年11月30日前"},
            },
            {"op": "insert_below", "id": "1.3.3-1", "cells": {"工作任务": "随手记:周五交材料"}},
            {"op": "sort", "header": "时限", "descending": True},
        ],
        tmp_path,
        kind="ods",
    )
    assert edited.suffix == ".ods"

    result = do_import(edited)
    assert result.exit_code == 3, result.output  # applied; the stray row listed
    done = store.steps_of(UNIT)
    one, two = done["1.1.3-1"]
    assert (one["status"], two["deadline"], two["target"]) == ("已完成", "2021-09-30", "更新 ≥ 2 次")
    assert [(s["number"], s["text"], s["deadline"]) for s in done["1.4.3-1"]] == [
        (1, "梳理政策问答", None),
        (2, "组织政策吹风会", "2021-11-30"),
    ]
    after = entries(work_db, UNIT)
    assert after["1.2.2-1"].narrative == "已在政府网站发布事项清单\n共 126 项"
    assert after["1.4.3-1"].status == "推进中"
    assert after["1.1.3-1"].narrative == "已发布规划全文及图解"  # untouched in the sheet: kept
    assert after["1.1.3-1"].status == "推进中"  # one of its two steps done: the item rolls up to 推进中
    assert after["1.1.3-2"].status == "未开始"  # its row deleted: unchanged, and said so
    assert "工作表中已没有 1 个条目的行(删除了?),按未改动处理:1.1.3-2" in result.stdout
    [listed] = not_imported(result.stderr)
    assert re.match(r"渝中区\.ods 工作表「任务清单」 第 \d+ 行:没有编号", listed) and "随手记:周五交材料" in listed, (
        listed
    )
