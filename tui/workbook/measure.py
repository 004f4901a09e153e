"""How much room text takes when printed: the wrapped line count of a cell, row heights,
the printable area of a page. Neither Excel, WPS nor LibreOffice fits the row heights of
a generated file when it is opened, so the exporter sets them, and plans the page breaks
itself (it then knows which line starts a page and repeats the heading there).

The estimate is for the fonts the workbook asks for (仿宋_GB2312, 黑体, 方正小标宋简体) with a
margin for the fonts put in their place where those are missing: Excel and WPS use
SimSun or Microsoft YaHei, LibreOffice on Linux Noto Sans/Serif CJK, whose lines are the
tallest (ascent + descent ≈ 1.45 em). Overestimating costs white space; underestimating
would clip a line, so every factor errs on the tall side. Pure arithmetic, no openpyxl.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

POINTS_PER_INCH = 72.0
MM = POINTS_PER_INCH / 25.4
MAX_ROW_POINTS = 409.0  # Excel's limit


# Excel column width w (characters of the default 11-pt Calibri, 7 px each) is about
# w·7 + 5 pixels at 96 dpi; a pixel is 0.75 pt.
def column_points(width: float) -> float:
    return (math.floor(width * 7 + 0.5) + 5) * 0.75


CELL_PADDING = 5.0  # points lost to the cell's left and right insets and the border
LINE_FACTOR = 1.5  # line height / font size, for the tallest fallback font (Noto CJK 1.448)
ROW_PADDING = 5.0  # points above and below the text in a row
# A full-width character takes one em in every CJK font, the fallbacks included; Latin
# letters, digits and URL punctuation vary most (DejaVu Sans, which LibreOffice puts in for
# a missing font's Latin part, is among the widest: about 0.62 em), so they get a margin.
CJK_EM = 1.0
LATIN_EM = 0.62 * 1.08

_ASCII_WORD = re.compile(r"[!-~]+")
# Characters a line may not start with: the one before them moves along (kinsoku).
_NO_LINE_START = set("，。、；：？！）》」』】〕”’,.;:?!)]}%")


def line_height(size: float, factor: float = LINE_FACTOR) -> float:
    return size * factor


def _paragraph_lines(text: str, usable: float, size: float) -> int:
    """Lines one paragraph (no new line in it) wraps to in `usable` points."""
    if not text:
        return 1
    cjk = size * CJK_EM  # a full-width character
    latin = size * LATIN_EM  # a half-width one (digits, letters, URL punctuation)
    n = len(text)
    if n * cjk <= usable:
        return 1
    ascii_count = n - (len(text.encode("utf-8")) - n) // 2  # CJK takes 3 bytes in UTF-8
    total = (n - ascii_count) * cjk + ascii_count * latin
    if total <= usable:
        return 1
    # Several lines. A line breaks between two full-width characters, but not inside a
    # Latin word (a URL, a file path) that fits on a line: the rest of such a line stays
    # empty. Simulate only what matters for that: words as blocks, CJK per character.
    lines, used = 1, 0.0
    pos = 0
    for m in _ASCII_WORD.finditer(text):
        for c in text[pos : m.start()]:
            w = latin if c < "\u0080" else cjk
            if used + w > usable and used > 0:
                if c in _NO_LINE_START:  # the character before goes down with it
                    lines, used = lines + 1, cjk + w
                else:
                    lines, used = lines + 1, w
            else:
                used += w
        word = m.group(0)
        w = len(word) * latin
        if used + w <= usable:
            used += w
        elif w <= usable:
            lines, used = lines + 1, w
        else:  # longer than a line: broken inside, line by line (URLs at / . - _ or anywhere)
            per_line = max(1, int(usable // latin) - 2)  # a break point is not always at the end
            rest = len(word)
            if used > 0:
                first = max(0, int((usable - used) // latin) - 2)
                rest -= first
            lines += math.ceil(rest / per_line) - (1 if used == 0 else 0)
            used = (rest - (math.ceil(rest / per_line) - 1) * per_line) * latin
        pos = m.end()
    for c in text[pos:]:
        w = latin if c < "\u0080" else cjk
        if used + w > usable and used > 0:
            lines, used = lines + 1, (cjk + w if c in _NO_LINE_START else w)
        else:
            used += w
    return lines


@lru_cache(maxsize=16384)  # the same status, deadline, units and notes recur on thousands of lines
def text_lines(text: str, width: float, size: float = 11.0) -> int:
    """How many printed lines `text` takes in a column `width` Excel units wide, at `size` pt."""
    usable = max(column_points(width) - CELL_PADDING, size * 2)
    return sum(_paragraph_lines(p, usable, size) for p in text.split("\n"))


def text_height(
    text: str, width: float, size: float, factor: float = LINE_FACTOR, padding: float = ROW_PADDING
) -> float:
    """Points a wrapped cell needs to show every line of `text` (`factor`: line height per
    point of font size; `padding`: points above and below)."""
    return text_lines(text, width, size) * line_height(size, factor) + padding


def printable(paper_mm: tuple[float, float], margins_in: tuple[float, float, float, float]) -> tuple[float, float]:
    """(width, height) in points inside the margins (left, right, top, bottom, in inches)."""
    left, right, top, bottom = margins_in
    return (paper_mm[0] * MM - (left + right) * POINTS_PER_INCH, paper_mm[1] * MM - (top + bottom) * POINTS_PER_INCH)


def fitting_scale(table_points: float, page_points: float) -> int:
    """The print scale in percent (≤ 100) that fits the table on the page width."""
    return max(10, min(100, math.floor(page_points / table_points * 100)))
