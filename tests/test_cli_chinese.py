"""Help and usage errors of every command in Chinese: click and typer speak English
(`Usage:`, `Show this message and exit.`, `No such option`, `Missing option`), the user never
sees it, in-process (CliRunner) and through the console script."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from tests.conftest import ROOT
from tui.cli import app

runner = CliRunner()
COMMANDS = sorted(get_command(app).commands)
# A group's own commands (`step add`), by their whole path.
GROUPS = {name: sorted(getattr(command, "commands", {})) for name, command in get_command(app).commands.items()}
SUBCOMMANDS = [f"{group} {name}" for group, names in GROUPS.items() for name in names]


def run(*args: str):
    return runner.invoke(app, list(args), prog_name="gongkai-tui")


def english(text: str) -> list[str]:
    """ASCII words left once option names, command names, paths and file kinds are taken out."""
    text = re.sub(r"(?<![\w-])-{1,2}[a-z][a-z-]*", " ", text)  # --db, -u
    text = re.sub(r"\S*/\S*", " ", text)  # paths and a/b lists
    text = re.sub(r"「[^」]*」", " ", text)  # what the user wrote, quoted
    words = (
        "gongkai-tui",
        *COMMANDS,
        *(n for names in GROUPS.values() for n in names),
        "YYYY-MM-DD",
        "GONGKAI_DB",
        "JSON",
        "SHA-256",
        "xlsx",
        "docx",
        "txt",
        "html",
        "htm",
        "ods",
        "sqlite",
        "SQLite",
        "UTF-8",
        "GBK",
        "http",
        "https",
        "fgw",
        "A3",
        "A4",
    )
    for word in sorted(words, key=len, reverse=True):  # `assignments` before `assign`: no `ments` left over
        text = text.replace(word, " ")
    return re.findall(r"[A-Za-z]{2,}", text)


def test_top_level_help_is_chinese():
    result = run("--help")
    assert result.exit_code == 0
    assert english(result.stdout) == [], result.stdout
    assert result.stdout.startswith("用法:gongkai-tui [选项] 命令 [命令的参数和选项]\n")
    assert "  -h, --help          显示本帮助并退出\n" in result.stdout
    assert "Show this message" not in result.stdout


@pytest.mark.parametrize("command", COMMANDS + SUBCOMMANDS)
def test_every_command_help_is_chinese(command):
    result = run(*command.split(), "-h")
    assert result.exit_code == 0, result.output
    assert english(result.stdout) == [], result.stdout
    assert result.stdout.startswith(f"用法:gongkai-tui {command} ")
    if GROUPS.get(command):  # a group lists its commands after its options
        assert result.stdout.rstrip().endswith(f"每个命令的用法:gongkai-tui {command} 命令 -h"), result.stdout
        assert "  -h, --help  显示本帮助并退出\n" in result.stdout
        return
    assert result.stdout.rstrip().endswith(
        "-h, --help          显示本帮助并退出"
    ) or result.stdout.rstrip().splitlines()[-1].endswith("显示本帮助并退出"), result.stdout


USAGE_ERRORS = [
    (("nosuch",), "错误:没有命令「nosuch」(全部命令见 gongkai-tui -h)"),
    (("lst",), "错误:没有命令「lst」;您是不是要写 list(全部命令见 gongkai-tui -h)"),
    (("list", "--bogus"), "错误:gongkai-tui list 没有选项 --bogus(可用的选项见 gongkai-tui list -h)"),
    (("list",), "错误:缺少选项 --unit:单位名称、简称、区县名或拼音首字母,如 各区县政府、渝中区、fgw"),
    (("done",), "错误:缺少参数 <条目编号>:条目编号,如 1.1.3-1"),
    (("list", "--unit"), "错误:选项 --unit 后面要写一个值"),
    (("list", "--unit", "渝中区", "多余"), "错误:多余的参数:多余"),
    (("list", "--json=1"), "错误:选项 --json 不带值"),
    (("web", "--port", "abc"), "错误:--port 的值无效(应为整数)"),
    (("status", "1.1.3-1", "-1", "--unit", "渝中区"), "错误:「-1」是负数,这里不接受负数(以 - 开头的会被当作选项)"),
]


@pytest.mark.parametrize(
    ("args", "first_line"), USAGE_ERRORS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_usage_errors_are_one_chinese_message_and_exit_2(args, first_line):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == first_line
    assert english(result.stderr) == [], result.stderr
    assert "Traceback" not in result.output


def test_a_usage_error_shows_the_chinese_usage():
    result = run("done")
    assert result.stderr.splitlines()[1:] == ["用法:gongkai-tui done <条目编号> [选项]", "帮助:gongkai-tui done -h"]


def test_a_negative_number_reaches_the_settings_check(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_SETTINGS", str(tmp_path / "settings.json"))
    result = run("settings", "近期天数", "-5")
    assert result.exit_code == 2
    assert result.stderr == "错误:「近期天数」应在 1 到 366 之间:-5\n"
    assert not (tmp_path / "settings.json").exists()


def test_the_console_script_speaks_chinese_too(tmp_path):
    """`tui.launch:run`, as installed: no crash report, no typer box, no English."""
    env = {
        **os.environ,
        "GONGKAI_SETTINGS": str(tmp_path / "settings.json"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "PYTHONIOENCODING": "utf-8",
    }
    code = "import sys; sys.argv[0] = 'gongkai-tui'; from tui.launch import run; run()"
    for args, first in (
        (["list"], "错误:缺少选项 --unit:"),
        (["settings", "近期天数", "-5"], "错误:「近期天数」应在 1 到 366 之间:-5"),
        (["nosuch"], "错误:没有命令「nosuch」"),
    ):
        proc = subprocess.run(
            [sys.executable, "-c", code, *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.startswith(first), proc.stderr
        assert english(proc.stderr) == [], proc.stderr
        assert not (tmp_path / "state").exists()  # no crash report was written
    assert ROOT.is_dir()
