"""`1公开…` for `1.公开…`: an item number whose dot the web page's text lost."""

from __future__ import annotations

import re

_BARE_DIGITS = re.compile(r"^(\d+)(?=[^\d.．、)）])")
# Characters after a bare number that show it is a quantity, not an item number.
_QUANTITY = set("年月日个次%％号元万亿件天期届岁名人家所项周时分秒")


def lost_dot_number(text: str, expected: set[int]) -> tuple[str, str] | None:
    """(label, text after it) when the paragraph starts with the expected next number
    and no dot, else None."""
    m = _BARE_DIGITS.match(text)
    if not m or text[m.end()] in _QUANTITY:
        return None
    digits = m.group(1)
    for n in sorted(expected, reverse=True):
        label = str(n)
        if digits == label or (digits.startswith(label) and n > 1 and digits[len(label)] != "0"):
            return label, text[len(label) :]
    return None
