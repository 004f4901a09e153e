"""下级单位目录 (issue #25 item 1): a unit's own list of the sub-units it assigns to, kept in
the database (schema v9). Names are added in order and never twice; a name with items
assigned to it is not renamed (the issued 任务分工 and the reports carry it), one without is;
removing a name keeps what was assigned to it and says how much; another unit's list is its
own; 往年参考's assignment is found for this year's item and taken again in one action."""

from __future__ import annotations

import pytest

from tests.documents.conftest import _fill_two_years
from tui.store import InputError, Store

U = "渝中区"
PLAN = "1.1.3-1"


@pytest.fixture
def store(work_db):
    with Store(work_db) as s:
        yield s


def test_names_are_added_in_order_never_twice_and_each_unit_keeps_its_own(store):
    assert store.sub_units(U) == []
    assert store.add_sub_units(U, "区发展改革委、区财政局") == ["区发展改革委", "区财政局"]
    assert store.add_sub_units(U, "解放碑街道") == ["解放碑街道"]
    with pytest.raises(InputError, match="「区财政局」已在「渝中区」的下级单位目录中"):
        store.add_sub_units(U, "区教委,区财政局")
    with pytest.raises(InputError, match="本单位自己"):
        store.add_sub_units(U, "渝中区")
    with pytest.raises(InputError, match="不像单位名称"):
        store.add_sub_units(U, "区 教委")
    assert store.sub_units(U) == ["区发展改革委", "区财政局", "解放碑街道"]  # a refused call wrote nothing
    store.add_sub_units("江北区", "区财政局")
    assert store.sub_units("江北区") == ["区财政局"]


def test_a_name_without_assignments_is_renamed_in_its_place(store):
    store.add_sub_units(U, "区发改委,区财政局")
    assert store.rename_sub_unit(U, "区发改委", "区发展改革委") == "区发展改革委"
    assert store.sub_units(U) == ["区发展改革委", "区财政局"]
    with pytest.raises(InputError, match="「区财政局」已在"):
        store.rename_sub_unit(U, "区发展改革委", "区财政局")
    with pytest.raises(InputError, match="「区教委」不在「渝中区」的下级单位目录中"):
        store.rename_sub_unit(U, "区教委", "区教育委员会")


def test_a_name_with_assignments_is_not_renamed_and_its_assignments_stay(store):
    store.add_sub_units(U, "区发改委")
    store.assign(U, [PLAN, "1.1.3-2"], ["区发改委"], "牵头")
    with pytest.raises(InputError, match="已有 2 个条目或步骤分解给「区发改委」.*未改名"):
        store.rename_sub_unit(U, "区发改委", "区发展改革委")
    assert store.sub_units(U) == ["区发改委"]
    assert [a["sub_unit"] for a in store.assignments_of(U, [PLAN])[PLAN]] == ["区发改委"]


def test_removing_a_name_keeps_what_was_assigned_to_it_and_says_how_much(store):
    store.add_sub_units(U, "区发展改革委,区财政局")
    store.assign(U, [PLAN], ["区财政局"], "责任")
    assert store.remove_sub_unit(U, "区财政局") == 1
    assert store.remove_sub_unit(U, "区发展改革委") == 0
    assert store.sub_units(U) == []
    assert [a["sub_unit"] for a in store.assignments_of(U, [PLAN])[PLAN]] == ["区财政局"]
    with pytest.raises(InputError, match="不在"):
        store.remove_sub_unit(U, "区财政局")


def test_the_catalogue_survives_a_backup_and_restore(work_db, tmp_path):
    from tests.cli_helpers import invoke, ok

    with Store(work_db) as s:
        s.add_sub_units(U, "区发展改革委,解放碑街道")
    copy = tmp_path / "备份.sqlite"
    ok(invoke("backup", copy, "--db", work_db))
    with Store(work_db) as s:
        s.remove_sub_unit(U, "解放碑街道")
    ok(invoke("restore", copy, "--db", work_db))
    with Store(work_db, readonly=True) as s:
        assert s.sub_units(U) == ["区发展改革委", "解放碑街道"]


@pytest.fixture
def two_years(work_db, built_once):
    return built_once("two_years_catalogue", _fill_two_years, into=work_db)


def test_last_years_assignment_of_the_matching_item_is_found_and_taken_again_in_one_action(two_years):
    with Store(two_years, doc="2021") as s:
        s.assign(U, ["1.1.3-2"], ["区发展改革委"], "牵头", "会同区统计局", deadline="2021-06-30")
        s.assign(U, ["1.1.3-2"], ["区财政局", "解放碑街道"], "责任")
        s.add_step(U, "1.1.3-2", "发布规划解读")
        s.assign(U, ["1.1.3-2"], ["区教委"], "配合", step=1)  # a step of last year: not offered
    with Store(two_years) as s:  # the 2022 document, whose 1.1.3-1 was written from 2021's 1.1.3-2
        found = s.last_year_assignments(U, [PLAN, "1.1.1-1"])
        assert list(found) == [PLAN]
        assert (found[PLAN]["number"], found[PLAN]["item_id"]) == ("渝府办发〔2021〕50号", "1.1.3-2")
        assert found[PLAN]["rows"] == [
            {"sub_unit": "区发展改革委", "role": "牵头", "requirement": "会同区统计局"},
            {"sub_unit": "区财政局", "role": "责任", "requirement": None},
            {"sub_unit": "解放碑街道", "role": "责任", "requirement": None},
        ]
        s.assign(U, [PLAN], ["区财政局"], "配合", deadline="2022-05-31")  # this year's own: kept as it is
        plan = {PLAN: [(r["sub_unit"], r["role"], r["requirement"]) for r in found[PLAN]["rows"]]}
        action = s.assign_groups(U, plan)
        got = [(a["sub_unit"], a["role"], a["requirement"], a["deadline"]) for a in s.assignments_of(U)[PLAN]]
        assert got == [
            ("区发展改革委", "牵头", "会同区统计局", None),
            ("解放碑街道", "责任", None, None),
            ("区财政局", "配合", None, "2022-05-31"),
        ]
        s.undo(U, action)
        assert [a["sub_unit"] for a in s.assignments_of(U)[PLAN]] == ["区财政局"]
