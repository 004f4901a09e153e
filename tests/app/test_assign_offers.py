"""What the assign dialog (A) offers (issue #25 item 1): the unit's 下级单位目录 completed as a
name is typed (→), a name outside it asked about (n: back to the form, nothing written; y:
added and assigned); the catalogue editor (Ctrl+O) adds, renames and takes names off, and the
form offers the new names at once; an item's 细化 step chosen in the form; last year's
assignment of the 往年参考 item taken again with Ctrl+L after a confirmation. Snapshots of
the form with its offers and of the editor, at a fixed size."""

from __future__ import annotations

import asyncio

from hypothesis import given
from hypothesis import strategies as st
from textual import events
from textual.widgets import Input, Select

from tui.app.assign_dialog import AssignDialog, NameSuggester
from tui.app.checklist_view import ChecklistView
from tui.app.dialogs import ConfirmDialog
from tui.app.sub_units_dialog import SubUnitsDialog
from tui.app.unit_picker import UnitPicker
from tui.store import Store

from .conftest import AS_OF_2022, REF_2021
from .test_snapshots import press_then_still

SIZE = (120, 36)
U = "渝中区"
ITEM = "1.1.3-1"  # 渝中区's first item in the 2021 document, and in 2022's (whose 往年参考 is REF_2021's)


def assigned(db, doc: str | None = None) -> list[tuple]:
    with Store(db, readonly=True, doc=doc) as store:
        return [
            (item, a["step"], a["sub_unit"], a["role"], a["requirement"], a["deadline"])
            for item, rows in store.assignments_of(U).items()
            for a in rows
        ]


def catalogue(db) -> list[str]:
    with Store(db, readonly=True) as store:
        return store.sub_units(U)


def with_catalogue(db, names: str = "区发展改革委、区财政局、解放碑街道"):
    with Store(db) as store:
        store.add_sub_units(U, names)


async def test_names_are_completed_and_one_outside_the_catalogue_is_asked_about(make_app, work_db):
    with_catalogue(work_db)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A", *"区发", "right", "comma", *"解放", "right")
        await pilot.pause()
        to = app.screen.query_one("#assign-to", Input)
        assert to.value == "区发展改革委,解放碑街道"
        await pilot.press("ctrl+s")  # both in the catalogue: written at once
        await pilot.pause()
        assert assigned(work_db) == [
            (ITEM, 0, "区发展改革委", "责任", None, None),
            (ITEM, 0, "解放碑街道", "责任", None, None),
        ]
        await pilot.press("A", *"区教委", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, AssignDialog) and app.screen.focused is app.screen.query_one("#assign-to")
        assert len(assigned(work_db)) == 2 and "区教委" not in catalogue(work_db)
        await pilot.press("ctrl+s", "y")
        await pilot.pause()
        assert not isinstance(app.screen, (AssignDialog, ConfirmDialog))
        assert (ITEM, 0, "区教委", "责任", None, None) in assigned(work_db)
        assert catalogue(work_db) == ["区发展改革委", "区财政局", "解放碑街道", "区教委"]


async def test_the_catalogue_is_edited_from_the_form_and_offered_at_once(make_app, work_db):
    with_catalogue(work_db, "区发改委、区财政局")
    with Store(work_db) as store:
        store.assign(U, ["1.1.3-2"], ["区财政局"], "责任")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A", "ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, SubUnitsDialog)
        await pilot.press(*"区教委", "comma", *"解放碑街道", "enter")
        await pilot.pause()
        assert catalogue(work_db) == ["区发改委", "区财政局", "区教委", "解放碑街道"]
        await pilot.press("tab", "r", "ctrl+u", *"区发展改革委", "enter")  # the first name renamed
        await pilot.pause()
        assert catalogue(work_db) == ["区发展改革委", "区财政局", "区教委", "解放碑街道"]
        await pilot.press("down", "r", "ctrl+u", *"区财政局机关", "enter")  # items are assigned to it: refused
        await pilot.pause()
        assert catalogue(work_db)[1] == "区财政局"
        assert any("未改名" in n.message for n in app._notifications)
        await pilot.press("escape", "x")  # Esc leaves the renaming; x takes 区财政局 off, its assignment kept
        await pilot.pause()
        assert catalogue(work_db) == ["区发展改革委", "区教委", "解放碑街道"]
        assert any("已分解给它的 1 个条目或步骤保留" in n.message for n in app._notifications)
        assert [a[2] for a in assigned(work_db)] == ["区财政局"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AssignDialog)
        await pilot.press(*"区教", "right", "ctrl+s")  # the new name completed, and not asked about
        await pilot.pause()
        assert not isinstance(app.screen, (AssignDialog, ConfirmDialog))
        assert (ITEM, 0, "区教委", "责任", None, None) in assigned(work_db)


async def test_a_step_of_the_item_is_chosen_and_assigned(make_app, work_db):
    with_catalogue(work_db)
    with Store(work_db) as store:
        store.add_step(U, ITEM, "编制规划解读材料")
        store.add_step(U, ITEM, "发布规划解读")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A", *"区发展改革委", "tab")
        await pilot.pause()
        step = app.screen.query_one("#assign-step", Select)
        assert app.screen.focused is step and step.value == 0
        await pilot.press("enter", "down", "down", "enter")
        await pilot.pause()
        assert step.value == 2
        await pilot.press("tab", "1", "ctrl+s")  # the role: 1 牵头
        await pilot.pause()
        assert assigned(work_db) == [(ITEM, 2, "区发展改革委", "牵头", None, None)]


