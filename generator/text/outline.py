"""GB/T 9704 outline markers written at the start of a paragraph: 一、 （一） 1. （1）.

Documents carry their heading structure as text, so the checks (S001 numbering, S002 levels)
and the renderers (黑体 for level 1, 楷体 for level 2) must read it back from the paragraph.
Common mis-typings (（一）、, 1、, half-width brackets, 1．) are recognised with their level
and flagged, so a typo is reported instead of silently losing a heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .numerals import cn_to_int, to_ascii_digits

__all__ = ["OutlineMarker", "outline_marker", "split_outline_marker", "outline_levels"]


@dataclass
class OutlineMarker:
    """An outline marker: level 1..4, its number, the marker as written, and any problem.

    ``problem`` is a short English description when ``standard`` is False, else None.
    """

    level: int
    number: int
    marker: str
    standard: bool
    problem: str | None


_CN = "[零〇一二两三四五六七八九十百千]+"
_AR = "[0-9０-９]{1,3}"
_BRACKET_RE = re.compile(
    rf"(?P<open>[（(])(?P<sp1>[ \u3000]*)(?:(?P<cn>{_CN})|(?P<ar>{_AR}))(?P<sp2>[ \u3000]*)"
    rf"(?P<close>[）)])(?P<punct>[、.．，,])?"
)
_LEVEL1_RE = re.compile(rf"(?P<cn>{_CN})(?P<punct>[、.．])")
_LEVEL3_RE = re.compile(rf"(?P<ar>{_AR})(?P<punct>[.．、])(?![0-9０-９])")


@lru_cache(maxsize=4096)
def _cn_number(s: str) -> int | None:
    """A heading numeral in counting form (十二, not 一二), or None."""
    try:
        n = cn_to_int(s, allow_positional=False, allow_arabic=False)
    except ValueError:
        return None
    return n if n >= 1 else None


def split_outline_marker(paragraph: str) -> tuple[OutlineMarker, str] | None:
    """Like :func:`outline_marker`, but also return the paragraph text after the marker."""
    if not isinstance(paragraph, str):
        return None
    text = paragraph.lstrip().lstrip("\ufeff").lstrip()

    m = _BRACKET_RE.match(text)
    if m:
        if m.group("cn") is not None:
            level, number = 2, _cn_number(m.group("cn"))
        else:
            digits = to_ascii_digits(m.group("ar"))
            level, number = 4, int(digits)
            if number == 0:
                number = None
        if number is None:
            return None
        problems = []
        if m.group("open") != "（" or m.group("close") != "）":
            problems.append("half-width parentheses; use full-width （ ）")
        if m.group("sp1") or m.group("sp2"):
            problems.append("spaces inside the parentheses")
        if level == 4 and len(to_ascii_digits(m.group("ar"))) > 1 and m.group("ar")[0] in "0０":
            problems.append("zero-padded number")
        if m.group("punct"):
            problems.append(f"punctuation {m.group('punct')} after the closing parenthesis; write none")
        marker = m.group(0)
        rest = text[m.end() :].strip()
        return _make(level, number, marker, problems), rest

    m = _LEVEL1_RE.match(text)
    if m:
        number = _cn_number(m.group("cn"))
        rest = text[m.end() :].strip()
        if number is None or not rest:
            return None
        problems = []
        if m.group("punct") != "、":
            problems.append(f"{m.group('punct')} after a Chinese numeral; use 、 (一、)")
        return _make(1, number, m.group(0), problems), rest

    m = _LEVEL3_RE.match(text)
    if m:
        digits = to_ascii_digits(m.group("ar"))
        number = int(digits)
        rest = text[m.end() :].strip()
        if number == 0 or not rest:
            return None
        problems = []
        punct = m.group("punct")
        if punct == "、":
            problems.append("顿号 after an Arabic numeral; use a half-width full stop (1.)")
        elif punct == "．":
            problems.append("full-width full stop; use a half-width full stop (1.)")
        if len(digits) > 1 and digits[0] == "0":
            problems.append("zero-padded number")
        return _make(3, number, m.group(0), problems), rest
    return None


def _make(level: int, number: int, marker: str, problems: list[str]) -> OutlineMarker:
    """Build the marker, joining several problems into one description."""
    return OutlineMarker(
        level=level,
        number=number,
        marker=marker,
        standard=not problems,
        problem="; ".join(problems) if problems else None,
    )


def outline_marker(paragraph: str) -> OutlineMarker | None:
    """Detect the outline marker at the start of a paragraph (leading whitespace ignored).

    Level 1 一、, level 2 （一）, level 3 1. (ASCII or full-width digits), level 4 （1）.
    Non-standard forms keep their level with ``standard=False``: （一）、, (一), (1), 1、, 1．,
    一. . Running text is not a marker: 2025年3月, 1.5倍, and 一、 or 1. with nothing after it.
    """
    found = split_outline_marker(paragraph)
    return found[0] if found else None


def outline_levels(paragraphs: Sequence[str]) -> list[OutlineMarker | None]:
    """:func:`outline_marker` for each paragraph, in order."""
    return [outline_marker(p) for p in paragraphs]
