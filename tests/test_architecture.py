"""The layers, read from the code: every import in flashdeck/ (function-level ones included)
is an arrow, and the arrows point down. domain is pure; store persists; services is what the
UI and CLI call; tui only draws and dispatches."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "flashdeck"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The flashdeck module an imported name lives in (a name imported from a package may be a
    submodule or something the package defines)."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph() -> dict[str, set[str]]:
    known = _modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                # `from x import y`: an arrow to the module y when it is one, else to x
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                           for alias in node.names]
            for target in targets:
                if not target.startswith("flashdeck"):
                    continue
                resolved = target if target in known else _resolve(target, known)
                if resolved is not None and resolved != name:
                    graph[name].add(resolved)
    return graph


def _layer(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else module


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def arrows(graph: dict[str, set[str]], source: str, target: str) -> list[str]:
    return sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets
                  if _layer(a) == source and _layer(b) == target)


def test_domain_imports_nothing_of_flashdeck():
    graph = import_graph()
    assert [f"{a} -> {b}" for a, bs in graph.items() for b in bs
            if _layer(a) == "domain" and _layer(b) != "domain"] == []


def test_tui_never_reaches_the_store():
    assert arrows(import_graph(), "tui", "store") == []


def test_the_graph_sees_function_level_imports():
    # store.stats imports domain.mock inside _mock_trend only (the quick start's cold start):
    # it must be an arrow all the same
    graph = import_graph()
    assert "flashdeck.store.db" in graph["flashdeck.services.context"]
    assert any(b.startswith("flashdeck.store") for b in graph["flashdeck.services.stats"])
    assert "flashdeck.domain.mock" in graph["flashdeck.store.stats"]


def _function_level_imports(path: Path) -> list[int]:
    """The line of every import inside a function or method of the module at `path`."""
    lines: set[int] = set()
    for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            lines.update(node.lineno for node in ast.walk(fn) if isinstance(node, (ast.Import, ast.ImportFrom)))
    return sorted(lines)


def test_every_function_level_import_says_why():
    # an import inside a function is there to keep something heavy (torch, numpy, sympy,
    # SQLAlchemy, Textual) off a start path, or for order (the drill sandbox): a comment on its
    # line or the line before says which; or one top-level `# Lazy imports:` block states the
    # module's rule. Anything else belongs at the top of the module.
    silent = []
    for path in sorted(_modules().values()):
        source = path.read_text(encoding="utf-8").splitlines()
        if any(line.startswith("# Lazy imports:") for line in source):
            continue
        for lineno in _function_level_imports(path):
            here, before = source[lineno - 1], source[lineno - 2] if lineno > 1 else ""
            if "#" not in here and not before.strip().startswith("#"):
                silent.append(f"{path.relative_to(PACKAGE.parent)}:{lineno}: {here.strip()}")
    assert silent == []


if __name__ == "__main__":  # the whole picture: python tests/test_architecture.py
    g = import_graph()
    for c in cycles(g):
        print("cycle:", len(c), c)
    for s, t in [("tui", "drills"), ("tui", "store"), ("domain", "*")]:
        if t == "*":
            print(s, "->", sorted(f"{a} -> {b}" for a, bs in g.items() for b in bs
                                  if _layer(a) == "domain" and _layer(b) != "domain"))
        else:
            print(s, "->", t, arrows(g, s, t))


def test_no_import_cycle():
    # the CLI's group imports its sub-command modules, which share flashdeck.cli.common
    assert cycles(import_graph()) == []


def test_tui_never_imports_the_drills_package():
    # the catalogue, the judge and the results come through services.drills
    assert arrows(import_graph(), "tui", "drills") == []


def test_no_screen_imports_another_screen():
    # screens open one another through the router (tui.navigation); shared dialogs live in
    # tui.dialogs, the drill editor both drill screens build on in tui.drill_editor
    graph = import_graph()
    screens = {m for m in graph if m.startswith("flashdeck.tui.screens.")}
    assert sorted(f"{a} -> {b}" for a in screens for b in graph[a] if b in screens) == []


def test_the_action_registry_and_the_places_reach_no_screen_and_no_app():
    graph = import_graph()
    for start in ("flashdeck.tui.actions", "flashdeck.tui.places", "flashdeck.tui.keymap"):
        reached, todo = set(), [start]
        while todo:
            for target in graph[todo.pop()] - reached:
                reached.add(target)
                todo.append(target)
        assert sorted(m for m in reached if m.startswith("flashdeck.tui.screens") or m == "flashdeck.tui.app"
                      or m == "flashdeck.tui.navigation") == [], start
