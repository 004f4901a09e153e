"""Shapes first met in the eighth holdout of real breakdowns (tests/data/real/, "Holdout set 8"),
written here in made-up documents of the same shape: a unit inside a sentence in the bracket
(`(此项工作由办公室负责)`); a suffix shared by a list (`高新区、循环化工园区、综合保税区管委会`); two units
joined by `和`, the last followed by `等有关部门按职责分工分别牵头落实`; an inner bracket written `〔〕`
holding an office's second name, or `<>` holding a collective's kinds; a park (`…产业园等`); a standing
rule in the first bracket adding units to every later task (`以下各任务均需X、Y落实,不再一一列出`); a
signature and its date padded with `?`; a letter-spaced signature; a 通知 that is itself the breakdown,
its title wrapped after the issuer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.source import read_document
from tui.source.unitcells import split_unit_cell


def read(text: str, year: int | None = 2026, name: str = "要点.txt"):
    return read_document(text.encode("utf-8"), name, year=year)


def roles(doc):
    return [(r.lead_units, r.responsible_units, r.cooperating_units) for r in doc.rows]


def warnings(doc):
    return [n.message for n in doc.notes if n.severity == "warning"]


DONE_BY = """某市某局政府信息公开制度
一、政府信息公开工作制度
(一)政府信息公开的重点内容和责任部门
1.决策公开。主要包括重大工作部署的落实情况。(此项工作由办公室负责)
2.产业工作进展情况。(此项工作由产业发展处负责)
3.财政预决算情况。(由财务处负责)
4.行政执法情况。(该项工作由法规处牵头,各业务处室配合)
"""


def test_a_unit_written_inside_a_sentence_in_the_bracket_is_the_unit_alone():
    doc = read(DONE_BY)
    assert roles(doc) == [
        ([], ["办公室"], []),
        ([], ["产业发展处"], []),
        ([], ["财务处"], []),
        (["法规处"], [], ["各业务处室"]),
    ]


SHARED = """某市2026年政务公开工作要点
一、加强公开
(一)加强权力配置信息公开。各级各部门要全面梳理行政权力。(牵头单位:市政府办公室,市委编办;责任单位:市政府各部门,各县(市、区)政府,高新区、循环化工园区、综合保税区管委会)
(二)加强执法信息公开。(责任单位:市发改委、高新区、经开区管委会,各县区、开发区管委会)
"""


def test_a_suffix_written_once_after_a_list_of_zones_belongs_to_each():
    doc = read(SHARED)
    assert roles(doc) == [
        (
            ["市政府办公室", "市委编办"],
            ["市政府各部门", "各县(市、区)政府", "高新区管委会", "循环化工园区管委会", "综合保税区管委会"],
            [],
        ),
        # `各县区` is no zone: it keeps its name, and the 管委会 after it is one unit
        ([], ["市发改委", "高新区管委会", "经开区管委会", "各县区", "开发区管委会"], []),
    ]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["高新", "经开", "保税", "产业园", "自贸", "综合保税", "新材料园"]), min_size=2, max_size=5
    )
)
def test_each_zone_of_a_list_sharing_管委会_is_read_as_its_own_管委会(zones):
    text = "、".join(z + "区" for z in zones) + "管委会"
    assert [u.name for u in split_unit_cell(text)] == [z + "区管委会" for z in zones]


JOINED_BY_HE = """某省2026年政务公开工作要点
一、围绕重大部署推进公开
(一)聚焦乡村振兴做好公开。及时公开实施乡村振兴战略的政策举措。(各市政府和省委农工办、省民政厅、省农业厅等有关部门按职责分工分别牵头落实)
(二)做好发展改革信息公开。(省发展和改革委员会负责)
(三)做好社会事业信息公开。(各级党委和政府、省卫生和健康委负责)
"""


def test_two_units_joined_by_和_are_two_and_the_others_unnamed_after_the_last_are_no_unit():
    doc = read(JOINED_BY_HE)
    assert roles(doc) == [
        (["各市政府", "省委农工办", "省民政厅", "省农业厅"], [], []),
        ([], ["省发展和改革委员会"], []),  # 和 inside a name: one unit
        ([], ["各级党委和政府", "省卫生和健康委"], []),  # `政府` alone is no unit: kept whole
    ]


def test_the_same_in_traditional_characters():
    text = JOINED_BY_HE.replace(
        "各市政府和省委农工办、省民政厅、省农业厅等有关部门按职责分工分别牵头落实",
        "各市政府和省委農工辦、省民政廳、省農業廳等有關部門按職責分工分別牽頭落實",
    )
    text = text.replace("政务公开工作要点", "政務公開工作要點").replace("围绕重大部署推进公开", "圍繞重大部署推進公開")
    assert roles(read(text))[0] == (["各市政府", "省委农工办", "省民政厅", "省农业厅"], [], [])


INNER = """某市2026年优化营商环境实施方案
一、打造政务环境
1.推进数字政府建设。(责任单位:市政府办公室〔市大数据管理局〕、市政管局,各县区人民政府)
2.拓展网上办事。(牵头单位:市政府办公室、市直有关部门,责任单位:各乡镇<街道>)
3.建立重大决策预公开制度。(责任单位:各区<市、县>政府,市政府各工作部门)
4.公开行政规范性文件。(责任单位:市司法局〔2026〕)
"""


def test_an_inner_bracket_written_tortoise_shell_or_angle_is_a_round_one():
    doc = read(INNER)
    assert roles(doc)[:3] == [
        ([], ["市政府办公室", "市政管局", "各县区人民政府"], []),  # 市大数据管理局: the office's second name, a note
        (["市政府办公室", "市直有关部门"], ["各乡镇(街道)"], []),
        ([], ["各区(市、县)政府", "市政府各工作部门"], []),
    ]
    office = split_unit_cell("市政府办公室〔市大数据管理局〕")
    assert [(u.name, u.note) for u in office] == [("市政府办公室", "市大数据管理局")]
    # a year in 〔〕 is no name: never turned into a round bracket
    assert [u.name for u in split_unit_cell("市司法局〔2026〕")] == ["市司法局〔2026〕"]


def test_parks_are_units_and_等_after_the_last_names_others():
    names = split_unit_cell("新材料产业园、高端装备产业园、食品产业园、商贸物流园等")
    assert [(u.name, u.note) for u in names] == [
        ("新材料产业园", None),
        ("高端装备产业园", None),
        ("食品产业园", None),
        ("商贸物流园", "等"),
    ]


STANDING = """关于进一步提升全州营商环境的工作方案
一、主要任务
(一)着力提升政务服务环境
1.提升政务中心建设。(责任单位:州政务服务中心,各县市人民政府、州直相关行业部门按职责分工负责,以下各任务均需各县市人民政府、州直相关行业部门落实,不再一一列出)
2.提高窗口人员素质。(责任单位:州政务服务中心)
3.提升数据共享能力。(牵头单位:州数据局;责任单位:各县市人民政府)
"""


def test_a_standing_rule_in_the_first_bracket_adds_its_units_to_every_later_task_and_says_so():
    doc = read(STANDING)
    collectives = ["各县市人民政府", "州直相关行业部门"]
    assert roles(doc) == [
        ([], ["州政务服务中心", *collectives], []),
        ([], ["州政务服务中心", *collectives], []),
        (["州数据局"], collectives, []),  # 各县市人民政府 named already: not twice
    ]
    said = [m for m in warnings(doc) if "以后各行的责任单位加上" in m]
    assert len(said) == 1 and "各县市人民政府、州直相关行业部门" in said[0]
    assert not [m for m in warnings(doc) if "不再一一列出」记为说明" in m]


def test_the_rule_after_a_full_stop_too_and_a_rule_naming_no_units_stays_a_note():
    after_stop = STANDING.replace(
        "州直相关行业部门按职责分工负责,以下各任务", "州直相关行业部门按职责分工负责。以下各任务"
    )
    assert roles(read(after_stop))[1] == ([], ["州政务服务中心", "各县市人民政府", "州直相关行业部门"], [])
    no_units = STANDING.replace("以下各任务均需各县市人民政府、州直相关行业部门落实", "以下各任务均需按季度报送进展")
    doc = read(no_units)
    assert roles(doc)[1] == ([], ["州政务服务中心"], [])
    assert any("以下各任务均需按季度报送进展" in m and "记为说明" in m for m in warnings(doc))


PADDED = """辽政公领发〔2026〕1号
某省政务公开领导小组关于印发
某省2026年政务公开工作要点的通知
各市人民政府,省政府各厅委:
现将《某省2026年政务公开工作要点》印发给你们,请认真贯彻落实。
某省政务公开领导小组??????????
2026年6月18日??????
某省2026年政务公开工作要点
一、加大政府信息公开力度
1.全面公开各类规划信息。(牵头单位:省发展改革委;责任单位:各市政府)
"""


def test_a_signature_and_its_date_padded_with_question_marks_still_name_the_issuer():
    doc = read(PADDED)
    assert doc.issuer == "某省政务公开领导小组"
    assert doc.title == "某省2026年政务公开工作要点"


SPACED = PADDED.replace("某省政务公开领导小组??????????", "某区政府信息 与 政务公开 领导小组 办公室").replace(
    "2026年6月18日??????", "2026年6月18日"
)


def test_a_letter_spaced_signature_is_read_without_its_layout_blanks():
    assert read(SPACED).issuer == "某区政府信息与政务公开领导小组办公室"


OWN_NOTICE = """? 某省人民政府办公厅
关于进一步做好政务公开工作的通知
某政办发〔2026〕21号
各市人民政府,省政府各部门:
现就进一步做好全省政务公开工作通知如下:
一、围绕重大部署着力推进公开
(一)聚焦乡村振兴做好公开。及时公开实施乡村振兴战略的政策举措。(各市政府和省农业厅等有关部门按职责分工分别牵头落实)
"""


def test_a_notice_that_is_itself_the_breakdown_is_named_by_its_own_title_wrapped_after_the_issuer():
    doc = read(OWN_NOTICE)
    assert doc.title == "某省人民政府办公厅关于进一步做好政务公开工作的通知"
    assert not any(n.kind == "title_missing" for n in doc.notes)
    assert roles(doc) == [(["各市政府", "省农业厅"], [], [])]


CELLS_AFTER_NOTICE = """标题: | 某区人民政府办公室关于印发《某区2026年政务公开工作任务清单》的通知 | ||
索引号: | 1137/2026-1 | 文号: | |
发文日期: | 2026-08-21 | 发布机构: | 某区人民政府办公室 |
各镇政府、街道办事处,区政府各部门:
现将《某区2026年政务公开工作任务清单》印发给你们,请据此做好政务公开日常工作。
某区人民政府办公室
2026年8月18日
工作任务 |
责任单位 |
完成时限 |
做好行政规范性文件的集中公开工作。 |
区司法局 |
年底前 |
及时公开行政规范性文件的备案目录。 |
各成员单位 |
长期坚持 |
"""


def test_a_cell_a_line_table_after_page_metadata_and_a_notice_finds_its_header():
    doc = read(CELLS_AFTER_NOTICE)
    assert roles(doc) == [([], ["区司法局"], []), ([], ["各成员单位"], [])]
    assert doc.rows[0].items[0].deadline == "2026-12-31"
    assert doc.issuer == "某区人民政府办公室"


UNBRACKETED = """关于印发某市2026年政务公开工作要点的通知
  某政办〔2026〕95号
  各县(市)区人民政府,市政府各部门:
  经市政府同意,现提出如下要求,请结合工作实际,认真组织实施。
  一、推进权力运行全流程公开
  (一)推进行政决策公开。决策前向社会公开决策草案,广泛听取公众意见。市政府办公室、各县(市)区政府、市政府各部门负责落实
  (二)推进政策执行公开。公开执行措施、实施步骤、落实结果等。市政府各部门负责落实
  进一步推进审计结果公开,并做好相关解读。市审计局牵头落实
  (三)加强组织领导。各地要高度重视,请各单位认真落实
"""


def test_units_closing_a_task_with_no_bracket_are_the_bracket_they_stand_for():
    doc = read(UNBRACKETED)
    assert roles(doc) == [
        ([], ["市政府办公室", "各县(市)区政府", "市政府各部门"], []),
        ([], ["市政府各部门"], []),
        (["市审计局"], [], []),
    ]
    # `请各单位认真落实` is a sentence of the notice, not a unit phrase: no task, and said
    assert any("各地要高度重视" in m for m in warnings(doc))
