"""Running MkDocs on the generated project, through its public interface only.

govpub calls :func:`mkdocs.commands.build.build` on a configuration loaded with
:func:`mkdocs.config.load_config` and adds one plugin object of its own to
``config.plugins`` (a public :class:`~mkdocs.plugins.PluginCollection`; the user's
``mkdocs.yml`` names no plugin of govpub's, so the project stays a plain MkDocs project).
Through MkDocs' plugin events the plugin

* records which pages MkDocs built (``on_post_page``);
* removes every output file just before MkDocs writes it (``on_post_page`` for pages,
  ``on_env`` for the copied files that MkDocs is about to copy): the incremental build
  brings up to date a site whose unchanged files are hard links shared with the published
  site, and a file written in place would change the published copy too;
* in a full build split over several processes (:func:`run_mkdocs` with ``parallel``), makes
  each process build only its share of the pages: its ``on_files`` hands MkDocs the same
  files as :class:`ShareFile` objects, whose public ``is_modified`` (the question MkDocs' dirty
  mode asks of every file) answers for the share only, and the processes other than the
  first render no theme templates (``on_config`` empties the public ``static_templates`` and
  ``extra_templates``).

Incremental builds use MkDocs' dirty mode as it is meant to be used: the docs folder is kept
between builds (:mod:`.incremental`), a page's Markdown is written only when it changed, so
its file is newer than its output exactly when MkDocs has to build it again.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from contextlib import contextmanager
from pathlib import Path

import yaml
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .background import Background, cpus

#: a full build of at least this many pages runs MkDocs in one process per CPU (at most
#: :data:`MAX_MKDOCS_WORKERS`), each building its share of the pages into the same folder
SPLIT_MIN_PAGES = 1000
MAX_MKDOCS_WORKERS = 4

#: the plugin's name in ``config.plugins`` (not in any mkdocs.yml)
PLUGIN_NAME = "govpub"


class MkDocsFailed(Exception):
    """MkDocs could not build the project (its message, in Chinese, for the user)."""


class ShareFile(File):
    """A file of the project as MkDocs found it, for one process of a split full build:
    :meth:`is_modified` is true only for the files this process is to write."""

    building: bool = True

    @classmethod
    def of(cls, file: File, building: bool) -> File:
        if file.generated_by is not None:  # content made by a plugin: leave it to MkDocs
            return file
        share = cls(
            file.src_path,
            file.src_dir,
            file.dest_dir,
            file.use_directory_urls,
            dest_uri=file.dest_uri,
            inclusion=file.inclusion,
        )
        share.building = building
        return share

    def is_modified(self) -> bool:
        return self.building and super().is_modified()


class GovpubPlugin(BasePlugin):
    """govpub's side of a MkDocs run (see the module docstring). ``share``: the pages this
    process builds in a split full build (None: MkDocs decides, in a plain or dirty build);
    ``first``: this process also writes the theme's files and templates."""

    def __init__(self, share: frozenset[str] | None = None, first: bool = True):
        self.share = share
        self.first = first
        self.built: list[str] = []

    def on_config(self, config):
        if not self.first:
            config.theme.static_templates.clear()
            config["extra_templates"] = []
        return config

    def on_files(self, files: Files, config) -> Files:
        if self.share is None:
            return files
        return Files(
            [ShareFile.of(f, f.src_uri in self.share if f.is_documentation_page() else self.first) for f in files]
        )

    def on_env(self, env, config, files: Files):
        # MkDocs copies the non-page files next, those whose output is missing or older
        for file in files:
            if not file.is_documentation_page() and file.is_modified():
                _unlink(file.abs_dest_path)
        return env

    def on_post_page(self, output: str, page, config) -> str:
        _unlink(page.file.abs_dest_path)  # written next, as a new file
        self.built.append(page.file.src_uri)
        return output


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


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


def _run(config_file: str, site_dir: str, plugin: GovpubPlugin, dirty: bool) -> list[str]:
    """One MkDocs build with ``plugin``; returns MkDocs' warnings."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with _mkdocs_logging() as warnings:
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.plugins[PLUGIN_NAME] = plugin
        build(config, dirty=dirty)
    # the dirty mode's own caution is about mtime-based rebuilds, which govpub keeps exact
    return [w for w in warnings if not w.startswith("A 'dirty' build is being performed")]


def _build_share(config_file: str, site_dir: str, share: frozenset[str], first: bool) -> list[str]:
    """One process's part of a full build: MkDocs in its dirty mode into an empty folder, the
    plugin telling it that only the pages in ``share`` need building (and, in the ``first``
    process only, the theme and docs files and the 404 page and sitemap). Every process reads
    the whole project, so navigation, links and the sitemap are those of the whole site; each
    page is written by exactly one process, as a single build would write it (the tests
    compare the two). Returns MkDocs' warnings."""
    return _run(config_file, site_dir, GovpubPlugin(share, first), dirty=True)


def run_mkdocs(
    project: Path, site_dir: Path, *, dirty: bool = False, parallel: bool = False, info: dict | None = None
) -> list[str]:
    """Build ``project`` with MkDocs into ``site_dir``; return MkDocs' warnings. ``dirty``
    builds the pages whose output is missing or older than their Markdown (see
    :mod:`.incremental`); ``parallel`` lets a full build of a large site use every CPU
    (:func:`_build_share`). ``info`` receives ``workers`` and, for a dirty build, ``built``
    (the pages MkDocs built). Raises :class:`MkDocsFailed`."""
    from mkdocs.exceptions import MkDocsException

    config_file = str(project / "mkdocs.yml")
    workers = 1
    if parallel and not dirty and "fork" in multiprocessing.get_all_start_methods():
        pages = sorted(p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md"))
        if len(pages) >= SPLIT_MIN_PAGES:
            workers = min(cpus(), MAX_MKDOCS_WORKERS)
    info = info if info is not None else {}
    info["workers"] = workers
    try:
        if workers > 1:
            # Pages are dealt out in turn, so every share has its part of the big ones.
            others = [
                Background(_build_share, config_file, str(site_dir), frozenset(pages[k::workers]), False)
                for k in range(1, workers)
            ]
            try:
                warnings = _build_share(config_file, str(site_dir), frozenset(pages[0::workers]), True)
                for other in others:
                    warnings.extend(other.result())
            finally:
                for other in others:
                    other.cancel()
            return warnings
        plugin = GovpubPlugin()
        warnings = _run(config_file, str(site_dir), plugin, dirty=dirty)
        info["built"] = sorted(plugin.built)
        return warnings
    except MkDocsException as exc:
        raise MkDocsFailed(f"MkDocs 无法生成网站：{exc}") from None
    except yaml.YAMLError as exc:
        raise MkDocsFailed(f"mkdocs.yml 无法解析：{exc}") from None
