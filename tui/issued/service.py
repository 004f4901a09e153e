"""A unit's own 任务分工 from its assignments (issue #25 item 2): each item or 细化 step it
assigned down becomes a row of the 附件 table — the item's text (a step's own text), the
具体要求 (the one given with the assignment, else the document's), the sub-units by role and
the 时限 (the one given, else the item's own) — under the document's 一、/(一) headings,
numbered anew. Sub-units given another 时限 for the same item get a row of their own; the
具体要求 given to different sub-units of one row are joined."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..source.numerals import int_to_chinese
from ..store import Entry, InputError, Store
from ..workbook.export import deadline_text
from ..workbook.step_lines import step_deadline
from .breakdown_docx import IssuedBreakdown, IssuedRow, write_breakdown_docx


def default_issuer(unit: str) -> str:
    """Who issues a unit's breakdown: a 区/县/市's 人民政府办公室, else the unit itself (a
    department issues its own list to its 科室)."""
    if unit.endswith(("区", "县", "市", "旗")) and not unit.endswith(("政府", "办公室")):
        return f"{unit}人民政府办公室"
    return unit


def _renumbered(rows: list[IssuedRow]) -> list[IssuedRow]:
    """Only some of the document's chapters are handed down: the issued table numbers its
    own 一、二、… and (一)(二)… in order (the next level's document is read by its numbering).
    The rows hold the chapters' titles without their numerals."""
    seen: dict[str, str] = {}
    subs: dict[tuple[str, str], str] = {}
    for r in rows:
        if r.section not in seen:
            seen[r.section] = f"{int_to_chinese(len(seen) + 1)}、{r.section}"
        key = (r.section, r.subsection)
        if r.subsection and key not in subs:
            n = sum(1 for sec, _ in subs if sec == r.section) + 1
            subs[key] = f"({int_to_chinese(n)}){r.subsection}"
        r.section, r.subsection = seen[r.section], subs.get(key, "")
    return rows


def _iso(value: str | None) -> str | None:
    """An ISO date as it is; a 时限 in words (长期坚持) None."""
    try:
        return dt.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


def assigned_deadline(assigned: str | None, step: dict | None, e: Entry) -> tuple[str, str | None]:
    """(the 时限 as printed, the ISO date it is due or None) of one assignment (or step): the
    one given with it, else the step's, else the item's."""
    if assigned:
        return step_deadline(assigned), _iso(assigned)
    if step is not None and step.get("deadline"):
        return step_deadline(step["deadline"]), _iso(step["deadline"])
    return deadline_text(e), e.deadline


def issued_rows(store: Store, unit: str) -> list[IssuedRow]:
    titles = {sid: s["title"] for sid, s in store.structure.sections.items()}
    assigned = store.assignments_of(unit)
    steps = store.steps_of(unit, list(assigned)) if assigned else {}
    rows: list[IssuedRow] = []
    for e in store.checklist(unit):
        # One row per item (or step) and 时限: who leads and who is responsible for the same
        # task at the same time are one row; a sub-unit given another 时限 gets a row of its own.
        groups: dict[tuple[int, str], dict] = {}
        for a in assigned.get(e.id, ()):
            number = a["step"]
            step = next((s for s in steps.get(e.id, ()) if s["number"] == number), None) if number else None
            when = assigned_deadline(a["deadline"], step, e)[0]
            g = groups.setdefault(
                (number, when), {"step": step, "roles": {"牵头": [], "责任": [], "配合": []}, "requirements": []}
            )
            g["roles"][a["role"]].append(a["sub_unit"])
            if a["requirement"] and a["requirement"] not in g["requirements"]:
                g["requirements"].append(a["requirement"])
        for (number, when), g in groups.items():
            step = g["step"]
            if step is not None:
                task = step["text"] + (f"(目标:{step['target']})" if step.get("target") else "")
            else:
                task = e.text
                if when != deadline_text(e) and e.deadline:
                    # The reader takes a date written in the task's text before the 完成时限 cell:
                    # the 时限 given to this sub-unit is written where it is read first.
                    task += f"(完成时限:{when})"
            requirement = "；".join(g["requirements"]) or ("" if number else e.document_requirement or "")
            roles = g["roles"]
            rows.append(
                IssuedRow(
                    ref=e.id + (f".{number}" if number else ""),
                    task=task,
                    requirement=requirement,
                    lead=roles["牵头"],
                    responsible=roles["责任"],
                    deadline=when,
                    section=titles.get(e.section_id, e.section_title),
                    subsection=titles.get(e.subsection_id, e.subsection_title),
                    cooperating=roles["配合"],
                )
            )
    return _renumbered(rows)


def issued_file_name(store: Store, unit: str) -> Path:
    """The file name `issue` and the roll-up's `i` write to: <unit>-<year>年政务公开工作任务分工.docx."""
    from ..filenames import safe_filename

    year = store.document.get("year") or dt.date.today().year
    return Path(safe_filename(f"{unit}-{year}年政务公开工作任务分工.docx"))


def issue_breakdown(
    store: Store,
    unit: str,
    out: Path,
    issuer: str | None = None,
    addressees: str | None = None,
    signed: dt.date | None = None,
) -> Path:
    """Write the unit's own 任务分工 (a Word notice) to `out`; refused when nothing is assigned."""
    rows = issued_rows(store, unit)
    if not rows:
        raise InputError(f"「{unit}」还没有分解任何条目:先用 gongkai-tui assign 把条目分解给下级单位")
    year = store.document.get("year") or (signed or dt.date.today()).year
    subs: list[str] = []
    for r in rows:
        subs += [n for n in (*r.lead, *r.responsible) if n not in subs]
    from ..store.documents import label

    issued = IssuedBreakdown(
        issuer or default_issuer(unit),
        unit,
        int(year),
        rows,
        addressees or ("、".join(subs) if len(subs) <= 6 else "各有关单位"),
        signed,
        upper_document=label(store.document),
    )
    if out.suffix.lower() == ".xlsx":
        return write_breakdown_xlsx(issued, out)
    return write_breakdown_docx(issued, out)


def write_breakdown_xlsx(issued: IssuedBreakdown, out: Path) -> Path:
    """The same table as the breakdown table workbook (`gongkai-tui template`'s columns), which
    `load` reads as exactly its cells, with each row's origin in its custom properties as the
    Word notice has them."""
    from ..source.breakdown_table import ISSUED_F, ISSUER_F, NUMBER_F, TABLE_TITLE_F, TITLE_F, YEAR_F
    from ..source.upper_link import properties
    from ..workbook.breakdown_workbook import write_breakdown
    from .custom_props import add_custom_properties

    signed = issued.signed or dt.date.today()
    fields = [
        (NUMBER_F, ""),
        (TITLE_F, issued.table_title),
        (YEAR_F, str(issued.year)),
        (ISSUER_F, issued.issuer),
        (ISSUED_F, f"{signed.year}年{signed.month}月{signed.day}日"),
        (TABLE_TITLE_F, issued.table_title),
    ]
    rows = [
        [
            str(n),
            r.section,
            r.subsection,
            r.task,
            r.requirement,
            "、".join(r.lead),
            "、".join(r.responsible),
            "、".join(r.cooperating),
            r.deadline,
            "",
            "",
        ]
        for n, r in enumerate(issued.rows, 1)
    ]
    write_breakdown(out, fields, rows)
    if issued.upper_document:
        add_custom_properties(
            out, properties([{"ref": r.ref, "text": r.task} for r in issued.rows], issued.upper_document, issued.unit)
        )
    return out
