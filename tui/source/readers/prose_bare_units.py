"""A prose task's bracket naming its units and no role: `…小额贷款公司名录。(区金融办、区财政局、
区房管局。)`, `…精准化水平。(各县(区、市)人民政府、开发区管委会、市直各单位)` — the 责任单位 field
written without its label, as a table's unit column with no role word is read as 责任单位.

Only a bracket at a sentence's end (after a `。`/`；`, before one, with a `。` inside before its close,
or ending the paragraph; not right after a unit's name, whose other name it gives: `报送区政府办公室(区政务公开办)。`)
and only when every name in it looks like a unit's: `(街区层面)`, `(2016版)`,
a list of steps `(名称申报、企业登记、…)` or a remark `(此件公开发布)` names no one. The reader says
that the role was not written (a warning at the first such bracket, then each as info).
Pure text rules: no I/O.
"""

from __future__ import annotations

from ..chars import BLANKS, COMMA, SEMI
from ..rolecell import Roles, split_top_level
from ..table import RESP
from ..unitcells import UNIT_SUFFIXES, looks_like_unit_name, split_names

_STOPS = "。；;！!"


def _at_sentence_end(text: str, start: int, end: int) -> bool:
    before = text[:start].rstrip(BLANKS)
    after = text[end:].lstrip(BLANKS)
    inner = text[start + 1 : end - 1].rstrip(BLANKS)
    if not before or before.endswith(tuple(_STOPS)) or inner.endswith("。"):
        return True
    # `…报送区政府办公室(区政务公开办)。`: a bracket right after a unit's name is its other name, a note
    return (not after or after[0] in _STOPS) and not before.endswith(UNIT_SUFFIXES)


def bare_unit_roles(text: str, start: int, end: int) -> Roles | None:
    """The responsible units a bracket (`text[start:end]`, brackets included) names without a
    role word, or None when it is not such a bracket."""
    if not _at_sentence_end(text, start, end):
        return None
    groups = split_top_level(text[start + 1 : end - 1], COMMA + SEMI)
    names = [name for group in groups for name in split_names(group)]
    if not names or not all(looks_like_unit_name(name) for name in names):
        return None
    roles = Roles()
    roles.add(RESP, "、".join(groups))
    roles.groups[RESP] = groups
    return roles
