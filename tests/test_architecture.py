"""The house rules of docs/architecture.md, enforced: no module imports from a layer above it,
the outputs are leaves (they never import ``check``, the commands or each other), and the
list of known exceptions only shrinks.

Every module under ``generator/`` is parsed (not imported) and every ``import`` in it counts,
including those inside functions and under ``if TYPE_CHECKING`` (a type-only import is still a
dependency a reader has to understand).
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

#: Layers, lowest first. A module belongs to the longest prefix listed here; it may import its
#: own layer and the layers below. Keep docs/architecture.md in step with this table.
LAYERS: dict[str, int] = {
    # L0 pure text knowledge: imports nothing of ours
    "generator": 0,  # the package itself: its version, nothing else
    "generator.text": 0,
    # L1 plain data and small services every layer may use
    "generator.errors": 1,
    "generator.schema": 1,
    "generator.model": 1,
    # the record of one source file (text, line numbers) that every model object points back
    # to; it imports nothing of ours, and the model needs its type, so it sits with the model
    "generator.corpus.source": 1,
    "generator.fingerprint": 1,
    "generator.gitutil": 1,
    # the office software govpub drives (LibreOffice, the font map): used by the Word writer,
    # the import and doctor alike, it imports nothing else of ours
    "generator.office": 1,
    # L2 reading the corpus, deciding publication, scoping, where outputs may write
    "generator.corpus": 2,
    "generator.publish": 2,
    "generator.scope": 2,
    "generator.outputs": 2,
    # L3 judging the corpus
    "generator.rules": 3,
    "generator.diagnostics": 3,
    "generator.check": 3,
    # L4 outputs: leaves that read a corpus or a public view and write one kind of result
    "generator.site": 4,
    "generator.search": 4,
    "generator.docx": 4,
    "generator.report": 4,
    "generator.importer": 4,
    "generator.newdoc": 4,  # writes one new source file from a template
    "generator.prdiff": 4,  # renders a pull-request comment from git and the corpus
    # L5 what the user runs
    "generator.commands": 5,
    "generator.cli": 5,
    "generator.doctor": 5,
    "generator.__main__": 5,
}

#: The leaves of L4: none may import another, nor ``check``, nor anything above them.
LEAVES = (
    "generator.site",
    "generator.search",
    "generator.docx",
    "generator.report",
    "generator.importer",
    "generator.newdoc",
    "generator.prdiff",
)

#: Modules no output may import even though they are below it (an output never judges the corpus:
#: the command does, once, before calling it).
FORBIDDEN_FOR_LEAVES = ("generator.check",)

#: Known exceptions, each one import (importing module, imported module) that still breaks the
#: rules above. There are none: what the site needs from the other outputs (the search index,
#: the Word files, the annual reports) the command hands it (``generator.site.parts``). The
#: test fails when an entry is no longer needed, so the list can only shrink.
#: Do not add to it: move the shared code down a layer, or let the command pass the result in.
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = path.with_suffix("").relative_to(PACKAGE.parent).parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[str, int]]:
    """Every ``generator`` module ``path`` imports (absolute names), with the line."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not (target == "generator" or target.startswith("generator.")):
                continue
            # ``from . import render`` names a module; ``from .x import y`` names ``x``
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append(
                    (
                        sub
                        if (PACKAGE.parent / sub.replace(".", "/")).with_suffix(".py").exists()
                        or (PACKAGE.parent / sub.replace(".", "/")).is_dir()
                        else target,
                        node.lineno,
                    )
                )
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.split(".")[0] == "generator"]
    return found


def owner(module: str, table) -> str | None:
    """The longest entry of ``table`` that is ``module`` or a package above it."""
    best = None
    for key in table:
        if (module == key or module.startswith(key + ".")) and (best is None or len(key) > len(best)):
            best = key
    return best


def layer(module: str) -> int:
    key = owner(module, LAYERS)
    if key is None:
        raise AssertionError(
            f"{module} has no layer: add it to LAYERS in tests/test_architecture.py and to docs/architecture.md"
        )
    return LAYERS[key]


def problem(importer: str, imported: str) -> str | None:
    """Why ``importer`` may not import ``imported``, or None."""
    if imported == "generator" and importer != "generator":
        return None  # the package itself (its version) is the ground floor
    if layer(imported) > layer(importer):
        return f"imports from a higher layer (L{layer(importer)} → L{layer(imported)})"
    mine, theirs = owner(importer, LEAVES), owner(imported, LEAVES)
    if mine is not None and theirs is not None and mine != theirs:
        return f"one output imports another ({mine} → {theirs}); outputs are leaves"
    if mine is not None and owner(imported, FORBIDDEN_FOR_LEAVES) is not None:
        return "an output checks the corpus itself; the command does, once, before calling it"
    return None


@lru_cache(maxsize=1)
def all_imports() -> tuple[tuple[str, str, str], ...]:
    """(importer, imported, where) for every import of a generator module in the package."""
    edges = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for target, line in imports_of(path):
            edges.append((module_name(path), target, f"{path.relative_to(PACKAGE.parent)}:{line}"))
    return tuple(edges)


def test_every_module_has_a_layer():
    missing = sorted({m for path in PACKAGE.rglob("*.py") if owner(m := module_name(path), LAYERS) is None})
    assert not missing, f"modules without a layer (add them to LAYERS and docs/architecture.md): {missing}"


def test_no_module_imports_from_above_or_across_the_leaves():
    bad = [
        f"{where}: {a} imports {b}: {why}"
        for a, b, where in all_imports()
        if (why := problem(a, b)) is not None and (a, b) not in KNOWN_EXCEPTIONS
    ]
    assert not bad, "imports that break docs/architecture.md:\n" + "\n".join(bad)


def test_known_exceptions_are_still_needed():
    """The list of exceptions only shrinks: an entry that no import needs any more must go."""
    used = {(a, b) for a, b, _ in all_imports() if problem(a, b) is not None}
    stale = sorted(KNOWN_EXCEPTIONS - used)
    assert not stale, f"no longer needed, remove from KNOWN_EXCEPTIONS: {stale}"


def test_the_text_layer_imports_nothing_of_ours():
    bad = [
        f"{where}: {a} imports {b}"
        for a, b, where in all_imports()
        if owner(a, LAYERS) == "generator.text" and owner(b, LAYERS) != "generator.text"
    ]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(
    "importer,imported,expected",
    [
        ("generator.site.pages", "generator.check", "checks the corpus itself"),  # below it, still not allowed
        ("generator.text.slug", "generator.model", "higher layer"),
        ("generator.gitutil", "generator.cli", "higher layer"),
        ("generator.docx.document", "generator.site.render", "one output imports another"),
        ("generator.report", "generator.check", "checks the corpus itself"),
        ("generator.commands.export", "generator.docx", None),
        ("generator.site.build", "generator.site.pages", None),
        ("generator.rules.files", "generator.corpus.annual_data", None),
        ("generator.model", "generator.corpus.source", None),
        ("generator.corpus.loader", "generator.model", None),
    ],
)
def test_the_rules_themselves(importer, imported, expected):
    why = problem(importer, imported)
    if expected is None:
        assert why is None
    else:
        assert why is not None and expected in why


def test_function_level_and_relative_imports_are_seen():
    from generator import cli

    found = {target for target, _ in imports_of(Path(cli.__file__))}
    assert "generator.errors" in found  # a module-level relative import
    path = PACKAGE / "commands" / "report.py"
    found = {target for target, _ in imports_of(path)}
    assert {"generator.site.pages", "generator.docx", "generator.check"} <= found  # inside functions
