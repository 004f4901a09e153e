"""A unit cell whose lines a hard-wrapped copy broke inside a name (`…、区应急` / `管理局、…`) is read
with the name whole; a cell of one unit a line stays one unit a line (in a table of one cell a
block, its lines joined bare gave the unit `区财政局区审计局`)."""

from __future__ import annotations

import pytest

from tui.source import read_document
from tui.source.unitcells import rejoin_broken_names


@pytest.mark.parametrize(
    "lines, groups",
    [
        (["区政府办公室、区应急", "管理局、区民政局"], [[0, 1]]),
        (["各乡镇政府、街道办事", "处"], [[0, 1]]),
        (["区政府办公室", "区民政局", "各街道办事处"], [[0], [1], [2]]),  # one a line
        (["区政府办公室、", "区民政局"], [[0], [1]]),  # the line ends with its separator
        (["区财政局", "区民政局、区应急", "管理局"], [[0], [1, 2]]),
        (["区财政局牵头", "各镇配合"], [[0], [1]]),  # a role word ends its part
        (["市发改委等", "各部门"], [[0], [1]]),
    ],
)
def test_lines_are_joined_only_where_the_break_fell_inside_a_name(lines, groups):
    assert rejoin_broken_names(lines) == groups


TABLE = """某区2026年政务公开工作任务分工

序号

工作任务

责任单位

1

做好疫情防控信息公开。

区政府办公室、区卫生健康委、区应急
管理局、各乡镇政府、街道办事
处

2

做好财政信息公开。

区财政局
区审计局
"""


def test_a_table_copied_with_hard_wraps_keeps_its_unit_names_whole():
    doc = read_document(TABLE.encode("utf-8"), "分工.txt", year=2026)
    assert [r.responsible_units for r in doc.rows] == [
        ["区政府办公室", "区卫生健康委", "区应急管理局", "各乡镇政府、街道办事处"],
        ["区财政局", "区审计局"],
    ]
    assert any(n.kind == "lines_joined" and n.origin.line == 13 for n in doc.notes)  # said where
