"""待确认 resolved (issue #13 part 5, the store and CLI side): `confirm` records that an item a
unit is named in only through a conditional collective (市政府有关部门) applies to it."""

from __future__ import annotations

import json

from tests.cli_helpers import assert_user_error, invoke, ok


def entries(db, unit):
    return {e["id"]: e for e in json.loads(ok(invoke("list", "-u", unit, "--json", "--db", db)).stdout)}


def test_confirm_resolves_a_to_confirm_item_and_is_one_undoable_history_line(work_db):
    from tui.store import Store

    before = entries(work_db, "市教委")
    assert before["1.1.2-1"]["to_confirm"] and before["1.1.2-1"]["via"] == "to_confirm"
    out = ok(invoke("confirm", "1.1.2-1", "1.2.4-1", "-u", "市教委", "--db", work_db)).stdout
    assert "已确认适用" in out
    after = entries(work_db, "市教委")
    assert not after["1.1.2-1"]["to_confirm"] and after["1.1.2-1"]["confirmed"]
    assert after["1.1.2-1"]["via"] == "to_confirm"  # how the document names it does not change
    assert after["2.2.3-1"]["to_confirm"]  # the others stay to confirm
    assert "(无变化)" in ok(invoke("confirm", "1.1.2-1", "-u", "市教委", "--db", work_db)).stdout
    with Store(work_db) as store:
        lines = [h for h in store.history("市教委", "1.1.2-1")]
        assert [(h["field"], h["old"]) for h in lines] == [("confirmed", None)]
        store.undo("市教委", lines[0]["action_id"])
    assert entries(work_db, "市教委")["1.2.4-1"]["to_confirm"]


def test_not_applicable_resolves_it_too_and_a_direct_item_needs_no_confirmation(work_db):
    ok(invoke("status", "2.2.3-1", "不适用", "-u", "市教委", "--reason", "本委无此项", "--db", work_db))
    assert not entries(work_db, "市教委")["2.2.3-1"]["to_confirm"]
    through = next(i for i, e in entries(work_db, "渝中区").items() if e["via"] == "collective")  # 各区县政府
    direct = next(i for i, e in entries(work_db, "市教委").items() if e["via"] == "direct")
    for unit, item in (("渝中区", through), ("市教委", direct)):
        assert_user_error(invoke("confirm", item, "-u", unit, "--db", work_db), "不需要确认")
    assert_user_error(invoke("confirm", "9.9.9-9", "-u", "渝中区", "--db", work_db), "没有编号为「9.9.9-9」")
