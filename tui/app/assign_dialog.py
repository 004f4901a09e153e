"""分解 in the app (issue #25 item 1, `A` on the checklist): the item under the cursor, or the
items marked with `v`, assigned to the unit's own sub-units (departments, 镇街, 科室) with a
role, a 具体要求 and a 时限, in one write (one undo step, `z`). What the item is assigned to
already is listed above the form. `gongkai-tui assign` does the same from the command line;
`gongkai-tui issue` then writes the unit's own 任务分工.

The unit's 下级单位目录 (store/sub_units.py) is offered as the names are typed (→ completes
the name begun) and listed under the box; Ctrl+O edits it (sub_units_dialog.py). A name not
in it is asked about before it is used: confirmed, it is added to the 目录 as well. One item
with 细化 steps: the step box chooses the item or one step. An item whose 往年参考 was
assigned shows how, and Ctrl+L assigns it the same way after a confirmation."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, RadioButton, RadioSet, Select, Static

from .dialogs import JoiningInput

ROLES = ("牵头", "责任", "配合")  # store/assign_rows.ROLES, in the order the choice shows them
DEFAULT_ROLE = "责任"
_LAST_NAME = re.compile(r"[^,，、;；]*$")  # the name being typed: after the last separator


@dataclass
class Offer:
    """What the form offers: the unit's 下级单位目录, the steps of the one item assigned ([]
    for several), and item id → how its 往年参考 was assigned (Store.last_year_assignments)."""

    names: list[str] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)
    last_year: dict[str, dict] = field(default_factory=dict)


@dataclass
class Assignment:
    """What the form gives: sub-units as typed (comma or 、 between them), a role, 具体要求,
    时限, the step (0: the item), and the names the user agreed to add to the 目录. With
    `last_year` (item id → (sub-unit, role, 具体要求) each), last year's assignment instead."""

    to: str
    role: str
    requirement: str
    deadline: str
    step: int = 0
    new_names: list[str] = field(default_factory=list)
    last_year: dict[str, list[tuple[str, str, str | None]]] | None = None


class NameSuggester(Suggester):
    """Completes the name being typed (after the last comma or 、) from the 目录's names."""

    def __init__(self, names: list[str]):
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = names

    async def get_suggestion(self, value: str) -> str | None:
        begun = _LAST_NAME.search(value)
        typed = begun.group(0).strip() if begun else ""
        if not typed or not value.endswith(typed):
            return None
        for name in self.names:
            if name.startswith(typed) and name != typed:
                return value + name[len(typed) :]
        return None


def typed_names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r"[,，、;；]", text) if n.strip()]


def by_role(rows: list[dict]) -> str:
    """`牵头 区发展改革委;责任 区财政局、解放碑街道`"""
    roles: dict[str, list[str]] = {}
    for a in rows:
        roles.setdefault(a["role"], []).append(a["sub_unit"] + (f"(步骤 {a['step']})" if a.get("step") else ""))
    return ";".join(f"{role} {'、'.join(names)}" for role, names in roles.items())


SHOWN_ASSIGNED = 5  # items whose assignments are listed above the form; the rest counted


def assigned_text(assigned: dict[str, list[dict]], item_ids: list[str]) -> Text:
    """`1.1.3-1 牵头 区发展改革委;责任 区财政局、…` for each target that has assignments: the
    first SHOWN_ASSIGNED, then how many more (forty marked items must not push the form off
    the screen)."""
    t = Text()
    having = [i for i in item_ids if assigned.get(i)]
    for item_id in having[:SHOWN_ASSIGNED]:
        t.append(f"{item_id} 已分解:", style="bold")
        t.append(by_role(assigned[item_id]) + "\n")
    if len(having) > SHOWN_ASSIGNED:
        t.append(f"另有 {len(having) - SHOWN_ASSIGNED} 个条目已分解(全部见 R 分解汇总)\n", style="dim")
    return t or Text("尚未分解给任何下级单位。", style="dim")


def names_text(names: list[str]) -> Text:
    if not names:
        return Text("下级单位目录是空的 · Ctrl+O 添加", style="dim")
    return Text("目录:" + "、".join(names) + " · → 补全 · Ctrl+O 编辑目录", style="dim")


