"""Shapes first met in the fourteenth holdout of real breakdowns (tests/data/real/, "Holdout set 14"), written
here in made-up documents of the same shape: a provincial department's lists to its 处室 (signed by a 厅; unit
cells of `;`-separated groups holding `X等有关处室(单位)`, `各市、县(市、区)教育局` and `各高校`), a table copied
with every separator lost (its header words run together), and a two-column page's text whose columns run
side by side."""

from __future__ import annotations

import pytest

from tui.source import ParseError, read_document
from tui.source.readers.glued_header import header_words_run_together
from tui.source.unitcells import classify_cell, split_names


def read(text: str, year: int | None = 2026, name: str = "清单.txt"):
    return read_document(text.encode("utf-8"), name, year=year)


SIGNED_BY_A_TING = """各市交通运输局、厅机关各处室:
现将《某省交通运输厅2026年政务公开重点工作清单》印发给你们,请认真抓好落实。
附件:某省交通运输厅2026年政务公开重点工作清单
某省交通运输厅
2026年6月13日
某省交通运输厅2026年政务公开重点工作清单
一、全方位深入推进政策公开
1.及时规范发布政策信息及执行效果。(厅政策法规处、厅规划处)
2.继续加强行政规范性文件的标准化管理。(厅政策法规处牵头、厅机关各处室配合)
"""


def test_a_list_signed_by_a_ting_has_that_department_as_its_issuer():
    doc = read(SIGNED_BY_A_TING)
    assert (doc.issuer, doc.issued, doc.title) == (
        "某省交通运输厅",
        "2026-06-13",
        "某省交通运输厅2026年政务公开重点工作清单",
    )
    assert [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows] == [
        ([], ["厅政策法规处", "厅规划处"], []),
        (["厅政策法规处"], [], ["厅机关各处室"]),
    ]


SEMICOLON_GROUPS = """某省教育厅2026年政务公开重点工作任务分解
工作任务 | 具体要求 | 责任单位 | 时限要求 |
一、围绕中心工作抓好主动公开。 | 1.重点加强学前教育、义务教育等信息公开。 | 人事处、财务处、就业指导中心等有关处室(单位);各市、县(市、区)教育局;各高校 | 持续推进 |
2.持续加大民生实事信息公开力度。 | 办公室、基教处;各市、县(市、区)教育局;各高等学校 | 持续推进 | |
3.完善“教育入学一件事”。 | 基教处、电教馆;各市、县(市、区)教育局 | 6月底前 | |
"""


def test_unit_cells_of_groups_between_semicolons_read_each_collective_whole():
    doc = read(SEMICOLON_GROUPS)
    assert [r.responsible_units for r in doc.rows] == [
        ["人事处", "财务处", "就业指导中心", "各市、县(市、区)教育局", "各高校"],
        ["办公室", "基教处", "各市、县(市、区)教育局", "各高等学校"],
        ["基教处", "电教馆", "各市、县(市、区)教育局"],
    ]
    assert [r.items[0].deadline for r in doc.rows] == [None, None, "2026-06-30"]
    assert any(n.kind == "unit_note" and "等有关处室(单位)" in n.message for n in doc.notes)
    assert not [n for n in doc.notes if n.kind == "odd_unit"]


@pytest.mark.parametrize(
    "cell, names",
    [
        ("各市、县(市、区)教育局", ["各市、县(市、区)教育局"]),
        ("各县、市、区卫生健康委", ["各县、市、区卫生健康委"]),
        ("各市(州)、县(市、区)政府", ["各市(州)、县(市、区)政府"]),  # as before
        ("市教育局、县教育局", ["市教育局", "县教育局"]),  # two units, no 各 before them
        ("学生处,各高等学校", ["学生处", "各高等学校"]),
    ],
)
def test_a_collective_of_every_citys_and_countys_bureau_is_one_unit(cell, names):
    assert split_names(cell) == names
    assert classify_cell(cell) == "units"


GLUED = """某市市场监督管理局 政务公开工作要点分工方案(2026年版)
工作要求具体任务具体要求责任科室完成时限其他
一、优化政务公开工作基础(一)深化规范性文件集中公开。1. 及时做好规章动态更新。办公室、政策法规科常态化开展
2. 加快推进行政规范性文件库建设。政策法规科,办公室常态化开展
"""


def test_a_header_whose_words_ran_together_is_refused_at_its_line_with_the_cause():
    with pytest.raises(ParseError) as info:
        read(GLUED)
    assert info.value.origin.line == 2
    assert "各栏名称连在一起" in str(info.value) and "「责任科室」" in str(info.value)


