"""X rules: secrets, disclosure attributes, personal data and unsafe content.

Nothing of a state-secret document may be in the repository beyond its register entry;
a document's 公开属性 must fit its 密级; text that will be published must carry no
personal ID or mobile numbers, no raw HTML or script; attachment paths must stay in the
corpus root.
"""

from __future__ import annotations

import html.entities
import os
import re
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from ..corpus.attachment_text import TEXT_SUFFIXES, Unreadable, attachment_text
from ..corpus.attachments import FORMAT_NAMES, attachment_problem
from ..corpus.loader import as_str
from ..corpus.source import Source
from ..diagnostics import Diagnostic
from ..model import Document
from ..schema import (
    CLASSIFICATIONS,
    DISCLOSURES,
    SECRET_LEVELS,
    AttachmentSpec,
    Classification,
    DisclosureStatus,
    FileKind,
)
from ..text.chinese import find_id_numbers, find_mobile_numbers
from ..text.numerals import FULLWIDTH_DIGITS
from .registry import Context, Rule, rule

#: More findings than this of one rule in one file are summed up in one last finding.

_TEXT_KINDS = frozenset(
    (
        FileKind.DOCUMENT,
        FileKind.VERSION,
        FileKind.DISCLOSURE,
        FileKind.REGULATION,
        FileKind.SITE,
        FileKind.ATTACHMENT,
        FileKind.PAGE,
        FileKind.ANNUAL_REPORT,
    )
)
#: kinds whose body is published text
_BODY_KINDS = frozenset((FileKind.DOCUMENT, FileKind.VERSION, FileKind.DISCLOSURE, FileKind.PAGE))


# -- X001 ---------------------------------------------------------------------


