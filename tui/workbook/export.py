"""Write the 任务清单 workbook for one unit (DESIGN.md §4)."""

from __future__ import annotations

import datetime as dt
from copy import copy
from dataclasses import dataclass, field

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break

from ..store import STATUSES, Entry
from ..store.documents import label
from . import measure
from .measure import MAX_ROW_POINTS
from .layout import (
    BASELINE_KEYS,
    BODY_FONT,
    FILL_HEADER,
    FILL_MISSING,
    FILL_OVERDUE,
    FIRST_DATA_ROW,
    FORM_LEGEND,
    FULL,
    HEADER_FONT,
    HEADER_ROW,
    INFO_ROW,
    MARK_MISSING,
    MARK_OVERDUE,
    MARK_TO_CONFIRM,
    OFFICE_PERSON,
    office_person_text,
    REASON_LABEL,
    TITLE_FONT,
    TITLE_ROW,
    Layout,
    report_title,
)
from .step_lines import full_step_values, step_values
from .step_sheet import step_row
from .text_cell import put_text

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass
class ChecklistData:
    """Everything the exporter needs, gathered by the caller from the store."""

    unit: str  # as the user named it (渝中区)
    unit_key: str  # the catalogue name progress is kept under
    document: dict
    entries: list[Entry]
    evidence: dict[str, list[dict]]  # item id → evidence records
    as_of: dt.date
    exported_at: dt.datetime
    version: str
    section_titles: dict[str, str] = field(default_factory=dict)  # id → title with its numeral
    database_id: str | None = None  # which working database wrote it (None before its first write)
    database_version: int = 0  # that database's newest history line when it was exported
    written: list[list[str]] = field(default_factory=list)  # per line, the imported columns as written
    steps: dict[str, list[dict]] = field(default_factory=dict)  # item id → the unit's 细化 steps (Store.steps_of)
    step_written: list[list[str]] = field(default_factory=list)  # per step line, step_sheet.step_row


def set_text(cell, value: str | None, number_format: bool = True) -> None:
    """Write text as text: a value starting with = + - @ never becomes a formula."""
    cell.value = value if value else None
    if value:
        cell.data_type = "s"
        if number_format:
            cell.number_format = "@"


class _SharedStyle(StyleArray):
    """A cached style, never changed once built: its hash (which openpyxl takes for every
    cell it writes) is computed once. A copy of it is a plain StyleArray again."""

    _hash: int

    def __new__(cls, values: StyleArray) -> _SharedStyle:
        self = super().__new__(cls, values)
        self._hash = hash(tuple(self))
        return self

    # array declares itself unhashable (__hash__ = None); StyleArray, and so this, is hashable
    def __hash__(self) -> int:  # type: ignore[override]
        return self._hash


class Styles:
    """Cell styles built once and copied: assigning Font/Border objects to every cell
    makes openpyxl hash them each time, which dominates a 20,000-line export."""

    def __init__(self) -> None:
        self._cache: dict[tuple, object] = {}

    def apply(self, cell, key: tuple, share: bool = False, **attrs) -> None:
        """Style `cell` as `key` (built from `attrs` the first time). With `share`, the
        cell gets the cached style itself, not a copy: for streamed cells that are
        written before anything could change it."""
        cached = self._cache.get(key)
        if cached is None:
            cell._style = StyleArray()  # a reused cell may hold a shared style: never edit that
            for name, value in attrs.items():
                setattr(cell, name, value)
            self._cache[key] = _SharedStyle(cell._style)
        else:
            cell._style = cached if share else copy(cached)


def deadline_text(e: Entry) -> str:
    parts = []
    if e.deadline:
        d = dt.date.fromisoformat(e.deadline)
        parts.append(f"{d.year}年{d.month}月{d.day}日前")
    if e.relative_deadline:
        parts.append(e.relative_deadline)
    return ";".join(parts)


def note_text(e: Entry) -> str:
    lines = []
    if e.status == "不适用" and e.reason:
        lines.append(REASON_LABEL + e.reason)
    if e.note:
        lines.append(e.note)
    return "\n".join(lines)


def _row_values(seq: int, e: Entry, evidence: list[dict], task: str) -> dict[str, str]:
    paths = (
        "\n".join(f"{i}.{p}" for i, p in enumerate(e.disclosure_paths, 1))
        if len(e.disclosure_paths) > 1
        else "".join(e.disclosure_paths)
    )
    return {
        "seq": str(seq),
        "id": e.id,
        "task": task,
        "measure": e.full_text,
        "requirement": e.requirement or "",
        "paths": paths,
        "deadline": deadline_text(e),
        "lead": "、".join(e.lead_units),
        "responsible": "、".join(e.responsible_units)
        + (f"\n配合单位：{'、'.join(e.cooperating_units)}" if e.cooperating_units else ""),
        "office": e.office or "",
        "person": e.person or "",
        "status": e.status,
        "done_date": e.done_date or "",
        "evidence": "\n".join(r["value"] for r in evidence),
        "note": note_text(e),
    }


