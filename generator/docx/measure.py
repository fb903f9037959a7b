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
* 禁则 (kinsoku): a closing mark (，。、；：？！）》”’) may not start a line and an opening
  mark (（《“‘) may not end one; ，。、．：；！？ hang past the right margin instead (measured
  in LibreOffice 7.4; Word hangs at least ，。、), the other closing marks pull the previous
  character down with them. LibreOffice lets …… —— ％ start a line.

* Word and LibreOffice put a little space between CJK text and Latin letters or digits
  (Word's 自动调整中文与西文/数字的间距, on by default; LibreOffice ignores w:autoSpaceDE="0"
  and always does it, ~0.22 em measured): the wide estimate counts 0.25 em per boundary.

``lines_needed`` returns (narrow, wide) line counts; the writers use the wide one where an
under-estimate would overflow a page and the narrow one where an over-estimate would.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..text.chinese import is_cjk

#: may not start a line (行首禁则)
NO_START = set("，。、．；：？！）》〉」』】〕］｝”’·,.;:?!)]}%")
#: may not end a line (行尾禁则)
NO_END = set("（《〈「『【〔［｛“‘([{")
#: may hang past the right margin (Word's and LibreOffice's hanging punctuation)
HANGING = set("，。、．：；！？,.")

#: ASCII advances in em of the font: Times New Roman (narrow) and DejaVu Serif, the
#: substitute LibreOffice picks where Times New Roman is missing (wide; measured from its
#: PDFs). Digits matter most: dates, amounts and phone numbers.
_NARROW = {
    **{c: 0.5 for c in "0123456789"},
    " ": 0.25,
    ".": 0.25,
    ",": 0.25,
    ":": 0.28,
    ";": 0.28,
    "-": 0.333,
    "/": 0.28,
    "(": 0.333,
    ")": 0.333,
    "%": 0.833,
    "·": 0.25,
    "'": 0.18,
    '"': 0.41,
    "*": 0.5,
    "+": 0.564,
    "=": 0.564,
    "M": 0.889,
    "W": 0.944,
    "m": 0.778,
    "w": 0.722,
}
_WIDE = {
    **{c: 0.636 for c in "0123456789"},
    " ": 0.318,
    ".": 0.318,
    ",": 0.318,
    ":": 0.337,
    ";": 0.337,
    "-": 0.338,
    "/": 0.337,
    "(": 0.391,
    ")": 0.391,
    "%": 0.95,
    "·": 0.55,
    "'": 0.275,
    '"': 0.46,
    "*": 0.5,
    "+": 0.838,
    "=": 0.838,
    "M": 1.03,
    "W": 1.03,
    "m": 0.95,
    "w": 0.86,
}
#: the Normal style condenses every character by this much (points): see layout.CHAR_SPACING
SPACING_PT = -0.25


def _units(em: float, size: float) -> float:
    """An advance of ``em`` (in the font's em) in character units: the advance of one
    condensed CJK character of the same size."""
    return (em * size + SPACING_PT) / (size + SPACING_PT)


@lru_cache(maxsize=8192)
def char_width(ch: str, size: float = 16.0) -> tuple[float, float]:
    """(narrow, wide) advance of one character, in units of one CJK character of ``size``."""
    if ch in _NARROW:
        narrow, wide = _NARROW[ch], _WIDE[ch]
    elif ch.isascii():
        narrow, wide = (0.722, 0.8) if ch.isupper() else (0.5, 0.66)
    elif unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0, 1.0
    else:
        # ambiguous-width marks (“” ‘’ … — ×): one em in a CJK face, narrower when the
        # renderer sets them in a Latin face (LibreOffice sometimes does)
        narrow, wide = 0.5, 1.0
    return _units(narrow, size), _units(wide, size)


def is_ascii_word_char(ch: str) -> bool:
    return ch.isascii() and not ch.isspace() and ch not in "-/"


#: extra space Word/LibreOffice insert between CJK and Latin/digit characters, in character
#: units (LibreOffice 7.4: 3.49 pt at 3号, measured)
AUTOSPACE_NARROW = 0.0
AUTOSPACE_WIDE = 0.222


@lru_cache(maxsize=16384)
def _script(ch: str) -> int:
    """1 for an ASCII letter or digit, 2 for a CJK ideograph, 0 for anything else: the
    automatic spacing is only put between a 1 and a 2 that touch (measured: not next to
    punctuation, % or full-width marks)."""
    if ch.isascii():
        return 1 if ch.isalnum() else 0
    return 2 if is_cjk(ch) else 0


def _boundaries(text: str) -> int:
    count = 0
    prev = _script(text[0]) if text else 0
    for ch in text[1:]:
        cur = _script(ch)
        if prev and cur and prev != cur:
            count += 1
        prev = cur
    return count


