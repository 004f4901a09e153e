"""Fixtures for Pilot and snapshot tests: an app on a private database, as-of pinned."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui.app.run import build_app
from tui.store import Store

AS_OF = dt.date(2021, 8, 1)
AS_OF_2022 = dt.date(2022, 8, 1)
YEARS = Path(__file__).resolve().parent.parent / "data" / "years"
DOC_2022 = YEARS / "yufubanfa-2022.txt"
# 2021 progress of 渝中区 on 1.1.3-2, the item 2022's 1.1.3-1 rewords (its 往年参考)
REF_2021 = {
    "item": "1.1.3-2",
    "requirement": "6月底前公开规划纲要",
    "office": "发展改革科",
    "person": "李四",
    "note": "已在专项规划栏目公开",
    "evidence": "https://www.cqyz.gov.cn/zwgk/ghxx/zxgh/",
    "done": dt.date(2021, 7, 1),
}


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch) -> Path:
    """Each test its own settings file: never the user's (which member of a collective they
    are, 近期天数…), never one test's for the next."""
    path = tmp_path / "settings.json"
    monkeypatch.setenv("GONGKAI_SETTINGS", str(path))
    return path


TODAY = dt.date(2021, 8, 2)  # what the d dialog offers as 完成时间 in these tests


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch) -> dt.date:
    """The d dialog offers today's date: pinned, so that a snapshot is the same every day."""
    from tui.app import done_dialog

    monkeypatch.setattr(done_dialog, "today", lambda: TODAY)
    return TODAY


def keep_notifications(app) -> None:
    """Every notification stays for the whole test, whatever timeout the app gives it: a test
    that counts what was said must not depend on how fast the machine ran it (a 2-second
    notice expired before the count on a loaded machine)."""
    notify = app.notify

    def lasting(message, *, title="", severity="information", timeout=None, markup=False):
        return notify(message, title=title, severity=severity, timeout=3600, markup=markup)

    app.notify = lasting


@pytest.fixture
def big_db(built_once, tmp_path) -> Path:
    """A synthetic document longer than FAST_START_ITEMS (the app paints the head of its list
    first, the rest comes from a worker), with progress of 各区县政府, 万州区, 黔江区 and 涪陵区:
    built once per worker and copied, since building it takes about 3 s and four tests start
    from it."""
    from benchmarks.synthetic import make_database
    from tui.app.session import FAST_START_ITEMS

    def fill(path: Path) -> None:
        path.unlink()  # make_database builds the file itself
        make_database(path, seed=3, items=FAST_START_ITEMS + 500, progress_units=3)

    return built_once("big_synthetic", fill, into=tmp_path / "big.sqlite")


@pytest.fixture
def make_app(work_db):
    apps = []

    def make(unit: str = "渝中区", as_of: dt.date = AS_OF):
        app = build_app(work_db, unit, as_of)
        keep_notifications(app)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.session.store.close()


def _fill_two_docs(db: Path) -> None:
    from tui.store.load import load_document

    with Store(db, doc="2021") as store:
        unit, item = "渝中区", REF_2021["item"]
        store.set_fields(unit, item, {k: REF_2021[k] for k in ("requirement", "office", "person")})
        store.mark_done(unit, item, [REF_2021["evidence"]], note=REF_2021["note"], today=REF_2021["done"])
    load_document(db, DOC_2022, now=dt.datetime(2022, 5, 8, 9, 30))


@pytest.fixture
def two_docs(work_db, built_once) -> Path:
    """The working copy with two documents: the bundled 2021 one (with 渝中区's progress on
    REF_2021["item"]) and tests/data/years' 2022 one loaded after it (the newest). Built once
    per session, copied into work_db."""
    return built_once("two_docs", _fill_two_docs, into=work_db)


@pytest.fixture
def revised_docs(two_docs) -> Path:
    """two_docs, and the revised text of the 2022 document loaded over it (`load --revises`):
    the original 2022 text is superseded, the revision is the newest."""
    from tui.store.load import load_document

    load_document(
        two_docs,
        YEARS / "yufubanfa-2022-revised.txt",
        revises="渝府办发〔2022〕18号",
        now=dt.datetime(2022, 6, 1, 10, 0),
    )
    return two_docs


@pytest.fixture
def read_db(work_db):
    """A fresh connection to the database, to assert on what was written."""

    def read(unit: str):
        with Store(work_db, readonly=True) as store:
            return {e.id: e for e in store.checklist(unit)}, store

    return read
