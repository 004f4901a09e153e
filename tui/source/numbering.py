"""Item numbers at the start of a paragraph: `1.` `1、` `１．` `(1)` `（1）` `①` `1)` `1）`.

Pure helpers shared by the text reader (which needs numbers to see a row continue across a
page) and the interpreter (which turns numbered paragraphs into items).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chars import DOT, IDEO_COMMA, LPAREN, RPAREN, cls

ARABIC, PAREN, CIRCLED, HALF_PAREN = "1.", "(1)", "①", "1)"

CIRCLED_DIGITS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ARABIC = re.compile(rf"^(\d{{1,2}})\s*{cls(DOT, IDEO_COMMA)}\s*")
_PAREN = re.compile(rf"^{cls(LPAREN)}\s*(\d{{1,2}})\s*{cls(RPAREN)}\s*")
_HALF = re.compile(rf"^(\d{{1,2}})\s*{cls(RPAREN)}\s*")
_CIRCLED = re.compile(rf"^([{CIRCLED_DIGITS}])\s*")


@dataclass(frozen=True)
class Marker:
    style: str
    number: int
    rest: str  # the paragraph after its number
    decimal_like: bool = False  # `1.6月30日前…`: an item number only if it continues a sequence


def leading_number(text: str) -> Marker | None:
    """The item number a paragraph starts with, or None."""
    if m := _CIRCLED.match(text):
        if text[m.end() :].strip():
            return Marker(CIRCLED, CIRCLED_DIGITS.index(m.group(1)) + 1, text[m.end() :])
        return None
    if m := _PAREN.match(text):
        return Marker(PAREN, int(m.group(1)), text[m.end() :])
    if m := _ARABIC.match(text):
        rest = text[m.end() :]
        if not rest.strip():
            return None
        decimal = rest[:1].isdigit() and text[m.end(1)] in DOT and m.end() == m.end(1) + 1
        return Marker(ARABIC, int(m.group(1)), rest, decimal_like=decimal)
    if m := _HALF.match(text):
        return Marker(HALF_PAREN, int(m.group(1)), text[m.end() :])
    return None
