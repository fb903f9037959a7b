"""``govpub import docx FILE.docx [--out PATH]``: an existing 公文 DOCX → a corpus file.

Two kinds of input are read:

* files written by this package (:mod:`generator.docx.document`): every element has a named
  paragraph style (GwMark 发文机关标志, GwNumber 发文字号, GwTitle 标题 …), so each paragraph
  is read for what it is;
* typical Word-made 公文 (a red-header template, direct formatting, no such styles): the
  elements are recognised by their content and layout, the way a reader does — the big red
  centred 发文机关标志 (…文件), the 发文字号 line (with 签发人：), the big centred title, the
  主送 line ending with ：, the body, the 附件说明 (附件：1.…), the 署名 and the 成文日期
  (2025年3月5日 or 二〇二五年三月五日), the 附注 in brackets, then after the attachments the
  抄送 and 印发 lines (paragraphs or a table).

What could not be read (no date, a number that is not a 发文字号, no title …) is reported as
warnings, and the corpus file leaves that key empty with a comment, so the editor knows what
to fill in; ``govpub check`` then points at the same places. The target file is never
overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import yaml
from lxml import etree

from ..model import Agency, Corpus
from ..schema import DOC_TYPES, DOC_TYPES_NEEDING_SIGNER, DOC_TYPES_WITHOUT_RECIPIENTS, SECRET_LEVELS
from ..text.docnumber import OPEN_BRACKETS, CLOSE_BRACKETS, analyse_doc_number
from ..text.numerals import cn_to_int
from . import layout as L

__all__ = ["import_docx", "read_docx", "ImportResult", "DocxImportError"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class DocxImportError(Exception):
    """The file cannot be imported (not a DOCX, unreadable, target exists): exit 1."""


@dataclass
class ImportResult:
    """What was read and, after :func:`import_docx`, where it was written."""

    source: Path
    #: front-matter values read (keys as in docs/corpus.md); dates are datetime.date
    fields: dict = field(default_factory=dict)
    #: body paragraphs, one per line (Markdown pipe tables for tables)
    body: list[str] = field(default_factory=list)
    #: what could not be read or was changed, for the editor
    warnings: list[str] = field(default_factory=list)
    #: True when the file carried this package's paragraph styles
    styled: bool = False
    #: the corpus file written (None before writing)
    path: Path | None = None
    #: the whole corpus file
    text: str = ""


# --- reading the package --------------------------------------------------------------------------------


@dataclass
class _Para:
    text: str
    style: str = ""
    jc: str = ""
    size: float = 0.0  # largest font size (pt) among runs with text
    red: bool = False
    bold: bool = False
    left: int = 0  # left indent, twips
    first_line: int = 0
    where: str = "body"  # body | header | cell
    table: int = -1
    row: int = -1
    col: int = -1
    page_break: bool = False
    numbered: bool = False  # Word automatic numbering (its "一、" is not in the text)


@dataclass
class _Style:
    based_on: str | None = None
    jc: str | None = None
    size: float | None = None
    color: str | None = None
    bold: bool | None = None
    left: int | None = None
    first_line: int | None = None
    numbered: bool | None = None


class _Package:
    def __init__(self, path: Path):
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError):
            raise DocxImportError(f"{path.name} 不是有效的 DOCX 文件（不是 zip 压缩包，可能已损坏，"
                                  "或是旧版 .doc 文件：请在 Word/WPS 中另存为 .docx）") from None
        except OSError as exc:
            raise DocxImportError(f"无法读取 {path}：{exc.strerror or exc}") from None
        self.path = path
        main = self._main_part()
        self.main = main
        self.document = self._xml(main)
        if self.document is None or self.document.find(_w("body")) is None:
            raise DocxImportError(f"{path.name} 不是 Word 文档：缺少正文部分 {main}")
        self.rels = self._rels(main)
        styles_part = self._target(main, "styles")
        self.styles = _read_styles(self._xml(styles_part) if styles_part else None)

    def _read(self, name: str) -> bytes | None:
        try:
            return self.zip.read(name)
        except KeyError:
            return None
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, NotImplementedError,
                zlib.error) as exc:
            raise DocxImportError(f"{self.path.name} 已损坏：无法解压 {name}（{exc}）") from None

    def _xml(self, name: str):
        data = self._read(name)
        if data is None:
            return None
        try:
            return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True,
                                                                 huge_tree=True))
        except etree.XMLSyntaxError as exc:
            raise DocxImportError(f"{self.path.name} 已损坏：{name} 不是有效的 XML（{exc}）") from None

    def _main_part(self) -> str:
        rels = self._xml("_rels/.rels")
        if rels is not None:
            for rel in rels.iter(f"{{{PKG_R}}}Relationship"):
                if rel.get("Type") == OFFICE_DOCUMENT:
                    return rel.get("Target", "").lstrip("/")
        if self._read("word/document.xml") is not None:
            return "word/document.xml"
        raise DocxImportError(f"{self.path.name} 不是 Word 文档（压缩包中没有 word/document.xml）")

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        rels = self._xml(posixpath.join(folder, "_rels", name + ".rels"))
        out = {}
        if rels is not None:
            for rel in rels.iter(f"{{{PKG_R}}}Relationship"):
                target = rel.get("Target", "")
                if rel.get("TargetMode") == "External":
                    continue
                full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(folder, target))
                out[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], full)
        return out

    def _target(self, part: str, kind: str) -> str | None:
        for rid, (k, target) in self._rels(part).items():
            if k == kind:
                return target
        return None

    def first_headers(self):
        """The header parts page 1 shows (first-page header when the first section has a
        title page, else the default header)."""
        body = self.document.find(_w("body"))
        sect = None
        for el in body.iter(_w("sectPr")):
            sect = el  # the first sectPr in document order ends the first section
            break
        if sect is None:
            return []
        refs = {ref.get(_w("type"), "default"): ref.get(f"{{{R}}}id") for ref in sect.findall(_w("headerReference"))}
        title_pg = sect.find(_w("titlePg"))
        first = title_pg is not None and title_pg.get(_w("val"), "true") not in ("0", "false", "off")
        rid = refs.get("first") if first else refs.get("default")
        if rid is None or rid not in self.rels:
            return []
        root = self._xml(self.rels[rid][1])
        return [root] if root is not None else []


def _read_styles(root) -> dict:
    styles: dict[str, _Style] = {}
    default = _Style(size=10.5)
    if root is None:
        return {"__default__": default}
    dd = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
    if dd is not None:
        sz = dd.find(_w("sz"))
        if sz is not None and sz.get(_w("val"), "").isdigit():
            default.size = int(sz.get(_w("val"))) / 2
    for st in root.findall(_w("style")):
        if st.get(_w("type")) != "paragraph":
            continue
        sid = st.get(_w("styleId"), "")
        s = _Style()
        based = st.find(_w("basedOn"))
        s.based_on = based.get(_w("val")) if based is not None else None
        ppr = st.find(_w("pPr"))
        if ppr is not None:
            s.jc, s.left, s.first_line = _ppr_props(ppr)
            num = ppr.find(f"{_w('numPr')}/{_w('numId')}")
            if num is not None:
                s.numbered = num.get(_w("val")) not in (None, "0")
        rpr = st.find(_w("rPr"))
        if rpr is not None:
            s.size, s.color, s.bold = _rpr_props(rpr)
        styles[sid] = s
        if st.get(_w("default")) in ("1", "true"):
            styles["__normal__"] = s
    styles["__default__"] = default
    return styles


def _ppr_props(ppr) -> tuple[str | None, int | None, int | None]:
    jc_el = ppr.find(_w("jc"))
    jc = jc_el.get(_w("val")) if jc_el is not None else None
    ind = ppr.find(_w("ind"))
    left = first = None
    if ind is not None:
        left = _int(ind.get(_w("left")) or ind.get(_w("start")))
        first = _int(ind.get(_w("firstLine")))
        hanging = _int(ind.get(_w("hanging")))
        if hanging:
            first = -hanging
        chars = _int(ind.get(_w("firstLineChars")))
        if chars and not first:
            first = chars * 16 * 20 // 100  # hundredths of a character, 3号 assumed
    return jc, left, first


def _rpr_props(rpr) -> tuple[float | None, str | None, bool | None]:
    sz = rpr.find(_w("sz"))
    size = None
    if sz is not None and (sz.get(_w("val")) or "").isdigit():
        size = int(sz.get(_w("val"))) / 2
    color_el = rpr.find(_w("color"))
    color = color_el.get(_w("val")) if color_el is not None else None
    b = rpr.find(_w("b"))
    bold = None if b is None else b.get(_w("val"), "true") not in ("0", "false", "off")
    return size, color, bold


def _int(value) -> int | None:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _is_red(color: str | None) -> bool:
    if not color or not re.fullmatch(r"[0-9A-Fa-f]{6}", color):
        return False
    r, g, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
    return r >= 0xB0 and g <= 0x60 and b <= 0x60


class _Reader:
    """Paragraph records in reading order, with the formatting the heuristics need."""

    def __init__(self, pkg: _Package):
        self.pkg = pkg
        self.styles = pkg.styles
        self.records: list[_Para] = []
        self.tables = 0

    def style_chain(self, sid: str | None) -> Iterator[_Style]:
        seen = set()
        sid = sid or ("__normal__" if "__normal__" in self.styles else None)
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid].based_on
        yield self.styles["__default__"]

    def style_value(self, sid: str | None, attr: str):
        for s in self.style_chain(sid):
            value = getattr(s, attr)
            if value is not None:
                return value
        return None

    def read(self) -> list[_Para]:
        for header in self.pkg.first_headers():
            self.block(header, "header")
        self.block(self.pkg.document.find(_w("body")), "body")
        return self.records

    def block(self, container, where: str, table: int = -1, row: int = -1, col: int = -1) -> None:
        for child in container:
            tag = child.tag
            if tag == _w("p"):
                self.paragraph(child, where, table, row, col)
            elif tag == _w("tbl"):
                self.table(child, where)
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.block(content, where, table, row, col)
            elif tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    self.block(choice, where, table, row, col)

    def table(self, tbl, where: str) -> None:
        self.tables += 1
        index = self.tables
        for r, tr in enumerate(tbl.findall(_w("tr"))):
            c = 0
            for tc in tr.findall(_w("tc")):
                span = 1
                tcpr = tc.find(_w("tcPr"))
                merged = False
                if tcpr is not None:
                    gs = tcpr.find(_w("gridSpan"))
                    if gs is not None:
                        span = max(1, _int(gs.get(_w("val"))) or 1)
                    vm = tcpr.find(_w("vMerge"))
                    merged = vm is not None and vm.get(_w("val")) in (None, "continue")
                if not merged:
                    self.block(tc, "cell" if where == "body" else where, index, r, c)
                else:  # a continued vertical merge: an empty cell
                    self.records.append(_Para("", where="cell" if where == "body" else where, table=index,
                                              row=r, col=c))
                c += span

    def paragraph(self, p, where: str, table: int, row: int, col: int) -> None:
        # text boxes anchored in this paragraph come first (a red header in a text box)
        for box in p.iter(_w("txbxContent")):
            if any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors()):
                continue
            self.block(box, where, table, row, col)
        ppr = p.find(_w("pPr"))
        sid = ""
        jc = left = first = None
        page_break = False
        numbered = False
        if ppr is not None:
            num = ppr.find(f"{_w('numPr')}/{_w('numId')}")
            numbered = num is not None and num.get(_w("val")) not in (None, "0")
            ps = ppr.find(_w("pStyle"))
            sid = ps.get(_w("val"), "") if ps is not None else ""
            jc, left, first = _ppr_props(ppr)
            pb = ppr.find(_w("pageBreakBefore"))
            page_break = pb is not None and pb.get(_w("val"), "true") not in ("0", "false", "off")
        style_size = self.style_value(sid, "size") or 10.5
        style_color = self.style_value(sid, "color")
        style_bold = bool(self.style_value(sid, "bold"))
        text_parts: list[str] = []
        size = 0.0
        red = False
        bold = False
        for r in self._runs(p):
            rpr = r.find(_w("rPr"))
            rsize, rcolor, rbold = _rpr_props(rpr) if rpr is not None else (None, None, None)
            pieces = []
            for el in r:
                tag = el.tag
                if tag == _w("t"):
                    pieces.append(el.text or "")
                elif tag == _w("tab"):
                    pieces.append("\t")
                elif tag in (_w("br"), _w("cr")):
                    if el.get(_w("type")) == "page":
                        page_break = True
                    else:
                        pieces.append("\n")
                elif tag == _w("noBreakHyphen"):
                    pieces.append("-")
            text = "".join(pieces)
            if text.strip():
                size = max(size, rsize or style_size)
                red = red or _is_red(rcolor or style_color)
                bold = bold or bool(rbold if rbold is not None else style_bold)
            text_parts.append(text)
        if jc is None:
            jc = self.style_value(sid, "jc") or ""
        if left is None:
            left = self.style_value(sid, "left") or 0
        if first is None:
            first = self.style_value(sid, "first_line") or 0
        if not numbered and (ppr is None or ppr.find(_w("numPr")) is None):
            numbered = bool(self.style_value(sid, "numbered"))
        self.records.append(_Para("".join(text_parts), style=sid, jc=jc, size=size, red=red, bold=bold,
                                  left=left, first_line=first, where=where, table=table, row=row, col=col,
                                  page_break=page_break, numbered=numbered))

    def _runs(self, p) -> Iterator:
        """The runs of a paragraph in order: inside hyperlinks, smart tags, fields and
        insertions, but not deletions, text boxes or fallback content."""
        stack = list(reversed(list(p)))
        while stack:
            el = stack.pop()
            tag = el.tag
            if tag == _w("r"):
                yield el
            elif tag in (_w("del"), _w("pPr"), _w("txbxContent"), f"{{{MC}}}Fallback", _w("rPr")):
                continue
            elif tag == f"{{{MC}}}AlternateContent":
                choice = el.find(f"{{{MC}}}Choice")
                if choice is not None:
                    stack.extend(reversed(list(choice)))
            elif isinstance(tag, str):
                stack.extend(reversed(list(el)))


# --- recognising the elements ------------------------------------------------------------------------------

_NUMBER_RE = re.compile(
    rf"[\u3400-\u9fff]{{1,12}}\s*[{re.escape(OPEN_BRACKETS)}]\s*[0-9０-９]{{2,4}}\s*年?\s*"
    rf"[{re.escape(CLOSE_BRACKETS)}]\s*第?\s*[0-9０-９]{{1,6}}\s*号?")
_LOOSE_NUMBER_RE = re.compile(r"[\u3400-\u9fff]{1,12}\s*[0-9]{4}\s*(?:年|[-－—])\s*第?\s*[0-9]{1,6}\s*号")
_SIGNER_RE = re.compile(r"签\s*发\s*人\s*[：:]\s*(\S+(?:\s\S+)?)")
_DATE_RE = re.compile(r"([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日")
_CN_DIGIT = "〇○零ＯO一二三四五六七八九"
_CN_DATE_RE = re.compile(rf"([{_CN_DIGIT}]{{4}})\s*年\s*([一二三四五六七八九十]{{1,3}})\s*月\s*"
                         rf"([一二三四五六七八九十]{{1,3}})\s*日")
_PRINTED_RE = re.compile(r"^(.*?)[\s\u3000]*((?:[0-9０-９]{4}|[" + _CN_DIGIT + r"]{4})\s*年.{1,8}日)\s*印\s*发\s*$")
_ATTACH_NOTE_RE = re.compile(r"^附\s*件\s*[：:]\s*(.*)$")
_ATTACH_ITEM_RE = re.compile(r"^\s*(\d+)\s*[.．、]\s*(.+)$")
_ATTACH_LABEL_RE = re.compile(r"^附\s*件\s*(\d*)\s*$")
_CC_RE = re.compile(r"^抄\s*送\s*[：:]\s*(.*)$")
_ATTENDANCE_RE = re.compile(r"^(出席|请假|列席)(?:人员)?[：:]")
_SECRET_RE = re.compile(r"^(绝密|机密|秘密)(★.*)?$")
_COPY_RE = re.compile(r"^[0-9]{6}$")
_URGENCY = ("特急", "加急")
_SPACE = " \t\u3000\xa0"
_SPLIT_NAMES = re.compile(r"[、，,；;]")


def parse_date(text: str) -> dt.date | None:
    """2025年3月5日 or 二〇二五年三月五日 anywhere in ``text``."""
    from ..text.numerals import to_ascii_digits

    m = _DATE_RE.search(text)
    try:
        if m:
            y, mo, d = (int(to_ascii_digits(g)) for g in m.groups())
            return dt.date(y, mo, d)
        m = _CN_DATE_RE.search(text)
        if m:
            year = m.group(1).translate(str.maketrans("○ＯO零", "〇〇〇〇"))
            return dt.date(cn_to_int(year), cn_to_int(m.group(2)), cn_to_int(m.group(3)))
    except ValueError:
        return None
    return None


def _is_date_line(text: str) -> bool:
    t = text.strip(_SPACE).replace(" ", "").replace("\u3000", "")
    return bool(_DATE_RE.fullmatch(t) or _CN_DATE_RE.fullmatch(t))


def doc_type_of(title: str) -> str | None:
    """文种 from the title's ending (the longest type name that ends it)."""
    t = title.strip().rstrip("。")
    for name in sorted(DOC_TYPES, key=len, reverse=True):
        if t.endswith(name):
            return name
    return None


