"""One focused test per quirk of the flattened 任务分工 text (DESIGN.md §2).

Most tests feed the parser a small hand-written document built by `make_doc`; the last
group checks the same quirks where they occur in the real 2021 text.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tui.source import ParseError, parse_document

# Blank separator lines as they occur in the flattened text: empty, or only U+00A0 / U+2002.
SEPARATORS = ("", "\u00a0", "\u2002", "\u00a0\u2002\u2002", "")

PREAMBLE = (
    "重庆市人民政府办公厅关于印发测试任务分工的通知",
    "渝府办发〔2022〕7号",
    "2022年3月1日\u2002\u2002",
    "测试任务分工",
)
HEADER = ("工作任务", "牵头单位", "责任单位")

SEC1 = "一、深化政务公开"
SUB1 = "(一)做好规划公开。"
SUB2 = "(二)做好财政信息公开。"
SEC2 = "二、强化工作保障"


def make_doc(*blocks: str, header: bool = True) -> str:
    """A preamble with a document number, the header cells, then `blocks`, each block
    followed by a separator line that is empty or holds only U+00A0 / U+2002."""
    cells = list(PREAMBLE) + (list(HEADER) if header else []) + list(blocks)
    lines: list[str] = []
    for i, cell in enumerate(cells):
        lines.append(cell)
        lines.append(SEPARATORS[i % len(SEPARATORS)])
    return "\n".join(lines) + "\n"


def line_of(text: str, block: str, occurrence: int = 1) -> int:
    """1-based number of the line holding `block` (its `occurrence`-th appearance)."""
    seen = 0
    for no, raw in enumerate(text.splitlines(), start=1):
        if raw.strip(" \u00a0\u2002") == block:
            seen += 1
            if seen == occurrence:
                return no
    raise AssertionError(f"{block!r} not in the document")


def labels(row) -> list[str]:
    return [item.label for item in row.items]


def texts(row) -> list[str]:
    return [item.text for item in row.items]


def parse_error(text: str) -> ParseError:
    with pytest.raises(ParseError) as info:
        parse_document(text)
    return info.value


# -- preamble -------------------------------------------------------------------------


def test_preamble_gives_number_issue_date_and_table_title():
    doc = parse_document(make_doc(SEC1, SUB1, "公开规划信息。", "市发展改革委", "各区县政府"))
    assert doc.number == "渝府办发〔2022〕7号"
    assert doc.issued == "2022-03-01"
    assert doc.table_title == "测试任务分工"
    assert doc.title == "测试任务分工"  # the name the notice gives, written on its own line


def test_separator_lines_with_only_nbsp_or_en_space_are_blank():
    text = make_doc(SEC1, SUB1, "公开规划信息。", "市发展改革委", "各区县政府")
    assert "\n\u00a0\n" in text and "\n\u2002\n" in text  # the helper really emits them
    doc = parse_document(text)
    assert [texts(r) for r in doc.rows] == [["公开规划信息。"]]


# -- headings -------------------------------------------------------------------------


def test_section_and_subsection_headings_number_the_rows():
    text = make_doc(
        SEC1,
        SUB1,
        "公开规划信息。",
        "市发展改革委",
        "各区县政府",
        "公开专项规划。",
        "市发展改革委",
        "市政府有关部门",
        SUB2,
        "公开预决算信息。",
        "市财政局",
        "市政府各部门",
        SEC2,
        "(一)加强工作指导。",
        "加强条线指导,开展培训。",
        "市政府办公厅",
        "市政府有关部门",
    )
    doc = parse_document(text)
    assert [(s.id, s.numeral, s.title) for s in doc.sections] == [
        ("1", "一", "深化政务公开"),
        ("2", "二", "强化工作保障"),
    ]
    assert [(x.id, x.numeral, x.title) for s in doc.sections for x in s.subsections] == [
        ("1.1", "一", "做好规划公开。"),
        ("1.2", "二", "做好财政信息公开。"),
        ("2.1", "一", "加强工作指导。"),
    ]
    assert doc.sections[0].line == line_of(text, SEC1)
    assert doc.sections[0].subsections[1].line == line_of(text, SUB2)
    assert [(r.id, r.section_id, r.subsection_id) for r in doc.rows] == [
        ("1.1.1", "1", "1.1"),
        ("1.1.2", "1", "1.1"),
        ("1.2.1", "1", "1.2"),
        ("2.1.1", "2", "2.1"),
    ]


def test_text_before_any_section_is_an_error_naming_its_line():
    text = make_doc("公开规划信息。", SEC1, SUB1, "公开专项规划。", "市发展改革委", "各区县政府")
    err = parse_error(text)
    assert err.line == line_of(text, "公开规划信息。")
    assert "单位" in err.message  # a row of its own, before the heading, without unit cells


def test_a_file_without_the_table_header_is_an_error():
    text = make_doc(SEC1, SUB1, "公开规划信息。", "市发展改革委", "各区县政府", header=False)
    err = parse_error(text)
    assert "表头" in err.message
    assert 1 <= err.line <= len(text.splitlines())


def test_a_header_without_a_document_number_before_it_reads_without_one():
    """Issue 22: a document without a 文号 is known by its title and year, never refused for it
    and never given a number it does not have."""
    text = make_doc(SEC1, SUB1, "公开规划信息。", "市发展改革委", "各区县政府").replace(
        "渝府办发〔2022〕7号", "某某通知"
    )
    doc = parse_document(text)
    assert doc.number is None
    assert [n.kind for n in doc.notes if n.kind == "number_missing"] == ["number_missing"]
    assert [r.responsible_units for r in doc.rows] == [["各区县政府"]]


# -- merged cells -----------------------------------------------------------------------


def test_single_unit_block_inherits_the_lead_of_the_row_above():
    doc = parse_document(
        make_doc(
            SEC1,
            SUB1,
            "公开规划信息。",
            "市发展改革委、市商务委",
            "市发展改革委",
            "公开本部门规划信息。",
            "市政府有关部门",
            "公开本区县规划信息。",
            "各区县政府",
        )
    )
    assert [(r.id, r.lead_units, r.responsible_units) for r in doc.rows] == [
        ("1.1.1", ["市发展改革委", "市商务委"], ["市发展改革委"]),
        ("1.1.2", ["市发展改革委", "市商务委"], ["市政府有关部门"]),
        ("1.1.3", ["市发展改革委", "市商务委"], ["各区县政府"]),
    ]


def test_single_unit_block_on_the_first_row_of_a_subsection_is_an_error_naming_it():
    text = make_doc(
        SEC1,
        SUB1,
        "公开规划信息。",
        "市发展改革委",
        "市发展改革委",
        SUB2,
        "公开预决算信息。",
        "市政府各部门",
        "公开债务信息。",
        "市财政局",
        "各区县政府",
    )
    err = parse_error(text)
    assert err.line == line_of(text, "市政府各部门")
    assert "单位栏" in err.message


def test_single_unit_block_on_the_first_row_of_the_table_is_an_error():
    text = make_doc(SEC1, SUB1, "公开规划信息。", "各区县政府")
    err = parse_error(text)
    assert err.line == line_of(text, "各区县政府")


def test_a_third_unit_block_is_an_error():
    text = make_doc(SEC1, SUB1, "公开规划信息。", "市发展改革委", "市商务委", "各区县政府")
    err = parse_error(text)
    assert err.line == line_of(text, "各区县政府")


def test_a_row_without_any_unit_block_is_an_error():
    text = make_doc(SEC1, SUB1, "公开规划信息。", "市发展改革委", "市商务委", SUB2, "公开预决算信息。", SEC2)
    err = parse_error(text)
    assert err.line == line_of(text, "公开预决算信息。")


# -- page breaks ------------------------------------------------------------------------


def test_headings_repeated_at_a_page_top_start_nothing_new():
    text = make_doc(
        SEC1,
        SUB1,
        "公开规划信息。",
        "市发展改革委",
        "市发展改革委",
        SEC1,
        SUB1,  # page top
        "公开本区县规划信息。",
        "各区县政府",
        SUB2,
        "公开预决算信息。",
        "市财政局",
        "市政府各部门",
        SEC1,
        SUB2,  # page top
        "公开债务信息。",
        "市财政局",
        "各区县政府",
    )
    doc = parse_document(text)
    assert [s.id for s in doc.sections] == ["1"]
    assert [x.id for x in doc.sections[0].subsections] == ["1.1", "1.2"]
    # the headings keep the line of their first printing
    assert doc.sections[0].subsections[0].line == line_of(text, SUB1)
    assert [(r.id, r.lead_units, r.responsible_units) for r in doc.rows] == [
        ("1.1.1", ["市发展改革委"], ["市发展改革委"]),
        ("1.1.2", ["市发展改革委"], ["各区县政府"]),  # merged lead across the page break
        ("1.2.1", ["市财政局"], ["市政府各部门"]),
        ("1.2.2", ["市财政局"], ["各区县政府"]),
    ]


def test_row_cut_by_a_page_break_with_units_on_both_pages_is_one_row():
    text = make_doc(
        SEC1,
        SUB1,
        "1.公开规划信息。",
        "2.公开区域规划。",
        "市发展改革委",
        "市发展改革委、市商务委",
        SEC1,
        SUB1,
        "3.归集专项规划,进行集中展示。",
        "4.公开历史规划。",
        "市发展改革委",
        "市发展改革委、市商务委",
        "公开本区县规划。",
        "各区县政府",
    )
    doc = parse_document(text)
    assert [r.id for r in doc.rows] == ["1.1.1", "1.1.2"]
    row = doc.rows[0]
    assert labels(row) == ["1", "2", "3", "4"]
    assert [i.id for i in row.items] == ["1.1.1-1", "1.1.1-2", "1.1.1-3", "1.1.1-4"]
    assert texts(row)[2] == "归集专项规划,进行集中展示。"
    assert row.lead_units == ["市发展改革委"]
    assert row.responsible_units == ["市发展改革委", "市商务委"]
    assert row.first_line == line_of(text, "1.公开规划信息。")
    assert row.last_line == line_of(text, "市发展改革委、市商务委", occurrence=2)
    # the row after it still inherits the lead
    assert doc.rows[1].lead_units == ["市发展改革委"]


def test_row_cut_by_a_page_break_with_units_on_both_pages_and_a_merged_lead():
    # The row's lead cell is merged with the row above: only 责任单位 printed, on both pages.
    text = make_doc(
        SEC1,
        SUB1,
        "公开规划信息。",
        "市发展改革委",
        "市发展改革委",
        "1.公开本区县规划。",
        "2.公开专项规划。",
        "各区县政府",
        SEC1,
        SUB1,
        "3.公开历史规划。",
        "各区县政府",
    )
    doc = parse_document(text)
    assert [r.id for r in doc.rows] == ["1.1.1", "1.1.2"]
    assert labels(doc.rows[1]) == ["1", "2", "3"]
    assert doc.rows[1].lead_units == ["市发展改革委"]
    assert doc.rows[1].responsible_units == ["各区县政府"]


def test_row_cut_by_a_page_break_with_units_only_on_the_second_page_is_one_row():
    text = make_doc(
        SEC1,
        SUB1,
        "1.公开规划信息。",
        "2.公开区域规划。",
        SEC1,
        SUB1,
        "3.归集专项规划,进行集中展示。",
        "市发展改革委",
        "各区县政府",
    )
    doc = parse_document(text)
    assert len(doc.rows) == 1
    row = doc.rows[0]
    assert labels(row) == ["1", "2", "3"]
    assert row.lead_units == ["市发展改革委"] and row.responsible_units == ["各区县政府"]


def test_page_break_between_items_and_their_unit_cells():
    text = make_doc(
        SEC1,
        SUB1,
        "1.公开规划信息。",
        "2.公开区域规划。",
        SEC1,
        SUB1,
        "市发展改革委",
        "各区县政府",
    )
    doc = parse_document(text)
    assert len(doc.rows) == 1 and labels(doc.rows[0]) == ["1", "2"]
    assert doc.rows[0].responsible_units == ["各区县政府"]


def test_continued_numbering_with_different_units_is_a_new_row():
    text = make_doc(
        SEC1,
        SUB1,
        "1.公开规划信息。",
        "2.公开区域规划。",
        "市发展改革委",
        "市发展改革委",
        SEC1,
        SUB1,
        "3.公开历史规划,做好归集。",
        "4.公开专项规划。",
        "市发展改革委",
        "市政府各部门",
    )
    doc = parse_document(text)
    assert [r.id for r in doc.rows] == ["1.1.1", "1.1.2"]
    assert labels(doc.rows[0]) == ["1", "2"]
    # the new row keeps the document's numbering, like 5.1.2-5 in the 2021 text
    assert labels(doc.rows[1]) == ["3", "4"]
    assert [i.id for i in doc.rows[1].items] == ["1.1.2-3", "1.1.2-4"]
    assert doc.rows[1].responsible_units == ["市政府各部门"]


def test_continued_numbering_with_a_different_merged_cell_is_a_new_row():
    text = make_doc(
        SEC1,
        SUB1,
        "1.公开规划信息。",
        "2.公开区域规划。",
        "市发展改革委",
        "市发展改革委",
        SEC1,
        SUB1,
        "3.公开历史规划,做好归集。",
        "市政府各部门",
    )
    doc = parse_document(text)
    assert [(r.id, labels(r), r.lead_units, r.responsible_units) for r in doc.rows] == [
        ("1.1.1", ["1", "2"], ["市发展改革委"], ["市发展改革委"]),
        ("1.1.2", ["3"], ["市发展改革委"], ["市政府各部门"]),
    ]


def test_numbering_that_does_not_continue_after_a_page_break_starts_a_new_row():
    text = make_doc(
        SEC1,
        SUB1,
        "1.公开规划信息。",
        "2.公开区域规划。",
        "市发展改革委",
        "各区县政府",
        SEC1,
        SUB1,
        "1.公开历史规划。",
        "市发展改革委",
        "各区县政府",
    )
    doc = parse_document(text)
    assert [labels(r) for r in doc.rows] == [["1", "2"], ["1"]]


# -- unit cells -------------------------------------------------------------------------


def test_unit_names_containing_dunhao_in_a_multi_unit_cell():
    doc = parse_document(
        make_doc(
            SEC1,
            SUB1,
            "归集整理规划信息,集中展示。",
            "市、区县政府门户网站主办单位、市发展改革委",
            "市发展改革委、市、区县政府门户网站承办单位、市、区县政府部门网站(页)承办单位",
        )
    )
    row = doc.rows[0]
    assert row.lead_units == ["市、区县政府门户网站主办单位", "市发展改革委"]
    assert row.responsible_units == [
        "市发展改革委",
        "市、区县政府门户网站承办单位",
        "市、区县政府部门网站(页)承办单位",
    ]
    assert doc.units() == [
        "市、区县政府门户网站主办单位",
        "市发展改革委",
        "市、区县政府门户网站承办单位",
        "市、区县政府部门网站(页)承办单位",
    ]


def test_truncated_unit_is_repaired_from_an_earlier_full_name():
    text = make_doc(
        SEC1,
        SUB1,
        "归集整理规划信息,集中展示。",
        "市、区县政府门户网站主办单位",
        "市、区县政府门户网站承办单位",
        SUB2,
        "增设相关栏目,方便获取。",
        "市、区县政府门户网站主办单位",
        "、区县政府门户网站承办单位",
    )
    doc = parse_document(text)
    assert doc.rows[1].responsible_units == ["市、区县政府门户网站承办单位"]
    assert doc.repairs == [
        type(doc.repairs[0])(
            line=line_of(text, "、区县政府门户网站承办单位"),
            kind="truncated_unit",
            before="、区县政府门户网站承办单位",
            after="市、区县政府门户网站承办单位",
        )
    ]


def test_truncated_unit_followed_by_more_names_is_repaired():
    text = make_doc(
        SEC1,
        SUB1,
        "归集整理规划信息,集中展示。",
        "市政府办公厅",
        "市、区县政府门户网站承办单位",
        "增设相关栏目,方便获取。",
        "、区县政府门户网站承办单位、市发展改革委",
    )
    doc = parse_document(text)
    assert doc.rows[1].responsible_units == ["市、区县政府门户网站承办单位", "市发展改革委"]


def test_truncated_unit_without_an_earlier_name_is_an_error():
    text = make_doc(
        SEC1,
        SUB1,
        "增设相关栏目,方便获取。",
        "市、区县政府门户网站主办单位",
        "、区县政府门户网站承办单位",
    )
    err = parse_error(text)
    assert err.line == line_of(text, "、区县政府门户网站承办单位")
    assert "残缺" in err.message


def test_truncated_unit_with_two_possible_full_names_is_an_error():
    text = make_doc(
        SEC1,
        SUB1,
        "归集整理规划信息,集中展示。",
        "市、区县政府门户网站主办单位",
        "市、区县政府门户网站承办单位",
        "公开乡镇信息。",
        "乡镇、区县政府门户网站承办单位",
        "增设相关栏目,方便获取。",
        "、区县政府门户网站承办单位",
    )
    err = parse_error(text)
    assert err.line == line_of(text, "、区县政府门户网站承办单位")


def test_ambiguous_block_is_an_error_naming_its_line():
    # 市发展改革委 looks like a unit, 各类市场主体 does not: neither a unit cell nor a sentence.
    text = make_doc(SEC1, SUB1, "公开规划信息。", "市发展改革委、各类市场主体", "各区县政府")
    err = parse_error(text)
    assert err.line == line_of(text, "市发展改革委、各类市场主体")
    assert "单位" in err.message


# -- lost dots --------------------------------------------------------------------------


def test_lost_dot_after_item_numbers():
    text = make_doc(
        SEC1,
        SUB1,
        "1公开规划信息。",
        "212345政务服务便民热线要设立政策咨询专门席位。",
        "3.公开历史规划。",
        "市发展改革委",
        "各区县政府",
    )
    doc = parse_document(text)
    row = doc.rows[0]
    assert labels(row) == ["1", "2", "3"]
    assert texts(row) == ["公开规划信息。", "12345政务服务便民热线要设立政策咨询专门席位。", "公开历史规划。"]
    lost = [(r.line, r.before, r.after) for r in doc.repairs if r.kind == "lost_dot"]
    assert lost == [
        (line_of(text, "1公开规划信息。"), "1公开规划", "1.公开规划"),
        (line_of(text, "212345政务服务便民热线要设立政策咨询专门席位。"), "21234", "2.1234"),
    ]


def test_a_year_at_paragraph_start_is_not_a_lost_item_number():
    text = make_doc(
        SEC1,
        SUB1,
        "1.公开规划信息。",
        "2021年起,按季度更新。",
        "市发展改革委",
        "各区县政府",
    )
    doc = parse_document(text)
    row = doc.rows[0]
    assert labels(row) == ["1"]
    assert texts(row) == ["公开规划信息。\n2021年起,按季度更新。"]
    assert not doc.repairs


def test_a_quantity_at_paragraph_start_is_not_a_lost_item_number():
    doc = parse_document(
        make_doc(
            SEC1,
            SUB1,
            "1.公开规划信息。",
            "2个工作日内答复。",
            "市发展改革委",
            "各区县政府",
        )
    )
    assert labels(doc.rows[0]) == ["1"]
    assert doc.rows[0].items[0].text.endswith("\n2个工作日内答复。")


def test_lost_dot_in_disclosure_path_numbering():
    text = make_doc(
        SEC1,
        SUB1,
        "公开规划信息〔公开路径:1政府网站>规划信息,2其他渠道〕。",
        "市发展改革委",
        "各区县政府",
    )
    doc = parse_document(text)
    item = doc.rows[0].items[0]
    assert item.text == "公开规划信息〔公开路径:1.政府网站>规划信息,2.其他渠道〕。"
    assert item.disclosure_paths == ["政府网站>规划信息", "其他渠道"]
    assert [(r.kind, r.before, r.after) for r in doc.repairs] == [
        ("lost_dot", "1政府网站", "1.政府网站"),
        ("lost_dot", "2其他渠道", "2.其他渠道"),
    ]


# -- dates ------------------------------------------------------------------------------


def _one_item(text_block: str):
    doc = parse_document(make_doc(SEC1, SUB1, text_block, "市发展改革委", "各区县政府"))
    (item,) = doc.items()
    return doc, item


def test_lost_year_before_month_is_repaired_and_gives_the_deadline():
    doc, item = _one_item("在20216月底前更新行政法规文本。")
    assert item.text == "在2021年6月底前更新行政法规文本。"
    assert item.deadline == "2021-06-30"
    assert item.relative_deadline is None
    assert [(r.kind, r.before, r.after, r.note) for r in doc.repairs] == [
        ("lost_date_chars", "20216月", "2021年6月", ""),
    ]


def test_lost_year_and_month_before_day_is_repaired():
    doc, item = _one_item("于2021531日前集中发布年度报告。")
    assert item.text == "于2021年5月31日前集中发布年度报告。"
    assert item.deadline == "2021-05-31"
    assert [(r.before, r.after, r.note) for r in doc.repairs] == [("2021531日", "2021年5月31日", "")]


def test_ambiguous_lost_date_is_read_with_a_one_digit_month_and_noted():
    doc, item = _one_item("完成情况于2022115日前报市政府办公厅。")
    assert item.deadline == "2022-01-15"
    assert "2022年1月15日前" in item.text
    (repair,) = doc.repairs
    assert (repair.kind, repair.before, repair.after) == ("lost_date_chars", "2022115日", "2022年1月15日")
    assert "歧义" in repair.note and "11月5日" in repair.note


def test_explicit_deadlines_in_several_forms():
    assert _one_item("于2021年9月底前公布。")[1].deadline == "2021-09-30"
    assert _one_item("于2021年7月31日前报送。")[1].deadline == "2021-07-31"
    assert _one_item("于2021年底前完成。")[1].deadline == "2021-12-31"


@pytest.mark.parametrize(
    "text, phrase",
    [
        *(
            (f"收到咨询后,在{p}办理并公开。", p)
            for p in ("5个工作日内", "3个月内", "10日内", "每年", "每季度", "每半年", "每月")
        ),
        ("每年度公开一次。", "每年度"),
        ("办理并公开(长期坚持)。", "长期坚持"),
        ("办理并公开,持续推进。", "持续推进"),
        ("办理并公开。完成时限:长期推进", "长期推进"),
    ],
)
def test_relative_deadlines_are_kept_as_text(text, phrase):
    _, item = _one_item(text)
    assert item.relative_deadline == phrase
    assert item.deadline is None


@pytest.mark.parametrize(
    "text",
    ["持续推进政务服务标准化建设。", "长期坚持并不断完善发布制度。", "持续推进“一网通办”。", "长期推进《条例》落实。"],
)
def test_a_standing_phrase_that_is_the_tasks_verb_is_no_deadline(text):
    """`持续推进X`: the task goes on doing X; it names no time (the readings of real breakdowns agree)."""
    _, item = _one_item(text)
    assert (item.deadline, item.relative_deadline) == (None, None)


def test_several_relative_deadlines_are_joined_in_text_order():
    _, item = _one_item("每年开展检查,在5个工作日内回复,每年汇总。")
    assert item.relative_deadline == "每年;5个工作日内"


# -- disclosure paths -------------------------------------------------------------------


def test_disclosure_paths_with_nested_brackets():
    _, item = _one_item("公开惠民惠农补贴信息〔公开路径:1.政府网站>A>B,2.其他渠道,3.村(居)务公开栏〕。")
    assert item.disclosure_paths == ["政府网站>A>B", "其他渠道", "村(居)务公开栏"]


def test_unnumbered_single_disclosure_path():
    _, item = _one_item("集中展示规划(公开路径:政府网站>政府信息公开>规划信息)。")
    assert item.disclosure_paths == ["政府网站>政府信息公开>规划信息"]


def test_trailing_path_only_block_applies_to_all_items_of_the_row():
    note = "(公开路径:1.政府网站>政务公开>公共企事业单位信息公开,2.其他渠道)。"
    text = make_doc(
        SEC1,
        SUB1,
        "1.公开学校名称、地址等基本信息。",
        "2.公开投诉举报电话(公开路径:政府网站>联系我们)。",
        "3.制订实施细则,报市政府审定。",
        note,
        "市教委",
        "市教委",
        "按照统一要求,公开本区县信息。",
        "各区县政府",
    )
    doc = parse_document(text)
    row = doc.rows[0]
    assert labels(row) == ["1", "2", "3"]  # the path block is no item
    assert row.path_note == note
    assert [i.disclosure_paths for i in row.items] == [
        ["政府网站>政务公开>公共企事业单位信息公开", "其他渠道"],
        ["政府网站>联系我们"],  # an item's own path wins
        ["政府网站>政务公开>公共企事业单位信息公开", "其他渠道"],
    ]
    assert doc.rows[1].path_note is None
    assert doc.rows[1].items[0].disclosure_paths == []


# -- item numbering ---------------------------------------------------------------------


def test_unnumbered_row_is_one_item_labelled_1():
    doc = parse_document(make_doc(SEC1, SUB1, "公开规划信息。", "市发展改革委", "各区县政府"))
    assert [(i.id, i.label) for i in doc.items()] == [("1.1.1-1", "1")]


def test_lead_in_sentence_before_item_1_is_item_0():
    text = make_doc(
        SEC1,
        SUB1,
        "加强政策咨询服务,精准传达政策意图。",
        "1.建立政策解读专员制度。",
        "2.设立政策咨询专门席位。",
        "市政府办公厅",
        "市政府各部门、各区县政府",
    )
    doc = parse_document(text)
    row = doc.rows[0]
    assert [(i.id, i.label, i.text) for i in row.items] == [
        ("1.1.1-0", "0", "加强政策咨询服务,精准传达政策意图。"),
        ("1.1.1-1", "1", "建立政策解读专员制度。"),
        ("1.1.1-2", "2", "设立政策咨询专门席位。"),
    ]
    assert row.items[0].line == line_of(text, "加强政策咨询服务,精准传达政策意图。")


def test_sub_items_under_a_heading_item():
    text = make_doc(
        SEC1,
        SUB1,
        "1.政府网站。",
        "1)切实履行政府网站的主管、主办职责。",
        "2)组建政府网站运维团队,保障安全。",
        "2.政务新媒体。",
        "1)充分发挥政务新媒体优势。",
        "3.政府公报。",
        "完善政府公报数据库,推进数字化利用。",
        "市政府办公厅",
        "市政府各部门、各区县政府",
    )
    doc = parse_document(text)
    row = doc.rows[0]
    assert [(i.id, i.label, i.group) for i in row.items] == [
        ("1.1.1-1.1", "1.1", "政府网站。"),
        ("1.1.1-1.2", "1.2", "政府网站。"),
        ("1.1.1-2.1", "2.1", "政务新媒体。"),
        ("1.1.1-3", "3", None),
    ]
    assert row.items[0].text == "切实履行政府网站的主管、主办职责。"
    assert row.items[3].text == "政府公报。\n完善政府公报数据库,推进数字化利用。"


def test_a_row_numbered_only_in_the_sub_style_is_numbered_at_its_first_level():
    # The first numbering style met in a row is its first level, whatever it is.
    text = make_doc(SEC1, SUB1, "1)切实履行政府网站的主管职责。", "2)做好网站管理。", "市政府办公厅", "各区县政府")
    (row,) = parse_document(text).rows
    assert labels(row) == ["1", "2"]
    assert [i.group for i in row.items] == [None, None]


def test_a_third_numbering_style_in_one_row_is_an_error():
    text = make_doc(SEC1, SUB1, "1.政府网站。", "(1)栏目。", "①专栏。", "市政府办公厅", "各区县政府")
    err = parse_error(text)
    assert err.line == line_of(text, "①专栏。")
    assert "编号" in err.message


def test_numbering_restarting_at_1_without_a_unit_cell_is_an_error():
    text = make_doc(
        SEC1,
        SUB1,
        "1.公开规划信息。",
        "2.公开区域规划。",
        "1.公开本区县规划。",
        "市发展改革委",
        "各区县政府",
    )
    err = parse_error(text)
    assert err.line == line_of(text, "1.公开本区县规划。")
    assert "单位栏" in err.message


def test_a_repeated_item_number_is_an_error():
    text = make_doc(
        SEC1,
        SUB1,
        "1.公开规划信息。",
        "2.公开区域规划。",
        "2.公开专项规划。",
        "市发展改革委",
        "各区县政府",
    )
    err = parse_error(text)
    assert err.line == line_of(text, "2.公开专项规划。")


def test_section_numbers_must_not_go_back():
    text = make_doc(SEC1, SUB1, "公开规划信息。", "市发展改革委", "各区县政府", "一、强化保障", "(一)加强指导。")
    err = parse_error(text)
    assert err.line == line_of(text, "一、强化保障")


@pytest.mark.parametrize("heading", ["一一、重复编号", "十十、重复编号", "(一一)重复编号。"])
def test_heading_with_a_malformed_numeral_is_a_parse_error(heading):
    # Regression: these raised a bare ValueError from chinese_to_int.
    text = make_doc(SEC1, SUB1, "公开规划信息。", "市发展改革委", "各区县政府", heading)
    err = parse_error(text)
    assert err.line == line_of(text, heading)


def test_parse_error_message_names_the_line():
    text = make_doc("公开规划信息。", SEC1)
    err = parse_error(text)
    assert str(err).startswith(f"第 {err.line} 行")
    assert err.text == "公开规划信息。"


# -- the real 2021 text -----------------------------------------------------------------


@pytest.fixture(scope="module")
def doc2021(source_text):
    return parse_document(source_text)


def _item(doc, item_id):
    (item,) = [i for i in doc.items() if i.id == item_id]
    return item


def test_2021_repairs_recorded(doc2021, source_text):
    assert len(doc2021.repairs) == 21
    assert Counter(r.kind for r in doc2021.repairs) == {
        "lost_dot": 12,  # 9 item numbers, 3 path numbers
        "lost_date_chars": 8,
        "truncated_unit": 1,
    }
    lines = source_text.splitlines()
    for repair in doc2021.repairs:
        assert repair.before in lines[repair.line - 1]
    (truncated,) = [r for r in doc2021.repairs if r.kind == "truncated_unit"]
    assert lines[truncated.line - 1].strip() == "、区县政府门户网站承办单位"
    assert truncated.after == "市、区县政府门户网站承办单位"
    (ambiguous,) = [r for r in doc2021.repairs if r.note]
    assert ambiguous.before == "2022115日"


def test_2021_lost_year_deadline(doc2021):
    item = _item(doc2021, "3.1.1-1")
    assert item.deadline == "2021-06-30"
    assert "2021年6月底前" in item.text


def test_2021_ambiguous_date_deadline(doc2021):
    item = _item(doc2021, "5.3.1-6")
    assert item.deadline == "2022-01-15"
    assert item.text.startswith("《任务分工》完成情况于2022年1月15日前")


def test_2021_next_year_deadline(doc2021):
    item = _item(doc2021, "4.2.1-3")  # 于次年1月底前报送: the year after the document's 2021
    assert item.deadline == "2022-01-31"
    assert item.relative_deadline is None


def test_2021_row_with_sub_items(doc2021):
    (row,) = [r for r in doc2021.rows if r.id == "3.2.2"]
    assert labels(row) == ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "3", "4"]
    assert [i.group for i in row.items][:8] == ["政府网站。"] * 5 + ["政务新媒体。"] * 3
    assert row.lead_units == ["市政府办公厅"]
    assert row.responsible_units == ["市政府各部门", "各区县政府"]


def test_2021_lost_item_dots(doc2021):
    assert _item(doc2021, "2.2.2-2").text.startswith("12345政务服务便民热线")
    assert _item(doc2021, "2.2.2-5").text.startswith("12345政务服务便民热线")
    assert _item(doc2021, "1.1.1-1").text.startswith("公开《重庆市国民经济")
    assert _item(doc2021, "2.2.2-0").label == "0"


def test_2021_row_path_note(doc2021):
    (row,) = [r for r in doc2021.rows if r.id == "4.3.1"]
    assert row.path_note.startswith("(公开路径:")
    assert all(
        i.disclosure_paths == ["政府网站>政务公开>政府信息公开目录>公共企事业单位信息公开", "其他渠道"]
        for i in row.items
    )


def test_2021_truncated_unit_row(doc2021):
    (row,) = [r for r in doc2021.rows if r.id == "3.2.4"]
    assert row.lead_units == ["市、区县政府门户网站主办单位"]
    assert row.responsible_units == ["市、区县政府门户网站承办单位"]


def test_2021_continued_numbering_with_new_units(doc2021):
    (row,) = [r for r in doc2021.rows if r.id == "5.1.2"]
    assert labels(row) == ["5"]
    assert row.responsible_units == ["市政府各部门"]


def test_a_row_of_only_disclosure_paths_is_refused_naming_it():
    text = make_doc(SEC1, SUB1, "(公开路径:政府网站>政务公开>规划信息)", "市发展改革委", "各区县政府")
    err = parse_error(text)
    assert err.line == line_of(text, "(公开路径:政府网站>政务公开>规划信息)")
    assert "没有任务内容" in err.message
