"""offer_download with a fake app; `web` without textual-serve, without a unit; the pieces of tui.web."""

from __future__ import annotations

import shlex
import socket
import sys

import pytest

from tests.cli_helpers import assert_user_error, invoke
from tui import web
from tui.app.deliver import offer_download


class FakeApp:
    def __init__(self, is_web: bool, key: str | None = "k1"):
        self.is_web, self.key = is_web, key
        self.calls = []

    def deliver_binary(self, path, **kwargs):
        self.calls.append((path, kwargs))
        return self.key


def test_offer_download_in_the_browser(tmp_path):
    path = tmp_path / "渝中区任务清单.xlsx"
    path.write_bytes(b"PK")
    app = FakeApp(is_web=True)
    assert offer_download(app, path) is True
    ((given, kwargs),) = app.calls
    assert given == path and kwargs["save_filename"] == "渝中区任务清单.xlsx"
    assert kwargs["open_method"] == "download" and kwargs["mime_type"].endswith("spreadsheetml.sheet")


def test_offer_download_in_a_terminal_does_nothing(tmp_path):
    app = FakeApp(is_web=False)
    assert offer_download(app, tmp_path / "x.xlsx") is False and app.calls == []


def test_offer_download_not_delivered(tmp_path):
    assert offer_download(FakeApp(is_web=True, key=None), tmp_path / "x.pdf") is False


def test_offer_download_against_textuals_own_app(tmp_path):
    from textual.app import App

    assert offer_download(App(), tmp_path / "x.xlsx") is False  # not running: not web


def test_web_without_textual_serve_says_how_to_install(monkeypatch, work_db):
    monkeypatch.setattr(web, "available", lambda: False)
    assert_user_error(
        invoke("web", "--unit", "渝中区", "--db", work_db, "--no-browser"), "pip install 'gongkai-tui[web]'"
    )


def test_web_needs_a_unit_and_a_known_one(work_db):
    assert_user_error(invoke("web", "--db", work_db, "--no-browser"), "--unit")
    assert_user_error(invoke("web", "--unit", "没有这个单位", "--db", work_db, "--no-browser"))
    assert_user_error(invoke("web", "--unit", "渝中区", "--db", work_db, "--doc", "1999", "--no-browser"))
    assert_user_error(
        invoke("web", "--unit", "渝中区", "--db", work_db.parent / "无此目录" / "x.sqlite", "--no-browser"),
        "目录不存在",
    )


def test_web_refuses_a_busy_port(work_db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        assert_user_error(invoke("web", "--unit", "渝中区", "--db", work_db, "--port", port, "--no-browser"), str(port))
    assert_user_error(invoke("web", "--unit", "渝中区", "--db", work_db, "--port", 70000, "--no-browser"), "端口")


def test_the_child_command_quotes_paths_with_spaces_and_chinese(tmp_path):
    db = tmp_path / "我的 数据" / "tasks.sqlite"
    command = web.child_command("渝中区", db, "2021")
    assert shlex.split(command) == [
        sys.executable,
        "-m",
        "tui.web",
        "--unit",
        "渝中区",
        "--db",
        str(db),
        "--doc",
        "2021",
    ]


def test_the_template_names_no_other_host():
    text = (web.TEMPLATES / "app_index.html").read_text(encoding="utf-8")
    assert "http" not in text.replace("{{ config.static.url }}", "") and "//fonts." not in text


def test_the_child_refuses_to_run_without_the_web_driver(monkeypatch, work_db, capsys):
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert web.child_main(["--unit", "渝中区", "--db", str(work_db)]) == 2  # no terminal, no web driver
    assert "终端" in capsys.readouterr().err


def test_port_choice_starts_at_8421(monkeypatch):
    free = {8423}
    monkeypatch.setattr(web, "port_free", lambda port, host=web.HOST: port in free)
    assert web.choose_port(None) == 8423
    free.clear()
    with pytest.raises(web.WebError):
        web.choose_port(None)


def test_the_web_driver_counts_as_a_terminal_and_nothing_else_does(monkeypatch):
    """Under textual-serve stdin is a pipe that the web driver reads; elsewhere a pipe is no terminal."""
    from tui import start_app

    class Pipe:
        def isatty(self):
            return False

    monkeypatch.setattr("sys.stdin", Pipe())
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert not start_app.has_terminal()
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.linux_driver:LinuxDriver")
    assert not start_app.has_terminal()
    monkeypatch.setenv("TEXTUAL_DRIVER", start_app.WEB_DRIVER)
    assert start_app.has_terminal()
