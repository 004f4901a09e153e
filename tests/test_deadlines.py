"""Deadlines as offices write them: explicit with or without a year, month ends, seasons,
the next year; relative and recurring phrases kept as text; what looks like a date but
cannot be read is reported, never dropped in silence."""

from __future__ import annotations

import pytest

from tui.source.dates import read_deadlines

YEAR = 2026


@pytest.mark.parametrize(
    "text,deadline",
    [
        ("于2026年6月底前完成", "2026-06-30"),
        ("2026年5月31日前报送", "2026-05-31"),
        ("2026年底前", "2026-12-31"),
        ("2026年年底前", "2026-12-31"),
        ("2025年6月前", "2025-05-31"),  # before June starts
        ("6月30日前完成", "2026-06-30"),
        ("9月底前", "2026-09-30"),
        ("12月20日前", "2026-12-20"),
        ("２０２６年６月３０日前", "2026-06-30"),  # full-width digits
        ("次年1月15日前报送", "2027-01-15"),
        ("于次年1月底前", "2027-01-31"),
        ("年底前完成", "2026-12-31"),
        ("年内完成", "2026-12-31"),
        ("上半年", "2026-06-30"),
        ("下半年完成", "2026-12-31"),
        ("第三季度", "2026-09-30"),
        ("三季度完成", "2026-09-30"),
        ("一季度末前", "2026-03-31"),
        ("第四季度", "2026-12-31"),
        ("6月中旬前", "2026-06-20"),
        ("2026年6月30日以前", "2026-06-30"),
        ("2026年6月30日前完成", "2026-06-30"),
        ("8月底前公开,10月底前评估", "2026-10-31"),  # two steps: done at the later
        ("2月29日前", None),  # 2026 has no 29 February: reported below
    ],
)
def test_explicit_deadlines(text, deadline):
    assert read_deadlines(text, YEAR)[0] == deadline


@pytest.mark.parametrize(
    "text,relative",
    [
        ("收到申请后5个工作日内答复", "5个工作日内"),
        ("10日内", "10日内"),
        ("3个月内", "3个月内"),
        ("半年内", "半年内"),
        ("每月更新", "每月"),
        ("每季度公开", "每季度"),
        ("每半年", "每半年"),
        ("每年开展1次检查,5个工作日内回复", "每年;5个工作日内"),
        ("长期坚持", "长期坚持"),
        ("持续推进", "持续推进"),
    ],
)
def test_relative_phrases_are_kept_as_text(text, relative):
    deadline, found, doubtful = read_deadlines(text, YEAR)
    assert (deadline, found, doubtful) == (None, relative, [])


@pytest.mark.parametrize("text", ["2月30日前", "13月底前", "6月份上旬末前完成"])
def test_a_date_like_phrase_that_cannot_be_read_is_reported(text):
    deadline, _, doubtful = read_deadlines(text, YEAR)
    assert deadline is None and doubtful


@pytest.mark.parametrize(
    "text", ["全年不少于4次", "编制2026年度报告", "2021年5月16日印发", "落实“十四五”规划", "每年至少开展1次培训"]
)
def test_mentions_of_years_are_not_deadlines(text):
    assert read_deadlines(text, YEAR)[0] is None
    assert read_deadlines(text, YEAR)[2] == []


def test_without_a_year_to_go_by_a_yearless_date_is_reported_not_guessed():
    deadline, _, doubtful = read_deadlines("6月30日前完成", None)
    assert deadline is None
    assert doubtful == ["6月30日前完成"]


def test_an_unreadable_deadline_becomes_a_build_warning(tmp_path):
    from tui.source import parse_document

    text = (
        "\n\n".join(
            [
                "重庆市人民政府办公厅关于印发测试任务分工的通知",
                "渝府办发〔2026〕3号",
                "重庆市人民政府办公厅",
                "2026年3月1日",
                "2026年政务公开工作要点任务分工",
                "工作任务",
                "牵头单位",
                "责任单位",
                "一、深化政务公开",
                "（一）做好规划公开。",
                "公开规划信息，2月30日前完成。",
                "市发展改革委",
                "各区县政府",
            ]
        )
        + "\n"
    )
    doc = parse_document(text)
    warnings = [n for n in doc.notes if n.severity == "warning"]
    assert len(warnings) == 1 and "2月30日前" in warnings[0].message
    assert warnings[0].origin.line == text.splitlines().index("公开规划信息，2月30日前完成。") + 1
    assert doc.rows[0].items[0].deadline is None


@pytest.mark.parametrize(
    "text,relative",
    [
        ("每年底前完成", "每年底前完成"),
        ("每年12月底前", "每年12月底前"),
        ("于每年1月31日前在政府网站公开", "每年1月31日前"),
        ("每年的6月30日前报送", "每年的6月30日前"),
        ("每季度末", "每季度末"),
    ],
)
def test_a_recurring_deadline_is_one_relative_phrase_never_this_years_date(text, relative):
    """每年12月底前 recurs: not 2026-12-31, and not a date-like phrase left unread."""
    assert read_deadlines(text, YEAR) == (None, relative, [])


@pytest.mark.parametrize("text", ["去年底", "上年底前", "上一年底前", "前年底", "去年12月底前", "上年12月31日前完成"])
def test_a_past_years_date_is_reported_never_this_years(text):
    """去年底, 上年底: a year before the document's; not its 12-31 — a warning names the phrase."""
    assert read_deadlines(text, YEAR) == (None, None, [text])


@pytest.mark.parametrize("text", ["上年度工作总结", "上半年底前"])
def test_words_that_start_like_a_past_year_are_not_one(text):
    assert read_deadlines(text, YEAR)[2] == []


@pytest.mark.parametrize(
    "text,deadline",
    [
        ("次年底前", "2027-12-31"),
        ("明年年底前完成", "2027-12-31"),
        ("6月上旬前", "2026-06-10"),
        ("6月下旬前", "2026-06-30"),
        ("2月下旬", "2026-02-28"),
    ],
)
def test_year_ends_of_the_next_year_and_thirds_of_a_month(text, deadline):
    assert read_deadlines(text, YEAR)[0] == deadline


@pytest.mark.parametrize("text", ["次年底前", "年底前", "年内", "次年1月15日前"])
def test_without_the_documents_year_a_relative_year_is_reported(text):
    assert read_deadlines(text, None) == (None, None, [text])


def test_an_unreadable_date_does_not_hide_the_deadlines_after_it():
    assert read_deadlines("2月30日前上报,6月30日前完成", YEAR) == ("2026-06-30", None, ["2月30日前"])
    assert read_deadlines("每年的6月30日前报送年报,9月底前完成整改", YEAR) == ("2026-09-30", "每年的6月30日前", [])


@pytest.mark.parametrize("text,doubtful", [("6月份上旬末前完成", "6月份上旬末前"), ("13月底前", "13月底前")])
def test_the_reported_phrase_is_the_one_written(text, doubtful):
    assert read_deadlines(text, YEAR) == (None, None, [doubtful])


def test_a_date_whose_year_and_month_marks_were_lost_is_doubtful_not_dropped():
    """`2020630日前` (2020年6月30日前 after a copy lost 年 and 月): said, never read as another date."""
    assert read_deadlines("2020630日前,完成自查整改。", YEAR) == (None, None, ["2020630日前"])
    assert read_deadlines("本月30日前完成", YEAR)[2] == []  # a day of its own is no damaged date
