"""细化 steps in the 完整版 (issue #23 item 3): each step a line right under its item, 序号
`3.1`, no 编号, the step in 贯彻举措 (工作任务 there is the section's heading, merged over
the section's lines), its own 公开路径, 时限要求, 责任科室, 责任人, 完成情况, 完成时间 and
佐证材料 (a file by its name only). Imported back unchanged, nothing changes; its text,
people and status edited in the sheet are taken three ways as in the 上报版; an edited
完成时间 or 佐证材料 of a step is listed as not imported, never dropped silently."""

from __future__ import annotations

from openpyxl import load_workbook

from .conftest import HEADER_ROW, URL, col, row_of

U, ITEM = "渝中区", "1.1.3-1"


def _step_row(ws, seq: str, number: int) -> int:
    return next(r for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws[f"A{r}"].value == f"{seq}.{number}")


def test_steps_are_lines_under_their_item_in_the_full_layout(export, store, do_import, tmp_path):
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
    path = export(U, full=True)
    ws = load_workbook(path)["任务清单"]
    r = row_of(ws, ITEM)
    seq = ws[f"A{r}"].value
    assert [ws[f"A{r + 1}"].value, ws[f"A{r + 2}"].value] == [f"{seq}.1", f"{seq}.2"]
    assert ws[f"{col('编号')}{r + 1}"].value is None and ws[f"{col('编号')}{r + 2}"].value is None
    assert ws[f"{col('贯彻举措(市上统一要求)')}{r + 1}"].value == "发布政策解读\n目标：发布解读 ≥ 4 篇"
    assert (ws[f"{col('责任科室')}{r + 1}"].value, ws[f"{col('责任人')}{r + 1}"].value) == ("办公室", "王芳")
    assert ws[f"{col('时限要求')}{r + 1}"].value == "2026年6月30日前"
    assert ws[f"{col('公开路径')}{r + 2}"].value == "政府网站>专栏"
    assert ws[f"{col('完成情况')}{r + 2}"].value == "已完成" and ws[f"{col('完成时间')}{r + 2}"].value
    assert ws[f"{col('佐证材料')}{r + 2}"].value.split("\n") == [URL, "解读截图.png"]
    assert not any(str(tmp_path) in str(c.value) for row in ws.iter_rows(min_row=HEADER_ROW) for c in row if c.value)
    before = store.steps_of(U, [ITEM])
    result = do_import(path)
    assert result.exit_code == 0 and "没有变化" in result.output and "未导入" not in result.output, result.output
    assert store.steps_of(U, [ITEM]) == before


def test_full_layout_step_edits_are_taken_and_the_rest_listed(export, store, do_import):
    store.add_step(U, ITEM, "发布政策解读", {"office": "办公室"})
    store.add_step(U, ITEM, "更新专栏", {})
    path = export(U, full=True)
    wb = load_workbook(path)
    ws = wb["任务清单"]
    seq = ws[f"A{row_of(ws, ITEM)}"].value
    one, two = _step_row(ws, seq, 1), _step_row(ws, seq, 2)
    ws[f"{col('完成情况')}{one}"] = "推进中"
    ws[f"{col('贯彻举措(市上统一要求)')}{one}"] = "发布政策解读材料\n目标：解读 ≥ 2 篇"
    ws[f"{col('责任人')}{two}"] = "李四"
    ws[f"{col('佐证材料')}{two}"] = "https://www.cq.gov.cn/zwgk/zl.html"
    wb.save(path)
    result = do_import(path)
    assert result.exit_code == 0, result.output
    steps = {s["number"]: s for s in store.steps_of(U, [ITEM])[ITEM]}
    assert steps[1]["status"] == "推进中"
    assert (steps[1]["text"], steps[1]["target"]) == ("发布政策解读材料", "解读 ≥ 2 篇")
    assert steps[1]["office"] == "办公室"  # unchanged in the sheet: kept
    assert (steps[2]["office"], steps[2]["person"]) == (None, "李四")
    assert not steps[2].get("evidence")
    assert f"步骤 {seq}.2)的佐证材料未导入" in result.output, result.output