@dataclass(frozen=True)
class Token:
    text: str
    narrow: float
    wide: float
    #: width of the token without a trailing hanging mark (what must fit before the margin)
    narrow_core: float
    wide_core: float
    first: int = 0  # script of the first and last visible character
    last: int = 0


def _glue_pattern() -> re.Pattern:
    """The unbreakable pieces of :func:`tokenize` as one regular expression: opening marks,
    then an ASCII word or number with the hyphens/slashes after it (a line may break after
    them) or any other single character, then closing marks. An ASCII mark counts as a mark
    only on its own (not followed by a word character, hyphen or slash): "(1)" is a word."""
    word = "[" + "".join(re.escape(c) for c in map(chr, range(128)) if is_ascii_word_char(c)) + "]"

    def marks(chars: set[str]) -> str:
        wide = "".join(sorted(re.escape(c) for c in chars if not c.isascii()))
        ascii_ = "".join(sorted(re.escape(c) for c in chars if c.isascii()))
        return f"(?:[{wide}]|[{ascii_}](?!{word}|[-/]))"

    return re.compile(f"{marks(NO_END)}*(?:{word}+[-/]*|.){marks(NO_START)}*", re.DOTALL)


_GLUE_RE = _glue_pattern()


def tokenize(text: str, size: float = 16.0) -> list[Token]:
    """Split into unbreakable pieces: a CJK character with the marks glued to it by the
    kinsoku rules (opening marks to what follows, closing marks to what precedes), an ASCII
    word or number, a space."""
    known = _TOKENS.setdefault(size, {})
    return [known.get(piece) or _token(piece, size, known) for piece in _GLUE_RE.findall(text)]


#: tokens by size and text, shared by all texts (a document has a few hundred distinct ones)
_TOKENS: dict[float, dict[str, Token]] = {}


def _token(piece: str, size: float, known: dict[str, Token]) -> Token:
    if len(known) > 100_000:
        known.clear()
    known[piece] = tok = _new_token(piece, size)
    return tok


def _new_token(piece: str, size: float) -> Token:
    if len(piece) == 1:
        nw, ww = char_width(piece, size)
        script = _script(piece)
        return Token(piece, nw, ww, nw, ww, script, script)
    gaps = _boundaries(piece)
    widths = [char_width(c, size) for c in piece]
    nw = sum(x[0] for x in widths) + gaps * AUTOSPACE_NARROW
    ww = sum(x[1] for x in widths) + gaps * AUTOSPACE_WIDE
    if piece[-1] in HANGING:
        core_n, core_w = nw - widths[-1][0], ww - widths[-1][1]
    else:
        core_n, core_w = nw, ww
    return Token(piece, nw, ww, core_n, core_w, _script(piece[0]), _script(piece[-1]))


def _count(tokens: list[Token], first: float, rest: float, wide: bool) -> int:
    """Greedy line filling; capacities in em (first line, following lines)."""
    lines = 1
    cap = first
    used = 0.0
    # the wide estimate keeps a little slack: a line that fits only by a hair in the model
    # may not in the renderer (rounding to device units, a slightly wider face)
    eps = -0.002 if wide else 1e-6
    gap = AUTOSPACE_WIDE if wide else AUTOSPACE_NARROW
    prev = 0
    for tok in tokens:
        if wide:
            width, core = tok.wide, tok.wide_core
        else:
            width, core = tok.narrow, tok.narrow_core
        # scripts are 0, 1 or 2: a sum of 3 is a Latin/CJK boundary
        extra = gap if (used > 0 and prev + tok.first == 3) else 0.0
        if used + extra + core <= cap + eps:
            used += extra + width
            prev = tok.last
            continue
        if tok.text.isspace():
            prev = 0
            continue  # a space at the end of a line disappears
        prev = tok.last
        lines += 1
        cap = rest
        # an over-long ASCII run is broken by force
        while core > cap + eps:
            lines += 1
            core -= cap
            width -= cap
        used = width
    return lines


@lru_cache(maxsize=8192)  # 署名, 附注, 主送 … recur in every document of a volume
def lines_needed(
    text: str, *, width_em: float, first_indent_em: float = 0.0, hanging_em: float = 0.0, size: float = 16.0
) -> tuple[int, int]:
    """(narrow, wide) number of lines ``text`` takes in a column ``width_em`` ems wide.

    ``first_indent_em`` is the first-line indent; ``hanging_em`` a hanging indent (the first
    line starts at the left edge, the others that far in).
    """
    if not text:
        return 1, 1
    tokens = tokenize(text, size)
    # a column narrower than one character still holds one character a line
    first = max(1.0, width_em - first_indent_em)
    rest = max(1.0, width_em - hanging_em)
    return _count(tokens, first, rest, False), _count(tokens, first, rest, True)


