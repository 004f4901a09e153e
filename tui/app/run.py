"""Entry point the CLI calls to open the app."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def build_app(db_path: Path, unit: str, as_of: dt.date):
    from ..store import Store
    from .app import GongkaiApp
    from .session import Session

    store = Store(db_path)
    return GongkaiApp(Session(store, unit, as_of))


def run_app(db_path: Path, unit: str, as_of: dt.date) -> None:
    app = build_app(db_path, unit, as_of)
    try:
        app.run()
    finally:
        app.session.store.close()
