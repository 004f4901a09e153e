"""Section (`一、…`) and subsection (`（一）…`) heading lines."""

from __future__ import annotations

import re

from .chars import LPAREN, RPAREN, cls
from .numerals import CHINESE_NUMERAL_CHARS

SECTION = re.compile(rf"^([{CHINESE_NUMERAL_CHARS}]+)\s*[、.．]\s*(.+)$", re.S)
SUBSECTION = re.compile(rf"^{cls(LPAREN)}([{CHINESE_NUMERAL_CHARS}]+){cls(RPAREN)}\s*(.+)$", re.S)


def heading_of(text: str) -> tuple[int, str, str] | None:
    """(level 1 or 2, numeral, title) when the text is a heading line, else None."""
    if m := SECTION.match(text):
        return 1, m.group(1), m.group(2).strip()
    if m := SUBSECTION.match(text):
        return 2, m.group(1), m.group(2).strip()
    return None
