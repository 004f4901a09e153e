"""Opening the app: no terminal on stdin is a Chinese message and exit 2 (not a process
spinning forever); an unexpected exception is exit 1, one Chinese line naming a crash
report in the log directory, and the report holds no local variables."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui import crash

ROOT = Path(__file__).resolve().parents[2]
SECRET = "机密备注-不得写入报告"


def child_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(
        PYTHONIOENCODING="utf-8",
        PYTHONPATH=str(ROOT),
        HOME=str(tmp_path / "home"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        GONGKAI_DB=str(tmp_path / "env.sqlite"),
    )
    return env


def console_script(tmp_path: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`gongkai-tui ARGS` (tui.launch:run, as installed) with stdin on /dev/null."""
    code = "import sys; sys.argv[0] = 'gongkai-tui'; from tui.launch import run; run()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=tmp_path,
        env=child_env(tmp_path),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


# -- no terminal ---------------------------------------------------------------------------


def test_opening_the_app_without_a_terminal_exits_2(work_db, tmp_path):
    proc = console_script(tmp_path, "--unit", "渝中区", "--db", str(work_db))  # hung at 100 % CPU before
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert proc.stderr.strip() == "错误:界面需要在终端中运行;命令行用法见 gongkai-tui --help"
    assert proc.stdout == "" and "Traceback" not in proc.stderr


def test_the_typer_path_to_the_app_checks_the_terminal_too(work_db):
    from tests.cli_helpers import invoke

    result = invoke("--unit", "渝中区", "--db", work_db, "--as-of", "2021-08-01")
    assert result.exit_code == 2
    assert "界面需要在终端中运行" in result.output


def test_subcommands_work_without_a_terminal(work_db, tmp_path):
    proc = console_script(tmp_path, "list", "--unit", "渝中区", "--db", str(work_db), "--as-of", "2021-08-01")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("渝中区")


def test_argument_errors_still_come_first(work_db, tmp_path):
    proc = console_script(tmp_path, "--unit", "不存在的单位", "--db", str(work_db))
    assert proc.returncode == 2
    assert proc.stderr.startswith("错误:") and "终端" not in proc.stderr


# -- an exception inside the app ------------------------------------------------------------

CRASHING_APP = textwrap.dedent("""
    import datetime as dt, sys
    from pathlib import Path
    from tui.app.main_screen import MainScreen
    from tui.app.run import run_app

    def action_note(self):
        secret_note = {secret!r}
        raise RuntimeError("测试用的意外错误")

    MainScreen.action_note = action_note

    async def keys(pilot):
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause(5)

    sys.exit(run_app(Path(sys.argv[1]), "渝中区", dt.date(2021, 8, 1), headless=True, auto_pilot=keys))
""")


def test_an_exception_in_the_app_exits_1_and_names_a_report_without_locals(work_db, tmp_path):
    script = tmp_path / "crashing.py"
    script.write_text(CRASHING_APP.format(secret=SECRET), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), str(work_db)],
        cwd=tmp_path,
        env=child_env(tmp_path),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    line = proc.stderr.strip().splitlines()[-1]
    assert line.startswith("错误:gongkai-tui 遇到意外错误(RuntimeError)") and "错误报告:" in line
    report = Path(line.split("错误报告:", 1)[1])
    assert report.is_file() and report.is_relative_to(tmp_path / "state")
    text = report.read_text(encoding="utf-8")
    assert "RuntimeError: 测试用的意外错误" in text and "action_note" in text
    assert SECRET not in text and "secret_note" not in text  # no locals
    assert SECRET not in proc.stderr + proc.stdout and "Traceback" not in proc.stderr


def test_markup_typed_by_the_user_no_longer_crashes_the_console_script_path(work_db, tmp_path):
    """The issue's crash (`资料[/b]` as evidence) through run_app: the app keeps running
    and quits normally with 0."""
    script = tmp_path / "markup.py"
    script.write_text(
        textwrap.dedent("""
        import datetime as dt, sys
        from pathlib import Path
        from tui.app.run import run_app

        async def keys(pilot):
            await pilot.press("e", *"资料[/b]", "enter")
            await pilot.pause()
            await pilot.press("escape", "slash", *"[/b]", "enter", "q")

        sys.exit(run_app(Path(sys.argv[1]), "渝中区", dt.date(2021, 8, 1), headless=True, auto_pilot=keys))
    """),
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, str(script), str(work_db)],
        cwd=tmp_path,
        env=child_env(tmp_path),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "state").exists() or not list((tmp_path / "state").rglob("crash-*.log"))


def test_an_exception_before_the_app_starts_is_reported_too(work_db, tmp_path, monkeypatch, capsys):
    import tui.store.db
    from tui.launch import open_app

    def broken(explicit):
        secret_path = SECRET  # noqa: F841 - a local the crash report must never show
        raise KeyError("意外")

    monkeypatch.setattr(tui.store.db, "working_db", broken)
    monkeypatch.setattr(crash, "log_dir", lambda: tmp_path / "logs")
    assert open_app("渝中区", str(work_db)) == 1
    err = capsys.readouterr().err
    assert "遇到意外错误(KeyError)" in err and str(tmp_path / "logs") in err
    [report] = (tmp_path / "logs").glob("crash-*.log")
    assert SECRET not in report.read_text(encoding="utf-8")


# -- the reports themselves ------------------------------------------------------------------


def _raise_with_locals():
    password_like = SECRET  # noqa: F841 - a local the report must not show
    raise ValueError("坏了")


def test_reports_hold_no_locals_and_only_the_last_ten_are_kept(tmp_path):
    written = []
    for _ in range(13):
        try:
            _raise_with_locals()
        except ValueError as e:
            written.append(crash.write_report(e, tmp_path))
    kept = sorted(tmp_path.glob("crash-*.log"))
    assert len(kept) == crash.KEEP == 10
    assert kept == sorted(written[-10:])
    text = kept[-1].read_text(encoding="utf-8")
    assert "ValueError: 坏了" in text and "_raise_with_locals" in text and "gongkai-tui" in text
    assert SECRET not in text and "password_like" not in text


def test_a_report_that_cannot_be_written_still_tells_the_user(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    try:
        _raise_with_locals()
    except ValueError as e:
        assert crash.report(e, blocker / "logs") is None
        assert crash.message(e, None).startswith("错误:gongkai-tui 遇到意外错误(ValueError)")
    err = capsys.readouterr().err
    assert "ValueError: 坏了" in err and SECRET not in err


@pytest.mark.parametrize("error", [RuntimeError("x"), KeyError("y")])
def test_the_message_is_one_chinese_line(tmp_path, error):
    line = crash.message(error, tmp_path / "crash-1.log")
    assert "\n" not in line and line.startswith("错误:") and str(tmp_path / "crash-1.log") in line
