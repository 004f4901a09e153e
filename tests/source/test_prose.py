"""Prose breakdowns (`…。(牵头单位:X;责任单位:Y;完成时限:Z)`) and roles written inside one
unit cell (`办公室牵头,各科室配合`), each against values typed from reading the text."""

from __future__ import annotations

import pytest

from tui.source import ParseError, read_document
from tui.source.readers.page import is_page_residue
from tui.source.rolecell import RoleProblem, read_bracket, roles_in_words
from tui.source.table import COOP, LEAD, RESP

# -- roles inside one cell ---------------------------------------------------------------


@pytest.mark.parametrize(
    "cell, lead, resp, coop",
    [
        ("办公室牵头,各科室配合", ["办公室"], [], ["各科室"]),
        ("办公室牵头，各科室配合", ["办公室"], [], ["各科室"]),
        ("办公室牵头、各科室配合", ["办公室"], [], ["各科室"]),
        ("法规科统筹,各职能科(室)落实", ["法规科"], ["各职能科(室)"], []),
        (
            "市法制局牵头,市有关单位,各县(市、区)人民政府(管委会)负责",
            ["市法制局"],
            ["市有关单位", "各县(市、区)人民政府(管委会)"],
            [],
        ),
        ("各功能区管委会负责落实", [], ["各功能区管委会"], []),
        ("市金融办、人民银行潍坊市中心支行分别牵头落实", ["市金融办、人民银行潍坊市中心支行"], [], []),
        ("国务院审改办、人力资源社会保障部负责", [], ["国务院审改办、人力资源社会保障部"], []),
        ("区民政局牵头;区财政局、区人力社保局参与", ["区民政局"], [], ["区财政局、区人力社保局"]),
    ],
)
def test_roles_written_in_a_cell_are_read_as_roles(cell, lead, resp, coop):
    roles = roles_in_words(cell)
    assert roles is not None
    assert roles.units.get(LEAD, []) == lead
    assert roles.units.get(RESP, []) == resp
    assert roles.units.get(COOP, []) == coop


@pytest.mark.parametrize(
    "cell", ["区财政局、区民政局", "各镇人民政府、街道办事处", "市政府办公厅(市政务公开办)", "各区县政府"]
)
def test_a_plain_unit_cell_names_no_role(cell):
    assert roles_in_words(cell) is None


def test_a_part_without_a_role_word_and_nothing_after_it_is_refused_not_guessed():
    with pytest.raises(RoleProblem, match="区财政局"):
        roles_in_words("区发展改革委牵头,区财政局")


def test_a_duty_phrase_stays_with_its_unit_as_the_note_the_cell_reader_knows():
    roles = roles_in_words("各区县政府按职责分工负责")
    assert roles.units == {RESP: ["各区县政府按职责分工负责"]}


# -- brackets at the end of a prose task -----------------------------------------------------


def test_a_labelled_bracket_gives_units_by_role_and_the_deadline():
    roles = read_bracket("牵头单位:区政务服务中心;责任单位:各乡镇(街道)、区政府各部门;完成时限:长期坚持")
    assert roles.units == {LEAD: ["区政务服务中心"], RESP: ["各乡镇(街道)、区政府各部门"]}
    assert roles.deadline == "长期坚持"


def test_commas_full_width_colons_and_a_definition_after_the_units():
    roles = read_bracket(
        "责任时限：2022年底前，牵头单位：市政府办公室，责任单位：各县（区）人民政府，以下统称各县（区）政府"
    )
    assert roles.deadline == "2022年底前"
    assert roles.units == {LEAD: ["市政府办公室"], RESP: ["各县（区）人民政府"]}
    assert roles.definitions == ["以下统称各县（区）政府"]


@pytest.mark.parametrize(
    "inner",
    [
        "公开路径:1.政府网站>政府信息公开>财政信息,2.其他渠道",
        "2022年6月底前完成",
        "以下简称《要点》",
        "含“三公”经费",
        "市政务公开办",
    ],
)
def test_a_bracket_about_something_else_is_no_role_bracket(inner):
    assert read_bracket(inner) is None


