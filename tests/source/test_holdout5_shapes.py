"""Shapes first met in the fifth holdout of real breakdowns (tests/data/real/, "Holdout set 5"),
written here in made-up documents of the same shape: a cited number in a task that lost its `〕`
(`(某府办字〔202131号)`), which must not hide the unit bracket after it; two collectives written
with nothing between them (`各乡镇各有关部门`); a unit list with a name that does not end like one
(`各乡镇场`, `各垦殖场`) before its role word; a title naming a span of years (`(2015—2020年)`)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.source import read_document
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
