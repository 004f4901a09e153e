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


def _report_cell(path, item_id: str) -> str:
    from .conftest import column_of, load, row_of

    ws = load(path)["任务清单"]
    return ws[f"{column_of(ws, '具体完成情况')}{row_of(ws, item_id)}"].value


def test_an_evidence_the_narrative_editor_put_in_the_narrative_is_printed_once(export, do_import, store, work_db):
    """N on an item with evidence and no narrative starts from the evidence titles (a link
    without a caption is its URL); a unit that adds its sentence and saves has the URL in its
    narrative. The 上报版 prints it once, not again among the evidence lines; an entry the
    narrative does not hold is printed as before. Imported back unchanged, nothing changes;
    edited, the narrative is read against what was printed."""
    from tui.app.steps_dialog import narrative_editor

    store.add_evidence("渝中区", "1.1.3-1", URL)
    store.add_evidence("渝中区", "1.1.3-1", NEW, caption="规划解读")
    item = entries(work_db, "渝中区")["1.1.3-1"]
    prefilled = narrative_editor(item, store.evidence("渝中区", "1.1.3-1")).value
    assert prefilled == f"{URL}\n规划解读\n"  # what the editor starts from (the cursor on the new line)
    store.set_narrative("渝中区", "1.1.3-1", f"已公开纲要全文。\n{URL}")  # a sentence added above the first line
    path = export("渝中区", full=False)
    printed = _report_cell(path, "1.1.3-1")
    assert printed == f"已公开纲要全文。\n{URL}\n规划解读：{NEW}"
    assert printed.count(URL) == 1 and printed.count(NEW) == 1

    result = ok(do_import(path))
    assert "具体完成情况" not in result.stdout and "佐证" not in result.stdout  # as exported: nothing changes
    assert entries(work_db, "渝中区")["1.1.3-1"].narrative == f"已公开纲要全文。\n{URL}"
    assert evidence_values(work_db, "渝中区", "1.1.3-1") == [URL, NEW]

    set_cells(path, {("1.1.3-1", "具体完成情况"): f"已公开纲要全文及解读。\n{URL}\n规划解读：{NEW}"})
    ok(do_import(path))
    # the link line is evidence (as any link typed there), the rest the narrative; no entry lost or doubled
    assert entries(work_db, "渝中区")["1.1.3-1"].narrative == "已公开纲要全文及解读。"
    assert evidence_values(work_db, "渝中区", "1.1.3-1") == [URL, NEW]


def test_a_steps_evidence_its_narrative_holds_is_printed_once_and_an_edit_reads_back(export, do_import, store, work_db):
    """The same for a 细化 step's line (3.1): its narrative holding its evidence's URL prints the
    URL once, and an edited narrative there is imported as written."""
    from tui.store import Store

    store.add_step("渝中区", "1.1.3-1", "发布政策解读", {})
    store.mark_step_done("渝中区", "1.1.3-1", 1, [URL])
    store.edit_step("渝中区", "1.1.3-1", 1, {"narrative": f"解读已发布。\n{URL}"})
    path = export("渝中区", full=False)
    from .conftest import column_of, load

    ws = load(path)["任务清单"]
    column = column_of(ws, "具体完成情况")
    cell = next(c for c in ws[column] if isinstance(c.value, str) and c.value.startswith("解读已发布"))
    assert cell.value == f"解读已发布。\n{URL}"
    assert "具体完成情况" not in ok(do_import(path)).stdout  # as exported: nothing changes
    cell.value = f"解读已发布,共 4 篇。\n{URL}"
    ws.parent.save(path)
    ok(do_import(path))
    with Store(work_db, readonly=True) as s:
        (step,) = s.steps_of("渝中区", ["1.1.3-1"])["1.1.3-1"]
    assert step["narrative"] == f"解读已发布,共 4 篇。\n{URL}"
    assert [r["value"] for r in step["evidence"]] == [URL]
