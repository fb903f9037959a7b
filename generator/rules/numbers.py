"""N rules: 发文字号 — its written form, its 代字 and year, and the numbering of the corpus."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator

from ..corpus.loader import as_str
from ..corpus.source import Source
from ..diagnostics import Diagnostic
from ..model import Document
from ..text.docnumber import (
    CLOSE_BRACKETS,
    OPEN_BRACKETS,
    DocNumber,
    NumberAnalysis,
    analyse_doc_number,
    find_cited_numbers,
)
from ..text.numerals import to_ascii_digits
from .registry import Context, Rule, body_sources, rule

_FORM = "代字〔YYYY〕N号"
_SEQ_RE = re.compile(r"[" + re.escape(CLOSE_BRACKETS) + r"]\s*(第)?\s*([0-9０-９]+)")
_YEAR_RE = re.compile(r"[" + re.escape(OPEN_BRACKETS) + r"]\s*([0-9０-９]+)")


# -- helpers ---------------------------------------------------------------------------------


def _example(ctx: Context, doc: Document | None = None) -> str:
    """A correct number to show as an example: the agency's first code, the document's year."""
    codes = list(ctx.corpus.agency.codes)
    code = codes[0] if codes else (doc.number.code if doc is not None and doc.number else "区建发")
    year = doc.signed_on.year if doc is not None and doc.signed_on else 2025
    return f"{code}〔{year}〕1号"


def _fix(analysis: NumberAnalysis) -> str:
    """The tail of a message giving the corrected number, when one was recovered."""
    return f"，应改为 {analysis.number}" if analysis.number is not None else ""


def _malformed_reasons(raw: str) -> list[str]:
    """What is wrong with the shape of ``raw`` in words an editor understands."""
    text = raw.strip()
    reasons: list[str] = []
    has_open = any(c in text for c in OPEN_BRACKETS)
    has_close = any(c in text for c in CLOSE_BRACKETS)
    first = text[:1]
    if first and (first in OPEN_BRACKETS or first.isdigit() or to_ascii_digits(first).isdigit()):
        reasons.append("缺少机关代字")
    elif first and not ("\u3400" <= first <= "\u9fff" or "\U00020000" <= first <= "\U000323af"):
        reasons.append("代字须是汉字")
    if not (has_open and has_close):
        reasons.append("年份没有放在六角括号〔〕里")
    else:
        m = _YEAR_RE.search(text)
        if m and len(m.group(1)) not in (2, 4):
            reasons.append(f"年份“{m.group(1)}”须写四位")
        inner = text[text.find(next(c for c in text if c in OPEN_BRACKETS)) :]
        close_at = next((i for i, c in enumerate(inner) if c in CLOSE_BRACKETS), -1)
        if close_at > 0 and "年" in inner[:close_at]:
            reasons.append("括号里只写年份数字，不写“年”")
    if not text.endswith("号"):
        if "号" in text:
            reasons.append("“号”之后不能再有其他文字")
        else:
            reasons.append("结尾缺少“号”")
    if re.search(r"\s", text):
        reasons.append("中间不能有空格")
    if to_ascii_digits(text) != text:
        reasons.append("数字须用半角阿拉伯数字")
    m = _SEQ_RE.search(text)
    if m and int(to_ascii_digits(m.group(2)) or "0") == 0:
        reasons.append("顺序号不能是 0")
    return reasons


def _written(doc: Document) -> tuple[str, NumberAnalysis] | None:
    """(number as written, its analysis) for a document that has a string number."""
    raw = doc.number_raw
    if not raw:
        return None
    return raw, analyse_doc_number(raw)


def _compress(numbers: list[int]) -> str:
    """1, 2, 4, 5, 6, 7 → 1号、2号、4–7号 (runs of three or more become ranges)."""
    parts: list[str] = []
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{numbers[i]}–{numbers[j]}号")
        else:
            parts.extend(f"{n}号" for n in numbers[i : j + 1])
        i = j + 1
    return "、".join(parts)


def _sequences(ctx: Context) -> dict[tuple[str, int], dict[int, list[Document]]]:
    """(代字, 年) → 顺序号 → documents, over the whole corpus (cached on the context).

    Only registered 代字 when site.yml lists codes.
    """
    return ctx.once("n-sequences", "", lambda: _compute_sequences(ctx))


def _compute_sequences(ctx: Context) -> dict[tuple[str, int], dict[int, list[Document]]]:
    seqs: dict[tuple[str, int], dict[int, list[Document]]] = {}
    registered = ctx.corpus.agency.codes
    for number, docs in ctx.docs_by_number.items():
        if registered and number.code not in registered:
            continue  # a mistyped 代字 is N006's business, not a sequence of its own
        seqs.setdefault((number.code, number.year), {})[number.seq] = sorted(docs, key=lambda d: d.path)
    return seqs


def _next_free(ctx: Context, number: DocNumber) -> DocNumber:
    """The number after the highest one used for this 代字 and year."""
    top = ctx.once("n-max-seq", "", lambda: _max_sequences(ctx))
    return DocNumber(number.code, number.year, top.get((number.code, number.year), 0) + 1)


def _max_sequences(ctx: Context) -> dict[tuple[str, int], int]:
    top: dict[tuple[str, int], int] = {}
    for n in ctx.docs_by_number:
        key = (n.code, n.year)
        top[key] = max(top.get(key, 0), n.seq)
    return top


# -- N001-N005: the number as written ----------------------------------------------------------


def _numbers_with(ctx: Context, problem: str) -> Iterator[tuple[Document, str, NumberAnalysis]]:
    """(document, number as written, analysis) for documents in scope whose number has ``problem``."""
    for doc in ctx.documents():
        written = _written(doc)
        if written is not None and problem in written[1].problems:
            yield doc, written[0], written[1]


@rule(
    "N001",
    "error",
    "malformed-number",
    summary="发文字号格式不对（应为 代字〔YYYY〕N号）",
    why="""
