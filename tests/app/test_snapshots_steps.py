"""Snapshots of 细化 (b): the steps dialog of an item with two steps, and the form of a
new step, at fixed sizes with the as-of date pinned (nothing on them shows a time)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing

import pytest

from tui.store import Store

from .test_snapshots import press_then_still

U, ITEM = "渝中区", "1.1.3-1"


@pytest.fixture
def with_steps(work_db):
    with Store(work_db) as store:
        store.add_step(
            U,
            ITEM,
            "在政府网站发布规划解读",
            {
                "office": "办公室",
                "person": "王芳",
                "deadline": "2021-09-30",
                "path": "政府网站政策解读专栏",
                "target": "发布解读 ≥ 4 篇",
            },
        )
        store.add_step(U, ITEM, "更新规划信息专栏", {"office": "发展改革科", "deadline": "持续推进"})
        store.mark_step_done(
            U,
            ITEM,
            1,
            ["https://www.cqyz.gov.cn/zwgk/jd/1.html"],
            "已发布解读 5 篇\n阅读量 3000",
            today=dt.date(2021, 7, 20),
        )
    with closing(sqlite3.connect(work_db)) as conn:  # the history the detail shows: its time and user pinned
        conn.execute("UPDATE history SET at = '2021-07-20T10:00:00', os_user = '科员'")
        conn.commit()
    return work_db


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_steps_dialog(snap_compare, make_app, with_steps, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=press_then_still("b"))


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_new_step_form(snap_compare, make_app, with_steps, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=press_then_still("b", "a"))


def test_steps_in_the_detail_pane(snap_compare, make_app, with_steps):
    assert snap_compare(make_app(), terminal_size=(160, 45), run_before=press_then_still())
