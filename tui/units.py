"""The unit catalogue: kinds, collectives and their members, aliases, resolve(name).

Pure Python; pinyin is computed when the database is built (store/build.py) and
handed to `Catalogue` as plain strings, so nothing here imports pypinyin.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

# Kinds of unit.
CITY_DEPT = "市级部门"
DISTRICT = "区县"
COLLECTIVE = "集合"
OTHER = "其他单位"

# How a row applies to a unit, strongest first.
DIRECT, VIA_COLLECTIVE, TO_CONFIRM = "direct", "collective", "to_confirm"
VIA_RANK = {DIRECT: 0, VIA_COLLECTIVE: 1, TO_CONFIRM: 2}
VIA_LABEL = {DIRECT: "直接", VIA_COLLECTIVE: "统称", TO_CONFIRM: "待确认"}

ALL_DISTRICTS = "各区县政府"
ALL_DEPARTMENTS = "市政府各部门"
RELEVANT_DEPARTMENTS = "市政府有关部门"

# The 38 区县 of Chongqing and the three areas the notice counts with them.
DISTRICTS: tuple[str, ...] = (
    "万州区", "黔江区", "涪陵区", "渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区",
    "南岸区", "北碚区", "綦江区", "大足区", "渝北区", "巴南区", "长寿区", "江津区",
    "合川区", "永川区", "南川区", "璧山区", "铜梁区", "潼南区", "荣昌区", "开州区",
    "梁平区", "武隆区", "城口县", "丰都县", "垫江县", "忠县", "云阳县", "奉节县",
    "巫山县", "巫溪县", "石柱土家族自治县", "秀山土家族苗族自治县", "酉阳土家族苗族自治县",
    "彭水苗族土家族自治县", "两江新区", "重庆高新区", "万盛经开区",
)
_DISTRICT_SHORT = {
    "石柱土家族自治县": "石柱县", "秀山土家族苗族自治县": "秀山县",
    "酉阳土家族苗族自治县": "酉阳县", "彭水苗族土家族自治县": "彭水县",
}
_AREA_BODY = {"两江新区": "两江新区管委会", "重庆高新区": "重庆高新区管委会", "万盛经开区": "万盛经开区管委会"}

# Collectives whose membership is certain, and those a member has to confirm.
# Website host/operator units exist at city and 区县 level: a 区县 hosts its portal
# and its departments' sites; every city department hosts its own site.
_WEBSITE_PORTAL = re.compile(r"门户网站(主办|承办)单位$")
_WEBSITE_DEPT = re.compile(r"部门网站.*(主办|承办)单位$")
_CONDITIONAL = re.compile(r"(有关部门|有关单位|成员单位)$")

# Common short names a county office types.
MANUAL_ALIASES: dict[str, str] = {
    "发改委": "市发展改革委", "市发改委": "市发展改革委",
    "卫健委": "市卫生健康委", "市卫健委": "市卫生健康委",
    "经信委": "市经济信息委", "市经信委": "市经济信息委",
    "人社局": "市人力社保局", "市人社局": "市人力社保局",
    "住建委": "市住房城乡建委", "市住建委": "市住房城乡建委",
    "城管局": "市城市管理局", "市城管局": "市城市管理局",
    "文旅委": "市文化旅游委", "市文旅委": "市文化旅游委",
    "规资局": "市规划自然资源局", "市规资局": "市规划自然资源局",
    "环保局": "市生态环境局", "金融办": "市金融监管局",
    "市府办": "市政府办公厅", "政府办": "市政府办公厅", "办公厅": "市政府办公厅",
    "新闻办": "市政府新闻办", "电子政务中心": "市政府电子政务中心",
    "行政学院": "重庆行政学院", "区县政府": "各区县政府", "市级各部门": "市政府各部门",
}


@dataclass(frozen=True)
class UnitSpec:
    name: str
    kind: str
    level: str  # 市 | 区县 | 市、区县
    in_document: bool


def unit_kind(name: str) -> tuple[str, str]:
    """(kind, level) of a unit named in a document, by its name."""
    if name in DISTRICTS:
        return DISTRICT, "区县"
    if name in (ALL_DISTRICTS,):
        return COLLECTIVE, "区县"
    if _WEBSITE_PORTAL.search(name) or _WEBSITE_DEPT.search(name):
        return COLLECTIVE, "市、区县" if name.startswith("市、区县") else ("市" if name.startswith("市") else "区县")
    if name.startswith("各") or name in (ALL_DEPARTMENTS,) or _CONDITIONAL.search(name):
        return COLLECTIVE, "市"
    if name.startswith("市") and name.endswith(("委", "局", "办", "厅")):
        return CITY_DEPT, "市"
    return OTHER, "市"


def catalogue_specs(document_units: list[str]) -> list[UnitSpec]:
    """Every unit the catalogue knows: the document's, then the 区县 members."""
    specs = [UnitSpec(n, *unit_kind(n), True) for n in document_units]
    named = set(document_units)
    specs += [UnitSpec(n, DISTRICT, "区县", False) for n in DISTRICTS if n not in named]
    return specs


