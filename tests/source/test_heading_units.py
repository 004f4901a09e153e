"""Tasks listed under a heading that names their unit (`一、县示范区管委会牵头工作(8项)`), as a
county's 政府工作报告 breakdown lists them by lead unit: each task without a unit of its own takes
the heading's, said in a warning; a heading that is more than a unit and its role names none."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.source import ParseError, read_document
from tui.source.readers.subject_list import heading_units


def read(text: str):
    return read_document(text.encode("utf-8"), "分解.txt", 2025)


def units_of(doc) -> list[tuple[str, list[str], list[str]]]:
    return [(r.items[0].text[:6], r.lead_units, r.responsible_units) for r in doc.rows]


@pytest.mark.parametrize(
    "heading, units",
    [
        ("一、县示范区管委会牵头工作(8项)", {"牵头": "县示范区管委会"}),
        ("二、县发改局负责(12项)", {"责任": "县发改局"}),
        ("(三)市财政局牵头的任务(共 3 项)", {"牵头": "市财政局"}),
        ("四、县教育局牵头", {"牵头": "县教育局"}),
        ("一、县发改局要加强统筹调度", None),  # a sentence, not a unit heading
        ("一、综合工作(3项)", None),
        ("一、加强政务公开(5项)", None),
        ("1.县发改局牵头工作", None),  # a numbered item, not a heading
    ],
)
def test_a_heading_names_units_only_when_it_is_a_unit_and_its_role(heading, units):
    assert heading_units(heading) == units


DOC = """2025年县政府工作报告任务清单
一、县发改局牵头工作(3项)
1.推进重点项目建设。
2.由县统计局负责做好统计数据发布。
3.完善项目储备库。
二、县财政局负责(2项)
(一)预算公开
1.公开部门预算。
2.公开部门决算。
"""


def test_tasks_take_the_unit_of_the_heading_above_and_their_own_where_they_name_one():
    doc = read(DOC)
    assert units_of(doc) == [
        ("推进重点项目", ["县发改局"], []),
        ("由县统计局负", [], ["县统计局"]),  # its own subject wins
        ("完善项目储备", ["县发改局"], []),
        ("公开部门预算", [], ["县财政局"]),  # under (一), a subsection that names no unit
        ("公开部门决算", [], ["县财政局"]),
    ]
    said = [n.message for n in doc.notes if n.kind == "unit_from_heading"]
    assert len(said) == 2 and "牵头单位 县发改局" in said[0] and "责任单位 县财政局" in said[1]


def test_a_task_under_a_heading_without_a_unit_is_refused_naming_its_line():
    text = DOC.replace("二、县财政局负责(2项)", "二、财政工作(2项)")
    with pytest.raises(ParseError) as info:
        read(text)
    assert info.value.origin.line == 8 and "没有写明由哪个单位负责" in str(info.value)


UNITS = ["县发改局", "县财政局", "县教育局", "县示范区管委会", "县农业农村局", "县住建局"]
NUMERALS = "一二三四五六"


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(UNITS), st.sampled_from(["牵头工作", "负责"]), st.integers(1, 4)),
        min_size=1,
        max_size=5,
    )
)
def test_every_task_takes_its_headings_unit_and_role(sections):
    lines, expected = ["任务分解"], []
    for k, (unit, role, count) in enumerate(sections):
        lines.append(f"{NUMERALS[k]}、{unit}{role}({count}项)")
        for n in range(1, count + 1):
            lines.append(f"{n}.完成第{k + 1}{n}项重点工作。")
            expected.append(([unit], []) if role == "牵头工作" else ([], [unit]))
    if sum(count for *_, count in sections) < 2:
        return  # one task is no list
    doc = read("\n".join(lines) + "\n")
    assert [(r.lead_units, r.responsible_units) for r in doc.rows] == expected
