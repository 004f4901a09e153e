"""Shapes first met in the eleventh holdout of real breakdowns (tests/data/real/, "Holdout set 11"),
written here in made-up documents of the same shape: targets under label lines `牵头负责领导:` (a person),
`牵头责任单位:` and `协同责任单位:`; a role label the reader does not know (said, never silently the next
task's text); `责任单位:X和Y分别牵头、Z` (the part saying no role keeps the label's); a task closed by the
sentence `此项工作由X负责,A、B配合。` (no bracket); a title in book-title marks with a remark after it, a
completion report (`…完成情况的通报`) as the title, a title line that lost its year beside the notice's full
name, and an attachment list's numbered lines that are no title; a joint signature whose first line is a
party committee (`中共X市委` / `X市人民政府`)."""

from __future__ import annotations

import pytest

from tui.source import ParseError, read_document
from tui.source.title import read_titles


def read(text: str, year: int | None = 2026):
    return read_document(text.encode("utf-8"), "要点.txt", year=year)


def roles(doc):
    return [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows]


def warnings(doc, kind: str):
    return [n for n in doc.notes if n.kind == kind and n.severity == "warning"]


REPORT = """某市2026年政府重点工作任务完成情况的通报
一、确保完成全年主要预期目标
1.地区生产总值增长6%左右。
进展情况:全市实现地区生产总值增长6.2%。
牵头负责领导:张三。
牵头责任单位:市发展和改革委员会。
协同责任单位:市政府各部门、各直属单位。
2.一般公共预算收入增长5%左右。
进展情况:一般公共预算收入增长5.1%。
牵头负责领导:李四。
牵头责任单位:市财政局。
协同责任单位:市税务局、人行某市中心支行等。
"""


def test_xietong_label_lines_cooperate_and_the_leader_line_names_a_person():
    doc = read(REPORT)
    assert roles(doc) == [
        (["市发展和改革委员会"], [], ["市政府各部门", "各直属单位"]),
        (["市财政局"], [], ["市税务局", "人行某市中心支行"]),
    ]
    # each row's text is its own target: the 协同 line above is no part of the next task
    assert [r.items[0].text.split("\n")[0] for r in doc.rows] == [
        "地区生产总值增长6%左右。",
        "一般公共预算收入增长5%左右。",
    ]
    assert doc.title == "某市2026年政府重点工作任务完成情况的通报"
    assert sum(n.kind == "person_label" for n in doc.notes) == 2  # 张三, 李四: persons, noted, no units


def test_a_label_the_reader_does_not_know_is_said_at_its_line():
    doc = read(REPORT.replace("协同责任单位", "协作单位"))
    said = warnings(doc, "label_unknown")
    assert [n.origin.line for n in said] == [7, 12]
    assert "协作单位" in said[0].message
    assert all(r.cooperating_units == [] for r in doc.rows)  # not guessed: the units stay unread, and said


def test_page_fields_written_like_labels_are_not_unknown_role_labels():
    text = REPORT + "主办单位:某市人民政府办公室\n"
    assert not warnings(read(text), "label_unknown")


FENBIE = """2026年政府工作报告重点工作责任分解
一、某某区长牵头重点工作
1.提高临空经济示范区能级,加快国际生鲜枢纽港建设。
责任单位:区经济投资局和区航空口岸局分别牵头、区发改局
2.完成上级下达的能源指标计划目标。
责任单位:区发改局、区生态环境分局(列第一位者为牵头或汇总单位,下同)
"""


def test_a_unit_field_part_after_fenbie_qiantou_keeps_the_fields_role():
    doc = read(FENBIE)
    assert roles(doc) == [
        (["区经济投资局", "区航空口岸局"], ["区发改局"], []),
        (["区发改局"], ["区生态环境分局"], []),
    ]


DONE_BY = """某市政务公开工作实施方案
(一)规范政务服务中心建设。出台规范性文件,促进各地政务服务中心规范运作。此项工作由市政务服务中心负责,市发展改革局、市编办配合。
(二)建立政府信息查阅场所。在档案馆、图书馆设置查阅场所。此项工作由市政府办公室(市政务公开办公室)、市档案馆负责,市图书馆配合。
(三)加强新闻发布工作。及时发布政务信息,回应社会关切。此项工作由市委宣传部负责,市有关部门及各县(市、区)政府配合。
"""


def test_a_task_closed_by_a_ci_xiang_gong_zuo_you_sentence_names_its_units():
    doc = read(DONE_BY)
    assert roles(doc) == [
        ([], ["市政务服务中心"], ["市发展改革局", "市编办"]),
        ([], ["市政府办公室", "市档案馆"], ["市图书馆"]),
        ([], ["市委宣传部"], ["市有关部门", "各县(市、区)政府"]),
    ]
    assert doc.rows[0].items[0].text.startswith("规范政务服务中心建设")


def test_a_sentence_by_someone_that_names_no_units_stays_text():
    text = DONE_BY.replace(
        "此项工作由市委宣传部负责,市有关部门及各县(市、区)政府配合。", "此项工作由各地结合实际抓好落实。"
    )
    doc = read(text)
    assert len(doc.rows) == 2
    assert any(n.kind == "text_skipped" and n.origin.line == 4 for n in doc.notes)


