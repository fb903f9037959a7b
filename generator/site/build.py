"""``govpub build``: check, generate pages, run MkDocs, add search and feed, swap into place.

The site is built in a temporary folder beside the output and moved into place
only when everything succeeded, so a failed or interrupted build leaves the
previous site untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import multiprocessing
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..check import CheckResult, check_corpus
from ..corpus import load_corpus
from ..errors import Refused
from ..model import Corpus
from ..outputs import MARKER, guard_dir, write_marker
from ..publish import PublicView, public_view
from . import config as site_config
from . import incremental
from .feed import write_feed
from .pages import SiteBuilder, SitePlan
from .website import annual_reports, write_data_files
from .searchunits import search_units


ASSETS = Path(__file__).resolve().parent / "assets"


class BuildRefused(Refused):
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
    epoch = int(dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc).timestamp())
    # gzip headers hold the time as an unsigned 32-bit number (1970 to 2106)
    os.environ["SOURCE_DATE_EPOCH"] = str(min(max(epoch, 0), 2**32 - 1))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def site_builder(corpus: Corpus, view: PublicView, downloads: bool = False
                 ) -> tuple[SiteBuilder, dict, str]:
    """The page builder for ``view`` and the ``mkdocs.yml`` of its site (as a dict and as
    text); the pages themselves are made by ``builder.plan()``."""
    builder = SiteBuilder(view, corpus.known_codes())
    builder.view_root = corpus.root
    builder.downloads = downloads
    builder.attachment_sources = corpus.attachments
    annual_reports(corpus, view, builder, downloads)
    reviewed = corpus.site_config
    cfg = site_config.make_config(Path(corpus.root), corpus.agency, builder.nav(), reviewed)
    if reviewed is not None:
        builder.extra_files = [(target, str(Path(corpus.root) / src)) for target, src in reviewed.files]
    return builder, cfg, site_config.dump(cfg)


def plan_project(corpus: Corpus, view: PublicView, downloads: bool = False
                 ) -> tuple[SitePlan, SiteBuilder, dict, str]:
    """The pages of ``view`` and the ``mkdocs.yml`` that builds them (as a dict and as text)."""
    builder, cfg, text = site_builder(corpus, view, downloads)
    return builder.plan(), builder, cfg, text


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


#: a full build of at least this many pages runs MkDocs in one process per CPU (at most
#: :data:`MAX_MKDOCS_WORKERS`), each building its share of the pages into the same folder
SPLIT_MIN_PAGES = 1000
MAX_MKDOCS_WORKERS = 4


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_mkdocs(project: Path, site_dir: Path, *, dirty: bool = False, parallel: bool = False,
               info: dict | None = None) -> list[str]:
    """Build ``project`` with MkDocs into ``site_dir``; return MkDocs' warnings. ``dirty``
    builds only the pages whose output is missing (see :mod:`.incremental`); ``parallel``
    lets a full build of a large site use every CPU (:func:`_build_share`)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = str(project / "mkdocs.yml")
    pages = sorted(p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md"))
    workers = min(_cpus(), MAX_MKDOCS_WORKERS) if parallel and not dirty and len(pages) >= SPLIT_MIN_PAGES \
        and "fork" in multiprocessing.get_all_start_methods() else 1
    if info is not None:
        info["workers"] = workers
    with _mkdocs_logging() as warnings:
        try:
            if dirty:
                cfg = load_config(config_file=config_file, site_dir=str(site_dir))
                with incremental.fresh_inodes():
                    build(cfg, dirty=True)
            elif workers > 1:
                # Pages are dealt out in turn, so every share has its part of the big ones.
                others = [_Background(_build_share, config_file, str(site_dir), frozenset(pages[k::workers]),
                                      False) for k in range(1, workers)]
                try:
                    warnings.extend(_build_share(config_file, str(site_dir), frozenset(pages[0::workers]), True))
                    for other in others:
                        warnings.extend(other.result())
                finally:
                    for other in others:
                        other.cancel()
            else:
                build(load_config(config_file=config_file, site_dir=str(site_dir)))
        except MkDocsException as exc:
            raise BuildRefused(f"MkDocs 无法生成网站：{exc}") from None
        except yaml.YAMLError as exc:
            raise BuildRefused(f"mkdocs.yml 无法解析：{exc}") from None
    # the dirty build's own caution is about mtime-based rebuilds, which govpub does not rely on
    return [w for w in warnings if not w.startswith("A 'dirty' build is being performed")]


def _build_share(config_file: str, site_dir: str, share: frozenset[str], first: bool) -> list[str]:
    """One process's part of a full build: MkDocs in its dirty mode into an empty folder, told
    that only the pages in ``share`` need building (and, in the ``first`` process only, the
    theme and docs files and the 404 page and sitemap). Every process reads the whole project,
    so navigation, links and the sitemap are those of the whole site; each page is written by
    exactly one process, as a single build would write it (the tests compare the two).
    Returns MkDocs' warnings."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.structure.files import File

    def is_modified(file: File) -> bool:
        return file.src_uri in share if file.is_documentation_page() else first

    saved = File.is_modified, mkdocs_build._build_theme_template, mkdocs_build._build_extra_template
    File.is_modified = is_modified
    if not first:
        mkdocs_build._build_theme_template = mkdocs_build._build_extra_template = lambda *a, **k: None
    try:
        with _mkdocs_logging() as warnings:
            mkdocs_build.build(load_config(config_file=config_file, site_dir=site_dir), dirty=True)
        return list(warnings)
    finally:
        File.is_modified, mkdocs_build._build_theme_template, mkdocs_build._build_extra_template = saved


def _check_findings(corpus: Corpus, as_of: dt.date):
    result = check_corpus(corpus, as_of)
    return result.diagnostics, result.files


def _write_search_index(units, out: Path) -> tuple[bool, dict]:
    """Write a new index into ``out``; returns (False: not in the site yet, its state)."""
    from ..search import build_index

    return False, build_index(units, out).state


def _update_search_index(units, site_dir: Path, state: dict | None, out: Path) -> tuple[bool, dict]:
    """Update the index in ``site_dir`` in place, or write a new one into ``out``; returns
    (updated in place, new state)."""
    from ..search.build import update_index

    new_state = update_index(units, site_dir, state) if state else None
    if new_state is not None:
        return True, new_state
    return _write_search_index(units, out)


def _background_child(send, fn, args) -> None:
    try:
        value = (True, fn(*args))
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which re-raises it
        value = (False, exc)
    try:
        send.send(value)
    except Exception as exc:  # an unpicklable result or exception
        send.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        send.close()


class _Background:
    """``fn(*args)`` in a forked process while this one goes on (inline where there is one
    CPU or no fork); the arguments are inherited, not pickled. :meth:`result` waits for it
    and re-raises its exception; :meth:`cancel` stops it (a build that is refused does not
    wait for its search index)."""

    def __init__(self, fn, *args, parallel: bool = True):
        self._proc = self._recv = None
        self._value = None
        if parallel and _cpus() > 1 and "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            self._recv, send = ctx.Pipe(duplex=False)
            self._proc = ctx.Process(target=_background_child, args=(send, fn, args), daemon=True)
            # Objects the garbage collector has frozen are not visited by it in the child, so
            # their pages stay shared with this process instead of being copied (system time).
            gc.freeze()
            try:
                self._proc.start()
            finally:
                gc.unfreeze()
            send.close()
        else:
            self._value = fn(*args)

    def result(self):
        if self._proc is None:
            return self._value
        try:
            ok, payload = self._recv.recv()
        except EOFError:
            ok, payload = False, RuntimeError(f"a background process of the build ended with exit code "
                                              f"{self._proc.exitcode}")
        finally:
            self._recv.close()
            self._proc.join()
        self._proc = None
        if not ok:
            raise payload
        self._value = payload
        return payload

    def cancel(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.join()
            self._recv.close()
            self._proc = None


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

    try:
        cache = incremental.SiteCache(Path(os.path.realpath(os.path.abspath(out_dir))))
        out_dir = guard_dir(out_dir, corpus.root, "site", recognise=cache.recognise)
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with cache.locked():
            cache.recover()
            guard_dir(out_dir, corpus.root, "site", recognise=cache.recognise)  # as recovered
            return _build_locked(corpus, as_of, out_dir, cache, downloads, parallel, incremental_ok,
                                 checking, checked, timings, t0)
    except BaseException:
        with contextlib.suppress(BaseException):  # never leave the check process behind
            checking.result()
        raise


def _build_locked(corpus: Corpus, as_of: dt.date, out_dir: Path, cache: "incremental.SiteCache",
                  downloads: bool, parallel: bool, incremental_ok: bool, checking: "_Background",
                  checked, timings: dict, t0: float) -> BuildResult:
    """:func:`build_site` once it holds the output folder's lock."""
    work = Path(tempfile.mkdtemp(prefix=cache.work_prefix(), dir=out_dir.parent))
    jobs: list[_Background] = []  # stopped if the build does not finish: they write into `work`
    try:
        project = work / "project"
        site_dir = work / "site"
        t = time.perf_counter()
        try:
            view = public_view(corpus, as_of)
            builder, cfg, cfg_text = site_builder(corpus, view, downloads=downloads)
            key = incremental.build_key(cfg_text, cfg, downloads)
            search_out = work / "search"
            base = cache.base(key) if incremental_ok else None
            if base is None:
                # A new search index needs only the pages' data: start it first, beside the rest.
                index = _Background(_write_search_index, search_units(builder), search_out, parallel=parallel)
                jobs.append(index)
            plan = builder.plan()
        except Exception:
            checked()  # a corpus with errors may not even make pages: report the errors
            raise
        statics = _static_files(plan)
        if base is not None:
            site_dir, previous = base
            changes, page_hashes, static_hashes = incremental.write_project_incremental(
                ((page.path, page.text.encode("utf-8")) for page in plan.pages),
                ((rel, src.read_bytes()) for rel, src in statics), cfg_text, project, previous)
            rebuilt = sorted(changes.built)
        else:
            previous = rebuilt = None
            _write_full_project(plan, cfg_text, project)
            page_hashes = {page.path: incremental.digest(page.text.encode("utf-8")) for page in plan.pages}
            static_hashes = {rel: incremental.digest(src.read_bytes()) for rel, src in statics}
        timings["pages"] = time.perf_counter() - t
        check = checked()
        if base is not None:  # the check passed: the staging tree may change now
            cache.claim()
            changes.apply(site_dir)
        t = time.perf_counter()
        if previous is not None:
            # The search index does not need MkDocs' output: update it beside MkDocs (on another
            # CPU when there is one), or write a new one to move into the site afterwards.
            index = _Background(_update_search_index, search_units(builder), site_dir, previous.search,
                                search_out, parallel=parallel)
            jobs.append(index)
        with _source_date(as_of):
            mkdocs_info: dict = {}
            warnings = run_mkdocs(project, site_dir, dirty=previous is not None, parallel=parallel,
                                  info=mkdocs_info)
            timings["mkdocs workers"] = float(mkdocs_info["workers"])
        timings["mkdocs"] = time.perf_counter() - t
        theme = previous.theme if previous is not None else \
            incremental.theme_files(site_dir, page_hashes, static_hashes)
        in_place, search_state = index.result()
        if not in_place:
            shutil.rmtree(site_dir / "search-index", ignore_errors=True)
            os.replace(search_out / "search-index", site_dir / "search-index")
        from ..search.build import ASSET_PATHS, copy_assets

        copy_assets(site_dir)
        timings["mkdocs+search"] = time.perf_counter() - t
        feed = site_dir / "feed.xml"
        incremental.unlink(feed)
        write_feed(view, builder, feed)
        data_files = write_data_files(builder, site_dir)
        download_keys: dict[str, str] = {}
        if downloads:
            t = time.perf_counter()
            from .downloads import write_downloads

            _fresh, download_keys = write_downloads(corpus, view, site_dir,
                                                    previous=previous.downloads if previous else None)
            timings["downloads"] = time.perf_counter() - t
        # whatever a full build would not have written goes (pages no longer public above all)
        incremental.unlink(site_dir / MARKER)  # a new file: the tree may share it with the published one
        write_marker(site_dir, "site")
        outputs = set(incremental.TEMPLATE_OUTPUTS)
        if not cfg.get("site_url"):
            outputs -= {"sitemap.xml", "sitemap.xml.gz"}  # a sitemap needs absolute addresses
        expected = {incremental.page_dest(p) for p in page_hashes} | set(static_hashes) | set(theme) \
            | outputs | set(download_keys) | {"feed.xml", MARKER} | set(ASSET_PATHS) | set(data_files)
        t = time.perf_counter()
        files = incremental.sweep(site_dir, expected, owned_prefixes=("search-index/",))
        state = incremental.BuildState(key=key, pages=page_hashes, statics=static_hashes, theme=theme,
                                       downloads=download_keys, search=search_state, files=files)
        cache.publish(site_dir, state)
        timings["publish"] = time.perf_counter() - t
    finally:
        for job in jobs:
            job.cancel()
        shutil.rmtree(work, ignore_errors=True)
    timings["total"] = time.perf_counter() - t0
    timings["incremental"] = float(previous is not None)
    return BuildResult(out_dir=out_dir, view=view, check=check, pages=len(plan.pages),
                       warnings=warnings, timings=timings, rebuilt=rebuilt)
