"""Entry point the CLI calls to open the app (placeholder until the TUI lands)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def run_app(db_path: Path, unit: str, as_of: dt.date) -> None:
    from ..store import Store

    with Store(db_path, readonly=True) as store:
        from ..cli import print_checklist

        print_checklist(store, unit, store.checklist(unit), as_of)
