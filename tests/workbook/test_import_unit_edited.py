"""A workbook whose 说明 names another unit than the one it was exported for (issue 21,
item 6): 渝中区's workbook edited to 江北区 went into 江北区's checklist without a word,
merged against 渝中区's values as exported. The import now names the file, sheet and cell,
and asks: refused without a terminal, written with --yes or a y typed at the terminal."""

from __future__ import annotations

import pytest

from tests.cli_helpers import runner
from tui.cli import workbooks as cli_module
from tui.cli import app

from .conftest import about_cell, edit, entries, snapshot, set_cells

ITEM = "1.1.3-2"


def moved_to_jiangbei(path, *labels: str):
    def change(ws, wb):
        for label in labels:
            about_cell(wb, label).value = "江北区"

    return edit(path, change)


@pytest.fixture
def swapped(export):
    """渝中区's workbook with one edit, its 说明 unit (both cells) changed to 江北区."""
    path = export("渝中区")
    set_cells(path, {(ITEM, "完成情况"): "推进中"})
    return moved_to_jiangbei(path, "单位", "单位(系统名称)")


def refused(result) -> list[str]:
    """Exit 2 without a traceback: the lines of stderr (warnings first, then the `错误:`)."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


WARNING = (
    "警告:渝中区.xlsx 工作表「说明」 单元格 B5:「单位(系统名称)」是「江北区」,"
    "但这个工作簿导出时是「渝中区」的任务清单(工作表「导出时的值」 单元格 J1);导入会写进「江北区」的任务清单"
)


def test_a_unit_edited_in_about_is_refused_without_a_terminal(swapped, do_import, work_db):
    before = snapshot(work_db)
    result = do_import(swapped)
    assert refused(result) == [
        WARNING,
        (
            "错误:工作簿「说明」中的单位与导出时不同(见上),没有写入任何更改;确认要导入「江北区」的任务清单,请加 --yes 再运行"
        ),
    ]
    assert result.stdout == ""
    assert snapshot(work_db) == before


def test_yes_imports_it_after_the_warning(swapped, cli, work_db):
    result = cli("import", swapped, "--yes")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [WARNING]
    assert entries(work_db, "江北区")[ITEM].status == "推进中"


@pytest.mark.parametrize("answer,imported", [("y\n", True), ("n\n", False), ("", False)])
def test_at_a_terminal_the_import_asks(swapped, work_db, monkeypatch, answer, imported):
    monkeypatch.setattr(cli_module, "_stdin_is_terminal", lambda: True)
    before = snapshot(work_db)
    result = runner.invoke(app, ["import", str(swapped), "--db", str(work_db)], input=answer)
    assert "确认导入「江北区」的任务清单吗?(输入 y 确认)" in result.output
    if imported:
        assert result.exit_code == 0, result.output
        assert entries(work_db, "江北区")[ITEM].status == "推进中"
    else:
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines()[-1] == "错误:没有确认,没有写入任何更改"
        assert snapshot(work_db) == before


def test_dry_run_warns_and_asks_nothing(swapped, do_import, work_db):
    result = do_import(swapped, dry_run=True)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [WARNING]
    assert f"{ITEM} 完成情况:未开始 → 推进中" in result.stdout


def test_only_the_system_name_edited_in_an_older_export_is_noticed_by_what_it_shows(export, do_import, work_db):
    """An export without the record in 导出时的值: 说明's 单位 and 任务清单's 填报单位 still
    say 渝中区."""
    path = export("渝中区")

    def older(ws, wb):
        hidden = wb["导出时的值"]
        hidden["I1"].value = hidden["J1"].value = None
        about_cell(wb, "单位(系统名称)").value = "江北区"

    edit(path, older)
    before = snapshot(work_db)
    lines = refused(do_import(path))
    assert lines[:2] == [
        "警告:渝中区.xlsx 工作表「说明」 单元格 B5:「单位(系统名称)」是「江北区」,"
        "但同一页的「单位」是「渝中区」(单元格 B4);导入会写进「江北区」的任务清单",
        "警告:渝中区.xlsx 工作表「说明」 单元格 B5:「单位(系统名称)」是「江北区」,"
        "但工作表「任务清单」 单元格 A2 的填报单位是「渝中区」;导入会写进「江北区」的任务清单",
    ]
    assert "--yes" in lines[2]
    assert snapshot(work_db) == before


def test_a_workbook_of_the_unit_it_says_asks_nothing(export, do_import, work_db):
    path = export("渝中区")
    set_cells(path, {(ITEM, "完成情况"): "推进中"})
    result = do_import(path)
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert entries(work_db, "渝中区")[ITEM].status == "推进中"
