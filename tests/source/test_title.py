"""The document's title (tui/source/title.py): the line naming the breakdown itself, never the
signature, the 文号, the date, the addressees, a breadcrumb, page metadata or a mirror's residue
— the shapes real published pages put before the breakdown (tests/data/real/)."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.source.test_prose_pipes_properties import HEAD, documents, write_pipes, write_prose
from tui.source import read_document
from tui.source.title import read_titles

PROSE = "一、推进公开\n(一)财政信息\n1.公开预算决算。(牵头单位:区财政局;责任单位:各镇街)\n"
TABLE = "工作任务\t牵头单位\t责任单位\t完成时限\n一、推进公开\n公开预算决算\t区财政局\t各镇街\t6月底前\n"


def title_of(preamble: str, body: str = PROSE, name: str = "分工.txt") -> str:
    return read_document((preamble + body).encode("utf-8"), name, year=2026).title


def test_the_signature_line_is_not_the_title():
    pre = (
        "各镇人民政府,各街道办事处:\n现将《2026年宝山区政务公开工作要点》印发给你们,请认真执行。\n"
        "上海市宝山区人民政府办公室\n2026年5月22日\n2026年宝山区政务公开工作要点\n"
    )
    assert title_of(pre) == "2026年宝山区政务公开工作要点"
    assert title_of(pre, TABLE) == "2026年宝山区政务公开工作要点"


def test_a_bureau_signature_and_a_red_header_are_not_the_title():
    pre = "某市政务服务数据管理局文件\n某市政务服务数据管理局\n2026年4月13日\n某市数字政府改革建设2026年工作要点\n"
    assert title_of(pre) == "某市数字政府改革建设2026年工作要点"


def test_a_number_line_is_not_the_title_and_a_date_before_the_title_is_cut_off():
    pre = (
        "自府办函〔2026〕21号\n各区、县人民政府: 《自贡市2026年政务公开重点工作任务分工方案》已经市政府同意,"
        "现印发给你们。 自贡市人民政府办公室\n2026年4月28日 自贡市2026年政务公开重点工作任务分工方案\n"
    )
    doc = read_document((pre + PROSE).encode("utf-8"), "分工.txt")
    assert (doc.title, doc.number) == ("自贡市2026年政务公开重点工作任务分工方案", "自府办函〔2026〕21号")


def test_a_number_with_a_mirrors_pinyin_is_not_the_title_nor_the_glosses_in_the_title():
    pre = "州政发(fā)〔2026〕5号\n湘西自治州人民政府\n2026年2月22日\n湘西自治州2026年优(yōu)化营商环(huán)境工作计划\n"
    assert title_of(pre) == "湘西自治州2026年优化营商环境工作计划"


def test_breadcrumbs_and_page_metadata_are_never_the_title():
    pre = (
        "当前位置:首页 > 政务公开 > 政务公开工作要点\n首页 > 信息公开 > 任务分工\n"
        "发布日期:2026-03-01 来源:区政府办公室 浏览次数:120\n索 引 号 MB1534522/2026-05475 发文日期 2026-01-03\n"
        "【字体:大 中 小】\n2026年某区政务公开工作要点任务分工\n打印本页 关闭窗口\n"
    )
    assert title_of(pre) == "2026年某区政务公开工作要点任务分工"
    assert title_of(pre, TABLE) == "2026年某区政务公开工作要点任务分工"


def test_a_saved_web_page_names_its_breakdown_not_its_site_crumbs_or_signature():
    page = (
        "<html><head><meta charset='utf-8'><title>宝山区人民政府门户网站</title></head><body>"
        "<div>当前位置:首页 &gt; 政务公开 &gt; 工作要点</div><p>发布日期:2026-03-01 浏览次数:12</p>"
        "<p>上海市宝山区人民政府办公室</p><p>2026年5月22日</p><p>2026年宝山区政务公开工作要点任务分工</p>"
        "<table><tr><td>工作任务</td><td>牵头单位</td><td>责任单位</td></tr><tr><td>一、推进公开</td><td></td><td></td></tr>"
        "<tr><td>公开预算决算</td><td>区财政局</td><td>各镇街</td></tr></table><p>打印本页</p><p>关闭窗口</p></body></html>"
    )
    doc = read_document(page.encode("utf-8"), "页面.html")
    assert (doc.title, doc.table_title, doc.issuer) == ("2026年宝山区政务公开工作要点任务分工",) * 2 + (
        "上海市宝山区人民政府办公室",
    )


def test_a_law_databases_labels_are_not_the_title_and_the_notice_names_the_breakdown():
    pre = (
        "【法宝引证码】CLI.1.304262\n【时效性】尚未施行\n"
        "运城市人民政府办公厅关于印发运城市应急体系建设“十三五”规划责任分解的通知\n"
        "运城市人民政府办公厅\n2017年4月13日\n运城市应急体系建设“十三五”规划责任分解\n“十三五”应急体系9个具体建设任务\n"
    )
    doc = read_document((pre + PROSE).encode("utf-8"), "分工.txt", year=2017)
    assert doc.title == doc.table_title == "运城市应急体系建设“十三五”规划责任分解"
    assert doc.issuer == "运城市人民政府办公厅"


def test_a_tab_word_alone_is_no_title_the_file_name_is_used_and_the_report_says_so():
    doc = read_document(("全文\n基本介绍\n" + PROSE).encode("utf-8"), "咸阳放管服分工.txt", year=2026)
    assert doc.title == doc.table_title == "咸阳放管服分工"
    assert [n.message for n in doc.notes if n.kind == "title_missing"] == [
        "表格前没有文件标题:按文件名「咸阳放管服分工」称呼这份文件(可用 load --as-table 写出后在「标题」中填写)"
    ]


def test_a_notice_title_gives_way_to_the_breakdowns_own_title_line():
    pre = (
        "区人民政府办公室关于印发2026年区《政府工作报告》确定的主要目标任务责任分解方案的通知\n"
        "区人民政府办公室关于印发2026年区《政府工作报告》确定的主要目标任务责任分解方案的通知\n"
        "2026-01-05 10:00 区人民政府办公室\n蔡甸区人民政府办公室\n2026年1月3日\n"
        "2026年区《政府工作报告》确定的主要目标任务责任分解方案\n"
    )
    assert title_of(pre) == "2026年区《政府工作报告》确定的主要目标任务责任分解方案"


def test_a_title_wrapped_over_two_lines_is_the_name_the_notice_gives():
    pre = (
        "鞍山市立山区人民政府文件\n鞍立政发〔2026〕2号\n"
        "立山区人民政府关于印发 《立山区政府2026年重点工作任务分解 和责任分工方案》的通知\n"
        "立山区人民政府\n2026年3月28日\n(此件公开发布)\n立山区政府2026年重点工作\n任务分解和责任分工方案\n"
    )
    doc = read_document((pre + PROSE).encode("utf-8"), "分工.txt")
    assert doc.title == doc.table_title == "立山区政府2026年重点工作任务分解和责任分工方案"
    assert doc.issuer == "立山区人民政府"


def test_without_an_own_title_line_the_notice_is_the_title_and_its_bracketed_name_wins():
    assert (
        title_of("泰州关于印发聚焦企业关切进一步优化营商环境行动方案的通知\n")
        == "泰州关于印发聚焦企业关切进一步优化营商环境行动方案的通知"
    )
    assert (
        title_of("某区人民政府办公室关于印发《2026年某区政务公开工作要点》的通知\n某府办发〔2026〕3号\n")
        == "2026年某区政务公开工作要点"
    )


def test_a_notice_for_several_breakdowns_names_the_one_whose_title_is_written_wrapped():
    titles = read_titles(
        [
            "关于印发2026年政府工作报告重点工作责任分解的通知",
            "《政府工作报告“十四五”时期重点工作责任分解》《政府工作报告2026年重点工作责任分解》和"
            "《2026年市政府民生实事项目责任分解》已经市政府同意,现印发给你们,请认真贯彻执行。",
            "衢州市人民政府办公室",
            "2026年3月24日",
            "(此件公开发布)",
            "政府工作报告“十四五”时期",
            "重点工作责任分解",
        ]
    )
    assert titles.title == titles.table_title == "政府工作报告“十四五”时期重点工作责任分解"


def test_a_prose_breakdown_keeps_the_notices_naming_sentence_to_join_its_wrapped_title():
    """The prose and label-line readers pass the notice's sentence giving the name to the title
    reader (other sentences stay out of the preamble), so the title wrapped over two lines is whole."""
    pre = (
        "某市人民政府办公厅关于印发聚焦企业关切优化营商环境若干措施的通知\n某府办〔2026〕10号\n"
        "各区人民政府,市直各单位:\n《某市聚焦企业关切进一步落实优化营商环境政策的若干措施》已经市政府同意,现印发给你们。\n"
        "某市人民政府办公厅\n2026年1月16日\n某市聚焦企业关切进一步落实\n优化营商环境政策的若干措施\n"
    )
    doc = read_document((pre + PROSE).encode("utf-8"), "措施.txt")
    assert doc.title == "某市聚焦企业关切进一步落实优化营商环境政策的若干措施"
    assert (doc.number, doc.issuer) == ("某府办〔2026〕10号", "某市人民政府办公厅")
    cited = "根据国办发〔2025〕8号文件,现将《2026年政务公开工作要点》印发给你们。\n2026年政务公开工作要点\n"
    doc = read_document((cited + PROSE).encode("utf-8"), "要点.txt", year=2026)
    assert doc.number is None  # a naming sentence that cites a number stays out: its number is not the document's


def test_an_issuer_written_without_its_place_is_the_one_the_pages_info_box_names_with_it():
    """A district's site prints the notice's head as `区人民政府办公室`; its info box, copied as one
    line of fields, says `发布机构: 某某区政府办公室`: that is who issues it. The box's fields keep
    their labels when the line is split."""
    box = "索 引 号: 000014349/2026-105482 发布日期: 2026-06-28 发布机构: 某某区政府办公室\n"
    notice = (
        "区人民政府办公室 关于印发2026年区政府重点工作责任分解的通知\n"
        "《2026年区政府重点工作责任分解》已经区政府研究同意,现印发给你们。\n2026年6月28日\n2026年区政府重点工作责任分解\n"
    )
    doc = read_document((box + notice + PROSE).encode("utf-8"), "分解.txt")
    assert (doc.title, doc.issuer) == ("2026年区政府重点工作责任分解", "某某区政府办公室")
    other = box.replace("某某区政府办公室", "某市数据局")  # another office posted it: the notice's head stays
    assert read_document((other + notice + PROSE).encode("utf-8"), "分解.txt").issuer == "区人民政府办公室"


def test_a_notice_in_brackets_after_its_number_and_angle_brackets_inside_the_name():
    titles = read_titles(
        [
            "成办发〔2019〕5号《成都市人民政府办公厅关于印发2019年〈政府工作报告〉确定的主要目标任务责任分解方案的通知》",
            "各区(市)县政府,市政府各部门,有关单位:",
            "成都市人民政府办公厅",
            "2019年2月19日",
            "2019年《政府工作报告》确定的主要目标任务",
            "责任分解方案",
        ]
    )
    assert titles.title == "2019年《政府工作报告》确定的主要目标任务责任分解方案"
    assert titles.notice == "成都市人民政府办公厅关于印发2019年〈政府工作报告〉确定的主要目标任务责任分解方案的通知"


def test_the_pages_title_field_names_the_document_and_the_table_title_stays_the_tables():
    titles = read_titles(
        [
            "索 引 号:",
            "发布机构: 广东省卫生健康委员会",
            "名 称: 广东省卫生健康委2026年政务公开工作重点任务台账",
            "发文日期: 2026年03月16日",
            "文 号:",
            "2026 年政务公开工作重点任务台账 |",
        ]
    )
    assert (titles.title, titles.table_title) == (
        "广东省卫生健康委2026年政务公开工作重点任务台账",
        "2026年政务公开工作重点任务台账",
    )


def test_a_heading_an_addressee_line_and_a_sentence_are_not_titles():
    titles = read_titles(["一、工作要点", "各区县政府,市政府各部门:", "请认真贯彻落实本方案。", "二、重点工作任务分解"])
    assert titles.title == ""


def test_a_sentence_citing_another_notice_names_nothing():
    titles = read_titles(
        [
            "根据市政府办公厅《关于印发2026年政务公开工作要点任务分工的通知》要求,现将《市文化旅游委2026年"
            "政务公开任务分工》印发你们。",
            "市文化旅游委关于贯彻落实2026年政务公开工作要点任务分工",
        ]
    )
    assert titles.title == "市文化旅游委关于贯彻落实2026年政务公开工作要点任务分工"


def test_a_long_notice_before_the_table_keeps_the_title_at_its_top_or_above_the_table():
    body = [f"第{n}段说明文字" for n in range(3000)]
    assert read_titles(["2026年某区政务公开工作要点", *body]).title == "2026年某区政务公开工作要点"
    titles = read_titles(
        ["某区人民政府办公室关于印发2026年某区政务公开工作要点的通知", *body, "附件", "2026年某区政务公开工作要点"]
    )
    assert (titles.title, titles.notice) == (
        "2026年某区政务公开工作要点",
        "某区人民政府办公室关于印发2026年某区政务公开工作要点的通知",
    )


# -- property: page residue around a breakdown never changes its title ----------------------

PLACES = ("宝山区", "黑河市", "德清县", "某市文化旅游委", "区卫生健康局")
GENRES = (
    "政务公开工作要点",
    "政务公开工作要点任务分工",
    "政务公开重点工作任务分工方案",
    "政务公开工作任务清单",
    "政务公开工作重点任务台账",
    "政务公开工作实施方案",
    "重点工作责任分解",
)
SEGMENTS = ("政务公开", "政府信息公开", "法定主动公开内容", "政策文件", "通知公告", "工作要点", "任务分工")
KEYS = (
    "发布日期",
    "来源",
    "信息来源",
    "浏览次数",
    "点击数",
    "发布机构",
    "索 引 号",
    "主题分类",
    "公开属性",
    "成文日期",
    "更新时间",
)
VALUES = ("2026-03-01", "区政府办公室", "123", "2026年03月01日 10:31", "主动公开", "政务公开", "MB1534522/2026-05475")
FIXED = (
    "字号:大 中 小",
    "【字体:大 中 小】",
    "打印本页",
    "关闭窗口",
    "分享到:",
    "【打印】【关闭】",
    "扫一扫在手机打开当前页",
    "【法宝引证码】CLI.12.34567",
    "【时效性】现行有效",
    "全文",
    "基本介绍",
    "上一篇:2025年政务公开工作要点",
    "下一篇:2025年政务公开工作任务分工",
    "版权所有:某区人民政府办公室",
    "2025年政务公开工作要点.docx",
    "  • 打印",
)


@st.composite
def residue(draw) -> str:
    kind = draw(st.sampled_from(("crumb", "meta", "fixed")))
    if kind == "crumb":
        start = draw(st.sampled_from(("首页", "当前位置:首页", "您的位置:首页", "您现在的位置: 首页")))
        sep = draw(st.sampled_from((" > ", ">", " » ", "＞")))
        return sep.join([start, *draw(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=4))])
    if kind == "meta":
        pairs = draw(st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(VALUES)), min_size=1, max_size=3))
        return " ".join(f"{k}{draw(st.sampled_from((':', '：', ': ')))}{v}" for k, v in pairs)
    return draw(st.sampled_from(FIXED))


@st.composite
def pages(draw):
    """(the preamble lines of a breakdown, its title, the residue lines, where each goes)."""
    title = (
        f"{draw(st.sampled_from(('2026年', '')))}{draw(st.sampled_from(PLACES))}"
        f"{draw(st.sampled_from(('2026年', '')))}{draw(st.sampled_from(GENRES))}"
    )
    issuer = "某区人民政府办公室"
    lines = []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from((f"{issuer}关于印发{title}的通知", f"{issuer}关于印发《{title}》的通知"))))
    if draw(st.booleans()):
        lines.append("某府办发〔2026〕3号")
    if draw(st.booleans()):
        lines += ["各镇人民政府,各街道办事处:", f"现将《{title}》印发给你们,请认真贯彻落实。"]
    if draw(st.booleans()):
        lines += [issuer, "2026年3月1日"]
    lines.append(title)
    junk = draw(st.lists(st.tuples(st.integers(0, len(lines)), residue()), min_size=1, max_size=6))
    return lines, title, junk


@st.composite
def bodies(draw) -> str:
    """A random breakdown (tests/source/test_prose_pipes_properties.py) as prose, as a table
    copied with `|`, or as a tab table; without that module's own title lines."""
    doc = draw(documents())
    shape = draw(st.sampled_from(("prose", "pipes", "tabs")))
    if shape == "tabs":
        return TABLE
    text = write_prose(doc, draw) if shape == "prose" else write_pipes(doc)
    return text.removeprefix(HEAD)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=pages(), body=bodies())
