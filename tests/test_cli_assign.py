"""分解 and 印发 through the CLI (issue #25 items 1–3): 渝中区 assigns its items (and a 细化
step) to its departments and 街道 with roles, 具体要求 and 时限, issues its own 任务分工 as a
Word file, and that file, loaded into another working database, gives each sub-unit exactly
the rows, roles, requirements and deadlines it was assigned."""

from __future__ import annotations

import json

from tests.cascade_helpers import received
from tests.cli_helpers import assert_user_error, invoke, ok

U = "渝中区"
PLAN, SPECIAL, LAWS = "1.1.3-1", "1.1.3-2", "3.1.1-1"  # LAWS is due 2021-06-30


def _assign(db, *args):
    return ok(invoke("assign", *args, "-u", U, "--db", db))


def _listed(db, unit, doc="渝中区"):
    return json.loads(ok(invoke("list", "-u", unit, "--json", "--db", db, "--doc", doc)).stdout)


def test_assigned_items_issued_and_loaded_give_each_sub_unit_its_rows(work_db, tmp_path):
    _assign(work_db, PLAN, SPECIAL, LAWS, "--to", "区发展改革委", "--role", "牵头")
    _assign(work_db, PLAN, LAWS, "--to", "区财政局、解放碑街道", "--role", "责任", "--requirement", "每季度报送进展")
    _assign(work_db, LAWS, "--to", "区教委", "--role", "配合", "--deadline", "2021年6月15日")
    ok(invoke("step", "add", PLAN, "编制规划解读材料", "-u", U, "--db", work_db))
    _assign(work_db, PLAN, "--step", "1", "--to", "区发展改革委", "--role", "牵头", "--deadline", "2021-05-31")
    listed = json.loads(ok(invoke("assignments", "-u", U, "--json", "--db", work_db)).stdout)
    assert len(listed) == 9 and {a["item"] for a in listed} == {PLAN, SPECIAL, LAWS}

    out = tmp_path / "渝中区分工.docx"
    assert ok(invoke("issue", "-u", U, "--db", work_db, "-o", out)).stdout.strip() == str(out.resolve())
    sub = tmp_path / "sub" / "work.sqlite"
    sub.parent.mkdir()
    ok(invoke("load", "--yes", out, "--db", sub))

    plan_text = next(e["text"] for e in _listed(work_db, U, "2021") if e["id"] == PLAN)
    ndrc = _listed(sub, "区发展改革委")
    assert [(e["roles"], e["deadline"]) for e in ndrc] == [
        (["牵头"], None),
        (["牵头"], "2021-05-31"),
        (["牵头"], None),
        (["牵头"], "2021-06-30"),
    ]
    assert ndrc[0]["text"] == plan_text and ndrc[1]["text"] == "编制规划解读材料"
    assert ndrc[0]["document_requirement"] == "每季度报送进展"
    finance = _listed(sub, "区财政局")
    assert [(e["roles"], e["deadline"], e["document_requirement"]) for e in finance] == [
        (["责任"], None, "每季度报送进展"),
        (["责任"], "2021-06-30", "每季度报送进展"),
    ]
    assert [e["id"] for e in _listed(sub, "解放碑街道")] == [e["id"] for e in finance]
    [education] = _listed(sub, "区教委")
    assert (education["roles"], education["deadline"]) == (["配合"], "2021-06-15")
    # Each loaded item remembers the 渝中区 item (or step) it was assigned from (item 3).
    assert [e["upper"] for e in ndrc] == [PLAN, f"{PLAN}.1", SPECIAL, LAWS]
    assert [e["upper"] for e in finance] == [PLAN, LAWS] and education["upper"] == LAWS


