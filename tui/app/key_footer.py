"""The key line at the bottom of the main screen, in Chinese, fitted to the terminal.

Textual's Footer lays out every shown binding in a row and lets the last ones fall
off the right edge: at 80 or 120 columns 导出, 帮助 and 退出 were never visible. This
line chooses what to show by priority (ESSENTIAL first, then the command palette,
then the rest in binding order), shows the chosen keys in binding order and leaves
out, whole, what does not fit. Everything left out is in help (?) and the command
palette (Ctrl+P). A click on a key presses it. While a dialog is open over the screen
the line shows the dialog's keys: the screen's own do nothing then."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget

# Always shown, from 80 columns up: 完成, 搜索, 筛选, 导出, 帮助, 退出.
ESSENTIAL = ("main.done", "main.search", "main.filter", "main.export", "main.help", "main.quit")
# Then the keys a new user would not find otherwise, each from a width up: 分解给下级 and its
# 汇总 from 120 columns (x 不适用, n 备注 and r 角色 make room for them there), 多选 and 全选,
# which A acts on, from 160. Everything left out is in help and Ctrl+P.
OFFERED = (("main.assign", 120), ("main.rollup", 120), ("main.mark", 160), ("main.mark_all", 160))
PALETTE = ("ctrl+p", "命令")
SEP = "  "

_NAMES = {
    "space": "空格",
    "enter": "回车",
    "escape": "Esc",
    "tab": "Tab",
    "question_mark": "?",
    "slash": "/",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "delete": "Del",
    "backspace": "退格",
    "insert": "Ins",
}


def key_name(key: str) -> str:
    """`space` → `空格`, `enter` → `回车`, `ctrl+z` → `Ctrl+Z`, `shift+tab` → `Shift+Tab`, `f1` → `F1`."""
    if "," in key:  # a binding's several keys: `z,ctrl+z` → `z / Ctrl+Z`
        return " / ".join(key_name(k) for k in key.split(",") if k)
    *mods, base = key.split("+") if key != "+" else ["+"]
    if base in _NAMES:
        name = _NAMES[base]
    elif len(base) == 1:
        name = base.upper() if mods else base
    elif base[0] == "f" and base[1:].isdigit():
        name = base.upper()
    else:
        from textual.keys import format_key

        name = format_key(base)
    return "+".join([m.capitalize() for m in mods] + [name])


@dataclass(frozen=True)
class Key:
    key: str  # as Textual names it, pressed on a click
    display: str
    description: str
    enabled: bool = True
    ident: str | None = None


def choose(keys: list[Key], width: int) -> list[Key]:
    """The keys that fit `width` cells: essential first, then the palette, then the offered
    ones (each from its width up), then the rest; returned in their original order."""
    offered = [ident for ident, start in OFFERED if width >= start - 1]  # the line is a cell narrower than the screen

    def rank(i: int) -> tuple[int, int]:
        k = keys[i]
        if k.ident in ESSENTIAL:
            return 0, ESSENTIAL.index(k.ident)
        if k.key == PALETTE[0]:
            return 1, 0
        if k.ident in offered:
            return 2, offered.index(k.ident)
        return 3, i

    chosen: set[int] = set()
    used = 0
    for i in sorted(range(len(keys)), key=rank):
        cost = cell_len(keys[i]) + (len(SEP) if chosen else 0)
        if used + cost <= width:
            chosen.add(i)
            used += cost
    return [k for i, k in enumerate(keys) if i in chosen]


def cell_len(k: Key) -> int:
    return Text(f"{k.display} {k.description}").cell_len


class KeyFooter(Widget):
    """One line of `key 说明` pairs for the screen's active bindings."""

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    KeyFooter > .key-footer--disabled {
        color: $text-disabled;
    }
    """
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--disabled"}

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of what is shown

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        self.refresh()

    def acting_screen(self):
        """The screen whose keys act now: this one, or the dialog open over it."""
        from textual.screen import ModalScreen

        top = self.app.screen
        return top if top is not self.screen and isinstance(top, ModalScreen) else self.screen

    def keys(self) -> list[Key]:
        """The shown bindings of the focused widget and its ancestors, one per action."""
        from textual.command import CommandPalette

        acting = self.acting_screen()
        if isinstance(acting, CommandPalette):  # Textual's own keys there are described in English
            return [Key("escape", key_name("escape"), "关闭命令面板")]
        out: list[Key] = []
        seen: set[tuple[str, str]] = set()
        for key, active in acting.active_bindings.items():
            b: Binding = active.binding
            if not b.show or (b.action, b.description) in seen:
                continue
            if acting is not self.screen and b.id is None:  # a dialog: only the keys we describe
                continue
            seen.add((b.action, b.description))
            out.append(Key(key, self.app.get_key_display(b), b.description, active.enabled, b.id))
        if self.app.ENABLE_COMMAND_PALETTE:
            out.append(Key(PALETTE[0], key_name(PALETTE[0]), PALETTE[1]))
        return out

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key")
        disabled = self.get_component_rich_style("key-footer--disabled")
        line = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for k in choose(self.keys(), max(self.size.width - 1, 0)):
            if line:
                line.append(SEP)
            start = line.cell_len
            line.append(k.display, style=key_style if k.enabled else disabled)
            line.append(" " + k.description, style=None if k.enabled else disabled)
            self._spans.append((start, line.cell_len, k.key))
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
