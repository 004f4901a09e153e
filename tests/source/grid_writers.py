"""Write a 任务分工 document from a plain spec as .docx, .xlsx or .html, with real merged cells.

A spec (a dict, or the path of a JSON file holding one):

    {"preamble": ["重庆市人民政府办公厅关于印发…的通知", "渝府办发〔2026〕12号"],
     "header": ["工作任务", "牵头单位", "责任单位"],          # or {"text": …, "colspan": 2}
     "body": [{"heading": "一、紧扣…"},
              {"cells": [{"text": "1.公开…\\n2.公开…"}, {"text": "市发展改革委", "rowspan": 2}, {"text": "市发展改革委"}]},
              {"cells": [{"text": "公开…"}, {"text": "各区县政府"}]}],
     "tail": ["…"],
     "heading_style": "row"}                                  # docx only: "row" (default) or "paragraph"

Cells are listed left to right, skipping grid positions a rowspan from above covers (the HTML
convention); "\\n" in a text separates paragraphs; "" is an empty cell. A header cell may
have a rowspan too (a two-row header: the next body row then holds the cells under it).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Placed:
    row: int  # 0 = the header row
    col: int
    rowspan: int
    colspan: int
    text: str
    header: bool = False


def load_spec(spec: dict | str | Path) -> dict:
    if isinstance(spec, dict):
        return spec
    return json.loads(Path(spec).read_text(encoding="utf-8"))


def _cell(c: str | dict) -> dict:
    return {"text": c} if isinstance(c, str) else c


def layout(spec: dict) -> tuple[int, list[tuple[str, object]]]:
    """(grid width, rows): each row is ("cells", [Placed, …]) or ("heading", text); row 0 is the header."""
    header = [_cell(c) for c in spec["header"]]
    width = sum(c.get("colspan", 1) for c in header)
    covered: set[tuple[int, int]] = set()
    rows: list[tuple[str, object]] = []
    for r, entry in enumerate([{"cells": header, "_header": True}, *spec["body"]]):
        if "heading" in entry:
            if any((r, c) in covered for c in range(width)):
                raise ValueError(f"row {r}: a rowspan runs into a heading")
            rows.append(("heading", entry["heading"]))
            continue
        placed, c = [], 0
        for cell in entry["cells"]:
            cell = _cell(cell)
            while (r, c) in covered:
                c += 1
            rs, cs = cell.get("rowspan", 1), cell.get("colspan", 1)
            if c + cs > width:
                raise ValueError(f"row {r}: cells wider than the header")
            placed.append(Placed(r, c, rs, cs, cell.get("text", ""), bool(entry.get("_header"))))
            covered.update((r + i, c + j) for i in range(rs) for j in range(cs))
            c += cs
        rows.append(("cells", placed))
    return width, rows


def _paragraphs(text: str) -> list[str]:
    return text.split("\n")


# -- .xlsx ------------------------------------------------------------------------------


def write_xlsx(spec: dict | str | Path, path: str | Path, sheet: str = "任务分工") -> Path:
    from openpyxl import Workbook

    spec = load_spec(spec)
    width, rows = layout(spec)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    top = 1
    for line in spec.get("preamble", []):
        ws.cell(top, 1, line)
        top += 1
    for r, (kind, content) in enumerate(rows):
        if kind == "heading":
            ws.cell(top + r, 1, content)
            if width > 1:
                ws.merge_cells(start_row=top + r, start_column=1, end_row=top + r, end_column=width)
            continue
        for p in content:
            if p.text:
                ws.cell(top + r, p.col + 1, p.text)
            if p.rowspan > 1 or p.colspan > 1:
                ws.merge_cells(
                    start_row=top + r,
                    start_column=p.col + 1,
                    end_row=top + r + p.rowspan - 1,
                    end_column=p.col + p.colspan,
                )
    for i, line in enumerate(spec.get("tail", [])):  # under a blank row
        ws.cell(top + len(rows) + 1 + i, 1, line)
    wb.save(path)
    return Path(path)


# -- .docx ------------------------------------------------------------------------------


def write_docx(spec: dict | str | Path, path: str | Path) -> Path:
    from docx import Document

    spec = load_spec(spec)
    width, rows = layout(spec)
    doc = Document()
    for line in spec.get("preamble", []):
        doc.add_paragraph(line)
    if spec.get("heading_style", "row") == "paragraph":
        header = rows[0]
        if any(p.rowspan > 1 for p in header[1]):
            raise ValueError("heading_style 'paragraph' needs a one-row header")
        segment: list = []
        for kind, content in rows[1:]:
            if kind == "heading":
                if segment:
                    _docx_table(doc, width, [header, *segment])
                    segment = []
                doc.add_paragraph(content)
            else:
                segment.append((kind, [_shift(p, len(segment) + 1) for p in content]))
        if segment:
            _docx_table(doc, width, [header, *segment])
    else:
        _docx_table(doc, width, rows)
    for line in spec.get("tail", []):
        doc.add_paragraph(line)
    doc.save(path)
    return Path(path)


def _shift(p: Placed, row: int) -> Placed:
    return Placed(row, p.col, p.rowspan, p.colspan, p.text, p.header)


def _docx_table(doc, width: int, rows: list[tuple[str, object]]) -> None:
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    merges = []
    for r, (kind, content) in enumerate(rows):
        cells = table.rows[r].cells  # before any merge: one cell per grid column
        if kind == "heading":
            _set_text(cells[0], content)
            merges.append((r, 0, r, width - 1))
            continue
        for p in content:
            _set_text(cells[p.col], p.text)
            if p.rowspan > 1 or p.colspan > 1:
                merges.append((r, p.col, r + p.rowspan - 1, p.col + p.colspan - 1))
    for r0, c0, r1, c1 in merges:
        if (r0, c0) != (r1, c1):
            table.cell(r0, c0).merge(table.cell(r1, c1))


def _set_text(cell, text: str) -> None:
    first, *rest = _paragraphs(text)
    cell.paragraphs[0].text = first
    for line in rest:
        cell.add_paragraph(line)


# -- .html ------------------------------------------------------------------------------


def write_html(spec: dict | str | Path, path: str | Path, encoding: str = "utf-8", paragraphs: str = "br") -> Path:
    """`paragraphs`: how a cell's paragraphs are separated, "br" or "p"."""
    spec = load_spec(spec)
    width, rows = layout(spec)
    out = [
        "<!DOCTYPE html>",
        "<html>",
        "<head>",
        f'<meta charset="{encoding}">',
        "<title>任务分工</title>",
        "</head>",
        "<body>",
    ]
    out += [f"<p>{html.escape(line, quote=False)}</p>" for line in spec.get("preamble", [])]
    out.append('<table border="1">')
    for kind, content in rows:
        if kind == "heading":
            out.append(f'<tr><td colspan="{width}">{html.escape(content, quote=False)}</td></tr>')
            continue
        tds = []
        for p in content:
            tag = "th" if p.header else "td"
            attrs = (f' rowspan="{p.rowspan}"' if p.rowspan > 1 else "") + (
                f' colspan="{p.colspan}"' if p.colspan > 1 else ""
            )
            tds.append(f"<{tag}{attrs}>{_html_text(p.text, paragraphs)}</{tag}>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    out += [f"<p>{html.escape(line, quote=False)}</p>" for line in spec.get("tail", [])]
    out += ["</body>", "</html>", ""]
    Path(path).write_bytes("\n".join(out).encode(encoding))
    return Path(path)


def _html_text(text: str, paragraphs: str) -> str:
    lines = [html.escape(line, quote=False) for line in _paragraphs(text)]
    if not text:
        return "&nbsp;"
    if paragraphs == "p":
        return "".join(f"<p>{line}</p>" for line in lines)
    return "<br>".join(lines)


def spec_from_text(path) -> dict:
    """The 2021 table as a writer spec: the text reader's rows, each merged lead cell
    spanning the rows that share it."""
    from tui.source.readers.text import read_text
    from tui.source.table import GridRow, Heading

    table = read_text(path.read_bytes(), path.name)
    body: list[dict] = []
    entries = table.body
    for k, entry in enumerate(entries):
        if isinstance(entry, Heading):
            body.append({"heading": entry.text})
            continue
        cells = []
        for i, (cell, starts) in enumerate(zip(entry.cells, entry.starts)):
            if not starts:
                continue
            span = 1
            for later in entries[k + 1 :]:
                if not isinstance(later, GridRow) or later.cells[i] is not cell:
                    break
                span += 1
            text = cell.text if cell is not None else ""
            cells.append({"text": text, "rowspan": span} if span > 1 else {"text": text})
        body.append({"cells": cells})
    return {"preamble": [text for text, _ in table.preamble], "header": [c.header for c in table.columns], "body": body}
