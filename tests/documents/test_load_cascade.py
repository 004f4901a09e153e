"""`load --revises` carries a unit's 分解 and the 下级报送 received for them with its progress
(issue #25, store/carry_cascade.py): by the item's exact text, a step's assignment with its
step; an item whose text changed is listed with who had assigned it, never dropped silently."""

from __future__ import annotations

import json

from tests.cascade_helpers import received
from tests.cli_helpers import invoke, ok
from tui.store import Store

from .conftest import N2022, Y2022_REVISED, rows

U = "渝中区"
KEPT = "1.1.3-1"  # the same text in the revision
REWORDED = "1.2.1-2"  # 市财政局's, reworded in the revision


def assign(db, *args):
    return ok(invoke("assign", *args, "--db", db))


def cascade(db, doc: int) -> list[dict]:
    return rows(
        db,
        "SELECT item_id, unit, step, sub_unit, role, requirement, deadline, assigned_at FROM assignments"
        " WHERE doc = ? ORDER BY item_id, unit, step, sub_unit",
        (doc,),
    )


def test_a_revised_text_carries_assignments_and_received_reports(two_years):
    db = ("--db", two_years)
    assign(two_years, KEPT, "-u", U, "--to", "区发展改革委", "--role", "牵头", "--requirement", "6月底前公开")
    assign(two_years, KEPT, "-u", U, "--to", "区财政局,区教委", "--role", "配合", "--deadline", "长期坚持")
    ok(invoke("step", "add", KEPT, "发布规划解读", "-u", U, *db))
    assign(two_years, KEPT, "-u", U, "--to", "区规划自然资源局", "--role", "责任", "--step", "1")
    assign(two_years, REWORDED, "-u", "市财政局", "--to", "预算处", "--role", "牵头")
    with Store(two_years) as s:
        received(s, U, "区发展改革委", KEPT, "区发展改革委已在官网公开")
    before = cascade(two_years, 2)
    out = ok(invoke("load", "--yes", Y2022_REVISED, "--revises", N2022, *db)).stdout
    assert "分解 4 条,下级报送 1 条" in out
    assert f"分解和下级报送未带入,请在新文件中重新分解):{REWORDED}" in out
    assert "(有分解:市财政局,未带入)" in out
    carried = cascade(two_years, 3)
    assert carried == [a for a in before if a["item_id"] == KEPT]  # every column, the step's too
    assert cascade(two_years, 2) == before  # the old text keeps its own
    rolled = json.loads(ok(invoke("rollup", "-u", U, "--json", *db)).stdout)["lines"]
    got = {(x["item"], x["step"], x["sub_unit"]): x for x in rolled}
    assert got[(KEPT, 0, "区发展改革委")]["narrative"] == "区发展改革委已在官网公开"
    assert not got[(KEPT, 0, "区财政局")]["reported"] and (KEPT, 1, "区规划自然资源局") in got
    assert not any(
        x["item"] == REWORDED for x in json.loads(ok(invoke("rollup", "-u", "市财政局", "--json", *db)).stdout)["lines"]
    )


def test_a_carried_assignment_is_undone_by_its_action_in_the_revision(two_years):
    db = ("--db", two_years)
    out = assign(two_years, KEPT, "-u", U, "--to", "区发展改革委", "--role", "牵头").stdout
    ok(invoke("load", "--yes", Y2022_REVISED, "--revises", N2022, *db))
    action = rows(two_years, "SELECT action_id FROM history WHERE doc = 3 AND field = 'assign:+'")[0]["action_id"]
    assert "step undo" in out  # the hint the command gave names the old action; the carried one is renumbered
    ok(invoke("step", "undo", str(action), "-u", U, *db))
    assert cascade(two_years, 3) == [] and len(cascade(two_years, 2)) == 1


def test_a_sub_units_report_of_the_text_before_the_revision_rolls_up_into_the_revision(two_years, tmp_path):
    """The 区 issued its breakdown from the 2022 text, then loaded the city's revised text:
    the department's report, naming the items of the older text, lands on the revision's
    items of the same text; a line whose item was reworded is listed, not taken."""
    db = ("--db", two_years)
    assign(two_years, KEPT, "2.1.3-1", "-u", U, "--to", "区发展改革委", "--role", "牵头")
    issued = tmp_path / "分工.docx"
    ok(invoke("issue", "-u", U, "-o", issued, *db))
    sub = tmp_path / "sub.sqlite"
    ok(invoke("load", "--yes", issued, "--db", sub))
    mine = json.loads(ok(invoke("list", "-u", "区发展改革委", "--json", "--db", sub, "--doc", U)).stdout)
    for e in mine:
        ok(invoke("done", e["id"], "-u", "区发展改革委", "--db", sub, "--doc", U, "--narrative", f"已办 {e['id']}"))
    returned = tmp_path / "fgw.xlsx"
    ok(invoke("export", "-u", "区发展改革委", "--db", sub, "--doc", U, "-o", returned))
    ok(invoke("load", "--yes", Y2022_REVISED, "--revises", N2022, *db))
    result = invoke("import", returned, *db)
    assert "2.1.3-1 在修订后的文本中文字已改动或已删除" in result.stderr
    rolled = json.loads(ok(invoke("rollup", "-u", U, "--json", *db)).stdout)["lines"]  # the revision's
    assert [(x["item"], x["sub_unit"], x["reported"], x.get("status")) for x in rolled] == [
        (KEPT, "区发展改革委", True, "已完成")
    ]
    assert rows(two_years, "SELECT count(*) AS n FROM sub_reports WHERE doc = 2") == [{"n": 0}]
