"""The foot of the exported 任务清单 carries the 填报人/联系电话/审核人 set once with `settings`."""

from __future__ import annotations

from openpyxl import load_workbook

from tests.cli_helpers import invoke, ok


def texts(path) -> str:
    ws = load_workbook(path)["任务清单"]
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


def test_settings_fill_the_foot_and_full_writes_the_working_layout(work_db, tmp_path):
    blank = tmp_path / "blank.xlsx"
    ok(invoke("export", "-u", "渝中区", "-o", blank, "--db", work_db))
    assert "填报人：" in texts(blank) and "张三" not in texts(blank)
    for name, value in (("填报人", "张三"), ("联系电话", "023-63851234"), ("审核人", "王五")):
        ok(invoke("settings", name, value))
    signed = tmp_path / "signed.xlsx"
    ok(invoke("export", "-u", "渝中区", "-o", signed, "--db", work_db))
    foot = texts(signed)
    assert "张三" in foot and "023-63851234" in foot and "王五" in foot
    full = tmp_path / "full.xlsx"
    ok(invoke("export", "-u", "渝中区", "-o", full, "--full", "--db", work_db))
    width = lambda p: load_workbook(p)["任务清单"].max_column  # noqa: E731
    assert width(signed) <= 10 < width(full) == 15
