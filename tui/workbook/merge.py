"""Import as a three-way merge (DESIGN.md §4): the workbook carries the values it was
exported with; only a cell that differs from them is a change by the unit, and a field
that also changed in the database since the export is a conflict — listed, not applied.
Fields that say one thing together (责任科室 and 责任人; 完成情况 with its date and reason)
are decided together: both from the workbook or both from the database, never mixed.

Every decision is taken inside the write transaction (a `Change` whose value is a function
of the current one), so a colleague's write in the app between planning and writing is
seen, never overwritten."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..store.progress import EVIDENCE_ADD, EVIDENCE_DEL, Change
from .cells import LineValues
from .layout import office_person_text

FIELD_LABELS = {
    "status": "完成情况",
    "reason": "不适用理由",
    "requirement": "工作要求",
    "office": "责任科室",
    "person": "责任人",
    "done_date": "完成时间",
    "note": "备注",
    "evidence": "佐证材料",
    "evidence+": "佐证材料(新增)",
    "evidence-": "佐证材料(删除)",
    "narrative": "具体完成情况",
}
_SCALARS = ("status", "reason", "note", "requirement", "office", "person", "done_date", "narrative")


@dataclass(frozen=True)
class Conflict:
    file: str
    item_id: str
    field: str  # a key of FIELD_LABELS; fields decided together are joined by `+` (office+person)
    exported: object
    database: object
    workbook: object

    def line(self) -> str:
        def shown(v):
            return "(空)" if v in (None, "") else str(v).replace("\n", " / ")

        label = "、".join(FIELD_LABELS.get(f, f) for f in self.field.split("+"))
        return (
            f"{self.item_id} {label}:导出时「{shown(self.exported)}」,"
            f"系统中已改为「{shown(self.database)}」,工作簿中为「{shown(self.workbook)}」——未导入,请核对"
        )


def _normal(v):
    return (v or "").strip() if isinstance(v, str) or v is None else v


def _same(a: object, b: object) -> bool:
    if isinstance(a, EditedHere) or isinstance(b, EditedHere):
        return False
    return _normal(a) == _normal(b)


# Fields that make one statement together and are decided together: a row never gets
# its 责任科室 from the workbook and its 责任人 from the database (a pair nobody entered),
# nor a status from one side and its date or reason from the other.
GROUPS = (("status", "reason", "done_date"), ("office", "person"))


def _group_text(fields: tuple[str, ...], values: dict[str, object]) -> object:
    """One side of a group conflict as one text: `办公室／张三`, `已完成(完成时间 2021-06-30)`."""
    if len(fields) == 1:
        return values[fields[0]]
    if "office" in fields:
        return office_person_text(_text(values, "office"), _text(values, "person"))
    text = _text(values, "status")
    if "done_date" in fields and values.get("done_date"):
        text += f"(完成时间 {values['done_date']})"
    if "reason" in fields and values.get("reason"):
        text += f"(不适用理由:{values['reason']})"
    return text


def _text(values: dict[str, object], key: str) -> str:
    """A field of GROUPS as text ('' when blank): they hold text or None."""
    value = values.get(key)
    return str(value) if value else ""


def _derived(new: LineValues, explicit: set[str], today: str):
    """What a status changed in the workbook implies for the fields of its group the
    workbook did not state: 已完成 gets a date (today, unless it has one), another status
    none; a status other than 不适用 no reason."""

    def derive(current: dict) -> dict:
        out: dict[str, object] = {}
        if "status" not in explicit:
            return out
        if "done_date" not in explicit:
            out["done_date"] = (current.get("done_date") or today) if new.status == "已完成" else None
        if "reason" not in explicit and new.status != "不适用":
            out["reason"] = None
        return out

    return derive


class _Group:
    """The merge of one group of fields of one line (or of one field that stands alone,
    备注 or 工作要求), decided inside the write transaction.

    A write sees only the current value of its own field, so the group's changes begin
    with one reading change per field (it writes nothing); the decision is taken once all
    of them are read: the workbook's values apply when they leave a row the workbook
    wrote whole (the database changed none of the group, or only as the workbook did);
    when both sides agree, nothing changes; otherwise the group is one conflict, listed
    once and not applied."""

    def __init__(
        self,
        file: Path,
        item_id: str,
        fields: tuple[str, ...],
        base: LineValues,
        new: LineValues,
        explicit: set[str],
        derive,
        conflicts: list[Conflict],
    ):
        self.file, self.item_id, self.fields, self.conflicts = file, item_id, fields, conflicts
        self.base = {f: getattr(base, f) for f in fields}
        self.new = {f: getattr(new, f) for f in fields}
        self.explicit, self.derive = explicit, derive  # derive(current) → values of fields not in explicit
        self.current: dict[str, object] = {}
        self.decided: dict[str, object] | None = None

    def changes(self) -> list[Change]:
        written = [f for f in self.fields if f in self.explicit or f in self.derive(dict(self.base))]
        return [Change(self.item_id, f, self._reader(f)) for f in self.fields] + [
            Change(self.item_id, f, self._writer(f)) for f in written
        ]

    def _reader(self, field: str):
        def read(current: object) -> object:
            self.current[field], self.decided = current, None
            return current

        return read

    def _writer(self, field: str):
        def write(current: object) -> object:
            if self.decided is None:
                self.decided = self._decide()
            return self.decided.get(field, current)

        return write

    def _decide(self) -> dict[str, object]:
        cur, base = self.current, self.base
        if all(_same(cur[f], self.new[f]) for f in self.explicit):
            return {}  # both sides say the same: the row stays the database's
        own = all(_same(cur[f], base[f]) or _same(cur[f], self.new[f]) for f in self.explicit)
        siblings = all(_same(cur[f], base[f]) for f in self.fields if f not in self.explicit)
        if own and siblings:
            return {**self.derive(cur), **{f: self.new[f] for f in self.explicit}}
        # The workbook's side as the import would write it, but for a date it would stamp today.
        wanted = {**self.new, **{f: v for f, v in self.derive(base).items() if v is None}}
        shown = tuple(
            f
            for f in self.fields
            if not (_same(base[f], cur[f]) and _same(cur[f], wanted[f]) and _same(base[f], wanted[f]))
        )
        shown = shown or tuple(sorted(self.explicit, key=self.fields.index))
        conflict = Conflict(
            self.file.name,
            self.item_id,
            "+".join(shown),
            _group_text(shown, base),
            _group_text(shown, cur),
            _group_text(shown, wanted),
        )
        if conflict not in self.conflicts:
            self.conflicts.append(conflict)
        return {}


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
    base.urls, base.paths, base.notes, base.evidence_order = [], [], [], []  # every entry of the report is news
    return base


def merge_changes(
    file: Path,
    item_id: str,
    base: LineValues,
    new: LineValues,
    today: str,
    evidence_now: list[dict],
    conflicts: list[Conflict],
    new_record,
    exported: LineValues | None = None,
) -> list[Change]:
    """The changes one line of a workbook asks for, against the values it was exported with."""
    changes: list[Change] = []
    changed = {f for f in _SCALARS if not _same(getattr(base, f), getattr(new, f))}
    if new.status is None:
        changed.discard("status")  # a blanked status cell says nothing
    for fields in (
        GROUPS[0],
        ("note",),
        ("requirement",),
        ("narrative",),
        GROUPS[1],
    ):  # the order the report lists them
        explicit = changed & set(fields)
        if explicit:
            derive = _derived(new, explicit, today) if "status" in fields else (lambda current: {})
            changes += _Group(file, item_id, fields, base, new, explicit, derive, conflicts).changes()
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
