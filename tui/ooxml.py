"""One safety gate for every zip and XML file we read: 任务清单 workbooks (`tui/workbook`)
and 任务分工 documents (`tui/source/readers`), today's formats and those to come.

Files come from other offices: untrusted input (DESIGN.md §4, §5). A parser that builds a
tree or a cell per covered position (python-docx, lxml, openpyxl) pays for what the file
*claims*: a 5 KB sheet merging `D20:XFD1048576` made openpyxl build 17 billion cells. So
every reader first passes, on bounded work, the checks here; a broken limit is refused when
it is reached, not after reading everything:

1. `regular_file.read_regular_file` (its own module, on the `Refused` and `MAX_FILE_BYTES` here): `stat` first (a FIFO would block `open`), open without blocking,
   `fstat` the open file (it may have been swapped), read at most `MAX_FILE_BYTES`.
2. `check_package`: the zip directory (member count, each member's and the total
   uncompressed size, compression ratio), then every member is decompressed once, counting
   the bytes really produced — a lying header gains nothing.
3. `scan_package`: one streaming expat pass over the XML parts (no tree is built): a DTD or
   entity declaration is refused outright; nesting depth, elements and characters are counted
   against the reader's `Budget`; in sheets, rows and cells are counted as they come (the
   `<dimension>` tag is never trusted; a row's number counts once it holds a value, since
   LibreOffice ends a sheet with an empty row 1048576 after a row is deleted), merged ranges
   and hyperlinks are counted and the cells they cover summed — from the range text, before
   anything covers them. Readers read a sheet as far as its `SheetSize` (the cells with values).

There is one set of thresholds, all here. The zip and XML-safety limits are the same for
every reader; a `Budget` says what one kind of file may hold, sized to what its reader builds
from it (a lxml tree per Word element; a streamed row per sheet row).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from array import array
from dataclasses import dataclass, field
from xml.parsers import expat

from .cell_refs import CELL_REF as _CELL_REF, column_letters, column_number, range_area

MB = 1024 * 1024

# -- the file ------------------------------------------------------------------------------
MAX_FILE_BYTES = 20 * MB  # an export of 20,000 lines is about 2.5 MB

# -- the zip package -------------------------------------------------------------------------
MAX_ZIP_MEMBERS = 1_000  # an export has 16
MAX_MEMBER_UNZIPPED_BYTES = 80 * MB  # the sheet of a 20,000-line export is 37 MB
MAX_TOTAL_UNZIPPED_BYTES = 100 * MB
MAX_COMPRESSION_RATIO = 200  # uncompressed / compressed; an export's sheet is about 16
RATIO_CHECKED_ABOVE_BYTES = 1 * MB  # small members (a blank sheet) compress far better and are harmless

# -- the XML ---------------------------------------------------------------------------------
MAX_XML_DEPTH = 256  # libxml2's own limit without huge_tree; a Word table in a table is ~20 deep
MAX_RANGE_CELLS = 400_000  # cells covered by merged ranges and hyperlinks, all sheets together
MAX_MERGED_RANGES = 20_000  # merged ranges, all sheets together (an export's per page and group)
MAX_SHEETS = 255
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell; any sheet, any cell
MAX_PROBLEMS = 50  # cell-level problems listed per file; the rest are counted

_MALICIOUS = "(文件可能是恶意构造的),未读取"


@dataclass(frozen=True)
class Budget:
    """What one kind of file may hold, all its XML parts together. None: no limit of that kind."""

    elements: int  # XML elements (a lxml tree costs ~300 bytes each)
    cells: int  # sheet cells (`<c>`), all sheets
    rows: int  # highest row number a sheet may use
    rows_named: int  # the row limit as messages name it
    text: int | None = None  # characters of text (and of attribute values, for a tree)
    tree: bool = False  # the reader builds a tree of every element (attribute values cost too)


# A 任务清单 import: lines under the header of 任务清单 (and of every other sheet).
MAX_DATA_ROWS = 100_000
HEADER_SCAN_ROWS = 20  # the header row is looked for in the first 20 rows
MAX_SHEET_ROWS = MAX_DATA_ROWS + HEADER_SCAN_ROWS  # highest row number any sheet may use
MAX_CELLS = 500_000  # a 20,000-line export with its 导出时的值 sheet has 460,000
MAX_XML_ELEMENTS = 8_000_000  # a 20,000-line export has ~1.3 million, streamed by openpyxl
WORKBOOK = Budget(elements=MAX_XML_ELEMENTS, cells=MAX_CELLS, rows=MAX_SHEET_ROWS, rows_named=MAX_DATA_ROWS)

# 任务分工 documents: 20,000 rows of at most 50 columns (tui/source/readers/grid.py). A Word
# file becomes one lxml tree (python-docx), so its elements and text are what costs memory:
# 500,000 elements and 8 million characters stay under 300 MB (254 MB measured, RESULTS.md);
# a Word table of 1,800 rows of 40 formatted runs, or of 12,000 rows of one run a cell, has
# that many. A sheet is streamed: its cells are what costs.
DOCUMENT_ROWS = 20_000
DOCUMENT_COLUMNS = 50
SHEET_DOCUMENT = Budget(
    elements=MAX_XML_ELEMENTS, cells=200_000, rows=DOCUMENT_ROWS, rows_named=DOCUMENT_ROWS, text=20_000_000
)
WORD_DOCUMENT = Budget(elements=500_000, cells=0, rows=0, rows_named=0, text=8_000_000, tree=True)
# Plain text: no tree, but the text reader keeps every line and scans them all for the header
# (800,000 lines without one took 8 s). 300,000 lines hold about 17,000 rows written like the
# 2021 document (18 lines a row, blank ones included): 240 times its size.
MAX_TEXT_LINES = 300_000
# How far into a document its shape is judged (where its header is; a table, `|` cells, prose or a
# list of subjects): a notice and its preamble take some tens of lines, a web page's residue some
# hundreds; judging every line of a 19 MB text took 12 s, cutting all of it into cells 26 s.
JUDGED_LINES = 3_000
# A web page becomes one lxml tree too (~250 bytes an element); its text is bounded by the file.
WEB_PAGE = Budget(elements=500_000, cells=200_000, rows=DOCUMENT_ROWS, rows_named=DOCUMENT_ROWS)


@dataclass
class Refused(Exception):
    """A limit broken; each reader turns it into its own error naming the file."""

    message: str
    sheet: str | None = None
    cell: str | None = None


def size_text(n: int) -> str:
    return f"{n / MB:.1f} MB"


# -- 2. the zip package ----------------------------------------------------------------------------


def check_package(data: bytes, kind: str = "工作簿") -> None:
    """Refuse a zip whose directory, or whose actual content, would unpack to too much.
    The caller has checked that `data` is a zip at all; `kind` names it in a refusal."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                raise Refused(f"压缩包中有 {len(infos)} 个部件,超过 {MAX_ZIP_MEMBERS} 个的上限{_MALICIOUS}")
            total = 0
            for i in infos:
                total += i.file_size
                if i.file_size > MAX_MEMBER_UNZIPPED_BYTES:
                    raise Refused(
                        f"其中的「{i.filename[:80]}」解压后有 {size_text(i.file_size)},超过 "
                        f"{MAX_MEMBER_UNZIPPED_BYTES // MB} MB 的上限{_MALICIOUS}"
                    )
                if i.file_size > RATIO_CHECKED_ABOVE_BYTES and i.file_size > MAX_COMPRESSION_RATIO * max(
                    i.compress_size, 1
                ):
                    raise Refused(f"其中的「{i.filename[:80]}」压缩比超过 {MAX_COMPRESSION_RATIO} 倍{_MALICIOUS}")
            if total > MAX_TOTAL_UNZIPPED_BYTES:
                raise Refused(
                    f"解压后共有 {size_text(total)},超过 {MAX_TOTAL_UNZIPPED_BYTES // MB} MB 的上限{_MALICIOUS}"
                )
            produced = 0
            for i in infos:  # the directory can lie: count what decompression really yields
                n = 0
                try:
                    with z.open(i) as member:
                        while chunk := member.read(1 << 20):
                            n += len(chunk)
                            produced += len(chunk)
                            if n > i.file_size or n > MAX_MEMBER_UNZIPPED_BYTES or produced > MAX_TOTAL_UNZIPPED_BYTES:
                                raise Refused(f"其中的「{i.filename[:80]}」实际解压后超过声明的大小或上限{_MALICIOUS}")
                except (
                    zipfile.BadZipFile,
                    zlib.error,
                    EOFError,
                ) as e:  # zipfile stops at the declared size: the CRC fails
                    raise Refused(
                        f"其中的「{i.filename[:80]}」解压后的内容与压缩包目录记录的不符"
                        f"(文件已损坏,或是谎报大小的恶意文件),未读取:{e}"
                    ) from None
    except Refused:
        raise
    except zipfile.BadZipFile as e:  # includes a CRC mismatch: the data is not what the directory says
        raise Refused(f"无法打开{kind}(文件已损坏):{e}") from None
    except (RuntimeError, NotImplementedError) as e:  # encrypted members, unknown compression
        raise Refused(f"无法打开{kind}(压缩包的部件已加密或压缩方式不受支持):{e}") from None
    except (zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError) as e:
        raise Refused(f"无法打开{kind}(文件已损坏):{e}") from None