def last_year_text(last_year: dict[str, dict], item_ids: list[str]) -> Text:
    if len(item_ids) == 1 and item_ids[0] in last_year:
        ref = last_year[item_ids[0]]
        return Text(f"往年({ref['number']} {ref['item_id']})分解给:{by_role(ref['rows'])} · Ctrl+L 照此分解")
    return Text(f"{len(last_year)} 个条目的往年参考有分解 · Ctrl+L 照往年分解")


class RoleChoice(RadioSet):
    """The role, one of ROLES, always one chosen (责任 first): ←→ (or ↑↓) move and choose at
    once, 1 2 3 choose directly, Enter goes on to the next box. A role cannot be mistyped."""

    BINDINGS = [
        Binding("right,down", "move(1)", "下一个角色", show=False, id="assign.role_next"),
        Binding("left,up", "move(-1)", "上一个角色", show=False, id="assign.role_previous"),
        Binding("1", "choose(0)", "牵头", show=False, id="assign.role_lead"),
        Binding("2", "choose(1)", "责任", show=False, id="assign.role_responsible"),
        Binding("3", "choose(2)", "配合", show=False, id="assign.role_support"),
        Binding("enter", "app.focus_next", "下一栏", show=False, id="assign.role_enter"),
    ]

    def __init__(self, role: str = DEFAULT_ROLE, *, id: str | None = None):
        super().__init__(
            *(RadioButton(f"{i} {name}", value=name == role, name=name) for i, name in enumerate(ROLES, 1)), id=id
        )

    @property
    def role(self) -> str:
        pressed = self.pressed_button
        return (pressed.name or "") if pressed is not None else ""

    def action_choose(self, index: int) -> None:
        button = list(self.query(RadioButton))[index]
        button.value = True
        self._selected = index

    def action_move(self, step: int) -> None:
        current = ROLES.index(self.role) if self.role in ROLES else ROLES.index(DEFAULT_ROLE)
        self.action_choose((current + step) % len(ROLES))


