"""``govpub build`` and ``govpub serve``: the site, published only when the check passes.

The site build (:func:`generator.site.build.build_site`) never checks the corpus itself; the
command starts the check in a process of its own beside the page generation and hands the
build a gate (:class:`CheckGate`) that it calls before anything is published.
"""

from __future__ import annotations


def _check_findings(corpus, as_of):
    from ..check import check_corpus

    result = check_corpus(corpus, as_of)
    return result.diagnostics, result.files


class CheckGate:
    """The check of ``corpus``, started in a forked process beside the site build (inline
    without ``parallel``); the build calls it before publishing: it waits for the check and
    refuses (BuildRefused, with the check result) when the corpus has errors."""

    def __init__(self, corpus, as_of, parallel: bool = True):
        from ..site.background import Background

        self.corpus = corpus
        self._job = Background(_check_findings, corpus, as_of, parallel=parallel)

    def __call__(self):
        from ..check import CheckResult
        from ..site.build import BuildRefused

        diagnostics, files = self._job.result()
        result = CheckResult(corpus=self.corpus, diagnostics=diagnostics, files=files)
        if result.errors:
            raise BuildRefused(
                f"语料库有 {len(result.errors)} 个错误，网站没有生成：请先按 govpub check 的提示修正", result
            )
        return result

    def close(self) -> None:
        """Never leave the check process behind (a build that stopped before its gate)."""
        import contextlib

        with contextlib.suppress(BaseException):
            self._job.result()


def build_checked(
    root, as_of, out_dir, *, corpus=None, downloads: bool = True, parallel: bool = True, incremental_ok: bool = True
):
    """``govpub build``: the site of ``root``, published only when the check finds no error
    (the check runs beside the page generation)."""
    from ..corpus import load_corpus
    from ..site.build import build_site
    from .siteparts import default_parts

    corpus = corpus or load_corpus(root)
    gate = CheckGate(corpus, as_of, parallel=parallel)
    try:
        return build_site(
            root,
            as_of,
            out_dir,
            corpus=corpus,
            downloads=downloads,
            parts=default_parts(),
            parallel=parallel,
            incremental_ok=incremental_ok,
            before_publish=gate,
        )
    finally:
        gate.close()
