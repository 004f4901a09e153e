"""Shapes of web tables found in real breakdowns (tests/data/real/), each written here in our own
words: a department's copy of the city's table whose 工作任务 column holds only the headings,
page metadata cells before the header, a label inside a unit cell, `X会同Y`, pinyin glosses
from a mirror, a heading number that skips forward."""

from __future__ import annotations

import pytest

from tui.source import ParseError, read_document
from tui.source.glosses import strip_glosses


def read(text: str, year: int | None = 2026):
    return read_document(text.encode("utf-8"), "分工.txt", year=year)


GROUPED = (
    "\n".join(
        f"{c} |"
        for c in [
            "工作任务",
            "贯彻举措(市上统一要求)",
            "工作要求",
            "时限要求",
            "市级牵头单位",
            "责任单位",
            "一、深化重点领域公开",
            "(二)做好财政信息公开。",
            "按要求公开本部门预算决算信息。",
            "每年公开预决算。",
            "每年度",
            "市财政局",
            "牵头处室:财务处",
            "(四)做好规划信息公开。",
            "及时公开本部门专项规划。",
            "规划印发后20个工作日内公开。",
            "持续推进",
            "市发展改革委",
            "规划处",
        ]
    )
    + "\n"
)


def test_a_task_column_of_headings_beside_two_requirement_columns():
    doc = read("某委贯彻落实2026年政务公开工作要点任务分工\n" + GROUPED)
    assert [r.id for r in doc.rows] == ["1.2.1", "1.4.1"]
    first = doc.rows[0]
    assert first.items[0].text.startswith("按要求公开本部门预算决算信息")
    assert first.requirement == "每年公开预决算。"
    assert (first.lead_units, first.responsible_units) == (["市财政局"], ["财务处"])
    assert doc.rows[1].responsible_units == ["规划处"]
    assert not any(n.kind == "rule_in_note" for n in doc.notes)  # the label 牵头处室 states no rule
    skipped = [n for n in doc.notes if n.kind == "heading_skipped"]
    assert [n.severity for n in skipped] == ["warning", "warning"]  # (二) then (四): two skips, each warned


def test_text_in_a_column_of_headings_is_refused_naming_its_line():
    text = GROUPED.replace("(四)做好规划信息公开。 |", "做好规划信息公开 |")
    with pytest.raises(ParseError) as info:
        read("某委任务分工\n" + text)
    assert info.value.line == text.splitlines().index("做好规划信息公开 |") + 2


def test_page_metadata_cells_before_the_header_are_the_preamble():
    meta = "索引号: | 0001/2026-01 | 发布机构: | 某区人民政府 |\n名称: | 某区2026年政务公开任务分工 | 文号: | 某府办〔2026〕3号 |\n"
    cells = "\n".join(
        f"{c} |"
        for c in [
            "序号",
            "工作任务",
            "责任单位",
            "时限要求",
            "1",
            "公开预算信息。",
            "区财政局",
            "2026年6月底",
            "2",
            "公开决算信息。",
            "区财政局,各镇街",
            "年底前",
        ]
    )
    doc = read(meta + cells + "\n")
    assert doc.number == "某府办〔2026〕3号"
    assert [(r.responsible_units, r.items[0].deadline) for r in doc.rows] == [
        (["区财政局"], "2026-06-30"),
        (["区财政局", "各镇街"], "2026-12-31"),
    ]


@pytest.mark.parametrize(
    "cell, responsible, cooperating",
    [
        ("宣传处会办公室", ["宣传处"], ["办公室"]),
        ("区财政局会同区审计局", ["区财政局"], ["区审计局"]),
        ("区委员会", ["区委员会"], []),  # 委员会 is never cut at its 会
        ("区工商联合会", ["区工商联合会"], []),
    ],
)
def test_a_unit_working_with_another(cell, responsible, cooperating):
    doc = read(
        f"某区任务分工\n工作任务 | 责任单位 | 完成时限 |\n公开预算信息。 | {cell} | 年底前 |\n"
        "公开决算信息。 | 区财政局 | 年底前 |\n公开审计信息。 | 区审计局 | 年底前 |\n"
    )
    assert (doc.rows[0].responsible_units, doc.rows[0].cooperating_units) == (responsible, cooperating)


def test_pinyin_glosses_of_a_mirror_are_removed_only_when_there_are_several():
    assert (
        strip_glosses("各鄉(xiāng)鎮(zhèn)政府、街道辦事處,各縣市區(qū)政府") == "各鄉鎮政府、街道辦事處,各縣市區政府"
    )
    assert strip_glosses("州政發(fā)〔2020〕5號") == "州政發(fā)〔2020〕5號"  # one alone: maybe a real bracket
    assert strip_glosses("办公室(a)、(b)、(c)、(ppp)") == "办公室(a)、(b)、(c)、(ppp)"  # no tone mark: not pinyin


