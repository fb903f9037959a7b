"""From paragraphs to the elements of a 公文 (GB/T 9704), the way a careful clerk reads one.

Every field ends up in one of three states: ``read`` (found and certain), ``uncertain`` (something
was found but it cannot be taken as it is: a placeholder, an unreadable date, two candidates;
the value is left empty and the reason is told) or ``missing`` (not in the file). Nothing is
changed from the source without a note saying what and why.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..schema import DOC_TYPES, DOC_TYPES_WITHOUT_RECIPIENTS, SECRET_LEVELS
from ..text.numerals import cn_to_int, to_ascii_digits
from .reader import Para

SPACE = " \t\u3000\xa0"
_CN_DIGIT = "〇○零ＯO0一二三四五六七八九"
_OPEN = "〔[［【(（〖〈<"
_CLOSE = "〕]］】)）〗〉>"

NUMBER_RE = re.compile(
    rf"(?P<code>[\u3400-\u9fffA-Za-zＡ-Ｚａ-ｚ·]{{1,20}}?)\s*[{re.escape(_OPEN)}]\s*(?P<year>[0-9０-９]{{2,4}})\s*年?\s*"
    rf"[{re.escape(_CLOSE)}]\s*(?P<di>第?)\s*(?P<seq>[0-9０-９]{{1,6}})\s*(?P<hao>号?)"
)
LOOSE_NUMBER_RE = re.compile(
    r"(?P<code>[\u3400-\u9fffA-Za-z]{1,20}?)\s*(?P<year>[0-9]{4})\s*(?:年|[-－—])\s*(?P<di>第?)\s*"
    r"(?P<seq>[0-9]{1,6})\s*(?P<hao>号)"
)
ORDER_NUMBER_RE = re.compile(r"^第\s*([0-9０-９]{1,6})\s*号$")
MINUTES_NUMBER_RE = re.compile(r"^[〔\[［(（]\s*([0-9]{4})\s*[〕\]］)）]\s*第?\s*([0-9]{1,4})\s*[次期号]$")
SIGNER_RE = re.compile(r"签\s*发\s*人\s*[：:]\s*(.*)$")
DATE_RE = re.compile(r"([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日")
CN_DATE_RE = re.compile(
    rf"([{_CN_DIGIT}]{{4}})\s*年\s*([一二三四五六七八九十]{{1,3}})\s*月\s*"
    rf"([一二三四五六七八九十]{{1,3}})\s*日"
)
ATTACH_NOTE_RE = re.compile(r"^附\s*件\s*[：:]\s*(.*)$", re.S)
ATTACH_ITEM_RE = re.compile(r"^\s*([0-9０-９]{1,2})\s*[.．、]\s*(.+)$", re.S)
ATTACH_LABEL_RE = re.compile(r"^附\s*件\s*([0-9０-９]{0,2})\s*(?:[：:]\s*)?$")
CC_RE = re.compile(r"^抄\s*送\s*(?:机\s*关)?\s*[：:]\s*(.*)$", re.S)
MAIN_TO_RE = re.compile(r"^主\s*送\s*[：:]\s*(.*)$", re.S)
ATTENDANCE_RE = re.compile(r"^(出\s*席|请\s*假|列\s*席|缺\s*席|参\s*加)(?:人员)?\s*[：:]")
SECRET_RE = re.compile(r"^(绝\s*密|机\s*密|秘\s*密)\s*(★.*)?$")
COPY_RE = re.compile(r"^(?:份号\s*[：:]\s*|No\.?\s*)?([0-9]{6})$")
URGENCY_RE = re.compile(r"^(特\s*急|加\s*急)$")
DATE_PLACEHOLDER_RE = re.compile(
    r"^[\[［【][^\]］】]*(?:日期|时间)[^\]］】]*[\]］】]$|^[xX×Ｘ]{4}年[xX×Ｘ]{1,2}月[xX×Ｘ]{1,2}日$"
)
SEAL_RE = re.compile(r"(印\s*章|盖\s*章|公\s*章|^（?此页无正文）?$)")
PLACEHOLDER_RE = re.compile(r"[\[［【][^\]］】]{0,20}[\]］】]|^[xX×Ｘ]{2,}|[xX×Ｘ]{3,}|某某|XXXX")
PRINTED_RE = re.compile(
    rf"^(?P<by>.*?)[{SPACE}]*(?P<date>(?:[0-9０-９]{{4}}|[{_CN_DIGIT}]{{4}})\s*年.{{1,8}}?日)\s*(?P<word>印\s*发)?\s*$"
)
NOT_GONGWEN_TITLES = (
    "讲话",
    "讲话稿",
    "发言",
    "简报",
    "总结",
    "方案",
    "计划",
    "要点",
    "汇报材料",
    "专报",
    "教材",
    "教程",
    "手册",
    "指南",
    "说明书",
    "登记表",
    "申请表",
    "报名表",
    "模板",
)
URGENCIES = ("特急", "加急")


def clean(text: str) -> str:
    return text.replace("\n", "").strip(SPACE)


def squash(text: str) -> str:
    return re.sub(rf"[{SPACE}\n]", "", text)


def parse_date(text: str) -> dt.date | None:
    """2025年3月5日 or 二〇二五年三月五日 anywhere in ``text``."""
    t = squash(text)
    m = DATE_RE.search(t)
    try:
        if m:
            y, mo, d = (int(to_ascii_digits(g)) for g in m.groups())
            return dt.date(y, mo, d)
        m = CN_DATE_RE.search(t)
        if m:
            year = m.group(1).translate(str.maketrans("○ＯO零0", "〇〇〇〇〇"))
            year = "".join(str("〇一二三四五六七八九".index(c)) for c in year)
            return dt.date(int(year), cn_to_int(m.group(2)), cn_to_int(m.group(3)))
    except ValueError:
        return None
    return None


def is_date_line(text: str) -> bool:
    t = squash(text)
    return bool(DATE_RE.fullmatch(t) or CN_DATE_RE.fullmatch(t))


def doc_type_of(title: str) -> str | None:
    t = re.sub(r"[（(](?:试行|暂行|草案|征求意见稿)[）)]$", "", title.strip().rstrip("。"))
    for name in sorted(DOC_TYPES, key=len, reverse=True):
        if t.endswith(name):
            return name
    return None


def split_top_level(text: str) -> list[str]:
    """Names separated by 、，,；; at the top level only: never inside （…） 〔…〕 《…》 “…”."""
    depth = 0
    names, cur = [], []
    for ch in text:
        if ch in "（(〔［[【《“‘":
            depth += 1
        elif ch in "）)〕］]】》”’" and depth:
            depth -= 1
        if depth == 0 and ch in "、，,；;":
            names.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    names.append("".join(cur))
    return [n.strip(SPACE + "。.") for n in names if n.strip(SPACE + "。.")]


def canonical_number(m: re.Match) -> str:
    code = re.sub(r"\s+", "", m.group("code"))
    year = to_ascii_digits(m.group("year"))
    seq = str(int(to_ascii_digits(m.group("seq"))))
    return f"{code}〔{year}〕{seq}号"


@dataclass
class Field:
    value: object = None
    state: str = "missing"  # read | uncertain | missing
    note: str = ""


@dataclass
class Recognised:
    fields: dict[str, Field] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: attachment pages: (title or None, [paragraph lines])
    attachment_pages: list[tuple[str | None, list[str]]] = field(default_factory=list)
    #: images: (package part, where it stood, in words: 正文第 3 段, 附件1, 版头 ...)
    images: list[tuple[str, str]] = field(default_factory=list)
    format: str = "standard"  # standard | letter | minutes | order
    is_gongwen: bool = True
    not_gongwen_reason: str = ""

    def set(self, name: str, value, state: str = "read", note: str = "") -> None:
        self.fields[name] = Field(value, state, note)

    def value(self, name: str):
        f = self.fields.get(name)
        return f.value if f is not None and f.state == "read" else None


#: The fields the report lists for every file, in order.
REPORT_FIELDS = (
    "number",
    "title",
    "doc_type",
    "issuer",
    "recipients",
    "signer",
    "signed_on",
    "classification",
    "urgency",
    "copy_no",
    "attachments",
    "cc",
    "printed_by",
    "printed_on",
    "disclosure",
)


def _tables_of(records: list[Para], test) -> set[int]:
    return {r.table for r in records if r.where == "cell" and test(clean(r.full))}


def _is_mark(rec: Para, text: str) -> bool:
    if len(text) > 40:
        return False
    if rec.red and (rec.size >= 18 or rec.centred or text.endswith(("文件", "纪要", "令"))):
        return True
    return rec.centred and rec.size >= 26


def _is_title_style(rec: Para) -> bool:
    n = (rec.style_name or rec.style).lower()
    return n in ("title", "标题") or "公文标题" in n or n.startswith("title")


def recognise(records: list[Para], force_type: str | None = None) -> Recognised:
    out = Recognised()
    recs = [r for r in records]
    colophon_tables = _tables_of(recs, lambda t: bool(CC_RE.match(t) or (PRINTED_RE.match(t) and "印发" in t)))
    head_notes: list[str] = []
    marks: list[str] = []
    number_line: str | None = None
    number_src: Para | None = None
    signer_parts: list[str] = []
    title_lines: list[str] = []
    title_size = 0.0
    pending_recipients: str | None = None
    recipients: str | None = None
    i, n = 0, len(recs)
    phase = "head"
    #: images as found: (part, phase, index into ``body`` it belongs to, in a paragraph of its own)
    image_marks: list[tuple[str, str, int, bool]] = []

    # ---- head block ----------------------------------------------------------------------------
    while i < n and phase == "head":
        rec = recs[i]
        text = clean(rec.full)
        if not text:
            i += 1
            continue
        if rec.table in colophon_tables and rec.where == "cell":
            break
        parts = [p for p in re.split(r"[\t]+|[ \u3000]{2,}", rec.full.replace("\n", "\t")) if p.strip(SPACE)]
        if (
            parts
            and all(
                COPY_RE.match(p.strip(SPACE)) or SECRET_RE.match(p.strip(SPACE)) or URGENCY_RE.match(p.strip(SPACE))
                for p in parts
            )
            and not title_lines
        ):
            head_notes.extend(p.strip(SPACE) for p in parts)
            i += 1
            continue
        if (
            number_line is None
            and not title_lines
            and (
                NUMBER_RE.search(text)
                or LOOSE_NUMBER_RE.search(text)
                or ORDER_NUMBER_RE.match(squash(text))
                or MINUTES_NUMBER_RE.match(squash(text))
            )
            and len(text) <= 60
            and not text.startswith("关于")
        ):
            number_line, number_src = rec.full, rec
            i += 1
            continue
        if len(text) <= 40 and not title_lines and SIGNER_RE.search(text):
            m = SIGNER_RE.search(text)
            if m:
                signer_parts.append(m.group(1))
                i += 1
                # further signers on lines of their own, right-aligned, just below
                while (
                    i < n
                    and clean(recs[i].full)
                    and len(clean(recs[i].full)) <= 6
                    and not recs[i].centred
                    and not NUMBER_RE.search(clean(recs[i].full))
                    and not recs[i].red
                ):
                    signer_parts.append(clean(recs[i].full))
                    i += 1
                continue
        if (
            (signer_parts or (number_line and "签发人" in number_line))
            and not title_lines
            and len(squash(text)) <= 4
            and (rec.right or rec.first_line > 200)
            and not rec.red
        ):
            signer_parts.append(text)
            i += 1
            continue
        if not title_lines and number_line is None and _is_mark(rec, text):
            marks.append(rec.full)
            i += 1
            continue
        if not title_lines and number_line is None and marks and text == "文件":
            marks.append(text)
            i += 1
            continue
        if not title_lines and looks_like_recipients(text) and (number_line or marks) and not rec.centred:
            pending_recipients = rec.full  # recipients before the title (some templates)
            i += 1
            continue
        big = rec.size >= 18 or _is_title_style(rec)
        if (
            not title_lines
            and (rec.centred or big)
            and not rec.red
            and (big or number_line is not None or marks or doc_type_of(text) or text.startswith("关于"))
        ):
            title_lines.append(rec.full)
            title_size = rec.size
            i += 1
            while i < n:
                nxt = recs[i]
                t2 = clean(nxt.full)
                if not t2:
                    break
                if (
                    (nxt.centred or _is_title_style(nxt))
                    and abs(nxt.size - title_size) < 0.6
                    and not t2.endswith(("：", ":"))
                    and len(title_lines) < 4
                    and not doc_type_of(clean("".join(title_lines)))
                ):
                    title_lines.append(nxt.full)
                    i += 1
                    continue
                break
            phase = "recipients"
            break
        if not title_lines and not marks and number_line is None and i < 8 and not text.endswith(("：", ":")):
            # no 版头: the first line standing alone may still be a title (plain drafts)
            if (doc_type_of(text) or text.startswith("关于")) and len(text) <= 80 and "。" not in text:
                title_lines.append(rec.full)
                i += 1
                phase = "recipients"
                break
        phase = "body"

    # ---- recipients ----------------------------------------------------------------------------
    while i < n and not clean(recs[i].full):
        i += 1
    if phase == "recipients" and i < n:
        rec = recs[i]
        text = clean(rec.full)
        if looks_like_recipients(text) and rec.first_line <= 200 and not rec.centred:
            recipients = rec.full
            i += 1
    # images in the records the head block took (an emblem, a red header drawn as a picture)
    for rec in recs[:i]:
        image_marks.extend((part, "head", 0, False) for part in rec.images)
    if recipients is None and pending_recipients is not None:
        recipients = pending_recipients

    # ---- body, 附件说明, 署名, 成文日期, 附注 ------------------------------------------------------
    body: list[tuple[str, Para]] = []
    attach_note: list[str] = []
    attendance: list[str] = []
    signatures: list[str] = []
    date_line: str | None = None
    fnotes: list[str] = []
    colophon: list[str] = []
    pages: list[tuple[str | None, list[str]]] = []
    tables: dict[int, dict[tuple[int, int], list[str]]] = {}
    phase = "body"
    expect_title = False
    while i < n:
        rec = recs[i]
        i += 1
        text = clean(rec.full)
        if rec.where == "cell" and rec.table in colophon_tables:
            if text:
                colophon.append(rec.full)
            image_marks.extend((part, "colophon", 0, False) for part in rec.images)
            continue
        if rec.images:
            if phase == "attachments":
                page = max(1, len(pages) + (1 if ATTACH_LABEL_RE.match(text) else 0))
                image_marks.extend((part, f"附件{page}", 0, False) for part in rec.images)
            else:
                k, own = len(body), bool(text) and rec.where != "cell"
                if rec.where == "cell" and rec.table in tables:
                    k = next((j for j, (raw, _) in enumerate(body) if raw == f"\0table{rec.table}"), k)
                where = "cell" if rec.where == "cell" else phase
                image_marks.extend((part, where, k, own) for part in rec.images)
        if not text:
            continue
        if CC_RE.match(text) or MAIN_TO_RE.match(text) and phase != "head":
            colophon.append(rec.full)
            phase = "colophon"
            continue
        if phase == "colophon":
            colophon.append(rec.full)
            continue
        if (
            phase in ("body", "after-date")
            and ATTACH_LABEL_RE.match(text)
            and (rec.page_break or phase == "after-date" or _page_follows(recs, i - 1))
        ):
            phase = "attachments"
        if phase == "body":
            m = ATTACH_NOTE_RE.match(text)
            if m and not attach_note:
                attach_note.append(rec.full)
                while (
                    i < n
                    and clean(recs[i].full)
                    and (
                        ATTACH_ITEM_RE.match(clean(recs[i].full))
                        or (
                            recs[i].label
                            and not recs[i].centred
                            and not recs[i].right
                            and len(clean(recs[i].full)) <= 60
                        )
                    )
                ):
                    attach_note.append(recs[i].full)
                    i += 1
                continue
            if SEAL_RE.search(text) and len(text) <= 30:
                continue
            if DATE_PLACEHOLDER_RE.match(text):
                date_line = text
                while body and PLACEHOLDER_RE.search(clean(body[-1][0])) and len(clean(body[-1][0])) <= 20:
                    signatures.insert(0, clean(body.pop()[0]))  # a 署名 placeholder ([发文单位])
                phase = "after-date"
                continue
            if is_date_line(text):
                date_line = text
                # the 署名 lines just above: short, no sentence ending, not a table
                while body and len(signatures) < 4:
                    last_text, last_rec = body[-1]
                    lt = clean(last_text)
                    if (
                        lt
                        and len(lt) <= 40
                        and not lt.endswith(("。", "；", "，", "：", ":", "！"))
                        and last_rec.where != "cell"
                        and not lt.startswith("|")
                        and (last_rec.right or len(signatures) < 1 and len(lt) <= 25)
                        and not ATTACH_ITEM_RE.match(lt)
                    ):
                        signatures.insert(0, lt)
                        body.pop()
                        continue
                    break
                phase = "after-date"
                continue
            if ATTENDANCE_RE.match(text):
                attendance.append(text)
                continue
            if re.fullmatch(r"[（(]此件.{0,8}公开.{0,4}[)）]", squash(text)) or text.startswith("信息公开选项"):
                fnotes.append(text)  # a 附注 with no 成文日期 line above it (纪要)
                continue
            if rec.where == "cell":
                if rec.table not in tables:
                    tables[rec.table] = {}
                    body.append((f"\0table{rec.table}", rec))
                tables[rec.table].setdefault((rec.row, rec.col), []).append(text)
                continue
            body.append((rec.full, rec))
            continue
        if phase == "after-date":
            if (text.startswith(("（", "(")) and text.endswith(("）", ")"))) or text.startswith("信息公开选项"):
                fnotes.append(text)
                continue
            if ATTENDANCE_RE.match(text):
                attendance.append(text)
                continue
            if SEAL_RE.search(text) and len(text) <= 30:
                continue
            m = PRINTED_RE.match(squash_keep(text))
            if m and len(clean(m.group("by"))) >= 2 and _is_last_block(recs, i):
                colophon.append(rec.full)
                continue
            phase = "attachments"
        if phase == "attachments":
            m = ATTACH_LABEL_RE.match(text)
            if m:
                pages.append((None, []))
                expect_title = True
                continue
            if not pages:
                pages.append((None, []))
            if expect_title and (rec.centred or rec.size >= 18):
                title, lines = pages[-1]
                pages[-1] = (text if title is None else title + text, lines)
                if (
                    i < n
                    and recs[i].centred
                    and clean(recs[i].full)
                    and abs(recs[i].size - rec.size) < 0.6
                    and not ATTACH_LABEL_RE.match(clean(recs[i].full))
                ):
                    continue  # a title over two lines
                expect_title = False
                continue
            expect_title = False
            m = PRINTED_RE.match(squash_keep(text))
            if m and len(clean(m.group("by"))) >= 2 and _is_last_block(recs, i):
                colophon.append(rec.full)
                continue
            pages[-1][1].append(rec.full if rec.where != "cell" else "| " + text + " |")

    # ---- fields --------------------------------------------------------------------------------
    _head_fields(out, head_notes, marks, number_line, number_src, signer_parts)
    _title_fields(out, title_lines, marks, force_type)
    _recipient_fields(out, recipients, colophon)
    _date_fields(out, date_line, number_line)
    _issuer_fields(out, signatures, marks)
    _note_fields(out, fnotes, body)
    _attachment_fields(out, attach_note, pages)
    _colophon_fields(out, colophon)
    out.body, starts = _body_lines(body, tables, attendance, out.warnings)
    out.images = [(part, _image_place(where, k, own, starts)) for part, where, k, own in image_marks]
    out.attachment_pages = pages
    _decide(out, marks, number_line, date_line)
    return out


_OPENING_RE = re.compile(r"^(为|根据|按照|依据|经|现将|现就|近日|近年来|\d{4}年)|如下[：:]$|通知|报告如下")


def looks_like_recipients(text: str) -> bool:
    """A 主送 line: ends with a colon, no sentence, and not the body's opening sentence."""
    return (
        text.endswith(("：", ":"))
        and "。" not in text
        and len(text) <= 150
        and not ATTACH_NOTE_RE.match(text)
        and not ATTENDANCE_RE.match(text)
        and not _OPENING_RE.search(text)
    )


