"""The shape of the package: small modules, arrows pointing down, no private reach, no shadowing.

These are the redesign's rules (issue #13) kept as tests, so a later change cannot quietly undo them.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil

import pytest

import articlediff

from .conftest import ROOT

PACKAGE = ROOT / "articlediff"
MAX_LINES = 600

#: Each top-level module or subpackage, lowest first: a module may import only those of a lower
#: layer (and its own subpackage's modules). The one arrow up allowed is the lazy import of render
#: by the result object (``Comparison.to_html``), so plain use never loads jinja2.
LAYERS: list[set[str]] = [
    {"errors", "version", "lexicon", "kernels"},
    {"embed"},
    {"normalize", "options", "order"},
    {"segment", "profile", "worddiff", "loader"},
    {"graded", "model"},
    {"paraphrase", "signals", "align"},
    {"prepared"},
    {"classify"},
    {"assemble"},
    {"pipeline"},
    {"render"},
    {"syndication"},
    {"cli"},
    {"__init__", "__main__"},
]
RANK = {name: n for n, layer in enumerate(LAYERS) for name in layer}
LAZY_UP = {("model", "render")}


def modules() -> list[tuple[str, ast.Module]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        out.append((".".join(rel.parts), ast.parse(path.read_text("utf-8"))))
    return out


def imports(name: str, tree: ast.Module) -> list[tuple[str, list[str], bool]]:
    """``(module imported, names taken, inside a function)`` for each import of an articlediff module."""
    package = name.split(".")[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1] if node.level > 1 else package
            target = ".".join([*base, node.module] if node.module else base)
            found.append((target, [a.name for a in node.names], node))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("articlediff"):
            found.append((node.module.removeprefix("articlediff").lstrip("."), [a.name for a in node.names], node))
    lazy = {
        id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in ast.walk(f)
    }
    return [(target, names, id(node) in lazy) for target, names, node in found]


def top(dotted: str) -> str:
    return dotted.split(".")[0] if dotted else "__init__"


def test_no_module_is_oversized():
    sizes = {p.relative_to(ROOT).as_posix(): len(p.read_text("utf-8").splitlines()) for p in PACKAGE.rglob("*.py")}
    assert {p: n for p, n in sizes.items() if n > MAX_LINES} == {}


def test_every_module_has_a_layer():
    names = {top(name) for name, _ in modules()}
    assert names - set(RANK) == set(), "add the new module to LAYERS"


def test_arrows_point_down():
    wrong = []
    for name, tree in modules():
        me = top(name)
        for target, _, lazy in imports(name, tree):
            other = top(target)
            if other == me or (lazy and (me, other) in LAZY_UP):
                continue
            if RANK[other] >= RANK[me]:
                wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_no_import_of_another_modules_private_name():
    wrong = []
    for name, tree in modules():
        for target, names, _ in imports(name, tree):
            if top(target) == top(name) and "." in name:
                continue  # inside one subpackage its modules share what they like
            private = [n for n in names if n.startswith("_") and not n.endswith("__")]
            wrong.extend(f"{name}: from {target} import {n}" for n in private)
    assert wrong == []


@pytest.mark.parametrize(
    "info", [i for i in pkgutil.iter_modules(articlediff.__path__) if i.name != "__main__"], ids=lambda i: i.name
)
def test_no_public_name_shadows_a_module(info):
    module = importlib.import_module(f"articlediff.{info.name}")
    attr = getattr(articlediff, info.name)
    assert attr is module, f"articlediff.{info.name} is {attr!r}, not the module"


def test_all_is_sorted_and_complete():
    assert articlediff.__all__ == sorted(articlediff.__all__)
    assert all(hasattr(articlediff, name) for name in articlediff.__all__)
