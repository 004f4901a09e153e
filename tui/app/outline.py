"""The outline of sections and subsections with per-node progress."""

from __future__ import annotations

from dataclasses import dataclass

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

    def __init__(self, *, id: str | None = None):
        super().__init__("全部", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._by_node_id: dict[str, tuple] = {}

    def build(self, entries: list[Entry]) -> None:
        self.clear()
        self._by_node_id = {}
        counts = self._counts(entries)
        for e in entries:
            if e.section_id not in self._by_node_id:
                node = self.root.add("", data=e.section_id, expand=True)
                self._by_node_id[e.section_id] = (node, "section", e.section_title)
            if e.subsection_id not in self._by_node_id:
                parent = self._by_node_id[e.section_id][0]
                self._by_node_id[e.subsection_id] = (parent.add_leaf("", data=e.subsection_id), "sub", e.subsection_title)
        self._label(counts)

    def update_counts(self, entries: list[Entry]) -> None:
        self._label(self._counts(entries))

    def _label(self, counts: dict[str, tuple[int, int]]) -> None:
        for node_id, (node, kind, title) in self._by_node_id.items():
            node.set_label(node_label(kind, node_id, title, *counts.get(node_id, (0, 0))))

    @staticmethod
    def _counts(entries: list[Entry]) -> dict[str, tuple[int, int]]:
        out: dict[str, list[int]] = {}
        for e in entries:
            for key in (e.section_id, e.subsection_id):
                c = out.setdefault(key, [0, 0])
                if e.status != "不适用":
                    c[1] += 1
                    c[0] += e.status == "已完成"
        return {k: (v[0], v[1]) for k, v in out.items()}

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        if event.node.data:
            self.post_message(self.Jump(event.node.data))
