"""The 上报版 任务清单 sheet (issue 23), laid out like the forms offices file.

序号 1…N; a full-width row for each 一、 and (一) heading (the only merged cells, so that
sorting and filtering work in WPS and Excel); the item with the document's 具体要求, its
公开路径 and 时限, 责任科室／责任人, the unit's role in words, 完成情况, the unit's own
具体完成情况 (its narrative, then each evidence entry by its title, a file by its name
only) and 备注. 编号 is a hidden column: never printed, it moves with its row and the
import finds the item by it. Nothing private is printed: no mark, hash, id or local path.

Paper: A4 landscape at 100 %, body 10.5 pt 仿宋, headings 黑体, the header row repeated,
the footer `第 &P 页 共 &N 页` from the spreadsheet's own fields. Row heights are set from
the text but not fixed, so Excel and WPS grow a row when text is typed into it later and
LibreOffice fits each row to its own fonts; each program breaks the pages itself.
"""

from __future__ import annotations

import re

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import RowDimension

from ..store import STATUSES, Entry
from ..store.documents import label
from . import measure
from .step_sheet import step_row
from .text_cell import put_text
from .step_lines import printed_evidence, printed_report, step_values
from .export import (
    BORDER,
    CENTER,
    WRAP_TOP,
    ChecklistData,
    Signer,
    Styles,
    _cn_date,
    _stream_cells_only,
    _text_cell,
    deadline_text,
    note_text,
)
from .layout import (
    BASELINE_KEYS,
    FILL_HEADER,
    OFFICE_PERSON,
    REPORT,
    REPORT_BODY_FONT,
    REPORT_COLUMNS,
    REPORT_HEADING_FONT,
    REPORT_OPTIONAL,
    REPORT_SIZE,
    REPORT_TITLE_SIZE,
    ROLE,
    NO_DEADLINE,
    REPORT_TABLE_WIDTH,
    REPORT_WIDEST,
    TITLE_FONT,
    Column,
    office_person_text,
    report_title,
)

# Inches (left, right, top, bottom), and where the footer prints.
MARGINS = (0.25, 0.25, 0.3, 0.42)
FOOTER_MARGIN = 0.2
# The tallest line the fonts put in for 仿宋 and 黑体 take (Noto Sans CJK: 1.448 em; 仿宋 and
# SimSun in Excel and WPS less), and the points above and below a row's text.
LINE = 1.45
PADDING = 1.5


def lines_of(text: str, width: float, size: float = REPORT_SIZE) -> int:
    """Printed lines of a cell. The `>` of a 公开路径 prints 0.84 em wide in the fonts put
    in for Latin letters (DejaVu Sans): counted as a full-width character."""
    return measure.text_lines(text.replace(">", "＞") if ">" in text else text, width, size)


PAGE_FOOTER = "第 &P 页 共 &N 页"
A4_LANDSCAPE_MM = (297.0, 210.0)


class FreeRow(RowDimension):
    """A row height written without `customHeight`: it is where the row starts, and Excel,
    WPS and LibreOffice still fit the row to its text (a later edit shows whole)."""

    @property
    def customHeight(self):  # noqa: N802 - openpyxl's name
        return False


_PATH_NOTE = re.compile(r"[(（〔]\s*公开路径\s*[:：]")


def without_path_note(text: str) -> str:
    """The item's text without its `(公开路径:…)`, when 公开路径 has a column of its own.
    Parentheses inside the note (`规划(计划)`) are matched; an unclosed note is kept."""
    m = _PATH_NOTE.search(text) if "公开路径" in text else None
    if m is None:
        return text
    depth = 0
    for i in range(m.start(), len(text)):
        if text[i] in "(（〔":
            depth += 1
        elif text[i] in ")）〕":
            depth -= 1
            if depth == 0:
                return (text[: m.start()].rstrip() + text[i + 1 :]).strip()
    return text


def narrative_of(e: Entry) -> str:
    """The unit's 具体完成情况 narrative (a progress field added alongside this layout)."""
    value = getattr(e, "narrative", None)
    if value is None and isinstance(e, dict):
        value = e.get("narrative")
    return value or ""


def report_text(e: Entry, records: list[dict]) -> str:
    return printed_report(narrative_of(e), records)


def roles_text(e: Entry) -> str:
    """The unit's part in the item, in a word: 牵头 (which includes its own share of the
    work), else 责任, else 配合."""
    return next((r for r in ("牵头", "责任", "配合") if r in e.roles), "、".join(e.roles))