# -- 3. the XML parts ------------------------------------------------------------------------------

_SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_WORKBOOK_TYPES = (
    "spreadsheetml.sheet.main+xml",
    "spreadsheetml.template.main+xml",
    "ms-excel.sheet.macroEnabled.main+xml",
    "ms-excel.template.macroEnabled.main+xml",
)
_OFFICE_DOCUMENT = "/officeDocument"


@dataclass
class SheetSize:
    """A sheet as its cells show it (never as its `<dimension>` claims): the highest row and
    column holding a value, and its merged ranges as written (`B5:B9`)."""

    rows: int = 0
    columns: int = 0
    merged: list[str] = field(default_factory=list)


@dataclass
class _Package:
    """What the scan learns and counts across all XML parts."""

    budget: Budget
    overrides: dict[str, str] = field(default_factory=dict)  # part name → content type
    xml_extensions: set[str] = field(default_factory=lambda: {"xml", "rels"})  # parts of these are XML
    relationships: dict[str, dict[str, tuple[str, str]]] = field(
        default_factory=dict
    )  # rels part → id → (type, target)
    sheets: list[tuple[str, str]] = field(default_factory=list)  # (title, relationship id)
    sizes: dict[str, SheetSize] = field(default_factory=dict)  # sheet title (or part name) → its size
    shared: array = field(default_factory=lambda: array("l"))  # length of each shared string
    elements: int = 0
    text: int = 0
    cells: int = 0
    ranges: int = 0
    range_cells: int = 0
    problems: list[Refused] = field(default_factory=list)
    more_problems: int = 0

    def problem(self, refused: Refused) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(refused)
        else:
            self.more_problems += 1

    def add_text(self, n: int) -> None:
        self.text += n
        if self.budget.text is not None and self.text > self.budget.text:
            raise Refused(f"文字超过 {self.budget.text} 个字符的上限{_MALICIOUS}")


