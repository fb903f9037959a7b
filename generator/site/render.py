"""Turning corpus text into safe Markdown for MkDocs.

Corpus bodies are plain paragraphs, not trusted Markdown: every character that
Markdown or HTML would interpret is escaped here, whatever ``govpub check``
said, so nothing an editor writes can become a tag, a script or a link on the
site (X005 is the first line of defence; this is the second).
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from typing import Callable

from ..text.docnumber import find_cited_numbers
from ..text.outline import outline_marker

# Python-Markdown's escapable characters, plus | for tables.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>|~^=:$])")
_ATTR_SAFE = re.compile(r"[^A-Za-z0-9_\-]")


def escape_md(text: str) -> str:
    """Escape ``text`` so Markdown renders it literally (no HTML, no syntax)."""
    text = html.escape(text, quote=False)  # & < >
    return _MD_SPECIAL.sub(r"\\\1", text)


def escape_html(text: str) -> str:
    return html.escape(text, quote=True)


def attr_id(value: str) -> str:
    return _ATTR_SAFE.sub("-", value)


def cn_date(d: dt.date | None) -> str:
    """2025年3月5日 — Arabic digits, no padding (GB/T 9704 成文日期 style)."""
    if d is None:
        return ""
    return f"{d.year}年{d.month}月{d.day}日"


def md_link(label_md: str, target: str) -> str:
    return f"[{label_md}]({target})"


def rel_link(from_page: str, to_page: str) -> str:
    """Relative link between two generated Markdown files (MkDocs resolves .md links)."""
    base = posixpath.dirname(from_page)
    return posixpath.relpath(to_page, base or ".")


def linked_text(text: str, link_for: Callable[[str], str | None], known_codes=()) -> str:
    """Escape ``text`` and turn cited 发文字号 into links where ``link_for`` knows a page.

    ``link_for`` receives the canonical number and returns a relative link or
    None (a number of a non-public document stays plain text).
    """
    cites = [c for c in find_cited_numbers(text, known_codes) if c.number is not None]
    if not cites:
        return escape_md(text)
    out, pos = [], 0
    for c in cites:
        target = link_for(str(c.number))
        if target is None:
            continue
        out.append(escape_md(text[pos:c.start]))
        out.append(md_link(escape_md(text[c.start:c.end]), target))
        pos = c.end
    out.append(escape_md(text[pos:]))
    return "".join(out)


def body_paragraphs(paragraphs: list[str], link_for, known_codes=()) -> str:
    """Document body as Markdown paragraphs, outline levels marked with a class."""
    blocks = []
    for p in paragraphs:
        marker = outline_marker(p)
        text = linked_text(p, link_for, known_codes)
        if marker is not None and 1 <= marker.level <= 4:
            blocks.append(f"{text}\n{{: .gp-l{marker.level} }}")
        else:
            blocks.append(text)
    return "\n\n".join(blocks)


_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|#|[^:]*$)", re.I)


def sanitize_markdown(text: str) -> str:
    """Keep an attachment's Markdown (tables, lists) but drop HTML and unsafe links."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def fix(m: re.Match) -> str:
        target = m.group(1)
        compact = re.sub(r"[\s\x00-\x1f]", "", html.unescape(target))
        return m.group(0) if _SAFE_SCHEME.match(compact) else "](#"

    return _LINK_TARGET.sub(fix, text)
