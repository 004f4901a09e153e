"""Shapes first met in the fifth holdout of real breakdowns (tests/data/real/, "Holdout set 5"),
written here in made-up documents of the same shape: a cited number in a task that lost its `〕`
(`(某府办字〔202131号)`), which must not hide the unit bracket after it; two collectives written
with nothing between them (`各乡镇各有关部门`); a unit list with a name that does not end like one
(`各乡镇场`, `各垦殖场`) before its role word; a title naming a span of years (`(2015—2020年)`)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.source import ParseError, read_document
from tui.source.readers.prose import brackets, open_depth
from tui.source.unitcells import split_names

LOST_CLOSER = """2026年某县政务公开工作要点
一、巩固提升公开信息内容管理
(一)全力保障法定公开内容。根据《关于某县政务公开工作职责分工方案的通知》(某府办字〔202631号)要求,优化专栏设置。(责任单位:县政府办、县司法局)
(二)大力规范信息处理流程。对照《某县政府信息公开管理工作制度》(某府办字〔2026〕2号)执行。(责任单位:各乡镇各有关部门)
"""


def read(text: str, year: int | None = 2026):
    return read_document(text.encode("utf-8"), "要点.txt", year=year)


def roles(doc):
    return [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows]


def test_a_cited_number_that_lost_its_closing_bracket_does_not_hide_the_unit_bracket_after_it():
    doc = read(LOST_CLOSER)
    assert [r.id for r in doc.rows] == ["1.1.1", "1.2.1"]
    assert roles(doc)[0] == ([], ["县政府办", "县司法局"], [])
    assert doc.rows[0].items[0].text.startswith("全力保障法定公开内容")


def test_two_collectives_written_with_nothing_between_them_are_two_units():
    assert roles(read(LOST_CLOSER))[1] == ([], ["各乡镇", "各有关部门"], [])
    assert split_names("各乡镇各有关部门") == ["各乡镇", "各有关部门"]
    assert split_names("各级各部门") == ["各级各部门"]  # 各级 alone names nobody: one collective
    assert split_names("各县(市、区)人民政府(管委会)") == ["各县(市、区)人民政府(管委会)"]


CREDIT = """某县社会信用体系建设(2015—2020年)任务分工方案
一、信用法规制度
(一)完善信用法规制度
1.推进信用地方立法工作。(县司法局、县发改委牵头负责)
2.推进行业信用制度建设。各乡(镇、场)分别制定信用规章制度。(县直有关部门、各乡镇场负责)
3.加强信用信息分类管理。(县发改委牵头负责)
"""


def test_the_townships_and_farms_are_a_collective_and_the_bracket_ends_its_task():
    doc = read(CREDIT, year=None)
    assert roles(doc) == [
        (["县司法局", "县发改委"], [], []),
        ([], ["县直有关部门", "各乡镇场"], []),
        (["县发改委"], [], []),
    ]
    assert not any(n.kind == "odd_unit" for n in doc.notes)


def test_a_name_that_does_not_end_like_a_unit_in_a_list_before_a_role_word_is_read_and_warned():
    doc = read(CREDIT.replace("各乡镇场", "各垦殖场"), year=None)
    assert [r.id for r in doc.rows] == ["1.1.1", "1.1.2", "1.1.3"]  # never two tasks run into one
    assert roles(doc)[1] == ([], ["县直有关部门", "各垦殖场"], [])
    (odd,) = [n for n in doc.notes if n.kind == "odd_unit"]
    assert odd.severity == "warning" and "各垦殖场" in odd.message and odd.origin.line == 5


def test_a_bracket_of_words_that_are_not_names_is_still_no_unit_bracket():
    doc = read(CREDIT.replace("(县直有关部门、各乡镇场负责)", "(按季度通报、年底前落实)"), year=None)
    assert [r.id for r in doc.rows] == ["1.1.1", "1.1.2"]  # the paragraph runs on into task 3, as before


def test_a_title_naming_a_span_of_years_gives_no_year_and_says_so():
    doc = read(CREDIT, year=None)
    assert doc.year is None
    (said,) = [n for n in doc.notes if n.kind == "year_span"]
    assert "2015—2020年" in said.message and "load --year" in said.message
    assert read(CREDIT, year=2018).year == 2018  # the year a person gives
    assert read(CREDIT.replace("(2015—2020年)", "2017年(2015—2020年)"), year=None).year == 2017


_ROUND = st.text(alphabet="甲乙()", max_size=30)


def _depth_spans(text: str) -> list[tuple[int, int]]:
    """The spans a plain depth count gives (one kind of bracket only)."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == "(":
            if depth == 0:
                start = i
            depth += 1
        elif c == ")" and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


@settings(max_examples=60, deadline=None)
@given(_ROUND)
def test_with_one_kind_of_bracket_the_spans_are_those_of_a_depth_count(text):
    assert brackets(text) == _depth_spans(text)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="甲()〔〕[]【】", max_size=30))
