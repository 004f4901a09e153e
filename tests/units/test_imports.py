"""tui.units stands alone: no UI, CLI, workbook, pinyin or other layers of the package."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

FORBIDDEN = ("textual", "typer", "openpyxl", "pypinyin", "tui.store", "tui.app", "tui.source", "tui.workbook")


def test_units_imports_nothing_above_or_beside_it():
    code = (
        "import sys, tui.units as u; u.catalogue_specs(['各区县政府']); "
        f"print(','.join(m for m in sys.modules if any(m == f or m.startswith(f + '.') for f in {FORBIDDEN!r})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=True
    ).stdout.strip()
    assert out == ""
