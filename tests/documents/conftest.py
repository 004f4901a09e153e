"""Several documents in one working database (issue #12): the 2021 breakdown the program
ships, the 2022 one of tests/data/years (written by hand from the 2021 text), and its
revised text. Everything is written under tmp_path."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.cli_helpers import invoke, ok

ROOT = Path(__file__).resolve().parents[2]
YEARS = ROOT / "tests" / "data" / "years"
Y2022 = YEARS / "yufubanfa-2022.txt"
Y2022_REVISED = YEARS / "yufubanfa-2022-revised.txt"
N2021, N2022 = "渝府办发〔2021〕50号", "渝府办发〔2022〕18号"
EXPECTED = json.loads((YEARS / "expected.json").read_text(encoding="utf-8"))


def rows(db: Path, sql: str, params=()) -> list[dict]:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]


def work_of(db: Path, doc: int) -> dict[str, list[dict]]:
    """Every progress, evidence, history and import line of one document."""
    return {
        t: rows(
            db,
            f"SELECT * FROM {t} WHERE doc = ? ORDER BY id"
            if t != "progress"
            else "SELECT * FROM progress WHERE doc = ? ORDER BY item_id, unit",
            (doc,),
        )
        for t in ("progress", "evidence", "history", "imports")
    }


def listed(db: Path, unit: str, *extra) -> list[dict]:
    return json.loads(ok(invoke("list", "--unit", unit, "--json", "--db", db, *extra)).stdout)


def _fill_2021_work(db: Path) -> None:
    ok(invoke("done", "1.1.3-1", "-u", "渝中区", "-e", "https://www.cqyz.gov.cn/a", "--note", "2021年做的", "--db", db))
    ok(invoke("status", "1.1.3-2", "不适用", "-u", "渝中区", "--reason", "本区无此项", "--db", db))
    ok(invoke("status", "1.1.5-1", "推进中", "-u", "江北区", "--db", db))


def _fill_two_years(db: Path) -> None:
    _fill_2021_work(db)
    ok(invoke("load", "--yes", Y2022, "--db", db))


@pytest.fixture
def with_2021_work(work_db, built_once) -> Path:
    """The 2021 working database with a day's ticks of 渝中区 and 江北区 in it (built once per
    session, copied into work_db)."""
    return built_once("with_2021_work", _fill_2021_work, into=work_db)


@pytest.fixture
def two_years(with_2021_work, built_once) -> Path:
    """with_2021_work and the 2022 document loaded over it (built once, copied into work_db)."""
    return built_once("two_years", _fill_two_years, into=with_2021_work)
