"""``govpub check``: load the corpus once, run the rules, report in scope."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .corpus import load_corpus
from .diagnostics import Diagnostic, sort_key
from .errors import Refused, UsageError
from .model import Corpus
from .rules import Context, run_rules
from .scope import Scope, ShardScope


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


def check_corpus(corpus: Corpus, as_of: dt.date, targets: Scope | Iterable[str] | None = None) -> CheckResult:
    """Run every rule on an already loaded corpus; report on ``targets`` (default: all files)."""
    ctx = Context(corpus, as_of, targets)
    diags = sorted(set(run_rules(ctx)), key=sort_key)
    files = sum(1 for s in corpus.sources if ctx.in_scope(s.path))
    return CheckResult(corpus=corpus, diagnostics=diags, files=files)


#: how many findings a refusal lists (the rest: ``govpub check``)
REFUSAL_LINES = 20


def refuse_on_errors(
    corpus: Corpus,
    as_of: dt.date,
    *,
    subject: str,
    consequence: str,
    targets: Scope | Iterable[str] | None = None,
    keep: Callable[[Diagnostic], bool] | None = None,
    error: type[Refused] = Refused,
) -> CheckResult:
    """Check what an output is about to read and refuse (``error``, exit 1) if it has errors.

    The one "check, then refuse" of every command that writes output: ``targets`` limits the
    report to the files the output reads (still judged against the whole corpus), ``keep``
    narrows the errors further (an archive volume: its year's documents only). The message
    reads "<subject>有 N 个错误，<consequence>：" followed by the first findings, one a line,
    as ``path:line: code message``. Returns the check result when there is nothing to refuse."""
    result = check_corpus(corpus, as_of, targets=targets)
    errors = [d for d in result.errors if keep is None or keep(d)]
    if errors:
        lines = [f"  {d.path}:{d.line}: {d.code} {d.message}" for d in errors[:REFUSAL_LINES]]
        if len(errors) > REFUSAL_LINES:
            lines.append(f"  ……另有 {len(errors) - REFUSAL_LINES} 个错误，运行 govpub check 查看全部")
        raise error(f"{subject}有 {len(errors)} 个错误，{consequence}：\n" + "\n".join(lines))
    return result


def check_root(
    root: str | Path, as_of: dt.date, paths: list[str] | None = None, *, jobs: int | None = None
) -> CheckResult:
    """Load ``root`` and check it, or only ``paths`` (judged against the whole corpus).

    A full check of a large corpus is split over ``jobs`` processes (default: one per CPU
    once the corpus has :data:`PARALLEL_MIN_FILES` files); the findings are the same. The
    result's corpus is then the part this process loaded, not the whole corpus.
    """
    targets = None
    if paths:
        if not Path(root).is_dir():
            load_corpus(root)  # raises the usual "root not found" error
        targets = set(resolve_targets(Path(root).resolve(), paths))
        if "" in targets:  # the root itself was named: check everything
            targets = None
    if targets is None:
        if jobs is None:
            jobs = _default_jobs(Path(root))
        if jobs > 1:
            return _check_sharded(Path(root), as_of, jobs)
    # Other regulations' folders are then not read; their slugs still count as existing.
    corpus = load_corpus(root, focus=targets)
    return check_corpus(corpus, as_of, targets)


#: below this many documents and items a full check runs in one process (forking costs more)
PARALLEL_MIN_FILES = 2000


def _default_jobs(root: Path) -> int:
    """``GOVPUB_JOBS`` when set (1 turns the split off), else one per CPU (at most 4) for a
    large corpus."""
    if "fork" not in mp.get_all_start_methods():
        return 1
    wanted = os.environ.get("GOVPUB_JOBS", "").strip()
    if wanted.isdigit() and int(wanted) >= 1:
        return min(int(wanted), 16)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cpus < 2:
        return 1
    count = 0
    for sub in ("content/documents", "content/disclosures"):
        for _dir, _subdirs, files in os.walk(root / sub):
            count += len(files)
            if count >= PARALLEL_MIN_FILES:
                return min(cpus, 4)
    return 1


_SHARD_ARGS: tuple[Path, dt.date, int] | None = None


def _check_shard(index: int) -> tuple[list[Diagnostic], int]:
    root, as_of, count = _SHARD_ARGS
    scope = ShardScope(index, count)
    result = check_corpus(load_corpus(root, focus=scope), as_of, scope)
    return result.diagnostics, result.files


def _check_sharded(root: Path, as_of: dt.date, jobs: int) -> CheckResult:
    """A full check as ``jobs`` shard checks side by side: each process reads its shard in
    full and the rest only for the cross-file facts (as a check of a few files does), and the
    findings are merged. Shard 0 runs in this process."""
    global _SHARD_ARGS
    _SHARD_ARGS = (root, as_of, jobs)
    try:
        with mp.get_context("fork").Pool(jobs - 1) as pool:
            others = pool.map_async(_check_shard, range(1, jobs))
            scope = ShardScope(0, jobs)
            corpus = load_corpus(root, focus=scope)
            mine = check_corpus(corpus, as_of, scope)
            parts = others.get()
    finally:
        _SHARD_ARGS = None
    diags = list(mine.diagnostics)
    files = mine.files
    for d, n in parts:
        diags.extend(d)
        files += n
    return CheckResult(corpus=corpus, diagnostics=sorted(set(diags), key=sort_key), files=files)


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
            raise UsageError(f"{p} 不在语料库根目录 {root} 之内")
        out.append("" if rel == "." else rel)
    return out
