"""Snapshots of the 待确认 detail, the deadlines view (近期到期, sorted by 时限) and a
collective worked as one member, at fixed sizes, as-of date pinned."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.app.session import FILTERS

from .test_snapshots import press_then_still

TO_CONFIRM = ["f"] * FILTERS.index("待确认")
DUE_SOON = ["f"] * FILTERS.index("近期到期")
SIZES = [(80, 24), (120, 36), (200, 50)]
MID_JUNE = dt.date(2021, 6, 15)  # items due 2021-06-30 are near, those of 2021-05-31 overdue


@pytest.mark.parametrize("size", SIZES)
def test_to_confirm_detail(snap_compare, make_app, size):
    assert snap_compare(make_app("市教委"), terminal_size=size, run_before=press_then_still(*TO_CONFIRM))


def test_to_confirm_confirmed(snap_compare, make_app):
    assert snap_compare(make_app("市教委"), terminal_size=(120, 36), run_before=press_then_still(*TO_CONFIRM, "c"))


@pytest.mark.parametrize("size", SIZES)
def test_deadlines_view(snap_compare, make_app, size):
    assert snap_compare(make_app("渝中区", MID_JUNE), terminal_size=size, run_before=press_then_still(*DUE_SOON, "t"))


def test_collective_member_picker(snap_compare, make_app):
    assert snap_compare(make_app("各区县政府"), terminal_size=(120, 36), run_before=press_then_still("space"))


def test_collective_as_member(snap_compare, make_app):
    assert snap_compare(
        make_app("各区县政府"), terminal_size=(80, 24), run_before=press_then_still("space", *"渝中区", "enter")
    )
