"""Chinese numerals as they appear in 第X条, 第X章, outline markers and years.

Regulations number their chapters and articles with Chinese numerals (第一百零五条), and the
site needs Arabic numbers for anchors (``#art-105``) and for checking that numbering does not
skip. Parsing is strict on purpose: a malformed numeral such as 十十 must be reported by the
checks rather than silently read as some number.
"""

from __future__ import annotations

__all__ = [
    "CN_NUMERAL_CHARS",
    "CN_DIGIT_CHARS",
    "FULLWIDTH_DIGITS",
    "cn_to_int",
    "int_to_cn",
    "to_ascii_digits",
]

#: Every character that may occur in a Chinese numeral accepted by :func:`cn_to_int`.
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"

#: Characters that are digits (not units); digit-by-digit forms such as 二〇二五 use only these.
CN_DIGIT_CHARS = "零〇一二三四五六七八九"

#: Full-width digits ０..９ (U+FF10..U+FF19).
FULLWIDTH_DIGITS = "０１２３４５６７８９"

_FW_TO_ASCII = str.maketrans(FULLWIDTH_DIGITS, "0123456789")

_DIGIT_VALUE = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}
_CANON_DIGIT = "零一二三四五六七八九"
_CANON_UNIT = {1000: "千", 100: "百", 10: "十", 1: ""}


def to_ascii_digits(s: str) -> str:
    """Replace full-width digits by ASCII ones, keeping the length (so offsets stay valid)."""
    return s.translate(_FW_TO_ASCII)


def _parse_positional(s: str) -> int:
    """Read a digit-by-digit numeral (一〇五, 二〇二五) as a decimal number."""
    value = 0
    for ch in s:
        value = value * 10 + _DIGIT_VALUE[ch]
    return value


def _parse_units(s: str) -> int:
    """Read a counting numeral with units (一百零五, 十二, 两千) up to 9999.

    The grammar is deliberately strict: units must descend, a gap between units must be marked
    with exactly one 零 (一百零五), and an abbreviated tail such as 一百五 (colloquial 150) is
    rejected because it is ambiguous in a legal text.
    """
    total = 0
    prev_unit = 10000  # value of the last unit consumed; 10000 = none yet
    digit: int | None = None
    digit_char = ""
    zero = False
    for ch in s:
        if ch in "零〇":
            if digit is not None or zero or prev_unit == 10000:
                raise ValueError(f"misplaced zero in Chinese numeral {s!r}")
            zero = True
        elif ch in _DIGIT_VALUE:
            if digit is not None:
                raise ValueError(f"two digits in a row in Chinese numeral {s!r}")
            digit = _DIGIT_VALUE[ch]
            digit_char = ch
        elif ch in _UNIT_VALUE:
            unit = _UNIT_VALUE[ch]
            if unit >= prev_unit:
                raise ValueError(f"units out of order in Chinese numeral {s!r}")
            if digit is None:
                # 十二 = 12 and 一千零十 = 1010: a bare 十 means 一十 at the start or after 零.
                if unit == 10 and (prev_unit == 10000 or zero):
                    digit = 1
                    digit_char = "一"
                else:
                    raise ValueError(f"unit without a digit in Chinese numeral {s!r}")
            if digit == 0:
                raise ValueError(f"zero before a unit in Chinese numeral {s!r}")
            if digit_char == "两" and unit == 10:
                raise ValueError(f"两 cannot precede 十 in {s!r}")
            if prev_unit != 10000:
                if zero and prev_unit // unit < 100:
                    raise ValueError(f"零 without a gap in Chinese numeral {s!r}")
                if not zero and prev_unit // unit != 10:
                    raise ValueError(f"missing 零 in Chinese numeral {s!r}")
            total += digit * unit
            prev_unit = unit
            digit = None
            digit_char = ""
            zero = False
        else:
            raise ValueError(f"not a Chinese numeral character: {ch!r} in {s!r}")
    if digit is not None:
        if digit_char == "两":
            raise ValueError(f"两 cannot stand as a units digit in {s!r}")
        if zero:
            if prev_unit < 100:
                raise ValueError(f"零 without a gap in Chinese numeral {s!r}")
        elif prev_unit not in (10000, 10):
            # 一百五 would be colloquial for 150: ambiguous, so refuse.
            raise ValueError(f"ambiguous abbreviated Chinese numeral {s!r}")
        total += digit
    elif zero:
        raise ValueError(f"trailing 零 in Chinese numeral {s!r}")
    if prev_unit == 10000 and digit is None:
        raise ValueError(f"empty Chinese numeral {s!r}")
    return total


def cn_to_int(s: str, *, allow_positional: bool = True, allow_arabic: bool = True) -> int:
    """Parse a Chinese numeral (or an Arabic digit string) into an int.

    Accepts counting numerals up to 9999 (一, 十二, 一百零五, 两千, 一千零一十), digit-by-digit
    numerals (一〇五 → 105, 二〇二五 → 2025) and ASCII or full-width Arabic digits. Raises
    ``ValueError`` for anything else, so callers can report the original text as malformed.
    ``allow_positional=False`` rejects multi-digit digit-by-digit forms (一二 is no heading
    number); ``allow_arabic=False`` rejects Arabic digits (第1条 is not a Chinese numeral).
    """
    if not isinstance(s, str) or not s:
        raise ValueError("empty numeral")
    ascii_form = to_ascii_digits(s)
    if ascii_form.isascii() and ascii_form.isdigit():
        if not allow_arabic:
            raise ValueError(f"Arabic digits where a Chinese numeral is required: {s!r}")
        return int(ascii_form)
    if all(ch in CN_DIGIT_CHARS for ch in s):
        if len(s) == 1:
            return _DIGIT_VALUE[s]
        if not allow_positional:
            raise ValueError(f"digit-by-digit numeral not allowed here: {s!r}")
        if s[0] in "零〇":
            raise ValueError(f"digit-by-digit numeral with a leading zero: {s!r}")
        return _parse_positional(s)
    return _parse_units(s)


def int_to_cn(n: int) -> str:
    """Write 1..9999 as the canonical counting numeral used in 第X条 (十五, 一百零五, 一千零一十).

    Only one spelling is produced for each number, so labels generated by the tool always
    compare equal to what a careful editor types.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("int_to_cn needs an int")
    if not 1 <= n <= 9999:
        raise ValueError(f"{n} is outside 1..9999")
    parts: list[str] = []
    pending_zero = False
    for unit in (1000, 100, 10, 1):
        d = n // unit % 10
        if d == 0:
            if parts:
                pending_zero = True
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        parts.append(_CANON_DIGIT[d] + _CANON_UNIT[unit])
    text = "".join(parts)
    if 10 <= n <= 19:
        text = text[1:]  # 一十五 -> 十五
    return text