@rule(
    "X001",
    "error",
    "secret-content-in-repository",
    summary="涉密公文（秘密、机密、绝密）在仓库中存有正文或附件",
    why="""
涉及国家秘密的公文不得在非涉密信息系统中存储、处理和传输（《中华人民共和国保守国家秘密法》）。
本仓库是普通的版本库，涉密公文在这里只能有一条登记记录（前置元数据），用来占用文号、保持编号连续；
正文和附件一旦提交，就会留在 git 历史中并随仓库复制扩散，必须从仓库及其历史中彻底清除，并按泄密事件报告处理。
""",
    wrong="""
---
number: 区建发〔2025〕9号
title: 关于××工程安全保卫工作的通知
classification: 机密
attachments:
  - 安保力量部署表
---
一、……
""",
    right="""
---
number: 区建发〔2025〕9号
title: 关于××工程安全保卫工作的通知
doc_type: 通知
signed_on: 2025-04-02
classification: 机密
---
""",
)
def secret_content(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc in ctx.documents():
        if not doc.is_register_entry:
            continue
        src = doc.source
        level = doc.classification
        first = next(((n, t) for n, t in src.body if t.strip()), None)
        if first is not None:
            count = sum(1 for _, t in src.body if t.strip())
            yield r.at(
                doc.path,
                first[0],
                f"密级为{level}的公文在仓库中只能保留登记信息（前置元数据），但本文件有 {count} 行正文："
                "请删除全部正文，并从 git 历史中彻底清除（如 git filter-repo），按保密规定报告；"
                "正文只能在涉密系统中处理",
            )
        if src.has("attachments"):
            value = src.value("attachments")
            if value not in (None, [], ""):
                yield r.at(
                    doc.path,
                    src.line_of("attachments"),
                    f"密级为{level}的公文不能在仓库中登记附件（attachments）：请删除 attachments 及其引用的文件，"
                    "并从 git 历史中彻底清除；附件只能在涉密系统中处理",
                )


# -- X002 ---------------------------------------------------------------------


@rule(
    "X002",
    "error",
    "classified-but-proactive",
    summary="密级不是“公开”，公开属性却是“主动公开”",
    why="""
主动公开的公文会发布到政府网站上。标注了“内部”或国家秘密密级（秘密、机密、绝密）的公文不能同时主动公开：
涉密公文须先依法解密，内部公文须先确定可以公开，再把密级改为“公开”。两者矛盾时，一方必然写错，
必须由签发人确认后改正，否则可能造成泄密或内部信息外泄（《政府信息公开条例》第十四条、第十六条）。
""",
    wrong="""
classification: 内部
disclosure: 主动公开
""",
    right="""
classification: 内部
disclosure: 不予公开
withhold_reason: 内部事务信息（《政府信息公开条例》第十六条第一款）
""",
)
def classified_but_proactive(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc in ctx.documents():
        src = doc.source
        level = as_str(src.value("classification"))
        disclosure = as_str(src.value("disclosure"))
        if level in CLASSIFICATIONS and level != Classification.PUBLIC and disclosure == DisclosureStatus.PROACTIVE:
            if level in SECRET_LEVELS:
                fix = (
                    "涉密公文不能公开：请删除 disclosure 这一行（登记条目不会发布）；"
                    "若该文已依法解密，请先把 classification 改为 公开"
                )
            else:
                fix = (
                    "请由签发人确认：若可以公开，把 classification 改为 公开；"
                    "否则把 disclosure 改为 依申请公开 或 不予公开（并写明 withhold_reason）"
                )
            yield r.at(
                doc.path, src.line_of("disclosure"), f"密级为{level}的公文不能主动公开（disclosure: 主动公开）：{fix}"
            )


# -- X003 ---------------------------------------------------------------------


@rule(
    "X003",
    "error",
    "withheld-without-reason",
    summary="公开属性为“不予公开”，却没有写明不予公开的理由",
    why="""
公开属性在起草时确定，不予公开必须有法定依据（国办发〔2016〕80号；《政府信息公开条例》第十四条至第十六条），
以便答复依申请公开、接受监督检查和年度报告统计。没有写 disclosure 的内部公文默认不予公开，同样需要理由。
涉密公文的密级本身就是理由，不在此列。
""",
    wrong="""
classification: 内部
disclosure: 不予公开
""",
    right="""
classification: 内部
disclosure: 不予公开
withhold_reason: 内部管理信息（《政府信息公开条例》第十六条第一款）
""",
)
def withheld_without_reason(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc in ctx.documents():
        if doc.is_register_entry:
            continue
        src = doc.source
        level = as_str(src.value("classification")) if src.has("classification") else Classification.PUBLIC
        if level not in CLASSIFICATIONS:
            continue  # F005 reports the value
        if src.has("disclosure"):
            disclosure = as_str(src.value("disclosure"))
            if disclosure not in DISCLOSURES:
                continue  # F005
            implied = False
        else:
            disclosure = DisclosureStatus.PROACTIVE if level == Classification.PUBLIC else DisclosureStatus.WITHHELD
            implied = True
        if disclosure != DisclosureStatus.WITHHELD:
            continue
        reason = src.value("withhold_reason")
        if isinstance(reason, (list, dict)):
            continue  # F005 reports the type
        if reason is not None and str(reason).strip():
            continue
        if src.has("withhold_reason"):
            line = src.line_of("withhold_reason")
            where = "withhold_reason 是空的"
        elif implied:
            line = src.line_of("classification")
            where = f"密级为{level}且没有写 disclosure，公开属性按不予公开处理，但没有 withhold_reason"
        else:
            line = src.line_of("disclosure")
            where = "公开属性为不予公开，但没有 withhold_reason"
        yield r.at(
            doc.path,
            line,
            f"{where}：请补上 withhold_reason，写明不予公开的法定理由，例如"
            "“withhold_reason: 内部事务信息（《政府信息公开条例》第十六条第一款）”；"
            "若其实可以公开，请改为 disclosure: 依申请公开 或 主动公开",
        )


# -- X004 ---------------------------------------------------------------------

_NORMALISE_DIGITS = str.maketrans(FULLWIDTH_DIGITS + "Ｘｘ", "0123456789Xx")


def mask_id(number: str) -> str:
    """330102199001011234 → 330102********1234 (first 6 and last 4 kept)."""
    s = number.translate(_NORMALISE_DIGITS).upper()
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


def mask_mobile(number: str) -> str:
    """13812345678, +86 138-1234-5678 → 138****5678."""
    digits = [c for c in number.translate(_NORMALISE_DIGITS) if c.isdigit()]
    d = "".join(digits)[-11:]
    return d[:3] + "****" + d[-4:]


#: Cheap pre-check: eleven digits in a row, or a mobile written 3-4-4 (138 1234 5678).
_MAYBE_NUMBER_RE = re.compile(r"[0-9０-９]{11}|[1１][3-9３-９][0-9０-９][ \-][0-9０-９]{4}[ \-][0-9０-９]{4}")


def redact(text: str) -> str:
    """``text`` with personal ID and mobile numbers masked, for quoting in any message."""
    if not _MAYBE_NUMBER_RE.search(text):
        return text
    spans = [(i, i + len(s), mask_id(s)) for i, s in find_id_numbers(text)]
    spans += [(i, i + len(s), mask_mobile(s)) for i, s in find_mobile_numbers(text)]
    out, pos = [], 0
    for a, b, masked in sorted(spans):
        if a < pos:
            continue
        out.append(text[pos:a])
        out.append(masked)
        pos = b
    out.append(text[pos:])
    return "".join(out)


def _personal_numbers(text: str) -> list[str]:
    """Masked descriptions of the personal numbers in ``text``, in order."""
    if not _MAYBE_NUMBER_RE.search(text):
        return []
    found = [(i, f"疑似居民身份证号 {mask_id(s)}") for i, s in find_id_numbers(text)]
    found += [(i, f"疑似手机号码 {mask_mobile(s)}") for i, s in find_mobile_numbers(text)]
    found.sort()
    return [what for _, what in found]


def _front_matter_strings(src: Source) -> Iterator[tuple[str, int, str]]:
    """(key label, line, text) of every string value in the front matter, lists and maps included."""
    for key, field in (src.meta or {}).items():
        value = field.value
        if isinstance(value, list):
            for i, item in enumerate(value):
                line = field.item_lines[i] if i < len(field.item_lines) else field.line
                if isinstance(item, dict):
                    for k, v in item.items():
                        if isinstance(v, (str, int)) and not isinstance(v, bool):
                            yield f"{key}.{k}", line, str(v)
                elif isinstance(item, (str, int)) and not isinstance(item, bool):
                    yield key, line, str(item)
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(v, (str, int)) and not isinstance(v, bool):
                    yield f"{key}.{k}", field.line, str(v)
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            yield key, field.line, str(value)


@rule(
    "X004",
    "error",
    "personal-numbers",
    summary="将要公开的文字中有疑似居民身份证号或手机号码",
    why="""
公开的公文、制度和公开事项不得泄露个人隐私（《政府信息公开条例》第十五条、《个人信息保护法》）。
身份证号（校验位符合 GB 11643）和手机号一旦上网就无法收回，会被搜索引擎收录和转载。
草稿和暂不公开的文件将来也可能公开，所以仓库中所有将要发布的文字都要检查，包括前置元数据，
以及附件文件：Markdown 附件逐行检查；DOCX（正文、页眉页脚、脚注尾注、批注、修订中删除的文字）、
XLSX（每个单元格、批注）和 PDF（每页的文字）附件会原样供公众下载，其中的文字也要检查，
结果报在公文 attachments 中该附件的那一行，并指出附件文件内的位置。扫描件只有图像，无法检查。
为免扩散，检查结果只显示打码后的号码。
""",
    wrong="""
联系人：王某某，身份证号330102199001011237，电话13812345678。
""",
    right="""
联系人：王某某，联系电话：0571-12345678（办公室）。
""",
)
def personal_numbers(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    secret = ctx.register_paths
    for src in ctx.sources():
        if src.kind not in _TEXT_KINDS or src.path in secret:
            continue
        if src.meta is None and src.kind != FileKind.ATTACHMENT:
            continue
        yield from r.capped(src.path, _personal_findings(src))
    for doc, att, file, text in _downloads(ctx):
        if not isinstance(text, list):
            continue  # unreadable: X006
        found = [(where, what) for where, part in text for what in _personal_numbers(part)]
        for where, what in found[:_MAX_PER_DOWNLOAD]:
            yield r.at(
                doc.path,
                att.line,
                f"附件“{redact(att.title)}”的文件 {redact(file)} 中（{where}）有{what}："
                "附件文件会原样供公众下载，不得含有个人身份证号或手机号。"
                "请在原文件中删除或打码后重新保存，需要联系方式时改用办公电话",
            )
        if len(found) > _MAX_PER_DOWNLOAD:
            yield r.at(
                doc.path,
                att.line,
                f"附件文件 {redact(file)} 中另有 {len(found) - _MAX_PER_DOWNLOAD} 处疑似个人身份证号或"
                "手机号未逐一列出：请通查该文件后一并修改",
            )


#: Findings listed for one downloadable attachment file before the rest are only counted.
_MAX_PER_DOWNLOAD = 10


def _downloads(ctx: Context) -> Iterator[tuple[Document, AttachmentSpec, str, list[tuple[str, str]] | Unreadable]]:
    """(document, attachment, its file, the file's text or the Unreadable it raised) of every DOCX, XLSX or PDF
    attachment of the documents in scope that is published as a download (a file that X006
    accepts), read once per check for the rules that share it."""
    root = ctx.corpus.root
    secret = ctx.register_paths
    for doc in ctx.documents():
        if doc.path in secret:
            continue
        for att in doc.attachments:
            if not att.file or os.path.splitext(att.file)[1].lower() not in TEXT_SUFFIXES:
                continue
            if attachment_escape(root, att.file) or attachment_problem(root, att.file):
                continue
            path = os.path.join(root, att.file)
            if not os.path.isfile(path):
                continue
            yield doc, att, att.file, ctx.once("attachment-text", att.file, partial(_read_download, path))


def _read_download(path: str) -> list[tuple[str, str]] | Unreadable:
    try:
        return attachment_text(Path(path))
    except Unreadable as exc:
        return exc


def _personal_findings(src: Source) -> Iterator[tuple[int, str]]:
    where = "附件文件中" if src.kind == FileKind.ATTACHMENT else "正文中"
    for key, line, text in _front_matter_strings(src) if src.meta else ():
        for what in _personal_numbers(text):
            yield (
                line,
                (f"{key} 的值中有{what}：公开的文字不得含有个人身份证号或手机号，请删除，或改为办公电话等非个人信息"),
            )
    if not _MAYBE_NUMBER_RE.search(src.body_slice()):
        return
    for line, text in src.body:
        for what in _personal_numbers(text):
            yield (
                line,
                (
                    f"{where}有{what}：公开的文字不得含有个人身份证号或手机号，请删除或打码"
                    "（如只写姓名），需要联系方式时改用办公电话"
                ),
            )


# -- X005 ---------------------------------------------------------------------

#: A ``<`` that an HTML parser or Markdown would take as markup: tag, end tag, comment, PI.
_TAG_START_RE = re.compile(r"<[A-Za-z/!?]")
#: Markdown autolinks <scheme:…> and <user@host>; the scans stop at the next < or space, and
#: e-mail addresses use a strict alphabet so that nothing tag-like (<svg/onload=…@x>) passes.
_AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}):([^\s<>]*)>")
_EMAIL_AUTOLINK_RE = re.compile(r"<(?:mailto:)?[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*>")
#: Schemes Python-Markdown (MkDocs) turns into links; mailto: only with an address.
_SAFE_SCHEMES = ("http", "https", "ftp")
#: A character reference: numeric (with or without ;) or named.
_ENTITY_RE = re.compile(r"&(?:#[xX]0*([0-9A-Fa-f]{1,6});?|#0*([0-9]{1,7});?|([A-Za-z][A-Za-z0-9]{1,31});)")
#: Characters a browser drops inside a URL scheme, and any whitespace (conservative).
_URL_JUNK_RE = re.compile(r"[\s\x00-\x1f\x7f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_DANGEROUS_URL_RE = re.compile(r"javascript:|vbscript:|livescript:|data:text/html")


def _entity_char(m: re.Match[str]) -> str:
    hex_, dec, name = m.group(1), m.group(2), m.group(3)
    try:
        if hex_ is not None:
            return chr(int(hex_, 16))
        if dec is not None:
            return chr(int(dec))
    except (ValueError, OverflowError):
        return "\ufffd"
    value = html.entities.html5.get(name + ";")
    return value if value is not None else m.group(0)


def _decoded(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with character references decoded and URL junk removed, lower-cased, with
    the span in ``text`` each output character came from (linear time)."""
    out: list[str] = []
    where: list[tuple[int, int]] = []
    pos = 0
    for m in _ENTITY_RE.finditer(text):
        for k in range(pos, m.start()):
            out.append(text[k])
            where.append((k, k + 1))
        for ch in _entity_char(m):
            out.append(ch)
            where.append(m.span())
        pos = m.end()
    for k in range(pos, len(text)):
        out.append(text[k])
        where.append((k, k + 1))
    kept = [(c, w) for c, w in zip(out, where) if not _URL_JUNK_RE.match(c)]
    return "".join(c for c, _ in kept).lower(), [w for _, w in kept]


def _dangerous_urls(text: str) -> list[tuple[int, int, str]]:
    """(start, end, scheme) of javascript:/vbscript:/data:text/html URLs, however written.

    The whole line is first flattened with C-speed substitutions (character references
    decoded, whitespace and invisible characters dropped, lower-cased); only a line that
    then contains such a URL is mapped back character by character to locate it.
    """
    if ":" not in text and "&" not in text:
        return []
    flat = _URL_JUNK_RE.sub("", _ENTITY_RE.sub(_entity_char, text) if "&" in text else text).lower()
    if not _DANGEROUS_URL_RE.search(flat):
        return []
    flat, where = _decoded(text)
    hits = []
    for m in _DANGEROUS_URL_RE.finditer(flat):
        hits.append((where[m.start()][0], where[m.end() - 1][1], m.group(0)))
    return hits


def _markup(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of raw HTML in ``text``; kind is a short Chinese description."""
    found: list[tuple[int, int, str]] = []
    if "<" not in text:
        return found
    for m in _TAG_START_RE.finditer(text):
        i = m.start()
        nxt = text[i + 1]
        if nxt.isalpha():
            if _EMAIL_AUTOLINK_RE.match(text, i):
                continue
            a = _AUTOLINK_RE.match(text, i)
            if a:
                if a.group(1).lower() in _SAFE_SCHEMES and a.group(2).startswith("//"):
                    continue
                found.append(
                    (i, a.end(), f"不支持的自动链接（{a.group(1)}:），只能用 <https://…> 或 <mailto:地址@域名>")
                )
                continue
            found.append((i, _tag_end(text, i), "HTML 标签"))
        elif nxt == "/":
            found.append((i, _tag_end(text, i), "HTML 结束标签"))
        elif nxt == "!":
            found.append((i, _tag_end(text, i), "HTML 注释或声明"))
        else:
            found.append((i, _tag_end(text, i), "HTML 处理指令"))
    # "<" followed by a character reference that spells a tag: <&#115;cript>
    start = 0
    while True:
        i = text.find("<&", start)
        if i < 0:
            break
        start = i + 1
        entity = _ENTITY_RE.match(text, i + 1)
        if entity:
            ch = _entity_char(entity)
            if ch[:1].isascii() and (ch[:1].isalpha() or ch[:1] in "/!?"):
                found.append((i, _tag_end(text, i), "用字符实体拼写的 HTML 标签"))
    found.sort()
    return found


def _tag_end(text: str, i: int, limit: int = 40) -> int:
    """End of the tag starting at ``i`` for quoting: after its '>', at most ``limit`` chars."""
    j = text.find(">", i, i + limit)
    return j + 1 if j >= 0 else min(len(text), i + limit)


def _quote(text: str, start: int, end: int) -> str:
    return redact(text[start:end].replace("\t", " "))


@rule(
    "X005",
    "error",
    "raw-html",
    summary="正文、附件文件或显示在网页上的值中有原始 HTML、脚本或 javascript: 链接",
    why="""
正文以 Markdown 书写，发布时转换成网页。Markdown 附件文件（content/attachments/ 下的 .md）和标题、
机关名称等显示在网页上的值也同样检查；附件中还不允许 {: …} 属性列表（它能给网页元素加上 onmouseover 等属性）。正文中夹带的 HTML 标签会原样进入网页：
<script>、带 onerror 的 <img>、javascript: 链接可以在公众的浏览器中执行脚本（跨站脚本攻击），
即使无害的 <div>、<br/> 和注释 <!-- --> 也会破坏版式，注释里的内部意见还会随网页源代码公开。
因此正文一律不允许 HTML；用字符实体或空白混写的 java&#115;cript: 同样拦截。
文中的比较符号（面积<100平方米）和 Markdown 自动链接 <https://…> 不受影响。
""",
    wrong="""
详见<a href="javascript:alert(1)">附件</a>。<br/>
<!-- 内部意见：暂缓执行 -->
""",
    right="""
详见[办事指南](https://www.example.gov.cn/bszn/)。
办公面积<100平方米的，按第三条执行。
""",
)
def raw_html(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    secret = ctx.register_paths
    for src in ctx.sources():
        if src.path in secret:
            continue
        if src.kind == FileKind.ATTACHMENT:
            yield from r.capped(src.path, _html_findings(src, attachment=True))
        elif src.kind in _TEXT_KINDS and src.meta is not None:
            findings: Iterable[tuple[int, str]] = _value_findings(src)
            if src.kind in _BODY_KINDS:
                findings = [*findings, *_html_findings(src)]
            yield from r.capped(src.path, findings)


#: A Markdown attribute list ({: …}, {#id}, {.class}): it sets HTML attributes (onmouseover=…).
_ATTR_LIST_RE = re.compile(r"\{\s*[:#.][^}]*\}")


def _problems(text: str, attachment: bool = False) -> list[tuple[int, str]]:
    problems: list[tuple[int, str]] = []
    for start, end, kind in _markup(text):
        problems.append((start, f"{kind}“{_quote(text, start, end)}”"))
    for start, end, scheme in _dangerous_urls(text):
        raw = _quote(text, start, end)
        shown = f"“{raw}”" if raw.lower() == scheme else f"“{raw}”（即 {scheme}）"
        problems.append((start, f"可执行脚本的链接 {shown}"))
    if attachment and "{" in text:
        for m in _ATTR_LIST_RE.finditer(text):
            problems.append((m.start(), f"Markdown 属性列表“{_quote(text, m.start(), m.end())}”"))
    problems.sort()
    return problems


def _value_findings(src: Source) -> Iterator[tuple[int, str]]:
    """Front-matter values that reach pages (titles, names …) carrying HTML or script links."""
    for key, line, text in _front_matter_strings(src):
        if "<" not in text and ":" not in text and "&" not in text:
            continue
        problems = _problems(text)
        if problems:
            listed = "；".join(p for _, p in problems[:3])
            yield (
                line,
                (
                    f"{key} 的值中有 {listed}：这些值会显示在网页上，不允许 HTML 和脚本链接，"
                    "请改为纯文字（作比较的小于号请写作全角＜）"
                ),
            )


def _html_findings(src: Source, attachment: bool = False) -> Iterator[tuple[int, str]]:
    for line, text in src.body:
        if "<" not in text and ":" not in text and "&" not in text and (not attachment or "{" not in text):
            continue
        problems = _problems(text, attachment)
        if not problems:
            continue
        listed = "；".join(p for _, p in problems[:3])
        more = f"等 {len(problems)} 处" if len(problems) > 3 else ""
        where = "附件文件中" if attachment else "正文中"
        yield (
            line,
            (
                f"{where}有 {listed}{more}：{'附件' if attachment else '正文'}不允许原始 HTML、"
                f"{'属性列表、' if attachment else ''}脚本链接。"
                "换行请另起一段，链接请写成 [文字](https://…)，强调请用 **文字**；"
                "作比较的小于号请在 < 后加空格或写作全角＜"
            ),
        )


# -- X006 ---------------------------------------------------------------------

_WINDOWS_ABS_RE = re.compile(r"^(?:[A-Za-z]:|\\\\|//)")
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def attachment_escape(root: str, file: str) -> str | None:
    """Why ``file`` (a root-relative attachment path) leaves ``root``, or None if it stays inside."""
    if "\x00" in file:
        return "路径中含有 NUL 字符"
    if file.startswith(("/", "\\")) or _WINDOWS_ABS_RE.match(file) or file.startswith("~"):
        return "这是绝对路径"
    if _SCHEME_RE.match(file) and not _WINDOWS_ABS_RE.match(file):
        return "这是网址或外部资源，不是语料库中的文件"
    parts = file.replace("\\", "/").split("/")
    depth = 0
    for part in parts:
        if part == "..":
            depth -= 1
            if depth < 0:
                return "路径中的 .. 跳出了语料库根目录"
        elif part not in ("", "."):
            depth += 1
    try:
        real_root = os.path.realpath(root)
        real = os.path.realpath(os.path.join(real_root, file.replace("\\", "/")))
    except (OSError, ValueError):
        return "路径无法解析"
    if not _inside(real, real_root):
        return "路径经符号链接指向语料库根目录之外"
    return None


@rule(
    "X006",
    "error",
    "unsafe-attachment",
    summary="附件文件不在 content/attachments/ 下、离开了语料库根目录，或格式不能安全发布",
    why="""
附件的 file 是相对语料库根目录的路径，发布和归档时会把该文件复制到网站或档案包中，Markdown 附件还会
排进网页和 Word 文件。所以附件只能是 content/attachments/ 下（可再分子文件夹）的真实文件：
指向别处的路径可能把另一件内部公文、尚未到期的公开事项、.git/config 或服务器上的任意文件带进公开网站；
绝对路径、..、隐藏文件和符号链接一律不收。格式只收 PDF、DOCX、XLSX、PNG/JPEG/GIF/WebP 图片和 Markdown：
HTML、SVG（图片里可以有脚本）和脚本文件在公众的浏览器里会被执行，内容与扩展名不符的文件同样拒绝。
DOCX、XLSX 和 PDF 附件要读出其中的文字检查个人信息（X004），读不了的也不发布：损坏的文件、
设有打开密码的 PDF、解压后异常庞大的包（“压缩炸弹”）、超过 1000 页的 PDF。
""",
    wrong="""
attachments:
  - {title: 项目清单, file: ../../共享盘/项目清单.xlsx}
  - {title: 统计表, file: content/documents/2025/neibu-tongzhi.md}
  - {title: 示意图, file: content/attachments/2025/shiyitu.svg}
""",
    right="""
attachments:
  - {title: 项目清单, file: content/attachments/2025/xiangmu-qingdan.xlsx}
  - {title: 示意图, file: content/attachments/2025/shiyitu.png}
""",
)
def attachment_outside_root(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    root = ctx.corpus.root
    for doc in ctx.documents():
        for att in doc.attachments:
            if not att.file:
                continue
            why = attachment_escape(root, att.file)
            if why:
                yield r.at(
                    doc.path,
                    att.line,
                    f"附件“{redact(att.title)}”的路径“{redact(att.file)}”离开了语料库根目录（{why}）："
                    "请把文件复制到语料库中（如 content/attachments/年份/），"
                    "再写相对根目录的路径，例如 file: content/attachments/2025/文件名.pdf",
                )
                continue
            why = attachment_problem(root, att.file)
            if why:
                yield r.at(
                    doc.path,
                    att.line,
                    f"附件“{redact(att.title)}”的文件“{redact(att.file)}”不能发布：{why}。"
                    f"附件须是 content/attachments/ 下的 {FORMAT_NAMES} 文件",
                )
    for doc, att, file, text in _downloads(ctx):
        if isinstance(text, Unreadable):
            yield r.at(doc.path, att.line, f"附件“{redact(att.title)}”的文件“{redact(file)}”无法检查，不能发布：{text}")
