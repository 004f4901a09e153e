"""What the roll-up screen shows above and below its rows (issue #25's budget: 50 sub-units ×
200 items shown in ≤ 300 ms): how many lines, who has not reported, who is chased for what and
every sub-unit's score — from one SQL aggregate (store/rollup_counts.py), without reading the
10,000 lines first. The same as supervision.py's `tally` and `to_chase` over
supervision_service.supervised_lines (tests/issued/test_rollup_summary.py holds them equal),
and without the workbook layer: the first `R` imports no openpyxl (nor reads the document)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..store import Store
from .supervision import CHASE_DAYS, NEAR, NOT_REPORTED, OVERDUE, Tally, day_of, summary_of


@dataclass
class RollupSummary:
    lines: int  # assignments in the roll-up
    tallies: list[Tally]  # every sub-unit's, in the order they first appear
    chased: list[tuple[str, dict[str, int]]]  # who is chased for what, in the order to_chase names them

    @property
    def missing(self) -> list[str]:
        """The sub-units with a line 未报送, by name."""
        return sorted(t.sub_unit for t in self.tallies if t.not_reported)

    @property
    def scores(self) -> dict[str, int]:
        return {t.sub_unit: t.score for t in self.tallies}

    def chase_summary(self) -> str:
        """supervision.chase_summary's sentence."""
        return summary_of(self.chased)


def rollup_summary(store: Store, unit: str, as_of: dt.date, days: int = CHASE_DAYS) -> RollupSummary:
    """The unit's roll-up counted on `as_of` (临近时限: due within `days` days)."""
    try:
        near_until = as_of + dt.timedelta(days=days)
    except OverflowError:
        near_until = dt.date.max if days > 0 else dt.date.min
    counts = store.rollup_counts(unit, day_of, as_of, near_until)
    tallies = [
        Tally(
            c.sub_unit,
            c.assigned,
            c.on_time,
            c.late,
            c.in_progress,
            c.overdue,
            c.not_reported,
            c.no_evidence,
            c.not_applicable,
        )
        for c in counts
    ]
    chased = [
        (c.sub_unit, {NOT_REPORTED: c.not_reported, OVERDUE: c.overdue, NEAR: c.near})
        for c in sorted((c for c in counts if c.first_chased is not None), key=lambda c: c.first_chased or 0)
    ]
    return RollupSummary(sum(c.assigned for c in counts), tallies, chased)
