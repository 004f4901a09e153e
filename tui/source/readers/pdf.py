"""PDF files with a text layer → `SourceTable` (pdfplumber, imported here only).

A ruled table becomes grid cells: the cell boxes pdfplumber finds are placed on the grid of
all their edges, so a merged cell is one `Cell` at every position it covers, and each word goes
to the cell that holds its centre. The lines outside the tables, page by page, are fed in reading
order between them (headings, the title and the number above the table); page numbers
(`— 3 —`, `第 3 页`) are dropped. A PDF without a table whose lines name units in brackets is a
prose breakdown (the grid assembler hands it to the prose reader). A PDF without any text is a
scan: refused, saying so and what to do.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from ..script import text_found
from ..table import Cell, Note, Origin, SourceTable
from .grid import Assembler, Grid, Where, clean, refuse

if TYPE_CHECKING:
    from pdfplumber.table import Table

MAX_PAGES = 300
_PAGE_NUMBER = re.compile(
    r"^[—\-－–\s]*\d{1,4}[—\-－–\s]*$|^第\s*\d{1,4}\s*页(\s*[,，/／共]\s*\d{1,4}\s*页?)?$"
    r"|^\d{1,4}\s*[/／]\s*\d{1,4}$"
)
# A line that starts its own paragraph even after a full one: a document number or a date;
# and how a paragraph ends (a full line ending so is not wrapped).
_STANDS_ALONE = re.compile(r"^\S{0,14}[〔\[［(（【]\d{4}[〕\]］)）】]\d{1,4}号$|^\d{4}年\d{1,2}月\d{1,2}日$")
_ENDS = ("。", "：", ":", "；", ";", "！", "？", "”", "」", "》", ")", "）", "通知", "方案", "分工", "清单", "要点")
_SNAP = 2.0  # points: edges this close are one edge
_LINE_GAP = 3.0  # points: words whose tops are this close are one line


def read_pdf(data: bytes, name: str) -> SourceTable:
    try:
        from pdfplumber.pdf import PDF
    except ImportError:
        raise refuse(name, "读取 PDF 需要 pdfplumber(pip install pdfplumber)") from None
    try:
        pdf = PDF(io.BytesIO(data))  # bytes in memory: no file is opened
        pdf.pages  # noqa: B018 - the page tree is read here: a damaged file fails now
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds for a damaged file
        raise refuse(name, "不是有效的 PDF 文件,或文件已损坏") from e
    with pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise refuse(name, f"有 {len(pdf.pages)} 页,超过 {MAX_PAGES} 页的上限")
        chars = 0
        pieces: list = []
        for number, page in enumerate(pdf.pages, start=1):
            try:
                chars += len(page.chars)
                if number == 1:  # the script of a PDF shows in its text only (its cells are read next)
                    text_found("".join(c["text"] for c in page.chars[:3000]))
                pieces += _page(page, number, sum(1 for p in pieces if p[0] == "table"))
            except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds for a damaged page
                raise refuse(name, f"第 {number} 页无法读取(文件可能已损坏)") from e
    if chars == 0:
        raise refuse(
            name,
            "是扫描件(没有文字层),无法读出文字:请向发文单位索取 Word 版或网页版,"
            "或用 gongkai-tui template 写出任务分工表、照原文填写后载入",
        )
    out = Assembler(name)
    tables = 0
    for piece in _rows_across_pages(pieces, out):
        if piece[0] == "line":
            out.line(piece[1], piece[2])
            continue
        tables += 1
        _, grid, places, label = piece
        out.table(grid, _cell_places(places), _row_places(places), label)
    return out.result(f"(PDF 中的 {tables} 个表格都没有)" if tables else "(PDF 中没有画线的表格)")


def _cell_places(places: list[Origin]) -> Where:
    """Where each cell of a table is, from where each of its grid rows is."""
    return lambda r, g: Origin(page=places[r].page, table=places[r].table, row=places[r].row, col=g + 1)


def _row_places(places: list[Origin]) -> Where:
    return lambda r, g: places[r]


def _page(page, number: int, tables: int) -> list:
    """The page's pieces in reading order: ("line", text, origin) and ("table", grid, the
    origin of each grid row, label); page numbers left out."""
    found = page.find_tables()
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
    boxes = [t.bbox for t in found]
    ordered: list[tuple[float, str | Table]] = []  # a line's text, or a table, by its top
    loose = [w for w in words if not any(_inside(w, b) for b in boxes)]
    for top, text in _paragraph_lines(loose, float(page.width)):
        ordered.append((top, text))
    for t in found:
        ordered.append((t.bbox[1], t))
    ordered.sort(key=lambda p: p[0])
    out: list = []
    line_no = 0
    for _, content in ordered:
        if isinstance(content, str):
            line_no += 1
            if not _PAGE_NUMBER.match(content.strip()):
                out.append(("line", content, Origin(page=number, line=line_no)))
            continue
        tables += 1
        grid = _grid(content, [w for w in words if _inside(w, content.bbox)], number, tables)
        if grid:
            places = [Origin(page=number, table=tables, row=r + 1) for r in range(len(grid))]
            out.append(("table", grid, places, f"第 {number} 页的表格"))
    return out


def _rows_across_pages(pieces: list, out: Assembler) -> list:
    """A table that goes on from the page before (nothing but a page number between them, the
    same width) is one table: its repeated header rows go, and a first row that only finishes
    the row the page cut (cells empty where that row has text, not starting an item or a
    heading) is joined to it."""
    from ..headers import role_of
    from ..headings import heading_of
    from ..numbering import leading_number

    merged: list = []
    for piece in pieces:
        prev = merged[-1] if merged else None
        if (
            piece[0] != "table"
            or prev is None
            or prev[0] != "table"
            or piece[2][0].page != prev[2][-1].page + 1
            or len(piece[1][0]) != len(prev[1][0])
        ):
            merged.append(piece)
            continue
        _, grid, places, _ = piece
        rows, origins = list(grid), list(places)
        while rows and all(c is None or role_of(c.text) for c in rows[0]) and any(rows[0]):
            rows.pop(0)  # the header, repeated at the page's top
            origins.pop(0)
        last = prev[1][-1]
        if rows:
            first = rows[0]
            text = next((c.text for c in first if c is not None), "")
            cut = (
                any(c is None and above is not None for c, above in zip(first, last))
                and leading_number(text) is None
                and heading_of(text) is None
            )
            if cut:
                for g, cell in enumerate(first):
                    if cell is None or cell is last[g]:
                        continue
                    if last[g] is None:
                        last[g] = cell
                        continue
                    last[g].paragraphs[-1] += cell.paragraphs[0]
                    last[g].paragraphs += cell.paragraphs[1:]
                    last[g].origins += cell.origins[1:]
                out.notes.append(Note(origins[0], "row_continued", "跨页的一行:接在上一页最后一行之后"))
                rows.pop(0)
                origins.pop(0)
        prev[1].extend(rows)
        prev[2].extend(origins)
    return merged


def _inside(word: dict, box: tuple) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _join(words: list[dict]) -> str:
    """Words of one line, left to right: no space between Chinese characters."""
    text = ""
    for w in sorted(words, key=lambda w: w["x0"]):
        if text and (text[-1].isascii() and w["text"][:1].isascii()):
            text += " "
        text += w["text"]
    return text


def _grouped(words: list[dict]) -> list[tuple[float, list[dict]]]:
    """Words in lines (tops this close together), top to bottom."""
    out: list[tuple[float, list[dict]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if out and abs(out[-1][0] - w["top"]) <= _LINE_GAP:
            out[-1][1].append(w)
        else:
            out.append((w["top"], [w]))
    return out


def _lines(words: list[dict]) -> list[tuple[float, str]]:
    return [(top, _join(ws)) for top, ws in _grouped(words)]


def _paragraph_lines(words: list[dict], width: float) -> list[tuple[float, str]]:
    """Lines outside tables, a paragraph each: a line that reaches the right margin was
    wrapped by the page (it reaches the right margin), and the next one goes on with it unless it starts a heading or an
    item (`一、` `(一)` `1.`)."""
    from ..headings import heading_of
    from ..numbering import leading_number

    grouped = _grouped(words)
    if not grouped:
        return []
    # The text area's right edge, taking the margins as equal (the widest line of a short page
    # is not necessarily wrapped).
    right = width - min(w["x0"] for _, ws in grouped for w in ws)
    out: list[tuple[float, str]] = []
    wrapped = False
    for top, ws in grouped:
        text = _join(ws)
        size = max((w.get("size") or 10) for w in ws)
        if (
            wrapped
            and out
            and heading_of(text) is None
            and leading_number(text) is None
            and not _STANDS_ALONE.match(text)
            and not out[-1][1].endswith(_ENDS)
        ):
            out[-1] = (out[-1][0], out[-1][1] + text)
        else:
            out.append((top, text))
        wrapped = max(w["x1"] for w in ws) >= right - 1.5 * size
    return out


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    k = bisect_left(edges, v - _SNAP)
    return min(k, len(edges) - 1)


def _grid(table, words: list[dict], page: int, number: int) -> Grid:
    """The table's cells on the grid of all their edges; a box over several grid positions is
    one Cell at each of them."""
    boxes = [c for c in table.cells if c is not None]
    if not boxes:
        return []
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    rows, cols = len(ys) - 1, len(xs) - 1
    grid: Grid = [[None] * cols for _ in range(rows)]
    for box in boxes:
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        inside = [w for w in words if _inside(w, box)]
        paragraphs = [p for p in (clean(text) for _, text in _lines(inside)) if p]
        if not paragraphs or r1 <= r0 or c1 <= c0:
            continue
        cell = Cell(_paragraphs(paragraphs), Origin(page=page, table=number, row=r0 + 1, col=c0 + 1))
        for r in range(r0, r1):
            for c in range(c0, c1):
                grid[r][c] = cell
    return grid


def _paragraphs(lines: list[str]) -> list[str]:
    """A cell's printed lines as its paragraphs: a line wrapped by the cell's width continues the
    one before unless it starts a numbered item."""
    from ..numbering import leading_number

    out: list[str] = []
    for line in lines:
        if out and leading_number(line) is None and not out[-1].endswith(("。", ";", "；", ":", "：")):
            out[-1] += line
        else:
            out.append(line)
    return out
