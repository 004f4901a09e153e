"""The hidden 导出时的值 sheet of an exported 任务清单: each item's values as exported (the base
of the three-way import), the unit written beside its header, and, in a sub-unit's workbook of a
breakdown its unit issued, the upper item each line was assigned from (上级条目)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..source.row_ids import current_id
from . import limits
from .cell_text import checked_text, limit_problems, normalise_header, strip_marks
from .layout import BASELINE_HEADERS, BASELINE_KEYS, BASELINE_SHEET, BASELINE_UNIT_LABEL, BASELINE_UPPER_LABEL
from .sheet_data import Problems
from .sheet_rows import content_rows, rows_from

BASELINE_COLUMNS = dict(zip(BASELINE_HEADERS, BASELINE_KEYS))
BASELINE_VALUE_KEYS = tuple(k for k in BASELINE_KEYS if k != "id")


def read_baseline(wb, path: Path, problems: Problems) -> dict[str, dict[str, str | None]] | None:
    """The hidden 导出时的值 sheet: row 1 the header, then one row per item as exported."""
    if BASELINE_SHEET not in wb.sheetnames:
        return None
    ws = wb[BASELINE_SHEET]
    header = next(ws.iter_rows(min_row=1, max_row=1), ())
    found: dict[str, int] = {}
    keys = {normalise_header(h): k for h, k in BASELINE_COLUMNS.items()}
    for cell in header:
        if isinstance(cell.value, str):
            key = keys.get(normalise_header(cell.value))
            if key and key not in found:
                found[key] = cell.column
    missing = [h for h, k in BASELINE_COLUMNS.items() if k not in found]
    if missing:
        labels = [c.value for c in header]  # the unit written beside the headers is not one of them
        headers = header[: labels.index(BASELINE_UNIT_LABEL)] if BASELINE_UNIT_LABEL in labels else header
        used = [c for c in headers if c.value is not None]
        where = f"{used[0].coordinate}:{used[-1].coordinate}" if used else "A1"
        problems.add(f"表头(第 1 行)缺少{'、'.join(f'「{m}」' for m in missing)}列", BASELINE_SHEET, where)
        return {}
    out: dict[str, dict[str, str | None]] = {}
    seen: dict[str, str] = {}
    for _, by_col in rows_from(content_rows(ws), 2):
        id_cell = by_col.get(found["id"])
        readable, item_text = (
            checked_text(id_cell, path, BASELINE_SHEET, problems) if id_cell is not None else (True, None)
        )
        values: dict[str, str | None] = {}
        for key in BASELINE_VALUE_KEYS:
            cell = by_col.get(found[key])
            text = None
            if cell is not None:
                ok, text = checked_text(cell, path, BASELINE_SHEET, problems)
                text = strip_marks(key, text)
                for message in limit_problems(key, text, None):
                    problems.add(message, BASELINE_SHEET, cell.coordinate)
                    text = None
            values[key] = text
        if not readable:
            continue
        if id_cell is None or item_text is None or len(item_text) > limits.MAX_TEXT_CHARS:
            if id_cell is not None and item_text is not None:
                problems.add(f"「编号」有 {len(item_text)} 个字符,不是有效的编号", BASELINE_SHEET, id_cell.coordinate)
            elif any(v is not None for v in values.values()):
                first = next(by_col[found[k]] for k in BASELINE_VALUE_KEYS if values[k] is not None)
                problems.add("这一行填写了内容,但「编号」为空,无法对应到条目", BASELINE_SHEET, first.coordinate)
            continue
        item_id = current_id(unicodedata.normalize("NFKC", item_text).strip())
        if item_id in seen:
            problems.add(f"编号「{item_id}」重复(另见 {seen[item_id]})", BASELINE_SHEET, id_cell.coordinate)
            continue
        seen[item_id] = id_cell.coordinate
        out[item_id] = values
    return out


def upper_refs(wb) -> dict[str, str]:
    """导出时的值's 上级条目 column (a sub-unit's workbook of a breakdown its unit issued):
    item id → the upper item or step it was assigned from; {} without one."""
    if BASELINE_SHEET not in wb.sheetnames:
        return {}
    ws = wb[BASELINE_SHEET]
    header = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1), ())]
    if BASELINE_UPPER_LABEL not in header:
        return {}
    id_col, ref_col = header.index("编号"), header.index(BASELINE_UPPER_LABEL)
    out: dict[str, str] = {}
    for row in ws.iter_rows(min_row=2, max_col=ref_col + 1, values_only=True):
        item, ref = (row[id_col] if len(row) > id_col else None), (row[ref_col] if len(row) > ref_col else None)
        if isinstance(item, str) and isinstance(ref, str) and item.strip() and ref.strip():
            out[item.strip()] = ref.strip()[:100]
    return out


def exported_unit(wb) -> tuple[str, str] | None:
    """The unit written beside the header of 导出时的值 (exports since issue 21)."""
    if BASELINE_SHEET not in wb.sheetnames:
        return None
    row = next(wb[BASELINE_SHEET].iter_rows(min_row=1, max_row=1, max_col=len(BASELINE_KEYS) + 4), ())
    for label, value in zip(row, row[1:]):
        if label.value == BASELINE_UNIT_LABEL and isinstance(value.value, str) and value.value.strip():
            return value.value.strip()[: limits.MAX_TEXT_CHARS], value.coordinate
    return None
