"""分解 in the app (issue #25 item 1, `A` on the checklist): the item under the cursor, or the
items marked with `v`, assigned to the unit's own sub-units (departments, 镇街, 科室) with a
role, a 具体要求 and a 时限, in one write (one undo step, `z`). What the item is assigned to
already is listed above the form. `gongkai-tui assign` does the same from the command line;
`gongkai-tui issue` then writes the unit's own 任务分工."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

ROLES = ("牵头", "责任", "配合")


@dataclass
class Assignment:
    """What the form gives: sub-units as typed (comma or 、 between them), a role, 具体要求, 时限."""

    to: str
    role: str
    requirement: str
    deadline: str


def assigned_text(assigned: dict[str, list[dict]], item_ids: list[str]) -> Text:
    """`1.1.3-1 牵头 区发展改革委;责任 区财政局、…` for each target that has assignments."""
    t = Text()
    for item_id in item_ids:
        rows = assigned.get(item_id) or []
        if not rows:
            continue
        by_role: dict[str, list[str]] = {}
        for a in rows:
            where = f"{a['sub_unit']}" + (f"(步骤 {a['step']})" if a["step"] else "")
            by_role.setdefault(a["role"], []).append(where)
        t.append(f"{item_id} 已分解:", style="bold")
        t.append(";".join(f"{role} {'、'.join(names)}" for role, names in by_role.items()) + "\n")
    return t or Text("尚未分解给任何下级单位。", style="dim")


class AssignDialog(ModalScreen["Assignment | None"]):
    BINDINGS = [
        Binding("escape", "cancel", "取消", id="assign.cancel"),
        Binding("ctrl+s", "save", "分解", id="assign.save"),
    ]

    def __init__(self, item_ids: list[str], assigned: dict[str, list[dict]]):
        super().__init__()
        self.item_ids = item_ids
        self.assigned = assigned

    def compose(self) -> ComposeResult:
        many = f"{len(self.item_ids)} 个条目" if len(self.item_ids) > 1 else f"条目 {self.item_ids[0]}"
        with Vertical(classes="dialog", id="assign-dialog"):
            yield Label(f"分解 {many} 给下级单位", classes="dialog-title", markup=False)
            yield Static(assigned_text(self.assigned, self.item_ids), id="assign-current", markup=False)
            yield Static("下级单位(多个用逗号或顿号分隔)", classes="dialog-hint", markup=False)
            yield Input(id="assign-to", placeholder="如 区发展改革委、解放碑街道")
            yield Static("角色:牵头、责任或配合", classes="dialog-hint", markup=False)
            yield Input("责任", id="assign-role")
            yield Static("具体要求(可不写)", classes="dialog-hint", markup=False)
            yield Input(id="assign-requirement")
            yield Static("时限(可不写,沿用条目的时限),如 2026-06-30、长期坚持", classes="dialog-hint", markup=False)
            yield Input(id="assign-deadline")
            yield Static("Tab 下一栏 · 最后一栏回车或 Ctrl+S 分解 · Esc 取消", classes="dialog-hint", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "assign-deadline":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        values = {
            name: self.query_one(f"#assign-{name}", Input).value.strip()
            for name in ("to", "role", "requirement", "deadline")
        }
        if not values["to"]:
            self.notify("请写明分解给哪些下级单位", severity="warning", markup=False)
            self.query_one("#assign-to", Input).focus()
            return
        if values["role"] not in ROLES:
            self.notify("角色应为 牵头、责任 或 配合", severity="warning", markup=False)
            self.query_one("#assign-role", Input).focus()
            return
        self.dismiss(Assignment(**values))

    def action_cancel(self) -> None:
        self.dismiss(None)
