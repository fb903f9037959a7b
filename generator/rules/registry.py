"""The rule catalogue: every code, its documentation and the one function that checks it.

A rule is declared once, next to its check::

    @rule("N003", "error", "padded-sequence",
          summary="发文字号的顺序号编了虚位",
          why="……", wrong="number: 区建发〔2025〕012号", right="number: 区建发〔2025〕12号")
    def padded_sequence(ctx, r):
        for doc in ctx.documents():
            ...
            yield r.at(doc.path, line, "……")

``govpub rules`` prints the catalogue from these declarations, and
``docs/rules.md`` is generated from it, so code and documentation cannot drift.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterable, Iterator

from ..diagnostics import ERROR, WARNING, Diagnostic
from ..model import Corpus, DisclosureItem, Document, Regulation, Version
from ..corpus.source import Source
from ..scope import Scope, as_scope

CheckFn = Callable[["Context", "Rule"], Iterable[Diagnostic]]

#: Findings of one rule in one file before the rest are only counted.
MAX_FINDINGS_PER_FILE = 50


@dataclass
class Rule:
    code: str
    severity: str
    name: str
    summary: str
    why: str
    wrong: str
    right: str
    check: CheckFn | None = None

    def at(self, path: str, line: int, message: str, severity: str | None = None) -> Diagnostic:
        """A finding of this rule at ``path``:``line``."""
        return Diagnostic(path=path, line=max(1, int(line or 1)), code=self.code,
                          severity=severity or self.severity, message=message)

    def capped(self, path: str, findings: Iterable[tuple[int, str]],
               limit: int = MAX_FINDINGS_PER_FILE) -> Iterator[Diagnostic]:
        """At most ``limit`` findings of one file, then one that counts the rest.

        A pasted or hostile file can repeat one problem on every line; a
        thousand identical annotations help nobody.
        """
        rest, rest_line = 0, None
        for n, (line, message) in enumerate(findings, 1):
            if n <= limit:
                yield self.at(path, line, message)
            else:
                rest += 1
                rest_line = rest_line or line
        if rest:
            yield self.at(path, rest_line,
                          f"本文件从第 {rest_line} 行起另有 {rest} 处同类问题未逐一列出：请通查全文后一并修改")


RULES: dict[str, Rule] = {}


def rule(code: str, severity: str, name: str, *, summary: str, why: str, wrong: str,
         right: str) -> Callable[[CheckFn], CheckFn]:
    """Declare a rule and register its check function."""
    if severity not in (ERROR, WARNING):
        raise ValueError(severity)

    def decorate(fn: CheckFn) -> CheckFn:
        if code in RULES:
            raise ValueError(f"rule {code} declared twice")
        RULES[code] = Rule(code, severity, name, summary.strip(), why.strip(),
                           wrong.strip("\n"), right.strip("\n"), fn)
        return fn

    return decorate


class Context:
    """What a check may read: the corpus, the date, the files in scope, shared indexes.

    Indexes are built lazily and once, so the cross-file rules stay linear in
    the number of files whichever subset of rules runs.
    """

    def __init__(self, corpus: Corpus, as_of: dt.date, targets: "Scope | Iterable[str] | None" = None):
        self.corpus = corpus
        self.as_of = as_of
        #: the files judged (generator.scope); None: all of them
        self.scope = as_scope(targets)
        self._memo: dict[tuple[str, str], object] = {}
        self._in_scope: dict[str, bool] = {}

    def memo(self, kind: str, src: Source, compute: Callable[[Source], object]):
        """``compute(src)``, computed once per source for rules that share it."""
        key = (kind, src.path)
        if key not in self._memo:
            self._memo[key] = compute(src)
        return self._memo[key]

    # -- scope ------------------------------------------------------------

    def in_scope(self, path: str) -> bool:
        if self.scope is None:
            return True
        hit = self._in_scope.get(path)
        if hit is None:
            hit = self._in_scope[path] = path in self.scope
        return hit

    @cached_property
    def _documents(self) -> list[Document]:
        return [d for d in self.corpus.documents if d.source.meta is not None and self.in_scope(d.path)]

    def sources(self) -> Iterator[Source]:
        return (s for s in self.corpus.sources if self.in_scope(s.path))

    def documents(self) -> Iterator[Document]:
        """Documents in scope whose front matter could be read."""
        return iter(self._documents)

    def disclosures(self) -> Iterator[DisclosureItem]:
        return (i for i in self.corpus.disclosures if i.source.meta is not None and self.in_scope(i.path))

    def regulations(self) -> Iterator[Regulation]:
        """Regulations any of whose files is in scope."""
        for reg in self.corpus.regulations.values():
            paths = [v.path for v in reg.versions] + ([reg.source.path] if reg.source else [])
            if any(self.in_scope(p) for p in paths) or self.in_scope(f"regulations/{reg.slug}"):
                yield reg

    def versions(self) -> Iterator[Version]:
        for reg in self.corpus.regulations.values():
            for v in reg.versions:
                if v.source.meta is not None and self.in_scope(v.path):
                    yield v

    # -- shared indexes -----------------------------------------------------

    @cached_property
    def docs_by_number(self):
        return self.corpus.documents_by_number()

    @cached_property
    def numbers_in_corpus(self) -> set[str]:
        """Canonical strings of every document number in the corpus."""
        return {str(n) for n in self.docs_by_number}

    @cached_property
    def register_paths(self) -> frozenset[str]:
        """Paths of classified register entries: never published text, never scanned as such."""
        return frozenset(d.path for d in self.corpus.documents if d.is_register_entry)

    @cached_property
    def known_codes(self) -> list[str]:
        return self.corpus.known_codes()

    @cached_property
    def parsed_versions(self) -> "_ParsedVersions":
        """Parsed structure of regulation versions, by path: each parsed once, when first asked."""
        return _ParsedVersions({v.path: v for v in self.corpus.versions if v.source.meta is not None})


class _ParsedVersions:
    """A read-only mapping path → ParsedRegulation that parses on first access."""

    def __init__(self, versions: dict[str, Version]):
        self._versions = versions
        self._parsed: dict[str, object] = {}

    def get(self, path: str, default=None):
        if path not in self._versions:
            return default
        if path not in self._parsed:
            from ..text.articles import parse_regulation

            self._parsed[path] = parse_regulation(self._versions[path].source.body)
        return self._parsed[path]

    def __getitem__(self, path: str):
        if path not in self._versions:
            raise KeyError(path)
        return self.get(path)

    def __contains__(self, path: str) -> bool:
        return path in self._versions


def run_rules(ctx: Context, codes: Iterable[str] | None = None) -> list[Diagnostic]:
    """Run the checks (all, or the given codes) and return findings in scope."""
    out: list[Diagnostic] = []
    for code, r in sorted(RULES.items()):
        if codes is not None and code not in codes:
            continue
        if r.check is None:
            continue
        for d in r.check(ctx, r):
            if ctx.in_scope(d.path):
                out.append(d)
    return out


def body_sources(ctx: Context) -> Iterator[Source]:
    """Sources in scope whose body is published text: documents (not register
    entries), regulation versions and disclosure items."""
    secret = ctx.register_paths
    for src in ctx.sources():
        if src.kind in ("document", "version", "disclosure", "page") and src.text is not None \
                and src.path not in secret:
            yield src
