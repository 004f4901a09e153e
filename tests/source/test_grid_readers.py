"""The .docx, .xlsx and .html readers (DESIGN.md §2): documents written from a spec by
`grid_writers`, read back, and the `SourceTable` checked exactly — columns, headings in
place, merged cells shared, origins, preamble — plus the files they must refuse."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from tests.source.grid_writers import write_docx, write_html, write_xlsx
from tui.source.errors import ParseError
from tui.source.headers import HEADER_WORDS
from tui.source.readers.docx import read_docx
from tui.source.readers.html import read_html
from tui.source.readers.xlsx import read_xlsx
from tui.source.table import COOP, DEADLINE, LEAD, REQUIREMENT, RESP, SEQ, TASK, GridRow, Heading, Origin, SourceTable

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ("docx", "xlsx", "html")
WRITERS = {"docx": write_docx, "xlsx": write_xlsx, "html": write_html}
READERS = {"docx": read_docx, "xlsx": read_xlsx, "html": read_html}

TITLE = "重庆市人民政府办公厅关于印发重庆市2026年政务公开工作要点任务分工的通知"
NUMBER = "渝府办发〔2026〕12号"
SPEC = {
    "preamble": [TITLE, NUMBER],
    "header": ["工作任务", "牵头单位", "责任单位"],
    "body": [
        {"heading": "一、紧扣稳定经济增长加强政策发布"},
        {"heading": "（一）推进政策公开"},
        {
            "cells": [
                {"text": "1.公开年度预算。\n2.公开政策解读（含图解）。"},
                {"text": "市发展改革委", "rowspan": 2},
                {"text": "市发展改革委"},
            ]
        },
        {"cells": [{"text": "公开政府信息公开指南，每季度更新。"}, {"text": "各区县政府、市级各部门"}]},
        {"heading": "二、围绕优化营商环境"},
        {"cells": [{"text": "做好惠企政策集中公开。"}, {"text": ""}, {"text": "市经济信息委"}]},
    ],
    "tail": ["抄送：市委办公厅，市人大常委会办公厅。"],
}


def read(fmt: str, spec: dict, tmp_path: Path, name: str = "任务分工", **kw) -> SourceTable:
    path = tmp_path / f"{name}.{fmt}"
    WRITERS[fmt](spec, path, **kw)
    return READERS[fmt](path.read_bytes(), path.name)


def shape(st: SourceTable) -> list:
    """The body as ("标题", text) and [cell texts or None] rows."""
    return [("标题", b.text) if isinstance(b, Heading) else [c.text if c else None for c in b.cells] for b in st.body]


def rows(st: SourceTable) -> list[GridRow]:
    return [b for b in st.body if isinstance(b, GridRow)]


def refusal(fmt: str, data: bytes, name: str | None = None) -> str:
    with pytest.raises(ParseError) as e:
        READERS[fmt](data, name or f"坏文件.{fmt}")
    return str(e.value)


# -- what comes back ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_columns_headings_and_rows_come_back_in_place(fmt, tmp_path):
    st = read(fmt, SPEC, tmp_path)
    assert [(c.role, c.header) for c in st.columns] == [(TASK, "工作任务"), (LEAD, "牵头单位"), (RESP, "责任单位")]
    assert st.column(RESP) == 2 and st.column(COOP) is None
    assert shape(st) == [
        ("标题", "一、紧扣稳定经济增长加强政策发布"),
        ("标题", "（一）推进政策公开"),
        ["1.公开年度预算。\n2.公开政策解读（含图解）。", "市发展改革委", "市发展改革委"],
        ["公开政府信息公开指南，每季度更新。", "市发展改革委", "各区县政府、市级各部门"],
        ("标题", "二、围绕优化营商环境"),
        ["做好惠企政策集中公开。", None, "市经济信息委"],
    ]
    first, second, third = rows(st)
    assert first.cells[0].paragraphs == ["1.公开年度预算。", "2.公开政策解读（含图解）。"]
    assert second.cells[1] is first.cells[1]  # the merged lead cell: one object
    assert first.cells[2] is not first.cells[1]  # same text, different cells
    assert first.starts == [True, True, True] and second.starts == [True, False, True]
    assert third.cells[1] is None and third.starts == [True, True, True]
    assert [text for text, _ in st.preamble] == [TITLE, NUMBER]
    assert [t for t, _ in st.tail] == ["抄送：市委办公厅，市人大常委会办公厅。"]
    assert [n.kind for n in st.notes if n.severity == "warning"] == (["lines_below_table"] if fmt == "xlsx" else [])


def test_xlsx_origins_name_sheet_and_cell(tmp_path):
    st = read("xlsx", SPEC, tmp_path)
    assert [str(o) for _, o in st.preamble] == ["工作表「任务分工」单元格 A1", "工作表「任务分工」单元格 A2"]
    assert str(st.header_origin) == "工作表「任务分工」单元格 A3"
    assert [str(c.origin) for c in st.columns] == [f"工作表「任务分工」单元格 {x}3" for x in "ABC"]
    headings = [b for b in st.body if isinstance(b, Heading)]
    assert [str(h.origin) for h in headings] == [f"工作表「任务分工」单元格 A{r}" for r in (4, 5, 8)]
    first, second, third = rows(st)
    assert str(second.origin) == "工作表「任务分工」单元格 A7"
    assert str(second.cells[2].origin) == "工作表「任务分工」单元格 C7"
    assert str(second.cells[1].origin) == "工作表「任务分工」单元格 B6"  # merged from the row above
    assert second.cells[1].origins == [Origin(sheet="任务分工", cell="B6")]


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_table_origins_name_table_row_and_column(fmt, tmp_path):
    st = read(fmt, SPEC, tmp_path)
    assert str(st.header_origin) == "第 1 个表格第 1 行"
    first, second, _ = rows(st)
    assert str(first.origin) == "第 1 个表格第 4 行"
    assert str(second.cells[2].origin) == "第 1 个表格第 5 行第 3 列"
    assert second.cells[1].origin == Origin(table=1, row=4, col=2)
    assert str(st.body[0].origin) == "第 1 个表格第 2 行第 1 列"
    assert [str(o) for _, o in st.preamble] == ["第 1 段", "第 2 段"]
    assert st.tail == [("抄送：市委办公厅，市人大常委会办公厅。", Origin(para=3))]


def test_xlsx_lines_under_the_table(tmp_path):
    """Under a blank row, rows of one cell each are the tail, with a warning; straight under
    the table such a row is a row (the interpreter sees a task without units)."""
    st = read("xlsx", SPEC, tmp_path)
    assert st.tail == [
        ("抄送：市委办公厅，市人大常委会办公厅。", Origin(sheet="任务分工", cell="A11"))
    ]  # under the blank row 10
    (note,) = [n for n in st.notes if n.kind == "lines_below_table"]
    assert note.origin == st.tail[0][1] and note.severity == "warning"
    spec = dict(SPEC, body=[*SPEC["body"], {"cells": ["注：各单位按职责落实。", "", ""]}], tail=[])
    st = read("xlsx", spec, tmp_path, name="无空行")
    assert st.tail == [] and shape(st)[-1] == ["注：各单位按职责落实。", None, None]


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_spaced_and_qualified_headers_are_mapped_with_a_note(fmt, tmp_path):
    spec = {
        "header": ["序\u3000号", "主 要 任 务", "牵 头 单 位", "责任单位（部门）"],
        "body": [{"cells": [{"text": "1"}, {"text": "公开。"}, {"text": "市政府办公厅"}, {"text": "各区县政府"}]}],
    }
    st = read(fmt, spec, tmp_path)
    assert [(c.role, c.header) for c in st.columns] == [
        (SEQ, "序\u3000号"),
        (TASK, "主 要 任 务"),
        (LEAD, "牵 头 单 位"),
        (RESP, "责任单位（部门）"),
    ]
    mapped = [n for n in st.notes if n.kind == "header_mapped"]
    assert [n.origin for n in mapped] == [c.origin for c in st.columns]
    assert "表头「牵 头 单 位」读作「牵头」栏" in [n.message for n in mapped]
    assert shape(st) == [["1", "公开。", "市政府办公厅", "各区县政府"]]


SIX = ["序号", "工作任务", "牵头单位", "责任单位", "配合单位", "完成时限"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_six_columns(fmt, tmp_path):
    spec = {
        "preamble": ["附件"],
        "header": SIX,
        "body": [
            {"heading": "一、加强政策解读"},
            {
                "cells": [
                    "1",
                    "开展政策解读。",
                    {"text": "市政府办公厅", "rowspan": 2},
                    "各区县政府",
                    "",
                    {"text": "2026年6月底前", "rowspan": 2},
                ]
            },
            {"cells": ["2", "回应社会关切。", "市级各部门", "市委网信办"]},
        ],
    }
    st = read(fmt, spec, tmp_path)
    assert [c.role for c in st.columns] == [SEQ, TASK, LEAD, RESP, COOP, DEADLINE]
    assert shape(st) == [
        ("标题", "一、加强政策解读"),
        ["1", "开展政策解读。", "市政府办公厅", "各区县政府", None, "2026年6月底前"],
        ["2", "回应社会关切。", "市政府办公厅", "市级各部门", "市委网信办", "2026年6月底前"],
    ]
    a, b = rows(st)
    assert b.starts == [True, True, False, True, True, False]
    assert b.cells[5] is a.cells[5] and b.cells[2] is a.cells[2]


def test_xlsx_numbers_and_dates_read_as_the_sheet_shows_them(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "数字.xlsx"
    write_xlsx(
        {
            "header": SIX,
            "body": [
                {"cells": ["", "公开。", "市政府办公厅", "各区县政府", "", ""]},
                {"cells": ["", "解读。", "市政府办公厅", "各区县政府", "", ""]},
            ],
        },
        path,
    )
    wb = load_workbook(path)
    ws = wb.active
    ws["A2"], ws["F2"] = 1, dt.datetime(2026, 6, 30)
    ws["A3"], ws["F3"] = 2.0, dt.date(2026, 12, 31)
    wb.save(path)
    st = read_xlsx(path.read_bytes(), path.name)
    assert shape(st) == [
        ["1", "公开。", "市政府办公厅", "各区县政府", None, "2026年6月30日"],
        ["2", "解读。", "市政府办公厅", "各区县政府", None, "2026年12月31日"],
    ]


def test_docx_headings_as_paragraphs_between_tables(tmp_path):
    spec = dict(SPEC, heading_style="paragraph")
    st = read("docx", spec, tmp_path)
    row_style = read("docx", SPEC, tmp_path, name="合并行")
    assert shape(st) == shape(row_style)
    assert [text for text, _ in st.preamble] == [TITLE, NUMBER]
    headings = [b for b in st.body if isinstance(b, Heading)]
    assert [h.origin for h in headings] == [Origin(para=3), Origin(para=4), Origin(para=5)]
    assert [str(r.origin) for r in rows(st)] == ["第 1 个表格第 2 行", "第 1 个表格第 3 行", "第 2 个表格第 2 行"]
    kinds = [n.kind for n in st.notes]
    assert kinds.count("table_appended") == 1 and kinds.count("heading_before_table") == 1
    assert st.tail == [("抄送：市委办公厅，市人大常委会办公厅。", Origin(para=6))]


@pytest.mark.parametrize("fmt", FORMATS)
def test_task_header_over_two_grid_columns_joins_their_texts(fmt, tmp_path):
    spec = {
        "header": [{"text": "工作任务", "colspan": 2}, "牵头单位", "责任单位"],
        "body": [
            {"heading": "一、政策公开"},
            {"cells": [{"text": "政策文件", "rowspan": 2}, "公开规范性文件。", "市司法局", "各区县政府"]},
            {"cells": ["做好政策解读。", "市政府办公厅", "市级各部门"]},
            {"cells": [{"text": "统一发布。", "colspan": 2}, "市大数据发展局", "各区县政府"]},
        ],
    }
    st = read(fmt, spec, tmp_path)
    assert [c.role for c in st.columns] == [TASK, LEAD, RESP]
    assert shape(st) == [
        ("标题", "一、政策公开"),
        ["政策文件\n公开规范性文件。", "市司法局", "各区县政府"],
        ["政策文件\n做好政策解读。", "市政府办公厅", "市级各部门"],
        ["统一发布。", "市大数据发展局", "各区县政府"],
    ]
    a, b, c = rows(st)
    assert a.cells[0] is not b.cells[0] and a.starts[0] and b.starts[0]
    there = Origin(sheet="任务分工", cell="B3") if fmt == "xlsx" else Origin(table=1, row=3, col=2)
    assert a.cells[0].origins == [a.cells[0].origin, there]  # each paragraph says which cell it came from


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_row_header_splits_the_unit_column(fmt, tmp_path):
    spec = {
        "header": [
            {"text": "序号", "rowspan": 2},
            {"text": "重点任务", "rowspan": 2},
            {"text": "责任单位", "colspan": 2},
        ],
        "body": [{"cells": ["牵头单位", "配合单位"]}, {"cells": ["1", "公开。", "市政府办公厅", "市级各部门"]}],
    }
    st = read(fmt, spec, tmp_path)
    assert [(c.role, c.header) for c in st.columns] == [
        (SEQ, "序号"),
        (TASK, "重点任务"),
        (LEAD, "牵头单位"),
        (COOP, "配合单位"),
    ]
    assert shape(st) == [["1", "公开。", "市政府办公厅", "市级各部门"]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_rows_above_the_header_go_to_the_preamble(fmt, tmp_path):
    spec = {
        "preamble": ["附件1"],
        "header": [{"text": "2026年政务公开重点任务分工表", "colspan": 3}],
        "body": [{"cells": ["工作任务", "牵头单位", "责任单位"]}, {"cells": ["公开。", "市政府办公厅", "各区县政府"]}],
    }
    st = read(fmt, spec, tmp_path)
    assert [t for t, _ in st.preamble] == ["附件1", "2026年政务公开重点任务分工表"]
    assert shape(st) == [["公开。", "市政府办公厅", "各区县政府"]]
    if fmt != "xlsx":
        assert str(st.header_origin) == "第 1 个表格第 2 行"


@pytest.mark.parametrize("fmt", FORMATS)
def test_merge_across_unit_columns_is_one_cell_in_both(fmt, tmp_path):
    spec = {
        "header": ["工作任务", "牵头单位", "责任单位"],
        "body": [{"cells": ["公开。", {"text": "市政府办公厅", "colspan": 2}]}],
    }
    (row,) = rows(read(fmt, spec, tmp_path))
    assert row.cells[1] is row.cells[2] and row.cells[1].text == "市政府办公厅"
    assert row.starts == [True, True, True]


def test_html_in_gbk_with_a_meta_charset(tmp_path):
    st = read("html", SPEC, tmp_path, encoding="gbk")
    assert b'<meta charset="gbk">' in (tmp_path / "任务分工.html").read_bytes()
    assert shape(st) == shape(read("html", SPEC, tmp_path, name="utf8"))
    assert [t for t, _ in st.preamble] == [TITLE, NUMBER]
    assert not st.notes


def _page(body: str, meta: str = '<meta charset="utf-8">') -> str:
    return f"<html><head>{meta}<title>页</title><style>p {{color: red}}</style></head><body>{body}</body></html>"


TABLE = (
    "<table><tr><th>工作任务</th><th>牵头单位</th><th>责任单位</th></tr>"
    "<tr><td>公开。</td><td>市政府办公厅</td><td>各区县政府</td></tr></table>"
)


def test_html_charset_declared_wrongly_or_not_at_all_is_a_note():
    page = _page("<p>关于印发的通知</p>" + TABLE)
    st = read_html(page.encode("gb18030"), "页.html")
    assert [(n.kind, n.severity, n.message) for n in st.notes] == [
        ("charset_mismatch", "warning", "网页声明的编码是 utf-8,但内容按 GB18030 才能读出")
    ]
    assert st.preamble[0][0] == "关于印发的通知"
    for declared in ("gbk", "iso-8859-1"):  # UTF-8 bytes would pass for GBK (or Latin-1) as junk
        st = read_html(page.replace("utf-8", declared).encode("utf-8"), "页.html")
        assert st.preamble[0][0] == "关于印发的通知"
        assert [n.message for n in st.notes] == [f"网页声明的编码是 {declared},但内容是 UTF-8,按 UTF-8 读取"]
    st = read_html(page.replace("utf-8", "iso-8859-1").encode("gbk"), "页.html")
    assert st.preamble[0][0] == "关于印发的通知" and [n.kind for n in st.notes] == ["charset_mismatch"]
    st = read_html(page.replace('<meta charset="utf-8">', "").encode("gbk"), "页.html")
    assert [n.kind for n in st.notes] == ["charset_guessed"]
    st = read_html(
        _page(TABLE, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode("gbk"), "页.html"
    )
    assert not st.notes and shape(st) == [["公开。", "市政府办公厅", "各区县政府"]]
    st = read_html(b"\xef\xbb\xbf" + _page(TABLE, '<meta charset="gbk">').encode("utf-8"), "页.html")
    assert not st.notes and shape(st) == [["公开。", "市政府办公厅", "各区县政府"]]


def test_html_page_as_saved_from_a_site_or_word():
    """A layout table around the content, nbsp padding, block and br lines before the table,
    Word's line wrapping inside Chinese text, a repeated header row, script text ignored."""
    body = (
        "<table><tr><td><div>首页 &gt; 政务公开</div><script>var x = '工作任务';</script>"
        "<h1>关于印发\n重点任务的通知</h1><p>渝府办发〔2026〕12号<br>各区县人民政府：</p>"
        "<table border=1><thead><tr><td>&nbsp;工作任务&nbsp;</td><td>牵头<br>单位</td><td>责任单位</td></tr></thead>"
        "<tbody><tr><td colspan=3><b>一、</b>政策公开</td></tr>"
        "<tr><td><p>1.公开\n文件。</p><p>2.做好 解读。</p></td><td>市政府办公厅</td><td>&nbsp;</td></tr>"
        "<tr><th>工作任务</th><th>牵头单位</th><th>责任单位</th></tr>"
        "<tr><td>回应关切。</td><td>市政府办公厅</td><td>市级各部门</td></tr></tbody></table>"
        "<p>抄送：市委办公厅</p></td></tr></table>"
    )
    st = read_html(_page(body).encode("utf-8"), "页.html")
    assert [t for t, _ in st.preamble] == [
        "首页 > 政务公开",
        "关于印发重点任务的通知",
        "渝府办发〔2026〕12号",
        "各区县人民政府：",
    ]
    assert [(c.role, c.header) for c in st.columns] == [(TASK, "工作任务"), (LEAD, "牵头\n单位"), (RESP, "责任单位")]
    assert shape(st) == [
        ("标题", "一、政策公开"),
        ["1.公开文件。\n2.做好 解读。", "市政府办公厅", None],
        ["回应关切。", "市政府办公厅", "市级各部门"],
    ]
    assert [n.kind for n in st.notes] == ["header_mapped", "header_repeated"]
    assert [t for t, _ in st.tail] == ["抄送：市委办公厅"]


