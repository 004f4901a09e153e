"""Shapes first met in the thirteenth holdout of real breakdowns (tests/data/real/, "Holdout set 13"),
written here in made-up documents of the same shape: a table copied one cell a paragraph whose unit cell
names its role groups with `;` between them (`X牵头落实;A、B按职责分工分别落实`) and is followed by a second
unit cell (a 责任单位 column split in two whose sub-header was not printed)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.source import ParseError, read_document
from tui.source.rolecell import roles_in_words
from tui.source.readers.prose_tail_units import close_open_field
from tui.source.readers.text_cells import names_with_roles


def read(text: str, year: int | None = 2026, name: str = "清单.txt"):
    return read_document(text.encode("utf-8"), name, year=year)


def roles(doc):
    return [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows]


CELLS_SEMICOLON_GROUPS = """某市2026年政务公开重点工作任务分工

工作任务

具 体 要 求

责 任 单 位

时限要求

一、做好重点领域信息公开

(一)做好重大项目信息公开

1.推进重大建设项目信息公开

加大重大建设项目批准和实施信息公开力度,动态公开项目推进情况。

市发改局牵头落实;市住建局、市交通局按职责分工分别落实

各镇(街道)分别落实

2.推进公共资源配置信息公开

及时公开公共资源交易信息。

市公管局牵头落实;市财政局按职责分工分别落实

各镇(街道)分别落实
"""


def test_a_unit_cell_naming_role_groups_between_semicolons_is_a_unit_cell():
    text = "市发改局牵头落实;市住建局、市交通局按职责分工分别落实"
    assert names_with_roles(text)
    assert roles_in_words(text).units == {"牵头": ["市发改局"], "责任": ["市住建局、市交通局"]}
    # a sentence with a `;` is still no unit cell
    assert not names_with_roles("加大公开力度;动态公开项目推进情况")


def test_a_row_of_cells_with_two_unit_cells_keeps_every_unit():
    doc = read(CELLS_SEMICOLON_GROUPS)
    assert roles(doc) == [
        (["市发改局"], ["市住建局", "市交通局", "各镇(街道)"], []),
        (["市公管局"], ["市财政局", "各镇(街道)"], []),
    ]
    assert all("牵头落实" not in item.text for row in doc.rows for item in row.items)


LOST_BLANKS_HEADING = """某局2026年政务公开工作重点任务实施方案

一、总体要求

坚持以公开为常态、不公开为例外,持续提升政务公开质量。

? ?二、重点任务

(一)围绕法治政府建设推进公开。做好信息公开工作。(责任科室:各科室、所属事业单位)

