"""The Atom feed (``/feed.xml``) of published documents and disclosure-day postings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from feedgen.feed import FeedGenerator

from ..publish import PublicView
from .pages import _url_of, document_page, posting_page

MAX_ENTRIES = 100


def _when(d: dt.date) -> dt.datetime:
    # China Standard Time, midnight: the dates are calendar days in Beijing.
    return dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def write_feed(view: PublicView, builder, path: Path) -> None:
    base = (view.agency.site_url or "http://localhost/").rstrip("/") + "/"
    entries = []
    for doc in view.documents:
        url = base + _url_of(document_page(doc))
        summary = f"{doc.number} · {doc.doc_type} · 成文日期 {doc.signed_on.isoformat()}"
        entries.append((doc.publish_date, url, doc.title, summary))
    for posting in view.postings:
        if posting.day > view.as_of:
            continue
        url = base + _url_of(posting_page(posting))
        title = f"{posting.year}年第{'一二三四'[posting.quarter - 1]}季度政务公开"
        summary = "、".join(i.title for i in posting.items[:5])
        entries.append((posting.day, url, title, summary))
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    entries = entries[:MAX_ENTRIES]

    fg = FeedGenerator()
    fg.id(base)
    fg.title(f"{view.agency.agency}：公文与政务公开")
    fg.author({"name": view.agency.agency or "govpub"})
    fg.link(href=base, rel="alternate")
    fg.link(href=base + "feed.xml", rel="self")
    fg.language("zh-CN")
    fg.generator("govpub")
    fg.updated(_when(entries[0][0]) if entries else _when(view.as_of))
    for when, url, title, summary in reversed(entries):  # feedgen prepends
        fe = fg.add_entry()
        fe.id(url)
        fe.title(title)
        fe.link(href=url)
        fe.summary(summary)
        fe.updated(_when(when))
        fe.published(_when(when))
    path.write_bytes(fg.atom_str(pretty=True))