def test_every_span_opens_and_closes_a_bracket_and_none_overlap(text):
    spans = brackets(text)
    for start, end in spans:
        assert text[start] in "(〔[【" and text[end - 1] in ")〕]】"
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert open_depth(text) >= 0
    if not re.search(r"[(〔\[【]", text):
        assert spans == [] and open_depth(text) == 0


WRAPPED_TITLE = """某政办〔2026〕23号
某省人民政府办公厅关于
贯彻落实国务院办公厅2026年政务公开
工作要点的实施方案
各市人民政府,省政府各厅委:
  为贯彻落实有关要求,现提出如下实施方案。
  一、推进权力运行全流程公开
  (一)推进行政决策公开。扩大公众参与。(各市政府、省政府各部门负责落实)
  (二)推进政策执行公开。公开执行措施。(各市政府负责落实)进一步推进审计结果公开。(省审计厅牵头落实)
"""


def test_a_title_wrapped_after_its_guanyu_over_three_lines_is_the_three_lines():
    doc = read(WRAPPED_TITLE, year=None)
    assert doc.title == "某省人民政府办公厅关于贯彻落实国务院办公厅2026年政务公开工作要点的实施方案"
    assert doc.number == "某政办〔2026〕23号" and doc.year == 2026
    assert roles(doc) == [([], ["各市政府", "省政府各部门"], []), ([], ["各市政府"], []), (["省审计厅"], [], [])]


def test_a_line_ending_in_guanyu_before_a_notice_is_not_joined_into_a_title():
    doc = read(
        WRAPPED_TITLE.replace("贯彻落实国务院办公厅2026年政务公开\n工作要点的实施方案\n", "进一步做好公开工作的通知\n")
    )
    assert "关于进一步" not in doc.title


ROWS = """工作任务 | 具体要求
| 责任单位 |
一、做好规划公开。 | 1.主动公开规划纲要。 | 市直有关部门;各镇(街) |
2.做好规划归集整理。 | 市政府办公室牵头,市直有关部门配合;各镇(街)参照落实 |
二、做好财政信息公开。 | 3.推进部门预算公开。 | 市财政局牵头,市直各部门落实;各镇(街)参照落实 |
4.深化债务信息公开。 |
三、做好网站专栏公开。 |
(一)更新概况信息。 | 5.及时更新概况信息。 | 市民政局、市农业局按职能分工落实,各镇(街) |
"""


def test_a_header_whose_line_broke_before_a_bar_goes_on_on_the_next_line():
    doc = read(ROWS)
    assert [r.id for r in doc.rows] == ["1.1", "1.2", "2.1", "2.2", "3.1.1"]
    assert roles(doc)[:2] == [
        ([], ["市直有关部门", "各镇(街)"], []),
        (["市政府办公室"], ["各镇(街)"], ["市直有关部门"]),  # 参照落实: carry it out likewise
    ]


def test_a_row_printing_its_task_alone_takes_the_unit_cell_merged_above():
    assert roles(read(ROWS))[3] == (["市财政局"], ["市直各部门", "各镇(街)"], [])


def test_a_section_row_of_one_cell_is_a_heading_and_units_after_the_responsible_ones_are_responsible():
    doc = read(ROWS)
    assert roles(doc)[4] == ([], ["市民政局", "市农业局", "各镇(街)"], [])
    assert [s.title for s in doc.sections][-1] == "做好网站专栏公开。"


