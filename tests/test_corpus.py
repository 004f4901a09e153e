"""Our own corpus of breakdowns (tests/data/documents/), each against expectations a
person typed from reading it: rows, items, units, roles, deadlines, paths, who sees what;
or, for a document that must be refused, the line the message names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.source import ParseError, read_document
from tui.store import Store
from tui.store.build import build_database

CORPUS = ROOT / "tests" / "data" / "documents"
EXPECTED = sorted(CORPUS.glob("*.expected.json"))


def _source(expected: Path) -> Path:
    stem = expected.name.removesuffix(".expected.json")
    (found,) = [p for p in CORPUS.iterdir() if p.name.startswith(stem + ".") and not p.name.endswith(".json")]
    return found


def _spec(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _ids(paths: list[Path]) -> list[str]:
    return [p.name.removesuffix(".expected.json") for p in paths]


ACCEPTED = [p for p in EXPECTED if "error" not in _spec(p)]
REFUSED = [p for p in EXPECTED if "error" in _spec(p)]


def test_the_corpus_is_there():
    assert len(ACCEPTED) >= 12 and len(REFUSED) >= 4


@pytest.fixture(scope="session")
def corpus_builds(tmp_path_factory) -> dict:
    """Each document's database, built the first time a test asks for it (two tests read each)."""
    return {"folder": tmp_path_factory.mktemp("corpus")}


@pytest.fixture
def built(corpus_builds, request):
    expected_path: Path = request.param
    spec = _spec(expected_path)
    if expected_path not in corpus_builds:
        folder = corpus_builds["folder"] / expected_path.name.removesuffix(".expected.json")
        folder.mkdir()
        catalogue = None
        if spec.get("user_catalogue"):
            catalogue = folder / "单位目录.txt"
            catalogue.write_text(spec["user_catalogue"], encoding="utf-8")
        db = folder / "doc.sqlite"
        corpus_builds[expected_path] = (build_database(_source(expected_path), db, catalogue), db)
    report, db = corpus_builds[expected_path]
    store = Store(db, readonly=True)  # read only: the next test reads the same file
    yield spec, report, store
    store.close()


@pytest.mark.parametrize("built", ACCEPTED, ids=_ids(ACCEPTED), indirect=True)
def test_document_builds_as_read_by_a_person(built):
    spec, report, store = built
    doc = report.document
    want = spec["document"]
    assert doc.number == want["number"]
    assert doc.year == want["year"]
    assert report.level == want["level"]
    assert doc.issuer == want["issuer"]
    assert doc.issued == want.get("issued", doc.issued)
    dump = store.dump()
    got_rows = [r["id"] for r in dump["rows"]]
    assert got_rows == [r["id"] for r in spec["rows"]]
    for mine, theirs in zip(dump["rows"], spec["rows"]):
        where = f"row {theirs['id']}"
        assert mine["lead_units"] == theirs["lead"], where
        assert mine["responsible_units"] == theirs["responsible"], where
        assert mine["cooperating_units"] == theirs.get("cooperating", []), where
        assert sorted(mine["unit_notes"].values()) == sorted(theirs.get("notes", [])), where
        if "requirement" in theirs:
            assert (mine["requirement"] or None) == theirs["requirement"], where
        assert [i["label"] for i in mine["items"]] == [i["label"] for i in theirs["items"]], where
        for got, it in zip(mine["items"], theirs["items"]):
            where_item = f"item {got['id']}"
            assert got["text"].startswith(it["text_starts"]), (where_item, got["text"][:30])
            assert got["deadline"] == it["deadline"], where_item
            assert got["relative_deadline"] == it["relative_deadline"], where_item
            assert got["disclosure_paths"] == it["paths"], where_item


@pytest.mark.parametrize("built", ACCEPTED, ids=_ids(ACCEPTED), indirect=True)
def test_each_unit_sees_exactly_its_rows(built):
    spec, _, store = built
    assert len(spec["unit_rows"]) >= 5
    for unit, rows in spec["unit_rows"].items():
        name = store.resolve_unit(unit)
        entries = store.checklist(name)
        assert list(dict.fromkeys(e.row_id for e in entries)) == rows, unit
        confirm = spec.get("to_confirm", {}).get(unit, [])
        assert sorted({e.row_id for e in entries if e.to_confirm}) == sorted(confirm), unit


@pytest.mark.parametrize("expected", REFUSED, ids=_ids(REFUSED))
def test_a_defective_document_is_refused_naming_its_line(expected):
    spec = _spec(expected)["error"]
    source = _source(expected)
    with pytest.raises(ParseError) as info:
        read_document(source.read_bytes(), source.name)
    assert info.value.line == spec["line"], str(info.value)
    assert spec["contains"] in info.value.message, str(info.value)
    assert str(info.value).startswith(f"第 {spec['line']} 行")
