"""The 上报版's 具体完成情况 cell read back: the narrative the unit wrote, then each evidence entry
printed by its title or file name (issue #23). What the export printed is kept in 导出时的值
(its last column), so that an edited cell can be told apart line by line."""

from __future__ import annotations

import unicodedata

from ..source.row_ids import current_id
from . import limits
from .evidence_cell import read_evidence_cell
from .layout import BASELINE_EXTRA_HEADERS, BASELINE_HEADERS, BASELINE_SHEET, CHECKLIST_SHEET, REPORT
from .sheet_data import Problems, SheetRow, Value


def baseline_report(wb) -> dict[str, tuple[str | None, list[str] | None]]:
    """导出时的值's 具体完成情况 as printed, by item (the 上报版 since issue 23 writes it), with
    the values of the evidence entries printed in it (None in a workbook written before that
    column: every entry was printed)."""
    if BASELINE_SHEET not in wb.sheetnames:
        return {}
    ws = wb[BASELINE_SHEET]
    header = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1), ())]
    if BASELINE_EXTRA_HEADERS[0] not in header:
        return {}
    col, id_col = header.index(BASELINE_EXTRA_HEADERS[0]), header.index(BASELINE_HEADERS[0])
    shown_col = header.index(BASELINE_EXTRA_HEADERS[1]) if BASELINE_EXTRA_HEADERS[1] in header else None
    out = {}
    for values in ws.iter_rows(min_row=2, values_only=True):
        if len(values) > col and isinstance(values[id_col], str):
            text = values[col]
            shown = values[shown_col] if shown_col is not None and len(values) > shown_col else None
            out[current_id(unicodedata.normalize("NFKC", values[id_col]).strip())] = (
                str(text).replace("\r\n", "\n") if text is not None else None,
                [v for v in str(shown or "").replace("\r\n", "\n").split("\n") if v] if shown_col is not None else None,
            )
    return out


def read_report(
    rows: list[SheetRow],
    baseline: dict,
    exported: dict[str, tuple[str | None, list[str] | None]],
    problems: Problems,
) -> None:
    """The 上报版's 具体完成情况 (the narrative, then each evidence entry by title or file name)
    as the import reads it: a cell still as exported changes nothing (the evidence stays what
    导出时的值 holds); in an edited one, a line as printed for an evidence entry is put back as
    the entry it was exported from, a line that is a link or a path is new evidence, and the
    other lines are the narrative, compared with the narrative as exported (the base of the
    three-way merge, kept in the line's 导出时的值 as `narrative`). `exported`: by item, the cell
    as printed and the values of the evidence entries printed under its narrative (baseline_report)."""
    printed = {item_id: text for item_id, (text, _) in exported.items()}
    for row in rows:
        cell = row.cells.pop(REPORT, None)
        base = baseline.get(row.item_id) or {}
        text = cell.text if cell is not None else None
        if row.item_id in printed and (text or None) == (printed[row.item_id] or None):
            if base.get("evidence") is not None:
                row.cells["evidence"] = Value(base["evidence"], cell.address if cell else row.id_address)
            continue
        if cell is None:
            continue
        values = exported.get(row.item_id, (None, None))[1]
        if values is None:  # every entry was printed
            values = [v for v in (base.get("evidence") or "").split("\n") if v]
        shown = (printed.get(row.item_id) or "").split("\n")
        cut = len(shown) - len(values) if values else len(shown)
        entries = dict(zip(shown[cut:], values))
        evidence, narrative = [], []
        for line in (text or "").split("\n"):
            if line.strip() in entries:
                evidence.append(entries[line.strip()])
            elif line.strip() and is_evidence_line(line.strip()):
                evidence.append(line)
            else:
                narrative.append(line)
        value = "\n".join(evidence).strip() or None
        problem = limits.evidence_problem(value, cell.link)  # the limits of a 佐证材料 cell
        if problem:
            problems.add(problem, CHECKLIST_SHEET, cell.address)
            value = None
        if value is not None or cell.link:
            row.cells["evidence"] = Value(value, cell.address, cell.link)
        written = "\n".join(narrative).strip("\n") or None
        problem = limits.text_problem("具体完成情况", written)
        if problem:
            problems.add(problem, CHECKLIST_SHEET, cell.address)
            written = None
        if row.item_id in baseline:
            baseline[row.item_id] = {**base, "narrative": "\n".join(shown[:cut]).strip("\n") or None}
        row.cells["narrative"] = Value(written, cell.address)


def is_evidence_line(line: str) -> bool:
    """A line of 具体完成情况 that is a link or a file's path (new evidence), not narrative."""
    found = read_evidence_cell(line)
    return bool(found.urls or found.paths) and not found.notes
