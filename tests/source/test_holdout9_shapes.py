"""Shapes first met in the ninth holdout of real breakdowns (tests/data/real/, "Holdout set 9"),
written here in made-up documents of the same shape: `(X、Y主办,A、B协办)` (主办 leads, 协办 cooperates)
with a collective `各街道板块`; a `责任单位:` line whose first part says `牵头` and whose second says no
role (`X、Y牵头,A、B`), under a standing first-leads rule; a 具体工作要求 column and the collective
`各镇(办)`; a page whose metadata rows (`索引号: | … |`) and notice stand above a table one cell a
line, the notice's lines never part of the header's first cell, with 完成情况 and 备注 cells after the
units; `妇联` in a comma list and dated steps in a 工作举措及实施计划 column; pipe rows printing one cell
fewer (a task numbered next after the one above; a 牵头单位 left out beside an empty cell at the end)
and `各县 (市、 区 ) 政府`; one task `1. …` with its one `牵头单位:` line; a table with no header at all;
targets under a 项目 label with 牵头领导 and `★` marking the lead."""

from __future__ import annotations

import pytest

from tui.source import ParseError, read_document
from tui.source.unitcells import split_unit_cell


def read(text: str, year: int | None = 2026):
    return read_document(text.encode("utf-8"), "要点.txt", year=year)


def roles(doc):
    return [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows]


HOST = """区政府关于印发2026年区政府主要工作目标任务分解落实方案的通知
各街道办事处,区政府各部门:
现将方案印发给你们,请认真组织实施。
2026年区政府主要工作目标任务分解落实方案
一、聚力提升发展能级
1.地区生产总值增长5%以上,一般公共预算收入增长2%以上。(区发改委、区财政局主办,区相关部门、各街道板块协办)
2.社会消费品零售总额增长6%以上。(区商务局主办,各街道板块协办)
"""


def test_zhuban_leads_and_xieban_cooperates():
    doc = read(HOST)
    assert roles(doc) == [
        (["区发改委", "区财政局"], [], ["区相关部门", "各街道板块"]),
        (["区商务局"], [], ["各街道板块"]),
    ]
    assert not any(n.kind == "odd_unit" for n in doc.notes)  # 各街道板块: the streets and zones, a collective


LINES = """2026年政府工作报告重点工作责任分解
一、某省长牵头重点工作
1.一般公共预算收入与经济增长同步。
责任单位:省财政厅
2.坚持政府过紧日子,严控一般性支出。
责任单位:省政府办公厅、省财政厅牵头,省商务厅、省文化和旅游厅(除标注为“牵头”单位外,列第一位的为牵头或汇总单位,下同)
3.积极争取并高效用好地方政府专项债券。
责任单位:省财政厅、省发展改革委
"""


def test_a_unit_field_whose_first_part_leads_and_second_says_no_role_keeps_the_fields_role():
    doc = read(LINES)
    assert roles(doc) == [
        ([], ["省财政厅"], []),
        (["省政府办公厅", "省财政厅"], ["省商务厅", "省文化和旅游厅"], []),
        (["省财政厅"], ["省发展改革委"], []),  # the standing rule, from task 2 on
    ]


def test_a_lead_and_cooperating_said_in_a_responsible_field_keep_their_words():
    doc = read(LINES.replace("省财政厅、省发展改革委\n", "省财政厅牵头,省发展改革委配合\n"))
    assert roles(doc)[2] == (["省财政厅"], [], ["省发展改革委"])


CELLS = """|
工作任务 |
具体工作要求 |
责任单位 |
完成时限 |
|
|
一、深入推进政策公开 |
1 |
及时规范发布政策信息及执行效果。 |
各区直部门、各镇(办)、经开区 |
持续推进 |
|
2 |
集中发布政务服务事项目录、办理指南。 |
区数据资源局、区发改委等相关区直部门、各镇(办)、经开区 |
2026年6月底前 |
"""


def test_a_specific_requirements_header_and_the_towns_and_offices_collective():
    doc = read(CELLS)
    assert roles(doc) == [
        ([], ["各区直部门", "各镇(办)", "经开区"], []),
        ([], ["区数据资源局", "区发改委", "各镇(办)", "经开区"], []),
    ]
    assert [r.items[0].deadline for r in doc.rows] == [None, "2026-06-30"]


def test_ban_in_a_bracket_after_a_town_is_part_of_the_collective_not_a_note():
    assert [(u.name, u.note) for u in split_unit_cell("各镇(办)、区政府办(区外事办)")] == [
        ("各镇(办)", None),
        ("区政府办", "区外事办"),
    ]


