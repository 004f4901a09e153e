"""Load a document from the app (O, or 载入新的任务分工文件 in the document picker): its path
(typed or pasted) and, when its text does not say it, its year. 读取 shows what was read in
the CLI `load`'s own words (store/load_summary.py); 载入 stores it as `load` does after its
confirmation, then the app switches to it; 写出核对表 writes the breakdown table workbook
beside the source (`load --as-table`). Every read and write runs in a worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlparse

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static
from textual.worker import get_current_worker
from .background import worker_failures

YEARS = (2000, 2100)  # what `load --year` takes
WAY_OUT = (
    "出路:按「写出核对表」写出读到的内容(读不出的文件写出原文逐行),在 WPS 或 Excel 中改正后在此载入;"
    "也可用 gongkai-tui template 写出空白的任务分工表照原文填写。"
)
NO_YEAR = "文件中找不到年度(标题、文号和成文日期都没有写明):请在「年度」中填写(如 2026)后再按「读取」。"
HINT = "Enter 读取 · Tab 切换 · PgUp/PgDn 翻看读到的内容 · Esc 取消"


def path_of(text: str) -> Path | str:
    """The file a typed or pasted path names (`~` expanded; quotes and `file://` that a
    file manager adds when a file is dropped or copied are taken off), or why not (Chinese)."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1].strip()
    if text.startswith("file://"):
        text = unquote(urlparse(text).path)
    if not text:
        return "请填写任务分工文件的路径(可粘贴)"
    if any(ord(c) < 32 for c in text):
        return "文件路径中含有控制字符"
    try:
        return Path(text).expanduser()
    except (RuntimeError, ValueError):  # `~nosuchuser/…`
        return f"无法使用这个路径:{text}"


def year_of(text: str) -> int | None | str:
    """The year typed (None: none typed), or why it is not one. Full-width digits count."""
    text = text.strip()
    if not text:
        return None
    text = text.removesuffix("年").strip()
    try:
        year = int(text)
    except ValueError:
        year = None
    if year is None or not YEARS[0] <= year <= YEARS[1]:
        return f"年度应为 {YEARS[0]}–{YEARS[1]} 之间的年份,如 2026"
    return year


@dataclass
class Loaded:
    """What the dialog returns after 载入: the new document, its number, what to tell."""

    doc: int
    number: str
    lines: list[str]


