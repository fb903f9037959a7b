"""``govpub build``: check, generate pages, run MkDocs, add search and feed, swap into place.

The site is built in a temporary folder beside the output and moved into place
only when everything succeeded, so a failed or interrupted build leaves the
previous site untouched.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..check import CheckResult, check_corpus
from ..corpus import load_corpus
from ..model import Corpus
from ..publish import PublicView, public_view
from . import config as site_config
from . import incremental
from .feed import write_feed
from .pages import SiteBuilder, SitePlan


ASSETS = Path(__file__).resolve().parent / "assets"


class BuildRefused(Exception):
    """The corpus has errors, or the configuration cannot be used: nothing was published."""

    def __init__(self, message: str, check: CheckResult | None = None):
        super().__init__(message)
        self.check = check


@dataclass
class BuildResult:
    out_dir: Path
    view: PublicView
    check: CheckResult
    pages: int
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    #: pages MkDocs built in an incremental build (None: a full build)
    rebuilt: list[str] | None = None


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextmanager
def _mkdocs_logging():
    """Silence MkDocs' INFO chatter and collect its warnings."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    old_level, old_handlers, old_prop = logger.level, logger.handlers[:], logger.propagate
    logger.handlers = [handler]
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.handlers, logger.propagate = old_handlers, old_prop
        logger.setLevel(old_level)


@contextmanager
def _source_date(as_of: dt.date):
    """Pin MkDocs' build date (sitemap, gzip headers) so rebuilds are byte-identical."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(as_of.year, as_of.month, as_of.day,
                                                          tzinfo=dt.timezone.utc).timestamp()))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def plan_project(corpus: Corpus, view: PublicView, downloads: bool = False
                 ) -> tuple[SitePlan, SiteBuilder, dict, str]:
    """The pages of ``view`` and the ``mkdocs.yml`` that builds them (as a dict and as text)."""
    builder = SiteBuilder(view, corpus.known_codes())
    builder.view_root = corpus.root
    builder.downloads = downloads
    plan = builder.plan()
    cfg = site_config.make_config(Path(corpus.root), corpus.agency, plan.nav)
    return plan, builder, cfg, site_config.dump(cfg)


def _static_files(plan: SitePlan) -> list[tuple[str, Path]]:
    """Files of the docs folder that are not pages: govpub's assets and attachment files."""
    files = [(f"assets/{p.relative_to(ASSETS).as_posix()}", p) for p in sorted(ASSETS.rglob("*")) if p.is_file()]
    return files + [(target, Path(source)) for target, source in plan.files]


def _write_full_project(plan: SitePlan, config_text: str, project: Path) -> None:
    docs = project / "docs"
    for page in plan.pages:
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.text, encoding="utf-8")
    for target, source in _static_files(plan):
        dest = docs / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
    (project / "mkdocs.yml").write_text(config_text, encoding="utf-8")


def write_project(corpus: Corpus, view: PublicView, project: Path,
                  downloads: bool = False) -> tuple[SitePlan, SiteBuilder]:
    """Write the MkDocs project (mkdocs.yml + docs/) for ``view`` into ``project``."""
    plan, builder, _cfg, text = plan_project(corpus, view, downloads)
    _write_full_project(plan, text, project)
    return plan, builder


