"""Shapes first met in the seventh holdout of real breakdowns (tests/data/real/, "Holdout set 7"),
written here in made-up documents of the same shape: the last unit of a field followed by the kind
of the ones named (`区房管局等公共企事业单位行业主管部门`); a collective's bracket written 〔〕 inside a
round one holding `特区` or `室` (`各县〔市、区、特区〕政府`, `各级政府办公厅〔室〕`); a date of a year
before the document's inside a task (`2016年末政府债务余额` in a 2017 document); a page's widget
`【字体:` that never closes, above the notice's 文号; a table one cell a paragraph whose 工作任务 cells
are `(一)` headings beside numbered 具体措施 (both text), with `X牵头,Y按职能分工落实` in a unit cell and
an earlier date in a task's text than in its 完成时限 cell."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.source import ParseError, read_document
from tui.source.dates import read_deadlines
from tui.source.unitcells import split_unit_cell


def read(text: str, year: int | None = 2026):
    return read_document(text.encode("utf-8"), "要点.txt", year=year)


def roles(doc):
    return [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows]


KIND_AFTER = """2026年某区政务公开工作要点
一、依法履行政府信息公开职责
1.完善公共服务事项指南。(责任单位:区教育局、区建设管理委(区交通委)、区房管局等公共企事业单位行业主管部门)
2.做好规章集中公开。(责任单位:区司法局等有关部门)
3.做好行业信息公开。(区卫健委等区属医疗卫生单位负责落实)
"""


def test_the_kind_of_the_units_named_after_the_last_one_is_no_unit_of_its_own():
    doc = read(KIND_AFTER)
    assert roles(doc) == [
        ([], ["区教育局", "区建设管理委", "区房管局"], []),
        ([], ["区司法局"], []),
        ([], ["区卫健委"], []),
    ]
    names = split_unit_cell("区水务局、区房管局等公共企事业单位行业主管部门")
    assert [(u.name, u.note) for u in names] == [("区水务局", None), ("区房管局", "等公共企事业单位行业主管部门")]


def test_a_unit_named_with_等_inside_its_own_name_stays_whole():
    assert [u.name for u in split_unit_cell("各高等院校")] == ["各高等院校"]
    assert [u.name for u in split_unit_cell("市高等教育学会")] == ["市高等教育学会"]


NESTED = """某省2026年政务公开工作要点
一、加强用权公开
1.集中公开所辖政府部门的权责清单。(责任单位:各级政府办公厅〔室〕)
2.建立健全政务公开制度规范。(责任单位:省直各部门,各市〔州〕政府,各县〔市、区、特区〕政府)
"""


def test_a_special_district_or_an_office_rank_in_a_tortoise_bracket_stays_in_the_collective():
    doc = read(NESTED)
    assert roles(doc) == [
        ([], ["各级政府办公厅(室)"], []),
        ([], ["省直各部门", "各市(州)政府", "各县(市、区、特区)政府"], []),
    ]
    assert not [n for n in doc.notes if n.kind == "odd_unit"]
    # written with round brackets, the same collectives
    assert [u.name for u in split_unit_cell("各县(市、区、特区)政府、各级政府办公厅(室)")] == [
        "各县(市、区、特区)政府",
        "各级政府办公厅(室)",
    ]


PAST = """2017年某区政务公开工作要点
一、全面落实公开内容
1.推进财政预决算信息公开。公开2017年政府债务限额、2016年末政府债务余额预计执行数等。(区财政局负责落实)
2.推进权力清单公开。2017年底前公开区政府部门权力清单。(区编办负责落实)
"""


def test_a_date_of_an_earlier_year_in_a_task_is_no_deadline_and_is_said():
    doc = read(PAST, year=2017)
    assert [r.items[0].deadline for r in doc.rows] == [None, "2017-12-31"]
    assert any(n.kind == "date_unread" and "2016年末" in n.message and n.severity == "warning" for n in doc.notes)


@settings(max_examples=40, deadline=None)
@given(year=st.integers(2016, 2030), back=st.integers(1, 5), month=st.integers(1, 12), end=st.sampled_from("底末"))
def test_a_past_date_not_said_as_a_limit_is_never_taken_for_the_deadline(year, back, month, end):
    for past in (f"{year - back}年{end}", f"{year - back}年{month}月{end}"):
        explicit, _, doubtful = read_deadlines(f"公开{past}的债务余额,{year}年底前公开结果。", year)
        assert explicit == f"{year}-12-31"
        assert past in doubtful
        # without a document year nothing is known to be past: the date is read
        assert read_deadlines(f"公开{past}的债务余额。", None)[0] is not None
    # said as a limit (`…前`) it is a deadline whatever the year (a year taken from a later 文号)
    assert read_deadlines(f"{year - back}年{month}月{end}前公开。", year)[0] is not None


WIDGET = """您的位置:
省政府办公厅文件
【字体:
来源:某省人民政府办公厅

