"""The benchmark harness runs (its smoke mode: every path at the smallest sizes) so that it
cannot rot. Timing budgets are judged in benchmarks/, not here: this test checks every budget
line is produced."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import ROOT


def test_the_benchmarks_print_every_budget():
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    lines = [ln for ln in out.stdout.splitlines() if re.search(r"\s(ok|MISS|SKIP)\s", ln + " ")]
    names = " ".join(lines)
    for budget in (
        "冷启动:各区县政府",
        "冷启动:300 条清单",
        "搜索按键:中位数",
        "状态切换:中位数",
        "筛选切换:中位数",
        "单位切换:中位数",
        "内存峰值",
        "build-db:2021",
        "build-db:2021 年任务分工 .docx",
        "build-db:2 倍",
        "导出 300 行任务清单",
        "导入 3 个工作簿",
        "导入 3 个改过的工作簿",
        "恶意工作簿:最慢",
        "恶意工作簿:内存峰值",
        "恶意任务分工文件:最慢",
        "恶意任务分工文件:内存峰值",
        "冷启动:3 份文件各 300 条",
        "list:3 份文件各 300 条",
        "牵头检查显示:中位数",
        "读 30 页 PDF 任务分工(build-db):耗时",
        "读 30 页 PDF 任务分工(build-db):内存峰值",
        "load --as-table:2021",
        "数据库正忙:done 放弃等待",
        "数据库正忙:restore 放弃等待",
        "数据库正忙:backup 放弃等待",
        "印发 10 个条目的任务分工(Word)",
        "分解汇总:3 个下级单位×10 个条目",
    ):
        assert budget in names, budget
    assert len(lines) == 35  # 3 cold starts, list, 4 interactions × (median, worst), review, 5 workbook,
    # 2 hostile workbooks, 2 hostile documents, 3 busy waits, memory, 4 builds, PDF time and memory, --as-table,
    # the Word 任务分工 and the roll-up
    for action in ("搜索按键", "状态切换", "筛选切换", "单位切换", "牵头检查显示"):  # measured, not skipped
        assert not any(action in ln and " SKIP " in ln for ln in lines), action


def test_each_line_is_the_median_run_with_every_run_shown():
    from benchmarks.__main__ import median_of_runs
    from benchmarks.measure import Result

    runs = [
        [Result("冷启动", v, "×", 1.25, f"应用 {v}"), Result("内存", 0, "MB", 120, skipped="无")]
        for v in (1.30, 1.10, 1.20)
    ]
    cold, memory = median_of_runs(runs)
    assert (cold.value, cold.verdict) == (1.20, "ok")
    assert cold.detail == "应用 1.2(各次:1.30 / 1.10 / 1.20)"
    assert memory.skipped == "无"
    assert median_of_runs(runs[:1])[0].detail == "应用 1.3"
    # a run that could measure an action once less (one line instead of two) shifts nothing
    gappy = [
        [Result("筛选:中位数", 12, "ms", 40), Result("筛选:最慢", 40, "ms", 100), Result("内存", 110, "MB", 120)],
        [Result("筛选:中位数", 0, "ms", 40, skipped="没有测到重绘"), Result("内存", 111, "MB", 120)],
        [Result("筛选:中位数", 14, "ms", 40), Result("筛选:最慢", 44, "ms", 100), Result("内存", 112, "MB", 120)],
    ]
    median, worst, memory = median_of_runs(gappy)
    assert (median.name, median.value) == ("筛选:中位数", 14)
    assert (worst.name, worst.value) == ("筛选:最慢", 44) and (memory.name, memory.value) == ("内存", 111)
