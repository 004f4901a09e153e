"""Bad workbooks: a clear message naming file, sheet and cell, and nothing written.

What is unambiguous (stray spaces, full-width forms of a status, blank or junk lines
outside the imported columns) is normalised or ignored, and the report says so.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl.styles import Border, Side
from openpyxl.utils import get_column_letter

from .conftest import (
    FIRST_ROW,
    HEADER_ROW,
    HEADERS,
    about_cell,
    assert_user_error,
    col,
    data_ids,
    edit,
    entries,
    invoke,
    load,
    ok,
    row_of,
    report_fields,
    scol,
    seed_progress,
    set_cells,
    snapshot,
)


@pytest.fixture
def seeded(store, tmp_path):
    """渝中区 with progress already recorded, so a half-written import would show."""
    return seed_progress(store, tmp_path)


@pytest.fixture
def workbook(export, seeded):
    """A fresh export of 渝中区 with one valid edit in it (it must not be applied when rejected)."""
    path = export("渝中区")
    set_cells(path, {("1.1.3-2", "完成情况"): "已完成", ("1.2.5-1", "责任人"): "李四"})
    return path


@pytest.fixture
def rejected(do_import, work_db):
    """Import, expect a user error with these fragments, and the database exactly as before."""

    def check(path: Path, *fragments: str, files: tuple[Path, ...] = ()) -> str:
        before = snapshot(work_db)
        result = do_import(*(files or (path,)))
        message = assert_user_error(result, path.name, *fragments)
        assert "没有写入任何更改" in message
        assert result.stdout == ""
        assert snapshot(work_db) == before
        # A dry run says the same.
        assert assert_user_error(do_import(*(files or (path,)), dry_run=True), *fragments) == message
        return message

    return check


def at(cell: str, sheet: str = "任务清单") -> str:
    return f"工作表「{sheet}」 单元格 {cell}"


# -- not a workbook at all --------------------------------------------------------------


def test_not_an_xlsx(rejected, tmp_path):
    text = tmp_path / "清单.xlsx"
    text.write_text("编号,完成情况\n1.1.3-1,已完成\n", encoding="utf-8")
    rejected(text, "不是 xlsx 工作簿")
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    rejected(empty, "不是 xlsx 工作簿")
    other_zip = tmp_path / "压缩包.xlsx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("readme.txt", "not a workbook")
    rejected(other_zip, "无法打开工作簿")


def test_encrypted_or_old_xls(rejected, tmp_path):
    ole = tmp_path / "加密.xlsx"
    ole.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 24 + b"EncryptedPackage junk" * 50)
    message = rejected(ole, "已加密")
    assert ".xlsx" in message.split("已加密", 1)[1]  # tells how to fix it


def test_missing_file(rejected, tmp_path):
    rejected(tmp_path / "没有这个文件.xlsx", "文件不存在")


def test_a_bad_file_among_good_ones_blocks_them_all(rejected, workbook, tmp_path):
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 broken")
    rejected(junk, "junk.xlsx", files=(workbook, junk))


# -- sheets and headers -------------------------------------------------------------------


def test_checklist_sheet_renamed(rejected, workbook):
    edit(workbook, lambda ws, wb: setattr(ws, "title", "Sheet1"))
    rejected(workbook, "找不到工作表「任务清单」", "Sheet1")


def test_about_sheet_missing(rejected, workbook):
    def change(ws, wb):
        wb["说明"].title = "备用"

    edit(workbook, change)
    rejected(workbook, "缺少工作表「说明」")


@pytest.mark.parametrize("header", ["完成情况", "编号", "备注", "佐证材料", "责任人"])
def test_an_imported_header_missing(rejected, workbook, header):
    """A renamed header would drop that column silently: it is refused, naming the header row."""
    edit(workbook, lambda ws, wb: setattr(ws[f"{col(header)}{HEADER_ROW}"], "value", header + "(新)"))
    rejected(workbook, "工作表「任务清单」", f"A{HEADER_ROW}:O{HEADER_ROW}", f"「{header}」")


def test_workbook_of_another_document(rejected, workbook):
    def change(ws, wb):
        about_cell(wb, "依据文件").value = "渝府办发〔2022〕12号"

    edit(workbook, change)
    address = about_cell(load(workbook), "依据文件").coordinate
    rejected(workbook, at(address, "说明"), "渝府办发〔2022〕12号", "渝府办发〔2021〕50号")


def test_workbook_of_a_revised_text(rejected, workbook):
    def change(ws, wb):
        about_cell(wb, "依据文本校验值").value = "0" * 64

    edit(workbook, change)
    rejected(
        workbook,
        at(about_cell(load(workbook), "依据文本校验值").coordinate, "说明"),
        "的文本与数据库中载入的各个文本都不同",
        "load --revises",
    )


def test_workbook_of_an_unknown_unit(rejected, workbook):
    def change(ws, wb):
        about_cell(wb, "单位(系统名称)").value = "火星区"

    edit(workbook, change)
    rejected(workbook, at(about_cell(load(workbook), "单位(系统名称)").coordinate, "说明"), "未知单位「火星区」")


# -- lines ------------------------------------------------------------------------------


def test_unknown_id(rejected, workbook):
    r = row_of(load(workbook)["任务清单"], "1.1.3-2")
    edit(workbook, lambda ws, wb: setattr(ws[f"B{r}"], "value", "9.9.9-9"))
    rejected(workbook, at(f"B{r}"), "未知编号「9.9.9-9」")


def test_id_of_an_item_not_in_this_units_checklist(rejected, workbook):
    """1.3.1-1 exists, but only 市财政局 has it."""
    r = row_of(load(workbook)["任务清单"], "1.4.3-1")
    edit(workbook, lambda ws, wb: setattr(ws[f"B{r}"], "value", "1.3.1-1"))
    rejected(workbook, at(f"B{r}"), "未知编号「1.3.1-1」", "渝中区")


def test_duplicate_id(rejected, workbook):
    ws = load(workbook)["任务清单"]
    r = row_of(ws, "1.4.3-1")
    edit(workbook, lambda ws, wb: setattr(ws[f"B{r}"], "value", "1.1.3-1"))
    rejected(workbook, at(f"B{r}"), "重复", f"B{row_of(ws, '1.1.3-1')}")


def test_content_on_a_line_without_id_is_listed_not_imported(workbook, do_import, work_db):
    ws = load(workbook)["任务清单"]
    r = ws.max_row + 2
    edit(workbook, lambda ws, wb: setattr(ws[f"{col('完成情况')}{r}"], "value", "已完成"))
    result = do_import(workbook)
    assert result.exit_code == 3, result.output
    assert result.stderr.splitlines()[0] == (
        f"未导入:渝中区.xlsx 工作表「任务清单」 第 {r} 行:没有编号(导出后插入的行?),"
        f"未导入:{col('完成情况')}{r} 「已完成」"
    )
    assert "2 个条目有变化" in result.stdout  # the file's other edits are applied


def test_unknown_status(rejected, workbook):
    r = row_of(load(workbook)["任务清单"], "1.4.3-1")
    set_cells(workbook, {("1.4.3-1", "完成情况"): "基本完成"})
    rejected(workbook, at(f"{col('完成情况')}{r}"), "未知的完成情况「基本完成」", "未开始、推进中、已完成、不适用")


def test_not_applicable_without_a_reason(rejected, workbook):
    r = row_of(load(workbook)["任务清单"], "1.4.3-1")
    set_cells(workbook, {("1.4.3-1", "完成情况"): "不适用"})
    rejected(workbook, at(f"{col('完成情况')}{r}"), "不适用理由")


def test_bad_date_and_bad_url(rejected, workbook):
    r = row_of(load(workbook)["任务清单"], "1.4.3-1")
    set_cells(workbook, {("1.4.3-1", "完成时间"): "下个月"})
    rejected(workbook, at(f"{col('完成时间')}{r}"), "不是日期")
    set_cells(workbook, {("1.4.3-1", "完成时间"): None, ("1.4.3-1", "佐证材料"): "http://"})
    rejected(workbook, at(f"{col('佐证材料')}{r}"), "网址缺少域名")
    set_cells(workbook, {("1.4.3-1", "佐证材料"): "ftp://files.cqyz.gov.cn/a.pdf"})
    rejected(workbook, at(f"{col('佐证材料')}{r}"), "http")


# -- formulas and error values -------------------------------------------------------------


@pytest.mark.parametrize(
    "header,value,fragment",
    [
        ("完成情况", "=A1", "公式"),
        ("完成情况", "=1+1", "公式"),
        ("备注", '=CONCATENATE("已","完成")', "公式"),
        ("编号", '="1.1.3-"&"2"', "公式"),
        ("完成情况", "#N/A", "错误值"),
        ("完成时间", "#DIV/0!", "错误值"),
        ("佐证材料", "#REF!", "错误值"),
    ],
)
def test_formulas_and_error_values_are_refused(rejected, workbook, header, value, fragment):
    r = row_of(load(workbook)["任务清单"], "1.1.3-2")
    set_cells(workbook, {("1.1.3-2", header): value})
    cell = load(workbook)["任务清单"][f"{col(header)}{r}"]
    assert cell.data_type == ("f" if value.startswith("=") else "e")  # really a formula / an error value
    rejected(workbook, at(f"{col(header)}{r}"), fragment)


def test_formulas_outside_the_imported_columns_do_not_matter(workbook, do_import, work_db):
    """序号 as =ROW()-3 and an error value in 公开路径: those columns are the city's, never read."""

    def change(ws, wb):
        for r in range(FIRST_ROW, ws.max_row + 1):
            ws[f"A{r}"] = f"=ROW()-{HEADER_ROW}"
        ws[f"{col('公开路径')}{FIRST_ROW}"] = "#N/A"

    edit(workbook, change)
    result = ok(do_import(workbook))
    assert "渝中区.xlsx(渝中区):2 个条目有变化" in result.stdout
    assert entries(work_db, "渝中区")["1.1.3-2"].status == "已完成"


