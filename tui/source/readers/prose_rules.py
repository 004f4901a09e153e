"""What a prose breakdown's text says about its own layout, beyond its brackets:
- paragraphs a copied page ran together with spaces (`…制定本分工方案。 一、强化… (一)加强…`),
  split again where a heading follows a space (and, before the tasks, where a sentence or the
  signature's date ends);
- a standing rule written inside a bracket, `逗号前为牵头单位…,下同`: in that bracket and (with
  下同) every later one, the units before the first comma of the 责任单位 field lead and the rest
  are responsible. Applied, and said in a warning naming the bracket that wrote it;
- the same rule written after the last unit of a 责任单位 field, `(…列第一位为牵头或汇总单位,下同)`:
  the first unit named leads and the others are responsible (a single unit leads), except where
  the field says its roles in words (`…分别牵头`). Applied from that field on, and said.
"""

from __future__ import annotations

import re

from ..chars import BLANKS, COMMA, IDEO_COMMA, LPAREN, RPAREN, cls
from ..headers import LABEL_QUALIFIER
from ..headings import heading_of
from ..numerals import CHINESE_NUMERAL_CHARS
from ..rolecell import FIRST_LEADS_WORDS, LABELS, PERSON, Roles
from ..table import COOP, LEAD, RESP, Note, Origin
from ..title import names_breakdown
from ..unitcells import split_outside_brackets
from .page import box_fields

_SPACED_HEADING = re.compile(
    rf"[{re.escape(BLANKS)}]+(?=[{CHINESE_NUMERAL_CHARS}]{{1,3}}、|{cls(LPAREN)}[{CHINESE_NUMERAL_CHARS}]{{1,3}}{cls(RPAREN)})"
)
_MID_DATE = re.compile(
    rf"[{re.escape(BLANKS)}]+(\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)(?=[{re.escape(BLANKS)}])"
)
_SPACED_REMARK = re.compile(
    rf"((?:^|[{re.escape(BLANKS)}\n]){cls(LPAREN)}[^()（）]{{1,12}}{cls(RPAREN)})[{re.escape(BLANKS)}]+(?=\S)"
)
_BLANKS_RUN = re.compile(rf"[{re.escape(BLANKS)}]+")
_SPACED_SENTENCE = re.compile(rf"(?<=[。:：])[{re.escape(BLANKS)}]+(?=\S)")
_SPACED_DATE = re.compile(rf"^(\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)[{re.escape(BLANKS)}]+(?=\S)")
_LEADS_BEFORE_COMMA = re.compile(r"逗号前(的单位|的部门)?(为|是)牵头(单位|部门)")
_FOR_LATER = re.compile(r"下同|以下同")
# `(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)` after the last unit of a field
_FIRST_LEADS_RULE = (
    rf"{cls(LPAREN)}([^()（）]*(?:第一位|第一个|首位|排第一|列第一|第一责任单位|第一责任部门|第一单位|第一部门|排在首位|列在首位)"
    rf"[^()（）]*牵头[^()（）]*){cls(RPAREN)}"
)
_FIRST_LEADS = re.compile(_FIRST_LEADS_RULE + r"\s*$")
# …or right after the first unit it names: `县发改局(首位单位为牵头单位,下同)、县财政局、…`
_FIRST_LEADS_AT_FIRST = re.compile(rf"^[^()（）、,，]+?\s*(?={_FIRST_LEADS_RULE}\s*[、,，])")


# `牵头单位:区发改局` on a line of its own after the task: the bracket's fields, one a line.
# A line naming a leader (`牵头市领导:汤飞帆`) is one of them: a person, kept as the row's note.
_LABELS = (
    r"("
    + "|".join(
        sorted(
            [k for k, role in LABELS.items() if role in (LEAD, RESP, COOP) and len(k) >= 4]  # 协办单位, 责任科室…
            + ["完成时限", "完成时间", "时限要求"]
            + [k for k, role in LABELS.items() if role == PERSON],
            key=len,
            reverse=True,
        )
    )
    + r")"
    + LABEL_QUALIFIER
    + r"\s*[:：]\s*\S"
)
LABEL_LINE = re.compile("^" + _LABELS)
# `协作单位:A、B` on a line of its own: written like a role label, but none the reader knows. Its
# units would silently become the next task's text: the reader says so (unknown_label). A page's
# own fields (`主办单位:`, `发布单位:`) are no role labels.
_LABEL_LIKE = re.compile(r"^([\u4e00-\u9fff]{1,6}(?:单位|部门|科室|处室|股室|站所))\s*[:：]\s*\S")
_PAGE_FIELDS = ("主办", "承办", "协办", "发布", "发文", "制发", "成文", "维护", "技术支持", "网站", "运维", "来源")


