"""`load --as-table` of a document the readers refuse (issue #22: any document, written out,
corrected and loaded, is right): the breakdown table holds the document's own lines, each in
工作任务 with where it stands in 说明, the refusal beside its line; loaded unchanged it is refused
naming its file and cell; corrected as a person would in WPS, it loads as the person meant."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as Word
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.cli_helpers import assert_user_error, invoke
from tests.conftest import ROOT
from tui.source import ParseError, read_document
from tui.source.breakdown_table import HEADERS, NOTE_H, TASK_H
from tui.workbook.read_as_table import write_read_table

REFUSED = ROOT / "tests" / "data" / "documents" / "refuse-no-header.txt"
TASK, NOTE = HEADERS.index(TASK_H) + 1, HEADERS.index(NOTE_H) + 1


def table_rows(path: Path) -> tuple[list[tuple[str, str]], int]:
    ws = load_workbook(path).worksheets[0]
    header = next(r for r in range(1, 20) if ws.cell(r, TASK).value == TASK_H)
    rows = [(ws.cell(r, TASK).value or "", ws.cell(r, NOTE).value or "") for r in range(header + 1, ws.max_row + 1)]
    return rows, header


def test_a_refused_text_is_written_a_line_a_row_with_where_each_stands(tmp_path):
    written = write_read_table(REFUSED, tmp_path / "读取结果.xlsx")
    assert written.report is None and written.refused is not None and written.refused.line == 15
    rows, _ = table_rows(written.target)
    howto, lines = rows[0], rows[1:]
    assert howto[0] == "" and "未能自动读出" in howto[1] and "第 15 行" in howto[1]
    source = [(n, line.strip()) for n, line in enumerate(REFUSED.read_text(encoding="utf-8").splitlines(), 1)]
    assert [task for task, _ in lines] == [text for _, text in source if text]
    assert [note.split(";")[0] for _, note in lines] == [f"原文第 {n} 行" for n, text in source if text]
    refused_at = [task for task, note in lines if "未能读出" in note]
    assert refused_at == [dict(source)[15]]


def test_the_rough_table_loaded_unchanged_is_refused_naming_file_sheet_and_cell(tmp_path, work_db):
    written = write_read_table(REFUSED, tmp_path / "读取结果.xlsx")
    before = work_db.read_bytes()
    assert_user_error(invoke("load", "--yes", written.target, "--db", work_db), "读取结果.xlsx", "任务分工", "B2")
    assert work_db.read_bytes() == before


def test_the_rough_table_corrected_as_a_person_would_loads_as_meant(tmp_path):
    written = write_read_table(REFUSED, tmp_path / "读取结果.xlsx")
    wb = load_workbook(written.target)
    ws = wb.worksheets[0]
    _, header = table_rows(written.target)
    ws["B1"], ws["B2"], ws["B3"] = "大渡口府办发〔2026〕16号", "大渡口区2026年政务公开工作要点任务分工", "2026"
    keep = {"1.公开大渡口区“十五五”规划纲要(公开路径:政府网站>政府信息公开>规划信息)。": "区发展改革委"}
    keep_text = {k.replace("(", "（").replace(")", "）").replace(":", "："): v for k, v in keep.items()}
    for r in range(ws.max_row, header, -1):  # every row that is not a task goes, bottom up as in WPS
        text = ws.cell(r, TASK).value
        if text in keep_text:
            ws.cell(r, HEADERS.index("责任单位") + 1, keep_text[text])
            ws.cell(r, HEADERS.index("完成时限") + 1, "2026年6月底前")
        else:
            ws.delete_rows(r)
    wb.save(written.target)
    doc = read_document(written.target.read_bytes(), written.target.name)
    assert (doc.number, doc.year) == ("大渡口府办发〔2026〕16号", 2026)
    assert [(r.responsible_units, [(i.text[:8], i.deadline) for i in r.items]) for r in doc.rows] == [
        (["区发展改革委"], [("公开大渡口区“十", "2026-06-30")])
    ]


def test_a_refused_word_table_is_written_a_row_a_line_its_cells_joined(tmp_path):
    word = Word()
    word.add_paragraph("某区2026年政务公开工作要点任务分工")
    table = word.add_table(rows=3, cols=3)
    for r, cells in enumerate([("序号", "事项", "备注"), ("1", "公开预算信息", "区财政局"), ("2", "公开决算信息", "")]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    word.save(tmp_path / "来文.docx")
    with pytest.raises(ParseError):
        read_document((tmp_path / "来文.docx").read_bytes(), "来文.docx")
    written = write_read_table(tmp_path / "来文.docx", tmp_path / "读取结果.xlsx")
    rows, _ = table_rows(written.target)
    assert [task for task, _ in rows[1:]] == [
        "某区2026年政务公开工作要点任务分工",
        "序号 | 事项 | 备注",
        "1 | 公开预算信息 | 区财政局",
        "2 | 公开决算信息",
    ]
    assert rows[3][1].startswith("原文第 1 个表格第 2 行")


@pytest.mark.parametrize(
    "name, data",
    [
        ("乱码.txt", bytes(range(128, 256)) * 40),  # no text: nothing to write
        ("扫描件.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),  # no readable PDF, no lines
    ],
)
def test_a_file_with_no_lines_to_give_is_refused_and_nothing_is_written(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ParseError):
        write_read_table(tmp_path / name, tmp_path / "读取结果.xlsx")
    assert not (tmp_path / "读取结果.xlsx").exists()


def test_cli_as_table_of_a_refused_document_says_why_and_what_to_do(tmp_path, work_db):
    before = work_db.read_bytes()
    result = invoke("load", REFUSED, "--as-table", tmp_path / "读取结果.xlsx", "--db", work_db)
    # refused: exit 2 and the message on stderr, as every refusal, though the lines were written
    message = assert_user_error(result, "第 15 行: 找不到表头")
    assert result.stdout == ""
    first, second, third = message.strip().splitlines()
    assert first.startswith("错误:未能读出这份文件:第 15 行: 找不到表头")
    assert "已把原文逐行写入任务分工表" in second and "未载入数据库" in second
    assert "gongkai-tui load 读取结果.xlsx" in third
    assert (tmp_path / "读取结果.xlsx").is_file() and work_db.read_bytes() == before


LINE = st.text(
    alphabet=st.sampled_from(list("=+-@|\t 一、1.(牵头单位:区财政局)年月底前公开预算") + ["\u3000"]), max_size=30
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINE, min_size=1, max_size=12))
def test_any_refused_text_is_written_as_its_lines_each_a_text_cell(tmp_path_factory, lines):
    folder = tmp_path_factory.mktemp("rough")
    source = folder / "来文.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    try:
        read_document(source.read_bytes(), source.name)
    except ParseError:
        pass
    else:
        return  # read: the table is the document as read, tested in test_breakdown_table.py
    if not any(line.strip() for line in lines):  # nothing to write: the refusal stands
        with pytest.raises(ParseError):
            write_read_table(source, folder / "读取结果.xlsx")
        return
    written = write_read_table(source, folder / "读取结果.xlsx")
    ws = load_workbook(written.target).worksheets[0]
    header = next(r for r in range(1, 20) if ws.cell(r, TASK).value == TASK_H)
    cells = [ws.cell(r, TASK) for r in range(header + 2, ws.max_row + 1)]
    assert [c.value for c in cells] == [line.strip() for line in lines if line.strip()]
    assert all(c.data_type == "s" for c in cells)  # `=…` stays text, never a formula
