"""Hostile workbooks (untrusted input, DESIGN.md §4): refused by name, nothing written.

Every file is built here as raw zip/XML (benchmarks/hostile.py), never through openpyxl, so
even the million-row sheet takes well under a second to make."""

from __future__ import annotations

import os
import zipfile
import threading
import time
from pathlib import Path

import pytest

from benchmarks import hostile
from tests.cli_helpers import assert_user_error
from tui.workbook import limits
from tui.workbook.reader import WorkbookError, WorkbookProblems, read_workbook

from .conftest import edit, ok, snapshot


@pytest.fixture
def refused(do_import, work_db):
    """Import through the CLI: exit 2, a Chinese message naming the file and the fragments,
    no traceback, and the database exactly as before. How fast: `benchmarks/hostile.py`
    (5 s budget per file), never asserted here."""

    def check(path: Path, *fragments: str) -> str:
        before = snapshot(work_db)
        result = do_import(path)
        message = assert_user_error(result, path.name, *fragments)
        assert "没有写入任何更改" in message
        assert snapshot(work_db) == before
        return message

    return check


def test_defusedxml_is_installed_and_used_by_openpyxl():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_a_clean_raw_workbook_imports(tmp_path, do_import):
    """The builders make a valid workbook: only the hostile part makes each one fail."""
    ok(do_import(hostile.write_xlsx(tmp_path / "正常.xlsx")))


# -- XML ----------------------------------------------------------------------------------------


def test_billion_laughs_is_refused_not_expanded(refused, tmp_path):
    message = refused(hostile.entity_expansion(tmp_path / "实体.xlsx"), "实体")
    assert "lol" not in message


def test_entity_declared_in_utf16_is_refused_too(refused, tmp_path):
    rows = hostile.checklist_rows({5: {"编号": "1.1.3-1", "备注": "x"}})
    text = (
        b"".join(hostile.sheet(rows))
        .decode("utf-8")
        .replace('encoding="UTF-8"?>', 'encoding="UTF-16"?><!DOCTYPE a [<!ENTITY e "x">]>', 1)
    )
    path = hostile.write_xlsx(tmp_path / "utf16.xlsx", [text.encode("utf-16")])
    refused(path, "实体")


# -- the zip ------------------------------------------------------------------------------------


def test_zip_bomb_is_refused_from_the_directory(refused, tmp_path):
    refused(hostile.zip_bomb(tmp_path / "炸弹.xlsx", unzipped=100 * limits.MB), "padding.xml", "上限")


def test_zip_bomb_with_a_lying_directory_is_refused_while_reading(refused, tmp_path):
    path = hostile.lying_zip_bomb(tmp_path / "谎报.xlsx", unzipped=60 * limits.MB)
    refused(path, hostile.CHECKLIST_PART, "不符")


def test_a_small_file_inflating_sixty_megabytes_is_refused_by_the_ratio_limit(refused, tmp_path):
    """About 64 KB on disk, 60 MB unpacked: under the member, total and real-size limits, so
    the compression-ratio limit is the one that refuses it (without it the file was read)."""
    path = hostile.ratio_bomb(tmp_path / "压缩比.xlsx")
    assert path.stat().st_size < 100 * 1024
    with zipfile.ZipFile(path) as z:
        size = z.getinfo(hostile.CHECKLIST_PART).file_size
    assert 60 * limits.MB <= size < limits.MAX_MEMBER_UNZIPPED_BYTES
    refused(path, hostile.CHECKLIST_PART, f"压缩比超过 {limits.MAX_COMPRESSION_RATIO} 倍")


def test_too_many_members(refused, tmp_path):
    refused(hostile.too_many_members(tmp_path / "部件.xlsx"), f"{limits.MAX_ZIP_MEMBERS} 个")


def test_file_too_big(refused, tmp_path):
    refused(hostile.too_big(tmp_path / "大.xlsx"), f"{limits.MAX_FILE_BYTES // limits.MB} MB")


# -- not a regular file ---------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_refused_without_blocking(refused, tmp_path):
    path = hostile.fifo(tmp_path / "管道.xlsx")

    def unblock():  # if the reader ever opened the FIFO, this lets the test fail instead of hang
        time.sleep(6)  # a blocked open then reads junk and the refusal names the wrong reason
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            os.write(fd, b"not a workbook")
            os.close(fd)
        except OSError:
            pass

    threading.Thread(target=unblock, daemon=True).start()
    refused(path, "命名管道")


