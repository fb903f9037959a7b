"""T rules: the title, 文种 and the addressing of a document (主送机关, 签发人)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Document
from ..schema import DOC_TYPES, DOC_TYPES_NEEDING_SIGNER, DOC_TYPES_WITHOUT_RECIPIENTS
from .registry import Context, Rule, rule

#: Qualifiers that may follow the 文种 at the very end of a title: 关于……的意见（试行）.
_TRAILING_QUALIFIER_RE = re.compile(r"[（(](?:试行|暂行)[）)]$")
#: 文种 that a title may end with for a given doc_type (命令 is also titled 令).
_TITLE_ENDINGS = {"命令": ("命令", "令")}


def _title_type(title: str) -> str | None:
    """The 文种 a title ends with (longest match), if any."""
    best = None
    for t in DOC_TYPES:
        if title.endswith(t) and (best is None or len(t) > len(best)):
            best = t
    return best


@rule(
    "T001",
    "error",
    "title-type",
    summary="标题没有以文种结尾",
    why="""
公文标题由发文机关名称、事由和文种组成（《党政机关公文处理工作条例》第九条），文种放在最后，
如“关于加强机关值班管理的通知”。标题的文种与 doc_type 不一致，读者和系统对公文性质的判断就会不同，
版式、行文方向和必备要素（主送机关、签发人）也会跟着出错。命令的标题可以以“命令”或“令”结尾。
""",
    wrong="""
title: 关于加强机关值班管理
doc_type: 通知
""",
    right="""
title: 关于加强机关值班管理的通知
doc_type: 通知
""",
)
def title_type(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc in ctx.documents():
        if doc.doc_type not in DOC_TYPES or not doc.title:
            continue
        title = _TRAILING_QUALIFIER_RE.sub("", doc.title).rstrip()
        endings = _TITLE_ENDINGS.get(doc.doc_type, (doc.doc_type,))
        if title.endswith(endings):
            continue
        found = _title_type(title)
        if found:
            detail = (
                f"标题以“{found}”结尾，而 doc_type 是“{doc.doc_type}”：二者须一致，"
                f"请改正标题的文种，或把 doc_type 改为“{found}”"
            )
        else:
            joint = "" if title.endswith("的") or not title.startswith("关于") else "的"
            detail = (
                f"标题须以文种“{doc.doc_type}”结尾（发文机关＋事由＋文种），"
                f"如“{title}{joint}{doc.doc_type}”；如果文种定错了，请改正 doc_type"
            )
        yield r.at(doc.path, doc.source.line_of("title"), f"标题“{doc.title}”没有以文种结尾：{detail}")


_ALLOWED_MARKS = set("、“”《》")
#: Marks that join the parts of a number or code (2025—2027, 3.5, B-07, GB/T).
_CONNECTORS = "—–-－~～.．/／_"


def _alnum(ch: str) -> bool:
    return bool(ch) and (ch.isascii() and ch.isalnum() or ch in "０１２３４５６７８９")


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def _title_marks(title: str) -> list[tuple[int, str]]:
    """(1-based position, mark) of punctuation outside 《…》 other than 、 and “”."""
    found: list[tuple[int, str]] = []
    depth = 0
    for i, ch in enumerate(title):
        if ch == "《":
            depth += 1
            continue
        if ch == "》":
            depth = max(0, depth - 1)
            continue
        if depth or ch in _ALLOWED_MARKS or not _is_punct(ch):
            continue
        before = title[i - 1] if i > 0 else ""
        after = title[i + 1] if i + 1 < len(title) else ""
        if ch in _CONNECTORS and _alnum(before) and _alnum(after):
            continue  # 2025—2027年, 3.5, B-07地块, GB/T: part of a number or code, not punctuation
        if ch in "%％‰" and before.isdigit():
            continue  # 10%
        found.append((i + 1, ch))
    return found


@rule(
    "T002",
    "warning",
    "title-punctuation",
    summary="标题中使用了书名号、顿号和引号以外的标点",
    why="""
