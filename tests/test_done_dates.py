"""完成时间 as people give it: one reader (tui/datetext.py) for the CLI's `--date` on `done`
and `status`, the app and a workbook cell; a date after today or before the document's
issue date (2021-05-16 for the test document) asks, and without a terminal needs --yes."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cli_helpers import assert_user_error, ok, runner
from tui.cli import dates as cli_dates
from tui.cli import app
from tui.datetext import ACCEPTED, DateTextError, date_value, doubts, from_serial, parse_date_text
from tui.store import Store

ITEM = "1.1.3-1"


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-30",
        "2026年11月30日",
        "2026.11.30",
        "2026/11/30",
        "2026-1-5",
        "２０２６－１１－３０",
        "２０２６年１１月３０日",
        "2026 年 11 月 30 日",
        " 2026/11/30 ",
    ],
)
def test_every_accepted_form_reads_as_the_day(text):
    expected = dt.date(2026, 1, 5) if text == "2026-1-5" else dt.date(2026, 11, 30)
    assert parse_date_text(text) == expected


@pytest.mark.parametrize("text", ["11/30", "2026-11", "30.11.2026", "2026-11/30", "2026-02-30", "明天", "46198", ""])
def test_anything_else_is_refused_naming_the_value_and_the_forms(text):
    with pytest.raises(DateTextError) as e:
        parse_date_text(text)
    assert f"「{text}」" in str(e.value)
    assert ACCEPTED in str(e.value)


def test_real_dates_and_serial_numbers():
    assert date_value(dt.datetime(2026, 6, 25, 14, 30)) == dt.date(2026, 6, 25)
    assert date_value(dt.date(2026, 6, 25)) == dt.date(2026, 6, 25)
    assert date_value(46198, date_format=True) == dt.date(2026, 6, 25)
    assert date_value(46198.5, date_format=True) == dt.date(2026, 6, 25)
    assert from_serial(1) == dt.date(1900, 1, 1)
    assert from_serial(59) == dt.date(1900, 2, 28)
    assert from_serial(61) == dt.date(1900, 3, 1)
    assert from_serial(44727, epoch_1904=True) == dt.date(2026, 6, 16)
    with pytest.raises(DateTextError, match="「46198」是数字,不是日期"):
        date_value(46198)


def test_doubts_name_today_and_the_issue_date():
    today = dt.date(2026, 12, 6)
    assert doubts(dt.date(2026, 12, 6), today, "2021-05-16") == []
    assert doubts(dt.date(2026, 12, 7), today, "2021-05-16") == ["晚于今天(2026-12-06)"]
    assert doubts(dt.date(2021, 5, 15), today, "2021-05-16") == ["早于任务分工的成文日期(2021-05-16)"]
    assert doubts(dt.date(2021, 5, 15), today, None) == []


# -- CLI -------------------------------------------------------------------------


def run(db, *args, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args] + ["--db", str(db)], input=input)


def done_date(db, item=ITEM):
    with Store(db, readonly=True) as store:
        e = store.entry("渝中区", item)
        return e.status, e.done_date


@pytest.mark.parametrize("text", ["2021-11-30", "2021年11月30日", "2021.11.30", "2021/11/30", "２０２１/１１/３０"])
def test_done_sets_the_date_in_every_form(work_db, text):
    result = ok(run(work_db, "done", ITEM, "--unit", "渝中区", "--date", text))
    assert result.stdout == f"{ITEM} 已完成,完成时间 2021-11-30(缺佐证)\n"
    assert done_date(work_db) == ("已完成", "2021-11-30")


def test_done_changes_the_date_of_an_item_done_already(work_db):
    ok(run(work_db, "done", ITEM, "--unit", "渝中区"))
    assert done_date(work_db) == ("已完成", dt.date.today().isoformat())
    ok(run(work_db, "done", ITEM, "--unit", "渝中区", "--date", "2021/9/1"))
    assert done_date(work_db) == ("已完成", "2021-09-01")
    ok(run(work_db, "done", ITEM, "--unit", "渝中区"))  # without --date the recorded date stays
    assert done_date(work_db) == ("已完成", "2021-09-01")


def test_status_sets_the_date_with_done_only(work_db):
    ok(run(work_db, "status", ITEM, "已完成", "--unit", "渝中区", "--date", "2021年10月8日"))
    assert done_date(work_db) == ("已完成", "2021-10-08")
    message = assert_user_error(
        run(work_db, "status", ITEM, "推进中", "--unit", "渝中区", "--date", "2021-10-08"), "--date", "已完成", "推进中"
    )
    assert "Usage" not in message
    assert done_date(work_db) == ("已完成", "2021-10-08")


@pytest.mark.parametrize("command", ["done", "status"])
def test_a_date_that_is_no_date_is_refused_and_nothing_written(work_db, command):
    args = ["status", ITEM, "已完成"] if command == "status" else ["done", ITEM]
    result = run(work_db, *args, "--unit", "渝中区", "--date", "11/30")
    assert_user_error(result, "完成时间「11/30」不是日期", ACCEPTED)
    assert done_date(work_db) == ("未开始", None)


@pytest.mark.parametrize("command", ["done", "status"])
@pytest.mark.parametrize(
    "when, why",
    [
        ((dt.date.today() + dt.timedelta(days=1)).isoformat(), "晚于今天"),
        ("2021-05-15", "早于任务分工的成文日期(2021-05-16)"),
    ],
)
def test_a_doubtful_date_without_a_terminal_needs_yes(work_db, command, when, why):
    args = ["status", ITEM, "已完成"] if command == "status" else ["done", ITEM]
    assert_user_error(run(work_db, *args, "--unit", "渝中区", "--date", when), f"完成时间 {when} {why}", "--yes")
    assert done_date(work_db) == ("未开始", None)
    ok(run(work_db, *args, "--unit", "渝中区", "--date", when, "--yes"))
    assert done_date(work_db) == ("已完成", when)


@pytest.mark.parametrize("answer, written", [("y\n", True), ("n\n", False)])
def test_a_doubtful_date_on_a_terminal_asks(work_db, monkeypatch, answer, written):
    monkeypatch.setattr(cli_dates, "on_terminal", lambda: True)
    result = run(work_db, "done", ITEM, "--unit", "渝中区", "--date", "2021-05-01", input=answer)
    assert "完成时间 2021-05-01 早于任务分工的成文日期(2021-05-16),确定吗?" in result.stderr
    if written:
        ok(result)
        assert done_date(work_db) == ("已完成", "2021-05-01")
    else:
        assert result.exit_code == 2
        assert result.stderr.endswith("错误:未确认完成时间,未写入\n")
        assert done_date(work_db) == ("未开始", None)