def text_width(text: str, size: float = 16.0) -> tuple[float, float]:
    """(narrow, wide) width of ``text`` on one line, in character units (with the CJK/Latin
    spacing)."""
    gaps = _boundaries(text)
    widths = [char_width(c, size) for c in text]
    return (sum([w[0] for w in widths]) + gaps * AUTOSPACE_NARROW, sum([w[1] for w in widths]) + gaps * AUTOSPACE_WIDE)


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
    for word in (
        "老旧小区",
        "保障性租赁住房",
        "保障性住房",
        "公共租赁住房",
        "安全生产",
        "扬尘治理",
        "施工许可",
        "专项维修资金",
        "城乡建设",
        "办事处",
        "住房和城乡建设局",
        "文书档案",
        "整理归档",
        "值班工作",
        "安全隐患",
        "规划设计条件",
    ):
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
    suffix = m.start() if m else -1
    for i in list(cand):
        if title[i] in "和与及的、" and i != suffix:
            cand[i] += 2.5  # a line should not start with a conjunction or 的 (but 的通知 may)
    # never before a closing mark, after an opening mark, or between 关于 and its object
    for i in list(cand):
        if title[i] in NO_START or title[i - 1] in NO_END or title[max(0, i - 2) : i] == "关于":
            del cand[i]
    protected = _protected_spans(title)
    for i in list(cand):
        for a, b in protected:
            if a < i < b:
                # inside a name: only as a last resort (harder when the name would fit a
                # line of its own), and only at word boundaries
                fits = text_width(title[a:b], 22.0)[1] <= chars_per_line
                cand[i] = cand[i] + (25.0 if fits else 12.0) + (0.0 if title[a] in "《“" else 8.0)
    return cand


def break_title(title: str, chars_per_line: int) -> list[str]:
    """Split a title into lines for 2号 type (GB/T 9704 cl. 7.3.1): words kept whole, the
    shape a trapezoid (each line no shorter than the next) or, when a long 《》 name forces
    it, a diamond; 《…》 is only broken when it cannot fit a line by itself."""
    return list(_break_title(title.strip(), chars_per_line))


@lru_cache(maxsize=1024)  # versions of a regulation, a document written again
def _break_title(title: str, chars_per_line: int) -> tuple[str, ...]:
    return tuple(_break_title_lines(title, chars_per_line))


#: Ways of breaking a title tried at most (a real title has a few hundred; a pathological one
#: would have astronomically many).
_MAX_TITLE_COMBINATIONS = 200_000


def _break_title_lines(title: str, chars_per_line: int) -> list[str]:
    total = text_width(title, 22.0)[1]
    if total <= chars_per_line:
        return [title]
    cand = _break_candidates(title, chars_per_line)
    positions = sorted(cand)
    best: tuple[float, list[int]] | None = None
    min_lines = max(2, int(-(-total // chars_per_line)))
    span_widths: dict[tuple[int, int], float] = {}  # the combinations share most of their lines

    def width(a: int, b: int) -> float:
        w = span_widths.get((a, b))
        if w is None:
            w = span_widths[a, b] = text_width(title[a:b], 22.0)[1]
        return w

    import math

    for nlines in range(min_lines, min_lines + 2):
        if math.comb(len(positions), nlines - 1) > _MAX_TITLE_COMBINATIONS:
            break  # a title far longer than any real one: filled greedily below, in linear time
        for combo in _combinations(positions, nlines - 1):
            cuts = [0, *combo, len(title)]
            widths = [width(a, b) for a, b in zip(cuts, cuts[1:])]
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
            if text_width(cur + ch, 22.0)[1] > chars_per_line:
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
    """Prefer an upper line longer than the one below (正梯形), no very short last line; an
    inverted step (倒梯形) is a layout error and costs a lot, so a diamond (middle longest)
    only wins when the alternative splits a 《》 name."""
    penalty = 0.0
    if len(widths) == 3 and widths[1] >= max(widths[0], widths[2]):
        # 菱形: short, long, short (GB/T 9704 cl. 7.3.1 allows it)
        return 3.0 + 0.1 * abs(widths[0] - widths[2]) + (8.0 if min(widths) < 3 else 0.0)
    for upper, lower in zip(widths, widths[1:]):
        if lower > upper + 0.3:
            penalty += 6.0 + (lower - upper)  # inverted step
        else:
            penalty += 0.15 * max(0.0, (upper - lower) - 3.0)
    if widths[-1] < 3:
        penalty += 8.0  # 通知 alone
    elif widths[-1] < 4:
        penalty += 2.0  # 的通知 alone is common in practice
    return penalty
