"""Small helpers shared by the benchmarks: timing, statistics, the result table."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from tui.textwidth import fit


@dataclass
class Result:
    name: str
    value: float  # what the budget judges (a ratio, or ms, or MB)
    unit: str  # "×", "ms", "MB", "s"
    budget: float
    detail: str = ""  # absolute times, for reference only
    skipped: str = ""  # why it could not be measured here
    reference: bool = False  # printed for comparison only, no budget

    @property
    def verdict(self) -> str:
        if self.reference:
            return "ref"
        if self.skipped:
            return "SKIP"
        return "ok" if self.value <= self.budget else "MISS"


def median(values: list[float]) -> float:
    return statistics.median(values)


def table(results: list[Result]) -> str:
    lines = [f"{fit('budget', 46)} {'measured':>10} {'limit':>8}  verdict  reference"]
    for r in results:
        measured = "-" if r.skipped else f"{r.value:.2f}{r.unit}"
        limit = "-" if r.reference else f"{r.budget:g}{r.unit}"
        note = r.skipped or r.detail
        lines.append(f"{fit(r.name, 46)} {measured:>10} {limit:>8}  {r.verdict:<7}  {note}")
    return "\n".join(lines)
