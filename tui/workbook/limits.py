"""What a 任务清单 workbook may hold, and the checks that refuse a hostile one before openpyxl loads it.

Workbooks come from other offices: untrusted input (DESIGN.md §4). Every check here runs
on bounded work — a file that breaks a limit is refused when the limit is reached, not after
reading all of it:

1. `read_regular_file`: `stat` first (a FIFO would block `open`), then open without blocking,
   `fstat` the open file (it may have been swapped), read at most `MAX_FILE_BYTES`.
2. `check_package`: the zip directory (member count, each member's and the total
   uncompressed size, compression ratio), then every member is decompressed once,
   counting the bytes really produced — a lying header gains nothing.
3. `scan_package`: one streaming expat pass over the XML parts (no tree is built): a DTD or
   entity declaration is refused outright; rows and cells are counted as they come (the
   `<dimension>` tag is never trusted); ranges of merged cells and hyperlinks (openpyxl
   makes a cell for every cell they cover) are summed; cell text longer than Excel allows
   is reported with its address.

Only then does openpyxl (with defusedxml, a dependency) load the workbook in full.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import stat
import zipfile
import zlib
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from ..errors_text import os_error_text

MB = 1024 * 1024

# -- the file ------------------------------------------------------------------------------
MAX_FILE_BYTES = 20 * MB  # an export of 20,000 lines is about 2.5 MB

# -- the zip package -------------------------------------------------------------------------
MAX_ZIP_MEMBERS = 1_000  # an export has 16
MAX_MEMBER_UNZIPPED_BYTES = 80 * MB  # the sheet of a 20,000-line export is 37 MB
MAX_TOTAL_UNZIPPED_BYTES = 100 * MB
MAX_COMPRESSION_RATIO = 200  # uncompressed / compressed; an export's sheet is about 16
RATIO_CHECKED_ABOVE_BYTES = 1 * MB  # small members (a blank sheet) compress far better and are harmless

# -- the sheets ------------------------------------------------------------------------------
MAX_DATA_ROWS = 100_000  # lines under the header of 任务清单 (and of every other sheet)
HEADER_SCAN_ROWS = 20  # the header row is looked for in the first 20 rows
MAX_SHEET_ROWS = MAX_DATA_ROWS + HEADER_SCAN_ROWS  # highest row number any sheet may use
MAX_CELLS = 500_000  # cells of all sheets together: a 20,000-line export with its 导出时的值 sheet has 460,000
MAX_RANGE_CELLS = 400_000  # cells covered by merged ranges and hyperlinks, all sheets together
MAX_SHEETS = 255
MAX_SHARED_STRINGS = MAX_CELLS
MAX_XML_ELEMENTS = 8_000_000  # elements of all XML parts together (a 20,000-line export has ~1.3 million)
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell; any sheet, any cell

# -- the cells an import reads ------------------------------------------------------------------
MAX_TEXT_CHARS = 2_000  # 备注, 不适用理由, 工作要求, 责任科室, 责任人, and each 佐证材料 entry
MAX_EVIDENCE_ENTRIES = 50  # entries of one 佐证材料 cell
EVIDENCE_SEPARATORS = re.compile(r"[\n;；、,， \t\u3000]+")

MAX_PROBLEMS = 50  # cell-level problems listed per file; the rest are counted


@dataclass
class Refused(Exception):
    """A limit broken; the reader turns it into a WorkbookError naming the file."""

    message: str
    sheet: str | None = None
    cell: str | None = None


# -- 1. the file -------------------------------------------------------------------------------

_NOT_REGULAR = (
    (stat.S_ISDIR, "是一个文件夹,不是工作簿文件"),
    (stat.S_ISFIFO, "是命名管道(FIFO),不是普通文件,未读取"),
    (stat.S_ISCHR, "是设备文件,不是普通文件,未读取"),
    (stat.S_ISBLK, "是设备文件,不是普通文件,未读取"),
    (stat.S_ISSOCK, "是套接字,不是普通文件,未读取"),
)


def _regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    for test, message in _NOT_REGULAR:
        if test(mode):
            raise Refused(message)
    raise Refused("不是普通文件,未读取")


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB"


def read_regular_file(path: Path) -> bytes:
    """The file's bytes, if it is a regular file of at most MAX_FILE_BYTES."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise Refused("文件不存在") from None
    except OSError as e:
        raise Refused(f"无法读取:{os_error_text(e)}") from None
    _regular(st.st_mode)  # before open(): opening a FIFO blocks until someone writes to it
    if st.st_size > MAX_FILE_BYTES:
        raise Refused(f"文件有 {_size(st.st_size)},超过 {MAX_FILE_BYTES // MB} MB 的上限,未读取")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise Refused("文件不存在") from None
    except OSError as e:
        raise Refused(f"无法读取:{os_error_text(e)}") from None
    with os.fdopen(fd, "rb") as f:  # bytes: no text encoding involved
        _regular(os.fstat(f.fileno()).st_mode)  # replaced between stat and open?
        try:
            data = f.read(MAX_FILE_BYTES + 1)
        except OSError as e:
            raise Refused(f"无法读取:{os_error_text(e)}") from None
    if len(data) > MAX_FILE_BYTES:
        raise Refused(f"文件超过 {MAX_FILE_BYTES // MB} MB 的上限,未读取")
    return data


