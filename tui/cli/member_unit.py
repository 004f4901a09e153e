"""Which unit a command's `--unit` writes or reports (tui/store/unit_choice.py, the rule every
door shares): a collective goes to the member this person remembered (`gongkai-tui member`),
else it is refused naming its members; and the hints about progress older versions left
under a collective itself (`collective-records`)."""

from __future__ import annotations

import typer

from ..store import Store


def resolve_for_cli(store: Store, text: str, read: bool) -> str:
    """The unit a command's `--unit` means for progress: a collective's remembered member
    (said in one line on stderr), else refused naming the members; a read (`read`) of a
    collective without one lists the collective's own checklist, with a hint."""
    from ..settings import remembered_members
    from ..store.unit_choice import MemberNeeded, choose_unit, cli_how, member_note

    remembered = remembered_members()
    choice = choose_unit(store, text, remembered)
    if choice.needs_member:
        if not read:
            raise MemberNeeded(choice, cli_how(choice))  # friendly_errors: 错误:…, exit 2
        typer.echo(f"提示:{choice.collective}是统称,进度记在它的成员单位名下;{cli_how(choice)}", err=True)
    if choice.as_member:
        typer.echo(member_note(choice), err=True)
    for line in leftover_hints(store, collectives_of(store, choice), None if choice.needs_member else choice.unit):
        typer.echo(line, err=True)
    return choice.unit


def collectives_of(store: Store, choice) -> set[str]:
    """The collective named, or those of which the unit is a member, that hold records
    older versions wrote under the collective itself (found, so they are offered)."""
    from ..store.collective_records import leftover_counts

    held = set(leftover_counts(store.conn))
    if choice.collective is not None:
        return held & {choice.collective}
    return {c for c in held if any(m["name"] == choice.unit for m in store.members(c))}


def leftover_hints(store: Store, collectives: set, member: str | None) -> list[str]:
    """A line per collective of `collectives` with records older versions left under it."""
    if not collectives:
        return []
    from ..store.collective_records import leftover_counts

    counts = leftover_counts(store.conn)
    lines = []
    for c in sorted(collectives):
        if counts.get(c):
            to = f",加 --move-to {member} 移到{member}名下" if member else ""
            lines.append(
                f"提示:{c}名下还有早先版本记下的 {counts[c]} 个条目的进度,成员单位的清单看不到它们:"
                f"gongkai-tui collective-records {c} 查看{to}"
            )
    return lines