def test_a_row_deleted_from_the_word_file_loads_the_rest_with_their_origin(work_db, tmp_path):
    from docx import Document

    _assign(work_db, PLAN, SPECIAL, LAWS, "--to", "区发展改革委", "--role", "牵头")
    out = tmp_path / "分工.docx"
    ok(invoke("issue", "-u", U, "--db", work_db, "-o", out))
    word = Document(str(out))
    table = word.tables[0]
    second = [r for r in table.rows if r.cells[0].text == "2"][0]
    second._tr.getparent().remove(second._tr)  # someone deleted 1.1.3-2's row before sending it on
    word.save(str(out))
    sub = tmp_path / "sub.sqlite"
    loaded = ok(invoke("load", "--yes", out, "--db", sub)).stdout
    assert [e["upper"] for e in _listed(sub, "区发展改革委")] == [PLAN, LAWS]
    assert "找不到对应的条目" not in loaded  # a missing row is no doubt about the others


def test_a_deadline_later_than_the_items_is_asked_for(work_db):
    message = assert_user_error(
        invoke(
            "assign", LAWS, "-u", U, "--to", "区财政局", "--role", "责任", "--deadline", "2021-07-15", "--db", work_db
        ),
        "晚于条目 3.1.1-1",
        "--yes",
    )
    assert "未分解" in message
    assert json.loads(ok(invoke("assignments", "-u", U, "--json", "--db", work_db)).stdout) == []
    _assign(work_db, LAWS, "--to", "区财政局", "--role", "责任", "--deadline", "2021-07-15", "--yes")


def test_an_assignment_is_undone_as_one_step(work_db):
    said = _assign(work_db, PLAN, LAWS, "--to", "区财政局,区教委", "--role", "责任").stdout
    action = said.split("第 ")[1].split(" 步")[0]
    ok(invoke("step", "undo", action, "-u", U, "--db", work_db))
    assert json.loads(ok(invoke("assignments", "-u", U, "--json", "--db", work_db)).stdout) == []


def test_nothing_assigned_is_nothing_to_issue(work_db, tmp_path):
    assert_user_error(invoke("issue", "-u", U, "--db", work_db, "-o", tmp_path / "a.docx"), "还没有分解任何条目")
    assert not (tmp_path / "a.docx").exists()
    assert_user_error(invoke("issue", "-u", U, "--db", work_db, "-o", tmp_path / "a.pdf"), ".docx", ".xlsx")
    assert_user_error(
        invoke("assign", PLAN, "-u", U, "--to", "区 财政局", "--role", "责任", "--db", work_db), "不像单位名称"
    )


def test_a_sub_units_returned_checklist_rolls_up_and_who_has_not_reported_is_named(work_db, tmp_path):
    """Item 4: the department's 任务清单 (上报版 or 完整版), imported into 渝中区's database, is
    its report of what it was assigned; the roll-up lists every assignment with its report
    or 未报送; an older export never replaces a newer one; a report of a row nobody assigned
    to that department is left out and listed."""
    _assign(work_db, PLAN, LAWS, "--to", "区发展改革委", "--role", "牵头")
    _assign(work_db, PLAN, "--to", "区财政局", "--role", "责任")
    out = tmp_path / "分工.docx"
    ok(invoke("issue", "-u", U, "--db", work_db, "-o", out))
    sub = tmp_path / "sub.sqlite"
    ok(invoke("load", "--yes", out, "--db", sub))
    mine = [e["id"] for e in _listed(sub, "区发展改革委")]
    ok(
        invoke(
            "done",
            mine[0],
            "-u",
            "区发展改革委",
            "--db",
            sub,
            "--doc",
            "渝中区",
            "--narrative",
            "规划全文已公开",
            "-e",
            "https://www.cqyz.gov.cn/gh.html",
        )
    )
    older = tmp_path / "fgw-1.xlsx"
    ok(invoke("export", "-u", "区发展改革委", "--db", sub, "--doc", "渝中区", "-o", older, "--full"))
    ok(invoke("status", mine[1], "推进中", "-u", "区发展改革委", "--db", sub, "--doc", "渝中区"))
    newer = tmp_path / "fgw-2.xlsx"
    ok(invoke("export", "-u", "区发展改革委", "--db", sub, "--doc", "渝中区", "-o", newer))

    said = ok(invoke("import", newer, "--db", work_db)).stdout
    assert "收到 区发展改革委 对 渝中区 分解的 2 项的报送:新写入 2 项" in said
    lines = json.loads(ok(invoke("rollup", "-u", U, "--json", "--db", work_db)).stdout)["lines"]
    assert [(x["item"], x["sub_unit"], x["reported"], x.get("status")) for x in lines] == [
        (PLAN, "区发展改革委", True, "已完成"),
        (PLAN, "区财政局", False, None),
        (LAWS, "区发展改革委", True, "推进中"),
    ]
    assert "规划全文已公开" in lines[0]["narrative"] and lines[0]["evidence"] == ["https://www.cqyz.gov.cn/gh.html"]
    said = ok(invoke("import", older, "--db", work_db)).stdout
    assert "1 项比已收到的旧、未采用" in said  # LAWS was 未开始 in the older export
    assert json.loads(ok(invoke("rollup", "-u", U, "--json", "--db", work_db)).stdout)["lines"][2]["status"] == "推进中"
    text = ok(invoke("rollup", "-u", U, "--db", work_db)).stdout
    assert "区财政局(责任)\t未报送" in text and "未报送的单位:区财政局" in text

    _assign(work_db, LAWS, "--to", "区发展改革委", "--role", "牵头", "--remove")
    result = invoke("import", newer, "--db", work_db)
    assert result.exit_code == 3 and "没有把 3.1.1-1 分解给「区发展改革委」" in result.stderr


