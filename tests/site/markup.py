"""What a reader sees on a built page, and leftover Markdown or Jinja syntax in it.

The site's pages are made from Markdown and Jinja templates; a syntax mistake (an attribute
list on the wrong line, an escape that escaped twice) does not fail the build, it shows up as
``{: .gp-attachment-note }`` or ``8\\:30`` in the text a citizen reads. These helpers take the
text nodes of the page's body (what ``document.body.innerText`` shows, minus scripts and
styles) and look for such syntax.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

#: elements whose text is never shown
_INVISIBLE = {"script", "style", "noscript", "template", "svg", "head", "title"}

LEFTOVERS: list[tuple[str, re.Pattern]] = [
    ("attribute list", re.compile(r"\{:\s*[#.\w]")),
    ("Jinja", re.compile(r"\{\{|\}\}|\{%|%\}|\{#(?!\w)")),
    ("Markdown link", re.compile(r"\]\((?:[^)\s]*)\)|\]\[")),
    ("Markdown heading", re.compile(r"^\s*#{1,6}\s", re.M)),
    ("admonition", re.compile(r"^\s*(?:!!!|\?\?\?)", re.M)),
    ("table rule", re.compile(r"\|\s*:?-{3,}")),
    ("emphasis", re.compile(r"\*\*\S|\S\*\*|(?<!\w)__\S")),
    ("backslash escape", re.compile(r"\\[\\`*_{}\[\]()#+\-.!>|~^=:$]")),
    ("escaped entity", re.compile(r"&(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);")),
    ("HTML tag", re.compile(r"</?(?:br|p|div|span|a|table|td|tr|b|i|em|strong|script)\b[^>]*>", re.I)),
    ("md attribute", re.compile(r"\bmarkdown(?:=\"1\")?>")),
]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self._in_body = True
        if tag in _INVISIBLE:
            self._skip += 1
        if tag in ("p", "div", "li", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _INVISIBLE and self._skip:
            self._skip -= 1

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_body and not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text of the page's body as a reader sees it (scripts, styles and icons left out)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def leftovers(text: str) -> list[tuple[str, str]]:
    """``(kind, context)`` for every piece of Markdown or Jinja syntax in ``text``."""
    out = []
    for kind, pattern in LEFTOVERS:
        for m in pattern.finditer(text):
            start, end = max(0, m.start() - 30), min(len(text), m.end() + 30)
            out.append((kind, text[start:end].replace("\n", "⏎")))
    return out


def site_leftovers(site: Path) -> dict[str, list[tuple[str, str]]]:
    """Every page of a built site with leftover syntax in its visible text."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        problems = leftovers(visible_text(page.read_text(encoding="utf-8")))
        if problems:
            found[page.relative_to(site).as_posix()] = problems
    return found
