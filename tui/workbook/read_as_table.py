"""`load FILE --as-table OUT` and the app's 写出核对表: what was read from any document,
written as the breakdown table workbook (each judgement in 说明 beside its row); nothing
is loaded. A file that exists is never overwritten: the next free name is taken."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..source.errors import ParseError
from .breakdown_workbook import write_as_table, write_rough_table
from .files import unused_path

SUFFIX = "-读取结果.xlsx"


def default_out(source: Path) -> Path:
    """Where the app writes it when not told: `<源文件名>-读取结果.xlsx` beside the source."""
    return source.with_name(source.stem + SUFFIX)


@dataclass
class Written:
    """What `write_read_table` wrote: the document as read (`report`), or, for a document the
    readers refuse, its own lines (`refused`: why it could not be read)."""

    target: Path
    report: object = None  # store.build.BuildReport
    refused: ParseError | None = None


def write_read_table(source: Path, out: Path, catalogue: Path | None = None, year: int | None = None) -> Written:
    """Read `source` (its year not needed: the table has a cell for it) and write what was
    read to `out`, or the next free name beside it. A document the readers refuse is written as
    its own lines (tui/source/rough.py), each in 工作任务 with where it stands; one with no lines
    to give (a file refused at the gate, a scanned PDF) raises the refusal."""
    from ..source.rough import recording, rough_lines
    from ..store.build import read_and_plan, read_source
    from .recognise import refuse_exported_checklist

    refuse_exported_checklist(source)  # an exported 任务清单 goes back with import
    with recording() as recorded:
        try:
            _, report = read_and_plan(source, catalogue, strict=False, year=year, need_year=False)
        except ParseError as refused:
            lines = rough_lines(b"" if recorded else read_source(source), source.name, recorded)
            if lines is None:
                raise
            target = unused_path(out)
            write_rough_table(target, lines, f"{refused.origin}:{refused.message}", refused.origin)
            return Written(target, refused=refused)
    target = unused_path(out)
    write_as_table(target, replace(report.document, notes=report.notes))
    return Written(target, report=report)


def written_lines(written: Written, out: Path, then: str) -> list[str]:
    """What the CLI and the app's load dialog say after writing it; `then`: how to load it back."""
    from ..store.load_summary import build_report_lines

    renamed = f"({out.name} 已存在,未覆盖)" if written.target != out else ""
    if written.refused is not None:
        return [
            f"未能读出这份文件:{written.refused}",
            f"已把原文逐行写入任务分工表 {written.target}{renamed}(每行一段原文,表格的一行各格用「 | 」分开);未载入数据库。",
            f"请在 WPS 或 Excel 中把单位、时限移到各自的栏目,删去不是任务的行,填写文号、标题、年度,{then}",
        ]
    return [
        f"已写出任务分工表 {written.target}{renamed};未载入数据库。",
        f"请在 WPS 或 Excel 中核对(「说明」栏列出每处判断),{then}",
        "",
        *build_report_lines(written.report),
    ]
