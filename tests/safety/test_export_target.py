"""Export into a folder it cannot write: one Chinese message, exit 2, no openpyxl traceback
(half-streamed sheets used to print theirs as the process ended), nothing left behind."""

from __future__ import annotations

from .conftest import assert_child_user_error, run_cli

UNIT = "渝中区"


def test_export_into_a_missing_folder_under_proc(work_db, tmp_path):
    proc = run_cli("export", "--unit", UNIT, "--db", work_db, "-o", "/proc/没有这个目录/清单.xlsx", cwd=tmp_path)
    message = assert_child_user_error(proc, "文件或文件夹不存在")
    assert "Exception ignored" not in proc.stderr and "[Errno" not in message


def test_export_into_a_folder_that_refuses_files(work_db, tmp_path):
    proc = run_cli("export", "--unit", UNIT, "--db", work_db, "-o", "/sys/清单.xlsx", cwd=tmp_path)
    assert_child_user_error(proc, "没有权限")
    assert "Exception ignored" not in proc.stderr