@pytest.mark.parametrize(
    "line, found",
    [
        ("工作要求具体任务具体要求责任科室完成时限其他", True),
        ("工作任务责任单位完成时限", True),
        ("工作任务分工方案", False),  # a title
        ("重点工作任务分工", False),
        ("责任单位完成时限", False),  # no task column among them
    ],
)
def test_header_words_run_together_are_found_only_as_a_whole_header(line, found):
    assert (header_words_run_together(line) is not None) == found


TWO_COLUMNS = """2026年第4期 某市人民政府公报
负责落实) 充分利用市级政务信息数据共享交换平台,实
(四) 抓好基层政务公开标准目录的落实 现政务公开工作数据归集和数据治理,用大数
县乡两级政府要抓好已公布标准目录的执 据理念和技术优化我市政务公开工作,为政府
行,并完善政府网站按要素搜索等功能。市政 决策提供有力支撑。(责任单位:市行政审批服
府、市有关单位要对本领域标准目录的落实情 务管理局、市数字政府服务中心负责落实)
况进行抽查检查,对未按要求进行公开的,要 (二) 创新公报工作机制,提升服务效果
进行通报并限期整改。(责任单位:各县区人民政 县级政府可结合实际积极创办政府公报。
府、市直有关部门按职责分别负责落实) (责任单位:市政府公报室负责落实)
"""


def test_a_two_column_pages_lines_are_refused_at_the_first_that_runs_the_columns_together():
    with pytest.raises(ParseError) as info:
        read(TWO_COLUMNS)
    assert info.value.origin.line == 2
    assert "两栏" in str(info.value)


ONE_COLUMN_WITH_BLANKS = """某市2026年政务公开工作要点
一、深化重点领域信息公开
(一) 做好规划信息公开。全面公开国民经济和社会发展规划。(责任单位:市发展改革委)
(二) 做好财政信息公开。推进部门预算、决算公开。(责任单位:市财政局)
(三) 做好 2026 年民生实事公开。及时公开项目进展。(责任单位:市政府办公室)
(四) 做好行政执法信息公开。落实行政执法公示制度。(责任单位:市司法局)
"""


def test_a_one_column_document_with_blanks_after_its_numerals_is_still_read():
    doc = read(ONE_COLUMN_WITH_BLANKS)
    assert [r.responsible_units for r in doc.rows] == [["市发展改革委"], ["市财政局"], ["市政府办公室"], ["市司法局"]]


TOPICS_OVER_REQUIREMENTS = """2026年政务公开工作要点任务分工

工作要点

具体要求

任务分工

教育高质量发展

聚焦重点工作任务,强化重大改革政策的公开和解读。

厅(委)机关各处室

教育民生

做好高校毕业生就业支持政策等信息公开。

学生处,各高等学校

推进义务教育学校加大入学政策宣传、解读力度。

基教处,各市教育(教体)局
"""


def test_unnumbered_topics_over_requirements_one_cell_a_paragraph_are_refused_at_the_header():
    """The shape the lead's call on holdout 13's zhongshan 2021 stands for (test_holdout7_shapes: two text columns
    without headings stay refused): 工作要点 and 任务分工 are known header words, so the refusal names the header."""
    with pytest.raises(ParseError) as info:
        read(TOPICS_OVER_REQUIREMENTS)
    assert info.value.origin.line == 3
    assert "无法分清" in str(info.value)


DONE_BY = """某市深入推进政务公开工作措施
(二)深入推进公共企事业单位办事公开
1、公共企事业单位对公开的事项应及时更新。由市信息办牵头,市政府各部门协助。
2、每年对全市政务公开情况进行一次调研。由市政府办公厅牵头,市监察局、市法制办协助。
3、每年开展一次民主评议。由市信息办负责。
"""


def test_measures_closed_by_a_you_sentence_naming_units_and_roles_read_as_brackets():
    doc = read(DONE_BY)
    assert [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows] == [
        (["市信息办"], [], ["市政府各部门"]),
        (["市政府办公厅"], [], ["市监察局", "市法制办"]),
        ([], ["市信息办"], []),
    ]
    assert all(len(r.items) == 1 for r in doc.rows)


def test_a_you_sentence_with_words_after_its_units_is_refused_at_its_line_never_an_item_of_the_next_row():
    text = DONE_BY.replace(
        "3、每年开展一次民主评议。由市信息办负责。", "3、召开动员大会。由市信息办负责,2026年落实到位。"
    )
    text += "4、每年开展一次民主评议。由市监察局牵头,市信息办协助。\n"
    with pytest.raises(ParseError) as info:
        read(text)
    assert info.value.origin.line == 5 and "2026年落实到位" in str(info.value)
