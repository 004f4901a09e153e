"""The text of a two-column page (a 政府公报 printed in two columns, copied from its PDF or its
flip-book): each line is a line of the left column, a blank, and the line of the right column
beside it, so two tasks run through each other line by line and no reader can tell whose words
and units are whose. Refused at the first such line, with the cause, rather than read into rows
that mix both columns (大同市 2021, holdout 14)."""

from __future__ import annotations

import re

from ..chars import BLANKS
from ..errors import ParseError

_GAP = re.compile(f"[{BLANKS}]+")
_SIDE = 6  # characters each side of the gap holds, at least (a column's line holds some twenty)
_SLACK = 2  # characters by which the left column's lines may differ (a wider punctuation mark, a last line)
_RUN = 4  # lines one after another, each split at the same width
_LONGEST = 120  # characters of a line worth looking at: two columns' lines hold some forty (never a paragraph)


def _left_widths(line: str) -> set[int]:
    """The widths at which the line splits into two columns: after each gap whose two sides hold
    `_SIDE` characters or more (blanks not counted), the characters left of it."""
    text = line.strip(BLANKS)
    widths: set[int] = set()
    if "|" in text or "\t" in line or len(text) > _LONGEST:  # a table's cells, or a paragraph: no page's columns
        return widths
    for gap in _GAP.finditer(text):
        if text[gap.start() - 1].isascii() or text[gap.end()].isascii():
            continue  # `2021 年`, `Page 48`: a blank beside a digit or a letter is no column's edge
        left, right = text[: gap.start()], text[gap.end() :]
        if len(_GAP.sub("", left)) >= _SIDE and len(_GAP.sub("", right)) >= _SIDE:
            widths.add(len(_GAP.sub("", left)))
    return widths


def refuse_two_columns(lines: list[tuple[int, str]]) -> None:
    """Refuse at the first of `_RUN` lines one after another that each split into two columns at
    one width (within `_SLACK`): the left column's lines are as wide as each other, the right
    column's text beside them."""
    run: list[int] = []  # line numbers of the run so far
    widths: set[int] = set()
    for no, text in lines:
        mine = _left_widths(text)
        common = {w for w in mine if any(abs(w - v) <= _SLACK for v in widths)} if run else mine
        if mine and common:
            run, widths = [*run, no], common
        else:
            run, widths = ([no], mine) if mine else ([], set())
        if len(run) >= _RUN:
            at = [n for n, _ in lines].index(run[0])
            while at > 0 and _ends_column(lines[at - 1][1], max(widths) + _SLACK):
                at -= 1  # `负责落实) 充分利用…`: a column's last words beside the other column's line
            raise ParseError(
                lines[at][0],
                "从这一行起,每行像是两栏排版的页面左右两栏拼在一起(左半是左栏的一行,右半是右栏的一行):"
                "两栏的任务文字交错,分不开;请从原文件逐栏复制,或用原网页另存的 .html 或 Word 文件",
                lines[at][1].strip(BLANKS)[:60],
            )


def _ends_column(line: str, widest: int) -> bool:
    """Whether a line above the run is one of its lines too: a left part no wider than the run's
    left column (a paragraph's last words), a blank, and a right column's line."""
    text = line.strip(BLANKS)
    if len(text) > _LONGEST:
        return False
    for gap in _GAP.finditer(text):
        left, right = _GAP.sub("", text[: gap.start()]), _GAP.sub("", text[gap.end() :])
        if left[-1:] in _PARAGRAPH_END and len(left) <= widest and len(right) >= _SIDE:
            return True
    return False


_PARAGRAPH_END = "。)）”」;；"  # how a column's paragraph ends (a running head, `…公报 ·…·`, does not)
