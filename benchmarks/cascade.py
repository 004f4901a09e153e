"""Handing down and rolling up (issue #25): the unit's own 任务分工 of 200 items written as
the Word notice (≤ 1 s), and the roll-up of 50 sub-units × 200 items read and laid out as the
app's `R` screen lays its rows out, with each sub-unit's score (≤ 300 ms). The database is the synthetic one of 200 items:
every item assigned to 50 sub-units (roles spread), and each sub-unit's report of every item
stored as an import stores it."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

from .measure import Result
from .synthetic import make_database

UNIT = "渝中区"
AS_OF = dt.date(2026, 7, 1)  # the scores of the roll-up's 得分 column, as of a fixed day


def _prepared(tmp: Path, items: int, subs: int) -> tuple[Path, list[str]]:
    from tui.store import Store

    db = make_database(tmp / "cascade.sqlite", seed=7, items=items)
    names = [f"下级单位{n:02d}局" for n in range(1, subs + 1)]
    with Store(db) as store:
        ids = [e.id for e in store.checklist(UNIT)][:items]
        for n, name in enumerate(names):
            store.assign(UNIT, ids, [name], ("牵头", "责任", "配合")[n % 3], "按季度报送进展")
        for name in names:
            reports = [
                {
                    "item_id": i,
                    "step": 0,
                    "status": "已完成" if k % 2 else "推进中",
                    "done_date": None,
                    "narrative": "已在政府网站公开并按季度更新。",
                    "evidence": ["https://www.example.gov.cn/a.html"],
                }
                for k, i in enumerate(ids)
            ]
            store.save_sub_reports(UNIT, name, reports, f"{name}.xlsx", "0" * 64, "2026-06-30T09:00:00")
    return db, ids


def results(tmp: Path, quick: bool) -> list[Result]:
    from tui.app.rollup_screen import cells
    from tui.issued.supervision import tally
    from tui.issued.supervision_service import supervised_lines
    from tui.issued.service import issue_breakdown
    from tui.store import Store

    items, subs = (40, 10) if quick else (200, 50)
    folder = tmp / "cascade"
    folder.mkdir(exist_ok=True)
    db, _ = _prepared(folder, items, subs)
    with Store(db, readonly=True) as store:
        store.checklist(UNIT)  # the document read, as the app has it when a key is pressed
        start = time.perf_counter()
        issue_breakdown(store, UNIT, folder / "分工.docx")
        word = time.perf_counter() - start
        times = []
        for _ in range(5):
            start = time.perf_counter()
            lines = supervised_lines(store, UNIT)
            scores = {t.sub_unit: t.score for t in tally(lines, AS_OF)}
            rows = [cells(x, scores[x["sub_unit"]]) for x in lines]
            times.append(time.perf_counter() - start)
    shutil.rmtree(folder, ignore_errors=True)
    times.sort()
    return [
        Result(f"印发 {items} 个条目的任务分工(Word)", word, "s", 1.0),
        Result(
            f"分解汇总:{subs} 个下级单位×{items} 个条目", times[len(times) // 2] * 1000, "ms", 300, f"{len(rows)} 行"
        ),
    ]