def squash_keep(text: str) -> str:
    return text.replace("\n", " ").strip(SPACE)


def _page_follows(recs: list[Para], k: int) -> bool:
    """True when record ``k`` starts a new page (its own break, or an empty page-break paragraph before)."""
    if recs[k].page_break:
        return True
    j = k - 1
    while j >= 0 and not clean(recs[j].full):
        if recs[j].page_break:
            return True
        j -= 1
    return False


def _is_last_block(recs: list[Para], i: int) -> bool:
    """Nothing but empty paragraphs or 版记 lines after record ``i - 1``."""
    for rec in recs[i:]:
        t = clean(rec.full)
        if t and not (CC_RE.match(t) or PRINTED_RE.match(squash_keep(t))):
            return False
    return True


def _head_fields(
    out: Recognised,
    notes: list[str],
    marks: list[str],
    number_line: str | None,
    number_src: Para | None,
    signer_parts: list[str],
) -> None:
    line = number_line or ""
    # notes can also share the number line (信函格式)
    for part in re.split(r"[\t]+|[ \u3000]{2,}", line):
        p = part.strip(SPACE)
        if SECRET_RE.match(p) or URGENCY_RE.match(p) or COPY_RE.match(p):
            notes.append(p)
    for note in notes:
        p = squash(note)
        m = SECRET_RE.match(p)
        if m:
            level = squash(m.group(1))
            out.set("classification", level, note=f"密级和保密期限原文为“{p}”" if m.group(2) else "")
            continue
        if URGENCY_RE.match(p):
            out.set("urgency", p)
            continue
        m = COPY_RE.match(p)
        if m:
            out.set("copy_no", m.group(1))
    # 发文字号
    text = squash(line)
    m = NUMBER_RE.search(line.replace("\n", " "))
    loose = LOOSE_NUMBER_RE.search(text) if m is None else None
    if m is not None or loose is not None:
        hit = m or loose
        raw = re.sub(r"\s+", "", hit.group(0))
        canon = canonical_number(hit)
        if not hit.group("hao"):
            out.set("number", None, "uncertain", f"发文字号“{raw}”不完整（缺“号”字）：请对照原件填写")
        elif len(to_ascii_digits(hit.group("year"))) != 4:
            out.set("number", None, "uncertain", f"发文字号“{raw}”的年份不是四位：请对照原件填写")
        elif canon != raw:
            out.set(
                "number",
                canon,
                "read",
                f"发文字号原文为“{raw}”，已改为规范写法“{canon}”（{_number_changes(raw, canon)}）",
            )
        else:
            out.set("number", canon)
        if re.search(r"[A-Za-zＡ-Ｚａ-ｚ]", hit.group("code")):
            note = out.fields["number"].note
            out.fields["number"].note = (
                note + "；" if note else ""
            ) + f"机关代字“{hit.group('code')}”含拉丁字母，已照录：请核对它是否登记在 site.yml 的 codes 中"
    elif ORDER_NUMBER_RE.match(text):
        out.set(
            "number", None, "uncertain", f"令号“{text}”不是 代字〔年份〕序号号 的形式：请按本机关的登记方式填写 number"
        )
        out.format = "order"
    elif MINUTES_NUMBER_RE.match(text):
        out.set("number", None, "uncertain", f"纪要编号“{text}”没有机关代字：请按本机关的登记方式填写 number")
        out.format = "minutes"
    elif line.strip():
        out.set("number", None, "uncertain", f"发文字号行“{clean(line)}”中没有可识别的发文字号：请对照原件填写")
    # 签发人 (one or several)
    signers: list[str] = []
    m = SIGNER_RE.search(line.replace("\n", " "))
    if m:
        signer_parts = [m.group(1)] + signer_parts
    for part in signer_parts:
        for s in re.split(r"[、，,；;]+|[ \t\u3000]{2,}", part.strip(SPACE)):
            s = squash(s)
            if s:
                signers.append(s)
    signers = [s for s in signers if not PLACEHOLDER_RE.search(s)]
    if signers:
        out.set("signer", signers if len(signers) > 1 else signers[0])
    elif signer_parts or "签发人" in line:
        out.set("signer", None, "uncertain", "有“签发人：”但没有读到姓名：请对照原件填写 signer")


