"""S rules: the structure of bodies — outline numbering, attachments, 章/节/条/项, references."""

from __future__ import annotations

import ast
import difflib
import os
import re
from collections.abc import Iterator

from ..corpus.source import Source
from ..diagnostics import Diagnostic
from ..model import Version
from ..schema import SECRET_LEVELS
from ..text.articles import Article, ParsedRegulation, find_article_references
from ..text.numerals import cn_to_int, int_to_cn, to_ascii_digits
from ..text.outline import OutlineMarker, outline_marker
from .registry import Context, Rule, rule

LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
LEVEL_ORDER_HINT = "层次依次为 一、→（一）→ 1. →（1）"


def _cn(n: int) -> str:
    try:
        return int_to_cn(n)
    except (TypeError, ValueError):
        return str(n)


def canonical_marker(level: int, number: int) -> str:
    """The GB/T 9704 form of an outline marker: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{_cn(number)}、"
    if level == 2:
        return f"（{_cn(number)}）"
    if level == 3:
        return f"{number}."
    return f"（{number}）"


# -- the 附件说明 paragraph at the end of a body ---------------------------------

_ATTACH_RE = re.compile(r"^附件[：:]\s*(?P<rest>.*)$", re.S)
_NUMBERED_RE = re.compile(r"^(?P<num>[0-9０-９]{1,3})\s*[.．、]\s*(?P<title>.*)$", re.S)
_TRAILING = " \t\u3000。；;，,、.．：:"


def _clean_title(title: str) -> str:
    return title.strip().rstrip(_TRAILING).strip()


class AttachmentNote:
    """The 附件说明 found in a body: its line, the titles with their lines and numbers."""

    def __init__(self, line: int, indexes: list[int]):
        self.line = line
        self.indexes = indexes  # paragraph indexes that belong to the block
        self.titles: list[tuple[int, int | None, str]] = []  # (line, number, title)


def find_attachment_note(paragraphs: list[tuple[int, str]]) -> AttachmentNote | None:
    """The first paragraph starting 附件： and the numbered paragraphs (2.…) that follow it."""
    for i, (line, text) in enumerate(paragraphs):
        m = _ATTACH_RE.match(text)
        if not m:
            continue
        note = AttachmentNote(line, [i])
        rest = m.group("rest").strip()
        numbered = _NUMBERED_RE.match(rest) if rest else None
        if rest and not numbered:
            note.titles.append((line, None, _clean_title(rest)))
            return note
        if numbered:
            note.titles.append(
                (line, int(to_ascii_digits(numbered.group("num"))), _clean_title(numbered.group("title")))
            )
        for j in range(i + 1, len(paragraphs)):
            nline, ntext = paragraphs[j]
            nm = _NUMBERED_RE.match(ntext)
            if not nm:
                break
            note.indexes.append(j)
            note.titles.append((nline, int(to_ascii_digits(nm.group("num"))), _clean_title(nm.group("title"))))
        return note
    return None


# -- outline analysis of documents and disclosure items --------------------------------


def _outline_sources(ctx: Context) -> Iterator[Source]:
    """Bodies of documents (not state-secret register entries) and disclosure items in scope."""
    for doc in ctx.documents():
        if doc.classification not in SECRET_LEVELS:
            yield doc.source
    for item in ctx.disclosures():
        yield item.source


def _markers(ctx: Context, src: Source) -> list[tuple[int, OutlineMarker]]:
    """Outline markers of a body, in order, leaving out the 附件说明 block (shared by S001/S002)."""
    return ctx.memo("outline-markers", src, _find_markers)


def _find_markers(src: Source) -> list[tuple[int, OutlineMarker]]:
    paragraphs = src.paragraphs()
    note = find_attachment_note(paragraphs)
    skip = set(note.indexes) if note else set()
    out = []
    for i, (line, text) in enumerate(paragraphs):
        if i in skip or text.startswith("#"):
            continue
        m = outline_marker(text)
        if m is not None:
            out.append((line, m))
    return out


def _first_hint(level: int) -> str:
    return {1: "一", 2: "（一）", 3: "1", 4: "（1）"}[level]


@rule(
    "S001",
    "error",
    "outline-numbering",
    summary="正文层次序号跳号或重复",
    why="""
GB/T 9704-2012 规定公文正文的结构层次依次用“一、”“（一）”“1.”“（1）”标注，同一上级标题下的序号
从一（或 1）起连续编排。漏号、重号往往是删改段落后忘了顺改序号，读者引用“第三部分”时会对不上，
印发后再更正就要发文说明。本规则逐级计数：上级标题一出现，下级序号重新从一开始。
写法不规范的序号（如“（一）、”“1、”）照样按其层级计数，其写法问题由 S002 另报。
文末的附件说明（附件：1.…… 2.……）不参与层次编号检查。
""",
    wrong="""
