"""Turning corpus text into safe Markdown and HTML for MkDocs: the one place where text from
the corpus is escaped or sanitised on its way to a page.

Corpus bodies are plain paragraphs, not trusted Markdown: every character that Markdown or
HTML would interpret is escaped here, whatever ``govpub check`` said, so nothing an editor
writes can become a tag, a script or a link on the site (X005 is the first line of defence;
this is the second). Which function for which place:

* :func:`escape_md` — text inside generated Markdown (titles, body paragraphs, names);
* :func:`escape_html` — text inside raw HTML that the templates write (tables, attributes);
* :func:`meta_str` — a value in a generated page's YAML front matter (its ``title``);
* :func:`config_text` — text that goes into ``mkdocs.yml`` (site name, copyright, labels),
  which Material writes into pages sometimes escaped and sometimes not;
* :func:`attachment_html` — a Markdown attachment, rendered and then sanitised;
* :func:`url_path` — a file name used in a link.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import urllib.parse
from collections.abc import Callable

from ..corpus.source import CONTROL_RE
from ..text.dates import cn_date  # noqa: F401 - the templates' date filter
from ..text.docnumber import find_cited_numbers
from ..text.outline import outline_marker

#: The characters Python-Markdown lets a backslash escape (its ESCAPED_CHARS, with ``|`` added
#: by the tables extension). Others (``:`` ``~`` ``=`` …) must not get a backslash: it would
#: be shown (``8\:30``). ``<`` ``>`` ``&`` become entities first.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_ATTR_SAFE = re.compile(r"[^A-Za-z0-9_\-]")
#: Line breaks and control characters: none survives into one line of a page.
_BREAKS_RE = re.compile(r"[\r\n\t]+")


def one_line(text: str) -> str:
    """``text`` on one line: control characters dropped, line breaks made spaces."""
    text = str(text)
    if CONTROL_RE.search(text):
        text = CONTROL_RE.sub("", text)
    return _BREAKS_RE.sub(" ", text)


def escape_md(text: str) -> str:
    """Escape ``text`` so Markdown renders it literally, on one line (no HTML, no syntax)."""
    text = html.escape(one_line(text), quote=False)  # & < >
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if text.startswith(":"):
        text = "&#58;" + text[1:]  # a definition list item (def_list) starts with ':'
    return text


def escape_html(text: str) -> str:
    """Escape ``text`` for HTML content or a quoted attribute value."""
    return html.escape(one_line(text), quote=True)


def meta_str(text: str) -> str:
    """A generated page's front-matter value (YAML): a quoted scalar of the HTML-escaped text,
    so ``: `` or a line break in a title cannot change the page's metadata."""
    return json.dumps(escape_html(text), ensure_ascii=False)