def _number_changes(raw: str, canon: str) -> str:
    changes = []
    if re.search(r"[\[［【(（〖〈<]", raw):
        changes.append("年份的括号改为六角括号〔〕")
    if "第" in raw[raw.rfind("〕") if "〕" in raw else 0 :]:
        changes.append("删去序号前的“第”")
    if re.search(r"[〕\]］】)）〗〉>]0[0-9]", raw):
        changes.append("删去序号前的 0")
    if re.search(r"[０-９]", raw):
        changes.append("全角数字改为半角")
    if not changes:
        changes.append("格式规范化")
    return "，".join(changes)


def _title_fields(out: Recognised, lines: list[str], marks: list[str], force_type: str | None) -> None:
    title = "".join(clean(t) for t in lines)
    if not title:
        return
    if PLACEHOLDER_RE.search(title):
        out.set("title", None, "uncertain", f"标题“{title}”含占位符：请对照原件填写")
    else:
        rows = len(lines) + sum(t.count("\n") for t in lines)
        note = f"标题在原件中分 {rows} 行排，已连成一行" if rows > 1 else ""
        out.set("title", title, note=note)
    mark = clean("".join(marks))
    doc_type = doc_type_of(title)
    if force_type:
        if doc_type and doc_type != force_type:
            out.set("doc_type", force_type, note=f"按 --force-type 定为“{force_type}”（标题结尾是“{doc_type}”）")
        else:
            out.set("doc_type", force_type, note=f"按 --force-type 定为“{force_type}”")
    elif doc_type:
        out.set("doc_type", doc_type)
    elif mark.endswith("纪要"):
        out.set("doc_type", "纪要", note="文种取自发文机关标志“……纪要”")
    elif mark.endswith("令"):
        out.set("doc_type", "令", note="文种取自发文机关标志“……令”")
    else:
        out.set(
            "doc_type", None, "uncertain", f"无法从标题“{title}”的结尾判断文种：请填写 doc_type，或用 --force-type 指定"
        )
    if mark.endswith("纪要") or out.value("doc_type") == "纪要":
        out.format = "minutes"
    elif mark.endswith("令") and not mark.endswith("文件"):
        out.format = "order"
    elif out.value("doc_type") == "函" and mark and not mark.endswith("文件"):
        out.format = "letter"