def test_a_unit_list_after_a_lead_with_no_role_of_its_own_is_still_refused():
    with pytest.raises(ParseError) as info:
        read(ROWS.replace("市民政局、市农业局按职能分工落实,各镇(街)", "市民政局牵头,各镇(街)"))
    assert info.value.origin.line == 8 and "各镇(街)" in str(info.value)


LIVELIHOOD = """一、10件民生实事任务分解表
序号 | 具体工作任务和要求 | 责任领导 | 责任单位 | 落实情况 |
1 | 新建学校两所,增加学位5000个。 | 张三 | 县教体局 各相关乡镇政府 | 已完成主体建设。 |
2 | 完成卫生院改扩建。 | 李四 | 县卫健委 | 正在装修。 |
"""


def test_a_task_and_requirements_column_is_the_task_and_two_units_a_blank_apart_are_two():
    doc = read(LIVELIHOOD)
    assert roles(doc) == [([], ["县教体局", "各相关乡镇政府"], []), ([], ["县卫健委"], [])]
    assert doc.rows[0].items[0].text.startswith("新建学校两所")
    assert not any("已完成" in i.text for r in doc.rows for i in r.items)  # 落实情况: progress, left unread


def test_letter_spaced_names_and_a_name_with_its_note_a_blank_apart_stay_one_unit():
    assert split_names("办 公 室") == ["办 公 室"]
    assert split_names("省编办 (省审改办)") == ["省编办 (省审改办)"]
    assert split_names("县教体局 各相关乡镇政府") == ["县教体局", "各相关乡镇政府"]


CELLS = """2015年某省政府信息公开工作主要任务分解表
工 作 任 务 |
牵头单位 |
责 任 单 位 |
一、推进重点领域信息公开 | ||
(一)推进权力清单公开 | ||
1.行政审批项目取消信息公开 |
省编办 (省审改办) |
省直各部门,各设区市 |
2.权力清单信息公开 | ||
3.行政审批事项信息公开 | ||
(二)推进财政资金信息公开 | ||
4.财政预算决算公开 |
省财政厅 |
省直各部门,各设区市 |
5.政府采购信息公开 |
各设区市 | |
"""


def test_cell_a_line_rows_printing_their_task_alone_take_the_merged_units_above():
    doc = read(CELLS, year=None)
    assert [r.id for r in doc.rows] == ["1.1.1", "1.1.2", "1.1.3", "1.2.1", "1.2.2"]
    assert roles(doc) == [
        (["省编办"], ["省直各部门", "各设区市"], []),
        (["省编办"], ["省直各部门", "各设区市"], []),
        (["省编办"], ["省直各部门", "各设区市"], []),
        (["省财政厅"], ["省直各部门", "各设区市"], []),
        (["省财政厅"], ["各设区市"], []),  # the 牵头单位 cell merged over rows 4–5, the 责任单位 its own
    ]
    assert any(n.kind == "unit_note" and "省审改办" in n.message for n in doc.notes)


def test_a_note_pointing_to_an_annex_is_no_rule_about_who_leads():
    doc = read(ROWS.replace("市直有关部门;各镇(街) |", "市直有关部门(见附件1,下同);各镇(街) |"))
    assert roles(doc)[0] == ([], ["市直有关部门", "各镇(街)"], [])
    assert not any(n.kind == "rule_in_note" for n in doc.notes)


_UNITS = st.lists(
    st.sampled_from(["县教体局", "县卫健委", "各相关乡镇政府", "县住建局", "市财政局"]), min_size=1, max_size=4
)


@settings(max_examples=40, deadline=None)
@given(_UNITS, st.sampled_from([" ", "  ", "\u3000"]))
def test_unit_names_a_blank_apart_are_each_a_unit(names, blank):
    assert split_names(blank.join(names)) == names


NUMBERED_BOTH = """工作任务 |
具体要求 |
责任单位 |
1.做好规划公开 |
1.公开规划纲要;2.公开规划解读 |
市发改委 |
2.做好财政公开 |
1.公开部门预算 |
市财政局 |
"""


def test_a_requirement_numbered_from_1_after_its_numbered_task_stays_in_its_row():
    doc = read(NUMBERED_BOTH)
    assert roles(doc) == [([], ["市发改委"], []), ([], ["市财政局"], [])]
    assert [r.items[0].text[:6] for r in doc.rows] == ["做好规划公开", "做好财政公开"]
