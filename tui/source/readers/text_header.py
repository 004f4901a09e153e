"""Finding the table header in text: one cell a line (possibly letter-spaced), or all
cells on one line separated by tabs or blanks."""

from __future__ import annotations

import re

from ..chars import BLANKS, fold, squeeze
from ..headers import HEADER_WORDS, UNREAD_WORDS, header_problem, is_unread, role_of
from ..units_from_headings import names_units

_WORDS = sorted({fold(w) for words in (*HEADER_WORDS.values(), UNREAD_WORDS) for w in words}, key=len, reverse=True)


def _known(word: str) -> bool:
    """A header word: a column's role, or a column left unread (`进展情况`, `备注`)."""
    return role_of(word) is not None or is_unread(word)


def segment_header(line: str) -> list[str] | None:
    """`工作任务 牵头单位 责任单位` (or tab- or un-separated) → its header words, or None."""
    if "\t" in line:
        parts = [p for p in (x.strip() for x in line.split("\t")) if p]
        if len(parts) >= 2 and all(_known(p) for p in parts):
            return parts
        return None
    parts = [p for p in re.split(r"\s{2,}|\u3000", line) if p.strip()]
    if len(parts) >= 2 and all(_known(p) for p in parts):
        return [p.strip() for p in parts]
    key = fold(squeeze(line))
    out, i = [], 0
    while i < len(key):
        word = next((w for w in _WORDS if key.startswith(w, i)), None)
        if word is None:
            return None
        out.append(word)
        i += len(word)
    return out if len(out) >= 2 else None


def find_header(nonblank: list[tuple[int, str]]):
    """(first line, last line, [(header text, line)], tabbed) of the first usable header, or None.
    A header without a unit column is usable right under a part heading that names the units
    (`一、市政府各部门负责落实的工作任务`: units_from_headings.py gives each row its heading's)."""
    for k, (no, s) in enumerate(nonblank):
        if len(s) > 60:
            continue
        by_heading = k > 0 and names_units(nonblank[k - 1][1].strip(BLANKS))
        words = segment_header(s)
        if words and header_problem([role_of(w) for w in words], by_heading) is None:
            return no, no, [(w, no) for w in words], "\t" in s
        if role_of(s) is None:
            continue
        run, last = [(s, no)], no
        rest = nonblank[k + 1 :]
        j = 0
        while j < len(rest) and len(run) < 8:
            no2, s2 = rest[j]
            if j + 1 < len(rest) and len(s2) <= 6 and len(rest[j + 1][1]) <= 6 and _known(s2 + rest[j + 1][1]):
                # `责任` / `领导`, `攻坚目标` / `任务`: a header word wrapped over two lines (a paragraph each)
                run.append((s2 + rest[j + 1][1], no2))
                last, j = rest[j + 1][0], j + 2
                continue
            if not _known(s2):
                break
            run.append((s2, no2))
            last, j = no2, j + 1
        if len(run) >= 2 and header_problem([role_of(t) for t, _ in run], by_heading) is None:
            return run[0][1], last, run, False
    return None
