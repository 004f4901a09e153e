"""The outline of sections and subsections with per-node progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree

from ..source.numerals import int_to_chinese
from ..source.row_ids import PLACEHOLDER
from ..store import Entry


def is_placeholder(node_id: str) -> bool:
    """A section or subsection id standing for a level the document does not have there."""
    return node_id.split(".")[-1] == PLACEHOLDER


def node_label(kind: str, node_id: str, title: str, done: int, total: int) -> str:
    n = int(node_id.split(".")[-1])
    prefix = f"{int_to_chinese(n)}、" if kind == "section" else f"({int_to_chinese(n)})"
    return f"{prefix}{title} {done}/{total}"


class Outline(Tree[str]):
    """Sections and subsections of the unit's checklist; selecting one jumps there."""

    @dataclass
    class Jump(Message):
        node_id: str

    def __init__(
        self, source: Callable[[], tuple[list[Entry], Callable[[str], tuple[int, int]]]], *, id: str | None = None
    ):
        super().__init__("全部", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._by_node_id: dict[str, tuple] = {}
        self._source = source

    def on_mount(self) -> None:
        # Mounted lazily, after the checklist is on screen: build from the session then.
        self.build(*self._source())

    def build(self, entries: list[Entry], counts: Callable[[str], tuple[int, int]]) -> None:
        """One node per section and subsection the document wrote that has entries; `counts(node)`
        gives (done, total). A level the document does not have there (the placeholder `0` of
        tui/source/row_ids.py) gets no node: rows of a section without subsections count under
        the section (no untitled `└ 3/3` leaf), subsections of a table of only (一) headings sit
        at the top, and a document without headings shows one line for all its items."""
        self.clear()
        self._by_node_id = {}
        for e in entries:
            parent = self.root
            if not is_placeholder(e.section_id):
                if e.section_id not in self._by_node_id:
                    node = self.root.add("", data=e.section_id, expand=True)
                    self._by_node_id[e.section_id] = (node, "section", e.section_title)
                parent = self._by_node_id[e.section_id][0]
            if not is_placeholder(e.subsection_id) and e.subsection_id not in self._by_node_id:
                self._by_node_id[e.subsection_id] = (
                    parent.add_leaf("", data=e.subsection_id),
                    "sub",
                    e.subsection_title,
                )
        self.show_root = not self._by_node_id
        self.update_counts(counts)

    def update_counts(self, counts: Callable[[str], tuple[int, int]]) -> None:
        if self.show_root:
            label = "全部 {}/{}".format(*counts(""))
            if str(self.root.label) != label:
                self.root.set_label(Text(label))
        for node_id, (node, kind, title) in self._by_node_id.items():
            label = node_label(kind, node_id, title, *counts(node_id))
            if str(node.label) != label:
                node.set_label(Text(label))  # a str label would be parsed as markup

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        if event.node.data:
            self.post_message(self.Jump(event.node.data))
