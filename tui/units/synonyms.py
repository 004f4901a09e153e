"""Spellings of one collective: 各镇街, 各镇人民政府、街道办事处, 各镇(街道), 各乡镇(街道) … are the
same 镇街; 各区县政府, 各区县(自治县)政府, 各县(市、区)人民政府(管委会) … the same 区县; 市政府各部门,
市级各部门, 市直各部门 the same all-departments of 市.

A document that writes one collective several ways gets one unit (its first spelling, in
document order, is the name shown; the others are its aliases), so the collective's own list
holds every row and a member sees each row once. Names that differ only in bracket width or
spaces are one unit too. What does not fit a level surely stays its own unit, and the build says
so when it stands beside a collective it might be the same as.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .kinds import ALL_DEPTS, COUNTY, DISTRICT, NO_MEMBERS, PREFECTURE, TOWN, collective_class
from .normalise import key

# Both kinds of town-level government: 镇 (or 乡) and 街道. `各镇` alone or `各街道办事处` alone is
# part of the level, not all of it.
_TOWN_PART = re.compile(r"[镇乡]")
_STREET_PART = re.compile(r"街")
# The all-departments collectives written as 各部门 (not 各单位 / 各部门单位, which may hold more).
_DEPARTMENTS = re.compile(r"各部门$")
# Governments of a level no rule knows (各市(区)人民政府: county-level cities, or prefectures?).
_SOME_GOVERNMENTS = re.compile(r"^各[市区县旗盟州()、]+(?:(?:人民)?政府|管委会)")


@dataclass(frozen=True)
class Doubt:
    """A collective kept apart from one it may be the same as (build-db warns)."""

    name: str
    beside: str
    why: str


def level_of(name: str, doc_level: str = "市") -> str | None:
    """Which whole level of subordinate governments or departments a collective names, or None.

    镇街 for the town level written with both its kinds; 区县 for the county level (Chongqing's
    区县 and a prefecture's 县(市、区), with or without 管委会); 地级市; 部门:L for all departments of
    level L written as 各部门.
    """
    cls = collective_class(name, doc_level)
    if cls is None:
        return None
    k = key(name)
    if cls.group == TOWN:
        return "镇街" if _TOWN_PART.search(k) and _STREET_PART.search(k) else None
    if cls.group in (DISTRICT, COUNTY):
        return "区县"
    if cls.group == PREFECTURE:
        return "地级市"
    if cls.group == ALL_DEPTS and _DEPARTMENTS.search(k):
        return f"部门:{cls.level}"
    return None


def _part_of(name: str, doc_level: str) -> tuple[str, str] | None:
    """(the level a collective is a part of, or may be, why it is kept apart): 各镇人民政府 and
    各街道 of 镇街, 市直各单位 of 部门:市 — they may name fewer or more than the whole level."""
    cls = collective_class(name, doc_level)
    if cls is None or level_of(name, doc_level) is not None:
        return None
    if cls.group == TOWN:
        return "镇街", ("只写了街道" if _STREET_PART.search(key(name)) else "只写了镇(乡)") + ",不一定指全部镇街"
    if cls.group == ALL_DEPTS:
        return f"部门:{cls.level}", "写的是「各单位」,可能不止各部门"
    if cls.group == NO_MEMBERS and _SOME_GOVERNMENTS.match(key(name)):
        return "区县", "不能确定是哪一级政府"
    return None


def collective_names(names: list[str], doc_level: str = "市") -> tuple[dict[str, str], list[Doubt]]:
    """(every name → the unit it is, the collectives kept apart beside one they may be).

    `names` are the document's unit names (after the catalogue's `specs.canonical`), in document
    order; the first spelling of a level, or of a key(), is the one kept — at the 区县 level the
    first 各区县… spelling, whose class takes every member a 各县(市、区)… spelling would
    (specs._enters), so that merging never loses a member.
    """
    groups: dict[str, list[str]] = {}
    for name in names:
        group = level_of(name, doc_level)
        groups.setdefault(f"level:{group}" if group else f"key:{key(name)}", []).append(name)
    out: dict[str, str] = {}
    kept_for: dict[str, str] = {}
    for ident, spellings in groups.items():
        kept = spellings[0]
        if ident == "level:区县":
            kept = next(
                (n for n in spellings if (cls := collective_class(n, doc_level)) is not None and cls.group == DISTRICT),
                kept,
            )
        kept_for[ident] = kept
        out.update((n, kept) for n in spellings)
    doubts = []
    for name in dict.fromkeys(out.values()):
        part = _part_of(name, doc_level)
        whole = kept_for.get(f"level:{part[0]}") if part else None
        if part and whole is not None:
            doubts.append(Doubt(name, whole, part[1]))
    return {name: out[name] for name in names}, doubts
