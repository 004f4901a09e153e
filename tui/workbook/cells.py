"""What the imported cells of one line mean, as progress fields: the same reading for the
cell as saved and for the value the export wrote (the baseline), so that the two compare."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..datetext import ACCEPTED, DateTextError, parse_date_text
from ..store import STATUSES
from .evidence_cell import NOTE, read_evidence_cell
from .layout import REASON_PREFIX


def parse_date(text: str) -> str | None:
    """The ISO date of a 完成时间 cell's text (the reader has made a real date cell ISO
    text already), read as every other door reads a date (tui/datetext.py); None: no date."""
    try:
        return parse_date_text(text).isoformat()
    except DateTextError:
        return None


def normalise_status(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


class CellProblem(ValueError):
    """A cell whose content cannot be a value of its field; `key` names the column."""

    def __init__(self, key: str, message: str):
        self.key = key
        super().__init__(message)


@dataclass
class LineValues:
    """One line's imported columns as progress values (None: blank)."""

    status: str | None = None
    status_raw: str | None = None
    reason: str | None = None
    note: str | None = None
    requirement: str | None = None
    office: str | None = None
    person: str | None = None
    done_date: str | None = None
    narrative: str | None = None  # 具体完成情况 (the 上报版's), read from its cell by the reader
    urls: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # free text, kept as text notes of the evidence
    evidence_order: list[tuple[str, str]] = field(default_factory=list)  # (kind, value) as in the cell

    @property
    def evidence(self) -> set[tuple[str, str]]:
        return {("url", u) for u in self.urls} | {("file", p) for p in self.paths} | {(NOTE, n) for n in self.notes}


def read_line(texts: dict[str, str | None], link: str | None = None) -> LineValues:
    """`texts`: column key → cell text (None blank). Raises CellProblem for a value that
    cannot be read (an unknown status, a date that is not one)."""
    v = LineValues()
    raw = texts.get("status")
    if raw is not None and raw.strip():
        status = normalise_status(raw)
        if status not in STATUSES:
            raise CellProblem("status", f"未知的完成情况「{raw}」,可选:{'、'.join(STATUSES)}")
        v.status, v.status_raw = status, raw
    note = texts.get("note")
    if note is not None:
        lines = note.split("\n")
        if lines[0].startswith(REASON_PREFIX):
            v.reason = lines[0][len(REASON_PREFIX) :].strip() or None
            lines = lines[1:]
        v.note = "\n".join(lines).strip() or None
    for key in ("requirement", "office", "person"):
        text = texts.get(key)
        setattr(v, key, text.strip() if text is not None and text.strip() else None)
    narrative = texts.get("narrative")
    v.narrative = narrative.strip("\n") if narrative is not None and narrative.strip() else None
    done = texts.get("done_date")
    if done is not None and done.strip():
        iso = parse_date(done)
        if iso is None:
            raise CellProblem("done_date", f"完成时间「{done}」不是日期,请写作 {ACCEPTED}")
        v.done_date = iso
    cell = read_evidence_cell(texts.get("evidence"), link)
    v.urls, v.paths, v.notes, v.evidence_order = cell.urls, cell.paths, cell.notes, cell.ordered
    return v
