"""One version of a regulation (规章制度) as a DOCX in the GB/T 9704 page and type.

Layout (the usual way regulations are printed): the title in 2号 小标宋 centred; under it, centred, the
adoption line "（2026年2月6日通过　区建发〔2026〕2号印发　自2026年3月1日起施行）" and the
修订说明 when the version has one; chapters (第X章) centred in 黑体 and sections (第X节)
centred in 楷体; each article starts "第X条" in 黑体, a full-width space and its text, its
further 款 are indented paragraphs and its 项 indented paragraphs too; page numbers as in
a 公文 (cl. 7.5). The same page grid, styles and deterministic packaging as
:mod:`generator.docx.document`.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from ..model import Agency, Regulation, Version
from ..text.articles import parse_regulation
from ..text.dates import cn_date
from ..text.numerals import int_to_cn
from ..text.outline import split_outline_marker
from . import layout as L
from .builder import CoreProps, GovDocx, Span
from .document import page_number_footers
from .measure import break_title, text_width

__all__ = ["write_regulation", "regulation_meta_line"]

_ARTICLE_SEP = "\u3000"


def regulation_meta_line(regulation: Regulation, version: Version) -> str:
    """（2026年2月6日通过　区建发〔2026〕2号印发　自2026年3月1日起施行）, leaving out
    what the version does not say."""
    parts = []
    if version.adopted_on:
        parts.append(f"{cn_date(version.adopted_on)}通过")
    if version.issued_by:
        parts.append(f"{version.issued_by}印发")
    effective = version.effective_on or version.file_date
    if effective:
        parts.append(f"自{cn_date(effective)}起施行")
    if regulation.repealed_on:
        parts.append(f"{cn_date(regulation.repealed_on)}废止")
    if not parts:
        return ""
    # one line when it fits, else broken between its parts (never inside a date or number)
    lines = [parts[0]]
    for part in parts[1:]:
        candidate = f"{lines[-1]}{_ARTICLE_SEP}{part}"
        if text_width(f"（{candidate}）")[1] <= L.CHARS_PER_LINE:
            lines[-1] = candidate
        else:
            lines.append(part)
    return "（" + "\n".join(lines) + "）"


def write_regulation(regulation: Regulation, version: Version, agency: Agency, out: Path | str | BinaryIO) -> None:
    """Write one regulation version as a DOCX; byte-identical for the same input."""
    writer = RegulationWriter(regulation, version, agency)
    writer.build()
    writer.gx.save(out)


class RegulationWriter:
    def __init__(self, regulation: Regulation, version: Version, agency: Agency):
        self.regulation = regulation
        self.version = version
        self.agency = agency
        issuer = regulation.issuer or agency.agency
        self.gx = GovDocx(
            CoreProps(
                title=regulation.title,
                author=issuer,
                date=version.adopted_on or version.effective_on or version.file_date,
                subject=version.issued_by or "",
                keywords=regulation.category,
                category="规章制度",
                identifier=f"{regulation.slug}/{(version.effective_on or version.file_date or '')}",
            )
        )

    def build(self) -> None:
        gx = self.gx
        title = self.regulation.title or self.regulation.slug
        lines = break_title(title, L.TITLE_CHARS_PER_LINE)
        gx.paragraph(
            [Span("\n".join(lines), L.XIAOBIAOSONG, L.SIZE_2)],
            style="GwTitle",
            jc="center",
            lines=len(lines),
            snap=False,
        )
        meta = regulation_meta_line(self.regulation, self.version)
        if meta:
            gx.paragraph([Span(meta, L.KAITI)], style="GwRegMeta", jc="center", lines=meta.count("\n") + 1)
        if self.version.summary:
            gx.paragraph(
                [Span("修订说明：", L.HEITI), Span(self.version.summary.strip(), L.KAITI)],
                style="GwRegMeta",
                jc="both",
                first_line=L.BODY_FIRST_LINE_INDENT,
            )
        gx.blank_lines(1)
        self.body()
        page_number_footers(gx, gx.document.sections[0])

    # -- body -----------------------------------------------------------------------------------------
    def events(self) -> list[tuple[int, int, str, object]]:
        """Everything to print, in file order: (line, rank, kind, payload)."""
        source = self.version.source
        parsed = parse_regulation(source.body if source is not None else [])
        events: list[tuple[int, int, str, object]] = []
        for line, text in parsed.preamble:
            events.append((line, 0, "para", text))
        for chapter in parsed.chapters:
            events.append((chapter.line, 0, "chapter", chapter))
            for section in chapter.sections:
                events.append((section.line, 0, "section", section))
        for article in parsed.articles:
            first = article.clauses[0] if article.clauses and article.clauses[0].line == article.line else None
            events.append((article.line, 0, "article", (article, first)))
            for clause in article.clauses:
                if clause is first:
                    for item in clause.items:
                        events.append((item.line, 1, "item", item))
                    continue
                if clause.text:
                    events.append((clause.line, 1, "clause", clause.text))
                for item in clause.items:
                    events.append((item.line, 2, "item", item))
        events.sort(key=lambda e: (e[0], e[1]))
        return events

    def body(self) -> None:
        gx = self.gx
        for index, (_, _, kind, payload) in enumerate(self.events()):
            if kind == "chapter":
                label = f"第{int_to_cn(payload.number)}章"
                text = f"{label}{_ARTICLE_SEP}{payload.title}" if payload.title else label
                if index:
                    gx.blank_lines(1)
                gx.paragraph([Span(text, L.HEITI)], style="GwChapter", jc="center", keep_next=True)
            elif kind == "section":
                label = f"第{int_to_cn(payload.number)}节"
                text = f"{label}{_ARTICLE_SEP}{payload.title}" if payload.title else label
                gx.paragraph([Span(text, L.KAITI)], style="GwSection", jc="center", keep_next=True)
            elif kind == "article":
                article, first = payload
                label = article.label
                if label.startswith("第"):
                    spans = [Span(label, L.HEITI), Span(_ARTICLE_SEP + (first.text if first else ""))]
                else:  # a rule written with 一、 as its articles
                    spans = [Span(label, L.HEITI), Span(first.text if first else "")]
                gx.paragraph(spans, style="GwArticle", jc="both", first_line=L.BODY_FIRST_LINE_INDENT)
            elif kind == "clause":
                gx.paragraph([Span(payload)], style="GwArticle", jc="both", first_line=L.BODY_FIRST_LINE_INDENT)
            elif kind == "item":
                lines = [
                    f"{payload.marker}{payload.text.splitlines()[0] if payload.text else ''}",
                    *payload.text.splitlines()[1:],
                ]
                for text in lines:
                    gx.paragraph([Span(text)], style="GwItem", jc="both", first_line=L.BODY_FIRST_LINE_INDENT)
            else:
                found = split_outline_marker(payload)
                face = L.HEITI if found and found[0].level == 1 else L.FANGSONG
                gx.paragraph([Span(payload, face)], style="GwArticle", jc="both", first_line=L.BODY_FIRST_LINE_INDENT)