def memberships(specs: list[UnitSpec]) -> list[tuple[str, str, str]]:
    """(member, collective, how) for every unit that a collective stands for."""
    out: list[tuple[str, str, str]] = []
    collectives = [s.name for s in specs if s.kind == COLLECTIVE]
    for s in specs:
        for c in collectives:
            how = _membership(s, c)
            if how:
                out.append((s.name, c, how))
    return out


def _membership(unit: UnitSpec, collective: str) -> str | None:
    if unit.name == collective:
        return None
    district_like = unit.kind == DISTRICT or unit.name == ALL_DISTRICTS
    dept_like = unit.kind == CITY_DEPT or unit.name == ALL_DEPARTMENTS
    if collective == ALL_DISTRICTS:
        return VIA_COLLECTIVE if unit.kind == DISTRICT else None
    if collective == ALL_DEPARTMENTS:
        return VIA_COLLECTIVE if unit.kind == CITY_DEPT else None
    if _WEBSITE_PORTAL.search(collective):
        city = collective.startswith("市")
        county = "区县" in collective
        if district_like and county:
            return VIA_COLLECTIVE
        if city and unit.name == "市政府办公厅" and collective.endswith("主办单位"):
            return VIA_COLLECTIVE
        if city and unit.name == "市政府电子政务中心":
            return TO_CONFIRM
        return None
    if _WEBSITE_DEPT.search(collective):
        if district_like and "区县" in collective:
            return VIA_COLLECTIVE
        if dept_like and collective.startswith("市"):
            return VIA_COLLECTIVE
        return None
    if _CONDITIONAL.search(collective) and collective.startswith("市"):
        return TO_CONFIRM if dept_like else None
    return None


def aliases(specs: list[UnitSpec]) -> list[tuple[str, str]]:
    """(alias, unit) pairs: manual short names, 市-less names, 区县 government names."""
    names = {s.name for s in specs}
    out: dict[str, str] = {}
    for s in specs:
        if s.kind == CITY_DEPT or (s.kind == OTHER and s.name.startswith("市")):
            out.setdefault(s.name[1:], s.name)
            out.setdefault("重庆" + s.name, s.name)
        if s.kind == DISTRICT:
            short = _DISTRICT_SHORT.get(s.name, s.name)
            out.setdefault(short, s.name)
            if s.name in _AREA_BODY:
                out.setdefault(_AREA_BODY[s.name], s.name)
            else:
                out.setdefault(short + "政府", s.name)
                out.setdefault(short + "人民政府", s.name)
                if len(short) > 2:  # 渝中区 → 渝中; 忠县 stays 忠县
                    out.setdefault(short[:-1], s.name)
    for alias, unit in MANUAL_ALIASES.items():
        if unit in names:
            out.setdefault(alias, unit)
    return sorted((a, u) for a, u in out.items() if a not in names and a)


class UnknownUnit(LookupError):
    def __init__(self, text: str, suggestions: list[str], ambiguous: bool = False):
        self.text = text
        self.suggestions = suggestions
        self.ambiguous = ambiguous
        if ambiguous:
            msg = f"「{text}」可以指多个单位,请写全称:{''.join(f'「{s}」' for s in suggestions)}"
        else:
            msg = f"未知单位「{text}」。" + (f"您是不是要找:{''.join(f'「{s}」' for s in suggestions)}" if suggestions else "")
        super().__init__(msg)


@dataclass
class Catalogue:
    """Resolves what a user typed to a unit name. Built from database rows."""

    kinds: dict[str, str]  # name → kind
    alias_of: dict[str, str]  # alias → name
    spellings: dict[str, set[str]] = field(default_factory=dict)  # pinyin/initials → names
    _spelled: dict[str, list[str]] | None = field(default=None, init=False, repr=False, compare=False)

    def resolve(self, text: str) -> str:
        key = text.strip()
        if key in self.kinds:
            return key
        if key in self.alias_of:
            return self.alias_of[key]
        low = re.sub(r"\s+", "", key).lower()
        hits = sorted(self.spellings.get(low, ()))
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise UnknownUnit(text, hits[:5], ambiguous=True)
        raise UnknownUnit(text, self.closest(key))

    def closest(self, text: str, n: int = 5) -> list[str]:
        low = text.lower()
        scored: dict[str, float] = {}
        candidates = [(k, k) for k in self.kinds] + list(self.alias_of.items())
        candidates += [(s, name) for s, names in self.spellings.items() for name in names]
        for shown, name in candidates:
            score = difflib.SequenceMatcher(None, low, shown.lower()).ratio()
            if score > scored.get(name, -1.0):
                scored[name] = score
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
        return [name for name, _ in ranked[:n]]

    def spellings_of(self, name: str) -> list[str]:
        """Aliases, pinyin and initials that name this unit (for search)."""
        if self._spelled is None:
            spelled: dict[str, list[str]] = {}
            for alias, unit in self.alias_of.items():
                spelled.setdefault(unit, []).append(alias)
            for spelling, names in self.spellings.items():
                for n in names:
                    spelled.setdefault(n, []).append(spelling)
            self._spelled = spelled
        return self._spelled.get(name, [])

    def matches(self, query: str, name: str) -> bool:
        """Whether a search query names this unit (by name, alias, pinyin or initials)."""
        q = re.sub(r"\s+", "", query).lower()
        if not q:
            return False
        return q in name.lower() or any(q in s.lower() for s in self.spellings_of(name))
