"""Our own documents of each prose shape (tests/source/prose_docs/, each with the hand reading
it was written to): role brackets in every bracket kind, units named as each item's subject,
one bracket closing a task's items; and the subject phrasings one by one."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT
from tests.reading_check import assert_reads_as
from tui.source import ParseError, read_document
from tui.source.subjects import SubjectDoubt, subject_of
from tui.source.table import COOP, LEAD, RESP

DOCS = ROOT / "tests" / "source" / "prose_docs"
READINGS = sorted(p.name.removesuffix(".reading.json") for p in DOCS.glob("*.reading.json"))


def _reading(name: str) -> dict:
    return json.loads((DOCS / f"{name}.reading.json").read_text(encoding="utf-8"))


def _read(name: str):
    return read_document((DOCS / f"{name}.txt").read_bytes(), f"{name}.txt")


def test_every_document_has_its_hand_reading():
    assert sorted(p.stem for p in DOCS.glob("*.txt")) == READINGS
    assert len(READINGS) >= 4


@pytest.mark.parametrize("name", [n for n in READINGS if "tasks" in _reading(n)])
def test_a_document_of_each_shape_reads_as_written(name):
    doc, want = _read(name), _reading(name)
    assert_reads_as(doc, want, sections=True)
    warned = {n.origin.line for n in doc.notes if n.severity == "warning"}
    assert set(want.get("warned_lines", [])) <= warned


@pytest.mark.parametrize("name", [n for n in READINGS if "refused" in _reading(n)])
def test_a_doubtful_document_is_refused_naming_its_line(name):
    want = _reading(name)["refused"]
    with pytest.raises(ParseError) as info:
        _read(name)
    assert info.value.line == want["line"]
    assert want["says"] in str(info.value)


def test_units_taken_from_subjects_are_said_in_a_warning():
    doc = _read("subject-units-department")
    assert any(n.severity == "warning" and n.kind == "unit_from_subject" for n in doc.notes)


def test_a_web_pages_elision_is_a_warning_and_the_tail_after_it_no_task():
    path = ROOT / "tests" / "data" / "real" / "city-office-trad-pinyin-subject-units.txt"
    doc = read_document(path.read_bytes(), path.name)
    warned = {n.origin.line: n.message for n in doc.notes if n.severity == "warning"}
    assert "省略" in warned[5] and "未作为任务读入" in warned[6]
    assert not any("加强行政审批" in item.text or "加強行政審批" in item.text for r in doc.rows for item in r.items)


@pytest.mark.parametrize(
    "text, lead, resp, coop",
    [
        ("秘书科要全面做好政府总值班工作", [], ["秘书科"], []),
        ("各区县政府负责做好辖区内的公开工作", [], ["各区县政府"], []),
        ("市财政局、市审计局要按时公开", [], ["市财政局、市审计局"], []),
        ("市财政局和市审计局应当按时公开", [], ["市财政局、市审计局"], []),
        ("由市财政局牵头,各区县政府配合,做好预算公开", ["市财政局"], [], ["各区县政府"]),
        ("由市财政局牵头，各区县政府负责，做好预算公开", ["市财政局"], ["各区县政府"], []),
        ("市发展改革委牵头、市统计局参与,做好数据发布", ["市发展改革委"], [], ["市统计局"]),
        ("政务(wù)信息中心要全面做好网上公开", [], ["政务(wù)信息中心"], []),
        ("市政府办公室牵头做好政府网站管理", ["市政府办公室"], [], []),
        ("对外联络科要及时公开外事信息", [], ["对外联络科"], []),
        ("自由贸易试验区管委会负责公开改革事项", [], ["自由贸易试验区管委会"], []),
    ],
)
def test_a_subject_names_the_items_units_by_its_verb(text, lead, resp, coop):
    found = subject_of(text)
    assert found is not None
    assert (found.roles.units.get(LEAD, []), found.roles.units.get(RESP, []), found.roles.units.get(COOP, [])) == (
        lead,
        resp,
        coop,
    )


@pytest.mark.parametrize("text", ["做好依申请公开工作。", "全面做好综合科要求的工作", "加强政策解读,市财政局要配合"])
def test_an_item_that_opens_with_its_task_names_no_subject(text):
    assert subject_of(text) is None


@pytest.mark.parametrize(
    "text, says",
    [
        ("各地要做好公开工作", "各地"),
        ("全体干部要熟悉条例", "全体干部"),
        ("广大职工要积极参与", "广大职工"),
        ("预算公开由市财政局负责", "预算公开由市财政局"),
    ],
)
def test_a_subject_that_may_be_no_unit_is_a_doubt_never_a_unit(text, says):
    with pytest.raises(SubjectDoubt, match=says):
        subject_of(text)


def test_units_named_after_the_verb_are_warned_never_added_or_dropped_silently():
    text = (
        "某局2026年政务公开工作分工\n一、工作任务\n1.办公室要会同法规科做好指南更新。\n2.法规科要做好依申请公开答复。\n"
    )
    doc = read_document(text.encode("utf-8"), "分工.txt")
    assert doc.rows[0].responsible_units == ["办公室"]
    assert any(n.severity == "warning" and n.origin.line == 3 and "会同" in n.message for n in doc.notes)


def test_a_subject_that_asks_others_names_no_unit_and_the_item_is_refused():
    text = (
        "某局2026年政务公开工作分工\n一、工作任务\n1.办公室要做好指南更新。\n2.法规科要做好依申请公开答复。\n"
        "3.办公室要求各科室按时报送信息。\n"
    )
    with pytest.raises(ParseError) as info:
        read_document(text.encode("utf-8"), "分工.txt")
    assert info.value.line == 5


@pytest.mark.parametrize(
    "name, people",
    [
        ("leader-brackets", {4: "王伟副区长", 5: "李娜"}),
        ("leader-label-lines", {4: "张强", 7: "刘洋副县长", 12: "李静"}),
    ],
)
def test_a_leader_is_a_note_of_its_row_never_a_unit(name, people):
    doc = _read(name)
    units = {u for r in doc.rows for u in (*r.lead_units, *r.responsible_units, *r.cooperating_units)}
    assert not any(person.startswith(u) or u.startswith(person[:2]) for u in units for person in people.values())
    noted = {n.origin.line: n.message for n in doc.notes if n.kind == "person_label"}
    assert {line: next(p for p in people.values() if p in noted.get(line, "")) for line in people} == people