def test_a_bracket_with_units_before_its_first_label_that_name_no_role_is_refused():
    with pytest.raises(RoleProblem, match="区财政局"):
        read_bracket("区财政局;完成时限:6月底前")


# -- the page around a copied document -----------------------------------------------------------


@pytest.mark.parametrize(
    "line, residue",
    [
        ("首页 > 政务公开 > 通知公告", True),
        ("当前位置:首页>信息公开", True),
        ("发布日期:2022-03-15  来源:区政府办公室  字号:[大 中 小]", True),
        ("浏览次数:1024", True),
        ("打印本页  关闭窗口", True),
        ("发文字号:綦江府办发〔2026〕17号", False),
        ("綦江区2026年政务公开工作要点任务分工", False),
        ("来源于群众的意见建议要及时办理。", False),
    ],
)
def test_page_residue(line, residue):
    assert is_page_residue(line) is residue


# -- whole prose documents ------------------------------------------------------------------

HEAD = (
    "重庆市某区人民政府办公室关于印发2026年政务公开工作要点任务分工的通知\n某府办发〔2026〕3号\n"
    "重庆市某区人民政府办公室\n2026年3月1日\n2026年政务公开工作要点任务分工\n"
)


def read(body: str):
    return read_document((HEAD + body).encode("utf-8"), "分工.txt")


def rows(doc):
    return [
        (r.id, r.lead_units, r.responsible_units, r.cooperating_units, [i.label for i in r.items]) for r in doc.rows
    ]


def test_several_brackets_in_one_paragraph_close_one_task_each():
    doc = read(
        "一、推进公开\n(一)权责清单\n公开权力清单。(区委编办负责)公开责任清单。(区委编办牵头,区政府各部门落实)\n"
    )
    assert rows(doc) == [("1.1.1", [], ["区委编办"], [], ["1"]), ("1.1.2", ["区委编办"], ["区政府各部门"], [], ["1"])]
    assert doc.rows[1].items[0].text == "公开责任清单。"


def test_headings_and_the_first_item_on_one_line_are_split():
    doc = read("一、推进公开(一)权责清单1.公开权力清单。(区委编办负责)\n2.公开责任清单。(区财政局负责)\n")
    assert [(s.id, s.title) for s in doc.sections] == [("1", "推进公开")]
    assert [(s.id, s.title) for s in doc.sections[0].subsections] == [("1.1", "权责清单")]
    assert rows(doc) == [("1.1.1", [], ["区委编办"], [], ["1"]), ("1.1.2", [], ["区财政局"], [], ["2"])]


def test_a_heading_with_its_task_on_the_same_line_is_both():
    doc = read("一、推进公开\n(一)进一步推进权力清单公开。要全面公开。(区委编办负责)\n")
    assert doc.sections[0].subsections[0].title == "进一步推进权力清单公开"
    assert doc.rows[0].items[0].text.startswith("进一步推进权力清单公开。要全面公开")


def test_a_wrapped_path_bracket_is_one_item_not_two():
    doc = read("一、推进公开\n(一)财政\n1.公开预算(公开路径:1.政府网站>财政信息,\n2.公开栏)。(区财政局负责)\n")
    assert rows(doc) == [("1.1.1", [], ["区财政局"], [], ["1"])]
    assert doc.rows[0].items[0].disclosure_paths == ["政府网站>财政信息", "公开栏"]


def test_text_no_bracket_closes_is_a_warning_never_a_task():
    doc = read(
        "一、总体要求\n坚持以人民为中心。\n二、推进公开\n(一)财政\n公开预算。(区财政局负责)\n三、保障措施\n"
        "各单位要高度重视。\n"
    )
    assert rows(doc) == [("2.1.1", [], ["区财政局"], [], ["1"])]
    skipped = [n for n in doc.notes if n.kind == "text_skipped"]
    assert [n.origin.line for n in skipped] == [7, 12]
    assert all(n.severity == "warning" for n in skipped)


