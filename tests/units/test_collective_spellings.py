"""The spellings of all-departments collectives found in real breakdowns, at every level."""

from __future__ import annotations

import pytest

from tui.units import COLLECTIVE, collective_class, unit_kind


@pytest.mark.parametrize(
    "name,level",
    [
        ("市政府各部门", "市"),
        ("市级各部门", "市"),
        ("市直各部门", "市"),
        ("区政府各部门", "区"),
        ("区级各部门", "区"),
        ("区直各部门", "区"),
        ("区级政府各部门", "区"),
        ("县直各部门", "县"),
        ("省直各单位", "省"),
        ("省政府各部门", "省"),
        ("各部门", "区"),
    ],
)
def test_all_departments_of_a_level(name, level):
    assert unit_kind(name, "区") == (COLLECTIVE, level)
    assert collective_class(name, "区").group == "all_departments"


def test_a_bare_each_unit_names_no_members_rather_than_guessing():
    assert collective_class("各单位", "区").group != "all_departments"
