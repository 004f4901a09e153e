"""细化 (b on an item): the unit's own measurable steps of one item — add, edit, set their
status, write their 具体完成情况, remove them. Each write is one undo step of the main
screen (z after closing), and the item follows its steps (store/step_rows.py: 已完成 when
every step is, unless the item's status was set by hand).

Labels are built with `markup=False`: titles carry item ids and text the user typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from .background import worker_failures
from .dialogs import ConfirmDialog, TextPrompt, ask_discard

CYCLE = ("未开始", "推进中", "已完成")  # space, as on the checklist


def narrative_editor(e, evidence: list[dict]):
    """The N editor of an item's 具体完成情况. Empty, it starts from the evidence titles
    (store/steps.shown_narrative), to be edited and saved — or not: nothing is stored
    until the user saves."""
    from ..store.steps import shown_narrative
    from .text_editor import TextEditor

    text, written = shown_narrative(e.narrative, evidence)
    hint = "本单位的具体完成情况,可写多行;清空后保存即清除。"
    if text and not written:
        hint += "尚未填写:框中是佐证材料的标题,光标在其后的新行,直接写完成情况后保存,或按 Esc 不保存。"
        # the cursor on a line of its own: a sentence typed at once is not glued to the last title
        text += "\n"
    return TextEditor(f"具体完成情况:{e.id}", hint, value=text)


class StepForm(ModalScreen[dict | None]):
    """One step's fields, one line each: Tab or Enter to the next box, Enter in the last box
    or Ctrl+S saves, Esc cancels (asking first when something was typed). Dismissed with
    {field: text or None}, or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "保存", id="step_form.save"),
        Binding("escape", "cancel", "取消", id="step_form.cancel"),
    ]
    FIELDS = (
        ("text", "步骤内容(这一步具体做什么)"),
        ("office", "责任科室"),
        ("person", "责任人"),
        ("deadline", "时限(如 2026-06-30、持续推进、长期坚持)"),
        ("path", "公开路径"),
        ("target", "目标(可量化,如 发布解读 ≥ 4 篇)"),
    )

    def __init__(self, title: str, values: dict | None = None):
        super().__init__()
        self.title_text = title
        self.values = {k: (values or {}).get(k) or "" for k, _ in self.FIELDS}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="step-form"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll(id="step-fields", can_focus=False):  # scrolls on a short terminal
                for key, label in self.FIELDS:  # each box titled in its own border: six fit in 24 rows
                    box = Input(value=self.values[key], id=f"step-{key}", classes="step-box")
                    box.border_title = label
                    yield box
            yield Static("", classes="dialog-error", id="step-error", markup=False)
            yield Static(
                "Tab 或回车到下一栏;在最后一栏按回车或 Ctrl+S 保存,Esc 取消", classes="dialog-hint", markup=False
            )

    def typed(self) -> dict[str, str]:
        return {key: self.query_one(f"#step-{key}", Input).value.strip() for key, _ in self.FIELDS}

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#step-error", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == f"step-{self.FIELDS[-1][0]}":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        values = self.typed()
        if not values["text"]:
            self.query_one("#step-error", Static).update("步骤内容不能为空:请写明这一步具体做什么")
            self.query_one("#step-text", Input).focus()
            return
        self.dismiss({k: v or None for k, v in values.items()})

    def action_cancel(self) -> None:
        if self.typed() == {k: v.strip() for k, v in self.values.items()}:
            self.dismiss(None)
            return
        ask_discard(self, self.title_text)


