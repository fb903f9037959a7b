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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Literal, TypeVar

from ..corpus.source import Source
from ..diagnostics import ACKNOWLEDGED, ERROR, WARNING, Diagnostic, Severity
from ..model import Corpus, DisclosureItem, Document, Regulation, Version
from ..schema import Acknowledgement, FileKind
from ..scope import Scope, as_scope
from ..text.docnumber import DocNumber

if TYPE_CHECKING:
    from ..text.articles import ParsedRegulation

#: ``check(ctx, rule)``; a ``post`` check is called as ``check(ctx, rule, findings)``
CheckFn = Callable[..., Iterable[Diagnostic]]
_Check = TypeVar("_Check", bound=CheckFn)
_T = TypeVar("_T")


class Stage(StrEnum):
    """When a rule runs."""

    MAIN = "main"
    #: after all other rules, with their findings (K001)
    POST = "post"


#: Findings of one rule in one file before the rest are only counted.
MAX_FINDINGS_PER_FILE = 50


@dataclass
class Rule:
    code: str
    severity: Severity
    name: str
    summary: str
    why: str
    wrong: str
    right: str
    check: CheckFn | None = None
    #: "post" rules run after all others and receive their findings (K001)
    stage: Stage = Stage.MAIN

    def at(self, path: str, line: int | None, message: str, severity: Severity | None = None) -> Diagnostic:
        """A finding of this rule at ``path``:``line``."""
        return Diagnostic(
            path=path, line=max(1, int(line or 1)), code=self.code, severity=severity or self.severity, message=message
        )

    def capped(
        self, path: str, findings: Iterable[tuple[int, str]], limit: int = MAX_FINDINGS_PER_FILE
    ) -> Iterator[Diagnostic]:
        """At most ``limit`` findings of one file, then one that counts the rest.

        A pasted or hostile file can repeat one problem on every line; a
        thousand identical annotations help nobody.
        """
        rest, rest_line = 0, 0
        for n, (line, message) in enumerate(findings, 1):
            if n <= limit:
                yield self.at(path, line, message)
            else:
                rest += 1
                rest_line = rest_line or line
        if rest:
            yield self.at(
                path, rest_line, f"本文件从第 {rest_line} 行起另有 {rest} 处同类问题未逐一列出：请通查全文后一并修改"
            )


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    severity: Severity | Literal["error", "warning"],
    name: str,
    *,
    summary: str,
    why: str,
    wrong: str,
    right: str,
    stage: Stage | Literal["main", "post"] = Stage.MAIN,
) -> Callable[[_Check], _Check]:
    """Declare a rule and register its check function.

    A ``stage="post"`` check is called as ``check(ctx, rule, findings)`` after every other
    rule has run, with their findings (before acknowledgements are applied)."""
    if severity not in (ERROR, WARNING):
        raise ValueError(severity)
    if stage not in tuple(Stage):
        raise ValueError(stage)

    def decorate(fn: _Check) -> _Check:
        if code in RULES:
            raise ValueError(f"rule {code} declared twice")
        RULES[code] = Rule(
            code,
            Severity(severity),
            name,
            summary.strip(),
            why.strip(),
            wrong.strip("\n"),
            right.strip("\n"),
            fn,
            Stage(stage),
        )
        return fn

    return decorate


class Context:
    """What a check may read: the corpus, the date, the files in scope, shared indexes.

    Indexes are built lazily and once, so the cross-file rules stay linear in
    the number of files whichever subset of rules runs.
    """

    def __init__(self, corpus: Corpus, as_of: dt.date, targets: Scope | Iterable[str] | None = None):
        self.corpus = corpus
        self.as_of = as_of
        #: the files judged (generator.scope); None: all of them
        self.scope = as_scope(targets)
        self._memo: dict[tuple[str, str], object] = {}
        self._in_scope: dict[str, bool] = {}

    def memo(self, kind: str, src: Source, compute: Callable[[Source], _T]) -> _T:
        """``compute(src)``, computed once per source for rules that share it."""
        key = (kind, src.path)
        if key not in self._memo:
            self._memo[key] = compute(src)
        return self._memo[key]  # type: ignore[return-value]  # stored by this kind's compute

    def once(self, kind: str, key: str, compute: Callable[[], _T]) -> _T:
        """``compute()``, computed once per ``(kind, key)`` for rules that share it."""
        memo_key = (kind, key)
        if memo_key not in self._memo:
            self._memo[memo_key] = compute()
        return self._memo[memo_key]  # type: ignore[return-value]  # stored by this kind's compute

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
    def docs_by_number(self) -> dict[DocNumber, list[Document]]:
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
    def parsed_versions(self) -> _ParsedVersions:
        """Parsed structure of regulation versions, by path: each parsed once, when first asked."""
        return _ParsedVersions({v.path: v for v in self.corpus.versions if v.source.meta is not None})