公文标题除法规、规章名称加书名号外，一般不用标点符号（GB/T 9704-2012 第 7.3.1 条）；
并列的名称之间可用顿号，专有名称可加引号。书名号内是所引文件的完整名称，其中的标点照录不改。
标题末尾的句号、中间的逗号和冒号都应删去或改写。数字范围和编号中的连接号（2025—2027年、B-07地块）不算在内。
""",
    wrong="title: 关于做好汛期安全生产工作，切实保障人民群众生命财产安全的通知。",
    right="title: 关于做好汛期安全生产工作切实保障人民群众生命财产安全的通知",
)
def title_punctuation(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc in ctx.documents():
        if not doc.title:
            continue
        marks = _title_marks(doc.title)
        if not marks:
            continue
        listing = "、".join(f"“{ch}”（第 {pos} 字）" for pos, ch in marks)
        yield r.at(
            doc.path,
            doc.source.line_of("title"),
            f"标题“{doc.title}”中有标点 {listing}：公文标题除书名号内的名称外，只可使用顿号和引号，"
            "请删去这些标点或改写标题",
        )


def _recipient_names(doc: Document) -> list[str]:
    """The 主送机关 as separate names: list items, and names joined by 、 or ， in one string."""
    names: list[str] = []
    for item in doc.recipients or []:
        names.extend(n.strip() for n in re.split(r"[、，,;；]", item) if n.strip())
    return names


@rule(
    "T003",
    "error",
    "request-one-recipient",
    summary="请示有多个主送机关",
    why="""
请示应当一文一事，一般只写一个主送机关（《党政机关公文处理工作条例》第十五条）；
需要同时送其他机关的，用抄送。多头主送会让几个上级互相等待、无人负责批复。
""",
    wrong="""
doc_type: 请示
recipients:
  - 区人民政府
  - 区财政局
""",
    right="""
doc_type: 请示
recipients: 区人民政府
cc: 区财政局
""",
)
def request_one_recipient(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc in ctx.documents():
        if doc.doc_type != "请示":
            continue
        names = _recipient_names(doc)
        if len(names) <= 1:
            continue
        yield r.at(
            doc.path,
            doc.source.line_of("recipients"),
            f"请示有 {len(names)} 个主送机关（{'、'.join(names)}）：请示只主送一个上级机关，"
            f"请只保留负责批复的机关（如“{names[0]}”），其余写入抄送 cc",
        )


@rule(
    "T004",
    "error",
    "upward-signer",
    summary="请示或报告没有写签发人",
    why="""
请示和报告是上行文，须标注签发人姓名（《党政机关公文处理工作条例》第九条、GB/T 9704-2012 第 7.2.5 条），
表明由谁对上负责。签发人印在发文字号同一行的右侧，缺了它版头就不完整。
""",
    wrong="""
doc_type: 请示
recipients: 区人民政府
""",
    right="""
doc_type: 请示
recipients: 区人民政府
signer: 王建国
""",
)
def upward_signer(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc in ctx.documents():
        if doc.doc_type not in DOC_TYPES_NEEDING_SIGNER:
            continue
        if doc.signer and str(doc.signer).strip():
            continue
        line = doc.source.line_of("signer") if doc.source.has("signer") else doc.source.line_of("doc_type")
        yield r.at(doc.path, line, f"{doc.doc_type}是上行文，须写明签发人：请在前置元数据中加上 signer: 签发人姓名")


@rule(
    "T005",
    "error",
    "missing-recipients",
    summary="缺少主送机关",
    why="""
除公告、通告、公报、命令（令）和纪要外，公文都有明确的主送机关（GB/T 9704-2012 第 7.3.2 条），
写在标题下、正文前。涉密文件的登记条目同样要记录主送机关，以便查考发往何处。
""",
    wrong="""
doc_type: 通知
title: 关于加强机关值班管理的通知
""",
    right="""
