"""What the site's search indexes: public documents, disclosure items and the
articles of public regulation versions — all read from the public view."""

from __future__ import annotations

from ..search import SearchUnit
from ..text.compare import article_text
from .pages import SiteBuilder, _url_of, document_page, posting_page, regulation_page, version_page
from .render import cn_date


def search_units(builder: SiteBuilder) -> list[SearchUnit]:
    view = builder.view
    units: list[SearchUnit] = []
    for doc in view.documents:
        body = "\n".join(t for _, t in doc.source.paragraphs())
        units.append(SearchUnit(
            url=_url_of(document_page(doc)), title=doc.title, kind="document",
            text="\n".join([doc.title, str(doc.number), body, *[a.title for a in doc.attachments]]),
            meta=f"{doc.number} · {doc.doc_type} · {cn_date(doc.signed_on)}",
            date=doc.signed_on.isoformat(), numbers=[str(doc.number)],
        ))
    for posting in view.postings:
        for item in posting.items:
            body = "\n".join(t for _, t in item.source.paragraphs())
            units.append(SearchUnit(
                url=_url_of(posting_page(posting)) + f"#{item.slug}", title=item.title, kind="disclosure",
                text=f"{item.title}\n{body}",
                meta=f"政务公开 · {item.category} · {cn_date(posting.day)}",
                date=(item.approved_on or posting.day).isoformat(),
            ))
    for pr in view.regulations:
        shown = [pv for pv in pr.versions if pv is pr.current or pv.status == "尚未施行"]
        if not shown and pr.versions:
            shown = [pr.versions[-1]]
        for pv in shown:
            base = _url_of(regulation_page(pr.slug) if pv is pr.current or len(shown) == 1
                           else version_page(pr.slug, pv.version))
            label = "" if pv.status == "现行有效" else f"（{pv.status}）"
            for art in builder.parsed(pv.version).articles:
                units.append(SearchUnit(
                    url=f"{base}#art-{art.number}", title=f"{pr.regulation.title} {art.label}{label}",
                    kind="article", text=f"{art.label} {article_text(art)}",
                    meta=f"规章制度 · {pr.status} · {cn_date(pv.version.effective_on)}施行",
                    date=pv.version.effective_on.isoformat(),
                ))
    return units