class _Part:
    """expat handlers for one XML part. The first element names the part's kind; the handlers
    are then swapped for that kind's (a sheet of 200,000 cells calls them 600,000 times:
    every test saved there is time a hostile file cannot take)."""

    def __init__(self, package: _Package, name: str, title: str | None, parser):
        self.pkg, self.name, self.title, self.parser = package, name, title, parser
        budget = package.budget
        self.max_elements = budget.elements
        self.count_text = budget.text is not None
        self.count_attributes = self.count_text and budget.tree
        self.depth = 0
        self.size: SheetSize | None = None
        # worksheet state
        self.row = 0
        self.rows = 0
        self.col = 0
        self.cell: str | None = None
        self.cell_type = "n"
        self.cell_chars = 0
        self.has_value = False
        self.value = ""
        self.in_value = False
        self.columns: dict[str, int] = {}  # column letters → number, for the letters met
        # sharedStrings state
        self.in_si = False
        self.in_phonetic = False
        self.in_text = False
        self.chars = 0

    def where(self) -> str:
        return self.title or self.name

    # -- what every element costs ---------------------------------------------------------

    def _enter(self, attrs: dict[str, str]) -> None:
        pkg = self.pkg
        pkg.elements += 1
        self.depth += 1
        if pkg.elements > self.max_elements:
            raise Refused(f"XML 元素超过 {self.max_elements} 个的上限{_MALICIOUS}")
        if self.depth > MAX_XML_DEPTH:
            raise Refused(f"「{self.name[:80]}」的 XML 嵌套超过 {MAX_XML_DEPTH} 层的上限{_MALICIOUS}")
        if attrs and self.count_attributes:
            pkg.add_text(sum(map(len, attrs.values())))

    def first(self, tag: str, attrs: dict[str, str]) -> None:
        """The root element: choose the handlers for this kind of part."""
        local = tag.rpartition(" ")[2]
        parser = self.parser
        start, end = {
            "worksheet": (self.sheet_start, self.sheet_end),
            "sst": (self.sst_start, self.sst_end),
            "Types": (self.types_start, self.leave),
            "Relationships": (self.rels_start, self.leave),
            "workbook": (self.workbook_start, self.leave),
        }.get(local, (self.other_start, self.leave))
        if local == "worksheet":
            self.size = self.pkg.sizes.setdefault(self.where(), SheetSize())
        parser.StartElementHandler, parser.EndElementHandler = start, end
        start(tag, attrs)

    def leave(self, tag: str) -> None:
        self.depth -= 1

    def data(self, text: str) -> None:
        if self.count_text:
            self.pkg.add_text(len(text))
        if self.in_value:
            self.cell_chars += len(text)
            if len(self.value) < 12:
                self.value += text[:12]
        elif self.in_text:
            self.chars += len(text)

    # -- worksheets -------------------------------------------------------------------------

    def sheet_start(self, tag: str, attrs: dict[str, str]) -> None:
        self._enter(attrs)
        local = tag[tag.rfind(" ") + 1 :]
        if local == "c":
            self._cell(attrs)
        elif local in ("v", "t", "f", "is"):
            if self.cell is not None:
                self.in_value = local != "is"
                self.has_value = True
        elif local == "row":
            r = attrs.get("r", "")
            self.row = int(r) if r.isdigit() and len(r) < 10 else self.row + 1
            self.rows += 1
            self.col = 0
            if self.rows > self.pkg.budget.rows:  # row elements, with or without cells
                self._too_many_rows(self.rows)
        elif local in ("mergeCell", "hyperlink"):
            self._range(local, attrs.get("ref", ""))

    def _too_many_rows(self, at: int) -> None:
        raise Refused(f"超过 {self.pkg.budget.rows_named} 行的上限(读到第 {at} 行时停止),未读取", self.where())

    def _cell(self, attrs: dict[str, str]) -> None:
        pkg = self.pkg
        pkg.cells += 1
        if pkg.cells > pkg.budget.cells:
            raise Refused(f"单元格超过 {pkg.budget.cells} 个的上限{_MALICIOUS}", self.where())
        ref = attrs.get("r")
        col = None
        if ref:
            letters = ref.rstrip("0123456789")
            col = self.columns.get(letters)
            if col is None and _CELL_REF.match(ref):
                col = self.columns[letters] = column_number(letters)
        if col is None:
            self.col += 1
            self.cell = f"{column_letters(self.col)}{self.row}"
        else:
            self.col, self.cell = col, ref
        self.cell_type = attrs.get("t", "n")
        self.cell_chars = 0
        self.has_value = False
        self.value = ""

    def _range(self, local: str, ref: str) -> None:
        """A merged range or hyperlink: openpyxl makes a cell for every cell it covers, and a
        reader places the merged cell at each of them, so the cells covered are budgeted."""
        pkg = self.pkg
        what = "合并单元格" if local == "mergeCell" else "超链接"
        shown = ref[:40]
        area = range_area(ref)
        if area > MAX_RANGE_CELLS:
            raise Refused(
                f"{what} {shown} 覆盖 {area} 个单元格,超过 {MAX_RANGE_CELLS} 个的上限{_MALICIOUS}", self.where()
            )
        pkg.range_cells += area
        if pkg.range_cells > MAX_RANGE_CELLS:
            raise Refused(
                f"{what}共覆盖超过 {MAX_RANGE_CELLS} 个单元格的上限(读到 {shown} 时停止){_MALICIOUS}", self.where()
            )
        if local == "mergeCell":
            pkg.ranges += 1
            if pkg.ranges > MAX_MERGED_RANGES:
                raise Refused(
                    f"合并单元格超过 {MAX_MERGED_RANGES} 处的上限(读到 {shown} 时停止){_MALICIOUS}", self.where()
                )
            if self.size is not None:
                self.size.merged.append(ref)

    def sheet_end(self, tag: str) -> None:
        self.depth -= 1
        local = tag[tag.rfind(" ") + 1 :]
        if local == "c" and self.cell is not None:
            chars = self.cell_chars
            if self.cell_type == "s":
                v = self.value.strip()
                if v.isdigit() and int(v) < len(self.pkg.shared):
                    chars = self.pkg.shared[int(v)]
            if chars > MAX_CELL_CHARS:
                self.pkg.problem(
                    Refused(
                        f"单元格有 {chars} 个字符,超过 Excel 单元格 {MAX_CELL_CHARS} 个字符的上限,"
                        "不是 Excel/WPS 能保存的内容",
                        self.where(),
                        self.cell,
                    )
                )
            if self.has_value and self.row > self.pkg.budget.rows:  # a row with content, by its number
                self._too_many_rows(self.row)
            size = self.size
            if self.has_value and size is not None:
                if self.row > size.rows:
                    size.rows = self.row
                if self.col > size.columns:
                    size.columns = self.col
            self.cell = None
            self.in_value = False
        elif local in ("v", "t", "f"):
            self.in_value = False

    # -- shared strings ----------------------------------------------------------------------

    def sst_start(self, tag: str, attrs: dict[str, str]) -> None:
        self._enter(attrs)
        local = tag[tag.rfind(" ") + 1 :]
        if local == "si":
            self.in_si, self.chars = True, 0
            if len(self.pkg.shared) >= self.pkg.budget.cells:
                raise Refused(f"共享字符串超过 {self.pkg.budget.cells} 个的上限{_MALICIOUS}")
        elif local == "rPh":
            self.in_phonetic = True
        elif local == "t" and self.in_si and not self.in_phonetic:
            self.in_text = True

    def sst_end(self, tag: str) -> None:
        self.depth -= 1
        local = tag[tag.rfind(" ") + 1 :]
        if local == "si":
            self.pkg.shared.append(self.chars)
            self.in_si = False
        elif local == "rPh":
            self.in_phonetic = False
        elif local == "t":
            self.in_text = False

    # -- the package's index, the workbook, everything else -------------------------------------

    def types_start(self, tag: str, attrs: dict[str, str]) -> None:
        self._enter(attrs)
        local = tag[tag.rfind(" ") + 1 :]
        pkg = self.pkg
        if local == "Override":
            if len(pkg.overrides) < MAX_ZIP_MEMBERS:
                pkg.overrides[attrs.get("PartName", "").lstrip("/")] = attrs.get("ContentType", "")
        elif local == "Default":
            if attrs.get("ContentType", "").endswith("xml") and len(pkg.xml_extensions) < MAX_ZIP_MEMBERS:
                pkg.xml_extensions.add(attrs.get("Extension", "").lower())

    def rels_start(self, tag: str, attrs: dict[str, str]) -> None:
        self._enter(attrs)
        if tag.endswith("Relationship"):
            rels = self.pkg.relationships.setdefault(self.name, {})
            if len(rels) < MAX_ZIP_MEMBERS:
                rels[attrs.get("Id", "")] = (attrs.get("Type", ""), attrs.get("Target", ""))

    def workbook_start(self, tag: str, attrs: dict[str, str]) -> None:
        self._enter(attrs)
        if tag[tag.rfind(" ") + 1 :] == "sheet":
            pkg = self.pkg
            if len(pkg.sheets) >= MAX_SHEETS:
                raise Refused(f"工作表超过 {MAX_SHEETS} 个的上限{_MALICIOUS}")
            rid = next((v for k, v in attrs.items() if k.rpartition(" ")[2] == "id"), "")
            pkg.sheets.append((attrs.get("name", ""), rid))

    def other_start(self, tag: str, attrs: dict[str, str]) -> None:
        self._enter(attrs)


