"""Write the 任务清单 workbook for one unit (DESIGN.md §4)."""

from __future__ import annotations

import datetime as dt
import os
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.datavalidation import DataValidation

from ..store import STATUSES, Entry
from .layout import (
    ABOUT_KEYS, ABOUT_SHEET, BASELINE_HEADERS, BASELINE_KEYS, BASELINE_SHEET, BODY_FONT, CHECKLIST_SHEET, COLUMNS, FILL_HEADER, FILL_MISSING, FILL_OVERDUE,
    FIRST_DATA_ROW, HEADER_FONT, HEADER_ROW, INFO_ROW, REASON_PREFIX, STATS_SHEET, TITLE_FONT, TITLE_ROW,
    checklist_title,
)

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


def set_text(cell, value: str | None, number_format: bool = True) -> None:
    """Write text as text: a value starting with = + - @ never becomes a formula."""
    cell.value = value if value else None
    if value:
        cell.data_type = "s"
        if number_format:
            cell.number_format = "@"


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
            self._cache[key] = copy(cell._style)
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
        lines.append(REASON_PREFIX + e.reason)
    if e.note:
        lines.append(e.note)
    return "\n".join(lines)


def _row_values(seq: int, e: Entry, evidence: list[dict], task: str) -> dict[str, str]:
    paths = "\n".join(f"{i}.{p}" for i, p in enumerate(e.disclosure_paths, 1)) if len(e.disclosure_paths) > 1 \
        else "".join(e.disclosure_paths)
    return {
        "seq": str(seq), "id": e.id, "task": task, "measure": e.full_text, "requirement": e.requirement or "",
        "paths": paths, "deadline": deadline_text(e), "lead": "、".join(e.lead_units),
        "responsible": "、".join(e.responsible_units)
        + (f"\n配合单位:{'、'.join(e.cooperating_units)}" if e.cooperating_units else ""), "office": e.office or "", "person": e.person or "",
        "status": e.status, "done_date": e.done_date or "", "evidence": "\n".join(r["value"] for r in evidence),
        "note": note_text(e),
    }


LINE_POINTS = 15.0  # one line of 11-pt text
MAX_ROW_POINTS = 409.0  # Excel's limit


