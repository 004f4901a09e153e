"""The breakdown table workbook: the way out for every document (DESIGN.md §2).

No reader knows every document, so the neutral table has a spreadsheet form a person can
check and correct in WPS or Excel: the document's fields (文号, 标题, 年度, 发文单位, 成文日期,
表格标题) above one table 序号 | 章节 | 小节 | 工作任务 | 具体要求 | 牵头单位 | 责任单位 | 配合单位 |
完成时限 | 公开路径 | 说明. `gongkai-tui template` writes it blank, `load --as-table` writes what was
read from any document into it, and loading it is the identity: what is in the cells is what
is stored (items are the numbered paragraphs of 工作任务, units are split at 、, headings are
章节 and 小节 as written, a blank 章节 or 小节 is the one above).

Pure: the cells come in as values (tui/source/readers/xlsx.py opens the file, and
tui/workbook/breakdown_workbook.py writes it); no openpyxl here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .chars import BLANKS, fold, squeeze
from .errors import ParseError
from .headings import heading_of
from .model import Document, Row
from .numerals import int_to_chinese
from .script import simplify
from .table import (
    COOP,
    DEADLINE,
    LEAD,
    REQUIREMENT,
    RESP,
    TASK,
    Cell,
    Column,
    GridRow,
    Heading,
    Note,
    Origin,
    SourceTable,
)

SEQ_H, SECTION_H, SUBSECTION_H = "序号", "章节", "小节"
TASK_H, REQUIREMENT_H = "工作任务", "具体要求"
LEAD_H, RESP_H, COOP_H, DEADLINE_H, PATHS_H, NOTE_H = "牵头单位", "责任单位", "配合单位", "完成时限", "公开路径", "说明"
HEADERS = (SEQ_H, SECTION_H, SUBSECTION_H, TASK_H, REQUIREMENT_H, LEAD_H, RESP_H, COOP_H, DEADLINE_H, PATHS_H, NOTE_H)
_ROLES = {TASK_H: TASK, REQUIREMENT_H: REQUIREMENT, LEAD_H: LEAD, RESP_H: RESP, COOP_H: COOP, DEADLINE_H: DEADLINE}

NUMBER_F, TITLE_F, YEAR_F, ISSUER_F, ISSUED_F, TABLE_TITLE_F = (
    "文号",
    "标题",
    "年度",
    "发文单位",
    "成文日期",
    "表格标题",
)
FIELDS = (NUMBER_F, TITLE_F, YEAR_F, ISSUER_F, ISSUED_F, TABLE_TITLE_F)
SHEET = "任务分工"
ABOUT_SHEET = "说明"
_DATE = re.compile(r"^(\d{4})\s*[年\-－.．/／]\s*(\d{1,2})\s*[月\-－.．/／]\s*(\d{1,2})\s*日?$")


@dataclass(frozen=True)
class Fields:
    """The document's own fields, as the workbook gives them (None: left blank)."""

    number: str | None
    title: str | None
    year: int | None
    issuer: str | None
    issued: str | None  # ISO date
    table_title: str | None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value.year}年{value.month}月{value.day}日"
    return simplify(str(value).strip(BLANKS + "\n"))  # a traditional table read as every reader reads one


def header_index(rows: list[list[object]]) -> int | None:
    """The row holding this workbook's header (工作任务 and 章节 among its cells), or None."""
    for r, values in enumerate(rows[:40]):
        words = [fold(squeeze(_text(v))) for v in values]
        if TASK_H in words and SECTION_H in words and SUBSECTION_H in words:
            return r
    return None


