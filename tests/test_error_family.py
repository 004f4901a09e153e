"""One error family and one map (issue #24 item 1): every failure a user caused or can fix is
a GongkaiError, and `user_message` is the one place its Chinese text is decided, used by
the CLI, the app's load dialog and the start-up; anything else is None (a crash report)."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from tui.datetext import DateTextError
from tui.errors import WAY_OUT, GongkaiError, user_message
from tui.settings import SettingsError
from tui.source.errors import ParseError
from tui.store.errors import Conflict, InputError, StoreError
from tui.units import UnknownUnit
from tui.units.catalogue_file import CatalogueError
from tui.web import WebError
from tui.workbook.sheet_data import WorkbookError


@pytest.mark.parametrize(
    "kind",
    [
        ParseError,
        StoreError,
        InputError,
        Conflict,
        UnknownUnit,
        CatalogueError,
        WorkbookError,
        SettingsError,
        WebError,
        DateTextError,
    ],
)
def test_every_expected_failure_is_one_of_the_family(kind):
    assert issubclass(kind, GongkaiError)


def test_the_one_map_says_each_in_chinese():
    assert user_message(StoreError("数据库已损坏")) == "数据库已损坏"
    assert user_message(ParseError(12, "找不到表头")) == f"第 12 行: 找不到表头\n{WAY_OUT}"
    assert user_message(ParseError(3, "x"), "出路:在此载入").endswith("\n出路:在此载入")
    assert user_message(sqlite3.OperationalError("database is locked")).startswith("数据库错误,未写入任何更改:")
    full = user_message(OSError(errno.ENOSPC, "No space left on device", "/tmp/清单.xlsx"))
    assert full.startswith("文件操作失败:磁盘已满(/tmp/清单.xlsx)") and "腾出磁盘空间" in full
    assert "No space" not in full


@pytest.mark.parametrize("bug", [KeyError("x"), TypeError("y"), ValueError("z"), BrokenPipeError()])
def test_anything_else_is_a_bug_for_the_crash_report(bug):
    assert user_message(bug) is None
