"""The document's 具体要求 (its 工作要求 / 具体要求 / 工作措施 column) is what a unit must actually
do: shown in `list` (text and --json), the app's detail pane, and found by the search."""

from __future__ import annotations

import datetime as dt
import json

from tests.app.type_keys import type_text
from tests.cli_helpers import invoke, ok
from tests.conftest import ROOT

JIMEI = ROOT / "tests" / "data" / "documents" / "jimei-2026-four-columns.txt"


def _loaded(work_db):
    ok(invoke("load", "--yes", JIMEI, "--db", work_db))
    rows = json.loads(ok(invoke("dump", "--json", "--db", work_db, "--doc", "2026")).output)["rows"]
    row = next(r for r in rows if r.get("requirement"))
    unit = (row["responsible_units"] or row["lead_units"])[0]
    return row, unit


def test_list_shows_the_documents_requirement_in_text_and_json(work_db):
    row, unit = _loaded(work_db)
    listed = ok(invoke("list", "--unit", unit, "--db", work_db, "--doc", "2026")).output
    assert f"具体要求:{row['requirement'].splitlines()[0]}" in listed
    entries = json.loads(ok(invoke("list", "--unit", unit, "--db", work_db, "--doc", "2026", "--json")).output)
    mine = [e for e in entries if e["row"] == row["id"]]
    assert mine and all(e["document_requirement"] == row["requirement"] for e in mine)


async def test_the_detail_pane_shows_it_and_the_search_finds_it(work_db):
    from tui.app.detail import render_detail
    from tui.app.run import build_app

    row, unit = _loaded(work_db)
    app = build_app(work_db, unit, dt.date(2026, 6, 1))
    words = row["requirement"].replace("\n", "")[2:8]
    async with app.run_test(size=(160, 40)) as pilot:
        session = app.session
        mine = [e for e in session.entries if e.row_id == row["id"]]
        assert mine and all(e.document_requirement == row["requirement"] for e in mine)
        assert "具体要求:" + row["requirement"] in render_detail(mine[0], [], [], dt.date(2026, 6, 1)).plain
        assert not any(words in e.full_text for e in mine)  # found only through the requirement
        await pilot.press("slash")
        await type_text(pilot, words)
        await pilot.pause()
        assert {e.id for e in mine} <= {e.id for e in session.visible()}