某省人民政府办公厅关于印发
2026年某省政务公开工作要点的通知

某政办发〔2026〕47号

各市人民政府,省直各部门:

现印发给你们,请认真贯彻执行。

某省人民政府办公厅

2026年6月2日

2026年某省政务公开工作要点

一、以公开助力经济平稳健康发展

(一)加强涉及市场主体的信息公开。(省直有关部门,各市人民政府按照职责分工负责)
"""


def test_a_page_widget_left_open_does_not_swallow_the_number_below_it():
    doc = read(WIDGET)
    assert (doc.number, doc.issuer, doc.title) == (
        "某政办发〔2026〕47号",
        "某省人民政府办公厅",
        "2026年某省政务公开工作要点",
    )
    assert roles(doc) == [([], ["省直有关部门", "各市人民政府"], [])]
    assert any(n.kind == "bracket_unclosed" and n.origin.line == 3 for n in doc.notes)


WRAPPED = """2026年某市政务公开工作要点
一、深化重点领域信息公开
(一)做好规划公开。公开本地规划纲要(牵头单位:市发改委;
责任单位:市政府各部门)
"""


def test_a_bracket_that_closes_a_line_later_is_still_joined():
    doc = read(WRAPPED)
    assert roles(doc) == [(["市发改委"], ["市政府各部门"], [])]


MEASURES = """某市2026年政务公开重点工作任务分工方案

工作任务

具体措施

责任单位

完成时限

(一)推进规范性文件集中公开

1.完善全市各级行政规章库建设,及时做好规章动态更新。

市政府办公室、市司法局

2026年底前

2.市直各单位要在2026年11月底前建成本部门行政规范性文件库。

市政府办公室、市司法局牵头,市直其他单位按职能分工落实

2026年底前

(二)推进政务公开标准化

3.逐步推进本地区行政规范性文件库建设。

各县(区)人民政府(管委会)

2026年底前
"""


def test_a_task_column_of_merged_headings_beside_numbered_measures_reads_the_measures_as_tasks():
    doc = read(MEASURES)
    assert roles(doc) == [
        ([], ["市政府办公室", "市司法局"], []),
        (["市政府办公室", "市司法局"], ["市直其他单位"], []),
        ([], ["各县(区)人民政府(管委会)"], []),
    ]
    assert [u.title for s in doc.sections for u in s.subsections] == ["推进规范性文件集中公开", "推进政务公开标准化"]
    assert [r.items[0].text[:6] for r in doc.rows] == ["完善全市各级", "市直各单位要", "逐步推进本地"]
    assert any(n.kind == "header_mapped" and "小标题" in n.message for n in doc.notes)
    # row 2's text names an earlier date than its 完成时限 cell: the cell's is the deadline, the
    # text's a step, said at the row
    assert [r.items[0].deadline for r in doc.rows] == ["2026-12-31", "2026-12-31", "2026-12-31"]
    said = [n for n in doc.notes if n.kind == "deadline_steps"]
    assert len(said) == 1 and said[0].severity == "info" and "2026-11-30、2026-12-31" in said[0].message


def test_two_text_columns_without_headings_are_still_refused_at_the_header():
    both_text = MEASURES.replace("(一)推进规范性文件集中公开", "推进规范性文件集中公开").replace(
        "(二)推进政务公开标准化", "推进政务公开标准化"
    )
    try:
        read(both_text)
    except ParseError as e:
        assert e.origin is not None and e.origin.line == 3
    else:
        raise AssertionError("two text columns read without a way to tell them apart")
