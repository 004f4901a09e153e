"""Console-script entry point (`gongkai-tui = tui.launch:run`).

`gongkai-tui [--unit U] [--db P] [--as-of D]` opens the app without loading typer
(the command-line machinery costs a noticeable part of a cold start); without --unit
it first asks for the unit, in a terminal (without one: the help, from typer). Everything
else goes to the typer commands of the `tui/cli/` package. Opening the app itself is
start_app.py's, which the CLI and the browser mode use too: nothing in tui/ imports this
module, so no import circle runs through the entry point.
"""

from __future__ import annotations

import sys

from .start_app import has_terminal, open_app

_APP_OPTIONS = {"--unit": "unit", "-u": "unit", "--db": "db", "--as-of": "as_of"}


def app_arguments(argv: list[str]) -> dict[str, str] | None:
    """The options when argv only opens the app (with or without --unit), else None (let
    typer handle it)."""
    found: dict[str, str] = {}
    i = 0
    while i < len(argv):
        token = argv[i]
        name, eq, value = token.partition("=")
        if name not in _APP_OPTIONS:
            return None
        if not eq:
            if i + 1 >= len(argv):
                return None
            value = argv[i + 1]
            i += 1
        key = _APP_OPTIONS[name]
        if key in found or not value:
            return None
        found[key] = value
        i += 1
    return found


def run() -> None:
    from .console import tolerate_unencodable_output

    tolerate_unencodable_output()  # a GBK console prints `?` instead of crashing
    args = app_arguments(sys.argv[1:])
    if args is not None and ("unit" in args or has_terminal()):
        try:
            sys.exit(open_app(**args))
        except KeyboardInterrupt:
            sys.exit(130)
    from .cli import run as run_cli

    try:
        run_cli()
    except Exception as e:  # noqa: BLE001 - a subcommand's unexpected error: a report, not typer's traceback
        from .crash import handle

        sys.exit(handle(e))
