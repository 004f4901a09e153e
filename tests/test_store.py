"""The store API directly: actions and history, undo/redo, evidence, unit resolution,
applicability, and rebuilding the pristine database."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import PRISTINE, SOURCE
from tui.store import InputError, Store
from tui.store.build import build_database
from tui.units import DISTRICTS, UnknownUnit

DAY = dt.date(2021, 6, 1)
LATER = dt.date(2021, 7, 1)


@pytest.fixture
def store(work_db):
    with Store(work_db) as s:
        yield s


def counts(store: Store) -> dict[str, int]:
    return {
        t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("progress", "evidence", "history")
    }


def action_lines(store: Store, action_id: int) -> list[dict]:
    return [dict(r) for r in store.conn.execute("SELECT * FROM history WHERE action_id=? ORDER BY id", (action_id,))]


def state(store: Store, unit: str, item_ids) -> dict[str, tuple]:
    out = {}
    for item in item_ids:
        e = store.entry(unit, item)
        out[item] = (e.status, e.reason, e.done_date, e.note, e.evidence_count)
    return out


# -- actions, history, undo, redo ------------------------------------------------------


def test_bulk_set_status_is_one_action_and_undo_restores_every_field(store):
    unit = "渝中区"
    items = [e.id for e in store.checklist(unit)[:4]]
    assert len(items) == 4
    first = store.mark_done(unit, items[0], ["https://www.cq.gov.cn/a"], "已公开", today=DAY)
    second = store.set_status(unit, [items[1]], "推进中", today=DAY)
    assert first is not None and second is not None and second != first
    before = state(store, unit, items)
    assert before[items[0]] == ("已完成", None, "2021-06-01", "已公开", 1)
    assert before[items[1]][0] == "推进中"
    n_history = counts(store)["history"]

    bulk = store.set_status(unit, items, "不适用", reason="本区无此项工作", today=LATER)
    lines = action_lines(store, bulk)
    assert {line["item_id"] for line in lines} == set(items)
    assert len({line["action_id"] for line in lines}) == 1
    assert counts(store)["history"] == n_history + len(lines)
    assert all(line["unit"] == unit and line["source"] == "cli" for line in lines)
    after = state(store, unit, items)
    for item in items:
        assert after[item][:3] == ("不适用", "本区无此项工作", None)
    assert after[items[0]][3:] == ("已公开", 1)  # note and evidence are not part of a status change

    undo = store.undo(unit, bulk)
    assert undo is not None and undo not in (first, second, bulk)
    assert state(store, unit, items) == before
    undo_lines = action_lines(store, undo)
    assert len(undo_lines) == len(lines)
    assert all(line["source"] == f"undo:{bulk}" and line["unit"] == unit for line in undo_lines)
    assert sorted((u["item_id"], u["field"], u["old"], u["new"]) for u in undo_lines) == sorted(
        (x["item_id"], x["field"], x["new"], x["old"]) for x in lines
    )
    assert store.undo(unit, bulk) is None  # already undone: nothing to change, no history
    assert counts(store)["history"] == n_history + 2 * len(lines)

    redo = store.redo(unit, bulk)
    assert redo is not None and redo != undo
    assert state(store, unit, items) == after
    assert all(line["source"] == f"redo:{bulk}" for line in action_lines(store, redo))
    assert len(action_lines(store, redo)) == len(lines)


def test_set_status_checks_every_item_before_writing(store):
    before = counts(store)
    with pytest.raises(InputError):
        store.set_status("渝中区", ["1.1.3-1", "9.9.9-9"], "推进中")
    with pytest.raises(InputError):
        store.set_status("渝中区", ["1.1.3-1", "1.1.1-1"], "推进中")  # 1.1.1 is not a 区县 row
    with pytest.raises(InputError):
        store.set_status("渝中区", ["1.1.3-1"], "不适用", reason=" ")
    assert counts(store) == before
    assert store.entry("渝中区", "1.1.3-1").status == "未开始"


def test_unchanged_write_is_no_action(store):
    assert store.set_status("渝中区", ["1.1.3-1"], "未开始") is None
    assert store.set_fields("渝中区", "1.1.3-1", {"note": None, "office": "  "}) is None
    assert counts(store) == {"progress": 0, "evidence": 0, "history": 0}


def test_undo_of_done_restores_pristine_state(store):
    unit = "各区县政府"
    before = state(store, unit, ["1.2.5-1"])
    action = store.mark_done(unit, "1.2.5-1", ["https://a.example/x", "https://a.example/y"], "备注", today=DAY)
    assert len(store.evidence(unit, "1.2.5-1")) == 2
    store.undo(unit, action)
    assert state(store, unit, ["1.2.5-1"]) == before
    assert store.evidence(unit, "1.2.5-1") == []
    store.redo(unit, action)
    assert [r["value"] for r in store.evidence(unit, "1.2.5-1")] == ["https://a.example/x", "https://a.example/y"]
    assert store.entry(unit, "1.2.5-1").done_date == "2021-06-01"


def test_undo_is_per_unit(store):
    a = store.set_status("渝中区", ["1.1.3-1"], "推进中")
    b = store.set_status("万州区", ["1.1.3-1"], "推进中")
    with pytest.raises(InputError, match="这一步的修改记录已不在数据库中"):  # action a belongs to 渝中区
        store.undo("万州区", a)
    assert store.entry("渝中区", "1.1.3-1").status == "推进中"
    store.undo("万州区", b)
    assert store.entry("万州区", "1.1.3-1").status == "未开始"
    assert store.entry("渝中区", "1.1.3-1").status == "推进中"


def test_evidence_add_remove_round_trips_through_undo(store, tmp_path):
    unit, item = "市发展改革委", "1.1.1-1"
    shot = tmp_path / "截图.png"
    shot.write_bytes(b"\x89PNG fake")
    a1 = store.add_evidence(unit, item, "https://www.cq.gov.cn/zwgk/1.html", caption="规划全文")
    a2 = store.add_evidence(unit, item, str(shot), caption="截图")
    records = store.evidence(unit, item)
    assert [(r["kind"], r["caption"]) for r in records] == [("url", "规划全文"), ("file", "截图")]
    assert records[1]["size"] == len(b"\x89PNG fake") and len(records[1]["sha256"]) == 64
    snapshot = [{k: r[k] for k in ("kind", "value", "caption", "added_at", "size", "sha256")} for r in records]

    removed = store.remove_evidence(unit, item, 0)
    assert [r["caption"] for r in store.evidence(unit, item)] == ["截图"]
    lines = action_lines(store, removed)
    # One entry removed, written as that entry: evidence is a set, never rewritten as a list.
    assert [(line["field"], line["item_id"]) for line in lines] == [("evidence-", item)]
    assert json.loads(lines[0]["old"]) == snapshot[0] and lines[0]["new"] is None

    store.undo(unit, removed)
    again = [{k: r[k] for k in snapshot[0]} for r in store.evidence(unit, item)]
    assert sorted(again, key=lambda r: r["value"]) == sorted(snapshot, key=lambda r: r["value"])
    store.redo(unit, removed)
    assert [r["caption"] for r in store.evidence(unit, item)] == ["截图"]
    store.undo(unit, removed)
    store.undo(unit, a2)
    store.undo(unit, a1)
    assert store.evidence(unit, item) == []
    with pytest.raises(InputError):
        store.remove_evidence(unit, item, 0)


@pytest.mark.parametrize(
    "bad", ["javascript:alert(1)", "ftp://x", "https://", "http://a b.com", "  ", "/nonexistent/dir/file.pdf", "a\x00b"]
)
def test_mark_done_validates_all_evidence_before_writing(store, tmp_path, bad):
    good_file = tmp_path / "ok.pdf"
    good_file.write_bytes(b"%PDF-1.4")
    before = counts(store)
    with pytest.raises(InputError):
        store.mark_done("渝中区", "1.1.3-1", ["https://www.cq.gov.cn/ok", str(good_file), bad], "不应写入")
    assert counts(store) == before
    e = store.entry("渝中区", "1.1.3-1")
    assert (e.status, e.note, e.done_date, e.evidence_count) == ("未开始", None, None, 0)
    with pytest.raises(InputError):
        store.add_evidence("渝中区", "1.1.3-1", bad)
    assert counts(store) == before


def test_mark_done_twice_adds_no_duplicate_evidence(store, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("一", encoding="utf-8")
    first = store.mark_done("渝中区", "1.1.3-1", ["https://x.cn/a", "https://x.cn/a", str(f)], today=DAY)
    assert first is not None
    assert [r["value"] for r in store.evidence("渝中区", "1.1.3-1")] == ["https://x.cn/a", str(f.resolve())]
    assert store.mark_done("渝中区", "1.1.3-1", ["https://x.cn/a", str(f)], today=LATER) is None
    assert store.entry("渝中区", "1.1.3-1").done_date == "2021-06-01"  # first completion date is kept
    f.write_text("二", encoding="utf-8")  # changed file: a new fingerprint is new evidence
    assert store.mark_done("渝中区", "1.1.3-1", [str(f)]) is not None
    assert len(store.evidence("渝中区", "1.1.3-1")) == 3


NOTES = [
    "第一行\n第二行\r\n第三行\n",
    "完成 🎉👨‍👩‍👧 𠀀",
    "\u200fمرحبا\u200e 中文 \u202eabc\u202c",
    "=1+1",
    '=HYPERLINK("http://evil.example","点我")',
    "+86 023",
    "-负数",
    "@SUM(A1)",
    "  前后空格  ",
    "'单引号\" 双引号; DROP TABLE progress;--",
]


@pytest.mark.parametrize("note", NOTES)
def test_notes_survive_unchanged(work_db, note):
    with Store(work_db) as store:
        a = store.mark_done("渝中区", "1.1.3-1", [], note)
        assert store.entry("渝中区", "1.1.3-1").note == note
        store.set_fields("渝中区", "1.1.3-2", {"note": note, "office": note, "person": note, "requirement": note})
        e = store.entry("渝中区", "1.1.3-2")
        assert (e.note, e.office, e.person, e.requirement) == (note, note, note, note)
        [line] = [x for x in action_lines(store, a) if x["field"] == "note"]
        assert line["new"] == note
    with Store(work_db, readonly=True) as fresh:
        assert fresh.entry("渝中区", "1.1.3-1").note == note
        assert fresh.entry("渝中区", "1.1.3-2").person == note


def test_set_fields_rejects_status_fields(store):
    for name in ("status", "reason", "done_date", "nonsense"):
        with pytest.raises(InputError):
            store.set_fields("渝中区", "1.1.3-1", {name: "x"})
    assert counts(store)["history"] == 0


# -- unit resolution ------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, name",
    [
        ("市发展改革委", "市发展改革委"),
        ("各区县政府", "各区县政府"),
        ("市、区县政府门户网站承办单位", "市、区县政府门户网站承办单位"),
        (" 市教委 ", "市教委"),
        ("发改委", "市发展改革委"),
        ("市发改委", "市发展改革委"),
        ("卫健委", "市卫生健康委"),
        ("发展改革委", "市发展改革委"),
        ("重庆市发展改革委", "市发展改革委"),
        ("区县政府", "各区县政府"),
        ("渝中区", "渝中区"),
        ("渝中区政府", "渝中区"),
        ("渝中区人民政府", "渝中区"),
        ("渝中", "渝中区"),
        ("两江新区", "两江新区"),
        ("两江新区管委会", "两江新区"),
        ("石柱县", "石柱土家族自治县"),
        ("石柱土家族自治县", "石柱土家族自治县"),
        ("忠县", "忠县"),
        ("万州区", "万州区"),
        ("fgw", "市发展改革委"),
        ("FGW", "市发展改革委"),
        ("sfzggw", "市发展改革委"),
        ("wjw", "市卫生健康委"),
        ("yzq", "渝中区"),
        ("fagaiwei", "市发展改革委"),
        ("shifazhangaigewei", "市发展改革委"),
        ("yuzhongqu", "渝中区"),
        ("yu zhong qu", "渝中区"),
        ("gequxianzhengfu", "各区县政府"),
        ("shizhengfubangongting", "市政府办公厅"),
    ],
)
def test_resolve(store, typed, name):
    assert store.catalogue.resolve(typed) == name
    assert store.resolve_unit(typed) == name


@pytest.mark.parametrize("typed, names", [("qjq", ["綦江区", "黔江区"]), ("yyx", ["云阳县", "酉阳土家族苗族自治县"])])
def test_resolve_ambiguous_spelling(store, typed, names):
    with pytest.raises(UnknownUnit) as info:
        store.catalogue.resolve(typed)
    assert info.value.ambiguous is True
    assert sorted(info.value.suggestions) == sorted(names)
    assert all(n in str(info.value) for n in names)


@pytest.mark.parametrize("typed", ["不存在的单位", "发展改革", "渝中去", "zzzzzz", "市教育委员会", "x"])
def test_resolve_unknown_unit_suggests_at_most_five(store, typed):
    with pytest.raises(UnknownUnit) as info:
        store.catalogue.resolve(typed)
    err = info.value
    assert err.ambiguous is False and err.text == typed
    assert 1 <= len(err.suggestions) <= 5
    assert len(set(err.suggestions)) == len(err.suggestions)
    assert set(err.suggestions) <= {u["name"] for u in store.units()}
    assert f"未知单位「{typed}」" in str(err)
    if typed == "发展改革":
        assert "市发展改革委" in err.suggestions
    if typed == "渝中去":
        assert "渝中区" in err.suggestions
    if typed == "市教育委员会":
        assert "市教委" in err.suggestions


# -- applicability --------------------------------------------------------------------


def rows_naming(store: Store, unit: str) -> list[str]:
    return [rid for rid, row in store.structure.rows.items() if unit in row["lead_units"] + row["responsible_units"]]


def by_row(entries) -> dict[str, tuple]:
    out = {}
    for e in entries:
        out.setdefault(e.row_id, (e.roles, e.via))
        assert out[e.row_id] == (e.roles, e.via)  # every item of a row applies the same way
    return out


def test_general_office_sees_portal_host_rows_via_collective(store):
    rows = rows_naming(store, "市、区县政府门户网站主办单位")
    assert rows
    seen = by_row(store.checklist("市政府办公厅"))
    for rid in rows:
        row = store.structure.rows[rid]
        if "市政府办公厅" not in row["lead_units"] + row["responsible_units"]:
            assert seen[rid][1] == "collective", rid
        assert "牵头" in seen[rid][0]  # the host unit leads these rows
    # the office is not an operator (承办单位) of the portal
    only_operator = [
        rid
        for rid in rows_naming(store, "市、区县政府门户网站承办单位")
        if rid not in rows and rid not in rows_naming(store, "市政府办公厅")
    ]
    assert not set(only_operator) & set(seen)


@pytest.mark.parametrize("dept", ["市发展改革委", "市财政局", "市教委", "市司法局"])
def test_city_department_sees_relevant_departments_rows_to_confirm(store, dept):
    assert store.catalogue.kinds[dept] == "市级部门"
    rows = rows_naming(store, "市政府有关部门")
    assert rows
    certain = {
        r[0]
        for r in store.conn.execute("SELECT collective FROM memberships WHERE member=? AND how='collective'", (dept,))
    }
    seen = by_row(store.checklist(dept))
    confirm = []
    for rid in rows:
        assert rid in seen, rid
        row = store.structure.rows[rid]
        named = set(row["lead_units"] + row["responsible_units"])
        if dept in named:
            assert seen[rid][1] == "direct"
        elif not named & certain:
            roles = tuple(
                role
                for role, units in (("牵头", row["lead_units"]), ("责任", row["responsible_units"]))
                if "市政府有关部门" in units
            )
            assert seen[rid] == (roles, "to_confirm"), rid
            confirm.append(rid)
    assert confirm
    assert all(e.to_confirm == (e.via == "to_confirm") for e in store.checklist(dept))


def test_district_sees_all_districts_rows_via_collective(store):
    rows = rows_naming(store, "各区县政府")
    assert rows
    reference = [(e.id, e.roles) for e in store.checklist("各区县政府")]
    for district in DISTRICTS:
        entries = store.checklist(district)
        assert [(e.id, e.roles) for e in entries] == reference, district
        seen = by_row(entries)
        for rid in rows:
            assert seen[rid][1] == "collective"
        assert all(e.via != "direct" for e in entries)  # no 区县 is named on its own in 2021
    assert "1.1.1" not in by_row(store.checklist("渝中区"))


def test_city_department_does_not_see_district_only_rows(store):
    seen = by_row(store.checklist("市财政局"))
    kinds = store.catalogue.kinds
    district_only = [
        rid
        for rid, row in store.structure.rows.items()
        if row["responsible_units"] == ["各区县政府"]
        and all(kinds[u] == "市级部门" and u != "市财政局" for u in row["lead_units"])
    ]
    assert district_only
    assert not set(district_only) & set(seen)


def test_roles_can_be_both_lead_and_responsible(store):
    row = store.structure.rows["1.1.1"]
    assert row["lead_units"] == ["市发展改革委"] and row["responsible_units"] == ["市发展改革委"]
    entries = [e for e in store.checklist("市发展改革委") if e.row_id == "1.1.1"]
    assert len(entries) == 3
    for e in entries:
        assert e.roles == ("牵头", "责任")
        assert e.via == "direct"


def test_checklist_in_document_order(store):
    order = {it["id"]: i for i, it in enumerate(store.structure.items)}
    for unit in ("市政府办公厅", "渝中区", "市发展改革委"):
        ids = [e.id for e in store.checklist(unit)]
        assert ids == sorted(ids, key=order.__getitem__)


# -- building the database --------------------------------------------------------------


def content(path: Path) -> dict:
    """Every table's rows ordered by all columns, plus the schema and user_version."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        out = {
            "__schema__": conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
            ).fetchall(),
            "__user_version__": conn.execute("PRAGMA user_version").fetchone()[0],
        }
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for table in tables:
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            order = ", ".join(f'"{c}"' for c in cols)
            out[table] = conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()
    return out


