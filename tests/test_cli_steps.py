"""`gongkai-tui step …` and `done --narrative` (issue #23 items 3 and 4): steps added,
marked, listed under their item (text and --json), removed and undone, in Chinese; bad
input refused with a clear message and nothing written."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest

from tests.cli_helpers import assert_user_error, invoke, ok

U, ITEM = "渝中区", "1.1.3-1"


def listed(db):
    return {e["id"]: e for e in json.loads(ok(invoke("list", "-u", U, "--json", "--db", db)).stdout)}


def count(db, table):
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_unit_refines_an_item_into_steps_and_finishes_them(work_db):
    db = ("--db", work_db)
    out = ok(
        invoke(
            "step",
            "add",
            ITEM,
            "发布政策解读",
            "-u",
            U,
            "--office",
            "办公室",
            "--person",
            "王芳",
            "--deadline",
            "2026-06-30",
            "--target",
            "发布解读 ≥ 4 篇",
            *db,
        )
    ).stdout
    assert out.startswith(f"已添加步骤 {ITEM}.1:发布政策解读(第 1 步;撤销:gongkai-tui step undo 1 -u {U})")
    ok(invoke("step", "add", ITEM, "更新专栏", "-u", "yzq", *db))  # the unit by its initials
    out = ok(invoke("step", "done", f"{ITEM}.1", "-u", U, "-e", "https://www.cqyz.gov.cn/jd.html", *db)).stdout
    assert f"条目 {ITEM}:推进中" in out
    out = ok(invoke("step", "done", f"{ITEM}.2", "-u", U, "--narrative", "专栏已更新\n共 5 篇", *db)).stdout
    assert f"条目 {ITEM}:已完成" in out
    entry = listed(work_db)[ITEM]
    assert entry["status"] == "已完成" and not entry["missing_evidence"]  # a step's evidence counts
    assert [(s["number"], s["text"], s["status"], s["target"]) for s in entry["steps"]] == [
        (1, "发布政策解读", "已完成", "发布解读 ≥ 4 篇"),
        (2, "更新专栏", "已完成", None),
    ]
    assert entry["steps"][0]["evidence"][0]["value"] == "https://www.cqyz.gov.cn/jd.html"
    assert entry["steps"][1]["narrative"] == "专栏已更新\n共 5 篇"
    text = ok(invoke("list", "-u", U, "--db", work_db)).stdout.splitlines()
    at = next(i for i, line in enumerate(text) if f"] {ITEM} " in line)
    assert text[at + 1].split() == [
        f"{ITEM}.1",
        "[已完成]",
        "发布政策解读(办公室/王芳;时限",
        "2026-06-30;目标",
        "发布解读",
        "≥",
        "4",
        "篇;佐证",
        "1",
        "条)",
    ]
    # no narrative written: the evidence stands in for it, said to be so
    assert text[at + 2].strip() == "具体完成情况(据佐证):https://www.cqyz.gov.cn/jd.html"
    assert text[at + 4].strip() == "具体完成情况:专栏已更新 / 共 5 篇"


def test_remove_is_one_step_and_undo_brings_the_step_back(work_db):
    db = ("--db", work_db)
    ok(invoke("step", "add", ITEM, "一", "-u", U, *db))
    ok(invoke("step", "done", f"{ITEM}.1", "-u", U, "-e", "https://www.cqyz.gov.cn/a.html", *db))
    out = ok(invoke("step", "remove", f"{ITEM}.1", "-u", U, *db)).stdout
    assert out.strip() == f"已删除步骤 {ITEM}.1(第 3 步;撤销:gongkai-tui step undo 3 -u {U})"
    assert (count(work_db, "steps"), count(work_db, "step_evidence")) == (0, 0)
    assert "还没有细化步骤" in ok(invoke("step", "list", "-u", U, *db)).stdout
    ok(invoke("step", "undo", "3", "-u", U, *db))
    assert (count(work_db, "steps"), count(work_db, "step_evidence")) == (1, 1)
    assert json.loads(ok(invoke("step", "list", "-u", U, ITEM, "--json", *db)).stdout)[ITEM][0]["status"] == "已完成"


def test_done_writes_the_narrative_several_lines_and_a_blank_one_clears_it(work_db):
    db = ("--db", work_db)
    ok(invoke("done", ITEM, "-u", U, "--narrative", "已发布解读 4 篇\n专栏已更新", *db))
    assert listed(work_db)[ITEM]["narrative"] == "已发布解读 4 篇\n专栏已更新"
    assert "具体完成情况:已发布解读 4 篇 / 专栏已更新" in ok(invoke("list", "-u", U, *db)).stdout
    ok(invoke("done", ITEM, "-u", U, "--narrative", " ", *db))
    assert listed(work_db)[ITEM]["narrative"] == ""


def test_a_step_status_and_an_edit(work_db):
    db = ("--db", work_db)
    ok(invoke("step", "add", ITEM, "一", "-u", U, *db))
    assert_user_error(invoke("step", "status", f"{ITEM}.1", "不适用", "-u", U, *db), "理由")
    ok(invoke("step", "status", f"{ITEM}.1", "推进中", "-u", U, *db))
    ok(invoke("step", "edit", f"{ITEM}.1", "-u", U, "--person", "李明", "--narrative", "已起草", *db))
    [step] = listed(work_db)[ITEM]["steps"]
    assert (step["status"], step["person"], step["narrative"]) == ("推进中", "李明", "已起草")
    assert listed(work_db)[ITEM]["status"] == "推进中"


@pytest.mark.parametrize(
    "args, fragments",
    [
        (("step", "add", ITEM, "一", "-u", "俞中区"), ("未知单位「俞中区」", "渝中区")),
        (("step", "add", "9.9.9-9", "一", "-u", U), ("没有编号为「9.9.9-9」的条目",)),
        (("step", "add", ITEM, "  ", "-u", U), ("步骤内容为空",)),
        (("step", "done", ITEM, "-u", U), ("条目编号.步骤序号",)),
        (("step", "done", f"{ITEM}.4", "-u", U), (f"没有步骤 {ITEM}.4", "还没有步骤")),
        (("step", "edit", f"{ITEM}.1", "-u", U, "--person", "李明"), ("没有步骤",)),
        (("step", "status", f"{ITEM}.1", "差不多", "-u", U), ("没有步骤",)),
        (("step", "undo", "99", "-u", U), ("无法撤销",)),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(work_db, args, fragments):
    assert_user_error(invoke(*args, "--db", work_db), *fragments)
    assert count(work_db, "steps") == 0 and count(work_db, "history") == 0


def test_an_edit_without_anything_to_change_is_refused(work_db):
    ok(invoke("step", "add", ITEM, "一", "-u", U, "--db", work_db))
    assert_user_error(invoke("step", "edit", f"{ITEM}.1", "-u", U, "--db", work_db), "没有要修改的内容")
    assert_user_error(invoke("step", "status", f"{ITEM}.1", "差不多", "-u", U, "--db", work_db), "未知状态")
