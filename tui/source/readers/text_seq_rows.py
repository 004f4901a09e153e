"""A flattened table (one cell a block, blank lines between) whose header has a column left
unread (进展情况, 主要问题, 备注: headers.UNREAD_WORDS) beside the task text or after the units.
What such a column holds cannot be told from the task text or a remark by what it says, so the
block reader's placing by content (text.py) does not apply. The table is read only when every
row begins with its 序号, 1, 2, 3 … in order, and prints every cell: the blocks between one 序号
and the next are the row's cells, column by column, and each unit column must hold units.

A row with more blocks than columns is read where its unit column names several units, each followed
by its own cell of the unread column after it (`市农业农村局` / its 完成情况 / `市人社局` / its 完成情况):
the units are the column's, the reports one cell, and a warning names the line; or where the extra blocks
are titles at the task column (a 重点任务 cell merged over sub-rows printed as its group, then the sub-row's own task:
`三大攻坚战信息公开` / `污染防治信息公开`): all are the task's, and a warning names the line. Any
other row is refused naming its line.

A table without 序号 whose header is the task, then one unit column, then only columns of text
(`目标任务 / 牵头单位 / 进展情况 / 下步举措`) is cut at its units instead: each row is a block that is no
unit followed by blocks that are (the task, then its units), the blocks after them the row's other
cells, the last column taking what remains; said in a warning at the header. Any other table without
序号 is refused naming the header."""

from __future__ import annotations

from collections.abc import Callable

from ..chars import PERIOD, SEMI
from ..errors import ParseError
from ..headings import heading_of
from ..table import DEADLINE, SEQ, TASK, UNIT_ROLES, Cell, Column, GridRow, Heading, Note, Origin
from ..unitcells import classify_cell
from .page import is_page_residue

Block = list[tuple[int, str]]  # the lines of one cell: (line number, text)
_TITLE_LONGEST = 30


def blocks_of(body: list[tuple[int, str]]) -> list[Block]:
    """The body's runs of non-blank lines: one cell each."""
    out: list[Block] = []
    current: Block = []
    for no, text in body + [(0, "")]:
        if text:
            current.append((no, text))
        elif current:
            out.append(current)
            current = []
    return out


def _number(block: Block) -> int | None:
    text = block[0][1].rstrip(".．、") if len(block) == 1 else ""
    return int(text) if text.isdigit() and len(text) <= 3 else None


def _is_title(block: Block) -> bool:
    text = _text(block)
    return len(text) <= _TITLE_LONGEST and not any(c in text for c in PERIOD + SEMI + "，,")


def _text(block: Block) -> str:
    return "".join(t for _, t in block)


def read_seq_rows(
    body: list[tuple[int, str]], columns: list[Column], header_line: int, repair: Callable[[int, str], str]
) -> tuple[list[GridRow | Heading], list[Note]]:
    """The table's rows and headings, and the notes said on the way. `repair` mends a task
    paragraph's extraction damage (text.py's, which records it)."""
    roles = [c.role for c in columns]
    unread = "」「".join(c.header for c in columns if not c.role)
    if roles[0] != SEQ and (cut := rows_at_their_units(body, columns, header_line)) is not None:
        return cut
    if roles[0] != SEQ:
        raise ParseError(
            header_line,
            f"表头中有不读的栏目「{unread}」,纯文本中它的内容与其他栏分不清:"
            "只有每行以序号开头、每格一段时才能按栏读取;请用原件(.docx/.xlsx/.html)",
            unread,
        )
    blocks = blocks_of(body)
    while blocks and all(is_page_residue(t) for _, t in blocks[-1]):
        blocks.pop()  # the page's footer after the table
    words = [c.header for c in columns]
    body_out: list[GridRow | Heading] = []
    notes: list[Note] = []
    row: list[Block] | None = None
    numbered: list[int] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if [_text(b) for b in blocks[i : i + len(words)]] == words:
            i += len(words)  # the header repeated at a page top
            continue
        i += 1
        want = (0 if not numbered else numbered[-1]) + 1
        if _number(block) == want:
            if row is not None:
                body_out.append(_row(row, columns, repair, notes))
            row = [block]
            numbered.append(want)
            continue
        heading = len(block) == 1 and heading_of(block[0][1])
        if heading and (row is None or len(row) >= len(columns)):
            if row is not None:
                body_out.append(_row(row, columns, repair, notes))
                row = None
            body_out.append(Heading(block[0][1], Origin(line=block[0][0])))
            continue
        if row is None:
            raise ParseError(
                block[0][0],
                f"表头之后每行应以序号 {want} 开头(表头中有不读的栏目「{unread}」,只能按序号分行)",
                _text(block)[:40],
            )
        row.append(block)
    if row is not None:
        body_out.append(_row(row, columns, repair, notes))
    return body_out, notes


