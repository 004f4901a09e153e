"""A sub-unit's 任务清单 sent back up (issue #25 item 4): the workbook of a breakdown this
database's unit issued (`gongkai-tui issue`), exported by the sub-unit that loaded it. Its 说明
names the upper document and the unit that assigned it (上级文件, 分解单位), and its hidden
导出时的值 sheet each line's upper item or step (上级条目). Each line becomes that sub-unit's
report of the item it was assigned: status, 完成时间, 具体完成情况 and evidence as written.
A line whose origin is unknown, or that was not assigned to this sub-unit, is listed and
left out; nothing else is refused for it. When this database loaded a revised text of the
upper document since (`load --revises`, which carried the assignments), a line goes to the
revision's item of the same text; one whose text changed there is listed and left out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..store import STATUSES, Store
from ..store.documents import label
from .sheet_data import WorkbookData

_STEP = re.compile(r"^(?P<item>.*-\d+)\.(?P<step>\d+)$")


@dataclass
class SubReport:
    file: Path
    sha256: str
    exported_at: str
    source_db: str  # the sub-unit's database and its version at export (说明): which export is newer
    source_version: int
    doc: int  # the upper document in this database
    unit: str  # the unit that assigned the items (this database's)
    sub_unit: str  # who reports
    reports: list[dict] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # lines not taken, each saying why


def _live(store: Store, doc: int) -> int:
    """The newest revised text of `doc` (itself when it has none)."""
    superseded: dict[int, int | None] = {d["id"]: d.get("superseded_by") for d in store.documents()}
    seen = {doc}
    after = superseded.get(doc)
    while after is not None and after not in seen:
        doc = after
        seen.add(doc)
        after = superseded.get(doc)
    return doc


def _split(ref: str) -> tuple[str, int]:
    m = _STEP.match(ref)
    return (m.group("item"), int(m.group("step"))) if m else (ref, 0)


@dataclass
class _Origin:
    doc: int  # the live text the reports go to
    unit: str
    revised: dict[str, str] | None  # item of the text the file was issued from → the live text's
    assigned: set[tuple[str, int]]  # (item, step) of the live text assigned to the sub-unit


def _assigned(store: Store, doc: int, upper_unit: str, sub: str) -> tuple[str, set[tuple[str, int]]]:
    """The unit `upper_unit` is in `doc`, and (item, step) of each thing it assigned to `sub` there."""
    store.use_document(doc)
    unit = store.resolve_unit(upper_unit)
    return unit, {
        (item_id, a["step"])
        for item_id, rows in store.assignments_of(unit).items()
        for a in rows
        if a["sub_unit"] == sub
    }


def _origin(store: Store, wanted: str, upper_unit: str, sub: str, refs: list[str]) -> _Origin | None:
    """Where the reports go. The breakdown was issued from one of the texts labelled
    `wanted` (a revised text has the label of the one it revises): the one that assigned
    most of its rows to the sub-unit (the newest on a tie). The reports go to that text's
    newest revision, each row to the item of the same text there."""
    best: tuple[int, int] | None = None
    for doc in reversed([d["id"] for d in store.documents() if label(d) == wanted]):
        _, assigned = _assigned(store, doc, upper_unit, sub)
        score = sum(_split(ref) in assigned for ref in refs)
        if best is None or score > best[0]:
            best = (score, doc)
    if best is None:
        return None
    doc = best[1]
    live = _live(store, doc)
    revised = store.revision_mapping(doc, live) if live != doc else None
    unit, assigned = _assigned(store, live, upper_unit, sub)
    return _Origin(live, unit, revised, assigned)


def sub_report(store: Store, wb: WorkbookData) -> SubReport | None:
    """The report in `wb` when it is a sub-unit's workbook of a breakdown issued from this
    database (its own document is not here, the upper one is); None for any other workbook,
    which the ordinary import then plans."""
    path = wb.file
    upper_doc, upper_unit = wb.about.get("upper_document"), wb.about.get("upper_unit")
    if not upper_doc or not upper_unit or not wb.upper_refs:
        return None
    own, _ = store.workbook_document(wb.about.get("document"), wb.about.get("document_sha256"))
    if own is not None:
        return None
    sub = wb.about.get("unit_key") or wb.about.get("unit") or ""
    origin = _origin(store, upper_doc, upper_unit, sub, list(wb.upper_refs.values()))
    if origin is None:
        return None
    doc, unit, revised, assigned = origin.doc, origin.unit, origin.revised, origin.assigned
    version = wb.about.get("database_version", "")
    out = SubReport(
        path,
        wb.sha256,
        wb.about.get("exported_at", ""),
        wb.about.get("database_id", ""),
        int(version) if version.isdigit() else 0,
        doc,
        unit,
        sub,
    )
    for row in wb.rows:
        ref = wb.upper_refs.get(row.item_id)
        if ref is None:
            out.left_out.append(f"第 {row.line} 行 {row.item_id}:不知道它来自{unit}的哪个条目")
            continue
        item_id, step = _split(ref)
        if revised is not None:
            if item_id not in revised:
                out.left_out.append(
                    f"第 {row.line} 行 {row.item_id}:{ref} 在修订后的文本中文字已改动或已删除,请重新分解后再报送"
                )
                continue
            item_id = revised[item_id]
            ref = f"{item_id}.{step}" if step else item_id
        if (item_id, step) not in assigned:
            out.left_out.append(f"第 {row.line} 行 {row.item_id}:{unit}没有把 {ref} 分解给「{sub}」")
            continue
        cells = {k: (v.text or "") for k, v in row.cells.items()}
        status = cells.get("status", "")
        if status not in STATUSES:
            out.left_out.append(f"第 {row.line} 行 {row.item_id}:完成情况「{status}」不是 {' / '.join(STATUSES)} 之一")
            continue
        out.reports.append(
            {
                "item_id": item_id,
                "step": step,
                "status": status,
                "done_date": cells.get("done_date") or None,
                "narrative": wb.shown_reports.get(row.item_id) or cells.get("narrative") or None,
                "evidence": [line for line in cells.get("evidence", "").split("\n") if line.strip()],
            }
        )
    return out
