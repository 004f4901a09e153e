"""`L` (the lead's review) and the checklist agree on what a unit leads: a row led through
a collective (市、区县政府门户网站主办单位 leads 1.1.6) is led by each member for its own part."""

from __future__ import annotations

from tui.store import Store


def test_every_unit_reviews_the_rows_its_list_marks_lead(work_db):
    with Store(work_db, readonly=True) as store:
        for u in store.units():
            led = {e.row_id for e in store.checklist(u["name"]) if "牵头" in e.roles}
            assert {r.row_id for r in store.review(u["name"])} == led, u["name"]


def test_a_row_led_through_a_collective_reviews_the_unit_itself(work_db):
    with Store(work_db) as store:
        entry = store.entry("渝中区", "1.1.6-1")
        assert "牵头" in entry.roles and "渝中区" not in entry.lead_units
        peer = next(m["name"] for m in store.members(entry.lead_units[0]) if m["name"] != "渝中区")
        store.set_status("渝中区", ["1.1.6-1"], "推进中")
        store.set_status(peer, ["1.1.6-1"], "已完成")
        row = next(r for r in store.review("渝中区") if r.row_id == "1.1.6")
        assert [u.unit for u in row.units] == ["渝中区"]  # not the other 区县, who lead their own part
        assert row.units[0].counts.get("推进中") == 1
