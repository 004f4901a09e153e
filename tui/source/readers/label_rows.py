"""One task printed as labelled rows copied from a web page, each `label: | value |`: `重点工作: | X |`,
`牵头单位: | Y |`, `年度阶段性工作目标: | … |`, `进展落实情况: | … |` (a city's page for each of its key
tasks). No header names columns: the labels name the fields. When every `|` line of the text is such a
row, exactly one label names the task (headers.role_of: 重点工作, 工作任务 …) and one names units, the
rows are the prose they stand for: the task as item 1, each other row as its `label:value` line, for
the prose reader (prose.py) to read; a field it does not read (the quarterly targets, the progress) is
said there as text not read. Any other `|` text is left to the table readers' refusal.
"""

from __future__ import annotations

import re

from ..headers import LABEL_QUALIFIER, role_of
from ..table import TASK, UNIT_ROLES, Origin

_LABEL = re.compile(r"([\u4e00-\u9fff]{2,12})" + LABEL_QUALIFIER + r"\s*[:：]")


def _label_row(text: str) -> tuple[str, str] | None:
    """`重点工作: | X |` → (重点工作, X): a label cell, one value cell, nothing after (split, no backtracking)."""
    parts = text.split("|")
    if len(parts) not in (2, 3) or (len(parts) == 3 and parts[2].strip()):
        return None
    m = _LABEL.fullmatch(parts[0].strip())
    return (m.group(1), parts[1].strip()) if m else None


def label_rows_as_prose(lines: list[tuple[int, str]]) -> list[tuple[str, Origin]] | None:
    """The text's lines with its label rows written as the task and its label lines, or None."""
    piped = [(no, s) for no, s in lines if "|" in s]
    rows = [row for _, s in piped if (row := _label_row(s))]
    if not rows or len(rows) != len(piped):
        return None
    roles = [role_of(label) for label, _ in rows]
    if roles.count(TASK) != 1 or not any(r in UNIT_ROLES for r in roles):
        return None
    out: list[tuple[str, Origin]] = []
    for no, text in lines:
        row = _label_row(text) if "|" in text else None
        if row is None:
            out.append((text, Origin(line=no)))
        elif role_of(row[0]) == TASK:
            out.append((f"1.{row[1]}", Origin(line=no)))
        else:
            out.append((f"{row[0]}:{row[1]}", Origin(line=no)))
    return out
