"""督查督办 offline (issue #25 item 5), pure: from the roll-up lines (store/sub_reports.rollup,
each with the date it is due, `due`, added by supervision_rows.py) and the as-of date, which
sub-units to chase and for what (催办), and each sub-unit's counts and score (情况通报, 考评).

A line is one assignment (item or 细化 step, sub-unit, role). Its state on the as-of date:
- 未报送: the sub-unit sent no report of it (chased whatever its 时限);
- 已逾期: reported, not 已完成 (nor 不适用), and due before the as-of date;
- 临近时限: reported, not 已完成, due within `days` days from the as-of date (that day included);
- otherwise not chased. A 时限 in words (长期坚持, 每季度) is never near nor past.
A 已完成 line is 按时完成 when done on or before its due date (or it has none), else 逾期完成;
缺佐证 when it came with no evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

DONE, NOT_APPLICABLE = "已完成", "不适用"
NOT_REPORTED, OVERDUE, NEAR = "未报送", "已逾期", "临近时限"
CHASE_DAYS = 7  # 临近时限: due within this many days of the as-of date

# The published rule (考评): printed beside every score, in the files and on screen.
PENALTY = {"overdue": 10, "not_reported": 10, "late": 5, "no_evidence": 3}
SCORE_RULE = (
    "得分 = 100 − 10×已逾期 − 10×未报送 − 5×逾期完成 − 3×缺佐证(按事项计,最低 0 分);"
    "已逾期:已过完成时限仍未完成;逾期完成:完成日期晚于完成时限;缺佐证:已完成但未报送佐证材料"
)


@lru_cache(maxsize=4096)  # a few dates stand on thousands of lines
def day_of(value: str | None) -> dt.date | None:
    """The date written (ISO), or None: nothing, a 时限 in words, an impossible date."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def state(line: dict, as_of: dt.date, days: int = CHASE_DAYS) -> str | None:
    """未报送, 已逾期, 临近时限, or None (nothing to chase)."""
    if not line["reported"]:
        return NOT_REPORTED
    if line.get("status") in (DONE, NOT_APPLICABLE):
        return None
    due = day_of(line.get("due"))
    if due is None:
        return None
    if due < as_of:
        return OVERDUE
    if (due - as_of).days <= days:
        return NEAR
    return None


def to_chase(lines: list[dict], as_of: dt.date, days: int = CHASE_DAYS) -> list[dict]:
    """The lines to chase, each with its `state`, in the roll-up's order (by item)."""
    out = []
    for line in lines:
        s = state(line, as_of, days)
        if s is not None:
            out.append({**line, "state": s})
    return out


def chased_units(chased: list[dict]) -> list[str]:
    """The sub-units named in a 催办通知, in the order they first appear."""
    return list(dict.fromkeys(x["sub_unit"] for x in chased))


def chase_summary(chased: list[dict]) -> str:
    """`区财政局(未报送 1 项)、区发展改革委(已逾期 1 项、临近时限 2 项)`: who is chased for what."""
    per: dict[str, dict[str, int]] = {}
    for x in chased:
        counts = per.setdefault(x["sub_unit"], dict.fromkeys((NOT_REPORTED, OVERDUE, NEAR), 0))
        counts[x["state"]] += 1
    return summary_of(list(per.items()))


def summary_of(per: list[tuple[str, dict[str, int]]]) -> str:
    """chase_summary's sentence from each chased sub-unit's counts by state."""
    return "、".join(f"{unit}({'、'.join(f'{s} {n} 项' for s, n in counts.items() if n)})" for unit, counts in per)


@dataclass
class Tally:
    """One sub-unit's progress on the as-of date (the 情况通报's row)."""

    sub_unit: str
    assigned: int = 0
    on_time: int = 0  # 已完成, on or before its due date
    late: int = 0  # 已完成 after its due date
    in_progress: int = 0  # reported, not done, not yet due (推进中 or 未开始)
    overdue: int = 0  # reported, not done, past due
    not_reported: int = 0
    no_evidence: int = 0  # 已完成 without evidence
    not_applicable: int = 0

    @property
    def score(self) -> int:
        return score(self.overdue, self.not_reported, self.late, self.no_evidence)


def score(overdue: int, not_reported: int, late: int, no_evidence: int) -> int:
    """SCORE_RULE: 100 less the penalties, never below 0."""
    lost = (
        PENALTY["overdue"] * overdue
        + PENALTY["not_reported"] * not_reported
        + PENALTY["late"] * late
        + PENALTY["no_evidence"] * no_evidence
    )
    return max(0, 100 - lost)


def outcome(line: dict, as_of: dt.date) -> str:
    """What one line counts as in its sub-unit's tally: 未报送, 按时完成, 逾期完成, 不适用,
    已逾期 or 推进中 (reported, not done, not past due)."""
    if not line["reported"]:
        return NOT_REPORTED
    status = line.get("status")
    due = day_of(line.get("due"))
    if status == DONE:
        done = day_of(line.get("done_date"))
        return "逾期完成" if due is not None and done is not None and done > due else "按时完成"
    if status == NOT_APPLICABLE:
        return NOT_APPLICABLE
    return OVERDUE if due is not None and due < as_of else "推进中"


_FIELD = {
    NOT_REPORTED: "not_reported",
    "按时完成": "on_time",
    "逾期完成": "late",
    NOT_APPLICABLE: "not_applicable",
    OVERDUE: "overdue",
    "推进中": "in_progress",
}


def tally(lines: list[dict], as_of: dt.date) -> list[Tally]:
    """Every sub-unit's counts, in the order they first appear in the roll-up."""
    counts: dict[str, dict[str, int]] = {}
    for line in lines:
        c = counts.setdefault(line["sub_unit"], dict.fromkeys(("assigned", "no_evidence", *_FIELD.values()), 0))
        c["assigned"] += 1
        c[_FIELD[outcome(line, as_of)]] += 1
        if line["reported"] and line.get("status") == DONE and not line.get("evidence"):
            c["no_evidence"] += 1
    return [Tally(name, **c) for name, c in counts.items()]


# The 情况通报's columns (.docx table and .xlsx sheet), each with the Tally field it shows: the
# counts from 按时完成 to 不适用 add up to 分解事项; 缺佐证 counts some of the 已完成 again.
TALLY_COLUMNS = (
    ("单位", "sub_unit"),
    ("分解事项", "assigned"),
    ("按时完成", "on_time"),
    ("逾期完成", "late"),
    ("推进中", "in_progress"),
    ("已逾期", "overdue"),
    ("未报送", "not_reported"),
    ("不适用", "not_applicable"),
    ("缺佐证", "no_evidence"),
    ("得分", "score"),
)


def tally_row(t: Tally) -> list:
    return [getattr(t, name) for _, name in TALLY_COLUMNS]