def _recipient_fields(out: Recognised, line: str | None, colophon: list[str]) -> None:
    if line is None:
        for c in colophon:
            m = MAIN_TO_RE.match(clean(c))
            if m:
                line = m.group(1)
                break
    if line is None:
        if out.value("doc_type") not in DOC_TYPES_WITHOUT_RECIPIENTS and out.value("doc_type"):
            out.set("recipients", None, "missing", "没有找到主送机关（标题下以“：”结尾的一行）")
        return
    text = clean(line).rstrip("：:")
    names = split_top_level(text)
    if not names or any(PLACEHOLDER_RE.search(nm) for nm in names):
        out.set("recipients", None, "uncertain", f"主送机关“{text}”是占位符或无法拆分：请对照原件填写")
        return
    out.set("recipients", names)


def _date_fields(out: Recognised, date_line: str | None, number_line: str | None) -> None:
    if date_line:
        d = parse_date(date_line)
        if d:
            note = "成文日期原文用汉字数字书写" if CN_DATE_RE.search(squash(date_line)) else ""
            out.set("signed_on", d, note=note)
        else:
            out.set("signed_on", None, "uncertain", f"成文日期“{date_line}”不是有效日期：请对照原件填写")
        return
    if number_line and parse_date(number_line):
        out.set("signed_on", parse_date(number_line), note="成文日期取自版头（纪要编号行）")