PAGE = """索引号: | 11340000/202611-00054 | 组配分类: | 工作推进 |
名称: | 2026年11—12月政务公开重点工作任务提示单 | 文号: | 某政办〔2026〕9号 |
各县市区人民政府,市政府各部门:
根据有关要求,市政务公开办梳理形成任务清单,请对照落实。
2026年10月31日
2026年11—12月政务公开重点工作任务清单
工作任务 |
具体要求 |
责任单位 |
完成时限 |
一、年底前专项工作任务 |
1.行政规范性文件集中公开 |
开展行政规范性文件清理,形成现行有效的规范性文件目录。 |
市政府各部门、各直属机构,各县市区政府 |
2026年11月底前 |
"""


def test_a_notice_between_metadata_rows_and_a_table_one_cell_a_line_is_no_part_of_the_header():
    doc = read(PAGE)
    assert roles(doc) == [([], ["市政府各部门", "各直属机构", "各县市区政府"], [])]
    assert doc.rows[0].items[0].deadline == "2026-11-30"
    assert doc.number == "某政办〔2026〕9号"
    assert doc.title == "2026年11—12月政务公开重点工作任务清单"


LIVELIHOOD = """序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |
1 | 新建成公办幼儿园3所。 | 1.4月底前主体完工。 2.11月底前竣工交付。 | 教育局 | 发改局、住建局,锦城街道、昌化镇 |
2 | 新建成婴幼儿照护驿站7家。 | 1.3月底前新建成2家;9月底前完成7家。 | 卫生健康局 | 财政局、民政局、妇联,各镇(街道) |
"""


def test_a_two_character_peoples_organisation_in_a_comma_list_is_a_unit():
    doc = read(LIVELIHOOD)
    assert roles(doc)[1] == ([], ["卫生健康局"], ["财政局", "民政局", "妇联", "各镇(街道)"])


def test_dated_steps_in_a_plan_column_are_said_not_silently_left_as_no_deadline():
    doc = read(LIVELIHOOD)
    assert [r.requirement.startswith("1.") for r in doc.rows] == [True, True]  # 工作举措及实施计划: the requirement
    assert [r.items[0].deadline for r in doc.rows] == [None, None]
    said = [n for n in doc.notes if n.kind == "deadline_in_requirement"]
    assert [n.severity for n in said] == ["warning", "warning"]
    assert "2026-04-30" in said[0].message and "2026-03-31" in said[1].message


REMARKS = PAGE.replace("完成时限 |\n一、", "完成情况 |\n备注 |\n一、").replace(
    "2026年11月底前 |\n",
    "推进中 |\n11月底前完成 |\n2.基层政务公开提升 |\n公开涉农补贴项目表。 |\n各县市区政府 |\n已完成 |\n",
)


def test_progress_and_remarks_cells_after_the_last_unit_cell_stay_in_their_row():
    doc = read(REMARKS)
    assert roles(doc) == [([], ["市政府各部门", "各直属机构", "各县市区政府"], []), ([], ["各县市区政府"], [])]
    assert [r.items[0].text for r in doc.rows] == ["行政规范性文件集中公开", "基层政务公开提升"]
    assert not any("推进中" in i.text or "已完成" in i.text for r in doc.rows for i in r.items)


def test_a_last_remarks_column_of_a_table_with_no_deadline_column_is_its_deadline_and_said():
    doc = read(REMARKS)
    assert [r.items[0].deadline for r in doc.rows] == ["2026-11-30", None]
    assert [n.severity for n in doc.notes if n.kind == "remarks_as_deadline"] == ["warning"]


SHORT_ROWS = """工作任务 | 工作要求 | 牵头单位 | 责任单位 | 落实情况 |
一、深化政务公开 | ||||
(一) 做好市场规则公开 | ||||
4.加强市场规则标准公开 | 及时做好宣传。 | 市发改委 市商务局 | 市直有关部门,各县 (市、 区 ) 政府 | 已完成 |
5.及时公开行动方案的落实举措 | 市发改委 市市场监管局 | 市直有关部门,各县 (市、 区 ) 政府 | 已完成 | |
6.加强监管执法信息公开 | 加强执法信息公开。 | 市直有关部门,各县 (市、 区 ) 政府 | 已完成 | |
"""


def test_a_cell_numbered_next_after_the_task_above_is_a_task_not_a_requirement_under_it():
    doc = read(SHORT_ROWS)
    assert [r.items[0].text[:6] for r in doc.rows] == ["加强市场规则", "及时公开行动", "加强监管执法"]
    assert roles(doc)[1] == (["市发改委", "市市场监管局"], ["市直有关部门", "各县(市、区)政府"], [])


def test_a_pdfs_blanks_inside_a_collectives_bracket_are_not_part_of_its_name():
    assert roles(read(SHORT_ROWS))[0][1] == ["市直有关部门", "各县(市、区)政府"]