def test_a_workbook_of_a_document_not_loaded_names_the_loaded_ones_even_without_a_number(work_db, tmp_path):
    """The refusal lists what is loaded by label: a document without 文号 by its 《title》."""
    from tests.conftest import ROOT

    other = tmp_path / "other.sqlite"
    ok(invoke("load", "--yes", ROOT / "tests" / "data" / "documents" / "jimei-2026-four-columns.txt", "--db", other))
    out = tmp_path / "jimei.xlsx"
    ok(invoke("export", "-u", "区发改局", "--db", other, "--doc", "2026", "-o", out))
    ok(
        invoke(
            "load",
            "--yes",
            ROOT / "tests" / "data" / "real" / "chizhou-xinfangju-dept-pipe-cells.txt",
            "--db",
            work_db,
            "--year",
            "2024",
        )
    )
    message = assert_user_error(invoke("import", out, "--db", work_db), "数据库中没有这份文件")
    assert "渝府办发〔2021〕50号" in message and "《" in message


def test_the_units_own_report_is_filled_from_its_sub_units_and_done_is_only_suggested(work_db, tmp_path):
    """Item 4's last part: --fill writes the unit's empty 具体完成情况 from what its sub-units
    reported (one action, undone as one); an item every sub-unit reported done is named, and
    set 已完成 only with --set-done; a narrative the unit wrote itself is never replaced."""
    _assign(work_db, PLAN, SPECIAL, "--to", "区发展改革委", "--role", "牵头")
    ok(invoke("done", SPECIAL, "-u", U, "--db", work_db, "--narrative", "本单位自己写的"))
    out = tmp_path / "分工.docx"
    ok(invoke("issue", "-u", U, "--db", work_db, "-o", out))
    sub = tmp_path / "sub.sqlite"
    ok(invoke("load", "--yes", out, "--db", sub))
    for item in [e["id"] for e in _listed(sub, "区发展改革委")]:
        ok(invoke("done", item, "-u", "区发展改革委", "--db", sub, "--doc", "渝中区", "--narrative", "规划已公开"))
    report = tmp_path / "fgw.xlsx"
    ok(invoke("export", "-u", "区发展改革委", "--db", sub, "--doc", "渝中区", "-o", report))
    ok(invoke("import", report, "--db", work_db))

    said = ok(invoke("rollup", "-u", U, "--fill", "--db", work_db)).stdout
    assert "填写 1 个条目的具体完成情况" in said and f"本单位尚未设为已完成的条目:{PLAN}" in said
    mine = {e["id"]: e for e in _listed(work_db, U, "2021")}
    assert mine[PLAN]["narrative"].startswith("区发展改革委(已完成):规划已公开")
    assert mine[PLAN]["status"] == "未开始"  # only suggested
    assert mine[SPECIAL]["narrative"] == "本单位自己写的"
    action = said.split("第 ")[1].split(" 步")[0]
    ok(invoke("step", "undo", action, "-u", U, "--db", work_db))
    assert {e["id"]: e for e in _listed(work_db, U, "2021")}[PLAN]["narrative"] in ("", None)
    ok(invoke("rollup", "-u", U, "--fill", "--set-done", "--db", work_db))
    assert {e["id"]: e for e in _listed(work_db, U, "2021")}[PLAN]["status"] == "已完成"
    assert_user_error(invoke("rollup", "-u", U, "--set-done", "--db", work_db), "--fill")


