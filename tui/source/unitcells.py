"""Unit cells: telling a unit cell from task text, and splitting it into names and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chars import BLANKS, COLON, COMMA, IDEO_COMMA, LPAREN, RPAREN, SEMI, cls
from .unit_spellings import inner_brackets, shared_suffix, split_he

# Characters that occur in task sentences but never in a unit cell (outside a note).
_SENTENCE_MARKS = set("。“”‘’《》!！?？<>＜＞/／") | set(COLON) | set(SEMI)
# Words that name a level and join the next name: `市、区县政府门户网站主办单位`.
LEVEL_WORDS = frozenset({"市", "市级", "区县", "区", "县", "乡镇", "街道", "市区县", "区县级", "省", "省级"})
# How Chinese unit names end; a part that ends so is taken as a unit name.
UNIT_SUFFIXES = (
    "单位",
    "部门",
    "政府",
    "中心",
    "学院",
    "公司",
    "集团",
    "办公室",
    "管委会",
    "机构",
    "办事处",
    "委",
    "局",
    "办",
    "厅",
    "院",
    "会",
    "部",
    "处",
    "室",
    "组",
    "所",
    "站",
    "馆",
    "高等学校",  # `各高等学校`, `省属高等学校`: universities (山东省教育厅 2023); `各高校`: _SCHOOLS
    "协调机制",  # `市政务数据共享协调机制`: the member units acting together, named as one body
    "产业园",  # `新材料产业园、…、商贸物流园等`: a park (its committee) is a unit
    "工业园",
    "物流园",
    "科技园",
    "创业园",
    "社",
    "台",
    "署",
    "行",
    "队",
    "联",
    "关",
    "团",
    "科",
    "股",
    "区",
    "县",
    "镇",
    "乡",
    "街道",
    "市",
    "镇街",
    "街镇",
)
# `各街道板块`, `各板块`: a district's streets and development zones (南京, 江苏), a collective; a
# `经济板块` alone is a topic, no unit.
_ZONES = re.compile(r"^各[\u4e00-\u9fff]{0,4}板块$")
# `各高校`, `各中小学校`: the schools of a province or county, a collective (安徽省教育厅 2024); not any
# words ending in 学校 (`新建城区学校` is a task).
_SCHOOLS = re.compile(r"^各[\u4e00-\u9fff]{0,8}(?:学校|高校)$")
# Units whose usual name has two characters (the people's organisations): `…民政局、妇联,各镇(街道)`.
SHORT_UNITS = frozenset({"妇联", "团委", "工会", "残联", "科协", "文联", "侨联", "工商联", "法院", "检察院"})
# Farms and the like, units of a county (`县农场`, `国营林场`) and a collective of them with the
# townships (`各乡镇场`: the townships and farms); not any word ending in 场 (`市场`, `现场`).
_FARM = re.compile(r"(?:农|林|牧|渔|茶|果|垦|良种|苗圃|种畜)场$|^各[乡镇街]+场$")
# A bracket that belongs to a name: `各镇（街道）`, `各县（市、区）人民政府`, `各区县（自治县）`.
# `各级政府办公厅(室)`: the offices of either rank (办公厅 or 办公室), one collective; `各镇(办)`: the
# towns and the street offices (街道办事处), one collective as `各镇(街道)`.
_NAME_BRACKET = re.compile(r"^(?:[市区县州乡镇街道自治旗特、]+|室|办)$")
# The same bracket written as 〔〕 because the name stands inside a round bracket (`(各县〔市〕区人民
# 政府负责)`, `各市〔州〕、县〔市、区〕政府`): the name is 各县(市)区人民政府, as written elsewhere.
_NESTED_NAME_BRACKET = re.compile(r"(?<=[\u4e00-\u9fff])[〔﹝]([市区县州乡镇街道自治旗特、]{1,8}|室)[〕﹞]")
# Collectives whose name holds a `、` of its own: the two kinds of town-level government
# (各镇人民政府、街道办事处, 各乡镇、街道, 各街道办事处、镇人民政府, 各镇、街) and 各县、市、区人民政府.
_TOWN_KIND = r"(?:乡镇|镇|乡)(?:人民政府|政府)?"
_STREET_KIND = r"(?:街道|街)(?:办事处)?"
# `各` distributes over every kind after it: 各乡、街办、管理处 is one collective, not three units
# (街办 and 管理处 alone name nobody).
_LOCAL_KIND = rf"(?:{_TOWN_KIND}|{_STREET_KIND}|街办|管理处|管委会|开发区|园区|农场|林场)"
# `各市(州)、县(市、区)政府`: the cities' and the counties' governments, one collective sharing `政府`;
# so too their departments of one kind, `各市、县(市、区)教育局` (not 各市 and 县(市、区)教育局).
_LEVEL_KIND = r"[市州县区]{1,3}(?:[(（][市区县州、]{1,6}[)）])?"  # brackets of either width
JOINED_NAMES = re.compile(
    rf"各{_LOCAL_KIND}(?:[{BLANKS}]*、[{BLANKS}]*{_LOCAL_KIND})+(?![\u4e00-\u9fff])|各县、市、区(?:人民)?政府"
    rf"|各{_LEVEL_KIND}(?:、{_LEVEL_KIND})+(?:(?:人民)?政府|[\u4e00-\u9fff]{{1,10}}?(?:局|委|办)(?![\u4e00-\u9fff]))"
)
# A bracket after a collective of governments that widens it: 各县(市、区)人民政府(管委会).
# Also 各街道(功能区): the 街道 and the 功能区 beside them (addressed as 各街道(功能区)办事处(管委会)).
_WIDENING_NOTE = re.compile(r"^(?:管委会|管委|功能区|园区|开发区|新区|管委会、园区)$")
# Also `区房管局等公共企事业单位行业主管部门`: the kind of the ones named, and others unnamed.
_OTHERS = re.compile(r"^(.+?)(等[^、,，()（）]{0,14}?(?:部门|单位|科室|处室|机构|成员单位))$")
# `就业指导中心(等有关处室(单位))`: a unit and its note `等有关处室(单位)` as the breakdown table writes them back.
_OTHERS_NOTED = re.compile(r"^(.+?)[(（](等[^()（）]{0,14}?[(（][^()（）]{1,6}[)）])[)）]$")
# `区商务局等数字经济工作领导小组成员单位`: a unit, then a group's members named as a collective.
_OTHERS_NAMED = re.compile(r"^(.+?)等((?!有关|相关|其他).+?(?:小组|委员会|指挥部|联席会议)成员单位)$")
# Words that, after a `、`, widen the name before them instead of naming a unit.
_KIND_WORDS = frozenset({"单位", "部门", "机构"})
# What an empty cell is written as.
EMPTY_MARKS = frozenset({"/", "／", "—", "——", "-", "－", "无", "\\", "、"})
_SEPARATORS = IDEO_COMMA + COMMA
_OPEN, _CLOSE = LPAREN + "〔[【﹝", RPAREN + "〕]】﹞"
_TRAILING_NOTE = re.compile(rf"^(.+?){cls(LPAREN + '﹝')}([^{re.escape(LPAREN + RPAREN)}﹝﹞]*){cls(RPAREN + '﹞')}$")
# A bracket after a collective that widens it by a kind word: `市政府各部门(单位)`.
_WIDENING_KIND = re.compile(r"^(?:单位|部门|机构|单位、部门)$")


# How a cell says "each for its own part" after a name.
_DUTY_NOTE = re.compile(
    r"^(.+?)等?(按职责分工负责|按职责分工落实|按职责负责|按职能职责负责|按职能分工落实|按职能分工负责|"
    r"按职能职责落实|按职责落实|分别负责|分别落实|按职责分工)$"
)


@dataclass(frozen=True)
class UnitName:
    name: str
    note: str | None = None


def is_empty_mark(text: str) -> bool:
    return text.strip(BLANKS) in EMPTY_MARKS


def split_outside_brackets(text: str, separators: str = _SEPARATORS) -> list[str]:
    """Split at the separators that stand outside any bracket."""
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for c in text:
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and c in separators:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    parts.append("".join(cur))
    return parts


# A PDF's blanks inside a collective's bracket: `各县 (市、 区 ) 政府` is 各县(市、区)政府.
_SPACED_NAME_BRACKET = re.compile(
    rf"(?<=[\u4e00-\u9fff])[{re.escape(BLANKS)}]*([(（])([市区县州乡镇街道自治旗特、{re.escape(BLANKS)}]+)([)）])"
    rf"(?:[{re.escape(BLANKS)}]*(?=(?:人民)?政府))?"
)


def _unspaced(m: re.Match) -> str:
    return m.group(1) + re.sub(rf"[{re.escape(BLANKS)}]+", "", m.group(2)) + m.group(3)


_BLANKS_BY_COMMA = re.compile(rf"[{BLANKS}]*、[{BLANKS}]*")


def split_names(text: str) -> list[str]:
    """Split a unit cell on `、` `，` `,` outside brackets, joining level words to the
    name after them and keeping the collectives whose name holds a `、`.
    A leading separator (a truncated first name) gives an empty first part."""
    text = _BLANKS_BY_COMMA.sub("、", text)  # `县财政局、 县发改委`: a blank beside 、 says nothing
    text = _NESTED_NAME_BRACKET.sub(r"(\1)", text)
    text = _SPACED_NAME_BRACKET.sub(_unspaced, text)
    text = shared_suffix(inner_brackets(text))
    protected = JOINED_NAMES.sub(lambda m: m.group(0).replace("、", "\x00"), text)
    parts = [p.strip(BLANKS).replace("\x00", "、") for p in split_outside_brackets(protected)]
    names: list[str] = []
    carry: list[str] = []
    for i, part in enumerate(parts):
        if part in LEVEL_WORDS and i + 1 < len(parts):
            carry.append(part)
            continue
        if part in _KIND_WORDS and names:  # `市直有关部门、单位`: 单位 is no unit of its own
            names[-1] += "、" + part
            continue
        joined = "、".join(carry + [part]) if carry else part
        for name in (n for piece in _split_and(joined) for each in _split_each(piece) for n in _split_blank(each)):
            m = _OTHERS_NAMED.match(name)
            names.extend([m.group(1), m.group(2)] if m and looks_like_unit_name(m.group(1)) else [name])
        carry = []
    return names


def _split_and(part: str) -> list[str]:
    """`州委编办及州直相关单位` → two units, when each side is a unit name by itself."""
    pieces = [p.strip(BLANKS) for p in part.split("及")]
    if len(pieces) > 1 and all(looks_like_unit_name(p) for p in pieces):
        return [q for p in pieces for q in split_he(p, looks_like_unit_name)]
    return split_he(part, looks_like_unit_name)


_EACH = re.compile(r"(?<=[\u4e00-\u9fff])(?=各)")


def _split_each(part: str) -> list[str]:
    """`各乡镇各有关部门` → 各乡镇, 各有关部门: two collectives written with nothing between them,
    when each piece (each beginning with 各) is a unit name by itself; `各级各部门` stays whole."""
    if not part.startswith("各") or "各" not in part[1:] or part.startswith("各级"):
        return [part]  # `各级政府各部门`: the departments of every level's government, one collective
    pieces = _EACH.split(part)
    if len(pieces) > 1 and all(p.startswith("各") and len(p) > 2 and looks_like_unit_name(p) for p in pieces):
        return pieces
    return [part]


_HAN_NAME = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff()（）]*")  # no `、` of a joined collective


def _split_blank(part: str) -> list[str]:
    """`县教体局 各相关乡镇政府` → two units: names a cell held on two lines, copied with a blank
    between them, when each piece is a unit name by itself (`办 公 室`, letter-spaced, and
    `省编办 (省审改办)`, a name and its note, stay whole)."""
    pieces = [p for p in re.split(rf"[{re.escape(BLANKS)}\n]+", part) if p]  # or a line break kept in the cell
    if len(pieces) > 1 and all(len(p) > 2 and _HAN_NAME.fullmatch(p) and looks_like_unit_name(p) for p in pieces):
        return pieces
    return [part]


def split_note(part: str) -> UnitName:
    """`市政府办公厅（市政务公开办）` → 市政府办公厅 + note 市政务公开办. A bracket inside a
    name (`各区县（自治县）政府`, `各县（市、区）人民政府`) stays part of it, and so does 管委会 after
    a collective (`各县(市、区)人民政府(管委会)`: the county level with its 管委会). `各镇街按职责分工负责`
    → 各镇街 + note 按职责分工负责."""
    m = _DUTY_NOTE.match(part)
    if m and looks_like_unit_name(m.group(1)):
        inner = split_note(m.group(1))  # `省农业厅等有关部门按职责分工`: the others unnamed, too
        return UnitName(inner.name, f"{inner.note}，{m.group(2)}" if inner.note else m.group(2))
    if part.endswith("等") and looks_like_unit_name(part[:-1]):  # `…、土管所等`: and others, unnamed
        return UnitName(part[:-1], "等")
    m = _OTHERS.match(part)  # `区司法局等有关部门`: 区司法局 and others it does not name
    if m and looks_like_unit_name(m.group(1)):
        return UnitName(m.group(1), m.group(2))
    m = _OTHERS_NOTED.match(part)  # the same written back with its note: `就业指导中心(等有关处室(单位))`
    if m and looks_like_unit_name(m.group(1)):
        return UnitName(m.group(1), m.group(2))
    m = _TRAILING_NOTE.match(part)
    if m and _WIDENING_NOTE.match(m.group(2).strip(BLANKS)) and part.startswith("各"):
        return UnitName(part)
    if m and _WIDENING_KIND.match(m.group(2).strip(BLANKS)) and "各" in m.group(1):
        return UnitName(part)
    if m and not _NAME_BRACKET.match(m.group(2).strip(BLANKS)) and looks_like_unit_name(m.group(1).strip(BLANKS)):
        name, note = m.group(1).strip(BLANKS), m.group(2).strip(BLANKS)
        others = _OTHERS.match(name)  # `就业指导中心等有关处室(单位)`: the others unnamed, with their kind
        if others and looks_like_unit_name(others.group(1)):
            return UnitName(others.group(1), f"{others.group(2)}({note})")
        return UnitName(name, note or None)
    return UnitName(part)


_NAME_BREAK_BEFORE = re.compile(r"[\u4e00-\u9fff]$")
_NAME_BREAK_AFTER = re.compile(r"^[\u4e00-\u9fff]")
_LAST_NAME = re.compile(r"[^、,，;；\s]+$")
_FIRST_NAME = re.compile(r"^[^、,，;；\s]+")
# A line that ends with a role word (`区财政局牵头` / `各镇配合`) or 等 ends its part: no name runs on.
_ENDS_PART = re.compile(r"(?:牵头|负责|落实|配合|参与|参加|协办|协助|协同|统筹|主办|等)$")


def rejoin_broken_names(paragraphs: list[str]) -> list[list[int]]:
    """The paragraphs of a unit cell grouped where a line break fell inside a name (a copy
    hard-wrapped at the page's width: `…、区应急` / `管理局、…`): the piece before the break names no
    unit by itself, and nothing separates the two lines. A cell of one unit a line stays one a line."""
    groups: list[list[int]] = []
    for k, text in enumerate(paragraphs):
        prev = paragraphs[groups[-1][-1]].strip(BLANKS) if groups else ""
        here = text.strip(BLANKS)
        piece = _LAST_NAME.search(prev)
        if (
            piece
            and not _ENDS_PART.search(prev)
            and _NAME_BREAK_BEFORE.search(prev)
            and _NAME_BREAK_AFTER.match(here)
            and not looks_like_unit_name(piece.group(0))
        ):
            groups[-1].append(k)
        else:
            groups.append([k])
    return groups


def split_unit_cell(text: str) -> list[UnitName]:
    """Names (with notes) of a unit cell. An empty first name marks a truncated one."""
    return [split_note(p) if p else UnitName("") for p in split_names(text)]


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def looks_like_unit_name(part: str) -> bool:
    if not part or len(part) > 40 or not _balanced(part) or part[0] in _OPEN or part[0] in _CLOSE:
        return False
    if (m := _DUTY_NOTE.match(part)) and m.group(1) != part:
        part = m.group(1)
    m = _TRAILING_NOTE.match(part)
    if m:
        part = m.group(1).rstrip(BLANKS)  # `省编办 (省审改办)`: a blank before the note
    return (
        part.endswith(UNIT_SUFFIXES) or bool(_FARM.search(part)) or bool(_ZONES.match(part) or _SCHOOLS.match(part))
    ) and not any(c in _SENTENCE_MARKS for c in part)


# Words a unit's name does not hold once the roles and `X等部门` are read off it: a name still
# holding one is a description read as a name (`区房管局等公共企事业单位行业主管部门`), warned.
_DESCRIPTION_WORDS = re.compile(
    "(?<![高中初])等|负责|落实|牵头|配合|分工|职责|按照|参与|协助|会同|督促"
)  # 高等学校: no 等
_LONGEST_NAME = 25  # characters outside brackets; the longest name in the corpus has 22
_NOTES = re.compile(rf"{cls(LPAREN)}[^{re.escape(LPAREN + RPAREN)}]*{cls(RPAREN)}")  # `(…)` in a name
# Brackets no unit name is written with once the readers have read 〔市、区〕 as a name's own bracket
# (`<>` and `《》` are sentence marks: looks_like_unit_name already refuses them).
_ODD_BRACKET = re.compile("[〔〕\\[\\]［］﹝﹞【】]")


def odd_unit_reason(name: str) -> str | None:
    """Why a unit name read from a unit field does not look like one, or None: said at the field
    (interpret.py's odd_unit) so that a description or a clause is never stored silently as a unit."""
    if not looks_like_unit_name(name):
        return ""
    body = _NOTES.sub("", name)
    if odd := _ODD_BRACKET.search(name):
        return f"名称中有「{odd.group(0)}」"
    if m := _DESCRIPTION_WORDS.search(body):
        return f"名称中有「{m.group(0)}」"
    if len(body) > _LONGEST_NAME:
        return f"名称长达 {len(body)} 字"
    return None


def classify_cell(text: str) -> str:
    """'units', 'empty', 'text' or 'ambiguous' (some parts look like unit names, some do not)."""
    if is_empty_mark(text):
        return "empty"
    if text[:1].isdigit() or text[:1] in _OPEN or len(text) > 400:
        return "text"
    body = _NOTES.sub("", text)
    if any(c in _SENTENCE_MARKS for c in body):
        return "text"
    parts = split_names(text)
    if any(c in COMMA for c in body) and not all(parts):
        return "text"  # `…,` : a clause, not a list of names
    names = [n for n in parts if n]
    if any(c in COMMA for c in body) and any(
        (len(n) < 3 and n not in SHORT_UNITS) or any(c in COMMA for c in n) for n in names
    ):
        return "text"  # `公办,社`: names in a comma list have three characters or more (妇联, 团委: known)
    verdicts = [looks_like_unit_name(n) for n in names]
    if verdicts and all(verdicts):
        return "units"
    if any(c in COMMA for c in body):  # a sentence with commas, one clause ending like a name
        return "text"
    if any(verdicts):
        return "ambiguous"
    return "text"


def line_joiner(last: str, line: str) -> str:
    """What goes between two lines of one block of a text: nothing (a line broken by the page's
    width), or a 、 between two unit names each whole on its line (`区财政局` / `区审计局`: a unit cell
    of one name a line, which joined bare gave the unit `区财政局区审计局`)."""
    a, b = _LAST_NAME.search(last.strip(BLANKS)), _FIRST_NAME.match(line.strip(BLANKS))
    if (
        a
        and b
        and classify_cell(last) == "units"
        and classify_cell(line) == "units"
        and looks_like_unit_name(a.group(0))
        and looks_like_unit_name(b.group(0))
    ):
        return "、"
    return ""
