"""The sheets beside the 任务清单's checklist (DESIGN.md §4), in either layout: 统计 (per
section and in total, with its chart), 佐证材料, 说明 (what the import keys on) and the hidden
导出时的值 (each line as exported, what the import compares with)."""

from __future__ import annotations

import datetime as dt

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.cell import WriteOnlyCell

from ..store import STATUSES, Entry
from ..store.documents import label
from . import measure
from .layout import (
    ABOUT_KEYS,
    BASELINE_HEADERS,
    BASELINE_KEYS,
    BODY_FONT,
    FILL_HEADER,
    HEADER_FONT,
)
from .layout import BASELINE_EXTRA_HEADERS, BASELINE_UNIT_LABEL, BASELINE_UPPER_LABEL, UPPER_ABOUT
from .step_lines import evidence_lines
from .text_cell import put_text

from .export import BORDER, CENTER, WRAP_TOP, ChecklistData, Styles, _page_setup, _stream_cells_only, _text_cell


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


def stats_sheet(ws, data: ChecklistData, continuous: bool = False) -> None:
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


def evidence_sheet(ws, data: ChecklistData, continuous: bool = False) -> None:
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


def about_sheet(ws, data: ChecklistData, continuous: bool = False) -> None:
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


def baseline_sheet(ws, data: ChecklistData) -> None:
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