def text_lines(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` Excel units wide (a Chinese
    character takes about two units). Neither Excel nor LibreOffice fits row heights
    of a generated file on opening, so the exporter sets them."""
    usable = max(width - 1.5, 1.0)
    lines = 0
    for paragraph in text.split("\n"):
        if 2 * len(paragraph) <= usable:  # fits whatever the characters
            lines += 1
            continue
        units = 2.0 * len(paragraph) - 0.9 * sum(c < "\u2e80" for c in paragraph)
        lines += max(1, -int(-units // usable))
    return lines


def row_height(values: dict[str, str], widths: dict[str, float], skip: tuple[str, ...] = ()) -> float:
    lines = max((text_lines(v, widths[k]) for k, v in values.items() if v and k not in skip), default=1)
    return min(MAX_ROW_POINTS, lines * LINE_POINTS + 3)


def _merge_down(ws, col: int, first: int, last: int) -> None:
    """Merge rows first..last of a column (the cells below the first are empty and bordered)."""
    if last > first:
        letter = get_column_letter(col)
        ws.merged_cells.add(f"{letter}{first}:{letter}{last}")


def _text_cell(ws, value: str | None, styles: Styles, key: tuple, **attrs) -> WriteOnlyCell:
    """A streamed cell holding text as text (never a formula), styled from the cache."""
    cell = WriteOnlyCell(ws)
    if value:
        cell._value = value  # already a str: skip openpyxl's type sniffing, which would
        cell.data_type = "s"  # also turn "=1+1" into a formula
    styles.apply(cell, key, **attrs)
    return cell


def _stream_cells_only(ws) -> None:
    """Every row this sheet gets is a list of cells. openpyxl's write-only append first
    tries each cell as a plain value and catches the error; skip that detour (it is a
    third of a 20,000-line export). Falls back to openpyxl's own way if it changes."""
    if not hasattr(ws, "_values_to_row"):
        return

    def cells_to_row(cells, row_idx):
        for col_idx, cell in enumerate(cells, 1):
            cell.column, cell.row = col_idx, row_idx
            if cell.hyperlink is not None:
                cell.hyperlink.ref = cell.coordinate
            yield cell

    ws._values_to_row = cells_to_row


def _checklist_sheet(ws, data: ChecklistData) -> None:
    """Streamed row by row (openpyxl's write-only mode): a 20,000-line export stays fast."""
    _stream_cells_only(ws)
    last = get_column_letter(len(COLUMNS))
    styles = Styles()
    for col, c in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(col)].width = c.width
    # Written at the top of the sheet, so set before the first row is streamed:
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.row_dimensions[TITLE_ROW].height = 36
    ws.append([_text_cell(ws, checklist_title(data.unit, data.document["table_title"]), styles, ("title",),
                          font=Font(name=TITLE_FONT, size=16), alignment=CENTER)])
    ws.merged_cells.add(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    ws.append([_text_cell(ws, f"填报单位:{data.unit}    填报日期:{data.exported_at.date().isoformat()}    "
                              f"依据:{data.document['number']}    截至:{data.as_of.isoformat()}    "
                              f"(红色时限=逾期,橙色佐证=缺佐证)", styles, ("info",),
                          font=Font(name=BODY_FONT, size=11), alignment=Alignment(vertical="center"))])
    ws.merged_cells.add(f"A{INFO_ROW}:{last}{INFO_ROW}")
    header = {"font": Font(name=HEADER_FONT, bold=True, size=11), "alignment": CENTER, "border": BORDER,
              "fill": PatternFill("solid", fgColor=FILL_HEADER), "number_format": "@"}
    ws.append([_text_cell(ws, c.header, styles, ("header",), **header) for c in COLUMNS])

    body = Font(name=BODY_FONT, size=11)
    link = Font(name=BODY_FONT, size=11, color="0563C1", underline="single")
    overdue = PatternFill("solid", fgColor=FILL_OVERDUE)
    missing = PatternFill("solid", fgColor=FILL_MISSING)
    centred = {"seq", "id", "status", "done_date"}
    widths = {c.key: c.width for c in COLUMNS}
    keys = [c.key for c in COLUMNS]
    task_col = keys.index("task") + 1
    pool = [WriteOnlyCell(ws) for _ in keys]
    row = FIRST_DATA_ROW
    group_start, group_key = row, None
    for seq, e in enumerate(data.entries, 1):
        task = f"{data.section_titles.get(e.section_id, e.section_title)}\n" \
               f"{data.section_titles.get(e.subsection_id, e.subsection_title)}"
        values = _row_values(seq, e, data.evidence.get(e.id, []), task)
        data.written.append([values[k] for k in BASELINE_KEYS])
        urls = [r["value"] for r in data.evidence.get(e.id, []) if r["kind"] == "url"]
        late = e.overdue(data.as_of)
        ws.row_dimensions[row].height = row_height(values, widths, skip=("task",))
        if e.subsection_id != group_key:
            _merge_down(ws, task_col, group_start, row - 1)
            group_start, group_key = row, e.subsection_id
        else:
            values["task"] = ""  # shown once, in the merged cell
        for col, key in enumerate(keys):
            fill = overdue if key == "deadline" and late else (
                missing if key == "evidence" and e.missing_evidence else None)
            font = link if key == "evidence" and urls else body
            # One cell object per column, reused row after row: a streamed row is written
            # out as soon as it is appended.
            cell = pool[col]
            value = values[key]
            cell._value, cell.data_type = (value, "s") if value else (None, "n")
            styles.apply(cell, (key in centred, fill is overdue, fill is missing, font is link), share=True,
                         font=font, alignment=CENTER if key in centred else WRAP_TOP, border=BORDER,
                         number_format="@", **({"fill": fill} if fill is not None else {}))
            cell.hyperlink = urls[0] if key == "evidence" and urls else None
        ws.append(pool)
        row += 1
    _merge_down(ws, task_col, group_start, row - 1)

    last_row = max(row - 1, FIRST_DATA_ROW)
    status_col = get_column_letter(keys.index("status") + 1)
    dv = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle="完成情况", error="请从下拉列表中选择:" + "、".join(STATUSES))
    dv.add(f"{status_col}{FIRST_DATA_ROW}:{status_col}{last_row}")
    ws.data_validations.append(dv)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页,共 &N 页"
    ws.oddFooter.center.font = BODY_FONT


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
        out.append([titles.get(sid, "合计") if sid else "合计", len(group), *counts,
                    round(done / applicable, 4) if applicable else 0,
                    sum(e.overdue(as_of) for e in group), sum(e.missing_evidence for e in group)])
    return out


def _stats_sheet(ws, data: ChecklistData) -> None:
    styles = Styles()
    headers = ["章节", "条目数", *STATUSES, "完成率", "逾期", "缺佐证"]
    ws.column_dimensions["A"].width = 44
    for col in range(2, len(headers) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 10
    ws.append([_text_cell(ws, h, styles, ("header",), font=Font(name=HEADER_FONT, bold=True), alignment=CENTER,
                          border=BORDER, fill=PatternFill("solid", fgColor=FILL_HEADER)) for h in headers])
    rows = section_stats(data.entries, data.as_of, data.section_titles)
    for values in rows:
        total = values[0] == "合计"
        cells = []
        for col, v in enumerate(values, 1):
            if isinstance(v, str):
                cell = _text_cell(ws, v, styles, ("text", total), border=BORDER, font=Font(name=BODY_FONT, bold=total))
            else:
                cell = WriteOnlyCell(ws, value=v)
                percent = headers[col - 1] == "完成率"
                styles.apply(cell, ("number", total, percent), border=BORDER, font=Font(name=BODY_FONT, bold=total),
                             number_format="0.0%" if percent else "General")
            cells.append(cell)
        ws.append(cells)
    if len(rows) > 1:
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = "各章节完成情况"
        chart.y_axis.title = "条目数"
        chart.add_data(Reference(ws, min_col=3, max_col=2 + len(STATUSES), min_row=1, max_row=len(rows)),
                       titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(rows)))
        chart.height, chart.width = 9, 22
        ws.add_chart(chart, f"A{len(rows) + 3}")


def _about_sheet(ws, data: ChecklistData) -> None:
    doc = data.document
    values = {
        "document": doc["number"], "document_sha256": doc["source_sha256"], "unit": data.unit,
        "unit_key": data.unit_key, "as_of": data.as_of.isoformat(),
        "exported_at": data.exported_at.isoformat(timespec="seconds"), "version": data.version,
        "database_id": data.database_id or "", "database_version": str(data.database_version),
    }
    styles = Styles()
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 70
    plain = {"font": Font(name=BODY_FONT), "alignment": Alignment(wrap_text=False, vertical="top")}
    lines = [("项目", "内容"), *((label, values[key]) for key, label in ABOUT_KEYS.items()), ("", "")]
    lines += [(line, "") for line in (
        f"依据文件全称:{doc['title']}",
        "导回方法:gongkai-tui import 本文件。按「编号」列对应条目,只读取 工作要求、责任科室、责任人、完成情况、"
        "完成时间、佐证材料、备注 七列;只有与导出时不同的单元格才算本单位的修改(导出时的值在隐藏工作表中),"
        "导出后在系统中也改过的同一项会列为冲突、不会覆盖。",
        "请勿修改「编号」列和本页内容;完成情况请从下拉列表中选择。",
        "颜色:时限要求为红色表示已逾期;佐证材料为橙色表示已完成但缺少佐证材料。",
    )]
    for a, b in lines:
        ws.append([_text_cell(ws, a, styles, ("plain",), **plain), _text_cell(ws, b, styles, ("plain",), **plain)])


def _baseline_sheet(ws, data: ChecklistData) -> None:
    """What this export wrote into every imported column, line by line (hidden)."""
    ws.sheet_state = "hidden"
    _stream_cells_only(ws)
    pool = [WriteOnlyCell(ws) for _ in BASELINE_KEYS]  # reused row after row, as on 任务清单
    for values in [list(BASELINE_HEADERS), *data.written]:
        for cell, value in zip(pool, values):
            cell._value, cell.data_type = (value, "s") if value else (None, "n")  # text stays text
        ws.append(pool)


def check_writable(path: Path) -> None:
    """Fail before openpyxl starts streaming sheets (which would leave half-written sheet
    generators behind and print their tracebacks): the folder must take a new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    probe = path.with_name(f".{path.stem}.{os.getpid()}.probe")
    with open(probe, "xb"):
        pass
    probe.unlink()


def write_checklist(data: ChecklistData, path: Path) -> Path:
    """Write the workbook to `path` (through a temporary file: never half-written)."""
    check_writable(path)
    wb = Workbook(write_only=True)
    _checklist_sheet(wb.create_sheet(CHECKLIST_SHEET), data)
    _stats_sheet(wb.create_sheet(STATS_SHEET), data)
    _about_sheet(wb.create_sheet(ABOUT_SHEET), data)
    _baseline_sheet(wb.create_sheet(BASELINE_SHEET), data)
    return save_atomically(wb, path)


def save_atomically(wb: Workbook, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.xlsx")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def unused_path(path: Path) -> Path:
    """`path`, or `name-2.xlsx`, `name-3.xlsx`, … when it exists: never overwrite silently."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1
