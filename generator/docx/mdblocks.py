"""The little Markdown a corpus body or attachment file uses, as blocks for the DOCX writers.

Bodies are "plain paragraphs" (docs/corpus.md), one a line; attachment files may add a ``#``
heading, pipe tables and list items. Inline emphasis and escapes are dropped: GB/T 9704
text has no bold or italics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Block:
    kind: str  # "heading" | "para" | "table"
    text: str = ""
    level: int = 0
    line: int = 0
    rows: list[list[str]] = field(default_factory=list)


_HEADING_RE = re.compile(r"^(#{1,6})[ \t\u3000]+(.*?)[ \t#]*$")
_TABLE_SEP_RE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BULLET_RE = re.compile(r"^[-*+][ \t]+")
_ORDERED_RE = re.compile(r"^(\d+)\.[ \t]+")
_EMPH_RE = re.compile(r"(\*\*|__)(.+?)\1")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def inline_text(text: str) -> str:
    """Markdown inline syntax removed: **bold**, [text](url), backslash escapes, <br>."""
    text = _LINK_RE.sub(r"\1", text)
    text = _EMPH_RE.sub(r"\2", text)
    text = _ESCAPE_RE.sub(r"\1", text)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    return text.strip(" \t\u3000\ufeff")


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    cells = re.split(r"(?<!\\)\|", line)
    return [inline_text(c.strip()) for c in cells]


def parse_blocks(lines: list[tuple[int, str]]) -> list[Block]:
    """Blocks from ``(line number, text)`` pairs; blank lines separate nothing but tables."""
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n:
        number, raw = lines[i]
        text = raw.strip()
        if not text:
            i += 1
            continue
        m = _HEADING_RE.match(text)
        if m:
            blocks.append(Block("heading", inline_text(m.group(2)), level=len(m.group(1)), line=number))
            i += 1
            continue
        if text.startswith("|") and i + 1 < n and _TABLE_SEP_RE.match(lines[i + 1][1].strip()):
            rows = [_cells(text)]
            i += 2
            while i < n and lines[i][1].strip().startswith("|"):
                rows.append(_cells(lines[i][1]))
                i += 1
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            blocks.append(Block("table", rows=rows, line=number))
            continue
        text = _BULLET_RE.sub("", text)
        text = _ORDERED_RE.sub(r"\1.", text)  # "1. 带班" → "1.带班" (GB/T 9704 writes no space)
        blocks.append(Block("para", inline_text(text), line=number))
        i += 1
    return blocks


def read_markdown_file(path) -> list[tuple[int, str]]:
    """Lines of a UTF-8 Markdown file, without a YAML front matter block."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        for j in range(1, len(lines)):
            if lines[j].strip() in ("---", "..."):
                start = j + 1
                break
    return [(k + 1, lines[k]) for k in range(start, len(lines))]
