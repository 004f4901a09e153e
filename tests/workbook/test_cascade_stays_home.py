"""The unit's own 任务清单 goes to the level above: exporting it and importing it back leaves
its 分解 and the 下级报送 received for them as they are, and the workbook carries neither (a
sub-unit's name reaches the level above only when the unit writes it into its own
具体完成情况, e.g. with `rollup --fill`). Moving a unit's work to another database is what
backup/restore and migrate-progress are for: both carry them (tests/store/test_assign.py,
tests/safety/test_migrate_progress.py)."""

from __future__ import annotations

import openpyxl
import pytest

from tests.cascade_helpers import received
from tests.cli_helpers import invoke, ok
from tui.store import Store

U, ITEM = "渝中区", "1.1.3-1"


def cells(path) -> list[str]:
    wb = openpyxl.load_workbook(path)
    return [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def cascade(db) -> tuple:
    with Store(db, readonly=True) as s:
        return s.assignments_of(U), s.rollup(U)


@pytest.mark.parametrize("layout", [(), ("--full",)])
def test_the_units_checklist_round_trip_leaves_its_cascade_alone_and_does_not_carry_it(work_db, tmp_path, layout):
    with Store(work_db) as s:
        s.assign(U, [ITEM], ["区发展改革委", "解放碑街道"], "责任", "按季度报送")
        received(s, U, "区发展改革委", ITEM, "规划已公开")
    before = cascade(work_db)
    out = tmp_path / "清单.xlsx"
    ok(invoke("export", "-u", U, "-o", out, *layout, "--db", work_db))
    assert not any(name in text for text in cells(out) for name in ("区发展改革委", "解放碑街道", "规划已公开"))
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    status_cell = next(c for row in ws.iter_rows() for c in row if c.value == "未开始")
    status_cell.value = "推进中"  # one edit, so that the import writes something
    wb.save(out)
    assert "推进中" in ok(invoke("import", out, "--db", work_db)).stdout
    assert cascade(work_db) == before