def test_the_same_breakdown_issued_as_a_table_workbook_loads_with_its_origins(work_db, tmp_path):
    """Item 2's .xlsx: the breakdown table workbook (`template`'s columns) of the same rows,
    which load reads as exactly its cells, and whose rows remember their origin as the Word
    notice's do (custom properties)."""
    _assign(work_db, PLAN, LAWS, "--to", "区发展改革委", "--role", "牵头")
    _assign(work_db, PLAN, "--to", "区财政局", "--role", "配合", "--requirement", "按季度报送")
    out = tmp_path / "分工.xlsx"
    ok(invoke("issue", "-u", U, "--db", work_db, "-o", out))
    sub = tmp_path / "sub.sqlite"
    ok(invoke("load", "--yes", out, "--db", sub))
    ndrc = _listed(sub, "区发展改革委")
    assert [(e["roles"], e["upper"], e["deadline"]) for e in ndrc] == [
        (["牵头"], PLAN, None),
        (["牵头"], LAWS, "2021-06-30"),
    ]
    [finance] = _listed(sub, "区财政局")
    assert (finance["roles"], finance["upper"], finance["document_requirement"]) == (["配合"], PLAN, "按季度报送")
    assert_user_error(invoke("issue", "-u", U, "--db", work_db, "-o", tmp_path / "分工.pdf"), ".docx", ".xlsx")


def test_an_option_a_command_would_not_use_is_refused(work_db):
    _assign(work_db, PLAN, "--to", "区财政局", "--role", "责任")
    assert_user_error(
        invoke("assign", PLAN, "-u", U, "--to", "区财政局", "--remove", "--deadline", "2021-06-01", "--db", work_db),
        "--remove",
    )
    assert_user_error(invoke("assign", PLAN, "-u", U, "--to", "区财政局", "--db", work_db), "--role")
    assert_user_error(
        invoke("assign", PLAN, "-u", U, "--to", "区财政局", "--role", "牵头", "--remove", "--db", work_db),
        "角色是责任,不是牵头",
    )
    assert json.loads(ok(invoke("assignments", "-u", U, "--json", "--db", work_db)).stdout) != []
    assert_user_error(invoke("rollup", "-u", U, "--fill", "--json", "--db", work_db), "--json")
    _assign(work_db, PLAN, "--to", "区财政局", "--remove")  # without --role: whatever its role
    assert json.loads(ok(invoke("assignments", "-u", U, "--json", "--db", work_db)).stdout) == []


def test_loading_the_issued_file_beside_the_citys_of_the_same_year_names_a_doc_that_works(work_db, tmp_path):
    """A department's default database already holds the city's 2021 breakdown: the line
    after `load` must not say `--doc 2021`, which two documents answer to."""
    import shutil

    _assign(work_db, PLAN, "--to", "区发展改革委", "--role", "牵头")
    out = tmp_path / "分工.docx"
    ok(invoke("issue", "-u", U, "--db", work_db, "-o", out))
    sub = tmp_path / "sub.sqlite"
    shutil.copyfile(work_db, sub)
    said = ok(invoke("load", "--yes", out, "--db", sub)).stdout.splitlines()[-1]
    assert said.endswith("查看:gongkai-tui --unit 单位名称 --doc #2")
    ok(invoke("list", "-u", "区发展改革委", "--doc", "#2", "--db", sub))
    assert_user_error(invoke("list", "-u", "区发展改革委", "--doc", "2021", "--db", sub), "2 个 2021 年的文件")