一、落实值班责任
（一）明确责任人。
（三）严格交接班。
三、做好信息报送
""",
    right="""
一、落实值班责任
（一）明确责任人。
（二）严格交接班。
二、做好信息报送
""",
)
def outline_numbering(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for src in _outline_sources(ctx):
        counters = {1: 0, 2: 0, 3: 0, 4: 0}
        last_line = {1: 0, 2: 0, 3: 0, 4: 0}
        current: list[tuple[int, OutlineMarker] | None] = [None, None, None, None, None]
        for line, m in _markers(ctx, src):
            level = m.level
            expected = counters[level] + 1
            parent = next((current[k] for k in range(level - 1, 0, -1) if current[k]), None)
            if m.number != expected:
                exp = canonical_marker(level, expected)
                under = f"（在第 {parent[0]} 行的“{parent[1].marker}”之下）" if parent else ""
                name = LEVEL_NAMES[level]
                if counters[level] == 0:
                    detail = f"这是该层的第一个{name}，序号应从“{_first_hint(level)}”开始"
                elif m.number == counters[level]:
                    detail = f"与第 {last_line[level]} 行的序号重复"
                elif m.number < counters[level]:
                    detail = (
                        f"序号倒退了（上一个是第 {last_line[level]} 行的“{canonical_marker(level, counters[level])}”）"
                    )
                else:
                    skipped = "、".join(
                        f"“{canonical_marker(level, k)}”" for k in range(expected, min(m.number, expected + 3))
                    )
                    more = "等" if m.number - expected > 3 else ""
                    detail = f"漏掉了{skipped}{more}"
                yield r.at(
                    src.path,
                    line,
                    f"{name}序号不连续{under}：此处应为“{exp}”，却是“{m.marker}”，{detail}。"
                    f"请改为“{exp}”并顺改其后同级的序号",
                )
            counters[level] = m.number
            last_line[level] = line
            current[level] = (line, m)
            for deeper in range(level + 1, 5):
                counters[deeper] = 0
                last_line[deeper] = 0
                current[deeper] = None


_PROBLEM_CN = (
    ("half-width parentheses", "括号应为全角“（ ）”"),
    ("spaces inside the parentheses", "括号内不应有空格"),
    ("zero-padded number", "序号不补零"),
    ("after the closing parenthesis", "括号后不加任何标点"),
    ("after a Chinese numeral", "汉字序号后应用顿号“、”"),
    ("顿号 after an Arabic numeral", "阿拉伯数字后应用半角句点“.”，不用顿号"),
    ("full-width full stop", "阿拉伯数字后应用半角句点“.”，不用全角“．”"),
)


def _problem_cn(problem: str | None) -> str:
    parts = [cn for key, cn in _PROBLEM_CN if problem and key in problem]
    return "，".join(parts) if parts else "不符合 GB/T 9704 的写法"


@rule(
    "S002",
    "warning",
    "outline-level",
    summary="正文层次越级，或层次序号写法不规范",
    why="""
GB/T 9704-2012 第 7.3.3 条规定结构层次依次为“一、”“（一）”“1.”“（1）”，下一层只能出现在上一层之下：
“（1）”上面须有“1.”，正文的第一个标题须是“一、”。越级使用会让排版（一级黑体、二级楷体）和读者
对层次的理解出错。本规则同时检查序号的写法：“（一）、”“1、”“(一)”“1．”“一.”都是常见的错误，
规范写法是“（一）”后不加标点、“1.”用半角句点、括号用全角——一个代码管两件事，是因为两者都是
层次标注不合规范，修改时也往往一并处理。
""",
    wrong="""
一、落实值班责任
（1）明确责任人。
（一）、严格交接班。
1、做好记录。
""",
    right="""
