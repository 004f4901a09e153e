"""A row that names more than one date: the item is done at the latest, the others are its steps,
said (issue #22; holdout 7's guizhou task 5 and huizhou row 2). A date without a year after one
with a year is in that year, as a reader takes it (`2020年8月底前…;12月底前…`), unless that would
put it before the first."""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.source import read_document
from tui.source.dates import deadline_dates, read_deadlines
from tui.source.items import build_items
from tui.source.table import Origin


def read(text: str, year: int | None = None):
    return read_document(text.encode("utf-8"), "要点.txt", year=year)


PROSE = """某县2020年政务公开工作要点
一、推进政务公开标准化
1.2020年8月底前,县级政府要完成本级政府政务公开标准规范清单编制;12月底前,要指导督促所辖部门及乡镇完成清单编制。(责任单位:县政府办公室)
2.做好规章集中公开。(责任单位:县司法局;完成时限:2020年6月底前)
"""


def test_two_dated_steps_in_a_task_make_the_later_its_deadline_and_the_first_a_step_said():
    doc = read(PROSE)
    assert [r.items[0].deadline for r in doc.rows] == ["2020-12-31", "2020-06-30"]
    said = [n for n in doc.notes if n.kind == "deadline_steps"]
    assert len(said) == 1 and said[0].severity == "info"
    assert "2020-08-31、2020-12-31" in said[0].message and "取 2020-12-31 为完成时限" in said[0].message
    assert not [n for n in doc.notes if n.kind == "date_unread"]  # `12月底前` read, in the year before it


def test_a_step_without_a_year_is_in_the_year_of_the_step_before_it_not_the_documents():
    found, _, doubtful = deadline_dates("2020年8月底前完成编制;12月底前完成指导。", 2021)
    assert found == [dt.date(2020, 8, 31), dt.date(2020, 12, 31)] and not doubtful


def test_a_step_that_would_fall_before_the_one_before_it_keeps_the_documents_year():
    found, _, _ = deadline_dates("2021年9月底前完成部署;3月底前完成摸底。", 2021)
    assert found == [dt.date(2021, 3, 31), dt.date(2021, 9, 30)]
    assert read_deadlines("2021年9月底前完成部署;3月底前完成摸底。", 2021)[0] == "2021-09-30"


CELLS = """2026年某市政务公开工作要点任务分工
序号\t工作任务\t责任单位\t完成时限
1\t市直各单位要依托平台,2026年11月底前建成本部门规范性文件库。\t市司法局\t2026年底前
2\t2026年底前全面完成系统整合,逐步推进数据共享。\t市大数据局\t2026年6月底前
"""


def test_in_a_row_of_one_item_the_deadline_cell_counts_and_a_later_date_in_its_text_is_warned():
    doc = read(CELLS, 2026)
    assert [r.items[0].deadline for r in doc.rows] == ["2026-12-31", "2026-06-30"]
    said = {n.message.split(" ")[1]: n for n in doc.notes if n.kind == "deadline_steps"}
    assert said["1-1"].severity == "info"  # the text's date before the cell's: a step
    assert said["2-1"].severity == "warning" and "2026-12-31 晚于完成时限栏的「2026年6月底前」" in said["2-1"].message


SEVERAL_ITEMS = "1.公开预算信息,8月底前完成。\n2.公开决算信息。"


def test_in_a_row_of_several_items_an_items_own_date_is_its_deadline_the_cell_the_others():
    paras = [(line, Origin(line=n)) for n, line in enumerate(SEVERAL_ITEMS.splitlines(), 3)]
    items, _, notes = build_items("1", paras, 2026, "2026年6月底前", Origin(line=3))
    assert [(i.label, i.deadline) for i in items] == [("1", "2026-08-31"), ("2", "2026-06-30")]
    assert not [n for n in notes if n.kind == "deadline_steps"]


def test_one_date_in_text_and_cell_alike_is_no_step():
    doc = read(CELLS.replace("2026年11月底前", "2026年底前").replace("2026年6月底前", "2026年底前"), 2026)
    assert not [n for n in doc.notes if n.kind == "deadline_steps"]


MONTHS = st.integers(min_value=1, max_value=12)


@settings(max_examples=60, deadline=None)
@given(year=st.integers(min_value=2016, max_value=2030), first=MONTHS, second=MONTHS)
def test_a_task_of_two_month_steps_is_due_at_the_later_and_says_both(year, first, second):
    text = (
        f"某县{year}年政务公开工作要点\n一、推进标准化\n"
        f"1.{year}年{first}月底前,完成清单编制;{second}月底前,指导所辖部门完成编制。(责任单位:县政府办公室)\n"
    )
    doc = read(text, year)
    ends = {dt.date(year, m, calendar.monthrange(year, m)[1]) for m in (first, second)}
    assert doc.rows[0].items[0].deadline == max(ends).isoformat()
    said = [n for n in doc.notes if n.kind == "deadline_steps"]
    if len(ends) == 1:
        assert not said
    else:
        assert len(said) == 1 and all(d.isoformat() in said[0].message for d in ends)


MONTH_FIELD = """某区2026年政务公开工作要点
一、推进决策公开
1.2026年10月召开政务公开工作会议。(区政府办公室负责落实)
2.做好规划公开。(区发展改革委负责落实,完成时限:2026年10月)
3.做好预算公开。(区财政局负责落实,完成时限:2026年13月)
"""


def test_a_deadline_field_that_is_a_month_is_done_by_its_end_a_month_in_a_text_is_no_limit():
    doc = read(MONTH_FIELD, 2026)
    assert [r.items[0].deadline for r in doc.rows] == [None, "2026-10-31", None]
    assert [n.message for n in doc.notes if n.kind == "date_unread"] == ["行 1.3 的完成时限「2026年13月」无法读出日期"]
