"""Spellings of one collective are one unit: 各镇街, 各镇人民政府、街道办事处, 各镇(街道) … at the 镇街
level, 各区县政府 … 各县(市、区)人民政府(管委会) at the 区县 level, 市政府各部门 … 市直各部门 for the
departments of a level. What may be a part of a level, or more than it, stays apart, with a doubt."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.source.unitcells import UnitName, split_unit_cell
from tui.units import COLLECTIVE, Catalogue, catalogue_specs, collective_class, memberships, unit_kind
from tui.units.synonyms import collective_names, level_of

TOWNS = (
    "各镇街",
    "各镇人民政府、街道办事处",
    "各镇(街道)",
    "各乡镇(街道)",
    "各乡镇人民政府、街道办事处",
    "各镇（街道）",
    "各乡镇、街道",
    "各街镇",
    "各镇、街",
    "各乡镇政府、街道办事处",
    "各街道办事处、镇人民政府",
)
COUNTIES = (
    "各区县(自治县)政府",
    "各区县政府",
    "各区县人民政府",
    "各县(市、区)政府",
    "各县市区人民政府",
    "各县(区)人民政府",
    "各县(市、区)人民政府(管委会)",
    "各区县人民政府(管委会)",
    "各县（市、区）人民政府（管委会）",
    "各县、市、区人民政府",
    "各区市政府",
    "各县市人民政府",
)
DISTRICT_DEPARTMENTS = ("区政府各部门", "区级各部门", "区直各部门", "区级政府各部门", "各部门")
CITY_DEPARTMENTS = ("市政府各部门", "市级各部门", "市直各部门")


@pytest.mark.parametrize("spellings, level", [(TOWNS, "镇街"), (COUNTIES, "区县"), (DISTRICT_DEPARTMENTS, "部门:区")])
def test_every_spelling_names_its_whole_level(spellings, level):
    assert [level_of(s, "区") for s in spellings] == [level] * len(spellings)
    assert all(unit_kind(s, "区")[0] == COLLECTIVE for s in spellings)


def test_in_a_city_document_the_city_departments_are_one_and_the_district_ones_another():
    names = ["市财政局", *CITY_DEPARTMENTS, "区政府各部门"]
    merged, doubts = collective_names(names, "市")
    assert {merged[n] for n in CITY_DEPARTMENTS} == {"市政府各部门"}
    assert merged["区政府各部门"] == "区政府各部门" and merged["市财政局"] == "市财政局"
    assert doubts == []


def test_the_first_spelling_of_the_document_is_kept_and_the_others_are_that_unit():
    names = [
        "区财政局",
        "各镇人民政府、街道办事处",
        "区级各部门",
        "各镇街",
        "各镇（街道）",
        "区政府各部门",
        "各镇(街道)",
    ]
    merged, doubts = collective_names(names, "区")
    assert merged == {
        "区财政局": "区财政局",
        "各镇人民政府、街道办事处": "各镇人民政府、街道办事处",
        "区级各部门": "区级各部门",
        "各镇街": "各镇人民政府、街道办事处",
        "各镇（街道）": "各镇人民政府、街道办事处",
        "区政府各部门": "区级各部门",
        "各镇(街道)": "各镇人民政府、街道办事处",
    }
    assert doubts == []


def test_the_county_level_with_its_management_committees_is_one_collective_of_the_counties():
    assert collective_class("各县(市、区)人民政府(管委会)", "市") == collective_class("各县(市、区)人民政府", "市")
    assert split_unit_cell("市法制局牵头,各县(市、区)人民政府(管委会)") != []
    assert split_unit_cell("市法制局、各县（市、区）人民政府（管委会）") == [
        UnitName("市法制局"),
        UnitName("各县（市、区）人民政府（管委会）"),
    ]
    assert split_unit_cell("各区县人民政府(管委会)") == [UnitName("各区县人民政府(管委会)")]
    # A unit's own bracket is still a note: 管委会 widens only a collective.
    assert split_unit_cell("两江新区(管委会)") == [UnitName("两江新区", "管委会")]
    specs = catalogue_specs(["市财政局", "各县(市、区)人民政府(管委会)"], "市")
    assert [s.name for s in specs] == ["市财政局", "各县(市、区)人民政府(管委会)"]  # no Chongqing 区县 for a prefecture


def test_merging_the_county_level_keeps_the_spelling_that_takes_every_member():
    names = ["市财政局", "各县(市、区)人民政府(管委会)", "各区县(自治县)政府", "各区县政府"]
    merged, doubts = collective_names(names, "市")
    assert {merged[n] for n in names[1:]} == {"各区县(自治县)政府"} and doubts == []
    specs = catalogue_specs(list(dict.fromkeys(merged.values())), "市")
    members = {m for m, c, _ in memberships(specs, "市") if c == "各区县(自治县)政府"}
    assert {"两江新区", "万州区", "万盛经开区"} <= members and len(members) == 41
    alone = catalogue_specs(["市财政局", "各区县(自治县)政府"], "市")
    assert {m for m, _, _ in memberships(alone, "市")} == members


@pytest.mark.parametrize(
    "cell, names",
    [
        ("区政府各部门、各镇人民政府、街道办事处", ["区政府各部门", "各镇人民政府、街道办事处"]),
        ("各乡镇、街道、区财政局", ["各乡镇、街道", "区财政局"]),
        ("各镇、街,各管委会", ["各镇、街", "各管委会"]),
        ("各街道办事处、镇人民政府,区政府各部门", ["各街道办事处、镇人民政府", "区政府各部门"]),
        ("各乡镇 、 街道,区财政局", ["各乡镇、街道", "区财政局"]),  # the blanks beside 、 are layout
        ("各县、市、区人民政府,荆州经开区", ["各县、市、区人民政府", "荆州经开区"]),
        ("各镇、区财政局", ["各镇", "区财政局"]),  # 镇 alone: no 街道 to pair with
    ],
)
def test_a_collective_holding_its_own_pause_mark_is_not_split(cell, names):
    assert [u.name for u in split_unit_cell(cell)] == names


@pytest.mark.parametrize(
    "part, whole, why",
    [
        ("各街道", "各镇街", "只写了街道"),
        ("各镇人民政府", "各镇(街道)", "只写了镇"),
        ("各街道办事处", "各镇街", "只写了街道"),
        ("区直各单位", "区政府各部门", "不止各部门"),
        ("各市(区)人民政府", "各区县政府", "哪一级政府"),
    ],
)
def test_a_collective_that_may_be_part_of_a_level_or_more_stays_apart_with_a_doubt(part, whole, why):
    merged, doubts = collective_names([whole, "区财政局", part], "区")
    assert merged[part] == part and merged[whole] == whole
    assert [(d.name, d.beside) for d in doubts] == [(part, whole)] and why in doubts[0].why


def test_alone_a_part_of_a_level_is_no_doubt_and_unknown_collectives_stay_as_written():
    merged, doubts = collective_names(["各街道", "区财政局", "各牵头单位", "各有关单位"], "区")
    assert merged == {n: n for n in ["各街道", "区财政局", "各牵头单位", "各有关单位"]}
    assert doubts == []


def test_names_differing_only_in_bracket_width_or_spaces_are_one_unit():
    merged, _ = collective_names(["省编办（省审改办）", "各开发区管委会", "省编办(省审改办)", "各开发区 管委会"], "省")
    assert merged["省编办(省审改办)"] == "省编办（省审改办）"
    assert merged["各开发区 管委会"] == "各开发区管委会"


# ── any spelling × bracket width × spaces ────────────────────────────────────────────────────

SETS = st.sampled_from([(TOWNS, "镇街"), (COUNTIES, "区县"), (DISTRICT_DEPARTMENTS, "部门:区")])
_WIDE = str.maketrans("()", "（）")


def respell(data, name: str) -> str:
    """The name with each bracket of either width and spaces of either kind anywhere."""
    out = []
    for c in name.translate(str.maketrans("（）", "()")):
        out.append(c.translate(_WIDE) if c in "()" and data.draw(st.booleans()) else c)
        out.append(data.draw(st.sampled_from(["", "", "", " ", "\u3000"])))
    return "".join(out).strip()


@given(st.data())
@settings(max_examples=150, deadline=None)  # 300 until the test run had to fit in 5 minutes (#24)
def test_any_spelling_of_a_level_is_the_same_collective_and_resolves_to_it(data):
    spellings, level = data.draw(SETS)
    first = respell(data, data.draw(st.sampled_from(spellings)))
    others = [respell(data, s) for s in data.draw(st.lists(st.sampled_from(spellings), min_size=1, max_size=4))]
    assert level_of(first, "区") == level
    merged, doubts = collective_names(["区财政局", first, *others], "区")
    kept = merged[first]
    assert {merged[o] for o in others} == {kept} and kept in (first, *others) and doubts == []
    assert merged["区财政局"] == "区财政局"
    # As a database holds them: the kept name a unit, the other spellings its aliases (store/build.py);
    # typed again with other brackets and spaces, any of them finds the kept one.
    catalogue = Catalogue({"区财政局": "区级部门", kept: COLLECTIVE}, {o: kept for o in (first, *others) if o != kept})
    typed = respell(data, data.draw(st.sampled_from([first, *others])))
    assert catalogue.resolve(typed) == kept


@given(st.data())
@settings(max_examples=200, deadline=None)
def test_a_cell_holding_any_town_spelling_with_either_bracket_width_is_one_name(data):
    name = data.draw(st.sampled_from(TOWNS))
    name = "".join(c.translate(_WIDE) if c in "()" and data.draw(st.booleans()) else c for c in name)
    before = data.draw(st.sampled_from(["", "区财政局、", "区政府各部门,", "区民政局，"]))
    after = data.draw(st.sampled_from(["", "、区财政局", ",区政府各部门", "，区民政局"]))
    names = [u.name for u in split_unit_cell(before + name + after)]
    assert name in names and level_of(name, "区") == "镇街"
    assert len(names) == 1 + bool(before) + bool(after)


def test_a_cell_naming_the_county_level_with_its_management_committees_reads_one_unit_with_no_note():
    from tui.source import read_document

    text = (
        "某市人民政府办公室关于印发2026年政务公开工作任务分工的通知\n某府办发〔2026〕3号\n"
        "工作任务\t具体要求\t责任单位\t完成时限\n一、做好主动公开\n"
        "公开预算\t1.公开本级预算。\t市法制局牵头,市有关单位,各县(市、区)人民政府(管委会)负责\t6月底前\n"
        "更新网站\t2.及时更新网站。\t各区县人民政府（管委会）、各乡镇、街道\t长期坚持\n"
    )
    rows = read_document(text.encode("utf-8"), "分工.txt").rows
    assert (rows[0].lead_units, rows[0].responsible_units) == (
        ["市法制局"],
        ["市有关单位", "各县(市、区)人民政府(管委会)"],
    )
    assert rows[1].responsible_units == ["各区县人民政府（管委会）", "各乡镇、街道"]
    assert rows[0].unit_notes == {} and rows[1].unit_notes == {}


def test_the_prefecture_level_in_a_province_document():
    merged, doubts = collective_names(["省财政厅", "各地级以上市人民政府", "各地级市", "各地级以上市政府"], "省")
    assert {merged[n] for n in ("各地级市", "各地级以上市政府")} == {"各地级以上市人民政府"} and doubts == []
    assert level_of("各县(市、区)人民政府", "省") == "区县" != level_of("各地级市", "省")
