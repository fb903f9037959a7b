"""A python-docx document set up for GB/T 9704 pages, with a line-accurate page tracker.

:class:`GovDocx` is shared by the document, regulation and (later) archive-volume writers:

* it starts from python-docx's template but strips what a government file should not carry
  (the template's 400 kB of Word styles, a thumbnail, custom XML, a "python-docx" author),
  writes a small style sheet of named styles (发文机关标志, 正文, 版记 … so a DOCX reader
  can tell the elements apart), a font table with fallbacks, fixed settings and core
  properties;
* :meth:`GovDocx.paragraph` writes a paragraph from :class:`Span` s, splitting text into
  runs of ASCII (Times New Roman) and CJK (the span's face) so that digits and full-width
  marks get the right face in Word, WPS and LibreOffice alike;
* every paragraph written to the body advances a :class:`PageTracker`, which knows the page
  and the vertical position (in twips) of the next line, so the 版记 can be pushed to the
  bottom of the last page and a 版记-only page can be detected before rendering;
* :meth:`GovDocx.save` writes a byte-stable package (fixed zip timestamps and order).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import docx
from docx.enum.section import WD_SECTION
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import Unmarshaller
from docx.opc.part import PartFactory
from docx.opc.pkgreader import PackageReader
from docx.oxml import parse_xml
from docx.oxml.table import CT_Tbl
from docx.package import Package
from docx.parts.hdrftr import FooterPart, HeaderPart
from docx.section import _Header
from docx.shared import Twips

from . import layout as L
from . import ooxml as X
from .measure import lines_needed

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# --- spans and runs ------------------------------------------------------------------------------


@dataclass
class Span:
    """A piece of text with one face, size and colour."""

    text: str
    face: L.Face = L.FANGSONG
    size: float = L.SIZE_3
    color: str | None = None
    scale: int | None = None  # horizontal scale in percent (w:w)
    bold: bool = False


def span(text: str, face: L.Face = L.FANGSONG, size: float = L.SIZE_3, **kw) -> Span:
    return Span(text, face, size, **kw)


_ASCII_RUN_RE = re.compile(r"[\x20-\x7e]+")


def split_script(text: str) -> list[tuple[str, bool]]:
    """(piece, is_ascii) runs: ASCII pieces go in the Latin face, the rest in the CJK face."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _ASCII_RUN_RE.finditer(text):
        if m.start() > pos:
            out.append((text[pos : m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


# --- the page tracker -------------------------------------------------------------------------------


@dataclass
class PageTracker:
    """Page and position (twips from the top of the text block) of the next line.

    Lines of a paragraph flow one by one (widow/orphan control is off in the style sheet, as
    GB/T 9704 pages keep exactly 22 lines); a block (table row, spacer) moves as a whole.
    ``top`` is where the text starts on page 1 (below a letterhead in the header).
    """

    page: int = 1
    pos: int = 0
    height: int = L.TEXT_HEIGHT
    #: True once the current page holds something other than page furniture
    used: bool = False

    def new_page(self) -> None:
        self.page += 1
        self.pos = 0
        self.used = False

    def lines(self, count: int, height: int = L.LINE_PITCH) -> None:
        for _ in range(count):
            self.block(height)

    def block(self, height: int) -> None:
        if self.pos + height > self.height and self.pos > 0:
            self.new_page()
        self.pos += height
        self.used = True

    @property
    def remaining(self) -> int:
        return self.height - self.pos


# --- the style sheet -----------------------------------------------------------------------------------

#: (styleId, name, type, basedOn, pPr xml, rPr xml)
_STYLES: list[tuple[str, str, str, str | None, str, str]] = []


def _face_xml(face: L.Face) -> str:
    return (
        f'<w:rFonts w:ascii="{face.east_asia}" w:hAnsi="{face.east_asia}" '
        f'w:eastAsia="{face.east_asia}" w:cs="{face.east_asia}" w:hint="eastAsia"/>'
    )


def _sz(size: float) -> str:
    return f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'


def _pstyle(
    sid: str,
    name: str,
    *,
    face: L.Face = L.FANGSONG,
    size: float = L.SIZE_3,
    color: str | None = None,
    jc: str | None = None,
    first_line: int | None = None,
) -> None:
    ppr = ""
    if first_line is not None:
        ppr += f'<w:ind w:firstLine="{first_line}" w:firstLineChars="0"/>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    rpr = _face_xml(face) + (f'<w:color w:val="{color}"/>' if color else "") + _sz(size)
    _STYLES.append((sid, name, "paragraph", "Normal", ppr, rpr))


_pstyle("GwHeadNote", "份号密级紧急程度", face=L.HEITI, jc="left")
_pstyle("GwMark", "发文机关标志", face=L.XIAOBIAOSONG, size=L.SIZE_MARK, color=L.RED, jc="center")
_pstyle("GwNumber", "发文字号", jc="center")
_pstyle("GwRule", "版头分隔线", jc="left")
_pstyle("GwTitle", "标题", face=L.XIAOBIAOSONG, size=L.SIZE_2, jc="center")
_pstyle("GwRecipients", "主送机关", jc="left")
_pstyle("GwBody", "正文", jc="both", first_line=L.BODY_FIRST_LINE_INDENT)
_pstyle("GwHeading1", "一级标题", face=L.HEITI, jc="both", first_line=L.BODY_FIRST_LINE_INDENT)
_pstyle("GwHeading2", "二级标题", face=L.KAITI, jc="both", first_line=L.BODY_FIRST_LINE_INDENT)
_pstyle("GwAttachNote", "附件说明", jc="left")
_pstyle("GwAttendance", "出席人员", jc="left")
_pstyle("GwSignature", "发文机关署名", jc="right")
_pstyle("GwDate", "成文日期", jc="left")
_pstyle("GwNote", "附注", jc="left")
_pstyle("GwAttachLabel", "附件标识", face=L.HEITI, jc="left")
_pstyle("GwAttachTitle", "附件标题", face=L.XIAOBIAOSONG, size=L.SIZE_2, jc="center")
_pstyle("GwTableText", "表格文字", size=L.SIZE_4, jc="center")
_pstyle("GwColophon", "版记", size=L.SIZE_4, jc="left")
_pstyle("GwPageNumber", "页码", face=L.SONGTI, size=L.SIZE_4, jc="right")
_pstyle("GwSpacer", "占位", jc="left")
_pstyle("GwStamp", "归档章", size=L.SIZE_STAMP, jc="center")
_pstyle("GwDraftMark", "草稿标记", face=L.HEITI, color=L.RED, jc="center")
_pstyle("GwRegMeta", "制度施行说明", jc="center")
_pstyle("GwChapter", "章", face=L.HEITI, jc="center")
_pstyle("GwSection", "节", face=L.KAITI, jc="center")
_pstyle("GwArticle", "条", jc="both", first_line=L.BODY_FIRST_LINE_INDENT)
_pstyle("GwItem", "项", jc="both", first_line=L.BODY_FIRST_LINE_INDENT)


def styles_xml() -> bytes:
    parts = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">',
        "<w:docDefaults><w:rPrDefault><w:rPr>",
        f'<w:rFonts w:ascii="{L.LATIN_FONT}" w:hAnsi="{L.LATIN_FONT}" '
        f'w:eastAsia="{L.FANGSONG.east_asia}" w:cs="{L.LATIN_FONT}"/>',
        '<w:kern w:val="0"/>',
        _sz(L.SIZE_3),
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>',
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>",
        '<w:widowControl w:val="0"/>',
        f'<w:spacing w:before="0" w:after="0" w:line="{L.LINE_PITCH}" w:lineRule="exact"/>',
        '<w:jc w:val="both"/>',
        "</w:pPr></w:pPrDefault></w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/><w:pPr><w:widowControl w:val="0"/>'
        f'<w:spacing w:before="0" w:after="0" w:line="{L.LINE_PITCH}" w:lineRule="exact"/>'
        '<w:jc w:val="both"/></w:pPr>'
        f'<w:rPr>{_face_xml(L.FANGSONG)}<w:spacing w:val="{L.CHAR_SPACING}"/>{_sz(L.SIZE_3)}</w:rPr></w:style>',
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
    ]
    for sid, name, kind, based, ppr, rpr in _STYLES:
        parts.append(
            f'<w:style w:type="{kind}" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
            + (f'<w:basedOn w:val="{based}"/>' if based else "")
            + "<w:qFormat/>"
            + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
            + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
            + "</w:style>"
        )
    parts.append("</w:styles>")
    return "".join(parts).encode("utf-8")


def font_table_xml() -> bytes:
    fonts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W_NS}">']
    fonts.append(
        f'<w:font w:name="{L.LATIN_FONT}"><w:panose1 w:val="02020603050405020304"/>'
        '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    )
    for face in L.FACES.values():
        alt = face.alt_names[0] if face.alt_names else ""
        fonts.append(
            f'<w:font w:name="{face.east_asia}">'
            + (f'<w:altName w:val="{alt}"/>' if alt else "")
            + f'<w:charset w:val="86"/><w:family w:val="{face.family}"/>'
            '<w:pitch w:val="fixed"/></w:font>'
        )
    fonts.append("</w:fonts>")
    return "".join(fonts).encode("utf-8")


def settings_xml(even_odd: bool) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W_NS}">'
        '<w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="420"/>'
        + ("<w:evenAndOddHeaders/>" if even_odd else "")
        + '<w:drawingGridVerticalSpacing w:val="579"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        "<w:compat>"
        "<w:useFELayout/>"
        '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
        '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        '<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        '<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        "</w:compat>"
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    ).encode("utf-8")


