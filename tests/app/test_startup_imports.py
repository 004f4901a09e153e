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


def test_the_first_screen_loads_no_dialog_editor_or_outline(work_db):
    """What only a key opens (dialogs, the multi-line editor, pickers, the outline below
    150 columns) is imported when the key is pressed, not while the first screen paints."""
    code = textwrap.dedent(f"""
        import asyncio, datetime as dt, sys
        from pathlib import Path
        from tui.app.run import build_app

        async def main():
            a = build_app(Path({str(work_db)!r}), "各区县政府", dt.date(2021, 8, 1))
            async with a.run_test(size=(120, 36)) as pilot:
                await pilot.pause()
                first = [m for m in LATER if m in sys.modules]
                await pilot.press("o")  # the outline, built when first shown
                await pilot.pause()
                shown = a.screen.query("#outline").first().region.width > 0
            print(",".join(first), shown)

        LATER = ("tui.app.dialogs", "tui.app.text_editor", "tui.app.status_menu", "tui.app.unit_picker",
                 "tui.app.document_picker", "tui.app.load_dialog", "tui.app.hashing", "tui.app.outline", "textual.widgets._text_area",
                 "tui.source.model", "tui.app.assign_dialog", "tui.app.sub_units_dialog")
        asyncio.run(main())
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True)
    assert out.stdout.split() == ["True"], out.stdout
