"""The import graph of `tui/` has no circle (issue #24: "no import circles anywhere in tui/").

The graph is read statically, with `ast`, from the source files (nothing is imported), and
imports are counted in two kinds:

- **module-level** imports (run when the module is imported, including those under a
  top-level `try` or `if`): a circle through these alone is refused, with no exception;
- **function-level** imports (inside a function or method: run at the first call, the lazy
  imports that keep start-up light): a circle that needs one of them only postpones the
  problem, and is refused too, except the circles listed in `APP_CYCLES_BEING_SPLIT` and
  `WORKBOOK_CYCLES_NOT_YET_BROKEN` (files another change is editing). Every listed circle
  must still be found, so a list can only shrink: remove an entry when its circle is gone.

Imports under `if TYPE_CHECKING:` never run and are not counted. An edge goes to the module
named: `from .store import Store` → `tui.store` (its `__init__`), `from .store import errors`
→ `tui.store.errors` (a submodule imported by name), `from .store.errors import X` →
`tui.store.errors`. Importing a submodule also runs its package's `__init__`, but that is no
edge here (as in grimp and import-linter): else every package whose `__init__` re-exports a
submodule would make a circle with it.
"""

from __future__ import annotations

import ast
from collections import deque
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tui"

MODULE, FUNCTION, TYPING = "module", "function", "typing"

# tui/app's circles went with its split by flow (issue #24 item 4): none is left to allow.
# Each entry would be the set of modules of one strongly connected part of the graph.
APP_CYCLES_BEING_SPLIT: list[set[str]] = []
# tui/workbook is being edited in another branch too: export.py imports submission.py inside
# two functions, submission.py imports export.py at module level.
WORKBOOK_CYCLES_NOT_YET_BROKEN: list[set[str]] = []


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str, path: Path, known: set[str]) -> list[tuple[str, str, int]]:
    """(imported module of tui, kind, line) for every import statement of one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: list[tuple[str, str, int]] = []

    def targets(node: ast.Import | ast.ImportFrom) -> list[str]:
        if isinstance(node, ast.Import):
            return [alias.name for alias in node.names]
        if node.level:
            base = package[: len(package) - (node.level - 1)]
            module = ".".join(base + ([node.module] if node.module else []))
        else:
            module = node.module or ""
        return [f"{module}.{a.name}" if f"{module}.{a.name}" in known else module for a in node.names]

    def visit(node: ast.AST, kind: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = kind
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                inner = FUNCTION if kind == MODULE else kind
            elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                inner = TYPING
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                found.extend((t, kind, child.lineno) for t in targets(child) if t in known and t != name)
            visit(child, inner)

    visit(tree, MODULE)
    return found


def graph() -> dict[str, list[tuple[str, str, int]]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def edges(g: dict[str, list[tuple[str, str, int]]], kinds: set[str]) -> dict[str, dict[str, int]]:
    """module → {imported module: the first line importing it} over imports of `kinds`."""
    out: dict[str, dict[str, int]] = {name: {} for name in g}
    for name, found in g.items():
        for target, kind, line in sorted(found, key=lambda f: f[2]):
            if kind in kinds:
                out[name].setdefault(target, line)
    return out


def circles(adj: dict[str, dict[str, int]]) -> list[set[str]]:
    """The strongly connected parts of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    parts: list[set[str]] = []
    for start in sorted(adj):
        if start in index:
            continue
        work = [(start, iter(sorted(adj[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(adj[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.add(member)
                    if member == node:
                        break
                if len(part) > 1:
                    parts.append(part)
    return parts


def one_circle(adj: dict[str, dict[str, int]], part: set[str]) -> str:
    """The shortest circle through the first module of `part`, each import with its line."""
    start = min(part)
    came: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(adj[node]):
            if child not in part:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(came[path[-1]])
                path.reverse()
                steps = [f"{a} (line {adj[a][b]}) → " for a, b in zip(path, path[1:] + [start])]
                return "".join(steps) + start
            if child not in came:
                came[child] = node
                queue.append(child)
    raise AssertionError(f"no circle in {sorted(part)}")


def describe(adj: dict[str, dict[str, int]], parts: list[set[str]]) -> str:
    return "\n".join(f"{sorted(p)}: {one_circle(adj, p)}" for p in parts)


ALLOWED = APP_CYCLES_BEING_SPLIT + WORKBOOK_CYCLES_NOT_YET_BROKEN


@pytest.fixture(scope="module")
def tui_graph():
    return graph()


def test_no_circle_through_module_level_imports(tui_graph):
    adj = edges(tui_graph, {MODULE})
    found = circles(adj)
    assert not found, "import circle through module-level imports:\n" + describe(adj, found)


def test_no_circle_through_any_import_but_the_listed_ones(tui_graph):
    adj = edges(tui_graph, {MODULE, FUNCTION})
    found = [p for p in circles(adj) if p not in ALLOWED]
    assert not found, "import circle (a function-level import counts too):\n" + describe(adj, found)


def test_every_listed_circle_still_exists(tui_graph):
    """Remove an entry from the lists once its circle is gone: the lists only shrink."""
    found = circles(edges(tui_graph, {MODULE, FUNCTION}))
    gone = [sorted(p) for p in ALLOWED if p not in found]
    assert not gone, f"these circles are gone: remove them from the list: {gone}"
    assert all(p <= {m for m in modules() if m.startswith("tui.app.")} for p in APP_CYCLES_BEING_SPLIT)


def test_the_reader_sees_both_kinds_and_skips_type_checking(tui_graph):
    """The graph is no empty one that would pass anything: known imports of each kind are
    found where they are written."""
    module_level = edges(tui_graph, {MODULE})
    function_level = edges(tui_graph, {FUNCTION})
    assert "tui.cli.checklist" in module_level["tui.cli.commands"]  # from . import checklist, …
    assert "tui.store.errors" in module_level["tui.store.api"]  # from .errors import …
    assert "tui.cli" in function_level["tui.launch"]  # from .cli import run as run_cli, inside run()
    assert "tui.cli" not in module_level["tui.launch"]
    assert "tui.source.model" in edges(tui_graph, {TYPING})["tui.source"]  # under `if TYPE_CHECKING:`
    assert "tui.source.model" not in module_level["tui.source"]  # … so no module-level edge


def test_a_circle_is_found_and_named_with_its_lines():
    adj = {"a": {"b": 3}, "b": {"c": 7}, "c": {"a": 1}, "d": {"a": 2}, "e": {}}
    assert circles(adj) == [{"a", "b", "c"}]
    assert one_circle(adj, {"a", "b", "c"}) == "a (line 3) → b (line 7) → c (line 1) → a"
    assert circles({"a": {"b": 1}, "b": {}}) == []