def app_xml() -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        b"<Template>Normal.dotm</Template><Application>govpub</Application><DocSecurity>0</DocSecurity>"
        b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        b"<AppVersion>16.0000</AppVersion></Properties>"
    )


@lru_cache(maxsize=2)
def _template(even_odd: bool) -> bytes:
    """python-docx's default template stripped of what a government file should not carry
    (400 kB of Word styles, a thumbnail, custom XML, web settings, numbering), with this
    package's styles, settings, font table, app properties and page setup; built once per
    process (parsing the original template is most of the cost of a small document)."""
    doc = docx.Document()
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            pkg.rels.pop(rid)
        elif rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = app_xml()
    for rid, rel in list(doc.part.rels.items()):
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in ("stylesWithEffects", "customXml", "webSettings", "numbering"):
            doc.part.rels.pop(rid)
        elif kind == "fontTable":
            rel.target_part._blob = font_table_xml()
        elif kind == "styles":
            rel.target_part._element = parse_xml(styles_xml())
        elif kind == "settings":
            rel.target_part._element = parse_xml(settings_xml(even_odd))
    body = doc.element.body
    for child in list(body):
        if child.tag != X.w("sectPr"):
            body.remove(child)
    setup_section(doc.sections[0]._sectPr)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def setup_section(sect_pr, *, header: int = L.HEADER_DISTANCE, footer: int = L.FOOTER_DISTANCE) -> None:
    """GB/T 9704 page size, margins and line grid on a w:sectPr."""
    X.set_page_setup(
        sect_pr,
        width=L.PAGE_WIDTH,
        height=L.PAGE_HEIGHT,
        top=L.MARGIN_TOP,
        right=L.MARGIN_RIGHT,
        bottom=L.MARGIN_BOTTOM,
        left=L.MARGIN_LEFT,
        header=header,
        footer=footer,
    )
    X.set_doc_grid(sect_pr, line_pitch=L.LINE_PITCH, kind="lines")


