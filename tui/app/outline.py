"""The outline of sections and subsections with per-node progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree

from ..source.numerals import int_to_chinese
from ..store import Entry


def node_label(kind: str, node_id: str, title: str, done: int, total: int) -> str:
    n = int(node_id.split(".")[-1])
    prefix = f"{int_to_chinese(n)}、" if kind == "section" else (f"({int_to_chinese(n)})" if n else "")
    return f"{prefix}{title} {done}/{total}"


class Outline(Tree[str]):
    """Sections and subsections of the unit's checklist; selecting one jumps there."""

    @dataclass
    class Jump(Message):
        node_id: str

    def __init__(self, source: Callable[[], tuple[list[Entry], Callable[[str], tuple[int, int]]]], *,
                 id: str | None = None):
        super().__init__("全部", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._by_node_id: dict[str, tuple] = {}
        self._source = source

    def on_mount(self) -> None:
        # Mounted lazily, after the checklist is on screen: build from the session then.
        self.build(*self._source())

    def build(self, entries: list[Entry], counts: Callable[[str], tuple[int, int]]) -> None:
        """One node per section and subsection that has entries; `counts(node)` gives (done, total)."""
        self.clear()
        self._by_node_id = {}
        for e in entries:
            if e.section_id not in self._by_node_id:
                node = self.root.add("", data=e.section_id, expand=True)
                self._by_node_id[e.section_id] = (node, "section", e.section_title)
            if e.subsection_id not in self._by_node_id:
                parent = self._by_node_id[e.section_id][0]
                self._by_node_id[e.subsection_id] = (parent.add_leaf("", data=e.subsection_id), "sub",
                                                     e.subsection_title)
        self.update_counts(counts)

    def update_counts(self, counts: Callable[[str], tuple[int, int]]) -> None:
        for node_id, (node, kind, title) in self._by_node_id.items():
            label = node_label(kind, node_id, title, *counts(node_id))
            if str(node.label) != label:
                node.set_label(Text(label))  # a str label would be parsed as markup

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        if event.node.data:
            self.post_message(self.Jump(event.node.data))