# -- statuses typed loosely ------------------------------------------------------------------


def test_status_with_stray_spaces_and_full_width_forms_is_normalised(workbook, do_import, work_db):
    ws = load(workbook)["任务清单"]
    typed = {
        "1.4.3-1": " 已完成 ",
        "1.4.3-2": "推进中\u3000",  # ideographic space
        "1.4.3-3": "已 完成\n",  # space inside, Alt+Enter after
        "1.3.3-1": "不适\u2f64",  # 用 as the Kangxi radical (text copied from a PDF)
        "1.3.3-2": "\u3000未开始",
    }
    values = {(i, "完成情况"): v for i, v in typed.items()}
    values[("1.3.3-1", "备注")] = "不适用理由:由区财政局统一公开"
    set_cells(workbook, values)
    result = ok(do_import(workbook))
    e = entries(work_db, "渝中区")
    assert [e[i].status for i in typed] == ["已完成", "推进中", "已完成", "不适用", "未开始"]
    notes = [ln.strip() for ln in result.stdout.splitlines() if ln.startswith("  说明:")]
    for item, raw in typed.items():
        address = f"{col('完成情况')}{row_of(ws, item)}"
        clean = raw.replace("\u2f64", "用").replace("\u3000", "").replace(" ", "").replace("\n", "")
        shown = raw.replace("\n", "\\n")  # one report line per note
        assert f"说明:{address}:「{shown}」按「{clean}」处理" in notes, (address, notes)
    # An exact status needs no note.
    assert not any(f"{col('完成情况')}{row_of(ws, '1.1.3-2')}:" in n for n in notes)