# -- 2. the zip package ----------------------------------------------------------------------------

_MALICIOUS = "(文件可能是恶意构造的),未读取"


def check_package(data: bytes) -> None:
    """Refuse a zip whose directory, or whose actual content, would unpack to too much.
    The caller has checked that `data` is a zip at all."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                raise Refused(f"压缩包中有 {len(infos)} 个部件,超过 {MAX_ZIP_MEMBERS} 个的上限{_MALICIOUS}")
            total = 0
            for i in infos:
                total += i.file_size
                if i.file_size > MAX_MEMBER_UNZIPPED_BYTES:
                    raise Refused(f"其中的「{i.filename[:80]}」解压后有 {_size(i.file_size)},超过 "
                                  f"{MAX_MEMBER_UNZIPPED_BYTES // MB} MB 的上限{_MALICIOUS}")
                if i.file_size > RATIO_CHECKED_ABOVE_BYTES and i.file_size > MAX_COMPRESSION_RATIO * max(i.compress_size, 1):
                    raise Refused(f"其中的「{i.filename[:80]}」压缩比超过 {MAX_COMPRESSION_RATIO} 倍{_MALICIOUS}")
            if total > MAX_TOTAL_UNZIPPED_BYTES:
                raise Refused(f"解压后共有 {_size(total)},超过 {MAX_TOTAL_UNZIPPED_BYTES // MB} MB 的上限{_MALICIOUS}")
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
                except (zipfile.BadZipFile, zlib.error, EOFError) as e:  # zipfile stops at the declared size: the CRC fails
                    raise Refused(f"其中的「{i.filename[:80]}」解压后的内容与压缩包目录记录的不符"
                                  f"(文件已损坏,或是谎报大小的恶意文件),未读取:{e}") from None
    except Refused:
        raise
    except zipfile.BadZipFile as e:  # includes a CRC mismatch: the data is not what the directory says
        raise Refused(f"无法打开工作簿(文件已损坏):{e}") from None
    except (RuntimeError, NotImplementedError) as e:  # encrypted members, unknown compression
        raise Refused(f"无法打开工作簿(压缩包的部件已加密或压缩方式不受支持):{e}") from None
    except (zipfile.LargeZipFile, OSError, ValueError, EOFError, KeyError) as e:
        raise Refused(f"无法打开工作簿(文件已损坏):{e}") from None


# -- 3. the XML parts ------------------------------------------------------------------------------

_SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_WORKBOOK_TYPES = ("spreadsheetml.sheet.main+xml", "spreadsheetml.template.main+xml", "ms-excel.sheet.macroEnabled.main+xml",
                   "ms-excel.template.macroEnabled.main+xml")
_OFFICE_DOCUMENT = "/officeDocument"
_CELL_REF = re.compile(r"([A-Za-z]{1,3})(\d{1,7})$")


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _range_area(ref: str) -> int:
    """Cells covered by a range such as `A1:O1` (or one cell); 0 when it cannot be read
    (openpyxl then refuses the file itself)."""
    total = 0
    for part in ref.split():
        ends = part.split(":")
        if len(ends) > 2:
            return 0
        found = [_CELL_REF.match(e.replace("$", "")) for e in ends]
        if not all(found):
            cols = [e.replace("$", "") for e in ends]  # whole columns (A:C) or rows (1:3)
            if all(c.isalpha() for c in cols):
                total += (abs(_column_number(cols[-1]) - _column_number(cols[0])) + 1) * 1_048_576
            elif all(c.isdigit() for c in cols):
                total += (abs(int(cols[-1]) - int(cols[0])) + 1) * 16_384
            continue
        (c1, r1), (c2, r2) = ((_column_number(m.group(1)), int(m.group(2))) for m in (found[0], found[-1]))
        total += (abs(c2 - c1) + 1) * (abs(r2 - r1) + 1)
    return total


@dataclass
class _Package:
    """What the scan learns and counts across all XML parts."""

    overrides: dict[str, str] = field(default_factory=dict)  # part name → content type
    relationships: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)  # rels part → id → (type, target)
    sheets: list[tuple[str, str]] = field(default_factory=list)  # (title, relationship id)
    shared: array = field(default_factory=lambda: array("l"))  # length of each shared string
    elements: int = 0
    cells: int = 0
    range_cells: int = 0
    problems: list[Refused] = field(default_factory=list)
    more_problems: int = 0

    def problem(self, refused: Refused) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(refused)
        else:
            self.more_problems += 1


class _Part:
    """expat handlers for one XML part; what to do depends on its root element."""

    def __init__(self, package: _Package, name: str, title: str | None):
        self.pkg, self.name, self.title = package, name, title
        self.root: str | None = None
        self.depth = 0
        # worksheet state
        self.row = 0
        self.rows = 0
        self.col = 0
        self.cell: str | None = None
        self.cell_type = "n"
        self.cell_chars = 0
        self.value = ""
        self.in_value = False
        # sharedStrings state
        self.in_si = False
        self.in_phonetic = False
        self.in_text = False
        self.chars = 0

    def where(self) -> str:
        return self.title or self.name

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        pkg = self.pkg
        pkg.elements += 1
        if pkg.elements > MAX_XML_ELEMENTS:
            raise Refused(f"XML 元素超过 {MAX_XML_ELEMENTS} 个的上限{_MALICIOUS}")
        local = tag.rpartition(" ")[2]
        self.depth += 1
        if self.root is None:
            self.root = local
        root = self.root
        if root == "worksheet":
            if local == "c":
                pkg.cells += 1
                if pkg.cells > MAX_CELLS:
                    raise Refused(f"单元格超过 {MAX_CELLS} 个的上限{_MALICIOUS}", self.where())
                ref = attrs.get("r")
                m = _CELL_REF.match(ref) if ref else None
                self.col = _column_number(m.group(1)) if m else self.col + 1
                self.cell = ref if m else f"{_column_letters(self.col)}{self.row}"
                self.cell_type = attrs.get("t", "n")
                self.cell_chars = 0
                self.value = ""
            elif self.cell is not None and local in ("v", "t", "f"):
                self.in_value = True
            elif local == "row":
                r = attrs.get("r", "")
                self.row = int(r) if r.isdigit() and len(r) < 10 else self.row + 1
                self.rows += 1
                self.col = 0
                if self.row > MAX_SHEET_ROWS or self.rows > MAX_SHEET_ROWS:
                    raise Refused(f"超过 {MAX_DATA_ROWS} 行的上限(读到第 {max(self.row, self.rows)} 行时停止),未读取",
                                  self.where())
            elif local in ("mergeCell", "hyperlink"):
                pkg.range_cells += _range_area(attrs.get("ref", ""))
                if pkg.range_cells > MAX_RANGE_CELLS:
                    what = "合并单元格" if local == "mergeCell" else "超链接"
                    raise Refused(f"{what}覆盖的单元格超过 {MAX_RANGE_CELLS} 个的上限{_MALICIOUS}", self.where(),
                                  attrs.get("ref", "")[:40] or None)
        elif root == "sst":
            if local == "si":
                self.in_si, self.chars = True, 0
                if len(pkg.shared) >= MAX_SHARED_STRINGS:
                    raise Refused(f"共享字符串超过 {MAX_SHARED_STRINGS} 个的上限{_MALICIOUS}")
            elif local == "rPh":
                self.in_phonetic = True
            elif local == "t" and self.in_si and not self.in_phonetic:
                self.in_text = True
        elif root == "Types" and local == "Override":
            if len(pkg.overrides) < MAX_ZIP_MEMBERS:
                pkg.overrides[attrs.get("PartName", "").lstrip("/")] = attrs.get("ContentType", "")
        elif root == "Relationships" and local == "Relationship":
            rels = pkg.relationships.setdefault(self.name, {})
            if len(rels) < MAX_ZIP_MEMBERS:
                rels[attrs.get("Id", "")] = (attrs.get("Type", ""), attrs.get("Target", ""))
        elif root == "workbook" and local == "sheet":
            if len(pkg.sheets) >= MAX_SHEETS:
                raise Refused(f"工作表超过 {MAX_SHEETS} 个的上限{_MALICIOUS}")
            rid = next((v for k, v in attrs.items() if k.rpartition(" ")[2] == "id"), "")
            pkg.sheets.append((attrs.get("name", ""), rid))

    def data(self, text: str) -> None:
        if self.in_value:
            self.cell_chars += len(text)
            if len(self.value) < 12:
                self.value += text[:12]
        elif self.in_text:
            self.chars += len(text)

    def end(self, tag: str) -> None:
        self.depth -= 1
        local = tag.rpartition(" ")[2]
        if self.root == "worksheet":
            if local == "c" and self.cell is not None:
                chars = self.cell_chars
                if self.cell_type == "s":
                    v = self.value.strip()
                    if v.isdigit() and int(v) < len(self.pkg.shared):
                        chars = self.pkg.shared[int(v)]
                if chars > MAX_CELL_CHARS:
                    self.pkg.problem(Refused(f"单元格有 {chars} 个字符,超过 Excel 单元格 {MAX_CELL_CHARS} 个字符的上限,"
                                             "不是 Excel/WPS 能保存的内容", self.where(), self.cell))
                self.cell = None
                self.in_value = False
            elif local in ("v", "t", "f"):
                self.in_value = False
        elif self.root == "sst":
            if local == "si":
                self.pkg.shared.append(self.chars)
                self.in_si = False
            elif local == "rPh":
                self.in_phonetic = False
            elif local == "t":
                self.in_text = False


def _refuse_dtd(*_args) -> None:
    raise Refused(f"含有 DTD 或实体声明(XML 实体扩展攻击){_MALICIOUS}")


def _scan_part(z: zipfile.ZipFile, name: str, pkg: _Package, title: str | None = None) -> None:
    part = _Part(pkg, name, title)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.StartElementHandler = part.start
    parser.EndElementHandler = part.end
    parser.CharacterDataHandler = part.data
    try:
        with z.open(name) as stream:
            while chunk := stream.read(1 << 16):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        pass  # not well-formed: openpyxl refuses the part itself if it needs it (VML, for one, is often not XML)


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


def scan_package(data: bytes) -> Scan:
    """One streaming pass over the package's XML. Raises Refused for a broken limit;
    returns the cell-level problems found (each naming sheet and cell)."""
    pkg = _Package()
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
            workbook = next((_resolve("", target) for kind, target in pkg.relationships.get("_rels/.rels", {}).values()
                             if kind.endswith(_OFFICE_DOCUMENT)), "xl/workbook.xml")
        scan(workbook)
        scan(_rels_of(workbook))
        rels = pkg.relationships.get(_rels_of(workbook), {})
        titles = {}
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
        for name in names:  # everything else: charts, drawings, comments, stray parts
            if name.endswith((".xml", ".rels")):
                scan(name)
    return Scan(pkg.problems, pkg.more_problems)


# -- the cells an import reads -----------------------------------------------------------------------

def text_problem(label: str, text: str | None) -> str | None:
    """Too long for a text field (备注, 工作要求, …)?"""
    if text is not None and len(text) > MAX_TEXT_CHARS:
        return f"「{label}」有 {len(text)} 个字符,超过 {MAX_TEXT_CHARS} 个字符的上限"
    return None


def evidence_problem(text: str | None, link: str | None) -> str | None:
    """Too many 佐证材料 entries in one cell, or one too long?"""
    entries = [e for e in EVIDENCE_SEPARATORS.split(text or "") if e]
    if link:
        entries.append(link)
    if len(entries) > MAX_EVIDENCE_ENTRIES:
        return f"「佐证材料」有 {len(entries)} 条,超过 {MAX_EVIDENCE_ENTRIES} 条的上限"
    longest = max((len(e) for e in entries), default=0)
    if longest > MAX_TEXT_CHARS:
        return f"「佐证材料」中有一条 {longest} 个字符,超过 {MAX_TEXT_CHARS} 个字符的上限"
    return None
