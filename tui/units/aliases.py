"""Aliases a user may type for a unit: short names, names without or with the place, catalogue
aliases, other spellings of a collective. Only aliases of units in the database are made.
"""

from __future__ import annotations

import re

from .catalogue_file import MemberCatalogue
from .kinds import (
    ALL_DEPTS,
    COLLECTIVE,
    COUNTY,
    DISTRICT,
    OTHER,
    PARTY,
    PREFECTURE,
    TOWN,
    collective_class,
    is_department,
    level_prefix,
)
from .levels import LEVEL_PREFIXES, document_level
from .specs import UnitSpec

# Short names staff type, by the level prefix {L} of the department they stand for (市发改委 …).
SHORT_NAMES: tuple[tuple[str, str], ...] = (
    ("发改委", "{L}发展改革委"),
    ("{L}发改委", "{L}发展改革委"),
    ("卫健委", "{L}卫生健康委"),
    ("{L}卫健委", "{L}卫生健康委"),
    ("经信委", "{L}经济信息委"),
    ("{L}经信委", "{L}经济信息委"),
    ("人社局", "{L}人力社保局"),
    ("{L}人社局", "{L}人力社保局"),
    ("住建委", "{L}住房城乡建委"),
    ("{L}住建委", "{L}住房城乡建委"),
    ("城管局", "{L}城市管理局"),
    ("{L}城管局", "{L}城市管理局"),
    ("文旅委", "{L}文化旅游委"),
    ("{L}文旅委", "{L}文化旅游委"),
    ("规资局", "{L}规划自然资源局"),
    ("{L}规资局", "{L}规划自然资源局"),
    ("环保局", "{L}生态环境局"),
    ("金融办", "{L}金融监管局"),
    ("{L}府办", "{L}政府办公厅"),
    ("政府办", "{L}政府办公厅"),
    ("办公厅", "{L}政府办公厅"),
    ("{L}府办", "{L}政府办公室"),
    ("政府办", "{L}政府办公室"),
    ("办公室", "{L}政府办公室"),
    ("新闻办", "{L}政府新闻办"),
    ("电子政务中心", "{L}政府电子政务中心"),
    ("行政学院", "重庆行政学院"),
)
# Other spellings of a subordinate-government collective → the collective as the document spells it.
COLLECTIVE_SPELLINGS: dict[str, tuple[str, ...]] = {
    DISTRICT: ("区县政府",),
    TOWN: ("镇街", "各镇街"),
    PREFECTURE: ("各地级市",),
    COUNTY: ("各县区",),
}
_ONE_LEVEL = frozenset(LEVEL_PREFIXES)  # 市 区 县 …, not 区县
_GOVERNMENT = re.compile(r"(?:人民政府|政府|行政公署)$")


def _strip_level(name: str) -> str:
    return name[3:] if name.startswith("自治区") else name[1:]


def aliases(
    specs: list[UnitSpec], doc_level: str = "市", place: str | None = None, members: MemberCatalogue | None = None
) -> list[tuple[str, str]]:
    """(alias, unit) pairs, sorted, none of them a unit's own name.

    `place` is where the document is from (levels.document_place(issuer): 重庆市, 永川区, 广东省);
    None takes the catalogue's [地区] of `doc_level` (the shipped one: 重庆市). A department of the
    document's level gets `place` + its name without the prefix: 重庆市财政局, 永川区财政局.
    """
    if members is None:
        from .shipped import shipped_catalogue

        members = shipped_catalogue()
    if place is None:
        place = members.place(doc_level)
    if place is not None and document_level(place) != doc_level:
        place = None
    names = {s.name for s in specs}
    by_target: dict[str, list[str]] = {}
    for a in members.aliases:
        by_target.setdefault(a.name, []).append(a.alias)
    out: dict[str, str] = {}

    # The document's level first: 发展改革委 is the 区's in a district's database.
    for s in sorted(specs, key=lambda s: s.level != doc_level):
        prefix = level_prefix(s.name)
        if is_department(s.kind) or (s.kind == OTHER and prefix in _ONE_LEVEL):
            out.setdefault(_strip_level(s.name), s.name)
            if place is not None and prefix == doc_level:
                out.setdefault(place + _strip_level(s.name), s.name)
        elif s.kind == DISTRICT:
            own = by_target.get(s.name, [])
            short = next((a for a in own if a[-1:] == s.name[-1:] and not a.endswith("管委会")), s.name)
            out.setdefault(short, s.name)
            bodies = [a for a in own if a.endswith(("管委会", "管理委员会"))]
            for body in bodies:
                out.setdefault(body, s.name)
            if not bodies:
                out.setdefault(short + "政府", s.name)
                out.setdefault(short + "人民政府", s.name)
                if len(short) > 2:  # 渝中区 → 渝中; 忠县 stays 忠县
                    out.setdefault(short[:-1], s.name)
        elif s.kind == TOWN:
            base = re.sub(r"(?:人民政府|政府|办事处)$", "", s.name)
            ends = ("办事处", "办") if base.endswith("街道") else ("人民政府", "政府")
            out.setdefault(base, s.name)
            for end in ends:
                out.setdefault(base + end, s.name)
        elif s.kind in (PREFECTURE, COUNTY):
            base = _GOVERNMENT.sub("", s.name)
            for spelling in (base, base + "人民政府", base + "政府"):
                out.setdefault(spelling, s.name)

    for a in members.aliases:
        if a.name in names:
            out.setdefault(a.alias, a.name)

    levels = [doc_level] + [s.level for s in specs if is_department(s.kind)]
    for level in dict.fromkeys(levels):
        for alias, unit in SHORT_NAMES:
            alias, unit = alias.replace("{L}", level), unit.replace("{L}", level)
            if unit in names:
                out.setdefault(alias, unit)

    for s in specs:
        if s.kind != COLLECTIVE:
            continue
        cls = collective_class(s.name, doc_level)
        if cls is None:
            continue
        for spelling in COLLECTIVE_SPELLINGS.get(cls.group, ()):
            out.setdefault(spelling, s.name)
        if cls.group == ALL_DEPTS and len(s.level) == 1:
            for spelling in (f"{s.level}级各部门", f"{s.level}政府各部门"):
                out.setdefault(spelling, s.name)

    for s in specs:
        if s.kind == PARTY and level_prefix(s.name) in _ONE_LEVEL:
            bare = s.name[2:] if s.name[1:2] == "委" else None  # 区委宣传部 → 宣传部
            if bare and len(bare) >= 2:
                out.setdefault(bare, s.name)
            if place is not None and level_prefix(s.name) == doc_level:
                out.setdefault(place + _strip_level(s.name), s.name)  # 永川区委宣传部
    return sorted((a, u) for a, u in out.items() if a not in names and a)