def test_rebuild_matches_committed_database(tmp_path):
    out = tmp_path / "rebuilt.sqlite"
    doc = build_database(SOURCE, out).document
    assert len(doc.rows) == 71
    committed, rebuilt = content(PRISTINE), content(out)
    assert set(rebuilt) == set(committed)
    for table in committed:
        assert rebuilt[table] == committed[table], table
    assert committed["progress"] == [] and committed["evidence"] == [] and committed["history"] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rebuilt.sqlite"]


def test_building_twice_gives_identical_content(tmp_path):
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    build_database(SOURCE, a)
    build_database(SOURCE, b)
    assert content(a) == content(b)
    build_database(SOURCE, a)  # rebuilding over an existing file replaces it
    assert content(a) == content(b)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.sqlite", "b.sqlite"]


def test_entries_for_some_items_match_the_checklist(store):
    unit = "渝中区"
    all_entries = store.checklist(unit)
    ids = [all_entries[5].id, all_entries[0].id, "1.1.1-1", all_entries[2].id]  # 1.1.1-1 does not apply
    action = store.set_status(unit, [all_entries[0].id, all_entries[2].id], "推进中")
    store.mark_done(unit, all_entries[5].id, ["https://x.cn/1"], "备注")
    fresh = {e.id: e for e in store.checklist(unit)}
    some = store.entries(unit, ids)
    assert [e.id for e in some] == [all_entries[0].id, all_entries[2].id, all_entries[5].id]  # document order
    for e in some:
        assert e == fresh[e.id]
    assert store.action_items(unit, action) == sorted([all_entries[0].id, all_entries[2].id])
    assert store.entries(unit, []) == []


def test_text_and_evidence_limits_match_what_an_import_accepts(store):
    from tui.store import InputError
    from tui.store.text_limits import MAX_EVIDENCE, MAX_TEXT

    with pytest.raises(InputError, match="上限"):
        store.set_fields("渝中区", "1.1.3-1", {"note": "字" * (MAX_TEXT + 1)})
    store.set_fields("渝中区", "1.1.3-1", {"note": "字" * MAX_TEXT})
    for n in range(MAX_EVIDENCE):
        store.add_evidence("渝中区", "1.1.3-1", f"https://www.cqyz.gov.cn/{n}.html")
    with pytest.raises(InputError, match="上限"):
        store.add_evidence("渝中区", "1.1.3-1", "https://www.cqyz.gov.cn/more.html")
    assert len(store.evidence("渝中区", "1.1.3-1")) == MAX_EVIDENCE
