"""Hostile 任务分工 documents (issue #21, item 8): every source reader passes the one safety
gate (tui/ooxml.py) before it builds anything, and a refusal names the file and the limit.

Each shape that hung `build-db` is built here small (benchmarks/hostile_sources.py builds
them at the sizes measured in the issue and times them); time and memory are judged in
benchmarks/, not here."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from benchmarks import hostile_sources as hs
from tests.cli_helpers import assert_user_error, invoke
from tui import ooxml
from tui.source import read_document
from tui.source.errors import ParseError
from tui.source.readers import read_table
from tui.source.rough import MAX_LINE_CHARS
from tui.workbook.read_as_table import write_read_table

_MALICIOUS = "(文件可能是恶意构造的),未读取"


def refusal(path: Path) -> str:
    with pytest.raises(ParseError) as caught:
        read_table(path.read_bytes(), path.name)
    return str(caught.value)


# -- through the doors: build-db and load ----------------------------------------------------------


def test_build_db_and_load_refuse_a_hostile_file_and_write_nothing(tmp_path, work_db):
    path = hs.merge_bomb(tmp_path / "合并.xlsx")
    out = tmp_path / "新.sqlite"
    assert_user_error(invoke("build-db", path, "-o", out), "「合并.xlsx」", "D20:XFD1048576", "超过 400000 个的上限")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["合并.xlsx", work_db.name])
    before = work_db.read_bytes()
    page = hs.huge_html(tmp_path / "长.html", rows=20_000)
    assert_user_error(invoke("load", "--yes", page, "--db", work_db), "「长.html」", "超过 20000 行的上限")
    assert work_db.read_bytes() == before


# -- merged ranges ---------------------------------------------------------------------------


def test_one_merged_range_over_the_rest_of_the_sheet_is_refused_naming_it(tmp_path):
    path = hs.merge_bomb(tmp_path / "合并.xlsx")
    assert path.stat().st_size < 10_000
    assert refusal(path) == (
        "「合并.xlsx」: 工作表「任务分工」合并单元格 D20:XFD1048576 覆盖 17176412217 个单元格,"
        f"超过 400000 个的上限{_MALICIOUS}"
    )


def test_thousands_of_merged_rows_are_refused_where_the_cells_covered_pass_the_limit(tmp_path):
    path = hs.many_merges(tmp_path / "三千合并.xlsx")  # A30:XFD30 … : the 25th passes 400,000 cells
    assert refusal(path) == (
        "「三千合并.xlsx」: 工作表「任务分工」合并单元格共覆盖超过 400000 个单元格的上限"
        f"(读到 A54:XFD54 时停止){_MALICIOUS}"
    )


def test_too_many_merged_ranges_are_refused_however_small(tmp_path):
    path = hs.too_many_merges(tmp_path / "两万合并.xlsx")
    assert refusal(path) == (
        f"「两万合并.xlsx」: 工作表「任务分工」合并单元格超过 20000 处的上限(读到 E20030:F20030 时停止){_MALICIOUS}"
    )


# -- a sheet's size is what its cells say -------------------------------------------------------


def test_a_false_dimension_does_not_hide_the_cells_behind_it(tmp_path):
    path = hs.false_dimension(tmp_path / "虚假尺寸.xlsx", rows=5_000, columns=41, chars=2)
    assert refusal(path) == f"「虚假尺寸.xlsx」: 工作表「任务分工」单元格超过 200000 个的上限{_MALICIOUS}"


def test_a_large_workbook_with_merges_and_a_dimension_claiming_three_rows_reads_whole(tmp_path):
    tasks = 3_000
    rows = hs._sheet_rows(tasks)
    first = 5  # title, number, header, section; tasks from row 5
    merges = hs._merges(f"C{r}:C{r + 2}" for r in range(first, first + tasks, 3))  # 1,000 lead cells over 3 rows
    path = hs.write_xlsx(tmp_path / "大而合规.xlsx", rows, dimension="A1:D3", tail=merges)
    doc = read_document(path.read_bytes(), path.name)
    assert len(doc.rows) == tasks
    assert [r.lead_units for r in doc.rows[:3]] == [["市发展改革委"]] * 3  # 市财政局, 市政府办公厅 unmerged
    assert [r.responsible_units for r in doc.rows[:3]] == [["各区县政府"], ["市级各部门"], ["各区县政府"]]
    assert [r.lead_units for r in doc.rows[-3:]] == [["市发展改革委"]] * 3  # the last range, far below row 3


# -- Word ---------------------------------------------------------------------------------------


def test_a_word_file_whose_tree_would_be_too_big_is_refused_before_it_is_built(tmp_path):
    path = hs.many_elements_docx(tmp_path / "巨大.docx")
    assert path.stat().st_size < 3 * ooxml.MB
    assert refusal(path) == f"「巨大.docx」: XML 元素超过 500000 个的上限{_MALICIOUS}"


def test_a_word_file_with_too_much_text_is_refused(tmp_path):
    path = hs.long_text_docx(tmp_path / "长文.docx")
    assert refusal(path) == f"「长文.docx」: 文字超过 8000000 个字符的上限{_MALICIOUS}"


def test_a_word_file_declaring_entities_is_refused(tmp_path):
    path = hs.write_docx(tmp_path / "实体.docx", ["<w:tr><w:tc><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:tc></w:tr>"])
    data = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(data, "w") as out:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "word/document.xml":
                part = part.replace(b"?><w:document", b'?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document', 1)
            out.writestr(info.filename, part)
    path.write_bytes(data.getvalue())
    assert refusal(path) == f"「实体.docx」: 含有 DTD 或实体声明(XML 实体扩展攻击){_MALICIOUS}"


def test_a_large_word_file_under_the_budget_reads_whole(tmp_path):
    path = hs.many_elements_docx(tmp_path / "大而合规.docx", rows=1_000)
    table = read_table(path.read_bytes(), path.name)
    assert len(table.body) == 12 + 1 + 1_000  # the tasks, the section heading, the rows appended


# -- web pages ------------------------------------------------------------------------------------


def test_a_page_of_too_many_rows_is_refused_before_its_tree_is_built(tmp_path):
    path = hs.huge_html(tmp_path / "长.html", rows=20_000)
    assert refusal(path) == "「长.html」: 网页中的表格共超过 20000 行的上限(读到第 20001 行时停止),未读取"


def test_a_page_of_cells_spanning_every_row_below_is_refused(tmp_path):
    path = hs.span_bomb_html(tmp_path / "跨行.html")
    assert refusal(path) == (
        "「跨行.html」: 第 1 个表格的合并单元格(rowspan/colspan)共覆盖超过 400000 个单元格的上限"
        "(读到第 35 行第 21 列时停止),未读取"
    )


def test_a_large_page_under_the_budget_reads_whole(tmp_path):
    path = hs.write_html(tmp_path / "大而合规.html", tasks=5_000)
    assert len(read_document(path.read_bytes(), path.name).rows) == 5_000


# -- plain text -----------------------------------------------------------------------------------


def test_a_text_of_too_many_lines_is_refused_before_they_are_read(tmp_path):
    path = hs.many_lines_text(tmp_path / "长.txt", lines=300_001)
    assert refusal(path) == "第 300001 行: 长.txt 有 300001 行,超过任务分工文件 300000 行的上限,未读取"


def test_a_text_table_of_too_many_rows_is_refused_at_the_row_past_the_limit(tmp_path):
    path = hs.tab_rows_text(tmp_path / "长表.txt", rows=20_001)
    assert refusal(path) == "第 20004 行: 长表.txt 的任务行超过 20000 行的上限,未读取"


def test_long_paragraphs_without_a_header_are_refused_and_written_as_their_lines(tmp_path):
    path = hs.long_lines_text(tmp_path / "长段落.txt", lines=30, chars=40_000)  # the 19 MB shape: benchmarks/
    assert refusal(path).startswith("第 30 行: 找不到表头")
    written = write_read_table(path, tmp_path / "读取结果.xlsx")
    ws = load_workbook(written.target, read_only=True).worksheets[0]
    tasks = [row[3] for row in ws.iter_rows(min_row=9, values_only=True) if row[3]]
    assert len(tasks) == 30 and all(len(t) == MAX_LINE_CHARS for t in tasks)  # a cell holds at most 32,767


def test_a_cell_a_line_table_that_never_makes_a_row_is_refused_at_its_first_cell(tmp_path):
    path = hs.cells_no_row_text(tmp_path / "永不成行.txt", cells=5_000)
    assert refusal(path) == "第 6 行: 从这一格起 200 格都凑不成一行(找不到这一行的单位栏)「x0」"


def test_bars_without_a_usable_header_are_refused_at_the_lines_judged(tmp_path):
    path = hs.pipe_bars_text(tmp_path / "竖线.txt", lines=5_000)
    assert refusal(path).startswith("第 1 行: 这一行像是表格的表头,但表头中没有「工作任务」一类的栏目")


def test_a_large_text_table_under_the_limits_reads_whole(tmp_path):
    path = hs.tab_rows_text(tmp_path / "大而合规.txt", rows=20_000)
    assert len(read_document(path.read_bytes(), path.name).rows) == 20_000
