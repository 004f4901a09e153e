"""A sub-unit's report as `import` stores it (store/sub_reports.py), for the tests of what
follows an item: one line of one sub-unit, written straight into the store."""

from __future__ import annotations

from tui.store import Store


def received(
    store: Store,
    unit: str,
    sub_unit: str,
    item: str,
    narrative: str | None = "已公开",
    status: str = "已完成",
    evidence: list | None = None,
) -> None:
    store.save_sub_reports(
        unit,
        sub_unit,
        [
            {
                "item_id": item,
                "step": 0,
                "status": status,
                "done_date": "2021-05-01" if status == "已完成" else None,
                "narrative": narrative,
                "evidence": evidence or [],
            }
        ],
        f"{sub_unit}-{item}.xlsx",
        "0" * 64,
        "2021-05-02T09:00:00",
    )
