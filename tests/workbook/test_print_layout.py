"""The 上报版 (the default `export`): the city's columns, at most ten, A4 landscape at 10.5 pt,
and an import reading it back; the marks and the form around the table; what the exporter
plans for the printed page (heights, breaks). How it looks printed: test_print_pdf.py."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.chart import BarChart

from tui.store import Store
from tui.workbook import measure
from tui.workbook.export import plan_pages
from tui.workbook.service import export_checklist

from .conftest import (
    AS_OF,
    HEADER_ROW,
    SUBMISSION_HEADERS,
    URL,
    data_ids,
    entries,
    file_line,
    history,
    ok,
    report_fields,
    col,
    row_of,
    scol,
    seed_progress,
    set_cells,
    snapshot,
)


def test_export_writes_the_submission_layout_by_default(export, store, tmp_path):
    seeded = seed_progress(store, tmp_path)
    path = export("渝中区", full=False)
    wb = load_workbook(path)
    ws = wb["任务清单"]
    assert [c.value for c in ws[HEADER_ROW]] == SUBMISSION_HEADERS
    assert ws.column_dimensions["B"].hidden  # 编号: never printed, moves with its row
    assert ws["A1"].value == "渝中区2021年政务公开工作任务清单"
    assert len(data_ids(ws)) == 105
    # 序号 1…N on the lines; a full-width row for each 一、 and (一) heading before them.
    lines = [r for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws[f"B{r}"].value]
    assert [ws[f"A{r}"].value for r in lines] == [str(n) for n in range(1, 106)]
    headings = [r for r in range(HEADER_ROW + 1, ws.max_row) if not ws[f"B{r}"].value]
    assert ws[f"A{headings[0]}"].value.startswith("一、") and ws[f"A{headings[1]}"].value.startswith("(一)")
    assert len(headings) == 21
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert merged == {f"A{r}:J{r}" for r in (1, 2, *headings, ws.max_row)}  # none inside the lines
    r = row_of(ws, "1.1.3-1")
    # 公开路径 in its own column (not repeated in the item's text); 责任科室 and 责任人 in one cell.
    assert "公开路径" not in ws[f"{scol('工作任务')}{r}"].value
    assert ws[f"{scol('公开路径')}{r}"].value.startswith("1.政府网站>政府信息公开>法定主动公开内容>规划信息>")
    assert ws[f"{scol('责任科室／责任人')}{r}"].value == "办公室／张三"
    assert ws[f"{scol('角色')}{r}"].value == "责任"
    assert ws[f"{scol('完成情况')}{r}"].value == "已完成"
    # Evidence: the URL, and the file by its name only (no local path on paper).
    assert ws[f"{scol('具体完成情况')}{r}"].value.split("\n") == [URL, "规划公开截图.png"]
    assert ws[f"{scol('具体完成情况')}{r}"].alignment.wrap_text
    assert ws[f"{scol('时限')}{row_of(ws, '3.1.1-1')}"].value == "2021年6月30日前"
    assert ws[f"{scol('时限')}{r}"].value == "持续推进"
    assert ws[f"{scol('备注')}{row_of(ws, '1.1.5-1')}"].value.startswith("不适用理由：本区无独立规划编制职能")
    # Nothing private or internal on any printed sheet: no marks, no path, no hash.
    for sheet in ("任务清单", "完成情况统计", "佐证材料清单", "说明"):
        s = wb[sheet]
        hidden_rows = {i for i, d in s.row_dimensions.items() if d.hidden}
        texts = [
            str(c.value)
            for row in s.iter_rows()
            for c in row
            if c.value is not None and c.row not in hidden_rows and c.column_letter != "B" * (sheet == "任务清单")
        ]
        joined = "\n".join(texts)
        for private in ("【", seeded["file"], str(tmp_path), store.document["source_sha256"]):
            assert private not in joined, (sheet, private)
    # A4 landscape at 100 % (10.5 pt as printed), 仿宋 body and 黑体 headings, the header
    # row repeated, the footer counted by the spreadsheet.
    assert ws.page_setup.paperSize in (9, "9") and ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.scale) == 100 and not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert (ws[f"C{lines[0]}"].font.name, ws[f"C{lines[0]}"].font.size) == ("仿宋", 10.5)
    assert ws[f"A{headings[0]}"].font.name == "黑体" and ws["C3"].font.name == "黑体"
    assert ws["A2"].value.startswith("填报单位：渝中区　　填报日期：")
    assert (
        ws.cell(ws.max_row, 1).value
        == "填报人：＿＿＿＿＿＿＿＿　　联系电话：＿＿＿＿＿＿＿＿　　审核人：＿＿＿＿＿＿＿＿"
    )


def test_row_heights_are_set_from_the_text_but_left_free(export, store, tmp_path):
    """Each row is as tall as its text, and not fixed: Excel and WPS grow it when text
    is typed in later (no customHeight in the file)."""
    import zipfile

    seed_progress(store, tmp_path)
    path = export("渝中区", full=False)
    ws = load_workbook(path)["任务清单"]
    heights = {r: ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)}
    assert all(heights.values())
    lines = [r for r in range(HEADER_ROW + 1, ws.max_row) if ws[f"B{r}"].value]
    longest = max(lines, key=lambda r: len(ws[f"C{r}"].value))
    shortest = min(lines, key=lambda r: max(len(str(c.value or "")) for c in ws[r]))
    assert heights[longest] > 3 * heights[shortest]
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert 'ht="' in sheet and "customHeight" not in sheet


def test_columns_no_line_uses_are_left_out_and_their_room_goes_to_the_text():
    from tui.workbook.layout import REPORT_TABLE_WIDTH
    from tui.workbook.submission import chosen_columns

    line = {
        "seq": "1",
        "id": "1.1-1",
        "task": "公开本单位的预算决算信息并做好解读" * 4,
        "paths": "",
        "deadline": "",
        "office_person": "",
        "role": "责任",
        "status": "未开始",
        "report": "",
        "note": "",
    }
    columns = chosen_columns([line, {**line, "seq": "2"}], {})
    assert [c.header for c in columns] == [
        "序号",
        "编号",
        "工作任务",
        "责任科室／责任人",
        "角色",
        "完成情况",
        "具体完成情况",
        "备注",
    ]
    assert REPORT_TABLE_WIDTH - 1 < sum(c.width for c in columns if c.key != "id") <= REPORT_TABLE_WIDTH
    with_paths = chosen_columns(
        [{**line, "paths": "政府网站>政府信息公开>法定主动公开内容>财政信息"}], {"task": "重点任务"}
    )
    assert [c.header for c in with_paths][2:4] == ["重点任务", "公开路径"]  # the document's own header word


def test_the_title_is_the_unit_the_year_and_what_the_table_is_about():
    from tui.workbook.layout import report_title

    assert (
        report_title("渝中区", {"table_title": "贯彻落实国务院办公厅2021年政务公开工作要点任务分工", "year": 2021})
        == "渝中区2021年政务公开工作任务清单"
    )
    # Another body's name before the year never ends up after the unit's.
    assert (
        report_title("广州市", {"table_title": "广东省2026年政务公开工作要点分工方案", "year": 2026})
        == "广州市2026年政务公开工作任务清单"
    )
    assert report_title("某区", {"table_title": "", "year": 2025}) == "某区2025年政务公开工作任务清单"
    assert (
        report_title("某区", {"table_title": "政务公开重点工作任务分工", "year": None})
        == "某区政务公开重点工作任务清单"
    )


def test_printed_lines_leave_out_the_path_note_and_name_files_only():
    from tui.workbook.step_lines import evidence_lines
    from tui.workbook.submission import without_path_note

    assert (
        without_path_note("公开规划(计划)信息(公开路径:1.政府网站>规划信息(专项),2.其他渠道)。")
        == "公开规划(计划)信息。"
    )
    assert without_path_note("信息〔公开路径:政府网站>履职依据>本区县(本部门)规范性文件〕。") == "信息。"
    assert without_path_note("没有路径说明(其他)。") == "没有路径说明(其他)。"
    assert without_path_note("未闭合(公开路径:政府网站") == "未闭合(公开路径:政府网站"
    assert evidence_lines(
        [
            {"kind": "url", "value": "https://a.gov.cn/x", "caption": "预算公开专栏"},
            {"kind": "url", "value": "https://a.gov.cn/y", "caption": None},
            {"kind": "file", "value": "/home/张三/文件/通知.pdf", "caption": ""},
            {"kind": "file", "value": "D:\\资料\\截图.png", "caption": None},
            {"kind": "file", "value": "/tmp/x.pdf", "caption": "会议纪要"},
        ]
    ) == ["预算公开专栏：https://a.gov.cn/x", "https://a.gov.cn/y", "通知.pdf", "截图.png", "会议纪要"]


def test_submission_layout_edits_are_imported(export, do_import, store, work_db, tmp_path):
    seeded = seed_progress(store, tmp_path)
    path = export("渝中区", full=False)
    new_url = "https://www.cqyz.gov.cn/zwgk/zcwj/2021/t20210801_2.html"
    set_cells(
        path,
        {
            ("1.1.3-1", "责任科室／责任人"): "财务处／李四",  # both changed in one cell
            ("1.2.5-1", "责任科室／责任人"): "预算处",  # office only
            ("1.1.3-2", "完成情况"): "已完成",
            ("1.1.3-2", "具体完成情况"): new_url,
            ("1.1.3-1", "具体完成情况"): f"{URL}\n规划公开截图.png\n{new_url}",  # a URL added under the file
        },
    )
    before = len(history(work_db))
    result = ok(do_import(path))
    count, fields = report_fields(file_line(result.stdout, "渝中区.xlsx"))
    assert count == 3, result.stdout
    assert fields == {"责任科室": 2, "责任人": 1, "完成情况": 1, "完成时间": 1, "佐证材料": 2}, result.stdout
    e = entries(work_db, "渝中区")
    assert (e["1.1.3-1"].office, e["1.1.3-1"].person) == ("财务处", "李四")
    assert (e["1.2.5-1"].office, e["1.2.5-1"].person) == ("预算处", None)
    assert e["1.1.3-2"].status == "已完成" and e["1.1.3-2"].done_date  # the 上报版 has no 完成时间: set on import
    assert e["1.1.3-1"].done_date == "2021-06-30"  # unchanged: not in this layout
    assert e["1.1.3-1"].requirement == "6月底前公开纲要全文"  # not on the 上报版: kept as it was
    assert e["1.1.3-1"].evidence_count == 3  # the file, printed by its name, is still its file
    assert seeded["file"] in [r["value"] for r in store.evidence("渝中区", "1.1.3-1")]
    assert len(history(work_db)) > before


def test_submission_layout_sorted_and_headings_moved_reads_back_unchanged(export, do_import, store, work_db, tmp_path):
    """Sorting by 完成情况 moves the lines (and their hidden 编号) away from the headings:
    nothing changes on import, and the heading rows are not lines."""
    from .conftest import edit

    seed_progress(store, tmp_path)
    path = export("渝中区", full=False)

    def sort_lines(ws, wb):
        first = HEADER_ROW + 1
        rows = [[(c.value, c.data_type) for c in row] for row in ws.iter_rows(min_row=first, max_row=ws.max_row - 1)]
        lines = sorted((r for r in rows if r[1][0]), key=lambda r: (r[7][0] or "", r[1][0]))
        for m in list(ws.merged_cells.ranges):
            if m.min_row >= first and m.max_row < ws.max_row:
                ws.unmerge_cells(str(m))
        for offset, values in enumerate(lines + [r for r in rows if not r[1][0]]):
            for column, (value, kind) in enumerate(values, 1):
                cell = ws.cell(first + offset, column)
                cell.value = value
                cell.data_type = kind  # text stays text (`=1+1` in 备注 is no formula)

    sorted_path = edit(path, sort_lines, tmp_path / "in" / "排序.xlsx")
    before = snapshot(work_db)
    result = ok(do_import(sorted_path))
    assert result.stdout.splitlines()[0] == "排序.xlsx(渝中区):没有变化", result.stdout
    assert snapshot(work_db)["progress"] == before["progress"]


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
    set_cells(path, {("1.2.2-1", "责任科室／责任人"): "综合科/办公室／赵六"})
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
        path = export_checklist(
            store,
            "市财政局",
            dt.date.fromisoformat(AS_OF),
            tmp_path / "x.xlsx",
            filled_by="王芳",
            phone="023-67575000",
            reviewer="陈处长",
        )
    ws = load_workbook(path)["任务清单"]
    assert ws.cell(ws.max_row, 1).value == "填报人：王芳　　联系电话：023-67575000　　审核人：陈处长"


def test_statistics_and_about_fit_one_page_and_the_chart_reads_in_document_order(export):
    wb = load_workbook(export("渝中区", full=False))
    for name in ("完成情况统计", "说明"):
        ws = wb[name]
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 1), name
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"  # numbered on through the print-out
    [chart] = wb["完成情况统计"]._charts
    assert isinstance(chart, BarChart) and chart.type == "bar"
    assert chart.x_axis.scaling.orientation == "maxMin"  # first section on top


def test_plan_pages_repeats_the_heading_after_a_break():
    # Six lines of 100 pt in two groups, 250 pt a page: breaks every two lines.
    lines = [
        (100.0, "g1", "一、甲\n(一)子"),
        (100.0, "g1", "一、甲\n(一)子"),
        (100.0, "g1", "一、甲\n(一)子"),
        (100.0, "g2", "一、甲\n(二)丑"),
        (100.0, "g2", "一、甲\n(二)丑"),
        (100.0, "g2", "一、甲\n(二)丑"),
    ]
    heights, breaks, pieces = plan_pages(lines, 12.0, 10.5, 40.0, 40.0, 250.0)
    assert breaks == [2, 4]
    assert pieces == [
        (0, 1, "一、甲\n(一)子"),
        (2, 2, "一、甲\n(一)子（续）"),
        (3, 3, "一、甲\n(二)丑"),
        (4, 5, "一、甲\n(二)丑（续）"),
    ]
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


def test_marks_are_words_as_well_as_colours_in_the_full_layout(export, store, tmp_path):
    """逾期, 缺佐证 and 待确认 survive a black-and-white printer in the 完整版 (the office's
    own): words in the cell. The 上报版 prints none of them."""
    seed_progress(store, tmp_path)
    ws = load_workbook(export("渝中区", full=True))["任务清单"]
    overdue = {
        ws[f"B{r}"].value
        for r in range(4, ws.max_row - 1)
        if str(ws[f"{col('时限要求')}{r}"].value).startswith("【逾期】")
    }
    assert overdue == {"3.1.1-1", "3.1.4-4", "5.3.1-3"}
    for r in range(4, ws.max_row - 1):  # the fill and the word go together
        cell = ws[f"{col('时限要求')}{r}"]
        assert (cell.fill.fill_type == "solid") == str(cell.value).startswith("【逾期】"), cell.coordinate
    confirm = {e.id for e in store.checklist("市文化旅游委") if e.to_confirm}
    wl = load_workbook(export("市文化旅游委", full=True))["任务清单"]
    marked = {
        wl[f"B{r}"].value
        for r in range(4, wl.max_row - 1)
        if str(wl[f"{col('贯彻举措(市上统一要求)')}{r}"].value).startswith("【待确认】")
    }
    assert confirm and marked == confirm
    report = load_workbook(export("市文化旅游委", full=False, name="上报版.xlsx"))["任务清单"]
    assert not any("【" in str(c.value) for row in report.iter_rows() for c in row if c.value)


def test_具体完成情况_is_the_narrative_then_each_evidence_entry():
    from types import SimpleNamespace

    from tui.workbook.submission import report_text

    records = [
        {"kind": "url", "value": "https://a.gov.cn/x", "caption": "解读专栏"},
        {"kind": "file", "value": "/home/李明/会议纪要.pdf", "caption": None},
    ]
    worked = SimpleNamespace(narrative="已在门户网站开设专栏,发布解读 4 篇。")
    assert (
        report_text(worked, records)
        == "已在门户网站开设专栏,发布解读 4 篇。\n解读专栏：https://a.gov.cn/x\n会议纪要.pdf"
    )
    assert report_text(SimpleNamespace(), records) == "解读专栏：https://a.gov.cn/x\n会议纪要.pdf"  # no narrative yet
    assert report_text(SimpleNamespace(narrative=None), []) == ""


@given(
    st.lists(st.tuples(st.floats(12.0, 160.0), st.integers(0, 5)), min_size=1, max_size=40),
    st.floats(0.0, 80.0),
    st.floats(200.0, 600.0),
)
def test_planned_pages_hold_their_lines_and_each_piece_shows_its_heading(raw, first_page, capacity):
    """Whatever the lines: every line is in one piece, a page starts only where a piece does,
    a page holds no more than its capacity unless one line alone is taller, and the first
    line of each piece is tall enough for the heading written in it."""
    lines, group, prev = [], 0, None
    for h, g in raw:
        group += g != prev and prev is not None
        prev = g
        lines.append((h, f"g{group}", f"一、第{group}部分\n(一)" + "小节标题" * (g + 1)))
    heights, breaks, pieces = plan_pages(lines, 12.0, 10.5, first_page, 30.0, capacity)
    assert [i for first, last, _ in pieces for i in range(first, last + 1)] == list(range(len(lines)))
    assert set(breaks) <= {first for first, _, _ in pieces}
    for first, _, text in pieces:
        assert heights[first] >= min(measure.MAX_ROW_POINTS, measure.text_height(text, 12.0, 10.5))
    starts = [0, *breaks, len(lines)]
    for page, (a, b) in enumerate(zip(starts, starts[1:])):
        used = (first_page if page == 0 else 30.0) + sum(heights[a:b])
        assert used <= capacity + 1e-6 or b - a == 1, (page, used)
