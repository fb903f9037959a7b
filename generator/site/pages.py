"""The pages of the public site, as Markdown files for MkDocs.

Python builds each page's context from the :class:`~generator.publish.PublicView`
(never from the corpus directly) and Jinja2 renders it with the templates in
``generator/site_templates/``. Corpus text goes through :mod:`.render`, which
escapes it.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..model import DisclosureItem, Document
from ..publish import Posting, PublicRegulation, PublicVersion, PublicView, disclosure_note
from ..text.articles import ParsedRegulation, parse_regulation
from ..text.calendar import next_disclosure_day
from ..text.compare import compare_versions
from ..text.numerals import int_to_cn
from . import render

TEMPLATES = Path(__file__).resolve().parent.parent / "site_templates"

KIND_LABELS = {"regular": "定期公开", "prompt": "重要/临时事项", "pre": "征求意见"}
STATUS_CLASSES = {
    "现行有效": "valid",
    "已修订": "revised",
    "尚未施行": "upcoming",
    "已废止": "repealed",
    "有效": "valid",
    "失效": "expired",
    "废止": "repealed",
}


@dataclass
class Page:
    """One generated Markdown file: its path under docs/ and its text."""

    path: str
    text: str


@dataclass
class SitePlan:
    pages: list[Page] = field(default_factory=list)
    nav: list = field(default_factory=list)
    #: files to copy into the site: (path under docs/, absolute source path)
    files: list[tuple[str, str]] = field(default_factory=list)


# -- URLs (stable: published URLs never change) -----------------------------------


def document_page(doc: Document) -> str:
    return f"documents/{doc.signed_on.year}/{doc.slug}.md"


def regulation_page(slug: str) -> str:
    return f"regulations/{slug}/index.md"


def version_page(slug: str, ver) -> str:
    return f"regulations/{slug}/{ver.effective_on.isoformat()}.md"


def changes_page(slug: str) -> str:
    return f"regulations/{slug}/changes.md"


def posting_page(posting: Posting) -> str:
    return f"disclosure/{posting.name}.md"


def _url_of(page: str) -> str:
    """Site URL (directory style, without leading slash) of a generated page."""
    if page.endswith("index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"


def url_rel(from_page: str, to: str) -> str:
    """Relative URL from the page built from ``from_page`` to ``to`` (a page or a file).

    Raw HTML is not rewritten by MkDocs, so its links must be relative to the
    page's URL (``documents/2025/x/``), not to its Markdown file.
    """
    target = _url_of(to) if to.endswith(".md") else to
    base = _url_of(from_page)
    rel = posixpath.relpath("/" + target, "/" + base) if target else posixpath.relpath("/", "/" + base)
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel


#: where the documents catalog lives in the site (see :meth:`SiteBuilder.data_files`)
CATALOG_DIR = "documents/catalog/"


def _counts(values) -> list[list[int]]:
    """``[[value, how often], …]`` in value order."""
    from collections import Counter

    return [[v, n] for v, n in sorted(Counter(values).items())]


def _json(obj) -> bytes:
    import json

    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


# -- attachments ----------------------------------------------------------------------

_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")


def attachment_note(titles: list[str]) -> str:
    """The 附件说明 after the body, as Markdown for one paragraph (GB/T 9704 7.3.5: several
    attachments are numbered 1. 2. …, their names aligned under the first)."""
    if len(titles) == 1:
        return render.escape_md(titles[0])
    return "<br>　　　".join(f"{n}\\.{render.escape_md(t)}" for n, t in enumerate(titles, 1))


def attachment_markdown(markdown: str, title: str) -> str:
    """An attachment's Markdown as it sits under its ``## 附件`` heading (before sanitising):
    a first heading that only repeats the attachment's title is dropped (the page shows the
    title once), and the other headings move two levels down so they nest under it."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        m = _ATX.match(lines[first].strip())
        if m and _same_title(m.group(2), title):
            del lines[first]
    out, fence = [], None
    for line in lines:
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            fence = None if fence == marker else (fence or marker)
        elif fence is None:
            m = _ATX.match(line)
            if m:
                line = "#" * min(6, len(m.group(1)) + 2) + " " + m.group(2)
        out.append(line)
    return "\n".join(out).strip("\n")