def paths_text(e: Entry) -> str:
    if len(e.disclosure_paths) > 1:
        return "\n".join(f"{i}.{p}" for i, p in enumerate(e.disclosure_paths, 1))
    return "".join(e.disclosure_paths)


def document_words(document: dict) -> dict[str, str]:
    """The document's own header words for our columns, where it has them (its header
    cells as read, `document["columns"]`): 工作任务, 时限 and the 具体要求 label."""
    from ..source.headers import role_of
    from ..source.table import DEADLINE, REQUIREMENT, TASK

    out: dict[str, str] = {}
    for header in document.get("columns") or ():
        words = re.sub(r"\s+", "", str(header))
        role = role_of(words)
        key = {TASK: "task", DEADLINE: "deadline", REQUIREMENT: "requirement"}.get(role) if role else None
        if key and key not in out and words not in ("序号", "编号"):
            out[key] = words
    return out


def line_values(seq: int, e: Entry, records: list[dict], requirement_word: str, paths_shown: bool) -> dict[str, str]:
    task = e.full_text
    if paths_shown and e.disclosure_paths:
        task = without_path_note(task)
    if e.document_requirement:
        task += f"\n{requirement_word}：{e.document_requirement}"
    return {
        "seq": str(seq),
        "id": e.id,
        "task": task,
        "paths": paths_text(e),
        "deadline": deadline_text(e),
        OFFICE_PERSON: office_person_text(e.office or "", e.person or ""),
        ROLE: roles_text(e),
        "status": e.status,
        REPORT: report_text(e, records),
        "note": note_text(e),
    }


def _headings(data: ChecklistData, e: Entry, previous: Entry | None) -> list[tuple[int, str]]:
    """The heading rows before `e`: its section's when it starts one, its subsection's."""
    out = []
    if previous is None or previous.section_id != e.section_id:
        out.append((1, data.section_titles.get(e.section_id, e.section_title)))
    if previous is None or previous.subsection_id != e.subsection_id:
        title = data.section_titles.get(e.subsection_id, e.subsection_title)
        if title:
            out.append((2, title))
    return [(level, t) for level, t in out if t]


SAMPLE_LINES = 160  # lines the widths are fitted on (evenly spread): a 20,000-line list stays fast


