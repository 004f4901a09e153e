"""Times as the app shows them: `2021-06-01 14:03`, never ISO's `T` or seconds."""

from __future__ import annotations


def shown_time(stamp: str | None) -> str:
    """`2021-06-01T14:03:22` → `2021-06-01 14:03`; a date, or text that is no time, as it is."""
    if not stamp:
        return ""
    text = stamp.replace("T", " ", 1) if len(stamp) > 10 and stamp[10] == "T" else stamp
    if len(text) >= 16 and text[10] == " " and text[13] == ":":
        return text[:16]
    return text