#: HTML-significant characters as their full-width look-alikes.
_FULLWIDTH = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇", "`": "｀"})


def config_text(text: str) -> str:
    """Text for ``mkdocs.yml`` (site name, description, copyright, palette labels).

    Material writes these values into pages raw in some places and escaped (``| e``) in
    others, so neither escaping nor leaving them is right everywhere: characters that mean
    something in HTML are replaced by their full-width forms, which read the same."""
    return one_line(text).strip().translate(_FULLWIDTH)


def url_path(path: str) -> str:
    """A relative path (of a file the site holds) as a URL: every segment percent-encoded."""
    return urllib.parse.quote(one_line(path), safe="/")


def attr_id(value: str) -> str:
    return _ATTR_SAFE.sub("-", value)


def md_link(label_md: str, target: str) -> str:
    return f"[{label_md}]({target})"


def rel_link(from_page: str, to_page: str) -> str:
    """Relative link between two generated Markdown files (MkDocs resolves .md links)."""
    base = posixpath.dirname(from_page)
    return posixpath.relpath(to_page, base or ".")


def linked_html(text: str, url_for: Callable[[str], str | None], known_codes=()) -> str:
    """``text`` escaped as HTML, with cited 发文字号 of public documents as ``<a>`` elements
    (``url_for`` receives the canonical number and gives a URL relative to the page, or None:
    a number of a non-public document stays plain text)."""
    cites = [c for c in find_cited_numbers(text, known_codes) if c.number is not None]
    out, pos = [], 0
    for c in cites:
        target = url_for(str(c.number))
        if target is None:
            continue
        out.append(escape_html(text[pos : c.start]))
        out.append(f'<a href="{escape_html(target)}">{escape_html(text[c.start : c.end])}</a>')
        pos = c.end
    out.append(escape_html(text[pos:]))
    return "".join(out)


def paragraph_html(inner_html: str, classes: str = "", ident: str | None = None) -> str:
    """One paragraph as a raw HTML block of the page (already escaped ``inner_html``).

    Paragraphs of corpus text are handed to MkDocs as HTML, not as Markdown: Python-Markdown
    rebuilds a paragraph's text once for every link or escape in it, so a paragraph citing
    thousands of numbers would take quadratic time (bench/citations.py); an HTML block is
    passed through as it is."""
    attrs = (f' id="{escape_html(ident)}"' if ident else "") + (f' class="{escape_html(classes)}"' if classes else "")
    return f"<p{attrs}>{inner_html}</p>"


def body_html(paragraphs: list[str], url_for, known_codes=()) -> str:
    """A body as HTML paragraphs (see :func:`paragraph_html`), outline levels marked with a class."""
    blocks = []
    for p in paragraphs:
        marker = outline_marker(p)
        level = f"gp-l{marker.level}" if marker is not None and 1 <= marker.level <= 4 else ""
        blocks.append(paragraph_html(linked_html(p, url_for, known_codes), level))
    return "\n\n".join(blocks)


#: Nesting beyond this (list indentation, quote markers) is flattened in attachments: nobody
#: writes deeper, and the Markdown parser recurses once per level.
MAX_ATTACHMENT_DEPTH = 8
_INDENT_RE = re.compile(r"^([ \t]*)")
_QUOTES_RE = re.compile(r"^((?:[ \t]*>)+)")

#: What an attachment's HTML may contain after sanitising.
_ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "a",
    "del",
    "sup",
    "sub",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}


def _drop_controls(line: str) -> str:
    """One line of an attachment with control characters dropped (tabs kept: they indent)."""
    return CONTROL_RE.sub("", line) if CONTROL_RE.search(line) else line


def _flatten(line: str) -> str:
    """``line`` with its nesting cut to :data:`MAX_ATTACHMENT_DEPTH`."""
    quotes = _QUOTES_RE.match(line)
    if quotes and quotes.group(1).count(">") > MAX_ATTACHMENT_DEPTH:
        line = ">" * MAX_ATTACHMENT_DEPTH + " " + line[quotes.end() :].lstrip()
        quotes = _QUOTES_RE.match(line)
    prefix = quotes.group(1) if quotes else ""
    rest = line[len(prefix) :]
    indent = _INDENT_RE.match(rest).group(1)
    width = len(indent.replace("\t", "    "))
    if width // 4 > MAX_ATTACHMENT_DEPTH:
        rest = " " * (4 * MAX_ATTACHMENT_DEPTH) + rest[len(indent) :]
    return prefix + rest


def attachment_html(lines: list[str]) -> str:
    """A Markdown attachment (tables, lists, headings, links) as sanitised HTML, ready to be
    put into a generated page as one raw HTML block.

    The text is not trusted: ``& < >`` are made entities first (raw HTML shows as text), it is
    rendered without the extensions that let text set attributes (``attr_list``) or enable
    Markdown inside HTML, and the result goes through an allow-list sanitiser (ammonia, via
    nh3): only plain structural tags survive, links only to http(s) and mailto, so neither a
    reference-style ``javascript:`` link nor a ``{: onmouseover=… }`` attribute list can
    reach the page. Control characters are dropped and nesting is capped."""
    import markdown
    import nh3

    text = "\n".join(_flatten(_drop_controls(line)) for line in lines)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # a quote marker written as '>' was turned into '&gt;' above: give it back at line starts
    text = re.sub(r"(?m)^((?:[ \t]*&gt;)+)", lambda m: m.group(1).replace("&gt;", ">"), text)
    rendered = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    clean = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
        strip_comments=True,
    )
    if not clean.strip():
        return ""
    return f'<div class="gp-attachment-body">\n{clean}\n</div>'