def _issuer_fields(out: Recognised, signatures: list[str], marks: list[str]) -> None:
    organs: list[str] = []
    for m in marks:
        for part in re.split(r"[\n\t]+|[ \u3000]{2,}", m):
            p = part.strip(SPACE)
            if p and p != "文件":
                organs.append(p)
    if organs and organs[-1].endswith("文件"):
        organs[-1] = organs[-1][:-2]
    placeholders = [x for x in organs + signatures if PLACEHOLDER_RE.search(x)]
    organs = [o for o in organs if o and not PLACEHOLDER_RE.search(o)]
    signatures = [x for x in signatures if not PLACEHOLDER_RE.search(x)]
    if organs and organs[-1].endswith("纪要"):
        # 纪要格式: the organ is the mark before "……纪要", or the mark without 纪要
        organs = organs[:-1] or [re.sub(r"(会议)?纪要$", "", organs[-1])]
        sig = next(iter(signatures), None)
        if sig and not sig.startswith(organs[0]):
            out.set("issuer", sig)  # the mark names a meeting (区住建局局长办公会议纪要): the 署名 is the organ
        elif _ORGAN_END_RE.search(organs[0]):
            out.set("issuer", organs[0], note="发文机关取自纪要标志")
        else:
            out.set("issuer", None, "uncertain", f"纪要标志“{clean(''.join(marks))}”中看不出发文机关的全称")
        return
    if len(organs) == 1 and organs[0].endswith(("命令", "令")):
        organs = [re.sub(r"(命令|令)$", "", organs[0])]
    sigs = []
    for s in signatures:
        m = re.match(rf"^(省长|市长|县长|区长|州长|局长|主任|厅长|部长|书记|主席|总理)[{SPACE}]*(\S{{2,4}})$", s)
        if m:
            if out.format == "order" and "signer" not in out.fields:
                out.set("signer", m.group(2), note=f"签署人取自“{s}”")
            continue
        sigs.append(s)
    if len(sigs) > 1 or (sigs and organs and len(organs) > 1):
        names = sigs if len(sigs) >= len(organs) else organs
        out.set("issuer", names if len(names) > 1 else names[0], note="联合行文：发文机关按原件顺序列出")
    elif sigs:
        out.set("issuer", sigs[0])
    elif len(organs) > 1:
        out.set("issuer", organs, note="联合行文：发文机关取自版头，按原件顺序列出")
    elif organs:
        out.set("issuer", organs[0], note="发文机关取自版头（原件没有署名）")
    elif placeholders:
        out.set("issuer", None, "uncertain", "原件的发文机关是占位符“" + "”“".join(placeholders) + "”")
    if (
        sigs
        and organs
        and len(sigs) == 1
        and len(organs) == 1
        and sigs[0] != organs[0]
        and not organs[0].startswith(sigs[0])
        and out.format == "standard"
    ):
        out.warnings.append(f"署名“{sigs[0]}”与发文机关标志“{organs[0]}”不同：issuer 取署名，请核对")


