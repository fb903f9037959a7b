"""``govpub build``: generate pages, run MkDocs, add search and feed, swap into place.

The site is built in a temporary folder beside the output (or, incrementally, in the staging
tree of :mod:`.incremental`) and moved into place only when everything succeeded and the
caller's gate (``before_publish``: the command layer runs the check there) let it through, so
a failed, refused or interrupted build leaves the previous site untouched.

MkDocs runs through its public interface only (:mod:`.mkdocs_run`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus import load_corpus
from ..errors import Refused
from ..model import Corpus
from ..outputs import MARKER, guard_dir, write_marker
from ..publish import PublicView, public_view
from . import config as site_config
from . import incremental
from .background import Background
from .feed import write_feed
from .mkdocs_run import MkDocsFailed, run_mkdocs
from .pages import SiteBuilder, SitePlan
from .parts import SiteParts
from .website import annual_reports, write_data_files

ASSETS = Path(__file__).resolve().parent / "assets"


class BuildRefused(Refused):
    """The corpus has errors, or the configuration cannot be used: nothing was published.
    ``check``: the check result that refused it, when there is one (any object with
    ``diagnostics``, ``files`` and ``errors``)."""

    def __init__(self, message: str, check: Any = None):
        super().__init__(message)
        self.check = check


#: The gate a caller puts before publication: called once the pages are made (the work
#: beside it has been going on meanwhile), it returns what the build result carries as
#: ``check`` or raises (BuildRefused) to publish nothing.
Gate = Callable[[], Any]


@dataclass
class BuildResult:
    out_dir: Path
    view: PublicView
    check: Any  # what the gate returned (the command layer: a CheckResult); None without a gate
    pages: int
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    #: pages MkDocs built in an incremental build (None: a full build)
    rebuilt: list[str] | None = None


@contextlib.contextmanager
def _source_date(as_of: dt.date):
    """Pin MkDocs' build date (sitemap, gzip headers) so rebuilds are byte-identical."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    epoch = int(dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC).timestamp())
    # gzip headers hold the time as an unsigned 32-bit number (1970 to 2106)
    os.environ["SOURCE_DATE_EPOCH"] = str(min(max(epoch, 0), 2**32 - 1))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def site_builder(
    corpus: Corpus, view: PublicView, downloads: bool = False, *, parts: SiteParts
) -> tuple[SiteBuilder, dict, str]:
    """The page builder for ``view`` and the ``mkdocs.yml`` of its site (as a dict and as
    text); the pages themselves are made by ``builder.plan()``. ``parts``: what the site needs
    from the other outputs (here the annual reports and their Word files)."""
    builder = SiteBuilder(view, corpus.known_codes())
    builder.view_root = corpus.root
    builder.downloads = downloads
    builder.attachment_sources = corpus.attachments
    annual_reports(corpus, view, builder, downloads, parts)
    reviewed = corpus.site_config
    cfg = site_config.make_config(Path(corpus.root), corpus.agency, builder.nav(), reviewed)
    if reviewed is not None:
        builder.extra_files = [(target, str(Path(corpus.root) / src)) for target, src in reviewed.files]
    return builder, cfg, site_config.dump(cfg)


def plan_project(
    corpus: Corpus, view: PublicView, downloads: bool = False, *, parts: SiteParts
) -> tuple[SitePlan, SiteBuilder, dict, str]:
    """The pages of ``view`` and the ``mkdocs.yml`` that builds them (as a dict and as text)."""
    builder, cfg, text = site_builder(corpus, view, downloads, parts=parts)
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


def write_project(
    corpus: Corpus, view: PublicView, project: Path, downloads: bool = False, *, parts: SiteParts
) -> tuple[SitePlan, SiteBuilder]:
    """Write the MkDocs project (mkdocs.yml + docs/) for ``view`` into ``project``."""
    plan, builder, _cfg, text = plan_project(corpus, view, downloads, parts=parts)
    _write_full_project(plan, text, project)
    return plan, builder


def _write_search_index(parts: SiteParts, units, out: Path) -> tuple[bool, dict]:
    """Write a new index into ``out``; returns (False: not in the site yet, its state)."""
    return False, parts.write_search_index(units, out)


def _update_search_index(parts: SiteParts, units, site_dir: Path, state: dict | None, out: Path) -> tuple[bool, dict]:
    """Update the index in ``site_dir`` in place, or write a new one into ``out``; returns
    (updated in place, new state)."""
    new_state = parts.update_search_index(units, site_dir, state) if state else None
    if new_state is not None:
        return True, new_state
    return _write_search_index(parts, units, out)


