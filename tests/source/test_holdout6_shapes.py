"""Shapes first met in the sixth holdout of real breakdowns (tests/data/real/, "Holdout set 6"),
written here in made-up documents of the same shape: a collective's bracket written 〔〕 inside a
round bracket (`(各县〔市〕区人民政府负责落实)`, `各市〔州〕、县〔市、区〕政府`); `各级政府各部门`; a
collective widened by a kind word (`市政府各部门(单位)`); two role groups with nothing between them
(`县司法局牵头各行政机关负责`); a standing rule inside a unit field (`以下责任单位均包含各区县政府`) and
a note in ﹝﹞; a title wrapped before its `及…`; a signature after `(此件公开发布)` and one ending in
领导小组; a spam mirror's signature (`bbin官网:办公室`); a table whose unit cell holds one unit a
line, and a row under a numbered one printing only its task and deadline."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.source import ParseError, read_document
from tui.source.rolecell import split_glued
from tui.source.unitcells import split_names, split_unit_cell


def read(text: str, year: int | None = 2026):
    return read_document(text.encode("utf-8"), "要点.txt", year=year)


def roles(doc):
    return [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows]


NESTED = """某市2026年政务公开工作要点
一、推进决策公开
(一)加强行政决策公开
1.凡政府常务会议讨论决定的事项都应及时公开。(各县〔市〕区人民政府、市政府各部门负责落实)
2.更新调整权责清单。(各市〔州〕、县〔市、区〕政府,各级政府各部门、各单位按照职能分别落实)
3.维护信息公开专栏。〔各县(市)区人民政府,开发区管委会,市政府各部门(单位)按照职能分别落实〕
"""


def test_a_collectives_bracket_written_tortoise_inside_a_round_one_is_its_round_bracket():
    doc = read(NESTED)
    assert roles(doc) == [
        ([], ["各县(市)区人民政府", "市政府各部门"], []),
        ([], ["各市(州)、县(市、区)政府", "各级政府各部门", "各单位"], []),
        ([], ["各县(市)区人民政府", "开发区管委会", "市政府各部门(单位)"], []),
    ]
    assert not [n for n in doc.notes if n.kind == "odd_unit"]


def test_the_governments_of_every_level_and_their_departments_stay_one_collective_each():
    assert split_names("各市(州)、县(市、区)政府") == ["各市(州)、县(市、区)政府"]
    assert split_names("各级政府各部门") == ["各级政府各部门"]
    assert split_names("各乡镇各有关部门") == ["各乡镇", "各有关部门"]  # holdout 5's shape is kept
    assert [u.name for u in split_unit_cell("市政府各部门(单位)")] == ["市政府各部门(单位)"]
    # a unit with a note is still a unit and its note
    assert [(u.name, u.note) for u in split_unit_cell("市政府办公室(市政务公开办)")] == [
        ("市政府办公室", "市政务公开办")
    ]


GLUED = """2026年某县政务公开工作要点
一、聚焦重点领域
(一)强化政令权威发布。统一公开行政规范性文件。(县司法局牵头各行政机关负责)
(二)做好规划信息公开。集中公开各类规划。(县发改局牵头负责)
"""


def test_two_role_groups_with_nothing_between_them_are_two_groups():
    doc = read(GLUED)
    assert roles(doc) == [(["县司法局"], ["各行政机关"], []), (["县发改局"], [], [])]
    assert split_glued("县司法局牵头各行政机关负责") == ["县司法局牵头", "各行政机关负责"]
    assert split_glued("县发改局牵头负责") == ["县发改局牵头负责"]  # 负责 alone names no one
    assert split_glued("县协同创新中心负责") == ["县协同创新中心负责"]  # a role word inside a name


RULE = """某市2026年政务公开工作要点
一、深化主动公开
(一)提升共同富裕公开水平。公布重点工作情况。(牵头单位:市发展改革委,各区县政府﹝含某新区管委会,下同﹞,以下责任单位均包含各区县政府)
"""


def test_a_standing_rule_in_a_unit_field_is_no_unit_and_is_said():
    doc = read(RULE)
    assert roles(doc) == [(["市发展改革委", "各区县政府"], [], [])]
    assert doc.rows[0].unit_notes == {"各区县政府": "含某新区管委会,下同"}
    said = [n.message for n in doc.notes if n.severity == "warning"]
    assert len(said) == 1 and "以下责任单位均包含各区县政府" in said[0]  # the rule; the 含… note is no rule


WRAPPED = """某省2026年政务公开工作要点
及重点任务分工
按照部署,制定本要点。
(一)加强权力配置信息公开。及时更新权责清单。(各市(州)政府按照职能分别落实)
"""


def test_a_title_wrapped_before_its_ji_is_the_two_lines():
    assert read(WRAPPED).title == "某省2026年政务公开工作要点及重点任务分工"
    one_line = WRAPPED.replace("\n及重点任务分工", "")
    assert read(one_line).title == "某省2026年政务公开工作要点"


SIGNED = """关于印发《2026年某市政务公开工作要点》的通知
各县(市)区人民政府:
《2026年某市政务公开工作要点》已经市政府同意,现印发给你们。
某市人民政府政务公开(政府信息公开)领导小组
(此件公开发布) 2026年6月25日
2026年某市政务公开工作要点
一、强化基础工作
(一)维护法定公开内容。及时更新专栏。(各县(市)区人民政府负责)
"""


def test_a_signature_ending_in_its_leading_group_before_a_released_date_is_the_issuer():
    doc = read(SIGNED)
    assert doc.issuer == "某市人民政府政务公开(政府信息公开)领导小组"
    assert doc.issued == "2026-06-25"


def test_a_signature_a_spam_mirror_rewrote_is_no_issuer():
    spam = SIGNED.replace("某市人民政府政务公开(政府信息公开)领导小组", "bbin官网:办公室")
    assert read(spam).issuer is None


LINES = """2026年某县民生实事目标任务分解表
序号