@lru_cache(maxsize=2)
def _template_reader(even_odd: bool) -> PackageReader:
    """The template unzipped, once per process."""
    return PackageReader.from_file(io.BytesIO(_template(even_odd)))


def _open_template(even_odd: bool) -> docx.document.Document:
    """A new python-docx document from the template: what ``docx.Document(template)`` does,
    without unzipping it again."""
    package = Package()
    Unmarshaller.unmarshal(_template_reader(even_odd), package, PartFactory)
    return package.main_document_part.document


# --- paragraph and run templates ----------------------------------------------------------------------
#
# A document repeats a handful of paragraph and run formats many times. Each distinct format
# is built once per process (in schema order, by the ooxml helpers) as an empty w:p or w:r
# with its properties, and every paragraph or run starts as a clone of it.

_W_P, _W_TBL, _W_SECTPR = X.w("p"), X.w("tbl"), X.w("sectPr")
_TAB_SPLIT_RE = re.compile(r"(\t)")
_PARAGRAPH_TEMPLATES: dict[tuple, object] = {}


@lru_cache(maxsize=None, typed=True)  # typed: 95 and 95.0 are written differently
def _run_template(
    east_asia: str, ascii: str, hint: str | None, bold: bool, color: str | None, scale: int | None, half_points: int
):
    """An empty w:r with the w:rPr of one run format. Shared: append a clone."""
    r = X.make("r")
    rpr = X.make("rPr")
    X.set_run_fonts(rpr, east_asia=east_asia, ascii=ascii, hint=hint)
    if bold:
        X.set_run_bold(rpr)
    if color:
        X.set_run_color(rpr, color)
    X.set_run_spacing(rpr, L.CHAR_SPACING)
    if scale is not None:
        X.set_run_scale(rpr, scale)
    X.set_run_size(rpr, half_points / 2)
    r.append(rpr)
    return r


