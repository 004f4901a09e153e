"""The page of an office's notice after GB/T 9704, shared by every Word file we issue (the
任务分工 of breakdown_docx.py, the 催办通知 and the 情况通报 of supervision_docx.py): A4
portrait, margins 37 / 35 / 28 / 26 mm (top, bottom, left, right), title 方正小标宋简体
22 pt, body 仿宋_GB2312 16 pt (the East Asian font named in each run, so Word, WPS and
LibreOffice substitute an installed one), headings 黑体, page numbers `— N —` at the foot;
the red 发文机关 line, the title, 主送, the body paragraphs and the signature with its date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..atomic import replacing

TITLE_FONT, BODY_FONT, HEADING_FONT, NUMBER_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "宋体"
TITLE_PT, BODY_PT, TABLE_PT = 22, 16, 12


def font(run, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def paragraph(
    doc,
    text: str,
    font_name: str = BODY_FONT,
    size: float = BODY_PT,
    align=None,
    indent: bool = False,
    bold: bool = False,
    space_after: float = 0,
):
    from docx.shared import Pt

    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(space_after)
    fmt.line_spacing = Pt(28.95)  # 22 lines a page (GB/T 9704)
    if align is not None:
        p.alignment = align
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    font(p.add_run(text), font_name, size, bold)
    return p


def _page_number_footer(section) -> None:
    """`— N —`, centred, 宋体 14 pt, the number a PAGE field the program fills in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(p.add_run("— "), NUMBER_FONT, 14)
    run = p.add_run()
    font(run, NUMBER_FONT, 14)

    def field_char(kind: str) -> None:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._element.append(char)

    def text_of(tag: str, text: str) -> None:
        element = OxmlElement(tag)
        element.set(qn("xml:space"), "preserve")
        element.text = text
        run._element.append(element)

    field_char("begin")
    text_of("w:instrText", " PAGE ")
    field_char("separate")
    text_of("w:t", "1")
    field_char("end")
    font(p.add_run(" —"), NUMBER_FONT, 14)


def new_document(title: str):
    """An empty A4 portrait document with the margins and page numbers of GB/T 9704."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    doc = Document()
    doc.core_properties.title = title
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _page_number_footer(section)
    return doc


def head(doc, issuer: str, number_line: str | None, title: str, addressees: str, body: tuple[str, ...]) -> None:
    """The red 发文机关 line, the 文号 line for the office to fill (None: no 文号), the title,
    主送 and the body paragraphs (each indented two characters)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    centre = WD_ALIGN_PARAGRAPH.CENTER
    mark = paragraph(doc, issuer, TITLE_FONT, 26, centre, space_after=12)
    for run in mark.runs:
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)  # the red 发文机关标志
    if number_line is not None:
        paragraph(doc, number_line, align=centre, space_after=12)
    paragraph(doc, title, TITLE_FONT, TITLE_PT, centre, space_after=12)
    if addressees:
        paragraph(doc, f"{addressees.rstrip(':').rstrip('：')}:")
    for text in body:
        paragraph(doc, text, indent=True)


def signature(doc, issuer: str, signed: dt.date) -> None:
    """The issuer and the date, right-aligned, after an empty line."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    right = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph(doc, "")
    paragraph(doc, issuer, align=right)
    paragraph(doc, f"{signed.year}年{signed.month}月{signed.day}日", align=right)


def repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def cell_text(cell, text: str, bold: bool = False, font_name: str = BODY_FONT) -> None:
    from docx.shared import Pt

    lines = text.split("\n") if text else [""]
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
        font(p.add_run(line), font_name, TABLE_PT, bold)


def grid_table(doc, headers: tuple[str, ...], widths_cm: tuple[float, ...]):
    """A bordered table of fixed column widths whose header row (黑体, centred) repeats on
    every page; rows are added with `add_cells`."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)  # the grid: LibreOffice lays the table out by it, Word by the cells
    for cell, text, width in zip(table.rows[0].cells, headers, widths_cm):
        cell.width = Cm(width)
        cell_text(cell, text, bold=True, font_name=HEADING_FONT)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    repeat_header(table.rows[0])
    return table


def add_cells(table, values, widths_cm: tuple[float, ...]) -> None:
    from docx.shared import Cm

    for cell, text, width in zip(table.add_row().cells, values, widths_cm):
        cell.width = Cm(width)
        cell_text(cell, text)


def save(doc, path: Path) -> Path:
    """Saved through a temporary file beside `path` (never half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path, ".tmp.docx") as tmp:
        doc.save(str(tmp))
    return path
