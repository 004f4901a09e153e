"""Shapes first met in the tenth holdout of real breakdowns (tests/data/real/, "Holdout set 10"),
written here in made-up documents of the same shape: a prose task closed by a bracket naming its
units and no role word (`(区金融办、区财政局、区房管局。)`, `(各县(区、市)人民政府、开发区管委会、市直各单位)`),
read as the 责任单位 field without its label and said; brackets inside a sentence, or naming no unit,
left as text; a 文号 written in brackets, alone on a line and glued before the notice's title; a
signature's date that lost its `日`."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.source import ParseError, read_document
from tui.source.readers.prose import looks_like_prose


def read(text: str, year: int | None = 2026, name: str = "要点.txt"):
    return read_document(text.encode("utf-8"), name, year=year)


def roles(doc):
    return [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows]


def said(doc, kind: str):
    return [n.severity for n in doc.notes if n.kind == kind]


BARE = """某区2026年政务公开工作要点
一、加强重点工作信息公开
(一)围绕民生做好信息公开。定期公开融资担保公司名录。(区金融办、区财政局、区房管局。)持续公开黑臭水体治理情况。(区生态环境局、区水务局。)
(二)围绕疏解做好信息公开。按季度公开重点项目建设进展情况(区发展改革委、区住房城乡建设委)。编制发布镇村振兴规划,公开规划的文本及附图(街区层面)。(区农业农村局)
"""


def test_a_bracket_of_unit_names_without_a_role_closes_its_task_as_its_responsible_units():
    doc = read(BARE)
    assert [r.id for r in doc.rows] == ["1.1.1", "1.1.2", "1.2.1", "1.2.2"]
    assert roles(doc) == [
        ([], ["区金融办", "区财政局", "区房管局"], []),  # the `。` inside the bracket is no part of a name
        ([], ["区生态环境局", "区水务局"], []),
        ([], ["区发展改革委", "区住房城乡建设委"], []),  # the bracket before the sentence's `。`
        ([], ["区农业农村局"], []),
    ]
    assert doc.rows[3].items[0].text.startswith("编制发布镇村振兴规划")
    assert "(街区层面)" in doc.rows[3].items[0].text  # inside the sentence, naming no unit: text
    assert said(doc, "units_no_role") == ["warning", "info", "info", "info"]  # said once as a warning


NESTED = """某市2026年政务公开工作要点
一、以政务公开助推法治政府建设
(一)全面推行主动公开基本目录制度
以公开为常态,不公开为例外,健全完善各重点领域的主动公开基本目录。(各县(区、市)人民政府、开发区管委会、市直各单位)
"""


def test_one_such_bracket_under_a_numbered_heading_is_prose_with_its_collective_whole():
    doc = read(NESTED)
    assert roles(doc) == [([], ["各县(区、市)人民政府", "开发区管委会", "市直各单位"], [])]
    assert said(doc, "units_no_role") == ["warning"]


ALIAS = """某区2026年政务公开工作要点
一、加强公开
(一)做好信息公开。每季度将公开情况报送区政府办公室(区政务公开办)。持续公开财政收支情况。(区财政局、区审计局)
"""


def test_a_bracket_after_a_units_name_is_its_other_name_not_the_tasks_units():
    doc = read(ALIAS)
    assert roles(doc) == [([], ["区财政局", "区审计局"], [])]
    assert "区政府办公室(区政务公开办)" in doc.rows[0].items[0].text


def test_a_bracket_naming_no_unit_or_inside_a_sentence_is_no_unit_field():
    assert not looks_like_prose(
        [
            "一、优化营商环境",
            "实现开办企业全流程(名称申报、企业登记、印章刻制)1个环节办结。",  # steps, inside a sentence
            "做好规划公开(街区层面)。",  # a sentence's end, but no unit named
            "(此件公开发布)",
        ]
    )
    # one bracket of units, far from any numbered line: a notice's aside, not a breakdown
    assert not looks_like_prose(["某市人民政府办公室", "现将有关事项通知如下。(市政府办公室)", "请认真贯彻执行。"])


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.sampled_from(["区财政局", "区教委", "区商务委", "区城管执法局", "区政府办公室", "市规划国土委分局"]),
        min_size=1,
        max_size=4,
        unique=True,
    ),
    st.sampled_from(["。(%s)", "(%s)。", "。(%s。)"]),
)
def test_any_list_of_units_closing_a_sentence_is_read_whole_as_responsible(units, shape):
    text = (
        "某区2026年政务公开工作要点\n一、加强公开\n(一)做好信息公开。及时公开财政收支情况"
        + shape % "、".join(units)
        + "\n"
    )
    doc = read(text)
    assert roles(doc) == [([], units, [])]


NUMBER_IN_BRACKETS = """(通政办发〔2026〕23号)北京市某区人民政府办公室关于印发某区2026年政务公开工作要点的通知
分享:
(通政办发〔2026〕23号)
各乡、镇人民政府,区政府各委、办、局:
经区政府同意,现将《某区2026年政务公开工作要点》印发给你们,请认真遵照执行。
北京市某区人民政府办公室
                               2026年8月14
某区2026年政务公开工作要点
一、着力加强重点工作信息公开
(一)围绕重点工作做好信息公开。编制并发布总体规划的文本及附图(街区层面);及时公开规划类公示公告(市规划国土委某区分局负责落实)。
"""


def test_a_number_in_brackets_is_the_documents_and_a_date_without_its_day_mark_still_dates_the_signature():
    doc = read(NUMBER_IN_BRACKETS, year=None)
    assert (doc.number, doc.issuer, doc.title, doc.year) == (
        "通政办发〔2026〕23号",
        "北京市某区人民政府办公室",
        "某区2026年政务公开工作要点",
        2026,
    )
    assert roles(doc) == [([], ["市规划国土委某区分局"], [])]


def test_without_its_signature_the_issuer_is_the_notice_titles_head_without_the_number():
    lines = NUMBER_IN_BRACKETS.splitlines()
    no_signature = "\n".join(line for line in lines if "2026年8月14" not in line and line != "北京市某区人民政府办公室")
    doc = read(no_signature + "\n", year=None)
    assert (doc.number, doc.issuer) == ("通政办发〔2026〕23号", "北京市某区人民政府办公室")


def test_a_text_whose_brackets_name_no_unit_is_still_refused():
    text = "某区2026年政务公开工作要点\n一、加强公开\n(一)做好信息公开。及时公开财政收支情况(按月)。\n"
    try:
        read(text)
    except ParseError as e:
        assert e.origin is not None and e.origin.line
    else:
        raise AssertionError("read a text naming no unit")
