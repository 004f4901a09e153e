"""A prose breakdown whose lines a copy ran together with spaces, under the page's info box copied
with `|`: the notice, signature, date, remark, title, headings, items and their `责任单位:` lines all
on one line. Where each line broke is where a space stands before a role label after a sentence's
end, before an item or heading after a label line, before a heading after the title; a date or a
bracketed remark between spaces before the tasks is a line of its own."""

from __future__ import annotations

from tui.source import read_document
from tui.source.readers.prose import open_depth
from tui.source.readers.prose_rules import split_spaced_labels

BOX = (
    "索引号: | 0001/2026-01 | 成文日期: | 2026-04-18 |\n"
    "文件编号: | 某政办发〔2026〕16号 | 组配分类: | 政府工作报告 |\n"
    "发布机构: | 县政府办公室 | 有效性: |\n"
)
LINE = (
    "各镇人民政府,县政府各部门: 《政府工作报告2026年重点工作责任分解》已经县政府同意,现印发给你们,请认真贯彻执行。 "
    "某县人民政府办公室 2026年4月18日 (此件公开发布) 政府工作报告2026年重点工作责任分解 "
    "一、县长牵头重点工作 1.全县生产总值增长7.5%左右。 责任单位:县发改局、县财政局 "
    "2.落实过紧日子的要求。 责任单位:县财政局 "
    "二、常务副县长牵头重点工作 1.坚持集体学法。 责任单位:县司法局\n"
)


def read(text: str):
    return read_document(text.encode("utf-8"), "分解.txt")


def test_one_line_of_prose_under_a_pipe_box_reads_its_rows_title_number_and_issuer():
    doc = read(BOX + LINE)
    assert [(r.id, r.lead_units, r.responsible_units, r.items[0].text) for r in doc.rows] == [
        ("1.1", [], ["县发改局", "县财政局"], "全县生产总值增长7.5%左右。"),
        ("1.2", [], ["县财政局"], "落实过紧日子的要求。"),
        ("2.1", [], ["县司法局"], "坚持集体学法。"),
    ]
    assert [s.title for s in doc.sections] == ["县长牵头重点工作", "常务副县长牵头重点工作"]
    assert (doc.title, doc.number, doc.issuer, doc.year) == (
        "政府工作报告2026年重点工作责任分解",
        "某政办发〔2026〕16号",
        "某县人民政府办公室",
        2026,
    )


def test_a_first_leads_rule_written_after_the_first_unit_applies_from_there_on_and_is_said():
    doc = read(BOX + LINE.replace("责任单位:县发改局、", "责任单位:县发改局(首位单位为牵头单位,下同)、"))
    assert [(r.lead_units, r.responsible_units) for r in doc.rows] == [
        (["县发改局"], ["县财政局"]),
        (["县财政局"], []),
        (["县司法局"], []),
    ]
    assert any(n.severity == "warning" and "列第一位的记为牵头单位" in n.message for n in doc.notes)


def test_a_label_after_a_space_inside_a_sentence_or_a_bracket_is_not_a_line_of_its_own():
    assert split_spaced_labels("按要求明确 责任单位:各科室的分工", open_depth) == ["按要求明确 责任单位:各科室的分工"]
    assert split_spaced_labels("公开预算。(说明。 责任单位:县财政局)", open_depth) == [
        "公开预算。(说明。 责任单位:县财政局)"
    ]
    assert split_spaced_labels("公开预算。 责任单位:县财政局 2.公开决算。", open_depth) == [
        "公开预算。",
        "责任单位:县财政局",
        "2.公开决算。",
    ]