def _marked(values: dict[str, str], e: Entry, late: bool) -> dict[str, str]:
    """The cells as shown: the marks written out as words (a black-and-white printer loses
    the fills), 责任科室 and 责任人 in one cell for the 上报版."""
    shown = dict(values)
    shown[OFFICE_PERSON] = office_person_text(values["office"], values["person"])
    if late:
        shown["deadline"] = MARK_OVERDUE + ("\n" + values["deadline"] if values["deadline"] else "")
    if e.missing_evidence:
        shown["evidence"] = MARK_MISSING + ("\n" + values["evidence"] if values["evidence"] else "")
    if e.to_confirm:
        shown["measure"] = MARK_TO_CONFIRM + "\n" + values["measure"]
    return shown


# Page margins in inches (left, right, top, bottom) and where header and footer print.
MARGINS = (0.3, 0.3, 0.5, 0.6)
HEADER_MARGIN, FOOTER_MARGIN = 0.2, 0.25
PAGE_FOOTER = "第 &P 页 共 &N 页"
PAGE_SLACK = 8.0  # points of a page left unplanned: rounding in Excel, WPS and LibreOffice
BLANK = "＿＿＿＿＿＿＿＿"  # a line to fill by hand


@dataclass
class Signer:
    """The form's foot: who filled the table in, their phone, who checked it. Empty values
    leave a line to fill in by hand."""

    filled_by: str = ""
    phone: str = ""
    reviewer: str = ""

    def line(self) -> str:
        return (
            f"填报人：{self.filled_by or BLANK}　　联系电话：{self.phone or BLANK}　　审核人：{self.reviewer or BLANK}"
        )


def row_height(values: dict[str, str], widths: dict[str, float], size: float = 11.0) -> float:
    """Points a line needs so that every column shows all of its text, 工作任务 included."""
    heights = [measure.text_height(v, widths[k], size) for k, v in values.items() if v and k in widths]
    return min(MAX_ROW_POINTS, max(heights, default=measure.text_height("", 10, size)))


def _text_cell(ws, value: str | None, styles: Styles, key: tuple, **attrs) -> Cell:
    """A streamed cell holding text as text (never a formula), styled from the cache."""
    cell = WriteOnlyCell(ws)
    put_text(cell, value)  # already a str: openpyxl's type sniffing would turn "=1+1" into a formula
    styles.apply(cell, key, **attrs)
    return cell


def _stream_cells_only(ws) -> None:
    """Every row this sheet gets is a list of cells (None: no cell). openpyxl's write-only append first
    tries each cell as a plain value and catches the error; skip that detour (it is a
    third of a 20,000-line export). Falls back to openpyxl's own way if it changes."""
    if not hasattr(ws, "_values_to_row"):
        return

    def cells_to_row(cells, row_idx):
        for col_idx, cell in enumerate(cells, 1):
            if cell is None:  # a cell left out (nothing in it, no style)
                continue
            cell.column, cell.row = col_idx, row_idx
            if cell.hyperlink is not None:
                cell.hyperlink.ref = cell.coordinate
            yield cell

    ws._values_to_row = cells_to_row


def plan_pages(
    lines: list[tuple[float, str, str]],
    task_width: float | None,
    size: float,
    first_page: float,
    other_pages: float,
    capacity: float,
) -> tuple[list[float], list[int], list[tuple[int, int, str]]]:
    """Break `lines` (height, group key, heading) into pages of `capacity` points: the first
    starts at `first_page` points used, the others at `other_pages` (the repeated header).
    Each group's heading is written in the first line of each page the group is on (`（续）`
    after a break), in a cell of its own: no merged cell inside the lines, so that WPS,
    Excel and Calc sort and filter them. That line grows until the heading fits."""
    heights = [h for h, _, _ in lines]
    breaks: list[int] = []
    pieces: list[tuple[int, int, str]] = []
    need_of = (lambda text: measure.text_height(text, task_width, size)) if task_width else (lambda text: 0.0)
    used = first_page
    top = first_page  # used at the top of the current page
    start = 0
    text = ""

    def begin(i: int, heading: str) -> None:
        nonlocal start, text
        start, text = i, heading
        heights[i] = min(MAX_ROW_POINTS, max(heights[i], need_of(heading)))

    for i, (h, group, heading) in enumerate(lines):
        if i == 0 or group != lines[i - 1][1]:
            if i:
                pieces.append((start, i - 1, text))
            first = min(MAX_ROW_POINTS, max(h, need_of(heading)))
            if used + first > capacity and used > top:
                breaks.append(i)
                used = top = other_pages
            begin(i, heading)
        elif used + h > capacity and used > top:
            pieces.append((start, i - 1, text))
            breaks.append(i)
            used = top = other_pages
            begin(i, heading + "（续）")
        used += heights[i]
    if lines:
        pieces.append((start, len(lines) - 1, text))
    return heights, breaks, pieces