def _split_names(text: str) -> list[str]:
    text = text.strip(_SPACE).rstrip("：:。.;； ")
    return [n.strip(_SPACE) for n in _SPLIT_NAMES.split(text) if n.strip(_SPACE)]


def _clean(text: str) -> str:
    return text.replace("\n", "").strip(_SPACE)


_STYLE_KINDS = {
    "GwHeadNote": "note", "GwMark": "mark", "GwNumber": "number", "GwTitle": "title",
    "GwRecipients": "recipients", "GwBody": "body", "GwHeading1": "body", "GwHeading2": "body",
    "GwArticle": "body", "GwItem": "body", "GwChapter": "body", "GwSection": "body",
    "GwAttachNote": "attach_note", "GwAttendance": "attendance", "GwSignature": "signature",
    "GwDate": "date", "GwNote": "fnote", "GwAttachLabel": "attach_label", "GwAttachTitle": "attach_title",
    "GwColophon": "colophon", "GwTableText": "cell",
    "GwRule": "ignore", "GwSpacer": "ignore", "GwPageNumber": "ignore", "GwStamp": "ignore",
}


@dataclass
class _Parsed:
    notes: list[str] = field(default_factory=list)
    mark: str | None = None
    number_line: str | None = None
    title_lines: list[str] = field(default_factory=list)
    recipients: str | None = None
    body: list[str] = field(default_factory=list)
    attach_note: list[str] = field(default_factory=list)
    attendance: list[str] = field(default_factory=list)
    signature: str | None = None
    date_line: str | None = None
    fnote: str | None = None
    attach_titles: list[str] = field(default_factory=list)
    attach_content: int = 0
    colophon: list[str] = field(default_factory=list)