(二)推进政策执行情况公开。公布监督电话。(责任科室:公车管理科)
"""


def test_a_heading_after_question_marks_standing_for_lost_blanks_is_the_heading():
    doc = read(LOST_BLANKS_HEADING)
    assert [s.title for s in doc.sections] == ["总体要求", "重点任务"]
    assert [(r.id, r.responsible_units) for r in doc.rows] == [
        ("2.1.1", ["各科室", "所属事业单位"]),
        ("2.2.1", ["公车管理科"]),
    ]
    assert not any("重点任务" in n.message for n in doc.notes if n.severity == "warning")


def test_a_signature_over_a_date_that_lost_its_year_month_and_day_words_is_the_issuer():
    notice = "关于印发某市2026年政务公开重点工作任务分工的通知\n\n各镇人民政府、街道办事处:\n\n现将任务分工印发给你们。\n\n某市人民政府办公室\n\n20267 9\n\n(此件公开发布)\n\n"
    doc = read(notice + CELLS_SEMICOLON_GROUPS)
    assert (doc.issuer, doc.issued) == ("某市人民政府办公室", "2026-07-09")
    assert doc.title == "某市2026年政务公开重点工作任务分工"


UNCLOSED_FIELDS = """2026年某市政务公开工作要点

  一、加强政策解读和回应关切。

  ()深入解读重要政策。严格落实政策解读同步发布制度。(责任单位:各市直部门

  ()积极回应社会关切。持续做好建议提案办理结果公开。(责任单位:市政府办、各市直部门
"""


def test_a_unit_field_that_lost_its_closing_bracket_ends_at_its_paragraph_and_is_said():
    doc = read(UNCLOSED_FIELDS)
    assert [r.responsible_units for r in doc.rows] == [["各市直部门"], ["市政府办", "各市直部门"]]
    assert [r.items[0].text[:8] for r in doc.rows] == ["()深入解读重要", "()积极回应社会"]
    said = [n for n in doc.notes if n.kind == "bracket_unclosed" and n.severity == "warning"]
    assert [n.origin.line for n in said] == [5, 7]


def test_an_open_bracket_is_closed_only_around_unit_names_after_a_role_label():
    assert close_open_field("…政策。(责任单位:市政府办、各市直部门") == "…政策。(责任单位:市政府办、各市直部门)"
    assert close_open_field("…政策。(责任单位:市政府办要加强") == "…政策。(责任单位:市政府办要加强"
    assert close_open_field("…政策。(详见附件") == "…政策。(详见附件"
    assert close_open_field("…(责任单位:市财政局)") == "…(责任单位:市财政局)"


_NAMES = ["市发改局", "市财政局", "各市直部门", "市政府办", "各镇(街道)", "市数据局", "各县(区)人民政府"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=3, unique=True), min_size=1, max_size=4))
def test_every_unit_field_left_open_at_its_paragraph_end_is_read_there_and_said(fields):
    """Tasks whose `(责任单位:…` lost its `)`: each task keeps exactly its own units, none runs into the next
    paragraph, and each open field is a warning at its own line."""
    lines = ["2026年某市政务公开工作要点", "", "一、加强政策解读。", ""]
    for k, names in enumerate(fields, 1):
        lines += [f"({k})做好第{k}项公开工作。按要求及时公开。(责任单位:{'、'.join(names)}", ""]
    doc = read("\n".join(lines))
    assert [r.responsible_units for r in doc.rows] == fields
    said = [n.origin.line for n in doc.notes if n.kind == "bracket_unclosed" and n.severity == "warning"]
    assert said == [5 + 2 * k for k in range(len(fields))]


TARGETS_PIPE = """附件1 |
序号 | 任 务 名 称 | 指 标 要 求 | 牵 头 部 门 | 配 合 部 门 | 目 标 类 型 |
1 | 地区生产总值 | 增长6%(市下达指标) | 区发改局 | 区财政局、各街道办事处 | A类 |
2 | 一般公共预算收入 | 增长5% | 区财政局 | 区税务局 | A类 |
"""


def test_a_target_table_keeps_its_target_as_the_requirement_and_leaves_the_target_class_unread():
    doc = read(TARGETS_PIPE)
    assert roles(doc) == [(["区发改局"], [], ["区财政局", "各街道办事处"]), (["区财政局"], [], ["区税务局"])]
    assert [r.requirement for r in doc.rows] == ["增长6%(市下达指标)", "增长5%"]
    assert not any(n.severity == "warning" for n in doc.notes if n.kind == "header_mapped")


def test_a_pipe_column_whose_header_no_reader_knows_is_said_unread():
    doc = read(TARGETS_PIPE.replace("目 标 类 型", "考 核 档 次"))
    said = [n for n in doc.notes if n.kind == "header_mapped" and n.severity == "warning"]
    assert len(said) == 1 and "考 核 档 次" in said[0].message and "未读入" in said[0].message
    assert [r.requirement for r in doc.rows] == ["增长6%(市下达指标)", "增长5%"]


LEVELS_PIPE = """某局2026年政务公开工作要点分工方案
工作要求 | 一级要点 | 二级要点 | 责任科室 |
一、优化政务公开工作基础 | (一)深化规范性文件集中公开。 | 1.统一使用最新的行政法规文本。 | 法规科牵头,办公室配合 |
2.摸清本单位规范性文件底数。 | 办公室牵头,各科室按职责分工落实 | ||
(二)推进基层政务公开标准化。 | 3.动态更新主动公开目录。 | 办公室 | |
"""


def test_header_words_naming_levels_of_tasks_read_the_deepest_as_the_task_and_the_others_as_its_headings():
    doc = read(LEVELS_PIPE)
    assert roles(doc) == [(["法规科"], [], ["办公室"]), (["办公室"], ["各科室"], []), ([], ["办公室"], [])]
    assert [r.items[0].text[:6] for r in doc.rows] == ["统一使用最新", "摸清本单位规", "动态更新主动"]
    assert [(s.title, [u.title for u in s.subsections]) for s in doc.sections] == [
        ("优化政务公开工作基础", ["深化规范性文件集中公开。", "推进基层政务公开标准化。"])
    ]


def test_a_level_column_holding_text_that_is_no_heading_is_refused_at_its_row():
    bad = LEVELS_PIPE.replace("(二)推进基层政务公开标准化。", "推进基层政务公开标准化。")
    try:
        doc = read(bad)
    except ParseError as e:
        assert e.origin is not None and e.origin.line == 5
    else:
        raise AssertionError(f"read: {[r.items[0].text for r in doc.rows]}")
