"""``govpub check``, ``govpub rules`` and ``govpub diff``: read the corpus, print findings."""

from __future__ import annotations

from pathlib import Path

from ..errors import EXIT_FINDINGS, EXIT_OK, UsageError
from . import load


def check(args) -> int:
    """Validate the corpus (or the given files, against the whole corpus): exit 1 on errors."""
    from ..check import check_root
    from ..diagnostics import FORMATTERS

    paths = list(args.paths)
    if args.changed_since:
        from ..gitutil import changed_files

        paths += changed_files(args.root, args.changed_since)
        if not paths:
            print("自该提交以来没有改动语料文件。" if args.format == "text" else FORMATTERS[args.format]([], 0))
            return EXIT_OK
    for p in args.paths:
        if not Path(p).exists() and not (Path(args.root) / p).exists():
            raise UsageError(f"找不到要检查的文件：{p}")
    result = check_root(args.root, args.as_of, paths or None)
    print(FORMATTERS[args.format](result.diagnostics, result.files))
    if result.errors or (args.strict and result.warnings):
        return EXIT_FINDINGS
    return EXIT_OK


def rules(args) -> int:
    """The rule catalogue, or one rule's documentation."""
    from ..rules import RULES
    from ..rules.docs import render_markdown, render_text

    if args.code:
        code = args.code.upper()
        if code not in RULES:
            raise UsageError(f"没有规则 {args.code}：govpub rules 列出全部规则")
        print(render_markdown([RULES[code]]) if args.format == "markdown" else render_text(RULES[code]))
        return EXIT_OK
    if args.format == "markdown":
        print(render_markdown(list(RULES.values())), end="")
    else:
        for r in sorted(RULES.values(), key=lambda r: r.code):
            sev = "错误" if r.severity == "error" else "警告"
            print(f"{r.code}  {sev}  {r.name:<28} {r.summary}")
    return EXIT_OK


def diff(args) -> int:
    """The corpus changes since a git ref, as Markdown for a pull-request comment."""
    from ..gitutil import GitError, verify_ref
    from ..prdiff import pull_request_diff, render_markdown

    corpus = load(args.root)
    try:
        verify_ref(Path(corpus.root), args.since)
        result = pull_request_diff(corpus, args.since)
    except GitError as exc:  # name the option the ref came from
        raise GitError(f"--since {args.since}：{exc}") from None
    print(render_markdown(result))
    return EXIT_OK