def _styled(records: list[_Para]) -> _Parsed:
    out = _Parsed()
    in_attachments = False
    tables: dict[int, dict[tuple[int, int], list[str]]] = {}
    table_order: list[int] = []
    for rec in records:
        kind = _STYLE_KINDS.get(rec.style)
        text = rec.text
        if kind is None:
            kind = "cell" if rec.where == "cell" else ("body" if text.strip() else "ignore")
        if kind == "ignore":
            continue
        if kind == "attach_label":
            in_attachments = True
            continue
        if kind == "attach_title":
            out.attach_titles.append(_clean(text))
            continue
        if in_attachments and kind in ("body", "cell"):
            if text.strip():
                out.attach_content += 1
            continue
        if kind == "cell":
            if rec.where != "cell":
                continue
            if rec.table not in tables:
                tables[rec.table] = {}
                table_order.append(rec.table)
                out.body.append(f"\0table{rec.table}")
            tables[rec.table].setdefault((rec.row, rec.col), []).append(text.strip(_SPACE))
            continue
        if kind == "note":
            out.notes.append(_clean(text))
        elif kind == "mark":
            out.mark = _clean(text)
        elif kind == "number":
            out.number_line = text
        elif kind == "title":
            out.title_lines.append(text)
        elif kind == "recipients":
            out.recipients = text
        elif kind == "body":
            out.body.append(text)
        elif kind == "attach_note":
            out.attach_note.append(text)
        elif kind == "attendance":
            out.attendance.append(_clean(text))
        elif kind == "signature":
            out.signature = _clean(text)
        elif kind == "date":
            out.date_line = text
        elif kind == "fnote":
            out.fnote = _clean(text)
        elif kind == "colophon":
            out.colophon.append(text)
    out.body = _expand_tables(out.body, tables)
    return out