def build_site(
    root: str | Path,
    as_of: dt.date,
    out_dir: str | Path,
    corpus: Corpus | None = None,
    downloads: bool = True,
    *,
    parts: SiteParts,
    parallel: bool = True,
    incremental_ok: bool = True,
    before_publish: Gate | None = None,
) -> BuildResult:
    """Build the public site of ``root`` as of ``as_of`` into ``out_dir``.

    ``before_publish`` is called once the pages are made and before anything in the output
    changes; it raises to refuse the build (the command layer checks the corpus there, in a
    process of its own started before this call). The search index and, for large sites,
    shares of the MkDocs build run in forked processes (``parallel``); pass False when other
    threads are running (forking them is unsafe). When ``out_dir`` holds the site of an
    earlier build with the same configuration and nothing else touched it, only what changed
    is rebuilt (:mod:`.incremental`; ``incremental_ok=False`` forces a full build). Either way
    the result is the same. ``parts``: the search index, the Word files and the annual reports,
    which the command hands in (:mod:`.parts`)."""
    t0 = time.perf_counter()
    corpus = corpus or load_corpus(root)
    cache = incremental.SiteCache(Path(os.path.realpath(os.path.abspath(out_dir))))
    out_dir = guard_dir(out_dir, corpus.root, "site", recognise=cache.recognise)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with cache.locked():
        cache.recover()
        guard_dir(out_dir, corpus.root, "site", recognise=cache.recognise)  # as recovered
        build = _Build(
            corpus=corpus,
            as_of=as_of,
            out_dir=out_dir,
            cache=cache,
            downloads=downloads,
            parts=parts,
            parallel=parallel,
            gate=before_publish or (lambda: None),
            t0=t0,
            work=Path(tempfile.mkdtemp(prefix=cache.work_prefix(), dir=out_dir.parent)),
        )
        try:
            return build.run(incremental_ok)
        finally:
            for job in build.jobs:  # they write into `work`
                job.cancel()
            shutil.rmtree(build.work, ignore_errors=True)