发文字号由发文机关代字、用六角括号括起的四位年份和顺序号组成，后加“号”字，如 区建发〔2025〕12号
（GB/T 9704-2012 第 7.2.4 条）。文号是公文的唯一标识，检索、引用、归档目录和网页地址都依赖它，
写法走样就无法可靠地识别和比对。
""",
    wrong="""
number: 区建发2025年12号
number: 区建发 〔2025〕12号
number: 区建发〔2025〕12
""",
    right="number: 区建发〔2025〕12号",
)
def malformed_number(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc, raw, analysis in _numbers_with(ctx, "malformed"):
        reasons = _malformed_reasons(raw)
        why = f"（{'；'.join(reasons)}）" if reasons else ""
        if analysis.number is not None:
            tail = f"，应改为 {analysis.number}"
        else:
            tail = f"，例如 {_example(ctx, doc)}"
        yield r.at(doc.path, doc.source.line_of("number"), f"发文字号“{raw}”格式不对{why}：须写成 {_FORM}{tail}")


@rule(
    "N002",
    "error",
    "number-brackets",
    summary="年份没有用六角括号〔〕",
    why="""
发文字号中的年份须用六角括号〔〕（U+3014、U+3015）括起（GB/T 9704-2012 第 7.2.4 条）。
方括号 [ ]、圆括号（ ）、方头括号【 】等看起来相近，但不是规定的符号，
而且会让同一个文号在检索和引用时对不上。输入法中打“六角括号”或从正确的文号复制即可。
""",
    wrong="number: 区建发[2025]12号",
    right="number: 区建发〔2025〕12号",
)
def number_brackets(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc, raw, analysis in _numbers_with(ctx, "brackets"):
        used_open = next((c for c in raw if c in OPEN_BRACKETS), "")
        used_close = next((c for c in raw if c in CLOSE_BRACKETS), "")
        yield r.at(
            doc.path,
            doc.source.line_of("number"),
            f"发文字号“{raw}”的年份用了“{used_open}{used_close}”括号：年份须用六角括号〔〕{_fix(analysis)}",
        )


@rule(
    "N003",
    "error",
    "padded-sequence",
    summary="发文字号的顺序号编了虚位（012号）",
    why="""
