"""Word documents (.docx) → `SourceTable`.

The package first passes the safety gate (`tui/ooxml.py`, the `WORD_DOCUMENT` budget):
python-docx builds one lxml tree of every part, so a file whose elements or text would make
that tree too big is refused before it is built. python-docx then opens the package; the
body is walked as XML (python-docx's own cell
access is quadratic in the table size): paragraphs and tables in document order, each
table's `w:tr`/`w:tc` with `w:gridSpan`, `w:gridBefore` and `w:vMerge` read directly so
that a merged cell is one `Cell` at every grid position it covers.
"""

from __future__ import annotations

import io

from ... import ooxml
from ..table import Cell, Origin, SourceTable
from .grid import MAX_ROWS, Assembler, Grid, Where, check_zip, clean, refuse

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, TBL, TR, TC, T = _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "t"
_WRAPPERS = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag", _W + "ins", _W + "moveTo"}
_SKIP = {
    _W + "del",
    _W + "moveFrom",
    _W + "txbxContent",
    _MC + "Fallback",
    _W + "pPr",
    _W + "rPr",
    _W + "tcPr",
    _W + "trPr",
    _W + "tblPr",
    _W + "tblGrid",
    _W + "sectPr",
}
WORD_COLUMNS = 64  # Word itself allows 63
_CHARS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def read_docx(data: bytes, name: str) -> SourceTable:
    """Read a 任务分工 Word document. Raises ParseError for a file that is not a usable .docx
    or has no table with a header row."""
    check_zip(data, name, ".docx", ooxml.WORD_DOCUMENT)
    from docx import Document

    try:
        body = Document(io.BytesIO(data)).element.body
    except Exception as e:  # python-docx raises many kinds for a damaged package
        raise refuse(name, f"不是有效的 Word(.docx) 文件,或文件已损坏:{e}") from None
    out = Assembler(name)
    state = {"para": 0, "table": 0}
    _walk(body, out, state)
    searched = f"(文档中的 {state['table']} 个表格都没有)" if state["table"] else "(文档中没有表格)"
    return out.result(searched)


def _walk(parent, out: Assembler, state: dict) -> None:
    for el in parent.iterchildren():
        tag = el.tag
        if tag == P:
            lines = _paragraph_lines(el)
            if lines:
                state["para"] += 1
                for line in lines:
                    out.line(line, Origin(para=state["para"]))
        elif tag == TBL:
            state["table"] += 1
            t = state["table"]
            out.table(_grid(el, t, out.name), _cell_places(t), _row_places(t), f"第 {t} 个表格")
        elif tag in _WRAPPERS:
            _walk(el, out, state)


def _cell_places(t: int) -> Where:
    """Where each cell of the t-th table is."""
    return lambda r, g: Origin(table=t, row=r + 1, col=g + 1)


def _row_places(t: int) -> Where:
    """Where each row of the t-th table is."""
    return lambda r, g: Origin(table=t, row=r + 1)


def _grid(tbl, t: int, name: str) -> Grid:
    """The table as grid rows; vertical and horizontal merges share one Cell."""
    rows: Grid = []
    for r, tr in enumerate(_children(tbl, TR)):
        if r >= MAX_ROWS:
            raise refuse(name, f"第 {t} 个表格超过 {MAX_ROWS} 行的上限")
        above = rows[-1] if rows else []
        row: list[Cell | None] = [None] * max(0, min(_int(tr, "trPr", "gridBefore", 0), WORD_COLUMNS))
        for tc in _children(tr, TC):
            span = max(1, min(_int(tc, "tcPr", "gridSpan", 1), WORD_COLUMNS))
            if len(row) + span > WORD_COLUMNS:
                raise refuse(name, f"第 {t} 个表格第 {r + 1} 行超过 {WORD_COLUMNS} 列(Word 表格最多 63 列)")
            g = len(row)
            paragraphs = list(_cell_paragraphs(tc))
            vmerge = _merge(tc, "vMerge")
            cell: Cell | None = None
            if vmerge == "continue" and g < len(above) and above[g] is not None:
                cell = above[g]
            elif _merge(tc, "hMerge") == "continue" and row and row[-1] is not None:
                cell = row[-1]
            if cell is None:
                cell = Cell(paragraphs, Origin(table=t, row=r + 1, col=g + 1))
            elif paragraphs:  # text Word keeps hidden in a continued cell: not dropped
                here = Origin(table=t, row=r + 1, col=g + 1)
                cell.paragraphs.extend(paragraphs)
                cell.origins.extend([here] * len(paragraphs))
            row.extend([cell] * span)
        rows.append(row)
    return rows


def _children(el, tag: str):
    for child in el.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _int(el, pr: str, name: str, default: int) -> int:
    props = el.find(_W + pr)
    found = props.find(_W + name) if props is not None else None
    if found is None:
        return default
    try:
        return int(found.get(_W + "val", default))
    except ValueError:
        return default


def _merge(tc, name: str) -> str | None:
    """'restart', 'continue' or None for a cell's w:vMerge / w:hMerge."""
    props = tc.find(_W + "tcPr")
    found = props.find(_W + name) if props is not None else None
    if found is None:
        return None
    return "restart" if found.get(_W + "val") == "restart" else "continue"


def _cell_paragraphs(tc):
    """Non-blank lines of a cell, nested tables included, in order."""
    for el in tc.iterchildren():
        if el.tag == P:
            yield from _paragraph_lines(el)
        elif el.tag == TBL:
            for tr in _children(el, TR):
                for inner in _children(tr, TC):
                    yield from _cell_paragraphs(inner)
        elif el.tag in _WRAPPERS:
            yield from _cell_paragraphs(el)


def _paragraph_lines(p) -> list[str]:
    """A paragraph's text split at its line breaks, each line stripped, blank lines left out."""
    parts: list[str] = []
    _text(p, parts)
    return [line for line in (clean(x) for x in "".join(parts).split("\n")) if line]


def _text(el, parts: list[str]) -> None:
    for child in el.iterchildren():
        tag = child.tag
        if tag == T:
            parts.append(child.text or "")
        elif tag in _CHARS:
            parts.append(_CHARS[tag])
        elif tag not in _SKIP and isinstance(tag, str):
            _text(child, parts)
