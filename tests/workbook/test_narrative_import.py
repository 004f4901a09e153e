"""具体完成情况 written in the 上报版 comes back as the item's narrative (issue #23 item 4): the
evidence lines the export printed under it stay evidence, a link or a path typed there is new
evidence, the other lines are the narrative; a narrative changed in the database since the
export and in the sheet is a conflict, listed and not applied."""

from __future__ import annotations

from tests.cli_helpers import ok

from .conftest import entries, evidence_values, set_cells

URL = "https://www.cqyz.gov.cn/zwgk/zcwj/2021/t20210801_1.html"
NEW = "https://www.cqyz.gov.cn/zwgk/zcwj/2021/t20210901_9.html"


def test_a_narrative_written_under_the_evidence_lines_is_imported_as_the_narrative(export, do_import, store, work_db):
    store.add_evidence("渝中区", "1.1.3-1", URL)
    path = export("渝中区", full=False)
    set_cells(
        path,
        {
            ("1.1.3-1", "具体完成情况"): f"已公开纲要全文及解读 3 篇。\n专栏已更新。\n{URL}\n{NEW}",
            ("1.1.3-2", "具体完成情况"): "已完成规划归集整理。",
        },
    )
    ok(do_import(path))
    e = entries(work_db, "渝中区")
    assert e["1.1.3-1"].narrative == "已公开纲要全文及解读 3 篇。\n专栏已更新。"
    assert evidence_values(work_db, "渝中区", "1.1.3-1") == [URL, NEW]  # kept, and the link typed added
    assert e["1.1.3-2"].narrative == "已完成规划归集整理。"
    assert evidence_values(work_db, "渝中区", "1.1.3-2") == []  # prose there is narrative, not evidence


def test_an_exported_narrative_left_as_it_was_changes_nothing_and_an_edit_replaces_it(
    export, do_import, store, work_db
):
    store.set_narrative("渝中区", "1.1.3-1", "第一季度已公开。")
    path = export("渝中区", full=False)
    result = ok(do_import(path))
    assert entries(work_db, "渝中区")["1.1.3-1"].narrative == "第一季度已公开。"
    assert "具体完成情况" not in result.stdout
    set_cells(path, {("1.1.3-1", "具体完成情况"): "全年已公开。"})
    ok(do_import(path))
    assert entries(work_db, "渝中区")["1.1.3-1"].narrative == "全年已公开。"


def test_a_narrative_changed_on_both_sides_is_a_conflict_not_an_overwrite(export, do_import, store, work_db):
    store.set_narrative("渝中区", "1.1.3-1", "第一季度已公开。")
    path = export("渝中区", full=False)
    store.set_narrative("渝中区", "1.1.3-1", "系统中改过的说明。")
    set_cells(path, {("1.1.3-1", "具体完成情况"): "工作簿中写的说明。"})
    result = do_import(path)
    assert result.exit_code == 3, result.output
    assert (
        "1.1.3-1 具体完成情况:导出时「第一季度已公开。」,系统中已改为「系统中改过的说明。」,工作簿中为「工作簿中写的说明。」"
        in result.stdout
    )
    assert entries(work_db, "渝中区")["1.1.3-1"].narrative == "系统中改过的说明。"
