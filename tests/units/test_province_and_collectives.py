"""A province's document, and the spellings of collectives that used to lose their rows."""

from __future__ import annotations

import pytest

from tui.units import (
    DISTRICTS,
    VIA_COLLECTIVE,
    aliases,
    canonical,
    catalogue_specs,
    empty_collectives,
    load_catalogue_text,
    memberships,
    merge,
    shipped_catalogue,
    unit_kind,
)

GUANGDONG = ["省发展改革委", "省政府各部门", "各地级以上市人民政府", "省委网信办"]


def test_guangdong_document_has_no_chongqing_districts():
    specs = catalogue_specs(GUANGDONG, "省")
    assert [(s.name, s.kind, s.level) for s in specs] == [
        ("省发展改革委", "省级部门", "省"),
        ("省政府各部门", "集合", "省"),
        ("各地级以上市人民政府", "集合", "市"),
        ("省委网信办", "党委部门", "省"),
    ]
    assert not set(DISTRICTS) & {s.name for s in specs}
    assert memberships(specs, "省") == [("省发展改革委", "省政府各部门", VIA_COLLECTIVE)]
    assert empty_collectives(specs, "省") == ["各地级以上市人民政府"]  # build-db warns
    got = dict(aliases(specs, "省", "广东省"))
    assert got["广东省发展改革委"] == "省发展改革委" and got["发改委"] == "省发展改革委"
    assert not any("重庆" in a or u in DISTRICTS for a, u in got.items())


def test_prefecture_cities_from_the_user_catalogue_and_by_name():
    user = load_catalogue_text("[地级市]\n广州市\n深圳市\n", "units.txt")
    members = merge(shipped_catalogue(), user)
    names = [canonical(n, members) for n in GUANGDONG + ["深圳市人民政府", "珠海市"]]
    assert names[-2:] == ["深圳市", "珠海市"]
    specs = catalogue_specs(names, "省", members)
    assert [m for m, c, _ in memberships(specs, "省") if c == "各地级以上市人民政府"] == ["深圳市", "珠海市", "广州市"]
    assert unit_kind("珠海市", "省", members) == ("地级市", "市")
    assert unit_kind("珠海市", "市", members) == ("其他单位", "市")  # not a prefecture outside a 省 document


@pytest.mark.parametrize(
    "collective",
    ["各区县（自治县）政府", "各区县(自治县)政府", "各区县(自治县)人民政府", "各区县人民政府", "各区县政府"],
)
def test_every_spelling_of_all_districts_gets_the_districts(collective):
    specs = catalogue_specs(["市财政局", collective], "市")
    got = [m for m, c, how in memberships(specs, "市") if c == collective and how == VIA_COLLECTIVE]
    assert got == list(DISTRICTS)
    assert dict(aliases(specs, "市"))["区县政府"] == collective  # as the document spells it


def test_shi_ji_ge_bu_men_gets_the_departments():
    specs = catalogue_specs(["市级各部门", "市财政局", "市委宣传部", "市政府办公厅"], "市")
    assert [m for m, c, _ in memberships(specs, "市") if c == "市级各部门"] == ["市财政局", "市政府办公厅"]
    assert dict(aliases(specs, "市"))["市政府各部门"] == "市级各部门"
    assert not any(u in DISTRICTS for u in (s.name for s in specs))


@pytest.mark.parametrize(
    "name, kind, level",
    [
        ("各镇街", "集合", "镇"),
        ("各镇人民政府、街道办事处", "集合", "镇"),
        ("各乡镇(街道)", "集合", "镇"),
        ("各镇(街道)", "集合", "镇"),
        ("各街镇", "集合", "镇"),
        ("各乡镇人民政府、街道办事处", "集合", "镇"),
        ("各地级以上市政府", "集合", "市"),
        ("各县(市、区)人民政府", "集合", "县"),
        ("各县（市、区）人民政府", "集合", "县"),
        ("各县(区)政府", "集合", "县"),
        ("市政府各部门", "集合", "市"),
        ("区级各部门", "集合", "区"),
        ("县级各部门", "集合", "县"),
        ("省级各部门", "集合", "省"),
        ("有关单位", "集合", "区"),
        ("各部门", "集合", "区"),
        ("市直有关单位", "集合", "市"),
        ("市级有关部门", "集合", "市"),
        ("区财政局", "区级部门", "区"),
        ("区政府办公室", "区级部门", "区"),
        ("省发展改革委", "省级部门", "省"),
        ("县人力社保局", "县级部门", "县"),
        ("市政府办公厅", "市级部门", "市"),
        ("区档案馆", "区级部门", "区"),
        ("市委宣传部", "党委部门", "市"),
        ("市委网信办", "党委部门", "市"),
        ("县委编办", "党委部门", "县"),
        ("区纪委监委", "党委部门", "区"),
        ("卫星湖街道", "镇街", "镇"),
        ("朱沱镇", "镇街", "镇"),
        ("石龙乡", "镇街", "镇"),
        ("两江新区管委会", "区县", "区县"),
        ("石柱县", "区县", "区县"),
        ("万州区", "区县", "区县"),
        ("区人民法院", "其他单位", "区"),
        ("市政府电子政务中心", "其他单位", "市"),
        ("重庆行政学院", "其他单位", "区"),
    ],
)
def test_kinds_by_rule_in_a_district_document(name, kind, level):
    assert unit_kind(name, "区") == (kind, level)


def test_guanweihui_is_its_area():
    assert canonical("两江新区管委会") == "两江新区"
    assert canonical("石柱县") == "石柱土家族自治县"
    assert canonical(" 万州区人民政府 ") == "万州区"
    assert canonical("市财政局") == "市财政局" and canonical("各区县政府") == "各区县政府"
    specs = catalogue_specs(["各区县政府", "两江新区管委会", "两江新区"], "市")
    assert [s.name for s in specs].count("两江新区") == 1
    assert "两江新区管委会" not in {s.name for s in specs}
    assert next(s for s in specs if s.name == "两江新区").in_document
    assert ("两江新区", "各区县政府", VIA_COLLECTIVE) in memberships(specs, "市")
    assert dict(aliases(specs, "市"))["两江新区管委会"] == "两江新区"


def test_counties_of_a_prefecture_from_the_users_districts_section():
    """A user outside Chongqing lists its 县(市、区) under [区县] or [县市区]; the shipped Chongqing 区县
    never enter through 各县(市、区)人民政府."""
    user = load_catalogue_text("[区县]\n江阳区\n泸县\n[县市区]\n合江县\n", "units.txt")
    members = merge(shipped_catalogue(), user)
    specs = catalogue_specs(["市财政局", "各县（市、区）人民政府", "纳溪区"], "市", members)
    assert [s.name for s in specs] == ["市财政局", "各县（市、区）人民政府", "纳溪区", "江阳区", "泸县", "合江县"]
    assert [m for m, c, _ in memberships(specs, "市") if c == "各县（市、区）人民政府"] == [
        "纳溪区",
        "江阳区",
        "泸县",
        "合江县",
    ]
    assert empty_collectives(catalogue_specs(["各县(区)政府"], "市"), "市") == ["各县(区)政府"]
    # and Chongqing's spelling takes the shipped 区县 and the user's
    specs = catalogue_specs(["各区县政府"], "市", members)
    assert [s.name for s in specs][1:] == [*DISTRICTS, "江阳区", "泸县", "合江县"]
