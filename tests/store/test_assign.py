"""分解 in the store (issue #25 item 1): a unit assigns its items and 细化 steps to its own
sub-units with a role, 具体要求 and 时限; each call one action, undone and redone by replay
with the conflict checks; an assignment changed is taken back and made anew in one action;
a 时限 later than the item's own is refused unless asked; kept through backup and restore."""

from __future__ import annotations

import pytest

from tui.store import InputError, Store
from tui.store.assign import sub_unit_names
from tui.store.progress import Conflict

U = "渝中区"
DUE = "3.1.1-1"  # 渝中区's item due 2021-06-30
PLAIN = "1.1.3-1"  # without a date


@pytest.fixture
def store(work_db):
    with Store(work_db) as s:
        yield s


def shown(store, item):
    return [
        (a["step"], a["sub_unit"], a["role"], a["requirement"], a["deadline"])
        for a in store.assignments_of(U, [item]).get(item, [])
    ]


def test_assigning_items_to_sub_units_is_one_action_and_one_undo(store):
    action = store.assign(U, [PLAIN, DUE], ["区发展改革委", "区财政局"], "责任", "每季度报送进展", "2021-06-15")
    store.assign(U, [PLAIN], ["区政府办公室"], "牵头")
    assert shown(store, PLAIN) == [
        (0, "区政府办公室", "牵头", None, None),
        (0, "区发展改革委", "责任", "每季度报送进展", "2021-06-15"),
        (0, "区财政局", "责任", "每季度报送进展", "2021-06-15"),
    ]
    store.undo(U, action)
    assert shown(store, PLAIN) == [(0, "区政府办公室", "牵头", None, None)] and shown(store, DUE) == []
    store.redo(U, action)
    assert len(shown(store, DUE)) == 2


def test_assigning_again_with_another_role_replaces_it_in_one_action(store):
    store.assign(U, [PLAIN], ["区财政局"], "责任")
    assert store.assign(U, [PLAIN], ["区财政局"], "责任") is None  # the same again: nothing to write
    action = store.assign(U, [PLAIN], ["区财政局"], "牵头", deadline="长期坚持")
    assert shown(store, PLAIN) == [(0, "区财政局", "牵头", None, "长期坚持")]
    store.undo(U, action)
    assert shown(store, PLAIN) == [(0, "区财政局", "责任", None, None)]


def test_a_step_is_assigned_on_its_own(store):
    number, _ = store.add_step(U, PLAIN, "发布规划解读")
    store.assign(U, [PLAIN], ["区发展改革委"], "牵头", step=number)
    assert shown(store, PLAIN) == [(number, "区发展改革委", "牵头", None, None)]
    with pytest.raises(InputError, match="没有步骤 9"):
        store.assign(U, [PLAIN], ["区发展改革委"], "牵头", step=9)


def test_a_deadline_later_than_the_items_is_refused_unless_asked(store):
    with pytest.raises(InputError, match="晚于条目 3.1.1-1 自己的时限 2021-06-30"):
        store.assign(U, [DUE], ["区财政局"], "责任", deadline="2021年7月15日")
    assert shown(store, DUE) == []
    store.assign(U, [DUE], ["区财政局"], "责任", deadline="2021年7月15日", later_ok=True)
    assert shown(store, DUE) == [(0, "区财政局", "责任", None, "2021-07-15")]
    store.assign(U, [DUE], ["区教委"], "配合", deadline="2021/6/1")  # earlier: fine
    assert shown(store, DUE)[-1] == (0, "区教委", "配合", None, "2021-06-01")


@pytest.mark.parametrize(
    "call, says",
    [
        (lambda s: s.assign(U, [PLAIN], ["区财政局"], "负责"), "角色应为 牵头 / 责任 / 配合"),
        (lambda s: s.assign(U, [PLAIN], [U], "责任"), "不能把条目分解给本单位"),
        (lambda s: s.assign(U, ["9.9.9-9"], ["区财政局"], "责任"), "9.9.9-9"),
        (lambda s: s.unassign(U, [PLAIN], ["区财政局"]), "没有分解给「区财政局」"),
    ],
)
def test_what_cannot_be_assigned_is_refused_and_nothing_written(store, call, says):
    with pytest.raises(InputError, match=says):
        call(store)
    assert store.assignments_of(U) == {}


def test_undoing_an_assignment_changed_since_is_refused(store):
    first = store.assign(U, [PLAIN], ["区财政局"], "责任")
    store.assign(U, [PLAIN], ["区财政局"], "牵头")
    with pytest.raises(Conflict):
        store.undo(U, first)
    assert shown(store, PLAIN) == [(0, "区财政局", "牵头", None, None)]


