"""A person of a collective (各区县政府) works as one of its member units (渝中区): the
first write asks which, the answer is remembered in the settings file, and progress is
recorded under the member, so that a lead's review counts it and workbooks name it.

Which unit a collective means is decided by tui/store/unit_choice.py, the rule the CLI
and the workbook import share. Records older versions wrote under the collective itself
are offered to the member once it is known (`offer_records`, the one dialog here); the
rest is plain Python over Session and tui.settings (the picker itself is MainScreen's)."""

from __future__ import annotations

from .. import settings as settings_file
from ..store.unit_choice import choose_unit
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


def dialog_write(screen, session: Session, do, message: str, then) -> None:
    """A write from a dialog over one item (its evidence, its steps): refused while the
    member of a collective is not known (the dialog cannot ask), errors shown, `then()`
    (refresh) after it, `message` when something changed."""
    from ..store import InputError, StoreError

    if needs_member(session):  # a collective's records are its member's to change
        screen.notify(
            f"未保存:请先关闭本窗口,按 m 选择您是「{session.collective}」中的哪个单位",
            severity="warning",
            timeout=5,
            markup=False,
        )
        return
    try:
        action = do()
    except (InputError, StoreError) as e:
        screen.notify(str(e), title="未保存", severity="error", markup=False)
        return
    then()
    if action is not None:
        screen.notify(message, timeout=3, markup=False)


def remembered(session: Session) -> str | None:
    """The member this person chose for the open collective before (the settings file),
    if still a member; None when there is none or the file cannot be read."""
    if session.collective is None:
        return None
    return remembered_member(session.store, session.collective)


def remembered_member(store, collective: str) -> str | None:
    choice = choose_unit(store, collective, settings_file.remembered_members())
    return choice.unit if choice.as_member else None


def start(store, unit: str) -> tuple[str, str | None, str | None]:
    """What to open for `--unit`: (unit, shown name, collective), by the rule every door
    shares (tui/store/unit_choice.py). A collective whose member is remembered opens as
    that member at once (one checklist load, not two); one without opens as itself and
    asks at the first write."""
    choice = choose_unit(store, unit, settings_file.remembered_members())
    member_of = choice.collective if choice.as_member else None  # as_member: a collective was named
    return choice.unit, shown_name(member_of, choice.unit) if member_of is not None else None, choice.collective


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


# -- records older versions wrote under the collective itself -------------------
def collectives_of(session: Session) -> list[str]:
    """The collectives whose person this session's unit is: the open one once its member
    is known, or those for which the settings file remembers this unit as the member."""
    if session.collective is not None:
        return [] if needs_member(session) else [session.collective]
    remembered = settings_file.remembered_members()
    return sorted(c for c, m in remembered.items() if m == session.unit)


def records_to_offer(session: Session) -> list:
    """A move plan (store/collective_records.py) per collective of this person with
    records to move to session.unit, each offered once a session."""
    plans = []
    for collective in collectives_of(session):
        if collective in session.records_offered:
            continue
        from ..store.collective_records import find_leftovers, plan_move

        session.records_offered.add(collective)
        conn = session.store.conn
        if not find_leftovers(conn, collective):
            continue
        plan = plan_move(conn, collective, session.unit)
        if plan.batches:
            plans.append(plan)
    return plans


def offer_text(plan) -> tuple[str, str]:
    """(title, body) of the question before a move."""
    title = f"「{plan.collective}」名下的早先记录"
    body = (
        f"早先的版本把 {plan.items} 个条目的进度(佐证 {plan.evidence} 条"
        + (f",分解 {plan.assignments} 条" if plan.assignments else "")
        + f")记在统称「{plan.collective}」名下,"
        f"「{plan.member}」的清单、导出和牵头单位的检查都看不到它们。\n"
        f"移到「{plan.member}」名下吗?一步写入,可撤销。"
    )
    if plan.conflicts:
        body += (
            f"\n\n冲突 {len(plan.conflicts)} 处:「{plan.member}」自己另有不同的值,保留不动,"
            f"统称的值留在原处(gongkai-tui collective-records {plan.collective} 查看):"
        )
        body += "".join(
            f"\n  {c.item_id} {c.label}:{plan.collective} {c.collective_value} / {plan.member} {c.member_value}"
            for c in plan.conflicts
        )
    return title, body


def move_records(session: Session, plan):
    """Move what the plan offered, planned again now (a write since the question, e.g. the
    first write that asked for the member, is the member's own value and is kept): the
    plan written and its action id, an undo step of the session (and what
    `collective-records --undo` takes)."""
    from ..store.collective_records import move, plan_move

    plan = plan_move(session.store.conn, plan.collective, plan.member)
    action = move(session.store.wconn, plan)
    session.reload()
    if action is not None:  # one undo step (z): Session.undo puts both units back
        session.moves.add(action)
        session.undo_stack.append(action)
        session.redo_stack.clear()
    return plan, action


def offer_records(screen) -> None:
    """Ask, once the member is known, whether to move the collective's older records to
    it (MainScreen: at start and after the member is chosen)."""
    session = screen.session
    plans = records_to_offer(session)
    if not plans:
        return
    from rich.text import Text

    from ..store import InputError, StoreError
    from .dialogs import ConfirmDialog

    for plan in plans:

        def answer(yes: bool | None, plan=plan) -> None:
            if not yes:
                screen.notify(
                    f"未移动;以后可用 gongkai-tui collective-records {plan.collective} --move-to {plan.member} 移动",
                    timeout=6,
                    markup=False,
                )
                return
            try:
                plan, action = move_records(session, plan)
            except (InputError, StoreError) as e:
                screen.notify(str(e), title="未移动", severity="error", markup=False)
                return
            screen.sync(force=True)
            screen.notify(f"已移到「{plan.member}」名下:{plan.items} 个条目(z 撤销)", timeout=6, markup=False)

        title, body = offer_text(plan)
        screen.app.push_screen(ConfirmDialog(title, Text(body), "Enter 或 y 移动,Esc 或 n 暂不移动"), answer)