def test_a_status_that_only_looks_alike_is_refused(rejected, workbook):
    r = row_of(load(workbook)["任务清单"], "1.4.3-1")
    set_cells(workbook, {("1.4.3-1", "完成情况"): "已\u200b完成"})  # zero-width space: not whitespace
    rejected(workbook, at(f"{col('完成情况')}{r}"), "未知的完成情况")


# -- merged cells, blank rows, junk rows ------------------------------------------------------


def test_title_merge_moved_and_merges_outside_imported_columns_are_fine(workbook, do_import, work_db):
    def change(ws, wb):
        ws.unmerge_cells("A1:O1")
        ws.unmerge_cells("A2:O2")
        title = ws["A1"].value
        ws["A1"] = None
        ws["C1"] = title
        ws.merge_cells("C1:I2")  # title now over two rows and fewer columns
        r = row_of(ws, "1.4.3-1")
        ws.merge_cells(f"{col('贯彻举措(市上统一要求)')}{r}:{col('时限要求')}{r + 1}")  # D:G over two lines
        ws.merge_cells(f"{col('牵头单位')}{r}:{col('责任单位')}{r + 2}")

    edit(workbook, change)
    result = ok(do_import(workbook))
    assert "渝中区.xlsx(渝中区):2 个条目有变化" in result.stdout
    e = entries(work_db, "渝中区")
    assert e["1.1.3-2"].status == "已完成" and e["1.2.5-1"].person == "李四"
    assert e["1.4.3-1"].status == "未开始"


@pytest.mark.parametrize("header", ["完成情况", "编号", "佐证材料"])
def test_merged_cells_across_lines_in_an_imported_column_are_refused(rejected, workbook, header):
    """完成情况 merged over three lines: which lines does it mean? Refused, naming the range."""
    r = row_of(load(workbook)["任务清单"], "1.4.3-1")

    def change(ws, wb):
        ws[f"{col(header)}{r}"] = {
            "完成情况": "已完成",
            "编号": "1.4.3-1",
            "佐证材料": "https://www.cqyz.gov.cn/x.html",
        }[header]
        ws.merge_cells(f"{col(header)}{r}:{col(header)}{r + 2}")

    edit(workbook, change)
    rejected(workbook, at(f"{col(header)}{r}:{col(header)}{r + 2}"), "合并")


