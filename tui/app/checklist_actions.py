"""The keys that change the items of the checklist: status (space, 1–4, s), 完成 (d),
不适用 (x), 确认适用 (c), evidence (e), 备注 (n), 具体完成情况 (N), 细化步骤 (b), 工作要求
(w), 带入往年 (W), 多选 (v), 全选/全不选 (V), undo and redo (z, Ctrl+Y). Each write is one undo step,
on the marked lines shown or the line under the cursor."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..store import InputError, StoreError
from . import collectives, evidence_files
from .main_texts import copy_confirmation, discard_text, items_named
from .session import WORK_FIELDS

if TYPE_CHECKING:
    from .main_host import MainScreenHost  # the screen as its flows see it (main_host.py)
else:
    MainScreenHost = object  # at run time a plain mixin of MainScreen


class ChecklistActions(MainScreenHost):
    """MainScreen's keys that write (a mixin: `self` is the MainScreen)."""

    def marked_shown(self) -> list[str]:
        """The marked lines on screen: the ones a write changes (a search hides the others)."""
        index = self.checklist._index
        return sorted((i for i in self.checklist.marked if i in index), key=index.__getitem__)

    def targets(self) -> list[str]:
        """The marked lines shown if any are marked, else the line under the cursor. Marked
        lines a search or filter hides are never changed."""
        if self.checklist.marked:
            return self.marked_shown()
        current = self.checklist.current
        return [current.id] if current else []

    def run_write(self, write, item_ids: list[str], done_message: str | None = None) -> None:
        if collectives.needs_member(self.session):  # a collective's first write: which member first
            self.ask_member(lambda: self.run_write(write, item_ids, done_message))
            return
        try:
            action = write()
        except (InputError, StoreError) as e:
            self.notify(str(e), title="未保存", severity="error", markup=False)
            return
        if self.checklist.marked and set(item_ids) <= self.checklist.marked:
            self.checklist.marked.difference_update(item_ids)
            self.checklist.refresh()
        self.after_write(item_ids)
        if action is not None and done_message:
            self.notify(done_message, timeout=2, markup=False)

    def confirm_discard(self, ids: list[str], status: str, then) -> None:
        """Call `then()` at once when setting `status` loses nothing; else first ask,
        listing the 不适用理由 and 完成时间 that would be discarded."""
        from .dialogs import ConfirmDialog

        lost = self.session.discarded_by(ids, status)
        if not lost:
            then()
            return

        def answer(ok: bool | None) -> None:
            if ok:
                then()
            else:
                self.notify("未更改", timeout=2, markup=False)

        self.app.push_screen(
            ConfirmDialog(
                f"确认更改状态:{items_named(ids)}", discard_text(status, lost), "Enter 或 y 更改,Esc 或 n 取消(不改动)"
            ),
            answer,
        )

    def write_status(self, ids: list[str], status: str) -> None:
        """未开始 / 推进中 / 已完成 set directly (不适用 asks for its reason: action_not_applicable)."""
        message = f"{len(ids)} 条已设为{status}" if len(ids) > 1 else None
        e = self.session.by_id.get(ids[0])
        if status == "已完成" and message is None and e is not None and e.status != status:  # the date: see d
            message = f"已完成,完成时间 {dt.date.today().isoformat()}(按 d 可修改)"
        self.confirm_discard(
            ids, status, lambda: self.run_write(lambda: self.session.set_status(ids, status), ids, message)
        )

    def action_cycle_status(self) -> None:
        ids = self.targets()
        if ids and self.acting_here():
            self.write_status(ids, self.session.next_status(ids))

    def action_choose_status(self, status: str) -> None:
        """1–4: 未开始 / 推进中 / 已完成 / 不适用, chosen directly."""
        if status == "不适用":
            self.action_not_applicable()
            return
        ids = self.targets()
        if ids and self.acting_here():
            self.write_status(ids, status)

    def action_status_menu(self) -> None:
        from .status_menu import StatusMenu

        ids = self.targets()
        if not ids or not self.acting_here():
            return
        current = self.session.by_id[ids[0]].status if ids[0] in self.session.by_id else None

        def finish(status: str | None) -> None:
            if status == "不适用":
                self.ask_reason(ids)
            elif status:
                self.write_status(ids, status)

        title = f"设置状态:{items_named(ids)}"
        self.app.push_screen(StatusMenu(title, current), finish)

    def action_done(self) -> None:
        from .done_dialog import DonePrompt, today
        from .evidence_files import is_file_value

        ids = self.targets()
        if not ids or not self.acting_here():
            return
        issued = self.session.store.document.get("issued")
        if len(ids) > 1:  # one date for all, no evidence (each item's is its own)

            def finish_all(answer: tuple[str, dt.date] | None) -> None:
                if answer is not None:
                    self.run_write(
                        lambda: self.session.mark_done(ids, None, done_date=answer[1]),
                        ids,
                        f"{len(ids)} 条已标记完成,完成时间 {answer[1].isoformat()}",
                    )

            self.confirm_discard(
                ids,
                "已完成",
                lambda: self.app.push_screen(
                    DonePrompt(
                        f"标记完成:{ids[0]} 等 {len(ids)} 条",
                        "这几条使用同一个完成时间;佐证材料请逐条用 e 添加。Enter 保存,Esc 取消。",
                        date=today(),
                        today=today(),
                        issued=issued,
                        with_evidence=False,
                    ),
                    finish_all,
                ),
            )
            return
        e = self.session.by_id.get(ids[0])
        recorded = e.done_date if e is not None and e.status == "已完成" else None

        def finish(answer: tuple[str, dt.date] | None) -> None:
            if answer is None:
                return
            value, day = answer
            values = evidence_files.split_evidence(value)
            urls = [v for v in values if not is_file_value(v)]
            files = [v for v in values if is_file_value(v)]
            if urls or not files:
                when = "" if day.isoformat() == recorded or day == today() else f"(完成时间 {day.isoformat()})"
                self.run_write(
                    lambda: self.session.mark_done(ids, urls or None, done_date=day),
                    ids,
                    "已完成" + when + ("" if urls else ",未附佐证(缺佐证)"),
                )
            for k, path in enumerate(files):  # hashed in a worker, then written
                self.fingerprint_evidence(ids[0], path, done=not urls and k == 0, done_date=day)

        self.confirm_discard(
            ids,
            "已完成",
            lambda: self.app.push_screen(
                DonePrompt(
                    f"标记完成:{ids[0]}",
                    "佐证材料:粘贴公开页面的网址(http/https)或文件路径,粘贴多行即添加多条。"
                    "直接按 Enter 跳过(将标为缺佐证);Tab 到完成时间;Esc 取消。",
                    date=dt.date.fromisoformat(recorded) if recorded else today(),
                    today=today(),
                    issued=issued,
                    check=evidence_files.evidence_list_problem,
                ),
                finish,
            ),
        )

    def action_not_applicable(self) -> None:
        ids = self.targets()
        if ids and self.acting_here():
            self.ask_reason(ids)

    def ask_reason(self, ids: list[str]) -> None:
        """不适用 with its reason, written in the multi-line editor (the current reason to edit
        when one item already is 不适用)."""
        from .text_editor import TextEditor

        first = self.session.by_id.get(ids[0])
        value = first.reason or "" if first is not None and len(ids) == 1 and first.status == "不适用" else ""

        def finish(reason: str | None) -> None:
            if reason:
                self.run_write(lambda: self.session.set_status(ids, "不适用", reason), ids, "已设为不适用")

        self.confirm_discard(
            ids,
            "不适用",
            lambda: self.app.push_screen(
                TextEditor(
                    f"设为不适用:{items_named(ids)}",
                    "请写明不适用的理由(必填)。",
                    value=value,
                    allow_empty=False,
                    empty_message="设为不适用必须填写理由",
                ),
                finish,
            ),
        )

    def action_add_evidence(self) -> None:
        from .dialogs import TextPrompt
        from .evidence_files import is_file_value

        current = self.checklist.current
        if current is None or not self.acting_here():
            return

        def finish(value: str | None) -> None:
            if not value:
                return
            values = evidence_files.split_evidence(value)
            urls = [v for v in values if not is_file_value(v)]
            if urls:
                self.run_write(
                    lambda: self.session.add_evidence_list(current.id, urls),
                    [current.id],
                    "已添加佐证材料" + (f" {len(urls)} 条" if len(urls) > 1 else ""),
                )
            for path in (v for v in values if is_file_value(v)):  # hashed in a worker, then written
                self.fingerprint_evidence(current.id, path, done=False)

        self.app.push_screen(
            TextPrompt(
                f"添加佐证:{current.id}",
                "网址(http/https)或文件路径,粘贴多行即添加多条,Esc 取消。",
                placeholder="https://…",
                check=evidence_files.evidence_list_problem,
                empty_message="请输入网址或文件路径",
                several_lines=True,
            ),
            finish,
        )

    def action_note(self) -> None:
        from .text_editor import TextEditor

        current = self.checklist.current
        if current is None or not self.acting_here():
            return

        def finish(value: str | None) -> None:
            if value is not None and value != (current.note or "").strip():
                self.run_write(lambda: self.session.set_fields(current.id, {"note": value or None}), [current.id])

        self.app.push_screen(
            TextEditor(
                f"备注:{current.id}", "可写多行,粘贴时保留每一行;清空后保存即清除备注。", value=current.note or ""
            ),
            finish,
        )

    def action_narrative(self) -> None:
        """N: 具体完成情况, several lines (narrative_editor; empty: offered the evidence titles)."""
        from .steps_dialog import narrative_editor

        current = self.checklist.current
        if current is None or not self.acting_here():
            return

        def finish(value: str | None) -> None:
            if value is not None and value != (current.narrative or "").strip():
                self.run_write(lambda: self.session.set_fields(current.id, {"narrative": value or None}), [current.id])

        self.app.push_screen(
            narrative_editor(current, self.session.store.evidence(self.session.unit, current.id)), finish
        )

    def action_steps(self) -> None:
        """b: the item's 细化 steps (steps_dialog.py); a collective's first write asks for the member first."""
        from .steps_dialog import StepsDialog

        current = self.checklist.current
        if current is None or not self.acting_here():
            return
        if collectives.needs_member(self.session):
            self.ask_member(self.action_steps)
            return
        self.app.push_screen(StepsDialog(self.session, current.id, self.after_write))

    def action_assign(self) -> None:
        """A: the marked items (or the one under the cursor) to the unit's sub-units, one write;
        the 下级单位目录 offered and edited (Ctrl+O), a step chosen, last year's taken (Ctrl+L)."""
        from .assign_dialog import Assignment, AssignDialog
        from .sub_units_dialog import SubUnitsDialog

        ids = self.targets()
        if not ids or not self.acting_here():
            return
        if collectives.needs_member(self.session):  # the member's own 目录 and last year's, so asked first
            self.ask_member(self.action_assign)
            return
        session = self.session

        def finish(given: Assignment | None) -> None:
            if given is None:
                return
            if given.last_year is not None:
                plan = given.last_year
                self.run_write(
                    lambda: session.assign_last_year(plan, given.new_names),
                    ids,
                    f"已照往年分解 {len(plan)} 个条目(z 撤销)",
                )
                return
            what = f"{len(ids)} 个条目" + (f"的步骤 {given.step}" if given.step else "")
            self.run_write(lambda: session.assign(ids, given), ids, f"已分解 {what}给 {given.to}(z 撤销)")

        dialog = AssignDialog(
            ids,
            session.assignments_of(ids),
            session.assign_offer(ids),
            lambda: SubUnitsDialog(session.store, session.unit),
        )
        self.app.push_screen(dialog, finish)

    def action_work(self) -> None:
        from .dialogs import WorkDialog

        current = self.checklist.current
        if current is None or not self.acting_here():
            return

        def finish(values: dict | None) -> None:
            if values is not None:
                self.run_write(lambda: self.session.set_fields(current.id, values), [current.id])

        self.app.push_screen(
            WorkDialog(
                {"requirement": current.requirement, "office": current.office, "person": current.person},
                self.session.reference(current.id),
            ),
            finish,
        )

    def action_copy_reference(self) -> None:
        """W: last year's 工作要求/责任科室/责任人 into this item, after a confirmation that
        lists what is written and what it replaces. Nothing is copied unasked."""
        from .dialogs import ConfirmDialog

        current = self.checklist.current
        if current is None or not self.acting_here():
            return
        ref = self.session.reference(current.id)
        if ref is None:
            self.notify(f"{current.id} 没有往年参考:往年的任务分工中没有与它相近的条目", timeout=4, markup=False)
            return
        plan = self.session.work_from_reference(current, ref)
        if not plan:
            if any(ref.get(key) for key, _ in WORK_FIELDS):
                self.notify("本年的工作要求、责任科室、责任人已与往年相同,无需带入", timeout=4, markup=False)
            else:
                self.notify(
                    f"往年参考({ref['number']} {ref['item_id']})没有填写工作要求、责任科室、责任人,无可带入",
                    timeout=4,
                    markup=False,
                )
            return

        def finish(ok: bool | None) -> None:
            if ok:
                self.run_write(
                    lambda: self.session.copy_reference_work(current.id, plan),
                    [current.id],
                    "已带入往年的" + "、".join(label for _, label, _, _ in plan) + "(z 撤销)",
                )
            else:
                self.notify("未带入,本年的内容未改动", timeout=2, markup=False)

        self.app.push_screen(
            ConfirmDialog(
                f"带入往年参考:{current.id}",
                copy_confirmation(self.session, current, ref, plan),
                "Enter 或 y 带入,Esc 或 n 取消(不写入任何内容)",
            ),
            finish,
        )

    def action_mark(self) -> None:
        current = self.checklist.current
        if current is None or not self.acting_here():
            return
        self.checklist.marked.symmetric_difference_update({current.id})
        self.checklist.refresh_line(self.checklist.cursor - int(self.checklist.scroll_y))
        self.checklist.action_cursor(1)
        self.update_topbar()

    def action_mark_all(self) -> None:
        """V: every line shown marked (after a search or filter, only the lines it lets
        through), or, when all of them are marked already, none of them: then A assigns them
        all in one write."""
        shown = [e.id for e in self.checklist.entries]
        if not shown or not self.acting_here():
            return
        if not self.session.complete:
            self.notify("清单还在读取,读完后再全选", timeout=3, markup=False)
            return
        marked = self.checklist.marked
        if marked.issuperset(shown):
            marked.difference_update(shown)
            said = f"已取消选择 {len(shown)} 条"
        else:
            marked.update(shown)
            said = f"已选中显示的 {len(shown)} 条(A 分解给下级,V 全不选,Esc 清除选择)"
        self.checklist.refresh()
        self.update_topbar()
        self.notify(said, timeout=3, markup=False)

    def action_confirm(self) -> None:
        """c: the 待确认 lines (marked, or the one under the cursor) apply to this unit."""
        ids = self.targets()
        todo = [i for i in ids if self.session.by_id[i].to_confirm]
        if not todo:
            if ids and all(self.session.by_id[i].via != "to_confirm" for i in ids):
                self.notify("本条直接或通过统称适用于本单位,不需要确认", timeout=3, markup=False)
            elif ids:
                self.notify("已确认过,或已设为不适用", timeout=3, markup=False)
            return
        self.run_write(
            lambda: self.session.confirm(todo),
            todo,
            f"已确认 {len(todo)} 条适用于本单位(z 撤销)" if len(todo) > 1 else "已确认适用于本单位(z 撤销)",
        )

    def action_undo(self) -> None:
        self._replay(self.session.undo, "撤销")

    def action_redo(self) -> None:
        self._replay(self.session.redo, "重做")

    def _replay(self, step, verb: str) -> None:
        try:
            ids = step()
        except (InputError, StoreError) as e:  # restored away, or changed since by someone else
            self.notify(str(e), title=f"未{verb}", severity="error", markup=False)
            return
        if ids is None:
            self.notify(f"没有可{verb}的操作", timeout=2, markup=False)
            return
        self.after_write(ids)
        self.notify(f"已{verb}({len(ids)} 条)", timeout=2, markup=False)
