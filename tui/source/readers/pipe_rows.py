"""The `|` text cut into what the table reader (pipes.py) reads: a row a line (`line_rows`) or one
long run of cells (`cell_rows`), the header found in a run (`header_in_run`) and its words' roles
(`header_roles`), and the refusal when there is none (`no_header`)."""

from __future__ import annotations

import re

from ..chars import BLANKS, fold, squeeze
from ..errors import ParseError
from ..numerals import chinese_to_int
from ..headers import REMARKS, header_problem, is_unread, role_of, second_task_as_requirement
from ..table import COOP, DEADLINE, LEAD, REQUIREMENT, RESP, TASK, UNIT_ROLES


def line_rows(lines: list[tuple[int, str]]) -> list[tuple[list[str], int] | tuple[str, int]]:
    """("row", cells) per line with a `|`, or the line itself (a heading, the preamble)."""
    out: list = []
    open_row = False  # the last line was a row that did not end with its `|`
    for no, raw in lines:
        text = raw.strip(BLANKS)
        if not text:
            continue
        if "|" not in text:
            out.append((text, no))
            open_row = False
            continue
        cells = [c.strip(BLANKS) for c in text.split("|")]
        if text.startswith("|"):
            cells = cells[1:]
        if text.endswith("|"):
            cells = cells[:-1]
        if open_row and text.startswith("|"):
            # `工作任务 | 具体要求` / `| 责任单位 |`: a row whose line broke before a `|` goes on here
            out[-1][0].extend(cells)
        else:
            out.append((cells, no))
        open_row = not text.endswith("|")
    return out


def cell_rows(lines: list[tuple[int, str]]) -> list:
    """The cell-a-line shape: the lines before the first cell as they are, then ("run", cells):
    one long run of cells (a cell's lines joined, with its first line number); rows are cut
    out of the run later, knowing the header."""
    nonblank = [(no, raw.strip(BLANKS)) for no, raw in lines if raw.strip(BLANKS)]
    first_bar = next((k for k, (_, text) in enumerate(nonblank) if text.endswith("|")), 0)
    start = first_bar - 1 if nonblank and nonblank[first_bar][1] == "|" else first_bar
    start = max(start, 0)
    out: list = [(text, no) for no, text in nonblank[:start]]
    run: list[tuple[str, int]] = []
    current: list[tuple[str, int]] = []
    for no, text in nonblank[start:]:
        if text == "|":
            run.extend(closed_cell(current))
            current = []
            continue
        if not text.endswith("|"):
            current.append((text, no))
            continue
        # `cell |` on one line; `责任单位 | ||`, `a | b |`: more cells, empty ones left out
        parts = [part.strip(BLANKS) for part in text.split("|")][:-1]
        current.append((parts[0], no))
        run.extend(closed_cell(current))  # `||` alone: an empty row (a header's second row), no cell
        current = []
        run.extend((part, no) for part in parts[1:] if part)
    run.extend(closed_cell(current))
    out.append(("run", run))
    return out


