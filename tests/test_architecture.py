"""The package's shape: stages that import only the stages below them, no import cycles, and only
macros/site/plugin.py imports mkdocs.

The import graph is read from the source with `ast` (nothing is imported). An edge is a
module-level import of another macros module; imports inside functions and under
`if TYPE_CHECKING:` do not run when the module loads, so they cannot make a cycle – but a
function-level import whose module-level twin would close a cycle only hides one, and is
counted as such.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "macros"
MKDOCS_ADAPTER = "macros.site.plugin"
# Each stage folder of macros/ and the stages it may import (CONTRIBUTING.md, »Pakkens trin«).
BELOW: dict[str, set[str]] = {
    "model": set(),
    "loading": {"model"},
    "matching": {"model", "loading"},
    "rendering": {"model", "loading"},
    "outputs": {"model", "loading", "rendering"},
    "site": {"model", "loading", "rendering", "outputs"},
    "cli": {"model", "loading", "matching", "rendering", "outputs", "site"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def is_type_checking(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return isinstance(test, ast.Name | ast.Attribute) and ast.unparse(test).endswith("TYPE_CHECKING")


def imports(tree: ast.AST, *, module_level: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    """Module-level imports (outside functions and TYPE_CHECKING blocks), or the others."""

    def walk(node: ast.AST, inside: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, inside
            deferred = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            yield from walk(child, inside or deferred or is_type_checking(child))

    for node, inside in walk(tree, False):
        if inside != module_level:
            yield node


def targets(node: ast.Import | ast.ImportFrom, importer: str, known: dict[str, Path]) -> set[str]:
    """The macros modules an import statement loads."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in known}
    package = importer if known[importer].name == "__init__.py" else importer.rpartition(".")[0]
    base = package.split(".")
    base = base[: len(base) - node.level + 1] if node.level else []  # absolute: only "macros…" counts
    stem = ".".join(base + ([node.module] if node.module else []))
    found = {stem} if stem in known else set()
    found |= {f"{stem}.{alias.name}" for alias in node.names if f"{stem}.{alias.name}" in known}
    return found


def graph(*, module_level: bool = True) -> dict[str, set[str]]:
    known = modules()
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found = (targets(node, name, known) for node in imports(tree, module_level=module_level))
        edges[name] = set().union(*found) - {name}
    return edges


def cycles(edges: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: set[frozenset[str]] = set()

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.add(frozenset(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def reaches(edges: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


def test_the_graph_sees_relative_imports() -> None:
    edges = graph()
    assert "macros.model.problems" in edges["macros.site.build"]
    assert "macros.model" in edges["macros.loading.catalogue"]
    assert "macros.loading.network_rules" in edges["macros.loading.rules"]


def test_no_import_cycle() -> None:
    found = cycles(graph())
    assert not found, f"importcykler i macros/: {[sorted(c) for c in found]}"


def test_no_function_level_import_that_hides_a_cycle() -> None:
    """An import inside a function (or under TYPE_CHECKING) must not stand in for one that would close a cycle."""
    edges, late = graph(), graph(module_level=False)
    dodges = sorted(
        (a, b) for a, targets_ in late.items() for b in targets_ if b not in edges[a] and reaches(edges, b, a)
    )
    assert not dodges, f"import i en funktion, der skjuler en cyklus: {dodges}"


def test_only_the_plugin_imports_mkdocs() -> None:
    importers = set()
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            if any(n == "mkdocs" or n.startswith("mkdocs.") for n in names):
                importers.add(name)
    assert importers == {MKDOCS_ADAPTER}


def stage(module: str) -> str:
    """The stage folder a module sits in: macros.loading.cohorts → loading."""
    return module.split(".")[1]


def test_every_module_sits_in_a_stage() -> None:
    outside = sorted(name for name in modules() if name.count(".") < 1 or stage(name) not in BELOW)
    assert not outside, f"moduler uden for trinene i macros/: {outside}"


def test_each_stage_imports_only_stages_below_it() -> None:
    edges, late = graph(), graph(module_level=False)
    wrong = sorted(
        (a, b)
        for found in (edges, late)
        for a, targets_ in found.items()
        for b in targets_
        if stage(b) != stage(a) and stage(b) not in BELOW[stage(a)]
    )
    assert not wrong, f"et trin importerer et trin over sig: {wrong}"
