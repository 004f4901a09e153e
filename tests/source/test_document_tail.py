"""The end of a copied page or 公文 (tui/source/readers/tail.py): footers, 版记 and a signature are
never read as cells or units; a last row whose cells look like a signature keeps them."""

from __future__ import annotations

import pytest

from tui.source import read_document
from tui.source.readers.tail import is_tail_line, signature_at, tail_start


@pytest.mark.parametrize(
    "line",
    [
        "扫一扫在手机打开当前页",
        "【我要纠错】 【打印本页】 【关闭窗口】",
        "网站标识码:5001000001 渝ICP备05003300号 渝公网安备 50010302000001号",
        "技术支持：某某网络科技有限公司",
        "Copyright © 2021 某某县人民政府 版权所有",
        "（此件公开发布）",
        "此件主动公开",
        "抄送：县委办公室，县人大常委会办公室，县政协办公室。",
        "某某县人民政府办公室                    2021年5月12日印发",
        "联系人:张三  联系电话:023-12345678",
        "(联系人：李四，电话：12345678)",
    ],
)
def test_a_footer_or_colophon_line_is_tail(line):
    assert is_tail_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "市、区县政府门户网站主办单位",  # a unit of the 2021 document
        "市政府办公厅",
        "2021年12月31日前",
        "及时公开财政预决算信息。",
        "各区县政府、市政府各部门",
    ],
)
def test_a_line_of_a_task_or_its_units_is_not(line):
    assert not is_tail_line(line)


def test_only_the_end_is_tail_and_the_first_other_line_ends_it():
    lines = ["工作任务 | 责任单位", "打印本页", "做好公开 | 区政府办", "", "扫一扫", "", "【关闭窗口】", ""]
    assert tail_start(lines) == 4
    assert tail_start(["做好公开 | 区政府办"]) == 1


@pytest.mark.parametrize(
    "lines, at",
    [
        (["做好公开", "区政府办", "", "某某区人民政府办公室", "2021年5月10日"], 3),
        (["做好公开", "区政府办", "某某区人民政府办公室", "", "二〇二一年五月十日", ""], 2),
        (["做好公开", "区政府办", "区政府办", "2021年6月30日前"], None),  # a limit is no signature's date
        (["做好公开", "各镇街、各部门", "2021年5月10日"], None),  # no issuer's name
        (["2021年5月10日"], None),
    ],
)
def test_a_signature_is_an_issuers_line_then_a_date(lines, at):
    assert signature_at(lines, len(lines)) == at


PIPES = """某县政务公开工作任务分工
序号 | 工作任务 | 责任单位 |
1 | 做好财政预决算公开。 | 县财政局 |
2 | 做好重大项目信息公开。 | 县发展改革委、各乡镇 |

某县人民政府办公室
2021年5月10日
(此件公开发布)
扫一扫在手机打开当前页
"""

CELLS_DATED = """某县政务公开工作任务分工

工作任务

责任单位

完成时限

1.做好财政预决算公开。

县财政局

2021年5月31日

2.做好重大项目信息公开。

县政府办公室

2021年6月30日
"""


def _read(text: str):
    return read_document(text.encode("utf-8"), "分工.txt", year=2021)


def test_a_signature_after_a_table_copied_with_bars_is_no_units_of_its_last_row():
    doc = _read(PIPES)
    assert [r.responsible_units for r in doc.rows] == [["县财政局"], ["县发展改革委", "各乡镇"]]
    notes = {n.kind: n for n in doc.notes}
    assert notes["signature_skipped"].origin.line == 6
    assert notes["tail_skipped"].origin.line == 8


def test_a_last_row_whose_unit_and_date_look_like_a_signature_keeps_them():
    doc = _read(CELLS_DATED)
    assert [(r.responsible_units, r.items[0].deadline) for r in doc.rows] == [
        (["县财政局"], "2021-05-31"),
        (["县政府办公室"], "2021-06-30"),
    ]
    assert not any(n.kind == "signature_skipped" for n in doc.notes)


@pytest.mark.parametrize(
    "cell, due", [("2021-06-30", "2021-06-30"), ("2021.6.30", "2021-06-30"), ("2021年2月30日", None)]
)
def test_a_deadline_cell_that_is_one_day_is_that_day(cell, due):
    doc = _read(CELLS_DATED.replace("2021年6月30日", cell))
    assert doc.rows[1].items[0].deadline == due
    unread = [n for n in doc.notes if n.kind == "date_unread" and "行 2 " in n.message]
    assert bool(unread) is (due is None)


