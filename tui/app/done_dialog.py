"""`d`: mark done — 佐证材料 (as the evidence prompt: a paste of several lines keeps them all)
and 完成时间, prefilled with the date recorded or today, read by the one date reader of
every door (tui/datetext.py). `d` on an item done already is how its date is changed.

A date after today or before the document's issue date is asked about before the dialog
closes (Esc goes back to the date, nothing typed is lost)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ..datetext import DateTextError, doubts, parse_date_text
from .dialogs import ConfirmDialog, JoiningInput, TextPrompt

DATE_HINT = "完成时间(如 2026-11-30 或 2026年11月30日):"


def today() -> dt.date:
    """The date the dialog offers for an item not done yet (a function: tests pin it)."""
    return dt.date.today()


class DonePrompt(TextPrompt[tuple[str, dt.date]]):
    """Dismissed with (evidence text, completion date), or None (Esc). Enter in either box
    saves; Tab moves between them. An item's evidence is checked by `check`, as in `e`.
    Without `with_evidence` (several items marked at once) only the date is asked."""

    def __init__(
        self,
        title: str,
        hint: str,
        *,
        date: dt.date,
        today: dt.date,
        issued: str | None,
        check: Callable[[str], str | None] | None = None,
        with_evidence: bool = True,
    ):
        super().__init__(title, hint, placeholder="https://…", allow_empty=True, check=check, several_lines=True)
        self.with_evidence = with_evidence
        self.date = date
        self.today = today
        self.issued = issued

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.hint, classes="dialog-hint", markup=False)
            if self.with_evidence:
                yield JoiningInput(value=self.value, placeholder=self.placeholder, id="prompt-input", joiner="；")
            yield Static(DATE_HINT, classes="dialog-hint", markup=False)
            yield Input(value=self.date.isoformat(), id="done-date")
            yield Static("", classes="dialog-error", id="prompt-error", markup=False)

    def show_problem(self, problem: str, where: str) -> None:
        self.query_one("#prompt-error", Static).update(problem)
        self.query_one(where, Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()  # not TextPrompt's handler as well: this one replaces it
        evidence = self.query_one("#prompt-input", Input).value.strip() if self.with_evidence else ""
        problem = self.check(evidence) if evidence and self.check else None
        if problem:
            self.show_problem(problem, "#prompt-input")
            return
        try:
            day = parse_date_text(self.query_one("#done-date", Input).value)
        except DateTextError as e:
            self.show_problem(f"完成时间{e}", "#done-date")
            return
        found = doubts(day, self.today, self.issued) if day != self.date else []
        if not found:
            self.dismiss((evidence, day))
            return

        def answer(ok: bool | None) -> None:
            if ok:
                self.dismiss((evidence, day))
            else:
                self.query_one("#done-date", Input).focus()

        body = Text.assemble("完成时间 ", (day.isoformat(), "bold"), f" {'、'.join(found)}。\n\n确定是这一天吗?")
        self.app.push_screen(ConfirmDialog("确认完成时间", body, "Enter 或 y 确定,Esc 或 n 返回修改"), answer)