发文字号的顺序号不编虚位，即不在前面补 0（GB/T 9704-2012 第 7.2.4 条：1 不编为 01 或 001）。
补零的写法与规定不符，也会使“12号”和“012号”被当成两个不同的文号。
""",
    wrong="number: 区建发〔2025〕012号",
    right="number: 区建发〔2025〕12号",
)
def padded_sequence(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc, raw, analysis in _numbers_with(ctx, "padded"):
        m = _SEQ_RE.search(raw)
        seq = f"“{m.group(2)}”" if m else ""
        yield r.at(
            doc.path,
            doc.source.line_of("number"),
            f"发文字号“{raw}”的顺序号{seq}前面补了 0：顺序号不编虚位{_fix(analysis)}",
        )


@rule(
    "N004",
    "error",
    "di-before-sequence",
    summary="发文字号的顺序号前加了“第”字",
    why="""
发文字号的顺序号前不加“第”字（GB/T 9704-2012 第 7.2.4 条），写作 区建发〔2025〕12号，
而不是 区建发〔2025〕第12号。“第”字常见于“国务院令第711号”这类令号，不要与发文字号混用。
""",
    wrong="number: 区建发〔2025〕第12号",
    right="number: 区建发〔2025〕12号",
)
def di_before_sequence(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc, raw, analysis in _numbers_with(ctx, "di"):
        yield r.at(
            doc.path, doc.source.line_of("number"), f"发文字号“{raw}”的顺序号前多了“第”字：请删去“第”{_fix(analysis)}"
        )


@rule(
    "N005",
    "error",
    "short-year",
    summary="发文字号的年份没有写全（〔24〕）",
    why="""
发文字号中的年份应标全称（GB/T 9704-2012 第 7.2.4 条），写四位数字，如〔2025〕，
不能简写为〔25〕。两位年份跨世纪会产生歧义，也使同一文号出现两种写法。
""",
    wrong="number: 区建发〔25〕12号",
    right="number: 区建发〔2025〕12号",
)
def short_year(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc, raw, analysis in _numbers_with(ctx, "short_year"):
        m = _YEAR_RE.search(raw)
        year = f"“{m.group(1)}”" if m else ""
        full = f"，应写全为 {analysis.number.year}" if analysis.number else ""
        yield r.at(
            doc.path,
            doc.source.line_of("number"),
            f"发文字号“{raw}”的年份只写了两位{year}{full}：年份须写四位{_fix(analysis)}",
        )


# -- N006-N010: numbers across the corpus ------------------------------------------------------


@rule(
    "N006",
    "error",
    "unregistered-code",
    summary="发文机关代字没有在 site.yml 的 codes 中登记",
    why="""
机关代字由机关统一确定并登记使用，本工具在 content/site.yml 的 codes 中列出本机关可用的代字。
用了未登记的代字（多半是笔误，如“区建法”），编号连续性检查、文号检索和归档都会把它当成另一套序列。
如确需新的代字，请先在 site.yml 中登记。
""",
    wrong="""
# site.yml codes: 区建发、区建办、区建函
number: 区建法〔2025〕3号
""",
    right="number: 区建发〔2025〕3号",
)
def unregistered_code(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    codes = ctx.corpus.agency.codes
    if not codes:
        return
    listing = "、".join(codes)
    for doc in ctx.documents():
        if doc.number is None or doc.number.code in codes:
            continue
        close = difflib.get_close_matches(doc.number.code, list(codes), n=1, cutoff=0.3)
        hint = f"是否应为“{close[0]}”？" if close else ""
        yield r.at(
            doc.path,
            doc.source.line_of("number"),
            f"发文机关代字“{doc.number.code}”没有在 content/site.yml 的 codes 中登记：{hint}"
            f"已登记的代字有 {listing}。请改用已登记的代字，或先在 site.yml 的 codes 中登记它",
        )


@rule(
    "N007",
    "error",
    "number-year-mismatch",
    summary="发文字号中的年份与成文日期的年份不一致",
    why="""
