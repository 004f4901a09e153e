"""下级单位目录 (issue #25 item 1; Ctrl+O in the assign dialog): the unit's own list of the
sub-units it assigns to, edited with the keyboard. The box adds the names typed (Enter;
several with commas or 、); in the list (Tab), `r` renames the name under the cursor (the
box takes it, Enter saves, Esc leaves it) and Delete or `x` takes it off. Each change is
written at once (store/sub_units.py): a name items are assigned to is not renamed, and taking
one off keeps its assignments, which the message counts. Closing gives the list as it is.

Names are shown as Text (never markup): they are what the user typed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..store import InputError, Store, StoreError
from .dialogs import JoiningInput

HINT = "回车添加(多个用逗号或顿号分隔,可粘贴一行一个的名单)· Tab 到列表:r 改名,Delete 或 x 去掉 · Esc 关闭"


class NameList(OptionList):
    BINDINGS = [
        Binding("r", "rename", "改名", id="sub_units.rename"),
        Binding("delete,x", "remove", "去掉", id="sub_units.remove"),
    ]

    def action_rename(self) -> None:
        self.screen_dialog().start_rename()

    def action_remove(self) -> None:
        self.screen_dialog().remove_current()

    def screen_dialog(self) -> "SubUnitsDialog":
        screen = self.screen
        assert isinstance(screen, SubUnitsDialog)
        return screen


class SubUnitsDialog(ModalScreen[list[str]]):
    BINDINGS = [Binding("escape", "close", "关闭", id="sub_units.close")]

    def __init__(self, store: Store, unit: str):
        super().__init__()
        self.store = store
        self.unit = unit
        self.renaming: str | None = None
        self.names: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="sub-units-dialog"):
            yield Label(f"下级单位目录:{self.unit}", classes="dialog-title", markup=False)
            yield NameList(id="sub-units-list")
            yield Static("", id="sub-units-mode", classes="dialog-hint", markup=False)
            box = JoiningInput(
                id="sub-units-name", placeholder="新的下级单位名称,如 区发展改革委、解放碑街道", joiner="、"
            )
            yield box  # a list pasted one name a line becomes names joined with 、
            yield Static(HINT, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.show(self.store.sub_units(self.unit))
        self.query_one("#sub-units-name", Input).focus()

    def show(self, names: list[str], highlight: str | None = None) -> None:
        listing = self.query_one(NameList)
        listing.clear_options()
        listing.add_options([Option(Text(n), id=n) for n in names])
        if not names:
            listing.add_option(Option(Text("(目录是空的:在下面的框中输入名称,回车添加)", style="dim"), disabled=True))
        else:
            listing.highlighted = names.index(highlight) if highlight in names else 0
        self.names = names

    def current(self) -> str | None:
        listing = self.query_one(NameList)
        if listing.highlighted is None or not self.names:
            return None
        return self.names[listing.highlighted]

    def start_rename(self) -> None:
        name = self.current()
        if name is None:
            return
        self.renaming = name
        self.query_one("#sub-units-mode", Static).update(Text(f"改名:{name} → 新名称(回车保存,Esc 不改)"))
        box = self.query_one("#sub-units-name", Input)
        box.value = name
        box.focus()

    def stop_rename(self) -> None:
        self.renaming = None
        self.query_one("#sub-units-mode", Static).update("")
        self.query_one("#sub-units-name", Input).value = ""

    def write(self, change, message) -> bool:
        try:
            result = change()
        except (InputError, StoreError) as e:
            self.notify(str(e), title="未保存", severity="error", markup=False)
            return False
        self.notify(message(result), timeout=3, markup=False)
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        old = self.renaming
        if old is not None:
            if self.write(
                lambda: self.store.rename_sub_unit(self.unit, old, text), lambda new: f"已把「{old}」改名为「{new}」"
            ):
                self.stop_rename()
                self.show(self.store.sub_units(self.unit), highlight=text)
                self.query_one(NameList).focus()
            return
        if self.write(lambda: self.store.add_sub_units(self.unit, text), lambda added: f"已添加 {'、'.join(added)}"):
            event.input.value = ""
            self.show(self.store.sub_units(self.unit))

    def remove_current(self) -> None:
        name = self.current()
        if name is None:
            return
        at = self.query_one(NameList).highlighted or 0
        if self.write(
            lambda: self.store.remove_sub_unit(self.unit, name),
            lambda kept: f"已去掉「{name}」" + (f";已分解给它的 {kept} 个条目或步骤保留" if kept else ""),
        ):
            self.show(self.store.sub_units(self.unit))
            if self.names:
                self.query_one(NameList).highlighted = min(at, len(self.names) - 1)

    def action_close(self) -> None:
        if self.renaming is not None:
            self.stop_rename()
            self.query_one(NameList).focus()
            return
        self.dismiss(self.store.sub_units(self.unit))
