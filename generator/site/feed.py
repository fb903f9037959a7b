"""The Atom feed (``/feed.xml``) of published documents and disclosure-day postings.

With ``site.yml: site_url`` every link is the page's full address. Without it the links are
relative to the feed (Atom allows that: readers resolve them against the feed's own address)
and the ids, which Atom requires to be absolute and permanent, are ``urn:uuid:`` names derived
from the agency and the page's path, so they do not change when the site gets its address
later. ``govpub check`` warns about a missing ``site_url`` (F004, warning): a sitemap needs
absolute addresses, so without one the site has none.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from feedgen.feed import FeedGenerator

from ..publish import PublicView
from .pages import _url_of, document_page, posting_page

MAX_ENTRIES = 100


def _when(d: dt.date) -> dt.datetime:
    # China Standard Time, midnight: the dates are calendar days in Beijing.
    return dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _urn(agency: str, path: str) -> str:
    """A permanent absolute id for a page of a site that has no address yet."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"govpub:{agency}:/{path}").urn


def write_feed(view: PublicView, builder, path: Path) -> None:
    site_url = (view.agency.site_url or "").strip()
    base = site_url.rstrip("/") + "/" if site_url else ""
    agency = view.agency.agency or "govpub"

    def link(page_path: str) -> str:
        return base + page_path

    def ident(page_path: str) -> str:
        return base + page_path if base else _urn(agency, page_path)

    entries = []
    for doc in view.documents:
        page = _url_of(document_page(doc))
        summary = f"{doc.number} · {doc.doc_type} · 成文日期 {doc.signed_on.isoformat()}"
        entries.append((doc.publish_date, page, doc.title, summary))
    for posting in view.postings:
        if posting.day > view.as_of:
            continue
        page = _url_of(posting_page(posting))
        title = f"{posting.year}年第{'一二三四'[posting.quarter - 1]}季度政务公开"
        summary = "、".join(i.title for i in posting.items[:5])
        entries.append((posting.day, page, title, summary))
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    entries = entries[:MAX_ENTRIES]

    fg = FeedGenerator()
    fg.id(base or _urn(agency, ""))
    fg.title(f"{view.agency.agency}：公文与政务公开")
    fg.author({"name": agency})
    fg.link(href=base or "./", rel="alternate")
    fg.link(href=link("feed.xml"), rel="self")
    fg.language("zh-CN")
    fg.generator("govpub")
    fg.updated(_when(entries[0][0]) if entries else _when(view.as_of))
    for when, page, title, summary in reversed(entries):  # feedgen prepends
        fe = fg.add_entry()
        fe.id(ident(page))
        fe.title(title)
        fe.link(href=link(page) or "./")
        fe.summary(summary)
        fe.updated(_when(when))
        fe.published(_when(when))
    path.write_bytes(fg.atom_str(pretty=True))