doc_type: 通知
title: 关于加强机关值班管理的通知
recipients: 局机关各科室、各直属单位
""",
)
def missing_recipients(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc in ctx.documents():
        if doc.doc_type not in DOC_TYPES or doc.doc_type in DOC_TYPES_WITHOUT_RECIPIENTS:
            continue
        if _recipient_names(doc):
            continue
        src = doc.source
        raw = src.value("recipients")
        if isinstance(raw, dict) or (isinstance(raw, list) and any(isinstance(v, (dict, list)) for v in raw)):
            continue  # a value of the wrong shape: F005 reports it
        line = src.line_of("recipients") if src.has("recipients") else src.line_of("doc_type")
        empty = "（值为空）" if src.has("recipients") else ""
        yield r.at(
            doc.path,
            line,
            f"{doc.doc_type}须写明主送机关{empty}：请加上 recipients，如 recipients: 局机关各科室；"
            "只有公告、通告、公报、命令（令）和纪要可以不写",
        )


#: Phrases by which a text asks its addressee to decide (请示事项), longest first.
_REQUEST_PHRASES = (
    "请予批准",
    "请予审批",
    "是否同意",
    "请批示",
    "请审批",
    "请批准",
    "请审定",
    "请核准",
    "妥否",
    "当否",
    "可否",
)
_REQUEST_RE = re.compile("|".join(_REQUEST_PHRASES))


def _requests_in(text: str) -> list[str]:
    out: list[str] = []
    for m in _REQUEST_RE.finditer(text):
        phrase = m.group(0)
        if phrase == "可否" and (text[m.end() : m.end() + 1] == "认" or text[m.start() - 1 : m.start()] == "不"):
            continue  # 不可否认
        if phrase == "当否" and text[m.start() - 1 : m.start()] in ("适", "恰", "妥"):
            continue  # 适当否 is not a formula
        if phrase not in out:
            out.append(phrase)
    return out


def _excerpt(text: str, phrase: str, width: int = 18) -> str:
    at = text.find(phrase)
    start = max(0, at - width)
    end = min(len(text), at + len(phrase) + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


@rule(
    "T006",
    "warning",
    "report-with-request",
    summary="报告中夹带了请示事项（请批示、妥否……）",
    why="""
报告用于汇报工作、反映情况、回复询问，不得夹带请示事项（《党政机关公文处理工作条例》第十五条）。
上级机关对报告一般不作批复，夹在报告里的请求往往得不到处理。需要上级批准的事项，请另行以请示行文。
""",
    wrong="""
以上报告妥否，请批示。
""",
    right="""
特此报告。
（需要批准的事项另拟《关于……的请示》）
""",
)
def report_with_request(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc in ctx.documents():
        if doc.doc_type != "报告" or doc.is_register_entry:
            continue
        for line, text in doc.source.paragraphs():
            phrases = _requests_in(text)
            if not phrases:
                continue
            quoted = "”“".join(phrases)
            yield r.at(
                doc.path,
                line,
                f"报告正文“{_excerpt(text, phrases[0])}”含有请示用语“{quoted}”：报告不得夹带请示事项，"
                "请删去；需要上级批准的事项另行拟写请示，报告结尾可写“特此报告”",
            )


#: 文种 whose titles do not take the 关于……的 form (SPEC §7.3, and 公报: “……统计公报”).
_NO_GUANYU = ("纪要", "公告", "通告", "令", "命令", "议案", "公报")


@rule(
    "T007",
    "warning",
    "title-without-guanyu",
    summary="标题缺少“关于”",
    why="""
通知、请示、报告、函、意见、决定等文种的标题通常写成“（发文机关）关于＋事由＋的＋文种”，如“关于加强
机关值班管理的通知”。缺少“关于”的标题（“加强机关值班管理的通知”）往往是从文件名或正文第一句抄来的，
或者导入旧文件时漏了一行。只检查以“……的＋文种”结尾、却没有“关于”的标题；“……年度报告”这类本来就不用
“关于……的”的标题，以及纪要、公告、通告、令（命令）、议案和公报（如“……统计公报”）的标题，不在检查之列。
""",
    wrong="""
title: 加强机关值班管理的通知
doc_type: 通知
""",
    right="""
title: 关于加强机关值班管理的通知
doc_type: 通知
""",
)
def title_without_guanyu(ctx: Context, r: Rule) -> Iterator[Diagnostic]:
    for doc in ctx.documents():
        if not doc.title or doc.doc_type not in DOC_TYPES or doc.doc_type in _NO_GUANYU:
            continue
        if "关于" in doc.title:
            continue
        core = _TRAILING_QUALIFIER_RE.sub("", doc.title).rstrip()
        if not core.endswith("的" + doc.doc_type):
            continue  # not the 关于……的 form at all (……年度报告, ……工作要点的通知 has 关于)
        yield r.at(
            doc.path,
            doc.source.line_of("title"),
            f"标题“{doc.title}”中没有“关于”：{doc.doc_type}的标题一般写成“关于……的{doc.doc_type}”"
            "（可在前面加发文机关名称）。请对照原件核对标题是否完整",
        )
