"""Whose progress a door reads or writes when a user names a unit: the ONE rule that the
CLI, the app (and so the browser) and the workbook import share.

A person of a collective (各区县政府) works as one of its member units (渝中区): progress
is recorded under the member, so that the member's list, its export and its lead's
review see it. Which member they are is remembered in the settings file; this module
never reads it (the store stays below settings and the app): the caller passes what was
remembered, collective → member. A collective whose members are in no catalogue stays
a unit of its own, as before."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .errors import InputError

SHOWN_MEMBERS = 5  # members named in a refusal before 等


@dataclass(frozen=True)
class UnitChoice:
    """`unit`: whose progress to read or write. `collective`: the collective the user named
    (None for any other unit). `members`: its member units, in catalogue order."""

    unit: str
    collective: str | None = None
    members: tuple[str, ...] = ()

    @property
    def as_member(self) -> bool:
        """A collective named, its remembered member chosen."""
        return self.collective is not None and self.unit != self.collective

    @property
    def needs_member(self) -> bool:
        """A collective with members named, and no member remembered for it."""
        return self.collective is not None and self.unit == self.collective


class MemberNeeded(InputError):
    """A collective with member units where a member must be said (a write, an export)."""

    def __init__(self, choice: UnitChoice, how: str):
        self.choice = choice
        super().__init__(member_needed_text(choice, how))


def choose_unit(store, text: str, remembered: Mapping[str, str] | None) -> UnitChoice:
    """The unit `text` names (alias, pinyin…), or, for a collective with member units,
    its remembered member when that is still one of them. A collective without a
    remembered member comes back as itself with `needs_member` set: the caller decides
    whether to ask (the app), refuse (`require_member`) or only read."""
    name = store.resolve_unit(text)
    members = tuple(m["name"] for m in store.members(name))
    if not members:
        return UnitChoice(name)
    member = (remembered or {}).get(name)
    return UnitChoice(member if member is not None and member in members else name, name, members)


def cli_how(choice: UnitChoice) -> str:
    example = choice.members[0]
    return f"请用 --unit {example} 这样写明是哪一个,或用 gongkai-tui member {choice.collective} {example} 记住"


def require_member(store, text: str, remembered: Mapping[str, str] | None, how=cli_how) -> UnitChoice:
    """`choose_unit`, refusing a collective without a remembered member (MemberNeeded,
    naming its first members, how many, and `how(choice)`: how to choose at this door)."""
    choice = choose_unit(store, text, remembered)
    if choice.needs_member:
        raise MemberNeeded(choice, how(choice))
    return choice


def member_needed_text(choice: UnitChoice, how: str) -> str:
    shown = "、".join(choice.members[:SHOWN_MEMBERS]) + ("等" if len(choice.members) > SHOWN_MEMBERS else "")
    return (
        f"「{choice.collective}」是统称,进度记在它的成员单位名下:{how}。它有 {len(choice.members)} 个成员单位:{shown}"
    )


def member_note(choice: UnitChoice) -> str:
    """One line for a door that went to the remembered member (the CLI's stderr)."""
    return f"按设置记在{choice.unit}名下({choice.collective}的成员;gongkai-tui member {choice.collective} 可更改)"
