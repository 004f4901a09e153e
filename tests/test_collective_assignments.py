"""分解 a person made under a collective's own name (各区县政府) move to the member with the
rest of its records, in the same one undoable step; the 下级报送 received for them follow
their assignment both ways; a member's own different assignment of the same item to the
same sub-unit is a conflict, kept unless --replace or --keep-member says otherwise
(issue #25, store/collective_assignments.py)."""

from __future__ import annotations

import pytest

from tests.cascade_helpers import received
from tests.cli_helpers import invoke, ok
from tui.store import Store
from tui.store.collective_records import find_leftovers, leftover_counts

C, M = "各区县政府", "渝中区"
A, B = "1.1.3-1", "1.1.3-2"  # both name 各区县政府


@pytest.fixture(autouse=True)
def settings_file(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_SETTINGS", str(tmp_path / "settings.json"))


@pytest.fixture
def legacy_db(work_db):
    """各区县政府 assigned A to two departments and B to one, one of which reported; 渝中区
    assigned A to 区财政局 itself, with another role."""
    with Store(work_db) as s:
        s.assign(C, [A], ["区发展改革委", "区财政局"], "牵头", deadline="2021-06-30")
        s.assign(C, [B], ["区教委"], "责任")
        received(s, C, "区发展改革委", A, "已公开规划")
        received(s, C, "区教委", B, "已公开解读")
        s.assign(M, [A], ["区财政局"], "配合")
    return work_db


def cascade(db) -> tuple[list, list]:
    with Store(db, readonly=True) as s:
        assigned = s.conn.execute("SELECT unit, item_id, sub_unit, role FROM assignments ORDER BY 1, 2, 3").fetchall()
        reports = s.conn.execute(
            "SELECT unit, item_id, sub_unit, narrative FROM sub_reports ORDER BY 1, 2, 3"
        ).fetchall()
    return [tuple(r) for r in assigned], [tuple(r) for r in reports]


def test_assignments_under_a_collective_are_found_listed_and_counted(legacy_db):
    with Store(legacy_db, readonly=True) as s:
        [found] = find_leftovers(s.conn)
        assert leftover_counts(s.conn) == {C: 2}
    assert (found.items, found.assignment_count) == ([A, B], 3)
    out = ok(invoke("collective-records", C, "--db", legacy_db)).stdout.splitlines()
    assert out[0] == f"{C} · 渝府办发〔2021〕50号:2 个条目,佐证 0 条,分解 3 条"
    assert out[1].endswith("分解给:区发展改革委(牵头)、区财政局(牵头)")


def test_a_move_takes_assignments_and_their_reports_and_one_undo_puts_them_back(legacy_db):
    before = cascade(legacy_db)
    result = invoke("collective-records", C, "--move-to", M, "--db", legacy_db)
    assert result.exit_code == 3  # the conflict on 区财政局 is left as it is
    assert "移到「渝中区」名下" in result.stdout and "分解 2 条,下级报送随分解移动" in result.stdout
    assert f"{A} 分解给区财政局:{C} 牵头,时限 2021-06-30 / {M} 配合" in result.stderr
    assigned, reports = cascade(legacy_db)
    assert assigned == [
        (C, A, "区财政局", "牵头"),  # the conflict stays where it was, not dropped
        (M, A, "区发展改革委", "牵头"),
        (M, A, "区财政局", "配合"),  # the member's own, untouched
        (M, B, "区教委", "责任"),
    ]
    assert reports == [(M, A, "区发展改革委", "已公开规划"), (M, B, "区教委", "已公开解读")]
    with Store(legacy_db, readonly=True) as s:
        rolled = {(x["item"], x["sub_unit"]): x for x in s.rollup(M)}
    assert rolled[(A, "区发展改革委")]["narrative"] == "已公开规划"
    action = result.stdout.split("collective-records --undo ")[1].split(")")[0]
    ok(invoke("collective-records", "--undo", action, "--db", legacy_db))
    assert cascade(legacy_db) == before


@pytest.mark.parametrize(
    "flag, member_has",
    [("--replace", (M, A, "区财政局", "牵头")), ("--keep-member", (M, A, "区财政局", "配合"))],
)
def test_replace_or_keep_member_decide_the_conflict_and_leave_nothing_behind(legacy_db, flag, member_has):
    before = cascade(legacy_db)
    out = ok(invoke("collective-records", C, "--move-to", M, flag, "--db", legacy_db)).stdout
    assigned, _ = cascade(legacy_db)
    assert member_has in assigned and not any(unit == C for unit, *_ in assigned)
    with Store(legacy_db, readonly=True) as s:
        assert find_leftovers(s.conn) == []
    action = out.split("collective-records --undo ")[1].split(")")[0]
    ok(invoke("collective-records", "--undo", action, "--db", legacy_db))
    assert cascade(legacy_db) == before


def test_the_apps_offer_counts_the_assignments_it_moves(legacy_db):
    from tui.app.collectives import offer_text
    from tui.store.collective_records import plan_move

    with Store(legacy_db, readonly=True) as s:
        title, body = offer_text(plan_move(s.conn, C, M))
    assert "2 个条目的进度(佐证 0 条,分解 2 条)记在统称「各区县政府」名下" in body
    assert f"{A} 分解给区财政局:{C} 牵头,时限 2021-06-30 / {M} 配合" in body
