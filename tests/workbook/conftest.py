"""Helpers for the workbook tests: export a unit's 任务清单 through the CLI into tmp_path,
edit it with openpyxl the way a person would in Excel, and import it back.

Everything is written under tmp_path; the database is the `work_db` copy.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tui.store import Store
from tests.cli_helpers import CJK, assert_user_error, invoke, ok, runner  # noqa: F401 (re-exported to the tests here)

from .calc_office import calc  # noqa: F401 (a fixture: LibreOffice Calc, one for the session)


AS_OF = "2021-08-01"
DOC_NUMBER = "渝府办发〔2021〕50号"

# The header row of 任务清单 in the full layout (`export --full`), in the order DESIGN.md §4
# gives (written out here, not taken from tui.workbook.layout, so a change of order there
# fails the tests). The import tests work on this layout: it has every imported column.
HEADERS = [
    "序号",
    "编号",
    "工作任务",
    "贯彻举措(市上统一要求)",
    "工作要求",
    "公开路径",
    "时限要求",
    "牵头单位",
    "责任单位",
    "责任科室",
    "责任人",
    "完成情况",
    "完成时间",
    "佐证材料",
    "备注",
]
# The 上报版 (the default `export`), laid out like the forms offices file; 编号 is hidden.
# Every column is there for 渝中区 with seed_progress (公开路径, 时限 and 备注 are left out
# when no line has one).
SUBMISSION_HEADERS = [
    "序号",
    "编号",
    "工作任务",
    "公开路径",
    "时限",
    "责任科室／责任人",
    "角色",
    "完成情况",
    "具体完成情况",
    "备注",
]
HEADER_ROW = 3
FIRST_ROW = 4


def col(header: str) -> str:
    """The column letter of a header in the exported layout (`完成情况` → `L`)."""
    return get_column_letter(HEADERS.index(header) + 1)


# -- CLI -------------------------------------------------------------------------


def report_fields(line: str) -> tuple[int, dict[str, int]]:
    """`x.xlsx(渝中区):3 个条目有变化:完成情况 2、备注 1` → (3, {完成情况: 2, 备注: 1})."""
    m = re.fullmatch(r".+?:(\d+) 个条目有变化:(.+)", line)
    assert m, line
    fields = {}
    for part in m.group(2).split("、"):
        name, n = part.rsplit(" ", 1)
        fields[name] = int(n)
    return int(m.group(1)), fields


def file_line(stdout: str, name: str) -> str:
    [line] = [ln for ln in stdout.splitlines() if ln.startswith(name + "(")]
    return line


# -- database --------------------------------------------------------------------


def db_rows(db: Path, sql: str, params=()) -> list[dict]:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]


def snapshot(db: Path) -> dict[str, list[dict]]:
    """Every row of the tables an import may write, to compare before and after."""
    return {
        "progress": db_rows(db, "SELECT * FROM progress ORDER BY unit, item_id"),
        "evidence": db_rows(db, "SELECT * FROM evidence ORDER BY id"),
        "history": db_rows(db, "SELECT * FROM history ORDER BY id"),
        "imports": db_rows(db, "SELECT * FROM imports ORDER BY id"),
    }


def history(db: Path) -> list[dict]:
    return db_rows(db, "SELECT * FROM history ORDER BY id")


def entries(db: Path, unit: str) -> dict:
    with Store(db, readonly=True) as store:
        return {e.id: e for e in store.checklist(unit)}


def evidence_values(db: Path, unit: str, item_id: str) -> list[str]:
    return [
        r["value"]
        for r in db_rows(db, "SELECT value FROM evidence WHERE unit=? AND item_id=? ORDER BY id", (unit, item_id))
    ]


# -- workbooks -------------------------------------------------------------------


def load(path: Path):
    return load_workbook(path)


def scol(header: str) -> str:
    """The column letter of a header in the 上报版 (`完成情况` → `H`)."""
    return get_column_letter(SUBMISSION_HEADERS.index(header) + 1)


def id_column(ws) -> str:
    """The 编号 column of whichever layout the sheet has."""
    return col("编号") if ws[f"A{HEADER_ROW}"].value == "序号" else scol("编号")


FOOT_LABELS = ("标记说明：", "填报人：")  # the form's foot under the table


def row_of(ws, item_id: str) -> int:
    """The sheet row holding an item (found by the 编号 column of the sheet's layout)."""
    letter = id_column(ws)
    for r in range(FIRST_ROW, ws.max_row + 1):
        if ws[f"{letter}{r}"].value == item_id:
            return r
    raise AssertionError(f"{item_id} not in sheet")


def data_ids(ws) -> list[str]:
    """The 编号 of every line (the form's foot is not one)."""
    out = []
    letter = id_column(ws)
    for r in range(FIRST_ROW, ws.max_row + 1):
        if str(ws[f"A{r}"].value or "").startswith(FOOT_LABELS):
            continue
        v = ws[f"{letter}{r}"].value
        if v is not None:
            out.append(v)
    return out


def edit(path: Path, change, out: Path | None = None) -> Path:
    """Open with openpyxl, let `change(ws, wb)` edit the 任务清单 sheet, save (to `out`)."""
    wb = load_workbook(path)
    change(wb["任务清单"], wb)
    target = out or path
    wb.save(target)
    return target


def column_of(ws, header: str) -> str:
    """The column letter of a header in the sheet's own header row (either layout)."""
    for cell in ws[HEADER_ROW]:
        if cell.value == header:
            return cell.column_letter
    raise AssertionError(f"no column {header} in {[c.value for c in ws[HEADER_ROW]]}")


def set_cells(path: Path, values: dict[tuple[str, str], object], out: Path | None = None) -> Path:
    """Set cells by (item id, header): {("1.1.3-1", "完成情况"): "已完成"}, in either layout."""

    def change(ws, wb):
        for (item_id, header), value in values.items():
            ws[f"{column_of(ws, header)}{row_of(ws, item_id)}"] = value

    return edit(path, change, out)


def about_cell(wb, label: str):
    """The value cell next to a label on the 说明 sheet."""
    ws = wb["说明"]
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == label:
            return ws.cell(r, 2)
    raise AssertionError(f"{label} not on 说明")


def set_exported_at(path: Path, when: dt.datetime) -> Path:
    def change(ws, wb):
        about_cell(wb, "导出时间").value = when.isoformat(timespec="seconds")

    return edit(path, change)


# -- fixtures --------------------------------------------------------------------


@pytest.fixture
def cli(work_db):
    """Run a command against the test database: cli("import", path) adds --db."""

    def run(*args):
        return invoke(*args, "--db", work_db)

    return run


@pytest.fixture
def export(cli, tmp_path):
    """Export a unit's 任务清单 through the CLI into tmp_path/in; returns the path printed.
    `full` (the default here: the import tests edit every imported column) writes the
    15-column working layout (`export --full`); `full=False` the 上报版 (plain `export`)."""
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)

    def run(
        unit: str = "渝中区", name: str | None = None, as_of: str = AS_OF, extra: tuple = (), full: bool = True
    ) -> Path:
        target = folder / (name or f"{unit}.xlsx")
        result = ok(
            cli("export", "--unit", unit, "-o", target, "--as-of", as_of, *extra, *(("--full",) if full else ()))
        )
        printed = Path(result.stdout.strip())
        assert printed.is_file(), printed
        return printed

    return run


