"""Round trips through LibreOffice Calc: export → opened and saved as .xlsx in Calc → import.

LibreOffice rewrites the whole file (its own styles, shared strings, relationships), as
a unit that opens and saves the workbook in Calc would. Calc is driven through the UNO
bridge (calc_office.py: one LibreOffice for the session). `.ci/run` installs Debian's
libreoffice-calc-nogui and python3-uno when missing; only where that is impossible is the
test skipped, with the reason printed (pytest -ra) — and under CI (`CI=true`) it fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import (
    col,
    entries,
    file_line,
    history,
    load,
    ok,
    report_fields,
    row_of,
    seed_progress,
    set_cells,
    snapshot,
)

# One LibreOffice serves every open-and-save here and in test_libreoffice_edits.py (the `calc`
# fixture, calc_office.py): one xdist worker runs them.
pytestmark = pytest.mark.xdist_group("calc")


def convert(calc, src: Path, tmp_path: Path) -> Path:
    """`src` opened in LibreOffice Calc and saved as .xlsx, unedited; the new file."""
    converted = calc(src, [], tmp_path)
    assert converted.read_bytes() != src.read_bytes()
    return converted


def test_unchanged_workbook_saved_by_libreoffice_changes_nothing(calc, export, do_import, store, work_db, tmp_path):
    seeded = seed_progress(store, tmp_path)
    converted = convert(calc, export("渝中区"), tmp_path)

    # What LibreOffice wrote still reads as our workbook.
    wb = load(converted)
    ws = wb["任务清单"]
    r = row_of(ws, "1.1.3-1")
    assert ws[f"{col('备注')}{r}"].value == "=1+1"
    assert ws[f"{col('备注')}{r}"].data_type == "s"
    # Two entries (a URL and a file): listed one per line, wrapped (LibreOffice would not
    # wrap a hyperlinked cell); 佐证材料清单 links the URL.
    assert ws[f"{col('佐证材料')}{r}"].value.split("\n") == [seeded["url"], seeded["file"]]
    assert ws[f"{col('佐证材料')}{r}"].alignment.wrap_text
    links = [
        row[2].hyperlink.target
        for row in wb["佐证材料清单"].iter_rows(min_row=2)
        if row[0].value == "1.1.3-1" and row[2].hyperlink is not None
    ]
    assert links == [seeded["url"]]
    assert ws[f"{col('完成情况')}{row_of(ws, '1.1.5-1')}"].value == "不适用"

    before = snapshot(work_db)
    result = ok(do_import(converted))
    assert result.stdout.splitlines() == ["渝中区.xlsx(渝中区):没有变化"]
    after = snapshot(work_db)
    for table in ("progress", "evidence", "history"):
        assert after[table] == before[table], table
    assert len(after["imports"]) == 1


def test_two_statuses_edited_then_saved_by_libreoffice(calc, export, do_import, store, work_db, tmp_path):
    seed_progress(store, tmp_path)
    path = export("渝中区")
    set_cells(path, {("1.4.3-1", "完成情况"): "推进中", ("1.1.3-2", "完成情况"): "未开始"})
    converted = convert(calc, path, tmp_path)
    before = len(history(work_db))
    result = ok(do_import(converted))
    assert report_fields(file_line(result.stdout, "渝中区.xlsx")) == (2, {"完成情况": 2})
    lines = history(work_db)[before:]
    assert sorted((h["item_id"], h["field"], h["old"], h["new"], h["source"]) for h in lines) == [
        ("1.1.3-2", "status", "推进中", "未开始", "import:渝中区.xlsx"),
        ("1.4.3-1", "status", "未开始", "推进中", "import:渝中区.xlsx"),
    ]
    e = entries(work_db, "渝中区")
    assert (e["1.4.3-1"].status, e["1.1.3-2"].status) == ("推进中", "未开始")
    assert e["1.1.3-1"].status == "已完成" and e["1.1.5-1"].status == "不适用"


def test_the_export_values_survive_libreoffice_and_only_the_edited_cell_is_applied(
    calc, export, do_import, store, work_db, tmp_path
):
    seed_progress(store, tmp_path)
    converted = convert(calc, export("渝中区"), tmp_path)
    assert "导出时的值" in load(converted).sheetnames  # the hidden sheet is kept
    store.set_status("渝中区", ["1.4.3-1"], "推进中")  # work in the app after the export
    set_cells(converted, {("1.2.5-1", "责任人"): "李四"})
    before = len(history(work_db))
    result = ok(do_import(converted))
    assert "导出时的值" not in result.stdout  # no warning: merged against the exported values
    lines = history(work_db)[before:]
    assert [(h["item_id"], h["field"], h["new"]) for h in lines] == [("1.2.5-1", "person", "李四")]
    assert entries(work_db, "渝中区")["1.4.3-1"].status == "推进中"
