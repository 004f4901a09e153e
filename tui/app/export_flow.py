"""The export flow of the main screen: `E` (任务清单: 上报版 / 完整版, 汇总表 for a lead) and
the lead check's 汇总表, written in a worker; then the dialog that offers the folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from . import collectives
from .background import worker_failures

if TYPE_CHECKING:
    from .main_host import MainScreenHost  # the screen as its flows see it (main_host.py)
    from ..settings import Signatures
else:
    MainScreenHost = object  # at run time a plain mixin of MainScreen


class ExportFlow(MainScreenHost):
    """MainScreen's export keys (a mixin: `self` is the MainScreen). Its messages keep the
    screen's name (`on_main_screen_exported`)."""

    @dataclass
    class Exported(Message, namespace="main_screen"):
        path: str | None  # None only with an error
        error: str | None = None

    def action_export(self) -> None:
        self.ask_export(review=False)

    def action_export_review(self) -> None:
        self.ask_export(review=True)

    def ask_export(self, review: bool) -> None:
        """Which layout (E: 上报版, 完整版, and 汇总表 for a lead) and where to: both as chosen
        last time (or the 上报版 and Documents/gongkai-tui), remembered."""
        from .export_dialog import ExportDialog, remembered_folder, remembered_layout

        if not review and collectives.needs_member(self.session):  # a collective's report is its member's
            self.ask_member(lambda: self.ask_export(review))
            return
        layouts: tuple[str, ...] = ()
        if not review:
            lead = any("牵头" in e.roles for e in self.session.entries)
            layouts = ("上报版", "完整版", "汇总表") if lead else ("上报版", "完整版")
        dialog = ExportDialog(
            "汇总表" if review else "任务清单",
            remembered_folder(),
            layouts,
            remembered_layout(layouts) if layouts else None,
        )

        def finish(folder: Path | None) -> None:
            if folder is None:
                return
            from .. import settings

            try:
                settings.set_value("导出文件夹", str(folder))
                if layouts:
                    settings.set_value("导出版式", dialog.chosen_layout)
            except settings.SettingsError as e:  # exported all the same; only not remembered
                self.notify(str(e), title="导出选择未记住", severity="warning", timeout=6, markup=False)
            layout = "汇总表" if review else dialog.chosen_layout
            self.notify(f"正在导出{'任务清单' if layout != '汇总表' else ''}{layout}…", timeout=2, markup=False)
            self._export(layout == "汇总表", folder, layout == "完整版")

        self.app.push_screen(dialog, finish)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, review: bool, folder: Path, full: bool = False) -> None:
        import datetime as dt

        from ..filenames import safe_filename
        from ..store import Store
        from ..workbook import service

        s = self.session
        with worker_failures(lambda text: self.post_message(self.Exported(None, text)), "导出"):
            folder.mkdir(parents=True, exist_ok=True)
            year = s.store.document.get("year")
            today = dt.date.today()
            # sqlite connections stay in their thread; the document on screen, not the newest
            with Store(s.store.path, readonly=True, pages_checked=True, doc=f"#{s.store.doc}") as store:
                if review:
                    out = folder / safe_filename(f"{s.shown_name}-{year or ''}年政务公开任务汇总表-{today:%Y%m%d}.xlsx")
                    path = service.export_review(store, s.unit, s.as_of, out=out, shown_name=s.shown_name)
                else:
                    out = service.default_export_path(s.shown_name, year, today, folder)
                    path = service.export_checklist(
                        store, s.unit, s.as_of, out=out, shown_name=s.shown_name, full=full, **signatures()
                    )
            self.post_message(self.Exported(str(path.resolve())))

    def on_main_screen_exported(self, event: "ExportFlow.Exported") -> None:
        from .export_dialog import ExportedDialog

        if event.error:
            self.notify(event.error, title="导出失败", severity="error", timeout=15, markup=False)
            return
        path = event.path
        assert path is not None  # written without an error (_export)
        from .deliver import offer_download

        if offer_download(self.app, Path(path)):  # in a browser (gongkai-tui web): a download too
            self.notify("已在浏览器中提供下载", timeout=5, markup=False)

        def finish(open_folder: bool | None) -> None:
            if open_folder:
                self._open_folder(str(Path(path).parent))

        for note in list(self.app._notifications):  # done: under the dialog it would show twice
            if note.message.startswith("正在导出"):
                self.app._unnotify(note)
        self.app.push_screen(ExportedDialog(path), finish)

    @dataclass
    class OpenFailed(Message, namespace="main_screen"):
        error: str

    @work(thread=True, group="open")
    def _open_folder(self, folder: str) -> None:
        from . import opener

        with worker_failures(lambda text: self.post_message(self.OpenFailed(text)), "打开文件夹"):
            opener.open_with_system(folder)

    def on_main_screen_open_failed(self, event: "ExportFlow.OpenFailed") -> None:
        self.notify(event.error, title="无法打开文件夹", severity="error", timeout=10, markup=False)


def signatures() -> "Signatures":
    """填报人、联系电话、审核人 for the foot of the 任务清单 (gongkai-tui settings); a damaged
    settings file leaves the lines blank to fill by hand."""
    from ..settings import SettingsError, load

    try:
        return load().signatures()
    except SettingsError:
        return {}
