"""`python -m benchmarks [--quick] [--runs N]`: every budget, one line each, ok or MISS.

Ratios are measured against a baseline in the same run; absolute times are for
reference only. Each line is the median of N full runs (3 unless --quick: issue #13
asks for the median of three full runs). `--quick` runs once at tiny sizes; `--smoke` once at
the smallest sizes that still take every path and print every line (the test that keeps the
harness from rotting runs it: its numbers judge nothing)."""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import shutil
import tempfile
import time
from pathlib import Path

from . import (
    busy_waits,
    cascade,
    coldstart,
    documents,
    hostile,
    hostile_sources,
    latency,
    memory,
    reading,
    reference,
    scaling,
    workbooks,
)
from .measure import Result, median, table
from .synthetic import make_database

ROOT = Path(__file__).resolve().parent.parent


def run(quick: bool, smoke: bool = False) -> list[Result]:
    quick = quick or smoke
    big_items = 300 if smoke else 2_000 if quick else 20_000
    repeats = 2 if smoke else 3 if quick else 20
    cold_repeats = 1 if quick else 11  # cold starts vary most: more runs for a stable median
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        small = tmp / "small.sqlite"
        shutil.copyfile(ROOT / "data" / "tasks.sqlite", small)
        big = make_database(tmp / "big.sqlite", seed=1, items=big_items)
        three = documents.three_documents(big, tmp, big_items)  # 2097, 2098 and 2099, each big_items

        # 1. cold start
        why = coldstart.available()
        for name, db, unit, marker, budget in (
            ("冷启动:各区县政府(对比空 Textual 应用)", small, "各区县政府", "1.1.3-1", 1.25),
            (f"冷启动:{big_items} 条清单(对比空 Textual 应用)", big, "渝中区", "1.1.1-1", 1.4),
            (f"冷启动:3 份文件各 {big_items} 条(对比空 Textual 应用)", three, "渝中区", "1.1.1-1", 1.4),
        ):
            if why:
                results.append(Result(name, 0, "×", budget, skipped=why))
                continue
            app_s, base_s = coldstart.compare(db, unit, marker, cold_repeats)
            results.append(
                Result(name, app_s / base_s, "×", budget, f"应用 {app_s * 1000:.0f} ms,基线 {base_s * 1000:.0f} ms")
            )

        if not quick and not why:  # a Textual app users know, for reference (needs PyPI once)
            dooit = reference.compare(cold_repeats)
            if isinstance(dooit, str):
                results.append(
                    Result("参考:dooit 冷启动(对比空 Textual 应用)", 0, "×", 0, skipped=dooit, reference=True)
                )
            else:
                results.append(
                    Result(
                        "参考:dooit 冷启动(对比空 Textual 应用)",
                        dooit[0] / dooit[1],
                        "×",
                        0,
                        f"dooit {dooit[0] * 1000:.0f} ms,基线 {dooit[1] * 1000:.0f} ms",
                        reference=True,
                    )
                )

        # 1b. list on the newest of three documents, against the one document alone
        list_runs = 1 if smoke else 3 if quick else 7
        one_s = documents.list_seconds(big, "渝中区", list_runs)
        three_s = documents.list_seconds(three, "渝中区", list_runs)
        results.append(
            Result(
                f"list:3 份文件各 {big_items} 条(对比只有 1 份)",
                three_s / one_s,
                "×",
                1.2,
                f"3 份 {three_s * 1000:.0f} ms,1 份 {one_s * 1000:.0f} ms",
            )
        )

        # 2. interaction latency
        measured = latency.measure(big, "渝中区", repeats)
        fully = measured.pop("单位切换(全部载入)")
        for action, samples in measured.items():
            if not samples:
                results.append(Result(f"{action}:中位数", 0, "ms", 50, skipped="没有测到重绘"))
                continue
            results.append(Result(f"{action}:中位数({big_items} 条)", median(samples), "ms", 40, f"{len(samples)} 次"))
            results.append(
                Result(
                    f"{action}:最慢({big_items} 条)",
                    max(samples),
                    "ms",
                    100,
                    f"全部条目载入中位数 {median(fully):.0f} ms" if action == "单位切换" and fully else "",
                )
            )

        # 2b. the lead unit's review (L): rows led by one department, each with 各区县政府's members
        shown, rows, units = latency.review(big, "市发展改革委", list_runs)
        results.append(
            Result(
                f"牵头检查显示:中位数({big_items} 条)",
                median(shown),
                "ms",
                300,
                f"{rows} 行任务,{units} 个责任单位,{len(shown)} 次",
            )
        )

        # 3. workbooks
        ours, plain, lines = workbooks.export_vs_plain(big, "渝中区", tmp)
        results.append(
            Result(
                f"导出 {lines} 行任务清单(对比无样式 openpyxl)",
                ours / plain,
                "×",
                1.3,
                f"导出 {ours:.2f} s,openpyxl {plain:.2f} s",
            )
        )
        results.append(Result(f"导出 {lines} 行任务清单:耗时", ours, "s", 3.0 if not quick else 3.0 * lines / 20_000))
        files = 3 if smoke else 10 if quick else 100
        ours, plain = workbooks.import_vs_plain(files, 150, tmp, small)
        results.append(
            Result(
                f"导入 {files} 个工作簿×150 行(对比 openpyxl 读取)",
                ours / plain,
                "×",
                2.0,
                f"导入 {ours:.2f} s,openpyxl {plain:.2f} s",
            )
        )
        results.append(Result(f"导入 {files} 个工作簿×150 行:耗时", ours, "s", 10.0 * files / 100))
        ours, plain, listed = workbooks.import_edited_vs_plain(files, tmp, small)
        results.append(
            Result(
                f"导入 {files} 个改过的工作簿(删行、插列、改单元格,对比 openpyxl 读取)",
                ours / plain,
                "×",
                1.5,
                f"导入 {ours:.2f} s,openpyxl {plain:.2f} s,列出未导入 {listed} 处",
            )
        )

        results += hostile.results(tmp, small, quick, smoke)  # refused fast and small, every hostile workbook
        results += hostile_sources.results(tmp, quick, smoke)  # and every hostile 任务分工 document (build-db)
        results += busy_waits.results(tmp, small)  # done, restore, backup give up on a held database
        results += reading.results(tmp, quick, smoke)  # a 30-page PDF breakdown, --as-table of 2021
        results += cascade.results(tmp, quick, smoke)  # the Word 任务分工 of 200 items, the roll-up of 50 × 200

        # 4. memory
        rss = memory.peak_rss_mb(big, "渝中区")
        results.append(Result(f"内存峰值({big_items} 条)", rss, "MB", 120))

        # 5. scaling
        build_runs = 1 if smoke else 3
        small_s = scaling.time_build(scaling.SOURCE, build_runs)
        results.append(Result("build-db:2021 年任务分工", small_s, "s", 1.0))
        docx_s = scaling.time_build(scaling.docx_source(tmp), build_runs)
        results.append(
            Result("build-db:2021 年任务分工 .docx(对比 .txt)", docx_s / small_s, "×", 4.0, f"{docx_s:.2f} s")
        )
        results.append(Result("build-db:2021 年任务分工 .docx:耗时", docx_s, "s", 1.0))
        factor = 2 if smoke else 5 if quick else 50
        big_src = scaling.scaled_source(tmp, factor)
        big_s = scaling.time_build(big_src, 1 if quick else 2)
        results.append(
            Result(f"build-db:{factor} 倍大小的文档(对比 2021)", big_s / small_s, "×", factor * 1.2, f"{big_s:.2f} s")
        )
    return results