民生实事

责任单位

完成时限

1

启动建设某河综合治理工程。

县水务局

县住建局

县护城河指挥部

12月底前

2

开工建设县老年养护楼。

县民政局

5月底前

开工建设老年大学。

12月底前

3

新建农贸市场。

县商务局

12月底前
"""


def test_a_unit_cell_of_one_unit_a_line_is_one_cell():
    doc = read(LINES)
    assert roles(doc)[0] == ([], ["县水务局", "县住建局", "县护城河指挥部"], [])
    assert doc.rows[0].items[0].deadline == "2026-12-31"


def test_a_row_printing_only_its_task_and_deadline_under_a_numbered_one_takes_its_units_and_is_said():
    doc = read(LINES)
    assert [r.items[0].text for r in doc.rows] == [
        "启动建设某河综合治理工程。",
        "开工建设县老年养护楼。",
        "开工建设老年大学。",
        "新建农贸市场。",
    ]
    assert [r.responsible_units for r in doc.rows[1:]] == [["县民政局"], ["县民政局"], ["县商务局"]]
    assert [r.items[0].deadline for r in doc.rows[1:]] == ["2026-05-31", "2026-12-31", "2026-12-31"]
    warned = [n for n in doc.notes if n.kind == "units_from_above"]
    assert len(warned) == 1 and warned[0].severity == "warning" and "县民政局" in warned[0].message


def test_with_two_unit_columns_a_third_unit_line_is_still_refused():
    two = LINES.replace("责任单位\n\n完成时限", "牵头单位\n\n责任单位\n\n完成时限")
    with pytest.raises(ParseError) as info:
        read(two)
    assert "多余的单位栏" in info.value.message and info.value.origin is not None
    assert info.value.origin.line > two.splitlines().index("县护城河指挥部")  # at the unit line or the cell after it


_UNITS = st.sampled_from(["县水务局", "县住建局", "县代建中心", "县教科局", "县残联", "县商务局"])


@settings(max_examples=30, deadline=None)
@given(st.lists(_UNITS, min_size=1, max_size=4, unique=True))
def test_any_unit_cell_printed_one_unit_a_line_is_read_as_those_units(names):
    cell = "\n\n".join(names)
    text = f"2026年某县民生实事目标任务分解表\n序号\n\n民生实事\n\n责任单位\n\n完成时限\n\n1\n\n新建人行天桥。\n\n{cell}\n\n9月底前\n"
    doc = read(text)
    assert roles(doc) == [([], names, [])]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["市", "州", "市、区", "县、市", "区"]), st.sampled_from(["人民政府", "政府"]))
def test_any_collective_bracket_written_tortoise_reads_as_the_round_one(inner, tail):
    written = f"各县〔{inner}〕区{tail}"
    assert split_names(written) == [f"各县({inner})区{tail}"]


PAIRED = """2026年某省政务公开重点工作任务分工
序号

任 务

有 关 要 求

责任单位

1

加强预期引导

加强财政、就业政策解读,及时传递政策意图。

发展改革委、财政厅

召开季度经济运行新闻发布会。

发展改革委、统计局

2

做好财政信息公开

公开预决算信息。

财政厅
"""


def test_a_numbered_task_then_its_requirements_each_with_its_units_are_a_row_each():
    doc = read(PAIRED)
    assert [(r.items[0].text, (r.requirement or "")[:8], r.responsible_units) for r in doc.rows] == [
        ("加强预期引导", "加强财政、就业政", ["发展改革委", "财政厅"]),
        ("加强预期引导", "召开季度经济运行", ["发展改革委", "统计局"]),
        ("做好财政信息公开", "公开预决算信息。", ["财政厅"]),
    ]
    assert any(n.kind == "task_shared" for n in doc.notes)


def test_without_a_number_column_a_task_and_a_requirement_column_of_text_are_still_refused():
    plain = PAIRED.replace("序号\n\n", "").replace("\n1\n\n", "\n").replace("\n2\n\n", "\n")
    with pytest.raises(ParseError) as info:
        read(plain)
    assert "无法分清" in info.value.message
