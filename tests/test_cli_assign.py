"""分解 and 印发 through the CLI (issue #25 items 1–3): 渝中区 assigns its items (and a 细化
step) to its departments and 街道 with roles, 具体要求 and 时限, issues its own 任务分工 as a
Word file, and that file, loaded into another working database, gives each sub-unit exactly
the rows, roles, requirements and deadlines it was assigned."""

from __future__ import annotations

import json

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
    assert [(e["roles"], e["deadline"]) for e in ndrc] == [(["牵头"], None), (["牵头"], "2021-05-31"), (["牵头"], None),
                                                           (["牵头"], "2021-06-30")]
    assert ndrc[0]["text"] == plan_text and ndrc[1]["text"] == "编制规划解读材料"
    assert ndrc[0]["document_requirement"] == "每季度报送进展"
    finance = _listed(sub, "区财政局")
    assert [(e["roles"], e["deadline"], e["document_requirement"]) for e in finance] == [
        (["责任"], None, "每季度报送进展"), (["责任"], "2021-06-30", "每季度报送进展")]
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
    message = assert_user_error(invoke("assign", LAWS, "-u", U, "--to", "区财政局", "--role", "责任",
                                       "--deadline", "2021-07-15", "--db", work_db), "晚于条目 3.1.1-1", "--yes")
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
    assert_user_error(invoke("issue", "-u", U, "--db", work_db, "-o", tmp_path / "a.pdf"), ".docx")
    assert_user_error(invoke("assign", PLAN, "-u", U, "--to", "区 财政局", "--role", "责任", "--db", work_db),
                      "不像单位名称")