PARAGRAPHS = (
    "\n\n".join(
        [
            "某区2026年政务公开工作要点与责任分工",
            "领域",
            "序号",
            "任务名称",
            "任务内容",
            "责任单位",
            "完成时限",
            "一、依法做实主动公开",
            "1",
            "(一)围绕重大战略做好信息公开",
            "依法公开经济运行信息。",
            "区发改委、区商务委",
            "全年",
            "2",
            "做好进博会服务保障信息发布。",
            "区商务委",
            "全年",
            "(二)围绕民生做好信息公开",
            "3",
            "公开教育卫生领域信息。",
            "区教育局、区卫生健康委",
            "2026年6月底前",
        ]
    )
    + "\n"
)


def test_a_table_of_one_cell_a_paragraph_with_merged_cells_left_out():
    doc = read(PARAGRAPHS)
    assert [(r.subsection_id, r.responsible_units, r.items[0].text) for r in doc.rows] == [
        ("1.1", ["区发改委", "区商务委"], "依法公开经济运行信息。"),
        ("1.1", ["区商务委"], "做好进博会服务保障信息发布。"),
        ("1.2", ["区教育局", "区卫生健康委"], "公开教育卫生领域信息。"),
    ]
    assert [(r.items[0].deadline, r.items[0].relative_deadline) for r in doc.rows] == [
        (None, "全年"),
        (None, "全年"),
        ("2026-06-30", None),
    ]


def test_a_paragraph_table_whose_cells_could_be_split_two_ways_is_still_refused():
    # row 2 prints two text paragraphs: one task cell of two paragraphs, or task + requirement?
    text = PARAGRAPHS.replace("做好进博会服务保障信息发布。", "做好进博会服务保障信息发布。\n\n及时更新专栏。")
    with pytest.raises(ParseError):
        read(text)


def test_a_requirement_column_before_the_task_holds_the_section_headings():
    text = (
        "某市任务分工\n工作要求 | 工作任务 | 具体要求 | 责任单位 |\n"
        "一、优化公开基础 | (一)深化规范性文件公开。 | 1.建设规范性文件库。 | 市司法局 |\n"
        "2.统一公开格式。 | 市有关单位;各镇(街) |\n"
        "(二)推进基层公开。 | 3.加大惠农资金公开力度。 | 市财政局牵头,市有关单位、各镇(街)按职能分工落实 |\n"
    )
    doc = read(text)
    assert [s.title for s in doc.sections] == ["优化公开基础"]
    assert [(r.subsection_id, r.lead_units, r.responsible_units) for r in doc.rows] == [
        ("1.1", [], ["市司法局"]),
        ("1.1", [], ["市有关单位", "各镇(街)"]),
        ("1.2", ["市财政局"], ["市有关单位", "各镇(街)"]),
    ]


def test_a_pages_metadata_box_with_bars_above_a_prose_breakdown_leaves_it_to_the_prose_reader():
    text = (
        "索引号: | 0001/2026-1 | 成文日期: | 2026-03-01 |\n文件编号: | 某府办发〔2026〕3号 | 组配分类: | 工作要点 |\n"
        "某县2026年政务公开工作要点任务分工\n一、深化重点领域公开\n"
        "(一)公开预算信息。(牵头单位:县财政局;责任单位:县政府各部门)\n"
        "(二)公开规划信息。(牵头单位:县发改局;责任单位:各乡镇)\n"
    )
    doc = read(text)
    assert [(r.lead_units, r.responsible_units) for r in doc.rows] == [
        (["县财政局"], ["县政府各部门"]),
        (["县发改局"], ["各乡镇"]),
    ]


def test_progress_and_person_columns_are_left_unread_and_a_task_ending_as_a_unit_does_is_no_unit():
    text = (
        "某市民生实事完成情况\n序号 | 项 目 内 容 | 年度完成情况 | 完成成效 | 责任单位 | 责任人 |\n"
        "1 | 新增2个乡镇(街道)建有托育机构 | 已完成。 | 完成任务 | 市卫健局 | 王五 |\n"
        "2 | 建设社区养老服务机构 | 已完成。 | 超额完成 | 市民政局 | 赵六 |\n"
    )
    doc = read(text)
    assert [(r.items[0].text, r.responsible_units) for r in doc.rows] == [
        ("新增2个乡镇(街道)建有托育机构", ["市卫健局"]),
        ("建设社区养老服务机构", ["市民政局"]),
    ]
