"""PDF breakdowns with a text layer: a ruled table (merged cells included) and a prose document,
each printed to PDF by LibreOffice from a Word file and read back to the Word file's rows; a
scan without text and a damaged file are refused, saying what they are."""

from __future__ import annotations

import os
import shutil
import subprocess

import opencc
import pytest
from docx import Document as WordDocument

from tests.conftest import ROOT, soffice_profile
from tests.source.grid_writers import write_docx
from tui.source import ParseError, read_document

# under xdist (addopts), one worker runs this module: its module-scoped fixture is built once
pytestmark = pytest.mark.xdist_group("source_pdf")

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TABLE = {
    "preamble": [
        "重庆市某区人民政府办公室关于印发2026年政务公开工作要点任务分工的通知",
        "某府办发〔2026〕3号",
        "重庆市某区人民政府办公室",
        "2026年3月1日",
        "2026年政务公开工作要点任务分工",
    ],
    "header": ["工作任务", "牵头单位", "责任单位", "完成时限"],
    "body": [
        {"heading": "一、推进政策公开"},
        {
            "cells": [
                "1.公开财政预算，及时发布本部门预算、决算及“三公”经费情况，接受社会监督，"
                "并在政府网站集中公开。\n2.公开决算。",
                {"text": "区财政局", "rowspan": 2},
                "区政府各部门",
                "2026年6月底前",
            ]
        },
        {"cells": ["发布解读材料。", "区发展改革委、区民政局、区人力社保局、区住房城乡建委、区交通局", "长期坚持"]},
        {"heading": "二、回应关切"},
        {"cells": ["做好舆情回应。", "区委网信办", "各镇街", "持续推进"]},
    ],
}


to_traditional = opencc.OpenCC("s2t").convert
TRAD_TABLE = {  # TABLE in traditional characters (a file whose script shows only once it is read)
    **TABLE,
    "preamble": [to_traditional(t) for t in TABLE["preamble"]],
    "header": [to_traditional(t) for t in TABLE["header"]],
    "body": [
        {"heading": to_traditional(e["heading"])}
        if "heading" in e
        else {
            "cells": [
                {**c, "text": to_traditional(c["text"])} if isinstance(c, dict) else to_traditional(c)
                for c in e["cells"]
            ]
        }
        for e in TABLE["body"]
    ],
}


def signature(doc):
    return (
        doc.number,
        doc.title,
        doc.table_title,
        doc.issued,
        doc.issuer,
        [
            (
                r.id,
                r.lead_units,
                r.responsible_units,
                r.cooperating_units,
                r.deadline_text,
                [(i.label, i.text) for i in r.items],
            )
            for r in doc.rows
        ],
    )


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The table document and the prose corpus document, as Word files and as PDFs."""
    if SOFFICE is None:
        pytest.fail(
            "LibreOffice (soffice) is not installed: `apt-get install libreoffice-writer-nogui "
            "fonts-noto-cjk` (.ci/run does this)",
            pytrace=False,
        )
    folder = tmp_path_factory.mktemp("pdf")
    table = write_docx(TABLE, folder / "table.docx")
    prose = folder / "prose.docx"
    word = WordDocument()
    for line in (ROOT / "tests/data/documents/prose-district-2026.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            word.add_paragraph(line)
    word.save(prose)
    from benchmarks.reading import _word_table

    long = _word_table(folder / "long.docx", 24)  # ruled, rows cut by page breaks
    # both in traditional characters: a PDF's script shows in its text layer only
    trad_table = write_docx(TRAD_TABLE, folder / "table-trad.docx")
    trad_prose = folder / "prose-trad.docx"
    word = WordDocument()
    for line in (ROOT / "tests/data/documents/prose-district-2026.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            word.add_paragraph(to_traditional(line))
    word.save(trad_prose)
    env = {**os.environ, "HOME": str(folder / "lo-home")}
    subprocess.run(
        [
            SOFFICE,
            soffice_profile(folder / "lo-profile"),
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(table),
            str(prose),
            str(long),
            str(trad_table),
            str(trad_prose),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env=env,
    )
    return folder


@pytest.mark.parametrize("name", ["table", "prose", "long", "table-trad", "prose-trad"])
def test_a_pdf_printed_from_a_word_file_reads_as_the_word_file(printed, name):
    word = read_document((printed / f"{name}.docx").read_bytes(), f"{name}.docx")
    pdf = read_document((printed / f"{name}.pdf").read_bytes(), f"{name}.pdf")
    assert signature(pdf) == signature(word)
    assert len(pdf.rows) >= 3


def test_a_pdf_table_merged_cell_is_one_lead_for_both_rows(printed):
    doc = read_document((printed / "table.pdf").read_bytes(), "table.pdf")
    assert [r.lead_units for r in doc.rows] == [["区财政局"], ["区财政局"], ["区委网信办"]]
    assert doc.rows[1].responsible_units == ["区发展改革委", "区民政局", "区人力社保局", "区住房城乡建委", "区交通局"]


MINIMAL = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_a_scan_without_text_is_refused_saying_it_is_a_scan():
    with pytest.raises(ParseError) as info:
        read_document(MINIMAL, "扫描件.pdf")
    assert "扫描件" in str(info.value) and "template" in str(info.value)


def test_a_damaged_pdf_is_refused_naming_the_file():
    with pytest.raises(ParseError) as info:
        read_document(b"%PDF-1.4\n" + b"\x00garbage" * 50, "坏.pdf")
    assert "坏.pdf" in str(info.value) and "不是有效的 PDF 文件" in str(info.value)
    assert not any("a" <= c.lower() <= "z" for c in str(info.value).replace("PDF", "").replace(".pdf", ""))


def test_a_row_cut_by_a_page_break_is_one_row(printed):
    from benchmarks.reading import pdf_pages

    assert pdf_pages(printed / "long.pdf") >= 3
    doc = read_document((printed / "long.pdf").read_bytes(), "long.pdf")
    assert len(doc.rows) == 24
    assert all(r.items[0].text.endswith("财政信息)。") for r in doc.rows)
    assert any(n.kind == "row_continued" for n in doc.notes)
