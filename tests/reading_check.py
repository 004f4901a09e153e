"""One comparison of a document as read against its hand reading (`NAME.reading.json`: rows,
units by role, task and item texts, deadlines, 文号, year, title, issuer), shared by the real corpus
(tests/data/real/) and our own documents of each shape (tests/source/prose_docs/)."""

from __future__ import annotations

import re

import opencc

from tui.source.glosses import strip_glosses

_t2s = opencc.OpenCC("t2s").convert
PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")


def as_written(text: str) -> str:
    """A hand reading's text as the tool keeps it: a mirror's pinyin glosses (`區(qū)`) are not
    part of the document (tui/source/glosses.py)."""
    return strip_glosses(text, at_least=1)


def to_simplified(text: str) -> str:
    """Unit names and numbers are stored in simplified characters (tui/source/script.py)."""
    return _t2s(as_written(text))


def name_of(unit: str, task: dict) -> str:
    """A unit written with a note (`规划信息处(爱卫办)`) is stored as the unit, found also by its
    note (issue #22: `省编办 (省审改办)` is unit 省编办)."""
    note = task.get("unit_notes", {}).get(unit)
    if note and unit.endswith((f"({note})", f"（{note}）")):
        return unit[: -len(note) - 2].strip()
    return unit


# A time limit the task's own text states (`5个工作日内主动回复`, `每年开展1次`): the tool keeps it as
# the item's relative deadline (the 2021 document's convention, shown in the 时限 column); a
# reading written before the tool ran may leave it out, which is the same reading of the task.
_TEXT_LIMIT = re.compile(r"\d+个(?:工作日|月)内|\d+(?:日|天)内|每(?:年度?|季度|月)")


def assert_relative_as(doc, row, item, task: dict) -> None:
    """The item's relative deadline (`持续推进`, `长期坚持`, `每年`, `3个月内`) is the reading's, but
    for two conventions: a time limit of the task's text the reading leaves out (above), and a
    date phrase the reading keeps because no year is known (`年底前` in a document without one),
    which the tool warns it cannot date."""
    got, want = item.relative_deadline, task.get("relative_deadline")
    if got == want:
        return
    if want is None and got:
        assert all(_TEXT_LIMIT.fullmatch(p) and p in item.text for p in got.split(";")), (task["id"], got)
        return
    undated = [
        n for n in doc.notes if n.kind == "date_unread" and (f"行 {row.id} " in n.message or item.id in n.message)
    ]
    assert got is None and item.deadline is None and undated, (task["id"], got, want)


def assert_reads_as(
    doc,
    want: dict,
    sections: bool = False,
    issuer: bool = True,
    title: bool = True,
    requirements: bool = True,
    relative: bool = True,
) -> None:
    """Units are compared in simplified characters (unit names are stored simplified,
    tui/source/script.py); `sections` also compares each row's section and subsection titles (our
    own documents, written to the reader's conventions: a heading that is itself the task is
    also its subsection). Each row's requirement (具体要求) starts as the reading's, or both have
    none; `requirements=False` where the tool says, in a note, that it leaves the column the
    reading takes as the requirement unread. `relative=False`: the reading's relative deadline
    is a description of its own (the caller checks what the tool keeps)."""
    rows, tasks = doc.rows, want["tasks"]
    assert len(rows) == len(tasks), [r.id for r in rows]
    titles = {s.id: s.title for s in doc.sections} | {u.id: u.title for s in doc.sections for u in s.subsections}
    for row, task in zip(rows, tasks):
        for field, units in (
            ("lead", row.lead_units),
            ("responsible", row.responsible_units),
            ("cooperating", row.cooperating_units),
        ):
            assert units == [to_simplified(name_of(u, task)) for u in task.get(field, [])], (task["id"], field)
        first = row.items[0]
        if "items_starts" in task:  # a task with a title and its items: the title heads each item
            assert (first.group or "").startswith(task["text_starts"][:6]), (task["id"], first.group)
            assert len(row.items) == len(task["items_starts"]), task["id"]
            for item, starts in zip(row.items, task["items_starts"]):
                assert as_written(starts)[:6] in item.text, (task["id"], item.text[:20])
        else:
            assert as_written(task["text_starts"])[:6] in first.text, (task["id"], first.text[:20])
        assert first.deadline == task["deadline"], task["id"]
        if relative:
            assert_relative_as(doc, row, first, task)
        if requirements:
            wanted = task.get("requirement_starts")
            assert bool(row.requirement) == bool(wanted), (task["id"], row.requirement, wanted)
            assert not wanted or as_written(wanted)[:6] in row.requirement, (task["id"], row.requirement[:20])
        if sections:
            assert titles.get(row.section_id) == task["section"], task["id"]
            assert titles.get(row.subsection_id) == task["subsection"], task["id"]
    assert doc.year == want["document"]["year"]
    # The 文号 is stored simplified, without a mirror's pinyin annotations (州政發(fā)〔2020〕5號).
    number = want["document"]["number"]
    assert doc.number == (PINYIN.sub("", to_simplified(number)) if number else None)
    if title:
        assert_title_as(doc, want, issuer)


def assert_title_as(doc, want: dict, issuer: bool = True) -> None:
    """The hand reading's title is the breakdown's own, and the tool's title is that (as written,
    without a mirror's glosses), never a number, a signature or a page's residue; a reading
    without a title wants the file's name and a note saying so (tui/source/title.py). And its issuer."""
    title = want["document"]["title"]
    if title:
        assert doc.title == as_written(title), (doc.title, doc.table_title)
    else:
        assert any(n.kind == "title_missing" for n in doc.notes), doc.title
    if issuer:
        assert doc.issuer == want["document"]["issuer"]
