"""Row ids by the levels a document has: `1.2.3` under 一、(二), `4.1` in a section without
subsections, `1` in a document without headings; an item's id is its row's id, `-` and its
label (`4.1-1`).

Rows stand under a subsection id `S.s`, with `0` for a level the document does not have at
that place: `S.0` in a section without (or before its) subsections, `0.0` before any section,
`0.s` under the implicit section of a table of only (一) headings. The structure keeps those
placeholders (the outline and the workbook group rows by them), but no id a person reads or
types carries them. Ids made before this rule (`4.0.1`, `0.0.1-1`) are read as the id they
became: a section or subsection numbered 0 never exists, so the old form cannot mean anything
else.
"""

from __future__ import annotations

PLACEHOLDER = "0"


def row_id(subsection_id: str, n: int) -> str:
    """The id of the n-th row under `subsection_id` (placeholder levels left out)."""
    return ".".join([p for p in subsection_id.split(".") if p != PLACEHOLDER] + [str(n)])


def current_id(text: str) -> str:
    """A row or item id as it is now: one written with a placeholder level (`1.0.1-1`, the
    form before version 5 of the database) becomes `1.1-1`; any other text is returned as is."""
    row, dash, label = text.partition("-")
    parts = row.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or PLACEHOLDER not in parts[:2]:
        return text
    return row_id(".".join(parts[:2]), int(parts[2])) + dash + label
