"""Store.set_evidence_caption: one history line, one undo step, the entry's place kept."""

from __future__ import annotations

import pytest

from tui.store import InputError, Store

UNIT, ITEM = "渝中区", "1.3.3-1"


def test_caption_change_is_one_history_line_and_undoable(work_db):
    with Store(work_db) as store:
        store.add_evidence(UNIT, ITEM, "https://a.example/1", caption="旧说明")
        store.add_evidence(UNIT, ITEM, "https://a.example/2")
        before = len(store.history(UNIT, ITEM))
        action = store.set_evidence_caption(UNIT, ITEM, 0, "新说明")
        assert action is not None
        history = store.history(UNIT, ITEM)
        assert len(history) == before + 1 and history[-1]["field"] == "evidence~"
        assert [(r["value"], r["caption"]) for r in store.evidence(UNIT, ITEM)] == [
            ("https://a.example/1", "新说明"),
            ("https://a.example/2", ""),
        ]
        assert store.set_evidence_caption(UNIT, ITEM, 0, "新说明") is None  # unchanged: no line
        store.undo(UNIT, action)
        assert store.evidence(UNIT, ITEM)[0]["caption"] == "旧说明"
        store.redo(UNIT, action)
        assert store.evidence(UNIT, ITEM)[0]["caption"] == "新说明"
        assert [r["value"] for r in store.evidence(UNIT, ITEM)] == ["https://a.example/1", "https://a.example/2"]


def test_caption_of_a_missing_entry_or_with_control_characters_is_refused(work_db):
    with Store(work_db) as store:
        store.add_evidence(UNIT, ITEM, "https://a.example/1")
        with pytest.raises(InputError):
            store.set_evidence_caption(UNIT, ITEM, 3, "x")
        with pytest.raises(InputError):
            store.set_evidence_caption(UNIT, ITEM, 0, "a\x00b")
        store.set_evidence_caption(UNIT, ITEM, 0, "第一行\n第二行")  # one line
        assert store.evidence(UNIT, ITEM)[0]["caption"] == "第一行 第二行"
