"""A prose task closed by its units with no bracket around them: `…参与决策讨论。市政府办公室、各县(市)区政府、
市政府各部门负责落实`, `…并做好相关解读。市审计局牵头落实` (a page that lost the brackets). The words after the
paragraph's last `。`, when they are unit names before role words and nothing else (text_cells.names_with_roles,
the test a unit cell naming roles passes), are the bracket they stand for; a sentence (`请各单位…`, `由…`), a
label or anything naming no role stays text.

The same units written as the paragraph's last sentence, `…。此项工作由市政府办公室负责,市档案馆、市图书馆配合。`
(an older city plan's way), are that bracket too: the sentence must open with `此项工作由` (or `该项任务由` …, or
`由` alone: `…。由市信息办牵头,市政府各部门协助。`, 九江) and hold nothing but units and role words, or begin so.
"""

from __future__ import annotations

import re

from ..chars import BLANKS
from ..rolecell import LABELS
from ..table import UNIT_ROLES
from ..unitcells import looks_like_unit_name, split_names
from .text_cells import names_with_roles

_MOST = 80  # a unit phrase, not a paragraph
_MOST_SENTENCE = 160  # `此项工作由X(note)负责,A、B、C、D配合`: a longer list, but an explicit phrase
_DONE_BY = re.compile(r"(?:(?:此项|该项|本项|这项)(?:工作|任务|事项)?)?由(?=[\u4e00-\u9fff])")


def bracket_tail_units(text: str) -> str:
    """`…讨论。X、Y负责落实` → `…讨论。（X、Y负责落实）`; `…作用。此项工作由X负责,Y配合。` →
    `…作用。（此项工作由X负责,Y配合）`; any other text as it is."""
    if (done_by := _done_by_sentence(text)) is not None:
        return done_by
    stop = text.rfind("。")
    tail = text[stop + 1 :].strip(BLANKS) if stop > 0 else ""
    if not tail or len(tail) > _MOST or tail[0] in "(（〔[【" or tail.startswith(("请", "由")):
        return text
    return text[: stop + 1] + "（" + tail + "）" if names_with_roles(tail) else text


def _done_by_sentence(text: str) -> str | None:
    """The paragraph with its last sentence `此项工作由X负责,Y配合。` as a bracket, or None."""
    body = text.rstrip(BLANKS)
    if not body.endswith("。"):
        return None
    body = body[:-1]
    stop = body.rfind("。")
    last = body[stop + 1 :].strip(BLANKS)
    m = _DONE_BY.match(last)
    if stop <= 0 or m is None or len(last) > _MOST_SENTENCE:
        return None
    if not names_with_roles(last[m.end() :]) and not names_with_roles(_FIRST_CLAUSE.split(last[m.end() :])[0]):
        return None
    # `由X负责,2009年落实到位,…`: units, then words no bracket reader reads; bracketed whole, the bracket is
    # refused at its line (never left as text, its task taken for an item of the next task's row)
    return body[: stop + 1] + "（" + last + "）"


_FIRST_CLAUSE = re.compile("[,，;；]")


_PAIR = {"(": ")", "（": "）", "〔": "〕", "[": "]", "［": "］"}
# A unit field the copy left open at its paragraph's end: `…政策。(责任单位:市政府办、各市直部门`; a name's own
# bracket inside it (`各镇(街道)`) is part of the name.
_OPEN_FIELD = re.compile(
    r"([(（〔\[［])\s*(?:"
    + "|".join(sorted(map(re.escape, (k for k, v in LABELS.items() if v in UNIT_ROLES)), key=len, reverse=True))
    + r")\s*[:：]((?:[^()（）〔〕\[\]［］【】。]|[(（][^()（）。]{1,8}[)）])+)$"
)


def close_open_field(text: str) -> str:
    """`…(责任单位:X、Y` at the end of a paragraph, never closed (a copy that lost the `)`), closed there:
    `…(责任单位:X、Y)`, when what follows the label is unit names and nothing else; any other text as it is.
    The caller says so (a warning at the line): where the field ended is read, not written."""
    m = _OPEN_FIELD.search(text.rstrip(BLANKS + "。;；,，"))
    if m is None:
        return text
    names = [n for n in split_names(m.group(2).strip(BLANKS + "。;；,，")) if n]
    if not names or not all(looks_like_unit_name(n) for n in names):
        return text
    return text.rstrip(BLANKS + "。;；,，") + _PAIR[m.group(1)]
