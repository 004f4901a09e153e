"""A district's own breakdown (永川区-style) with the district's user catalogue."""

from __future__ import annotations

from tui.units import (
    TO_CONFIRM,
    VIA_COLLECTIVE,
    UnitSpec,
    aliases,
    catalogue_specs,
    empty_collectives,
    load_catalogue_text,
    memberships,
    merge,
    shipped_catalogue,
)

USER = """\ufeff# 单位目录
[镇街]
卫星湖街道
朱沱镇
[部门]
区档案馆
[地区]
永川区
[别名]
卫星湖 = 卫星湖街道
"""
UNITS = ["区财政局", "区政府各部门", "区政府有关部门", "区委宣传部", "各镇人民政府、街道办事处", "卫星湖街道"]


def members():
    return merge(shipped_catalogue(), load_catalogue_text(USER, "/数据目录/units.txt"))


def test_kinds_levels_and_who_enters():
    specs = catalogue_specs(UNITS, "区", members())
    assert specs == [
        UnitSpec("区财政局", "区级部门", "区", True),
        UnitSpec("区政府各部门", "集合", "区", True),
        UnitSpec("区政府有关部门", "集合", "区", True),
        UnitSpec("区委宣传部", "党委部门", "区", True),
        UnitSpec("各镇人民政府、街道办事处", "集合", "镇", True),
        UnitSpec("卫星湖街道", "镇街", "镇", True),
        UnitSpec("朱沱镇", "镇街", "镇", False),
        UnitSpec("区档案馆", "区级部门", "区", False),
    ]
    assert not any(s.kind == "区县" for s in specs)  # no 各区县政府 named: no Chongqing 区县


def test_memberships_and_to_confirm():
    specs = catalogue_specs(UNITS, "区", members())
    assert memberships(specs, "区") == [
        ("区财政局", "区政府各部门", VIA_COLLECTIVE),
        ("区财政局", "区政府有关部门", TO_CONFIRM),
        ("区政府各部门", "区政府有关部门", TO_CONFIRM),
        ("卫星湖街道", "各镇人民政府、街道办事处", VIA_COLLECTIVE),
        ("朱沱镇", "各镇人民政府、街道办事处", VIA_COLLECTIVE),
        ("区档案馆", "区政府各部门", VIA_COLLECTIVE),
        ("区档案馆", "区政府有关部门", TO_CONFIRM),
    ]
    assert empty_collectives(specs, "区") == []


def test_aliases_of_a_district_database():
    specs = catalogue_specs(UNITS, "区", members())
    got = dict(aliases(specs, "区", members=members()))
    assert got["财政局"] == "区财政局"
    assert got["永川区财政局"] == "区财政局"  # the place from the user catalogue's [地区]
    assert got["卫星湖"] == "卫星湖街道"
    assert got["区级各部门"] == "区政府各部门"
    assert got["各镇街"] == "各镇人民政府、街道办事处"
    assert got["宣传部"] == "区委宣传部"
    assert "市级各部门" not in got and "区县政府" not in got
    # the document's issuer wins over the catalogue's place
    assert dict(aliases(specs, "区", "大足区", members()))["大足区财政局"] == "区财政局"


def test_the_same_document_without_a_user_catalogue_warns_of_its_towns():
    specs = catalogue_specs(["区政府各部门", "各镇街", "区委宣传部"], "区")
    assert [s.name for s in specs] == ["区政府各部门", "各镇街", "区委宣传部"]
    assert empty_collectives(specs, "区") == ["区政府各部门", "各镇街"]


def test_a_town_named_in_the_document_is_in_the_towns_collective():
    specs = catalogue_specs(["各乡镇（街道）", "朱沱镇", "双石镇"], "县", members())
    assert [(m, c) for m, c, _ in memberships(specs, "县")] == [
        ("朱沱镇", "各乡镇（街道）"),
        ("双石镇", "各乡镇（街道）"),
        ("卫星湖街道", "各乡镇（街道）"),
    ]


def test_county_document_departments():
    specs = catalogue_specs(["县人力社保局", "县政府各部门", "县级有关部门", "县委编办", "区财政局"], "县")
    kinds = {s.name: (s.kind, s.level) for s in specs}
    assert kinds == {
        "县人力社保局": ("县级部门", "县"),
        "县政府各部门": ("集合", "县"),
        "县级有关部门": ("集合", "县"),
        "县委编办": ("党委部门", "县"),
        "区财政局": ("区级部门", "区"),
    }
    assert memberships(specs, "县") == [
        ("县人力社保局", "县政府各部门", VIA_COLLECTIVE),
        ("县人力社保局", "县级有关部门", TO_CONFIRM),
        ("县政府各部门", "县级有关部门", TO_CONFIRM),
    ]


def test_party_conditional_collective_takes_only_party_bodies():
    specs = catalogue_specs(["区委有关部门", "区委宣传部", "区财政局", "区政府各部门"], "区")
    assert memberships(specs, "区") == [
        ("区委宣传部", "区委有关部门", TO_CONFIRM),
        ("区财政局", "区政府各部门", VIA_COLLECTIVE),
    ]