_ORGAN_END_RE = re.compile(r"(局|委|厅|部|院|府|办|室|会|中心|站|所|处|科|队|司|署|社|党组|委员会|办公室)$")


def _note_fields(out: Recognised, fnotes: list[str], body: list) -> None:
    for note in fnotes:
        inner = squash(note).strip("（）()")
        attr = None
        if "不予公开" in inner or "不公开" in inner:
            attr = "不予公开"
        elif "依申请公开" in inner:
            attr = "依申请公开"
        elif "主动公开" in inner or "公开发布" in inner:
            attr = "主动公开"
        if attr:
            out.set("disclosure", attr, note=f"公开属性取自附注“{note}”")
        else:
            body.append((note, Para(note)))
            out.warnings.append(f"附注“{note}”不是公开属性的说明，已作为正文最后一段保留：请核对它的位置")


def _attachment_fields(out: Recognised, note: list[str], pages: list[tuple[str | None, list[str]]]) -> None:
    titles = []
    for k, line in enumerate(note):
        text = clean(line.replace("\t", " "))
        if k == 0:
            m = ATTACH_NOTE_RE.match(text)
            text = m.group(1).strip(SPACE) if m else text
        for piece in re.split(r"\n", text):
            m = ATTACH_ITEM_RE.match(piece.strip(SPACE))
            piece = m.group(2) if m else piece
            piece = piece.strip(SPACE).rstrip("。；;，,")
            if piece:
                titles.append(piece)
    page_titles = [t for t, _ in pages if t]
    if titles:
        out.set("attachments", titles)
        if page_titles and [squash(t) for t in page_titles] != [squash(t) for t in titles[: len(page_titles)]]:
            out.warnings.append("附件页上的标题与附件说明不一致：attachments 取附件说明，请核对")
    elif page_titles:
        out.set("attachments", page_titles, note="没有附件说明，附件标题取自附件页")


