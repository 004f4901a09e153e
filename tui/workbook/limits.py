"""What a 任务清单 workbook may hold, and the checks that refuse a hostile one before openpyxl loads it.

Workbooks come from other offices: untrusted input (DESIGN.md §4). The file, zip and XML
checks are the one safety gate every reader passes (`tui/ooxml.py`: the file read without
blocking, the zip directory and its real content, one streaming expat pass with the
`WORKBOOK` budget — DTDs and entities refused, rows and cells counted as they come, the
`<dimension>` tag never trusted, merged ranges and hyperlinks summed, cells longer than
Excel allows reported with their address). This module keeps the workbook's own names for
them and adds the limits of the cells an import reads.

Only then does openpyxl (with defusedxml, a dependency) load the workbook in full.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import ooxml, regular_file
from ..ooxml import (  # noqa: F401 (re-exported: the workbook import's limits are the gate's)
    HEADER_SCAN_ROWS,
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COMPRESSION_RATIO,
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    MAX_MEMBER_UNZIPPED_BYTES,
    MAX_PROBLEMS,
    MAX_RANGE_CELLS,
    MAX_SHEET_ROWS,
    MAX_SHEETS,
    MAX_TOTAL_UNZIPPED_BYTES,
    MAX_XML_ELEMENTS,
    MAX_ZIP_MEMBERS,
    MB,
    RATIO_CHECKED_ABOVE_BYTES,
    Refused,
    Scan,
    check_package,
)

MAX_SHARED_STRINGS = MAX_CELLS

# -- the cells an import reads ------------------------------------------------------------------
MAX_TEXT_CHARS = 2_000  # 备注, 不适用理由, 工作要求, 责任科室, 责任人, and each 佐证材料 entry
MAX_EVIDENCE_ENTRIES = 50  # entries of one 佐证材料 cell
EVIDENCE_SEPARATORS = re.compile(r"[\n;；、,， \t\u3000]+")


def read_regular_file(path: Path) -> bytes:
    """The file's bytes, if it is a regular file of at most MAX_FILE_BYTES."""
    return regular_file.read_regular_file(path, MAX_FILE_BYTES)


def scan_package(data: bytes) -> Scan:
    """One streaming pass over the package's XML against the workbook's budget. Raises
    Refused for a broken limit; returns the cell-level problems found."""
    return ooxml.scan_package(data, ooxml.WORKBOOK)


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
