"""Export: which layout (上报版, 完整版, or a lead's 汇总表) and where to (a folder), both
remembered, and where it went (a message that stays until dismissed, with the folder
opened on request)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

APP_FOLDER = "gongkai-tui"


def default_folder() -> Path:
    """A `gongkai-tui` folder in the user's Documents directory."""
    from platformdirs import user_documents_path

    return user_documents_path() / APP_FOLDER


def remembered_folder() -> Path:
    """The folder chosen last time (settings 导出文件夹), else the default."""
    from .. import settings

    try:
        chosen = settings.load().export_folder
    except settings.SettingsError:
        chosen = ""
    return Path(chosen).expanduser() if chosen else default_folder()


LAYOUT_HINTS = {
    "上报版": "上报版:按报送表格式排版,A4 横向,只含上报内容",
    "完整版": "完整版:全部 15 列,A3 横向,供本单位内部使用",
    "汇总表": "汇总表:牵头单位汇总各责任单位的完成情况",
    "通报文档": "Word 文档(.docx):通报正文、各下级单位情况表和评分规则",
    "通报表格": "Excel 表格(.xlsx):各下级单位情况一张表,另附明细",
    "分工通知": "Word 文档(.docx):印发通知,附件为任务分工表(下级单位用「载入文件」载入)",
    "分工表格": "Excel 表格(.xlsx):同样内容的任务分工表(下级单位同样可以载入)",
}


def remembered_layout(choices: tuple[str, ...]) -> str:
    """The layout chosen last time (settings 导出版式) when it is offered, else the first."""
    from .. import settings

    try:
        chosen = settings.load().export_layout
    except settings.SettingsError:
        chosen = ""
    return chosen if chosen in choices else choices[0]


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
    """Ask for the layout (when `layouts` offers a choice: ↑↓ in the list, or its number)
    and the folder to export into (Enter exports, Esc cancels). The layout chosen is
    `self.chosen_layout` once dismissed."""

    BINDINGS = [Binding("escape", "cancel", "取消", id="export.cancel")]
    AUTO_FOCUS = "#export-folder"

    def __init__(self, what: str, folder: Path, layouts: tuple[str, ...] = (), layout: str | None = None):
        super().__init__()
        self.what = what
        self.folder = folder
        self.layouts = layouts
        self.chosen_layout = layout if layout in layouts else (layouts[0] if layouts else what)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"导出{self.what}", classes="dialog-title", markup=False)
            if self.layouts:
                yield Static("版式(Tab 切换到这里,↑↓ 选择;选择会被记住):", classes="dialog-hint", markup=False)
                with RadioSet(id="export-layout"):
                    for name in self.layouts:
                        yield RadioButton(LAYOUT_HINTS.get(name, name), value=name == self.chosen_layout, name=name)
            yield Static(
                "导出到哪个文件夹?(不存在的文件夹会自动创建,选择会被记住)", classes="dialog-hint", markup=False
            )
            yield Input(value=str(self.folder), id="export-folder")
            yield Static("", classes="dialog-error", id="export-error", markup=False)
            yield Static(f"Enter 导出,Esc 取消。默认位置:{default_folder()}", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        if self.layouts and hasattr(RadioSet, "_selected"):  # ↑↓ start from the layout chosen, not the first
            self.query_one(RadioSet)._selected = self.layouts.index(self.chosen_layout)

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

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.chosen_layout = event.pressed.name or self.chosen_layout

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
