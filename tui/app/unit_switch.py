"""Switching unit on the main screen: `u` another unit of the document, `m` which member
of a collective (各区县政府) the person is, also asked before a collective's first write."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import collectives
from .session import FAST_START_ITEMS

if TYPE_CHECKING:
    from .main_host import MainScreenHost  # the screen as its flows see it (main_host.py)
else:
    MainScreenHost = object  # at run time a plain mixin of MainScreen


class UnitSwitch(MainScreenHost):
    """MainScreen's unit keys (a mixin: `self` is the MainScreen)."""

    def ask_member(self, then=None) -> None:
        """The picker of the collective's member units; `then` runs once one is chosen."""
        from .unit_picker import UnitPicker

        s = self.session
        assert s.collective is not None  # asked only on a collective's checklist (needs_member, m)
        members = s.store.members(s.collective)

        def finish(name: str | None) -> None:
            if not name:
                if then is not None:
                    self.notify(
                        f"未保存:请先选择您是「{s.collective}」中的哪个单位",
                        severity="warning",
                        timeout=4,
                        markup=False,
                    )
                return
            current = self.checklist.current
            marked = set(self.checklist.marked)
            problem = collectives.become_member(s, name)
            self.checklist.marked = {i for i in marked if i in s.by_id}
            for outline in self.outlines():
                outline.build(s.entries, self.node_counts)
            self.apply_filters(keep=current.id if current else None)
            if problem:
                self.notify(problem, title="未记住本单位", severity="warning", timeout=6, markup=False)
            self.notify(f"以「{name}」的身份填报(m 更换)", timeout=3, markup=False)
            if then is not None:
                then()
            collectives.offer_records(self)

        self.app.push_screen(
            UnitPicker(
                s.store.catalogue,
                members,
                s.unit if s.unit != s.collective else "",
                title=f"您是「{s.collective}」中的哪个单位?",
            ),
            finish,
        )

    def action_choose_member(self) -> None:
        """m: choose (or change) which member unit of the open collective this person is."""
        if self.session.collective is None:
            self.notify(f"「{self.session.shown_name}」不是统称,无需选择成员单位", timeout=3, markup=False)
            return
        self.ask_member()

    def action_switch_unit(self) -> None:
        from .unit_picker import UnitPicker

        store = self.session.store

        def finish(name: str | None) -> None:
            if name and name != self.session.unit:
                # A large checklist shows its first lines at once; the rest loads in a worker.
                self.session.switch_unit(name, fast=len(self.session.entries) > FAST_START_ITEMS)
                collectives.open_remembered(self.session)
                self.show_new_checklist()
                self.notify(f"已切换到 {name}", timeout=2, markup=False)
                collectives.offer_records(self)

        self.app.push_screen(UnitPicker(store.catalogue, store.units(), self.session.unit), finish)