一、落实值班责任
（一）明确责任人。
（二）严格交接班。
1.做好记录。
""",
)
def outline_level(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for src in _outline_sources(ctx):
        markers = _markers(ctx, src)
        last_idx: dict[int, int | None] = {1: None, 2: None, 3: None, 4: None}
        groups: dict[tuple[int, int], list[int]] = {}
        for i, (line, m) in enumerate(markers):
            shallower = [idx for k in range(1, m.level) if (idx := last_idx[k]) is not None]
            parent = max(shallower) if shallower else None
            parent_level = markers[parent][1].level if parent is not None else 0
            if parent_level != m.level - 1:
                groups.setdefault((-1 if parent is None else parent, m.level), []).append(i)
            last_idx[m.level] = i
            for deeper in range(m.level + 1, 5):
                last_idx[deeper] = None
            if not m.standard:
                fixed = canonical_marker(m.level, m.number)
                yield r.at(
                    src.path,
                    line,
                    f"{LEVEL_NAMES[m.level]}序号“{m.marker}”写法不规范：{_problem_cn(m.problem)}，"
                    f"应写作“{fixed}”（{LEVEL_ORDER_HINT}）",
                )
        for (parent, level), members in groups.items():
            line, m = markers[members[0]]
            parent_level = markers[parent][1].level if parent >= 0 else 0
            missing = "、".join(f"{LEVEL_NAMES[k]}“{canonical_marker(k, 1)}”" for k in range(parent_level + 1, level))
            fixed = canonical_marker(parent_level + 1, m.number)
            if parent >= 0:
                pline, pm = markers[parent]
                where = f"直接出现在第 {pline} 行的{LEVEL_NAMES[parent_level]}“{pm.marker}”之下，中间缺少"
            else:
                where = "是正文中的第一个层次标题，上面缺少"
            others = f"；这一组同级标题共 {len(members)} 个，请一并调整" if len(members) > 1 else ""
            yield r.at(
                src.path,
                line,
                f"层次越级：{LEVEL_NAMES[level]}“{m.marker}”{where}{missing}。"
                f"{LEVEL_ORDER_HINT}，请改为“{fixed}”，或补上缺少的层次{others}",
            )


# -- attachments ---------------------------------------------------------------------------


def _numbered_list(titles: list[str]) -> str:
    if len(titles) == 1:
        return f"附件：{titles[0]}"
    return "附件：" + " ".join(f"{i}.{t}" for i, t in enumerate(titles, 1))


def _compare_titles(front: list[str], body: list[str]) -> list[str]:
    """What differs between the front-matter titles and the 附件说明 titles, in Chinese."""
    if sorted(front) == sorted(body):
        return [
            f"顺序不同：前置元数据依次为 {'、'.join(f'“{t}”' for t in front)}，"
            f"正文依次为 {'、'.join(f'“{t}”' for t in body)}"
        ]
    out = []
    matcher = difflib.SequenceMatcher(a=front, b=body, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and a2 - a1 == b2 - b1:
            for k in range(a2 - a1):
                out.append(f"第 {b1 + k + 1} 个附件标题不同：正文写“{body[b1 + k]}”，前置元数据是“{front[a1 + k]}”")
            continue
        for t in front[a1:a2]:
            out.append(f"正文缺少“{t}”" + ("（正文另有同名附件，顺序也不同）" if t in body else ""))
        for t in body[b1:b2]:
            out.append(f"正文多出“{t}”" + ("（前置元数据另有同名附件，顺序也不同）" if t in front else ""))
    return out


_FILE_KEY_RE = re.compile(r"(?:^|[\s{,\-])file\s*:")


def _file_key_line(src: Source, item_line: int, next_line: int | None) -> int:
    """The line of ``file:`` inside the attachment entry starting at ``item_line``."""
    if not src.text:
        return item_line
    lines = src.text.split("\n")
    stop = min(len(lines), (next_line - 1) if next_line else item_line + 10)
    if src.body:
        stop = min(stop, src.body[0][0] - 2)  # not past the closing ---
    for n in range(item_line, stop + 1):
        if _FILE_KEY_RE.search(lines[n - 1]):
            return n
    return item_line


def _inside(root_real: str, path: str) -> bool:
    return path == root_real or path.startswith(root_real.rstrip(os.sep) + os.sep)


@rule(
    "S003",
    "error",
    "attachments-mismatch",
    summary="前置元数据与正文的附件说明不一致，或附件文件不存在",
    why="""
GB/T 9704-2012 第 7.3.5 条要求附件说明写在正文之下，附件的序号和名称须与附件本身一致。
本工具根据前置元数据 attachments 生成附件说明；正文中若另写了以“附件：”开头的段落，
它列出的标题（去掉序号和末尾标点后）必须与 attachments 完全相同、顺序相同，否则印出来的公文
前后矛盾。attachments 中以 file 指定的附件文件（相对于语料库根目录的路径）必须存在，
否则网站和归档卷里会缺件；指向根目录之外的路径由 X006 处理。
""",
    wrong="""
attachments:
  - 2025年春节值班表
  - {title: 值班记录样表, file: content/files/zhiban.docx}   （文件不存在）
正文：附件：1.2025年春节值班安排表
""",
    right="""
attachments:
  - 2025年春节值班表
  - {title: 值班记录样表, file: content/files/zhiban-jilu.docx}
正文：附件：1.2025年春节值班表
      2.值班记录样表