class _ParsedVersions:
    """A read-only mapping path → ParsedRegulation that parses on first access."""

    def __init__(self, versions: dict[str, Version]):
        self._versions = versions
        self._parsed: dict[str, ParsedRegulation] = {}

    def get(self, path: str, default: ParsedRegulation | None = None) -> ParsedRegulation | None:
        if path not in self._versions:
            return default
        if path not in self._parsed:
            from ..text.articles import parse_regulation

            self._parsed[path] = parse_regulation(self._versions[path].source.body)
        return self._parsed[path]

    def __getitem__(self, path: str) -> ParsedRegulation:
        if path not in self._versions:
            raise KeyError(path)
        parsed = self.get(path)
        assert parsed is not None
        return parsed

    def __contains__(self, path: str) -> bool:
        return path in self._versions


def run_rules(ctx: Context, codes: Iterable[str] | None = None) -> list[Diagnostic]:
    """Run the checks (all, or the given codes) and return findings in scope, with the
    findings a file acknowledges (SPEC §7.2) marked ``acknowledged``."""
    out: list[Diagnostic] = []
    post: list[tuple[Rule, CheckFn]] = []
    for code, r in sorted(RULES.items()):
        if codes is not None and code not in codes:
            continue
        if r.check is None:
            continue
        if r.stage == Stage.POST:
            post.append((r, r.check))
            continue
        for d in r.check(ctx, r):
            if ctx.in_scope(d.path):
                out.append(d)
    for r, check in post:
        for d in check(ctx, r, list(out)):
            if ctx.in_scope(d.path):
                out.append(d)
    return apply_acknowledgements(ctx, out)


# -- acknowledged findings (SPEC §7.2) ---------------------------------------------

#: Families that can never be acknowledged: secrecy, privacy and unsafe content.
NEVER_ACKNOWLEDGED = ("X",)


def acknowledgements(ctx: Context) -> dict[str, list[Acknowledgement]]:
    """path → the ``acknowledged`` entries of the documents and versions in scope."""
    found: dict[str, list[Acknowledgement]] = {}
    for doc in ctx.documents():
        if doc.acknowledged:
            found[doc.path] = doc.acknowledged
    for ver in ctx.versions():
        if ver.acknowledged:
            found[ver.path] = ver.acknowledged
    return found


def acknowledgement_problem(ack: Acknowledgement) -> str | None:
    """Why an entry cannot acknowledge anything (reported as F004/F005), or None."""
    if ack.code.startswith(NEVER_ACKNOWLEDGED):
        return "never"
    if ack.code not in RULES:
        return "unknown"
    if not ack.reason.strip():
        return "reason"
    return None


def apply_acknowledgements(ctx: Context, findings: list[Diagnostic]) -> list[Diagnostic]:
    """Mark each finding whose file acknowledges its code as ``acknowledged`` (the reason
    appended to the message), and report entries that cannot acknowledge: no reason (F004),
    an X-code or an unknown code (F005). An X finding is never acknowledged."""
    acks = acknowledgements(ctx)
    if not acks:
        return findings
    usable: dict[tuple[str, str], str] = {}
    problems: list[Diagnostic] = []
    for path, entries in acks.items():
        for ack in entries:
            problem = acknowledgement_problem(ack)
            if problem is None:
                usable.setdefault((path, ack.code), ack.reason.strip())
            elif problem == "reason" and "F004" in RULES:
                problems.append(
                    RULES["F004"].at(
                        path,
                        ack.line,
                        f"acknowledged 中确认 {ack.code} 的一项缺少 reason：请写明为什么接受这一问题"
                        "（如“原文印发时即缺第十条，以印发文本为准”），没有理由的确认不生效",
                    )
                )
            elif problem == "never" and "F005" in RULES:
                problems.append(
                    RULES["F005"].at(
                        path,
                        ack.line,
                        f"{ack.code} 不能确认：X 类问题（涉密、个人信息、不安全内容）必须改正，"
                        "不能以 acknowledged 放行。请删除这一项并改正文件",
                    )
                )
            elif problem == "unknown" and "F005" in RULES:
                problems.append(
                    RULES["F005"].at(
                        path, ack.line, f"acknowledged 中的 code“{ack.code}”不是规则代码：govpub rules 列出全部规则"
                    )
                )
    out = []
    for d in findings:
        reason = usable.get((d.path, d.code))
        if reason is not None and d.severity != ACKNOWLEDGED:
            d = Diagnostic(
                path=d.path, line=d.line, code=d.code, severity=ACKNOWLEDGED, message=f"{d.message}（已确认：{reason}）"
            )
        out.append(d)
    return out + problems


_BODY_KINDS = frozenset((FileKind.DOCUMENT, FileKind.VERSION, FileKind.DISCLOSURE, FileKind.PAGE))


def body_sources(ctx: Context) -> Iterator[Source]:
    """Sources in scope whose body is published text: documents (not register
    entries), regulation versions and disclosure items."""
    secret = ctx.register_paths
    for src in ctx.sources():
        if src.kind in _BODY_KINDS and src.text is not None and src.path not in secret:
            yield src