def new_paragraph(
    *,
    style: str | None,
    jc: str,
    left: int,
    right: int,
    first_line: int | None,
    hanging: int | None,
    line: int,
    before: int,
    after: int,
    snap: bool,
    keep_next: bool,
    page_break_before: bool,
    borders: dict | None,
    tabs: Iterable[tuple[str, int]] | None,
):
    """A new, empty w:p with the w:pPr for these options of :meth:`GovDocx.paragraph` (a clone
    of the one cached for them)."""
    numbers = (left, right, first_line, hanging, line, before, after, snap)
    # the types are part of the key: 0 and 0.0 (or 1 and True) are equal but written differently
    key = (
        style or None,
        jc,
        numbers,
        tuple(map(type, numbers)),
        bool(keep_next),
        bool(page_break_before),
        repr(borders) if borders else None,
        repr(tabs) if tabs else None,
    )
    template = _PARAGRAPH_TEMPLATES.get(key)
    if template is None:
        ppr = X.make("pPr")
        if style:
            X.set_child(ppr, X.make("pStyle", val=style), X.PPR_ORDER)
        if keep_next:
            X.set_keep_next(ppr)
        if page_break_before:
            X.set_page_break_before(ppr)
        if borders:
            X.set_borders(ppr, **borders)
        if tabs:
            X.set_tabs(ppr, tabs)
        X.set_snap_to_grid(ppr, snap)
        X.set_spacing(ppr, before=before, after=after, line=line, rule="exact")
        X.set_indent(ppr, left=left, right=right, first_line=first_line, hanging=hanging)
        X.set_jc(ppr, jc)
        template = _PARAGRAPH_TEMPLATES[key] = X.make("p")
        template.append(ppr)
    return X.clone(template)


def story_element(container):
    """The element a python-docx block container (cell, header, footer) writes into; an lxml
    element (w:tc, w:hdr, w:ftr) is its own."""
    return getattr(container, "_element", container)


def clear_story(el) -> None:
    """Remove the paragraphs and tables of a w:hdr, w:ftr or w:tc (w:tcPr stays)."""
    for child in list(el):
        if child.tag in (_W_P, _W_TBL):
            el.remove(child)


def empty_table(rows: int, cols: int):
    """A new w:tbl as python-docx's ``add_table`` makes it, without a table style; the
    caller sets its properties, grid and cells."""
    tbl = CT_Tbl.new_tbl(rows, cols, Twips(L.TEXT_WIDTH))
    X.remove_children(tbl.tblPr, "tblStyle")
    return tbl


@lru_cache(maxsize=2)
def _empty_story(header: bool):
    """python-docx's new-header (or footer) part content without its paragraph."""
    el = parse_xml(HeaderPart._default_header_xml() if header else FooterPart._default_footer_xml())
    clear_story(el)
    return el


# --- the document ---------------------------------------------------------------------------------------


@dataclass
class CoreProps:
    title: str = ""
    author: str = ""
    date: dt.date | None = None
    subject: str = ""
    keywords: str = ""
    category: str = ""
    identifier: str = ""