def median_of_runs(runs: list[list[Result]]) -> list[Result]:
    """Line by line, the run whose value is the median (its detail kept), with every run's value."""
    combined = []
    by_name: dict[str, list[Result]] = {}
    for run in runs:  # by name: a line one run could not measure must not shift the others
        for r in run:
            by_name.setdefault(r.name, []).append(r)
    for lines in by_name.values():
        measured = sorted((r for r in lines if not r.skipped), key=lambda r: r.value)
        if not measured:
            combined.append(lines[0])
            continue
        mid = measured[len(measured) // 2]
        if len(lines) > 1:
            values = " / ".join("-" if r.skipped else f"{r.value:.2f}" for r in lines)
            mid = Result(
                mid.name,
                mid.value,
                mid.unit,
                mid.budget,
                f"{mid.detail}(各次:{values})".lstrip(),
                reference=mid.reference,
            )
        combined.append(mid)
    return combined


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, under a minute")
    parser.add_argument("--smoke", action="store_true", help="the smallest sizes: every line printed, nothing judged")
    parser.add_argument("--runs", type=int, default=None, help="full runs to take the median of (3; --quick: 1)")
    args = parser.parse_args()
    runs = args.runs or (1 if args.quick or args.smoke else 3)
    start = time.perf_counter()
    results = median_of_runs([run(args.quick, args.smoke) for _ in range(runs)])
    mode = "(smoke)" if args.smoke else "(quick)" if args.quick else ""
    print(f"# gongkai-tui benchmarks {mode}· 取 {runs} 次完整运行的中位数")
    print(
        f"# {dt.datetime.now().isoformat(timespec='seconds')} · {platform.platform()} · "
        f"Python {platform.python_version()} · {time.perf_counter() - start:.0f} s"
    )
    print(table(results))


if __name__ == "__main__":
    main()
