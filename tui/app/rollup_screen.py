"""汇总 (issue #25 item 4, `R`): each item the unit assigned down, every sub-unit it assigned
it to with what that sub-unit reported (its 任务清单 imported here: status, 具体完成情况,
evidence), or 未报送. Read in a worker on its own connection; `gongkai-tui rollup` shows the
same lines, and `rollup --fill` writes the unit's own 具体完成情况 from them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, LoadingIndicator, Static
from textual.worker import get_current_worker

from .background import worker_failures
from .review_style import STYLE
from .topbar import ALWAYS, Part, TopBar

COLUMNS = ("条目", "下级单位", "角色", "完成情况", "具体完成情况", "佐证")


def read_rollup(path: Path, doc: int, unit: str) -> list[dict]:
    from ..store import Store

    with Store(path, readonly=True, doc=f"#{doc}") as store:
        return store.rollup(unit)


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


def cells(line: dict) -> tuple[str | Text, ...]:
    """One table row. DataTable reads a str cell as markup: what a person or a file wrote (the
    sub-unit's name, its account) goes in as Text; only what we write ourselves (the item's
    id, the role, a count) as str."""
    where = line["item"] + (f".{line['step']}" if line["step"] else "")
    status = (line.get("status") or "") if line["reported"] else "未报送"
    narrative = " ".join((line.get("narrative") or "").split())
    return (
        where,
        _name(line["sub_unit"]),
        line["role"],
        _state(status),
        Text(narrative[:40] + ("…" if len(narrative) > 40 else "")),
        str(len(line.get("evidence") or [])) if line["reported"] else "",
    )


def title_parts(unit: str, lines: list[dict] | None) -> tuple[Part, ...]:
    title = Part(Text.assemble((unit, "bold"), " 分解汇总"), keep=ALWAYS)
    if lines is None:
        return title, Part(Text("正在读取…"), keep=ALWAYS)
    missing = sorted({x["sub_unit"] for x in lines if not x["reported"]})
    return (title, Part(Text(f"{len(lines)} 项分解"), keep=50), Part(Text(f"未报送 {len(missing)} 个单位"), keep=40))


class RollupScreen(Screen):
    BINDINGS = [Binding("escape,q", "close", "返回", id="rollup.close")]

    @dataclass
    class Read(Message):
        lines: list[dict] | None
        error: str | None = None

    def __init__(self, unit: str, path: Path, doc: int):
        super().__init__()
        self.unit, self.path, self.doc = unit, path, doc

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield LoadingIndicator(id="rollup-loading")
        yield DataTable(id="rollup-table", zebra_stripes=True, cursor_type="row")
        yield Static("", id="rollup-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TopBar).parts = title_parts(self.unit, None)
        self.query_one(DataTable).display = False
        self.load()

    @work(thread=True, exclusive=True, group="rollup")
    def load(self) -> None:
        with worker_failures(lambda text: self.post_message(self.Read(None, text)), "读取汇总"):
            lines = read_rollup(self.path, self.doc, self.unit)
            if not get_current_worker().is_cancelled:
                self.post_message(self.Read(lines))

    def on_rollup_screen_read(self, event: "RollupScreen.Read") -> None:
        self.query_one("#rollup-loading").display = False
        detail = self.query_one("#rollup-detail", Static)
        if event.error is not None or event.lines is None:
            detail.update(Text(f"读取失败:{event.error}", style="bold red"))
            return
        self.query_one(TopBar).parts = title_parts(self.unit, event.lines)
        if not event.lines:
            detail.update(
                Text(
                    f"「{self.unit}」还没有分解任何条目:用 gongkai-tui assign 分解,"
                    "gongkai-tui issue 印发;下级报送的任务清单用 gongkai-tui import 导入。"
                )
            )
            return
        table = self.query_one(DataTable)
        table.display = True
        table.add_columns(*COLUMNS)
        for line in event.lines:
            table.add_row(*cells(line))
        missing = sorted({x["sub_unit"] for x in event.lines if not x["reported"]})
        detail.update(Text("未报送的单位:" + "、".join(missing) if missing else "各下级单位都已报送。"))
        table.focus()

    def action_close(self) -> None:
        self.app.pop_screen()