def test_unassigning_is_one_action_and_undone(store):
    store.assign(U, [PLAIN, DUE], ["区财政局"], "责任")
    action = store.unassign(U, [PLAIN, DUE], ["区财政局"])
    assert store.assignments_of(U) == {}
    store.undo(U, action)
    assert len(store.assignments_of(U)) == 2


@pytest.mark.parametrize(
    "text, names",
    [
        ("区发展改革委,区财政局、各街道办事处", ["区发展改革委", "区财政局", "各街道办事处"]),
        (" 区财政局 ;区财政局；区教委", ["区财政局", "区教委"]),
    ],
)
def test_sub_unit_names_as_typed(text, names):
    assert sub_unit_names(text) == names


@pytest.mark.parametrize("text", ["", " , ", "区 财政局", "区", "甲" * 41])
def test_what_is_no_list_of_names_is_refused(text):
    with pytest.raises(InputError):
        sub_unit_names(text)


def test_assignments_and_received_reports_survive_a_backup_and_restore(work_db, tmp_path):
    from tests.cli_helpers import invoke, ok

    from tests.cascade_helpers import received

    with Store(work_db) as s:
        s.assign(U, [PLAIN], ["区财政局", "区教委"], "责任", "按季度报送")
        received(s, U, "区财政局", PLAIN)
        s.wconn.execute("UPDATE document SET upper = ?", ('{"1.1.1-1": "渝府办发〔2021〕50号 1.1.1-1"}',))
        before = s.assignments_of(U), s.rollup(U)
    ok(invoke("backup", tmp_path / "备份.sqlite", "--db", work_db))
    with Store(work_db) as s:
        s.unassign(U, [PLAIN], ["区财政局", "区教委"])
        s.wconn.execute("DELETE FROM sub_reports")
        s.wconn.execute("UPDATE document SET upper = NULL")
    ok(invoke("restore", tmp_path / "备份.sqlite", "--db", work_db))
    with Store(work_db) as s:
        assert (s.assignments_of(U), s.rollup(U)) == before
        assert before[1][0]["narrative"] == "已公开"
        assert (
            s.conn.execute("SELECT upper FROM document").fetchone()[0] == '{"1.1.1-1": "渝府办发〔2021〕50号 1.1.1-1"}'
        )


def test_removing_a_step_takes_its_assignments_back_and_one_undo_gives_them_again(store):
    from tests.cli_helpers import invoke, ok

    number, _ = store.add_step(U, PLAIN, "发布规划解读")
    store.assign(U, [PLAIN], ["区发展改革委", "区财政局"], "牵头", step=number)
    store.assign(U, [PLAIN], ["区教委"], "责任")  # the item's own stays
    out = ok(invoke("step", "remove", f"{PLAIN}.{number}", "-u", U, "--db", store.path)).stdout
    assert f"已删除步骤 {PLAIN}.{number},并取消了这一步对 区发展改革委、区财政局 的分解" in out
    assert shown(store, PLAIN) == [(0, "区教委", "责任", None, None)]
    action = int(out.split("step undo ")[1].split()[0])
    store.undo(U, action)
    assert shown(store, PLAIN) == [
        (0, "区教委", "责任", None, None),
        (number, "区发展改革委", "牵头", None, None),
        (number, "区财政局", "牵头", None, None),
    ]
    assert [s["number"] for s in store.steps_of(U, [PLAIN])[PLAIN]] == [number]


def test_filling_leaves_out_a_report_that_says_nothing_yet():
    """A sub-unit that reported an item still 未开始 with nothing written adds no line to the
    unit's own 具体完成情况, so the item stays empty for the reports still to come."""
    from types import SimpleNamespace

    from tui.store.sub_reports import fill_plan

    def line(item, sub, status, narrative=""):
        return {"item": item, "step": 0, "sub_unit": sub, "reported": True, "status": status, "narrative": narrative}

    lines = [
        line("a", "区委宣传部", "未开始"),
        line("b", "区委宣传部", "推进中"),
        line("c", "区委宣传部", "未开始", "已起草"),
        line("c", "解放碑街道", "未开始"),
    ]
    entries = {i: SimpleNamespace(narrative=None, status="未开始") for i in "abc"}
    narratives, done = fill_plan(lines, entries)
    assert narratives == {"b": "区委宣传部(推进中)", "c": "区委宣传部(未开始):已起草"}
    assert done == []