@example(  # five lines near one width, three of them residue: once taken for a PDF's wrapped lines
    page=(
        ["某区人民政府办公室", "2026年3月1日", "2026年宝山区2026年政务公开工作要点"],
        "2026年宝山区2026年政务公开工作要点",
        [
            (0, "首页 > 政务公开"),
            (0, "您现在的位置: 首页 > 政务公开"),
            (0, "您现在的位置: 首页 > 政务公开"),
            (0, "发布日期:区政府办公室 发布日期:123"),
            (2, "您现在的位置: 首页 > 政务公开"),
        ],
    ),
    body="\n一、公开公开\n(一)公开公开\n公开公开。（责任单位:区政府各部门）\n",
)
def test_page_residue_around_a_breakdown_never_changes_its_title(page, body):
    lines, title, junk = page
    noisy = list(lines)
    for at, line in sorted(junk, key=lambda j: -j[0]):
        noisy.insert(at, line)
    clean = read_document(("\n".join(lines) + "\n" + body).encode("utf-8"), "分工.txt", year=2026)
    read = read_document(("\n".join(noisy) + "\n" + body).encode("utf-8"), "分工.txt", year=2026)
    assert clean.title == read.title == title
    assert read.table_title == title
    assert [r.id for r in read.rows] == [r.id for r in clean.rows]
