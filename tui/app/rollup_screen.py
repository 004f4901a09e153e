"""汇总 (issue #25 items 4 and 5, `R`): each item the unit assigned down, every sub-unit it
assigned it to with what that sub-unit reported (its 任务清单 imported here: status, 具体完成情况,
evidence), or 未报送, and the sub-unit's score (考评, the rule under the table). `c` writes the
催办通知 to the sub-units with items 未报送, 已逾期 or 临近时限; `t` the 情况通报 (.docx or
.xlsx); `i` the unit's own 任务分工 its sub-units load (.docx or .xlsx, as `issue`); `f` fills the
unit's own 具体完成情况 from the reports (as `rollup --fill`, one undo step of the checklist) and
asks before setting 已完成 where every sub-unit is done; `m` imports sub-units' returned 任务清单
(a workbook or a folder of them, sub_report_import.py). Read and written in workers on their
own connections; `gongkai-tui rollup`, `chase`, `bulletin`, `issue` and `import` give the same
lines and files."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, LoadingIndicator, Static
from textual.worker import get_current_worker

from ..errors import user_message
from ..issued.rollup_summary import RollupSummary
from ..store import InputError, Store, StoreError
from .background import worker_failures
from .dialogs import ConfirmDialog
from .key_footer import KeyFooter
from .review_style import STYLE
from .topbar import ALWAYS, Part, TopBar

if TYPE_CHECKING:
    from .sub_report_import import ReportsReceived

COLUMNS = ("条目", "下级单位", "角色", "完成情况", "具体完成情况", "佐证", "得分")
BULLETIN_LAYOUTS = ("通报文档", "通报表格")  # the 情况通报 as .docx or .xlsx (export_dialog's hints)
ISSUE_LAYOUTS = ("分工通知", "分工表格")  # the unit's own 任务分工 as .docx or .xlsx
XLSX_LAYOUTS = ("通报表格", "分工表格")
ISSUED = "任务分工"
FIRST_ROWS = 50  # rows shown at once (a tall screenful: each is measured before the first paint)
ROW_BATCH = 1_000
LOADING_AFTER = 0.5  # seconds of reading before the loading animation is shown
BATCH_PAUSE = 0.02  # seconds between batches: keys and paints go between them
PAINT_WAIT = 0.5  # seconds the rest of the lines wait at most for the first rows to be painted
Fill = Callable[[bool], tuple[int | None, list[str], list[str]]]  # Session.fill_from_reports


def read_rollup(store: Store, unit: str, as_of: dt.date) -> tuple[RollupSummary, list[dict]]:
    """What the first paint shows: the counts, scores and who is chased on `as_of` (one SQL
    aggregate) and the first FIRST_ROWS lines; the rest are read after it."""
    from ..issued.rollup_summary import rollup_summary

    return rollup_summary(store, unit, as_of), store.rollup(unit, FIRST_ROWS)


_STATES: dict[str, Text] = {}


def _state(status: str) -> Text:
    """The state in the colour the 牵头检查 uses for it (one Text a state: 10,000 rows stay fast)."""
    if status not in _STATES:
        _STATES[status] = Text(status, style=STYLE.get(status, ""))
    return _STATES[status]


@lru_cache(maxsize=1024)
def _name(name: str) -> Text:
    """A sub-unit's name as text (one Text a name: each stands on 200 rows)."""
    return Text(name)


def _as_written(text: str) -> str | Text:
    """What a person wrote, for a DataTable cell, which reads a str as markup (`[…]` tags and
    `:name:` emoji codes): as Text where it holds either, else the str itself, drawn the same
    (10,000 Text objects were half the roll-up's time)."""
    return Text(text) if "[" in text or ":" in text else text


def cells(line: dict, score: int | None = None) -> tuple[str | Text, ...]:
    """One table row. DataTable reads a str cell as markup: what a person or a file wrote (the
    sub-unit's name, its account) goes in as Text or as a str markup leaves alone
    (`_as_written`); what we write ourselves (the item's id, the role, a count) as str.
    `score`: the sub-unit's."""
    where = line["item"] + (f".{line['step']}" if line["step"] else "")
    status = (line.get("status") or "") if line["reported"] else "未报送"
    narrative = " ".join((line.get("narrative") or "").split())
    return (
        where,
        _name(line["sub_unit"]),
        line["role"],
        _state(status),
        _as_written(narrative[:40] + ("…" if len(narrative) > 40 else "")),
        str(len(line.get("evidence") or [])) if line["reported"] else "",
        "" if score is None else str(score),
    )