def closed_cell(current: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The cell a run of lines makes (its lines joined, at its first line). Lines of the page
    before a header word (a notice between the page's metadata rows and the table, then
    `工作任务 |`) are lines of their own, never part of the header's first cell."""
    current = [(text, no) for text, no in current if text]
    if not current:
        return []
    last = current[-1][0]
    if len(current) > 1 and (role_of(last) or is_unread(last)) and not any(role_of(t) for t, _ in current[:-1]):
        return current
    return [("\n".join(text for text, _ in current), current[0][1])]


def header_in_run(run: list[tuple[str, int]]) -> tuple[int, int]:
    """Where the header stands in a run of cells, and how many cells it has: the first place
    where two or more header words follow each other and make a usable header (metadata cells
    of the page, `索引号 | … | 文号 | …`, may come first). (0, 0) when there is none."""
    for k in range(len(run)):
        n = 0
        while k + n < len(run) and (
            role_of(run[k + n][0]) or is_unread(run[k + n][0]) or run[k + n][0] in GROUPING_WORDS
        ):
            n += 1
        if n >= 2:
            roles = header_roles([c for c, _ in run[k : k + n]])
            if header_problem([r for r in roles if r and r != GROUPING]) is None:
                return k, n
    return 0, 0


def no_header(candidates: list[tuple[list[str], int]]) -> ParseError:
    """The refusal when no header is found: at the line that looks most like one (two cells or
    more naming a column, one of them units), saying what it lacks and which of its words no reader
    knows (`項目?jī)?容`: a word a mirror damaged); else at the table's first line."""
    best: tuple[int, list[str], int] | None = None
    for cells, no in candidates:
        cells = [c for c in cells if c]
        known = [c for c in cells if role_of(c) or is_unread(c)]
        if len(known) >= 2 and any(role_of(c) in UNIT_ROLES for c in cells) and (best is None or len(known) > best[0]):
            best = (len(known), cells, no)
    if best is None:
        return ParseError(candidates[0][1] if candidates else 1, "复制自网页的表格(「|」分隔)中找不到表头")
    _, cells, no = best
    roles = header_roles(cells)
    problem = header_problem([r for r in roles if r and r != GROUPING]) or "表头不完整"
    unknown = [c for c, r in zip(cells, roles) if not r and not is_unread(c)]
    said = f";「{'」「'.join(unknown)}」不是能识别的栏目名称(文字可能有误)" if unknown else ""
    return ParseError(no, f"这一行像是表格的表头,但{problem}{said}", " | ".join(cells))


def header_roles(words: list[str]) -> list[str]:
    """Each header word's role; a second task-like column (`重点任务 | 工作内容`) is the
    requirement; 备注 and the other columns headers.UNREAD_WORDS names, and words no reader knows, are
    no role ("") and their cells are left unread.
    `工作任务 | 贯彻举措 | 工作要求`: two requirement-like columns after the task column, as in the
    city's 2021 breakdown copied by a department: the 工作任务 column holds only the headings
    (一、/(三)…, see GROUPING), the first requirement column is the task."""
    named = [GROUPING if squeeze(word) in GROUPING_WORDS else role_of(word) or "" for word in words]
    levels = [chinese_to_int(m.group(1)) if (m := _LEVEL.fullmatch(fold(squeeze(w)))) else 0 for w in words]
    if TASK not in named and sum(1 for v in levels if v) >= 2 and not any(named[k] for k, v in enumerate(levels) if v):
        # `一级要点 | 二级要点`: levels of one hierarchy of tasks; the deepest is the task, the ones above it hold
        # its headings (`(一)…`), and a requirement-like column before them holds the top headings
        # (`工作要求`: `一、…`). A cell there that is no heading is refused at its row (GROUPING).
        deepest = levels.index(max(levels))
        named = [
            TASK if k == deepest else GROUPING if v or (k < deepest and r == REQUIREMENT) else r
            for k, (r, v) in enumerate(zip(named, levels))
        ]
    roles = [role or "" for role in second_task_as_requirement(list(named))]
    if TASK in roles and roles.count(REQUIREMENT) == 2:
        first = roles.index(REQUIREMENT)
        if first > roles.index(TASK):
            roles[roles.index(TASK)] = GROUPING
            roles[first] = TASK
        elif roles.index(REQUIREMENT, first + 1) > roles.index(TASK):
            roles[first] = GROUPING  # `工作要求 | 工作任务 | 具体要求`: the first holds the 一、 headings
    for k in range(len(roles) - 2):
        if roles[k : k + 3] == [RESP, LEAD, COOP] and roles.count(RESP) == 1:
            # `责任单位 | 牵头单位 | 配合单位`: a header in two rows, 责任单位 written over the two role
            # columns under it (嘉兴 2019): the group's name, no column of its own
            roles[k] = GROUPING
    if words and DEADLINE not in roles and fold(squeeze(words[-1])) == REMARKS and TASK in roles:
        # `… | 责任单位 | 完成情况 | 备注`, no 时限 column: the 备注 at the end is where such a table
        # writes when (`11月底前完成`); read as the 时限 column (said by the caller)
        roles[-1] = DEADLINE
    return roles


# A header word naming a level of a hierarchy of tasks: `一级要点`, `二级要点` (`三级指标`).
_LEVEL = re.compile(r"([一二三四五六])级(?:要点|任务|指标|事项|内容)")
# A column that holds only the 一、/(一) headings of the rows beside it; any other text there
# cannot be placed (the row is refused naming its line). It is stored as a column of no role.
GROUPING = "分组"
GROUPING_WORDS = ("领域", "类别", "工作类别", "重点领域", "板块", "任务类别")