class AssignDialog(ModalScreen["Assignment | None"]):
    BINDINGS = [
        Binding("escape", "cancel", "取消", id="assign.cancel"),
        Binding("ctrl+s", "save", "分解", id="assign.save"),
        Binding("ctrl+o", "catalogue", "编辑下级单位目录", id="assign.catalogue"),
        Binding("ctrl+l", "last_year", "照往年分解", id="assign.last_year"),
    ]

    def __init__(
        self,
        item_ids: list[str],
        assigned: dict[str, list[dict]],
        offer: Offer | None = None,
        edit_catalogue: Callable[[], ModalScreen[list[str]]] | None = None,
    ):
        super().__init__()
        self.item_ids = item_ids
        self.assigned = assigned
        self.offer = offer or Offer()
        self.edit_catalogue = edit_catalogue
        self.suggester = NameSuggester(self.offer.names)

    def compose(self) -> ComposeResult:
        many = f"{len(self.item_ids)} 个条目" if len(self.item_ids) > 1 else f"条目 {self.item_ids[0]}"
        with Vertical(classes="dialog", id="assign-dialog"):
            yield Label(f"分解 {many} 给下级单位", classes="dialog-title", markup=False)
            yield Static(assigned_text(self.assigned, self.item_ids), id="assign-current", markup=False)
            if self.offer.last_year:
                yield Static(last_year_text(self.offer.last_year, self.item_ids), id="assign-last-year", markup=False)
            yield Static("下级单位(多个用逗号或顿号分隔)", classes="dialog-hint", markup=False)
            yield JoiningInput(
                id="assign-to", placeholder="如 区发展改革委、解放碑街道", suggester=self.suggester, joiner="、"
            )
            yield Static(names_text(self.offer.names), id="assign-names", markup=False)
            if self.offer.steps:
                yield Static("分解整个条目,或其中一个细化步骤", classes="dialog-hint", markup=False)
                choices = [(f"步骤 {s['number']}:{s['text'][:40]}", s["number"]) for s in self.offer.steps]
                yield Select([("整个条目", 0), *choices], value=0, allow_blank=False, id="assign-step")
            yield Static("角色(←→ 或 1 2 3 选择)", classes="dialog-hint", markup=False)
            yield RoleChoice(id="assign-role")
            yield Static("具体要求(可不写)", classes="dialog-hint", markup=False)
            yield Input(id="assign-requirement")
            yield Static("时限(可不写,沿用条目的时限),如 2026-06-30、长期坚持", classes="dialog-hint", markup=False)
            yield Input(id="assign-deadline")
            yield Static("Tab 下一栏 · 最后一栏回车或 Ctrl+S 分解 · Esc 取消", classes="dialog-hint", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+L only where some item's 往年参考 was assigned (not shown otherwise)."""
        return bool(self.offer.last_year) if action == "last_year" else True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "assign-deadline":
            self.action_save()
        else:
            self.focus_next()

    def step(self) -> int:
        if not self.offer.steps:
            return 0
        value = self.query_one("#assign-step", Select).value
        return value if isinstance(value, int) else 0

    def action_save(self) -> None:
        values = {
            name: self.query_one(f"#assign-{name}", Input).value.strip() for name in ("to", "requirement", "deadline")
        }
        values["role"] = self.query_one(RoleChoice).role
        if not values["to"]:
            self.notify("请写明分解给哪些下级单位", severity="warning", markup=False)
            self.query_one("#assign-to", Input).focus()
            return
        if values["role"] not in ROLES:
            self.notify("角色应为 牵头、责任 或 配合", severity="warning", markup=False)
            self.query_one("#assign-role", Input).focus()
            return
        given = Assignment(values["to"], values["role"], values["requirement"], values["deadline"], self.step())
        outside = [n for n in typed_names(values["to"]) if n not in self.offer.names]
        if not outside:
            self.dismiss(given)
            return
        self.ask_new_names(given, outside)

    def ask_new_names(self, given: Assignment, outside: list[str]) -> None:
        """A name not in the 目录: asked before it is used (a slip of the pen, or a new sub-unit)."""
        from .dialogs import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                given.new_names = outside
                self.dismiss(given)
            else:
                self.query_one("#assign-to", Input).focus()

        body = Text(
            f"{'、'.join(outside)} 不在本单位的下级单位目录中。\n"
            "确认:加入目录并分解;取消:回到表单修改名称(→ 补全目录中的名称)。"
        )
        self.app.push_screen(ConfirmDialog("新的下级单位", body), answer)

    def action_last_year(self) -> None:
        """Ctrl+L: each item assigned as its 往年参考 was (sub-units, roles, 具体要求; 时限 the
        item's own), after a confirmation listing it; sub-units assigned already keep theirs."""
        from .dialogs import ConfirmDialog

        found = {i: self.offer.last_year[i] for i in self.item_ids if i in self.offer.last_year}
        if not found:
            self.notify("这些条目的往年参考没有分解给下级单位", timeout=3, markup=False)
            return
        body = Text()
        for item_id, ref in found.items():
            body.append(f"{item_id}", style="bold")
            body.append(f"(往年 {ref['number']} {ref['item_id']}):{by_role(ref['rows'])}\n")
        names = dict.fromkeys(a["sub_unit"] for ref in found.values() for a in ref["rows"])  # in order, once
        outside = [n for n in names if n not in self.offer.names]
        if outside:
            body.append(f"不在下级单位目录中的 {'、'.join(outside)} 将加入目录。\n")
        body.append("时限沿用今年条目的时限;已分解给的下级单位保持不变。")
        plan = {i: [(a["sub_unit"], a["role"], a["requirement"]) for a in ref["rows"]] for i, ref in found.items()}

        def answer(yes: bool | None) -> None:
            if yes:
                self.dismiss(Assignment("", "", "", "", new_names=outside, last_year=plan))

        self.app.push_screen(ConfirmDialog("照往年分解", body), answer)

    def action_catalogue(self) -> None:
        """Ctrl+O: the 下级单位目录 edited; its names offered here when it closes."""
        if self.edit_catalogue is None:
            return

        def closed(names: list[str] | None) -> None:
            if names is not None:
                self.offer.names[:] = names  # the suggester holds the same list
                self.query_one("#assign-names", Static).update(names_text(names))
            self.query_one("#assign-to", Input).focus()

        self.app.push_screen(self.edit_catalogue(), closed)

    def action_cancel(self) -> None:
        self.dismiss(None)