def _expand_tables(lines: list[str], tables: dict[int, dict[tuple[int, int], list[str]]]) -> list[str]:
    result = []
    for line in lines:
        if line.startswith("\0table"):
            cells = tables[int(line[6:])]
            rows = max(r for r, _ in cells) + 1
            cols = max(c for _, c in cells) + 1
            grid = [["<br>".join(p for p in cells.get((r, c), []) if p).replace("|", "\\|")
                     for c in range(cols)] for r in range(rows)]
            if result and result[-1] != "":
                result.append("")
            result.append("| " + " | ".join(grid[0]) + " |")
            result.append("|" + "|".join([" --- "] * cols) + "|")
            for row in grid[1:]:
                result.append("| " + " | ".join(row) + " |")
            result.append("")
        else:
            result.append(line)
    return result


def _heuristic(records: list[_Para]) -> _Parsed:
    """Elements of a Word-made 公文 from content and layout."""
    out = _Parsed()
    phase = "head"
    title_size = 0.0
    expect_title = False
    tables: dict[int, dict[tuple[int, int], list[str]]] = {}
    colophon_tables: set[int] = set()
    # tables that hold the 版记
    for rec in records:
        if rec.where == "cell" and (_CC_RE.match(_clean(rec.text)) or _PRINTED_RE.match(_clean(rec.text))):
            colophon_tables.add(rec.table)
    i = 0
    n = len(records)
    while i < n:
        rec = records[i]
        text = _clean(rec.text)
        i += 1
        if rec.where == "cell" and rec.table in colophon_tables:
            if text:
                out.colophon.append(rec.text)
            continue
        if not text:
            continue
        centred = rec.jc in ("center", "centre")
        if _CC_RE.match(text) or (_PRINTED_RE.match(text) and phase != "head"):
            out.colophon.append(rec.text)
            continue
        if rec.where == "header" and phase == "head":
            if _NUMBER_RE.search(text) or _LOOSE_NUMBER_RE.search(text):
                out.number_line = rec.text
            elif rec.red and out.mark is None and len(text) <= 40:
                out.mark = text
            continue
        if rec.where == "header":
            continue
        if phase == "head":
            if _COPY_RE.match(text) or _SECRET_RE.match(text) or text in _URGENCY:
                out.notes.append(text)
                continue
            if out.number_line is None and (_NUMBER_RE.search(text) or _LOOSE_NUMBER_RE.search(text)) \
                    and len(text) <= 60:
                out.number_line = rec.text
                continue
            if out.number_line is not None and "签发人" not in out.number_line and _SIGNER_RE.search(text) \
                    and len(text) <= 30:
                out.number_line += "\t" + rec.text
                continue
            if out.mark is None and out.number_line is None and (
                    (rec.red and rec.size >= 18) or (centred and rec.size >= 26)
                    or (centred and text.endswith("文件") and len(text) <= 40)):
                out.mark = text
                continue
            if centred and (out.number_line is not None or out.mark is not None or rec.size >= 18):
                out.title_lines.append(text)
                title_size = rec.size
                phase = "title"
                continue
            if out.mark is None and out.number_line is None and not out.title_lines:
                # no 版头 at all: a big or centred first line is the title
                if centred or rec.size >= 18:
                    out.title_lines.append(text)
                    title_size = rec.size
                    phase = "title"
                    continue
            phase = "body"  # fall through: body text without a recognisable title
        if phase == "title":
            if centred and abs(rec.size - title_size) < 0.6 and not text.endswith(("：", ":")) \
                    and len(out.title_lines) < 4:
                out.title_lines.append(text)
                continue
            phase = "recipients"
        if phase == "recipients":
            phase = "body"
            if text.endswith(("：", ":")) and "。" not in text and len(text) <= 150 \
                    and rec.first_line <= L.CHAR // 2 and not _ATTACH_NOTE_RE.match(text):
                out.recipients = text
                continue
        if phase == "body":
            if rec.page_break and _ATTACH_LABEL_RE.match(text):
                phase = "attachments"
                expect_title = True
                continue
            m = _ATTACH_NOTE_RE.match(text)
            if m and not out.attach_note:
                out.attach_note.append(text)
                # numbered continuation lines
                while i < n and _ATTACH_ITEM_RE.match(_clean(records[i].text)) and records[i].where == "body":
                    out.attach_note.append(_clean(records[i].text))
                    i += 1
                continue
            if _is_date_line(text):
                out.date_line = text
                # the 署名 is the line above, when it is short and not a sentence
                if out.body and out.signature is None:
                    last = out.body[-1]
                    if last and len(_clean(last)) <= 30 and not _clean(last).endswith(("。", "；", "，", "：")) \
                            and "\0table" not in last:
                        out.signature = _clean(out.body.pop())
                phase = "after-date"
                continue
            if _ATTENDANCE_RE.match(text):
                out.attendance.append(text)
                continue
            if rec.where == "cell":
                if rec.table not in tables:
                    tables[rec.table] = {}
                    out.body.append(f"\0table{rec.table}")
                tables[rec.table].setdefault((rec.row, rec.col), []).append(text)
                continue
            out.body.append(text)
            continue
        if phase == "after-date":
            if (text.startswith(("（", "(")) and text.endswith(("）", ")"))) or text.startswith("信息公开选项"):
                out.fnote = text
                continue
            if _ATTENDANCE_RE.match(text):
                out.attendance.append(text)
                continue
            phase = "attachments"  # anything else after the date belongs to the attachments
        if phase == "attachments":
            if _ATTACH_LABEL_RE.match(text):
                expect_title = True
                continue
            if expect_title and centred:
                out.attach_titles.append(text)
                expect_title = False
                continue
            expect_title = False
            out.attach_content += 1
    out.body = _expand_tables(out.body, {k: v for k, v in tables.items()})
    return out