def _colophon_fields(out: Recognised, lines: list[str]) -> None:
    for line in lines:
        text = clean(line.replace("\t", "\u3000"))
        m = CC_RE.match(text)
        if m:
            names = split_top_level(m.group(1))
            if names and not any(PLACEHOLDER_RE.search(x) for x in names):
                out.set("cc", names)
            elif names:
                out.set("cc", None, "uncertain", f"抄送机关“{m.group(1)}”是占位符：请对照原件填写")
            continue
        if MAIN_TO_RE.match(text):
            continue
        m = PRINTED_RE.match(squash_keep(line.replace("\t", "  ")))
        if m:
            by = m.group("by").strip(SPACE)
            when = parse_date(m.group("date"))
            if by and len(by) >= 2 and not PLACEHOLDER_RE.search(by):
                out.set("printed_by", by)
            if when:
                out.set("printed_on", when, note="" if m.group("word") else "版记日期行没有“印发”二字，按印发日期读取")


def _image_place(where: str, k: int, own: bool, starts: list[int]) -> str:
    """Where an image stood, in words for the editor."""
    if where == "head":
        return "版头"
    if where == "after-date":
        return "落款处"
    if where == "colophon":
        return "版记处"
    if where.startswith("附件"):
        return where
    before = starts[min(k, len(starts) - 1)]
    if where == "cell":
        return f"正文第 {before + 1} 段（表格）中"
    if own:
        return f"正文第 {before + 1} 段"
    return f"正文第 {before} 段之后" if before else "正文开头"


