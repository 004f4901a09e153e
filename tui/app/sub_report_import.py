"""导入下级报送 from the roll-up screen (`m`, issue #25 item 4): the path of a sub-unit's returned
任务清单 workbook, or of a folder holding several (typed or pasted, as the load dialog takes a
path), imported in a worker one file at a time (workbook/sub_report_files.py: each file whole
or not at all), then every file said (imported, with what was left out; or refused, with why)
and the roll-up read again. `gongkai-tui import` does the same from the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message

from .background import worker_failures

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..workbook.sub_report_files import FileOutcome

TITLE = "导入下级报送"
HINT = (
    "下级单位报送回来的任务清单工作簿(.xlsx)的路径,或放着多个工作簿的文件夹(逐个导入,"
    "每个文件要么全部导入,要么什么都不写)。可粘贴;Enter 导入,Esc 取消。"
)


def path_problem(text: str) -> str | None:
    """Why the typed path cannot be imported from (None: it can)."""
    from ..workbook.sub_report_files import workbooks_in
    from .load_dialog import path_of

    path = path_of(text)
    if isinstance(path, str):
        return path
    try:
        if not path.exists():
            return f"找不到这个文件或文件夹:{path}"
        if path.is_dir() and not workbooks_in(path):
            return f"文件夹中没有任务清单工作簿(.xlsx、.ods):{path}"
    except OSError as e:
        from ..errors import user_message

        return user_message(e) or str(e)
    return None


@dataclass
class ReportsReceived(Message):
    """What the worker did: each file's outcome, or (error) why it stopped."""

    outcomes: list[FileOutcome] | None
    error: str | None = None


def ask_and_receive(screen: Screen, db: Path, doc: int) -> None:
    """The path asked for; then the files imported in a worker that posts ReportsReceived to
    `screen`."""
    from .dialogs import TextPrompt

    def chosen(text: str | None) -> None:
        if not text:
            return
        from ..workbook.sub_report_files import workbooks_in
        from .load_dialog import path_of

        path = path_of(text)
        if isinstance(path, str):  # checked in the dialog already
            return
        files = workbooks_in(path)
        screen.notify(f"正在导入 {len(files)} 个文件…", timeout=3, markup=False)
        screen.run_worker(lambda: receive(screen, db, doc, files), thread=True, group="receive", exclusive=True)

    screen.app.push_screen(
        TextPrompt(
            TITLE,
            HINT,
            placeholder="如 D:\\收到的报送\\ 或 ~/下载/区发展改革委-任务清单.xlsx",
            check=path_problem,
            empty_message="请填写工作簿或文件夹的路径(可粘贴)",
        ),
        chosen,
    )


def receive(screen: Screen, db: Path, doc: int, files: list[Path]) -> None:
    """The worker's body: every file received in turn, the outcomes posted."""
    from .. import settings
    from ..workbook.sub_report_files import receive_all

    with worker_failures(lambda text: screen.post_message(ReportsReceived(None, text)), TITLE):
        try:
            members = settings.remembered_members()
        except settings.SettingsError:
            members = {}
        screen.post_message(ReportsReceived(receive_all(db, files, doc, members)))


def outcome_text(outcomes: list[FileOutcome]) -> Text:
    """A line a file (✓ imported, ✗ refused), then what is said of it, indented."""
    done = sum(o.imported for o in outcomes)
    t = Text(f"共 {len(outcomes)} 个文件:导入 {done} 个,未导入 {len(outcomes) - done} 个。\n\n", style="bold")
    for o in outcomes:
        t.append("✓ " if o.imported else "✗ ", style="green" if o.imported else "bold red")
        t.append(o.file.name + "\n", style="bold")
        for line in o.lines:
            t.append(f"  {line}\n", style="" if o.imported and not line.startswith("未导入") else "yellow")
    return t
