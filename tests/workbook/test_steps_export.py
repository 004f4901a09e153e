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
    store.add_step(U, ITEM, "发布政策解读", {"office": "办公室", "person": "王芳", "deadline": "2026-06-30",
                                         "target": "发布解读 ≥ 4 篇"})
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
    # Imported back unchanged: nothing changes, each step row listed as not imported (yet).
    before = store.steps_of(U, [ITEM])
    result = do_import(path)
    assert result.exit_code == 3 and result.output.count("细化步骤(尚不能导入)") == 2, result.output
    assert store.steps_of(U, [ITEM]) == before
