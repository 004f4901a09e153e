"""Shapes first met in the fourth holdout of real breakdowns (tests/data/real/, "Holdout set 4"),
written here in made-up documents of the same shape: a prose bracket whose unit list ends in
`等负责` and states `列第一位者为牵头单位,下同` as a part of itself; a `|` table copied a cell a line
with an empty header row `||`; a title line carrying a site's category label `【…】` before it or
its own 文号 in brackets after it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.source import ParseError, read_document
from tui.source.headers import is_unread

RULE_IN_BRACKET = """某市人民政府关于做好就业工作的实施意见
一、实施就业优先战略
(一)建立就业联动机制。把稳定就业作为经济运行的下限。(市发展改革委、市财政局、市人社局等负责,列第一位者为牵头单位,下同)
(二)发展吸纳就业强的产业。挖掘第二产业就业潜力。(市商务局、市农业局等负责)
(三)支持小微企业发展。创新金融产品。(市金融局负责)
"""


def read(text: str, year: int | None = 2026):
    return read_document(text.encode("utf-8"), "意见.txt", year=year)


def roles(doc):
    return [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows]


def test_a_first_leads_rule_written_as_a_part_of_the_bracket_is_applied_here_and_below():
    doc = read(RULE_IN_BRACKET)
    assert roles(doc) == [
        (["市发展改革委"], ["市财政局", "市人社局"], []),
        (["市商务局"], ["市农业局"], []),  # 下同: the later brackets too
        (["市金融局"], [], []),  # a single unit leads
    ]
    (said,) = [n for n in doc.notes if "列第一位的记为牵头单位" in n.message]
    assert said.severity == "warning" and said.origin.line == 3 and "以后各行同样处理" in said.message
    assert not any("下同" in n.message and "记为说明" in n.message for n in doc.notes)  # applied, not left as a note


def test_the_rule_without_later_applies_to_its_own_bracket_only():
    doc = read(RULE_IN_BRACKET.replace(",列第一位者为牵头单位,下同", ",排在首位的为牵头单位"))
    assert roles(doc)[:2] == [(["市发展改革委"], ["市财政局", "市人社局"], []), ([], ["市商务局", "市农业局"], [])]


def test_a_unit_list_ending_in_deng_before_its_role_word_names_the_units_before_it():
    doc = read(RULE_IN_BRACKET.replace(",列第一位者为牵头单位,下同", ""))
    assert roles(doc) == [
        ([], ["市发展改革委", "市财政局", "市人社局"], []),
        ([], ["市商务局", "市农业局"], []),
        ([], ["市金融局"], []),
    ]


def test_a_rule_the_reader_does_not_know_is_still_refused_naming_its_line():
    with pytest.raises(ParseError) as info:
        read(RULE_IN_BRACKET.replace("列第一位者为牵头单位", "排序不分先后"))
    assert info.value.origin is not None and info.value.origin.line == 3
    assert "排序不分先后" in str(info.value)  # the part that names no role, never guessed


_NAMES = st.lists(
    st.sampled_from(["市发展改革委", "市财政局", "市人社局", "市商务局", "市农业局", "市统计局", "市教育局"]),
    min_size=1,
    max_size=5,
    unique=True,
)


@settings(max_examples=40, deadline=None)
@given(first=_NAMES, second=_NAMES, rule=st.booleans(), deng=st.booleans())
def test_any_unit_lists_ending_in_deng_fuze_read_their_units_with_or_without_the_rule(first, second, rule, deng):
    tail = "等负责" if deng else "负责"
    text = (
        "某市2026年重点工作分工方案\n一、稳增长\n"
        f"(一)扩大投资。({'、'.join(first)}{tail}{',列第一位者为牵头单位,下同' if rule else ''})\n"
        f"(二)促进消费。({'、'.join(second)}{tail})\n"
    )
    doc = read(text)
    for row, names in zip(doc.rows, (first, second), strict=True):
        if rule:
            assert (row.lead_units, row.responsible_units) == (names[:1], names[1:])
        else:
            assert (row.lead_units, row.responsible_units) == ([], names)


EMPTY_HEADER_ROW = """【政务公开任务分工】某局2026年政务公开重点工作任务分工
工作任务 |
具体要求 |
责任科室 |
时限要求 |
||
一、抓好主动公开 |
(一)聚焦中心工作 |
1 |
及时公开产业政策举措。 |
办公室 |
持续推进 |
|
|
2 |
深化民生领域信息公开。 |
相关业务科室、办公室
|
年底前 |
|
(二)聚焦公众参与 |
3 |
扩大重大政策公众参与。 |
相关业务科室
|
持续推进 |
"""


def test_an_empty_header_row_in_a_cell_a_line_table_is_no_row():
    doc = read(EMPTY_HEADER_ROW)
    assert [(r.responsible_units, r.items[0].text, r.deadline_text) for r in doc.rows] == [
        (["办公室"], "及时公开产业政策举措。", "持续推进"),
        (["相关业务科室", "办公室"], "深化民生领域信息公开。", "年底前"),
        (["相关业务科室"], "扩大重大政策公众参与。", "持续推进"),
    ]
    assert [s.title for s in doc.sections] == ["抓好主动公开"]
    assert [u.title for u in doc.sections[0].subsections] == ["聚焦中心工作", "聚焦公众参与"]


def test_a_sites_category_label_before_the_title_is_not_part_of_it():
    assert read(EMPTY_HEADER_ROW).title == "某局2026年政务公开重点工作任务分工"


NUMBER_AFTER_TITLE = """政务微信
某市人民政府关于优化营商环境的实施意见(某政〔2017〕101号)
来源:某市政府网 发布时间:2018-01-26 20:57:53
为贯彻落实省政府的意见(皖政〔2017〕120号),现提出如下实施意见。
一、减少审批事项
1.深化商事制度改革。(1)落实多证合一改革。(市市场监管局牵头负责)(2)完善企业登记全程电子化。(市市场监管局牵头负责)
"""


def test_a_title_line_ending_in_its_own_number_gives_the_title_and_the_number():
    doc = read(NUMBER_AFTER_TITLE, year=None)
    assert (doc.title, doc.number, doc.year) == ("某市人民政府关于优化营商环境的实施意见", "某政〔2017〕101号", 2017)
    assert [r.lead_units for r in doc.rows] == [["市市场监管局"], ["市市场监管局"]]


def test_a_number_cited_in_brackets_inside_a_sentence_is_still_not_the_documents():
    doc = read(NUMBER_AFTER_TITLE.replace("(某政〔2017〕101号)", ""), year=2017)
    assert (doc.title, doc.number) == ("某市人民政府关于优化营商环境的实施意见", None)


DAMAGED_HEADER = """当前位置: | 首页 |
|
2026年民生实事项目实施计划
序号 | 项目?jī)?容 | 工作进度安排 | 牵头单位 |
1 | 新建幼儿园3所。 | 第一季度:完成选址。 | 县教育局 |
2 | 新增养老床位200张。 | 第二季度:完成建设。 | 县民政局 |
"""


@pytest.mark.parametrize("cells", [False, True])
def test_a_header_whose_task_word_is_damaged_is_refused_at_the_header_line_naming_the_word(cells):
    text, line = DAMAGED_HEADER, 4  # the header, not the breadcrumb on line 1
    if cells:  # the same table copied a cell a line, below its title
        head, table = text.split("序号", 1)
        cells_text = "\n".join(c.strip() + " |" for c in ("序号" + table).replace("|\n", "|").split("|") if c.strip())
        text, line = head.split("\n", 2)[2] + cells_text, 2
    with pytest.raises(ParseError) as info:
        read(text)
    assert info.value.origin.line == line
    assert "项目?jī)?容" in str(info.value) and "工作任务" in str(info.value)


def test_the_same_table_with_its_word_whole_reads():
    doc = read(DAMAGED_HEADER.replace("项目?jī)?容", "项目内容"))
    assert [(r.lead_units, r.items[0].text) for r in doc.rows] == [
        (["县教育局"], "新建幼儿园3所。"),
        (["县民政局"], "新增养老床位200张。"),
    ]


WRAPPED = """某区2026年重点任务分解方案
一、提高城市基层党建工作水平,加强党对基层治理的全面领导
1.完善街道党工委对地区治理重大工作的领导体制机制,优化决策程序,涉及基层治理的重大事项由街道党工委讨论决定。
牵头单位:区委组织部
协办单位:区委编办、区民政局(区委社会工委)、园区党工委、各街道党工委
2.以区域化党建为重点,构建市、区、街道、社区党组织四级上下贯通的基层党建工作体系。
牵头单位:区委组织部
协办单位:各街道党工委
3.健全街道议事协调机构,统筹辖区资源,建立街道吹哨、部门报到的工作机制,推动执法力量下沉,完善考核评价办法。
牵头单位:区委编办
协办单位:区司法局、各街道办事处
"""


def wrap(text: str, width: int) -> str:
    """The document as a PDF prints it: every line after the title broken every `width` characters."""
    title, *body = text.rstrip("\n").split("\n")
    return "\n".join([title] + [line[k : k + width] for line in body for k in range(0, len(line), width)]) + "\n"


def as_read(doc):
    return [(r.lead_units, r.cooperating_units, r.items[0].text[:12]) for r in doc.rows]


def test_label_lines_with_a_xieban_label_read_the_assisting_units_as_cooperating():
    doc = read(WRAPPED)
    assert as_read(doc) == [
        (["区委组织部"], ["区委编办", "区民政局", "园区党工委", "各街道党工委"], "完善街道党工委对地区治理"),
        (["区委组织部"], ["各街道党工委"], "以区域化党建为重点,构建"),
        (["区委编办"], ["区司法局", "各街道办事处"], "健全街道议事协调机构,统"),
    ]
    assert [s.title for s in doc.sections] == ["提高城市基层党建工作水平,加强党对基层治理的全面领导"]


def test_a_pdfs_hard_wrapped_lines_are_joined_a_unit_and_a_heading_split_over_two_lines_read_whole():
    doc = read(wrap(WRAPPED, 27))
    assert as_read(doc) == as_read(read(WRAPPED))
    assert [s.title for s in doc.sections] == ["提高城市基层党建工作水平,加强党对基层治理的全面领导"]
    assert any(n.kind == "lines_joined" and "折行" in n.message for n in doc.notes)


@settings(max_examples=25, deadline=None)
@given(width=st.integers(min_value=16, max_value=28))
def test_any_printed_width_reads_as_the_unwrapped_document(width):
    assert as_read(read(wrap(WRAPPED, width))) == as_read(read(WRAPPED))


def test_short_lines_without_a_common_width_are_each_a_line_as_written():
    text = WRAPPED.replace("协办单位:区委编办、区民政局(区委社会工委)、园区党工委、各街道党工委", "协办单位:区委编办")
    doc = read(text + "3.做好信息公开\n牵头单位:区政府办公室\n")
    assert not any(n.kind == "lines_joined" for n in doc.notes)
    assert [r.items[0].text for r in doc.rows][3] == "做好信息公开"


def test_paragraphs_a_line_each_of_one_length_are_no_printed_lines():
    """Equal lines longer than a printed page's (1,300 characters, the hostile-sources benchmark's
    shape) are no width: each is a paragraph as written, never joined to the next (joining them
    took 5 s on a 19 MB text)."""
    from tui.source.readers.hard_wraps import join_hard_wraps
    from tui.source.table import Origin

    paragraphs = [(Origin(line=k), "公开" * 650 + str(k)) for k in range(1, 8)]
    joined, joins = join_hard_wraps(paragraphs, lambda text: False)
    assert (joined, joins) == (paragraphs, 0)
    printed = [(o, t[:30]) for o, t in paragraphs]  # the same lines at a printed page's width
    assert join_hard_wraps(printed, lambda text: False)[1] == 6


def test_a_line_beginning_with_a_list_separator_goes_on_from_the_line_above_even_without_a_width():
    text = WRAPPED.replace("、园区党工委、各街道党工委", "、园区党工委\n、各街道党工委")
    assert as_read(read(text)) == as_read(read(WRAPPED))


SIGNED = """认真贯彻执行。
中共某市某区委办公室
某市某区人民政府办公室
2019 年 4 月 16 日
— — — 2 —
某区贯彻落实《关于加强新时代
街道工作的意见》的任务分解方案
"""


def test_a_title_wrapped_inside_the_name_it_quotes_is_read_whole_and_a_joint_signature_names_both():
    doc = read(SIGNED + WRAPPED.split("\n", 1)[1], year=None)
    assert doc.title == "某区贯彻落实《关于加强新时代街道工作的意见》的任务分解方案"
    assert (doc.issuer, doc.year) == ("中共某市某区委办公室、某市某区人民政府办公室", 2019)


WRAPPED_HEADER = """某镇2026年度重点工作计划二季度执行情况

