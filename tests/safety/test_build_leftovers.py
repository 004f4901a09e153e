"""`build-db` (issue #21): a file over the size limit is reported with its real size, and the
temporary files of a build that was killed are removed by the next build, which says so."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from benchmarks import hostile_sources as hs
from tests.cli_helpers import invoke, ok
from tui import ooxml
from tui.store.build import build_database, read_source
from tui.store.errors import StoreError


def test_a_file_over_20_mb_is_reported_with_its_real_size(tmp_path):
    path = tmp_path / "大.docx"
    with path.open("wb") as f:
        f.truncate(100 * ooxml.MB)
    with pytest.raises(StoreError) as caught:
        read_source(path)
    assert str(caught.value) == f"源文件 {path} 有 100.0 MB,超过任务分工文件的上限 20 MB,未读取"


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_killed_builds_leftovers_are_removed_and_named_a_running_ones_kept(tmp_path):
    out = tmp_path / "out.sqlite"
    dead = _dead_pid()
    leftovers = [tmp_path / f".out.sqlite.build-{dead}", tmp_path / f".out.sqlite.build-{dead}-journal"]
    running = tmp_path / f".out.sqlite.build-{os.getppid()}"
    other = tmp_path / f".other.sqlite.build-{dead}"
    for path in (*leftovers, running, other):
        path.write_bytes(b"half a database")
    source = hs.write_html(tmp_path / "任务分工.html")
    result = ok(invoke("build-db", source, "-o", out))
    for path in leftovers:
        assert f"已删除上次中断的生成留下的临时文件 {path}" in result.stdout
        assert not path.exists()
    assert running.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, running.name, other.name, source.name])
    assert build_database(source, out).leftovers == []  # nothing left to remove the second time
