"""A standing rule in a prose bracket that adds units to every later task:
`(责任单位:州政务服务中心,…按职责分工负责,以下各任务均需各县市人民政府、州直相关行业部门落实,不再一一列出)`,
`(责任单位:…定西高新区管委会。以下措施均需各县区人民政府、定西高新区管委会落实,不再一一列出)`.
The later tasks' own brackets name only the unit that leads or answers for them; the rule's units
are responsible for each of them too. Applied from the next bracket on, and said in a warning at
the bracket that writes it (a person checks it, as the other rules of readers/prose_rules.py).
A rule whose words between `均需` and `落实` are not unit names is left as the bracket's note.
"""

from __future__ import annotations

import re

from ..rolecell import Roles
from ..table import COOP, LEAD, RESP, Note, Origin
from ..unitcells import looks_like_unit_name, split_names

_ADDS_UNITS = re.compile(
    r"^以下(?:各项?|所有)?(?:任务|措施|工作|事项)?(?:均|都|皆|也)?(?:需|须|要|由)(?P<units>.+?)"
    r"(?:负责)?(?:落实|执行|负责)(?:[,，、;；].*)?$"
)


class StandingUnits:
    """The units a bracket's rule adds to every later task, once a bracket has written it."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def apply(self, roles: Roles, origin: Origin, notes: list[Note]) -> None:
        for rule in list(roles.definitions):
            m = _ADDS_UNITS.match(rule)
            names = split_names(m.group("units")) if m else []
            if names and all(looks_like_unit_name(n) for n in names):
                roles.definitions.remove(rule)
                self.names = names
                notes.append(
                    Note(
                        origin,
                        "unit_note",
                        f"按括号中的规则「{rule[:50]}」:以后各行的责任单位加上「{'、'.join(names)}」(其括号中不再列出)",
                        "warning",
                    )
                )
                return
        if not self.names:
            return
        named = {n for role in (LEAD, RESP, COOP) for text in roles.units.get(role, []) for n in split_names(text)}
        missing = [n for n in self.names if n not in named]
        if missing:
            roles.add(RESP, "、".join(missing))
