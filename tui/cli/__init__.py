"""The typer command line, `gongkai-tui <command>`: the only place that wires source, store,
workbook and app together. commands.py holds the group and the one table of commands;
`app` and `run` (the console script's way in, after launch.py) are what the outside uses."""

from .commands import app, run

__all__ = ["app", "run"]
