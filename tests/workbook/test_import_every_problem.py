"""`import` lists every problem of every file in one run (the README promises it), then
refuses them all: a person fixes the workbook once, not once per bad cell (issue 21, item 11).

The problems found while reading the lines against the checklist (an unknown status, 编号 or
link, a date that is none, 不适用 without a reason) used to stop at the first of each file."""

from __future__ import annotations

from .conftest import assert_user_error, col, load, row_of, set_cells, snapshot

UNIT = "渝中区"


def test_every_bad_cell_of_every_file_is_listed_and_nothing_is_written(export, do_import, store, work_db):
    store.set_status(UNIT, ["1.1.3-2"], "推进中")
    first = export(UNIT, name="甲.xlsx")
    second = export(UNIT, name="乙.xlsx")
    ws = load(first)["任务清单"]
    r = {item: row_of(ws, item) for item in ("1.1.3-1", "1.1.3-2", "1.1.5-1", "1.2.2-1", "1.2.5-1", "1.4.3-1")}
    set_cells(
        first,
        {
            ("1.1.3-1", "完成情况"): "基本完成",
            ("1.1.3-2", "完成情况"): "已完成",  # a valid edit: it must not be written
            ("1.1.5-1", "佐证材料"): "http://",
            ("1.2.2-1", "完成情况"): "不适用",
            ("1.2.5-1", "备注"): "=1+1",
            ("1.4.3-1", "编号"): "9.9.9-9",
        },
    )
    set_cells(
        second, {("1.1.3-1", "完成情况"): "已完成", ("1.1.3-1", "完成时间"): "下个月", ("1.1.5-1", "编号"): "1.1.3-1"}
    )
    before = snapshot(work_db)
    result = do_import(first, second)
    message = assert_user_error(result)
    sheet = "工作表「任务清单」 单元格"
    assert message.splitlines() == [
        f"错误:甲.xlsx {sheet} {col('备注')}{r['1.2.5-1']}:含有公式「=1+1」,请改为直接填写内容",
        f"错误:甲.xlsx {sheet} {col('完成情况')}{r['1.1.3-1']}:未知的完成情况「基本完成」,可选:未开始、推进中、已完成、不适用",
        f"错误:甲.xlsx {sheet} {col('佐证材料')}{r['1.1.5-1']}:佐证材料「http://」无效:网址缺少域名",
        f"错误:甲.xlsx {sheet} {col('完成情况')}{r['1.2.2-1']}:「不适用」需要理由:请在备注栏第一行写「不适用理由:……」",
        f"错误:甲.xlsx {sheet} {col('编号')}{r['1.4.3-1']}:未知编号「9.9.9-9」(不在「渝中区」的任务清单中)",
        f"错误:乙.xlsx {sheet} {col('完成时间')}{r['1.1.3-1']}:完成时间「下个月」不是日期,请写作 2026-11-30、2026年11月30日、2026.11.30 或 2026/11/30",
        f"错误:乙.xlsx {sheet} {col('编号')}{r['1.1.5-1']}:编号「1.1.3-1」重复(另见 {col('编号')}{r['1.1.3-1']})",
        "共 7 处问题,没有写入任何更改。",
    ]
    assert result.stdout == ""
    assert snapshot(work_db) == before


def test_a_line_whose_note_cannot_be_read_is_not_also_blamed_for_a_missing_reason(export, do_import, work_db):
    path = export(UNIT)
    row = row_of(load(path)["任务清单"], "1.1.3-1")
    set_cells(path, {("1.1.3-1", "完成情况"): "不适用", ("1.1.3-1", "备注"): "=A1"})
    message = assert_user_error(do_import(path))
    assert message.splitlines() == [
        f"错误:{path.name} 工作表「任务清单」 单元格 {col('备注')}{row}:含有公式「=A1」,请改为直接填写内容",
        "共 1 处问题,没有写入任何更改。",
    ]