def _page_setup(
    ws,
    paper: str,
    orientation: str,
    scale: int | None = None,
    fit: tuple[int, int] | None = None,
    pages: int | None = None,
    continuous: bool = False,
) -> None:
    """Paper, margins and the page footer. Call before the first row streams (fit to page
    lives in the sheet's properties, written with the first row). `pages`: the page count
    the exporter planned, written out, because LibreOffice's &N counts every sheet's pages.
    `continuous` (the 上报版): numbered on from the sheet before, 第 &P 页 共 &N 页 of the
    whole print-out, counted by the spreadsheet itself."""
    ws.page_setup.paperSize = paper
    ws.page_setup.orientation = orientation
    if fit is not None:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = fit
    elif scale is not None:
        ws.page_setup.scale = scale
    if not continuous:
        ws.page_setup.firstPageNumber = 1
        ws.page_setup.useFirstPageNumber = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left, ws.page_margins.right, ws.page_margins.top, ws.page_margins.bottom = MARGINS
    ws.page_margins.header, ws.page_margins.footer = HEADER_MARGIN, FOOTER_MARGIN
    ws.oddFooter.center.text = PAGE_FOOTER if pages is None or continuous else PAGE_FOOTER.replace("&N", str(pages))
    ws.oddFooter.center.font = BODY_FONT
    ws.oddFooter.center.size = 11


