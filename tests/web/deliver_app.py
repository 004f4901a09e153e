"""A tiny app for tests/web/test_browser.py: on start it writes a file and offers it with offer_download."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App
from textual.widgets import Static

from tui.app.deliver import offer_download


class DeliverApp(App):
    def __init__(self, path: Path):
        super().__init__()
        self.path = path

    def compose(self):
        yield Static("导出测试")

    def on_mount(self) -> None:
        self.path.write_bytes(b"PK\x03\x04 test workbook")
        Path(str(self.path) + ".offered").write_text(str(offer_download(self, self.path)), encoding="utf-8")


if __name__ == "__main__":
    DeliverApp(Path(sys.argv[1])).run()
