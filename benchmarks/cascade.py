"""Handing down and rolling up (issue #25): the unit's own 任务分工 of 200 items written as
the Word notice (≤ 1 s), and the roll-up of 50 sub-units × 200 items shown (≤ 300 ms): in a
Pilot session, from the key `R` to the app's first paint of the roll-up screen with its rows
(the rest of the 10,000 rows follow in batches; when the last is in is the reference). The
database is the synthetic one of 200 items:
every item assigned to 50 sub-units (roles spread), and each sub-unit's report of every item
stored as an import stores it."""

from __future__ import annotations

import asyncio
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


def results(tmp: Path, quick: bool, smoke: bool = False) -> list[Result]:
    from tui.issued.service import issue_breakdown
    from tui.store import Store

    items, subs = (10, 3) if smoke else (40, 10) if quick else (200, 50)
    folder = tmp / "cascade"
    folder.mkdir(exist_ok=True)
    db, _ = _prepared(folder, items, subs)
    with Store(db, readonly=True) as store:
        store.checklist(UNIT)  # the document read, as the app has it when a key is pressed
        start = time.perf_counter()
        issue_breakdown(store, UNIT, folder / "分工.docx")
        word = time.perf_counter() - start
    shown, whole, rows = asyncio.run(_rollup_shown(db, 2 if smoke else 5))
    shutil.rmtree(folder, ignore_errors=True)
    return [
        Result(f"印发 {items} 个条目的任务分工(Word)", word, "s", 1.0),
        Result(
            f"分解汇总:{subs} 个下级单位×{items} 个条目",
            sorted(shown)[len(shown) // 2],
            "ms",
            300,
            f"{rows} 行,全部载入 {sorted(whole)[len(whole) // 2]:.0f} ms",
        ),
    ]


async def _rollup_shown(db: Path, repeats: int) -> tuple[list[float], list[float], int]:
    """(ms to the first paint showing the roll-up's rows, ms until every row is in, rows) of
    `R` pressed `repeats` times (Esc between)."""
    from textual.widgets import DataTable

    from tui.app.rollup_screen import RollupScreen
    from tui.app.run import build_app

    app = build_app(db, UNIT, AS_OF)
    display = app._display
    first: list[float] = []

    def spy(screen, renderable) -> None:
        display(screen, renderable)
        if not first and isinstance(app.screen, RollupScreen):
            tables = app.screen.query(DataTable)
            if tables and tables.first().row_count:
                first.append(time.perf_counter())

    app._display = spy
    shown, whole, rows = [], [], 0
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for _ in range(repeats):
            first.clear()
            start = time.perf_counter()
            await pilot.press("R")
            while True:
                await asyncio.sleep(0.01)
                screen = app.screen
                if isinstance(screen, RollupScreen) and screen.lines is not None:
                    table = screen.query_one(DataTable)
                    if table.row_count >= len(screen.lines) and first:
                        break
            whole.append((time.perf_counter() - start) * 1000)
            shown.append((first[0] - start) * 1000)
            rows = table.row_count
            await pilot.press("escape")
            await pilot.pause()
    return shown, whole, rows