# --- from elements to fields ----------------------------------------------------------------------------------


def _fields(parsed: _Parsed, agency: Agency | None, warnings: list[str]) -> dict:
    fields: dict = {}
    number_line = parsed.number_line or ""
    # 发文字号
    number_raw = None
    m = _NUMBER_RE.search(number_line) or _LOOSE_NUMBER_RE.search(number_line)
    if m:
        number_raw = re.sub(r"\s+", "", m.group(0))
    # 纪要: the date stands on the number line
    line_date = parse_date(number_line[m.end():] if m else number_line)
    if number_raw:
        analysis = analyse_doc_number(number_raw)
        if analysis.number is not None:
            fields["number"] = str(analysis.number)
            if str(analysis.number) != number_raw:
                warnings.append(f"发文字号“{number_raw}”写法不规范，已改为“{analysis.number}”，请核对")
        else:
            fields["number"] = number_raw
            warnings.append(f"发文字号“{number_raw}”无法识别为 代字〔年份〕序号号 的形式：请核对 number")
    elif number_line.strip():
        warnings.append(f"发文字号行“{_clean(number_line)}”中没有找到发文字号：请填写 number")
    else:
        warnings.append("没有找到发文字号：请填写 number")
    signer = _SIGNER_RE.search(number_line)
    if signer:
        fields["signer"] = signer.group(1).strip(_SPACE)
    # head notes: 份号, 密级, 紧急程度 (in a 函 they share the number line)
    notes = list(parsed.notes) + [p.strip(_SPACE) for p in re.split(r"[\t]+", number_line) if p.strip(_SPACE)]
    for note in notes:
        if note in _URGENCY:
            fields["urgency"] = note
        elif _SECRET_RE.match(note):
            fields["classification"] = _SECRET_RE.match(note).group(1)
    # title and 文种
    title = "".join(_clean(t) for t in parsed.title_lines)
    if title:
        fields["title"] = title
        doc_type = doc_type_of(title)
        if doc_type is None and parsed.mark and parsed.mark.endswith("纪要"):
            doc_type = "纪要"
        if doc_type:
            fields["doc_type"] = doc_type
        else:
            warnings.append(f"无法从标题“{title}”的结尾判断文种：请填写 doc_type（{'、'.join(DOC_TYPES)}）")
    else:
        warnings.append("没有找到标题（居中的大字标题）：请填写 title")
    doc_type = fields.get("doc_type")
    # 发文机关: the 署名, else the mark without 文件
    issuer = parsed.signature
    if not issuer and parsed.mark:
        mark = parsed.mark
        if mark.endswith("文件"):
            issuer = mark[:-2]
        elif not mark.endswith("纪要"):
            issuer = mark
    if issuer and (agency is None or issuer != agency.agency):
        fields["issuer"] = issuer
    # 主送
    if parsed.recipients:
        names = _split_names(parsed.recipients)
        if names:
            fields["recipients"] = names
    elif doc_type and doc_type not in DOC_TYPES_WITHOUT_RECIPIENTS:
        warnings.append("没有找到主送机关（标题下以“：”结尾的一行）：请填写 recipients")
    if doc_type in DOC_TYPES_NEEDING_SIGNER and "signer" not in fields:
        warnings.append(f"{doc_type}须标注签发人，但没有找到“签发人：”：请填写 signer")
    # 成文日期
    signed = parse_date(parsed.date_line) if parsed.date_line else None
    if signed is None and line_date is not None:
        signed = line_date
    if signed:
        fields["signed_on"] = signed
    elif parsed.date_line:
        warnings.append(f"成文日期“{_clean(parsed.date_line)}”无法识别：请填写 signed_on（如 2025-03-05）")
    else:
        warnings.append("没有找到成文日期（如 2025年3月5日）：请填写 signed_on")
    # 附注 → 公开属性
    if parsed.fnote:
        disclosure = _disclosure_of(parsed.fnote, agency)
        if disclosure:
            if disclosure != "主动公开":
                fields["disclosure"] = disclosure
            if disclosure == "不予公开":
                warnings.append("附注为不予公开：请填写 withhold_reason（不予公开的理由）")
        else:
            warnings.append(f"附注“{parsed.fnote}”没有导入：不是公开属性的说明，请核对")
    # 附件说明
    attachments = _attachment_titles(parsed.attach_note)
    if attachments:
        fields["attachments"] = attachments
        if parsed.attach_titles and [_norm(t) for t in parsed.attach_titles] != [_norm(a) for a in attachments]:
            warnings.append("附件页上的附件标题与附件说明不一致：请核对 attachments")
    elif parsed.attach_titles:
        fields["attachments"] = parsed.attach_titles
        warnings.append("没有附件说明，附件标题取自附件页：请核对 attachments")
    if parsed.attach_content:
        warnings.append(f"附件页的内容（{parsed.attach_content} 段）没有导入：如需保留，请把附件另存为 "
                        "content/attachments/ 下的文件，并在 attachments 中写 {title, file}")
    # 版记
    for line in parsed.colophon:
        text = _clean(line.replace("\t", "\u3000"))
        m = _CC_RE.match(text)
        if m:
            names = _split_names(m.group(1))
            if names:
                fields["cc"] = names
            continue
        m = _PRINTED_RE.match(text)
        if m:
            by = m.group(1).strip(_SPACE)
            if by:
                fields["printed_by"] = by
            when = parse_date(m.group(2))
            if when:
                fields["printed_on"] = when
            else:
                warnings.append(f"印发日期“{m.group(2)}”无法识别：请填写 printed_on")
    return fields