序号

重点工作

责任

领导

责任

科室

攻坚目标

任务

工作任务安排

第二季度

完成情况

1

水库工程政策处理

张三

水库工程政策处理工作领导小组

完成项目政策处理工作。

推进坟墓迁移工作。

迁移进度达60%。

2

美丽城镇建设

李四

乡村振兴办

创建省级美丽城镇。

按照时间节点开展项目建设。

完成投资3000万元。
"""


def test_header_words_wrapped_over_two_paragraphs_each_are_read_whole():
    doc = read(WRAPPED_HEADER)
    assert [(r.responsible_units, r.items[0].text, r.requirement) for r in doc.rows] == [
        (["水库工程政策处理工作领导小组"], "水库工程政策处理", "完成项目政策处理工作。"),
        (["乡村振兴办"], "美丽城镇建设", "创建省级美丽城镇。"),
    ]
    # the person (责任领导), the arrangement and the quarter's progress are left unread: never units or dates
    assert all(r.items[0].deadline is None and r.lead_units == [] for r in doc.rows)
    assert doc.title == "某镇2026年度重点工作计划二季度执行情况"


def test_a_wrapped_header_word_no_reader_knows_is_still_refused():
    with pytest.raises(ParseError):
        read(WRAPPED_HEADER.replace("责任\n\n科室", "经办\n\n科室"))  # no unit column left


@pytest.mark.parametrize(
    "word", ["第二季度完成情况", "上半年进展情况", "1-6月完成情况", "三季度推进情况", "截至目前完成情况"]
)
def test_a_progress_column_after_the_period_it_reports_on_is_left_unread(word):
    assert is_unread(word)


@pytest.mark.parametrize("word", ["第二季度", "完成", "季度任务", "二季度责任单位"])
def test_a_period_alone_or_before_another_word_is_no_progress_column(word):
    assert not is_unread(word)


def test_paragraphs_a_line_each_of_any_length_are_never_joined():
    """A prose breakdown whose tasks are one line each: however many happen to be near one length,
    each task stays a task (lines longer than the supposed width show there is no printed width)."""
    tasks = "".join(
        f"{k}.加强第{k}项重点领域信息公开{'工作' * (k % 3)},及时发布相关政策文件和解读材料,回应社会关切{'事项' * k}\n"
        f"(牵头单位:区政府办公室;责任单位:区{k}局)\n"
        for k in range(1, 13)
    )
    doc = read("某区2026年政务公开工作要点\n一、推进公开\n" + tasks)
    assert [r.responsible_units for r in doc.rows] == [[f"区{k}局"] for k in range(1, 13)]
    assert not any(n.kind == "lines_joined" and "折行" in n.message for n in doc.notes)