def test_a_unit_column_left_out_of_a_row_that_prints_an_empty_cell_at_its_end_is_merged_and_said():
    doc = read(SHORT_ROWS)
    assert roles(doc)[2][0] == ["市发改委", "市市场监管局"]  # the 牵头单位 above, as a merged cell
    said = [n for n in doc.notes if n.kind == "task_shared" and n.severity == "warning"]
    assert len(said) == 1 and "「牵头单位」也可能是空的" in said[0].message


ONE_TASK = """浙政办发〔2026〕7号
各市、县(市、区)人民政府,省政府直属各单位:
《政府工作报告重点工作责任分解》已经省政府同意,现印发给你们,请认真贯彻执行。

某省人民政府办公厅
2026年2月19日

政府工作报告重点工作责任分解

一、某省长主抓重点工作

1. 稳企业、防风险。扎实做好稳企业各项工作。

牵头单位:省发展改革委、省经信厅、省财政厅
"""


def test_one_task_numbered_with_a_blank_after_its_dot_and_its_one_label_line_is_prose():
    doc = read(ONE_TASK)
    assert roles(doc) == [(["省发展改革委", "省经信厅", "省财政厅"], [], [])]
    assert doc.rows[0].items[0].text.startswith("稳企业")
    assert (doc.number, doc.issuer) == ("浙政办发〔2026〕7号", "某省人民政府办公厅")


NO_HEADER = """一、持续推进基层标准化规范化 |
1.持续推动政府信息主动公开目录的动态更新调整。 |
法规科牵头,相关科(室)配合。 |
长期 |
二、规范发布年度报告 |
2.规范编制发布政府信息公开工作年度报告。 |
办公室 |
长期 |
3.向社会公开发布的信息与上级保持一致。 |
法规科统筹,各职能科(室)落实。 |
全年 |
"""


def test_a_table_one_cell_a_line_with_no_header_is_read_by_what_its_cells_hold_and_said():
    doc = read(NO_HEADER)
    assert roles(doc) == [(["法规科"], [], ["相关科(室)"]), ([], ["办公室"], []), (["法规科"], ["各职能科(室)"], [])]
    assert [s.title for s in doc.sections] == ["持续推进基层标准化规范化", "规范发布年度报告"]
    said = [n for n in doc.notes if n.kind == "header_inferred"]
    assert len(said) == 1 and said[0].severity == "warning"


def test_a_headerless_run_whose_tasks_do_not_count_on_is_still_refused():
    with pytest.raises(ParseError) as info:
        read(NO_HEADER.replace("3.向社会", "5.向社会"))
    assert info.value.origin.line == 1


def test_a_headerless_run_with_a_time_in_some_rows_only_is_still_refused():
    with pytest.raises(ParseError):
        read(NO_HEADER.replace("全年 |\n", ""))


TARGETS = """序号
|
项目
|
重点工作目标任务
|
牵头领导
|
责任单位
|
一、2026年全区经济社会发展主要预期目标
|
||||
1
|
主要预期目标
|
1.地区生产总值增长5%以上。
|
张 三
|
★区发改委、统计局
|
2.一般公共预算收入增长6%以上。
|
★区财政局、税务局
|
|||
3.规上工业总产值增长5%左右。
|
|
区工信局
|
"""


def test_targets_under_a_project_label_with_leaders_and_a_star_marking_the_lead():
    doc = read(TARGETS)
    assert roles(doc) == [(["区发改委"], ["统计局"], []), (["区财政局"], ["税务局"], []), ([], ["区工信局"], [])]
    assert [r.items[0].text[:6] for r in doc.rows] == ["地区生产总值", "一般公共预算", "规上工业总产"]
    assert not any("张" in u for r in doc.rows for u in r.lead_units + r.responsible_units)  # 牵头领导: a person
    said = [n for n in doc.notes if n.kind == "star_lead"]
    assert [n.severity for n in said] == ["warning", "info"]


def test_a_zone_collective_needs_its_ge_and_a_sites_sponsor_line_is_no_unit_label():
    from tui.source.unitcells import looks_like_unit_name

    assert [looks_like_unit_name(n) for n in ("各街道板块", "各板块", "经济板块")] == [True, True, False]
    doc = read(HOST + "主办单位:某区人民政府办公室 承办单位:某区大数据中心\n")
    assert roles(doc)[-1] == (["区商务局"], [], ["各街道板块"])


def test_a_numbered_requirement_under_a_merged_numbered_task_stays_a_requirement():
    doc = read(
        "工作任务 | 具体要求 | 责任单位 |\n"
        "1.做好政策公开 | 1.及时发布政策文件。 | 区政府办 |\n"
        "2.做好政策解读。 | 区司法局 |\n"
    )
    assert [r.items[0].text for r in doc.rows] == ["做好政策公开", "做好政策公开"]
    assert [r.requirement for r in doc.rows] == ["1.及时发布政策文件。", "2.做好政策解读。"]
