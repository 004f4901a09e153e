"""Running the typer CLI in-process, and what every CLI test asserts about its outcome."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from tui.cli import app

runner = CliRunner()
CJK = re.compile(r"[\u4e00-\u9fff]")


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def ok(result):
    assert result.exit_code == 0, f"exit {result.exit_code}: {result.output}\n{result.exception!r}"
    assert result.exception is None
    return result


def assert_user_error(result, *fragments: str) -> str:
    """Exit code 2, a Chinese message on stderr, no traceback. Returns the message."""
    assert result.exit_code == 2, f"exit {result.exit_code}: {result.output}\n{result.exception!r}"
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exc_info is None or result.exc_info[0] is SystemExit
    for text in (result.output, result.stdout, result.stderr):
        assert "Traceback" not in text
    return assert_error_message(result.stderr, *fragments)


def assert_error_message(message: str, *fragments: str) -> str:
    """`错误:` and a Chinese explanation that names every fragment."""
    assert message.startswith("错误:"), message
    assert CJK.search(message.removeprefix("错误:")), message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message
