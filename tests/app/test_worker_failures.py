"""One path for a worker's failure (issue #24 item 2, tui/app/background.py): an expected
failure reads as the Chinese text the CLI shows for it, an unexpected one writes a crash
report and says where, and the flow shows the text where it shows its result."""

from __future__ import annotations

import errno

from tui import crash
from tui.app.background import failure_text, worker_failures
from tui.store.errors import StoreError


def test_an_expected_failure_reads_as_the_clis_text():
    assert failure_text(StoreError("数据库正忙:请稍后再试"), "导出") == "数据库正忙:请稍后再试"
    text = failure_text(OSError(errno.EACCES, "Permission denied", "/tmp/x.xlsx"), "导出")
    assert text.startswith("文件操作失败:没有权限(/tmp/x.xlsx)") and "Permission" not in text


def test_an_unexpected_failure_is_reported_and_said(tmp_path, monkeypatch):
    monkeypatch.setattr(crash, "log_dir", lambda: tmp_path / "logs")
    shown: list[str] = []
    with worker_failures(shown.append, "导出"):
        {}["没有这一项"]
    [text] = shown
    [report] = (tmp_path / "logs").glob("crash-*.log")
    assert text.startswith("导出时遇到意外错误(KeyError),导出未完成,已保存的修改不受影响;错误报告:")
    assert str(report) in text and "Traceback" in report.read_text(encoding="utf-8")


def test_the_way_out_follows_a_document_that_cannot_be_read(tmp_path, monkeypatch):
    from tui.source.errors import ParseError

    monkeypatch.setattr(crash, "log_dir", lambda: tmp_path / "logs")
    assert failure_text(ParseError(3, "找不到表头"), "读取", "出路:在此载入").endswith("\n出路:在此载入")
    assert failure_text(ValueError("bug"), "读取", "出路:在此载入").endswith("\n出路:在此载入")


def test_nothing_is_shown_when_the_work_succeeds():
    shown: list[str] = []
    with worker_failures(shown.append, "导出"):
        pass
    assert shown == []