def _body_lines(body, tables, attendance, notes: list[str] | None = None) -> tuple[list[str], list[int]]:
    """The body as Markdown lines, and for each entry of ``body`` the number of paragraphs
    (a table counts as one) before it, then the number of all of them."""
    lines: list[str] = []
    starts: list[int] = []
    count = 0
    for raw, _rec in body:
        starts.append(count)
        if raw.startswith("\0table"):
            count += 1
            cells = tables[int(raw[6:])]
            rows = max(r for r, _ in cells) + 1
            cols = max(c for _, c in cells) + 1
            grid = [
                ["<br>".join(p for p in cells.get((r, c), []) if p).replace("|", "\\|") for c in range(cols)]
                for r in range(rows)
            ]
            if lines and lines[-1] != "":
                lines.append("")
            lines.append("| " + " | ".join(grid[0]) + " |")
            lines.append("|" + "|".join([" --- "] * cols) + "|")
            lines.extend("| " + " | ".join(row) + " |" for row in grid[1:])
            lines.append("")
            continue
        for para in split_soft_breaks(raw, notes):
            text = para.strip(SPACE)
            if not text:
                continue
            if text[0] in "#>|" or re.match(r"^[-*+][ \t]", text) or re.match(r"^\d+[.)][ \t]", text):
                text = "\\" + text
            lines.append(text)
            count += 1
    starts.append(count)
    lines.extend(attendance)
    return lines, starts


_BREAK_KEEPS = "。；;：:！？!?）)”"


#: The second marker of each outline level (as it starts a line) → the first one of the same form.
_SECOND_MARKER_RE = re.compile(r"^[\s\u3000]*(二、|（二）|\(二\)|2[.．]|（2）|\(2\))")
_FIRST_OF = {
    "二、": "一、",
    "（二）": "（一）",
    "(二)": "(一)",
    "2.": "1.",
    "2．": "1．",
    "（2）": "（1）",
    "(2)": "(1)",
}


def split_soft_breaks(text: str, notes: list[str] | None = None) -> list[str]:
    """A paragraph with soft line breaks (Shift+Enter) as the paragraphs a reader sees: a break
    after a sentence or before an outline marker starts a new paragraph; a break in the middle
    of a sentence (wrapped text pasted from elsewhere) is joined.

    When the lines after the first start with “二、” “三、” … and the first line holds “一、”
    after a lead-in (“会议决定，一、……”), item 一 is what the reader sees as the first of the
    list: it starts its own paragraph too, and a note in ``notes`` says so."""
    if "\n" not in text:
        return [text]
    pieces = text.split("\n")
    out = [pieces[0]]
    for piece in pieces[1:]:
        prev = out[-1].rstrip(SPACE)
        starts_new = re.match(
            r"^[\s\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|"
            r"[0-9]+[.．]|第[一二三四五六七八九十百]+[条章节]|[-•·●]\s)",
            piece,
        )
        if not prev or prev.endswith(tuple(_BREAK_KEEPS)) or starts_new:
            out.append(piece)
        else:
            out[-1] = prev + piece.lstrip(SPACE)
    if len(out) > 1:
        second = _SECOND_MARKER_RE.match(out[1])
        first = _FIRST_OF[second.group(1)] if second else None
        head = out[0].strip(SPACE)
        if first and not head.startswith(first):
            m = re.search(rf"([，,：:])[{SPACE}]*{re.escape(first)}", head)
            if m and m.start() <= 40:
                lead, item = head[: m.end(1)], head[m.end(1) :].lstrip(SPACE)
                out[0:1] = [lead, item]
                if notes is not None:
                    notes.append(
                        f"正文“{lead}{item[: len(first) + 8]}……”中，“{first}”与前面的引语原在同一行，"
                        f"其后各项用软回车分行：已从“{first}”起另起一段，请核对"
                    )
    return out


def _decide(out: Recognised, marks: list[str], number_line: str | None, date_line: str | None) -> None:
    """Is this a 公文 at all? A title that ends with a 文种 and at least one other element."""
    title = out.fields.get("title")
    title_text = title.value if title and title.value else ""
    doc_type = out.value("doc_type")
    has_other = bool(marks or number_line or date_line or out.value("recipients"))
    if doc_type and (has_other or out.fields.get("title") and out.fields["title"].state != "missing"):
        if doc_type in DOC_TYPES:
            if not has_other and not title_text.startswith("关于"):
                out.is_gongwen = False
                out.not_gongwen_reason = "只有一个以文种结尾的标题，没有版头、主送机关和成文日期"
            return
    reason = []
    if not title_text and not (title and title.state == "uncertain"):
        reason.append("没有找到标题")
    elif not doc_type:
        ending = next((t for t in NOT_GONGWEN_TITLES if title_text.endswith(t)), None)
        reason.append(f"标题以“{ending}”结尾，不是法定文种" if ending else "标题不以法定文种结尾")
    if not has_other:
        reason.append("没有发文机关标志、发文字号、主送机关和成文日期")
    out.is_gongwen = False
    out.not_gongwen_reason = "；".join(reason) or "不符合公文格式"


def secret_level(rec: Recognised) -> str | None:
    level = rec.value("classification")
    return level if level in SECRET_LEVELS else None
