"""发文字号 (document numbers) such as 区建发〔2025〕12号: parse, diagnose, normalise, find.

GB/T 9704 fixes one written form: 机关代字 + the year in full inside 六角括号 〔〕 + the serial
without 第 and without leading zeros + 号. Editors often get it slightly wrong ([2025], 012号,
第12号, 〔25〕), and citations in running text are written every which way. This module keeps
three levels apart: the strict canonical parse (what a corpus file must contain), an analysis
that names each deviation so checks can report it (N001–N005, N011), and a lenient normaliser
for search boxes and cross-references.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .chinese import CJK_CLASS, is_cjk
from .numerals import to_ascii_digits

__all__ = [
    "DocNumber",
    "NumberAnalysis",
    "Citation",
    "OPEN_BRACKETS",
    "CLOSE_BRACKETS",
    "PROBLEM_TAGS",
    "MAX_CODE_LENGTH",
    "parse_doc_number",
    "analyse_doc_number",
    "normalise_doc_number",
    "find_cited_numbers",
    "split_code",
]

#: Longest 机关代字 accepted, in characters.
MAX_CODE_LENGTH = 12

#: Brackets seen around the year, canonical 〔 first.
OPEN_BRACKETS = "〔[(（【〈［〖"
CLOSE_BRACKETS = "〕])）】〉］〗"

#: Every tag :func:`analyse_doc_number` may report, in the order it reports them.
PROBLEM_TAGS = ("malformed", "brackets", "short_year", "di", "padded")


@dataclass(frozen=True, order=True)
class DocNumber:
    """A 发文字号 in canonical form; orders by 代字, then year, then serial."""

    code: str
    year: int
    seq: int

    def __str__(self) -> str:
        """The canonical written form, e.g. 区建发〔2025〕12号."""
        return f"{self.code}〔{self.year}〕{self.seq}号"


@dataclass
class NumberAnalysis:
    """What :func:`analyse_doc_number` made of a string: the recovered number and what is wrong."""

    raw: str
    number: DocNumber | None
    problems: list[str] = field(default_factory=list)


@dataclass
class Citation:
    """A 发文字号 found in running text; ``raw`` is ``text[start:end]``."""

    start: int
    end: int
    raw: str
    number: DocNumber | None
    standard: bool


_CJK = f"[{CJK_CLASS}]"
_DIGIT = "[0-9０-９]"
_STRICT_RE = re.compile(rf"({_CJK}{{1,{MAX_CODE_LENGTH}}})〔([0-9]{{4}})〕([1-9][0-9]*)号")
_OPEN_CLASS = "[" + re.escape(OPEN_BRACKETS) + "]"
_CLOSE_CLASS = "[" + re.escape(CLOSE_BRACKETS) + "]"
_ANALYSE_RE = re.compile(
    rf"(?P<code>.+?)\s*(?P<open>{_OPEN_CLASS})\s*(?P<year>{_DIGIT}+)\s*(?P<nian>年)?\s*"
    rf"(?P<close>{_CLOSE_CLASS})\s*(?P<di>第)?\s*(?P<seq>{_DIGIT}+)\s*(?P<hao>号)?",
    re.S,
)
_LOOSE_RE = re.compile(
    rf"(?P<code>[{CJK_CLASS}\s]+?)\s*(?P<year>{_DIGIT}{{4}})\s*(?:年|[-－—–_/／.．]|\s)\s*"
    rf"(?P<di>第)?\s*(?P<seq>{_DIGIT}+)\s*(?P<hao>号)?",
    re.S,
)


def parse_doc_number(s: str) -> DocNumber | None:
    """Parse only the canonical form 代字〔YYYY〕N号 (surrounding whitespace allowed).

    Returns None for anything else, including forms :func:`analyse_doc_number` can recover:
    a corpus file's ``number`` must be written exactly right.
    """
    if not isinstance(s, str):
        return None
    m = _STRICT_RE.fullmatch(s.strip())
    if not m:
        return None
    return DocNumber(m.group(1), int(m.group(2)), int(m.group(3)))


def _clean_code(code: str) -> str | None:
    """The 代字 without whitespace, or None when it is not 1..12 ideographs."""
    code = re.sub(r"\s+", "", code)
    if not 1 <= len(code) <= MAX_CODE_LENGTH or not all(is_cjk(c) for c in code):
        return None
    return code


def analyse_doc_number(s: str) -> NumberAnalysis:
    """Recover the intended number from a possibly mis-written 发文字号 and name each deviation.

    Tags (see :data:`PROBLEM_TAGS`): ``malformed`` (shape wrong: no year, no 号, stray spaces,
    full-width digits, 年 inside the brackets, or not recoverable at all), ``brackets`` (year
    not in 〔〕), ``padded`` (012号), ``di`` (第12号), ``short_year`` (〔24〕, read as 2024).
    A canonical number gives no problems. Forms without any bracket (区建发2025年1号) are still
    recovered, tagged ``malformed``. ``number`` is None when nothing sensible can be recovered.
    """
    raw = s
    text = s.strip() if isinstance(s, str) else ""
    if not text:
        return NumberAnalysis(raw, None, ["malformed"])
    strict = parse_doc_number(text)
    if strict is not None:
        return NumberAnalysis(raw, strict, [])

    m = _ANALYSE_RE.fullmatch(text)
    if m is None:
        loose = _loose_number(text)
        return NumberAnalysis(raw, loose, ["malformed"])

    tags: set[str] = set()
    code = _clean_code(m.group("code"))
    year_digits = to_ascii_digits(m.group("year"))
    seq_digits = to_ascii_digits(m.group("seq"))
    recoverable = code is not None
    if len(year_digits) == 4:
        year = int(year_digits)
    elif len(year_digits) == 2:
        year = 2000 + int(year_digits)
        tags.add("short_year")
    else:
        year = 0
        recoverable = False
    seq = int(seq_digits)
    if seq == 0:
        recoverable = False
    elif seq_digits.startswith("0"):
        tags.add("padded")
    if m.group("open") != "〔" or m.group("close") != "〕":
        tags.add("brackets")
    if m.group("di"):
        tags.add("di")
    if (
        not recoverable
        or m.group("hao") is None
        or m.group("nian") is not None
        or re.search(r"\s", text)
        or to_ascii_digits(text) != text
    ):
        tags.add("malformed")
    number = DocNumber(code, year, seq) if recoverable and code is not None else None
    return NumberAnalysis(raw, number, [t for t in PROBLEM_TAGS if t in tags])


def _loose_number(text: str) -> DocNumber | None:
    """Read bracket-less user input such as 区建发2025年1号, 区建发2025-1 or 区建发 2025 1."""
    m = _LOOSE_RE.fullmatch(text)
    if not m:
        return None
    code = _clean_code(m.group("code"))
    seq = int(to_ascii_digits(m.group("seq")))
    if code is None or seq == 0:
        return None
    return DocNumber(code, int(to_ascii_digits(m.group("year"))), seq)


def normalise_doc_number(s: str) -> DocNumber | None:
    """Leniently read what a user typed as a 发文字号 (search box, ``related:``, citations).

    Accepts everything :func:`analyse_doc_number` recovers: wrong brackets, 第, padding, short
    years, missing 号, full-width digits, and bracket-less forms (区建发2025年1号,
    区建发2025-1, 区建发 2025 1). Returns None for anything that is not a number.
    """
    return analyse_doc_number(s).number


# --- citations in running text -------------------------------------------------------------

_CITE_RE = re.compile(
    rf"(?P<open>{_OPEN_CLASS})[ \u3000]?(?P<year>{_DIGIT}{{4}}|{_DIGIT}{{2}})[ \u3000]?"
    rf"(?P<close>{_CLOSE_CLASS})[ \u3000]?(?P<di>第)?[ \u3000]?(?P<seq>{_DIGIT}{{1,6}})[ \u3000]?号"
)

# Words that often stand right before a cited number without punctuation. Two-character
# words are always stripped; single characters only when enough is left for a code, because
# real codes can start with them (和政发, 同政发, 经信发).
_LEAD_WORDS = (
    "根据",
    "依据",
    "按照",
    "参照",
    "依照",
    "遵照",
    "遵循",
    "对照",
    "比照",
    "结合",
    "关于",
    "印发",
    "转发",
    "执行",
    "落实",
    "贯彻",
    "详见",
    "参见",
    "见于",
    "以及",
    "同时",
    "废止",
    "修订",
    "修改",
    "撤销",
    "代替",
    "取代",
    "替代",
    "引用",
    "援引",
    "通过",
    "发布",
    "下发",
    "认真",
    "继续",
    "严格",
)
_LEAD_CHARS_2 = "见对与及并或按据把将在由为的是"
_LEAD_CHARS_3 = "和经同即依如暨原"


def split_code(run: str, known_codes: Iterable[str] = (), *, after_citation: bool = False) -> str:
    """Pick the 代字 out of the run of ideographs written right before a year bracket.

    If the run ends with registered codes, the longest wins. Otherwise leading verbs and
    prepositions (根据, 按照, 印发, 和 …) are stripped, so 根据区建发〔2025〕3号 cites 区建发.
    A single leading character is stripped only when enough is left to be a code, since real
    codes start with some of them (和政发, 经信发); ``after_citation`` (the run directly follows
    another cited number, as in …3号和国发〔2016〕1号) makes a leading conjunction certain.
    A result longer than :data:`MAX_CODE_LENGTH` keeps its last characters.
    """
    best = ""
    for known in known_codes:
        if known and run.endswith(known) and len(known) > len(best):
            best = known
    if best:
        return best
    code = run
    if after_citation and len(code) >= 2 and code[0] in _LEAD_CHARS_2 + _LEAD_CHARS_3:
        code = code[1:]
    changed = True
    while changed and code:
        changed = False
        for word in _LEAD_WORDS:
            if code.startswith(word) and len(code) > len(word):
                code = code[len(word) :]
                changed = True
                break
        else:
            first = code[0]
            if (first in _LEAD_CHARS_2 and len(code) >= 3) or (first in _LEAD_CHARS_3 and len(code) >= 4):
                code = code[1:]
                changed = True
    return code[-MAX_CODE_LENGTH:]


def find_cited_numbers(text: str, known_codes: Iterable[str] = ()) -> list[Citation]:
    """Find 发文字号 cited in running text, canonical or not.

    Recognised: any year bracket of :data:`OPEN_BRACKETS`, 2- or 4-digit years, 第, padding,
    full-width digits and single spaces between the parts; the 号 is required and the code
    must immediately precede the bracket. Bracket-less forms (区建发2025-1) are not searched
    for: in prose they would mostly be false hits. ``standard`` is True only for the
    canonical form. ``known_codes`` (the registered 代字) make the code boundary exact.
    """
    if "号" not in text:  # every citation ends with 号: most lines have none
        return []
    known = tuple(known_codes)
    found: list[Citation] = []
    last_end = 0
    for m in _CITE_RE.finditer(text):
        start = m.start()
        while start > last_end and is_cjk(text[start - 1]):
            start -= 1
        run = text[start : m.start()]
        if not run:
            continue
        code = split_code(run, known, after_citation=bool(found) and start == last_end)
        start = m.start() - len(code)
        raw = text[start : m.end()]
        year_digits = to_ascii_digits(m.group("year"))
        year = int(year_digits) if len(year_digits) == 4 else 2000 + int(year_digits)
        seq = int(to_ascii_digits(m.group("seq")))
        number = DocNumber(code, year, seq) if seq > 0 else None
        standard = number is not None and parse_doc_number(raw) == number and raw == str(number)
        found.append(Citation(start, m.end(), raw, number, standard))
        last_end = m.end()
    return found