@dataclass
class _Build:
    """One build holding the output folder's lock: its inputs, and what each step leaves
    for the next (:meth:`run` lists the steps)."""

    corpus: Corpus
    as_of: dt.date
    out_dir: Path
    cache: incremental.SiteCache
    downloads: bool
    parts: SiteParts
    parallel: bool
    gate: Gate
    t0: float
    work: Path  # a temporary folder beside the output, removed afterwards
    timings: dict[str, float] = field(default_factory=dict)
    jobs: list[Background] = field(default_factory=list)  # stopped if the build does not finish
    # plan()
    view: PublicView | None = None
    builder: SiteBuilder | None = None
    cfg: dict = field(default_factory=dict)
    cfg_text: str = ""
    key: str = ""
    site_plan: SitePlan | None = None
    # the tree brought up to date: a new one, or the staging tree with its state
    site_dir: Path | None = None
    previous: incremental.BuildState | None = None
    index: Background | None = None
    # write_project()
    page_hashes: dict[str, str] = field(default_factory=dict)
    static_hashes: dict[str, str] = field(default_factory=dict)
    check: Any = None  # what the gate returned
    # run_mkdocs()
    warnings: list[str] = field(default_factory=list)
    rebuilt: list[str] | None = None
    theme: list[str] = field(default_factory=list)  # site paths MkDocs copied from the theme
    mkdocs_started: float = 0.0
    # add_search_index(), write_extras()
    search_state: dict | None = None
    download_keys: dict[str, str] = field(default_factory=dict)

    @property
    def search_out(self) -> Path:
        return self.work / "search"

    def run(self, incremental_ok: bool) -> BuildResult:
        self.plan(incremental_ok)
        self.write_project()
        self.check = self.passed_gate()
        self.prepare_tree()
        self.run_mkdocs()
        self.add_search_index()
        extra = self.write_extras()
        self.publish(extra)
        self.timings["total"] = time.perf_counter() - self.t0
        self.timings["incremental"] = float(self.previous is not None)
        assert self.view is not None and self.site_plan is not None
        return BuildResult(
            out_dir=self.out_dir,
            view=self.view,
            check=self.check,
            pages=len(self.site_plan.pages),
            warnings=self.warnings,
            timings=self.timings,
            rebuilt=self.rebuilt,
        )

    def passed_gate(self) -> Any:
        result = self.gate()
        self.timings["check"] = time.perf_counter() - self.t0
        return result

    def plan(self, incremental_ok: bool) -> None:
        """The public view, its pages and the ``mkdocs.yml``; which tree to start from; a new
        search index started beside the rest when there is no tree to update."""
        t = time.perf_counter()
        try:
            self.view = public_view(self.corpus, self.as_of)
            self.builder, self.cfg, self.cfg_text = site_builder(
                self.corpus, self.view, downloads=self.downloads, parts=self.parts
            )
            self.key = incremental.build_key(self.cfg_text, self.cfg, self.downloads)
            base = self.cache.base(self.key) if incremental_ok else None
            if base is None:
                self.site_dir = self.work / "site"
                # A new search index needs only the pages' data: start it first, beside the rest.
                self.index = self._job(
                    _write_search_index, self.parts, self.parts.search_units(self.builder), self.search_out
                )
            else:
                self.site_dir, self.previous = base
            self.site_plan = self.builder.plan()
        except Exception:
            self.gate()  # a corpus with errors may not even make pages: report the errors
            raise
        self.timings["pages"] = time.perf_counter() - t

    def _job(self, fn, *args) -> Background:
        job = Background(fn, *args, parallel=self.parallel)
        self.jobs.append(job)
        return job

    def write_project(self) -> None:
        """The MkDocs project kept between builds, brought up to date (:class:`.incremental.Project`)."""
        t = time.perf_counter()
        assert self.site_plan is not None
        statics = _static_files(self.site_plan)
        self.page_hashes, self.static_hashes = self.project.update(
            ((page.path, page.text.encode("utf-8")) for page in self.site_plan.pages),
            ((rel, src.read_bytes()) for rel, src in statics),
            self.cfg_text,
        )
        self.timings["pages"] += time.perf_counter() - t

    @property
    def project(self) -> incremental.Project:
        return incremental.Project(self.cache)

    def prepare_tree(self) -> None:
        """The gate passed: the staging tree may change now. Remove what MkDocs is to write
        anew (and the outputs of pages that are gone)."""
        if self.previous is None:
            return
        assert self.site_dir is not None
        self.cache.claim()
        for rel in incremental.stale_outputs(self.previous, self.page_hashes, self.static_hashes):
            incremental.unlink(self.site_dir / rel)

    def run_mkdocs(self) -> None:
        t = time.perf_counter()
        assert self.site_dir is not None and self.builder is not None
        if self.previous is not None:
            # The search index does not need MkDocs' output: update it beside MkDocs (on another
            # CPU when there is one), or write a new one to move into the site afterwards.
            self.index = self._job(
                _update_search_index,
                self.parts,
                self.parts.search_units(self.builder),
                self.site_dir,
                self.previous.search,
                self.search_out,
            )
        info: dict = {}
        with _source_date(self.as_of):
            try:
                self.warnings = run_mkdocs(
                    self.project.dir, self.site_dir, dirty=self.previous is not None, parallel=self.parallel, info=info
                )
            except MkDocsFailed as exc:
                raise BuildRefused(str(exc)) from None
        self.timings["mkdocs workers"] = float(info["workers"])
        if self.previous is not None:
            self.rebuilt = info["built"]
            self.theme = self.previous.theme
        else:
            self.theme = incremental.theme_files(self.site_dir, self.page_hashes, self.static_hashes)
        self.timings["mkdocs"] = time.perf_counter() - t
        self.mkdocs_started = t

    def add_search_index(self) -> None:
        assert self.index is not None and self.site_dir is not None
        in_place, self.search_state = self.index.result()
        if not in_place:
            shutil.rmtree(self.site_dir / "search-index", ignore_errors=True)
            os.replace(self.search_out / "search-index", self.site_dir / "search-index")
        self.parts.copy_search_assets(self.site_dir)
        self.timings["mkdocs+search"] = time.perf_counter() - self.mkdocs_started

    def write_extras(self) -> set[str]:
        """Feed, data files, Word downloads and the marker; returns the site paths written."""
        assert self.site_dir is not None and self.view is not None and self.builder is not None
        feed = self.site_dir / "feed.xml"
        incremental.unlink(feed)
        write_feed(self.view, self.builder, feed)
        written = set(write_data_files(self.builder, self.site_dir)) | {"feed.xml", MARKER}
        if self.downloads:
            t = time.perf_counter()
            from .downloads import write_downloads

            _fresh, self.download_keys = write_downloads(
                self.corpus,
                self.view,
                self.site_dir,
                self.parts.write_document,
                previous=self.previous.downloads if self.previous else None,
            )
            written |= set(self.download_keys)
            self.timings["downloads"] = time.perf_counter() - t
        incremental.unlink(self.site_dir / MARKER)  # a new file: the tree may share it with the published one
        write_marker(self.site_dir, "site")
        return written

    def publish(self, extra: set[str]) -> None:
        """Sweep away whatever a full build would not have written (pages no longer public above
        all), then swap the tree in with its state."""
        t = time.perf_counter()
        assert self.site_dir is not None
        outputs = set(incremental.TEMPLATE_OUTPUTS)
        if not self.cfg.get("site_url"):
            outputs -= {"sitemap.xml", "sitemap.xml.gz"}  # a sitemap needs absolute addresses
        expected = (
            {incremental.page_dest(p) for p in self.page_hashes}
            | set(self.static_hashes)
            | set(self.theme)
            | outputs
            | set(self.parts.search_asset_paths)
            | extra
        )
        files = incremental.sweep(self.site_dir, expected, owned_prefixes=("search-index/",))
        state = incremental.BuildState(
            key=self.key,
            pages=self.page_hashes,
            statics=self.static_hashes,
            theme=self.theme,
            downloads=self.download_keys,
            search=self.search_state,
            files=files,
        )
        self.cache.publish(self.site_dir, state)
        self.timings["publish"] = time.perf_counter() - t
