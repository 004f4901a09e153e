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

    from . import collectives

    store = db if isinstance(db, Store) else Store(db)
    unit, shown, collective = collectives.start(store, unit)  # 各区县政府: as the member chosen before
    session = Session(store, unit, as_of, shown_name=shown, due_days=due_days())
    session.collective = collective
    return GongkaiApp(session)


def due_days() -> int:
    """近期到期's number of days from the settings file (the default when it cannot be read)."""
    from .. import settings
    from .session import DUE_DAYS

    try:
        return settings.load().due_days
    except settings.SettingsError:
        return DUE_DAYS


def run_app(db: "Path | Store", unit: str, as_of: dt.date, **run_options) -> int:
    """Run the app until it exits; the exit code. After an unexpected exception (1) the
    user is told where its report is; `run_options` go to `App.run` (tests: headless)."""
    import sys

    from .. import crash

    app = build_app(db, unit, as_of)
    try:
        app.run(**run_options)
    finally:
        app.session.store.close()
    if app.crash is not None:
        print(crash.message(app.crash, app.crash_report), file=sys.stderr)
        return 1
    return app.return_code or 0
