"""A prose task closed by its units with no bracket around them: `…参与决策讨论。市政府办公室、各县(市)区政府、
市政府各部门负责落实`, `…并做好相关解读。市审计局牵头落实` (a page that lost the brackets). The words after the
paragraph's last `。`, when they are unit names before role words and nothing else (text_cells.names_with_roles,
the test a unit cell naming roles passes), are the bracket they stand for; a sentence (`请各单位…`, `由…`), a
label or anything naming no role stays text.
"""

from __future__ import annotations

from ..chars import BLANKS
from .text_cells import names_with_roles

_MOST = 80  # a unit phrase, not a paragraph


def bracket_tail_units(text: str) -> str:
    """`…讨论。X、Y负责落实` → `…讨论。（X、Y负责落实）`; any other text as it is."""
    stop = text.rfind("。")
    tail = text[stop + 1 :].strip(BLANKS) if stop > 0 else ""
    if not tail or len(tail) > _MOST or tail[0] in "(（〔[【" or tail.startswith(("请", "由")):
        return text
    return text[: stop + 1] + "（" + tail + "）" if names_with_roles(tail) else text
