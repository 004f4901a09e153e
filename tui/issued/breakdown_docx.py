"""A unit's own 任务分工 as a Word notice (issue #25 item 2), the shape offices issue: 发文机关,
a 文号 line for the office to fill, the title `关于印发…任务分工的通知`, 主送, a short body,
the signature and date, then 附件 — the table 工作任务 | 具体要求 | 牵头单位 | 责任单位 | 完成时限 (配合单位 before 完成时限 when a row has one)
with its header repeated on every page and each 一、/(一) heading a row across the table.

Page layout after GB/T 9704: A4 portrait, margins 37 / 35 / 28 / 26 mm (top, bottom, left,
right), title 方正小标宋简体 22 pt, body 仿宋_GB2312 16 pt (fallbacks named in the font table
so Word, WPS and LibreOffice substitute an installed one), 附件 label 黑体, page numbers
`— N —` at the foot. The table reads back with `gongkai-tui load` as exactly these rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import replacing

TITLE_FONT, BODY_FONT, HEADING_FONT, NUMBER_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "宋体"
TITLE_PT, BODY_PT, TABLE_PT = 22, 16, 12
HEADERS = ("序号", "工作任务", "具体要求", "牵头单位", "责任单位", "完成时限")
WIDTHS_CM = (1.0, 5.4, 3.4, 2.2, 2.5, 2.2)  # 16.7 cm: A4 less the margins
# With 配合单位 (only when some row has one): the task and requirement columns give it room.
COOP_HEADERS = ("序号", "工作任务", "具体要求", "牵头单位", "责任单位", "配合单位", "完成时限")
COOP_WIDTHS_CM = (1.0, 4.6, 2.8, 2.1, 2.2, 2.0, 2.0)
BODY = (
    "现将《{table}》印发给你们,请结合实际认真抓好落实。各单位要对照任务分工,细化工作措施,"
    "明确责任科室和责任人,按时限完成;完成情况请于每季度末前报送{issuer}。",
)


@dataclass
class IssuedRow:
    """One row of the table: a task and who does it, under its 一、 and (一) headings."""

    task: str
    requirement: str = ""
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline: str = ""
    section: str = ""  # `一、加强政策解读`: a row across the table before the first row under it
    subsection: str = ""  # `(一)规范解读流程`
    cooperating: list[str] = field(default_factory=list)
    ref: str = ""  # the upper item (`1.1.3-1`) or step (`1.1.3-1.2`) it comes from


@dataclass
class IssuedBreakdown:
    issuer: str  # 发文机关 and signature: 渝中区人民政府办公室
    unit: str  # whose breakdown it is: 渝中区
    year: int
    rows: list[IssuedRow]
    addressees: str = ""  # 主送: 区政府各部门,各街道办事处
    signed: dt.date | None = None
    body: tuple[str, ...] = BODY
    upper_document: str = ""  # the document the rows come from (its 文号, or 《title》)

    @property
    def table_title(self) -> str:
        return f"{self.unit}{self.year}年政务公开工作任务分工"

    @property
    def title(self) -> str:
        return f"关于印发{self.table_title}的通知"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(
    doc,
    text: str,
    font: str = BODY_FONT,
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
    _font(p.add_run(text), font, size, bold)
    return p


def _page_number_footer(section) -> None:
    """`— N —`, centred, 宋体 14 pt, the number a PAGE field the program fills in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), NUMBER_FONT, 14)
    run = p.add_run()
    _font(run, NUMBER_FONT, 14)

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
    _font(p.add_run(" —"), NUMBER_FONT, 14)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _cell_text(cell, text: str, bold: bool = False, font: str = BODY_FONT) -> None:
    from docx.shared import Pt

    lines = text.split("\n") if text else [""]
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
        _font(p.add_run(line), font, TABLE_PT, bold)


def _table(doc, rows: list[IssuedRow]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    coop = any(r.cooperating for r in rows)
    headers, widths = (COOP_HEADERS, COOP_WIDTHS_CM) if coop else (HEADERS, WIDTHS_CM)
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)  # the grid: LibreOffice lays the table out by it, Word by the cells
    for cell, text, width in zip(table.rows[0].cells, headers, widths):
        cell.width = Cm(width)
        _cell_text(cell, text, bold=True, font=HEADING_FONT)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _repeat_header(table.rows[0])
    section: str | None = None
    subsection: str | None = None
    n = 0
    for row in rows:
        for heading, current in ((row.section, section), (row.subsection, subsection)):
            if heading and heading != current:
                cells = table.add_row().cells
                merged = cells[0].merge(cells[-1])
                _cell_text(merged, heading, bold=True, font=HEADING_FONT)
        if row.section != section:
            section, subsection = row.section, None
        subsection = row.subsection or subsection
        n += 1
        units = ["、".join(row.lead), "、".join(row.responsible)] + (["、".join(row.cooperating)] if coop else [])
        values = (str(n), row.task, row.requirement, *units, row.deadline)
        for cell, text, width in zip(table.add_row().cells, values, widths):
            cell.width = Cm(width)
            _cell_text(cell, text)


def write_breakdown_docx(issued: IssuedBreakdown, path: Path) -> Path:
    """Write the notice with its 附件 table to `path` (through a temporary file)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm, RGBColor

    doc = Document()
    doc.core_properties.title = issued.table_title
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _page_number_footer(section)
    centre = WD_ALIGN_PARAGRAPH.CENTER

    mark = _paragraph(doc, issued.issuer, TITLE_FONT, 26, centre, space_after=12)
    for run in mark.runs:
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)  # the red 发文机关标志
    _paragraph(doc, f"〔{issued.year}〕　　号", align=centre, space_after=12)  # the office fills in its 文号
    _paragraph(doc, issued.title, TITLE_FONT, TITLE_PT, centre, space_after=12)
    if issued.addressees:
        _paragraph(doc, f"{issued.addressees.rstrip(':').rstrip('：')}:")
    for text in issued.body:
        _paragraph(doc, text.format(table=issued.table_title, issuer=issued.issuer, unit=issued.unit), indent=True)
    _paragraph(doc, "")
    _paragraph(doc, f"附件:{issued.table_title}", indent=True)
    _paragraph(doc, "")
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph(doc, issued.issuer, align=right)
    signed = issued.signed or dt.date.today()
    _paragraph(doc, f"{signed.year}年{signed.month}月{signed.day}日", align=right)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    _paragraph(doc, "附件", HEADING_FONT, BODY_PT)
    _paragraph(doc, issued.table_title, TITLE_FONT, TITLE_PT, centre, space_after=12)
    _table(doc, issued.rows)

    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path, ".tmp.docx") as tmp:
        doc.save(str(tmp))
        if issued.upper_document:  # where each row comes from, for the roll-up (source/upper_link.py)
            from ..source.upper_link import properties
            from .custom_props import add_custom_properties

            add_custom_properties(
                tmp,
                properties([{"ref": r.ref, "text": r.task} for r in issued.rows], issued.upper_document, issued.unit),
            )
    return path