def unknown_label(text: str) -> str | None:
    """The label of a line written like a role label that is none of LABELS (`协作单位:A、B`), else None."""
    m = _LABEL_LIKE.match(text)
    if m is None or LABEL_LINE.match(text) or m.group(1).startswith(_PAGE_FIELDS):
        return None
    return m.group(1)


# A label, an item (`2.`) or a heading (`二、`, `(二)`) after a space: where a copy that ran the
# lines together put a line break.
_SPACED_LABEL = re.compile(rf"[{re.escape(BLANKS)}]+(?={_LABELS})")
_SPACED_MARK = re.compile(
    rf"[{re.escape(BLANKS)}]+(?=\d{{1,2}}\s*[.．、](?=[\u4e00-\u9fff“])|[{CHINESE_NUMERAL_CHARS}]{{1,3}}、"
    rf"|{cls(LPAREN)}[{CHINESE_NUMERAL_CHARS}]{{1,3}}{cls(RPAREN)})"
)


def split_spaced_labels(text: str, depth_at) -> list[str]:
    """`…缩小。 责任单位:县发改局、县财政局 2.落实… 责任单位:县财政局 二、…` → the task, its label
    line, the next task, …: lines a copy ran together with spaces. A space splits before a role
    label after a sentence's end, and before an item or heading marker after a label line (which
    has no sentence end of its own); outside brackets only."""
    cuts = sorted(
        [(m.start(), m.end(), "label") for m in _SPACED_LABEL.finditer(text)]
        + [(m.start(), m.end(), "mark") for m in _SPACED_MARK.finditer(text)]
    )
    out, start = [], 0
    for at, end, kind in cuts:
        before = text[start:at].strip(BLANKS)
        if not before or depth_at(text[:at]):
            continue
        if (kind == "label" and before.endswith(("。", "；", ";"))) or (kind == "mark" and LABEL_LINE.match(before)):
            out.append(before)
            start = end
    return out + [text[start:].strip(BLANKS)] if out else [text]


def split_spaced_headings(text: str, depth_at) -> list[str]:
    """`…方案。 一、强化…透明 (一)加强…` → three paragraphs. A space splits only before a heading
    marker, outside brackets, after a sentence's end, a heading's title or the document's title
    (`…(此件公开发布) 政府工作报告2022年重点工作责任分解 一、…`: the words after the last space name
    a breakdown)."""
    out, start = [], 0
    for m in _SPACED_HEADING.finditer(text):
        before = text[start : m.start()].strip(BLANKS)
        if (
            before
            and depth_at(text[: m.start()]) == 0
            and (
                before.endswith(("。", ")", "）"))
                or heading_of(before)
                or names_breakdown(_BLANKS_RUN.split(before)[-1])
            )
        ):
            out.append(before)
            start = m.end()
    return out + [text[start:].strip(BLANKS)] if out else [text]


def split_spaced_preamble(lines: list[tuple[str, Origin]]) -> list[tuple[str, Origin]]:
    """Lines before the tasks split where a sentence, the addressees or the date end before a
    space: `…请认真贯彻执行。 自贡市人民政府办公室`, `2022年4月28日 自贡市2022年…方案`; a date or a
    remark in brackets between spaces is a line of its own (`…办公室 2022年4月18日 (此件公开发布)
    政府工作报告…分解`: the signature, its date, the remark, the title); a line of
    the page's info box into its fields, each value with its label (`发布机构: 下陆区政府办公室`)."""
    out = []
    for text, origin in lines:
        if (fields := box_fields(text)) is not None:
            out += [(f, origin) for f in fields]
            continue
        text = _SPACED_DATE.sub(r"\1\n", text)
        text = _MID_DATE.sub(r"\n\1\n", text)
        text = _SPACED_REMARK.sub(r"\1\n", text)
        out += [(part, origin) for part in _SPACED_SENTENCE.sub("\n", text).split("\n") if part.strip(BLANKS)]
    return out


