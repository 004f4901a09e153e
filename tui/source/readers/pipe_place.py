"""Which column each printed cell of a web-table row belongs to, known from what the cells hold.

A browser's copy of an HTML table prints a cell merged over several rows once, in its first row;
the later rows simply leave it out, wherever the column stands (`2 | 细化 | 疾控处 | 长期推进 |`
under `序号 | 工作任务 | 细化分工 | 责任处室 | 完成时限 | 备注`: 工作任务 is merged from row 1).
So a row's cells are placed in order, each in a column whose kind it fits (units in a unit
column, a deadline in the 时限 column, a bare number in 序号, text in 任务/要求), and a column
left out takes the cell above when there is one (merged), else is empty.

Every placement is scored; the cheapest wins. Two placements that cost the same but put a unit
or deadline cell in different columns are a real doubt: the row is refused naming its line
(never guessed). Between equal placements that differ only in which text column a text cell
goes to, the one whose merged columns stand further left wins (merges run down the grouping
columns on the left).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..table import DEADLINE, REQUIREMENT, SEQ, TASK, UNIT_ROLES

# kind of a cell → role → cost; a missing pair cannot be placed so.
_COST: dict[str, dict[str, float]] = {
    "seq": {SEQ: 0.0},
    "unit": {r: 0.0 for r in UNIT_ROLES},
    "deadline": {DEADLINE: 0.0, TASK: 2.0, REQUIREMENT: 1.5, "": 1.0},
    "text": {TASK: 0.0, REQUIREMENT: 0.0, DEADLINE: 1.0, "": 1.0},
    # a cell numbered next after the task above (`5.及时公开…` under `4.加强…`): a task of its own
    "next task": {TASK: 0.0},
    "empty": {},  # any column, cost 0 (an empty cell printed as such)
}
_MERGED, _EMPTY, _TRAILING_EMPTY = 0.3, 0.5, 0.1
_TIE = 0.005


@dataclass(frozen=True)
class Placement:
    columns: tuple[int, ...]  # the column of each cell, in order
    cost: float


class Doubt(Exception):
    """Two placements fit equally well and disagree on where a unit or deadline goes."""


def _cell_cost(kind: str, role: str) -> float | None:
    if kind == "empty":
        return 0.0
    return _COST[kind].get(role)


def place(kinds: list[str], roles: list[str], above: list[bool]) -> Placement | None:
    """The cheapest placement of cells of `kinds` into columns of `roles`; `above[j]`: the row
    above has a cell in column j (so a column left out is merged, not empty). None when the
    cells cannot be placed at all; `Doubt` when two placements tie and disagree."""
    n, m = len(kinds), len(roles)
    if n > m:
        return None
    found: list[Placement] = []

    def gap_cost(j: int, last: int) -> float:
        if above[j]:
            return _MERGED + 0.01 * j
        return _TRAILING_EMPTY if j > last else _EMPTY

    def walk(i: int, start: int, chosen: list[int], cost: float) -> None:
        if i == n:
            last = chosen[-1] if chosen else -1
            used = set(chosen)
            total = cost + sum(gap_cost(j, last) for j in range(m) if j not in used)
            found.append(Placement(tuple(chosen), total))
            return
        for j in range(start, m - (n - i) + 1):
            c = _cell_cost(kinds[i], roles[j])
            if c is None:
                continue
            chosen.append(j)
            walk(i + 1, j + 1, chosen, cost + c)
            chosen.pop()

    walk(0, 0, [], 0.0)
    if not found:
        return None
    found.sort(key=lambda p: p.cost)
    best = found[0]
    ties = [p for p in found if p.cost - best.cost < _TIE]
    if len(ties) > 1:

        def firm(p: Placement) -> tuple:
            return tuple((i, p.columns[i]) for i, k in enumerate(kinds) if k in ("unit", "deadline", "seq"))

        if len({firm(p) for p in ties}) > 1:
            raise Doubt()
        # the same units and deadline: the merges further left win
        best = min(ties, key=lambda p: tuple(-j for j in p.columns))
    return best
