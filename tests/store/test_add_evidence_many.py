"""Several pasted evidence values: split as a workbook cell is, added as one undo step."""

from __future__ import annotations

import pytest

from tui.app.evidence_files import evidence_list_problem, split_evidence
from tui.store import InputError, Store

URLS = ["https://www.cqyz.gov.cn/zwgk/a/", "https://www.cqyz.gov.cn/zwgk/b/"]


def test_add_evidence_many_is_one_action(work_db):
    with Store(work_db) as store:
        item = store.checklist("渝中区")[0].id
        action = store.add_evidence_many("渝中区", item, URLS, source="test")
        assert [r["value"] for r in store.evidence("渝中区", item)] == URLS
        store.undo("渝中区", action)
        assert store.evidence("渝中区", item) == []


def test_add_evidence_many_checks_every_value_before_writing(work_db):
    with Store(work_db) as store:
        item = store.checklist("渝中区")[0].id
        with pytest.raises(InputError):
            store.add_evidence_many("渝中区", item, [URLS[0], "ftp://x"], source="test")
        assert store.evidence("渝中区", item) == []


def test_split_evidence():
    assert split_evidence(URLS[0] + "\n" + URLS[1] + "\n") == URLS
    assert split_evidence(URLS[0] + "；" + URLS[1]) == URLS
    assert split_evidence(URLS[0]) == [URLS[0]]
    assert split_evidence("  ") == []
    assert evidence_list_problem(URLS[0] + "\nftp://x")  # the second entry is refused
