"""Import is a three-way merge: nothing anyone did is reverted without being listed.

Each test reproduces a defect found by trying the import as the people who depend on it
would: the old copy that reverts newer work, two colleagues filling halves of one export,
an older copy edited later, a future clock, the app writing between planning and writing,
undo after another window's evidence, evidence written as people write it."""

from __future__ import annotations

import datetime as dt

from tests.cli_helpers import invoke
from tui.store import Store
from tui.workbook.importer import plan_import

from .conftest import db_rows, edit, entries, evidence_values, history, set_cells, set_exported_at, snapshot

UNIT = "渝中区"


def test_an_old_copy_imported_after_work_in_the_app_reverts_nothing(export, do_import, store, work_db):
    path = export(UNIT)  # every 完成情况 cell holds 未开始
    store.mark_done(UNIT, "1.1.3-1", ["https://www.cqyz.gov.cn/a.html"])
    before = snapshot(work_db)
    result = do_import(path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"{UNIT}.xlsx({UNIT}):没有变化"
    assert entries(work_db, UNIT)["1.1.3-1"].status == "已完成"
    assert snapshot(work_db)["progress"] == before["progress"]


def test_a_field_changed_on_both_sides_is_a_conflict_listed_and_not_applied(export, do_import, store, work_db):
    path = export(UNIT)
    store.set_status(UNIT, ["1.1.3-1"], "推进中")
    set_cells(path, {("1.1.3-1", "完成情况"): "已完成", ("1.1.3-2", "完成情况"): "已完成"})
    result = do_import(path)
    assert result.exit_code == 3, result.output
    assert "冲突:1.1.3-1 完成情况:导出时「未开始」,系统中已改为「推进中」,工作簿中为「已完成」——未导入" in result.stdout
    assert "1.1.3-2 完成情况:未开始 → 已完成" in result.stdout
    assert "有 1 项冲突没有导入" in result.stderr
    e = entries(work_db, UNIT)
    assert (e["1.1.3-1"].status, e["1.1.3-1"].done_date) == ("推进中", None)
    assert e["1.1.3-2"].status == "已完成"


def test_the_same_change_on_both_sides_is_no_conflict(export, do_import, store, work_db):
    path = export(UNIT)
    store.set_fields(UNIT, "1.1.3-1", {"person": "张三"})
    set_cells(path, {("1.1.3-1", "责任人"): "张三"})
    result = do_import(path)
    assert result.exit_code == 0 and "冲突" not in result.stdout


def _halves(export):
    a = export(UNIT, name="甲.xlsx")
    b = export(UNIT, name="乙.xlsx")
    set_cells(a, {("1.1.3-1", "完成情况"): "已完成", ("1.1.3-1", "责任人"): "张三"})
    set_cells(b, {("1.1.3-2", "完成情况"): "推进中", ("1.2.5-1", "责任科室"): "规划科"})
    return a, b


def test_two_colleagues_filling_halves_imported_together_keep_both_halves(export, do_import, work_db):
    a, b = _halves(export)
    result = do_import(a, b)
    assert result.exit_code == 0, result.output
    e = entries(work_db, UNIT)
    assert (e["1.1.3-1"].status, e["1.1.3-1"].person) == ("已完成", "张三")
    assert (e["1.1.3-2"].status, e["1.2.5-1"].office) == ("推进中", "规划科")


def test_the_second_half_imported_later_does_not_revert_the_first(export, do_import, work_db):
    a, b = _halves(export)
    assert do_import(a).exit_code == 0
    assert do_import(b).exit_code == 0
    e = entries(work_db, UNIT)
    assert (e["1.1.3-1"].status, e["1.1.3-1"].person, e["1.1.3-2"].status) == ("已完成", "张三", "推进中")


def test_a_copy_exported_earlier_but_edited_later_is_applied(export, do_import, work_db):
    old = export(UNIT, name="旧.xlsx")
    new = export(UNIT, name="新.xlsx")
    set_exported_at(old, dt.datetime(2021, 8, 1, 9, 0))
    set_exported_at(new, dt.datetime(2021, 8, 2, 9, 0))
    set_cells(new, {("1.1.3-1", "完成情况"): "推进中"})
    assert do_import(new).exit_code == 0
    set_cells(old, {("1.1.3-2", "完成情况"): "已完成"})  # edited after the newer one went in
    result = do_import(old)
    assert result.exit_code == 0, result.output
    assert entries(work_db, UNIT)["1.1.3-2"].status == "已完成"


def test_a_workbook_from_a_clock_in_the_future_blocks_nothing(export, do_import, work_db):
    future = export(UNIT, name="未来.xlsx")
    set_exported_at(future, dt.datetime(2099, 1, 1, 0, 0))
    set_cells(future, {("1.1.3-1", "完成情况"): "推进中"})
    assert do_import(future).exit_code == 0
    later = export(UNIT, name="之后.xlsx")
    set_cells(later, {("1.1.3-2", "完成情况"): "已完成"})
    assert do_import(later).exit_code == 0
    assert entries(work_db, UNIT)["1.1.3-2"].status == "已完成"


def test_writes_in_the_app_between_planning_and_writing_are_kept(export, work_db):
    """The race made deterministic: plan, let another window write, then apply."""
    path = export(UNIT)
    set_cells(
        path,
        {("1.1.3-1", "佐证材料"): "https://www.cqyz.gov.cn/from-workbook.html", ("1.1.3-1", "备注"): "工作簿中的备注"},
    )
    with Store(work_db) as importer, Store(work_db) as app:
        plan = plan_import(importer, [path])
        assert not plan.errors
        app.add_evidence(UNIT, "1.1.3-1", "https://www.cqyz.gov.cn/from-app.html")
        app.set_fields(UNIT, "1.1.3-1", {"note": "界面中的备注"})
        importer.apply_import(plan.batches, [])
    assert sorted(evidence_values(work_db, UNIT, "1.1.3-1")) == [
        "https://www.cqyz.gov.cn/from-app.html",
        "https://www.cqyz.gov.cn/from-workbook.html",
    ]
    assert entries(work_db, UNIT)["1.1.3-1"].note == "界面中的备注"
    [conflict] = plan.conflicts
    assert (conflict.item_id, conflict.field, conflict.database, conflict.workbook) == (
        "1.1.3-1",
        "note",
        "界面中的备注",
        "工作簿中的备注",
    )


def test_undo_never_removes_evidence_another_window_added(work_db):
    with Store(work_db) as a, Store(work_db) as b:
        mine = a.add_evidence(UNIT, "1.1.3-1", "https://www.cqyz.gov.cn/a.html")
        b.add_evidence(UNIT, "1.1.3-1", "https://www.cqyz.gov.cn/b.html")
        a.undo(UNIT, mine)
    assert evidence_values(work_db, UNIT, "1.1.3-1") == ["https://www.cqyz.gov.cn/b.html"]
    fields = [(h["field"], h["source"]) for h in history(work_db)]
    assert fields[-1][0] == "evidence-"  # the undo removed one entry, named in the history


def test_removing_an_entry_in_the_workbook_removes_only_that_entry(export, do_import, store, work_db):
    store.add_evidence(UNIT, "1.1.3-1", "https://www.cqyz.gov.cn/1.html")
    store.add_evidence(UNIT, "1.1.3-1", "https://www.cqyz.gov.cn/2.html")
    path = export(UNIT)
    store.add_evidence(UNIT, "1.1.3-1", "https://www.cqyz.gov.cn/3.html")  # after the export
    set_cells(path, {("1.1.3-1", "佐证材料"): "https://www.cqyz.gov.cn/2.html"})
    assert do_import(path).exit_code == 0
    assert evidence_values(work_db, UNIT, "1.1.3-1") == [
        "https://www.cqyz.gov.cn/2.html",
        "https://www.cqyz.gov.cn/3.html",
    ]


def test_evidence_written_as_people_write_it(export, do_import, work_db):
    path = export(UNIT)
    set_cells(
        path,
        {
            ("1.1.3-1", "完成情况"): "已完成",
            ("1.1.3-1", "佐证材料"): "https://www.cqyz.gov.cn/1.html；https://www.cqyz.gov.cn/2.html、"
            "https://www.cqyz.gov.cn/3.html。 https://www.cqyz.gov.cn/4.html,D:\\材料\\截图.png",
            ("1.1.3-2", "完成情况"): "已完成",
            ("1.1.3-2", "佐证材料"): "已在区政府网站公开",
        },
    )
    result = do_import(path)
    assert result.exit_code == 0, result.output
    assert evidence_values(work_db, UNIT, "1.1.3-1") == [
        "https://www.cqyz.gov.cn/1.html",
        "https://www.cqyz.gov.cn/2.html",
        "https://www.cqyz.gov.cn/3.html",
        "https://www.cqyz.gov.cn/4.html",
        "D:\\材料\\截图.png",
    ]
    # Words that are neither a link nor a path are kept as they were written: a text note.
    assert "  1.1.3-2 佐证材料(新增):(空) → 文字说明「已在区政府网站公开」" in result.stdout.splitlines()
    assert db_rows(
        work_db, "SELECT kind, value, caption FROM evidence WHERE unit=? AND item_id='1.1.3-2'", (UNIT,)
    ) == [{"kind": "note", "value": "已在区政府网站公开", "caption": "导入自 渝中区.xlsx"}]
    assert entries(work_db, UNIT)["1.1.3-2"].status == "已完成"


def test_a_hyperlinks_display_text_is_not_a_second_entry(export, do_import, work_db):
    path = export(UNIT)

    def link(ws, wb):
        from .conftest import col, row_of

        cell = ws[f"{col('佐证材料')}{row_of(ws, '1.1.3-1')}"]
        cell.value = "区政府网站"
        cell.hyperlink = "https://www.cqyz.gov.cn/zwgk/1.html"

    edit(path, link)
    assert do_import(path).exit_code == 0
    assert evidence_values(work_db, UNIT, "1.1.3-1") == ["https://www.cqyz.gov.cn/zwgk/1.html"]


def test_dry_run_reports_conflicts_the_same_and_writes_nothing(export, do_import, store, work_db):
    path = export(UNIT)
    store.set_status(UNIT, ["1.1.3-1"], "推进中")
    set_cells(path, {("1.1.3-1", "完成情况"): "已完成", ("1.1.3-2", "责任人"): "李四"})
    before = snapshot(work_db)
    result = do_import(path, dry_run=True)
    assert result.exit_code == 3, result.output
    assert "冲突:1.1.3-1 完成情况" in result.stdout and "1.1.3-2 责任人:(空) → 李四" in result.stdout
    assert "试运行" in result.stdout
    assert snapshot(work_db) == before


def test_check_evidence_lists_files_changed_or_gone_since_added(store, work_db, tmp_path, cli):
    kept, changed, gone = (tmp_path / n for n in ("kept.pdf", "changed.pdf", "gone.pdf"))
    for p in (kept, changed, gone):
        p.write_bytes(b"%PDF-1.4 " + p.name.encode())
    for p in (kept, changed, gone):
        store.add_evidence(UNIT, "1.1.3-1", str(p))
    changed.write_bytes(b"%PDF-1.4 edited")
    gone.unlink()
    result = cli("check-evidence", "--unit", UNIT)
    assert result.exit_code == 3, result.output
    lines = result.stdout.splitlines()
    assert any("已改动" in ln and str(changed) in ln for ln in lines)
    assert any("已不存在" in ln and str(gone) in ln for ln in lines)
    assert not any(str(kept) in ln for ln in lines)
    assert lines[-1] == "共 2 个佐证文件需要核对"


def _office_db(tmp_path, name):
    import shutil

    from tests.conftest import PRISTINE

    path = tmp_path / f"{name}.sqlite"
    shutil.copyfile(PRISTINE, path)
    return path


def _export_from(db, tmp_path, name, when):
    from tui.workbook.service import export_checklist

    with Store(db, readonly=True) as s:
        return export_checklist(s, UNIT, dt.date(2021, 8, 1), tmp_path / f"{name}.xlsx", now=when)


def test_a_lead_gets_a_units_report_from_its_own_database(tmp_path):
    """渝中区 works in its own database and sends workbooks; the lead's database takes what
    they say, newest report first, and an old copy arriving late reverts nothing."""
    office, lead = _office_db(tmp_path, "渝中区"), _office_db(tmp_path, "牵头")
    with Store(office) as s:
        s.mark_done(UNIT, "1.1.3-1", ["https://www.cqyz.gov.cn/1.html"])
        s.set_fields(UNIT, "1.1.3-2", {"person": "张三"})
    first = _export_from(office, tmp_path, "第一次", dt.datetime(2021, 8, 1, 9))
    with Store(office) as s:
        s.set_status(UNIT, ["1.1.3-2"], "推进中")
        s.set_fields(UNIT, "1.1.3-2", {"person": None})  # cleared in the office's own app
    second = _export_from(office, tmp_path, "第二次", dt.datetime(2021, 8, 2, 9))

    assert invoke("import", first, "--db", lead).exit_code == 0
    e = entries(lead, UNIT)
    assert (e["1.1.3-1"].status, e["1.1.3-2"].person) == ("已完成", "张三")
    assert evidence_values(lead, UNIT, "1.1.3-1") == ["https://www.cqyz.gov.cn/1.html"]

    assert invoke("import", second, "--db", lead).exit_code == 0
    e = entries(lead, UNIT)
    assert (e["1.1.3-2"].status, e["1.1.3-2"].person) == ("推进中", None)

    result = invoke("import", first, "--db", lead)  # the first copy sent again, later
    assert result.exit_code == 0, result.output
    assert "比之前从同一数据库导入的工作簿旧" in result.stdout
    e = entries(lead, UNIT)
    assert (e["1.1.3-2"].status, e["1.1.3-2"].person) == ("推进中", None)


def test_a_report_does_not_overwrite_what_the_lead_changed_itself(tmp_path):
    office, lead = _office_db(tmp_path, "渝中区"), _office_db(tmp_path, "牵头")
    with Store(lead) as s:
        s.set_fields(UNIT, "1.1.3-1", {"note": "牵头单位核实:尚未公开"})
    with Store(office) as s:
        s.set_fields(UNIT, "1.1.3-1", {"note": "已在门户网站公开"})
        s.set_status(UNIT, ["1.1.3-2"], "推进中")
    report = _export_from(office, tmp_path, "报告", dt.datetime(2021, 8, 1, 9))
    result = invoke("import", report, "--db", lead)
    assert result.exit_code == 3, result.output
    assert "冲突:1.1.3-1 备注" in result.stdout
    e = entries(lead, UNIT)
    assert (e["1.1.3-1"].note, e["1.1.3-2"].status) == ("牵头单位核实:尚未公开", "推进中")


def _conflict_lines(stdout: str) -> list[str]:
    return [line.strip() for line in stdout.splitlines() if "冲突:" in line]


def test_conflicts_of_fields_decided_together_name_each_field_and_show_each_side(export, do_import, store, work_db):
    """完成情况 with its date and reason, 责任科室 with 责任人, a 备注 of two lines: each conflict
    says every field it holds back and what each side holds, in words."""
    path = export(UNIT)
    store.set_status(UNIT, ["1.1.3-1"], "不适用", reason="已划转")
    store.set_fields(UNIT, "1.1.3-2", {"office": "办公室", "person": "张三", "note": "第一行\n第二行"})
    set_cells(
        path,
        {
            ("1.1.3-1", "完成情况"): "已完成",
            ("1.1.3-1", "完成时间"): "2021/7/15",
            ("1.1.3-2", "责任科室"): "规划科",
            ("1.1.3-2", "责任人"): "李四",
            ("1.1.3-2", "备注"): "工作簿中的备注",
        },
    )
    result = do_import(path)
    assert result.exit_code == 3, result.output
    assert _conflict_lines(result.stdout) == [
        "冲突:1.1.3-1 完成情况、不适用理由、完成时间:导出时「未开始」,系统中已改为「不适用(不适用理由:已划转)」,"
        "工作簿中为「已完成(完成时间 2021-07-15)」——未导入,请核对",
        "冲突:1.1.3-2 备注:导出时「(空)」,系统中已改为「第一行 / 第二行」,工作簿中为「工作簿中的备注」——未导入,请核对",
        "冲突:1.1.3-2 责任科室、责任人:导出时「(空)」,系统中已改为「办公室／张三」,工作簿中为「规划科／李四」——未导入,请核对",
    ]
    e = entries(work_db, UNIT)
    assert (e["1.1.3-1"].status, e["1.1.3-1"].reason, e["1.1.3-2"].office, e["1.1.3-2"].person) == (
        "不适用",
        "已划转",
        "办公室",
        "张三",
    )
