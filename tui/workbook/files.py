"""The workbook files we write: a folder checked before streaming starts, a file saved
through a temporary one (tui/atomic.py), and a name never taken over."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..atomic import replacing


def new_workbook(title: str) -> tuple[Workbook, Worksheet]:
    """A new workbook and its one sheet, named `title`."""
    wb = Workbook()
    ws = wb.active
    # openpyxl types `active` as any kind of sheet or none; a new Workbook() holds one worksheet
    assert isinstance(ws, Worksheet)
    ws.title = title
    return wb, ws


def check_writable(path: Path) -> None:
    """Fail before openpyxl starts streaming sheets (which would leave half-written sheet
    generators behind and print their tracebacks): the folder must take a new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    probe = path.with_name(f".{path.stem}.{os.getpid()}.probe")
    with open(probe, "xb"):
        pass
    probe.unlink()


def save_atomically(wb: Workbook, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path, ".tmp.xlsx") as tmp:
        wb.save(tmp)
    return path


def unused_path(path: Path) -> Path:
    """`path`, or `name-2.xlsx`, `name-3.xlsx`, … when it exists: never overwrite silently."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1