def read_breakdown_table(rows: list[list[object]], where) -> SourceTable:
    """The neutral table of a breakdown table workbook's first sheet, given as cell values;
    `where(r, c)` names a cell (0-based) for messages."""
    h = header_index(rows)
    if h is None:
        raise ParseError(where(0, 0), f"找不到任务分工表的表头({'、'.join(HEADERS[:4])}…)")
    columns = {fold(squeeze(_text(v))): c for c, v in enumerate(rows[h]) if _text(v)}
    fields = _fields(rows[:h], where)
    used = [name for name in (TASK_H, REQUIREMENT_H, LEAD_H, RESP_H, COOP_H, DEADLINE_H) if name in columns]
    table_columns = [Column(_ROLES[name], name, where(h, columns[name])) for name in used]
    body: list[GridRow | Heading] = []
    section = subsection = ""
    sections = subsections = 0

    def at(values: list, name: str) -> str:
        c = columns.get(name)
        return _text(values[c]) if c is not None and c < len(values) else ""

    # One 章节 without a numeral over rows that all have a 小节: the title above (一)… headings
    # that names the one implicit section (as a text's unnumbered title does), kept as written.
    named = {v for values in rows[h + 1 :] if (v := at(values, SECTION_H))}
    implicit = (
        len(named) == 1
        and heading_of(next(iter(named))) is None
        and all(at(values, SUBSECTION_H) for values in rows[h + 1 :] if at(values, TASK_H))
    )
    for r in range(h + 1, len(rows)):
        values = rows[r]

        def cell(name: str, values: list = values) -> str:
            return at(values, name)

        if not any(cell(name) for name in (SECTION_H, SUBSECTION_H, *used, PATHS_H)):
            continue
        if (s := cell(SECTION_H)) and s != section:
            section, subsection = s, ""
            sections, subsections = sections + 1, 0
            origin = where(r, columns[SECTION_H])
            body.append(Heading(s, origin, unnumbered=True) if implicit else Heading(_numbered(s, 1, sections), origin))
        if (s := cell(SUBSECTION_H)) and s != subsection:
            subsection = s
            subsections += 1
            body.append(Heading(_numbered(s, 2, subsections), where(r, columns[SUBSECTION_H])))
        if not any(cell(name) for name in used):
            continue
        task = cell(TASK_H)
        if not task:
            raise ParseError(where(r, columns[TASK_H]), "这一行有单位或时限,但「工作任务」为空")
        cells: list[Cell | None] = []
        for name in used:
            text = cell(name)
            if name == TASK_H and cell(PATHS_H):
                text += "".join(f"\n(公开路径:{p})" for p in cell(PATHS_H).split("\n") if p.strip(BLANKS))
            paragraphs = [p.strip(BLANKS) for p in text.split("\n") if p.strip(BLANKS)]
            cells.append(Cell(paragraphs, where(r, columns[name])) if paragraphs else None)
        body.append(GridRow(cells, [True] * len(cells), where(r, columns[TASK_H])))
    notes = [Note(where(h, 0), "header_mapped", "任务分工表:各栏按表头读取")]
    return SourceTable([], table_columns, body, where(h, 0), notes, fields=fields)


def _numbered(text: str, level: int, n: int) -> str:
    """章节/小节 as written, or with its numeral put in front when the cell has none."""
    found = heading_of(text)
    if found is not None and found[0] == level:
        return text
    return f"{int_to_chinese(n)}、{text}" if level == 1 else f"({int_to_chinese(n)}){text}"


def _fields(rows: list[list[object]], where) -> Fields:
    found: dict[str, tuple[str, Origin]] = {}
    for r, values in enumerate(rows):
        for c, v in enumerate(values[:-1]):
            label = fold(squeeze(_text(v))).rstrip(":")
            if label in FIELDS and label not in found:
                value = next((x for x in values[c + 1 :] if _text(x)), None)
                found[label] = (_text(value), where(r, c + 1))
    number = found.get(NUMBER_F, ("", None))[0]
    title, at = found.get(TITLE_F, ("", where(1, 1)))
    if not number and not title:
        raise ParseError(at, "任务分工表的「文号」和「标题」都为空:请至少填写其一(没有文号的文件按标题和年度识别)")
    year = None
    if text := found.get(YEAR_F, ("", None))[0]:
        if not re.fullmatch(r"\d{4}年?", text):
            raise ParseError(found[YEAR_F][1], f"「年度」应为四位数字,如 2026,实为「{text}」")
        year = int(text[:4])
    issued = None
    if text := found.get(ISSUED_F, ("", None))[0]:
        m = _DATE.match(fold(text))
        if m is None:
            raise ParseError(found[ISSUED_F][1], f"「成文日期」应写成 2026年3月18日 或 2026-03-18,实为「{text}」")
        issued = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return Fields(
        number or None,
        title or None,
        year,
        found.get(ISSUER_F, ("", None))[0] or None,
        issued,
        found.get(TABLE_TITLE_F, ("", None))[0] or None,
    )


