"""The lines of a 任务清单 sheet as a person left them, and what they added that an import
cannot take.

Only rows holding a value are read: LibreOffice ends a sheet with an empty row 1048576
once a row is deleted, and a styled empty cell says nothing (the `ooxml.py` gate counts
rows the same way). Items are found by their 编号 wherever their rows now are, so rows
deleted, inserted, moved or sorted are no concern of this module; what it adds is the
list of what a person wrote where no item is — never dropped without a word:

- a row without 编号 whose 序号 follows the step layout (`3.1`, `3.2`: a step of the item numbered 3,
  wherever sorting put it), which step_import.py takes; what it cannot take is listed;
- any other row without 编号 (a heading row `一、…`/`（一）…` of the form excepted);
- text in a column the export did not write (an inserted column, or one without a header).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十百]+[)）])")
STEP_SEQ = re.compile(r"^\s*(\d+)\s*[.．]\s*(\d+)\s*$")
MAX_LISTED = 50  # leftovers listed per file; the rest are counted
_SHOWN_CHARS = 40


# row number → column → cell, rows holding a value, in sheet order (a merged cell holds none:
# only the top-left one of a merged range, a Cell, is there)
Rows = dict[int, dict[int, "Cell"]]


def content_rows(ws) -> Rows:
    """Every row of the sheet that holds a value, its cells by column: the cells openpyxl
    made, never a range of positions (a sheet may end at row 1048576)."""
    by_row: dict[int, dict[int, Cell]] = {}
    for (r, c), cell in ws._cells.items():  # noqa: SLF001 - the cells that exist, not a range of positions
        if cell.value is not None:
            by_row.setdefault(r, {})[c] = cell
    return {r: dict(sorted(cells.items())) for r, cells in sorted(by_row.items())}


def rows_from(rows: Rows, first: int, last: int | None = None) -> list[tuple[int, dict[int, Cell]]]:
    return [(r, cells) for r, cells in rows.items() if r >= first and (last is None or r <= last)]


def shown(value: object) -> str | None:
    """A cell's value as a person sees it, in one line (for a listing, not for import)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, (dt.date, dt.datetime)):
        text = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = " / ".join(part.strip() for part in text.replace("\r", "\n").split("\n") if part.strip())
    return text or None


def quoted(text: str) -> str:
    return f"「{text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + '…'}」"


def is_heading(texts: list[str]) -> bool:
    """A heading row of the form (`一、…`, `（一）…`, one text across the row)."""
    return len(set(texts)) == 1 and bool(HEADING.match(texts[0]))


def step_of(seq: str | None, item_seq: str | None) -> bool:
    """Whether a row's 序号 (`3.1`) makes it a step of the item above, whose 序号 is `3`."""
    m = STEP_SEQ.match(seq or "")
    return bool(m and item_seq is not None and m.group(1) == item_seq.strip())


@dataclass
class Leftover:
    """What a person wrote where the import takes nothing: a row without 编号 (`step` when it
    follows the step layout), or the cells of an inserted column with text (`column`)."""

    kind: str  # "step", "row" or "column"
    line: int  # the sheet row (a column: its first cell's)
    texts: list[tuple[str, str]]  # (address, text)
    header: str | None = None  # a column's header (None: it has none)
    item_seq: str | None = None  # a step: the 序号 of its item
    item_id: str | None = None  # a step: its item's 编号 (what a store that takes steps needs)
    number: int | None = None  # a step row: its number (`3.2` → 2), when its 序号 says it
    cells: dict[str, str] | None = None  # a step row: column key → text

    def message(self) -> str:
        cells = "、".join(f"{address} {quoted(text)}" for address, text in self.texts[:5])
        more = f" 等 {len(self.texts)} 处" if len(self.texts) > 5 else ""
        if self.kind == "step":
            return (
                f"第 {self.line} 行:细化步骤(尚不能导入),第 {self.item_seq} 项的步骤:{cells}{more}"
                ";系统支持细化步骤后再导入,或在系统中添加"
            )
        if self.kind == "row":
            return f"第 {self.line} 行:没有编号(导出后插入的行?),未导入:{cells}{more}"
        letter = re.sub(r"\d+", "", self.texts[0][0])
        name = f"「{self.header}」列({letter} 列)" if self.header else f"{letter} 列(没有表头)"
        return f"{name}不是导出的列(插入的列?),其中 {len(self.texts)} 个单元格的内容未导入:{cells}{more}"


def leftover_lines(file_name: str, sheet: str, leftovers: list[Leftover]) -> list[str]:
    """One line a leftover (at most MAX_LISTED, then how many more), naming file and sheet."""
    ordered = sorted(leftovers, key=lambda x: (x.kind == "column", x.line))
    out = [f"{file_name} 工作表「{sheet}」 {x.message()}" for x in ordered[:MAX_LISTED]]
    if len(ordered) > MAX_LISTED:
        out.append(f"{file_name} 工作表「{sheet}」:另有 {len(ordered) - MAX_LISTED} 处未导入的内容未列出")
    return out