发文字号按年度编号，括号中的年份是成文的年份。年份与成文日期对不上，
要么文号取错了年度的序列，要么成文日期写错了；两者都会打乱年度编号和归档年度。
""",
    wrong="""
number: 区建发〔2024〕3号
signed_on: 2025-01-08
""",
    right="""
number: 区建发〔2025〕3号
signed_on: 2025-01-08
""",
)
def number_year_mismatch(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc in ctx.documents():
        if doc.number is None or doc.signed_on is None:
            continue
        if doc.number.year == doc.signed_on.year:
            continue
        target = DocNumber(doc.number.code, doc.signed_on.year, 1)
        yield r.at(
            doc.path,
            doc.source.line_of("number"),
            f"发文字号“{doc.number_raw}”的年份是 {doc.number.year}，但成文日期 signed_on 是 "
            f"{doc.signed_on.isoformat()}：请核对，文号应在 {doc.signed_on.year} 年的序列中取号"
            f"（{target.code}〔{target.year}〕N号），或更正成文日期",
        )


@rule(
    "N008",
    "error",
    "duplicate-number",
    summary="两份公文使用了同一个发文字号",
    why="""
发文字号在同一机关内是唯一的，一个号只能给一份公文。重号会让引用、检索和归档目录指向错误的文件，
网站上也无法区分。涉密文件在语料库中只有登记条目，但它同样占用文号，也参与比对。
""",
    wrong="""
content/documents/2025/zhiban.md:   number: 区建发〔2025〕3号
content/documents/2025/anquan.md:   number: 区建发〔2025〕3号
""",
    right="""
content/documents/2025/zhiban.md:   number: 区建发〔2025〕3号
content/documents/2025/anquan.md:   number: 区建发〔2025〕4号
""",
)
def duplicate_number(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    index = ctx.docs_by_number
    for doc in ctx.documents():
        if doc.number is None:
            continue
        others = [d.path for d in index.get(doc.number, []) if d is not doc]
        if not others:
            continue
        yield r.at(
            doc.path,
            doc.source.line_of("number"),
            f"发文字号 {doc.number} 与 {'、'.join(sorted(others))} 重复：一个发文字号只能用于一份公文，"
            f"请核对后为其中一份改用未用的号，如 {_next_free(ctx, doc.number)}",
        )


@rule(
    "N009",
    "warning",
    "number-gap",
    summary="某代字某年度的发文字号不连续（列出缺号）",
    why="""
同一代字每年从 1 号起连续编号。缺号通常意味着有公文没有录入，或者涉密文件没有登记；
年度归档时档案员需要说明每个空号的去向。涉密文件只需录入前置元数据作为登记条目即可补上编号。
""",
    wrong="""
区建发〔2025〕1号、区建发〔2025〕2号、区建发〔2025〕5号
（缺 3号、4号）
""",
    right="""
