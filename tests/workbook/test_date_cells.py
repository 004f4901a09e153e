"""完成时间 typed as a date in Excel, WPS or LibreOffice: a date cell (a number with a date
format) imports as the day it shows, also in the built-in Chinese formats openpyxl does
not know (where the cell reads as a bare serial such as 46198); the texts every door
accepts import too; a new date after today or before the document's issue date is
refused naming the cell (an import has no one to ask)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest

from .conftest import assert_user_error, column_of, edit, entries, ok, row_of, set_cells, snapshot
from .test_libreoffice import convert

ITEM = "1.1.3-2"


def date_cell(path: Path, value, number_format: str | None = None) -> Path:
    def change(ws, wb):
        cell = ws[f"{column_of(ws, '完成时间')}{row_of(ws, ITEM)}"]
        cell.value = value
        if number_format is not None:
            cell.number_format = number_format
        ws[f"{column_of(ws, '完成情况')}{row_of(ws, ITEM)}"] = "已完成"

    return edit(path, change)


def with_builtin_format(path: Path, code: str, builtin_id: int) -> Path:
    """Rewrite styles.xml so that the cells formatted `code` use the built-in format
    `builtin_id` instead (no <numFmt> of their own), as Chinese Excel and WPS save them."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    styles = parts["xl/styles.xml"].decode("utf-8")
    escaped = code.replace('"', "&quot;")
    m = re.search(r'<numFmt numFmtId="(\d+)" formatCode="' + re.escape(escaped) + r'"\s*/>', styles)
    assert m, styles[:2000]
    styles = styles.replace(m.group(0), "").replace(f'numFmtId="{m.group(1)}"', f'numFmtId="{builtin_id}"')
    parts["xl/styles.xml"] = styles.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def imported_date(work_db) -> tuple[str, str | None]:
    e = entries(work_db, "渝中区")[ITEM]
    return e.status, e.done_date


@pytest.mark.parametrize(
    "value, number_format",
    [
        (dt.datetime(2021, 7, 15), None),
        (dt.datetime(2021, 7, 15, 16, 45), "yyyy-mm-dd hh:mm"),
        (dt.date(2021, 7, 15), 'yyyy"年"m"月"d"日"'),
        (dt.date(2021, 7, 15), '[$-804]yyyy"年"m"月"d"日";@'),
        ("2021年7月15日", None),
        ("2021.7.15", None),
        ("２０２１/０７/１５", None),
    ],
)
def test_a_date_cell_or_date_text_imports_as_its_day(export, do_import, work_db, value, number_format):
    path = date_cell(export("渝中区"), value, number_format)
    ok(do_import(path))
    assert imported_date(work_db) == ("已完成", "2021-07-15")


@pytest.mark.parametrize("builtin_id", [14, 31, 57, 58])
def test_a_serial_in_a_chinese_builtin_date_format_is_the_day_it_shows(export, do_import, work_db, builtin_id):
    # 44392 is 2021-07-15; openpyxl reads ids 27–36 and 50–58 as 'General', a bare number
    path = date_cell(export("渝中区"), 44392, 'yyyy"年"m"月"d"日";;;"marker"')
    with_builtin_format(path, 'yyyy"年"m"月"d"日";;;"marker"', builtin_id)
    ok(do_import(path))
    assert imported_date(work_db) == ("已完成", "2021-07-15")


def test_a_bare_number_is_refused_naming_the_cell(export, do_import, work_db):
    path = date_cell(export("渝中区"), 44392, "0")
    before = snapshot(work_db)
    message = assert_user_error(do_import(path), "「44392」是数字,不是日期", "2026年11月30日")
    assert re.search(r"单元格 M\d+", message), message
    assert snapshot(work_db) == before


@pytest.mark.parametrize(
    "day, why",
    [
        (dt.date.today() + dt.timedelta(days=3), "晚于今天"),
        (dt.date(2021, 5, 1), "早于任务分工的成文日期(2021-05-16)"),
    ],
)
def test_a_doubtful_new_date_is_refused_naming_the_cell(export, do_import, work_db, day, why):
    path = date_cell(export("渝中区"), dt.datetime.combine(day, dt.time()))
    before = snapshot(work_db)
    message = assert_user_error(
        do_import(path), f"完成时间 {day.isoformat()} {why}", f"--date {day.isoformat()}", "没有写入任何更改"
    )
    assert re.search(r"单元格 M\d+", message), message
    assert snapshot(work_db) == before


def test_a_date_recorded_before_is_not_asked_about_again(export, do_import, store, work_db):
    store.mark_done("渝中区", ITEM, done_date=dt.date(2021, 5, 1))  # set knowingly (the CLI asked)
    path = export("渝中区")
    set_cells(path, {(ITEM, "备注"): "已公开"})
    ok(do_import(path))
    assert imported_date(work_db) == ("已完成", "2021-05-01")


@pytest.mark.xdist_group("calc")  # the session's one LibreOffice (calc_office.py) is on that worker
def test_a_date_typed_as_a_date_survives_libreoffice(calc, export, do_import, work_db, tmp_path):
    path = date_cell(export("渝中区"), dt.date(2021, 7, 15), "[$-804]yyyy/m/d;@")
    ok(do_import(convert(calc, path, tmp_path)))
    assert imported_date(work_db) == ("已完成", "2021-07-15")
