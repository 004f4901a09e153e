"""Issue #12 'done when', as a new user would: load this year's breakdown as .docx, work a few
items, load its revised text, switch to 2021 and back, export and re-import each year."""

from __future__ import annotations

import json

from tests.cli_helpers import invoke, ok
from tests.source.grid_writers import spec_from_text, write_docx
from tests.workbook.conftest import set_cells

from .conftest import EXPECTED, N2022, Y2022, Y2022_REVISED, listed


def states(db, unit, *extra):
    return {
        e["id"]: (e["status"], e["note"], len(e["evidence"]))
        for e in listed(db, unit, *extra)
        if e["status"] != "未开始" or e["note"] or e["evidence"]
    }


def test_load_docx_work_revise_switch_export_import_nothing_lost(with_2021_work, tmp_path):
    db = ("--db", with_2021_work)
    year_2021 = states(with_2021_work, "渝中区")
    docx = write_docx(spec_from_text(Y2022), tmp_path / "2022年任务分工.docx")
    out = ok(invoke("load", "--yes", docx, *db)).stdout
    assert "警告 0 条" in out and N2022 in out
    assert [e["id"] for e in listed(with_2021_work, "各区县政府")] == EXPECTED["yufubanfa-2022.txt"]["units"][
        "各区县政府"
    ]

    ok(invoke("done", "2.1.1-1", "-u", "渝中区", "-e", "https://www.cqyz.gov.cn/2022/1", "--note", "今年", *db))
    ok(invoke("status", "2.1.1-2", "推进中", "-u", "渝中区", *db))
    worked = states(with_2021_work, "渝中区")

    revised = write_docx(spec_from_text(Y2022_REVISED), tmp_path / "2022年任务分工(修订).docx")
    out = ok(invoke("load", "--yes", revised, "--revises", N2022, *db)).stdout
    assert "已带入:进度 2 条,佐证 1 条" in out
    assert states(with_2021_work, "渝中区") == worked  # neither item changed in the revision
    assert states(with_2021_work, "渝中区", "--doc", "2021") == year_2021
    assert states(with_2021_work, "渝中区", "--doc", "2022") == worked

    for year, item in (("2021", "1.1.5-1"), ("2022", "2.1.1-3")):
        book = tmp_path / f"渝中区-{year}.xlsx"
        ok(invoke("export", "-u", "渝中区", "--doc", year, "-o", book, *db))
        set_cells(book, {(item, "完成情况"): "推进中", (item, "备注"): f"{year}导回"})
        ok(invoke("import", book, *db))
    assert states(with_2021_work, "渝中区", "--doc", "2021") == {**year_2021, "1.1.5-1": ("推进中", "2021导回", 0)}
    assert states(with_2021_work, "渝中区") == {**worked, "2.1.1-3": ("推进中", "2022导回", 0)}
    docs = json.loads(ok(invoke("documents", "--json", *db)).stdout)
    assert [(d["number"], d["superseded_by"] is None) for d in docs] == [
        ("渝府办发〔2021〕50号", True),
        (N2022, False),
        (N2022, True),
    ]
