"""What the flows of the main screen may use of it, for the type checker only.

The flows of MainScreen are mixins in their own files (checklist_actions.py, search_filters.py,
unit_switch.py, document_switch.py, export_flow.py, file_evidence_flow.py, checklist_loading.py):
each uses the screen (`self.session`, `self.notify`, `self.query_one`) and the methods of
main_screen.py and of the other flows. Each mixin derives from `MainScreenHost` only while
type-checking:

    if TYPE_CHECKING:
        from .main_host import MainScreenHost
    else:
        MainScreenHost = object

so at run time a mixin is a plain class and MainScreen's MRO is what it was, while mypy sees a
Screen with these attributes and signatures. Nothing imports this module at run time.

A method added to one flow and called from another is declared here with the same signature;
mypy then checks that the flow's definition (and main_screen.py's) still matches it.
"""

from __future__ import annotations

import datetime as dt
from abc import abstractmethod
from collections.abc import Callable

from textual.css.query import DOMQuery
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.worker import Worker

from ..store import Entry
from .checklist_view import ChecklistView
from .outline import Outline
from .session import Session


class MainScreenHost(Screen[None]):
    """MainScreen as its flows see it. Each method is abstract: main_screen.py or one flow
    implements it, and mypy refuses to build a MainScreen that lacks one."""

    session: Session

    # -- main_screen.py --
    @property
    @abstractmethod
    def checklist(self) -> ChecklistView: ...

    @abstractmethod
    def outlines(self) -> DOMQuery[Outline]: ...

    @abstractmethod
    def ensure_outline(self) -> AwaitMount | None: ...

    @abstractmethod
    def node_counts(self, node: str) -> tuple[int, int]: ...

    @abstractmethod
    def apply_filters(self, keep: str | None = None, first: bool = False) -> None: ...

    @abstractmethod
    def show_new_checklist(self) -> None: ...

    @abstractmethod
    def update_topbar(self) -> None: ...

    @abstractmethod
    def show_detail(self, entry: Entry | None, file_states: dict[str, str] | None = None) -> None: ...

    @abstractmethod
    def after_write(self, item_ids: list[str]) -> None: ...

    @abstractmethod
    def acting_here(self) -> bool: ...

    @abstractmethod
    def sync(self, force: bool = False) -> None: ...

    # -- checklist_actions.py --
    @abstractmethod
    def marked_shown(self) -> list[str]: ...

    @abstractmethod
    def run_write(
        self, write: Callable[[], int | None], item_ids: list[str], done_message: str | None = None
    ) -> None: ...

    # -- search_filters.py --
    @abstractmethod
    def search_for(self, value: str) -> None: ...

    # -- unit_switch.py --
    @abstractmethod
    def ask_member(self, then: Callable[[], object] | None = None) -> None: ...

    # -- document_switch.py --
    @abstractmethod
    def document_number(self, doc: int | None) -> str: ...

    @abstractmethod
    def action_load_document(self) -> None: ...

    # -- export_flow.py --
    @abstractmethod
    def action_export_review(self) -> None: ...

    # -- file_evidence_flow.py --
    @abstractmethod
    def fingerprint_evidence(self, item_id: str, value: str, done: bool, done_date: dt.date | None = None) -> None: ...

    # -- checklist_loading.py --
    @abstractmethod
    def start_warm(self) -> None: ...

    @abstractmethod
    def load_rest(self) -> Worker[None]: ...