def test_html_later_tables_with_the_same_header_continue_the_body():
    other = "<table><tr><td>联系人</td><td>电话</td></tr><tr><td>张三</td><td>123</td></tr></table>"
    body = (
        "<p>通知</p>"
        + TABLE
        + "<p>二、政务服务</p>"
        + TABLE.replace("公开。", "办事。")
        + "<p>（一）不算</p>"
        + other
        + "<p>附件2</p>"
        + TABLE
    )
    st = read_html(_page(body).encode("utf-8"), "页.html")
    assert shape(st) == [
        ["公开。", "市政府办公厅", "各区县政府"],
        ("标题", "二、政务服务"),
        ["办事。", "市政府办公厅", "各区县政府"],
    ]
    assert [t for t, _ in st.tail] == [
        "（一）不算",
        "联系人 电话",
        "张三 123",
        "附件2",
        "工作任务 牵头单位 责任单位",
        "公开。 市政府办公厅 各区县政府",
    ]
    assert [(n.kind, n.severity) for n in st.notes] == [("table_appended", "info"), ("table_ignored", "warning")]


def test_docx_later_table_without_header_but_same_width_is_appended(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("附件")
    first = doc.add_table(rows=2, cols=3)
    for cell, text in zip(
        first.rows[0].cells + first.rows[1].cells,
        ["工作任务", "牵头单位", "责任单位", "公开。", "市政府办公厅", "各区县政府"],
    ):
        cell.text = text
    doc.add_paragraph("")
    doc.add_paragraph("二、政务服务")
    second = doc.add_table(rows=1, cols=3)
    for cell, text in zip(second.rows[0].cells, ["办事。", "市政务服务管理局", "各区县政府"]):
        cell.text = text
    doc.add_paragraph("联系人：张三")
    narrow = doc.add_table(rows=1, cols=2)
    narrow.rows[0].cells[0].text = "不读"
    path = tmp_path / "续表.docx"
    doc.save(path)
    st = read_docx(path.read_bytes(), path.name)
    assert shape(st) == [
        ["公开。", "市政府办公厅", "各区县政府"],
        ("标题", "二、政务服务"),
        ["办事。", "市政务服务管理局", "各区县政府"],
    ]
    assert [t for t, _ in st.tail] == ["联系人：张三", "不读"]
    assert [n.kind for n in st.notes] == ["table_appended", "table_ignored"]
    assert str(rows(st)[1].origin) == "第 2 个表格第 1 行"


def test_docx_text_left_in_a_continued_merge_cell_is_kept(tmp_path):
    from docx.oxml.ns import qn

    path = tmp_path / "合并.docx"
    write_docx(
        {
            "header": ["工作任务", "牵头单位"],
            "body": [{"cells": ["甲。", {"text": "市政府办公厅", "rowspan": 2}]}, {"cells": ["乙。"]}],
        },
        path,
    )
    from docx import Document

    doc = Document(path)
    continued = doc.tables[0]._tbl.tr_lst[2].tc_lst[1]
    assert continued.find(qn("w:tcPr")).find(qn("w:vMerge")) is not None
    continued.p_lst[0].add_r().text = "市大数据发展局"
    doc.save(path)
    a, b = rows(read_docx(path.read_bytes(), path.name))
    assert a.cells[1] is b.cells[1]
    assert a.cells[1].paragraphs == ["市政府办公厅", "市大数据发展局"]
    assert a.cells[1].origins == [Origin(table=1, row=2, col=2), Origin(table=1, row=3, col=2)]


def test_docx_rows_starting_after_the_first_grid_column(tmp_path):
    """w:gridBefore (WPS writes it for an indented row) leaves the first grid columns empty;
    legacy w:hMerge continues the cell to the left (text Word hides in the continued cell is kept)."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    path = tmp_path / "缩进.docx"
    write_docx(
        {
            "header": ["序号", "工作任务", "牵头单位"],
            "body": [{"cells": ["1", "公开。", "市政府办公厅"]}, {"cells": ["", "解读。", "市级各部门"]}],
        },
        path,
    )
    doc = Document(path)
    tr = doc.tables[0]._tbl.tr_lst[2]
    tr.remove(tr.tc_lst[0])
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    tr.get_or_add_trPr().append(before)
    hmerge = OxmlElement("w:hMerge")
    doc.tables[0]._tbl.tr_lst[1].tc_lst[2].get_or_add_tcPr().append(hmerge)
    doc.save(path)
    st = read_docx(path.read_bytes(), path.name)
    a, b = rows(st)
    assert shape(st) == [["1", "公开。\n市政府办公厅", "公开。\n市政府办公厅"], [None, "解读。", "市级各部门"]]
    assert a.cells[1] is a.cells[2]  # the hMerge-continued cell is the task cell
    assert a.cells[1].origins[-1] == Origin(table=1, row=2, col=3)
    assert b.cells == [None, b.cells[1], b.cells[2]] and b.cells[1].origin == Origin(table=1, row=3, col=2)


def test_xlsx_header_on_a_later_sheet_and_blank_rows(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "多表.xlsx"
    write_xlsx(
        {
            "header": ["工作任务", "牵头单位", "责任单位"],
            "body": [
                {"cells": ["公开。", "市政府办公厅", "各区县政府"]},
                {"cells": ["", "", ""]},
                {"cells": ["解读。", "市政府办公厅", "各区县政府"]},
            ],
        },
        path,
        sheet="分工",
    )
    wb = load_workbook(path)
    wb.create_sheet("说明", 0)["A1"] = "本表由市政府办公厅编制"
    wb.save(path)
    st = read_xlsx(path.read_bytes(), path.name)
    assert str(st.header_origin) == "工作表「分工」单元格 A1"
    assert shape(st) == [["公开。", "市政府办公厅", "各区县政府"], ["解读。", "市政府办公厅", "各区县政府"]]


def test_xlsx_preamble_row_of_several_cells_is_one_line(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "文号.xlsx"
    write_xlsx(
        {
            "preamble": ["", "附件"],
            "header": ["工作任务", "牵头单位", "责任单位"],
            "body": [{"cells": ["公开。", "市政府办公厅", "各区县政府"]}],
        },
        path,
    )
    wb = load_workbook(path)
    wb.active["B1"], wb.active["C1"] = NUMBER, "2026年3月5日"
    wb.save(path)
    st = read_xlsx(path.read_bytes(), path.name)
    assert st.preamble == [
        (f"{NUMBER} 2026年3月5日", Origin(sheet="任务分工", cell="B1")),
        ("附件", Origin(sheet="任务分工", cell="A2")),
    ]


def test_spec_can_be_a_json_file(tmp_path):
    import json

    (tmp_path / "spec.json").write_text(json.dumps(SPEC, ensure_ascii=False), encoding="utf-8")
    for fmt in FORMATS:
        WRITERS[fmt](tmp_path / "spec.json", tmp_path / f"j.{fmt}")
        assert shape(READERS[fmt]((tmp_path / f"j.{fmt}").read_bytes(), f"j.{fmt}")) == shape(read(fmt, SPEC, tmp_path))


# -- refusals -----------------------------------------------------------------------------

NO_HEADER = {"preamble": ["通知"], "header": ["名称", "备注"], "body": [{"cells": ["甲", "乙"]}]}


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_header_row_names_the_file_and_the_words_expected(fmt, tmp_path):
    path = tmp_path / f"无表头.{fmt}"
    WRITERS[fmt](NO_HEADER, path)
    message = refusal(fmt, path.read_bytes(), path.name)
    assert message.startswith(f"「无表头.{fmt}」: 找不到表头行")
    assert "工作任务" in message and "牵头单位" in message and "责任单位" in message
    where = {
        "docx": "文档中的 1 个表格都没有",
        "xlsx": "工作表「任务分工」的前 30 行",
        "html": "网页中的 1 个表格都没有",
    }
    assert where[fmt] in message


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_nearly_header_row_says_what_is_wrong_with_it(fmt, tmp_path):
    spec = {"header": ["工作任务", "牵头单位", "牵头部门"], "body": [{"cells": ["公开。", "甲", "乙"]}]}
    path = tmp_path / f"重复.{fmt}"
    WRITERS[fmt](spec, path)
    message = refusal(fmt, path.read_bytes(), path.name)
    place = "工作表「任务分工」单元格 A1" if fmt == "xlsx" else "第 1 个表格第 1 行"
    assert message == f"{place}: 「重复.{fmt}」中找不到可用的表头行:表头中「牵头」栏目出现了不止一次"


def test_docx_without_any_table(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("一、政策公开")
    doc.save(tmp_path / "纯文字.docx")
    message = refusal("docx", (tmp_path / "纯文字.docx").read_bytes(), "纯文字.docx")
    assert "文档中没有表格" in message and "工作任务" in message


@pytest.mark.parametrize("fmt, kind", [("xlsx", "Excel(.xlsx)"), ("docx", "Word(.docx)")])
def test_not_an_office_file(fmt, kind):
    assert (
        refusal(fmt, "工作任务\t牵头单位\n".encode("utf-8"), f"伪装.{fmt}") == f"「伪装.{fmt}」: 不是有效的 {kind} 文件"
    )
    assert "旧版 Office 格式" in refusal(fmt, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert "它是网页(HTML)" in refusal(fmt, b"<html><body><table></table></body></html>")
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("hello.txt", "x")
    assert refusal(fmt, broken.getvalue(), "x").endswith(f"不是有效的 {kind} 文件")


def test_a_package_of_the_other_kind_says_what_it_is(tmp_path):
    write_docx(SPEC, tmp_path / "a.docx")
    write_xlsx(SPEC, tmp_path / "a.xlsx")
    assert refusal("xlsx", (tmp_path / "a.docx").read_bytes(), "a.xlsx").endswith(
        "不是有效的 Excel(.xlsx) 文件:它是 Word(.docx) 文件"
    )
    assert refusal("docx", (tmp_path / "a.xlsx").read_bytes(), "a.docx").endswith(
        "不是有效的 Word(.docx) 文件:它是 Excel(.xlsx) 文件"
    )


def _zeros_zip(megabytes: int) -> bytes:
    """A zip whose sheet part unpacks to `megabytes` MB of zeros (written in chunks: fast, small)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("word/document.xml", "<document/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            chunk = bytes(1 << 20)
            for _ in range(megabytes):
                f.write(chunk)
    return buf.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _zeros_zip(300)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_zip_bombs_are_refused_before_parsing(fmt, bomb):
    assert len(bomb) < 2 * 1024 * 1024
    message = refusal(fmt, bomb, f"炸弹.{fmt}")
    assert message == (
        f"「炸弹.{fmt}」: 其中的「xl/worksheets/sheet1.xml」解压后有 300.0 MB,超过 80 MB 的上限"
        "(文件可能是恶意构造的),未读取"
    )
    message = refusal(fmt, _zeros_zip(5), f"压缩比.{fmt}")
    assert (
        message == f"「压缩比.{fmt}」: 其中的「xl/worksheets/sheet1.xml」压缩比超过 200 倍(文件可能是恶意构造的),未读取"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_files_over_20_mb_are_refused(fmt):
    assert (
        refusal(fmt, b"PK" + bytes(21 * 1024 * 1024), f"大.{fmt}") == f"「大.{fmt}」: 文件有 21.0 MB,超过 20 MB 的上限"
    )


def _rewrite(path: Path, member: str, edit) -> bytes:
    src = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            z.writestr(info.filename, edit(data.decode("utf-8")).encode("utf-8") if info.filename == member else data)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


@pytest.mark.parametrize("ref", ["A1:C1000000", "A1:BZ3", "A1:XFD1048576", "A1"])
def test_xlsx_dimension_is_never_trusted_the_cells_say_how_big_a_sheet_is(ref, tmp_path):
    """A false `<dimension>` (a 14.6 MB file with one took 23 s and 780 MB) neither refuses
    a small sheet nor lets a big one through: the gate counts the cells."""
    write_xlsx(
        {"header": ["工作任务", "牵头单位", "责任单位"], "body": [{"cells": ["公开。", "甲", "乙"]}]},
        tmp_path / "a.xlsx",
    )
    data = _rewrite(
        tmp_path / "a.xlsx", SHEET, lambda xml: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml)
    )
    st = read_xlsx(data, "大表.xlsx")
    assert [[c.text for c in row.cells] for row in st.body] == [["公开。", "甲", "乙"]]


def test_xlsx_cells_beyond_50_columns_are_refused(tmp_path):
    write_xlsx(
        {"header": ["工作任务", "牵头单位", "责任单位"], "body": [{"cells": ["公开。", "甲", "乙"]}]},
        tmp_path / "a.xlsx",
    )
    far = '<row r="3"><c r="BZ3" t="inlineStr"><is><t>x</t></is></c></row>'
    data = _rewrite(tmp_path / "a.xlsx", SHEET, lambda xml: xml.replace("</sheetData>", far + "</sheetData>"))
    assert refusal("xlsx", data, "大表.xlsx") == "「大表.xlsx」: 工作表「任务分工」有 78 列,超过 50 列的上限"


def test_xlsx_with_more_rows_than_its_dimension_says_is_still_refused(tmp_path):
    write_xlsx(
        {"header": ["工作任务", "牵头单位", "责任单位"], "body": [{"cells": ["公开。", "甲", "乙"]}]},
        tmp_path / "a.xlsx",
    )
    extra = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r in range(3, 20_006))
    data = _rewrite(tmp_path / "a.xlsx", SHEET, lambda xml: xml.replace("</sheetData>", extra + "</sheetData>"))
    assert (
        refusal("xlsx", data, "大表.xlsx")
        == "「大表.xlsx」: 工作表「任务分工」超过 20000 行的上限(读到第 20001 行时停止),未读取"
    )


def test_html_undecodable_is_refused():
    assert (
        refusal("html", b"<p>\x80\xff</p>", "乱码.html")
        == "「乱码.html」: 无法识别网页的文字编码(既不是 UTF-8,也不是 GBK/GB18030)"
    )


def test_html_nested_deeper_than_the_parser_reads_is_refused():
    page = "<div>" * 300 + "x" + "</div>" * 300 + TABLE
    assert (
        refusal("html", _page(page).encode("utf-8"), "深.html")
        == "「深.html」: 网页的嵌套超过 256 层的上限(文件可能是恶意构造的),未读取"
    )


# -- layering -----------------------------------------------------------------------------


def test_readers_import_no_ui_store_or_workbook_code():
    code = (
        "import sys; import tui.source.readers.docx, tui.source.readers.xlsx, tui.source.readers.html, "
        "tui.source.readers.grid; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'typer', 'openpyxl') "
        "or m.startswith(('tui.store', 'tui.app', 'tui.workbook'))]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    for name in ("docx", "html", "grid"):
        assert "openpyxl" not in (ROOT / "tui/source/readers" / f"{name}.py").read_text(encoding="utf-8")


# -- property: any grid comes back as written ---------------------------------------------

# No character of any header word (a body row must never read as a header), no "=" (a
# formula in a sheet), no blanks but the single spaces the words are joined with.
CHARS = (
    "公开政策信息规划网站发布解读完善建设推进落实平台数据服管理标准目录栏集中展示动态更新报告咨询答复热线"
    "ABCxyz0123，。、：；（）《》“”！？()-.:,/&<>'\""
)
WORDS = hs.text(alphabet=CHARS, min_size=1, max_size=6)
PARAGRAPH = hs.lists(WORDS, min_size=1, max_size=3).map(" ".join)
TEXT = hs.lists(PARAGRAPH, min_size=1, max_size=3).map("\n".join)
UNITS = (LEAD, RESP, COOP)


@hs.composite
def grids(draw):
    """(spec, expected body): columns from the header words, rowspans in the unit columns."""
    units = draw(hs.lists(hs.sampled_from(UNITS), min_size=1, max_size=3, unique=True))
    others = draw(hs.lists(hs.sampled_from((SEQ, DEADLINE, REQUIREMENT)), max_size=2, unique=True))
    roles = draw(hs.permutations([TASK, *units, *others]))
    header = [draw(hs.sampled_from(HEADER_WORDS[r])) for r in roles]
    n = draw(hs.integers(1, 6))
    runs = []  # per column: list of (first row, length, text)
    for role in roles:
        if role in UNITS:
            cuts = sorted(draw(hs.sets(hs.integers(1, n - 1), max_size=n - 1))) if n > 1 else []
            bounds = [0, *cuts, n]
            runs.append([(a, b - a, draw(TEXT | hs.just(""))) for a, b in zip(bounds, bounds[1:])])
        else:
            runs.append([(i, 1, draw(TEXT if role == TASK else TEXT | hs.just(""))) for i in range(n)])
    crossing = {i for col in runs for a, length, _ in col for i in range(a + 1, a + length)}
    body, expected = [], []
    for i in range(n):
        if i not in crossing and draw(hs.booleans()):
            heading = "一、" + draw(PARAGRAPH)
            body.append({"heading": heading})
            expected.append(("标题", heading))
        cells, row = [], []
        for j, col in enumerate(runs):
            a, length, text = next(run for run in col if run[0] <= i < run[0] + run[1])
            if a == i:
                cells.append({"text": text, "rowspan": length} if length > 1 else {"text": text})
            row.append((text or None, (j, a), a == i))
        body.append({"cells": cells})
        expected.append(row)
    return {"header": header, "body": body}, expected


def _same_grid(got: SourceTable, spec: dict, expected: list) -> None:
    assert [c.header for c in got.columns] == spec["header"]
    assert len(got.body) == len(expected)
    seen: dict = {}
    for b, e in zip(got.body, expected):
        if isinstance(e, tuple):
            assert isinstance(b, Heading) and b.text == e[1]
            continue
        assert isinstance(b, GridRow)
        for cell, start, (text, run, first) in zip(b.cells, b.starts, e, strict=True):
            assert (cell.text if cell else None) == text
            assert start == first
            if cell is not None:
                assert seen.setdefault(run, cell) is cell  # one object for the whole run …
                assert sum(v is cell for v in seen.values()) == 1  # … and only for it


PROPERTY = settings(  # 15 grids a format (25 until the test run had to fit in 5 minutes, #24)
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(grid=grids(), style=hs.sampled_from(["row", "paragraph"]))
def test_any_grid_reads_back_as_written(fmt, grid, style, tmp_path):
    spec, expected = grid
    if fmt == "docx":
        spec = dict(spec, heading_style=style)
    path = tmp_path / f"随机.{fmt}"
    WRITERS[fmt](spec, path, **({"paragraphs": "p" if style == "paragraph" else "br"} if fmt == "html" else {}))
    _same_grid(READERS[fmt](path.read_bytes(), path.name), spec, expected)
