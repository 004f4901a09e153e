"""Text measured in terminal cells: one Chinese character is two cells."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cf", "Mn", "Me"):
        return 0
    if unicodedata.category(ch) == "Cc":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cells(text: str) -> int:
    return sum(char_width(c) for c in text)


def fit(text: str, width: int) -> str:
    """Cut to at most `width` cells (ending in … when cut) and pad with spaces to `width`."""
    out, used = [], 0
    if cells(text) > width:
        width_left = width - 1
        for c in text:
            w = char_width(c)
            if used + w > width_left:
                break
            out.append(c)
            used += w
        return "".join(out) + "…" + " " * (width - used - 1)
    return text + " " * (width - cells(text))
