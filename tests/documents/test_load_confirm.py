"""Before a document is stored, `load` shows what was read (rows, items, units by role, every
judgement that changes who must do what) and asks; --yes for scripts; without a terminal and
without --yes nothing is stored."""

from __future__ import annotations

from tests.cli_helpers import assert_user_error, invoke, ok, runner
from tui.cli import app
from tests.conftest import ROOT

PROSE = ROOT / "tests" / "data" / "documents" / "prose-district-2026.txt"


def test_without_a_terminal_or_yes_nothing_is_stored_and_the_reading_was_shown(work_db):
    before = work_db.read_bytes()
    result = invoke("load", PROSE, "--db", work_db)
    assert_user_error(result, "没有确认", "--yes", "--as-table", "数据库未改动")
    assert "7 行任务" in result.stdout
    assert "单位按角色:牵头 4 个,责任 6 个,配合 2 个" in result.stdout
    assert "以下统称各镇街" in result.stdout  # a judgement that changes who must do what, listed
    assert work_db.read_bytes() == before


def test_at_a_terminal_n_stores_nothing_and_y_stores_it(work_db, monkeypatch):
    monkeypatch.setattr("tui.cli.dates.on_terminal", lambda: True)
    before = work_db.read_bytes()
    declined = runner.invoke(app, ["load", str(PROSE), "--db", str(work_db)], input="n\n")
    assert declined.exit_code == 1 and "未载入" in declined.stderr
    assert work_db.read_bytes() == before
    accepted = ok(runner.invoke(app, ["load", str(PROSE), "--db", str(work_db)], input="y\n"))
    assert "已载入 綦江府办发〔2026〕17号" in accepted.stdout


def test_yes_stores_without_asking(work_db):
    assert "已载入" in ok(invoke("load", "--yes", PROSE, "--db", work_db)).stdout