@pytest.fixture
def do_import(cli):
    """Import workbooks through the CLI; returns the CliRunner result."""

    def run(*paths: Path, dry_run: bool = False):
        return cli("import", *paths, *(["--dry-run"] if dry_run else []))

    return run


@pytest.fixture
def store(work_db):
    """A writable Store on the test database, to set progress before an export."""
    s = Store(work_db)
    yield s
    s.close()


def review_json(cli, unit: str) -> dict[str, dict[str, dict]]:
    """`review --json` as {row id: {unit: unit progress}}."""
    data = json.loads(ok(cli("review", "--unit", unit, "--json")).stdout)
    return {r["row"]: {u["unit"]: u for u in r["units"]} for r in data}


# -- progress recorded before an export --------------------------------------------

URL = "https://www.cqyz.gov.cn/zwgk/ghxx/2021/t20210630_1.html"


def seed_progress(store: Store, folder: Path) -> dict:
    """Give 渝中区 some progress of every kind, with notes that look like formulas."""
    shot = folder / "规划公开截图.png"
    shot.write_bytes(b"\x89PNG fake screenshot")
    unit = "渝中区"
    store.mark_done(unit, "1.1.3-1", [URL, str(shot)], note="=1+1", today=dt.date(2021, 6, 30))
    store.set_fields(unit, "1.1.3-1", {"requirement": "6月底前公开纲要全文", "office": "办公室", "person": "张三"})
    store.set_status(unit, ["1.1.3-2"], "推进中")
    store.set_fields(unit, "1.1.3-2", {"note": "+86 023-63881234"})
    store.set_status(unit, ["1.1.5-1"], "不适用", reason="本区无独立规划编制职能")
    store.set_fields(unit, "1.1.5-1", {"note": "-待复核"})
    store.mark_done(unit, "1.2.2-1", [], note="@区政府办", today=dt.date(2021, 7, 1))
    return {"url": URL, "file": str(shot.resolve())}