def _norm(text: str) -> str:
    return re.sub(r"[\s\u3000]", "", text).rstrip("。；;，,")


def _attachment_titles(lines: list[str]) -> list[str]:
    titles = []
    for k, line in enumerate(lines):
        text = _clean(line.replace("\t", " "))
        if k == 0:
            m = _ATTACH_NOTE_RE.match(text)
            if not m:
                continue
            text = m.group(1).strip(_SPACE)
        m = _ATTACH_ITEM_RE.match(text)
        if m:
            text = m.group(2)
        text = text.strip(_SPACE).rstrip("。；;，,")
        if text:
            titles.append(text)
    return titles


def _disclosure_of(note: str, agency: Agency | None) -> str | None:
    body = _norm(note.strip("（）() "))
    configured = dict(L.DEFAULT_DISCLOSURE_NOTES)
    if agency is not None:
        configured.update(agency.disclosure_note or {})
    for attribute, text in configured.items():
        if text and _norm(str(text).strip("（）() ")) == body:
            return attribute
    for attribute in ("主动公开", "依申请公开", "不予公开"):
        if attribute in body:
            return attribute
    if "公开发布" in body:
        return "主动公开"
    if "不公开" in body:
        return "不予公开"
    return None


def _body_lines(parsed: _Parsed) -> list[str]:
    lines = []
    for raw in parsed.body:
        if raw == "" or raw.startswith("|"):
            lines.append(raw)
            continue
        text = raw.replace("\n", "").strip(_SPACE)
        if not text:
            continue
        if text[0] in "#>|" or re.match(r"^[-*+][ \t]", text):
            text = "\\" + text
        lines.append(text)
    lines.extend(parsed.attendance)
    return lines


