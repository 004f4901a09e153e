"""What the CLI and the app call: gather a unit's data from the store and write or read workbooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import __version__
from ..filenames import safe_filename
from ..store import Store
from .checklist_file import write_checklist
from .export import ChecklistData, Signer
from .files import unused_path


def section_titles(store: Store) -> dict[str, str]:
    """Section and subsection ids → their headings with numerals (`一、…`, `(一)…`)."""
    out = {}
    for sid, s in store.structure.sections.items():
        if not s["numeral"]:
            out[sid] = s["title"]
        elif s["level"] == 1:
            out[sid] = f"{s['numeral']}、{s['title']}"
        else:
            out[sid] = f"({s['numeral']}){s['title']}"
    return out


def default_export_path(unit: str, year: int | None, today: dt.date, folder: Path = Path("exports")) -> Path:
    """`各区县政府 · 渝中区` (a collective's member) is written `各区县政府-渝中区` in the name."""
    name = f"{unit.replace(' · ', '-')}-{year or ''}年政务公开任务清单-{today:%Y%m%d}.xlsx"
    return folder / safe_filename(name)


def export_checklist(
    store: Store,
    unit: str,
    as_of: dt.date,
    out: Path | None = None,
    shown_name: str | None = None,
    now: dt.datetime | None = None,
    full: bool = False,
    filled_by: str = "",
    phone: str = "",
    reviewer: str = "",
    folder: Path = Path("exports"),
) -> Path:
    """Write the unit's 任务清单 and return the path written (never an existing file): the
    上报版 by default, the 15-column working layout with `full`. `filled_by`, `phone` and
    `reviewer` fill the form's foot (填报人、联系电话、审核人); empty, a line is left to fill by hand."""
    now = now or dt.datetime.now()
    shown = shown_name or unit
    path = out if out is not None else default_export_path(shown, store.document.get("year"), now.date(), folder)
    database_id, database_version = store.workspace()
    data = ChecklistData(
        unit=shown,
        unit_key=unit,
        document=store.document,
        entries=store.checklist(unit),
        evidence=store.evidence_map(unit),
        as_of=as_of,
        exported_at=now,
        version=__version__,
        section_titles=section_titles(store),
        database_id=database_id,
        database_version=database_version,
        steps=store.steps_of(unit),
    )
    return write_checklist(data, unused_path(path), full=full, signer=Signer(filled_by, phone, reviewer))


def export_review(
    store: Store,
    unit: str,
    as_of: dt.date,
    out: Path | None = None,
    shown_name: str | None = None,
    now: dt.datetime | None = None,
    folder: Path = Path("exports"),
) -> Path:
    """Write the lead unit's 汇总表 (responsible units × rows it leads)."""
    from ..store import InputError
    from .review_export import write_review

    now = now or dt.datetime.now()
    shown = shown_name or unit
    rows = store.review(unit)
    if not rows:
        raise InputError(f"「{shown}」不是任何任务的牵头单位,没有可汇总的内容")
    year = store.document.get("year")
    path = (
        out
        if out is not None
        else folder / safe_filename(f"{shown}-{year or ''}年政务公开任务汇总表-{now:%Y%m%d}.xlsx")
    )
    return write_review(shown, store.document, rows, as_of, now, unused_path(path), review_details(store, rows, as_of))


def review_details(store: Store, rows, as_of: dt.date) -> dict:
    """Per responsible unit of the rows a lead leads: items done, 缺佐证, 逾期 on those rows,
    when its newest workbook was imported, and its evidence per row."""
    from .review_export import UnitDetail

    imported: dict[str, str] = {}
    for record in store.imports():
        at = record.get("at")
        if at and at > imported.get(record["unit"], ""):
            imported[record["unit"]] = at
    led_items: dict[str, list[str]] = {}
    for r in rows:
        for u in r.units:
            led_items.setdefault(u.unit, []).extend(r.item_ids)
    reported = {u.unit for r in rows for u in r.units if u.reported}
    out = {}
    for unit, ids in led_items.items():
        entries = store.entries(unit, ids)
        d = UnitDetail(
            items=len(entries),
            done=sum(e.status in ("已完成", "不适用") for e in entries),
            missing_evidence=sum(e.missing_evidence for e in entries),
            overdue=sum(e.overdue(as_of) for e in entries),
            imported_at=imported.get(unit, "").replace("T", " ")[:16] or None,
        )
        if unit in reported:
            evidence = store.evidence_map(unit)
            for e in entries:
                if evidence.get(e.id):
                    d.evidence.setdefault(e.row_id, []).extend(evidence[e.id])
        out[unit] = d
    return out
