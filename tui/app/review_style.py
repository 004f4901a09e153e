"""How the lead's check (review_screen.py) and one unit's rows (review_unit.py) show a
progress summary: 已完成 green, 未报送 bold red, a step count (推进中 1/2) yellow."""

from __future__ import annotations

from rich.text import Text

STYLE = {"已完成": "green", "不适用": "dim", "未开始": "", "未报送": "bold red"}


def summary_text(summary: str) -> Text:
    return Text(summary, style=STYLE.get(summary, "yellow"))
