"""The typed model of a corpus: plain data, no I/O, no formatting.

Values that could not be read (a date YAML rejected, a value outside its
allowed set) are kept as written on the :class:`~generator.corpus.source.Source`
and left ``None`` or at their default here; the rules report them, and
``govpub build`` refuses to publish while any error remains.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .schema import (
    SECRET_LEVELS,
    Acknowledgement,
    AttachmentSpec,
    Classification,
    DisclosureKind,
    DisclosureStatus,
    DocStatus,
)
from .text.docnumber import DocNumber

if TYPE_CHECKING:  # the model is plain data; only type checkers need Source
    from .corpus.source import Source


@dataclass
class Agency:
    source: Source | None
    agency: str = ""
    short_name: str = ""
    fonds: str = ""
    codes: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)
    disclosure_day: int = 10
    site_url: str | None = None
    index_prefix: str | None = None
    disclosure_note: dict[str, str] = field(default_factory=dict)
    #: default 印发机关 for the 版记 (SPEC §7.4)
    printed_by: str | None = None
    #: the public site's footer: sponsor, site_code, icp, police_record, ... (SPEC §7.4)
    website: dict[str, str] = field(default_factory=dict)


@dataclass
class Document:
    source: Source
    slug: str
    year_folder: int | None
    number_raw: str | None = None
    #: the number as recovered from what was written (see N001-N005)
    number: DocNumber | None = None
    title: str = ""
    doc_type: str = ""
    issuer: str = ""
    recipients: list[str] = field(default_factory=list)
    signer: str | None = None
    signed_on: dt.date | None = None
    published_on: dt.date | None = None
    #: a :class:`Classification`, or ``"未知"`` when the file's value could not be read
    classification: str = Classification.PUBLIC
    disclosure: DisclosureStatus = DisclosureStatus.PROACTIVE
    withhold_reason: str | None = None
    urgency: str | None = None
    attachments: list[AttachmentSpec] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    printed_by: str | None = None
    printed_on: dt.date | None = None
    retention: str = "10年"
    department: str = "办公室"
    topics: list[str] = field(default_factory=list)
    status: DocStatus = DocStatus.VALID
    repealed_by: str | None = None
    regulation: str | None = None
    #: what an editor still has to verify (SPEC §7.1); never public while non-empty
    review: list[str] = field(default_factory=list)
    #: findings accepted as adopted (SPEC §7.2)
    acknowledged: list[Acknowledgement] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def is_register_entry(self) -> bool:
        """A state-secret document: only its register entry is in the corpus."""
        return self.classification in SECRET_LEVELS

    @property
    def publish_date(self) -> dt.date | None:
        return self.published_on or self.signed_on


@dataclass
class Version:
    source: Source
    regulation_slug: str
    file_date: dt.date | None  # the date in the file name, None if malformed
    effective_on: dt.date | None = None
    adopted_on: dt.date | None = None
    issued_by: str | None = None
    summary: str | None = None
    #: findings accepted as adopted (SPEC §7.2)
    acknowledged: list[Acknowledgement] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def public_from(self) -> dt.date | None:
        return self.adopted_on or self.effective_on


@dataclass
class Regulation:
    slug: str
    source: Source | None  # regulation.yml (None when missing)
    title: str = ""
    category: str = ""
    issuer: str = ""
    department: str = ""
    repealed_on: dt.date | None = None
    repealed_by: str | None = None
    versions: list[Version] = field(default_factory=list)  # by file name


@dataclass
class DisclosureItem:
    source: Source
    slug: str
    posting: tuple[int, int] | None  # (year, quarter) from the folder
    title: str = ""
    category: str = ""
    kind: DisclosureKind = DisclosureKind.REGULAR
    department: str = ""
    approved_by: str | None = None
    approved_on: dt.date | None = None
    completed_on: dt.date | None = None
    comment_until: dt.date | None = None
    related: list[str] = field(default_factory=list)
    #: what an editor still has to verify (SPEC §7.1); never public while non-empty
    review: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def approved(self) -> bool:
        return bool(self.approved_by) and self.approved_on is not None


@dataclass
class InfoPage:
    """A page the agency writes (``content/pages/<name>.md``): the 政府信息公开指南."""

    source: Source
    name: str
    title: str = ""
    updated_on: dt.date | None = None

    @property
    def path(self) -> str:
        return self.source.path


@dataclass
class Corpus:
    """Everything read from one corpus root."""

    root: str
    agency: Agency
    documents: list[Document] = field(default_factory=list)
    regulations: dict[str, Regulation] = field(default_factory=dict)
    disclosures: list[DisclosureItem] = field(default_factory=list)
    #: every file read, in path order, including ones that failed to parse
    sources: list[Source] = field(default_factory=list)
    #: structural problems found while walking the tree: (path, line, message)
    layout_problems: list[tuple[str, int, str]] = field(default_factory=list)
    #: extra working-day table supplied by the corpus (content/holidays.yml)
    holidays_path: str | None = None
    #: Markdown attachment files read (content/attachments/…/*.md), by root-relative path
    attachments: dict[str, Source] = field(default_factory=dict)
    #: every regular file under content/attachments/ (not hidden, not a link), root-relative
    attachment_files: set[str] = field(default_factory=set)
    #: the root's mkdocs.yml as read and reviewed (generator.corpus.siteconfig); None: absent
    site_config: object | None = None
    #: content/pages/<name>.md by name (the 政府信息公开指南 is ``guide``)
    pages: dict[str, InfoPage] = field(default_factory=dict)
    #: content/annual-reports/<YYYY>.yml by year (the office's figures for the annual report)
    annual_reports: dict[int, Source] = field(default_factory=dict)

    def documents_by_number(self) -> dict[DocNumber, list[Document]]:
        index: dict[DocNumber, list[Document]] = {}
        for doc in self.documents:
            if doc.number is not None:
                index.setdefault(doc.number, []).append(doc)
        return index

    def known_codes(self) -> list[str]:
        """Registered 代字 and those used in document numbers, longest first (for citation matching)."""
        codes = set(self.agency.codes)
        codes.update(d.number.code for d in self.documents if d.number is not None)
        return sorted(codes, key=len, reverse=True)

    @property
    def versions(self) -> list[Version]:
        return [v for r in self.regulations.values() for v in r.versions]
