"""The 上报版 (the default `export`): the city's columns, at most ten, A4 landscape at 10.5 pt,
and an import reading it back; the marks and the form around the table; what the exporter
plans for the printed page (heights, breaks). How it looks printed: test_print_pdf.py."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from openpyxl.chart import BarChart

from tui.store import Store
from tui.workbook import measure
from tui.workbook.export import plan_pages
from tui.workbook.service import export_checklist

from .conftest import (
    AS_OF, HEADER_ROW, SUBMISSION_HEADERS, URL, data_ids, entries, file_line, history, ok, report_fields,
    row_of, scol, seed_progress, set_cells, snapshot,
)


def test_export_writes_the_submission_layout_by_default(export, store, tmp_path):
    seeded = seed_progress(store, tmp_path)
    path = export("渝中区", full=False)
    wb = load_workbook(path)
    ws = wb["任务清单"]
    assert [c.value for c in ws[HEADER_ROW]] == SUBMISSION_HEADERS
    assert len(SUBMISSION_HEADERS) <= 10
    assert len(data_ids(ws)) == 105
    r = row_of(ws, "1.1.3-1")
    # 公开路径 inside 贯彻举措 as the document writes it; 责任科室 and 责任人 in one cell.
    assert "(公开路径:1.政府网站>" in ws[f"{scol('贯彻举措(市上统一要求)')}{r}"].value
    assert ws[f"{scol('责任科室/责任人')}{r}"].value == "办公室／张三"
    assert ws[f"{scol('完成情况')}{r}"].value == "已完成"
    assert ws[f"{scol('佐证材料')}{r}"].value.split("\n") == [URL, seeded["file"]]
    assert ws[f"{scol('佐证材料')}{r}"].alignment.wrap_text
    assert ws[f"{scol('佐证材料')}{row_of(ws, '1.2.2-1')}"].value == "【缺佐证】"
    assert ws[f"{scol('时限要求')}{row_of(ws, '3.1.1-1')}"].value == "【逾期】\n2021年6月30日前"
    # Printed on A4 landscape, one page wide: the columns fit the page at 100 % or nearly
    # (never below 10 pt), so fitting to the width does not shrink the 10.5-pt text.
    assert ws.page_setup.paperSize in (9, "9") and ws.page_setup.orientation == "landscape"
    assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)
    table = sum(measure.column_points(ws.column_dimensions[c.column_letter].width) for c in ws[HEADER_ROW])
    page, _ = measure.printable((297, 210), (ws.page_margins.left, ws.page_margins.right, 0, 0))
    assert min(1.0, page / table) * 10.5 >= 10
    assert ws["A4"].font.size == 10.5
    assert ws["A1"].font.name == "方正小标宋简体"
    assert ws["A2"].value.startswith("填报单位：渝中区　　填报日期：")
    foot = [ws.cell(r, 1).value for r in range(ws.max_row - 1, ws.max_row + 1)]
    assert foot[0].startswith("标记说明：")
    assert foot[1] == "填报人：＿＿＿＿＿＿＿＿　　联系电话：＿＿＿＿＿＿＿＿　　审核人：＿＿＿＿＿＿＿＿"
    # Every line has its height; the 工作任务 column is counted (a heading taller than its
    # lines makes the last of them taller).
    assert all(ws.row_dimensions[r].height for r in range(1, ws.max_row + 1))


def test_submission_layout_edits_are_imported(export, do_import, store, work_db, tmp_path):
    seed_progress(store, tmp_path)
    path = export("渝中区", full=False)
    new_url = "https://www.cqyz.gov.cn/zwgk/zcwj/2021/t20210801_2.html"
    set_cells(path, {
        ("1.1.3-1", "责任科室/责任人"): "财务处／李四",  # both changed in one cell
        ("1.2.5-1", "责任科室/责任人"): "预算处",  # office only
        ("1.1.3-2", "完成情况"): "已完成",
        ("1.1.3-2", "佐证材料"): new_url,
        ("1.2.2-1", "佐证材料"): f"【缺佐证】\n{new_url}",  # the mark left in, a URL added under it
    })
    before = len(history(work_db))
    result = ok(do_import(path))
    count, fields = report_fields(file_line(result.stdout, "渝中区.xlsx"))
    assert count == 4, result.stdout
    assert fields == {"责任科室": 2, "责任人": 1, "完成情况": 1, "完成时间": 1, "佐证材料": 2}, result.stdout
    e = entries(work_db, "渝中区")
    assert (e["1.1.3-1"].office, e["1.1.3-1"].person) == ("财务处", "李四")
    assert (e["1.2.5-1"].office, e["1.2.5-1"].person) == ("预算处", None)
    assert e["1.1.3-2"].status == "已完成" and e["1.1.3-2"].done_date  # the 上报版 has no 完成时间: set on import
    assert e["1.1.3-1"].done_date == "2021-06-30"  # unchanged: not in this layout
    assert e["1.2.2-1"].evidence_count == 1
    assert len(history(work_db)) > before


def test_office_and_person_are_split_only_where_the_cell_says_so():
    from tui.workbook.reader import split_office_person

    assert split_office_person("财务处／张三") == ("财务处", "张三")
    assert split_office_person(" 财务处 ") == ("财务处", None)
    assert split_office_person("／张三") == (None, "张三")
    assert split_office_person("财务处／") == ("财务处", None)
    assert split_office_person("综合科/办公室／张三、李四") == ("综合科/办公室", "张三、李四")  # ／ is the separator
    assert split_office_person("财务处\n张三") == ("财务处", "张三")  # two lines, no ／
    assert split_office_person(None) == (None, None)
    for ambiguous in ("财务处/张三", "甲／乙／张三", "财务处\n预算处\n张三"):
        assert isinstance(split_office_person(ambiguous), str), ambiguous


def test_office_names_with_slashes_come_back_as_they_were(export, do_import, store, work_db, tmp_path):
    """A cell still as exported keeps the office and person it was written from, whatever
    `/` or `／` they contain; an edited one beside them is split at its ／."""
    seed_progress(store, tmp_path)
    store.set_fields("渝中区", "1.1.3-2", {"office": "综合科/办公室"})  # no person: one slash, one name
    store.set_fields("渝中区", "1.2.5-1", {"office": "甲／乙科", "person": "王五"})
    path = export("渝中区", full=False)
    before = snapshot(work_db)
    assert ok(do_import(path)).stdout.splitlines() == ["渝中区.xlsx(渝中区):没有变化"]
    assert snapshot(work_db)["progress"] == before["progress"]
    set_cells(path, {("1.2.2-1", "责任科室/责任人"): "综合科/办公室／赵六"})
    ok(do_import(path))
    e = entries(work_db, "渝中区")
    assert (e["1.1.3-2"].office, e["1.1.3-2"].person) == ("综合科/办公室", None)
    assert (e["1.2.5-1"].office, e["1.2.5-1"].person) == ("甲／乙科", "王五")
    assert (e["1.2.2-1"].office, e["1.2.2-1"].person) == ("综合科/办公室", "赵六")


def test_both_layouts_and_older_exports_read_back(export, do_import, store, work_db, tmp_path):
    seed_progress(store, tmp_path)
    full = export("渝中区", name="完整版.xlsx")
    ws = load_workbook(full)["任务清单"]
    assert ws[f"A{HEADER_ROW}"].value == "序号" and ws.max_column == 15
    # A workbook of today's 15-column layout without the foot rows (as exported before).
    def without_foot(ws, wb):
        ws.delete_rows(ws.max_row - 1, 2)

    from .conftest import edit
    old = edit(full, without_foot, tmp_path / "in" / "旧版.xlsx")
    for path in (full, old):
        result = ok(do_import(path))
        assert result.stdout.splitlines()[0].endswith("没有变化"), result.stdout


def test_signer_line_from_the_settings(work_db, tmp_path):
    with Store(work_db, readonly=True) as store:
        path = export_checklist(store, "市财政局", dt.date.fromisoformat(AS_OF), tmp_path / "x.xlsx",
                                filled_by="王芳", phone="023-67575000", reviewer="陈处长")
    ws = load_workbook(path)["任务清单"]
    assert ws.cell(ws.max_row, 1).value == "填报人：王芳　　联系电话：023-67575000　　审核人：陈处长"


def test_statistics_and_about_fit_one_page_and_the_chart_reads_in_document_order(export):
    wb = load_workbook(export("渝中区", full=False))
    for name in ("完成情况统计", "说明"):
        ws = wb[name]
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 1), name
        assert ws.oddFooter.center.text == "第 &P 页 共 1 页"
    [chart] = wb["完成情况统计"]._charts
    assert isinstance(chart, BarChart) and chart.type == "bar"
    assert chart.x_axis.scaling.orientation == "maxMin"  # first section on top


def test_plan_pages_repeats_the_heading_after_a_break():
    # Six lines of 100 pt in two groups, 250 pt a page: breaks every two lines.
    lines = [(100.0, "g1", "一、甲\n(一)子"), (100.0, "g1", "一、甲\n(一)子"), (100.0, "g1", "一、甲\n(一)子"),
             (100.0, "g2", "一、甲\n(二)丑"), (100.0, "g2", "一、甲\n(二)丑"), (100.0, "g2", "一、甲\n(二)丑")]
    heights, breaks, pieces = plan_pages(lines, 12.0, 10.5, 40.0, 40.0, 250.0)
    assert breaks == [2, 4]
    assert pieces == [(0, 1, "一、甲\n(一)子"), (2, 2, "一、甲\n(一)子（续）"), (3, 3, "一、甲\n(二)丑"),
                      (4, 5, "一、甲\n(二)丑（续）")]
    # A heading taller than its one short line makes that line taller.
    heights, _, pieces = plan_pages([(20.0, "g", "一、" + "很长的标题" * 8)], 12.0, 10.5, 0.0, 0.0, 500.0)
    assert heights[0] >= measure.text_height("一、" + "很长的标题" * 8, 12.0, 10.5)


def test_text_lines_counts_every_wrapped_line():
    assert measure.text_lines("", 10, 10.5) == 1
    assert measure.text_lines("短", 10, 10.5) == 1
    assert measure.text_lines("甲\n乙\n丙", 10, 10.5) == 3
    usable = measure.column_points(20) - measure.CELL_PADDING
    per_line = int(usable // 10.5)
    assert measure.text_lines("字" * per_line, 20, 10.5) == 1
    assert measure.text_lines("字" * (per_line + 1), 20, 10.5) == 2
    # A URL is broken inside only when it is longer than a line.
    url = "https://www.cqyz.gov.cn/zwgk/zfxxgkml/ghxx/gmjjhshfzgh/202106/t20210630_9436151.html"
    assert measure.text_lines(url, 25, 10.5) >= 3
    assert measure.text_lines(url, 140, 10.5) == 1


def test_marks_are_words_as_well_as_colours(export, store, tmp_path):
    """逾期, 缺佐证 and 待确认 survive a black-and-white printer: words in the cell."""
    seed_progress(store, tmp_path)
    ws = load_workbook(export("渝中区", full=False))["任务清单"]
    overdue = {ws[f"A{r}"].value for r in range(4, ws.max_row - 1)
               if str(ws[f"{scol('时限要求')}{r}"].value).startswith("【逾期】")}
    assert overdue == {"3.1.1-1", "3.1.4-4", "5.3.1-3"}
    for r in range(4, ws.max_row - 1):  # the fill and the word go together
        cell = ws[f"{scol('时限要求')}{r}"]
        assert (cell.fill.fill_type == "solid") == str(cell.value).startswith("【逾期】"), cell.coordinate
    confirm = {e.id for e in store.checklist("市文化旅游委") if e.to_confirm}
    wl = load_workbook(export("市文化旅游委", full=False))["任务清单"]
    marked = {wl[f"A{r}"].value for r in range(4, wl.max_row - 1)
              if str(wl[f"{scol('贯彻举措(市上统一要求)')}{r}"].value).startswith("【待确认】")}
    assert confirm and marked == confirm
