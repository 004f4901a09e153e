"""细化 steps in the 上报版 (issue #23 item 3, the export half): each step a line right under
its item, 序号 `3.1`, `3.2`…, with its own text and target, 时限, people, status and
具体完成情况 (its narrative, then its evidence titles; a file by its name only). The
import does not take steps yet: it lists each step row as not imported, never refuses."""

from __future__ import annotations

from openpyxl import load_workbook

from .conftest import HEADER_ROW, URL, row_of, scol

U, ITEM = "渝中区", "1.1.3-1"


def test_steps_are_lines_right_under_their_item(export, store, do_import, tmp_path):
    shot = tmp_path / "解读截图.png"
    shot.write_bytes(b"\x89PNG fake")
    store.add_step(
        U,
        ITEM,
        "发布政策解读",
        {"office": "办公室", "person": "王芳", "deadline": "2026-06-30", "target": "发布解读 ≥ 4 篇"},
    )
    store.add_step(U, ITEM, "更新专栏", {"path": "政府网站>专栏"})
    store.mark_step_done(U, ITEM, 2, [URL, str(shot)])
    store.edit_step(U, ITEM, 2, {"narrative": "专栏已更新,共 5 篇"})
    path = export(U, full=False)
    ws = load_workbook(path)["任务清单"]
    r = row_of(ws, ITEM)
    item_seq = ws[f"A{r}"].value
    assert [ws[f"A{r + 1}"].value, ws[f"A{r + 2}"].value] == [f"{item_seq}.1", f"{item_seq}.2"]
    assert ws[f"B{r + 1}"].value is None and ws[f"B{r + 2}"].value is None  # no 编号: not an item
    assert ws[f"A{r + 3}"].value != f"{item_seq}.3"
    task, people, deadline = scol("工作任务"), scol("责任科室／责任人"), scol("时限")
    assert ws[f"{task}{r + 1}"].value == "发布政策解读\n目标：发布解读 ≥ 4 篇"
    assert ws[f"{people}{r + 1}"].value == "办公室／王芳"
    assert ws[f"{deadline}{r + 1}"].value == "2026年6月30日前"
    assert ws[f"{scol('完成情况')}{r + 1}"].value == "未开始"
    assert ws[f"{scol('完成情况')}{r + 2}"].value == "已完成"
    assert ws[f"{scol('公开路径')}{r + 2}"].value == "政府网站>专栏"
    assert ws[f"{scol('具体完成情况')}{r + 2}"].value.split("\n") == ["专栏已更新,共 5 篇", URL, "解读截图.png"]
    assert not any(str(tmp_path) in str(c.value) for row in ws.iter_rows(min_row=HEADER_ROW) for c in row if c.value)
    # Imported back unchanged: nothing changes, nothing listed.
    before = store.steps_of(U, [ITEM])
    result = do_import(path)
    assert result.exit_code == 0 and "没有变化" in result.output and "未导入" not in result.output, result.output
    assert store.steps_of(U, [ITEM]) == before


def _steps(store, item=ITEM):
    return {s["number"]: s for s in store.steps_of(U, [item]).get(item, [])}


def _step_row(ws, item_seq: str, number: int) -> int:
    return next(r for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws[f"A{r}"].value == f"{item_seq}.{number}")


def test_edited_step_rows_are_imported_three_ways(export, store, do_import):
    store.add_step(U, ITEM, "发布政策解读", {"office": "办公室"})
    store.add_step(U, ITEM, "更新专栏", {})
    path = export(U, full=False)
    wb = load_workbook(path)
    ws = wb["任务清单"]
    r = row_of(ws, ITEM)
    seq = ws[f"A{r}"].value
    ws[f"{scol('完成情况')}{_step_row(ws, seq, 1)}"] = "推进中"
    ws[f"{scol('具体完成情况')}{_step_row(ws, seq, 1)}"] = "已起草 2 篇\n待审核"
    ws[f"{scol('责任科室／责任人')}{_step_row(ws, seq, 2)}"] = "信息科／李四"
    # A new step row (3.3), written below the table, and the item's rows sorted (the item last).
    new = ws.max_row + 2
    ws[f"A{new}"], ws[f"{scol('工作任务')}{new}"] = f"{seq}.3", "开展政策解读评估\n目标：评估 1 次"
    ws[f"{scol('时限')}{new}"] = "2026年12月31日前"
    values = [[c.value for c in ws[i]] for i in range(r, r + 3)]
    for i, row in enumerate([*values[1:], values[0]]):
        for j, v in enumerate(row, 1):
            ws.cell(r + i, j).value = v
    wb.save(path)
    store.edit_step(U, ITEM, 2, {"office": "办公室"})  # changed in the database since export: a conflict
    result = do_import(path)
    assert result.exit_code == 3 and "1 项冲突没有导入" in result.output, result.output  # the rest written
    steps = _steps(store)
    assert steps[1]["status"] == "推进中" and steps[1]["narrative"] == "已起草 2 篇\n待审核"
    assert steps[1]["office"] == "办公室"  # unchanged in the sheet: kept
    assert steps[2]["office"] == "办公室" and steps[2]["person"] is None  # the conflict: not overwritten
    assert "冲突" in result.output and f"{ITEM}.2" in result.output
    assert steps[3]["text"] == "开展政策解读评估" and steps[3]["target"] == "评估 1 次"
    assert steps[3]["deadline"] == "2026-12-31"
    assert f"新增步骤 {ITEM}.3" in result.output
    # Imported again: nothing more changes; a step row deleted in the sheet deletes nothing.
    again = load_workbook(export(U, full=False, name="again.xlsx"))
    ws = again["任务清单"]
    ws.delete_rows(_step_row(ws, seq, 1))
    again.save(path.with_name("again2.xlsx"))
    result = do_import(path.with_name("again2.xlsx"))
    assert result.exit_code == 0 and "没有变化" in result.output, result.output
    assert sorted(_steps(store)) == [1, 2, 3]


def test_the_report_names_step_changes_in_words(export, store, do_import):
    store.add_step(U, ITEM, "发布政策解读", {})
    path = export(U, full=False)
    wb = load_workbook(path)
    ws = wb["任务清单"]
    seq = ws[f"A{row_of(ws, ITEM)}"].value
    ws[f"{scol('完成情况')}{_step_row(ws, seq, 1)}"] = "推进中"
    wb.save(path)
    out = do_import(path).output
    assert f"步骤 {ITEM}.1 的完成情况:未开始 → 推进中" in out and "step:" not in out, out