""",
)
def attachments_mismatch(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    root_real = os.path.realpath(ctx.corpus.root)
    for doc in ctx.documents():
        if doc.classification in SECRET_LEVELS:
            continue  # register entry: X001 reports any attachment or body
        src = doc.source
        front = [_clean_title(a.title) for a in doc.attachments]
        note = find_attachment_note(src.paragraphs())
        if note is not None:
            body = [t for _, _, t in note.titles]
            if not front:
                yield r.at(
                    src.path,
                    note.line,
                    f"正文有附件说明（{'、'.join(f'“{t}”' for t in body) or '“附件：”'}），"
                    "但前置元数据没有 attachments：请在 attachments 中列出这些附件，"
                    "或删除正文中的附件说明（附件说明会根据 attachments 自动生成）",
                )
            elif front != body:
                diffs = _compare_titles(front, body)
                yield r.at(
                    src.path,
                    note.line,
                    "正文的附件说明与前置元数据 attachments 不一致："
                    + "；".join(diffs)
                    + f"。按 attachments 应写作：{_numbered_list(front)}"
                    "（也可以删去正文中的附件说明，由 attachments 自动生成）",
                )
            numbers = [n for _, n, _ in note.titles]
            if len(numbers) > 1 and front == body and numbers != list(range(1, len(numbers) + 1)):
                bad = next(i for i, n in enumerate(numbers) if n != i + 1)
                yield r.at(
                    src.path,
                    note.titles[bad][0],
                    f"附件说明的序号不连续：第 {bad + 1} 个附件应编为“{bad + 1}.”，"
                    f"却是“{numbers[bad]}.”，附件序号须从 1 起依次编排",
                )
        starts = [a.line for a in doc.attachments]
        for k, att in enumerate(doc.attachments):
            if not att.file:
                continue
            if os.path.isabs(att.file) or att.file.startswith(("/", "\\")):
                continue  # X006
            try:
                real = os.path.realpath(os.path.join(root_real, att.file))
            except (OSError, ValueError):
                continue
            if not _inside(root_real, real):
                continue  # X006
            if os.path.isfile(real):
                continue
            what = "是一个文件夹，不是文件" if os.path.isdir(real) else "不存在"
            next_line = starts[k + 1] if k + 1 < len(starts) else None
            if next_line is None and src.has("attachments") and src.meta is not None:
                after = [f.line for f in src.meta.values() if f.line > att.line]
                next_line = min(after) if after else None
            yield r.at(
                src.path,
                _file_key_line(src, att.line, next_line),
                f"附件“{att.title or att.file}”的文件 {att.file} {what}：file 须是相对于语料库根目录的"
                "文件路径（如 content/files/2025/zhiban.docx），请核对路径或把文件放到该位置",
            )


# -- regulation structure ---------------------------------------------------------------------


def _parsed(ctx: Context) -> Iterator[tuple[Version, ParsedRegulation]]:
    """(version, parsed body) for each regulation version in scope."""
    parsed = ctx.parsed_versions
    for ver in ctx.versions():
        p = parsed.get(ver.path)
        if p is not None:
            yield ver, p


_QUOTED_RE = re.compile(r"""(?P<q>'.*'|".*")$""", re.S)


def _quoted(message: str) -> str:
    """The repr()-quoted text at the end of a parser problem, unquoted."""
    m = _QUOTED_RE.search(message)
    if not m:
        return ""
    try:
        value = ast.literal_eval(m.group("q"))
    except (ValueError, SyntaxError):
        return m.group("q")[1:-1]
    return str(value)


def _heading_problem(message: str) -> str | None:
    """A parser problem about a 章/节 heading, in Chinese, or None if it is about something else."""
    if message.startswith("cannot read the chapter number"):
        return f"章标题“{_quoted(message)}”中的序号无法识别：请用规范的汉字数字，如“## 第十一章 附则”"
    if message.startswith("cannot read the section number"):
        return f"节标题“{_quoted(message)}”中的序号无法识别：请用规范的汉字数字，如“### 第二节 请假”"
    if message.startswith("section heading outside any chapter"):
        return "节标题不在任何一章之下：节须放在“## 第X章 ……”之后；没有分章的制度不能分节，请改为章或删去"
    if message.startswith("heading is neither"):
        return (
            f"标题“{_quoted(message)}”既不是章（## 第X章 标题）也不是节（### 第X节 标题）："
            "制度正文中的 Markdown 标题只能用于章和节，其他文字请写成普通段落"
        )
    return None


_NO_SPACE_RE = re.compile(r"^(?P<label>第\S+?条) is not followed")
_ARTICLE_NO_SPACE_RE = re.compile(
    r"^(?:\*\*|__)?(?P<label>第[零〇一二两三四五六七八九十百千]+条)(?:\*\*|__)?(?![ \u3000])"
)


def _article_problem(message: str) -> str:
    if message.startswith("cannot read the article number"):
        return f"条号“{_quoted(message)}”中的数字无法识别：请用规范的汉字数字，如“第十一条”“第一百零五条”"
    m = _NO_SPACE_RE.match(message)
    if m:
        return (
            f"“{m.group('label')}”后面缺少空格，未被识别为新的一条：条号与条文之间须有一个全角空格，"
            f"应写作“{m.group('label')}\u3000……”"
        )
    if message.startswith("paragraph between a heading"):
        return "这一段位于章节标题与下一条之间，不属于任何一条：请把它并入某一条，或写成新的一条（第X条　……）"
    return f"无法解析的制度结构：{message}"


def _article_label(style: str, n: int) -> str:
    return f"第{_cn(n)}条" if style == "article" else f"{_cn(n)}、"


#: What an adopted text's editor is told to do about a gap: never to renumber.
ADOPTED_ADVICE = (
    "请对照印发文本补回缺少的内容；如果制度印发时即是如此（以印发文本为准），"
    "请不要改动其后的序号，而是在前置元数据中写 acknowledged（code: {code}，reason: 写明理由）确认这一问题"
)


def _ranges(numbers: list[int]) -> list[tuple[int, int]]:
    """Contiguous runs of sorted numbers: [3, 4, 7] → [(3, 4), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


#: Where a heading can start inside running text: after a sentence or clause mark, or a space.
_RUN_BEFORE = "。；;！？!?：:\u3000 \t"


def _run_together_re(label: str) -> re.Pattern[str]:
    """``label`` (第五条, （二）, 二、) standing inside a paragraph, right after a mark that
    ends a sentence or clause (so 依照第五条 or 本制度第五条 does not count)."""
    return re.compile(rf"(?<=[{_RUN_BEFORE}]){re.escape(label)}(?![的款项规之中和及或至、])")


def _paragraph_texts(art: Article) -> list[tuple[int, str]]:
    """(line, text) of an article's clauses and items, in order."""
    out = []
    for clause in art.clauses:
        if clause.text:
            out.append((clause.line, clause.text))
        for item in clause.items:
            out.append((item.line, item.text))
    return out


def run_together_articles(p: ParsedRegulation) -> dict[int, tuple[int, str]]:
    """Article numbers missing from the sequence that stand inside an earlier article's
    paragraph (articles run together): number → (line, label). Shared by S004 and S009."""
    found: dict[int, tuple[int, str]] = {}
    expected = 1
    previous = None
    for art in p.articles:
        if art.number > expected and previous is not None:
            texts = _paragraph_texts(previous)
            for missing in range(expected, art.number):
                label = _article_label(p.style, missing)
                rx = _run_together_re(label)
                for line, text in texts:
                    if rx.search(text):
                        found[missing] = (line, label)
                        break
        expected = max(expected, art.number + 1)
        previous = art
    if previous is not None:  # the last article may hold the next one
        label = _article_label(p.style, expected)
        rx = _run_together_re(label)
        for line, text in _paragraph_texts(previous):
            if rx.search(text):
                found[expected] = (line, label)
                break
    return found


def run_together_items(art: Article) -> dict[int, tuple[int, str]]:
    """Item numbers missing inside ``art`` that stand inside the paragraph of the item or
    clause before the gap: number → (line, label)."""
    found: dict[int, tuple[int, str]] = {}
    last = 0
    prev_text: tuple[int, str] | None = None
    for clause in art.clauses:
        if clause.text:
            prev_text = (clause.line, clause.text)
        for k, item in enumerate(clause.items):
            if k == 0 and last and item.number == 1:
                last = 0
            if item.number > last + 1 and prev_text is not None:
                for missing in range(last + 1, item.number):
                    label = _item_label(item.marker, missing)
                    if _run_together_re(label).search(prev_text[1]):
                        found[missing] = (prev_text[0], label)
            last = max(last, item.number)
            prev_text = (item.line, item.text)
        if clause.items:  # the last item of a list may hold the next one
            item = clause.items[-1]
            label = _item_label(item.marker, last + 1)
            if _run_together_re(label).search(item.text):
                found.setdefault(last + 1, (item.line, label))
    return found


_STANDIN_ITEM_RE = re.compile(r"^[,，]\s*([一二三四五六七八九十]{1,3})\s*[,，]")


def standin_items(art: Article) -> set[int]:
    """Item numbers typed with a stand-in (,一, for （一）): Z003 reports those, not S006."""
    found = set()
    for clause in art.clauses:
        for text in [clause.text] + [it.text for it in clause.items]:
            m = _STANDIN_ITEM_RE.match(text or "")
            if m:
                try:
                    found.add(cn_to_int(m.group(1)))
                except ValueError:
                    pass
    return found


@rule(
    "S004",
    "error",
    "article-numbering",
    summary="条文序号跳号或重复",
    why="""
制度的条文从第一条起在全文中连续编号，不因分章分节而重新起算（《立法技术规范（试行）》）。
网站为每一条生成固定锚点（第十二条 → #art-12），检索、引用和版本比较都依赖条号；跳号或重号会让
“本制度第X条”指错地方。每一处跳号单独报告。已经印发的制度是历史文本：缺条时应对照印发文本补回，
不能把其后的条文重新编号；制度印发时即有缺条的，用 acknowledged 确认（见 S009 对连排条文的说明）。
不用“第X条”而以“一、”分条的制度同样要求连续。正文中无法归入任何一条的段落、
条号后缺空格而未被识别为新条的“第X条”，也在此报告。
""",
    wrong="""
第四条　假满应及时销假。
第六条　工作人员应当按时上下班。
""",
    right="""
第四条　假满应及时销假。
第五条　工作人员应当按时上下班。
""",
)
def article_numbering(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for ver, p in _parsed(ctx):
        joined = run_together_articles(p)
        expected = 1
        for art in p.articles:
            if art.number == expected:
                expected += 1
                continue
            exp = _article_label(p.style, expected)
            if art.number > expected:
                missing = [n for n in range(expected, art.number) if n not in joined]
                expected = art.number + 1
                if not missing:
                    continue  # every missing number stands inside an earlier article: S009
                gaps = "、".join(
                    f"“{_article_label(p.style, a)}”"
                    if a == b
                    else f"“{_article_label(p.style, a)}”至“{_article_label(p.style, b)}”"
                    for a, b in _ranges(missing)
                )
                yield r.at(
                    ver.path,
                    art.line,
                    f"条文序号不连续：此处应为“{exp}”，却是“{art.label}”，之前缺少{gaps}（共 {len(missing)} 条）。"
                    + ADOPTED_ADVICE.format(code="S004"),
                )
                continue
            detail = "与上一条的序号重复" if art.number == expected - 1 else "序号倒退了"
            yield r.at(
                ver.path,
                art.line,
                f"条文序号不连续：此处应为“{exp}”，却是“{art.label}”，{detail}。" + ADOPTED_ADVICE.format(code="S004"),
            )
        for line, message in p.problems:
            if _heading_problem(message) is None:
                yield r.at(ver.path, line, _article_problem(message))
        if p.style == "outline" and not p.articles:
            for line, text in ver.source.paragraphs():
                m = _ARTICLE_NO_SPACE_RE.match(text)
                if m:
                    yield r.at(
                        ver.path,
                        line,
                        f"“{m.group('label')}”后面缺少空格，全文没有识别出任何一条：条号与条文之间须有"
                        f"一个全角空格，应写作“{m.group('label')}\u3000……”",
                    )
                    break


@rule(
    "S009",
    "error",
    "run-together-articles",
    summary="条文或项连排在上一条（项）的段落中",
    why="""
从纸质文本或 PDF 转录的制度常把两条连成一段：“……按旷工处理。第五条　工作人员……”。这样的“第五条”
不是一个段落的开头，网站无法为它生成锚点（#art-5），检索、引用和版本比较都找不到它，看起来像是缺了一条。
这里报告的是“连排”，不是“缺条”：文字都在，只是没有分段，所以不报 S004/S006，也绝不应把其后的条文
重新编号。改法是在连排的条号（或项号）之前分段；如果印发文本本身就是这样排的，也可以用
acknowledged 确认 S009。
""",
    wrong="""
第四条　假满应及时销假。违反本制度的，按旷工处理。第五条　工作人员应当按时上下班。
第六条　……
""",
    right="""
第四条　假满应及时销假。违反本制度的，按旷工处理。
第五条　工作人员应当按时上下班。
第六条　……
""",
)
def run_together(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for ver, p in _parsed(ctx):
        for _number, (line, label) in sorted(run_together_articles(p).items()):
            yield r.at(
                ver.path,
                line,
                f"“{label}”连排在第 {line} 行的段落中，没有单独成段：网站无法为它生成锚点，引用和检索都找不到它。"
                f"请在“{label}”之前另起一段（只分段，不改文字，其后各条的序号不变）；"
                "如果印发文本就是这样连排的，可用 acknowledged 确认 S009",
            )
        for art in p.articles:
            for _number, (line, label) in sorted(run_together_items(art).items()):
                yield r.at(
                    ver.path,
                    line,
                    f"{art.label}中的“{label}”连排在第 {line} 行的段落中，没有单独成段：请在“{label}”之前另起一段"
                    "（只分段，不改文字）；如果印发文本就是这样连排的，可用 acknowledged 确认 S009",
                )


@rule(
    "S010",
    "warning",
    "empty-heading",
    summary="条或项只有序号，没有内容",
    why="""
“第十二条”后面一个字也没有、紧接着就是下一条，或者“（三）”后面是空的，多半是转录时漏掉了文字，
也可能是印发文本里删除条文时留下的空号。网站会显示一个空条，引用它的人什么也读不到。请对照印发文本
补上内容；印发文本本身就是空条的，用 acknowledged 确认 S010。
""",
    wrong="""
第十一条　请假须提前申请。
第十二条
第十三条　本制度自印发之日起施行。
""",
    right="""
第十一条　请假须提前申请。
第十二条　工作人员因病请假的，应当提供医疗机构证明。
第十三条　本制度自印发之日起施行。
""",
)
def empty_heading(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for ver, p in _parsed(ctx):
        for art in p.articles:
            has_text = any(c.text.strip() or c.items for c in art.clauses)
            if not has_text:
                yield r.at(
                    ver.path,
                    art.line,
                    f"“{art.label}”只有条号，没有条文：请对照印发文本补上内容；"
                    "印发文本即是如此的，可用 acknowledged 确认 S010",
                )
                continue
            for clause in art.clauses:
                for item in clause.items:
                    if not item.text.strip():
                        yield r.at(
                            ver.path,
                            item.line,
                            f"{art.label}中的“{item.marker}”只有项号，没有内容：请对照印发文本补上内容；"
                            "印发文本即是如此的，可用 acknowledged 确认 S010",
                        )


@rule(
    "S005",
    "error",
    "chapter-numbering",
    summary="章或节的序号跳号或重复，或章节标题写法不对",
    why="""
章从第一章起连续编号；节是章的下一级，在每一章内从第一节起连续编号。网站为每一章生成固定锚点
（第二章 → #ch-2）并据此生成目录，跳号或重号会让目录和引用出错。制度正文中的 Markdown 标题只能是
“## 第X章 标题”或“### 第X节 标题”，其他标题无法归入结构，也在此报告。
""",
    wrong="""
## 第二章 请假
## 第五章 附则
""",
    right="""
## 第二章 请假
## 第三章 附则
""",
)
def chapter_numbering(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for ver, p in _parsed(ctx):
        expected = 1
        for ch in p.chapters:
            if ch.number != expected:
                exp = f"第{_cn(expected)}章"
                yield r.at(
                    ver.path,
                    ch.line,
                    f"章的序号不连续：此处应为“{exp}”，却是“第{_cn(ch.number)}章”。"
                    f"章须从第一章起连续编号，请改为“{exp}”并顺改其后各章",
                )
            expected = ch.number + 1
            sec_expected = 1
            for sec in ch.sections:
                if sec.number != sec_expected:
                    exp = f"第{_cn(sec_expected)}节"
                    yield r.at(
                        ver.path,
                        sec.line,
                        f"节的序号不连续：第{_cn(ch.number)}章中此处应为“{exp}”，却是“第{_cn(sec.number)}节”。"
                        f"节在每一章内从第一节起连续编号，请改为“{exp}”",
                    )
                sec_expected = sec.number + 1
        for line, message in p.problems:
            text = _heading_problem(message)
            if text is not None:
                yield r.at(ver.path, line, text)


def _item_label(marker: str, n: int) -> str:
    if len(marker) == 1 and "\u3220" <= marker <= "\u3229" and 1 <= n <= 10:
        return chr(0x3220 + n - 1)
    return f"（{_cn(n)}）"


@rule(
    "S006",
    "error",
    "item-numbering",
    summary="条内的项序号跳号或重复",
    why="""
条下的项用（一）（二）（三）……编号，每一条内从（一）起连续编排。引用“第十条第（三）项”时，
跳号或重号会让引用落空或指错。一条有几款、各款下都列项时，后一款的项可以接着编号，也可以按立法惯例
重新从（一）起编（项属于款，引用时写明第几款）；除此之外的跳号、重号都是错误。
""",
    wrong="""
第十条　本制度所称假期包括：
（一）年休假；
（三）事假。
""",
    right="""
第十条　本制度所称假期包括：
（一）年休假；
（二）事假。
""",
)
def item_numbering(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for ver, p in _parsed(ctx):
        for art in p.articles:
            joined = run_together_items(art)
            joined.update({n: (0, "") for n in standin_items(art)})
            last = 0
            for clause in art.clauses:
                for k, item in enumerate(clause.items):
                    expected = last + 1
                    ok = item.number == expected or (k == 0 and last and item.number == 1)
                    if not ok:
                        exp = _item_label(item.marker, expected)
                        if item.number > expected:
                            missing = [n for n in range(expected, item.number) if n not in joined]
                            if missing:
                                gaps = "、".join(f"“{_item_label(item.marker, n)}”" for n in missing)
                                yield r.at(
                                    ver.path,
                                    item.line,
                                    f"{art.label}中项的序号不连续：此处应为“{exp}”，却是“{item.marker}”，"
                                    f"之前缺少{gaps}。" + ADOPTED_ADVICE.format(code="S006"),
                                )
                        else:
                            if last == 0:
                                detail = "每一条的第一项应是（一）"
                            elif item.number == last:
                                detail = "与上一项的序号重复"
                            else:
                                detail = "序号倒退了"
                            yield r.at(
                                ver.path,
                                item.line,
                                f"{art.label}中项的序号不连续：此处应为“{exp}”，却是“{item.marker}”，{detail}。"
                                + ADOPTED_ADVICE.format(code="S006"),
                            )
                    last = item.number


@rule(
    "S007",
    "error",
    "dangling-article-reference",
    summary="引用了本制度中不存在的条、款或项",
    why="""
“本制度第X条”“本办法第十条第二款”“本规定第五条第（三）项”指向同一制度中的条文。修订时增删条文
而忘了改引用，引用就会落空或指错，执行时无所适从。本规则按本版本实际的条、款、项核对每一处引用。
为避免误报，只检查以“本制度/本办法/本规定……”开头的引用（以及紧接其后用“、和及或至”列出的条），
单独出现的“第X条”可能引自其他法规，不检查。
""",
    wrong="""
第二十七条　本制度自2025年2月1日起施行。（全文共二十七条）
……违反本制度第三十条规定的，按旷工处理。
""",
    right="""
……违反本制度第十六条规定的，按旷工处理。
""",
)
def dangling_reference(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for ver, p in _parsed(ctx):
        if not p.articles:
            continue
        by_number: dict[int, Article] = {}
        for article in p.articles:
            by_number.setdefault(article.number, article)
        count = len(p.articles)
        last = p.articles[-1]
        for line, text in ver.source.paragraphs():
            if "本" not in text:
                continue
            for ref in find_article_references(text):
                art = by_number.get(ref.article)
                label = _article_label(p.style, ref.article)
                if art is None:
                    yield r.at(
                        ver.path,
                        line,
                        f"“{ref.raw}”引用的{label}不存在：本版本共 {count} 条，最后一条是{last.label}"
                        f"（第 {last.line} 行）。"
                        "请核对引用的条号，条文增删后引用要随之修改",
                    )
                    continue
                if ref.clause is not None and ref.clause > len(art.clauses):
                    n = len(art.clauses)
                    yield r.at(
                        ver.path,
                        line,
                        f"“{ref.raw}”引用的{label}第{_cn(ref.clause)}款不存在：{art.label}（第 {art.line} 行）"
                        f"只有 {n} 款。请核对引用",
                    )
                    continue
                if ref.item is None:
                    continue
                items = (
                    art.clauses[ref.clause - 1].items
                    if ref.clause is not None
                    else [it for c in art.clauses for it in c.items]
                )
                if ref.item not in {it.number for it in items}:
                    where = f"{label}第{_cn(ref.clause)}款" if ref.clause is not None else label
                    have = f"只有 {len(items)} 项" if items else "没有列项"
                    yield r.at(
                        ver.path,
                        line,
                        f"“{ref.raw}”引用的{where}第（{_cn(ref.item)}）项不存在：{where}（第 {art.line} 行）"
                        f"{have}。请核对引用",
                    )


# -- empty bodies -------------------------------------------------------------------------------


def _end_of_front_matter(src: Source) -> int:
    if src.body:
        return src.body[0][0] - 1 if src.body[0][0] > 1 else 1
    if src.text is None:
        return 1
    return max(1, len(src.text.rstrip("\n").split("\n")))


def _is_empty(src: Source) -> bool:
    return not any(t.strip() for _, t in src.body)


@rule(
    "S008",
    "error",
    "empty-body",
    summary="应有正文的文件正文为空",
    why="""
公开、内部公文，制度的每一个版本，以及政务公开事项，都要把正文发布到网站或导出为 Word；
正文为空，发布出去的就是一张空页。只有秘密、机密、绝密公文的登记条目只写前置元数据、不写正文
（正文不进入仓库，见 X001）。
""",
    wrong="""
---
number: 区建发〔2025〕1号
title: 关于加强机关值班管理的通知
doc_type: 通知
signed_on: 2025-03-05
---
""",
    right="""
---
number: 区建发〔2025〕1号
……
---
各科室、直属单位：
为进一步加强机关值班管理……
""",
)
def empty_body(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc in ctx.documents():
        if doc.classification in SECRET_LEVELS or doc.classification == "未知":
            continue  # a register entry has no body; an unreadable 密级 is F005's
        if _is_empty(doc.source):
            yield r.at(
                doc.path,
                _end_of_front_matter(doc.source),
                f"公文正文为空：{doc.classification}公文须在前置元数据之后写出正文。"
                "只有秘密、机密、绝密公文的登记条目可以没有正文",
            )
    for ver in ctx.versions():
        if _is_empty(ver.source):
            yield r.at(
                ver.path,
                _end_of_front_matter(ver.source),
                "制度版本正文为空：请在前置元数据之后写出该版本的全文（## 第一章 …… 第一条　……）",
            )
    for item in ctx.disclosures():
        if _is_empty(item.source):
            yield r.at(
                item.path, _end_of_front_matter(item.source), "公开事项正文为空：请在前置元数据之后写出要公开的内容"
            )