class GovDocx:
    """One DOCX being written. See the module docstring."""

    def __init__(self, core: CoreProps, *, even_odd_footers: bool = True):
        self.document = _open_template(even_odd_footers)
        self.core = core
        self.even_odd = even_odd_footers
        self._set_core_properties()
        self.tracker = PageTracker()
        self.section = self.document.sections[0]
        self._shapes = 0
        self._body = self.document.element.body

    # -- package ----------------------------------------------------------------------------------------
    def _set_core_properties(self) -> None:
        """Fixed core properties: nothing depends on the clock or the machine."""
        cp = self.document.core_properties
        cp.title = self.core.title
        cp.author = self.core.author
        cp.last_modified_by = self.core.author
        cp.subject = self.core.subject
        cp.keywords = self.core.keywords
        cp.category = self.core.category
        cp.comments = ""  # dc:description; the template says "generated by python-docx"
        cp.identifier = self.core.identifier
        cp.language = "zh-CN"
        cp.revision = 1
        stamp = dt.datetime.combine(self.core.date or dt.date(1980, 1, 1), dt.time(0, 0))
        cp.created = stamp
        cp.modified = stamp

    def setup_section(self, sect_pr, *, header: int = L.HEADER_DISTANCE, footer: int = L.FOOTER_DISTANCE) -> None:
        setup_section(sect_pr, header=header, footer=footer)

    # -- paragraphs --------------------------------------------------------------------------------------
    def paragraph(
        self,
        spans: Sequence[Span] | Span | str,
        *,
        container=None,
        style: str | None = None,
        jc: str = "both",
        left: int = 0,
        right: int = 0,
        first_line: int | None = None,
        hanging: int | None = None,
        line: int = L.LINE_PITCH,
        before: int = 0,
        after: int = 0,
        snap: bool = True,
        keep_next: bool = False,
        page_break_before: bool = False,
        borders: dict | None = None,
        tabs: Iterable[tuple[str, int]] | None = None,
        track: bool | None = None,
        lines: int | None = None,
    ):
        """Append a paragraph and return its w:p.

        ``container`` is a python-docx block container (a cell, header or footer) or its
        element (:func:`story_element`); the default is the document body, whose paragraphs
        advance the page tracker (``track`` overrides). ``lines`` overrides the estimated line
        count (for tab-laid lines).
        """
        if isinstance(spans, (str, Span)):
            spans = [spans if isinstance(spans, Span) else Span(spans)]
        p = new_paragraph(
            style=style,
            jc=jc,
            left=left,
            right=right,
            first_line=first_line,
            hanging=hanging,
            line=line,
            before=before,
            after=after,
            snap=snap,
            keep_next=keep_next,
            page_break_before=page_break_before,
            borders=borders,
            tabs=tabs,
        )
        if container is None:
            self._append_to_body(p)
        else:
            story_element(container).append(p)
        for sp in spans:
            self._runs(p, sp)
        if track is None:
            track = container is None
        if track:
            if page_break_before:
                self.tracker.new_page()
            if lines is None:
                lines = self.count_lines(spans, left=left, right=right, first_line=first_line, hanging=hanging)
            if before:
                self.tracker.block(before)
            self.tracker.lines(lines, line)
            if after:
                self.tracker.block(after)
        return p

    @staticmethod
    def count_lines(
        spans: Sequence[Span],
        *,
        left: int = 0,
        right: int = 0,
        first_line: int | None = None,
        hanging: int | None = None,
        width: int = L.TEXT_WIDTH,
    ) -> int:
        """Lines the spans take (the wide estimate), honouring explicit line breaks."""
        text = "".join(s.text for s in spans)
        if not spans:
            return 1
        size = max(s.size for s in spans)
        em = L.char_twips(size)
        scale = min((s.scale or 100) for s in spans) / 100
        em = em * scale
        # where lines start: the first at left + first_line (or left - hanging), the rest at left
        first_start = left - (hanging or 0) if hanging else left + (first_line or 0)
        usable = (width - right) / em
        total = 0
        for i, piece in enumerate(text.split("\n")):
            start = first_start if i == 0 else left
            total += lines_needed(
                piece.replace("\t", "\u3000"),
                width_em=usable,
                first_indent_em=start / em,
                hanging_em=left / em,
                size=size,
            )[1]
        return total

    def _runs(self, p, sp: Span) -> None:
        pieces = sp.text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                r = self._new_run(p, sp, ascii_text=False)
                X.add_break(r)
            for chunk in _TAB_SPLIT_RE.split(piece):
                if not chunk:
                    continue
                if chunk == "\t":
                    X.add_tab(self._new_run(p, sp, ascii_text=False))
                    continue
                for text, is_ascii in split_script(chunk):
                    r = self._new_run(p, sp, ascii_text=is_ascii)
                    X.add_text(r, text)

    @staticmethod
    def _new_run(p, sp: Span, *, ascii_text: bool, latin: str | None = None):
        """A new w:r at the end of ``p`` with the run properties for ``sp``."""
        if latin:
            fonts = (latin, None)
        elif ascii_text:
            fonts = (L.LATIN_FONT, None)
        else:
            fonts = (sp.face.east_asia, "eastAsia")
        scale = sp.scale if sp.scale and sp.scale != 100 else None
        r = X.clone(
            _run_template(sp.face.east_asia, *fonts, bool(sp.bold), sp.color or None, scale, round(sp.size * 2))
        )
        p.append(r)
        return r

    def blank_lines(self, count: int, *, container=None, style: str = "GwSpacer", keep_next: bool = False) -> None:
        for _ in range(count):
            self.paragraph([Span("")], container=container, style=style, lines=1, keep_next=keep_next)

    def last_body_paragraph(self):
        """The body's last block if it is a paragraph (None for a table or an empty body)."""
        blocks = [el for el in self._body if el.tag in (_W_P, _W_TBL)]
        return blocks[-1] if blocks and blocks[-1].tag == _W_P else None

    def spacer(self, height: int, *, container=None, track: bool | None = None, keep_next: bool = False):
        """An empty paragraph exactly ``height`` twips high, off the grid."""
        height = max(height, 2)
        p = self.paragraph(
            [Span("", size=1)],
            container=container,
            style="GwSpacer",
            line=height,
            snap=False,
            track=False,
            keep_next=keep_next,
        )
        if track if track is not None else container is None:
            self.tracker.block(height)
        return p

    # -- tables ---------------------------------------------------------------------------------------------
    def table(self, rows: int, cols: int, *, container=None):
        """A python-docx table appended to the body or to ``container``; the caller sets its
        properties (X.set_table_props) and the tracker (tables are measured by the caller)."""
        if container is None:
            tbl = self.document.add_table(rows=rows, cols=cols)
        else:
            try:  # headers and footers want a width
                tbl = container.add_table(rows, cols, Twips(L.TEXT_WIDTH))
            except TypeError:
                tbl = container.add_table(rows, cols)
        X.remove_children(tbl._tbl.tblPr, "tblStyle")
        return tbl

    def insert_table(self, tbl, *, container=None) -> None:
        """Append a finished w:tbl to the body or to ``container``."""
        if container is None:
            self._append_to_body(tbl)
        else:
            story_element(container).append(tbl)

    def _append_to_body(self, el) -> None:
        """Append a block to the body: before its w:sectPr, which stays the last child."""
        last = self._body[-1]  # never empty: the template has a w:sectPr
        if last.tag == _W_SECTPR:
            last.addprevious(el)
        else:
            self._body.append(el)

    # -- sections and footers -------------------------------------------------------------------------------
    def own_header_footer(self, hdrftr):
        """The root (w:hdr / w:ftr) of a section's header or footer (a python-docx ``_Header``
        or ``_Footer``), given a definition of its own and emptied.

        The same as ``hdrftr.is_linked_to_previous = False`` and removing the paragraph
        python-docx puts into a new one, but without reading and parsing python-docx's
        template file for every part."""
        if not hdrftr.is_linked_to_previous:
            el = hdrftr._element
            clear_story(el)
            return el
        doc_part = self.document.part
        package = doc_part.package
        if isinstance(hdrftr, _Header):
            element = X.clone(_empty_story(True))
            part = HeaderPart(package.next_partname("/word/header%d.xml"), CT.WML_HEADER, element, package)
            hdrftr._sectPr.add_headerReference(hdrftr._hdrftr_index, doc_part.relate_to(part, RT.HEADER))
        else:
            element = X.clone(_empty_story(False))
            part = FooterPart(package.next_partname("/word/footer%d.xml"), CT.WML_FOOTER, element, package)
            hdrftr._sectPr.add_footerReference(hdrftr._hdrftr_index, doc_part.relate_to(part, RT.FOOTER))
        return element

    def add_section(self, *, start: str = "nextPage"):
        """Start a new section on a new page with the same page setup; ``start`` "evenPage"
        or "oddPage" lets the renderer put a blank page before it when needed."""
        sec = self.document.add_section(WD_SECTION.NEW_PAGE)
        X.set_section_type(sec._sectPr, start)
        self.setup_section(sec._sectPr)
        self.tracker.new_page()
        if (start == "evenPage" and self.tracker.page % 2) or (start == "oddPage" and not self.tracker.page % 2):
            self.tracker.page += 1
        return sec

    def next_shape_id(self) -> int:
        """A drawing id (wp:docPr/@id) unique in this document."""
        self._shapes += 1
        return self._shapes

    # -- saving -----------------------------------------------------------------------------------------------
    def save(self, out: Path | str | BinaryIO) -> bytes:
        return X.write_package(self.document.part.package, out, None)
