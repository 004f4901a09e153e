"""Levels of government: of a document (from its issuer) and of a department (from its prefix).

A level is one of 省 市 区 县 州 盟 旗 镇 (a 自治区 counts as 省; a 乡 or 街道 as 镇).
"""

from __future__ import annotations

import re

from .normalise import key

# The one-character prefixes that name a department's level: 市财政局, 区财政局, 省发展改革委 …
LEVEL_PREFIXES = "市区县省州盟旗"

# Kind of a department of each level. 市级部门 is the kind the 2021 database was built with.
DEPARTMENT_KINDS: dict[str, str] = {
    "市": "市级部门",
    "区": "区级部门",
    "县": "县级部门",
    "省": "省级部门",
    "州": "州级部门",
    "盟": "盟级部门",
    "旗": "旗级部门",
}

_SPLIT = re.compile(r"[\s、,，;；/]+")
_OFFICE = re.compile(
    r"(?:(?:人民)?政府(?:办公厅|办公室)?|行政公署(?:办公室)?|(?:管理委员会|管委会)(?:办公室)?|办事处|办公厅|办公室)$"
)
_PLACE_LEVEL = (
    ("自治区", "省"),
    ("街道", "镇"),
    ("省", "省"),
    ("市", "市"),
    ("区", "区"),
    ("县", "县"),
    ("州", "州"),
    ("盟", "盟"),
    ("旗", "旗"),
    ("镇", "镇"),
    ("乡", "镇"),
)
_PLACE_END = re.compile(r"(?:自治区|街道|[省市区县州盟旗镇乡])$")


def department_kind(level: str) -> str | None:
    """The kind of a department of this level (`区` → 区级部门), None for a level without departments."""
    return DEPARTMENT_KINDS.get(level)


def _issuer_place(issuer: str | None) -> str | None:
    """The place an issuer governs, as written: 重庆市永川区人民政府办公室 → 重庆市永川区."""
    if not issuer:
        return None
    parts = [key(p) for p in _SPLIT.split(issuer) if key(p)]
    # Joint issuers (中共…委办公厅 …人民政府办公厅): the government's is the one that counts.
    parts.sort(key=lambda p: "政府" not in p)
    for part in parts:
        place = part
        while True:
            stripped = _OFFICE.sub("", place)
            if stripped == place:
                break
            place = stripped
        if len(place) >= 2 and _PLACE_END.search(place) and not place.endswith("委"):
            return place
    return None


def document_level(issuer: str | None) -> str | None:
    """The level of a document from its issuer, or None when the issuer names no level.

    重庆市人民政府办公厅 → 市; 重庆市永川区人民政府办公室 → 区; 重庆市城口县人民政府办公室 → 县;
    广东省人民政府办公厅 → 省; 厦门市集美区人民政府办公室 → 区; 某某镇人民政府 → 镇.

    None (an empty issuer, 国务院办公厅, a party office alone) is for the caller to decide: build-db
    takes "市" and says so in its warnings, since no level is a guess that changes who is a member.
    """
    place = _issuer_place(issuer)
    return None if place is None else place_level(place)


# A title that opens with the place it is for: `某区2026年政务公开工作要点任务分工`, `全县…`,
# `XX市人民政府办公室关于印发…的通知`. Only before a year, 关于 or 政务公开: `市教育局2026年…` names
# a department, not a place; `市文化旅游委关于贯彻落实市政府办公厅…` neither.
_TITLE_PLACE = re.compile(
    r"^(?P<place>(?:(?!关于|印发|贯彻|落实)[\u4e00-\u9fff]){1,15}?(?:自治区|街道|[省市区县州盟旗镇乡]))"
    r"(?:人民政府|政府)?(?:办公厅|办公室)?(?:关于|印发|[0-9]{4}|[〇一二三四五六七八九零]{4}|政务公开)"
)
_NO_PLACE = re.compile(r"[委局厅办]|政府")


def title_place(title: str | None) -> str | None:
    """The place a document's title opens with (`某区2026年政务公开工作要点` → 某区; `全县…` → 全县),
    or None. A bare `…州` is a city's name as often as a 州's (`泰州关于…`): only `…自治州` counts."""
    if not title:
        return None
    m = _TITLE_PLACE.match(re.sub(r"[\s\u3000《〈<]", "", title))
    if m is None:
        return None
    place = m.group("place")
    if _NO_PLACE.search(place) or (place.endswith("州") and not place.endswith("自治州")):
        return None
    return place


def place_level(place: str) -> str | None:
    """The level of a place as written (`重庆市永川区` → 区, `全县` → 县)."""
    for ending, level in _PLACE_LEVEL:
        if place.endswith(ending):
            return level
    return None


def document_place(issuer: str | None) -> str | None:
    """The lowest place an issuer names: 重庆市永川区人民政府办公室 → 永川区; 广东省人民政府办公厅 → 广东省.

    Used for aliases such as 永川区财政局 → 区财政局. A leading higher place is dropped only when at
    least two characters stand before its level character, so 荆州市沙市区 → 沙市区 (not 市区).
    """
    place = _issuer_place(issuer)
    if place is None:
        return None
    changed = True
    while changed:
        changed = False
        for i, ch in enumerate(place):
            rest = place[i + 1 :]
            if i >= 2 and ch in LEVEL_PREFIXES + "省" and len(rest) >= 2 and _PLACE_END.search(rest):
                place, changed = rest, True
                break
    return place
