"""Plain data classes for a parsed 任务分工 document. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Repair:
    """One piece of extraction damage the importer repaired, kept for transparency."""

    line: int
    kind: str  # lost_dot | lost_date_chars | truncated_unit
    before: str
    after: str
    note: str = ""


@dataclass
class Item:
    id: str
    label: str  # "1", "0" (lead-in), "1.2" (sub-item 2 under item 1)
    text: str  # repaired text, without its numbering prefix
    line: int
    group: str | None = None  # heading text of the parent item for sub-items
    disclosure_paths: list[str] = field(default_factory=list)
    deadline: str | None = None  # ISO date
    relative_deadline: str | None = None


@dataclass
class Row:
    id: str
    section_id: str
    subsection_id: str
    lead_units: list[str]
    responsible_units: list[str]
    items: list[Item]
    first_line: int
    last_line: int
    path_note: str | None = None  # a row-level `(公开路径:…)` block
    cooperating_units: list[str] = field(default_factory=list)
    unit_notes: dict[str, str] = field(default_factory=dict)  # unit → `单位(说明)` note
    requirement: str | None = None  # the 工作要求 cell
    deadline_text: str | None = None  # the 完成时限 cell as written
    origin: str = ""  # where the row starts, as a message names it


@dataclass
class Subsection:
    id: str
    numeral: str
    title: str
    line: int


@dataclass
class Section:
    id: str
    numeral: str
    title: str
    line: int
    subsections: list[Subsection] = field(default_factory=list)


@dataclass
class Document:
    number: str | None  # the 文号; None for a document without one (known by title and year)
    title: str
    table_title: str
    issued: str | None
    sections: list[Section]
    rows: list[Row]
    repairs: list[Repair]
    issuer: str | None = None
    year: int | None = None
    notes: list = field(default_factory=list)  # table.Note: judgement calls and warnings
    columns: list[str] = field(default_factory=list)  # the header as written
    # Issued by a unit with `gongkai-tui issue` (upper_link.py): {"document", "unit", "items": {item id → upper ref}}
    upper: dict | None = None

    def units(self) -> list[str]:
        """Distinct unit names in first-seen order."""
        seen: dict[str, None] = {}
        for row in self.rows:
            for name in row.lead_units + row.responsible_units + row.cooperating_units:
                seen.setdefault(name, None)
        return list(seen)

    def items(self) -> list[Item]:
        return [item for row in self.rows for item in row.items]