def test_directory_is_refused(refused, tmp_path):
    folder = tmp_path / "文件夹.xlsx"
    folder.mkdir()
    refused(folder, "文件夹")


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_device_is_refused(refused):
    refused(Path("/dev/null"), "设备文件")


# -- sheets ---------------------------------------------------------------------------------------


def test_a_million_rows_under_a_lying_dimension(refused, tmp_path):
    message = refused(
        hostile.million_rows(tmp_path / "百万行.xlsx"), "工作表「任务清单」", f"{limits.MAX_DATA_ROWS} 行"
    )
    assert "100021" in message  # stopped at the limit, not after reading the million


def test_a_million_formatted_rows_without_cells(refused, tmp_path):
    message = refused(
        hostile.million_empty_rows(tmp_path / "百万空行.xlsx"), "工作表「任务清单」", f"{limits.MAX_DATA_ROWS} 行"
    )
    assert "100021" in message  # the rows are counted, cells or not


def test_a_line_in_the_sheets_last_row_is_refused_naming_it(refused, tmp_path):
    refused(
        hostile.value_in_the_last_row(tmp_path / "末行.xlsx"),
        "工作表「任务清单」",
        f"{limits.MAX_DATA_ROWS} 行",
        "读到第 1048576 行",
    )


def test_the_empty_last_row_libreoffice_writes_is_read_past(do_import, work_db, tmp_path):
    """After a row is deleted, LibreOffice ends the sheet with an empty row 1048576 (and says
    so in <dimension>): the rows with content count, not that one."""
    result = do_import(hostile.libreoffice_tail(tmp_path / "删行后.xlsx"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "删行后.xlsx(渝中区):1 个条目有变化:完成情况 1"


def test_a_merged_range_over_the_whole_sheet(refused, tmp_path):
    refused(hostile.huge_merge(tmp_path / "合并.xlsx"), "工作表「任务清单」", "A5:XFD1048576", "合并单元格")


def test_too_many_merged_ranges_are_refused_by_the_gate_the_source_readers_share(refused, tmp_path):
    """One set of thresholds (tui/ooxml.py): the count of merged ranges the 任务分工 readers
    are held to holds here too, however few cells each range covers."""
    merges = "".join(f'<mergeCell ref="P{r}:Q{r}"/>' for r in range(30, 20_031))
    path = hostile.write_xlsx(
        tmp_path / "两万合并.xlsx", hostile.sheet(hostile.checklist_rows(), tail=f"<mergeCells>{merges}</mergeCells>")
    )
    refused(path, "工作表「任务清单」", "合并单元格超过 20000 处的上限")


# -- cells ----------------------------------------------------------------------------------------


def test_ten_million_character_note(refused, tmp_path):
    refused(hostile.huge_note(tmp_path / "长备注.xlsx"), "工作表「任务清单」 单元格 O5", "10000000 个字符")


def test_twenty_thousand_urls_in_one_cell(refused, tmp_path):
    refused(hostile.many_urls(tmp_path / "网址.xlsx"), "工作表「任务清单」 单元格 N5")


def _raw(tmp_path: Path, name: str, lines: dict[int, dict[str, str]], raw_cells: str = "") -> Path:
    rows = hostile.checklist_rows(lines)
    if raw_cells:
        rows.append(f'<row r="20">{raw_cells}</row>')
    return hostile.write_xlsx(tmp_path / name, hostile.sheet(rows))


@pytest.mark.parametrize(
    "header,column,label",
    [
        ("备注", "O", "备注"),
        ("工作要求", "E", "工作要求"),
        ("责任科室", "J", "责任科室"),
        ("责任人", "K", "责任人"),
    ],
)
def test_text_over_the_limit(refused, tmp_path, header, column, label):
    path = _raw(tmp_path, "长文字.xlsx", {5: {"编号": "1.1.3-1", header: "字" * (limits.MAX_TEXT_CHARS + 1)}})
    refused(path, f"单元格 {column}5", f"「{label}」有 {limits.MAX_TEXT_CHARS + 1} 个字符")


def test_text_at_the_limit_is_fine(tmp_path, do_import):
    path = _raw(tmp_path, "刚好.xlsx", {5: {"编号": "1.1.3-1", "责任人": "字" * limits.MAX_TEXT_CHARS}})
    ok(do_import(path))


def test_reason_over_the_limit(refused, tmp_path):
    note = "不适用理由:" + "理" * (limits.MAX_TEXT_CHARS + 1) + "\n其余备注"
    path = _raw(tmp_path, "长理由.xlsx", {5: {"编号": "1.1.3-1", "完成情况": "不适用", "备注": note}})
    refused(path, "单元格 O5", "「不适用理由」")


def test_fifty_one_evidence_entries(refused, tmp_path):
    urls = "；".join(f"https://www.cqyz.gov.cn/{i}.html" for i in range(limits.MAX_EVIDENCE_ENTRIES + 1))
    path = _raw(tmp_path, "佐证.xlsx", {5: {"编号": "1.1.3-1", "佐证材料": urls}})
    refused(path, "单元格 N5", f"{limits.MAX_EVIDENCE_ENTRIES + 1} 条")


def test_one_evidence_entry_too_long(refused, tmp_path):
    path = _raw(
        tmp_path, "佐证长.xlsx", {5: {"编号": "1.1.3-1", "佐证材料": "https://a.cn/" + "a" * limits.MAX_TEXT_CHARS}}
    )
    refused(path, "单元格 N5", f"{limits.MAX_TEXT_CHARS} 个字符")


def test_evidence_at_the_limits_is_fine_and_the_link_counts_as_an_entry():
    """Exactly 50 entries, or one of exactly 2,000 characters, pass; a cell's hyperlink is
    one more entry (49 written + the link pass, 50 + the link do not)."""
    urls = [f"https://www.cqyz.gov.cn/{i}.html" for i in range(limits.MAX_EVIDENCE_ENTRIES)]
    link = "https://www.cqyz.gov.cn/link.html"
    longest = "https://a.cn/" + "a" * (limits.MAX_TEXT_CHARS - len("https://a.cn/"))
    assert limits.evidence_problem("；".join(urls), None) is None
    assert limits.evidence_problem("；".join(urls[:-1]), link) is None
    assert limits.evidence_problem("；".join(urls), link) == (
        f"「佐证材料」有 {limits.MAX_EVIDENCE_ENTRIES + 1} 条,超过 {limits.MAX_EVIDENCE_ENTRIES} 条的上限"
    )
    assert limits.evidence_problem(longest, None) is None
    assert limits.evidence_problem(None, longest + "a") == (
        f"「佐证材料」中有一条 {limits.MAX_TEXT_CHARS + 1} 个字符,超过 {limits.MAX_TEXT_CHARS} 个字符的上限"
    )


# -- every problem of a file ------------------------------------------------------------------------

_THREE_BAD = '<c r="L20"><f>1+1</f><v>2</v></c><c r="M20" t="e"><v>#N/A</v></c>'


def _three_bad_cells(tmp_path: Path, name: str) -> Path:
    """A formula (L20), an error value (M20) and a note too long (O5)."""
    return _raw(
        tmp_path,
        name,
        {5: {"编号": "1.1.3-1", "备注": "长" * (limits.MAX_TEXT_CHARS + 5)}},
        raw_cells=f'<c r="B20" t="inlineStr"><is><t>1.2.5-1</t></is></c>{_THREE_BAD}',
    )


def test_a_file_with_three_bad_cells_lists_three_problems(tmp_path, refused):
    path = _three_bad_cells(tmp_path, "三处.xlsx")
    with pytest.raises(WorkbookProblems) as caught:
        read_workbook(path)
    e = caught.value
    assert isinstance(e, WorkbookError)
    assert len(e.problems) == 3 and e.omitted == 0
    where = sorted(p.split(":", 1)[0] for p in e.problems)
    assert where == [f"三处.xlsx 工作表「任务清单」 单元格 {c}" for c in ("L20", "M20", "O5")]
    assert str(e) == e.problems[0]  # str() is the first problem, naming file, sheet and cell
    assert "单元格 O5" in str(e)  # the first in sheet order
    refused(path, "单元格 O5")


def test_problems_are_capped(tmp_path):
    cells = "".join(
        f'<row r="{r}"><c r="B{r}" t="inlineStr"><is><t>1.1.3-1</t></is></c><c r="L{r}"><f>A1</f></c></row>'
        for r in range(10, 10 + limits.MAX_PROBLEMS + 7)
    )
    rows = [*hostile.checklist_rows(), cells]
    path = hostile.write_xlsx(tmp_path / "很多.xlsx", hostile.sheet(rows))
    with pytest.raises(WorkbookProblems) as caught:
        read_workbook(path)
    assert len(caught.value.problems) == limits.MAX_PROBLEMS
    assert caught.value.omitted == 7


def test_a_single_problem_also_has_a_list(tmp_path):
    with pytest.raises(WorkbookError) as caught:
        read_workbook(hostile.huge_merge(tmp_path / "合并.xlsx"))
    assert caught.value.problems == [str(caught.value)]


def _batch(tmp_path: Path) -> tuple[list[Path], list[str]]:
    good = hostile.write_xlsx(tmp_path / "甲.xlsx")
    bad1 = _three_bad_cells(tmp_path, "乙.xlsx")
    bad2 = _raw(
        tmp_path,
        "丙.xlsx",
        {
            5: {"编号": "1.1.3-1", "佐证材料": "、".join(["a.pdf"] * 60)},
            6: {"编号": "1.1.3-2", "备注": "备" * (limits.MAX_TEXT_CHARS + 1)},
        },
    )
    problems = []
    for p in (bad1, bad2):
        with pytest.raises(WorkbookError) as caught:
            read_workbook(p)
        problems += caught.value.problems
    assert len(problems) == 5
    return [good, bad1, bad2], problems


def test_a_batch_with_two_bad_files_names_both(tmp_path, do_import, work_db):
    files, _ = _batch(tmp_path)
    before = snapshot(work_db)
    message = assert_user_error(do_import(*files), "乙.xlsx", "丙.xlsx", "没有写入任何更改")
    assert "甲.xlsx" not in message
    assert snapshot(work_db) == before


def test_a_batch_with_two_bad_files_lists_all_their_problems(tmp_path, do_import):
    files, problems = _batch(tmp_path)
    message = assert_user_error(do_import(*files))
    for problem in problems:
        assert problem in message, problem


# -- the values as exported (导出时的值) -----------------------------------------------------------------


def test_baseline_is_read_from_an_export(export):
    path = export("渝中区")
    wb = read_workbook(path)
    assert wb.baseline is not None and set(wb.baseline) == {r.item_id for r in wb.rows}
    for r in wb.rows:
        assert set(wb.baseline[r.item_id]) == {
            "status",
            "done_date",
            "evidence",
            "note",
            "requirement",
            "office",
            "person",
        }
        for key, value in r.cells.items():
            assert wb.baseline[r.item_id][key] == value.text


def test_no_baseline_sheet_is_none(tmp_path):
    assert read_workbook(hostile.write_xlsx(tmp_path / "无.xlsx")).baseline is None


def test_baseline_with_a_missing_column_and_a_long_note(export):
    path = export("渝中区")

    def change(ws, wb):
        base = wb["导出时的值"]
        base["D1"] = "材料"  # was 佐证材料
        base["E2"] = "备" * (limits.MAX_TEXT_CHARS + 1)

    edit(path, change)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    assert any("工作表「导出时的值」 单元格 A1:H1" in p and "「佐证材料」" in p for p in caught.value.problems)

    def restore(ws, wb):
        wb["导出时的值"]["D1"] = "佐证材料"

    edit(path, restore)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    assert caught.value.problems == [
        f"{path.name} 工作表「导出时的值」 单元格 E2:「备注」有 {limits.MAX_TEXT_CHARS + 1} 个字符,"
        f"超过 {limits.MAX_TEXT_CHARS} 个字符的上限"
    ]


def test_an_export_is_well_within_every_limit(export):
    """The scan of a real export finds nothing, and leaves room to spare."""
    path = export("渝中区")
    data = limits.read_regular_file(path)
    limits.check_package(data)
    assert limits.scan_package(data).problems == []
