"""`load FILE --as-table OUT` and the app's 写出核对表: what was read from any document,
written as the breakdown table workbook (each judgement in 说明 beside its row); nothing
is loaded. A file that exists is never overwritten: the next free name is taken."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .breakdown_workbook import write_as_table
from .files import unused_path

SUFFIX = "-读取结果.xlsx"


def default_out(source: Path) -> Path:
    """Where the app writes it when not told: `<源文件名>-读取结果.xlsx` beside the source."""
    return source.with_name(source.stem + SUFFIX)


def write_read_table(source: Path, out: Path, catalogue: Path | None = None, year: int | None = None):
    """Read `source` (its year not needed: the table has a cell for it) and write what was
    read to `out`, or the next free name beside it. Returns (the path written, the build report)."""
    from ..store.build import read_and_plan
    from .recognise import refuse_exported_checklist

    refuse_exported_checklist(source)  # an exported 任务清单 goes back with import
    _, report = read_and_plan(source, catalogue, strict=False, year=year, need_year=False)
    target = unused_path(out)
    write_as_table(target, replace(report.document, notes=report.notes))
    return target, report
