"""Small character-level checks on Chinese text.

These back the typography warnings (Z001 half-width punctuation, Z002 unbalanced pairs, D004
padded dates) and the privacy errors (X004 ID and mobile numbers). They work on plain strings
and return character offsets, so callers can turn an offset into a file line themselves.
"""

from __future__ import annotations

import datetime as _dt
import re

from .numerals import FULLWIDTH_DIGITS

__all__ = [
    "CJK_CLASS",
    "is_cjk",
    "HALF_TO_FULL_PUNCT",
    "PAIRS",
    "find_halfwidth_punct_between_cjk",
    "find_unbalanced",
    "find_padded_dates",
    "find_id_numbers",
    "id_check_char",
    "find_mobile_numbers",
]

_CJK_RANGES = (
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # Unified Ideographs
    (0xF900, 0xFAFF),  # Compatibility Ideographs
    (0x20000, 0x2A6DF),  # Extension B
    (0x2A700, 0x2EBEF),  # Extensions C-F (and I)
    (0x2F800, 0x2FA1F),  # Compatibility Ideographs Supplement
    (0x30000, 0x323AF),  # Extensions G-H
)


#: The ranges above as the inside of a regular-expression character class: ``f"[{CJK_CLASS}]"``.
CJK_CLASS = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _CJK_RANGES)


def is_cjk(ch: str) -> bool:
    """True if ``ch`` is a single CJK ideograph (unified, extensions or compatibility).

    Punctuation such as ，《 and the ideographic zero 〇 are not ideographs and return False,
    which is what lets callers use this to find the edges of a run of Chinese words.
    """
    if not isinstance(ch, str) or len(ch) != 1:
        return False
    cp = ord(ch)
    for lo, hi in _CJK_RANGES:
        if lo <= cp <= hi:
            return True
    return False


#: Half-width punctuation and the full-width mark Chinese text should use instead.
HALF_TO_FULL_PUNCT = {
    ",": "，",
    ";": "；",
    ":": "：",
    "(": "（",
    ")": "）",
    "?": "？",
    "!": "！",
}

# Marks checked by find_halfwidth_punct_between_cjk (rule Z001).
_Z001_MARKS = ",;:?"
_SPACES = " \t\u3000"
_LINE_BREAKS = "\r\n"
_URL_RE = re.compile(
    r"(?:(?:https?|ftp)://|www\.|mailto:)[^\s，。；：！？、“”‘’《》（）【】〔〕「」<>\"']+",
    re.IGNORECASE,
)


def _is_chinese_punct(ch: str) -> bool:
    """Full-width / CJK punctuation (，。“”《》 …) that signals a Chinese context."""
    cp = ord(ch)
    if 0x3000 < cp <= 0x303F:  # CJK symbols and punctuation (not U+3000 space)
        return True
    if ch in "“”‘’…—·":
        return True
    if 0xFF01 <= cp <= 0xFF0F or 0xFF1A <= cp <= 0xFF20 or 0xFF3B <= cp <= 0xFF40:
        return True
    if 0xFF5B <= cp <= 0xFF65:
        return True
    return False


def _is_chinese_context(ch: str) -> bool:
    """An ideograph or a Chinese punctuation mark."""
    return is_cjk(ch) or _is_chinese_punct(ch)


def _neighbour(text: str, i: int, step: int) -> str | None:
    """Nearest non-space character from ``i`` in direction ``step``; None at a line edge."""
    j = i + step
    while 0 <= j < len(text):
        ch = text[j]
        if ch in _LINE_BREAKS:
            return None
        if ch not in _SPACES:
            return ch
        j += step
    return None


def _url_mask(text: str) -> list[bool]:
    """Offsets that belong to a URL, where half-width marks are expected."""
    mask = [False] * len(text)
    for m in _URL_RE.finditer(text):
        for k in range(m.start(), m.end()):
            mask[k] = True
    return mask


