"""Entry point the CLI calls to open the app."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store


def build_app(db: "Path | Store", unit: str, as_of: dt.date):
    """The app for one unit, on a database path or an open store (which it then owns)."""
    from ..store import Store
    from .app import GongkaiApp
    from .session import Session

    store = db if isinstance(db, Store) else Store(db)
    return GongkaiApp(Session(store, unit, as_of))


def run_app(db: "Path | Store", unit: str, as_of: dt.date) -> None:
    app = build_app(db, unit, as_of)
    try:
        app.run()
    finally:
        app.session.store.close()