def test_the_notice_before_the_body_is_not_the_table_title_and_breadcrumbs_are_not_the_title():
    text = (
        "首页 > 政务公开\n" + HEAD + "为做好今年工作,制定本分工。\n一、推进公开\n(一)财政\n公开预算。(区财政局负责)\n"
    )
    doc = read_document(text.encode("utf-8"), "分工.txt")
    assert doc.title == doc.table_title == "2026年政务公开工作要点任务分工"


def test_a_bracket_whose_units_name_no_role_is_refused_naming_its_line():
    with pytest.raises(ParseError) as info:
        read("一、推进公开\n(一)财政\n公开预算。(区发展改革委牵头,区财政局)\n")
    assert info.value.line == 8
    assert "区财政局" in info.value.message


def test_a_bracket_with_only_a_deadline_has_no_unit_and_is_refused_naming_its_line():
    with pytest.raises(ParseError) as info:
        read("一、推进公开\n(一)财政\n公开预算。(完成时限:6月底前)\n")
    assert info.value.line == 8
    assert "牵头单位或责任单位" in info.value.message


# -- roles inside a table's unit cell ----------------------------------------------------------


def test_a_table_cell_that_writes_roles_gives_them_to_the_row():
    text = (
        HEAD + "工作任务\t具体要求\t责任科室\n"
        "一、做好财政信息公开\n"
        "公开预算\t1.公开本中心预算。\t财务科\n"
        "更新公众号\t2.及时更新微信公众号信息。\t办公室牵头,各科室配合\n"
    )
    doc = read_document(text.encode("utf-8"), "分工.txt")
    assert [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows] == [
        ([], ["财务科"], []),
        (["办公室"], [], ["各科室"]),
    ]
    assert any(n.kind == "roles_in_cell" for n in doc.notes)


def _rows_of(doc):
    return [
        (r.id, r.lead_units, r.responsible_units, r.cooperating_units, [(i.label, i.text) for i in r.items])
        for r in doc.rows
    ]


@pytest.mark.parametrize("suffix", [".docx", ".html"])
@pytest.mark.parametrize(
    "name",
    [
        "data/documents/prose-district-2026",
        "source/prose_docs/square-brackets-mixed",
        "source/prose_docs/subject-units-department",
    ],
)
def test_a_prose_word_file_or_web_page_reads_like_its_text(tmp_path, suffix, name):
    import html

    from docx import Document

    from tests.conftest import ROOT

    source = ROOT / "tests" / f"{name}.txt"
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = tmp_path / f"分工{suffix}"
    if suffix == ".docx":
        document = Document()
        for line in lines:
            document.add_paragraph(line)
        document.save(path)
    else:
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
        path.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    from_text = read_document(source.read_bytes(), source.name)
    doc = read_document(path.read_bytes(), path.name)
    assert _rows_of(doc) == _rows_of(from_text)
    assert (doc.number, doc.title, doc.table_title) == (from_text.number, from_text.title, from_text.table_title)


def test_label_lines_after_a_task_are_its_bracket_and_a_heading_can_be_the_task():
    doc = read(
        "一、主要预期目标\n1.地区生产总值增长6%左右。\n牵头单位:区发改局\n责任单位:各街道,区直各部门\n"
        "2.规上工业增加值增长5%。\n牵头单位:区工信局\n"
        "二、重点工作\n(一)固定资产投资增长15%以上\n责任单位:区发展和改革局\n"
    )
    assert rows(doc) == [
        (doc.rows[0].id, ["区发改局"], ["各街道", "区直各部门"], [], ["1"]),
        (doc.rows[1].id, ["区工信局"], [], [], ["2"]),
        (doc.rows[2].id, [], ["区发展和改革局"], [], ["1"]),
    ]
    assert doc.rows[2].items[0].text == "固定资产投资增长15%以上"
    assert any(n.kind == "task_from_heading" for n in doc.notes)
