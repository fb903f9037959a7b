"""What the public may see on a given day (README: 网站), decided in one place.

Every output that reaches the public — pages, navigation, search index, feed,
sitemap, downloads — reads a :class:`PublicView` and nothing else, so an item
that is not public cannot leak through a side door.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from .model import Agency, Corpus, DisclosureItem, Document, InfoPage, Regulation, Version
from .schema import SECRET_LEVELS, Classification, DisclosureKind, DisclosureStatus
from .text.calendar import disclosure_day


class RegulationStatus(StrEnum):
    """Where a regulation, or one of its versions, stands on the as-of day (shown on its page)."""

    IN_FORCE = "现行有效"
    #: a version replaced by a later one (versions only)
    REVISED = "已修订"
    NOT_YET_IN_FORCE = "尚未施行"
    REPEALED = "已废止"


def document_is_public(doc: Document, as_of: dt.date) -> bool:
    """公开 + 主动公开 + published (published_on, default signed_on) on or before as-of,
    and no ``review`` marker."""
    if doc.source.meta is None or doc.number is None or not doc.title:
        return False
    if doc.review or doc.source.has("review"):
        return False  # imported or drafted, not yet verified (SPEC §7.1)
    if doc.classification != Classification.PUBLIC or doc.disclosure != DisclosureStatus.PROACTIVE:
        return False
    when = doc.publish_date
    return when is not None and when <= as_of


#: 公开属性 as printed in the 附注 (GB/T 9704 cl. 7.3.6 places the 附注; the wording is local
#: practice, DOMAIN: disclosure attribute). ``site.yml: disclosure_note`` overrides any of them.
DEFAULT_DISCLOSURE_NOTES = {
    "主动公开": "（此件公开发布）",
    "依申请公开": "（此件依申请公开）",
    "不予公开": "（此件不予公开）",
}


def disclosure_note(doc: Document, agency: Agency) -> str:
    """The 附注 that states the document's 公开属性, as every output prints it (the site's page
    and the Word file alike): the agency's wording from ``site.yml: disclosure_note`` or the
    default, always in full-width round brackets; "" when there is none (a classified
    document, or a wording configured empty)."""
    if doc.classification in SECRET_LEVELS:
        return ""
    configured = agency.disclosure_note or {}
    if doc.disclosure in configured:
        text = (configured[doc.disclosure] or "").strip()
    else:
        text = DEFAULT_DISCLOSURE_NOTES.get(doc.disclosure, "")
    if not text:
        return ""
    if not (text.startswith("（") and text.endswith("）")):
        text = f"（{text.strip('()（）')}）"
    return text


def posting_day(item: DisclosureItem, agency: Agency) -> dt.date | None:
    """The disclosure day of the item's posting folder."""
    if item.posting is None:
        return None
    year, q = item.posting
    try:
        return disclosure_day(year, q, agency.disclosure_day)
    except ValueError:
        return None


def item_publication_date(item: DisclosureItem, agency: Agency) -> dt.date | None:
    """When an approved item goes public: its posting's day, or its approval for prompt/pre."""
    if not item.approved:
        return None
    if item.kind == DisclosureKind.REGULAR:
        return posting_day(item, agency)
    if item.kind in (DisclosureKind.PROMPT, DisclosureKind.PRE):
        return item.approved_on
    return None


def item_is_public(item: DisclosureItem, agency: Agency, as_of: dt.date) -> bool:
    if item.source.meta is None or not item.title or item.posting is None:
        return False
    if item.review or item.source.has("review"):
        return False  # not yet verified (SPEC §7.1)
    when = item_publication_date(item, agency)
    return when is not None and when <= as_of


def version_is_public(ver: Version, as_of: dt.date) -> bool:
    """A version is public from its adoption (or, absent that, its effective date)."""
    if ver.source.meta is None or ver.effective_on is None:
        return False
    return ver.public_from is not None and ver.public_from <= as_of


@dataclass
class PublicVersion:
    version: Version
    status: RegulationStatus


@dataclass
class PublicRegulation:
    regulation: Regulation
    versions: list[PublicVersion]  # public versions, oldest first
    current: PublicVersion | None  # in force on as-of (or the last one if repealed)
    #: never REVISED
    status: RegulationStatus

    @property
    def slug(self) -> str:
        return self.regulation.slug