def test_tail_lines_right_above_a_signature_go_with_it():
    lines = ["做好公开 | 区政府办 |", "", "(联系人:张三,电话:123)", "某某区人民政府办公室", "2021年5月10日"]
    assert signature_at(lines, len(lines)) == 2


def test_the_signature_left_out_of_the_table_still_names_the_issuer():
    """A table copied alone says nothing of who issued it above it; its signature below does (and
    the document's level with it: a 县 body, not the 市 assumed without one)."""
    doc = _read(PIPES)
    assert (doc.issuer, doc.issued) == ("某县人民政府办公室", "2021-05-10")
    said = next(n for n in doc.notes if n.kind == "issuer_from_signature")
    assert said.origin.line == 6 and "某县人民政府办公室" in said.message


def test_an_issuer_above_the_table_is_kept_over_the_signature_below():
    doc = _read("某区人民政府办公室关于印发任务分工的通知\n" + PIPES)
    assert doc.issuer == "某区人民政府办公室"
    assert not any(n.kind == "issuer_from_signature" for n in doc.notes)


def test_a_prose_breakdown_signed_at_its_end_is_read_with_its_issuer_and_no_doubt():
    text = (
        "某区2024年政务公开工作要点任务分工\n一、加强政策解读\n"
        "1.做好重要政策解读。(牵头单位:区政府办公室;责任单位:区财政局)\n"
        "2.做好政策问答。(责任单位:各街道)\n\n某区人民政府办公室\n2024年3月1日\n"
    )
    doc = read_document(text.encode("utf-8"), "分工.txt", year=2024)
    assert [r.responsible_units for r in doc.rows] == [["区财政局"], ["各街道"]]
    assert (doc.issuer, doc.issued) == ("某区人民政府办公室", "2024-03-01")
    assert not any(n.severity == "warning" for n in doc.notes)  # the signature is no text left unread


def test_a_header_printed_again_in_a_table_copied_with_bars_is_no_task():
    """A copy of a printed table repeats its header at each page top (the whole header, or the
    part of a header printed over two lines): before, at the end it became a task `工作任务` with
    the unit `责任科室`, silently."""
    text = (
        "工作任务 | 具体要求 | 责任科室 |\n一、做好公开 | 1.加强执法信息公开。 | 局政法科 |\n"
        "工作任务 | 具体要求 | 责任科室 |\n二、做好解读 | 2.做好政策解读。 | 局办公室 |\n工作任务 | 具体要求 |\n"
    )
    doc = read_document(text.encode("utf-8"), "分工.txt", year=2021)
    assert [(r.responsible_units, r.items[0].text) for r in doc.rows] == [
        (["局政法科"], "加强执法信息公开。"),
        (["局办公室"], "做好政策解读。"),
    ]
    assert [n.origin.line for n in doc.notes if n.kind == "header_repeated"] == [3, 5]


MARKDOWN = """某局2024年政务公开工作任务分工

| 工作任务 | 具体要求 | 责任科室 |
| --- | :--- | ---: |
| 一、做好公开 | 1.加强执法信息公开。 | 局政法科 |
| 二、做好解读 | 2.做好政策解读。 | 局办公室 |
"""


def test_a_markdown_table_reads_as_the_table_copied_with_bars():
    """`| a | b |` over `| --- | --- |` (a table pasted from an editor or a chat tool): the separator
    says it is Markdown, so the leading `|` is no empty first cell."""
    doc = _read(MARKDOWN)
    plain = _read(MARKDOWN.replace("| --- | :--- | ---: |\n", "").replace("\n| ", "\n"))
    assert [(r.responsible_units, r.items[0].text) for r in doc.rows] == [
        (["局政法科"], "加强执法信息公开。"),
        (["局办公室"], "做好政策解读。"),
    ]
    assert [(r.id, r.responsible_units) for r in doc.rows] == [(r.id, r.responsible_units) for r in plain.rows]
    assert not any(n.kind == "glosses_removed" for n in doc.notes)  # no pinyin was removed: none was there
