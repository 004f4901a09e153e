"""Character sets shared by the readers and the interpreter.

Real documents mix full-width and half-width forms (`（一）`/`(一)`, `：`/`:`, `，`/`,`,
`１．`/`1.`); every class here holds both forms, each character once. `\\d` in Python's
`re` already matches full-width digits, and `int()` reads them.
"""

from __future__ import annotations

import re
import unicodedata

LPAREN = "(（"
RPAREN = ")）"
COLON = ":："
COMMA = ",，"
SEMI = ";；"
DOT = ".．"
PERIOD = "。"
IDEO_COMMA = "、"
# Blank characters a flattened page or a Word cell may carry.
BLANKS = " \t\r\u00a0\u2002\u2003\u3000\ufeff\u200b"


# Characters a web page or an editor puts inside words that show nothing (zero-width spaces and
# joiners, a soft hyphen, direction marks, a byte-order mark mid-text): `牵头\u200b单位` is 牵头单位.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"))


def visible(text: str) -> str:
    """The text without the characters that show nothing (a copied page's zero-width spaces)."""
    return text.translate(_INVISIBLE)


def cls(*groups: str) -> str:
    """A regex character class of the given characters, each escaped and listed once."""
    seen: dict[str, None] = {}
    for g in groups:
        for c in g:
            seen.setdefault(c, None)
    return "[" + "".join(re.escape(c) for c in seen) + "]"


def digits(n: int) -> str:
    """A pattern for the number n in half-width or full-width digits (`2` or `２`)."""
    return "".join(cls(d, chr(ord(d) + 0xFEE0)) for d in str(n))


def fold(text: str) -> str:
    """Full-width letters, digits and punctuation as half-width (NFKC), for comparing
    and matching only; stored text keeps the document's own forms."""
    return unicodedata.normalize("NFKC", text)


def squeeze(text: str) -> str:
    """Text without any blank (letter-spaced headers: `工 作 任 务`)."""
    return _BLANK_RUN.sub("", text)


_BLANK_RUN = re.compile(rf"[{re.escape(BLANKS)}\s]+")  # compiled once: squeeze runs on every cell of a table