@dataclass
class Posting:
    year: int
    quarter: int
    day: dt.date
    items: list[DisclosureItem]

    @property
    def name(self) -> str:
        return f"{self.year}-Q{self.quarter}"


@dataclass
class PublicView:
    as_of: dt.date
    agency: Agency
    documents: list[Document] = field(default_factory=list)  # newest first
    postings: list[Posting] = field(default_factory=list)  # newest first
    regulations: list[PublicRegulation] = field(default_factory=list)
    #: the 政府信息公开指南 (content/pages/guide.md), when it can be read
    guide: InfoPage | None = None
    #: years whose 政府信息公开工作年度报告 is public, newest first
    annual_reports: list[int] = field(default_factory=list)

    def document_by_number(self) -> dict[str, Document]:
        return {str(d.number): d for d in self.documents}


def _regulation_view(reg: Regulation, as_of: dt.date) -> PublicRegulation | None:
    if reg.source is None or reg.source.meta is None or not reg.title:
        return None
    # a public version has an effective date (version_is_public)
    public = sorted(
        ((v.effective_on, v) for v in reg.versions if v.effective_on is not None and version_is_public(v, as_of)),
        key=lambda ev: ev[0],
    )
    if not public:
        return None
    repealed = reg.repealed_on is not None and reg.repealed_on <= as_of
    in_force = [v for effective_on, v in public if effective_on <= as_of]
    current_v = in_force[-1] if in_force else None
    versions = []
    for effective_on, v in public:
        if effective_on > as_of:
            status = RegulationStatus.NOT_YET_IN_FORCE
        elif repealed:
            status = RegulationStatus.REPEALED
        elif v is current_v:
            status = RegulationStatus.IN_FORCE
        else:
            status = RegulationStatus.REVISED
        versions.append(PublicVersion(v, status))
    current = next((pv for pv in versions if pv.version is current_v), None)
    if repealed:
        status = RegulationStatus.REPEALED
    elif current is None:
        status = RegulationStatus.NOT_YET_IN_FORCE
    else:
        status = RegulationStatus.IN_FORCE
    return PublicRegulation(reg, versions, current, status)


def _newest_first(d: Document) -> tuple[dt.date | None, str, int, int]:
    """Sort key of public documents, which all have a number (document_is_public)."""
    number = d.number
    assert number is not None
    return (d.signed_on, number.code, number.year, number.seq)


def annual_report_is_public(year: int, published_on: object, as_of: dt.date) -> bool:
    """A year's annual report is public once the year is over and its ``published_on`` has come."""
    return isinstance(published_on, dt.date) and year < as_of.year and published_on <= as_of


def public_view(corpus: Corpus, as_of: dt.date) -> PublicView:
    """Everything of ``corpus`` that the public may see on ``as_of``."""
    view = PublicView(as_of=as_of, agency=corpus.agency)
    view.documents = sorted(
        (d for d in corpus.documents if document_is_public(d, as_of)),
        key=_newest_first,
        reverse=True,
    )
    groups: dict[tuple[int, int], list[DisclosureItem]] = {}
    for item in corpus.disclosures:
        # a public item has a posting (item_is_public)
        if item.posting is not None and item_is_public(item, corpus.agency, as_of):
            groups.setdefault(item.posting, []).append(item)
    for (year, q), items in sorted(groups.items(), reverse=True):
        day = disclosure_day(year, q, corpus.agency.disclosure_day)
        items.sort(key=lambda i: (i.category, i.approved_on, i.slug))
        view.postings.append(Posting(year, q, day, items))
    for slug in sorted(corpus.regulations):
        pr = _regulation_view(corpus.regulations[slug], as_of)
        if pr is not None:
            view.regulations.append(pr)
    guide = corpus.pages.get("guide")
    if guide is not None and guide.source.meta is not None and guide.title:
        view.guide = guide
    view.annual_reports = sorted(
        (
            year
            for year, src in corpus.annual_reports.items()
            if src.meta is not None and annual_report_is_public(year, src.value("published_on"), as_of)
        ),
        reverse=True,
    )
    return view
