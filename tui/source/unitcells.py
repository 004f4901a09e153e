"""Unit cells: telling a unit block from task text, and splitting it into names."""

from __future__ import annotations

import re

# Characters that occur in task sentences but never in a unit cell.
_SENTENCE_MARKS = set("。,,;;::“”‘’《》!!??")
# Words that name a level and join the next name: `市、区县政府门户网站主办单位`.
LEVEL_WORDS = frozenset({"市", "市级", "区县", "区", "县", "乡镇", "街道", "市区县", "区县级"})
# How Chinese unit names end; a part that ends so is taken as a unit name.
UNIT_SUFFIXES = (
    "单位", "部门", "政府", "中心", "学院", "公司", "集团", "办公室", "管委会", "机构",
    "委", "局", "办", "厅", "院", "会", "部", "处", "室", "组", "所", "站", "馆", "社",
    "台", "署", "行", "队", "联", "关", "团", "区", "县",
)
_NUMBERED = re.compile(r"^\s*\d")


def looks_like_unit_name(part: str) -> bool:
    return bool(part) and len(part) <= 40 and part.endswith(UNIT_SUFFIXES)


def split_unit_cell(text: str) -> list[str]:
    """Split a unit cell on `、`, joining level words to the name after them.

    A leading `、` (a truncated first name) is kept as an empty first part for the
    caller to repair.
    """
    parts = [p.strip() for p in text.split("、")]
    names: list[str] = []
    carry: list[str] = []
    for i, part in enumerate(parts):
        if part in LEVEL_WORDS and i + 1 < len(parts):
            carry.append(part)
            continue
        names.append("、".join(carry + [part]) if carry else part)
        carry = []
    return names


def classify_cell(text: str) -> str:
    """'units', 'text' or 'ambiguous' (some parts look like unit names, some do not)."""
    if _NUMBERED.match(text) or text[:1] in "((〔[【" or any(c in _SENTENCE_MARKS for c in text):
        return "text"
    if len(text) > 400:
        return "text"
    names = split_unit_cell(text)
    verdicts = [looks_like_unit_name(n) for n in names if n]
    if verdicts and all(verdicts):
        return "units"
    if any(verdicts):
        return "ambiguous"
    return "text"