def fit_widths(lines: list[dict[str, str]], columns: list[Column], size: float = REPORT_SIZE) -> dict[str, float]:
    """Column widths that make the table shortest on paper: each column starts at its
    least width and the page's remaining width goes, a unit at a time, to the column
    whose growing saves the most lines over (a sample of) the lines; then width moves
    between two columns, a few units at a time, while that still saves lines (one long
    URL wants its column wider than a unit's gain shows)."""
    widths = {c.key: c.width for c in columns if c.key != "id"}
    growable = [k for k in REPORT_WIDEST if k in widths]
    least = {c.key: c.width for c in columns}
    spare = REPORT_TABLE_WIDTH - sum(widths.values())
    step = max(1, len(lines) // SAMPLE_LINES)
    sample = lines[::step]
    fixed = [
        max((lines_of(v[k], w, size) for k, w in widths.items() if k not in growable and v[k]), default=1)
        for v in sample
    ]
    cache: dict[tuple[str, float], list[int]] = {}

    def line_count(key: str, width: float) -> list[int]:
        if (key, width) not in cache:
            cache[(key, width)] = [lines_of(v[key], width, size) if v[key] else 1 for v in sample]
        return cache[(key, width)]

    def total(trial: dict[str, float]) -> int:
        per = [line_count(k, trial[k]) for k in growable]
        return sum(max(f, *(p[i] for p in per)) for i, f in enumerate(fixed))

    while spare >= 1 and growable:
        open_ = [k for k in growable if widths[k] + 1 <= REPORT_WIDEST[k]]
        if not open_:
            break
        best = min(open_, key=lambda k: (total({**widths, k: widths[k] + 1}), sum(line_count(k, widths[k] + 1))))
        widths[best] += 1
        spare -= 1
    current = total(widths)
    improved = True
    while improved:
        improved = False
        for give in growable:
            for take in growable:
                for units in (8, 4, 2, 1):
                    if give == take or widths[give] - units < least[give] or widths[take] + units > REPORT_WIDEST[take]:
                        continue
                    trial = {**widths, give: widths[give] - units, take: widths[take] + units}
                    lines_then = total(trial)
                    if lines_then < current:
                        widths, current, improved = trial, lines_then, True
    return widths


def chosen_columns(lines: list[dict[str, str]], words: dict[str, str]) -> list[Column]:
    """The columns of REPORT_COLUMNS some line uses, headed with the document's own words,
    as wide as fit_widths makes them."""
    kept = [c for c in REPORT_COLUMNS if c.key not in REPORT_OPTIONAL or any(v[c.key] for v in lines)]
    widths = fit_widths(lines, kept)
    return [
        Column(
            words.get(c.key, c.header) if c.key in ("task", "deadline") else c.header, c.key, widths.get(c.key, c.width)
        )
        for c in kept
    ]


def report_sheet(ws, data: ChecklistData, signer: Signer | None = None) -> None:
    """The 上报版 任务清单, streamed row by row (openpyxl's write-only mode)."""
    _stream_cells_only(ws)
    signer = signer or Signer()
    size = REPORT_SIZE
    words = document_words(data.document)
    requirement_word = words.get("requirement", "具体要求")

    # -- the lines (and the import's baseline), with the headings between them ---------
    lines: list[dict[str, str]] = []
    rows: list[tuple[int, str] | int] = []  # a heading (level, text), or the index of a line
    previous = None
    any_paths = any(e.disclosure_paths for e in data.entries)
    any_deadline = any(e.deadline or e.relative_deadline for e in data.entries)
    for seq, e in enumerate(data.entries, 1):
        for heading in _headings(data, e, previous):
            rows.append(heading)
        values = line_values(seq, e, data.evidence.get(e.id, []), requirement_word, any_paths)
        if not values["deadline"] and any_deadline:
            values["deadline"] = NO_DEADLINE
        data.written.append(_baseline_values(e, data.evidence.get(e.id, []), values))
        rows.append(len(lines))
        lines.append(values)
        for step in data.steps.get(e.id, ()):
            rows.append(len(lines))
            lines.append(step_values(seq, step))
            data.step_written.append(step_row(e.id, step["number"], lines[-1]))
        previous = e
    columns = chosen_columns(lines, words)
    keys = [c.key for c in columns]
    widths = {c.key: c.width for c in columns if c.key != "id"}
    visible = [c for c in columns if c.key != "id"]
    table_w = sum(c.width for c in visible)
    last = get_column_letter(len(columns))

    # -- written at the top of the sheet, so set before the first row streams -----------
    for col, c in enumerate(columns, 1):
        dim = ws.column_dimensions[get_column_letter(col)]
        dim.width = c.width
        if c.key == "id":
            dim.hidden = True
    header_row = 3
    ws.freeze_panes = f"A{header_row + 1}"
    _report_page_setup(ws)
    ws.print_title_rows = f"{header_row}:{header_row}"

    title = report_title(data.unit, data.document)
    info = (
        f"填报单位：{data.unit}　　填报日期：{_cn_date(data.exported_at.date())}　　"
        f"依据：{label(data.document)}　　截至：{_cn_date(data.as_of)}"
    )

    def tall(text: str, width: float, points: float = size) -> float:
        return lines_of(text, width, points) * points * LINE + PADDING

    measured = list(widths.items())
    seen: dict[tuple[str, float], int] = {}
    heights = [
        tall(title, table_w, REPORT_TITLE_SIZE) + 4,
        tall(info, table_w),
        max(tall(c.header, c.width) for c in visible),
    ]
    for what in rows:
        if isinstance(what, tuple):  # a heading
            heights.append(tall(what[1], table_w))
        else:
            v = lines[what]
            most = 1
            for k, w in measured:
                text = v[k]
                if text:
                    n = seen.get((text, w))  # status, role, 时限 … recur on thousands of lines
                    if n is None:
                        n = seen[(text, w)] = lines_of(text, w)
                    most = max(most, n)
            heights.append(min(measure.MAX_ROW_POINTS, most * size * LINE + PADDING))
    signer_line = signer.line()
    heights.append(tall(signer_line, table_w) + 6)
    for r, h in enumerate(heights, 1):
        ws.row_dimensions[r] = FreeRow(ws, index=r, ht=h)

    styles = Styles()
    ws.append(
        [
            _text_cell(
                ws, title, styles, ("title",), font=Font(name=TITLE_FONT, size=REPORT_TITLE_SIZE), alignment=CENTER
            )
        ]
    )
    ws.merged_cells.add(f"A1:{last}1")
    ws.append(
        [
            _text_cell(
                ws,
                info,
                styles,
                ("info",),
                font=Font(name=REPORT_BODY_FONT, size=size),
                alignment=Alignment(vertical="center", wrap_text=True),
            )
        ]
    )
    ws.merged_cells.add(f"A2:{last}2")
    ws.append(
        [
            _text_cell(
                ws,
                c.header,
                styles,
                ("header",),
                font=Font(name=REPORT_HEADING_FONT, bold=True, size=size),
                alignment=CENTER,
                border=BORDER,
                fill=PatternFill("solid", fgColor=FILL_HEADER),
                number_format="@",
            )
            for c in columns
        ]
    )

    body = Font(name=REPORT_BODY_FONT, size=size)
    heading_font = {
        1: Font(name=REPORT_HEADING_FONT, bold=True, size=size),
        2: Font(name=REPORT_HEADING_FONT, size=size),
    }
    centred = {"seq", "id", "deadline", ROLE, "status"}
    pool = [WriteOnlyCell(ws) for _ in keys]
    blank = [None] * (len(keys) - 2)
    r = header_row
    for what in rows:
        r += 1
        if isinstance(what, tuple):  # a heading
            level, text = what
            cells = [
                _text_cell(
                    ws,
                    text,
                    styles,
                    ("heading", level),
                    font=heading_font[level],
                    border=BORDER,
                    alignment=Alignment(vertical="center", wrap_text=True),
                )
            ]
            # Borders on its first and last cell only: LibreOffice and WPS draw a merged
            # cell with the first one's, Excel takes the right edge from the last; the cells
            # between would only cost time on a list of thousands of headings.
            ws.append([*cells, *blank, _text_cell(ws, None, styles, ("heading-rest",), border=BORDER)])
            ws.merged_cells.ranges.add(CellRange(f"A{r}:{last}{r}"))  # disjoint by construction
            continue
        v = lines[what]
        for col, key in enumerate(keys):
            cell = pool[col]  # one cell per column, reused: a streamed row is written at once
            value = v[key]
            put_text(cell, value)
            styles.apply(
                cell,
                ("line", key in centred),
                share=True,
                font=body,
                alignment=CENTER if key in centred else WRAP_TOP,
                border=BORDER,
                number_format="@",
            )
        ws.append(pool)
    last_line = r
    ws.append(
        [
            _text_cell(
                ws, signer_line, styles, ("signer",), font=body, alignment=Alignment(vertical="center", wrap_text=True)
            )
        ]
    )
    ws.merged_cells.add(f"A{r + 1}:{last}{r + 1}")

    status_col = get_column_letter(keys.index("status") + 1)
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="完成情况",
        error="请从下拉列表中选择：" + "、".join(STATUSES),
    )
    dv.add(f"{status_col}{header_row + 1}:{status_col}{max(last_line, header_row + 1)}")
    ws.data_validations.append(dv)


