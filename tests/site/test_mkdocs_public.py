"""govpub uses MkDocs and Material through their public interface only: no name with a
leading underscore is imported from them or read off them, and nothing of theirs is replaced
(a MkDocs or Material release cannot break the build silently, and the project can move)."""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parents[2] / "generator"
LIBRARIES = ("mkdocs", "material")


def _from_library(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] in LIBRARIES


def _root(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bound: set[str] = set()  # names in this module that are MkDocs/Material modules or objects
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _from_library(alias.name):
                    bound.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and _from_library(node.module):
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"{path.name}:{node.lineno}: imports {node.module}.{alias.name}")
                bound.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _root(node) in bound:
            if node.attr.startswith("_") and not node.attr.startswith("__"):
                found.append(f"{path.name}:{node.lineno}: uses private {node.attr}")
            if isinstance(node.ctx, (ast.Store, ast.Del)):
                found.append(f"{path.name}:{node.lineno}: replaces {ast.unparse(node)}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "setattr"
            and node.args
            and _root(node.args[0]) in bound
        ):
            found.append(f"{path.name}:{node.lineno}: replaces an attribute of {ast.unparse(node.args[0])}")
    return found


def test_mkdocs_and_material_are_used_through_their_public_interface():
    problems = [p for path in sorted(GENERATOR.rglob("*.py")) for p in _problems(path)]
    assert problems == []


def test_the_check_finds_what_it_looks_for(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from mkdocs.commands import build as b\nfrom mkdocs.structure.files import File\n"
        "b._build_theme_template = None\nFile.is_modified = lambda self: True\n"
        "from mkdocs.utils import _x\n",
        encoding="utf-8",
    )
    found = _problems(bad)
    assert len(found) == 4, found