# -- a document written back as the table ------------------------------------------------


def document_fields(doc: Document) -> list[tuple[str, str]]:
    issued = ""
    if doc.issued:
        y, m, d = (int(x) for x in doc.issued.split("-"))
        issued = f"{y}年{m}月{d}日"
    return [
        (NUMBER_F, doc.number or ""),
        (TITLE_F, doc.title or ""),
        (YEAR_F, str(doc.year or "")),
        (ISSUER_F, doc.issuer or ""),
        (ISSUED_F, issued),
        (TABLE_TITLE_F, doc.table_title or ""),
    ]


def _units(row: Row, names: list[str]) -> str:
    out = []
    for name in names:
        note = row.unit_notes.get(name)
        if not note:
            out.append(name)
        elif note.startswith("按职"):
            out.append(name + note)
        else:
            out.append(f"{name}({note})")
    return "、".join(out)


def _task_text(row: Row) -> str:
    """The items as numbered paragraphs, so that reading them back gives the same labels."""
    lines = []
    group = None
    single = len(row.items) == 1 and row.items[0].label == "1"
    for item in row.items:
        if item.group is not None:
            top, sub = item.label.split(".", 1)
            if item.group != group:
                group = item.group
                lines.append(f"{top}.{item.group}")
            lines.append(f"({sub}){item.text}")
            continue
        group = None
        lines.append(item.text if single or item.label == "0" else f"{item.label}.{item.text}")
    return "\n".join(lines)


def document_table(doc: Document, notes_per_row: dict[str, list[str]] | None = None) -> list[list[str]]:
    """The table rows (under HEADERS) that give `doc` back when read: a row per task row, and
    a row holding only its heading for a section or subsection without task rows."""
    by_place: dict[str, list[Row]] = {}
    for row in doc.rows:
        by_place.setdefault(row.subsection_id, []).append(row)
    out: list[list[str]] = []
    numbers = iter(range(1, len(doc.rows) + 1))

    def emit(section: str, subsection: str, rows: list[Row]) -> None:
        if not rows:
            out.append(["", section, subsection] + [""] * (len(HEADERS) - 3))
        for row in rows:
            out.append(
                [
                    str(next(numbers)),
                    section,
                    subsection,
                    _task_text(row),
                    row.requirement or "",
                    _units(row, row.lead_units),
                    _units(row, row.responsible_units),
                    _units(row, row.cooperating_units),
                    row.deadline_text or "",
                    _paths_only(row.path_note),
                    "\n".join((notes_per_row or {}).get(row.id, [])),
                ]
            )

    for s in doc.sections:
        name = f"{s.numeral}、{s.title}" if s.numeral else s.title  # the one implicit section: its title
        direct = by_place.get(f"{s.id}.0", [])
        if direct or not s.subsections:
            emit(name, "", direct)
        for sub in s.subsections:
            emit(name, f"({sub.numeral}){sub.title}", by_place.get(sub.id, []))
    return out


def _paths_only(note: str | None) -> str:
    """The row-level `(公开路径:…)` paragraph's inside, as the 公开路径 cell holds it."""
    out = []
    for line in (note or "").split("\n"):
        text = line.strip(BLANKS)
        m = re.match(r"^[(（]\s*公开路径\s*[:：]\s*(.*)[)）][。;；,，.]*$", text)
        if text:
            out.append(m.group(1) if m else text)
    return "\n".join(out)


def notes_by_row(doc: Document) -> tuple[dict[str, list[str]], list[str]]:
    """Each judgement call beside the row it is about (by the lines or the cell it names),
    and those about no one row."""
    per_row: dict[str, list[str]] = {}
    loose: list[str] = []
    by_origin = {row.origin: row.id for row in doc.rows}
    for note in doc.notes:
        line = note.origin.line
        row_id = by_origin.get(str(note.origin))
        if row_id is None and line:
            row_id = next((r.id for r in doc.rows if r.first_line <= line <= r.last_line), None)
        text = ("【请核对】" if note.severity == "warning" else "") + f"{note.origin}:{note.message}"
        (per_row.setdefault(row_id, []) if row_id else loose).append(text)
    return per_row, loose
