"""Fixtures for Pilot and snapshot tests: an app on a private database, as-of pinned."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.app.run import build_app
from tui.store import Store

AS_OF = dt.date(2021, 8, 1)


@pytest.fixture
def make_app(work_db):
    apps = []

    def make(unit: str = "渝中区", as_of: dt.date = AS_OF):
        app = build_app(work_db, unit, as_of)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.session.store.close()


@pytest.fixture
def read_db(work_db):
    """A fresh connection to the database, to assert on what was written."""

    def read(unit: str):
        with Store(work_db, readonly=True) as store:
            return {e.id: e for e in store.checklist(unit)}, store

    return read
