"""Recognise a 任务清单 this program exported, before a source reader takes it for a 任务分工.

`load` (and `build-db`) of an exported workbook used to fail on its header ("栏目出现了不止
一次"), which tells a person nothing; the workbook goes back in with `import`. Only the
sheet names are read (xl/workbook.xml, a few KB), so the check costs nothing and a hostile
file is left to the source reader's limits."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

from ..store import InputError
from .layout import ABOUT_SHEET, BASELINE_SHEET, CHECKLIST_SHEET

_WORKBOOK_XML_LIMIT = 1 << 20  # the sheet list of any real workbook is far smaller
_SHEET_NAME = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"')


def sheet_names(path: Path) -> list[str]:
    """The sheet names of an xlsx, or [] when it is not one (or they cannot be read cheaply)."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("xl/workbook.xml")
            if info.file_size > _WORKBOOK_XML_LIMIT:
                return []
            with zf.open(info) as f:
                xml = f.read(_WORKBOOK_XML_LIMIT + 1)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, EOFError, RuntimeError,
            NotImplementedError):
        return []
    if len(xml) > _WORKBOOK_XML_LIMIT:
        return []
    return [html.unescape(m.decode("utf-8", "replace")) for m in _SHEET_NAME.findall(xml)]


def exported_checklist_message(path: Path) -> str | None:
    """What to tell a person who gives an exported 任务清单 where a 任务分工 belongs; None
    when the file is not one (its 任务清单 sheet with 导出时的值 or 说明 beside it)."""
    names = set(sheet_names(path))
    if CHECKLIST_SHEET not in names or not names & {BASELINE_SHEET, ABOUT_SHEET}:
        return None
    return (f"{path.name} 是用 gongkai-tui 导出的任务清单(有工作表「{CHECKLIST_SHEET}」和"
            f"「{BASELINE_SHEET if BASELINE_SHEET in names else ABOUT_SHEET}」),不是任务分工文件;"
            f"填好的任务清单请用 gongkai-tui import {path.name} 导回")


def refuse_exported_checklist(path: Path) -> None:
    """Raise InputError (a `错误:` and exit 2 in the CLI) for an exported 任务清单."""
    message = exported_checklist_message(path)
    if message is not None:
        raise InputError(message)
