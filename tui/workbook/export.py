"""Write the 任务清单 workbook for one unit (DESIGN.md §4)."""

from __future__ import annotations

import datetime as dt
from copy import copy
from dataclasses import dataclass, field

from openpyxl.chart import BarChart, Reference
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
    ABOUT_KEYS,
    BASELINE_HEADERS,
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
from .layout import BASELINE_EXTRA_HEADERS, BASELINE_UNIT_LABEL, BASELINE_UPPER_LABEL, UPPER_ABOUT
from .step_lines import evidence_lines, full_step_values, step_values
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


def section_stats(entries: list[Entry], as_of: dt.date, titles: dict[str, str]) -> list[list]:
    """Rows of the statistics sheet: per section and in total."""
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        groups.setdefault(e.section_id, []).append(e)
    out = []
    for sid, group in [*groups.items(), ("", entries)]:
        counts = [sum(e.status == s for e in group) for s in STATUSES]
        applicable = len(group) - counts[STATUSES.index("不适用")]
        done = counts[STATUSES.index("已完成")]
        out.append(
            [
                titles.get(sid, "合计") if sid else "合计",
                len(group),
                *counts,
                round(done / applicable, 4) if applicable else 0,
                sum(e.overdue(as_of) for e in group),
                sum(e.missing_evidence for e in group),
            ]
        )
    return out


def _stats_sheet(ws, data: ChecklistData, continuous: bool = False) -> None:
    """Per section and in total, and a bar chart of the sections in document order; the
    table and the chart print together on one A4 landscape page."""
    styles = Styles()
    headers = ["章节", "条目数", *STATUSES, "完成率", "逾期", "缺佐证"]
    ws.column_dimensions["A"].width = 44
    for col in range(2, len(headers) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 10
    rows = section_stats(data.entries, data.as_of, data.section_titles)
    _page_setup(ws, "9", "landscape", fit=(1, 1), pages=1, continuous=continuous)
    ws.row_dimensions[1].height = 20
    for i, values in enumerate(rows, 2):
        ws.row_dimensions[i].height = measure.text_height(values[0], 44, 11)
    ws.append(
        [
            _text_cell(
                ws,
                h,
                styles,
                ("header",),
                font=Font(name=HEADER_FONT, bold=True, size=11),
                alignment=CENTER,
                border=BORDER,
                fill=PatternFill("solid", fgColor=FILL_HEADER),
            )
            for h in headers
        ]
    )
    for values in rows:
        total = values[0] == "合计"
        cells = []
        for col, v in enumerate(values, 1):
            font = Font(name=BODY_FONT, bold=total, size=11)
            if isinstance(v, str):
                cell = _text_cell(ws, v, styles, ("text", total), border=BORDER, font=font, alignment=WRAP_TOP)
            else:
                cell = WriteOnlyCell(ws, value=v)
                percent = headers[col - 1] == "完成率"
                styles.apply(
                    cell,
                    ("number", total, percent),
                    border=BORDER,
                    font=font,
                    number_format="0.0%" if percent else "General",
                )
            cells.append(cell)
        ws.append(cells)
    if len(rows) > 1:
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = "各章节完成情况"
        chart.y_axis.title = "条目数"
        # A bar chart draws its first category at the bottom: reversed, the sections read
        # top to bottom in document order, as in the table above.
        chart.x_axis.scaling.orientation = "maxMin"
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.add_data(
            Reference(ws, min_col=3, max_col=2 + len(STATUSES), min_row=1, max_row=len(rows)), titles_from_data=True
        )
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(rows)))
        chart.height, chart.width = max(7.0, 1.2 * len(rows)), 24
        ws.add_chart(chart, f"A{len(rows) + 3}")


def _evidence_sheet(ws, data: ChecklistData, continuous: bool = False) -> None:
    """Every evidence entry on a line of its own, each URL a hyperlink of its own (a cell of
    任务清单 can hold one hyperlink only, and LibreOffice does not wrap one). In the 上报版
    (`continuous`) a file is shown by its title or name: no local path on paper."""

    _stream_cells_only(ws)
    styles = Styles()
    widths = (9, 6, 120)
    size = 10.5
    for col, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = w
    # The 上报版 names the line by its 序号 (no 编号 on paper), the 完整版 by its 编号.
    rows = [
        (str(seq) if continuous else e.id, r)
        for seq, e in enumerate(data.entries, 1)
        for r in data.evidence.get(e.id, [])
    ]
    first = "序号" if continuous else "编号"
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.row_dimensions[1].height = measure.text_height("编号", widths[0], size)
    shown = [evidence_lines([r])[0] if continuous else r["value"] for _, r in rows]
    for i, text in enumerate(shown, 2):
        ws.row_dimensions[i].height = measure.text_height(text, widths[2], size)
    head = {
        "font": Font(name=HEADER_FONT, bold=True, size=size),
        "alignment": CENTER,
        "border": BORDER,
        "fill": PatternFill("solid", fgColor=FILL_HEADER),
    }
    _page_setup(ws, "9", "landscape", fit=(1, 0), continuous=continuous)
    if not continuous:
        ws.oddFooter.center.text = "&A　第 &P 页"  # LibreOffice's page count (&N) would count every sheet
    ws.append([_text_cell(ws, h, styles, ("header",), **head) for h in (first, "类型", "佐证材料")])
    body = Font(name=BODY_FONT, size=size)
    link = Font(name=BODY_FONT, size=size, color="0563C1", underline="single")
    for (item_id, r), text in zip(rows, shown):
        url = r["kind"] == "url"
        linked = url and measure.text_lines(text, widths[2], size) == 1
        cells = [
            _text_cell(ws, item_id, styles, ("id",), font=body, border=BORDER, alignment=CENTER),
            _text_cell(ws, "网址" if url else "文件", styles, ("id",), font=body, border=BORDER, alignment=CENTER),
            _text_cell(
                ws, text, styles, ("value", linked), font=link if linked else body, border=BORDER, alignment=WRAP_TOP
            ),
        ]
        if linked:
            cells[2].hyperlink = r["value"]
        ws.append(cells)


