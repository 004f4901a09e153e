"""The 2021 database must not change: today's units, memberships and aliases, exactly, in order.

`data/2021_units.json` was written by the single-file tui/units.py this package replaced, from
the units the parser of that time found in 渝府办发〔2021〕50号 (the list below).
"""

from __future__ import annotations

import json
from pathlib import Path

from tui import units
from tui.units import aliases, catalogue_specs, document_level, document_place, memberships, shipped_catalogue

FIXTURE = Path(__file__).with_name("data") / "2021_units.json"

UNITS_2021 = [
    "市发展改革委",
    "市政府有关部门",
    "各区县政府",
    "市规划自然资源局",
    "市、区县政府门户网站主办单位",
    "市、区县政府门户网站承办单位",
    "市商务委",
    "市市场监管局",
    "市财政局",
    "市政府各部门",
    "市卫生健康委",
    "市疫情防控工作领导小组成员单位",
    "市政府新闻办",
    "市经济信息委",
    "市人力社保局",
    "市生态环境局",
    "市农业农村委",
    "市金融监管局",
    "市政府办公厅",
    "市网信办",
    "市住房城乡建委",
    "市教委",
    "市民政局",
    "市应急局",
    "市、区县政府部门网站(页)主办单位",
    "市、区县政府部门网站(页)承办单位",
    "市司法局",
    "市政府电子政务中心",
    "市城市管理局",
    "市交通局",
    "市文化旅游委",
    "重庆行政学院",
]


def expected() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_fixture_is_of_the_listed_units():
    assert expected()["document_units"] == UNITS_2021


def test_specs_memberships_and_aliases_are_exactly_those_of_2021():
    want = expected()
    specs = catalogue_specs(UNITS_2021, "市", shipped_catalogue())
    assert [[s.name, s.kind, s.level, s.in_document] for s in specs] == want["specs"]
    assert [list(m) for m in memberships(specs, "市")] == want["memberships"]
    assert [list(a) for a in aliases(specs, "市")] == want["aliases"]


def test_defaults_and_the_issuer_give_the_same():
    want = expected()
    level, place = document_level("重庆市人民政府办公厅"), document_place("重庆市人民政府办公厅")
    assert (level, place) == ("市", "重庆市")
    tables = units.unit_tables(UNITS_2021, level, place, units.members_in_force(None))
    assert [[s.name, s.kind, s.level, s.in_document] for s in tables.specs] == want["specs"]
    assert [list(m) for m in tables.memberships] == want["memberships"]
    assert [list(a) for a in tables.aliases] == want["aliases"]
    assert tables.empty_collectives == []
    specs = catalogue_specs(UNITS_2021)
    assert [list(m) for m in memberships(specs)] == want["memberships"]
    assert [list(a) for a in aliases(specs)] == want["aliases"]


def test_districts_tuple_is_the_shipped_list():
    assert len(units.DISTRICTS) == 41
    assert units.DISTRICTS[0] == "万州区" and units.DISTRICTS[-3:] == ("两江新区", "重庆高新区", "万盛经开区")
    assert [s[0] for s in expected()["specs"] if not s[3]] == list(units.DISTRICTS)
