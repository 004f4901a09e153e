"""The 2021 breakdown, parsed, against what a person read from the document
(tests/data/expected_2021.json was typed by hand from the text, not generated)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.conftest import ROOT
from tui.source import parse_document

EXPECTED = json.loads((ROOT / "tests" / "data" / "expected_2021.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def doc(source_text):
    return parse_document(source_text)


def test_document_header(doc):
    assert doc.number == "渝府办发〔2021〕50号"
    assert doc.issued == "2021-05-16"
    assert doc.table_title == "贯彻落实国务院办公厅2021年政务公开工作要点任务分工"


def test_sections_and_subsections(doc):
    assert [(s.id, s.title) for s in doc.sections] == [(s["id"], s["title"]) for s in EXPECTED["sections"]]
    subs = [(x.id, x.title) for s in doc.sections for x in s.subsections]
    assert subs == [(s["id"], s["title"]) for s in EXPECTED["subsections"]]
    assert len(doc.sections) == 5 and len(subs) == 16


def test_rows_match_the_hand_reading(doc):
    got = [
        {
            "id": r.id,
            "first_line": r.first_line,
            "items": [i.label for i in r.items],
            "lead": r.lead_units,
            "responsible": r.responsible_units,
        }
        for r in doc.rows
    ]
    for mine, theirs in zip(got, EXPECTED["rows"], strict=True):
        assert mine == theirs


def test_counts(doc):
    assert len(doc.rows) == 71
    assert len(doc.items()) == 174
    assert Counter(r.section_id for r in doc.rows) == {"1": 21, "2": 14, "3": 11, "4": 20, "5": 5}
    per_sub = Counter(r.subsection_id for r in doc.rows)
    assert per_sub == {
        "1.1": 6,
        "1.2": 6,
        "1.3": 3,
        "1.4": 6,
        "2.1": 1,
        "2.2": 3,
        "2.3": 10,
        "3.1": 4,
        "3.2": 4,
        "3.3": 3,
        "4.1": 2,
        "4.2": 2,
        "4.3": 16,
        "5.1": 3,
        "5.2": 1,
        "5.3": 1,
    }
    assert len(doc.units()) == 32


def test_rows_per_unit_and_role(doc):
    lead = Counter(u for r in doc.rows for u in r.lead_units)
    resp = Counter(u for r in doc.rows for u in r.responsible_units)
    assert resp["各区县政府"] == 41 and lead["各区县政府"] == 0
    assert lead["市政府办公厅"] == 14 and resp["市政府办公厅"] == 0
    assert resp["市政府各部门"] == 13
    assert lead["市网信办"] == 9
    assert (lead["市发展改革委"], resp["市发展改革委"]) == (10, 5)
    assert resp["重庆行政学院"] == 1
    assert lead == Counter(u for r in EXPECTED["rows"] for u in r["lead"])
    assert resp == Counter(u for r in EXPECTED["rows"] for u in r["responsible"])


def test_every_item_id_unique_and_shaped(doc):
    ids = [i.id for i in doc.items()]
    assert len(ids) == len(set(ids))
    assert all(i.id == f"{r.id}-{i.label}" for r in doc.rows for i in r.items)