def _refuse_dtd(*_args) -> None:
    raise Refused(f"含有 DTD 或实体声明(XML 实体扩展攻击){_MALICIOUS}")


def _scan_part(z: zipfile.ZipFile, name: str, pkg: _Package, title: str | None = None) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")
    part = _Part(pkg, name, title, parser)
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.StartElementHandler = part.first
    parser.EndElementHandler = part.leave
    parser.CharacterDataHandler = part.data
    try:
        with z.open(name) as stream:
            while chunk := stream.read(1 << 16):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        pass  # not well-formed: the reader refuses the part itself if it needs it (VML, for one, is often not XML)


def _resolve(base_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_part), target))


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


@dataclass
class Scan:
    problems: list[Refused]  # cells longer than MAX_CELL_CHARS, with their sheet and address
    more_problems: int  # further ones, not listed
    sheets: dict[str, SheetSize] = field(default_factory=dict)  # by sheet title, as the cells show them


def scan_package(data: bytes, budget: Budget) -> Scan:
    """One streaming pass over the package's XML, against `budget`. Raises Refused for a
    broken limit; returns the cell-level problems found (each naming sheet and cell) and
    every sheet's real size and merged ranges."""
    pkg = _Package(budget)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [i.filename for i in z.infolist() if not i.is_dir()]
        present = set(names)
        done: set[str] = set()

        def scan(name: str, title: str | None = None) -> None:
            if name in present and name not in done:
                done.add(name)
                _scan_part(z, name, pkg, title)

        # The package's own index first: which part is the workbook, which the sheets, which
        # the shared strings (their lengths are needed to judge the cells that use them).
        scan("[Content_Types].xml")
        scan("_rels/.rels")
        workbook = next((p for p, t in pkg.overrides.items() if t.endswith(_WORKBOOK_TYPES)), None)
        if workbook is None:
            workbook = next(
                (
                    _resolve("", target)
                    for kind, target in pkg.relationships.get("_rels/.rels", {}).values()
                    if kind.endswith(_OFFICE_DOCUMENT)
                ),
                "xl/workbook.xml",
            )
        scan(workbook)
        scan(_rels_of(workbook))
        rels = pkg.relationships.get(_rels_of(workbook), {})
        titles: dict[str, str] = {}
        for title, rid in pkg.sheets:
            if rid in rels:
                titles.setdefault(_resolve(workbook, rels[rid][1]), title)
        for part, kind in pkg.overrides.items():
            if kind == _SHARED_STRINGS_TYPE:
                scan(part)
        for kind, target in rels.values():
            if kind.endswith("/sharedStrings"):
                scan(_resolve(workbook, target))
        for part, title in titles.items():
            scan(part, title)
        for name in names:  # everything else: the Word document, charts, drawings, comments, stray parts
            if name.rpartition(".")[2].lower() in pkg.xml_extensions or pkg.overrides.get(name, "").endswith("xml"):
                scan(name)
    return Scan(pkg.problems, pkg.more_problems, pkg.sizes)
