"""How many lines a paragraph takes, without a renderer.

The 版记 must sit at the bottom of the last page (GB/T 9704 cl. 7.4.1) and LibreOffice ignores
bottom-anchored floating tables, so the writer pushes it down with a spacer whose height is
computed from the lines used on the last page. That needs a line-breaking model close to the
one Word and LibreOffice use for Chinese text:

* a CJK character or full-width mark advances one em (every CJK face does, whatever the
  machine substitutes); ASCII runs are set in Times New Roman, whose digits are 0.5 em, but a
  machine without it may substitute a wider face (DejaVu Serif: 0.64 em). Each character has
  a (narrow, wide) width pair and every count is computed both ways;
* lines break between CJK characters, at spaces, and after hyphens/slashes in ASCII runs;
  never inside an ASCII word or number;
* 禁则 (kinsoku): a closing mark (，。、；：？！）》”’…) may not start a line and an opening
  mark (（《“‘) may not end one; ，。、 and friends may hang past the right margin instead
  (both Word and LibreOffice do so), other closing marks pull the previous character down.

``lines_needed`` returns (narrow, wide) line counts; the writers use the wide one where an
under-estimate would overflow a page and the narrow one where an over-estimate would.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: may not start a line (行首禁则)
NO_START = set("，。、；：？！）》〉」』】〕］｝”’…—·％‰℃,.;:?!)]}%」")
#: may not end a line (行尾禁则)
NO_END = set("（《〈「『【〔［｛“‘([{")
#: may hang past the right margin (Word's and LibreOffice's hanging punctuation)
HANGING = set("，。、．,.")

#: ASCII widths in em for Times New Roman (narrow) and the widest usual substitute (DejaVu
#: Serif). Digits matter most: dates, numbers and phone numbers.
_NARROW = {
    **{c: 0.5 for c in "0123456789"},
    " ": 0.25, ".": 0.25, ",": 0.25, ":": 0.28, ";": 0.28, "-": 0.33, "/": 0.28, "(": 0.33,
    ")": 0.33, "%": 0.83, "·": 0.25, "'": 0.18, '"': 0.41, "*": 0.5, "+": 0.56, "=": 0.56,
}
_WIDE = {
    **{c: 0.64 for c in "0123456789"},
    " ": 0.32, ".": 0.32, ",": 0.32, ":": 0.34, ";": 0.34, "-": 0.34, "/": 0.34, "(": 0.39,
    ")": 0.39, "%": 0.95, "·": 1.0, "'": 0.27, '"': 0.46, "*": 0.5, "+": 0.84, "=": 0.84,
}


@lru_cache(maxsize=4096)
def char_width(ch: str) -> tuple[float, float]:
    """(narrow, wide) advance of one character in em."""
    if ch in _NARROW:
        return _NARROW[ch], _WIDE[ch]
    if ch.isascii():
        if ch.isupper():
            return 0.72, 0.78
        return 0.5, 0.66
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0, 1.0
    # ambiguous-width marks (“” ‘’ … — ×): set in the CJK face, where they are one em,
    # but a Latin fallback may make them narrower.
    return 0.5, 1.0


def is_ascii_word_char(ch: str) -> bool:
    return ch.isascii() and not ch.isspace() and ch not in "-/"


@dataclass
class Token:
    text: str
    narrow: float
    wide: float
    #: width of the token without a trailing hanging mark (what must fit before the margin)
    narrow_core: float
    wide_core: float


def tokenize(text: str) -> list[Token]:
    """Split into unbreakable pieces: a CJK character with the marks glued to it by the
    kinsoku rules, an ASCII word or number, a space."""
    pieces: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if is_ascii_word_char(ch):
            j = i
            while j < n and is_ascii_word_char(text[j]):
                j += 1
            # a hyphen or slash stays with the word before it (break after it)
            while j < n and text[j] in "-/":
                j += 1
            pieces.append(text[i:j])
            i = j
        else:
            pieces.append(ch)
            i += 1
    # glue: opening marks to what follows, closing marks to what precedes
    glued: list[str] = []
    pending_open = ""
    for piece in pieces:
        if len(piece) == 1 and piece in NO_END:
            pending_open += piece
            continue
        piece = pending_open + piece
        pending_open = ""
        if glued and piece[0] in NO_START and not piece[0].isascii():
            glued[-1] += piece
        elif glued and len(piece) == 1 and piece in NO_START:
            glued[-1] += piece
        else:
            glued.append(piece)
    if pending_open:
        glued.append(pending_open)
    tokens = []
    for piece in glued:
        nw = sum(char_width(c)[0] for c in piece)
        ww = sum(char_width(c)[1] for c in piece)
        core = piece[:-1] if piece[-1] in HANGING and len(piece) > 1 else piece
        tokens.append(Token(piece, nw, ww, sum(char_width(c)[0] for c in core),
                            sum(char_width(c)[1] for c in core)))
    return tokens


def _count(tokens: list[Token], first: float, rest: float, wide: bool) -> int:
    """Greedy line filling; capacities in em (first line, following lines)."""
    lines = 1
    cap = first
    used = 0.0
    eps = 1e-6
    for tok in tokens:
        width = tok.wide if wide else tok.narrow
        core = tok.wide_core if wide else tok.narrow_core
        if used + core <= cap + eps:
            used += width
            continue
        if tok.text.isspace():
            continue  # a space at the end of a line disappears
        lines += 1
        cap = rest
        # an over-long ASCII run is broken by force
        while core > cap + eps:
            lines += 1
            core -= cap
            width -= cap
        used = width
    return lines


def lines_needed(text: str, *, width_em: float, first_indent_em: float = 0.0,
                 hanging_em: float = 0.0) -> tuple[int, int]:
    """(narrow, wide) number of lines ``text`` takes in a column ``width_em`` ems wide.

    ``first_indent_em`` is the first-line indent; ``hanging_em`` a hanging indent (the first
    line starts at the left edge, the others that far in).
    """
    if not text:
        return 1, 1
    tokens = tokenize(text)
    first = width_em - first_indent_em
    rest = width_em - hanging_em
    return _count(tokens, first, rest, False), _count(tokens, first, rest, True)


def text_width(text: str) -> tuple[float, float]:
    """(narrow, wide) width of ``text`` on one line, in em."""
    return (sum(char_width(c)[0] for c in text), sum(char_width(c)[1] for c in text))


def display_chars(text: str) -> float:
    """Width of ``text`` in full-width characters, the unit GB/T 9704 counts indents in
    (the narrow estimate: half-width digits count one half)."""
    return text_width(text)[0]


# --- title breaking ----------------------------------------------------------------------------

_TYPE_SUFFIX_RE = re.compile(
    "的(决议|决定|命令|令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|复函|纪要|实施意见|实施方案|工作方案|方案|办法|规定)$"
)


@lru_cache(maxsize=1)
def _segmenter():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    for word in ("老旧小区", "保障性租赁住房", "保障性住房", "公共租赁住房", "安全生产", "扬尘治理",
                 "施工许可", "专项维修资金", "城乡建设", "办事处", "住房和城乡建设局"):
        tok.add_word(word, freq=200000)
    return tok


def _protected_spans(title: str) -> list[tuple[int, int]]:
    """Character ranges a break must not fall inside: 《…》 “…” （…） 〔…〕 and ASCII runs."""
    spans = []
    for open_, close in (("《", "》"), ("“", "”"), ("（", "）"), ("〔", "〕"), ("(", ")")):
        start = None
        for i, ch in enumerate(title):
            if ch == open_ and start is None:
                start = i
            elif ch == close and start is not None:
                spans.append((start, i + 1))
                start = None
    for m in re.finditer(r"[0-9A-Za-z.·\-]+年?", title):
        spans.append((m.start(), m.end()))
    return spans


def _break_candidates(title: str, chars_per_line: int) -> dict[int, float]:
    """Positions (break before index i) with a penalty: low = a natural place to break."""
    n = len(title)
    cand: dict[int, float] = {}
    try:
        words = list(_segmenter().cut(title))
    except Exception:  # pragma: no cover - jieba missing: fall back to every character
        words = list(title)
    pos = 0
    for word in words:
        pos += len(word)
        if 0 < pos < n:
            cand[pos] = 3.0
    m = _TYPE_SUFFIX_RE.search(title)
    if m and m.start() > 0:
        cand[m.start()] = 1.0  # before 的通知
    for m in re.finditer("关于", title):
        if m.start() > 0:
            cand[m.start()] = 0.5  # organ name | 关于…
    for i, ch in enumerate(title):
        if ch == "的" and 0 < i + 1 < n:
            cand[i + 1] = min(cand.get(i + 1, 9.0), 1.5)  # after 的
        if ch in "和与及、" and 0 < i + 1 < n:
            cand[i + 1] = min(cand.get(i + 1, 9.0), 2.0)
    for i in list(cand):
        if title[i] in "和与及的、":
            cand[i] += 2.5  # a line should not start with a conjunction or 的
    # never before a closing mark, after an opening mark, or between 关于 and its object
    for i in list(cand):
        if title[i] in NO_START or title[i - 1] in NO_END or title[max(0, i - 2):i] == "关于":
            del cand[i]
    protected = _protected_spans(title)
    for i in list(cand):
        for a, b in protected:
            if a < i < b:
                # inside a name: only as a last resort (harder when the name would fit a
                # line of its own), and only at word boundaries
                fits = text_width(title[a:b])[1] <= chars_per_line
                cand[i] = cand[i] + (25.0 if fits else 12.0) + (0.0 if title[a] in "《“" else 8.0)
    return cand


def break_title(title: str, chars_per_line: int) -> list[str]:
    """Split a title into lines for 2号 type (GB/T 9704 cl. 7.3.1): words kept whole, the
    shape a trapezoid (each line no shorter than the next) or, when a long 《》 name forces
    it, a diamond; 《…》 is only broken when it cannot fit a line by itself."""
    title = title.strip()
    total = text_width(title)[1]
    if total <= chars_per_line:
        return [title]
    cand = _break_candidates(title, chars_per_line)
    positions = sorted(cand)
    best: tuple[float, list[int]] | None = None
    min_lines = max(2, int(-(-total // chars_per_line)))
    for nlines in range(min_lines, min_lines + 2):
        for combo in _combinations(positions, nlines - 1):
            cuts = [0, *combo, len(title)]
            parts = [title[a:b] for a, b in zip(cuts, cuts[1:])]
            widths = [text_width(p)[1] for p in parts]
            if max(widths) > chars_per_line:
                continue
            score = sum(cand[c] for c in combo)
            score += _shape_penalty(widths)
            score += 4.0 * (nlines - min_lines)
            if best is None or score < best[0]:
                best = (score, list(combo))
    if best is None:
        # nothing fits at a word boundary: fill lines greedily
        lines, cur = [], ""
        for ch in title:
            if text_width(cur + ch)[1] > chars_per_line:
                lines.append(cur)
                cur = ""
            cur += ch
        return [*lines, cur] if cur else lines
    cuts = [0, *best[1], len(title)]
    return [title[a:b] for a, b in zip(cuts, cuts[1:])]


def _combinations(items: list[int], k: int):
    from itertools import combinations

    if k > 4 or len(items) > 60:
        items = items[:60]
    return combinations(items, k)


def _shape_penalty(widths: list[float]) -> float:
    """Prefer an upper line a little longer than the one below (正梯形), balanced lines, and
    no very short last line; a diamond (middle longest) costs more than a trapezoid."""
    penalty = 0.0
    longest = max(widths)
    for upper, lower in zip(widths, widths[1:]):
        if lower > upper + 0.01:
            penalty += 2.0 + 0.6 * (lower - upper)  # inverted step
        else:
            gap = upper - lower
            penalty += 0.25 * max(0.0, gap - 2.0)  # a little longer above is the ideal
    penalty += 0.3 * (longest - min(widths))
    if widths[-1] < 3:
        penalty += 3.0
    return penalty
