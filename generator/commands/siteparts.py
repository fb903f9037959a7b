"""The parts of the site that other outputs make: its search index, its Word downloads and
its annual reports (:class:`generator.site.parts.SiteParts`).

The site never imports the search index, the Word writer or the annual report (the outputs
are leaves, docs/architecture.md); the commands join them here and hand the site the result
of :func:`default_parts`.

What the site's search indexes (:func:`search_units`): public documents, disclosure items and
the articles of public regulations — all read from the public view.

A regulation's articles are indexed once, on the version in force (its page links every other
version and the comparison). A version not yet in force adds only the articles whose text it
changes or adds, labelled 尚未施行; a repealed regulation's articles are labelled 已废止. Those,
and documents that are no longer valid, are ``demoted``: they rank after everything in force.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..fingerprint import code_fingerprint
from ..model import Corpus
from ..search import SearchUnit, build_index
from ..search.build import ASSET_PATHS, copy_assets, update_index
from ..site.downloads import cache_dir
from ..site.pages import SiteBuilder, _url_of, document_page, posting_page, regulation_page, version_page
from ..site.parts import SiteParts
from ..site.render import cn_date
from ..text.compare import article_text

if TYPE_CHECKING:
    from ..report.annual import AnnualReport


@cache
def default_parts() -> SiteParts:
    """What every site build of govpub uses: govpub's search index, Word writer and annual report."""
    return SiteParts(
        search_units=search_units,
        write_search_index=write_search_index,
        update_search_index=update_index,
        copy_search_assets=copy_assets,
        search_asset_paths=tuple(ASSET_PATHS),
        write_document=write_document,
        annual_report=annual_report,
        report_docx=report_docx,
    )


def write_search_index(units: Sequence[SearchUnit], folder: Path) -> dict:
    """A new search index of ``units`` in ``folder/search-index/``; returns its state."""
    state = build_index(units, folder).state
    assert state is not None  # a new index always has one
    return state


def write_document(doc: Any, agency: Any, out: Path, **options: Any) -> Any:
    """The Word writer (loaded on first use: a build without Word downloads or annual reports
    never loads it)."""
    from ..docx import write_document as write

    return write(doc, agency, out, **options)


def annual_report(corpus: Corpus, year: int) -> AnnualReport:
    """The annual report of ``year`` as the site shows it (the year is over: no ``as_of``)."""
    from ..report.annual import build_report

    return build_report(corpus, year)


def report_docx(corpus: Corpus, report: AnnualReport) -> Path:
    """The report's DOCX in the download cache (written when not there yet)."""
    from ..report.annual import docx_source_lines, report_document

    doc = report_document(report, corpus)
    h = hashlib.sha256(code_fingerprint().encode())
    h.update("\n".join(docx_source_lines(report)).encode("utf-8"))
    h.update(repr((doc.title, doc.number_raw, doc.recipients, doc.signed_on, corpus.agency)).encode("utf-8"))
    path = cache_dir() / f"report-{h.hexdigest()}.docx"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        write_document(doc, corpus.agency, tmp)
        os.replace(tmp, path)
    return path


def search_units(builder: SiteBuilder) -> list[SearchUnit]:
    view = builder.view
    units: list[SearchUnit] = []
    for doc in view.documents:
        assert doc.signed_on is not None  # its page and Word file are dated too
        body = "\n".join(t for _, t in doc.source.paragraphs())
        valid = doc.status == "有效"
        units.append(
            SearchUnit(
                url=_url_of(document_page(doc)),
                title=doc.title,
                kind="document",
                text="\n".join([doc.title, str(doc.number), body, *[a.title for a in doc.attachments]]),
                meta=f"{doc.number} · {doc.doc_type} · {cn_date(doc.signed_on)}"
                + ("" if valid else f" · 已{doc.status}"),
                date=doc.signed_on.isoformat(),
                numbers=[str(doc.number)],
                demoted=not valid,
            )
        )
    for posting in view.postings:
        for item in posting.items:
            body = "\n".join(t for _, t in item.source.paragraphs())
            units.append(
                SearchUnit(
                    url=_url_of(posting_page(posting)) + f"#{item.slug}",
                    title=item.title,
                    kind="disclosure",
                    text=f"{item.title}\n{body}",
                    meta=f"政务公开 · {item.category} · {cn_date(posting.day)}",
                    date=(item.approved_on or posting.day).isoformat(),
                )
            )
    for pr in view.regulations:
        units += regulation_units(builder, pr)
    return units


def regulation_units(builder: SiteBuilder, pr) -> list[SearchUnit]:
    """One unit per article of the version in force (or, for a regulation not yet in force,
    of its first version; for a repealed one, of its last); plus, from a version not yet in
    force, the articles whose text is new."""
    title = pr.regulation.title
    if pr.status == "已废止":
        main = pr.current or pr.versions[-1]
    elif pr.current is not None:
        main = pr.current
    else:
        main = pr.versions[0]
    shown = [main] + [pv for pv in pr.versions if pv.status == "尚未施行" and pv is not main]
    units: list[SearchUnit] = []
    seen: set[str] = set()
    for pv in shown:
        ver = pv.version
        url = _url_of(regulation_page(pr.slug) if pv is main else version_page(pr.slug, ver))
        if pr.status == "已废止":
            label, meta, demoted = "（已废止）", f"规章制度 · 已废止 · {cn_date(pr.regulation.repealed_on)}起废止", True
        elif pv.status == "尚未施行":
            label, demoted = "（尚未施行）", True
            meta = f"规章制度 · 尚未施行 · {cn_date(ver.effective_on)}起施行"
        else:
            label, demoted = "", False
            meta = f"规章制度 · 现行有效 · {cn_date(ver.effective_on)}起施行"
            later = [v for v in pr.versions if v.status == "尚未施行"]
            if later:
                meta += f" · 新版本{cn_date(later[0].version.effective_on)}起施行"
        for art in builder.parsed(ver).articles:
            text = article_text(art)
            if pv is not main and text in seen:
                continue  # unchanged in the coming version: the article in force stands for it
            seen.add(text)
            units.append(
                SearchUnit(
                    url=f"{url}#art-{art.number}",
                    title=f"{title} {art.label}{label}",
                    kind="article",
                    text=f"{art.label} {text}",
                    meta=meta,
                    date=ver.effective_on.isoformat(),
                    demoted=demoted,
                )
            )
    return units