def _checklist_sheet(ws, data: ChecklistData, layout: Layout = FULL, signer: Signer | None = None) -> None:
    """Streamed row by row (openpyxl's write-only mode): a 20,000-line export stays fast.
    Heights and page breaks are planned first, from the text of every column."""
    _stream_cells_only(ws)
    columns = layout.columns
    keys = [c.key for c in columns]
    widths = {c.key: c.width for c in columns}
    last = get_column_letter(len(columns))
    size = layout.body_size
    styles = Styles()
    signer = signer or Signer()

    page_w, page_h = measure.printable(layout.paper_mm, MARGINS)
    scale = measure.fitting_scale(sum(measure.column_points(c.width) for c in columns), page_w)
    capacity = page_h * 100 / scale - PAGE_SLACK
    table_w = sum(c.width for c in columns)

    # -- the lines, measured ---------------------------------------------------------
    lines: list[tuple[float, str, str]] = []
    shown_rows: list[dict[str, str]] = []
    flags: list[tuple[bool, bool, bool]] = []  # (overdue, 缺佐证, has a URL)
    links: list[str | None] = []
    measured = {k: w for k, w in widths.items() if k != "task"}
    for seq, e in enumerate(data.entries, 1):
        task = (
            f"{data.section_titles.get(e.section_id, e.section_title)}\n"
            f"{data.section_titles.get(e.subsection_id, e.subsection_title)}"
        )
        evidence = data.evidence.get(e.id, [])
        values = _row_values(seq, e, evidence, task)
        data.written.append([values[k] for k in BASELINE_KEYS])
        late = e.overdue(data.as_of)
        shown = _marked(values, e, late)
        urls = [r["value"] for r in evidence if r["kind"] == "url"]
        h = row_height({k: shown[k] for k in measured}, measured, size)
        lines.append((h, e.subsection_id, task))
        shown_rows.append(shown)
        # LibreOffice shows a hyperlinked cell as one unbroken field: not wrapped, new lines
        # lost. The cell links its URL only when it is the cell's one entry and fits on a
        # line; otherwise the entries are listed, wrapped, and 佐证材料清单 links each one.
        single = len(evidence) == 1 and urls and measure.text_lines(urls[0], widths["evidence"], size) == 1
        flags.append((late, e.missing_evidence, bool(single)))
        links.append(urls[0] if single else None)
        for step in data.steps.get(e.id, ()):
            step_shown = full_step_values(seq, step, task)
            data.step_written.append(step_row(e.id, step["number"], step_values(seq, step)))
            lines.append((row_height({k: step_shown[k] for k in measured}, measured, size), e.subsection_id, task))
            shown_rows.append(step_shown)
            flags.append((False, False, False))
            links.append(None)

    info = (
        f"填报单位：{data.unit}　　填报日期：{_cn_date(data.exported_at.date())}　　"
        f"依据：{label(data.document)}　　截至：{_cn_date(data.as_of)}"
    )
    title_h = 34.0
    info_h = measure.text_height(info, table_w, size)
    header_h = max(measure.text_height(c.header, c.width, layout.header_size) for c in columns)
    heights, breaks, pieces = plan_pages(
        lines, widths.get("task"), size, title_h + info_h + header_h, header_h, capacity
    )
    foot = [(FORM_LEGEND, ("legend",)), (signer.line(), ("signer",))]
    foot_h = [measure.text_height(text, table_w, size) + 4 for text, _ in foot]
    last_page = sum(heights[breaks[-1] :] if breaks else heights) + (
        header_h if breaks else title_h + info_h + header_h
    )
    foot_break = int(last_page + sum(foot_h) > capacity)  # the foot goes to a page of its own

    # -- written at the top of the sheet, so set before the first row is streamed -----
    for col, c in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(col)].width = c.width
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    # Printed at 100 % (or the scale that fits the width), one page wide: fit to width as
    # well, so that where a wider fallback font widens the columns the table shrinks a
    # little rather than splitting across pages.
    _page_setup(ws, layout.paper, "landscape", scale=scale, fit=(1, 0), pages=len(breaks) + 1 + foot_break)
    ws.row_dimensions[TITLE_ROW].height = title_h
    ws.row_dimensions[INFO_ROW].height = info_h
    ws.row_dimensions[HEADER_ROW].height = header_h
    for i, h in enumerate([*heights, *foot_h]):
        ws.row_dimensions[FIRST_DATA_ROW + i].height = h

    ws.append(
        [
            _text_cell(
                ws,
                report_title(data.unit, data.document),
                styles,
                ("title",),
                font=Font(name=TITLE_FONT, size=18),
                alignment=CENTER,
            )
        ]
    )
    ws.merged_cells.add(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    ws.append(
        [
            _text_cell(
                ws,
                info,
                styles,
                ("info",),
                font=Font(name=BODY_FONT, size=size),
                alignment=Alignment(vertical="center", wrap_text=True),
            )
        ]
    )
    ws.merged_cells.add(f"A{INFO_ROW}:{last}{INFO_ROW}")
    header = {
        "font": Font(name=HEADER_FONT, bold=True, size=layout.header_size),
        "alignment": CENTER,
        "border": BORDER,
        "fill": PatternFill("solid", fgColor=FILL_HEADER),
        "number_format": "@",
    }
    ws.append([_text_cell(ws, c.header, styles, ("header",), **header) for c in columns])

    body = Font(name=BODY_FONT, size=size)
    link = Font(name=BODY_FONT, size=size, color="0563C1", underline="single")
    overdue = PatternFill("solid", fgColor=FILL_OVERDUE)
    missing = PatternFill("solid", fgColor=FILL_MISSING)
    centred = {"seq", "id", "status", "done_date"}
    headings = {first: text for first, _, text in pieces}
    pool = [WriteOnlyCell(ws) for _ in keys]
    for i, shown in enumerate(shown_rows):
        late, lacking, linked = flags[i]
        shown["task"] = headings.get(i, "")  # in the first line of each piece only
        for col, key in enumerate(keys):
            fill = overdue if key == "deadline" and late else (missing if key == "evidence" and lacking else None)
            font = link if key == "evidence" and linked else body
            # One cell object per column, reused row after row: a streamed row is written
            # out as soon as it is appended.
            cell = pool[col]
            value = shown[key]
            put_text(cell, value)
            styles.apply(
                cell,
                (key in centred, fill is overdue, fill is missing, font is link),
                share=True,
                font=font,
                alignment=CENTER if key in centred else WRAP_TOP,
                border=BORDER,
                number_format="@",
                **({"fill": fill} if fill is not None else {}),
            )
            cell.hyperlink = links[i] if key == "evidence" and linked else None
        ws.append(pool)
    # Assigned at once: RowBreak.append re-checks every break already there (quadratic).
    page_breaks = [Break(id=FIRST_DATA_ROW + i - 1) for i in breaks]

    # -- the form's foot: what the marks mean, who filled it in ------------------------
    foot_row = FIRST_DATA_ROW + len(shown_rows)
    if foot_break:
        page_breaks.append(Break(id=foot_row - 1))
    ws.row_breaks.brk = tuple(page_breaks)
    for offset, (text, style_key) in enumerate(foot):
        ws.append(
            [
                _text_cell(
                    ws,
                    text,
                    styles,
                    style_key,
                    font=Font(name=BODY_FONT, size=size),
                    alignment=Alignment(vertical="center", wrap_text=True),
                )
            ]
        )
        ws.merged_cells.add(f"A{foot_row + offset}:{last}{foot_row + offset}")

    last_row = max(FIRST_DATA_ROW + len(shown_rows) - 1, FIRST_DATA_ROW)
    status_col = get_column_letter(keys.index("status") + 1)
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="完成情况",
        error="请从下拉列表中选择：" + "、".join(STATUSES),
    )
    dv.add(f"{status_col}{FIRST_DATA_ROW}:{status_col}{last_row}")
    ws.data_validations.append(dv)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
