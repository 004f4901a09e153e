"""A flattened table (one cell a block, blank lines between, no `|`) with a column left unread:
a progress report (进展情况, 当前进度), a problem found (主要问题), a remark (备注). Its rows are
cut at their 序号 and read column by column; what the unread column holds is never the task, a
unit or a deadline. The words are the ones the web-table reader leaves unread too (one list,
tui/source/headers.py)."""

from __future__ import annotations

import pytest

from tui.source import ParseError, read_document
from tui.source.headers import is_unread, role_of

HEAD = ("某市2026年重点工作进展情况表",)


def read(*blocks: str):
    text = "\n\n".join((*HEAD, *blocks)) + "\n"
    return read_document(text.encode("utf-8"), "进展.txt", year=2026)


def rows(doc):
    return [
        (r.id, r.lead_units, r.responsible_units, [i.text for i in r.items], r.deadline_text, r.requirement)
        for r in doc.rows
    ]


def test_a_progress_column_between_the_task_and_the_units_is_left_unread():
    doc = read(
        "序号",
        "内容与要求",
        "进展情况",
        "责任单位",
        "1",
        "确保地区生产总值增长7%左右。",
        "1-2月,主要经济指标实现正增长。",
        "市发改委",
        "2",
        "持续推进重大项目攻坚。",
        "市县长项目已安排36个。",
        "市发改委、市财政局",
    )
    assert rows(doc) == [
        ("1", [], ["市发改委"], ["确保地区生产总值增长7%左右。"], None, None),
        ("2", [], ["市发改委", "市财政局"], ["持续推进重大项目攻坚。"], None, None),
    ]
    assert all(i.deadline is None for r in doc.rows for i in r.items)  # `1-2月` is a period reported
    assert any(n.kind == "header_mapped" and "「进展情况」一栏不读入" in n.message for n in doc.notes)


def test_a_remark_after_the_units_is_left_unread_and_starts_no_row():
    doc = read(
        "序号",
        "项目内容",
        "当前进度",
        "牵头单位",
        "备注",
        "1",
        "新建公办园5所。",
        "80%(新区实验幼儿园进度滞后)",
        "县教育局",
        "市民生实事",
        "2",
        "建设四好农村路55公里。",
        "95%",
        "县交通局",
        "县民生实事",
    )
    assert rows(doc) == [
        ("1", ["县教育局"], [], ["新建公办园5所。"], None, None),
        ("2", ["县交通局"], [], ["建设四好农村路55公里。"], None, None),
    ]


def test_a_deadline_column_with_its_requirements_is_the_deadline_and_a_damaged_date_is_no_date():
    doc = read(
        "序号",
        "重点任务",
        "主要问题",
        "完成时限及要求",
        "责任单位",
        "1",
        "疫情防控",
        "公开疫情信息不够及时。",
        "6月30日前,完成自查整改。",
        "区卫生健康委",
        "2",
        "污染防治",
        "空气质量信息公开不全。",
        "2026630日前,完成自查整改,年底前模板化公开。",
        "区生态环境局",
    )
    assert [(r.deadline_text, [i.deadline for i in r.items]) for r in doc.rows] == [
        ("6月30日前,完成自查整改。", ["2026-06-30"]),
        ("2026630日前,完成自查整改,年底前模板化公开。", [None]),
    ]  # 年底前 is not the first date of the cell
    assert any(
        n.kind == "date_unread" and "「2026630日前」" in n.message and n.severity == "warning" for n in doc.notes
    )


def test_a_task_cell_printed_as_its_group_and_its_own_title_is_the_task_and_said():
    doc = read(
        "序号",
        "重点任务",
        "主要问题",
        "责任单位",
        "1",
        "疫情防控",
        "公开疫情信息不够及时。",
        "区卫生健康委",
        "2",
        "三大攻坚战信息公开",
        "污染防治信息公开",
        "空气质量指数公开不全。",
        "区生态环境局",
    )
    assert [r.items[0].text for r in doc.rows] == ["疫情防控", "三大攻坚战信息公开\n污染防治信息公开"]
    warned = [n for n in doc.notes if n.kind == "task_titles_joined"]
    assert len(warned) == 1 and warned[0].severity == "warning" and "都作为「重点任务」读取" in warned[0].message


def test_an_extra_block_that_is_no_title_is_refused_naming_its_line():
    with pytest.raises(ParseError) as info:
        read(
            "序号",
            "重点任务",
            "进展情况",
            "责任单位",
            "1",
            "做好规划信息公开。",
            "已公开规划5件。",
            "已公开解读2件。",
            "区发展改革委",
        )
    assert info.value.line == 15 and "分不清多出的一段属于哪一栏" in str(info.value)


def test_a_header_word_still_unknown_is_refused_naming_its_line():
    with pytest.raises(ParseError) as info:
        read("序号", "重点任务", "资金来源", "责任单位", "1", "做好规划信息公开。", "财政拨款", "区发展改革委")
    assert info.value.line == 9 and "「资金来源」不是认得的栏目名" in str(info.value)


@pytest.mark.parametrize("word", ["进展情况", "当前进度", "主要问题", "完成情况", "责任人", "备 注"])
def test_the_unread_words_name_no_column_role(word):
    assert is_unread(word) and role_of(word) is None


def test_a_web_table_leaves_the_same_columns_unread():
    text = (
        "\n".join(
            (
                "某市2026年整改清单",
                "序号 | 重点任务 | 主要问题 | 责任单位 |",
                "1 | 做好规划信息公开。 | 公开不及时。 | 区发展改革委 |",
                "2 | 做好财政信息公开。 | 公开不全面。 | 区财政局 |",
            )
        )
        + "\n"
    )
    doc = read_document(text.encode("utf-8"), "清单.txt", year=2026)
    assert [(r.responsible_units, r.items[0].text) for r in doc.rows] == [
        (["区发展改革委"], "做好规划信息公开。"),
        (["区财政局"], "做好财政信息公开。"),
    ]
