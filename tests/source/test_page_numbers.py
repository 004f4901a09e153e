"""A printed document copied as text carries its page numbers (`— 3 —`, `第 3 页`): they are no
line of the document, and every message still names the line as numbered in the file."""

from __future__ import annotations

import pytest

from tui.source import ParseError, read_document
from tui.source.readers.page import without_page_numbers


@pytest.mark.parametrize("line", ["— 3 —", "- 12 -", "－3－", "第 3 页", "第3页 共10页", "第3页/共10页", "3/10"])
def test_a_page_number_line_is_left_out_keeping_the_others_numbers(line):
    assert without_page_numbers(["a", line, "b"]) == [(1, "a"), (3, "b")]


@pytest.mark.parametrize("line", ["3", "1.", "2021年", "第三部分", "— 重点任务 —"])
def test_a_number_alone_or_a_heading_is_no_page_number(line):
    assert without_page_numbers([line]) == [(1, line)]


def test_a_page_number_between_two_blank_lines_leaves_one():
    assert without_page_numbers(["a", "", "— 2 —", "", "b"]) == [(1, "a"), (2, ""), (5, "b")]


PROSE = """某区2024年政务公开工作要点任务分工
一、加强政策解读
1.做好重要政策解读。(牵头单位:区政府办公室;
— 2 —
责任单位:区财政局)
2.做好政策问答。(责任单位:各街道)
3.做好政策问答。(责任单位:)
"""


def test_a_bracket_broken_by_a_page_number_is_read_whole_and_a_doubt_names_the_files_line():
    doc = read_document(PROSE.encode("utf-8"), "分工.txt", year=2024)
    assert [(r.lead_units, r.responsible_units) for r in doc.rows] == [
        (["区政府办公室"], ["区财政局"]),
        ([], ["各街道"]),
    ]
    doubt = next(n for n in doc.notes if n.severity == "warning")
    assert doubt.origin.line == 7 and "责任单位:)" in doubt.message  # as numbered in the file


def test_a_refusal_after_a_page_number_names_the_files_line():
    text = "工作任务\n责任单位\n— 1 —\n做好公开。\n区财政局\n做好解读。\n区财政局、某某某某某某某某某某某某某某某某某某某某某某某某某某\n"
    with pytest.raises(ParseError) as refused:
        read_document(text.encode("utf-8"), "分工.txt", year=2024)
    assert refused.value.line == 7  # the file's line 7 (6 were the page number's line not counted)
