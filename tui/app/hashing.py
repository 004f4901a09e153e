"""A one-line progress bar while a large evidence file is hashed in a worker."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class HashingBar(Horizontal):
    """「正在计算佐证文件的校验值:NAME」 and a bar; removed when the worker is done."""

    def __init__(self, job: int, name: str, total: int):
        super().__init__(classes="hashing")
        self.job = job
        self.file_name = name
        self.total = total

    def compose(self) -> ComposeResult:
        # the file name is the user's: a Text, never markup
        yield Label(Text(f"正在计算佐证文件的校验值:{self.file_name} "), markup=False)
        yield ProgressBar(total=self.total, show_eta=False)

    def advance_to(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=total, progress=done)
