"""One comparison of a document as read against its hand reading (`NAME.reading.json`: rows,
units by role, task and item texts, deadlines, 文号, year, title, issuer), shared by the real corpus
(tests/data/real/) and our own documents of each shape (tests/source/prose_docs/)."""

from __future__ import annotations

import re

import opencc

to_simplified = opencc.OpenCC("t2s").convert
PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")


def assert_reads_as(doc, want: dict, sections: bool = False) -> None:
    """Units are compared in simplified characters (unit names are stored simplified,
    tui/source/script.py); `sections` also compares each row's section and subsection titles (our
    own documents, written to the reader's conventions: a heading that is itself the task is
    also its subsection)."""
    rows, tasks = doc.rows, want["tasks"]
    assert len(rows) == len(tasks), [r.id for r in rows]
    titles = {s.id: s.title for s in doc.sections} | {u.id: u.title for s in doc.sections for u in s.subsections}
    for row, task in zip(rows, tasks):
        for field, units in (("lead", row.lead_units), ("responsible", row.responsible_units),
                             ("cooperating", row.cooperating_units)):
            assert units == [to_simplified(u) for u in task.get(field, [])], (task["id"], field)
        first = row.items[0]
        if "items_starts" in task:  # a task with a title and its items: the title heads each item
            assert (first.group or "").startswith(task["text_starts"][:6]), (task["id"], first.group)
            assert len(row.items) == len(task["items_starts"]), task["id"]
            for item, starts in zip(row.items, task["items_starts"]):
                assert starts[:6] in item.text, (task["id"], item.text[:20])
        else:
            assert task["text_starts"][:6] in first.text, (task["id"], first.text[:20])
        assert first.deadline == task["deadline"], task["id"]
        if sections:
            assert titles.get(row.section_id) == task["section"], task["id"]
            assert titles.get(row.subsection_id) == task["subsection"], task["id"]
    assert doc.year == want["document"]["year"]
    # The 文号 is stored simplified, without a mirror's pinyin annotations (州政發(fā)〔2020〕5號).
    number = want["document"]["number"]
    assert doc.number == (PINYIN.sub("", to_simplified(number)) if number else None)
    # The hand reading's title is the breakdown's own: the line the tool keeps as the title or
    # as the table's title, never a number or a database's field.
    assert want["document"]["title"] in (doc.title, doc.table_title, None)
    assert doc.issuer == want["document"]["issuer"]
