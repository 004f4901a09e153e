"""Kinds and levels of units by rule: departments, party bodies, subordinate governments, collectives.

`unit_kind(name, doc_level, members)` is the one entry point; `collective_class(name, doc_level)`
says which collective a 集合 is, which is what memberships are computed from. Names are compared
through `normalise.key` (full- and half-width brackets are the same, spaces do not count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .levels import LEVEL_PREFIXES, department_kind
from .normalise import key

if TYPE_CHECKING:
    from .catalogue_file import MemberCatalogue

# Kinds of unit.
CITY_DEPT = "市级部门"  # departments of other levels: levels.DEPARTMENT_KINDS (区级部门, 县级部门, 省级部门 …)
PARTY = "党委部门"
DISTRICT = "区县"  # Chongqing's 区县 and the three areas counted with them
TOWN = "镇街"
PREFECTURE = "地级市"
COUNTY = "县市区"  # counties, county-level cities and districts of a prefecture
COLLECTIVE = "集合"
OTHER = "其他单位"

# Subordinate governments: kind → the level their units and collectives carry.
GOVERNMENT_LEVELS: dict[str, str] = {DISTRICT: "区县", TOWN: "镇", PREFECTURE: "市", COUNTY: "县"}

# Classes of collective (CollectiveClass.group).
ALL_DEPTS = "all_departments"  # 市政府各部门, 区级各部门, 各部门 …: certain
CONDITIONAL = "conditional"  # 有关部门, 有关单位, 成员单位: to confirm
PARTY_CONDITIONAL = "party_conditional"  # 区委有关部门: party bodies, to confirm
PORTAL = "website_portal"  # 市、区县政府门户网站主办单位 …
DEPT_SITE = "website_department"  # 市、区县政府部门网站(页)主办单位 …
NO_MEMBERS = "other"  # 各牵头单位 …: a collective nobody is known to belong to
# … and DISTRICT, TOWN, PREFECTURE, COUNTY: the subordinate governments of that kind.


@dataclass(frozen=True)
class CollectiveClass:
    group: str
    level: str


_WEBSITE_PORTAL = re.compile(r"门户网站(主办|承办)单位$")
_WEBSITE_DEPT = re.compile(r"部门网站.*(主办|承办)单位$")
_GOVERNMENTS = (
    (DISTRICT, re.compile(r"^各区县(?:\(自治县\))?(?:(?:人民)?政府)?(?:\((?:管委会|管委)\))?$")),
    (PREFECTURE, re.compile(r"^各地级(?:以上)?市(?:(?:人民)?政府)?$")),
    (
        COUNTY,
        re.compile(
            r"^各(?:县(?:\((?:市、区|区、市|市区|区|市)\)|、市、区|市区|区|市)?|区市)(?:人民)?政府"
            r"(?:\((?:管委会|管委)\))?$"
        ),
    ),
    (TOWN, re.compile(r"^各(?=.*[镇乡街])(?:乡|镇|街道|街|办事处|人民政府|政府|、|\(|\)|和|及)+$")),
)
_LEVEL = f"区县|自治区|[{LEVEL_PREFIXES}]"
_ALL_DEPARTMENTS = re.compile(
    rf"^(?:{_LEVEL})?(?:政府|级|直|级政府|直属)?各部门$"
    rf"|^(?:{_LEVEL})(?:政府|级|直|级政府|直属)?各(?:单位|部门单位)$"
)
_CONDITIONAL = re.compile(r"(有关部门|有关单位|成员单位)$")
_PREFIX = re.compile(rf"^(?:{_LEVEL})")

_PARTY = re.compile(rf"^(?:中共|中国共产党)|^[{LEVEL_PREFIXES}]委|纪委|(?:宣传部|组织部|统战部|政法委)$")
_TOWN_NAME = re.compile(r"^(?!各).{2,}(?:镇|乡|街道)(?:人民政府|政府|办事处)?$")
_CORE_ENDINGS = ("委", "局", "办", "厅", "办公室", "署", "会")
_INSTITUTION_ENDINGS = ("中心", "院", "馆", "站", "所", "队")
# Bodies with a level prefix and a department's ending that are not the government's departments.
_NOT_DEPARTMENTS = (
    "法院",
    "检察院",
    "人大",
    "政协",
    "医院",
    "工会",
    "团委",
    "妇联",
    "科协",
    "残联",
    "文联",
    "侨联",
    "红十字会",
)
_PREFECTURE_NAME = re.compile(r"^.{2,}(?:市|自治州|州|盟)(?:人民政府|政府|行政公署)?$")
# A county-level city (…市) in a 市 document could as well be the city itself: only a catalogue says.
_COUNTY_NAME = re.compile(r"^.{2,}(?:县|区|旗)(?:人民政府|政府)?$")


def level_prefix(name: str) -> str | None:
    """The level a name starts with: 区财政局 → 区; 区县政府… → 区县; 自治区… → 省; 市场… → None."""
    k = key(name)
    if k.startswith("市场") and not k.startswith("市市场"):
        return None  # 市场监管局 is a department's name, not 市 + 场监管局
    m = _PREFIX.match(k)
    if not m:
        return None
    return "省" if m.group(0) == "自治区" else m.group(0)


def collective_class(name: str, doc_level: str = "市") -> CollectiveClass | None:
    """Which collective a name is (with its level), or None when it is not a collective."""
    k = key(name)
    if _WEBSITE_PORTAL.search(k) or _WEBSITE_DEPT.search(k):
        level = "市、区县" if k.startswith("市、区县") else ("市" if k.startswith("市") else "区县")
        return CollectiveClass(PORTAL if _WEBSITE_PORTAL.search(k) else DEPT_SITE, level)
    for kind, pattern in _GOVERNMENTS:
        if pattern.match(k):
            return CollectiveClass(kind, GOVERNMENT_LEVELS[kind])
    if _ALL_DEPARTMENTS.match(k):
        return CollectiveClass(ALL_DEPTS, level_prefix(k) or doc_level)
    if _CONDITIONAL.search(k):
        bare = k[1:] if k.startswith("各") else k
        level = level_prefix(bare) or doc_level
        party = re.match(rf"^[{LEVEL_PREFIXES}]委", bare) is not None
        return CollectiveClass(PARTY_CONDITIONAL if party else CONDITIONAL, level)
    if k.startswith("各"):
        return CollectiveClass(NO_MEMBERS, doc_level)
    return None


def is_party_body(name: str) -> bool:
    """市委宣传部, 区委编办, 省委网信办, 中共…, …纪委监委: the party's, never the government's departments."""
    return _PARTY.search(key(name)) is not None


def department_level(name: str) -> str | None:
    """The level of a government department by rule, or None when the name is not one."""
    k = key(name)
    level = level_prefix(k)
    if level is None or level == "区县" or k.startswith("市、") or is_party_body(k):
        return None
    rest = k[3:] if k.startswith("自治区") else k[1:]
    if not rest or any(word in k for word in _NOT_DEPARTMENTS):
        return None
    if rest.endswith(_INSTITUTION_ENDINGS):
        # 区档案馆 is a department; 市政府电子政务中心 is an institution run by the government's office.
        return None if rest.startswith("政府") else level
    return level if rest.endswith(_CORE_ENDINGS) else None


def unit_kind(name: str, doc_level: str = "市", members: MemberCatalogue | None = None) -> tuple[str, str]:
    """(kind, level) of a unit by its name, in a document of `doc_level`, with a member catalogue.

    `members` (default: the shipped catalogue) says which names are 区县, 镇街, 地级市 or 县市区 and
    which the user counts as departments ([部门]). Never raises.
    """
    if members is None:
        from .shipped import shipped_catalogue

        members = shipped_catalogue()
    k = key(name)
    cls = collective_class(k, doc_level)
    if cls is not None:
        return COLLECTIVE, cls.level
    section = members.section_of(k)
    if section in GOVERNMENT_LEVELS:
        return section, GOVERNMENT_LEVELS[section]
    if is_party_body(k):
        return PARTY, level_prefix(k) or doc_level
    if _TOWN_NAME.match(k):
        return TOWN, GOVERNMENT_LEVELS[TOWN]
    level = department_level(k)
    if level is not None:
        return department_kind(level) or OTHER, level
    if section == "部门":
        # The user lists it as a department: of its prefix's level, else of the document's.
        listed = level_prefix(k) or doc_level
        if (kind := department_kind(listed)) is not None:
            return kind, listed
    if doc_level == "省" and _PREFECTURE_NAME.match(k) and level_prefix(k) is None:
        return PREFECTURE, GOVERNMENT_LEVELS[PREFECTURE]
    if doc_level in ("市", "州", "盟") and _COUNTY_NAME.match(k) and level_prefix(k) is None:
        return COUNTY, GOVERNMENT_LEVELS[COUNTY]
    return OTHER, level_prefix(k) or doc_level


def is_department(kind: str) -> bool:
    return kind.endswith("级部门")