def find_halfwidth_punct_between_cjk(text: str) -> list[tuple[int, str]]:
    """Find half-width , ; : ( ) ? used in Chinese text, where the full-width mark belongs.

    A , ; : or ? is flagged when its nearest non-space neighbour on the left is Chinese (an
    ideograph or full-width punctuation) and on the right is Chinese too, or the end of the
    line (``是否同意?``); at least one side must be an ideograph. A ( ) pair on one line is
    flagged when the text inside it contains an ideograph (``(试行)``; ``标准(GB/T 9704)`` is
    left alone); an unpaired ( or ) only when ideographs stand on both sides of it.
    Marks inside URLs, Markdown link targets ``](…)`` and Latin or number contexts
    (``GB/T 9704-2012``, ``1,000``, ``10:30``) are left alone, since there they are correct.
    Returns ``(offset, mark)`` sorted by offset.
    """
    found: list[tuple[int, str]] = []
    mask = _url_mask(text)
    for i, ch in enumerate(text):
        if ch not in _Z001_MARKS or mask[i]:
            continue
        left = _neighbour(text, i, -1)
        right = _neighbour(text, i, 1)
        if left is None or not _is_chinese_context(left):
            continue
        if right is None:
            if is_cjk(left):
                found.append((i, ch))
            continue
        if _is_chinese_context(right) and (is_cjk(left) or is_cjk(right)):
            found.append((i, ch))

    # Parentheses: match pairs within a line, then judge by content and surroundings.
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    lone: list[int] = []
    for i, ch in enumerate(text):
        if ch in _LINE_BREAKS:
            lone.extend(stack)
            stack = []
        elif mask[i]:
            continue
        elif ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                pairs.append((stack.pop(), i))
            else:
                lone.append(i)
    lone.extend(stack)
    # Ideographs before each offset, so "is there one inside this pair" is O(1)
    # however deeply the pairs nest.
    cjk_before = [0] * (len(text) + 1)
    for i, c in enumerate(text):
        cjk_before[i + 1] = cjk_before[i] + (1 if is_cjk(c) else 0)
    for open_i, close_i in pairs:
        if open_i > 0 and text[open_i - 1] == "]":
            continue  # Markdown link target: [文字](path)
        if cjk_before[close_i] - cjk_before[open_i + 1] > 0:
            found.append((open_i, "("))
            found.append((close_i, ")"))
    for i in lone:
        before = _neighbour(text, i, -1)
        after = _neighbour(text, i, 1)
        if before is not None and after is not None and is_cjk(before) and is_cjk(after):
            found.append((i, text[i]))
    found.sort()
    return found


#: Opening mark → closing mark for the pairs Chinese text must balance.
PAIRS = {
    "“": "”",
    "‘": "’",
    "《": "》",
    "（": "）",
    "【": "】",
    "〔": "〕",
    "「": "」",
    "『": "』",
    "〈": "〉",
}
_CLOSERS = {v: k for k, v in PAIRS.items()}
_PAIR_MARKS_RE = re.compile("[" + re.escape("".join(PAIRS) + "".join(_CLOSERS)) + "]")


def find_unbalanced(text: str) -> list[tuple[int, str]]:
    """Report quotes, brackets and 书名号 that have no partner or do not nest properly.

    Pairs must nest: in ``《（》）`` the （ is unmatched when 》 closes 《, and the final ） then
    has no opener. Returns ``(offset, char)`` of each unmatched opener or closer, by offset.
    Linear time: each opener is pushed and popped once, and the latest opener of each kind
    is found through its own index list rather than by scanning the stack.
    """
    # fast path, the usual case: every mark closes the latest open one
    simple: list[str] = []
    for ch in _PAIR_MARKS_RE.findall(text):
        if ch in PAIRS:
            simple.append(ch)
        elif simple and simple[-1] == _CLOSERS[ch]:
            simple.pop()
        else:
            break
    else:
        if not simple:
            return []
    found: list[tuple[int, str]] = []
    stack: list[tuple[int, str]] = []
    where: dict[str, list[int]] = {}  # opener -> its positions in ``stack``
    for m in _PAIR_MARKS_RE.finditer(text):  # only the marks, not every character
        i, ch = m.start(), m.group()
        if ch in PAIRS:
            where.setdefault(ch, []).append(len(stack))
            stack.append((i, ch))
        else:
            spots = where.get(_CLOSERS[ch])
            if not spots:
                found.append((i, ch))
                continue
            depth = spots[-1]
            while len(stack) > depth:
                k, opener = stack.pop()
                where[opener].pop()
                if len(stack) > depth:
                    found.append((k, opener))
    found.extend(stack)
    found.sort()
    return found


