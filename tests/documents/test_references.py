"""往年参考: each 2022 item is matched to the 2021 item it was written from (hand-typed in
tests/data/years/expected.json), new tasks to none; the unit's 2021 work comes with it."""

from __future__ import annotations

from tests.cli_helpers import invoke, ok
from tui.store import Store

from .conftest import EXPECTED, N2021, N2022, Y2022_REVISED, rows


def refs(db, doc):
    return {r["item_id"]: r["ref_item"] for r in rows(db, "SELECT * FROM item_refs WHERE doc = ?", (doc,))}


def test_every_item_written_from_a_2021_item_finds_it_and_new_tasks_find_none(two_years):
    expected = EXPECTED["yufubanfa-2022.txt"]["from_2021"]
    assert refs(two_years, 2) == expected
    assert refs(two_years, 1) == {}  # nothing earlier than 2021


def test_the_reference_carries_the_units_2021_work_and_nothing_is_copied_uninvited(two_years):
    with Store(two_years) as store:
        assert store.document["number"] == N2022
        [item] = [i for i, old in EXPECTED["yufubanfa-2022.txt"]["from_2021"].items() if old == "1.1.3-2"]
        ref = store.reference("渝中区", item)
        assert (ref["number"], ref["year"], ref["item_id"], ref["status"], ref["reason"]) == (
            N2021,
            2021,
            "1.1.3-2",
            "不适用",
            "本区无此项",
        )
        assert 0.6 <= ref["score"] < 1  # reworded (及其年度实施情况 inserted)
        ok(
            invoke(
                "done", "1.1.3-2", "-u", "渝中区", "--doc", "2021", "-e", "https://www.cqyz.gov.cn/b", "--db", two_years
            )
        )
        assert [e["value"] for e in store.reference("渝中区", item)["evidence"]] == ["https://www.cqyz.gov.cn/b"]
        assert store.entry("渝中区", item).status == "未开始"
        assert store.reference("江北区", item)["status"] == "未开始"  # another unit's 2021 work is its own
        new = next(
            i
            for i in EXPECTED["yufubanfa-2022.txt"]["units"]["各区县政府"]
            if i not in EXPECTED["yufubanfa-2022.txt"]["from_2021"]
        )
        assert store.reference("渝中区", new) is None


def test_a_revised_text_gets_its_references_and_a_later_year_follows_the_revision(two_years, tmp_path):
    ok(invoke("load", "--yes", Y2022_REVISED, "--revises", N2022, "--db", two_years))
    assert refs(two_years, 3) == EXPECTED["yufubanfa-2022-revised.txt"]["from_2021"]
    assert rows(two_years, "SELECT count(*) AS n FROM item_refs WHERE ref_doc = 2")[0]["n"] == 0


def test_every_loaded_item_carries_the_pinyin_initials_of_its_text(two_years):
    from tui.store.build import text_initials

    assert text_initials("公开本区县规范性文件(公开路径:政府网站)") == "gkbqxgfxwjgklj" + "zfwz"
    for r in rows(two_years, "SELECT doc, grp, text, initials FROM items"):
        assert r["initials"] == text_initials((r["grp"] or "") + r["text"]) != ""
    with Store(two_years) as store:
        assert all(e.initials for e in store.checklist("渝中区"))