def _same_title(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[\s\\《》“”\"]", "", s)

    return norm(a) == norm(b)


# -- contexts -----------------------------------------------------------------------


def template_env() -> jinja2.Environment:
    """The Jinja environment of the page templates (``site_templates/``)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=False,  # output is Markdown; values are escaped explicitly
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        md=render.escape_md,
        html=render.escape_html,
        cn_date=render.cn_date,
        meta=render.meta_str,
        status_class=lambda s: STATUS_CLASSES.get(s, "other"),
    )
    return env


def annual_report_markdown(report, path: str = "report.md", downloads: dict | None = None) -> str:
    """The 政府信息公开工作年度报告 as a Markdown page (the site's 年报 page, ``report annual``)."""
    from ..corpus import annual_data as D

    env = template_env()
    return env.get_template("annual_report.md.j2").render(
        page=path,
        report=report,
        D=D,
        downloads=downloads or {},
        url=lambda to: url_rel(path, to),
        rel=lambda to: render.rel_link(path, to),
    )


class SiteBuilder:
    def __init__(self, view: PublicView, known_codes=()):
        self.view = view
        self.agency = view.agency
        self.as_of = view.as_of
        self.known_codes = tuple(known_codes)
        self.docs_by_number = view.document_by_number()
        self.env = template_env()
        self._parsed: dict[str, ParsedRegulation] = {}
        #: the public annual reports, by year (:func:`generator.report.build_report`), set by
        #: the build: they are counted from the corpus as the public saw it on 31 December
        self.annual_reports: dict = {}
        #: the Word file of each annual report on the site: year → (site path, file on disk)
        self.report_downloads: dict[int, tuple[str, str]] = {}

    # helpers ------------------------------------------------------------------
    def parsed(self, ver) -> ParsedRegulation:
        if ver.path not in self._parsed:
            self._parsed[ver.path] = parse_regulation(ver.source.body)
        return self._parsed[ver.path]

    def number_url(self, from_page: str):
        """The URL (relative to the page's own URL) of the public document a 发文字号 names, or None."""

        def url_for(number: str) -> str | None:
            doc = self.docs_by_number.get(number)
            return url_rel(from_page, document_page(doc)) if doc else None

        return url_for

    def doc_ref(self, number: str | None, from_page: str) -> str:
        """A number as a link when its document is public, else as text (or nothing)."""
        if not number:
            return ""
        doc = self.docs_by_number.get(number)
        if doc is None:
            return render.escape_md(number)
        return render.md_link(render.escape_md(number), render.rel_link(from_page, document_page(doc)))

    def doc_ref_html(self, number: str | None, from_page: str) -> str:
        """Like :meth:`doc_ref`, for raw HTML contexts (tables, timelines)."""
        if not number:
            return ""
        doc = self.docs_by_number.get(number)
        if doc is None:
            return render.escape_html(number)
        href = url_rel(from_page, document_page(doc))
        return f'<a href="{render.escape_html(href)}">{render.escape_html(number)}</a>'

    def render_page(self, template: str, path: str, **ctx) -> Page:
        text = self.env.get_template(template).render(
            page=path,
            rel=lambda to: render.rel_link(path, to),
            url=lambda to: url_rel(path, to),
            agency=self.agency,
            as_of=self.as_of,
            **ctx,
        )
        return Page(path, text)

    # pages ----------------------------------------------------------------------
    def plan(self) -> SitePlan:
        plan = SitePlan()
        plan.pages.append(self.home())
        plan.pages.append(self.render_page("search.md.j2", "search.md"))
        plan.pages += self.disclosure_pages()
        plan.pages += self.document_pages(plan)
        plan.pages += self.regulation_pages()
        plan.pages += self.column_pages(plan)
        plan.pages.append(self.sitemap_page())
        plan.nav = self.nav()
        plan.files += self.extra_files
        return plan

    # the 政府信息公开 column, 年报 and 网站地图 ----------------------------------------------
    def disclosure_regulations(self) -> list[PublicRegulation]:
        """政府信息公开制度: the regulations whose category speaks of 公开 (政务公开, 信息公开 …)."""
        return [pr for pr in self.view.regulations if "公开" in (pr.regulation.category or "")]

    def column_pages(self, plan: SitePlan) -> list[Page]:
        from . import website as W

        view = self.view
        guide = view.guide
        pages = [
            self.render_page(
                "xxgk_index.md.j2",
                W.COLUMN_INDEX,
                guide=guide,
                rules=self.disclosure_regulations(),
                reports=view.annual_reports,
                documents=len(view.documents),
                items=sum(len(p.items) for p in view.postings),
                regulations=sum(1 for pr in view.regulations if pr.status == "现行有效"),
                W=W,
            )
        ]
        body = ""
        if guide is not None:
            body = render.body_html(
                [t for _, t in guide.source.paragraphs()], self.number_url(W.GUIDE_PAGE), self.known_codes
            )
        pages.append(
            self.render_page(
                "xxgk_guide.md.j2", W.GUIDE_PAGE, guide=guide, body=body, website=self.agency.website or {}
            )
        )
        pages.append(
            self.render_page(
                "xxgk_rules.md.j2", W.RULES_PAGE, rules=self.disclosure_regulations(), regulation_page=regulation_page
            )
        )
        pages.append(self.render_page("xxgk_proactive.md.j2", W.PROACTIVE_PAGE, **self.proactive_context()))
        pages.append(
            self.render_page(
                "annual_reports_index.md.j2",
                W.REPORTS_INDEX,
                reports=[self.annual_reports[y] for y in view.annual_reports if y in self.annual_reports],
                report_page=W.report_page,
            )
        )
        for year in view.annual_reports:
            report = self.annual_reports.get(year)
            if report is None:
                continue
            path = W.report_page(year)
            downloads = {}
            if year in self.report_downloads:
                target, source = self.report_downloads[year]
                plan.files.append((target, source))
                downloads = {"href": url_rel(path, target), "name": f"{report.title}.docx"}
            pages.append(Page(path, annual_report_markdown(report, path, downloads)))
        return pages

    def proactive_context(self) -> dict:
        """法定主动公开内容 (条例 Art. 20): what of it this site holds, with counts and links."""
        from collections import Counter

        from ..schema import DISCLOSURE_CATEGORIES, DOC_TYPES

        view = self.view
        types = Counter(d.doc_type for d in view.documents)
        categories: dict[str, list] = {}
        for posting in view.postings:
            for item in posting.items:
                categories.setdefault(item.category, []).append((item, posting))
        return {
            "doc_types": [(t, types[t]) for t in DOC_TYPES if types.get(t)],
            "documents": len(view.documents),
            "categories": [(c, categories[c]) for c in DISCLOSURE_CATEGORIES if c in categories],
            "postings": view.postings,
            "in_force": [pr for pr in view.regulations if pr.status == "现行有效"],
            "posting_page": posting_page,
            "regulation_page": regulation_page,
        }

    def sitemap_page(self) -> Page:
        from . import website as W

        years = sorted({d.signed_on.year for d in self.view.documents}, reverse=True)
        return self.render_page(
            "sitemap.md.j2",
            W.SITEMAP_PAGE,
            W=W,
            years=years,
            postings=self.view.postings,
            groups=self.regulation_groups(),
            reports=self.view.annual_reports,
            posting_page=posting_page,
            regulation_page=regulation_page,
        )

    def open_consultations(self) -> list[tuple[DisclosureItem, Posting]]:
        out = []
        for posting in self.view.postings:
            for item in posting.items:
                if item.kind == "pre" and item.comment_until and item.comment_until >= self.as_of:
                    out.append((item, posting))
        return sorted(out, key=lambda p: p[0].comment_until)

    def home(self) -> Page:
        latest = next((p for p in self.view.postings if p.day <= self.as_of), None)
        return self.render_page(
            "home.md.j2",
            "index.md",
            latest_posting=latest,
            next_day=next_disclosure_day(self.as_of + dt.timedelta(days=1), self.agency.disclosure_day)
            if self.agency.disclosure_day
            else None,
            consultations=self.open_consultations(),
            documents=self.view.documents[:10],
            regulations=self.view.regulations,
            doc_page=document_page,
            posting_page=posting_page,
        )

    # disclosure -------------------------------------------------------------------
    def disclosure_pages(self) -> list[Page]:
        pages = [
            self.render_page(
                "disclosure_index.md.j2",
                "disclosure/index.md",
                postings=self.view.postings,
                posting_page=posting_page,
                consultations=self.open_consultations(),
                next_day=next_disclosure_day(self.as_of + dt.timedelta(days=1), self.agency.disclosure_day),
            )
        ]
        for posting in self.view.postings:
            path = posting_page(posting)
            groups: dict[str, list] = {}
            for item in posting.items:
                body = render.body_html(
                    [t for _, t in item.source.paragraphs()], self.number_url(path), self.known_codes
                )
                related = [self.doc_ref(n, path) for n in self._canonical_all(item.related)]
                groups.setdefault(item.category, []).append(
                    {
                        "item": item,
                        "body": body,
                        "kind_label": KIND_LABELS.get(item.kind, ""),
                        "open": item.kind == "pre"
                        and item.comment_until is not None
                        and item.comment_until >= self.as_of,
                        "related": [r for r in related if r],
                    }
                )
            pages.append(self.render_page("posting.md.j2", path, posting=posting, groups=sorted(groups.items())))
        return pages

    def _canonical_all(self, numbers: list[str]) -> list[str]:
        from ..text.docnumber import normalise_doc_number

        out = []
        for n in numbers:
            parsed = normalise_doc_number(n)
            out.append(str(parsed) if parsed else n)
        return out

    # documents ----------------------------------------------------------------------
    def index_number(self, doc: Document) -> str | None:
        if not self.agency.index_prefix or doc.number is None:
            return None
        n = doc.number
        return f"{self.agency.index_prefix}/{n.year}-{n.code}-{n.seq:05d}"

    def document_pages(self, plan: SitePlan) -> list[Page]:
        pages = []
        by_year: dict[int, list[Document]] = {}
        for doc in self.view.documents:
            by_year.setdefault(doc.signed_on.year, []).append(doc)
        pages.append(
            self.render_page(
                "documents_index.md.j2",
                "documents/index.md",
                years=sorted(by_year.items(), reverse=True),
                total=len(self.view.documents),
                catalog=CATALOG_DIR + "index.json",
                **self.document_facets(),
                doc_page=document_page,
            )
        )
        for year, docs in sorted(by_year.items()):
            pages.append(
                self.render_page(
                    "documents_year.md.j2",
                    f"documents/{year}/index.md",
                    year=year,
                    docs=docs,
                    doc_page=document_page,
                    types=sorted({d.doc_type for d in docs}),
                    departments=sorted({d.department for d in docs}),
                )
            )
        for doc in self.view.documents:
            path = document_page(doc)
            attachments = self.attachment_entries(doc, path, plan)
            regulation = None
            if doc.regulation:
                slug = doc.regulation.split("/")[0].split("@")[0]
                pr = next((r for r in self.view.regulations if r.slug == slug), None)
                if pr is not None:
                    ver = next((pv.version for pv in pr.versions if pv.version.issued_by == str(doc.number)), None)
                    target = version_page(slug, ver) if ver else regulation_page(slug)
                    regulation = {"title": pr.regulation.title, "link": render.rel_link(path, target)}
            pages.append(
                self.render_page(
                    "document.md.j2",
                    path,
                    doc=doc,
                    index_number=self.index_number(doc),
                    body=render.body_html(
                        [t for _, t in doc.source.paragraphs()], self.number_url(path), self.known_codes
                    ),
                    attachments=attachments,
                    attachment_note=attachment_note([a.title for a in doc.attachments]),
                    regulation=regulation,
                    repealed_by=self.doc_ref(doc.repealed_by and self._canonical_all([doc.repealed_by])[0], path),
                    disclosure_note=disclosure_note(doc, self.agency),
                    docx={"href": f"{doc.slug}.docx", "name": f"{doc.number} {doc.title}.docx"}
                    if self.downloads
                    else None,
                )
            )
        return pages

    view_root: str | None = None
    downloads: bool = False
    #: Markdown attachment files as read by the loader (root-relative path → Source)
    attachment_sources: dict = {}
    #: files the site configuration brings (logo, CSS, JS): (site path, absolute source path)
    extra_files: list = []

    def attachment_entries(self, doc: Document, page: str, plan: SitePlan) -> list[dict]:
        """The document's attachments for its page: Markdown ones rendered and sanitised, other
        files copied beside the page under a name that no other attachment and not the Word
        download uses. Only files :func:`~generator.corpus.attachments.attachment_problem`
        accepts are ever read or copied, whatever the check said."""
        from ..corpus.attachments import attachment_problem

        entries = []
        folder = f"documents/{doc.signed_on.year}/{doc.slug}"
        taken = {f"{doc.slug}.docx".lower()}
        for i, att in enumerate(doc.attachments, 1):
            entry = {"n": i, "title": att.title, "markdown": None, "download": None}
            entries.append(entry)
            if not att.file or not self.view_root or attachment_problem(self.view_root, att.file):
                continue
            src = Path(self.view_root) / att.file
            if not src.is_file():
                continue
            if src.suffix.lower() == ".md":
                source = self.attachment_sources.get(att.file)
                if source is not None and source.text is not None:
                    text = attachment_markdown("\n".join(t for _, t in source.body), att.title)
                    entry["markdown"] = render.attachment_html(text.split("\n"))
                continue
            name = src.name
            if name.lower() in taken:  # two attachments of one name must not overwrite each other
                name = f"附件{i}-{src.name}"
            taken.add(name.lower())
            target = f"{folder}/{name}"
            plan.files.append((target, str(src)))
            entry["download"] = render.url_path(render.rel_link(page, target))
        return entries

    # the documents catalog (the filters of /documents/) --------------------------------------
    def document_facets(self) -> dict:
        """文种, 机构 and 主题 of the public documents with their counts, in a stable order
        (文种 as the 条例 lists them; the others most frequent first)."""
        from collections import Counter

        from ..schema import DOC_TYPES

        docs = self.view.documents
        types = Counter(d.doc_type for d in docs)
        departments = Counter(d.department for d in docs if d.department)
        topics = Counter(t for d in docs for t in dict.fromkeys(d.topics) if t)
        by_count = lambda c: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))  # noqa: E731
        return {
            "types": [(t, types[t]) for t in DOC_TYPES if types.get(t)],
            "departments": by_count(departments),
            "topics": by_count(topics),
        }

    def data_files(self) -> dict[str, bytes]:
        """Files of the site that are data, not pages: the documents catalog that the filters
        of ``/documents/`` read (``documents/catalog/index.json`` with the facets and, per
        year, how many documents have each — ``[[facet index, count], …]``;
        ``documents/catalog/<year>.json`` with that year's documents). The browser fetches only
        the years a filter can match, newest first, and only as many as the page shows."""
        facets = self.document_facets()
        types = [t for t, _ in facets["types"]]
        departments = [d for d, _ in facets["departments"]]
        topics = [t for t, _ in facets["topics"]]
        ti, di, oi = ({v: i for i, v in enumerate(xs)} for xs in (types, departments, topics))
        statuses = sorted({d.status for d in self.view.documents})
        si = {v: i for i, v in enumerate(statuses)}
        by_year: dict[int, list[Document]] = {}
        for doc in self.view.documents:  # newest first
            by_year.setdefault(doc.signed_on.year, []).append(doc)
        files: dict[str, bytes] = {}
        years = []
        for year, docs in sorted(by_year.items(), reverse=True):
            rows = [
                [
                    d.slug,
                    str(d.number),
                    d.title,
                    ti[d.doc_type],
                    di.get(d.department, -1),
                    [oi[t] for t in dict.fromkeys(d.topics) if t in oi],
                    d.signed_on.strftime("%m%d"),
                    si[d.status],
                ]
                for d in docs
            ]
            files[f"{CATALOG_DIR}{year}.json"] = _json({"year": year, "docs": rows})
            years.append(
                {
                    "year": year,
                    "count": len(docs),
                    "types": _counts(ti[d.doc_type] for d in docs),
                    "departments": _counts(di[d.department] for d in docs if d.department in di),
                    "topics": _counts(oi[t] for d in docs for t in dict.fromkeys(d.topics) if t in oi),
                }
            )
        files[f"{CATALOG_DIR}index.json"] = _json(
            {
                "format": 1,
                "types": types,
                "departments": departments,
                "topics": topics,
                "statuses": statuses,
                "years": years,
            }
        )
        return files

    # regulations ----------------------------------------------------------------------
    def article_blocks(self, parsed: ParsedRegulation, from_page: str) -> list[dict]:
        """Chapters, sections and articles in reading order, escaped and anchored."""
        url_for = self.number_url(from_page)
        blocks: list[dict] = []
        chapters = {c.number: c for c in parsed.chapters}
        seen_ch: set[int] = set()
        seen_sec: set[tuple[int, int]] = set()
        for art in parsed.articles:
            if art.chapter is not None and art.chapter not in seen_ch and art.chapter in chapters:
                seen_ch.add(art.chapter)
                ch = chapters[art.chapter]
                label = f"第{int_to_cn(ch.number)}章 {ch.title}".strip()
                blocks.append(
                    {
                        "type": "chapter",
                        "id": f"ch-{ch.number}",
                        "title": render.escape_md(label),
                        "title_html": render.escape_html(label),
                    }
                )
            if art.section is not None and art.chapter is not None and (art.chapter, art.section) not in seen_sec:
                seen_sec.add((art.chapter, art.section))
                sec = (
                    next((s for s in chapters.get(art.chapter).sections if s.number == art.section), None)
                    if art.chapter in chapters
                    else None
                )
                if sec is not None:
                    blocks.append(
                        {
                            "type": "section",
                            "id": f"ch-{art.chapter}-sec-{sec.number}",
                            "title": render.escape_md(f"第{int_to_cn(sec.number)}节 {sec.title}".strip()),
                        }
                    )
            paras = []
            anchor = f"art-{art.number}"
            label_html = (
                f'<a class="gp-art-label" href="#{anchor}" title="复制此链接即可引用本条">'
                f"{render.escape_html(art.label)}</a>"
            )
            for k, clause in enumerate(art.clauses):
                if clause.text:
                    inner = render.linked_html(clause.text, url_for, self.known_codes)
                    html = (
                        render.paragraph_html(f"{label_html}　{inner}", "gp-article", anchor)
                        if k == 0
                        else render.paragraph_html(inner, "gp-clause")
                    )
                    paras.append({"html": html})
                for item in clause.items:
                    inner = render.linked_html(f"{item.marker}{item.text}", url_for, self.known_codes)
                    paras.append({"html": render.paragraph_html(inner, "gp-item")})
            blocks.append({"type": "article", "id": anchor, "label_html": label_html, "paras": paras})
        return blocks

    def regulation_pages(self) -> list[Page]:
        pages = [
            self.render_page(
                "regulations_index.md.j2",
                "regulations/index.md",
                groups=self.regulation_groups(),
                regulation_page=regulation_page,
            )
        ]
        for pr in self.view.regulations:
            slug = pr.slug
            shown = pr.current or pr.versions[-1] if pr.versions else None
            if pr.current is None and pr.status == "尚未施行":
                shown = pr.versions[0]
            path = regulation_page(slug)
            pages.append(self.regulation_text_page("regulation.md.j2", path, pr, shown))
            for pv in pr.versions:
                pages.append(self.regulation_text_page("version.md.j2", version_page(slug, pv.version), pr, pv))
            pages.append(self.changes(pr))
        return pages

    def regulation_groups(self):
        groups: dict[str, list[PublicRegulation]] = {}
        for pr in self.view.regulations:
            groups.setdefault(pr.regulation.category or "其他", []).append(pr)
        return sorted(groups.items())

    def regulation_text_page(self, template: str, path: str, pr: PublicRegulation, pv: PublicVersion) -> Page:
        parsed = self.parsed(pv.version)
        blocks = self.article_blocks(parsed, path)
        preamble = [
            render.paragraph_html(render.linked_html(t.strip(), self.number_url(path), self.known_codes))
            for _, t in parsed.preamble
            if t.strip() and not t.lstrip().startswith("#")
        ]
        upcoming = [v for v in pr.versions if v.status == "尚未施行" and v is not pv]
        return self.render_page(
            template,
            path,
            pr=pr,
            pv=pv,
            blocks=blocks,
            preamble=preamble,
            chapters=[b for b in blocks if b["type"] == "chapter"],
            issued_by=self.doc_ref_html(pv.version.issued_by and self._canonical_all([pv.version.issued_by])[0], path),
            repealed_by=self.doc_ref(
                pr.regulation.repealed_by and self._canonical_all([pr.regulation.repealed_by])[0], path
            ),
            upcoming=upcoming,
            version_page=version_page,
            changes_page=changes_page,
            regulation_page=regulation_page,
        )

    def changes(self, pr: PublicRegulation) -> Page:
        path = changes_page(pr.slug)
        pairs = []
        for old, new in zip(pr.versions, pr.versions[1:]):
            cmp = compare_versions(self.parsed(old.version), self.parsed(new.version))
            entries = []
            for ch in cmp.changes:
                if ch.kind == "unchanged":
                    continue
                entries.append(
                    {
                        "kind": ch.kind,
                        "old": ch.old.label if ch.old else None,
                        "new": ch.new.label if ch.new else None,
                        "new_id": f"art-{ch.new.number}" if ch.new else None,
                        "html": _change_html(ch),
                    }
                )
            pairs.append(
                {
                    "old": old,
                    "new": new,
                    "cmp": cmp,
                    "entries": entries,
                    "renumbered": [e for e in entries if e["kind"] == "renumbered"],
                    "edits": [e for e in entries if e["kind"] != "renumbered"],
                }
            )
        return self.render_page(
            "changes.md.j2",
            path,
            pr=pr,
            pairs=pairs,
            issued={
                pv.version.path: self.doc_ref_html(
                    pv.version.issued_by and self._canonical_all([pv.version.issued_by])[0], path
                )
                for pv in pr.versions
            },
            version_page=version_page,
            regulation_page=regulation_page,
        )

    # navigation --------------------------------------------------------------------
    def nav(self) -> list:
        years = sorted({d.signed_on.year for d in self.view.documents}, reverse=True)
        # navigation titles go into mkdocs.yml, and Material writes them into pages unescaped
        regs = [
            {
                render.config_text(title): [
                    {render.config_text(pr.regulation.title): regulation_page(pr.slug)} for pr in items
                ]
            }
            for title, items in self.regulation_groups()
        ]
        postings = [{f"{p.year}年第{int_to_cn(p.quarter)}季度": posting_page(p)} for p in self.view.postings]
        from . import website as W

        reports = [{f"{y}年": W.report_page(y)} for y in self.view.annual_reports]
        column = [
            W.COLUMN_INDEX,
            {"政府信息公开指南": W.GUIDE_PAGE},
            {"政府信息公开制度": W.RULES_PAGE},
            {"法定主动公开内容": W.PROACTIVE_PAGE},
            {"政府信息公开年报": [W.REPORTS_INDEX, *reports]},
        ]
        return [
            {"首页": "index.md"},
            {"政府信息公开": column},
            {"政务公开": ["disclosure/index.md", *postings]},
            {"公文": ["documents/index.md", *[{f"{y}年": f"documents/{y}/index.md"} for y in years]]},
            {"规章制度": ["regulations/index.md", *regs]},
            {"检索": "search.md"},
        ]


def _change_html(ch) -> str:
    """Inline HTML of one article change, every piece of text escaped."""
    from ..text.compare import article_text

    if ch.kind == "changed":
        parts = []
        for seg in ch.segments:
            text = render.escape_html(seg.text).replace("\n", "<br>")
            if seg.op == "insert":
                parts.append(f'<ins class="gp-ins">{text}</ins>')
            elif seg.op == "delete":
                parts.append(f'<del class="gp-del">{text}</del>')
            else:
                parts.append(text)
        return "".join(parts)
    art = ch.new or ch.old
    text = render.escape_html(article_text(art)).replace("\n", "<br>")
    if ch.kind == "added":
        return f'<ins class="gp-ins">{text}</ins>'
    if ch.kind == "deleted":
        return f'<del class="gp-del">{text}</del>'
    return text
