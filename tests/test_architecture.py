"""The package keeps the layering that docs/architecture.md describes."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from radon.complexity import cc_visit

from tests.conftest import ROOT

PACKAGE = ROOT / "briefgen"

GROUND = {"_version", "errors", "clock", "reader", "output", "outdir"}
"""Modules at the package root that every stage may use; they import only each other."""

LOWER: dict[str, set[str]] = {
    "ground": set(),
    "model": {"ground"},
    "config": {"ground", "model"},
    "validate": {"ground", "model", "config"},
    "history": {"ground", "model", "config", "validate"},
    "render": {"ground", "model", "config", "validate", "history"},
    "site": {"ground", "model", "config", "validate", "history", "render"},
    "extract": {"ground", "model", "config", "validate"},
    "cli": {"ground", "model", "config", "validate", "history", "render", "site", "extract"},
}
"""What each part of the package may import besides itself (docs/architecture.md)."""

ONLY_CLI = ("click", "rich")
"""Third-party packages only the command line may import."""

MAX_LINES = 500
MAX_COMPLEXITY = 25


@dataclass(frozen=True)
class Import:
    """One import statement: where it is and the module it names."""

    source: Path
    line: int
    target: str


def part_of(module: str) -> str:
    """Return the part of the package (`LOWER` key) that a dotted module name belongs to."""
    parts = module.split(".")
    assert parts[0] == "briefgen", module
    if len(parts) == 1 or parts[1] in {"__init__", "__main__"}:
        return "api"
    name = parts[1]
    if name in GROUND:
        return "ground"
    if name == "policy":
        return "config"
    return name


def module_name(path: Path) -> str:
    """Return the dotted module name of a file in the package."""
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[Import]:
    """Return every import in a file, those inside functions and TYPE_CHECKING blocks too."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    return imports_in(path.read_text(encoding="utf-8"), package, path)


def imports_in(source: str, package: list[str], path: Path) -> list[Import]:
    """Return every import in source code read as a module of `package`."""
    found: list[Import] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Import(path, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from briefgen import clock` names a module; `from x import name` names x.
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                is_module = (ROOT / (candidate.replace(".", "/") + ".py")).is_file() or (
                    ROOT / candidate.replace(".", "/") / "__init__.py"
                ).is_file()
                found.append(Import(path, node.lineno, candidate if is_module else base))
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_the_walker_sees_the_whole_package() -> None:
    parts = {part_of(module_name(p)) for p in SOURCES}
    assert parts == set(LOWER) | {"api"}, "a new top-level part needs a row in LOWER"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_go_one_way(path: Path) -> None:
    here = part_of(module_name(path))
    if here == "api":
        return
    wrong = []
    for found in imports_of(path):
        top = found.target.split(".")[0]
        if top in ONLY_CLI and here != "cli":
            wrong.append(f"{found.line}: {found.target} (only cli/ may use {top})")
        if top != "briefgen":
            continue
        there = part_of(found.target)
        if there != here and there not in LOWER[here]:
            wrong.append(f"{found.line}: {found.target} ({here} may not import {there})")
    assert not wrong, f"{path.relative_to(ROOT)}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines; split it by meaning"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_functions_stay_simple(path: Path) -> None:
    # radon lists methods beside the functions; classes carry their methods again.
    functions = [b for b in cc_visit(path.read_text(encoding="utf-8")) if not hasattr(b, "methods")]
    complex_ = [
        f"{f.lineno}: {f.name} (complexity {f.complexity})"
        for f in functions
        if f.complexity > MAX_COMPLEXITY
    ]
    assert not complex_, f"{path.relative_to(ROOT)}:\n" + "\n".join(complex_)


def test_the_walker_reads_relative_and_aliased_imports() -> None:
    assert part_of("briefgen.policy") == "config"
    assert part_of("briefgen.site.pages") == "site"
    assert part_of("briefgen") == "api"
    source = (
        "from briefgen import clock, __version__\n"
        "from . import diff\n"
        "from ..render import html as shown\n"
        "def later() -> None:\n"
        "    import briefgen.site.pages\n"
    )
    found = [i.target for i in imports_in(source, ["briefgen", "history"], Path("x.py"))]
    assert found == [
        "briefgen.clock",
        "briefgen",
        "briefgen.history.diff",
        "briefgen.render.html",
        "briefgen.site.pages",
    ]
