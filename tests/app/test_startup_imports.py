"""Start-up imports only what the first screen needs (DESIGN.md §5)."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_building_the_app_loads_neither_openpyxl_nor_pypinyin(work_db):
    code = textwrap.dedent(f"""
        import datetime as dt, sys
        from pathlib import Path
        from tui.cli import app  # the command line module is what the console script imports
        from tui.app.run import build_app
        a = build_app(Path({str(work_db)!r}), "渝中区", dt.date(2021, 8, 1))
        assert a.session.entries
        print(",".join(m for m in ("openpyxl", "pypinyin", "tui.workbook", "tui.store.build") if m in sys.modules))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True)
    assert out.stdout.strip() == ""
