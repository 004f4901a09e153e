"""Import as a three-way merge (DESIGN.md §4): the workbook carries the values it was
exported with; only a cell that differs from them is a change by the unit, and a field
that also changed in the database since the export is a conflict — listed, not applied.

Every decision is taken inside the write transaction (a `Change` whose value is a function
of the current one), so a colleague's write in the app between planning and writing is
seen, never overwritten."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..store.progress import EVIDENCE_ADD, EVIDENCE_DEL, Change
from .cells import LineValues

FIELD_LABELS = {"status": "完成情况", "reason": "不适用理由", "requirement": "工作要求", "office": "责任科室",
                "person": "责任人", "done_date": "完成时间", "note": "备注", "evidence": "佐证材料",
                "evidence+": "佐证材料(新增)", "evidence-": "佐证材料(删除)"}
_SCALARS = ("status", "reason", "note", "requirement", "office", "person", "done_date")


@dataclass(frozen=True)
class Conflict:
    file: str
    item_id: str
    field: str
    exported: object
    database: object
    workbook: object

    def line(self) -> str:
        def shown(v):
            return "(空)" if v in (None, "") else str(v).replace("\n", " / ")
        return (f"{self.item_id} {FIELD_LABELS.get(self.field, self.field)}:导出时「{shown(self.exported)}」,"
                f"系统中已改为「{shown(self.database)}」,工作簿中为「{shown(self.workbook)}」——未导入,请核对")


def _same(a: object, b: object) -> bool:
    if isinstance(a, EditedHere) or isinstance(b, EditedHere):
        return False
    norm = (lambda v: (v or "").strip() if isinstance(v, str) or v is None else v)
    return norm(a) == norm(b)


class _Line:
    """The merge of one line: which field changes apply, decided against the current values."""

    def __init__(self, file: Path, item_id: str, conflicts: list[Conflict]):
        self.file, self.item_id, self.conflicts = file, item_id, conflicts
        self.status_applied = False

    def merged(self, field: str, exported: object, wanted: object):
        def decide(current: object) -> object:
            if _same(current, wanted):
                return current
            if _same(current, exported):
                if field == "status":
                    self.status_applied = True
                return wanted
            conflict = Conflict(self.file.name, self.item_id, field, exported, current, wanted)
            if conflict not in self.conflicts:
                self.conflicts.append(conflict)
            return current
        return decide


class EditedHere(str):
    """The base of a field this database changed itself since it last heard from the other
    one: nothing the report says is taken as "unchanged" against it, so a difference is a
    conflict. Holds the value the report was exported with, for the message."""


def report_base(exported: LineValues, edited_here: set[str], entry) -> LineValues:
    """The base to merge a report from another database against: for a field nobody
    changed in this database, what this database holds (so the report's value applies,
    blanks included: the other database holds nothing there); for one changed here, a
    value nothing equals (so a difference is a conflict, not an overwrite)."""
    base = LineValues(**{k: getattr(exported, k) for k in LineValues.__dataclass_fields__})
    for f in _SCALARS:
        if f in edited_here:
            setattr(base, f, EditedHere(getattr(exported, f) or ""))
        else:
            setattr(base, f, getattr(entry, f))
    base.urls, base.paths, base.evidence_order = [], [], []  # every entry of the report is news
    return base


def merge_changes(file: Path, item_id: str, base: LineValues, new: LineValues, today: str,
                  evidence_now: list[dict], conflicts: list[Conflict], new_record,
                  exported: LineValues | None = None) -> list[Change]:
    """The changes one line of a workbook asks for, against the values it was exported with."""
    line = _Line(file, item_id, conflicts)
    changes: list[Change] = []
    changed = {f for f in _SCALARS if not _same(getattr(base, f), getattr(new, f))}
    if new.status is None:
        changed.discard("status")  # a blanked status cell says nothing
    for f in ("status", "reason", "note", "requirement", "office", "person", "done_date"):
        if f in changed:
            changes.append(Change(item_id, f, line.merged(f, getattr(base, f), getattr(new, f))))
    if "status" in changed:
        if "done_date" not in changed:
            if new.status == "已完成":
                changes.append(Change(item_id, "done_date",
                                      lambda cur: (cur or today) if line.status_applied else cur))
            else:
                changes.append(Change(item_id, "done_date", lambda cur: None if line.status_applied else cur))
        if "reason" not in changed and new.status != "不适用":
            changes.append(Change(item_id, "reason", lambda cur: None if line.status_applied else cur))
    added = new.evidence - base.evidence
    removed = (exported or base).evidence - new.evidence  # entries deleted in the workbook
    have = {(r["kind"], r["value"]) for r in evidence_now}
    for kind, value in new.evidence_order:
        if (kind, value) in added and (kind, value) not in have:
            changes.append(Change(item_id, EVIDENCE_ADD, new_record(kind, value)))
    for record in evidence_now:
        if (record["kind"], record["value"]) in removed:
            changes.append(Change(item_id, EVIDENCE_DEL, record))
    return changes
