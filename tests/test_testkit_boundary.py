"""The product package never imports the test and benchmark tooling (testkit/ is not installed)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


def test_generator_never_imports_testkit():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            found += [
                f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {n}"
                for n in names
                if n == "testkit" or n.startswith("testkit.")
            ]
    assert not found, found
