"""Export: where to (a folder, remembered), and where it went (a message that stays until
dismissed, with the folder opened on request)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

APP_FOLDER = "gongkai-tui"


def default_folder() -> Path:
    """A `gongkai-tui` folder in the user's Documents directory."""
    from platformdirs import user_documents_path

    return user_documents_path() / APP_FOLDER


def remembered_folder() -> Path:
    """The folder chosen last time (settings 导出文件夹), else the default."""
    from .. import settings

    try:
        chosen = settings.load().get("export_folder")
    except settings.SettingsError:
        chosen = None
    return Path(chosen).expanduser() if chosen else default_folder()


def folder_problem(text: str) -> str | None:
    """Why a typed folder cannot be used (None: it can; it is created if missing). Never writes."""
    if not text:
        return "请填写导出文件夹"
    if any(ord(c) < 32 for c in text):
        return "文件夹路径中含有控制字符"
    path = Path(text).expanduser()
    try:
        if path.exists() and not path.is_dir():
            return f"{path} 是一个文件,不是文件夹"
    except (OSError, ValueError):
        return f"无法使用这个路径:{text}"
    return None


class ExportDialog(ModalScreen[Path | None]):
    """Ask for the folder to export into (Enter exports, Esc cancels)."""

    BINDINGS = [Binding("escape", "cancel", "取消", id="export.cancel")]

    def __init__(self, what: str, folder: Path):
        super().__init__()
        self.what = what
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"导出{self.what}", classes="dialog-title", markup=False)
            yield Static("导出到哪个文件夹?(不存在的文件夹会自动创建,选择会被记住)", classes="dialog-hint",
                         markup=False)
            yield Input(value=str(self.folder), id="export-folder")
            yield Static("", classes="dialog-error", id="export-error", markup=False)
            yield Static(f"Enter 导出,Esc 取消。默认位置:{default_folder()}", classes="dialog-hint", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        problem = folder_problem(text)
        if problem:
            self.query_one("#export-error", Static).update(problem)
            return
        self.dismiss(Path(text).expanduser())

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#export-error", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportedDialog(ModalScreen[bool]):
    """The file written, with its full path; stays until dismissed. Enter or o: open its
    folder (True); Esc: close (False)."""

    BINDINGS = [
        Binding("enter,o", "open", "打开文件夹", id="exported.open"),
        Binding("escape,q", "close", "关闭", id="exported.close"),
    ]

    def __init__(self, path: str):
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("已导出", classes="dialog-title", markup=False)
            yield Static(Text.assemble("文件已保存到:\n", (self.path, "bold")), markup=False, id="exported-path")
            yield Static("Enter 或 o 打开所在文件夹,Esc 关闭", classes="dialog-hint", markup=False)

    def action_open(self) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)
