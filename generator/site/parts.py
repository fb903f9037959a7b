"""What the site needs from the other outputs, handed in by the command.

The site is a leaf (docs/architecture.md): it never imports the search index, the Word writer
or the annual report. Yet a site has a search index, Word downloads beside its documents and
its 年报 pages with their Word files. The command layer (:mod:`generator.commands.siteparts`)
puts the functions that make those into one :class:`SiteParts` and passes it to
:func:`.build.build_site`; the site only calls them.

The functions are plain module-level functions: the search index is computed in a forked
process (:mod:`.background`) that inherits them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..model import Agency, Corpus, Document

if TYPE_CHECKING:
    from .pages import SiteBuilder


class SearchUnits(Protocol):
    """The search units of the pages ``builder`` makes (what the search index holds)."""

    def __call__(self, builder: SiteBuilder, /) -> Sequence[Any]: ...


class WriteSearchIndex(Protocol):
    """Write a new search index of ``units`` into ``folder/search-index/``; return its state
    (what :class:`UpdateSearchIndex` needs to update it later)."""

    def __call__(self, units: Sequence[Any], folder: Path, /) -> dict: ...


class UpdateSearchIndex(Protocol):
    """Update the search index of ``site_dir`` in place to hold ``units``; return its new
    state, or None when it cannot be updated (a new index must be written)."""

    def __call__(self, units: Sequence[Any], site_dir: Path, state: dict, /) -> dict | None: ...


class WriteDocument(Protocol):
    """Write the Word file (GB/T 9704) of ``doc`` to ``target``."""

    def __call__(self, doc: Document, agency: Agency, target: Path, /, *, corpus_root: Path) -> object: ...


@dataclass(frozen=True)
class SiteParts:
    """The functions and values of the other outputs that a site build calls."""

    #: the search units of the site's pages
    search_units: SearchUnits
    #: a new search index into a folder (moved into the site afterwards)
    write_search_index: WriteSearchIndex
    #: the search index of a site updated in place (or None)
    update_search_index: UpdateSearchIndex
    #: copy the search client (script and style sheet) into a site
    copy_search_assets: Callable[[Path], None]
    #: the site paths :attr:`copy_search_assets` writes
    search_asset_paths: tuple[str, ...]
    #: the Word file of one document (the site's downloads, cached by :mod:`.downloads`)
    write_document: WriteDocument
    #: the annual report of a year, counted from the corpus
    annual_report: Callable[[Corpus, int], Any]
    #: the Word file of an annual report (a path in the download cache)
    report_docx: Callable[[Corpus, Any], Path]