def test_a_later_fill_adds_the_reports_received_since_but_never_over_the_units_own_words(work_db):
    """The first department's report is filled in; the second arrives later and a new --fill
    writes both, as long as nobody edited what the first fill wrote; once the unit edits it,
    it is the unit's own and stays."""
    from tui.store import Store

    _assign(work_db, PLAN, SPECIAL, "--to", "区发展改革委,区财政局", "--role", "责任")

    def report(sub, item, narrative):
        with Store(work_db) as s:
            received(s, U, sub, item, narrative)

    def narratives():
        return {e["id"]: e["narrative"] for e in _listed(work_db, U, "2021") if e["id"] in (PLAN, SPECIAL)}

    report("区发展改革委", PLAN, "规划已公开")
    report("区发展改革委", SPECIAL, "专项规划已公开")
    assert "填写 2 个条目" in ok(invoke("rollup", "-u", U, "--fill", "--db", work_db)).stdout
    ok(invoke("done", SPECIAL, "-u", U, "--narrative", "本区专项规划已全部公开", "--db", work_db))
    report("区财政局", PLAN, "预算已公开")
    report("区财政局", SPECIAL, "预算专项已公开")
    said = ok(invoke("rollup", "-u", U, "--fill", "--db", work_db)).stdout
    assert "填写 1 个条目" in said
    assert narratives() == {
        PLAN: "区发展改革委(已完成):规划已公开\n区财政局(已完成):预算已公开",
        SPECIAL: "本区专项规划已全部公开",
    }
    with Store(work_db, readonly=True) as s:
        from tui.store.progress import source_words

        sources = {h["source"] for h in s.history(U, PLAN) if h["field"] == "narrative"}
    assert {source_words(x) for x in sources} == {"下级报送汇总填写"}
    assert "填写 0 个条目" in ok(invoke("rollup", "-u", U, "--fill", "--db", work_db)).stdout  # nothing new


def test_a_revised_breakdown_without_its_origins_keeps_them_from_the_text_it_revises(work_db, tmp_path):
    """The department loads a revised text of the 区's breakdown that was retyped (the table
    workbook, without the issued file's properties): the items of the same text keep the
    upper item they came from, so the department's report still rolls up in the 区."""
    import openpyxl

    _assign(work_db, PLAN, SPECIAL, "--to", "区发展改革委", "--role", "牵头")
    issued = tmp_path / "分工.docx"
    ok(invoke("issue", "-u", U, "--db", work_db, "-o", issued))
    sub = tmp_path / "sub.sqlite"
    ok(invoke("load", "--yes", issued, "--db", sub))
    table = tmp_path / "分工-修订.xlsx"
    ok(invoke("load", issued, "--as-table", table))
    special = next(e["text"] for e in _listed(work_db, U, "2021") if e["id"] == SPECIAL)
    wb = openpyxl.load_workbook(table)
    ws = wb.worksheets[0]
    cell = next(
        c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(special[:12])
    )
    cell.value = cell.value.replace(special[:12], "修订:" + special[:12], 1)  # one task reworded
    wb.save(table)
    said = ok(invoke("load", "--yes", table, "--revises", "#2", "--db", sub)).stdout
    assert "上级条目的对应 1 条" in said
    mine = _listed(sub, "区发展改革委", "#3")
    assert [e["upper"] for e in mine if e["upper"]] == [PLAN]
    for e in mine:
        ok(invoke("done", e["id"], "-u", "区发展改革委", "--db", sub, "--doc", "#3", "--narrative", "已公开"))
    returned = tmp_path / "fgw.xlsx"
    ok(invoke("export", "-u", "区发展改革委", "--db", sub, "--doc", "#3", "-o", returned))
    result = invoke("import", returned, "--db", work_db)
    assert "收到 区发展改革委 对 渝中区 分解的 1 项的报送" in result.stdout
    lines = json.loads(ok(invoke("rollup", "-u", U, "--json", "--db", work_db)).stdout)["lines"]
    assert [(x["item"], x["reported"]) for x in lines] == [(PLAN, True), (SPECIAL, False)]
