"""Repairs of dates that lost 年 or 月 in copying (`tui.source.dates.repair_dates`): each
reading is the one a person would make, an ambiguous one says so, and digits that make no
date are left as written."""

from __future__ import annotations

import pytest

from tui.source.dates import repair_dates


@pytest.mark.parametrize(
    "text,after",
    [
        ("20216月底前", "2021年6月底前"),
        ("2021105日前", "2021年10月5日前"),  # not 1月05日: a day never starts with 0
        ("2021年1231日前", "2021年12月31日前"),  # December is a month
        ("2021年131日前", "2021年1月31日前"),  # 13月1日 is not
        ("2021年101日前", "2021年10月1日前"),  # the first of a month is a day
    ],
)
def test_one_reading_is_repaired_without_a_note(text, after):
    repaired, repairs = repair_dates(text)
    assert repaired == after
    assert [note for _, _, note in repairs] == [""]


def test_an_ambiguous_reading_takes_the_one_digit_month_and_says_so():
    assert repair_dates("2021年115日前") == (
        "2021年1月15日前",
        [("2021年115日", "2021年1月15日", "有歧义,按1月15日处理(也可读作11月5日)")],
    )


@pytest.mark.parametrize("text", ["2021年0115日前", "2021年3299日前", "2021年000日"])
def test_digits_that_make_no_date_are_left_as_written(text):
    """A month never starts with 0 (0115 is not 1月15日 nor 11月5日)."""
    assert repair_dates(text) == (text, [])