# --- the public API -------------------------------------------------------------------------------------------


def read_docx(path: Path | str, agency: Agency | None = None) -> ImportResult:
    """Read a 公文 DOCX: the front-matter fields, the body paragraphs and warnings.
    Raises :class:`DocxImportError` when the file is not a readable DOCX."""
    path = Path(path)
    if not path.is_file():
        raise DocxImportError(f"找不到文件 {path}")
    pkg = _Package(path)
    records = _Reader(pkg).read()
    styled = any(r.style in _STYLE_KINDS and r.style.startswith("Gw") and r.style not in ("GwSpacer",)
                 for r in records)
    parsed = _styled(records) if styled else _heuristic(records)
    warnings: list[str] = []
    fields = _fields(parsed, agency, warnings)
    body = _body_lines(parsed)
    if not any(k in fields for k in ("number", "signed_on")) and not parsed.mark:
        warnings.insert(0, f"{path.name} 看起来不是公文：没有发文机关标志、发文字号和成文日期。"
                        "已按普通文档导入，请逐项核对")
    if not body:
        warnings.append("没有读到正文")
    numbered = sum(1 for r in records if r.numbered and r.text.strip())
    if numbered:
        warnings.append(f"{numbered} 个段落使用了 Word 自动编号，编号（如“一、”“1.”）不在文字中，没有导入："
                        "请在正文中补上")
    return ImportResult(source=path, fields=fields, body=body, warnings=warnings, styled=styled)


