"""Lines a PDF's text layer (or a copy of one) broke at the page's width, joined back.

A document copied out of a PDF keeps the printed lines: a paragraph, a heading or a unit list
runs over several lines of nearly the same length, broken anywhere — inside a word
(`园区党工` / `委、各街道党工委`), after a heading's next-to-last word (`…的全面` / `领导`). Such a text
is known by its lines: five or more of them fall within a few characters of one length and end
without a sentence's or clause's end. There, a line of that length that ends mid-sentence goes on
in the next line, unless the next starts something of its own (a heading, a numbered item, a
label line, a page number, a bracket naming units). A text without that many equal lines is left
as it is: each line is then a paragraph as written — but for a line that begins with what no
line begins with (`、`, `,`, a closing bracket): that always goes on from the line above.
A web page's residue (a breadcrumb, `发布日期:…`: readers/page.py) is no printed line: it neither
counts towards the width nor is joined to or from (a breadcrumb joined to the title took it).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..chars import BLANKS
from ..headings import heading_of
from ..table import Origin
from .page import is_page_residue

_ENDS = tuple("。;；:：!！?？)）")  # a sentence, a clause or a bracket closed: the line may end there
# A line no text begins with: the rest of the line above, whatever the width (`…园区党工委` / `、各街道党工委`).
_GOES_ON = tuple("、,，)）》”")
_BAND = 4  # a printed line's length varies with its half-width characters
_AT_LEAST = 5
_SHORTEST = 16
_WIDEST = 100  # characters: a printed page's line holds some 30 to 45 Chinese characters, never a paragraph's
_ITEM = re.compile(r"^(\d{1,3}\s*[.．、]|[(（]\d{1,3}[)）]|[(（](牵头|责任|配合|协办)|[①-⑳])")
_PAGE_NUMBER = re.compile(r"^[—\-－–\s]*\d{1,3}[—\-－–\s]*$")


def _wrap_width(texts: list[str]) -> int | None:
    """The printed line's length, when the text shows one: the length L with the most lines
    (five at least) in [L - 4, L] that end mid-sentence."""
    open_ended = [
        len(t) for t in texts if _SHORTEST <= len(t) <= _WIDEST and not t.endswith(_ENDS) and not is_page_residue(t)
    ]
    best, count = None, 0
    for width in sorted(set(open_ended)):
        n = sum(1 for n in open_ended if width - _BAND <= n <= width)
        if n > count or (n == count and best is not None and width > best):
            best, count = width, n
    if best is None or count < _AT_LEAST:
        return None
    # Printed lines are never much longer than the page: paragraphs a line each, of any length, are no wraps.
    longer = sum(1 for t in texts if len(t) > best + 2)
    return best if longer * 5 <= count else None


def _starts_its_own(text: str, is_label: Callable[[str], bool]) -> bool:
    return bool(heading_of(text) or _ITEM.match(text) or _PAGE_NUMBER.match(text) or is_label(text))


def join_hard_wraps(
    lines: list[tuple[Origin, str]], is_label: Callable[[str], bool]
) -> tuple[list[tuple[Origin, str]], int]:
    """The lines with each printed line that breaks a sentence joined to the next one (at the
    first one's place), and how many joins were made."""
    width = _wrap_width([t.strip(BLANKS) for _, t in lines])
    out: list[tuple[Origin, list[str]]] = []  # each line with the printed lines joined to it
    joins = 0
    for origin, raw in lines:
        text = raw.strip(BLANKS)
        if out and text and not _starts_its_own(text, is_label) and out[-1][1][-1] and not is_page_residue(text):
            parts = out[-1][1]
            if len(parts) == 1 and is_page_residue(parts[0]):
                out.append((origin, [text]))
                continue
            prev_last = parts[-1]
            if text.startswith(_GOES_ON) or (
                width is not None and width - _BAND <= len(prev_last) <= width and not prev_last.endswith(_ENDS)
            ):
                parts.append(text)
                joins += 1
                continue
        out.append((origin, [text]))
    return [(o, "".join(parts)) for o, parts in out], joins