class BracketRules:
    """The rule `逗号前为牵头单位` once a bracket has written it."""

    def __init__(self) -> None:
        self.for_later = False
        self.written_at: Origin | None = None
        self.first_for_later = False

    def first_leads(self, roles: Roles, origin: Origin, notes: list[Note]) -> None:
        """`列第一位为牵头单位`: the first unit of the 责任单位 field leads."""
        parts = roles.units.get(RESP, [])
        found = next(((k, m) for k, part in enumerate(parts) if (m := _FIRST_LEADS.search(part))), None)
        if found is None and parts and (first := _FIRST_LEADS_AT_FIRST.match(parts[0])):
            rule = re.compile(_FIRST_LEADS_RULE).match(parts[0], first.end())
            assert rule is not None  # the lookahead of _FIRST_LEADS_AT_FIRST has just matched it there
            found = (0, rule)
        said = next((d for d in roles.definitions if FIRST_LEADS_WORDS.match(d)), None)
        if found is not None or said is not None:
            if found is not None:
                k, m = found
                parts[k] = (parts[k][: m.start()].rstrip(BLANKS) + parts[k][m.end() :]).strip(BLANKS)
                said, where = m.group(1), "单位后括号中"
                self.first_for_later = bool(_FOR_LATER.search(said))
            else:  # `(X、Y等负责,列第一位者为牵头单位,下同)`: the rule is a part of the bracket itself
                assert said is not None
                roles.definitions.remove(said)
                later = [d for d in roles.definitions if _FOR_LATER.fullmatch(d)]
                for d in later:
                    roles.definitions.remove(d)
                said, where, self.first_for_later = said + ("," + later[0] if later else ""), "括号中", bool(later)
            notes.append(
                Note(
                    origin,
                    "unit_note",
                    f"按{where}的规则「{said[:40]}」:责任单位中列第一位的记为"
                    "牵头单位" + (",以后各行同样处理(写明角色的除外)" if self.first_for_later else ""),
                    "warning",
                )
            )
        elif not self.first_for_later:
            return
        if LEAD in roles.units or not parts:
            return  # roles said in words (`…分别牵头`): the rule's exception
        names = [n for part in parts for n in split_outside_brackets(part, IDEO_COMMA + COMMA) if n.strip(BLANKS)]
        roles.units[LEAD] = [names[0].strip(BLANKS)]
        rest = [n.strip(BLANKS) for n in names[1:]]
        if rest:
            roles.units[RESP] = ["、".join(rest)]
        else:
            del roles.units[RESP]

    def apply(self, roles: Roles, origin: Origin, notes: list[Note]) -> None:
        """Apply a rule this bracket writes or an earlier one wrote `下同`; drop the rule from
        the bracket's definitions once applied."""
        self.first_leads(roles, origin, notes)
        rule = next((d for d in roles.definitions if _LEADS_BEFORE_COMMA.search(d)), None)
        if rule is not None:
            roles.definitions.remove(rule)
            self.written_at = origin
            self.for_later = bool(_FOR_LATER.search(rule))
            notes.append(
                Note(
                    origin,
                    "unit_note",
                    f"按括号中的规则「{rule[:40]}」:责任单位中第一个逗号前的单位记为牵头单位"
                    + (",以后各括号同样处理" if self.for_later else ""),
                    "warning",
                )
            )
        elif not self.for_later:
            return
        groups = roles.groups.get(RESP, [])
        if LEAD in roles.units or not groups:
            return
        if len(groups) < 2:  # no comma: who leads is not said
            notes.append(
                Note(
                    origin,
                    "unit_note",
                    "这一括号的责任单位中没有逗号,按规则无法分出牵头单位:全部按责任单位读入,请核对(load --as-table)",
                    "warning",
                )
            )
            return
        roles.units[LEAD] = [groups[0]]
        roles.units[RESP] = ["、".join(groups[1:])]
