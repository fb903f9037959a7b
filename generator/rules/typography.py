"""Z rules: Chinese punctuation in titles and bodies (warnings).

Chinese text takes full-width punctuation (GB/T 15834-2011 《标点符号用法》), and paired marks
must close. Markdown syntax (code spans, link targets, URLs) is not text and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar

from ..corpus.loader import as_str
from ..corpus.source import Source
from ..diagnostics import Diagnostic
from ..schema import FileKind
from ..text.chinese import (
    _PAIR_MARKS_RE,
    CJK_CLASS,
    HALF_TO_FULL_PUNCT,
    PAIRS,
    find_halfwidth_punct_between_cjk,
    find_unbalanced,
)
from .registry import Context, Rule, rule

_CLOSERS = {v: k for k, v in PAIRS.items()}
#: what one detector finds in a text: (position, …) tuples
_Found = TypeVar("_Found", bound=tuple[object, ...])


class _Searcher(Protocol):
    """A compiled pattern, or anything else with a ``search`` that is true where it may match."""

    def search(self, text: str, /) -> object: ...


_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_BACKTICKS_RE = re.compile(r"`+")
#: Link or image target: ](…) up to the first ) with no nested brackets (linear).
_LINK_TARGET_RE = re.compile(r"\]\([^()\n]*\)")
#: Reference definition: [id]: target
_LINK_DEF_RE = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S+")
#: Autolinks <scheme:…>
_AUTOLINK_RE = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>")


def _blank_out(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace each (start, end) span by '_' so offsets stay and nothing there counts as Chinese."""
    if not spans:
        return text
    out = []
    pos = 0
    for a, b in spans:
        if a < pos:
            a = pos
        if b <= a:
            continue
        out.append(text[pos:a])
        out.append("_" * (b - a))
        pos = b
    out.append(text[pos:])
    return "".join(out)


def code_spans(line: str) -> list[tuple[int, int]]:
    """Markdown code spans: a run of k backticks up to the next run of exactly k (linear)."""
    runs = [m.span() for m in _BACKTICKS_RE.finditer(line)]
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for k in range(len(runs) - 1, -1, -1):
        size = runs[k][1] - runs[k][0]
        following[k] = last.get(size)
        last[size] = k
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(runs):
        j = following[k]
        if j is None:
            k += 1
            continue
        spans.append((runs[k][0], runs[j][1]))
        k = j + 1
    return spans


def markdown_text(line: str) -> str:
    """``line`` with code spans, link targets and autolinks blanked out (same length)."""
    spans: list[tuple[int, int]] = []
    if "`" in line:
        spans += code_spans(line)
    if "](" in line:
        spans += [(m.start() + 1, m.end()) for m in _LINK_TARGET_RE.finditer(line)]
    if "<" in line:
        spans += [m.span() for m in _AUTOLINK_RE.finditer(line)]
    m = _LINK_DEF_RE.match(line)
    if m:
        spans.append((0, len(line)))
    spans.sort()
    return _blank_out(line, spans)


def body_lines(src: Source) -> Iterator[tuple[int, str]]:
    """(line, text) of the body's non-blank lines outside fenced code blocks."""
    fence: str | None = None
    for n, text in src.body:
        m = _FENCE_RE.match(text)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        if text.strip():
            yield n, text


def _titles(src: Source) -> Iterator[tuple[int, str]]:
    """(line, text) of the title of a document, disclosure item or regulation."""
    if src.has("title"):
        title = as_str(src.value("title"))
        if title:
            yield src.line_of("title"), title


_TEXT_KINDS = frozenset((FileKind.DOCUMENT, FileKind.VERSION, FileKind.DISCLOSURE, FileKind.REGULATION, FileKind.PAGE))


def _texts(ctx: Context) -> Iterator[Source]:
    """Sources whose title and body are published text (not register entries)."""
    secret = ctx.register_paths
    for src in ctx.sources():
        if src.kind in _TEXT_KINDS and src.meta is not None and src.path not in secret:
            yield src


