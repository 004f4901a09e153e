"""Shapes first met in the twelfth holdout of real breakdowns (tests/data/real/, "Holdout set 12"),
written here in made-up documents of the same shape: label lines `牵头负责领导:` (a person) /
`牵头责任单位:` / `协同责任单位:` after each target, under a notice title a site prefixed with its
category label `【…】`; a table whose header names 牵头责任单位 / 协同责任单位 and a 任务来源 column;
a two-row header with 责任单位 over 牵头单位 / 配合单位 and a task column named 政务公开重点工作; a `|`
table whose cells are padded with line breaks, one unit cell holding two names on two lines, a lead
named `…协调机制`, and a row whose one unit cell may be its lead or its 责任单位."""

from __future__ import annotations

from tui.source import read_document
from tui.source.unitcells import split_names


def read(text: str, year: int | None = 2026, name: str = "清单.txt"):
    return read_document(text.encode("utf-8"), name, year=year)


def roles(doc):
    return [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows]


LABEL_LINES = """【市政府重点工作及责任分解】某市人民政府关于2026年市政府重点工作及责任分解的通知

    各县、市、区人民政府,市政府各部门:

    一、确保完成全年主要预期目标

    1. 地区生产总值增长6%以上。

    牵头负责领导:张三。

    牵头责任单位:市发展改革委。

    协同责任单位:市经信局、市商务局等,各县、市、区政府。

    2. 财政收入增长5%左右。

    牵头负责领导:张三。

    牵头责任单位:市财政局。

    协同责任单位:市税务局。
"""


def test_label_lines_name_a_leader_a_lead_and_the_units_working_with_it():
    doc = read(LABEL_LINES)
    assert [r.id for r in doc.rows] == ["1.1", "1.2"]
    assert roles(doc) == [
        (["市发展改革委"], [], ["市经信局", "市商务局", "各县、市、区政府"]),
        (["市财政局"], [], ["市税务局"]),
    ]
    assert doc.rows[1].items[0].text.startswith("财政收入增长")  # no 协同 line of the target above
    assert "张三" not in {u for r in doc.rows for u in r.lead_units + r.cooperating_units}  # a person
    assert doc.title == "某市人民政府关于2026年市政府重点工作及责任分解的通知"  # without the site's label


SOURCE_COLUMN = """2026年重点工作及责任清单

序号

重点工作

牵头责任单位

协同责任单位

任务来源

一、李四市长负责事项(共2项)

1

全面推进招商引资。

市政府办

市政府各部门、各直属机构

省政府文件

2

持续优化营商环境。

市数据资源局

市市场监管局

市委文件
"""


def test_a_table_naming_its_lead_and_its_coordinating_units_and_a_task_source_reads_them():
    doc = read(SOURCE_COLUMN)
    assert roles(doc) == [
        (["市政府办"], [], ["市政府各部门", "各直属机构"]),
        (["市数据资源局"], [], ["市市场监管局"]),
    ]
    assert all("文件" not in u for r in doc.rows for u in r.lead_units + r.cooperating_units)


TWO_ROW_HEADER = """某市落实2026年政务公开重点工作责任分解
序号 |
政务公开重点工作 |
责任单位 |
|
牵头单位 |
配合单位 |
||
一、加强政策解读 |
|||
1 |
围绕重点任务做好政策解读。 |
市级有关部门,各县(市、区)政府 |
|
2 |
做好政策文件集中公开。 |
市司法局 |
市政府办公室 |
"""


def test_a_responsibility_header_over_lead_and_cooperating_columns_is_no_column_of_its_own():
    doc = read(TWO_ROW_HEADER)
    assert roles(doc) == [
        (["市级有关部门", "各县(市、区)政府"], [], []),
        (["市司法局"], [], ["市政府办公室"]),
    ]


def _cell(text: str) -> str:
    return f"| \n             {text} \n             | \n            \n"


SPACED = (
    "| \n             附件 \n            某市政务数据共享重点任务 \n            责任分工  | \n        ||||\n"
    + "".join(_cell(w) for w in ("序号", "工作任务", "牵头单位", "责任单位", "完成时限"))
    + "        \n"
    + "".join(_cell(w) for w in ("1", "成立政务数据共享协调推进机制。", "市行政审批局", "市直相关部门", "2026年9月底"))
    + "        \n"
    + "".join(_cell(w) for w in ("2", "指定专门处室负责数据共享工作。", "市直相关部门", "", "2026年9月底"))
    + "        \n"
    + "".join(
        _cell(w)
        for w in (
            "3",
            "建设政务数据共享应用平台。",
            "市数据共享协调机制",
            "市直相关部门 \n            各乡镇(街道)",
            "2026年12月底",
        )
    )
)


def test_a_spaced_table_reads_two_names_on_two_lines_and_a_mechanism_named_as_the_lead():
    doc = read(SPACED)
    assert [r.id for r in doc.rows] == ["1", "2", "3"]
    assert roles(doc)[2] == (["市数据共享协调机制"], ["市直相关部门", "各乡镇(街道)"], [])
    assert [r.items[0].deadline for r in doc.rows] == ["2026-09-30", "2026-09-30", "2026-12-31"]


def test_a_row_whose_one_unit_cell_may_be_its_lead_or_its_responsible_units_is_said():
    doc = read(SPACED)
    # row 2 printed its empty 责任单位 cell, which the copy lost: its one unit cell is read beside the
    # row above's lead, and a person is told the lead may be empty
    said = [n for n in doc.notes if n.kind == "task_shared" and n.severity == "warning"]
    assert len(said) == 1 and "也可能是空的" in said[0].message


def test_names_a_cell_holds_on_two_lines_are_two_names():
    assert split_names("市直相关部门 \n            各乡镇(街道)") == ["市直相关部门", "各乡镇(街道)"]
    assert split_names("市直相关部门\n各乡镇(街道)") == ["市直相关部门", "各乡镇(街道)"]
    assert split_names("办 公 室") == ["办 公 室"]  # letter-spaced: one name