def _baseline_values(e: Entry, records: list[dict], values: dict[str, str]) -> list[str]:
    """The hidden sheet's values for the line: the imported fields as stored (full
    evidence values, not the names printed), then the 具体完成情况 as printed and the values of
    the evidence entries printed in it (each once: step_lines.printed_evidence)."""
    stored = {
        "id": e.id,
        "status": e.status,
        "done_date": e.done_date or "",
        "evidence": "\n".join(r["value"] for r in records),
        "note": note_text(e),
        "requirement": e.requirement or "",
        "office": e.office or "",
        "person": e.person or "",
    }
    printed = "\n".join(r["value"] for r in printed_evidence(narrative_of(e), records))
    return [stored[k] for k in BASELINE_KEYS] + [values[REPORT], printed]


def _report_page_setup(ws) -> None:
    ws.page_setup.paperSize = "9"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.scale = 100  # never shrunk below 10.5 pt: the columns fit the page (REPORT_TABLE_WIDTH)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left, ws.page_margins.right, ws.page_margins.top, ws.page_margins.bottom = MARGINS
    ws.page_margins.header, ws.page_margins.footer = 0.2, FOOTER_MARGIN
    ws.oddFooter.center.text = PAGE_FOOTER
    ws.oddFooter.center.font = REPORT_BODY_FONT
    ws.oddFooter.center.size = 11  # a whole number: LibreOffice reads no fraction in the footer's size


def printable_width() -> float:
    return measure.printable(A4_LANDSCAPE_MM, MARGINS)[0]