_KEY_ORDER = ("number", "title", "doc_type", "issuer", "recipients", "signer", "signed_on", "classification",
              "disclosure", "urgency", "attachments", "cc", "printed_by", "printed_on")
_REQUIRED_HINTS = {
    "number": "请填写发文字号，如 区建发〔2025〕12号",
    "title": "请填写标题",
    "doc_type": "请填写文种：" + "、".join(DOC_TYPES),
    "signed_on": "请填写成文日期，如 2025-03-05",
}


def _yaml_scalar(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    try:
        plain_ok = yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok and text == text.strip() else json.dumps(text, ensure_ascii=False)


def render_corpus_file(result: ImportResult) -> str:
    """The corpus file: front matter (missing required keys left empty with a hint) and
    the body, one paragraph per line."""
    fields = result.fields
    lines = ["---", f"# 由 govpub import docx 从 {result.source.name} 导入：请逐项核对后再提交"]
    for key in _KEY_ORDER:
        if key not in fields:
            if key in _REQUIRED_HINTS:
                lines.append(f"{key}:   # {_REQUIRED_HINTS[key]}")
            elif key == "recipients" and fields.get("doc_type") not in DOC_TYPES_WITHOUT_RECIPIENTS:
                lines.append("recipients:   # 请填写主送机关")
            elif key == "signer" and fields.get("doc_type") in DOC_TYPES_NEEDING_SIGNER:
                lines.append("signer:   # 请填写签发人")
            continue
        value = fields[key]
        if key == "title":
            lines.append(f"title: {json.dumps(value, ensure_ascii=False)}")
        elif isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {_yaml_scalar(v)}" for v in value)
        else:
            lines.append(f"{key}: {_yaml_scalar(value)}")
    if fields.get("classification") in SECRET_LEVELS:
        lines.append("# 涉密公文只登记，不录入正文：请删除下面的正文")
    lines.append("---")
    lines.append("")
    body = []
    for line in result.body:
        if line == "":
            if body and body[-1] != "":
                body.append("")
            continue
        if line.startswith("|") and body and body[-1].startswith("|"):
            body.append(line)  # rows of one table stay together
        else:
            if body and body[-1] != "":
                body.append("")
            body.append(line)
    while body and body[-1] == "":
        body.pop()
    return "\n".join(lines + body) + "\n"


def default_target(result: ImportResult, corpus: Corpus) -> Path:
    """content/documents/<year>/<slug>.md under the corpus root, the slug from the title in pinyin."""
    from ..newdoc import slug_for

    fields = result.fields
    year = None
    if isinstance(fields.get("signed_on"), dt.date):
        year = fields["signed_on"].year
    elif fields.get("number"):
        analysis = analyse_doc_number(fields["number"])
        year = analysis.number.year if analysis.number else None
    if year is None:
        raise DocxImportError("无法确定年份（没有成文日期，也没有可识别的发文字号）：请用 --out 指定要写的文件")
    title = fields.get("title") or result.source.stem
    slug = slug_for(title, fields.get("doc_type") or "")
    return Path(corpus.root) / "content" / "documents" / str(year) / f"{slug}.md"


def import_docx(path: Path | str, corpus: Corpus, out: Path | str | None = None) -> ImportResult:
    """Turn a 公文 DOCX into a corpus file; never overwrites.

    ``out`` defaults to content/documents/<year>/<pinyin-slug>.md under the corpus root.
    Returns the result with ``path`` and ``warnings`` (what the editor must fill in or check).
    Raises :class:`DocxImportError` (exit 1) when the file cannot be read or the target exists.
    """
    result = read_docx(path, corpus.agency)
    target = Path(out) if out is not None else default_target(result, corpus)
    if target.exists():
        raise DocxImportError(f"{target} 已存在：不会覆盖。请用 --out 指定另一个文件名")
    result.text = render_corpus_file(result)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as fh:  # "x": never overwrite
            fh.write(result.text)
    except FileExistsError:
        raise DocxImportError(f"{target} 已存在：不会覆盖。请用 --out 指定另一个文件名") from None
    except OSError as exc:
        raise DocxImportError(f"无法写入 {target}：{exc.strerror or exc}") from None
    result.path = target
    return result
