"""Tables copied from web pages with `|` between cells: a row a line, or a cell a line; merged
cells printed once (the copy leaves the missing cells at the end of the line), an unlabelled
序号, 备注 columns, roles written in a cell; a row whose cells cannot be placed is refused."""

from __future__ import annotations

import pytest

from tui.source import ParseError, read_document

HEAD = "某局2026年政务公开工作任务清单\n"


def read(text: str):
    return read_document((HEAD + text).encode("utf-8"), "清单.txt", year=2026)


def rows(doc):
    return [
        (r.lead_units, r.responsible_units, r.cooperating_units, [i.text for i in r.items], r.deadline_text)
        for r in doc.rows
    ]


ROWS = """工作任务 | 具体要求 | 责任科室 | 完成时限 |
一、做好财政信息公开。 | 1.公开本局预算、决算。 | 财务科 | 6月底前 |
二、做好网站信息公开。 | 2.及时更新网站概况信息。 | 办公室 | 长期坚持 |
3.及时反馈网民意见。 | 各科室 | 持续推进 | |
4.及时更新公众号。 | 办公室牵头,各科室配合 | 长期坚持 | |
"""


def test_a_row_a_line_with_merged_cells_printed_once():
    doc = read(ROWS)
    assert [(s.id, s.title) for s in doc.sections] == [("1", "做好财政信息公开。"), ("2", "做好网站信息公开。")]
    assert rows(doc) == [
        ([], ["财务科"], [], ["公开本局预算、决算。"], "6月底前"),
        ([], ["办公室"], [], ["及时更新网站概况信息。"], "长期坚持"),
        ([], ["各科室"], [], ["及时反馈网民意见。"], "持续推进"),
        (["办公室"], [], ["各科室"], ["及时更新公众号。"], "长期坚持"),
    ]
    assert doc.rows[0].items[0].deadline == "2026-06-30"


CELLS = (
    "\n|\n".join(
        [
            "工作任务",
            "具体要求",
            "责任科室",
            "时限要求",
            "强化规范性文件公开",
            "1",
            "全面清理规范性文件。",
            "办公室",
            "年底前",
            "做好主动公开",
            "2",
            "规范信息公开专栏。",
            "各科室",
            "持续推进",
            "3",
            "规范年报编制发布。",
            "办公室",
            "持续推进",
        ]
    )
    + "\n|\n"
)


def test_a_cell_a_line_with_an_unlabelled_number_and_a_merged_task():
    doc = read(CELLS)
    assert rows(doc) == [
        ([], ["办公室"], [], ["强化规范性文件公开"], "年底前"),
        ([], ["各科室"], [], ["做好主动公开"], "持续推进"),
        ([], ["办公室"], [], ["做好主动公开"], "持续推进"),
    ]
    assert [r.requirement for r in doc.rows] == ["全面清理规范性文件。", "规范信息公开专栏。", "规范年报编制发布。"]
    assert doc.rows[0].items[0].deadline == "2026-12-31"


def test_a_second_task_column_is_the_requirement_and_a_remarks_column_is_left_unread():
    doc = read(
        "重点任务 | 工作内容 | 负责科室 | 备注 |\n政策解读 | 及时解读政策文件。 | 综合科 | 无 |\n"
        "回应关切 | 及时回应热点。 | 各科室 | |\n"
    )
    assert rows(doc) == [([], ["综合科"], [], ["政策解读"], None), ([], ["各科室"], [], ["回应关切"], None)]
    assert [r.requirement for r in doc.rows] == ["及时解读政策文件。", "及时回应热点。"]


@pytest.mark.parametrize("bad", ["各科室 | 3.及时反馈网民意见。 | 持续推进 | |\n", "5 | 6 | 7 | 8 | 9 | 10 |\n"])
def test_a_row_whose_cells_cannot_be_placed_is_refused_naming_its_line(bad):
    with pytest.raises(ParseError) as info:
        read(ROWS + bad)
    assert info.value.line == 7


def test_a_table_alone_without_title_is_named_by_its_file():
    doc = read_document(ROWS.encode("utf-8"), "信访局科室清单.txt", year=2026)
    assert (doc.number, doc.title, doc.year) == (None, "信访局科室清单", 2026)


def test_items_taken_from_the_requirement_column_name_it_as_written():
    """The note says which column the items came from, by the header the document gives it."""
    for header in ("具体要求", "工作要求", "工作措施"):
        doc = read(ROWS.replace("具体要求", header, 1))
        said = {n.message for n in doc.notes if n.kind == "items_from_requirement"}
        assert said == {f"工作任务栏只有标题,条目取自「{header}」栏"}, said