# What 说明 holds for the import only, on rows hidden from paper in the 上报版.
PRIVATE_ABOUT = ("document_sha256", "database_id", "database_version")
REPORT_ABOUT_LINES = (
    "导回方法：gongkai-tui import 本文件。按隐藏的「编号」列对应条目（排序、筛选、删除行都不影响），读取 "
    "责任科室／责任人（写作「科室／姓名」）、完成情况、具体完成情况（其中的网址和文件路径作为佐证材料）、备注；"
    "只有与导出时不同的单元格才算本单位的修改（导出时的值在隐藏工作表中），"
    "导出后在系统中也改过的同一项会列为冲突、不会覆盖。",
    "完成情况请从下拉列表中选择；具体完成情况中每个佐证材料写一行（网址或文件路径）；"
    "不适用的条目请在备注第一行写「不适用理由：……」。",
)


def _about_sheet(ws, data: ChecklistData, continuous: bool = False) -> None:
    doc = data.document
    values = {
        "document": label(doc),
        "document_sha256": doc["source_sha256"],
        "unit": data.unit,
        "unit_key": data.unit_key,
        "as_of": data.as_of.isoformat(),
        "exported_at": data.exported_at.isoformat(timespec="seconds"),
        "version": data.version,
        "database_id": data.database_id or "",
        "database_version": str(data.database_version),
    }
    styles = Styles()
    widths = (18, 78)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = widths
    _page_setup(ws, "9", "portrait", fit=(1, 1), pages=1, continuous=continuous)
    plain = {"font": Font(name=BODY_FONT, size=11), "alignment": Alignment(wrap_text=True, vertical="top")}
    lines = [("项目", "内容"), *((label, values[key]) for key, label in ABOUT_KEYS.items())]
    upper = doc.get("upper")
    if upper:  # an issued breakdown: whose report this is (workbook/rollup_import.py)
        lines += [(UPPER_ABOUT["upper_document"], upper["document"]), (UPPER_ABOUT["upper_unit"], upper["unit"])]
    lines.append(("", ""))
    lines += (
        [(line, "") for line in (f"依据文件全称：{doc['title']}", *REPORT_ABOUT_LINES)]
        if continuous
        else [
            (line, "")
            for line in (
                f"依据文件全称：{doc['title']}",
                "导回方法：gongkai-tui import 本文件。按「编号」列对应条目，只读取 工作要求、责任科室、责任人、"
                "完成情况、完成时间、佐证材料、备注；"
                "只有与导出时不同的单元格才算本单位的修改（导出时的值在隐藏工作表中），"
                "导出后在系统中也改过的同一项会列为冲突、不会覆盖。",
                "请勿修改「编号」列和本页内容；完成情况请从下拉列表中选择；佐证材料每行写一个网址或文件路径。",
                "标记：时限要求中的【逾期】（红色）表示已过时限仍未完成；佐证材料中的【缺佐证】（橙色）表示已完成但缺少"
                "佐证材料；贯彻举措中的【待确认】表示是否适用本单位尚待确认。导入时这些标记会被忽略。",
            )
        ]
    )
    for r, (a, b) in enumerate(lines, 1):
        # A long line (no value beside it) spans both columns: merged, wrapped, tall enough.
        span = bool(a) and not b and r > len(ABOUT_KEYS) + 1 + 2 * bool(upper)
        width = sum(widths) if span else widths[1]
        ws.row_dimensions[r].height = max(
            measure.text_height(a, sum(widths) if span else widths[0], 11), measure.text_height(b, width, 11)
        )
        if continuous and 1 < r <= len(ABOUT_KEYS) + 1 and list(ABOUT_KEYS)[r - 2] in PRIVATE_ABOUT:
            ws.row_dimensions[r].hidden = True  # read by the import, never printed
    for r, (a, b) in enumerate(lines, 1):
        ws.append([_text_cell(ws, a, styles, ("plain",), **plain), _text_cell(ws, b, styles, ("plain",), **plain)])
        if a and not b and r > len(ABOUT_KEYS) + 1 + 2 * bool(upper):
            ws.merged_cells.add(f"A{r}:B{r}")


def _baseline_sheet(ws, data: ChecklistData) -> None:
    """What this export wrote into every imported column, line by line (hidden)."""
    ws.sheet_state = "hidden"
    _stream_cells_only(ws)
    extra = BASELINE_EXTRA_HEADERS if any(len(v) > len(BASELINE_KEYS) for v in data.written) else ()
    upper = (data.document.get("upper") or {}).get("items")
    refs = [upper.get(e.id, "") for e in data.entries] if upper else []
    header = [
        WriteOnlyCell(ws, value)
        for value in (*BASELINE_HEADERS, *extra, *([BASELINE_UPPER_LABEL] if upper else []), BASELINE_UNIT_LABEL)
    ]
    unit = WriteOnlyCell(ws)
    put_text(unit, data.unit_key)  # text, whatever it starts with
    ws.append([*header, unit])
    pool = [WriteOnlyCell(ws) for _ in (*BASELINE_KEYS, *extra, *(["upper"] if upper else []))]  # reused row after row
    for i, values in enumerate(data.written):
        for cell, value in zip(
            pool, [*values, *([""] * (len(BASELINE_KEYS) + len(extra) - len(values))), *([refs[i]] if upper else [])]
        ):
            put_text(cell, value)  # text stays text
        ws.append(pool)
