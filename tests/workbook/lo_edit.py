"""Edit a 任务清单 in LibreOffice Calc as a person would, through the UNO bridge.

Run by the tests with the system's python3 (Debian's python3-uno), not the project's venv:

    python3 lo_edit.py PROFILE_DIR

It starts one LibreOffice and serves jobs, one JSON object a line on stdin —
{"source": PATH, "target": PATH, "format": FORMAT, "steps": [...]} — answering each with one
JSON line on stdout ({"ok": true} or {"ok": false, "error": TEXT}); at the end of stdin it ends
LibreOffice. One LibreOffice for every edit of a test session: its start cost more than the
edits (5 s of CPU each). Every job opens its file in a new document and closes it after.

FORMAT is `xlsx` or `ods`. Each step (a JSON list) finds its row by the item's 编号 (`"id"`),
or by its 序号 (`"seq": "3.1"` instead, for a 细化 step's row), and its column by the header's
text, all as the sheet holds them when the step runs:

- {"op": "delete", "id": ID}                              delete the item's row
- {"op": "insert_below", "id": ID, "cells": {HEADER: TEXT}} insert a row under the item's, type into it
- {"op": "insert_column", "before": HEADER, "title": TEXT, "cells": {ID: TEXT}}
- {"op": "type", "id": ID, "header": HEADER, "text": TEXT}  typed as text
- {"op": "date", "id": ID, "header": HEADER, "iso": "2021-07-15", "format": 'YYYY"年"M"月"D"日"'}
                                                            a real date cell in that number format
- {"op": "sort", "header": HEADER, "descending": BOOL}      unmerge the lines, sort them by a column
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
import traceback

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table import TableSortField

SHEET = "任务清单"
FILTERS = {"xlsx": "Calc MS Excel 2007 XML", "ods": "calc8"}


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(profile: str):
    pipe = f"gongkai{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(300):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return office, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:  # noqa: BLE001 - not listening yet
            if office.poll() is not None:
                raise SystemExit("soffice exited before it listened") from None
            time.sleep(0.1)
    raise SystemExit("soffice did not listen")


class Sheet:
    def __init__(self, sheet):
        self.sheet = sheet

    def text(self, col: int, row: int) -> str:
        return self.sheet.getCellByPosition(col, row).getString().strip()

    def used(self) -> tuple[int, int]:
        cursor = self.sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        address = cursor.getRangeAddress()
        return address.EndColumn, address.EndRow

    def header(self) -> tuple[int, dict[str, int]]:
        last_col, _ = self.used()
        for row in range(20):
            names = {self.text(c, row): c for c in range(last_col + 1)}
            if "编号" in names and "完成情况" in names:
                return row, names
        raise SystemExit("no header row")

    def column(self, header: str) -> int:
        return self.header()[1][header]

    def row_of(self, item_id: str) -> int:
        id_col = self.column("编号")
        _, last_row = self.used()
        for row in range(last_row + 1):
            if self.text(id_col, row) == item_id:
                return row
        raise SystemExit(f"no row {item_id}")

    def row_at(self, step: dict) -> int:
        """The row a step names: by its item's 编号 (`id`) or by its 序号 (`seq`, a 细化 step `3.1`)."""
        if "id" in step:
            return self.row_of(step["id"])
        seq_col = self.column("序号")
        _, last_row = self.used()
        for row in range(last_row + 1):
            if self.text(seq_col, row) == step["seq"]:
                return row
        raise SystemExit(f"no row numbered {step['seq']}")

    def lines(self) -> tuple[int, int]:
        """First and last row (0-based) of the item lines."""
        header_row, names = self.header()
        _, last_row = self.used()
        rows = [r for r in range(header_row + 1, last_row + 1) if self.text(names["编号"], r)]
        return rows[0], rows[-1]


def serial(iso: str) -> float:
    return float((dt.date.fromisoformat(iso) - dt.date(1899, 12, 30)).days)


def run(doc, steps: list[dict]) -> None:
    s = Sheet(doc.Sheets.getByName(SHEET))
    sheet = s.sheet
    for step in steps:
        op = step["op"]
        if op == "delete":
            sheet.Rows.removeByIndex(s.row_at(step), 1)
        elif op == "insert_below":
            row = s.row_at(step) + 1
            sheet.Rows.insertByIndex(row, 1)
            for header, text in step["cells"].items():
                sheet.getCellByPosition(s.column(header), row).setString(text)
        elif op == "insert_column":
            col = s.column(step["before"])
            sheet.Columns.insertByIndex(col, 1)
            header_row, _ = s.header()
            sheet.getCellByPosition(col, header_row).setString(step["title"])
            for item_id, text in step["cells"].items():
                sheet.getCellByPosition(col, s.row_of(item_id)).setString(text)
        elif op == "type":
            sheet.getCellByPosition(s.column(step["header"]), s.row_at(step)).setString(step["text"])
        elif op == "date":
            cell = sheet.getCellByPosition(s.column(step["header"]), s.row_at(step))
            cell.setValue(serial(step["iso"]))
            formats = doc.getNumberFormats()
            locale = uno.createUnoStruct("com.sun.star.lang.Locale")
            locale.Language, locale.Country = "zh", "CN"
            key = formats.queryKey(step["format"], locale, False)
            if key == -1:
                key = formats.addNew(step["format"], locale)
            cell.NumberFormat = key
        elif op == "sort":
            first, last = s.lines()
            last_col, _ = s.used()
            lines = sheet.getCellRangeByPosition(0, first, last_col, last)
            lines.merge(False)  # Calc sorts no range with merged cells: a person unmerges first
            field = TableSortField()
            field.Field = s.column(step["header"])
            field.IsAscending = not step.get("descending", False)
            descriptor = lines.createSortDescriptor()
            for p in descriptor:
                if p.Name == "SortFields":
                    p.Value = uno.Any("[]com.sun.star.table.TableSortField", (field,))
                elif p.Name == "ContainsHeader":
                    p.Value = False
            lines.sort(descriptor)
        else:
            raise SystemExit(f"unknown step {op}")


def edit(desktop, job: dict) -> None:
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(job["source"])), "_blank", 0, (prop("Hidden", True),)
    )
    try:
        if job["steps"]:  # none: opened and saved as it is
            run(doc, job["steps"])
        doc.storeToURL(
            uno.systemPathToFileUrl(os.path.abspath(job["target"])), (prop("FilterName", FILTERS[job["format"]]),)
        )
    finally:
        doc.close(True)


def main() -> None:
    (profile,) = sys.argv[1:2]
    office, desktop = connect(profile)
    try:
        for line in sys.stdin:
            try:
                edit(desktop, json.loads(line))
                answer = {"ok": True}
            except (Exception, SystemExit) as e:  # noqa: BLE001 - the test shows it and fails
                answer = {"ok": False, "error": traceback.format_exc() if isinstance(e, Exception) else str(e)}
            print(json.dumps(answer), flush=True)
    finally:
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge goes down with the office
            pass
        try:
            office.wait(30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
