"""The Store's methods for the cascade (issue #25): items and steps assigned down to the unit's
own sub-units (store/assign.py, assign_rows.py), its 下级单位目录 (sub_units.py), the reports its
sub-units return and the roll-up of them (sub_reports.py). Mixed into `Store` (api.py)."""

from __future__ import annotations

import datetime as dt

from . import assign, assign_rows, sub_reports, sub_units
from .api_steps import StepMethods
from .errors import InputError
from .progress import Change, apply_changes, status_changes
from .rollup_counts import Counts, Day, counts_by_sub_unit
from .schema import DONE


class CascadeMethods(StepMethods):
    """On the Store's connection, document and reads, and on its steps (StepMethods)."""

    # -- 分解: items and steps assigned down to the unit's own sub-units (store/assign.py) ----
    def assignments_of(self, unit: str, item_ids: list[str] | None = None) -> dict[str, list[dict]]:
        """item id → the unit's assignments of the item and its steps (assign_rows.assignments_of)."""
        return assign_rows.assignments_of(self.conn, self.doc, unit, item_ids)

    def assign(
        self,
        unit: str,
        item_ids: list[str],
        sub_units: list[str],
        role: str,
        requirement: str | None = None,
        deadline: str | None = None,
        step: int = 0,
        source: str = "cli",
        later_ok: bool = False,
    ) -> int | None:
        """Assign each item (or its step `step`) to each sub-unit, one action. A 时限 later than
        an item's own deadline is refused (InputError naming it) unless `later_ok`."""
        _, day = assign.deadline_value(deadline)
        changes = []
        for item_id in item_ids:
            e = self.entry(unit, item_id)
            if step and not any(s["number"] == step for s in self.steps_of(unit, [e.id]).get(e.id, [])):
                raise InputError(f"条目 {e.id} 没有步骤 {step}(gongkai-tui step list 列出各步骤)")
            if not later_ok and assign.later_than_item(day, e.deadline):
                raise InputError(f"时限 {day} 晚于条目 {e.id} 自己的时限 {e.deadline};确需如此请确认后再分解")
            changes += assign.assign_changes(
                self.conn, self.doc, unit, e.id, sub_units, role, requirement, deadline, step
            )
        return apply_changes(self.wconn, self.doc, unit, changes, source) if changes else None

    def assign_groups(
        self, unit: str, plan: dict[str, list[tuple[str, str, str | None]]], source: str = "cli"
    ) -> int | None:
        """Several assignments in one action: item id → (sub-unit, role, 具体要求) each, 时限
        the item's own (last year's assignment taken again, assign.last_year). A sub-unit
        the item is assigned to already keeps its assignment as it is."""
        changes = []
        for item_id, rows in plan.items():
            e = self.entry(unit, item_id)
            for sub_unit, role, requirement in rows:
                if assign_rows.read(self.conn, self.doc, unit, e.id, 0, sub_unit) is not None:
                    continue
                changes += assign.assign_changes(self.conn, self.doc, unit, e.id, [sub_unit], role, requirement, None)
        return apply_changes(self.wconn, self.doc, unit, changes, source) if changes else None

    def last_year_assignments(self, unit: str, item_ids: list[str]) -> dict[str, dict]:
        """item id → how the unit assigned its 往年参考 item (assign.last_year)."""
        return assign.last_year(self.conn, self.doc, unit, item_ids)

    # -- 下级单位目录: the sub-units a unit assigns to (store/sub_units.py) ----
    def sub_units(self, unit: str) -> list[str]:
        return sub_units.listing(self.conn, unit)

    def add_sub_units(self, unit: str, text: str) -> list[str]:
        return sub_units.add(self.wconn, unit, text)

    def rename_sub_unit(self, unit: str, old: str, new: str) -> str:
        return sub_units.rename(self.wconn, unit, old, new)

    def remove_sub_unit(self, unit: str, name: str) -> int:
        """The name taken off; how many items and steps stay assigned to it."""
        return sub_units.remove(self.wconn, unit, name)

    def save_sub_reports(
        self,
        unit: str,
        sub_unit: str,
        reports: list[dict],
        file: str,
        sha256: str,
        exported_at: str,
        source_db: str = "",
        source_version: int = 0,
    ) -> sub_reports.Received:
        """A sub-unit's reports of what the unit assigned it (store/sub_reports.py)."""
        now = dt.datetime.now().isoformat(timespec="seconds")
        return sub_reports.save_reports(
            self.wconn, self.doc, unit, sub_unit, reports, file, sha256, exported_at, now, source_db, source_version
        )

    def rollup(self, unit: str, limit: int = -1) -> list[dict]:
        """Each assignment of the unit with its sub-unit's report, or not reported (the first
        `limit` only, unless -1)."""
        return sub_reports.rollup(self.conn, self.doc, unit, limit)

    def rollup_counts(self, unit: str, day: Day, as_of: dt.date, near_until: dt.date) -> list[Counts]:
        """Each sub-unit's counts (store/rollup_counts.py) without reading every line."""
        return counts_by_sub_unit(self.conn, self.doc, unit, day, as_of, near_until)

    def fill_from_reports(
        self, unit: str, set_done: bool = False, today: dt.date | None = None, source: str = "cli"
    ) -> tuple[int | None, list[str], list[str]]:
        """The unit's own 具体完成情况, where empty or as an earlier fill left it, from its
        sub-units' reports, and (with `set_done`) 已完成 where every sub-unit assigned the item
        reported it done: one action. Returns (the action, the items whose narrative was
        filled, the items all done)."""
        entries = {e.id: e for e in self.checklist(unit)}
        refill = sub_reports.left_by_fill(self.conn, self.doc, unit, entries)
        narratives, done = sub_reports.fill_plan(self.rollup(unit), entries, refill)
        changes = [Change(item_id, "narrative", text) for item_id, text in narratives.items()]
        if set_done:
            for item_id in done:
                changes += status_changes(item_id, DONE, None, entries[item_id].done_date, today or dt.date.today())
        action = apply_changes(self.wconn, self.doc, unit, changes, sub_reports.FILL + source) if changes else None
        return action, list(narratives), done

    def later_than_items(self, unit: str, item_ids: list[str], deadline: str | None) -> list[tuple[str, str]]:
        """(item id, its own deadline) of each item the 时限 `deadline` is later than."""
        _, day = assign.deadline_value(deadline)
        out = []
        for item_id in item_ids:
            e = self.entry(unit, item_id)
            if assign.later_than_item(day, e.deadline):
                out.append((e.id, e.deadline or ""))
        return out

    def unassign(
        self,
        unit: str,
        item_ids: list[str],
        sub_units: list[str],
        step: int = 0,
        source: str = "cli",
        role: str | None = None,
    ) -> int | None:
        """Take assignments back, one action; with `role`, only ones of that role (another is refused)."""
        changes = []
        for item_id in item_ids:
            e = self.entry(unit, item_id)
            changes += assign.unassign_changes(self.conn, self.doc, unit, e.id, sub_units, step, role)
        return apply_changes(self.wconn, self.doc, unit, changes, source)