区建发〔2025〕1号 至 区建发〔2025〕5号 都有对应的文件
（作废或涉密的号也录入登记条目）
""",
)
def number_gap(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for (code, year), by_seq in _sequences(ctx).items():
        prev = 0
        for seq in sorted(by_seq):
            if seq > prev + 1:
                target = by_seq[seq][0]
                if ctx.in_scope(target.path):
                    # a gap is rendered as a range, never enumerated (区建发〔2025〕9999999999号)
                    lo, hi = prev + 1, seq - 1
                    missing = f"{lo}–{hi}号" if hi - lo >= 2 else _compress(list(range(lo, hi + 1)))
                    first = "（本代字本年度的编号应从 1号 开始）" if prev == 0 else ""
                    yield r.at(
                        target.path,
                        target.source.line_of("number"),
                        f"{code}〔{year}〕的编号在本文（{DocNumber(code, year, seq)}）之前不连续，"
                        f"缺 {missing}{first}：请补录缺号的公文；作废的号或涉密文件"
                        f"也请录入前置元数据作为登记条目",
                    )
            prev = seq


@rule(
    "N010",
    "warning",
    "number-order",
    summary="发文字号的先后与成文日期的先后相反",
    why="""
发文字号按发文的先后顺序编排，号越大，成文日期一般不会越早。顺序号较大的公文成文日期反而早于
前一个号，往往是文号或成文日期填错，或是预留的号被跳着使用了，请核对。
""",
    wrong="""
区建发〔2025〕7号  signed_on: 2025-05-20
区建发〔2025〕8号  signed_on: 2025-05-06
""",
    right="""
区建发〔2025〕7号  signed_on: 2025-05-06
区建发〔2025〕8号  signed_on: 2025-05-20
""",
)
def number_order(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for (code, year), by_seq in _sequences(ctx).items():
        prev_seq = 0
        prev: tuple[dt.date, Document] | None = None  # the latest of the previous number
        for seq in sorted(by_seq):
            dated = [(d.signed_on, d) for d in by_seq[seq] if d.signed_on is not None]
            if not dated:
                continue
            if prev is not None:
                prev_on, prev_doc = prev
                for signed_on, doc in dated:
                    if signed_on < prev_on and ctx.in_scope(doc.path):
                        yield r.at(
                            doc.path,
                            doc.source.line_of("signed_on"),
                            f"本文 {doc.number} 的成文日期 {signed_on.isoformat()} 早于前一个号 "
                            f"{DocNumber(code, year, prev_seq)}（{prev_doc.path}）的成文日期 "
                            f"{prev_on.isoformat()}：发文字号应按成文先后编排，"
                            f"请核对两份公文的文号和成文日期",
                        )
            prev_seq = seq
            prev = max(dated, key=lambda sd: (sd[0], sd[1].path))


# -- N011-N012: numbers cited in bodies and front-matter references ----------------------------


def _front_matter_refs(ctx: Context, include_regulation_refs: bool) -> Iterator[tuple[Source, str, int, str]]:
    """(source, key, line, value as written) of every front-matter reference to a 发文字号."""
    for doc in ctx.documents():
        src = doc.source
        value = as_str(src.value("repealed_by"))
        if src.has("repealed_by") and value:
            yield src, "repealed_by", src.line_of("repealed_by"), value
    for item in ctx.disclosures():
        src = item.source
        if not src.has("related"):
            continue
        assert src.meta is not None  # has() found the key
        field = src.meta["related"]
        values = field.value if isinstance(field.value, list) else [field.value]
        for i, v in enumerate(values):
            if v is None or isinstance(v, (dict, list)):
                continue
            text = str(v).strip()
            if not text:
                continue
            line = field.item_lines[i] if i < len(field.item_lines) else field.line
            yield src, "related", line, text
    if not include_regulation_refs:
        return
    for ver in ctx.versions():
        src = ver.source
        value = as_str(src.value("issued_by"))
        if src.has("issued_by") and value:
            yield src, "issued_by", src.line_of("issued_by"), value
    for reg in ctx.regulations():
        reg_src = reg.source
        if reg_src is None or reg_src.meta is None or not ctx.in_scope(reg_src.path):
            continue
        value = as_str(reg_src.value("repealed_by"))
        if reg_src.has("repealed_by") and value:
            yield reg_src, "repealed_by", reg_src.line_of("repealed_by"), value


def _reference_number(ctx: Context, value: str) -> tuple[DocNumber | None, bool]:
    """(number, written in standard form) for a front-matter reference value."""
    analysis = analyse_doc_number(value)
    if analysis.number is not None:
        return analysis.number, not analysis.problems
    cites = [c for c in find_cited_numbers(value, ctx.known_codes) if c.number is not None]
    if len(cites) == 1:
        return cites[0].number, False
    return None, False


@rule(
    "N011",
    "warning",
    "cited-number-form",
    summary="引用的发文字号写法不规范",
    why="""
