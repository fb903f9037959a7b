"""章/节/条/款/项: the structure of a regulation body (docs/corpus.md, 制度).

The site anchors every article (``#art-12``), the checks verify that numbering is continuous
(S004–S006) and that 本制度第X条 points at an existing article (S007), and search indexes
articles one by one. All of that needs one parser that reads the Markdown body the way editors
write it and that never fails: anything it cannot place is reported in ``problems``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .numerals import cn_to_int
from .outline import split_outline_marker

__all__ = [
    "Item",
    "Clause",
    "Article",
    "Section",
    "Chapter",
    "ParsedRegulation",
    "ArticleRef",
    "parse_regulation",
    "find_article_references",
    "REFERENCE_NOUNS",
]


@dataclass
class Item:
    """项: a paragraph starting （一） or ㈠; ``marker`` is as written."""

    number: int
    marker: str
    text: str
    line: int


@dataclass
class Clause:
    """款: one paragraph of an article, with the 项 that follow it."""

    text: str
    line: int
    items: list[Item] = field(default_factory=list)


@dataclass
class Article:
    """条: ``label`` as written (第十二条 or 一、); the first clause is the text after the label."""

    number: int
    label: str
    line: int
    clauses: list[Clause] = field(default_factory=list)
    chapter: int | None = None
    section: int | None = None


@dataclass
class Section:
    """节 inside a chapter."""

    number: int
    title: str
    line: int


@dataclass
class Chapter:
    """章, with its 节 in order."""

    number: int
    title: str
    line: int
    sections: list[Section] = field(default_factory=list)


@dataclass
class ParsedRegulation:
    """A parsed body. ``style`` is "article" (第X条) or "outline" (一、 as articles)."""

    style: str
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    preamble: list[tuple[int, str]] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


_CN = "[零〇一二两三四五六七八九十百千]+"
_SEP = "[ \u3000]"
_HEADING_RE = re.compile(r"(#{1,6})[ \t\u3000]*(.*?)[ \t\u3000#]*")
_CHAPTER_RE = re.compile(rf"第(?P<num>{_CN})章{_SEP}*(?P<title>.*)", re.S)
_SECTION_RE = re.compile(rf"第(?P<num>{_CN})节{_SEP}*(?P<title>.*)", re.S)
# 第X条 + space/U+3000 or end; optional Markdown bold around the label (**第一条**).
_ARTICLE_RE = re.compile(rf"(?P<b>\*\*|__)?(?P<label>第(?P<num>{_CN})条)(?(b)(?P=b))(?:{_SEP}+|$)(?P<rest>.*)", re.S)
_ARTICLE_NO_SPACE_RE = re.compile(rf"(?:\*\*|__)?第(?P<num>{_CN})条")
_ENCLOSED_RE = re.compile("(?P<marker>[\u3220-\u3229])[ \u3000]*(?P<rest>.*)", re.S)
_STRIP = " \t\r\n\u3000\ufeff"


def _numeral(s: str) -> int | None:
    """A counting-form Chinese numeral ≥ 1, or None when it cannot be read."""
    try:
        n = cn_to_int(s, allow_positional=False, allow_arabic=False)
    except ValueError:
        return None
    return n if n >= 1 else None


def _item_of(text: str, line: int) -> Item | None:
    """The 项 a paragraph starts, if any: （一） (and its mis-typed forms) or ㈠..㈩."""
    m = _ENCLOSED_RE.fullmatch(text)
    if m:
        marker = m.group("marker")
        return Item(ord(marker) - 0x3220 + 1, marker, m.group("rest").strip(_STRIP), line)
    found = split_outline_marker(text)
    if found and found[0].level == 2:
        return Item(found[0].number, found[0].marker, found[1], line)
    return None


def _subitem_level(text: str) -> bool:
    """True for 目-level paragraphs (1. or （1）), which belong to the 项 above them."""
    found = split_outline_marker(text)
    return bool(found and found[0].level in (3, 4))


def parse_regulation(lines: Sequence[tuple[int, str]]) -> ParsedRegulation:
    """Parse a regulation body given as ``(line_number, text)`` pairs; never raises.

    Every non-empty line is a paragraph. ``## 第一章 总则`` opens a chapter, ``### 第一节 …``
    a section (any heading depth is accepted; the label decides). A paragraph starting
    ``第X条`` + space/U+3000 opens an article; later paragraphs are its 款 and （一）/㈠
    paragraphs its 项, attached to the 款 they follow; 1. and （1） paragraphs (目) are
    appended to the 项 above them, one per line. Without any 第X条 paragraph the style is
    "outline" and top-level 一、 paragraphs are the articles. Paragraphs before the first
    article are the preamble; what cannot be placed is listed in ``problems``.
    """
    paragraphs: list[tuple[int, str]] = []
    for entry in lines:
        try:
            number, raw = entry
        except (TypeError, ValueError):
            continue
        if not isinstance(raw, str):
            continue
        text = raw.strip(_STRIP)
        if text:
            paragraphs.append((number, text))

    article_style = any(_ARTICLE_RE.match(text) and not _HEADING_RE.fullmatch(text) for _, text in paragraphs)
    result = ParsedRegulation(style="article" if article_style else "outline")
    chapter: Chapter | None = None
    section_no: int | None = None
    article: Article | None = None
    seen_heading = False

    def add_paragraph(line: int, text: str) -> None:
        """Attach a plain paragraph, item or sub-item to the current article, or elsewhere."""
        if article is None:
            if seen_heading and result.articles:
                result.problems.append((line, "paragraph between a heading and the next article"))
            else:
                result.preamble.append((line, text))
            return
        item = _item_of(text, line)
        if item is not None:
            if not article.clauses:
                article.clauses.append(Clause("", article.line))
            article.clauses[-1].items.append(item)
            return
        if _subitem_level(text) and article.clauses and article.clauses[-1].items:
            last = article.clauses[-1].items[-1]
            last.text = f"{last.text}\n{text}" if last.text else text
            return
        article.clauses.append(Clause(text, line))

    for line, text in paragraphs:
        heading = _HEADING_RE.fullmatch(text)
        if heading:
            title_text = heading.group(2)
            cm = _CHAPTER_RE.fullmatch(title_text)
            sm = _SECTION_RE.fullmatch(title_text)
            if cm:
                n = _numeral(cm.group("num"))
                if n is None:
                    result.problems.append((line, f"cannot read the chapter number in {title_text!r}"))
                    continue
                chapter = Chapter(n, cm.group("title").strip(_STRIP), line)
                result.chapters.append(chapter)
                section_no = None
                article = None
                seen_heading = True
            elif sm:
                n = _numeral(sm.group("num"))
                if n is None:
                    result.problems.append((line, f"cannot read the section number in {title_text!r}"))
                    continue
                if chapter is None:
                    result.problems.append((line, "section heading outside any chapter"))
                else:
                    chapter.sections.append(Section(n, sm.group("title").strip(_STRIP), line))
                section_no = n
                article = None
                seen_heading = True
            else:
                result.problems.append((line, f"heading is neither a chapter (第X章) nor a section (第X节): {text!r}"))
            continue

        if article_style:
            am = _ARTICLE_RE.match(text)
            if am:
                n = _numeral(am.group("num"))
                if n is None:
                    result.problems.append((line, f"cannot read the article number in {am.group('label')!r}"))
                    add_paragraph(line, text)
                    continue
                article = Article(
                    n,
                    am.group("label"),
                    line,
                    [],
                    chapter.number if chapter else None,
                    section_no,
                )
                rest = am.group("rest").strip(_STRIP)
                if rest:
                    article.clauses.append(Clause(rest, line))
                result.articles.append(article)
                continue
            nm = _ARTICLE_NO_SPACE_RE.match(text)
            if nm:
                n = _numeral(nm.group("num"))
                expected = result.articles[-1].number + 1 if result.articles else 1
                if n is not None and n == expected:
                    result.problems.append(
                        (line, f"第{nm.group('num')}条 is not followed by a space or U+3000; read as text")
                    )
            add_paragraph(line, text)
            continue

        found = split_outline_marker(text)
        if found and found[0].level == 1:
            marker, rest = found
            article = Article(
                marker.number,
                marker.marker,
                line,
                [],
                chapter.number if chapter else None,
                section_no,
            )
            if rest:
                article.clauses.append(Clause(rest, line))
            result.articles.append(article)
            continue
        add_paragraph(line, text)
    return result


# --- references to articles of the same regulation -----------------------------------------

#: Words that, after 本, name the regulation a reference sits in (本制度, 本办法 …).
REFERENCE_NOUNS = ("实施细则", "实施办法", "制度", "办法", "规定", "细则", "规则", "规范", "准则", "条例")

_REF_TAIL = (
    rf"第(?P<art>{_CN})条"
    rf"(?:第(?P<clause>{_CN})款)?"
    rf"(?:第?[（(](?P<item>{_CN})[）)]项|第(?P<item2>{_CN})项)?"
)
_REF_RE = re.compile(rf"本(?:{'|'.join(REFERENCE_NOUNS)})" + _REF_TAIL)
_REF_CONT_RE = re.compile(r"(?:、|和|及|或|至|以及)" + _REF_TAIL)


@dataclass
class ArticleRef:
    """A reference to an article of the same regulation; ``raw`` is ``text[start:end]``."""

    start: int
    end: int
    article: int
    clause: int | None
    item: int | None
    raw: str


def _ref_from(m: re.Match[str], start: int, text: str) -> ArticleRef | None:
    """Build a reference from a match of the 第X条… tail, or None if a numeral is unreadable."""
    art = _numeral(m.group("art"))
    if art is None:
        return None
    clause = item = None
    if m.group("clause"):
        clause = _numeral(m.group("clause"))
        if clause is None:
            return None
    item_text = m.group("item") or m.group("item2")
    if item_text:
        item = _numeral(item_text)
        if item is None:
            return None
    return ArticleRef(start, m.end(), art, clause, item, text[start : m.end()])


def find_article_references(text: str) -> list[ArticleRef]:
    """Find references to articles of the same regulation: 本办法第十条第二款第（三）项.

    Deliberately conservative: only references introduced by 本 + 制度/办法/规定/细则/规则/
    规范/准则/条例/实施细则/实施办法 count, plus articles listed right after one with 、 和 及
    或 至 以及 (本办法第十条、第十二条). A bare 第X条 (依照第五条) could belong to another law
    quoted nearby, so it is not reported; a false S007 error would be worse than a miss.
    For a continuation, ``start`` is where its 第 begins.
    """
    refs: list[ArticleRef] = []
    pos = 0
    while True:
        m = _REF_RE.search(text, pos)
        if not m:
            break
        ref = _ref_from(m, m.start(), text)
        pos = m.end()
        if ref is None:
            continue
        refs.append(ref)
        while True:
            c = _REF_CONT_RE.match(text, pos)
            if not c:
                break
            first = c.start("art") - 1  # the 第 of 第X条
            cont = _ref_from(c, first, text)
            if cont is None:
                break
            refs.append(cont)
            pos = c.end()
    return refs