def test_extra_blank_rows_are_ignored(workbook, do_import, work_db):
    thin = Side(style="thin")

    def insert_rows(ws, at: int, amount: int) -> None:
        ws.insert_rows(at, amount=amount)
        for rng in ws.merged_cells.ranges:  # openpyxl leaves merged cells where they were; Excel moves them
            if rng.min_row >= at:
                rng.shift(0, amount)
            elif rng.max_row >= at:  # a merged cell the new lines go into grows
                rng.expand(down=amount)

    def change(ws, wb):
        insert_rows(ws, row_of(ws, "1.4.3-1"), 3)
        insert_rows(ws, FIRST_ROW, 1)
        for row in ws.iter_rows():  # openpyxl leaves hyperlinks where they were; Excel moves them
            for cell in row:
                if cell.hyperlink is not None:
                    cell.hyperlink.ref = cell.coordinate
        last = ws.max_row
        for r in range(last + 1, last + 200):  # formatted but empty lines under the table
            for c in range(1, len(HEADERS) + 1):
                ws.cell(r, c).border = Border(left=thin, right=thin, top=thin, bottom=thin)

    edit(workbook, change)
    ws = load(workbook)["任务清单"]
    assert ws[f"B{FIRST_ROW}"].value is None
    result = ok(do_import(workbook))
    assert "渝中区.xlsx(渝中区):2 个条目有变化" in result.stdout
    assert "忽略" not in result.stdout  # blank lines are not even worth a note
    e = entries(work_db, "渝中区")
    assert e["1.1.3-2"].status == "已完成" and e["1.2.5-1"].person == "李四"


def test_ten_thousand_junk_ids_are_refused(rejected, workbook):
    ws = load(workbook)["任务清单"]
    first = ws.max_row + 1

    def change(ws, wb):
        for i in range(10_000):
            ws.cell(first + i, 2, f"垃圾{i}")
            ws.cell(first + i, HEADERS.index("完成情况") + 1, "已完成")

    edit(workbook, change)
    message = rejected(workbook, at(f"B{first}"), "未知编号「垃圾0」")
    lines = message.splitlines()  # fifty listed and the rest counted, not ten thousand
    assert len(lines) == 52 and "垃圾49" in lines[49], lines[-3:]
    assert lines[-2:] == ["错误:渝中区.xlsx:另有 9950 处问题未列出", "共 10000 处问题,没有写入任何更改。"]


def test_ten_thousand_junk_lines_are_listed_fifty_then_counted(workbook, do_import, work_db):
    ws = load(workbook)["任务清单"]
    first = ws.max_row + 1

    def change(ws, wb):
        for i in range(10_000):
            ws.cell(first + i, 1, str(i))  # 序号
            ws.cell(first + i, HEADERS.index("贯彻举措(市上统一要求)") + 1, f"随手记的内容 {i}")

    edit(workbook, change)
    result = do_import(workbook)
    assert result.exit_code == 3, result.output
    lines = result.stdout.splitlines()
    assert report_fields(lines[0]) == (2, {"完成情况": 1, "完成时间": 1, "责任人": 1})
    listed = [line for line in result.stderr.splitlines() if line.startswith("未导入:")]
    assert len(listed) == 51 and f"第 {first} 行:没有编号" in listed[0] and "随手记的内容 0" in listed[0]
    assert listed[-1] == "未导入:渝中区.xlsx 工作表「任务清单」:另有 9950 处未导入的内容未列出"
    e = entries(work_db, "渝中区")
    assert e["1.1.3-2"].status == "已完成" and e["1.2.5-1"].person == "李四"


def test_nothing_half_written_when_the_last_line_is_bad(rejected, workbook):
    """Valid edits on every line, then one bad status on the last line."""
    ws = load(workbook)["任务清单"]
    ids = data_ids(ws)
    values = {(i, "责任科室"): "办公室(新)" for i in ids}
    values[(ids[-1], "完成情况")] = "完成"
    set_cells(workbook, values)
    rejected(workbook, at(f"{col('完成情况')}{row_of(ws, ids[-1])}"), "未知的完成情况「完成」")