def test_a_title_in_book_marks_with_a_remark_after_it_is_the_name_without_the_marks():
    lines = ["中共某市委", "某市人民政府", "2026年4月18日", "《某市优化营商环境服务承诺清单》(2026年版)"]
    assert read_titles(lines).title == "某市优化营商环境服务承诺清单(2026年版)"


def test_a_title_line_that_lost_its_digits_is_named_as_the_notice_names_it():
    lines = [
        "《某省2026年深化改革重点任务分工方案》已经省人民政府同意,现印发给你们,请认真组织实施。",
        "某省人民政府办公厅",
        "2026年3月10日",
        "某省年深化改革重点任务分工方案",
    ]
    assert read_titles(lines).title == "某省2026年深化改革重点任务分工方案"


def test_an_attachment_lists_numbered_lines_are_no_title():
    lines = ["附件: 1.2026年度省级民生实事项目完成情况", "2.2026年度市级民生实事项目完成情况"]
    assert read_titles(lines).title == ""


def test_a_joint_signature_led_by_a_party_committee_names_both():
    doc = read(
        "现将《某市服务承诺清单》印发给你们,请结合实际认真贯彻执行。\n中共某市委\n某市人民政府\n2026年4月18日\n"
        "某市服务承诺清单\n一、优化政策环境\n1.落实企业家参与涉企政策制定。〔责任单位:市政府办公室、市发展改革委,完成时限:全年〕\n"
    )
    assert doc.issuer == "中共某市委、某市人民政府"


def _cells(*rows: list[str]) -> str:
    head = "2026年度市政府重点工作任务完成情况\n\n序号\n\n工作任务\n\n牵头责任单位\n\n完成情况\n\n"
    return head + "".join("\n\n".join(row) + "\n\n" for row in rows)


def test_a_unit_column_naming_two_units_each_with_its_own_report_reads_both_units():
    doc = read(
        _cells(
            ["1", "地区生产总值增长6%以上。", "市发改委", "全市地区生产总值增长5%。"],
            [
                "2",
                "居民人均可支配收入增长同步。",
                "市农业农村局",
                "农村居民收入增长7%。",
                "市人社局",
                "城镇居民收入增长6%。",
            ],
            ["3", "一般公共预算收入增长5%。", "市财政局", "已完成。"],
        )
    )
    assert [r.lead_units for r in doc.rows] == [["市发改委"], ["市农业农村局", "市人社局"], ["市财政局"]]
    said = warnings(doc, "units_each_reported")
    assert [n.origin.line for n in said] == [27]  # 市人社局, the second unit of row 2


def test_an_extra_cell_that_names_no_unit_is_still_refused_at_its_line():
    text = _cells(
        ["1", "地区生产总值增长6%以上。", "市发改委", "全市地区生产总值增长5%。", "另据统计局数据核实。", "有关说明。"],
    )
    with pytest.raises(ParseError) as info:
        read(text)
    assert info.value.origin.line == 15  # the row's unit cell, where the extra cells begin


PROGRESS = """某区重点工作2026年第一季度进展情况表

目标任务

牵头单位

进展情况

下步举措

固定资产投资增长10%以上。

发改局

一季度累计完成投资96.8亿元。

督促各项目责任单位加快进度。

城乡居民收入与经济增长基本同步。

发改局

农业农村局

一季度居民人均可支配收入增长5.9%。

1.强化造血帮扶。

2.强化帮扶力量。

居民消费价格涨幅3%左右。

发改局

数据还未发布。

继续做好价格监测工作,牵头抓好保供稳价工作。
"""


def test_a_progress_table_without_seq_numbers_is_cut_at_its_units_and_said():
    doc = read(PROGRESS)
    assert [(r.items[0].text, r.lead_units) for r in doc.rows] == [
        ("固定资产投资增长10%以上。", ["发改局"]),
        ("城乡居民收入与经济增长基本同步。", ["发改局", "农业农村局"]),
        ("居民消费价格涨幅3%左右。", ["发改局"]),
    ]
    assert [n.origin.line for n in warnings(doc, "rows_at_units")] == [3]


def test_a_progress_table_without_seq_numbers_whose_first_cell_has_no_units_after_it_is_refused():
    text = PROGRESS.replace("固定资产投资增长10%以上。\n\n发改局\n\n", "固定资产投资增长10%以上。\n\n见附表。\n\n", 1)
    with pytest.raises(ParseError) as info:
        read(text)
    assert info.value.origin.line == 3  # the header: rows cannot be told without 序号


LABEL_ROWS = """
重点工作: | 支持开发区打造营商环境改革创新试验区。 |
牵头单位: | 某开发区管委会 |
年度阶段性工作目标: | 第一季度:完成课题研究。 第四季度:推动创建试验区。 |
进展落实情况: | 第一季度: 按计划推进中。 |
"""


def test_one_task_printed_as_label_rows_is_read_and_its_other_fields_said():
    doc = read(LABEL_ROWS)
    assert [(r.items[0].text, r.lead_units) for r in doc.rows] == [
        ("支持开发区打造营商环境改革创新试验区。", ["某开发区管委会"])
    ]
    assert doc.rows[0].items[0].deadline is None  # the quarterly targets are steps, said as text not read
    assert [n.origin.line for n in warnings(doc, "text_skipped")] == [4, 5]


def test_label_rows_naming_no_units_are_still_refused():
    with pytest.raises(ParseError):
        read(LABEL_ROWS.replace("牵头单位: | 某开发区管委会 |", "联系人: | 张三 |"))