class LoadDialog(ModalScreen[Loaded | None]):
    """Read, check, write out or load one document; returns Loaded, or None (取消)."""

    BINDINGS = [
        Binding("escape", "cancel", "取消", id="load.cancel"),
        Binding("pageup", "page(-1)", "上翻", show=False, id="load.pageup"),
        Binding("pagedown", "page(1)", "下翻", show=False, id="load.pagedown"),
    ]

    @dataclass
    class Read(Message):
        key: tuple  # (path, year) read
        lines: list[str]
        year_missing: bool

    @dataclass
    class Failed(Message):
        what: str  # 读取 / 载入 / 写出核对表
        text: str

    @dataclass
    class Stored(Message):
        loaded: Loaded

    @dataclass
    class Written(Message):
        lines: list[str]

    def __init__(self, db_path: Path):
        super().__init__()
        self.db_path = db_path
        self.read_key: tuple | None = None  # (path, year) of the reading shown, when it can be loaded
        self.busy: str | None = None  # what a worker is doing: 读取 / 载入 / 写出核对表

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="load-dialog"):
            yield Label("载入任务分工文件", classes="dialog-title", markup=False)
            with Horizontal(classes="load-row"):
                yield Label("文件路径", markup=False)
                yield Input(
                    id="load-path",
                    compact=True,
                    placeholder="输入或粘贴:.txt .docx .xlsx .xls .html .pdf 等,~ 表示主目录",
                )
            with Horizontal(classes="load-row"):
                yield Label("年    度", markup=False)
                yield Input(id="load-year", compact=True, max_length=6, placeholder="如 2026")
                yield Label("文件中没有写明年度时填写", classes="dialog-hint", markup=False)
            with Horizontal(id="load-buttons"):
                yield Button("读取", id="load-read", compact=True)
                yield Button("写出核对表", id="load-table", compact=True)
                yield Button("载入", id="load-store", compact=True, disabled=True)
                yield Button("取消", id="load-cancel", compact=True)
            yield Static("", id="load-status", markup=False)
            with VerticalScroll(id="load-result"):
                yield Static("", id="load-text", markup=False)
            yield Static(HINT, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#load-path", Input).focus()

    # -- what the user typed ------------------------------------------------
    def inputs(self) -> tuple[Path, int | None] | None:
        """The path and year typed, or None after saying what is wrong with them."""
        path = path_of(self.query_one("#load-path", Input).value)
        if isinstance(path, str):
            self.say(path, error=True, focus="#load-path")
            return None
        year = year_of(self.query_one("#load-year", Input).value)
        if isinstance(year, str):
            self.say(year, error=True, focus="#load-year")
            return None
        return path, year

    def say(self, text: str, error: bool = False, focus: str | None = None) -> None:
        status = self.query_one("#load-status", Static)
        status.update(text)
        status.set_class(error, "dialog-error")
        if focus:
            self.query_one(focus).focus()

    def show(self, lines: list[str], error: bool = False) -> None:
        self.query_one("#load-text", Static).update(Text("\n".join(lines), style="red" if error else ""))
        self.query_one("#load-result", VerticalScroll).scroll_home(animate=False)

    def begin(self, what: str) -> tuple[Path, int | None] | None:
        """The path and year for `what` (读取 / 载入 / 写出核对表), when no other work runs
        and they can be used; else None, having said why."""
        if self.busy:
            self.say(f"正在{self.busy},请稍候")
            return None
        got = self.inputs()
        if got is not None and what == "载入" and self.read_key != got:
            self.say("请先按「读取」核对读到的内容,再载入", error=True)
            return None
        if got is not None:
            self.busy = what
            self.say(f"正在{what} {got[0].name}…")
        return got

    @work(thread=True, exclusive=True, group="load-dialog")
    def _run(self, what: str, job: Callable[[], Message]) -> None:
        """`job` in a thread; its message, or what went wrong, back to the dialog."""
        messages: list[Message] = []
        with worker_failures(lambda text: messages.append(self.Failed(what, text)), what, WAY_OUT):
            messages.append(job())
        if what == "载入" or not get_current_worker().is_cancelled:  # a load is stored even so
            self.post_message(messages[0])

    def action_page(self, direction: int) -> None:
        """PgUp/PgDn: what was read scrolls wherever the focus is (on 载入, after a reading)."""
        result = self.query_one("#load-result", VerticalScroll)
        (result.scroll_page_down if direction > 0 else result.scroll_page_up)(animate=False)

    @on(Input.Changed)
    def edited(self, event: Input.Changed) -> None:
        """Another path or year: the reading shown is no longer the one 载入 would store."""
        self.read_key = None
        self.query_one("#load-store", Button).disabled = True

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_read()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions: dict[str | None, Callable[[], None]] = {
            "load-read": self.action_read,
            "load-table": self.action_table,
            "load-store": self.action_store,
            "load-cancel": self.action_cancel,
        }
        actions[event.button.id]()

    # -- 读取 ------------------------------------------------------------------
    def action_read(self) -> None:
        got = self.begin("读取")
        if got is not None:
            self.show([])
            self._run("读取", partial(self.read, *got))

    def read(self, path: Path, year: int | None) -> Message:
        """What `load` reads and shows before it asks (in the worker)."""
        from ..store.build import read_and_plan
        from ..store.load_summary import read_lines
        from ..workbook.recognise import refuse_exported_checklist

        refuse_exported_checklist(path)
        _, report = read_and_plan(path, None, strict=False, year=year, need_year=False)
        return self.Read((path, year), read_lines(report), report.document.year is None)

    def on_load_dialog_read(self, event: "LoadDialog.Read") -> None:
        self.busy = None
        self.show(event.lines)
        if event.year_missing:
            self.say(NO_YEAR, error=True, focus="#load-year")
            return
        self.read_key = event.key
        store = self.query_one("#load-store", Button)
        store.disabled = False
        self.say("请核对下面读到的内容(可滚动);无误后按「载入」,有读错时按「写出核对表」改正后载入。")
        store.focus()

    def on_load_dialog_failed(self, event: "LoadDialog.Failed") -> None:
        self.busy = None
        self.say(f"未能{event.what}", error=True)
        self.show(event.text.splitlines(), error=True)

    # -- 载入 ------------------------------------------------------------------
    def action_store(self) -> None:
        got = self.begin("载入")
        if got is not None:
            self._run("载入", partial(self.store, *got))

    def store(self, path: Path, year: int | None) -> Message:
        """What `load` does once confirmed (in the worker)."""
        from ..store.documents import label
        from ..store.load import load_document
        from ..store.load_summary import references_line

        done = load_document(self.db_path, path, year=year)
        number = label(done.build.document)
        return self.Stored(Loaded(done.doc_id, number, [f"已载入 {number}", references_line(done)]))

    def on_load_dialog_stored(self, event: "LoadDialog.Stored") -> None:
        self.busy = None
        self.dismiss(event.loaded)

    # -- 写出核对表 -------------------------------------------------------------
    def action_table(self) -> None:
        got = self.begin("写出核对表")
        if got is not None:
            self._run("写出核对表", partial(self.write_table, *got))

    def write_table(self, path: Path, year: int | None) -> Message:
        """`load --as-table` to <源文件名>-读取结果.xlsx beside the source (in the worker)."""
        from ..workbook.read_as_table import default_out, write_read_table, written_lines

        out = default_out(path)
        written = write_read_table(path, out, year=year)
        return self.Written(written_lines(written, out, "改正后在上面填写该表的路径,读取、载入。"))

    def on_load_dialog_written(self, event: "LoadDialog.Written") -> None:
        self.busy = None
        self.say(event.lines[0])
        self.show(event.lines)

    # -- 取消 ------------------------------------------------------------------
    def action_cancel(self) -> None:
        if self.busy == "载入":  # the transaction runs to its end: its result is shown
            self.say("正在载入,请稍候(载入是一个事务:要么全部载入,要么什么都不改)")
            return
        self.workers.cancel_group(self, "load-dialog")
        self.dismiss(None)


def open_load_dialog(main) -> None:
    """Show the dialog over the main screen; after 载入, say so and switch to the new
    document for the open unit (the document picker's way: MainScreen.open_document)."""

    def finish(loaded: Loaded | None) -> None:
        if loaded is not None:
            main.notify(";".join(loaded.lines), title="已载入", timeout=8, markup=False)
            main.open_document(loaded.doc, number=loaded.number)

    main.app.push_screen(LoadDialog(main.session.store.path), finish)
