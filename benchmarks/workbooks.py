"""Workbook export and import against plain openpyxl writing or reading the same
cells without styling, in the same run."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

from tui.store import Store
from tui.workbook.layout import HEADERS


def _plain_write(rows: list[list[str]], path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(HEADERS))
    for r in rows:
        ws.append(r)
    wb.save(path)


def _plain_read(paths: list[Path]) -> int:
    from openpyxl import load_workbook

    n = 0
    for p in paths:
        wb = load_workbook(p)
        for row in wb.worksheets[0].iter_rows(values_only=True):
            n += sum(v is not None for v in row)
    return n


def export_vs_plain(db: Path, unit: str, tmp: Path) -> tuple[float, float, int]:
    """(seconds for our export, seconds for plain openpyxl with the same cells, lines)."""
    from tui.workbook.export import _row_values
    from tui.workbook.layout import COLUMNS
    from tui.workbook.service import export_checklist

    with Store(db, readonly=True) as store:
        start = time.perf_counter()
        path = export_checklist(store, unit, dt.date(2099, 6, 1), out=tmp / "ours.xlsx")
        ours = time.perf_counter() - start
        entries = store.checklist(unit)
        evidence = store.evidence_map(unit)
        start = time.perf_counter()
        rows = [
            [v for v in _row_values(i, e, evidence.get(e.id, []), e.section_title).values()]
            for i, e in enumerate(entries, 1)
        ]
        assert len(rows[0]) == len(COLUMNS)
        _plain_write(rows, tmp / "plain.xlsx")
        plain = time.perf_counter() - start
    assert path.exists()
    return ours, plain, len(entries)


def import_vs_plain(files: int, lines: int, tmp: Path, source_db: Path) -> tuple[float, float]:
    """Import `files` workbooks of `lines` lines each (one per unit) into a copy of the
    database; compare with openpyxl reading the same files."""
    from tui.workbook.service import export_checklist

    db = tmp / "import.sqlite"
    shutil.copyfile(source_db, db)
    paths = []
    with Store(db) as store:
        units = [u["name"] for u in store.units() if u["kind"] == "区县"] or [u["name"] for u in store.units()]
        for i in range(files):
            unit = units[i % len(units)]
            entries = store.checklist(unit)[:lines]
            store.set_status(unit, [e.id for e in entries[: lines // 2]], "推进中")
            p = export_checklist(
                store,
                unit,
                dt.date(2099, 6, 1),
                out=tmp / f"in-{i:03d}.xlsx",
                now=dt.datetime(2099, 1, 1) + dt.timedelta(minutes=i),
            )
            paths.append(p)
    fresh = tmp / "fresh.sqlite"
    shutil.copyfile(source_db, fresh)
    ours, plain, _ = _timed_import(fresh, paths)
    return ours, plain


def _timed_import(db: Path, paths: list[Path]):
    """(seconds to plan and apply the import of `paths`, seconds for openpyxl to read them, the plan)."""
    from tui.workbook.importer import plan_import

    with Store(db) as store:
        start = time.perf_counter()
        plan = plan_import(store, paths)
        assert not plan.errors, plan.errors[:3]
        store.apply_import(plan.batches, [])
        ours = time.perf_counter() - start
    start = time.perf_counter()
    _plain_read(paths)
    plain = time.perf_counter() - start
    return ours, plain, plan


def _edit_as_people_do(path: Path, i: int) -> None:
    """What a unit does to its 任务清单 before sending it back: a line deleted, statuses and
    a date typed, words in 佐证材料, a column of its own, a note row under the table."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb["任务清单"]
    header = {c.value: c.column for c in ws[3] if c.value}
    lines = [r for r in range(4, ws.max_row + 1) if ws.cell(r, header["编号"]).value]
    for n, r in enumerate(lines[1:40:4]):
        ws.cell(r, header["完成情况"], "已完成" if n % 2 else "推进中")
        ws.cell(r, header["佐证材料"], f"https://www.cqyz.gov.cn/zwgk/{i}-{n}.html\n已在公示栏张贴")
    extra = ws.max_column + 1
    ws.cell(3, extra, "联系人")
    ws.cell(lines[2], extra, f"王五 6388{i:04d}")
    ws.cell(ws.max_row + 2, header["工作要求"], "下周复核")
    ws.delete_rows(lines[-1])
    wb.save(path)


def import_edited_vs_plain(files: int, tmp: Path, source_db: Path) -> tuple[float, float, int]:
    """Import `files` workbooks edited as people do (`_edit_as_people_do`) into a copy of the
    database; compare with openpyxl reading the same files. (ours, plain, lines listed as
    not imported)."""
    from tui.workbook.service import export_checklist

    db = tmp / "edited.sqlite"
    shutil.copyfile(source_db, db)
    folder = tmp / "edited"
    folder.mkdir(exist_ok=True)
    paths = []
    with Store(db) as store:
        units = [u["name"] for u in store.units() if u["kind"] == "区县"] or [u["name"] for u in store.units()]
        for i in range(files):
            p = export_checklist(
                store,
                units[i % len(units)],
                dt.date(2099, 6, 1),
                out=folder / f"in-{i:03d}.xlsx",
                full=True,
                now=dt.datetime(2099, 1, 1) + dt.timedelta(minutes=i),
            )
            _edit_as_people_do(p, i)
            paths.append(p)
    ours, plain, plan = _timed_import(db, paths)
    return ours, plain, len(plan.not_imported)
