"""A person of a collective (各区县政府) works as one of its member units (渝中区): the
first write asks which, the answer is remembered in the settings file, and progress is
recorded under the member, so that a lead's review counts it and workbooks name it.

Plain Python over Session and tui.settings (the picker itself is MainScreen's)."""

from __future__ import annotations

from .. import settings as settings_file
from .session import Session


def shown_name(collective: str, member: str) -> str:
    """各区县政府 · 渝中区"""
    return f"{collective} · {member}"


def note_collective(session: Session) -> None:
    """Whether the unit just opened (at start, or chosen with u) is a collective with
    member units, to be asked at the first write: sets session.collective."""
    session.collective = session.unit if session.store.members(session.unit) else None


def needs_member(session: Session) -> bool:
    """A collective's checklist is open and its person has not said which member they are."""
    return session.collective is not None and session.unit == session.collective


def remembered(session: Session) -> str | None:
    """The member this person chose for the open collective before (the settings file),
    if still a member; None when there is none or the file cannot be read."""
    if session.collective is None:
        return None
    return remembered_member(session.store, session.collective)


def remembered_member(store, collective: str) -> str | None:
    try:
        member = settings_file.load().member_for(collective)
    except settings_file.SettingsError:
        return None
    if member and any(m["name"] == member for m in store.members(collective)):
        return member
    return None


def start(store, unit: str) -> tuple[str, str | None, str | None]:
    """What to open for `--unit`: (unit, shown name, collective). A collective whose member
    is remembered opens as that member at once (one checklist load, not two)."""
    if not store.members(unit):
        return unit, None, None
    member = remembered_member(store, unit)
    if member:
        return member, shown_name(unit, member), unit
    return unit, None, unit


def become_member(session: Session, member: str, remember: bool = True, fast: bool = False) -> str | None:
    """Work as `member` of the open collective: its checklist and progress, the header
    naming both. Remembered in the settings file; returns why it could not be (the
    switch is made all the same), or None."""
    collective = session.collective
    assert collective is not None
    session.switch_unit(member, shown_name=shown_name(collective, member), fast=fast)
    session.collective = collective
    if remember:
        try:
            settings_file.set_member(collective, member)
        except settings_file.SettingsError as e:
            return str(e)
    return None


def open_remembered(session: Session) -> None:
    """At start (or after a unit switch): a collective whose member is remembered opens as that member."""
    note_collective(session)
    member = remembered(session)
    if member and needs_member(session):
        become_member(session, member, remember=False)