def _row(blocks: list[Block], columns: list[Column], repair: Callable[[int, str], str], notes: list[Note]) -> GridRow:
    seq, cells = blocks[0], blocks[1:]
    line = seq[0][0]
    want = len(columns) - 1
    task = [c.role for c in columns[1:]].index(TASK)
    extra = len(cells) - want
    if extra < 0:
        raise ParseError(
            line,
            f"序号 {seq[0][1]} 这一行只有 {len(cells) + 1} 格,表头有 {len(columns)} 栏:"
            "分不清哪一栏为空;请在空栏处写「/」",
            seq[0][1],
        )
    if extra and (split := _units_each_reported(cells, columns, extra)) is not None:
        cells, second = split
        notes.append(
            Note(
                Origin(line=second),
                "units_each_reported",
                f"序号 {seq[0][1]} 这一行比表头多 {extra} 格:单位与其「{_unread_after_units(columns)}」交替写出,"
                "各单位都作为同一栏读取,各段情况合为一格",
                "warning",
            )
        )
        extra = 0
    if extra and not all(_is_title(b) for b in cells[task : task + extra + 1]):
        at = cells[task + 1]
        raise ParseError(
            at[0][0],
            f"序号 {seq[0][1]} 这一行有 {len(cells) + 1} 格,比表头的 {len(columns)} 栏多:"
            "分不清多出的一段属于哪一栏;请用原件(.docx/.xlsx/.html)",
            _text(at)[:40],
        )
    grouped = cells[:task] + [[ln for b in cells[task : task + extra + 1] for ln in b]] + cells[task + extra + 1 :]
    if extra:
        lines = "、".join(str(b[0][0]) for b in cells[task : task + extra + 1])
        notes.append(
            Note(
                Origin(line=cells[task][0][0]),
                "task_titles_joined",
                f"序号 {seq[0][1]} 这一行比表头多 {extra} 格:第 {lines} 行都是标题,都作为「{columns[task + 1].header}」读取",
                "warning",
            )
        )
    out: list[Cell | None] = [Cell([seq[0][1].rstrip(".．、")], Origin(line=line))]
    for column, block in zip(columns[1:], grouped):
        text = _text(block)
        if column.role in UNIT_ROLES and classify_cell(text) not in ("units", "empty"):
            raise ParseError(
                block[0][0],
                f"序号 {seq[0][1]} 这一行的「{column.header}」栏不是单位名称:各格与表头的栏目对不上",
                text[:40],
            )
        if column.role in UNIT_ROLES and classify_cell(text) == "empty":
            out.append(None)
            continue
        paragraphs = [repair(no, t) for no, t in block] if column.role == TASK else [t for _, t in block]
        out.append(Cell(paragraphs, Origin(line=block[0][0]), [Origin(line=no) for no, _ in block]))
    return GridRow(out, [True] * len(out), Origin(line=line))


def _unread_after_units(columns: list[Column]) -> str:
    return next(
        (columns[k + 1].header for k, c in enumerate(columns[:-1]) if c.role in UNIT_ROLES and not columns[k + 1].role),
        "",
    )


def _units_each_reported(cells: list[Block], columns: list[Column], extra: int) -> tuple[list[Block], int] | None:
    """The row's cells with `unit, report, unit, report` (a unit column followed by an unread one, the
    extra blocks in pairs) folded into one unit cell and one report cell, and the line where it starts;
    None for any other shape."""
    roles = [c.role for c in columns[1:]]
    at = next((k for k in range(len(roles) - 1) if roles[k] in UNIT_ROLES and not roles[k + 1]), None)
    if at is None or extra % 2:
        return None
    pairs = cells[at : at + 2 + extra]
    units, reports = pairs[0::2], pairs[1::2]
    if len(units) < 2 or any(classify_cell(_text(b)) != "units" for b in units):
        return None
    if any(classify_cell(_text(b)) == "units" for b in reports):
        return None
    unit_cell = [ln for b in units for ln in b]
    report_cell = [ln for b in reports for ln in b]
    return cells[:at] + [unit_cell, report_cell] + cells[at + 2 + extra :], units[1][0][0]


def rows_at_their_units(
    body: list[tuple[int, str]], columns: list[Column], header_line: int
) -> tuple[list[GridRow | Heading], list[Note]] | None:
    """A table without 序号 read by its units (see the module's note), or None when its header or its
    blocks have another shape."""
    roles = [c.role for c in columns]
    units = [k for k, r in enumerate(roles) if r in UNIT_ROLES]
    if roles[0] != TASK or units != [1] or any(r in (SEQ, TASK, DEADLINE) for r in roles[2:]):
        return None
    blocks = blocks_of(body)
    while blocks and all(is_page_residue(t) for _, t in blocks[-1]):
        blocks.pop()
    is_units = [classify_cell(_text(b)) == "units" for b in blocks]
    starts = [k for k in range(len(blocks) - 1) if not is_units[k] and is_units[k + 1]]
    if not starts or starts[0] != 0:
        return None
    rows: list[GridRow | Heading] = []
    for s, e in zip(starts, starts[1:] + [len(blocks)]):
        u = s + 1
        while u < e and is_units[u]:
            u += 1
        rest = blocks[u:e]
        cells: list[Block | None] = [blocks[s], [ln for b in blocks[s + 1 : u] for ln in b]]
        after = len(columns) - 2
        cells += [rest[k] if k < len(rest) else None for k in range(after - 1)]
        if after:
            cells.append([ln for b in rest[after - 1 :] for ln in b] or None)
        out = [
            Cell([t for _, t in b], Origin(line=b[0][0]), [Origin(line=no) for no, _ in b]) if b else None
            for b in cells
        ]
        rows.append(GridRow(out, [True] * len(out), Origin(line=blocks[s][0][0])))
    unread = "」「".join(c.header for c in columns if not c.role)
    note = Note(
        Origin(line=header_line),
        "rows_at_units",
        f"表头中有不读的栏目「{unread}」且各行没有序号:按「{columns[1].header}」栏分行"
        "(单位之前的一段为任务,之后各段依次为其余各栏),请核对",
        "warning",
    )
    return rows, [note]
