"""Web pages (.html, as a browser or Word saves them) → `SourceTable`.

The page is decoded (BOM, then the declared charset, then UTF-8, then GB18030), passes the
safety gate (`tui/page_gate.py` `scan_page`: one streaming pass with lxml's parser and a
counting target — elements, nesting, table rows and cells — that builds no tree), is parsed with
lxml's HTML parser (no network, no entities beyond HTML's own), and walked in document
order: block elements and `<br>` end lines, tables become grids with their rowspan and
colspan placed exactly. A table that only lays out the page (it holds other tables and
no header row) is walked through like any block.
"""

from __future__ import annotations

import codecs
import re

from ... import ooxml, page_gate
from ..chars import BLANKS
from ..glosses import GLOSSES_REMOVED, strip_glosses
from ..headers import header_problem
from ..table import Cell, Note, Origin, SourceTable
from .grid import MAX_COLUMNS, Assembler, FileOrigin, Grid, check_size, clean, gate_refusal, refuse, text_role

_BLOCKS = frozenset(
    """address article aside blockquote caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary
    table tbody td tfoot th thead tr ul""".split()
)
_SKIP = frozenset("head script style noscript template title iframe object select option textarea svg math".split())
_GB = {"gbk", "gb2312", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "csgb2312", "ms936", "windows-936"}
_META = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_UNTRUSTED = re.compile(r"^(utf-16|utf-32|iso8859-\d+|cp125\d|ascii|latin-?1|mac-)")
_SPACE = re.compile(r"[ \t\n\r\f]+")
_BREAK = object()
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def read_html(data: bytes, name: str) -> SourceTable:
    """Read the first table with a 任务分工 header row and the tables that continue it.
    Raises ParseError for a page that cannot be decoded or has no header row."""
    check_size(data, name)
    text, note = _decode(data, name)
    text = _XML_DECL.sub("", text, count=1)
    unglossed = strip_glosses(text)  # a mirror's pinyin glosses (`區(qū)`), as in its text (glosses.py)
    glossed, text = unglossed != text, unglossed
    try:
        page_gate.scan_page(text)
    except ooxml.Refused as r:
        raise gate_refusal(name, r) from None
    from lxml import etree

    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
    try:
        root = etree.fromstring(text, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as e:
        raise refuse(name, f"不是可读的网页文件:{e}") from None
    fatal = [e.message for e in parser.error_log if e.level_name == "FATAL"]
    if fatal:  # libxml2 stops there (e.g. nesting deeper than 256): the rest of the page would be missing
        raise refuse(name, f"网页无法完整读取:{fatal[0]}")
    out = Assembler(name)
    if note:
        out.notes.append(note)
    if glossed:
        out.notes.append(Note(Origin(), "glosses_removed", GLOSSES_REMOVED))
    if root is None:
        raise refuse(name, "网页是空的")
    walker = _Walker(out)
    walker.block(root)
    walker.flush()
    searched = f"(网页中的 {walker.tables} 个表格都没有)" if walker.tables else "(网页中没有表格)"
    return out.result(searched)


# -- decoding ---------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> tuple[str, Note | None]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), None
            except UnicodeDecodeError:
                raise refuse(name, f"网页以 {codec.upper()} 标记开头,但内容不是 {codec.upper()} 文字") from None
    # Valid UTF-8 is taken as UTF-8 whatever the page declares: GBK text is practically never
    # valid UTF-8, while UTF-8 text can pass for GBK and come out as junk.
    label, declared = _declared(data)
    here = FileOrigin(file=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if label is None or declared == "utf-8" or data.isascii():
            return text, None
        return text, Note(here, "charset_mismatch", f"网页声明的编码是 {label},但内容是 UTF-8,按 UTF-8 读取", "warning")
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), None
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise refuse(name, "无法识别网页的文字编码(既不是 UTF-8,也不是 GBK/GB18030)") from None
    if label:
        return text, Note(here, "charset_mismatch", f"网页声明的编码是 {label},但内容按 GB18030 才能读出", "warning")
    return text, Note(here, "charset_guessed", "网页没有声明编码,按 GB18030(GBK)读取")


def _declared(data: bytes) -> tuple[str | None, str | None]:
    """The charset a page declares, and the codec to decode it with (None: do not trust it —
    UTF-16 without a BOM, or a Western single-byte set that would turn Chinese into junk)."""
    m = _META.search(data[:65536])
    if not m:
        return None, None
    label = m.group(1).decode("ascii").lower()
    if label in _GB:
        return label, "gb18030"
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return label, None
    if _UNTRUSTED.match(codec):
        return label, None
    return label, codec


# -- walking ----------------------------------------------------------------------------


def _tag(el) -> str | None:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else None


def _flow(el, out: list, on_table=None) -> None:
    """Text pieces and line breaks of an element's content, in order. A table goes to
    `on_table` when given, else its cells are blocks like any other."""
    if el.text:
        out.append(el.text)
    for child in el:
        tag = _tag(child)
        if tag is not None and tag not in _SKIP:
            if tag == "table" and on_table is not None:
                on_table(child)
            elif tag == "br":
                out.append(_BREAK)
            elif tag in _BLOCKS:
                out.append(_BREAK)
                _flow(child, out, on_table)
                out.append(_BREAK)
            else:
                _flow(child, out, on_table)
        if child.tail:
            out.append(child.tail)


def _lines(pieces: list) -> list[str]:
    lines: list[str] = []
    current: list[str] = []
    for piece in pieces + [_BREAK]:
        if piece is _BREAK:
            if line := clean(_collapse("".join(current))):
                lines.append(line)
            current = []
        else:
            current.append(piece)
    return lines


def _collapse(text: str) -> str:
    """HTML white space: a run becomes one space; a line break between two CJK characters
    (Word wraps its saved pages anywhere) becomes nothing."""

    def one(m: re.Match) -> str:
        if "\n" in m.group() or "\r" in m.group():
            before = text[m.start() - 1] if m.start() else ""
            after = text[m.end()] if m.end() < len(text) else ""
            if _wide(before) and _wide(after):
                return ""
        return " "

    return _SPACE.sub(one, text)


def _wide(c: str) -> bool:
    return bool(c) and ord(c) >= 0x2E80 and c not in BLANKS


def _own_rows(table) -> list:
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(tr for tr in child if _tag(tr) == "tr")
    return rows


def _span(el, attr: str, most: int, zero: int = 1) -> int:
    """A rowspan/colspan value, at most `most`; 0 means `zero` (rowspan="0": to the end)."""
    m = re.match(r"\s*(\d+)", el.get(attr) or "")
    n = int(m.group(1)) if m else 1
    return zero if n == 0 else max(1, min(n, most))


class _Walker:
    """Feeds a page's lines and tables to the assembler in document order."""

    def __init__(self, out: Assembler):
        self.out = out
        self.pieces: list = []
        self.para = 0
        self.tables = 0

    def flush(self) -> None:
        for line in _lines(self.pieces):
            self.para += 1
            self.out.line(line, Origin(para=self.para))
        self.pieces.clear()

    def block(self, el) -> None:
        _flow(el, self.pieces, self.table)

    def table(self, el) -> None:
        rows = _own_rows(el)
        nested = el.find(".//table") is not None
        if nested and not self._has_header(rows):
            self.pieces.append(_BREAK)  # a layout table: its cells are just blocks of the page
            for tr in rows:
                for td in tr:
                    if _tag(td) in ("td", "th"):
                        self.pieces.append(_BREAK)
                        self.block(td)
                        self.pieces.append(_BREAK)
            return
        self.flush()
        self.tables += 1
        t = self.tables
        grid = _grid(rows, t, self.out.name)
        self.out.table(
            grid,
            lambda r, g: Origin(table=t, row=r + 1, col=g + 1),
            lambda r, g: Origin(table=t, row=r + 1),
            f"第 {t} 个表格",
        )

    @staticmethod
    def _has_header(rows) -> bool:
        for tr in rows:
            roles = [text_role("".join(_lines(_cell_pieces(td)))) for td in tr if _tag(td) in ("td", "th")]
            if len(roles) >= 2 and header_problem(roles) is None:
                return True
        return False


def _cell_pieces(td) -> list:
    pieces: list = []
    _flow(td, pieces)
    return pieces


def _grid(rows, t: int, name: str) -> Grid:
    """Place each cell at the grid positions its rowspan and colspan cover (the gate has
    bounded the rows and cells of all tables together)."""
    grid: Grid = [[] for _ in rows]
    covered = 0  # grid positions spanned cells cover: a rowspan of thousands times a colspan of 50 is refused
    for r, tr in enumerate(rows):
        g = 0
        for td in tr:
            if _tag(td) not in ("td", "th"):
                continue
            line = grid[r]
            while g < len(line) and line[g] is not None:
                g += 1
            down = _span(td, "rowspan", len(rows) - r, zero=len(rows) - r)
            across = _span(td, "colspan", MAX_COLUMNS)
            if g + across > MAX_COLUMNS:
                raise refuse(name, f"第 {t} 个表格第 {r + 1} 行超过 {MAX_COLUMNS} 列的上限")
            if down * across > 1:
                covered += down * across
                if covered > ooxml.MAX_RANGE_CELLS:
                    raise refuse(
                        name,
                        f"第 {t} 个表格的合并单元格(rowspan/colspan)共覆盖超过 {ooxml.MAX_RANGE_CELLS} "
                        f"个单元格的上限(读到第 {r + 1} 行第 {g + 1} 列时停止),未读取",
                    )
            cell = Cell(_lines(_cell_pieces(td)), Origin(table=t, row=r + 1, col=g + 1))
            for rr in range(r, r + down):
                below = grid[rr]
                if len(below) < g + across:
                    below.extend([None] * (g + across - len(below)))
                for gg in range(g, g + across):
                    if below[gg] is None:
                        below[gg] = cell
            g += across
    return grid
