"""The units of a database: the document's (canonical names, kinds by rule) and the members that
enter through the collectives the document names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .catalogue_file import MEMBER_SECTIONS, Entry, MemberCatalogue
from .kinds import (
    ALL_DEPTS,
    COLLECTIVE,
    CONDITIONAL,
    COUNTY,
    DEPT_SITE,
    DISTRICT,
    GOVERNMENT_LEVELS,
    PORTAL,
    collective_class,
    is_department,
    unit_kind,
)
from .normalise import key


@dataclass(frozen=True)
class UnitSpec:
    name: str
    kind: str
    level: str  # 市 | 区 | 县 | 省 … | 区县 | 镇 | 市、区县
    in_document: bool


_GOVERNMENT_SUFFIX = re.compile(r"(?:人民政府|政府|办事处|管理委员会|管委会)$")


def _members(members: MemberCatalogue | None) -> MemberCatalogue:
    if members is None:
        from .shipped import shipped_catalogue

        return shipped_catalogue()
    return members


def canonical(name: str, members: MemberCatalogue | None = None) -> str:
    """The one name a unit goes by in the database.

    - a catalogue alias gives its unit: 两江新区管委会 → 两江新区, 石柱县 → 石柱土家族自治县;
    - a catalogue member spelled with other brackets or spaces gives the catalogue's spelling;
    - a member's government named in full gives the member: 万州区人民政府 → 万州区,
      朱沱镇人民政府 → 朱沱镇 (only when 朱沱镇 is in the catalogue);
    - anything else is the name as the document spells it (stripped).

    build-db applies it to every unit of the document — the unit list and every row's unit cells —
    so that rows and memberships name the same unit. Idempotent.
    """
    members = _members(members)
    stripped = name.strip()
    k = key(stripped)
    target = members.alias_target(k)
    if target is not None:
        return target
    entry = members.entry(k)
    if entry is not None:
        return entry.name
    base = _GOVERNMENT_SUFFIX.sub("", k)
    if base != k and len(base) >= 2:
        entry = members.entry(base) or members.entry(members.alias_target(base) or "")
        if entry is not None and entry.section in GOVERNMENT_LEVELS:
            return entry.name
    return stripped


def catalogue_specs(
    document_units: list[str], doc_level: str = "市", members: MemberCatalogue | None = None
) -> list[UnitSpec]:
    """Every unit of the database: the document's (in its order, canonical), then the members of
    each class of collective the document names, from the catalogue (shipped + user), not in the
    document (`in_document=False`).

    区县 members enter through 各区县政府 (any spelling) and the 区县 website collectives; 镇街,
    地级市, 县市区 through their collectives (the user's [区县] also through 各县(市、区)人民政府);
    [部门] members through the all-departments or conditional collective of their level. Nothing
    enters otherwise: a Guangdong document gets no Chongqing 区县.
    """
    members = _members(members)
    specs: list[UnitSpec] = []
    named: set[str] = set()
    for raw in document_units:
        name = canonical(raw, members)
        if key(name) in named:
            continue
        named.add(key(name))
        specs.append(UnitSpec(name, *unit_kind(name, doc_level, members), True))

    classes = [(s.name, collective_class(s.name, doc_level)) for s in specs if s.kind == COLLECTIVE]
    wanted: set[str] = set()
    department_levels: set[str] = set()
    for name, cls in classes:
        if cls is None:
            continue
        if cls.group in GOVERNMENT_LEVELS:
            wanted.add(cls.group)
        elif cls.group in (PORTAL, DEPT_SITE) and "区县" in key(name):
            wanted.add(DISTRICT)
        elif cls.group in (ALL_DEPTS, CONDITIONAL):
            department_levels.add(cls.level)

    def add(name: str, kind: str, level: str) -> None:
        named.add(key(name))
        specs.append(UnitSpec(name, kind, level, False))

    for entry in sorted(members.entries, key=lambda e: _SECTION_ORDER.get(e.section, len(_SECTION_ORDER))):
        if entry.section not in MEMBER_SECTIONS or key(entry.name) in named:
            continue
        kind, level = unit_kind(entry.name, doc_level, members)
        if _enters(entry, kind, level, wanted, department_levels):
            add(entry.name, kind, level)
    return specs


_SECTION_ORDER = {s: i for i, s in enumerate(MEMBER_SECTIONS)}


def _enters(entry: Entry, kind: str, level: str, wanted: set[str], department_levels: set[str]) -> bool:
    """Whether a catalogue entry enters through the collectives the document names.

    County-level governments are one class under two spellings: 各区县政府 (Chongqing's) takes
    [区县] and [县市区]; 各县(市、区)人民政府 takes [县市区] and the user's [区县] — not the shipped
    Chongqing 区县, which are no county of any prefecture.
    """
    if entry.section == "部门":
        return is_department(kind) and level in department_levels
    if entry.section in wanted:
        return True
    if entry.section == COUNTY and DISTRICT in wanted:
        return True
    if entry.section == DISTRICT and COUNTY in wanted:
        from .shipped import SHIPPED_SOURCE

        return entry.source != SHIPPED_SOURCE
    return False
