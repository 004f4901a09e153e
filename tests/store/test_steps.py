"""细化 steps and 具体完成情况 in the store (issue #23 items 3 and 4): each write one action,
the item following its steps unless its status was set by hand, undo and redo by replay
with the conflict checks, numbers never reused, the narrative kept in history and never
filled in on anyone's behalf."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing

import pytest

from tui.store import InputError, Store
from tui.store.progress import Conflict
from tui.store.step_rows import follow, rolled
from tui.store.steps import evidence_title, shown_narrative, split_ref

U, ITEM = "渝中区", "1.1.3-1"
DAY = dt.date(2026, 3, 1)


@pytest.fixture
def store(work_db):
    with Store(work_db) as s:
        yield s


def statuses(store, item=ITEM):
    return [s["status"] for s in store.steps_of(U, [item]).get(item, [])]


@pytest.mark.parametrize(
    "steps, expected",
    [
        ([], None),
        (["不适用"], None),
        (["未开始", "未开始"], "未开始"),
        (["未开始", "推进中"], "推进中"),
        (["已完成", "未开始"], "推进中"),
        (["已完成", "已完成"], "已完成"),
        (["已完成", "不适用"], "已完成"),
    ],
)
def test_what_steps_say_of_their_item(steps, expected):
    assert rolled(steps) == expected


@pytest.mark.parametrize(
    "item, before, after, expected",
    [
        ("未开始", "未开始", "推进中", "推进中"),  # following its steps
        ("推进中", "推进中", "已完成", "已完成"),
        ("已完成", "已完成", "推进中", "推进中"),  # a step reopened
        ("已完成", "推进中", "已完成", None),  # set by hand before the steps got there: stays (already there)
        ("推进中", "未开始", "已完成", None),  # set by hand: not following
        ("不适用", "推进中", "已完成", None),  # 不适用 is never moved
        ("推进中", None, "未开始", None),  # the first step never moves an item back
        ("未开始", None, "推进中", "推进中"),  # … but forward
        ("推进中", "推进中", None, None),  # the last step removed: the item keeps its status
    ],
)
def test_when_the_item_follows(item, before, after, expected):
    assert follow(item, before, after) == expected


def test_steps_are_numbered_and_read_back_with_their_fields(store):
    n1, a1 = store.add_step(
        U,
        ITEM,
        "  发布政策解读 ",
        {
            "office": "办公室",
            "person": "王芳",
            "deadline": "2026-06-30",
            "path": "政府网站",
            "target": "发布解读 ≥ 4 篇",
        },
    )
    n2, a2 = store.add_step(U, ITEM, "更新专栏")
    assert (n1, n2) == (1, 2) and a2 == a1 + 1
    [first, second] = store.steps_of(U)[ITEM]
    assert {k: first[k] for k in ("number", "text", "office", "person", "deadline", "path", "target", "status")} == {
        "number": 1,
        "text": "发布政策解读",
        "office": "办公室",
        "person": "王芳",
        "deadline": "2026-06-30",
        "path": "政府网站",
        "target": "发布解读 ≥ 4 篇",
        "status": "未开始",
    }
    assert second["text"] == "更新专栏" and second["evidence"] == []
    assert [s["number"] for s in store.entry(U, ITEM).steps] == [1, 2]
    assert store.steps_of(U, ["1.1.3-2"]) == {} and store.steps_of("江北区") == {}


def test_the_item_follows_its_steps_and_one_undo_takes_back_both(store):
    store.add_step(U, ITEM, "一")
    store.add_step(U, ITEM, "二")
    store.set_step_status(U, ITEM, 1, "推进中")
    assert store.entry(U, ITEM).status == "推进中"
    store.set_step_status(U, ITEM, 1, "已完成", today=DAY)
    assert store.entry(U, ITEM).status == "推进中"
    last = store.set_step_status(U, ITEM, 2, "已完成", today=dt.date(2026, 3, 5))
    e = store.entry(U, ITEM)
    assert (e.status, e.done_date) == ("已完成", "2026-03-05")  # the latest step's 完成时间
    assert {h["field"] for h in store.history(U, ITEM) if h["action_id"] == last} == {
        "step:2:status",
        "step:2:done_date",
        "status",
        "done_date",
    }
    store.undo(U, last)
    e = store.entry(U, ITEM)
    assert (e.status, e.done_date, statuses(store)) == ("推进中", None, ["已完成", "未开始"])
    store.redo(U, last)
    assert store.entry(U, ITEM).status == "已完成" and statuses(store) == ["已完成", "已完成"]


def test_an_item_set_by_hand_keeps_its_status(store):
    store.add_step(U, ITEM, "一")
    store.add_step(U, ITEM, "二")
    store.set_status(U, [ITEM], "已完成", today=DAY)  # the user says otherwise
    store.set_step_status(U, ITEM, 1, "推进中")
    assert store.entry(U, ITEM).status == "已完成"
    store.set_status(U, [ITEM], "不适用", reason="本区无此规划")
    store.set_step_status(U, ITEM, 1, "已完成", today=DAY)
    store.set_step_status(U, ITEM, 2, "已完成", today=DAY)
    assert store.entry(U, ITEM).status == "不适用"


def test_removing_a_step_with_evidence_is_one_undoable_action_and_its_number_is_not_reused(store):
    store.add_step(U, ITEM, "一")
    store.add_step(U, ITEM, "二")
    store.add_step_evidence(U, ITEM, 2, ["https://www.cqyz.gov.cn/a.html", "https://www.cqyz.gov.cn/b.html"])
    gone = store.remove_step(U, ITEM, 2)
    assert [s["number"] for s in store.steps_of(U)[ITEM]] == [1]
    n, _ = store.add_step(U, ITEM, "三")
    assert n == 3  # not 2: undoing the removal puts 二 back under its own number
    store.undo(U, gone)
    back = {s["number"]: s for s in store.steps_of(U)[ITEM]}
    assert sorted(back) == [1, 2, 3] and back[2]["text"] == "二"
    assert [r["value"] for r in back[2]["evidence"]] == [
        "https://www.cqyz.gov.cn/a.html",
        "https://www.cqyz.gov.cn/b.html",
    ]
    assert store.evidence(U, ITEM) == []  # a step's evidence is not the item's


def test_undoing_an_addition_is_refused_when_the_step_was_changed_since(work_db):
    with Store(work_db) as mine, Store(work_db) as other:
        _, added = mine.add_step(U, ITEM, "一")
        other.edit_step(U, ITEM, 1, {"person": "李明"})  # another window
        with pytest.raises(Conflict, match="无法撤销"):
            mine.undo(U, added)
        assert [s["person"] for s in mine.steps_of(U)[ITEM]] == ["李明"]


def test_undoing_a_step_field_changed_elsewhere_is_refused_naming_it(work_db):
    with Store(work_db) as mine, Store(work_db) as other:
        mine.add_step(U, ITEM, "一")
        edit = mine.edit_step(U, ITEM, 1, {"office": "办公室"})
        other.edit_step(U, ITEM, 1, {"office": "政务公开科"})
        with pytest.raises(Conflict, match="步骤 1 的责任科室"):
            mine.undo(U, edit)


def test_the_narrative_is_kept_in_history_undone_and_never_filled_in(store):
    store.add_evidence(U, ITEM, "https://www.cqyz.gov.cn/a.html", caption="政策解读专栏")
    assert store.entry(U, ITEM).narrative is None  # evidence alone writes nothing
    assert shown_narrative(None, store.evidence(U, ITEM)) == ("政策解读专栏", False)
    first = store.set_narrative(U, ITEM, "已发布解读 4 篇\n专栏已更新\n")
    assert store.entry(U, ITEM).narrative == "已发布解读 4 篇\n专栏已更新"
    second = store.mark_done(U, ITEM, narrative="全部完成", today=DAY)
    assert [h["new"] for h in store.history(U, ITEM) if h["field"] == "narrative"] == [
        "已发布解读 4 篇\n专栏已更新",
        "全部完成",
    ]
    store.undo(U, second)
    assert store.entry(U, ITEM).narrative == "已发布解读 4 篇\n专栏已更新"
    store.undo(U, first)
    assert store.entry(U, ITEM).narrative is None


def test_a_steps_narrative_and_done_in_one_action(store):
    store.add_step(U, ITEM, "一")
    action = store.mark_step_done(U, ITEM, 1, ["https://www.cqyz.gov.cn/a.html"], "写了\n两行", today=DAY)
    [step] = store.steps_of(U)[ITEM]
    assert (step["status"], step["done_date"], step["narrative"]) == ("已完成", "2026-03-01", "写了\n两行")
    assert store.entry(U, ITEM).status == "已完成" and not store.entry(U, ITEM).missing_evidence
    store.undo(U, action)
    [step] = store.steps_of(U)[ITEM]
    assert (step["status"], step["narrative"], step["evidence"]) == ("未开始", None, [])
    assert store.entry(U, ITEM).status == "未开始"


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda s: s.add_step(U, ITEM, "  "), "步骤内容为空"),
        (lambda s: s.add_step(U, ITEM, "x", {"status": "已完成"}), "不能这样设置"),
        (lambda s: s.set_step_status(U, ITEM, 7, "已完成"), "没有步骤 1.1.3-1.7"),
        (lambda s: s.add_step(U, "9.9.9-9", "x"), "没有编号为"),
        (lambda s: s.add_step(U, ITEM, "x\x01"), "控制字符"),
    ],
)
def test_bad_step_input_is_refused_and_nothing_is_written(store, call, message):
    with pytest.raises(InputError, match=message):
        call(store)
    assert store.steps_of(U) == {} and store.history(U, ITEM) == []


def test_a_step_not_applicable_needs_a_reason(store):
    store.add_step(U, ITEM, "一")
    with pytest.raises(InputError, match="理由"):
        store.set_step_status(U, ITEM, 1, "不适用")
    store.set_step_status(U, ITEM, 1, "不适用", reason="本区不涉及")
    assert store.steps_of(U)[ITEM][0]["reason"] == "本区不涉及"


@pytest.mark.parametrize(
    "text, expected", [("1.1.3-1.2", ("1.1.3-1", 2)), ("1-1.10", ("1-1", 10)), (" 4.1-2.1 ", ("4.1-2", 1))]
)
def test_a_step_is_named_by_its_item_and_number(text, expected):
    assert split_ref(text) == expected


@pytest.mark.parametrize("text", ["1.1.3-1", "1.1.3", "x.1", ""])
def test_what_names_no_step_is_refused_with_the_form(text):
    with pytest.raises(InputError, match="条目编号.步骤序号"):
        split_ref(text)


def test_a_file_is_titled_by_its_name_never_its_path():
    assert evidence_title({"kind": "file", "value": "/home/wang/通知.pdf", "caption": ""}) == "通知.pdf"
    assert evidence_title({"kind": "file", "value": r"C:\Users\wang\通知.docx", "caption": None}) == "通知.docx"
    assert evidence_title({"kind": "url", "value": "https://x.gov.cn/a", "caption": "专栏"}) == "专栏"


def test_steps_are_carried_to_a_revised_text(work_db, tmp_path):
    from tui.store.carry import carry

    with Store(work_db) as s:
        s.add_step(U, ITEM, "一", {"office": "办公室"})
        s.add_step(U, ITEM, "二")
        s.mark_step_done(U, ITEM, 1, ["https://www.cqyz.gov.cn/a.html"], "写了", today=DAY)
        s.set_narrative(U, ITEM, "整体情况")
    target = tmp_path / "new.sqlite"
    from tests.conftest import PRISTINE
    import shutil

    shutil.copyfile(PRISTINE, target)
    Store(target).close()  # the same document in another database: every item keeps its id
    with closing(sqlite3.connect(work_db)) as old, closing(sqlite3.connect(target)) as new:
        old.row_factory = new.row_factory = sqlite3.Row
        report = carry(old, 1, new, 1)
        new.commit()
    assert (report.step_rows, report.step_evidence_rows) == (2, 1)
    with Store(target) as s:
        steps = s.steps_of(U)[ITEM]
        assert [(x["number"], x["text"], x["status"]) for x in steps] == [(1, "一", "已完成"), (2, "二", "未开始")]
        assert [r["value"] for r in steps[0]["evidence"]] == ["https://www.cqyz.gov.cn/a.html"]
        assert s.entry(U, ITEM).narrative == "整体情况"
        last = max(h["action_id"] for h in s.history(U, ITEM))
        s.undo(U, last)  # the carried history replays in the new database
        assert s.entry(U, ITEM).narrative is None


def test_steps_given_their_numbers_go_in_one_action_and_a_taken_number_refuses_it(store):
    from tui.store.progress import Batch, apply_batches
    from tui.store.steps import add_changes

    changes = []
    for number, text in ((1, "一"), (2, "二")):
        changes += add_changes(store.conn, store.doc, U, ITEM, text, {"office": "办公室"}, number=number)[1]
    apply_batches(store.wconn, [Batch(store.doc, U, changes, "import:test")])
    assert [(s["number"], s["text"]) for s in store.steps_of(U)[ITEM]] == [(1, "一"), (2, "二")]
    clash = add_changes(store.conn, store.doc, U, ITEM, "另一个", {}, number=2)[1]
    with pytest.raises(Conflict, match="步骤 1.1.3-1.2 已存在"):
        apply_batches(
            store.wconn,
            [
                Batch(
                    store.doc,
                    U,
                    add_changes(store.conn, store.doc, U, ITEM, "三", {}, number=3)[1] + clash,
                    "import:test",
                )
            ],
        )
    assert [s["number"] for s in store.steps_of(U)[ITEM]] == [1, 2]  # 三, written first, went back with it
