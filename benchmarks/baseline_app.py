"""The baseline for cold start: an empty Textual app (Header, DataTable, Footer)
showing one row, started the same way as gongkai-tui."""

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header


class Baseline(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("编号", "内容")
        table.add_row("1.1.1-1", "基线")


if __name__ == "__main__":
    Baseline().run()
