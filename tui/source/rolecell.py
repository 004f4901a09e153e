"""Roles written in words instead of columns.

Two shapes, both common in published breakdowns:
- a bracket at the end of a prose task: `(牵头单位:区政务服务中心;责任单位:各乡镇(街道)、
  区政府各部门;完成时限:长期坚持)`, `(责任时限:2022年底前,牵头单位:…,责任单位:…,以下统称…)`;
  fields are separated by `;` `,` (either width) and named by a label with a colon;
- a unit cell (or a bracket without labels) that says each unit's role after its names:
  `办公室牵头,各科室配合`, `法规科统筹,各职能科(室)落实`, `X牵头,Y,Z负责` (Y takes the role
  of the next part that names one), `…分别牵头落实`, `国务院审改办、人力资源社会保障部负责`.

Role words: 牵头 / 统筹 / 主办 → 牵头; 负责 / 落实 → 责任; 配合 / 参与 / 参加 / 协同 / 协助 / 协办 → 配合
(`(区发改委、区财政局主办,区相关部门协办)`: 主办 is the unit in charge, 协办 the one assisting).
In a labelled 责任单位 field (`责任单位:X、Y牵头,A、B`, `责任单位:X和Y分别牵头、Z`), the part that says its
role takes it and the part that says none keeps the label's (read_bracket); an unlabelled cell saying one role and
not the other is still refused.
A label naming a leader (`牵头领导:`, `责任县领导:`) names a person: kept as a note, never a unit. A part that names
no role and is followed by none is an ambiguity the caller reports (`RoleProblem`), never a guess.
Pure text rules: no I/O, no knowledge of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .chars import BLANKS, COLON, COMMA, SEMI, cls
from .headers import LABEL_QUALIFIER, UNIT_ROLE_WORDS
from .table import COOP, DEADLINE, LEAD, RESP
from .unitcells import looks_like_unit_name, split_names, split_outside_brackets

# A label that names a PERSON (a leader), never a unit: `牵头领导:谢瑞武`, `牵头市领导:`,
# `责任县领导:`, `分管领导:`. What follows it is kept as the row's note, never stored as a unit.
PERSON = "领导"

# Labels inside a bracket, each with the role of what follows its colon.
LABELS: dict[str, str] = {
    "牵头单位": LEAD,
    "牵头部门": LEAD,
    "牵头科室": LEAD,
    "牵头责任单位": LEAD,
    "牵头处室": LEAD,
    "统筹单位": LEAD,
    "牵头": LEAD,
    "责任单位": RESP,
    "责任部门": RESP,
    "责任科室": RESP,
    "负责科室": RESP,
    "责任股室": RESP,
    "负责单位": RESP,
    "落实单位": RESP,
    "承办单位": RESP,
    "实施单位": RESP,
    "责任主体": RESP,
    "责任处室": RESP,
    "具体责任单位": RESP,
    "任务分工": RESP,  # a column dividing the task among the units (山东省教育厅 2023); as a label the same
    "配合单位": COOP,
    "配合部门": COOP,
    "协办单位": COOP,
    "参与单位": COOP,
    "协同单位": COOP,
    "协同责任单位": COOP,  # `牵头责任单位:X。` / `协同责任单位:A、B。` (安徽's 重点工作 lists)
    "配合科室": COOP,
    "配合": COOP,
    "数据提供单位": COOP,
    "参加单位": COOP,
    "完成时限": DEADLINE,
    "完成时间": DEADLINE,
    "时限": DEADLINE,
    "时间要求": DEADLINE,
    "时限要求": DEADLINE,
    "责任时限": DEADLINE,
    "完成期限": DEADLINE,
    "时间节点": DEADLINE,
    **{
        f"{a}{b}领导": PERSON
        for a in ("牵头", "牵头负责", "责任", "分管", "联系", "")
        for b in ("", "市", "县", "区", "镇", "州", "省")
        if a or b
    },
    "牵头负责领导": PERSON,  # `牵头负责领导:金力。`: the leader in charge, a person
    **UNIT_ROLE_WORDS,  # 牵头部门, 协同单位, 市级牵头单位, … (headers.py: the same words as a column's header)
}
_LABEL = re.compile(
    "("
    + "|".join(sorted(map(re.escape, LABELS), key=len, reverse=True))
    + ")"
    + LABEL_QUALIFIER
    + rf"[{re.escape(BLANKS)}]*{cls(COLON)}"
)

# Role words at the end of a part, longest first so that 牵头落实 is 牵头, not 落实.
_ROLE_WORDS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        (
            ("分别牵头落实", LEAD),
            ("分别牵头负责", LEAD),
            ("牵头负责", LEAD),
            ("牵头落实", LEAD),
            ("分别牵头", LEAD),
            ("总牵头", LEAD),
            ("牵头", LEAD),
            ("统筹", LEAD),
            ("主办", LEAD),
            ("牵头抓总", LEAD),
            ("负责落实", RESP),
            ("具体落实", RESP),
            ("参照落实", RESP),  # `各镇(街)参照落实`: carry it out likewise
            ("参照执行", RESP),
            ("分别负责", RESP),
            ("分别落实", RESP),
            ("具体负责", RESP),
            ("负责", RESP),
            ("落实", RESP),
            ("按职责分工负责", RESP),
            ("按职责分工落实", RESP),
            ("按职责负责", RESP),
            ("按职能分工落实", RESP),
            ("按职能分工负责", RESP),
            ("按职能职责落实", RESP),
            ("按职责落实", RESP),
            ("配合落实", COOP),
            ("协助落实", COOP),
            ("参与落实", COOP),
            ("配合", COOP),
            ("参与", COOP),
            ("协助", COOP),
            ("协办", COOP),
            ("参加", COOP),
            ("协同", COOP),
        ),
        key=lambda p: len(p[0]),
        reverse=True,
    )
)
# `发展改革委、公安部按照职责分工分别牵头负责`, `…按职责分工分别落实`: how the units share the role, not part
# of a name; `…、市统计局等负责`: `等` says others may be meant (unnamed), not part of the last name.
_MODIFIER = re.compile("等?(按照?职责分工|按照?职责|按照?职能分工|按照?职能)?(分别)?$")
# A definition after a unit list: `以下统称各县(区)政府`, `以下简称…`.
# A standing rule for the later tasks in a unit field (`以下责任单位均包含各区县政府`) is no unit either.
_DEFINITION = re.compile(r"^(以下|下同)")
# `…,以下各任务均需X、Y落实,不再一一列出`: the last words of that rule, a part of it.
_NOT_LISTED = re.compile(r"^不再(?:一一|逐一|逐项|另行)?列(?:出|举)$")
# A standing rule written as a part of the bracket itself: `(X、Y、Z等负责,列第一位者为牵头单位,下同)`.
# Kept with the definitions; the prose reader applies it (readers/prose_rules.py).
FIRST_LEADS_WORDS = re.compile(
    r"^(?:排在|列在|列|排)?(?:第一位|第一个|首位)(?:的|者)?(?:单位|部门)?(?:为|是)牵头(?:或汇总)?(?:单位|部门)$"
)
_SEPARATORS = SEMI + COMMA
# `X牵头、Y配合`: a 、 right after a role word separates two parts, not two names.
AFTER_ROLE_WORD = re.compile("(?<=牵头|统筹|主办|负责|落实|配合|参与|参加|协同|协助|协办)、")
_TRIM = BLANKS + SEMI + COMMA + "。、"


class RoleProblem(ValueError):
    """Roles that cannot be read without a guess; the message says which part and why."""


@dataclass
class Roles:
    """What a bracket or a unit cell says: unit text per role (several parts joined by 、, each
    as written), the deadline text, and definitions (`以下统称…`) kept for the report."""

    units: dict[str, list[str]] = field(default_factory=dict)
    deadline: str | None = None
    definitions: list[str] = field(default_factory=list)
    groups: dict[str, list[str]] = field(default_factory=dict)  # a labelled field's comma groups, as written
    persons: list[str] = field(default_factory=list)  # `牵头领导:谢瑞武` as written: a note, never a unit

    def add(self, role: str, text: str) -> None:
        self.units.setdefault(role, []).append(text)

    def unit_text(self, role: str) -> str | None:
        parts = self.units.get(role)
        return "、".join(parts) if parts else None


def split_top_level(text: str, separators: str = _SEPARATORS) -> list[str]:
    """Split at separators outside brackets: `各乡镇(街道),区政府各部门` → two parts."""
    return [p.strip(_TRIM) for p in split_outside_brackets(text, separators) if p.strip(_TRIM)]


# `(此项工作由办公室负责)`: the units written inside a sentence, after `(此项工作)由`.
_DONE_BY = re.compile(r"^(?:此项|该项|本项|这项|上述|以上)?(?:工作|任务|事项)?由(?=[\u4e00-\u9fff])")


def role_word(part: str) -> tuple[str, str] | None:
    """(names, role) when the part ends in a role word after unit names, else None."""
    part = _DONE_BY.sub("", part)
    for word, role in _ROLE_WORDS:
        if part.endswith(word) and len(part) > len(word):
            names = _MODIFIER.sub("", part[: -len(word)]).strip(_TRIM)
            if names and _names_before_role(split_names(names)):
                # `…按职责分工负责` stays whole: the unit cell reads it as each unit's note.
                return (part if word.startswith("按职责") else names), role
    return None


_NAME_SHAPED = re.compile(r"^[\u4e00-\u9fff()（）]{2,12}$")


def _names_before_role(names: list[str]) -> bool:
    """Whether the names before a role word are units: all of them look like unit names; or,
    in a list, one does and the others are short names of Chinese characters only
    (`县直有关部门、各垦殖场负责`): read as units, the odd one warned (interpret.py: odd_unit), never
    left out so that the bracket is not taken for units and two tasks run into one."""
    verdicts = [looks_like_unit_name(n) for n in names]
    if all(verdicts):
        return True
    return len(names) >= 2 and any(verdicts) and all(_NAME_SHAPED.match(n) for n in names)


# The role words after which a copy may start the next group with no separator at all.
_GLUED_AFTER = re.compile("牵头|负责|落实|配合|参与|协助|协同")


def split_glued(part: str) -> list[str]:
    """`县司法局牵头各行政机关负责` → `县司法局牵头`, `各行政机关负责`: two role groups written with
    nothing between them, split where both sides are unit names before a role word (each name
    looking like a unit of three characters or more; `X牵头负责` stays whole: `负责` alone names no
    one; `县协同创新中心负责` too: `县` is no unit)."""
    for m in _GLUED_AFTER.finditer(part):
        left, right = part[: m.end()], part[m.end() :]
        if not right:
            break
        hits = (role_word(left), role_word(right))
        names = [n for hit in hits if hit for n in split_names(hit[0])]
        if all(hits) and all(len(n) >= 3 and looks_like_unit_name(n) for n in names):
            return [left, *split_glued(right)]
    return [part]


def roles_in_words(text: str) -> Roles | None:
    """`办公室牵头,各科室配合` → 牵头 办公室, 配合 各科室. None when no part names a role (a plain
    unit cell). Raises RoleProblem when a part without a role word has no later part with one."""
    parts = [
        glued for part in split_top_level(text) for piece in AFTER_ROLE_WORD.split(part) for glued in split_glued(piece)
    ]
    found = [role_word(p) for p in parts]
    if not any(found):
        return None
    roles = Roles()
    waiting: list[str] = []
    for part, hit in zip(parts, found):
        if hit is None:
            if _DEFINITION.match(part) or FIRST_LEADS_WORDS.match(part):
                roles.definitions.append(part)
                continue
            if _NOT_LISTED.match(part) and roles.definitions:
                roles.definitions[-1] += "," + part
                continue
            waiting.append(part)
            continue
        names, role = hit
        for w in waiting:
            roles.add(role, w)
        waiting = []
        roles.add(role, names)
    if waiting and set(roles.units) == {RESP} and all(looks_like_unit_name(n) for w in waiting for n in split_names(w)):
        # `X、Y按职能分工落实,各镇(街)`: no one leads or cooperates; the units named after the
        # responsible ones are responsible too
        for w in waiting:
            roles.add(RESP, w)
        waiting = []
    if waiting:
        raise RoleProblem(f"「{'、'.join(waiting)}」没有写明是牵头、负责还是配合")
    return roles


_DEADLINE_WORDS = re.compile(r"(\d{4}年|\d{1,2}月|年底|年内|上半年|下半年|季度|长期坚持|持续推进|前完成|底完成|底前)")


def _looks_like_deadline(part: str) -> bool:
    return bool(_DEADLINE_WORDS.search(part)) and not looks_like_unit_name(part)


def _sentence_end(value: str) -> int | None:
    """Where the first sentence of a field ends (a `。` outside brackets), if text follows it."""
    depth = 0
    for i, c in enumerate(value):
        if c in "(（〔[［【":
            depth += 1
        elif c in ")）〕]］】":
            depth = max(0, depth - 1)
        elif c == "。" and depth == 0 and value[i + 1 :].strip(_TRIM):
            return i
    return None


def read_bracket(inner: str) -> Roles | None:
    """The roles a bracket at the end of a prose task names, or None when the bracket is not
    about units (a disclosure path, a date, an explanation). Raises RoleProblem when it is
    about units but cannot be read without a guess."""
    labels = list(_LABEL.finditer(inner))
    if not labels:
        return roles_in_words(inner)
    roles = Roles()
    before = inner[: labels[0].start()].strip(_TRIM)
    if before:
        found = roles_in_words(before)
        if found is None:
            raise RoleProblem(f"「{before}」不是带冒号的栏目(如 牵头单位:、责任单位:),无法判断是什么")
        for role, texts in found.units.items():
            for t in texts:
                roles.add(role, t)
    for k, m in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(inner)
        value = inner[m.end() : end].strip(_TRIM)
        role = LABELS[m.group(1)]
        if role == PERSON:
            if value:
                roles.persons.append(f"{m.group(1)}:{value}")
            continue
        if role == DEADLINE:
            if value:
                roles.deadline = value if roles.deadline is None else f"{roles.deadline};{value}"
            continue
        if role != DEADLINE and (stop := _sentence_end(value)) is not None:
            # `…开发区管委。以下任务均需…落实,不再一一列出`: a sentence after the units is a rule
            # for a person to read, never more unit names.
            roles.definitions.append(value[stop + 1 :].strip(_TRIM))
            value = value[:stop]
        kept = []
        # `责任单位:X和Y分别牵头、Z`: a 、 right after a role word ends a part as a comma would
        parts = [piece for part in split_top_level(value, COMMA + SEMI) for piece in AFTER_ROLE_WORD.split(part)]
        for part in parts:
            if _DEFINITION.match(part) or FIRST_LEADS_WORDS.match(part):
                roles.definitions.append(part)
            elif _NOT_LISTED.match(part) and roles.definitions:
                roles.definitions[-1] += "," + part
            elif _looks_like_deadline(part):  # `责任单位:…,6月底完成`: the deadline without its label
                roles.deadline = part if roles.deadline is None else f"{roles.deadline};{part}"
            elif role == RESP and (said := role_word(part)) and said[1] != RESP:
                # `责任单位:X、Y牵头,A、B`: the part that says its role takes it, the rest the field's
                roles.add(said[1], said[0])
            else:
                kept.append(part)
        if kept:
            roles.add(role, "、".join(kept))
            roles.groups.setdefault(role, []).extend(kept)
    if not roles.units and roles.deadline is None:
        return None
    return roles