正文和前置元数据中引用其他公文时，文号须与原文一致地写成 代字〔YYYY〕N号；引用公文应先引标题、
后引文号，文号放在圆括号内（《党政机关公文处理工作条例》及 GB/T 9704 的通行写法）。
写法不统一的文号无法与语料库中的公文对应，网站也不能为它生成链接。
""",
    wrong="""
根据区建发[2025]3号文件精神……
related:
  - 区建发〔2025〕第3号
""",
    right="""
根据《关于加强机关值班管理的通知》（区建发〔2025〕3号）精神……
related:
  - 区建发〔2025〕3号
""",
)
def cited_number_form(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    known = ctx.known_codes
    for src in body_sources(ctx):
        if src.meta is None:
            continue
        for line, text in src.body:
            for cite in find_cited_numbers(text, known):
                if cite.standard or cite.number is None:
                    continue
                yield r.at(
                    src.path,
                    line,
                    f"正文引用的发文字号“{cite.raw}”写法不规范，应写作 {cite.number}：引用公文时先写标题，"
                    f"再把文号写在圆括号内，如《标题》（{cite.number}）",
                )
    for src, key, line, value in _front_matter_refs(ctx, include_regulation_refs=True):
        number, standard = _reference_number(ctx, value)
        if standard:
            continue
        if number is not None:
            msg = f"{key} 中的发文字号“{value}”写法不规范：只写文号本身，应写作 {number}"
        else:
            msg = f"{key} 的值“{value}”不是可识别的发文字号：须写成 {_FORM}，如 {_example(ctx)}"
        yield r.at(src.path, line, msg)


@rule(
    "N012",
    "warning",
    "cited-number-missing",
    summary="引用了本机关代字的文号，但语料库中没有这份公文",
    why="""
引用本机关的发文字号时，被引用的公文应当在语料库中，网站才能链接到它，废止和依据关系才能核对。
找不到通常是文号写错（年份或顺序号），或者那份公文还没有录入。涉密文件录入登记条目即可。
制度版本的 issued_by 和 regulation.yml 的 repealed_by 由 R004 检查。
""",
    wrong="""
# 语料库中没有 区建发〔2025〕9号
依据《关于调整值班安排的通知》（区建发〔2025〕9号）……
""",
    right="""
# 区建发〔2025〕9号 已录入 content/documents/2025/
依据《关于调整值班安排的通知》（区建发〔2025〕9号）……
""",
)
def cited_number_missing(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    codes = ctx.corpus.agency.codes
    if not codes:
        return
    present = ctx.numbers_in_corpus
    known = ctx.known_codes

    def missing(number: DocNumber | None) -> bool:
        return number is not None and number.code in codes and str(number) not in present

    hint = "请核对文号是否写错，或把这份公文录入 content/documents/（涉密文件录入登记条目即可）"
    for src in body_sources(ctx):
        if src.meta is None:
            continue
        for line, text in src.body:
            for cite in find_cited_numbers(text, known):
                if missing(cite.number):
                    yield r.at(
                        src.path, line, f"正文引用了本机关的发文字号 {cite.number}，但语料库中没有这份公文：{hint}"
                    )
    for src, key, line, value in _front_matter_refs(ctx, include_regulation_refs=False):
        number, _ = _reference_number(ctx, value)
        if missing(number):
            yield r.at(src.path, line, f"{key} 引用了本机关的发文字号 {number}，但语料库中没有这份公文：{hint}")
