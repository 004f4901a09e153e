"""A cell of an imported workbook as text, as the import reads it: formulas and error values
refused, the export's printing marks taken off, and the text limits of limits.py. Shared by the
任务清单 sheet (reader.py) and the hidden 导出时的值 sheet (baseline_sheet.py)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from . import limits
from .layout import COLUMNS, MARK_MISSING, REASON_LABEL, REASON_PREFIX, REPORT_COLUMNS, SUBMISSION_COLUMNS
from .sheet_data import Problems, WorkbookError

# every imported column's header by its key, for the messages
LABELS = {c.key: c.header for c in (*COLUMNS, *SUBMISSION_COLUMNS, *REPORT_COLUMNS)}
TEXT_KEYS = ("requirement", "office", "person")


def normalise_header(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def cell_text(cell, file: Path, sheet: str) -> str | None:
    """The cell's value as text; formulas and error values are refused."""
    value = cell.value
    if value is None:
        return None
    if cell.data_type == "f" or (isinstance(value, str) and cell.data_type != "s" and value.startswith("=")):
        raise WorkbookError(file, f"含有公式「{str(value)[:60]}」,请改为直接填写内容", sheet, cell.coordinate)
    if cell.data_type == "e":  # an error value; the same characters typed as text are text
        raise WorkbookError(file, f"含有错误值「{value}」", sheet, cell.coordinate)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return text if text.strip() else None


def checked_text(cell, file: Path, sheet: str, problems: Problems) -> tuple[bool, str | None]:
    """(readable, text): a formula or an error value is recorded as a problem."""
    try:
        return True, cell_text(cell, file, sheet)
    except WorkbookError as e:
        problems.add_error(e)
        return False, None


def limit_problems(key: str, text: str | None, link: str | None) -> list[str]:
    """The text limits of limits.py for one imported field."""
    if key == "evidence":
        return [p for p in (limits.evidence_problem(text, link),) if p]
    if key == "note" and text is not None:
        first, _, rest = text.partition("\n")
        if first.startswith(REASON_PREFIX):
            return [
                p
                for p in (
                    limits.text_problem("不适用理由", first[len(REASON_PREFIX) :]),
                    limits.text_problem(LABELS["note"], rest),
                )
                if p
            ]
        return [p for p in (limits.text_problem(LABELS["note"], text),) if p]
    if key in TEXT_KEYS:
        return [p for p in (limits.text_problem(LABELS[key], text),) if p]
    if key in ("status", "done_date") and text is not None and len(text) > limits.MAX_TEXT_CHARS:
        return [f"「{LABELS[key]}」有 {len(text)} 个字符,超过 {limits.MAX_TEXT_CHARS} 个字符的上限"]
    return []


def strip_marks(key: str, text: str | None) -> str | None:
    """A cell's text as an import reads it: without the marks the export wrote for
    black-and-white printing, and 备注's `不适用理由：` (full-width, as exported) read as
    `不适用理由:`."""
    if text is None:
        return text
    if key == "note" and text.startswith(REASON_LABEL):
        return REASON_PREFIX + text[len(REASON_LABEL) :]
    if key != "evidence" or MARK_MISSING not in text:
        return text
    kept = "\n".join(line for line in text.replace(MARK_MISSING, "\n").split("\n") if line.strip())
    return kept or None
