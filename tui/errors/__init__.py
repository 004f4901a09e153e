"""The project's exception family and the one map from an exception to what a user reads.

Every failure a user caused or can fix is a `GongkaiError` (its message is Chinese, names
the file, line or cell where known, and says what to do): a document that cannot be read
(`source.ParseError`), a database that cannot be used (`store.StoreError`), a refused input
(`store.InputError`), a unit nobody knows (`units.UnknownUnit`), a workbook that cannot be
imported (`workbook.WorkbookError`), a settings file, a unit catalogue, a typed date, the
browser mode. `user_message(e)` is what the CLI, the app, the browser mode and the start-up
show for it; for anything else (a bug) it returns None and the caller writes a crash
report (tui/crash.py). This package imports nothing of ours at import time, so every layer
may use it (their classes derive from `family.GongkaiError`)."""

from __future__ import annotations

from .family import GongkaiError

__all__ = ["WAY_OUT", "GongkaiError", "user_message"]


# Every document can be made right without editing text files: the breakdown table workbook.
WAY_OUT = (
    "出路:gongkai-tui load 文件 --as-table 读取结果.xlsx 写出读到的内容(读不出的文件写出原文逐行),"
    "在 WPS 或 Excel 中改正后用 gongkai-tui load 载入;也可用 gongkai-tui template 写出空白的任务分工表照原文填写。"
)


def user_message(e: BaseException, way_out: str = WAY_OUT) -> str | None:
    """What the user reads for `e` (without the `错误:` the CLI puts before it), or None
    when `e` is not an expected failure. A document that cannot be read ends with
    `way_out` (the table workbook, as said where the user is: the CLI or the app)."""
    import sqlite3

    from ..errors_text import error_text, os_error_advice

    if isinstance(e, GongkaiError):
        return f"{e}\n{way_out}" if e.way_out else str(e)
    if isinstance(e, sqlite3.Error):
        from ..store.errors import explain

        return f"数据库错误,未写入任何更改:{explain(e)}"
    if isinstance(e, OSError) and not isinstance(e, BrokenPipeError):
        return f"文件操作失败:{error_text(e)}{os_error_advice(e)}"
    return None
