"""Snapshots for issue #13 points 1, 10 and 12: the Footer with 导出/帮助/退出 at every size,
the top bar keeping the filter and the selection at 80 columns, the Chinese command palette.

Update after an intended change with `pytest tests/app/test_snapshots_keys.py --snapshot-update`."""

from __future__ import annotations

import pytest

from .test_snapshots import no_blink, press_then_still


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 50)])
def test_footer_keys(snap_compare, make_app, size):
    """The Footer shows 完成, 搜索, 筛选, 导出, 帮助, 退出 (Chinese key names) at each size;
    the column titles sit over their columns (the scrollbar shows)."""
    assert snap_compare(make_app("各区县政府"), terminal_size=size, run_before=no_blink)


def test_top_bar_keeps_filter_and_selection_at_80(snap_compare, make_app):
    """逾期 filter (3 lines, no scrollbar) and one line selected: both stay in the top bar."""
    assert snap_compare(make_app("各区县政府"), terminal_size=(80, 24), run_before=press_then_still("f", "f", "f", "v"))


def test_command_palette_no_match(snap_compare, make_app):
    async def run(pilot) -> None:
        await pilot.press("ctrl+p", *"qqxqzz")
        await pilot.pause(1.0)
        await no_blink(pilot)
        for box in pilot.app.screen.query("Input"):
            box.cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run)