def title_parts(unit: str, summary: RollupSummary | None) -> tuple[Part, ...]:
    title = Part(Text.assemble((unit, "bold"), " 分解汇总"), keep=ALWAYS)
    if summary is None:
        return title, Part(Text("正在读取…"), keep=ALWAYS)
    return (
        title,
        Part(Text(f"{summary.lines} 项分解"), keep=50),
        Part(Text(f"未报送 {len(summary.missing)} 个单位"), keep=40),
    )


def detail_text(summary: RollupSummary, as_of: dt.date) -> Text:
    """Under the table: who has not reported, who is chased for what (c), every sub-unit's
    score and the rule."""
    from ..issued.supervision import SCORE_RULE

    missing = summary.missing
    said = "未报送的单位:" + "、".join(missing) if missing else "各下级单位都已报送。"
    chase = f"需催办(c 写催办通知):{summary.chase_summary()}" if summary.chased else "无需催办。"
    marks = "、".join(f"{name} {score} 分" for name, score in summary.scores.items())
    return Text(f"{said}\n{chase}\n考评(截至 {as_of.isoformat()}):{marks}\n评分规则:{SCORE_RULE}")


class RollupScreen(Screen):
    BINDINGS = [
        Binding("escape,q", "close", "返回", id="rollup.close"),
        Binding("c", "chase", "催办通知", id="rollup.chase"),
        Binding("t", "bulletin", "情况通报", id="rollup.bulletin"),
        Binding("i", "issue", "印发任务分工", id="rollup.issue"),
        Binding("f", "fill", "填入本单位", id="rollup.fill"),
        Binding("m", "receive", "导入下级报送", id="rollup.receive"),
    ]

    @dataclass
    class Read(Message):
        """The first paint's: the summary and the first rows (None with the error)."""

        lines: list[dict] | None
        error: str | None = None
        summary: RollupSummary | None = None
        detail: Text | None = None  # detail_text, composed in the worker too

    @dataclass
    class Rest(Message):
        """Every line, read after the first paint in the same read transaction."""

        lines: list[dict]

    @dataclass
    class Written(Message):
        path: str | None  # None: an error, or nothing to chase
        error: str | None = None

    def __init__(self, unit: str, path: Path, doc: int, as_of: dt.date, fill: Fill | None = None):
        """`fill`: writes the unit's own 具体完成情况 (and, asked, 已完成) from the reports as one
        undo step of the checklist's session; None where the screen only reads."""
        super().__init__()
        self.unit, self.path, self.doc, self.as_of = unit, path, doc, as_of
        self.fill = fill
        self.summary: RollupSummary | None = None  # once the first rows are read
        self.lines: list[dict] | None = None  # every line, once read
        self.read_done = False  # read, or failed
        self._painted = threading.Event()  # the first rows are on the screen

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        loading = LoadingIndicator(id="rollup-loading")
        loading.display = False  # shown only when reading takes long (its animation slows the read)
        yield loading
        yield DataTable(id="rollup-table", zebra_stripes=True, cursor_type="row")
        yield Static("", id="rollup-detail", markup=False)
        yield KeyFooter()  # Textual's Footer recomposed its keys four times before the first rows showed

    def on_mount(self) -> None:
        self.load()
        self.query_one(TopBar).parts = title_parts(self.unit, None)
        table = self.query_one(DataTable)
        table.display = False
        table.focus()  # now, hidden: the footer is drawn once with its keys, not again with the rows
        self.set_timer(LOADING_AFTER, self._show_loading)

    def _show_loading(self) -> None:
        if not self.read_done and self.is_attached:
            self.query_one("#rollup-loading").display = True

    @work(thread=True, exclusive=True, group="rollup")
    def load(self) -> None:
        """The summary and the first rows, posted for the first paint; then every line (one
        read transaction: the rows after the first are of the same state of the file)."""
        worker = get_current_worker()
        with worker_failures(lambda text: self.post_message(self.Read(None, text)), "读取汇总"):
            with Store(self.path, readonly=True, pages_checked=True, doc=f"#{self.doc}") as store, store.one_reading():
                summary, first = read_rollup(store, self.unit, self.as_of)
                detail = detail_text(summary, self.as_of) if summary.lines else None
                if worker.is_cancelled:
                    return
                self.post_message(self.Read(first, summary=summary, detail=detail))
                lines = first
                if summary.lines > len(first):
                    # the rest after the first paint: reading 10,000 lines beside it slowed it down
                    self._painted.wait(PAINT_WAIT)
                    lines = store.rollup(self.unit)
            if not worker.is_cancelled:
                self.post_message(self.Rest(lines))

    def on_rollup_screen_read(self, event: "RollupScreen.Read") -> None:
        self.read_done = True
        self.query_one("#rollup-loading").display = False
        detail = self.query_one("#rollup-detail", Static)
        if event.error is not None or event.lines is None or event.summary is None:
            detail.update(Text(f"读取失败:{event.error}", style="bold red"))
            return
        summary = self.summary = event.summary
        self.query_one(TopBar).parts = title_parts(self.unit, summary)
        if not summary.lines:
            detail.update(
                Text(
                    f"「{self.unit}」还没有分解任何条目:在清单中按 A 分解(或 gongkai-tui assign),"
                    "再在这里按 i 印发;下级报送回来的任务清单在这里按 m 导入。"
                )
            )
            return
        scores = summary.scores
        table = self.query_one(DataTable)
        table.display = True
        table.add_columns(*COLUMNS)
        table.add_rows(cells(x, scores.get(x["sub_unit"])) for x in event.lines[:FIRST_ROWS])
        detail.update(event.detail or detail_text(summary, self.as_of))
        table.focus()
        self.call_after_refresh(self._painted.set)

    def on_rollup_screen_rest(self, event: "RollupScreen.Rest") -> None:
        """Every line: the rows after the first ones added in batches."""
        self.lines = event.lines
        if self.summary is not None and self.summary.lines:
            table = self.query_one(DataTable)
            self._add_rows(table, event.lines, self.summary.scores, table.row_count)

    def _add_rows(self, table: DataTable, lines: list[dict], scores: dict[str, int], start: int) -> None:
        """The rows after the first screenful, a batch at a time with keys and paints between:
        10,000 rows added at once held the screen for more than a second before anything was
        shown."""
        if start >= len(lines) or not table.is_attached:
            return

        def batch() -> None:
            if table.is_attached:
                table.add_rows(cells(x, scores.get(x["sub_unit"])) for x in lines[start : start + ROW_BATCH])
                self._add_rows(table, lines, scores, start + ROW_BATCH)

        self.set_timer(BATCH_PAUSE, batch)

    def action_close(self) -> None:
        self.app.pop_screen()

    def action_chase(self) -> None:
        """c: the 催办通知, into the folder chosen (the export folder, remembered)."""
        if self._can_write() and self.summary is not None:
            if not self.summary.chased:
                self._nothing_to_chase()
                return
            self._ask("催办通知")

    def action_bulletin(self) -> None:
        """t: the 情况通报, as a Word notice or a workbook."""
        if self._can_write():
            self._ask("情况通报", BULLETIN_LAYOUTS)

    def action_issue(self) -> None:
        """i: the unit's own 任务分工 (the Word notice, or the table workbook) its sub-units load."""
        if self._can_write():
            self._ask(ISSUED, ISSUE_LAYOUTS)

    def action_fill(self) -> None:
        """f: the unit's empty 具体完成情况 from its sub-units' reports (as `rollup --fill`), one
        undo step; where every sub-unit reported an item done, asks before setting it 已完成."""
        if self.fill is None or not self._can_write():
            return
        try:
            action, filled, done = self.fill(False)
        except (InputError, StoreError) as e:
            self.notify(user_message(e) or str(e), title="未能填写", severity="error", timeout=10, markup=False)
            return
        undo = "(返回清单后按 z 撤销)" if action is not None else ""
        said = (
            f"已用下级单位的报送填写 {len(filled)} 个条目的具体完成情况{undo}" if filled else "没有要填写的具体完成情况"
        )
        self.notify(said, timeout=8, markup=False)
        if done:
            body = Text(
                f"以下 {len(done)} 个条目,分解到的下级单位都已报送「已完成」:\n"
                + "、".join(done[:30])
                + ("…" if len(done) > 30 else "")
                + "\n\n是否把这些条目设为已完成?(完成时间为今天,已记的保留;可在清单中按 z 撤销)"
            )

            def answer(yes: bool | None) -> None:
                if yes and self.fill is not None:
                    try:
                        action, _, done_now = self.fill(True)
                    except (InputError, StoreError) as e:
                        self.notify(user_message(e) or str(e), title="未能设为已完成", severity="error", markup=False)
                        return
                    if action is not None:
                        self.notify(f"{len(done_now)} 个条目已设为已完成", timeout=6, markup=False)

            self.app.push_screen(ConfirmDialog("设为已完成?", body), answer)

    def action_receive(self) -> None:
        """m: sub-units' returned 任务清单 (a workbook, or a folder of them) imported one file at a
        time in a worker (sub_report_import.py); then each file said and the roll-up read again."""
        from .sub_report_import import ask_and_receive

        ask_and_receive(self, self.path, self.doc)

    def on_reports_received(self, event: "ReportsReceived") -> None:
        """The files imported: the roll-up read again (a fresh screen in this one's place),
        each file's outcome shown over it."""
        from .dialogs import TextScreen
        from .sub_report_import import TITLE, outcome_text

        if event.outcomes is None:
            self.notify(event.error or "", title="未能导入", severity="error", timeout=15, markup=False)
            return
        if any(o.imported for o in event.outcomes):
            self.app.switch_screen(RollupScreen(self.unit, self.path, self.doc, self.as_of, self.fill))
        self.app.push_screen(TextScreen(TITLE, outcome_text(event.outcomes)))

    def _can_write(self) -> bool:
        """Whether there is a roll-up to write from; else said why."""
        if self.summary is None:
            self.notify("汇总还在读取,请稍候", timeout=3, markup=False)
            return False
        if not self.summary.lines:
            self.notify(f"「{self.unit}」还没有分解任何条目,没有可催办或通报的内容", timeout=6, markup=False)
            return False
        return True

    def _nothing_to_chase(self) -> None:
        self.notify(
            f"截至 {self.as_of.isoformat()},没有需要催办的事项:各下级单位都已报送,没有已逾期或临近时限的未完成事项",
            timeout=8,
            markup=False,
        )

    def _ask(self, what: str, layouts: tuple[str, ...] = ()) -> None:
        from .export_dialog import ExportDialog, remembered_folder

        dialog = ExportDialog(what, remembered_folder(), layouts)

        def finish(folder: Path | None) -> None:
            if folder is None:
                return
            suffix = ".xlsx" if dialog.chosen_layout in XLSX_LAYOUTS else ".docx"
            self.notify(f"正在写{what}…", timeout=2, markup=False)
            self._write(what, folder, suffix)

        self.app.push_screen(dialog, finish)

    @work(thread=True, exclusive=True, group="supervise")
    def _write(self, what: str, folder: Path, suffix: str) -> None:
        from ..issued import supervision_service as service
        from ..store import Store
        from ..workbook.files import unused_path

        with worker_failures(lambda text: self.post_message(self.Written(None, text)), f"写{what}"):
            path: Path | None
            with Store(self.path, readonly=True, pages_checked=True, doc=f"#{self.doc}") as store:
                if what == ISSUED:
                    from ..issued.service import issue_breakdown, issued_file_name

                    out = unused_path(folder / issued_file_name(store, self.unit).with_suffix(suffix))
                    path = issue_breakdown(store, self.unit, out, body=service.body_setting("issue_body"))
                elif what == "催办通知":
                    out = unused_path(folder / service.chase_file_name(self.unit, self.as_of))
                    path, _ = service.write_chase(
                        store, self.unit, out, self.as_of, body=service.body_setting("chase_body")
                    )
                else:
                    out = unused_path(folder / service.bulletin_file_name(self.unit, self.as_of, suffix))
                    path = service.write_bulletin(
                        store, self.unit, out, self.as_of, body=service.body_setting("bulletin_body")
                    )
            self.post_message(self.Written(str(path.resolve()) if path is not None else None))

    def on_rollup_screen_written(self, event: "RollupScreen.Written") -> None:
        from .deliver import offer_download
        from .export_dialog import ExportedDialog

        if event.error:
            self.notify(event.error, title="未能写出", severity="error", timeout=15, markup=False)
            return
        if event.path is None:  # reported meanwhile (the roll-up on screen was read before)
            self._nothing_to_chase()
            return
        path = event.path
        offer_download(self.app, Path(path))

        def finish(open_folder: bool | None) -> None:
            if open_folder:
                self._open_folder(str(Path(path).parent))

        self.app.push_screen(ExportedDialog(path), finish)

    @dataclass
    class OpenFailed(Message):
        error: str

    @work(thread=True, group="open")
    def _open_folder(self, folder: str) -> None:
        from . import opener

        with worker_failures(lambda text: self.post_message(self.OpenFailed(text)), "打开文件夹"):
            opener.open_with_system(folder)

    def on_rollup_screen_open_failed(self, event: "RollupScreen.OpenFailed") -> None:
        self.notify(event.error, title="无法打开文件夹", severity="error", timeout=10, markup=False)
