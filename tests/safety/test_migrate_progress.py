"""Carrying progress across document versions (issue point 7):
`gongkai-tui migrate-progress OLD NEW` keeps every unit's progress, evidence and history
for items whose text is unchanged — matched by text hash, not by position — and lists
the items whose text changed or vanished.

The revised document is the 2021 text with three edits, built with `build-db`:
- row 1.1.2 removed: the rows after it move up (1.1.3 → 1.1.2, 1.1.4 → 1.1.3);
- a row inserted before 1.1.5 (it becomes the new 1.1.4; 1.1.5 keeps its number);
- item 1.1.1-2 reworded.
Matching by position would hang the progress of the removed 1.1.2-1 on the new 1.1.2-1
(another text, same lead unit 市发展改革委) and lose the moved rows' progress: the
assertions on those items fail for a positional carry.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from benchmarks.synthetic import make_document
from tests.cascade_helpers import received
from tui.store import Store

from .conftest import UNIT, assert_user_error, integrity, invoke, ok, query, snapshot

DEV = "市发展改革委"
PLAN = "市规划自然资源局"
INSERTED = "公开本区县国土空间规划实施评估报告(公开路径:政府网站>政府信息公开>规划信息)。"
MOVED = {"1.1.3-1": "1.1.2-1", "1.1.3-2": "1.1.2-2", "1.1.4-1": "1.1.3-1"}
SAME = ["1.1.1-1", "1.1.5-1"]
CHANGED = ["1.1.1-2", "1.1.2-1"]  # reworded, removed


def revised_text(text: str) -> str:
    lines = text.split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("公开本行业领域“十四五”市级重点专项规划"))
    j = next(k for k in range(i, len(lines)) if lines[k] == "市政府有关部门")
    assert lines[j + 1 : j + 4] == ["", "\u00a0", ""]
    del lines[i : j + 4]  # row 1.1.2 with its unit cell
    k = next(k for k, line in enumerate(lines) if line.startswith("公开本区县法定国土空间规划"))
    lines[k:k] = [INSERTED, "", "\u00a0", "", "各区县政府", "", "\u00a0", ""]
    r = next(k for k, line in enumerate(lines) if line.startswith("2.公开区域规划("))
    lines[r] = lines[r].replace("2.公开区域规划(", "2.公开区域规划和国土空间总体规划(", 1)
    return "\n".join(lines)


@pytest.fixture
def new_db(tmp_path, source_text) -> Path:
    source = tmp_path / "yufubanfa-2021-50-修订.txt"
    source.write_text(revised_text(source_text), encoding="utf-8")
    out = tmp_path / "new.sqlite"
    ok(invoke("build-db", source, "-o", out))
    return out


@pytest.fixture
def old_db(work_db, user) -> Path:
    """Progress of three units on items that stay, move, change and vanish."""
    with Store(work_db) as s:
        s.mark_done(DEV, "1.1.1-1", ["https://fzggw.cq.gov.cn/a"], "纲要已公开")
        s.set_status(DEV, ["1.1.1-2"], "推进中")
        s.set_status(DEV, ["1.1.2-1"], "推进中")
        s.set_fields(DEV, "1.1.2-1", {"office": "规划处"})
        s.mark_done(UNIT, "1.1.3-1", ["https://www.cqyz.gov.cn/plan"], "区规划已公开")
        s.set_fields(UNIT, "1.1.3-1", {"office": "区发展改革委", "person": "李四", "requirement": "6月底前公开"})
        undone = s.set_status(UNIT, ["1.1.3-2"], "推进中")
        s.undo(UNIT, undone)  # history lines, progress back to 未开始
        s.set_status(UNIT, ["1.1.5-1"], "推进中")
        s.mark_done(PLAN, "1.1.4-1", ["https://ghzrzy.cq.gov.cn/b"])
    return work_db


def rows(db: Path, table: str) -> list[dict]:
    names = [r[1] for r in query(db, f"PRAGMA table_info({table})")]
    return [dict(zip(names, r)) for r in query(db, f"SELECT * FROM {table} ORDER BY rowid")]


def text_of(db: Path, item: str) -> str:
    return query(db, "SELECT text FROM items WHERE id=?", (item,))[0][0]


def test_migrate_progress_across_a_revised_document(old_db, new_db):
    # the premise: moved items have the same text under a new number, changed ones not
    for old_id, new_id in MOVED.items():
        assert text_of(old_db, old_id) == text_of(new_db, new_id)
    assert text_of(old_db, "1.1.2-1") != text_of(new_db, "1.1.2-1")
    assert text_of(new_db, "1.1.4-1") == INSERTED
    old_before = snapshot(old_db)
    new_before = snapshot(new_db)
    assert new_before["progress"] == new_before["history"] == []

    out = ok(invoke("migrate-progress", old_db, new_db)).stdout
    lines = out.splitlines()
    mapping = {**{i: i for i in SAME}, **MOVED}
    carried_progress = [r for r in rows(old_db, "progress") if r["item_id"] in mapping]
    carried_evidence = [r for r in rows(old_db, "evidence") if r["item_id"] in mapping]
    carried_history = [r for r in rows(old_db, "history") if r["item_id"] in mapping]
    assert lines[0] == (
        f"已迁移:进度 {len(carried_progress)} 条,佐证 {len(carried_evidence)} 条,修改记录 {len(carried_history)} 条。"
    )
    assert "编号有变化(文字相同):" + ";".join(f"{o} → {n}" for o, n in sorted(MOVED.items())) in lines
    assert f"需要人工核对(文字已修改或条目已删除,进度未迁移):{'、'.join(CHANGED)}" in lines

    # progress: every column kept, under the new number
    new_progress = {(r["item_id"], r["unit"]): r for r in rows(new_db, "progress")}
    assert len(new_progress) == len(carried_progress)
    for r in carried_progress:
        assert new_progress[(mapping[r["item_id"]], r["unit"])] == {**r, "item_id": mapping[r["item_id"]]}
    # evidence: every record, in order
    strip = lambda r: {k: v for k, v in r.items() if k != "id"}  # noqa: E731
    assert [strip(r) for r in rows(new_db, "evidence")] == [
        {**strip(r), "item_id": mapping[r["item_id"]]} for r in carried_evidence
    ]
    # history: every line, and the lines of one action stay one action
    new_history = rows(new_db, "history")
    assert [{k: v for k, v in strip(r).items() if k != "action_id"} for r in new_history] == [
        {**{k: v for k, v in strip(r).items() if k != "action_id"}, "item_id": mapping[r["item_id"]]}
        for r in carried_history
    ]
    groups_old, groups_new = defaultdict(set), defaultdict(set)
    for o, n in zip(carried_history, new_history):
        groups_old[o["action_id"]].add(n["action_id"])
        groups_new[n["action_id"]].add(o["action_id"])
    assert all(len(v) == 1 for v in (*groups_old.values(), *groups_new.values()))

    # matched by text, not position: nothing landed on the new 1.1.2-1 for 市发展改革委
    # (the old 1.1.2-1 was its row), on the reworded 1.1.1-2, or on the inserted row
    for item, unit in (("1.1.2-1", DEV), ("1.1.1-2", DEV), ("1.1.4-1", UNIT), ("1.1.4-1", PLAN)):
        assert (item, unit) not in new_progress
    assert query(new_db, "SELECT count(*) FROM history WHERE item_id IN ('1.1.1-2', '1.1.4-1')") == [(0,)]
    assert query(new_db, "SELECT count(*) FROM history WHERE item_id='1.1.2-1' AND unit=?", (DEV,)) == [(0,)]

    # the old database is as it was; the new one is sound and usable
    assert snapshot(old_db) == old_before
    assert integrity(new_db) == "ok"
    listed = {e["id"]: e for e in json.loads(ok(invoke("list", "--unit", UNIT, "--json", "--db", new_db)).stdout)}
    e = listed["1.1.2-1"]
    assert (e["status"], e["note"], e["office"], e["person"]) == ("已完成", "区规划已公开", "区发展改革委", "李四")
    assert [ev["value"] for ev in e["evidence"]] == ["https://www.cqyz.gov.cn/plan"]
    assert listed["1.1.5-1"]["status"] == "推进中"
    assert listed["1.1.4-1"]["status"] == "未开始"
    # undo works on carried history: the carried `done` of 渝中区 is undone in the new file
    [(done_action,)] = query(
        new_db,
        "SELECT DISTINCT action_id FROM history WHERE unit=? AND item_id='1.1.2-1' AND field='evidence+'",
        (UNIT,),
    )
    with Store(new_db) as s:
        s.undo(UNIT, done_action)
        assert s.entry(UNIT, "1.1.2-1").status == "未开始"
        assert s.evidence(UNIT, "1.1.2-1") == []


def test_migrate_progress_twice_changes_nothing_more(old_db, new_db):
    ok(invoke("migrate-progress", old_db, new_db))
    after_first = snapshot(new_db)
    out = ok(invoke("migrate-progress", old_db, new_db)).stdout
    assert out.splitlines()[0] == "已迁移:进度 0 条,佐证 0 条,修改记录 0 条。"
    assert "新数据库中已有进度,未覆盖" in out
    assert re.search(r"渝中区 1\.1\.2-1", out)
    assert snapshot(new_db) == after_first


def test_migrate_progress_carries_each_units_sub_unit_catalogue_once(old_db, new_db):
    with Store(old_db) as s:
        s.add_sub_units(UNIT, "区发展改革委、解放碑街道")
        s.add_sub_units(DEV, "规划处")
    with Store(new_db) as s:
        s.add_sub_units(UNIT, "解放碑街道")  # the new database's own list comes first
    out = ok(invoke("migrate-progress", old_db, new_db)).stdout
    assert "已迁移下级单位目录中的 2 个名称。" in out
    with Store(new_db, readonly=True) as s:
        assert s.sub_units(UNIT) == ["解放碑街道", "区发展改革委"] and s.sub_units(DEV) == ["规划处"]
    assert "下级单位目录" not in ok(invoke("migrate-progress", old_db, new_db)).stdout  # nothing more


def test_migrate_progress_to_another_document_carries_nothing(old_db, tmp_path):
    source = tmp_path / "other.txt"
    source.write_text(
        make_document(3, items=12, items_per_row=3, rows_per_subsection=2, subsections=2), encoding="utf-8"
    )
    other = tmp_path / "other.sqlite"
    ok(invoke("build-db", source, "-o", other))
    before = snapshot(other)
    out = ok(invoke("migrate-progress", old_db, other)).stdout
    assert out.splitlines()[0] == "已迁移:进度 0 条,佐证 0 条,修改记录 0 条。"
    touched = sorted({i for (i,) in query(old_db, "SELECT item_id FROM history")})
    assert f"需要人工核对(文字已修改或条目已删除,进度未迁移):{'、'.join(touched)}" in out
    assert snapshot(other) == before


def test_migrate_progress_refuses_bad_arguments(old_db, tmp_path):
    before = snapshot(old_db)
    assert_user_error(invoke("migrate-progress", old_db, old_db), "同一个文件")
    assert_user_error(invoke("migrate-progress", old_db, tmp_path / "没有.sqlite"), "找不到数据库")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database" * 100)
    assert_user_error(invoke("migrate-progress", old_db, junk), "不是可用的 SQLite 数据库")
    assert junk.read_bytes() == b"not a database" * 100
    assert snapshot(old_db) == before


def assignments(db: Path) -> list[tuple]:
    return query(db, "SELECT item_id, unit, step, sub_unit, role, deadline FROM assignments ORDER BY 1, 2, 3, 4")


def test_migrate_progress_carries_assignments_and_reports_and_keeps_the_new_databases_own(old_db, new_db):
    """分解 and 下级报送 follow their item (1.1.3-1 is 1.1.2-1 in NEW); the reworded 1.1.2-1 is
    listed; an item NEW assigned otherwise already keeps NEW's (listed), its reports too."""
    with Store(old_db) as s:
        s.assign(UNIT, ["1.1.3-1"], ["区发展改革委", "区财政局"], "牵头", deadline="2021-06-30")
        s.assign(UNIT, ["1.1.5-1"], ["区规划自然资源局"], "责任")
        s.assign(DEV, ["1.1.2-1"], ["规划处"], "牵头")
        received(s, UNIT, "区财政局", "1.1.3-1")
        received(s, UNIT, "区规划自然资源局", "1.1.5-1")
    with Store(new_db) as s:
        s.assign(UNIT, ["1.1.5-1"], ["区住房城乡建委"], "牵头")
    out = ok(invoke("migrate-progress", old_db, new_db)).stdout
    assert "分解 2 条,下级报送 1 条" in out.splitlines()[0]
    assert "分解和下级报送未迁移,请在新文件中重新分解):1.1.2-1" in out
    assert f"新数据库中已有不同的分解或下级报送,保留原有的,未覆盖:{UNIT} 1.1.5-1" in out
    assert assignments(new_db) == [
        ("1.1.2-1", UNIT, 0, "区发展改革委", "牵头", "2021-06-30"),
        ("1.1.2-1", UNIT, 0, "区财政局", "牵头", "2021-06-30"),
        ("1.1.5-1", UNIT, 0, "区住房城乡建委", "牵头", None),
    ]
    assert query(new_db, "SELECT item_id, unit, sub_unit, narrative FROM sub_reports") == [
        ("1.1.2-1", UNIT, "区财政局", "已公开")
    ]
    # the kept item's history tells its own 分解, not the old database's it did not take
    [(line,)] = query(new_db, "SELECT new FROM history WHERE item_id = '1.1.5-1' AND field = 'assign:+'")
    assert "区住房城乡建委" in line
    before = assignments(new_db), query(new_db, "SELECT * FROM sub_reports")
    again = ok(invoke("migrate-progress", old_db, new_db)).stdout
    assert (assignments(new_db), query(new_db, "SELECT * FROM sub_reports")) == before  # nothing doubled
    assert "分解" not in again.splitlines()[0] and f"保留原有的,未覆盖:{UNIT} 1.1.5-1" in again
