"""A workbook goes to the document its 说明 names, whichever is the newest."""

from __future__ import annotations

import shutil

from tests.cli_helpers import assert_user_error, invoke, ok
from tests.workbook.conftest import about_cell, edit, load, set_cells

from .conftest import N2021, N2022, ROOT, Y2022_REVISED, listed, work_of


def export(db, tmp_path, unit, *extra):
    out = tmp_path / f"{unit}-{len(list(tmp_path.glob('*.xlsx')))}.xlsx"
    ok(invoke("export", "-u", unit, "-o", out, "--db", db, *extra))
    return out


def status(db, unit, item, *extra):
    return {e["id"]: e for e in listed(db, unit, *extra)}[item]["status"]


def test_a_2021_workbook_imports_into_2021_while_2022_is_the_newest(two_years, tmp_path):
    book = export(two_years, tmp_path, "渝中区", "--doc", "2021")
    assert about_cell(load(book), "依据文件").value == N2021
    set_cells(book, {("1.1.5-1", "完成情况"): "推进中"})
    work_2022 = work_of(two_years, 2)
    out = ok(invoke("import", book, "--db", two_years)).stdout
    assert "1.1.5-1 完成情况:未开始 → 推进中" in out
    assert status(two_years, "渝中区", "1.1.5-1", "--doc", "2021") == "推进中"
    assert work_of(two_years, 2) == work_2022
    assert work_of(two_years, 1)["imports"][-1]["doc"] == 1


def test_each_workbook_of_one_import_goes_to_its_own_year(two_years, tmp_path):
    old = export(two_years, tmp_path, "渝中区", "--doc", "2021")
    new = export(two_years, tmp_path, "渝中区")
    set_cells(old, {("1.1.5-1", "完成情况"): "推进中"})
    set_cells(new, {("1.1.3-2", "完成情况"): "已完成"})
    ok(invoke("import", old, new, "--db", two_years))
    assert status(two_years, "渝中区", "1.1.5-1", "--doc", "2021") == "推进中"
    assert status(two_years, "渝中区", "1.1.3-2", "--doc", "2021") == "不适用"  # 2021's 1.1.3-2 untouched
    assert status(two_years, "渝中区", "1.1.3-2") == "已完成"


def test_doc_on_import_refuses_a_workbook_of_another_document(two_years, tmp_path):
    new = export(two_years, tmp_path, "渝中区")
    set_cells(new, {("1.1.3-2", "完成情况"): "已完成"})
    before = work_of(two_years, 1), work_of(two_years, 2)
    assert_user_error(invoke("import", new, "--doc", "2021", "--db", two_years), N2022, N2021, "--doc")
    assert (work_of(two_years, 1), work_of(two_years, 2)) == before


def test_a_workbook_of_a_document_not_loaded_is_refused_naming_it(two_years, tmp_path):
    book = export(two_years, tmp_path, "渝中区")  # a 2022 workbook, into a database that has only 2021
    only_2021 = tmp_path / "only-2021.sqlite"
    shutil.copyfile(ROOT / "data" / "tasks.sqlite", only_2021)
    assert_user_error(invoke("import", book, "--db", only_2021), N2022, "gongkai-tui load", "说明")


def test_a_workbook_exported_before_the_revision_is_mapped_by_item_text(two_years, tmp_path):
    book = export(two_years, tmp_path, "市财政局")
    set_cells(book, {("1.2.1-1", "完成情况"): "已完成", ("1.2.1-2", "完成情况"): "推进中"})
    ok(invoke("load", "--yes", Y2022_REVISED, "--revises", N2022, "--db", two_years))
    result = invoke("import", book, "--db", two_years)
    assert result.exit_code == 3, result.output  # one row not imported: a person must look
    assert "修订前的文本导出" in result.stdout
    assert "1.2.1-2" in result.stderr and "本行未导入" in result.stderr and "任务清单!" in result.stderr
    assert status(two_years, "市财政局", "1.2.1-1") == "已完成"  # the same text: applied to the revision
    assert status(two_years, "市财政局", "1.2.1-2") == "未开始"  # reworded: not guessed


def test_a_workbook_whose_text_is_neither_loaded_text_is_refused(two_years, tmp_path):
    book = export(two_years, tmp_path, "渝中区")

    def change(ws, wb):
        about_cell(wb, "依据文本校验值").value = "f" * 64

    edit(book, change)
    assert_user_error(invoke("import", book, "--db", two_years), "load --revises", "说明")