class StepsDialog(ModalScreen[None]):
    """`session` reads and writes; `changed(item_ids)` refreshes the screen below after a write."""

    BINDINGS = [
        Binding("a", "add", "添加步骤", id="steps.add"),
        Binding("enter", "edit", "编辑", id="steps.edit"),
        Binding("space", "cycle", "切换状态", id="steps.cycle"),
        Binding("x", "not_applicable", "不适用", id="steps.na"),
        Binding("N", "narrative", "具体完成情况", id="steps.narrative"),
        Binding("e", "evidence", "佐证", id="steps.evidence"),
        Binding("delete,r", "remove", "删除", id="steps.remove"),
        Binding("escape,q", "close", "关闭", id="steps.close"),
    ]

    def __init__(self, session, item_id: str, changed: Callable[[list[str]], None]):
        super().__init__()
        self.session = session
        self.item_id = item_id
        self.changed = changed

    @property
    def steps(self) -> list[dict]:
        return self.session.by_id[self.item_id].steps

    def compose(self) -> ComposeResult:
        e = self.session.by_id[self.item_id]
        text = e.full_text.replace("\n", " ")
        with Vertical(classes="dialog wide", id="steps-box"):
            yield Label(f"细化步骤:{self.item_id}", classes="dialog-title", markup=False)
            yield Static(text if len(text) <= 90 else text[:90] + "…", classes="dialog-hint", markup=False)
            yield DataTable(id="steps-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="steps-status", markup=False)
            yield Static(
                "a 添加 · 回车 编辑 · 空格 切换状态 · x 不适用 · N 具体完成情况 · e 佐证 · Delete 或 r 删除"
                " · Esc 关闭 · 关闭后 z 可撤销",
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key in (
            ("序号", "n"),
            ("状态", "status"),
            ("步骤", "text"),
            ("责任科室/责任人", "who"),
            ("时限", "deadline"),
            ("目标", "target"),
            ("佐证", "evidence"),
            ("具体完成情况", "narrative"),
        ):
            table.add_column(Text(label), key=key)
        self.reload()
        table.focus()

    def reload(self, keep: int | None = None) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for s in self.steps:
            narrative = (s["narrative"] or "").replace("\n", " / ")
            table.add_row(
                Text(f"{self.item_id}.{s['number']}"),
                Text(s["status"], style="bold" if s["status"] == "已完成" else ""),
                Text(s["text"]),
                Text("/".join(v for v in (s["office"], s["person"]) if v)),
                Text(s["deadline"] or ""),
                Text(s["target"] or ""),
                Text(str(len(s["evidence"])) if s["evidence"] else ""),
                Text(narrative[:30] + ("…" if len(narrative) > 30 else "")),
                key=str(s["number"]),
            )
        if keep is not None and self.steps:
            table.move_cursor(row=min(keep, len(self.steps) - 1))
        e = self.session.by_id[self.item_id]
        done = sum(s["status"] == "已完成" for s in self.steps)
        self.query_one("#steps-status", Static).update(
            f"共 {len(self.steps)} 个步骤,已完成 {done} 个 · 条目:{e.status}"
            if self.steps
            else "这个条目还没有细化步骤。按 a 添加第一步:写明做什么、谁负责、何时完成、在哪公开。"
        )

    def current(self) -> tuple[int, dict] | None:
        table = self.query_one(DataTable)
        steps = self.steps
        if not steps or table.cursor_row is None or not 0 <= table.cursor_row < len(steps):
            return None
        return table.cursor_row, steps[table.cursor_row]

    def write(self, do, message: str, keep: int | None) -> None:
        from .collectives import dialog_write

        def then() -> None:
            self.changed([self.item_id])
            self.reload(keep)

        dialog_write(self, self.session, do, message, then)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()  # Enter on a row: the table's own binding, before the screen's
        self.action_edit()

    def action_add(self) -> None:
        def finish(values: dict | None) -> None:
            if values is not None:
                text = values.pop("text")
                fields = {k: v for k, v in values.items() if v}
                self.write(
                    lambda: self.session.add_step(self.item_id, text, fields), "已添加步骤(z 撤销)", len(self.steps)
                )

        self.app.push_screen(StepForm(f"添加步骤:{self.item_id}"), finish)

    def action_edit(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        index, step = chosen

        def finish(values: dict | None) -> None:
            if values is not None:
                changed = {k: v for k, v in values.items() if v != (step.get(k) or None)}
                if changed:
                    self.write(
                        lambda: self.session.edit_step(self.item_id, step["number"], changed),
                        "已修改步骤(z 撤销)",
                        index,
                    )

        self.app.push_screen(StepForm(f"编辑步骤:{self.item_id}.{step['number']}", step), finish)

    def action_cycle(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        index, step = chosen
        status = CYCLE[(CYCLE.index(step["status"]) + 1) % len(CYCLE)] if step["status"] in CYCLE else CYCLE[0]
        self.write(
            lambda: self.session.set_step_status(self.item_id, step["number"], status),
            f"步骤 {self.item_id}.{step['number']}:{status}",
            index,
        )

    def action_not_applicable(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        index, step = chosen

        def finish(reason: str | None) -> None:
            if reason:
                self.write(
                    lambda: self.session.set_step_status(self.item_id, step["number"], "不适用", reason),
                    f"步骤 {self.item_id}.{step['number']}:不适用",
                    index,
                )

        self.app.push_screen(
            TextPrompt(
                f"不适用理由:{self.item_id}.{step['number']}", "Enter 保存,Esc 取消。", value=step.get("reason") or ""
            ),
            finish,
        )

    def action_narrative(self) -> None:
        from .text_editor import TextEditor

        chosen = self.current()
        if chosen is None:
            return
        index, step = chosen

        def finish(value: str | None) -> None:
            if value is not None and value != (step["narrative"] or "").strip():
                self.write(
                    lambda: self.session.edit_step(self.item_id, step["number"], {"narrative": value or None}),
                    "已保存具体完成情况(z 撤销)",
                    index,
                )

        self.app.push_screen(
            TextEditor(
                f"具体完成情况:{self.item_id}.{step['number']}",
                "这一步做了什么、做到什么程度,可写多行;清空后保存即清除。",
                value=step["narrative"] or "",
            ),
            finish,
        )

    def action_evidence(self) -> None:
        """e: a link or a file for the step; a file is fingerprinted in a worker first."""
        from .evidence_files import evidence_problem

        chosen = self.current()
        if chosen is None:
            return
        index, step = chosen

        def finish(value: str | None) -> None:
            if value:
                self.notify("正在读取佐证文件…", timeout=2, markup=False)
                self.fingerprint_then_add(index, step["number"], value)

        self.app.push_screen(
            TextPrompt(
                f"步骤佐证:{self.item_id}.{step['number']}",
                "http(s) 网址或本机文件路径;Enter 保存,Esc 取消。",
                check=evidence_problem,
            ),
            finish,
        )

    @dataclass
    class Fingerprinted(Message):
        index: int
        number: int
        value: str
        fingerprint: tuple | None = None
        error: str | None = None

    @work(thread=True, group="step-evidence")
    def fingerprint_then_add(self, index: int, number: int, value: str) -> None:
        from .evidence_files import fingerprint, is_file_value

        with worker_failures(
            lambda text: self.post_message(self.Fingerprinted(index, number, value, error=text)), "读取佐证文件"
        ):
            found = fingerprint(value) if is_file_value(value) else None
            self.post_message(self.Fingerprinted(index, number, value, found))

    def on_steps_dialog_fingerprinted(self, event: "StepsDialog.Fingerprinted") -> None:
        if event.error:
            self.notify(event.error, title="未保存", severity="error", markup=False)
            return
        self.write(
            lambda: self.session.add_step_evidence(self.item_id, event.number, event.value, event.fingerprint),
            f"已添加步骤 {self.item_id}.{event.number} 的佐证(z 撤销)",
            event.index,
        )

    def action_remove(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        index, step = chosen

        def finish(ok: bool | None) -> None:
            if ok:
                self.write(lambda: self.session.remove_step(self.item_id, step["number"]), "已删除步骤(z 撤销)", index)

        evidence = f"\n连同它的 {len(step['evidence'])} 份佐证材料。" if step["evidence"] else ""
        body = Text.assemble(
            "删除步骤 ",
            (f"{self.item_id}.{step['number']}", "bold"),
            ":\n\n",
            (step["text"], "bold"),
            evidence,
            "\n\n删除后可按 z 撤销。",
        )
        self.app.push_screen(ConfirmDialog("删除步骤", body, "Enter 或 y 删除,Esc 或 n 取消"), finish)

    def action_close(self) -> None:
        self.dismiss(None)
