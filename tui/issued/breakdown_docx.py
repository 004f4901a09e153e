"""A unit's own 任务分工 as a Word notice (issue #25 item 2), the shape offices issue: 发文机关,
a 文号 line for the office to fill, the title `关于印发…任务分工的通知`, 主送, a short body,
the signature and date, then 附件 — the table 工作任务 | 具体要求 | 牵头单位 | 责任单位 | 完成时限 (配合单位 before 完成时限 when a row has one)
with its header repeated on every page and each 一、/(一) heading a row across the table.

Page layout after GB/T 9704 (gbt9704.py, shared with the 催办通知 and 情况通报): A4 portrait,
margins 37 / 35 / 28 / 26 mm, title 方正小标宋简体 22 pt, body 仿宋_GB2312 16 pt, 附件 label
黑体, page numbers `— N —` at the foot. The table reads back with `gongkai-tui load` as exactly these rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import replacing
from .gbt9704 import BODY_PT, HEADING_FONT, TITLE_FONT, TITLE_PT, add_cells, cell_text, grid_table, head, new_document
from .gbt9704 import paragraph as _paragraph
from .gbt9704 import signature

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

    def filled(self, text: str) -> str:
        """`{table}`, `{issuer}`, `{unit}` filled in, as words: other braces stay as written."""
        return text.replace("{table}", self.table_title).replace("{issuer}", self.issuer).replace("{unit}", self.unit)

    @property
    def title(self) -> str:
        return f"关于印发{self.table_title}的通知"


def _table(doc, rows: list[IssuedRow]) -> None:
    coop = any(r.cooperating for r in rows)
    headers, widths = (COOP_HEADERS, COOP_WIDTHS_CM) if coop else (HEADERS, WIDTHS_CM)
    table = grid_table(doc, headers, widths)
    section: str | None = None
    subsection: str | None = None
    n = 0
    for row in rows:
        for heading, current in ((row.section, section), (row.subsection, subsection)):
            if heading and heading != current:
                cells = table.add_row().cells
                merged = cells[0].merge(cells[-1])
                cell_text(merged, heading, bold=True, font_name=HEADING_FONT)
        if row.section != section:
            section, subsection = row.section, None
        subsection = row.subsection or subsection
        n += 1
        units = ["、".join(row.lead), "、".join(row.responsible)] + (["、".join(row.cooperating)] if coop else [])
        add_cells(table, (str(n), row.task, row.requirement, *units, row.deadline), widths)


def write_breakdown_docx(issued: IssuedBreakdown, path: Path) -> Path:
    """Write the notice with its 附件 table to `path` (through a temporary file)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    doc = new_document(issued.table_title)
    body = tuple(issued.filled(t) for t in issued.body)
    # 〔year〕　　号: the office fills in its 文号
    head(doc, issued.issuer, f"〔{issued.year}〕　　号", issued.title, issued.addressees, body)
    _paragraph(doc, "")
    _paragraph(doc, f"附件:{issued.table_title}", indent=True)
    signature(doc, issued.issuer, issued.signed or dt.date.today())
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    _paragraph(doc, "附件", HEADING_FONT, BODY_PT)
    _paragraph(doc, issued.table_title, TITLE_FONT, TITLE_PT, WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
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
