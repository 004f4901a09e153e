"""What the app shows for one unit: entries, filters, search, progress counts, undo.

Plain Python over the store API, so it can be tested without Textual.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..store import Entry, InputError, Store
from ..store.collective_records import replay_move
from . import evidence_files
from .search_index import DocumentText, SearchIndex

if TYPE_CHECKING:
    from .assign_dialog import Assignment, Offer

CYCLE = ("未开始", "推进中", "已完成")
FILTERS = ("全部", "未完成", "已完成", "逾期", "近期到期", "缺佐证", "待确认")
SORTS = ("文件顺序", "时限")
DUE_DAYS = 30  # 近期到期: unfinished items due within this many days of the as-of date (settings: due_days)
ROLE_FILTERS = ("全部", "牵头", "责任", "配合")  # `r` cycles through those the unit has
STATUS_MARK = {"未开始": "○", "推进中": "◐", "已完成": "●", "不适用": "×"}
WORK_FIELDS = (("requirement", "工作要求"), ("office", "责任科室"), ("person", "责任人"))


@dataclass(frozen=True)
class Counts:
    done: int
    total: int
    missing_evidence: int
    overdue: int


# Above this many items in the database, the app paints the first screen from the head
# of the checklist and loads the rest in a worker (see checklist_loading.py, load_rest).
FAST_START_ITEMS = 3000
HEAD_LINES = 200


def deadline_key(e: Entry) -> tuple:
    """Sort by 时限: dated items by date, then those with a relative deadline, then the rest."""
    if e.deadline_date is not None:
        return (0, e.deadline_date.toordinal())
    return (1 if e.relative_deadline else 2, 0)


class Session:
    def __init__(
        self,
        store: Store,
        unit: str,
        as_of: dt.date,
        shown_name: str | None = None,
        fast_start: bool | None = None,
        due_days: int = DUE_DAYS,
    ):
        self.store = store
        self.as_of = as_of
        self.due_days = due_days
        self.sort = SORTS[0]
        self.collective: str | None = None  # set while a collective's person works as one member (see collectives.py)
        self.records_offered: set[str] = set()  # collectives whose older records were offered (collectives.py)
        self.moves: set[int | None] = set()  # actions that moved a collective's records here (collectives.py)
        self.search_index = SearchIndex(store)  # what / searches in (search_index.py)
        self.filter = FILTERS[0]
        self.role = ROLE_FILTERS[0]
        self.query = ""
        self.undo_stack: list[int] = []
        self.redo_stack: list[int] = []
        self.unit, self.shown_name = unit, shown_name or unit
        self._open(fast_start)

    # -- loading ---------------------------------------------------------
    def _open(self, fast_start: bool | None = None) -> None:
        """Show the unit's checklist of the store's document. A large document shows the
        head of the checklist only (the caller loads the rest in a worker: checklist_loading.py)."""
        if fast_start is None:
            fast_start = self.store.item_count() > FAST_START_ITEMS
        if fast_start:
            self.install(self.store.checklist_head(self.unit, HEAD_LINES), complete=False)
        else:
            self.reload()

    def switch_document(self, doc: int, unit: str, shown_name: str | None = None) -> None:
        """Work on another document of the database, for `unit` (a name that document
        knows: see document_switch.py, open_document). Undo and redo start afresh: an action of one
        document is never replayed onto the other. A large document shows its head first."""
        if shown_name is None:
            shown_name = self.shown_name if unit == self.unit else unit
        before = self.store.doc, self.unit, self.shown_name
        self.store.use_document(doc)
        try:
            self.unit, self.shown_name = unit, shown_name
            self._open()
        except BaseException:  # still on the document left: its entries are the ones installed
            self.store.use_document(before[0])
            self.unit, self.shown_name = before[1], before[2]
            raise
        self.undo_stack.clear()
        self.redo_stack.clear()

    def switch_unit(self, unit: str, shown_name: str | None = None, fast: bool = False) -> None:
        """Show another unit's checklist; `fast` shows only its first lines (the caller
        loads the rest, as at start-up)."""
        self.unit = unit
        self.shown_name = shown_name or unit
        self.undo_stack.clear()
        self.redo_stack.clear()
        if fast and not self.store.partial:
            self.install(self.store.checklist_first(unit, HEAD_LINES), complete=False)
        else:
            self.reload()

    def changed_elsewhere(self) -> bool:
        """Whether another process wrote to the database since we last looked."""
        version = self.store.data_version()
        changed = version != getattr(self, "_data_version", version)
        self._data_version = version
        return changed

    def reload(self) -> None:
        self.install(self.store.checklist(self.unit))

    def install(self, entries: list[Entry], complete: bool = True) -> None:
        """Show these entries. `complete` is False while only the head is loaded:
        counts then cover the lines loaded so far."""
        self.complete = complete
        self.written_while_loading: set[str] = set()
        self._data_version = self.store.data_version()
        self.entries: list[Entry] = entries
        self.search_index.install(self.unit)  # install follows every change of unit and document
        self.by_id = {e.id: e for e in self.entries}
        self._position = {e.id: i for i, e in enumerate(self.entries)}
        # Counts per node ("" = the whole checklist), kept up to date entry by entry
        # so that a status toggle does not recount 20,000 lines.
        self._visible: dict[tuple[str, str, str, str], list[Entry]] = {}  # (filter, role, query, sort) → shown
        self.tally: dict[str, list[int]] = {}
        for e in self.entries:
            self._count(e, 1)
        # Tens of thousands of long-lived entries would make every full garbage collection
        # walk them (pauses of 100 ms and more while typing): keep them out of its way.
        gc.freeze()

    def _count(self, e: Entry, sign: int) -> None:
        contribution = (e.status == "已完成", e.status != "不适用", e.missing_evidence, e.overdue(self.as_of))
        for key in ("", e.section_id, e.subsection_id):
            row = self.tally.setdefault(key, [0, 0, 0, 0])
            for i, value in enumerate(contribution):
                row[i] += sign * value

    def refresh(self, item_ids: list[str]) -> None:
        """Re-read the given items after a write (one query for all of them)."""
        self._visible.clear()
        for e in self.store.entries(self.unit, item_ids):
            i = self._position.get(e.id)
            if i is None:
                continue
            self._count(self.entries[i], -1)
            self._count(e, 1)
            self.entries[i] = self.by_id[e.id] = e
        self.search_index.refresh(item_ids)

    @property
    def _search(self) -> DocumentText:
        """The search text of the document on screen (search_index.py)."""
        return self.search_index.text

    def warm_search(self, start: int, count: int = 2000) -> int | None:
        """Build the search text of entries[start:start + count] ahead of the first search;
        the next start, or None when every entry has it (SearchIndex.warm)."""
        return self.search_index.warm(self.entries, start, count)

    # -- what is shown ---------------------------------------------------
    def keep(self, e: Entry) -> bool:
        """Whether the status and role filters let this entry through (search aside)."""
        f = self.filter
        if f == "未完成" and e.status in ("已完成", "不适用"):
            return False
        if f == "已完成" and e.status != "已完成":
            return False
        if f == "逾期" and not e.overdue(self.as_of):
            return False
        if f == "近期到期" and not self.due_soon(e):
            return False
        if f == "缺佐证" and not e.missing_evidence:
            return False
        if f == "待确认" and not e.to_confirm:
            return False
        return self.role == "全部" or self.role in e.roles

    def due_soon(self, e: Entry) -> bool:
        """近期到期: not finished, with a date deadline within `due_days` of the as-of date
        (or already passed: overdue items are due too)."""
        return (
            e.deadline_date is not None
            and e.status not in ("已完成", "不适用")
            and (e.deadline_date - self.as_of).days <= self.due_days
        )

    def visible(self) -> list[Entry]:
        """The entries shown: filters, then every search word in the entry's text.

        Typing extends the query, so each keystroke narrows the previous result
        instead of scanning the whole checklist again; results are kept until a write.
        """
        key = (self.filter, self.role, self.query, self.sort)
        if key in self._visible:
            return self._visible[key]
        base = None
        for (f, r, q, o), result in reversed(self._visible.items()):
            if f == self.filter and r == self.role and o == self.sort and self.query.startswith(q):
                base = result
                break
        if base is None:
            base = self.entries if key[:2] == ("全部", "全部") else [e for e in self.entries if self.keep(e)]
            if self.sort == "时限":
                base = sorted(base, key=deadline_key)
        words = self.query.lower().split()
        out = self.search_index.search(base, words) if words else base
        self._visible[key] = out
        if len(self._visible) > 64:
            self._visible.pop(next(iter(self._visible)))
        return out

    def counts(self, node: str = "") -> Counts:
        """Progress of the whole checklist, or of one section or subsection."""
        return Counts(*self.tally.get(node, (0, 0, 0, 0)))

    def cycle_filter(self) -> str:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        return self.filter

    def cycle_sort(self) -> str:
        """文件顺序 ↔ 时限 (the earliest deadline first; items without a date last)."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        return self.sort

    def roles_here(self) -> tuple[str, ...]:
        """全部 and the roles the unit has on some line (配合 only where a document names it);
        every role while the rest of a large checklist is still loading."""
        if not self.complete:
            return ROLE_FILTERS
        present = {r for e in self.entries for r in e.roles}
        return tuple(r for r in ROLE_FILTERS if r == "全部" or r in present)

    def cycle_role(self) -> str:
        roles = self.roles_here()
        self.role = roles[(roles.index(self.role) + 1) % len(roles)] if self.role in roles else roles[0]
        return self.role

    # -- writes (each one undo step) -------------------------------------
    def _record(self, action: int | None, item_ids: list[str]) -> int | None:
        if not self.complete:
            self.written_while_loading.update(item_ids)
        if action is not None:
            self.undo_stack.append(action)
            self.redo_stack.clear()
        self.refresh(item_ids)
        return action

    def next_status(self, item_ids: list[str]) -> str:
        """Space: 未开始 → 推进中 → 已完成 → 未开始, taking the first item's status as the guide."""
        current = self.by_id[item_ids[0]].status
        return CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)] if current in CYCLE else CYCLE[0]

    def cycle_status(self, item_ids: list[str]) -> int | None:
        return self.set_status(item_ids, self.next_status(item_ids))

    def discarded_by(self, item_ids: list[str], status: str) -> list[str]:
        """What setting `status` on these items would throw away: each item's 不适用理由
        or 完成时间, as lines to show before asking (empty: nothing is lost)."""
        lost = []
        for item_id in item_ids:
            e = self.by_id.get(item_id)
            if e is None or e.status == status:
                continue
            if e.status == "不适用" and e.reason:
                lost.append(f"{e.id} 的不适用理由:{e.reason}")
            if e.status == "已完成" and e.done_date:
                lost.append(f"{e.id} 的完成时间:{e.done_date}")
        return lost

    def set_status(
        self, item_ids: list[str], status: str, reason: str | None = None, done_date: dt.date | None = None
    ) -> int | None:
        return self._record(
            self.store.set_status(
                self.unit, item_ids, status, reason, source="tui", today=dt.date.today(), done_date=done_date
            ),
            item_ids,
        )

    def mark_done(
        self, item_ids: list[str], evidence: str | list[str] | None, done_date: dt.date | None = None
    ) -> int | None:
        """Done, with the evidence given (one value or several: one undo step) and the
        完成时间 `done_date` (None: the one recorded, or today)."""
        if isinstance(evidence, str):
            evidence = [evidence]
        if len(item_ids) == 1:
            action = self.store.mark_done(
                self.unit, item_ids[0], list(evidence or []), source="tui", done_date=done_date
            )
            return self._record(action, item_ids)
        if evidence:
            raise InputError("批量标记完成时不能附同一份佐证材料,请逐条添加")
        return self.set_status(item_ids, "已完成", done_date=done_date)

    def confirm(self, item_ids: list[str]) -> int | None:
        """c: the unit confirms these 待确认 items apply to it (one undo step)."""
        return self._record(self.store.confirm(self.unit, item_ids, source="tui", today=dt.date.today()), item_ids)

    def confirm_via(self, e: Entry) -> list[str]:
        """The conditional collectives (市政府有关部门…) through which a 待确认 item names the unit."""
        return self.store.confirm_via(self.unit, e.row_id) if e.via == "to_confirm" else []

    def add_evidence(self, item_id: str, value: str) -> int | None:
        return self._record(self.store.add_evidence(self.unit, item_id, value, source="tui"), [item_id])

    def add_evidence_list(self, item_id: str, values: list[str]) -> int | None:
        """Several URLs or paths added at once (a paste of several lines): one undo step."""
        if len(values) == 1:
            return self.add_evidence(item_id, values[0])
        return self._record(self.store.add_evidence_many(self.unit, item_id, values, source="tui"), [item_id])

    def set_fields(self, item_id: str, fields: dict[str, str | None]) -> int | None:
        return self._record(self.store.set_fields(self.unit, item_id, fields, source="tui"), [item_id])

    # 分解 (the assign dialog, A): one write for every item marked, one undo step
    def assignments_of(self, item_ids: list[str]) -> dict[str, list[dict]]:
        return self.store.assignments_of(self.unit, item_ids)

    def assign_offer(self, item_ids: list[str]) -> Offer:
        """What the assign dialog offers: the 下级单位目录, the one item's steps, last year's."""
        from .assign_dialog import Offer

        steps = self.store.steps_of(self.unit, item_ids).get(item_ids[0], []) if len(item_ids) == 1 else []
        last_year = self.store.last_year_assignments(self.unit, item_ids)
        return Offer(self.store.sub_units(self.unit), steps, last_year)

    def assign(self, item_ids: list[str], given: Assignment) -> int | None:
        """The form's assignment, one action; the names the user agreed to add go into the 目录 after it."""
        from ..store.assign import sub_unit_names

        action = self.store.assign(
            self.unit,
            item_ids,
            sub_unit_names(given.to),
            given.role,
            given.requirement or None,
            given.deadline or None,
            given.step,
            source="tui",
            later_ok=True,
        )
        self._add_names(given.new_names)
        return self._record(action, item_ids)

    def assign_last_year(self, plan: dict[str, list[tuple[str, str, str | None]]], new_names: list[str]) -> int | None:
        """Each item assigned as its 往年参考 was (Store.assign_groups), one action."""
        action = self.store.assign_groups(self.unit, plan, source="tui")
        self._add_names(new_names)
        return self._record(action, list(plan))

    def _add_names(self, names: list[str]) -> None:
        listed = self.store.sub_units(self.unit)
        missing = [n for n in names if n not in listed]
        if missing:
            self.store.add_sub_units(self.unit, "、".join(missing))

    # 细化 steps (the steps dialog, b): each write one undo step, the item re-read with them
    def fill_from_reports(self, set_done: bool = False) -> tuple[int | None, list[str], list[str]]:
        """The roll-up's `f`: the unit's own 具体完成情况 from its sub-units' reports (and, with
        `set_done`, 已完成 where every sub-unit is done), one undo step (Store.fill_from_reports)."""
        action, filled, done = self.store.fill_from_reports(self.unit, set_done, today=self.as_of, source="tui")
        self._record(action, list(dict.fromkeys(filled + (done if set_done else []))))
        return action, filled, done

    def add_step(self, item_id: str, text: str, fields: dict[str, str | None]) -> int | None:
        return self._record(self.store.add_step(self.unit, item_id, text, fields, source="tui")[1], [item_id])

    def edit_step(self, item_id: str, number: int, fields: dict[str, str | None]) -> int | None:
        return self._record(self.store.edit_step(self.unit, item_id, number, fields, source="tui"), [item_id])

    def set_step_status(self, item_id: str, number: int, status: str, reason: str | None = None) -> int | None:
        return self._record(
            self.store.set_step_status(self.unit, item_id, number, status, reason, source="tui", today=dt.date.today()),
            [item_id],
        )

    def add_step_evidence(self, item_id: str, number: int, value: str, fp: tuple | None) -> int | None:
        """A link, or a file whose fingerprint a worker computed (not read again)."""
        return self._record(
            self.store.add_step_evidence(
                self.unit, item_id, number, [value], source="tui", fingerprints={value: fp} if fp else None
            ),
            [item_id],
        )

    def remove_step(self, item_id: str, number: int) -> int | None:
        return self._record(self.store.remove_step(self.unit, item_id, number, source="tui"), [item_id])

    def remove_evidence(self, item_id: str, index: int) -> int | None:
        return self._record(self.store.remove_evidence(self.unit, item_id, index, source="tui"), [item_id])

    def set_evidence_caption(self, item_id: str, index: int, caption: str) -> int | None:
        return self._record(
            self.store.set_evidence_caption(self.unit, item_id, index, caption, source="tui"), [item_id]
        )

    def undo(self) -> list[str] | None:
        """Undo the last step; returns the item ids it touched, or None if nothing to undo.
        A step the store refuses for good (its history restored away, or a field changed
        since by someone else: InputError) leaves the stack, so that z goes on to the one
        before; a busy database (StoreError) keeps it for another try."""
        return self._step(self.undo_stack, self.redo_stack, self.store.undo, again=False)

    def redo(self) -> list[str] | None:
        return self._step(self.redo_stack, self.undo_stack, self.store.redo, again=True)

    def _step(self, stack: list[int], other: list[int], replay, again: bool) -> list[str] | None:
        if not stack:
            return None
        action = stack[-1]
        ids = self.store.action_items(self.unit, action)
        moved = action in self.moves  # a collective's records moved here: both units at once (collectives.py)
        try:
            done = replay_move(self.store.wconn, action, not again) if moved else replay(self.unit, action)
        except InputError:
            stack.pop()
            raise
        stack.pop()
        if not again:
            other.append(action)
        elif done is not None:
            other.append(done)
            if moved:
                self.moves.add(done)
        self.refresh(ids)
        return ids

    def add_file_evidence(
        self,
        item_id: str,
        value: str,
        fp: evidence_files.Fingerprint,
        unit: str | None = None,
        done: bool = False,
        doc: int | None = None,
        done_date: dt.date | None = None,
    ) -> int | None:
        """File evidence whose fingerprint (size, sha256) a worker computed: the file is
        not read again. `done` also marks the item done (one undo step). `unit` and `doc`:
        the unit and the document the user was on when the worker started; a write for
        another unit or document is no undo step here (and goes to that document: item ids
        repeat between documents)."""
        write = (
            functools.partial(evidence_files.mark_done_with_file, done_date=done_date)
            if done
            else evidence_files.add_file_evidence
        )
        unit = unit or self.unit
        if doc is not None and doc != self.store.doc:
            with Store(self.store.path, doc=f"#{doc}") as other:
                return write(other, unit, item_id, value, fp, source="tui")
        action = write(self.store, unit, item_id, value, fp, source="tui")
        if unit != self.unit:
            return action
        return self._record(action, [item_id])

    # -- 往年参考 ----------------------------------------------------------
    def reference(self, item_id: str) -> dict | None:
        """The matching item of an earlier year's document and this unit's progress there."""
        return self.store.reference(self.unit, item_id)

    @staticmethod
    def work_from_reference(entry: Entry, ref: dict) -> list[tuple[str, str, str, str | None]]:
        """What copying last year's work fields would write: (field, label, last year's
        value, this year's value it replaces or None), for each of 工作要求/责任科室/责任人
        that last year filled in and this year does not already hold."""
        out = []
        for key, label in WORK_FIELDS:
            new, old = ref.get(key), getattr(entry, key)
            if new and new.strip() and new.strip() != (old or "").strip():
                out.append((key, label, new, old if old and old.strip() else None))
        return out

    def copy_reference_work(self, item_id: str, plan: list[tuple[str, str, str, str | None]]) -> int | None:
        """Write the fields of `plan` (work_from_reference, as confirmed): one undo step."""
        return self.set_fields(item_id, {key: new for key, _, new, _ in plan})