_D = "[0-9０-９]"
_PADDED_DATE_RE = re.compile(rf"(?<![0-9０-９])({_D}{{4}})年({_D}{{1,2}})月(?:({_D}{{1,2}})日)?")


def find_padded_dates(text: str) -> list[tuple[int, str]]:
    """Find dates written with a zero-padded month or day (2024年03月05日, 2024年3月05日).

    GB/T 9704 writes dates without padding (2024年3月5日); 2024年10月 is fine. Only dates with a
    four-digit year are considered, so counts such as ``03月`` alone are not touched.
    Returns ``(offset, matched_date)``.
    """
    if "年" not in text:
        return []
    found: list[tuple[int, str]] = []
    for m in _PADDED_DATE_RE.finditer(text):
        month, day = m.group(2), m.group(3)
        padded = (len(month) == 2 and month[0] in "0０") or (day is not None and len(day) == 2 and day[0] in "0０")
        if padded:
            found.append((m.start(), m.group(0)))
    return found


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
#: First two digits of a resident ID: province-level division codes (GB/T 2260).
_ID_PROVINCES = frozenset(
    {
        11,
        12,
        13,
        14,
        15,
        21,
        22,
        23,
        31,
        32,
        33,
        34,
        35,
        36,
        37,
        41,
        42,
        43,
        44,
        45,
        46,
        50,
        51,
        52,
        53,
        54,
        61,
        62,
        63,
        64,
        65,
        71,
        81,
        82,
        83,
        91,
    }
)
_ID_RE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])")
_NORMALISE = str.maketrans(FULLWIDTH_DIGITS + "Ｘｘ", "0123456789Xx")


def id_check_char(first17: str) -> str:
    """The GB 11643 (ISO 7064 MOD 11-2) check character for the first 17 digits of an ID."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("need exactly 17 ASCII digits")
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def _plausible_id(candidate: str) -> bool:
    """Valid province code, real birth date from 1900 on, and a correct check character."""
    if int(candidate[:2]) not in _ID_PROVINCES:
        return False
    try:
        born = _dt.date(int(candidate[6:10]), int(candidate[10:12]), int(candidate[12:14]))
    except ValueError:
        return False
    if born.year < 1900 or born.year > 2099:
        return False
    return id_check_char(candidate[:17]) == candidate[17].upper()


def find_id_numbers(text: str) -> list[tuple[int, str]]:
    """Find 18-character PRC resident ID numbers that pass the GB 11643 checksum.

    A candidate must not be part of a longer run of digits, must start with a province code
    and carry a real birth date; these conditions keep ordinary long numbers (account
    numbers, serials) from being mistaken for personal data. Full-width digits count too.
    Returns ``(offset, matched_text)`` with the text as written.
    """
    norm = text.translate(_NORMALISE)
    found: list[tuple[int, str]] = []
    for m in _ID_RE.finditer(norm):
        if _plausible_id(m.group(0)):
            found.append((m.start(), text[m.start() : m.end()]))
    return found


_MOBILE_RE = re.compile(
    r"(?<![0-9+])"
    r"(?:\+86[ -]?)?"
    r"(?:1[3-9][0-9]{9}|1[3-9][0-9]([ -])[0-9]{4}\1[0-9]{4})"
    r"(?![0-9])"
)


def find_mobile_numbers(text: str) -> list[tuple[int, str]]:
    """Find mainland mobile numbers: 1[3-9] + 9 digits, optionally 3-4-4 with spaces or dashes.

    An optional ``+86`` prefix is included in the match. A number inside a longer digit run
    (an ID number, an account) is not reported. Full-width digits count too.
    Returns ``(offset, matched_text)``.
    """
    norm = text.translate(_NORMALISE).replace("＋", "+")
    return [(m.start(), text[m.start() : m.end()]) for m in _MOBILE_RE.finditer(norm)]
