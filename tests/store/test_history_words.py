"""The words a refused undo or redo says (store/progress.py): who wrote the field since, when,
through what, and what it holds now — each part exact, since it is what tells a user whether to
undo at all."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tui.store import InputError, Store
from tui.store.progress import Conflict, _shown_value, changed_since, source_words

UNIT, ITEM = "渝中区", "1.1.3-1"


@pytest.mark.parametrize(
    "source,words",
    [
        ("undo:12", "撤销"),
        ("redo:3", "重做"),
        ("import:渝中区.xlsx", "导入工作簿"),
        ("fill:cli", "下级报送汇总填写"),
        ("tui", "本程序"),
        ("cli", "命令行"),
        ("web", "web"),  # a source without words of its own is named as written
        ("", "未知来源"),
        (None, "未知来源"),
        ("xundo:1", "xundo:1"),  # a prefix only at the start
    ],
)
def test_each_source_in_words(source, words):
    assert source_words(source) == words


def test_a_value_is_shown_whole_up_to_thirty_characters_then_cut():
    assert _shown_value(None) == "(空)" and _shown_value("") == "(空)"
    assert _shown_value(0) == "0" and _shown_value("甲") == "甲"
    assert _shown_value("字" * 30) == "字" * 30
    assert _shown_value("字" * 31) == "字" * 30 + "…"


def _set_user(monkeypatch, name: str) -> None:
    for var in ("USERNAME", "LOGNAME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("USER", name)


def test_who_changed_a_field_since_is_named_with_time_and_way(work_db, monkeypatch):
    _set_user(monkeypatch, "科员乙")
    with Store(work_db) as store:
        store.set_fields(UNIT, ITEM, {"note": "甲"}, source="cli")
        store.set_fields(UNIT, ITEM, {"note": "乙"}, source="tui")
        at = store.conn.execute("SELECT max(at) FROM history WHERE field = 'note'").fetchone()[0]
        said = changed_since(store.conn, store.doc, UNIT, ITEM, "note", "乙")
        assert said == f"条目 {ITEM} 的备注现为「乙」,是 科员乙 在 {at.replace('T', ' ')} 通过本程序改的"
        # the line that wrote the value it holds, not a later one that wrote another
        said = changed_since(store.conn, store.doc, UNIT, ITEM, "note", "甲")
        assert "现为「甲」" in said and "通过命令行改的" in said
        # a value no history line wrote (a restore, a hand edit)
        assert changed_since(store.conn, store.doc, UNIT, ITEM, "office", None) == (
            f"条目 {ITEM} 的责任科室现为「(空)」,是没有修改记录的改动(如从备份恢复)"
        )
        # another unit's or another document's lines are not this one's
        assert "没有修改记录" in changed_since(store.conn, store.doc, "渝北区", ITEM, "note", "乙")
        assert "没有修改记录" in changed_since(store.conn, store.doc + 1, UNIT, ITEM, "note", "乙")


def test_a_refused_undo_says_all_of_it(work_db, monkeypatch):
    _set_user(monkeypatch, "科员甲")
    with Store(work_db) as app, Store(work_db) as cli:
        action = app.set_fields(UNIT, ITEM, {"note": "甲写的"}, source="tui")
        _set_user(monkeypatch, "科员乙")
        cli.set_fields(UNIT, ITEM, {"note": "乙改的"}, source="cli")
        at = cli.conn.execute("SELECT max(at) FROM history").fetchone()[0].replace("T", " ")
        with pytest.raises(Conflict) as caught:
            app.undo(UNIT, action)
        assert str(caught.value).startswith(
            f"无法撤销:条目 {ITEM} 的备注现为「乙改的」,是 科员乙 在 {at} 通过命令行改的"
        )
        with sqlite3.connect(work_db) as conn:
            assert conn.execute(
                "SELECT note FROM progress WHERE item_id = ? AND unit = ?", (ITEM, UNIT)
            ).fetchone() == ("乙改的",)


def _entry(n: int) -> dict:
    return {
        "kind": "url",
        "value": f"https://www.cqyz.gov.cn/{n}.html",
        "caption": "",
        "added_at": "2021-06-01T09:00:00",
    }


def test_an_older_versions_whole_list_evidence_line_is_undone_and_redone_an_entry_at_a_time(work_db):
    """Before evidence changed an entry at a time, a history line held the whole list (old → new):
    undoing it removes what it added and gives back what it removed, leaving other entries alone."""

    with Store(work_db) as store:
        store.add_evidence_many(UNIT, ITEM, [_entry(1)["value"], _entry(2)["value"]])  # what the list held after
        store.add_evidence_many(UNIT, ITEM, [_entry(9)["value"]])  # added later by someone else
        conn = store.wconn
        action = conn.execute("SELECT coalesce(max(action_id), 0) + 1 FROM history").fetchone()[0]
        conn.execute(
            "INSERT INTO history (doc, action_id, at, os_user, unit, item_id, field, old, new, source)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                store.doc,
                action,
                "2021-06-01T09:00:00",
                "科员甲",
                UNIT,
                ITEM,
                "evidence",
                json.dumps([_entry(0), _entry(1)], ensure_ascii=False),  # 0 removed, 2 added
                json.dumps([_entry(1), _entry(2)], ensure_ascii=False),
                "tui",
            ),
        )
        store.undo(UNIT, action)
        assert sorted(e["value"] for e in store.evidence(UNIT, ITEM)) == [_entry(n)["value"] for n in (0, 1, 9)]
        store.redo(UNIT, action)
        assert sorted(e["value"] for e in store.evidence(UNIT, ITEM)) == [_entry(n)["value"] for n in (1, 2, 9)]


def test_an_action_whose_number_is_another_actions_now_is_refused_naming_that_one(work_db, monkeypatch):
    _set_user(monkeypatch, "科员甲")
    with Store(work_db) as store:
        action = store.set_fields(UNIT, ITEM, {"note": "甲"})
        conn = store.wconn
        # a backup restored: the number's lines are now another user's change, at another time
        conn.execute(
            "UPDATE history SET os_user = NULL, at = '2021-07-01T08:30:00' WHERE action_id = ?", (int(action),)
        )
        with pytest.raises(InputError) as caught:
            store.undo(UNIT, action)
        assert str(caught.value) == (
            "无法撤销:这一步的修改记录已不在数据库中,同一编号现在是 未知用户 在 2021-07-01 08:30:00 的另一次修改"
            "(数据库可能已从备份恢复),不会去改它,未做任何改动"
        )
        conn.execute("UPDATE history SET at = NULL WHERE action_id = ?", (int(action),))
        with pytest.raises(InputError) as caught:
            store.redo(UNIT, action)
        assert "同一编号现在是 未知用户 在  的另一次修改" in str(caught.value) and str(caught.value).startswith(
            "无法重做"
        )
        assert store.entry(UNIT, ITEM).note == "甲"
