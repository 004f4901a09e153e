"""分解 in the app (A, issue #25 item 1): the item under the cursor, or every item marked with v,
assigned to sub-units typed in one form, in one write that one z takes back (names outside the
下级单位目录 asked about first, then added to it); the role is a choice made
with keys (←→, 1 2 3). A snapshot of the form at a fixed size. The offered names, the catalogue
editor, steps and last year's assignment: test_assign_offers.py."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from textual.widgets import Input

from tui.app.assign_dialog import AssignDialog, RoleChoice
from tui.app.dialogs import ConfirmDialog
from tui.app.checklist_view import ChecklistView
from tui.store import Store

from .test_snapshots import press_then_still

SIZE = (120, 36)
U = "渝中区"


def assigned(work_db) -> dict:
    with Store(work_db, readonly=True) as store:
        return {
            k: [(a["sub_unit"], a["role"], a["requirement"], a["deadline"]) for a in v]
            for k, v in store.assignments_of(U).items()
        }


def catalogue(work_db) -> list[str]:
    with Store(work_db, readonly=True) as store:
        return store.sub_units(U)


async def test_marked_items_are_assigned_in_one_write_and_one_undo(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        ids = [e.id for e in app.screen.query_one(ChecklistView).entries[:2]]
        await pilot.press("v", "v", "A")
        await pilot.pause()
        assert isinstance(app.screen, AssignDialog)
        await pilot.press(
            *"区发展改革委", "comma", *"解放碑街道", "tab", "tab", *"每季度报送", "tab", *"2021-06-01", "enter"
        )
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # neither name is in the 下级单位目录: asked first
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, (AssignDialog, ConfirmDialog))
        assert catalogue(work_db) == ["区发展改革委", "解放碑街道"]
        assert assigned(work_db) == {
            i: [
                ("区发展改革委", "责任", "每季度报送", "2021-06-01"),
                ("解放碑街道", "责任", "每季度报送", "2021-06-01"),
            ]
            for i in ids
        }
        await pilot.press("z")
        await pilot.pause()
        assert assigned(work_db) == {}


async def test_the_role_is_chosen_with_keys_and_escape_writes_nothing(make_app, work_db):
    """The role is a choice, 责任 unless changed: Tab reaches it after the names, → moves to
    配合, 1 chooses 牵头, Enter goes on to 具体要求; nothing can be mistyped. Esc writes nothing."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        first = app.screen.query_one(ChecklistView).entries[0].id
        await pilot.press("A", *"区财政局", "tab")
        await pilot.pause()
        role = app.screen.query_one(RoleChoice)
        assert app.screen.focused is role and role.role == "责任"
        await pilot.press("right")
        assert role.role == "配合"
        await pilot.press("right")
        assert role.role == "牵头"  # round again
        await pilot.press("2")
        assert role.role == "责任"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AssignDialog) and assigned(work_db) == {}
        await pilot.press("A", *"区财政局", "tab", "1", "enter")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#assign-requirement", Input)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert assigned(work_db) == {first: [("区财政局", "牵头", None, None)]}


def test_assign_dialog(snap_compare, make_app, work_db):
    with Store(work_db) as store:
        store.assign(U, ["1.1.3-1"], ["区发展改革委"], "牵头")
        store.assign(U, ["1.1.3-1"], ["区财政局", "解放碑街道"], "责任", deadline="2021-06-30")
    with closing(sqlite3.connect(work_db)) as conn:  # the history the detail shows: its time and user pinned
        conn.execute("UPDATE history SET at = '2021-07-20T10:00:00', os_user = '科员'")
        conn.commit()
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=press_then_still("A"))


def test_forty_marked_items_list_five_assignments_and_count_the_rest():
    from tui.app.assign_dialog import assigned_text

    ids = [f"1.1.{i}-1" for i in range(40)]
    assigned = {i: [{"role": "责任", "sub_unit": "区财政局", "step": 0}] for i in ids[::2]}  # 20 of them
    text = assigned_text(assigned, ids).plain
    assert text.count("已分解:") == 5 and "另有 15 个条目已分解" in text
    assert text.splitlines()[0] == "1.1.0-1 已分解:责任 区财政局"
    assert assigned_text({}, ids).plain == "尚未分解给任何下级单位。"


async def test_shift_v_marks_every_line_a_search_shows_and_a_assigns_them_all(make_app, work_db):
    """V marks the lines shown (a search's, not the whole list); A then assigns exactly them in
    one write; V again unmarks them."""
    from .type_keys import type_text

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ChecklistView)
        total = len(view.entries)
        await pilot.press("slash")
        await type_text(pilot, "规划")
        await pilot.press("enter")
        await pilot.pause()
        shown = [e.id for e in view.entries]
        assert 1 < len(shown) < total
        await pilot.press("V")
        assert view.marked == set(shown)
        await pilot.press("V")
        assert view.marked == set()
        await pilot.press("V", "A")
        await pilot.pause()
        assert isinstance(app.screen, AssignDialog) and app.screen.item_ids == shown
        await pilot.press(*"区规划自然资源局", "ctrl+s")
        await pilot.pause()
        await pilot.press("y")  # not yet in the 下级单位目录: added
        await pilot.pause()
        assert sorted(assigned(work_db)) == sorted(shown)
        assert view.marked == set()  # the marks went with the write