def run_mkdocs(project: Path, site_dir: Path, *, dirty: bool = False) -> list[str]:
    """Build ``project`` with MkDocs into ``site_dir``; return MkDocs' warnings. ``dirty``
    builds only the pages whose output is missing (see :mod:`.incremental`)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _mkdocs_logging() as warnings:
        try:
            cfg = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
            if dirty:
                with incremental.fresh_inodes():
                    build(cfg, dirty=True)
            else:
                build(cfg)
        except MkDocsException as exc:
            raise BuildRefused(f"MkDocs 无法生成网站：{exc}") from None
        except yaml.YAMLError as exc:
            raise BuildRefused(f"mkdocs.yml 无法解析：{exc}") from None
    # the dirty build's own caution is about mtime-based rebuilds, which govpub does not rely on
    return [w for w in warnings if not w.startswith("A 'dirty' build is being performed")]


def _check_findings(corpus: Corpus, as_of: dt.date):
    result = check_corpus(corpus, as_of)
    return result.diagnostics, result.files


def _write_search_index(units, out: Path) -> dict:
    from ..search import build_index

    return build_index(units, out).state


def _update_search_index(units, site_dir: Path, state: dict, out: Path) -> tuple[bool, dict]:
    """Update the index in ``site_dir`` in place, or write a new one into ``out``; returns
    (updated in place, new state)."""
    from ..search.build import update_index

    new_state = update_index(units, site_dir, state)
    if new_state is not None:
        return True, new_state
    return False, _write_search_index(units, out)


_BACKGROUND_JOB: tuple | None = None


def _run_background_job():
    fn, args = _BACKGROUND_JOB
    return fn(*args)


class _Background:
    """``fn(*args)`` in a forked process while this one goes on (inline where there is one
    CPU or no fork); the arguments are inherited, not pickled. :meth:`result` waits for it
    and re-raises its exception."""

    def __init__(self, fn, *args, parallel: bool = True):
        global _BACKGROUND_JOB
        self._executor = self._future = None
        self._value = None
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        if parallel and cpus > 1 and "fork" in multiprocessing.get_all_start_methods():
            _BACKGROUND_JOB = (fn, args)
            try:
                self._executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
                # with fork the worker is started inside submit(): it has the job when this returns
                self._future = self._executor.submit(_run_background_job)
            finally:
                _BACKGROUND_JOB = None
        else:
            self._value = fn(*args)

    def result(self):
        if self._future is None:
            return self._value
        try:
            return self._future.result()
        finally:
            self._executor.shutdown(wait=True, cancel_futures=True)


def build_site(root: str | Path, as_of: dt.date, out_dir: str | Path,
               corpus: Corpus | None = None, downloads: bool = True, *, parallel: bool = True,
               incremental_ok: bool = True) -> BuildResult:
    """Build the public site of ``root`` as of ``as_of`` into ``out_dir``.

    The check and the search index are computed in forked processes beside the main work
    (``parallel``); pass False when other threads are running (forking them is unsafe).
    When ``out_dir`` holds the site of an earlier build with the same configuration and
    nothing else touched it, only what changed is rebuilt (:mod:`.incremental`;
    ``incremental_ok=False`` forces a full build). Either way the result is the same."""
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    corpus = corpus or load_corpus(root)
    # the check runs beside the page generation; nothing is published unless it passes
    checking = _Background(_check_findings, corpus, as_of, parallel=parallel)

    def checked() -> CheckResult:
        diagnostics, files = checking.result()
        timings["check"] = time.perf_counter() - t0
        result = CheckResult(corpus=corpus, diagnostics=diagnostics, files=files)
        if result.errors:
            raise BuildRefused(f"语料库有 {len(result.errors)} 个错误，网站没有生成："
                               "请先按 govpub check 的提示修正", result)
        return result

    out_dir = Path(out_dir).resolve()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.build-", dir=out_dir.parent))
    except BaseException:
        checking.result()
        raise
    try:
        project = work / "project"
        site_dir = work / "site"
        t = time.perf_counter()
        try:
            view = public_view(corpus, as_of)
            plan, builder, cfg, cfg_text = plan_project(corpus, view, downloads=downloads)
        except Exception:
            checked()  # a corpus with errors may not even make pages: report the errors
            raise
        key = incremental.build_key(cfg_text, cfg, downloads)
        cache = incremental.SiteCache(out_dir)
        base = cache.base(key) if incremental_ok else None
        statics = _static_files(plan)
        if base is not None:
            site_dir, previous = base
            changes, page_hashes, static_hashes = incremental.write_project_incremental(
                ((page.path, page.text.encode("utf-8")) for page in plan.pages),
                ((rel, src.read_bytes()) for rel, src in statics), cfg_text, project, site_dir, previous)
            rebuilt = sorted(changes.built)
        else:
            previous = rebuilt = None
            _write_full_project(plan, cfg_text, project)
            page_hashes = {page.path: incremental._sha(page.text.encode("utf-8")) for page in plan.pages}
            static_hashes = {rel: incremental._sha(src.read_bytes()) for rel, src in statics}
        timings["pages"] = time.perf_counter() - t
        check = checked()
        if base is not None:  # the check passed: the staging tree may change now
            cache.claim()
            changes.apply(site_dir)
        t = time.perf_counter()
        from .searchunits import search_units

        # The search index does not need MkDocs' output: build it beside MkDocs, on another
        # CPU when there is one, and move it into the site afterwards.
        search_out = work / "search"
        units = search_units(builder)
        if previous is not None and previous.search:
            index = _Background(_update_search_index, units, site_dir, previous.search, search_out,
                                parallel=parallel)
        else:
            index = _Background(_write_search_index, units, search_out, parallel=parallel)
        with _source_date(as_of):
            warnings = run_mkdocs(project, site_dir, dirty=previous is not None)
        timings["mkdocs"] = time.perf_counter() - t
        theme = previous.theme if previous is not None else \
            incremental.theme_files(site_dir, page_hashes, static_hashes)
        result = index.result()
        in_place, search_state = result if isinstance(result, tuple) else (False, result)
        if not in_place:
            shutil.rmtree(site_dir / "search-index", ignore_errors=True)
            os.replace(search_out / "search-index", site_dir / "search-index")
        from ..search.build import copy_assets

        copy_assets(site_dir)
        timings["mkdocs+search"] = time.perf_counter() - t
        feed = site_dir / "feed.xml"
        incremental.unlink(feed)
        write_feed(view, builder, feed)
        download_keys: dict[str, str] = {}
        if downloads:
            t = time.perf_counter()
            from .downloads import write_downloads

            _fresh, download_keys = write_downloads(corpus, view, site_dir,
                                                    previous=previous.downloads if previous else None)
            timings["downloads"] = time.perf_counter() - t
        # whatever a full build would not have written goes (pages no longer public above all)
        expected = {incremental.page_dest(p) for p in page_hashes} | set(static_hashes) | set(theme) \
            | set(incremental.TEMPLATE_OUTPUTS) | set(download_keys) | {"feed.xml"} \
            | {"assets/javascripts/govpub-search.js", "assets/stylesheets/govpub-search.css"}
        files = incremental.sweep(site_dir, expected, owned_prefixes=("search-index/",))
        state = incremental.BuildState(key=key, pages=page_hashes, statics=static_hashes, theme=theme,
                                       downloads=download_keys, search=search_state, files=files)
        cache.publish(site_dir, state)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    timings["total"] = time.perf_counter() - t0
    timings["incremental"] = float(previous is not None)
    return BuildResult(out_dir=out_dir, view=view, check=check, pages=len(plan.pages),
                       warnings=warnings, timings=timings, rebuilt=rebuilt)