def test_an_office_and_person_cell_that_cannot_be_split_is_refused(export, rejected):
    """财务处/张三 may be one office or an office and a person; 甲／乙／张三 has two ／:
    refused naming the cell, never guessed."""
    for text in ("财务处/张三", "甲／乙／张三"):
        path = export("渝中区", full=False)
        set_cells(path, {("1.1.3-1", "责任科室／责任人"): text})
        ws = load(path)["任务清单"]
        cell = f"{scol('责任科室／责任人')}{row_of(ws, '1.1.3-1')}"
        rejected(path, "「责任科室／责任人」", cell, "全角「／」")


# -- a file that is no 任务清单 says what it is (issue 23) -----------------------------------------


def test_files_that_are_no_checklist_say_what_they_are(rejected, store, tmp_path):
    from openpyxl import Workbook

    from tui.workbook.service import export_review

    review = export_review(store, "市发展改革委", dt.date(2021, 8, 1), tmp_path / "汇总表.xlsx")
    rejected(review, "是牵头单位的汇总表", "不能导回")

    template = tmp_path / "模板.xlsx"
    ok(invoke("template", "-o", template))
    rejected(template, "是任务分工表(工作表「任务分工」),不是任务清单", "gongkai-tui load")

    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.active.append(["序号", "工作任务", "牵头单位", "责任单位", "完成时限"])
    wb.active.append([1, "公开规划。", "市发展改革委", "各区县政府", "6月底前"])
    document = tmp_path / "分工方案.xlsx"
    wb.save(document)
    rejected(document, "看起来是一份任务分工文件(工作表「Sheet1」的表头有「工作任务」和牵头/责任单位)")

    other = Workbook()
    other.active.title = "通讯录"
    other.active.append(["姓名", "电话"])
    unrelated = tmp_path / "通讯录.xlsx"
    other.save(unrelated)
    rejected(unrelated, "不是 gongkai-tui 导出的任务清单:没有工作表「任务清单」(现有工作表:「通讯录」)")

    pdf = tmp_path / "清单.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    rejected(pdf, "是 PDF 文件,不是任务清单工作簿")


def test_an_items_row_copied_under_it_and_numbered_as_a_step_is_a_step(export, do_import, work_db):
    path = export("渝中区")

    def copy_as_step(ws, wb):
        r = row_of(ws, "1.1.5-1")
        for rng in list(ws.merged_cells.ranges):  # openpyxl moves no merged range with the rows
            ws.unmerge_cells(str(rng))
        ws.insert_rows(r + 1)
        for c in range(1, len(HEADERS) + 1):
            ws.cell(r + 1, c, ws.cell(r, c).value)
        seq = ws.cell(r, 1).value
        ws.cell(r + 1, 1, f"{seq}.1")
        ws.cell(r + 1, HEADERS.index("完成情况") + 1, "已完成")

    edit(path, copy_as_step)
    result = do_import(path)
    assert result.exit_code == 3, result.output
    assert result.stdout.splitlines() == ["渝中区.xlsx(渝中区):没有变化"]
    [listed] = [line for line in result.stderr.splitlines() if line.startswith("未导入:")]
    assert "细化步骤(尚不能导入),第 3 项的步骤:A7 「3.1」、B7 「1.1.5-1」" in listed
    assert entries(work_db, "渝中区")["1.1.5-1"].status == "未开始"


def test_an_ods_without_libreoffice_says_how_to_save_it(rejected, tmp_path, monkeypatch):
    from tui.source.readers import convert

    ods = tmp_path / "清单.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    monkeypatch.setattr(convert, "soffice", lambda: None)
    rejected(ods, "是 .ods 表格,需要 LibreOffice 才能读取(本机未安装)", "另存为」.xlsx")


def test_heading_rows_and_numbering_alone_are_no_leftovers_but_a_column_without_header_is(export, do_import):
    path = export("渝中区")
    beyond = len(HEADERS) + 2  # a column past the table's, without a header

    def change(ws, wb):
        last = max(r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, 2).value)
        ws.cell(last + 3, 1, "二、深化重点领域信息公开")  # a heading row of the form's kind
        ws.cell(last + 4, 1, "（三）做好政策解读")
        ws.cell(last + 5, 1, str(last))  # numbering dragged past the table
        ws.cell(row_of(ws, "1.2.2-1"), beyond, "已电话确认")

    edit(path, change)
    result = do_import(path)
    assert result.exit_code == 3, result.output
    letter = get_column_letter(beyond)
    row = row_of(load(path)["任务清单"], "1.2.2-1")
    assert [line for line in result.stderr.splitlines() if line.startswith("未导入:")] == [
        f"未导入:渝中区.xlsx 工作表「任务清单」 {letter} 列(没有表头)不是导出的列(插入的列?),"
        f"其中 1 个单元格的内容未导入:{letter}{row} 「已电话确认」"
    ]
