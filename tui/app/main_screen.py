"""The main screen: header line, outline, checklist, detail pane, search box.

This file lays the screen out, shows the list and the detail, moves focus and opens the
views of an item; each flow has its own file, a mixin of MainScreen (`self` is the screen):
checklist_actions.py (the keys that change items), search_filters.py (/ f r t Esc),
unit_switch.py (u m), document_switch.py (D O), export_flow.py (E), file_evidence_flow.py
(files hashed in a worker, then written), checklist_loading.py (after the first paint: the
rest of a large checklist, the search text); main_texts.py holds the longer texts. The key
list below names, for each key, the file that handles it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import DOMQuery
from textual.screen import Screen
from textual.message import Message
from textual.widget import AwaitMount, Widget
from textual.widgets import Input
from textual.worker import get_current_worker

from ..store import Entry, InputError
from .background import worker_failures
from . import collectives
from .checklist_actions import ChecklistActions
from .checklist_loading import ChecklistLoading
from .checklist_view import ChecklistHeader, ChecklistView
from .detail import DetailPane, render_detail
from .document_switch import DocumentSwitch
from .export_flow import ExportFlow
from .file_evidence_flow import FileEvidenceFlow
from .key_footer import KeyFooter
from .search_box import SearchBox
from .search_filters import SearchAndFilters
from .session import Session
from .main_texts import empty_text, topbar_parts
from .topbar import TopBar
from .unit_switch import UnitSwitch

if TYPE_CHECKING:
    from .outline import Outline  # imported when first shown (ensure_outline)

WIDE = 150  # from this width the outline shows beside the list
NARROW = 110  # below this width the detail moves under the list

# Every key of the screen, in the order help and the key line show them; after each, the
# file whose `action_…` handles it (the flows are mixins of MainScreen, below).
BINDINGS: list[BindingType] = [
    Binding("space", "cycle_status", "切换状态", id="main.cycle"),  # checklist_actions.py
    Binding("1", "choose_status('未开始')", "设为未开始", show=False, id="main.status1"),  # checklist_actions.py
    Binding("2", "choose_status('推进中')", "设为推进中", show=False, id="main.status2"),  # checklist_actions.py
    Binding("3", "choose_status('已完成')", "设为已完成", show=False, id="main.status3"),  # checklist_actions.py
    Binding(
        "4", "choose_status('不适用')", "设为不适用(填理由)", show=False, id="main.status4"
    ),  # checklist_actions.py
    Binding("s", "status_menu", "选择状态", show=False, id="main.status_menu"),  # checklist_actions.py
    Binding("d", "done", "完成", id="main.done"),  # checklist_actions.py
    Binding("x", "not_applicable", "不适用", id="main.na"),  # checklist_actions.py
    Binding("c", "confirm", "确认适用", show=False, id="main.confirm"),  # checklist_actions.py
    Binding("e", "add_evidence", "佐证", id="main.evidence"),  # checklist_actions.py
    Binding("n", "note", "备注", id="main.note"),  # checklist_actions.py
    Binding("w", "work", "工作要求", id="main.work"),  # checklist_actions.py
    Binding("N", "narrative", "具体完成情况", show=False, id="main.narrative"),  # checklist_actions.py
    Binding("b", "steps", "细化步骤", show=False, id="main.steps"),  # checklist_actions.py
    Binding("W", "copy_reference", "带入往年", id="main.copy_reference"),  # checklist_actions.py
    Binding("slash", "search", "搜索", id="main.search"),  # search_filters.py
    Binding("f", "cycle_filter", "筛选", id="main.filter"),  # search_filters.py
    Binding("r", "cycle_role", "角色", id="main.role"),  # search_filters.py
    Binding("t", "cycle_sort", "按时限排序", show=False, id="main.sort"),  # search_filters.py
    Binding("u", "switch_unit", "单位", id="main.unit"),  # unit_switch.py
    Binding("D", "documents", "切换文件", id="main.documents"),  # document_switch.py
    Binding("O", "load_document", "载入文件", show=False, id="main.load_document"),  # document_switch.py
    Binding("m", "choose_member", "统称中的本单位", show=False, id="main.member"),  # unit_switch.py
    Binding("v", "mark", "多选", id="main.mark"),  # checklist_actions.py
    Binding("V", "mark_all", "全选/全不选", id="main.mark_all"),  # checklist_actions.py
    Binding("z,ctrl+z", "undo", "撤销", id="main.undo"),  # checklist_actions.py
    Binding("ctrl+y", "redo", "重做", id="main.redo"),  # checklist_actions.py
    Binding("o", "toggle_outline", "目录", id="main.outline"),  # main_screen.py
    Binding("i", "evidence_list", "佐证清单", show=False, id="main.evidence_list"),  # main_screen.py
    Binding("h", "history", "修改记录", show=False, id="main.history"),  # main_screen.py
    Binding("E", "export", "导出", id="main.export"),  # export_flow.py
    Binding("L", "review", "牵头检查", id="main.review"),  # main_screen.py
    Binding("A", "assign", "分解给下级", id="main.assign"),  # checklist_actions.py
    Binding("R", "rollup", "分解汇总", id="main.rollup"),  # main_screen.py
    Binding("tab", "focus_pane(1)", "切换焦点(目录、清单、详情)", show=False, id="main.focus_next"),  # main_screen.py
    Binding("shift+tab", "focus_pane(-1)", "反向切换焦点", show=False, id="main.focus_previous"),  # main_screen.py
    Binding("escape", "clear", "清除", show=False, id="main.clear"),  # search_filters.py
    Binding("question_mark,f1", "help", "帮助", id="main.help"),  # main_screen.py
    Binding("q", "quit", "退出", id="main.quit"),  # main_screen.py
]


class MainScreen(
    ChecklistActions,
    SearchAndFilters,
    UnitSwitch,
    DocumentSwitch,
    ExportFlow,
    FileEvidenceFlow,
    ChecklistLoading,
    Screen,
):
    BINDINGS = BINDINGS

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self._detail_of: Entry | None = None  # the entry object the detail pane shows

    def compose(self) -> ComposeResult:
        self.fit_to(self.app.size.width)  # before the first layout: one styling pass, not two
        yield TopBar(id="topbar")
        with Horizontal(id="body"):  # the outline is mounted first in here when first shown
            with Vertical(id="main"):
                yield SearchBox(
                    self.search_for, placeholder="/ 搜索:内容、公开路径、单位(可用拼音首字母)、编号、备注", id="search"
                )
                yield ChecklistHeader("", id="colheads")
                yield ChecklistView(id="checklist")
            detail = DetailPane(id="detail")
            detail.can_focus = True  # Tab reaches it; the keys that change items work there too
            yield detail
        yield KeyFooter()

    @property
    def checklist(self) -> ChecklistView:
        return self.query_one(ChecklistView)

    def on_mount(self) -> None:
        if not self.query(ChecklistView):  # quit while starting (a browser tab closed at once): nothing to fill
            return
        self.apply_filters()
        self.checklist.focus()
        self.set_timer(1.0, self.warn_if_damaged)
        collectives.offer_records(self)  # a collective's older records, once its member is known
        if not self.session.complete:
            # after the first paint: the loading thread would otherwise compete with it
            self.set_timer(0.05, self.load_rest)
        else:
            self.start_warm()

    def warn_if_damaged(self) -> None:
        problem = self.session.store.damage_found()
        if problem:
            self.notify(
                problem + "。在此期间的修改都不会写入。",
                title="数据库已损坏",
                severity="error",
                timeout=30,
                markup=False,
            )

    def on_resize(self, event: events.Resize) -> None:
        self.fit_to(event.size.width)
        if not self.has_class("compact"):  # shown beside the list: built after the list is painted
            self.call_after_refresh(self.ensure_outline)

    def fit_to(self, width: int) -> None:
        self.set_class(width < NARROW, "narrow")
        self.set_class(width < WIDE, "compact")

    # -- the outline: built when first shown (most screens are narrower than WIDE) --
    def outlines(self) -> DOMQuery[Outline]:
        """The outline, once mounted (an empty query before)."""
        return cast("DOMQuery[Outline]", self.query("#outline"))  # the one #outline is an Outline

    def ensure_outline(self) -> AwaitMount | None:
        """Mount the outline if it is not yet; the mount to await, or None."""
        if self.outlines() or not self.is_mounted:
            return None
        from .outline import Outline

        outline = Outline(lambda: (self.session.entries, self.node_counts), id="outline")
        return self.query_one("#body").mount(outline, before=0)

    async def action_toggle_outline(self) -> None:
        mounting = self.ensure_outline()
        if mounting is not None:
            await mounting
        self.toggle_class("show-outline")
        if self.has_class("show-outline") and self.has_class("compact"):
            # once the new styles apply: a hidden outline cannot take focus (it would go to the search box)
            self.call_after_refresh(self._focus_outline)
        else:
            self.checklist.focus()

    def _focus_outline(self) -> None:
        for outline in self.outlines():
            outline.focus()

    # -- showing ---------------------------------------------------------
    def node_counts(self, node: str) -> tuple[int, int]:
        c = self.session.counts(node)
        return c.done, c.total

    def apply_filters(self, keep: str | None = None, first: bool = False) -> None:
        """Show what the filters and search let through; the cursor stays on its item, or
        with `first` (a filter changed, another unit) goes to the first line."""
        current = self.checklist.current
        if first:
            self.checklist.scroll_to(y=0, animate=False, immediate=True)
        self.checklist.empty_text = empty_text(self.session)
        self.checklist.show(
            self.session.visible(),
            self.session.as_of,
            keep=None if first else (keep or (current.id if current else None)),
        )
        self.show_detail(self.checklist.current)  # now: in the same paint as the list, not one after
        self.update_topbar()

    def show_new_checklist(self) -> None:
        """Another unit's or document's checklist, just installed: no marks, the outline
        rebuilt, the list from its first line; then the rest of it loaded in a worker (whose
        end starts the search warm-up), or the warm-up."""
        self.checklist.marked.clear()
        for outline in self.outlines():
            outline.build(self.session.entries, self.node_counts)
        self.apply_filters(first=True)
        if not self.session.complete:
            self.load_rest()
        else:
            self.start_warm()

    def update_topbar(self) -> None:
        self.query_one(TopBar).parts = topbar_parts(
            self.session, len(self.checklist.entries), len(self.marked_shown()), len(self.checklist.marked)
        )

    def show_detail(self, entry: Entry | None, file_states: dict[str, str] | None = None) -> None:
        self._detail_of = entry  # the entry object shown (a write replaces it with a new one)
        ev = self.session.store.evidence(self.session.unit, entry.id) if entry else []
        hist = self.session.store.history(self.session.unit, entry.id) if entry else []
        ref = self.session.reference(entry.id) if entry else None  # two indexed lookups, as cheap as these
        via = self.session.confirm_via(entry) if entry else []
        self.query_one(DetailPane).text = render_detail(
            entry, ev, hist, self.session.as_of, file_states, ref, confirm_via=via
        )
        files = [r for r in ev if r["kind"] == "file"]
        if entry is not None and files and file_states is None:
            self._check_files(entry.id, files)

    @dataclass
    class FilesChecked(Message):
        item_id: str
        states: dict[str, str]  # path → 已改动 / 已不存在 / 不在本机 / 无法读取 (absent: as added)

    @work(thread=True, exclusive=True, group="check-files")
    def _check_files(self, item_id: str, records: list[dict]) -> None:
        """Whether each evidence file is still as it was added: read in a thread, never on the UI."""
        from ..store.evidence import file_state

        def failed(text: str) -> None:
            self.app.call_from_thread(self.notify, text, title="未完成", severity="error", timeout=10, markup=False)

        with worker_failures(failed, "检查佐证文件"):
            states = {r["value"]: state for r in records if (state := file_state(r))}
            if not get_current_worker().is_cancelled:
                self.post_message(self.FilesChecked(item_id, states))

    def on_main_screen_files_checked(self, event: "MainScreen.FilesChecked") -> None:
        current = self.checklist.current
        if event.states and current is not None and current.id == event.item_id:
            self.show_detail(current, event.states)

    def after_write(self, item_ids: list[str]) -> None:
        fresh = [self.session.by_id[i] for i in item_ids if i in self.session.by_id]
        if self.session.filter != "全部" or self.session.query:
            self.apply_filters()
        else:
            self.checklist.replace(fresh)
            self.show_detail(self.checklist.current)  # in the same paint as the line, not a frame later
            self.update_topbar()
        for outline in self.outlines():
            outline.update_counts(self.node_counts)

    # -- the widgets' messages (an @on handler registers only on the Screen class, not on a mixin)
    @on(ChecklistView.Highlighted)
    def on_highlight(self, event: ChecklistView.Highlighted) -> None:
        if event.entry is not None and event.entry is self._detail_of:
            return  # shown already (apply_filters shows it with the list)
        self.show_detail(event.entry)

    @on(ChecklistView.Opened)
    def on_open(self, event: ChecklistView.Opened) -> None:
        from .dialogs import TextScreen

        e = event.entry
        text = render_detail(
            e,
            self.session.store.evidence(self.session.unit, e.id),
            self.session.store.history(self.session.unit, e.id),
            self.session.as_of,
            reference=self.session.reference(e.id),
            full=True,
            confirm_via=self.session.confirm_via(e),
        )
        self.app.push_screen(TextScreen(f"条目 {e.id}", text))

    @on(Input.Changed, "#search")
    def on_search_changed(self, event: Input.Changed) -> None:
        # Done already when the box called search_for; the message may carry an older value
        # (keys in a burst), so the box's value now is what counts.
        self.search_for(event.input.value)

    @on(Input.Submitted, "#search")
    def on_search_submitted(self, event: Input.Submitted) -> None:
        self.checklist.cursor = 0
        self.checklist.focus()

    def on_outline_jump(self, event: Outline.Jump) -> None:
        if self.has_class("compact"):  # the outline covers the list there: show the list
            self.remove_class("show-outline")
        for i, e in enumerate(self.checklist.entries):
            if e.section_id == event.node_id or e.subsection_id == event.node_id:
                self.checklist.cursor = i
                break
        self.checklist.focus()

    # -- focus: only what has focus acts ---------------------------------
    def acting_here(self) -> bool:
        """Whether the keys that change items act now: only while the list, or the detail
        pane beside it, has focus and the list is on screen. Elsewhere (the outline, a
        hidden list) they change nothing and say why."""
        focused = self.focused
        list_shown = self.checklist.region.width > 0 and self.checklist.region.height > 0
        if list_shown and (focused is self.checklist or isinstance(focused, DetailPane)):
            return True
        if focused is not None and focused.id == "outline":
            self.notify("目录中不修改条目:回车跳到所选章节,Tab 回到清单", timeout=3, markup=False)
        else:
            self.notify("请先回到清单(Tab)再修改条目", timeout=3, markup=False)
        return False

    def panes(self) -> list[Widget]:
        """The panes Tab moves between, in screen order, as shown now."""
        shown = [*self.outlines(), self.checklist, self.query_one(DetailPane)]
        return [w for w in shown if w.region.width > 0 and w.region.height > 0]

    def action_focus_pane(self, step: int) -> None:
        """Tab / Shift+Tab: outline → list → detail (and back). Below 150 columns the outline
        covers the list: leaving it hides it again."""
        if self.has_class("compact") and self.has_class("show-outline"):
            self.remove_class("show-outline")
            self.checklist.focus()
            return
        panes = self.panes()
        if not panes:
            return
        focused = self.focused
        i = panes.index(focused) if focused in panes else (-1 if step > 0 else 0)
        panes[(i + step) % len(panes)].focus()

    # -- what others wrote -------------------------------------------------
    def sync(self, force: bool = False) -> None:
        """Show what another TUI or a CLI command wrote (checked on focus and on each key);
        `force`: what this session wrote beside the checklist (a collective's records moved)."""
        if force or self.session.changed_elsewhere():
            if not force:
                self.session.reload()
            for outline in self.outlines():
                outline.update_counts(self.node_counts)
            self.apply_filters()
            self.show_detail(self.checklist.current)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        self.query_one(KeyFooter).refresh()  # its own keys again, not the closed dialog's
        self.sync()

    def on_screen_suspend(self, event: events.ScreenSuspend) -> None:
        self.query_one(KeyFooter).refresh()  # a dialog's keys while it is open

    # -- keys that open a view of the item or the document ----------------
    def action_evidence_list(self) -> None:
        from .evidence_screen import EvidenceScreen

        current = self.checklist.current
        if current is None:
            return
        self.app.push_screen(EvidenceScreen(self.session, current.id, self.after_evidence_change))

    def after_evidence_change(self, item_ids: list[str]) -> None:
        self.after_write(item_ids)
        self.show_detail(self.checklist.current)

    def action_history(self) -> None:
        from .dialogs import TextScreen
        from .history_view import render_history

        current = self.checklist.current
        if current is None:
            return
        history = self.session.store.history(self.session.unit, current.id)
        self.app.push_screen(TextScreen(f"修改记录:{current.id}", render_history(history)))

    def action_review(self) -> None:
        """L: the rows are read in a worker by the review screen, behind a loading mark."""
        from .review_screen import ReviewScreen

        s = self.session
        structure = None if s.store.partial or not s.complete else s.store.structure
        self.app.push_screen(
            ReviewScreen(
                s.shown_name, s.store.path, s.store.doc, s.unit, export=self.action_export_review, structure=structure
            )
        )

    def action_rollup(self) -> None:
        """R: what the sub-units reported of what this unit assigned them (rollup_screen.py)."""
        from .rollup_screen import RollupScreen

        s = self.session
        self.app.push_screen(RollupScreen(s.unit, s.store.path, s.store.doc, s.as_of, fill=self._fill_from_reports))

    def _fill_from_reports(self, set_done: bool) -> tuple[int | None, list[str], list[str]]:
        """The roll-up's `f`, written through the session (one undo step) and shown here."""
        if collectives.needs_member(self.session):
            raise InputError("统称的报送要记在成员单位名下:先返回清单按 m 选择统称中的本单位")
        action, filled, done = self.session.fill_from_reports(set_done)
        self.after_write(list(dict.fromkeys(filled + (done if set_done else []))))
        return action, filled, done

    def action_help(self) -> None:
        from .dialogs import TextScreen
        from .help import help_text

        self.app.push_screen(TextScreen("帮助:按键一览", help_text(self.app, self)))

    def action_quit(self) -> None:
        self.app.exit()
