"""Imports inside `kit/` run one way: no module imports, directly or through others, a module that imports it.

The graph is read statically (ast), so an import hidden in a function body counts as much as one at the top, and
so does a type-only import under `if TYPE_CHECKING:` — a cycle closed only by type hints is still two modules
that each need the other to be read, and `from __future__ import annotations` never needs one. What does not
count: a package's `__init__` run because one of its submodules is imported (Python runs it first, and
`kit/__init__.py` imports its names lazily), and imports of anything outside `kit`.
"""
from __future__ import annotations

import ast
from pathlib import Path

KIT = Path(__file__).resolve().parents[1] / "kit"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(KIT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def kit_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(KIT.rglob("*.py"))}


def imported(module: str, path: Path, tree: ast.AST, modules: dict[str, Path]) -> set[str]:
    """The kit modules `module` imports (`from x import name` counts `x.name` when that is a module)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    targets: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                targets.append(submodule if submodule in modules else source)
    found = set()
    for target in targets:
        while target not in modules and "." in target:
            target = target.rpartition(".")[0]
        if target in modules and target != module:
            found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = kit_modules()
    return {name: imported(name, path, ast.parse(path.read_text(encoding="utf-8")), modules)
            for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module, or a module importing itself (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_is_read():
    graph = import_graph()
    assert "kit.readers.html" in graph["kit.readers"]           # the registry imports the format readers
    assert "kit.readers.base" in graph["kit.readers.html"]      # which import what they share
    assert "kit.extract.figure" in graph["kit.extract.figure_context"]
    assert "kit" in graph["kit.cli"]                            # `from . import __version__`


def test_no_import_cycle_inside_kit():
    found = cycles(import_graph())
    assert not found, "import cycles inside kit/: " + "; ".join(" ↔ ".join(c) for c in found)


def test_the_check_finds_a_cycle_hidden_in_a_function_or_under_type_checking(tmp_path):
    source = {
        "a": "def f():\n    from . import b\n",
        "b": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import f\n",
        "c": "from .b import TYPE_CHECKING\n",
    }
    modules = {f"kit.{name}": tmp_path / f"{name}.py" for name in source}
    graph = {f"kit.{name}": imported(f"kit.{name}", tmp_path / f"{name}.py", ast.parse(text), modules)
             for name, text in source.items()}
    assert cycles(graph) == [["kit.a", "kit.b"]]


def test_data_loading_never_imports_extraction():
    graph = import_graph()
    for low in ("kit.lexicons", "kit.gazetteer", "kit.casing"):
        reach, todo = set(), [low]
        while todo:
            for nxt in graph[todo.pop()] - reach:
                reach.add(nxt)
                todo.append(nxt)
        assert not {m for m in reach if m.startswith("kit.extract")}, low


def test_version_comes_from_the_package_metadata():
    import importlib.metadata

    import kit

    assert kit.__version__ == importlib.metadata.version("kit")