async def test_a_collectives_person_is_asked_which_member_first_and_gets_its_catalogue(make_app, work_db):
    with_catalogue(work_db, "解放碑街道")
    app = make_app("各区县政府")
    async with app.run_test(size=SIZE) as pilot:
        item = app.screen.query_one(ChecklistView).current.id
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, UnitPicker)  # the member first: its own 目录 is offered
        await pilot.press(*"渝中区", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AssignDialog)
        await pilot.press(*"解放", "right", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, (AssignDialog, ConfirmDialog))
        assert assigned(work_db) == [(item, 0, "解放碑街道", "责任", None, None)]


def _assign_last_year(db) -> None:
    with Store(db, doc="2021") as store:
        store.assign(U, [REF_2021["item"]], ["区发展改革委"], "牵头", "会同区统计局", deadline="2021-06-30")
        store.assign(U, [REF_2021["item"]], ["区财政局", "解放碑街道"], "责任")
    with_catalogue(db, "区发展改革委、区财政局")


async def test_last_years_assignment_is_taken_again_after_a_confirmation(make_app, two_docs):
    _assign_last_year(two_docs)
    app = make_app(as_of=AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        await pilot.pause()
        assert "区财政局、解放碑街道" in str(app.screen.query_one("#assign-last-year").render())
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # declined: nothing written, the form still open
        await pilot.pause()
        assert isinstance(app.screen, AssignDialog) and assigned(two_docs) == []
        await pilot.press("ctrl+l", "y")
        await pilot.pause()
        assert not isinstance(app.screen, (AssignDialog, ConfirmDialog))
        assert assigned(two_docs) == [
            (ITEM, 0, "区发展改革委", "牵头", "会同区统计局", None),
            (ITEM, 0, "区财政局", "责任", None, None),
            (ITEM, 0, "解放碑街道", "责任", None, None),
        ]
        assert catalogue(two_docs) == ["区发展改革委", "区财政局", "解放碑街道"]  # the name last year used, added
        await pilot.press("z")
        await pilot.pause()
        assert assigned(two_docs) == []


def test_assign_dialog_with_its_offers(snap_compare, make_app, two_docs):
    _assign_last_year(two_docs)
    with Store(two_docs) as store:
        store.add_step(U, ITEM, "编制规划解读材料")
    app = make_app(as_of=AS_OF_2022)
    assert snap_compare(app, terminal_size=SIZE, run_before=press_then_still("A", *"区发"))


def test_catalogue_editor(snap_compare, make_app, work_db):
    with_catalogue(work_db)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=press_then_still("A", "ctrl+o", "tab", "down"))


NAME = st.text(alphabet="区发展改革委财政局解放碑街道教卫健", min_size=2, max_size=8)


@given(names=st.lists(NAME, min_size=1, max_size=6, unique=True), before=st.lists(NAME, max_size=3), data=st.data())
def test_the_suggestion_completes_only_the_name_being_typed_to_a_listed_name(names, before, data):
    name = data.draw(st.sampled_from(names))
    begun = name[: data.draw(st.integers(1, len(name)))]
    value = ",".join([*before, begun])
    got = asyncio.run(NameSuggester(names).get_suggestion(value))
    if got is None:  # only when the name is typed whole and no longer name begins with it
        assert begun == name and not any(n.startswith(name) and n != name for n in names)
    else:
        assert got.startswith(value) and got.rsplit(",", 1)[-1] in names and got.rsplit(",", 1)[-1] != begun


async def test_a_list_pasted_one_name_a_line_is_added_whole(make_app, work_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A", "ctrl+o")
        await pilot.pause()
        app.post_message(events.Paste("区发展改革委\n区财政局\r\n\n解放碑街道\n"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert catalogue(work_db) == ["区发展改革委", "区财政局", "解放碑街道"]


async def test_marked_items_each_take_their_own_last_year_assignment(make_app, two_docs):
    _assign_last_year(two_docs)
    with Store(two_docs, doc="2021") as store:  # 2022's 1.2.3-1 was written from 2021's 1.3.3-1
        store.assign(U, ["1.3.3-1"], ["区教委"], "牵头")
    app = make_app(as_of=AS_OF_2022)
    async with app.run_test(size=SIZE) as pilot:
        ids = [e.id for e in app.screen.query_one(ChecklistView).entries[:3]]
        assert ids == [ITEM, "1.1.3-2", "1.2.3-1"]
        await pilot.press("v", "v", "v", "A")
        await pilot.pause()
        assert "2 个条目的往年参考有分解" in str(app.screen.query_one("#assign-last-year").render())
        await pilot.press("ctrl+l", "y")
        await pilot.pause()
        assert [(a[0], a[2], a[3]) for a in assigned(two_docs)] == [
            (ITEM, "区发展改革委", "牵头"),
            (ITEM, "区财政局", "责任"),
            (ITEM, "解放碑街道", "责任"),
            ("1.2.3-1", "区教委", "牵头"),
        ]
        assert catalogue(two_docs) == ["区发展改革委", "区财政局", "解放碑街道", "区教委"]  # in the order met
