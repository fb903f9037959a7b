"""``govpub check``: load the corpus once, run the rules, report in scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .corpus import load_corpus
from .diagnostics import Diagnostic, sort_key
from .model import Corpus
from .rules import Context, run_rules


@dataclass
class CheckResult:
    corpus: Corpus
    diagnostics: list[Diagnostic]
    files: int

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]


def check_corpus(corpus: Corpus, as_of: dt.date, targets: set[str] | None = None) -> CheckResult:
    """Run every rule on an already loaded corpus."""
    ctx = Context(corpus, as_of, targets)
    diags = sorted(set(run_rules(ctx)), key=sort_key)
    files = sum(1 for s in corpus.sources if ctx.in_scope(s.path))
    return CheckResult(corpus=corpus, diagnostics=diags, files=files)


def check_root(root: str | Path, as_of: dt.date, paths: list[str] | None = None) -> CheckResult:
    """Load ``root`` and check it, or only ``paths`` (judged against the whole corpus)."""
    targets = None
    if paths:
        if not Path(root).is_dir():
            load_corpus(root)  # raises the usual "root not found" error
        targets = set(resolve_targets(Path(root).resolve(), paths))
        if "" in targets:  # the root itself was named: check everything
            targets = None
    # Other regulations' folders are then not read; their slugs still count as existing.
    corpus = load_corpus(root, focus=targets)
    return check_corpus(corpus, as_of, targets)


def resolve_targets(root: Path, paths: list[str]) -> list[str]:
    """Turn command-line paths (relative to cwd or absolute) into root-relative ones."""
    out = []
    for p in paths:
        path = Path(p)
        candidates = [path] if path.is_absolute() else [Path.cwd() / path, root / path]
        rel = None
        for c in candidates:
            try:
                rel = c.resolve().relative_to(root).as_posix()
                break
            except ValueError:
                continue
        if rel is None:
            raise ValueError(f"{p} 不在语料库根目录 {root} 之内")
        out.append("" if rel == "." else rel)
    return out
