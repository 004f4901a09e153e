"""A unit cell as a person reads it where the names are joined: `各` distributes over every kind
after it (`各乡、街办、管理处` is one collective of the district's lower governments, never the
units 街办 and 管理处 that name nobody), and `X等…领导小组成员单位` names X and the group's
members as a collective of their own (never one unit `X等…成员单位`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.source.unitcells import split_unit_cell

KINDS = ("乡", "镇", "乡镇", "街道", "街办", "管理处", "镇人民政府", "街道办事处", "开发区", "园区")


def names(cell: str) -> list[str]:
    return [u.name for u in split_unit_cell(cell)]


@given(st.lists(st.sampled_from(KINDS), min_size=2, max_size=4, unique=True), st.sampled_from(("、", " 、", "、 ")))
def test_each_kind_after_one_各_is_one_collective(kinds, comma):
    joined = "各" + comma.join(kinds)
    one = "各" + "、".join(kinds)  # as written, but for a blank beside a 、 (layout, not part of the name)
    assert names(f"区政府办公室、{joined}") == ["区政府办公室", one]
    assert names(f"{joined},区直各部门") == [one, "区直各部门"]


@pytest.mark.parametrize(
    "cell, want",
    [
        ("区商务局等数字经济工作领导小组成员单位", ["区商务局", "数字经济工作领导小组成员单位"]),
        (
            "市发改委、市商务局等市营商环境工作领导小组成员单位",
            ["市发改委", "市商务局", "市营商环境工作领导小组成员单位"],
        ),
        ("县卫健委等县疫情防控指挥部成员单位", ["县卫健委", "县疫情防控指挥部成员单位"]),
    ],
)
def test_a_group_named_after_等_is_a_collective_beside_the_unit(cell, want):
    assert names(cell) == want


@pytest.mark.parametrize(
    "cell, want",
    [
        ("区司法局等有关部门", ["区司法局"]),  # others it does not name: a note, as before
        ("区司法局等相关成员单位", ["区司法局"]),
        ("各乡镇、街道、区直各部门", ["各乡镇、街道", "区直各部门"]),
        ("各镇、街道、村(社区)", ["各镇、街道", "村(社区)"]),
        ("各乡镇(街道)、区政府各部门", ["各乡镇(街道)", "区政府各部门"]),
        ("各乡镇企业、街道", ["各乡镇企业", "街道"]),  # 乡镇企业 is no kind of government: not joined
    ],
)
def test_what_is_not_such_a_join_is_split_as_before(cell, want):
    assert names(cell) == want
