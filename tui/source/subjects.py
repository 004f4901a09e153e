"""Units named as the subject of an item, the way a department's standing rules write them:
`秘书科要全面做好…`, `各区县政府负责…`, `市财政局、市审计局要…`, `由市财政局牵头,各区县政府配合,…`,
`市发展改革委牵头、市统计局参与,做好…`.

What the subject says becomes the item's roles: 要 / 应 / 须 / 负责 / 落实 → 责任; 牵头 / 统筹 → 牵头;
配合 / 参与 / 协助 → 配合. A subject is taken only when every name in it looks like a unit; a short
subject that does not (`各地要…`, `做好综合科要…`) is reported as a doubt, never guessed.
Pure text rules: no I/O, no knowledge of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chars import BLANKS, COMMA, SEMI
from .rolecell import AFTER_ROLE_WORD, Roles, role_word
from .table import COOP, LEAD, RESP
from .unitcells import looks_like_unit_name, split_names

# The verb after a subject, with the role it gives; longest first (应当 before 应).
_VERBS: tuple[tuple[str, str], ...] = (
    ("牵头负责", LEAD),
    ("牵头", LEAD),
    ("统筹", LEAD),
    ("负责", RESP),
    ("应当", RESP),
    ("必须", RESP),
    ("落实", RESP),
    ("要", RESP),
    ("应", RESP),
    ("须", RESP),
    ("配合", COOP),
    ("参与", COOP),
    ("协助", COOP),
)
_MAX_SUBJECT = 40  # characters a subject may run to
# A prefix that opens a task's own sentence, never a unit: `做好办公室要…` is no subject.
_TASK_START = re.compile(
    r"^(做好|加强|推进|完善|建立|健全|落实|开展|提高|严格|进一步|全面|认真|及时|切实|积极|按照|根据|对(?!外)|将|把|在|各项)"
)
# People, not units, though the name ends like one (干部 like 部): `全体干部要…` is a doubt.
_PEOPLE = re.compile(r"(^全体|^广大|干部$|职工$|人员$|同志$|群众$)")
# Words of a clause, never of a unit's name: `预算公开由市财政局负责` is no subject.
_CLAUSE_WORDS = re.compile(r"(?<!自)由|的|并")
_AND = re.compile("[和与及]")
_CLAUSE_END = re.compile(rf"[{re.escape(COMMA + SEMI)}]")


@dataclass
class Subject:
    roles: Roles
    end: int  # where the subject (and its role clauses) ends in the text


# `X要会同Y…`: units named after the verb that share the work; the reader warns, never adds them.
WITH_OTHERS = re.compile(r"^\s*(会同|联合|协同|商请)")


class SubjectDoubt(ValueError):
    """A subject that might name a unit or might not; the message says which words."""


def _names(prefix: str) -> list[str] | None:
    """The unit names a subject holds (split at 、 , and 和/与/及), or None when one is no unit."""
    prefix = prefix.strip(BLANKS)
    if not prefix or _TASK_START.match(prefix) or _CLAUSE_WORDS.search(prefix):
        return None
    names = [n for part in split_names(prefix) for n in _split_and(part)]
    if names and all(looks_like_unit_name(n.strip(BLANKS)) and not _PEOPLE.search(n.strip(BLANKS)) for n in names):
        return [n.strip(BLANKS) for n in names]
    return None


def _split_and(part: str) -> list[str]:
    """`市财政局和市审计局` → two names when each side is a unit name by itself."""
    pieces = [p.strip(BLANKS) for p in _AND.split(part)]
    return pieces if len(pieces) > 1 and all(looks_like_unit_name(p) for p in pieces) else [part]


def _verb_subject(text: str) -> tuple[list[str], str, int] | None:
    """(names, role, end of the verb) for `X要…`, `X、Y负责…`: the shortest prefix of unit names
    followed by a verb."""
    for i in range(1, min(len(text), _MAX_SUBJECT + 1)):
        if text[i - 1] in "。；;":
            return None
        if text.startswith("要求", i):  # `办公室要求各科室…`: the subject asks others; who does it is not said
            return None
        for verb, role in _VERBS:
            if text.startswith(verb, i) and (names := _names(text[:i])):
                return names, role, i + len(verb)
    return None


def _doubtful_subject(text: str) -> str | None:
    """A short clause before 要 / 负责 that names no unit: who does the item is not said."""
    m = re.match(r"^([^,，;；。:：“”《》()（）]{2,12}?)(要(?!求)|负责|应当|应|须)", text)
    return m.group(1) if m and not _TASK_START.match(m.group(1)) else None


def _clause_roles(clause: str) -> tuple[str, str] | None:
    """(names, role) for a clause that is only units and a role word (`各区县政府配合`)."""
    hit = role_word(clause.strip(BLANKS))
    return hit if hit is not None and _names(hit[0]) is not None else None


def subject_of(text: str) -> Subject | None:
    """The roles an item's opening names, or None when it names none. Raises SubjectDoubt when
    the opening reads like a subject that is no unit name."""
    start = 1 if text.startswith("由") else 0
    roles = Roles()
    pos = start
    while pos < len(text):
        m = _CLAUSE_END.search(text, pos)
        end = m.start() if m else len(text)
        clause = text[pos:end]
        pieces = AFTER_ROLE_WORD.split(clause)
        hits = [_clause_roles(piece) for piece in pieces]
        if len(pieces) > 1 and None in hits:
            hits = [_clause_roles(clause)]
        named = [hit for hit in hits if hit is not None]
        if len(named) < len(hits):
            break
        for unit_names, role in named:
            roles.add(role, unit_names)
        pos = end + 1
    rest = text[pos:] if pos < len(text) else ""
    if rest and (found := _verb_subject(rest)):
        names, role, verb_end = found
        roles.add(role, "、".join(names))
        pos += verb_end
    if not roles.units:
        if (doubt := _doubtful_subject(text[start:])) is not None:
            raise SubjectDoubt(f"「{doubt}」不像单位名称,无法判断这一条由谁负责")
        return None
    return Subject(roles, pos)