def _context(text: str, i: int, width: int = 5) -> str:
    a = max(0, i - width)
    b = min(len(text), i + width + 1)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


# -- Z001 ---------------------------------------------------------------------


@rule(
    "Z001",
    "warning",
    "halfwidth-punctuation",
    summary="汉字之间用了半角标点（, ; : ( ) ?）",
    why="""
中文行文使用全角标点（GB/T 15834-2011《标点符号用法》）。从英文输入法或 Excel 粘贴来的半角逗号、
冒号、括号在网页和公文排版中宽度不对、与汉字挤在一起，也容易让人看出是拼凑的文字。
网址、Markdown 链接地址、代码和数字中的半角符号（10:30、1,000）是正确的，不在检查之列。
""",
    wrong="""
各科室,直属单位:
请于3月10日前报送(逾期不候)。
""",
    right="""
各科室、直属单位：
请于3月10日前报送（逾期不候）。
""",
)
def halfwidth_punctuation(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for src in _texts(ctx):
        yield from r.capped(src.path, _halfwidth_findings(src))


_HALFWIDTH_MARK_RE = re.compile(r"[,;:?()]")


class _MaybeHalfwidth:
    """Cheap pre-check: is there a , ; : ? after a non-ASCII character (spaces between
    allowed), or any half-width parenthesis? Scans for the marks, which are rare in Chinese
    text, rather than trying a match at every character."""

    @staticmethod
    def search(text: str) -> bool:
        for m in _HALFWIDTH_MARK_RE.finditer(text):
            if m.group() in "()":
                return True
            i = m.start() - 1
            while i >= 0 and text[i] in " \t\u3000":
                i -= 1
            if i >= 0 and ord(text[i]) > 0x7F:
                return True
        return False


_MAYBE_HALFWIDTH = _MaybeHalfwidth()


def _halfwidth_in(text: str) -> list[tuple[int, str]]:
    if not _MAYBE_HALFWIDTH.search(text):
        return []
    return find_halfwidth_punct_between_cjk(text)


def _describe_halfwidth(text: str, found: Sequence[tuple[int, str]]) -> str:
    examples = []
    for i, mark in found[:3]:
        full = HALF_TO_FULL_PUNCT.get(mark, mark)
        examples.append(f"“{_context(text, i)}”中的半角“{mark}”应为全角“{full}”")
    more = f"等 {len(found)} 处" if len(found) > 3 else ""
    return "；".join(examples) + more


def _line_findings(
    src: Source,
    detect: Callable[[str], Sequence[_Found]],
    describe: Callable[[str, Sequence[_Found]], str],
    advice: str,
    maybe: _Searcher,
) -> Iterator[tuple[int, str]]:
    """(line, message) for the title and each body line where ``detect`` finds something in
    the text outside Markdown syntax.

    ``maybe.search`` is true wherever ``detect`` could find something: a body (and a line) it does
    not match is not looked at further. Regulation files (regulation.yml) have a title and
    no body.
    """
    for line, title in _titles(src):
        found = detect(title)
        if found:
            yield line, f"标题中{describe(title, found)}：{advice}"
    if src.kind == FileKind.REGULATION or not src.body or not maybe.search(src.body_slice()):
        return
    for line, original in body_lines(src):
        if not maybe.search(original):
            continue
        found = detect(markdown_text(original))
        if found:
            yield line, f"{describe(original, found)}：{advice}"


def _halfwidth_findings(src: Source) -> Iterator[tuple[int, str]]:
    return _line_findings(src, _halfwidth_in, _describe_halfwidth, "请改用全角标点", _MAYBE_HALFWIDTH)


# -- Z002 ---------------------------------------------------------------------


def _describe_unbalanced(text: str, found: Sequence[tuple[int, str]]) -> str:
    parts = []
    for i, ch in found[:3]:
        if ch in PAIRS:
            parts.append(f"“{_context(text, i)}”中的“{ch}”没有对应的“{PAIRS[ch]}”")
        else:
            parts.append(f"“{_context(text, i)}”中的“{ch}”前面没有对应的“{_CLOSERS[ch]}”")
    more = f"等 {len(found)} 处" if len(found) > 3 else ""
    return "；".join(parts) + more


@rule(
    "Z002",
    "warning",
    "unbalanced-pairs",
    summary="引号、括号或书名号不成对",
    why="""
引号“”‘’、书名号《》、括号（）【】〔〕必须成对出现并正确嵌套（GB/T 15834-2011）。
漏掉一半会让读者分不清引文或文件名到哪里结束，引用的文件名也无法被检索和链接。
每段单独检查，以便准确指出所在行。
""",
    wrong="""
根据《关于加强机关值班管理的通知要求，……
“节假日值班表由办公室统一编排。
""",
    right="""
根据《关于加强机关值班管理的通知》要求，……
“节假日值班表由办公室统一编排。”
""",
)
def unbalanced_pairs(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for src in _texts(ctx):
        yield from r.capped(src.path, _unbalanced_findings(src))


def _unbalanced_findings(src: Source) -> Iterator[tuple[int, str]]:
    return _line_findings(src, find_unbalanced, _describe_unbalanced, "请补全或删去多余的符号", _PAIR_MARKS_RE)


# -- Z003 / Z004: what transcriptions leave behind ------------------------------------------

_CJK = f"[{CJK_CLASS}]"
#: ~ or ～ with a Chinese character on each side (spaces allowed): a stand-in for ， or 、.
_TILDE_RE = re.compile(rf"(?<={_CJK})[ \u3000]*[~～][ \u3000]*(?={_CJK})")
#: ,一, or ，一， : a stand-in for the item marker （一）.
_COMMA_ITEM_RE = re.compile(r"[,，][ \u3000]*([一二三四五六七八九十]{1,3})[ \u3000]*[,，]")
_MAYBE_STANDIN = re.compile(r"[~～]|[,，]\s*[一二三四五六七八九十]")


def find_standins(text: str) -> list[tuple[int, str, str]]:
    """(position, what was typed, what belongs there) for stand-in characters."""
    found = []
    for m in _TILDE_RE.finditer(text):
        found.append((m.start(), m.group().strip(" \u3000"), "，"))
    for m in _COMMA_ITEM_RE.finditer(text):
        found.append((m.start(), m.group().strip(" \u3000"), f"（{m.group(1)}）"))
    return sorted(found)


def _describe_standins(text: str, found: Sequence[tuple[int, str, str]]) -> str:
    parts = [f"“{_context(text, i)}”中的“{typed}”应为“{meant}”" for i, typed, meant in found[:3]]
    more = f"等 {len(found)} 处" if len(found) > 3 else ""
    return "；".join(parts) + more


@rule(
    "Z003",
    "warning",
    "stand-in-characters",
    summary="用替代字符代替中文标点（~ ～ 代替逗号，“,一,”代替“（一）”）",
    why="""
录入或转换旧文本时，常有人用键盘上顺手的字符代替不好打的中文标点：用“~”或“～”代替逗号或顿号，
用“,一,”代替项号“（一）”。这些字符在网页和打印件里一眼就能看出是错的，项号写成“,一,”还会让
条、项的结构无法识别（S006 不能检查它，引用“第（一）项”也找不到）。数字之间的“～”表示范围
（3～5天），不在检查之列。请按原文改回中文标点。
""",
    wrong="""
第三条　工作人员请假~须提前申请~经批准后方可离岗。
,一,病假；
""",
    right="""
第三条　工作人员请假，须提前申请，经批准后方可离岗。
（一）病假；
""",
)
def stand_in_characters(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for src in _texts(ctx):
        yield from r.capped(
            src.path, _line_findings(src, find_standins, _describe_standins, "请按原文改回中文标点", _MAYBE_STANDIN)
        )


#: ASCII spaces (or no-break spaces) between two Chinese characters: a word split by a space.
_SPACE_IN_WORD_RE = re.compile(rf"(?<={_CJK})[ \xa0]+(?={_CJK})")
#: A number standing alone between spaces inside a sentence: a page number left by a PDF copy.
_STRAY_NUMBER_RE = re.compile(
    rf"(?<={_CJK}|[、，；：])[ \xa0\u3000]+(?:[-—–－]\s*)?(?P<n>[0-9]{{1,4}})(?:\s*[-—–－])?[ \xa0\u3000]+(?={_CJK})"
)
#: After a number these make it a quantity, not a page number (2 月, 3 人, 5 天 …).
_UNITS = set("年月日号时分秒条款项章节个人次件元角万亿千百天周岁名家所位台辆批期届类种篇页张份倍座间套户处米克")
_UNIT_WORDS = ("小时", "分钟", "公里", "平方", "立方", "周岁", "学时", "课时", "工作日", "个月", "公斤", "千克")
#: Before a number these make it part of the sentence (第 3, 共 5, 约 10 …).
_NUMBER_LEADS = set("第共约近达计于至到和与及或为是每前后余超过逾满")
#: A paragraph that starts with one of these lists names separated by spaces.
_NAME_LISTS = ("出席", "列席", "请假", "抄送", "主送", "参加", "记录", "主持")
_LABEL_START_RE = re.compile(
    r"^(?:#{1,6}\s*)?(?:\*\*|__)?第[零〇一二两三四五六七八九十百千]+[条章节编](?:\*\*|__)?[ \u3000\xa0]+"
)
_MAYBE_SPACED = re.compile(r"[ \xa0]|\u3000[0-9]")


def find_spaced_text(text: str) -> list[tuple[int, str]]:
    """(position, kind) of spaces inside Chinese words ("space") and of stray numbers between
    spaces inside a sentence ("number")."""
    if text.lstrip().startswith(_NAME_LISTS):
        return []
    m = _LABEL_START_RE.match(text)
    start = m.end() if m else 0
    found = []
    for m in _SPACE_IN_WORD_RE.finditer(text, start):
        found.append((m.start(), "space"))
    for m in _STRAY_NUMBER_RE.finditer(text, start):
        after = text[m.end()] if m.end() < len(text) else ""
        before = text[m.start() - 1] if m.start() else ""
        if after in _UNITS or before in _NUMBER_LEADS or text.startswith(_UNIT_WORDS, m.end()):
            continue
        found.append((m.start(), "number"))
    return sorted(found)


def _describe_spaced(text: str, found: Sequence[tuple[int, str]]) -> str:
    parts = []
    for i, kind in found[:3]:
        if kind == "space":
            parts.append(f"“{_context(text, i)}”中的汉字之间有空格")
        else:
            parts.append(f"“{_context(text, i, 7)}”中夹着一个孤立的数字（像是转录时留下的页码）")
    more = f"等 {len(found)} 处" if len(found) > 3 else ""
    return "；".join(parts) + more


@rule(
    "Z004",
    "warning",
    "spaces-in-text",
    summary="汉字之间有空格，或句子中夹着孤立的数字（页码残留）",
    why="""
从 PDF 或扫描件转录的文本常带着排版的痕迹：为了两端对齐插入的空格把词拆开（“值 班”），换页处的页码
留在了句子中间（“……工作人员应当 12 按时上下班”）。网页上这些空格和数字原样显示，检索“值班”也找不到
“值 班”。条号、章节标题后的空格，出席、列席等名单中分隔人名的空格，以及“2 月”“3 人”这样带单位的
数字都是正常的，不在检查之列。请对照原文删去多余的空格和页码。
""",
    wrong="""
第五条　机关实行24小时值 班制度，值班人员应当 12 坚守岗位。
""",
    right="""
第五条　机关实行24小时值班制度，值班人员应当坚守岗位。
""",
)
def spaces_in_text(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for src in _texts(ctx):
        yield from r.capped(
            src.path,
            _line_findings(src, find_spaced_text, _describe_spaced, "请对照原文删去多余的空格和页码", _MAYBE_SPACED),
        )
