"""A table copied with full-width bars (`｜`, typed by an input method or written by a converter)
reads as the same table copied with `|`; a lone `｜` changes nothing; a site's menu line copied with
the page (`首页 | 机构概况 | …`, either bar) is no row of any table (before, it was read as the first
row of a table copied with `|` and the document refused); a table framed in bars, every line opening
with `|`, reads as the table without its frame."""

from __future__ import annotations

import re

import pytest

from tui.source import read_document
from tui.source.readers.page import fullwidth_bars, markdown_rows, without_menus

HEAD = "某局2026年政务公开工作任务清单\n"
ROWS = """工作任务 | 具体要求 | 责任科室 | 完成时限 |
一、做好财政信息公开。 | 1.公开本局预算、决算。 | 财务科 | 6月底前 |
二、做好网站信息公开。 | 2.及时更新网站概况信息。 | 办公室 | 长期坚持 |
3.及时反馈网民意见。 | 各科室 | 持续推进 | |
4.及时更新公众号。 | 办公室牵头,各科室配合 | 长期坚持 | |
"""
PROSE = """某区2026年政务公开工作要点任务分工
一、做好政策解读
(一)加强解读。做好重大政策解读。(牵头单位:区政府办公室;责任单位:区级各部门;完成时限:长期坚持)
(二)回应关切。及时回应社会关切。(责任单位:各镇街;完成时限:2026年6月底前)
"""
CELLS = [
    "工作任务",
    "责任科室",
    "完成时限",
    "1.公开本局预算、决算。",
    "财务科",
    "6月底前",
    "2.更新网站。",
    "办公室",
    "长期坚持",
]
CELL_LINES = HEAD + "".join(f"{c} |\n" for c in CELLS)  # a table copied one cell a line
MENUS = ["首页｜机构概况｜政务公开｜政务服务｜互动交流\n", "首页 | 机构概况 | 政务公开 | 互动交流\n"]
FOOTER_MENU = "网站地图|联系我们|使用帮助\n"


def read(text: str):
    return read_document(text.encode("utf-8"), "清单.txt", year=2026)


def dump(doc):
    return [
        (r.id, r.lead_units, r.responsible_units, r.cooperating_units, [i.text for i in r.items], r.deadline_text)
        for r in doc.rows
    ]


@pytest.mark.parametrize("spaced", [True, False])
def test_full_width_bars_read_as_bars(spaced):
    half = HEAD + ROWS
    full = re.sub(r" ?\| ?", " ｜ " if spaced else "｜", half)
    assert "|" not in full
    assert dump(read(full)) == dump(read(half))
    assert len(read(full).rows) == 4


@pytest.mark.parametrize("menu", MENUS)
@pytest.mark.parametrize("body", [PROSE, HEAD + ROWS, re.sub(r" ?\| ?", "｜", HEAD + ROWS)])
def test_a_sites_menu_lines_change_nothing(menu, body):
    assert dump(read(menu + body + FOOTER_MENU)) == dump(read(body))
    assert len(read(body).rows) in (2, 4)


def test_a_table_a_cell_a_line_with_full_width_bars():
    full = CELL_LINES.replace(" |", "｜")
    assert dump(read(full)) == dump(read(CELL_LINES))
    assert [r.responsible_units for r in read(full).rows] == [["财务科"], ["办公室"]]


@pytest.mark.parametrize("plain", [HEAD + ROWS, CELL_LINES], ids=["a row a line", "a cell a line"])
def test_a_table_framed_in_bars_reads_as_the_table_copied_with_bars(plain):
    """Every line, the header's too, opening with `|` (a frame, as some editors paste a table) is
    Markdown without its separator row: no line's first cell is empty."""
    framed = "\n".join("| " + line if "|" in line else line for line in plain.split("\n"))
    assert dump(read(framed)) == dump(read(plain))
    assert len(read(plain).rows) in (2, 4)


def test_a_row_opening_with_a_bar_under_a_header_that_does_not_keeps_its_empty_first_cell():
    """In a web copy `| 2.… | 局办公室 |` under `工作任务 | 责任科室 |` is a row whose first cell was
    merged above and printed empty: no frame, left as it is."""
    lines = ["工作任务 | 责任科室 |", "| 2.做好解读。 | 局办公室 |"]
    assert markdown_rows(lines) == lines


def test_a_header_row_is_no_menu():
    assert without_menus(["序号 | 工作任务 | 责任单位 | 完成时限 |", "首页 | 政务公开"]) == [
        "序号 | 工作任务 | 责任单位 | 完成时限 |",
        "",
    ]


def test_only_a_text_of_two_barred_lines_or_more_without_any_bar_is_changed():
    assert fullwidth_bars(["标题｜副题", "a｜b｜c"]) == ["标题｜副题", "a｜b｜c"]  # one line of two bars
    assert fullwidth_bars(["a｜b｜c", "d｜e｜f"]) == ["a|b|c", "d|e|f"]
    assert fullwidth_bars(["工作任务｜", "责任科室｜"]) == ["工作任务|", "责任科室|"]  # a cell a line
    assert fullwidth_bars(["a｜b｜c", "d｜e｜f", "g | h"]) == ["a｜b｜c", "d｜e｜f", "g | h"]  # a | already
