"""Who a collective stands for: (member, collective, how) by rule from the units' kinds and levels."""

from __future__ import annotations

from .kinds import (
    ALL_DEPTS,
    CITY_DEPT,
    COLLECTIVE,
    CONDITIONAL,
    COUNTY,
    DEPT_SITE,
    DISTRICT,
    GOVERNMENT_LEVELS,
    PARTY,
    PARTY_CONDITIONAL,
    PORTAL,
    CollectiveClass,
    collective_class,
)
from .levels import department_kind
from .normalise import key
from .specs import UnitSpec

# How a row applies to a unit, strongest first.
from .via import DIRECT, TO_CONFIRM, VIA_COLLECTIVE, VIA_LABEL, VIA_RANK  # noqa: F401  (re-exported)

# County-level governments are one class: Chongqing's 区县 and a prefecture's 县(市、区).
_MEMBER_KINDS = {DISTRICT: (DISTRICT, COUNTY), COUNTY: (COUNTY, DISTRICT)}

# The website host/operator collectives name these two of the city's units.
_CITY_PORTAL_HOST = "市政府办公厅"
_CITY_PORTAL_OPERATOR = "市政府电子政务中心"


def _class_of(spec: UnitSpec, doc_level: str) -> CollectiveClass | None:
    if spec.kind != COLLECTIVE:
        return None
    cls = collective_class(spec.name, doc_level)
    return CollectiveClass(cls.group, spec.level) if cls else None


def memberships(specs: list[UnitSpec], doc_level: str = "市") -> list[tuple[str, str, str]]:
    """(member, collective, how) for every unit that a collective stands for, in spec order.

    - all departments of level L (市政府各部门, 区级各部门, 各部门 …) ← every department of level L;
    - 有关部门/有关单位/成员单位 of level L ← every department of level L and the all-departments
      collective of L, to confirm; 区委有关部门 ← the party bodies of 区, to confirm;
    - 各区县政府, 各镇街, 各地级以上市人民政府, 各县(市、区)人民政府 ← the units of that kind
      (区县 and 县市区 count as one kind here; a 镇街 the document names is one of its 镇街 too);
    - the website host/operator collectives as in 2021: 区县 (and 各区县政府) host the 区县 sites,
      city departments (and 市政府各部门) their own; 市政府办公厅 hosts the city portal, 市政府电子政务
      中心 runs it (to confirm).
    Party bodies are never members of a government collective.
    """
    classes = [_class_of(s, doc_level) for s in specs]
    collectives = [(s, c) for s, c in zip(specs, classes) if c is not None]
    out: list[tuple[str, str, str]] = []
    for unit, unit_class in zip(specs, classes):
        for coll, cls in collectives:
            how = _membership(unit, unit_class, coll, cls)
            if how:
                out.append((unit.name, coll.name, how))
    return out


def _membership(unit: UnitSpec, unit_class: CollectiveClass | None, coll: UnitSpec, cls: CollectiveClass) -> str | None:
    if unit.name == coll.name or unit.kind == PARTY and cls.group != PARTY_CONDITIONAL:
        return None
    group = cls.group
    if group in GOVERNMENT_LEVELS:
        return VIA_COLLECTIVE if unit.kind in _MEMBER_KINDS.get(group, (group,)) else None
    all_departments_of = unit_class.level if unit_class and unit_class.group == ALL_DEPTS else None
    if group == ALL_DEPTS:
        return VIA_COLLECTIVE if unit.kind == department_kind(cls.level) else None
    district_like = unit.kind == DISTRICT or (unit_class is not None and unit_class.group == DISTRICT)
    city_dept_like = unit.kind == CITY_DEPT or all_departments_of == "市"
    name = key(coll.name)
    if group == PORTAL:
        city = name.startswith("市")
        if district_like and "区县" in name:
            return VIA_COLLECTIVE
        if city and unit.name == _CITY_PORTAL_HOST and name.endswith("主办单位"):
            return VIA_COLLECTIVE
        if city and unit.name == _CITY_PORTAL_OPERATOR:
            return TO_CONFIRM
        return None
    if group == DEPT_SITE:
        if district_like and "区县" in name:
            return VIA_COLLECTIVE
        if city_dept_like and name.startswith("市"):
            return VIA_COLLECTIVE
        return None
    if group == CONDITIONAL:
        if unit.kind == department_kind(cls.level) or all_departments_of == cls.level:
            return TO_CONFIRM
        return None
    if group == PARTY_CONDITIONAL:
        return TO_CONFIRM if unit.kind == PARTY and unit.level == cls.level else None
    return None


def empty_collectives(specs: list[UnitSpec], doc_level: str = "市") -> list[str]:
    """Collectives of the specs that nobody is a member of, in spec order: build-db warns of them
    (a district document naming 各镇街 with no 镇街 in any catalogue, 各地级以上市人民政府 in a
    province's document without a user catalogue, 各牵头单位 …)."""
    filled = {c for _, c, _ in memberships(specs, doc_level)}
    return [s.name for s in specs if s.kind == COLLECTIVE and s.name not in filled]
