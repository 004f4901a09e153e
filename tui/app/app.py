"""The Textual App: one main screen per unit, Chinese command palette."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from rich.align import Align
from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets.option_list import Option

from .main_screen import MainScreen
from .session import Session


NOT_IN_PALETTE = {"quit", "help_quit", "command_palette", "focus_next", "focus_previous"}


def with_keys(help_: str, keys: tuple[str, str] | None) -> str:
    """A command's help with its key: `网址或文件路径(按键 e)`."""
    return f"{help_}(按键 {keys[1]})" if keys else help_


class ChinesePalette(CommandPalette):
    """Textual's command palette with a Chinese placeholder and 'no matches' line."""

    def __init__(self) -> None:
        super().__init__(placeholder="搜索命令…", id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text("没有匹配的命令", style="not bold")), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def user_keymap() -> tuple[dict[str, str], str | None]:
    """快捷键 from the settings file, and why any of it is not used (said when the app starts)."""
    from .. import settings

    try:
        loaded = settings.load()
    except settings.SettingsError:
        return {}, None  # the damaged file is said where it is used (导出, 近期天数)
    keymap = loaded.keymap
    if loaded.keymap_problem:
        return {}, f"设置文件中的{loaded.keymap_problem};按默认按键"
    if keymap:
        from .key_ids import binding_ids

        unknown = sorted(set(keymap) - set(binding_ids(GongkaiApp)))
        if unknown:
            return (
                {k: v for k, v in keymap.items() if k not in unknown},
                f"设置文件中的快捷键「{'、'.join(unknown)}」不是界面的按键编号,未采用(gongkai-tui settings 快捷键 ? 列出全部)",
            )
    return keymap, None


class GongkaiApp(App):
    CSS_PATH = "gongkai.tcss"
    TITLE = "gongkai-tui"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [Binding("ctrl+p", "command_palette", "命令", show=False, priority=True, id="app.palette")]

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        # 快捷键 from the settings file (binding id → keys): applied to every binding of that
        # id, shown by the help and the key line; a damaged settings file keeps the defaults.
        self.user_keymap, self.keymap_problem = user_keymap()
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        self.crash: BaseException | None = None  # the first unexpected exception, if any
        self.crash_report: Path | None = None  # where its report was written

    # -- Chinese where Textual speaks English ----------------------------
    def get_key_display(self, binding: Binding) -> str:
        """空格, 回车, Esc, Ctrl+P: the key names of the footer, help and palette."""
        from .key_footer import key_name

        return binding.key_display or key_name(binding.key)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(ChinesePalette())

    def action_help_quit(self) -> None:
        """Ctrl+C: Textual's English 'Do you want to quit?' in Chinese."""
        self.notify("在清单中按 q 退出。所有修改都已保存。", title="要退出吗?")

    # -- what the app shows is text, never markup ------------------------
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications are plain text: messages carry unit names, paths and what the
        user typed, and `[/b]` in any of them would be parsed as markup (and crash).
        English that a message may carry from below (`[Errno 2] No such file…`, SQLite's
        `database is locked`) is put in Chinese here, for every notification."""
        from ..errors_text import chinese

        super().notify(chinese(message), title=chinese(title), severity=severity, timeout=timeout, markup=False)

    # -- unexpected exceptions: a report without locals, a non-zero exit --
    def _handle_exception(self, error: Exception) -> None:
        if self.crash is None:
            from .. import crash

            self.crash = error
            self.crash_report = crash.report(error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Exit without Textual's traceback: it prints local variables (notes, paths,
        evidence). The report is in `crash_report`; run_app tells the user where."""
        self.bell()
        self._close_messages_no_wait()

    def on_mount(self) -> None:
        if self.keymap_problem:  # a hand-edited 快捷键: said, never silently dropped
            self.notify(self.keymap_problem, title="快捷键", severity="warning", timeout=10, markup=False)

    def on_app_focus(self) -> None:
        """The terminal got focus back: show what other processes wrote meanwhile."""
        if isinstance(self.screen, MainScreen):
            self.screen.sync()

    def get_default_screen(self) -> Screen:
        return MainScreen(self.session)

    def screen_keys(self, screen: Screen) -> dict[str, tuple[str, str]]:
        """action → (description, its keys as shown) for the screen's bindings, in order."""
        out: dict[str, tuple[str, str]] = {}
        for b in screen.BINDINGS:
            if isinstance(b, Binding) and b.action not in out:
                shown = " / ".join(self.get_key_display(Binding(k, b.action)) for k in b.key.split(","))
                out[b.action] = (b.description, shown)
        return out

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Chinese commands in place of Textual's English system commands."""
        main = screen if isinstance(screen, MainScreen) else None
        if main is not None:
            keys = self.screen_keys(main)
            listed = set()
            for title, help_, action in (
                ("标记完成", "把当前条目标为已完成并附佐证", "done"),
                ("设为不适用", "写明理由后标为不适用", "not_applicable"),
                ("添加佐证材料", "网址或文件路径", "add_evidence"),
                ("佐证清单", "当前条目的佐证材料:打开、删除、编辑说明、文件是否改动", "evidence_list"),
                ("修改记录", "当前条目的全部修改记录(最新的在最上面)", "history"),
                ("编辑备注", "当前条目的备注", "note"),
                ("编辑工作要求", "工作要求、责任科室、责任人", "work"),
                ("带入往年工作要求", "把往年参考的工作要求、责任科室、责任人写入当前条目(先确认)", "copy_reference"),
                ("搜索", "按内容、路径、单位、编号、备注筛选", "search"),
                ("切换筛选", "全部/未完成/已完成/逾期/近期到期/缺佐证/待确认", "cycle_filter"),
                ("按时限排序", "在文件顺序与按时限(最早到期在前)之间切换", "cycle_sort"),
                ("确认适用", "待确认的条目:确认本单位在点到的统称之内(可撤销)", "confirm"),
                ("更换统称中的本单位", "以统称(如各区县政府)打开时,选择本人所在的成员单位", "choose_member"),
                ("切换角色", "全部/牵头/责任(有配合单位时还有配合)", "cycle_role"),
                ("切换单位", "按名称、简称或拼音首字母选择单位", "switch_unit"),
                ("切换任务分工文件", "本数据库中各年度的任务分工(及修订文本),按文号与年度选择", "documents"),
                (
                    "载入任务分工文件",
                    "读取一份任务分工文件,核对读到的内容后载入本数据库(或写出核对表)",
                    "load_document",
                ),
                ("撤销", "撤销上一步修改", "undo"),
                ("重做", "重做刚撤销的修改", "redo"),
                ("导出任务清单", "选择文件夹,写出本单位的任务清单工作簿(xlsx)", "export"),
                ("牵头检查", "所牵头任务中各责任单位的完成情况", "review"),
                ("导出汇总表", "牵头单位:各责任单位完成情况汇总表(xlsx)", "export_review"),
                ("帮助", "按键一览", "help"),
            ):
                yield SystemCommand(title, with_keys(help_, keys.get(action)), getattr(main, f"action_{action}"))
                listed.add(action)
            # Every other key of the screen too (those added later included): each action is
            # reachable from the palette even when the Footer has no room for its key.
            for action, (description, key) in keys.items():
                if action not in listed and action not in NOT_IN_PALETTE:
                    yield SystemCommand(description, f"按键 {key}", partial(main.run_action, action))
                    listed.add(action)
        yield SystemCommand("退出", "退出 gongkai-tui(所有修改已保存)", self.exit)
