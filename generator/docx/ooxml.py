"""The raw WordprocessingML that python-docx has no API for.

Everything here edits lxml elements directly and always inserts children in the order the
schema (ECMA-376 Part 1, §17) requires: Word refuses a file whose ``w:pPr`` or ``w:rPr``
children are out of order, while LibreOffice silently accepts it, so a file that "works" in
LibreOffice can still be broken. Each ``*_ORDER`` tuple below is the schema sequence.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from docx.oxml.parser import oxml_parser
from lxml.etree import SubElement

__all__ = [
    "W_NS",
    "w",
    "make",
    "clone",
    "set_child",
    "remove_children",
    "PPR_ORDER",
    "RPR_ORDER",
    "SECTPR_ORDER",
    "TBLPR_ORDER",
    "TCPR_ORDER",
    "TRPR_ORDER",
    "SETTINGS_ORDER",
    "set_spacing",
    "set_indent",
    "set_jc",
    "set_snap_to_grid",
    "set_keep_next",
    "set_keep_lines",
    "set_page_break_before",
    "set_widow_control",
    "set_borders",
    "set_tabs",
    "set_style",
    "set_run_fonts",
    "set_run_size",
    "set_run_color",
    "set_run_scale",
    "set_run_spacing",
    "set_run_bold",
    "set_run_lang",
    "add_text",
    "add_tab",
    "add_break",
    "add_field",
    "set_doc_grid",
    "set_page_setup",
    "set_title_page",
    "set_section_type",
    "set_table_props",
    "set_table_grid",
    "set_cell_props",
    "set_row_height",
    "border",
    "write_zip_deterministic",
    "write_package",
    "anchored_text_box",
]


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_NSMAP = {"w": W_NS}
_W_T = f"{{{W_NS}}}t"


@cache
def w(tag: str) -> str:
    """Clark name of a ``w:`` tag (``w("pPr")``)."""
    return f"{{{W_NS}}}{tag}"


def make(tag: str, **attrs: object):
    """A new ``w:`` element (python-docx's element class when it has one); attribute names
    are given without the prefix (``val=...``)."""
    el = oxml_parser.makeelement(w(tag), nsmap=_W_NSMAP)
    for name, value in attrs.items():
        if value is None:
            continue
        el.set(w(name), _attr(value))
    return el


def clone(el):
    """A copy of ``el`` with everything under it, for appending elsewhere (an lxml element
    has one parent). lxml copies are always deep; ``copy.copy`` skips ``deepcopy``'s memo."""
    return copy.copy(el)


def _attr(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _local(el) -> str:
    tag = el.tag
    return tag.split("}", 1)[1] if "}" in tag else tag


@cache
def _ranks(order: tuple[str, ...]) -> dict[str, int]:
    return {w(name): i for i, name in enumerate(order)}


def set_child(parent, child, order: Sequence[str]):
    """Put ``child`` into ``parent`` at its schema position, replacing one of the same tag."""
    ranks = _ranks(tuple(order))
    tag = child.tag
    rank = ranks.get(tag)
    if rank is None:  # a programming error: every tag used must be listed
        raise ValueError(f"{_local(child)} is not a child of this element in the schema")
    for i, existing in enumerate(parent):
        other = existing.tag
        if other == tag:
            parent.remove(existing)
            parent.insert(i, child)
            for later in parent.findall(tag)[1:]:
                parent.remove(later)
            return child
        other_rank = ranks.get(other)
        if other_rank is not None and other_rank > rank:
            for later in parent.findall(tag):
                parent.remove(later)
            parent.insert(list(parent).index(existing), child)
            return child
    parent.append(child)
    return child


def remove_children(parent, *tags: str) -> None:
    for tag in tags:
        for old in parent.findall(w(tag)):
            parent.remove(old)


# --- schema orders -------------------------------------------------------------------------

#: CT_PPr (§17.3.1.26)
PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)
#: CT_RPr (§17.3.2.28)
RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
)
#: CT_SectPr (§17.6.17); header/footer references come first.
SECTPR_ORDER = (
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
)
#: CT_TblPr (§17.4.60)
TBLPR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
)
#: CT_TcPr (§17.4.70)
TCPR_ORDER = (
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
)
#: CT_TrPr is a choice group: any order is valid; this is the order Word writes.
TRPR_ORDER = (
    "cnfStyle",
    "divId",
    "gridBefore",
    "gridAfter",
    "wBefore",
    "wAfter",
    "cantSplit",
    "trHeight",
    "tblHeader",
    "tblCellSpacing",
    "jc",
    "hidden",
)
#: CT_Settings (§17.15.1.78), the part of the sequence this package writes.
SETTINGS_ORDER = (
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)
#: CT_PBdr / CT_TblBorders / CT_TcBorders children
PBDR_ORDER = ("top", "left", "bottom", "right", "between", "bar")
TBLBORDERS_ORDER = ("top", "left", "bottom", "right", "insideH", "insideV")
TCBORDERS_ORDER = ("top", "left", "bottom", "right", "insideH", "insideV", "tl2br", "tr2bl")
CELLMAR_ORDER = ("top", "left", "bottom", "right")


# --- paragraph properties ----------------------------------------------------------------------


def _ppr(p):
    """The w:pPr of a w:p (python-docx CT_P has get_or_add_pPr)."""
    return p.get_or_add_pPr()


def set_style(p, style_id: str) -> None:
    set_child(_ppr(p), make("pStyle", val=style_id), PPR_ORDER)


def set_spacing(
    ppr, *, before: int | None = 0, after: int | None = 0, line: int | None = None, rule: str = "exact"
) -> None:
    """w:spacing in twips; ``line`` with ``rule`` "exact" (or "atLeast"/"auto")."""
    attrs = {"before": before, "after": after}
    if before is not None:
        attrs["beforeLines"] = 0
    if after is not None:
        attrs["afterLines"] = 0
    if line is not None:
        attrs["line"] = line
        attrs["lineRule"] = rule
    set_child(ppr, make("spacing", **attrs), PPR_ORDER)


def set_indent(
    ppr, *, left: int = 0, right: int = 0, first_line: int | None = None, hanging: int | None = None
) -> None:
    """w:ind in twips. The *Chars variants are written as 0 so that an inherited character
    indent (Word's 首行缩进2字符 in a template) cannot override the twips."""
    attrs: dict[str, object] = {"left": left, "leftChars": 0, "right": right, "rightChars": 0}
    if hanging is not None:
        attrs["hanging"] = hanging
        attrs["hangingChars"] = 0
    elif first_line is not None:
        attrs["firstLine"] = first_line
        attrs["firstLineChars"] = 0
    set_child(ppr, make("ind", **attrs), PPR_ORDER)


def set_jc(ppr, value: str) -> None:
    """left (written "both" for justified body text), center, right, both, distribute."""
    set_child(ppr, make("jc", val=value), PPR_ORDER)


def set_snap_to_grid(ppr, on: bool) -> None:
    set_child(ppr, make("snapToGrid", val=on), PPR_ORDER)


def set_keep_next(ppr, on: bool = True) -> None:
    set_child(ppr, make("keepNext", val=on), PPR_ORDER)


def set_keep_lines(ppr, on: bool = True) -> None:
    set_child(ppr, make("keepLines", val=on), PPR_ORDER)


def set_page_break_before(ppr, on: bool = True) -> None:
    set_child(ppr, make("pageBreakBefore", val=on), PPR_ORDER)


def set_widow_control(ppr, on: bool) -> None:
    set_child(ppr, make("widowControl", val=on), PPR_ORDER)


def border(tag: str, *, val: str = "single", sz: int = 8, color: str = "000000", space: int = 0):
    """One border edge; ``sz`` in eighths of a point, ``space`` in points."""
    return make(tag, val=val, sz=sz, space=space, color=color)


def set_borders(ppr, **edges: dict) -> None:
    """Paragraph borders: ``set_borders(ppr, top=dict(sz=8, color="FF0000"))``."""
    pbdr = make("pBdr")
    for tag in PBDR_ORDER:
        if tag in edges:
            pbdr.append(border(tag, **edges[tag]))
    set_child(ppr, pbdr, PPR_ORDER)


def set_tabs(ppr, stops: Iterable[tuple[str, int]]) -> None:
    """Tab stops as (alignment, position in twips), e.g. [("right", 8844)]."""
    tabs = make("tabs")
    for align, pos in sorted(stops, key=lambda s: s[1]):
        tabs.append(make("tab", val=align, pos=pos))
    set_child(ppr, tabs, PPR_ORDER)


# --- run properties -------------------------------------------------------------------------------


def set_run_fonts(rpr, *, east_asia: str, ascii: str, hint: str | None = None) -> None:
    """w:rFonts with explicit names (no theme fonts, which would bring Calibri back)."""
    set_child(rpr, make("rFonts", ascii=ascii, hAnsi=ascii, eastAsia=east_asia, cs=ascii, hint=hint), RPR_ORDER)


def set_run_size(rpr, size_pt: float) -> None:
    half = round(size_pt * 2)
    set_child(rpr, make("sz", val=half), RPR_ORDER)
    set_child(rpr, make("szCs", val=half), RPR_ORDER)


def set_run_color(rpr, color: str) -> None:
    set_child(rpr, make("color", val=color), RPR_ORDER)


def set_run_scale(rpr, percent: int) -> None:
    """Horizontal character scale (w:w), 1–600 %."""
    set_child(rpr, make("w", val=percent), RPR_ORDER)


def set_run_spacing(rpr, twips: int) -> None:
    set_child(rpr, make("spacing", val=twips), RPR_ORDER)


def set_run_bold(rpr, on: bool = True) -> None:
    set_child(rpr, make("b", val=on), RPR_ORDER)
    set_child(rpr, make("bCs", val=on), RPR_ORDER)


def set_run_lang(rpr, *, val: str = "en-US", east_asia: str = "zh-CN") -> None:
    set_child(rpr, make("lang", val=val, eastAsia=east_asia), RPR_ORDER)


# --- run content -------------------------------------------------------------------------------------


def add_text(r, text: str) -> None:
    t = SubElement(r, _W_T)
    t.text = text
    if text != text.strip(" ") or "  " in text:
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def add_tab(r) -> None:
    r.append(make("tab"))


def add_break(r, kind: str | None = None) -> None:
    """A line break (``kind`` None) or a page break (``kind`` "page")."""
    r.append(make("br", type=kind))


def add_field(p, instr: str, placeholder: str, make_run) -> None:
    """A complex field (PAGE, NUMPAGES …) as begin / instrText / separate / result / end runs.

    ``make_run()`` returns a new formatted w:r appended to ``p``; the field code and its
    cached result get the same formatting as the text around them.
    """
    r = make_run()
    r.append(make("fldChar", fldCharType="begin"))
    r = make_run()
    it = make("instrText")
    it.text = f" {instr} "
    it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(it)
    r = make_run()
    r.append(make("fldChar", fldCharType="separate"))
    r = make_run()
    add_text(r, placeholder)
    r = make_run()
    r.append(make("fldChar", fldCharType="end"))


# --- sections ------------------------------------------------------------------------------------------


def set_page_setup(
    sect_pr, *, width: int, height: int, top: int, right: int, bottom: int, left: int, header: int, footer: int
) -> None:
    set_child(sect_pr, make("pgSz", w=width, h=height), SECTPR_ORDER)
    set_child(
        sect_pr,
        make("pgMar", top=top, right=right, bottom=bottom, left=left, header=header, footer=footer, gutter=0),
        SECTPR_ORDER,
    )
    set_child(sect_pr, make("cols", space=425), SECTPR_ORDER)


def set_title_page(sect_pr, on: bool) -> None:
    """w:titlePg: the section's first page uses the "first" header and footer."""
    if on:
        set_child(sect_pr, make("titlePg"), SECTPR_ORDER)
    else:
        remove_children(sect_pr, "titlePg")


def set_section_type(sect_pr, kind: str) -> None:
    """nextPage, continuous, evenPage, oddPage."""
    set_child(sect_pr, make("type", val=kind), SECTPR_ORDER)


def set_doc_grid(sect_pr, *, line_pitch: int, kind: str = "lines", char_space: int | None = None) -> None:
    """The document grid, always the last child of w:sectPr (Word and LibreOffice both look
    for it there; python-docx may have appended other children after an earlier one)."""
    remove_children(sect_pr, "docGrid")
    grid = make("docGrid", type=kind, linePitch=line_pitch, charSpace=char_space)
    tail = [c for c in sect_pr if _local(c) in ("printerSettings", "sectPrChange")]
    if tail:
        tail[0].addprevious(grid)
    else:
        sect_pr.append(grid)


# --- tables ------------------------------------------------------------------------------------------------


def set_table_props(
    tbl,
    *,
    width: int,
    jc: str = "center",
    borders: dict | None = None,
    cell_margins: dict | None = None,
    indent: int | None = None,
    layout_fixed: bool = True,
    style: str | None = None,
) -> None:
    """Table-wide properties; ``borders`` maps edge name → border kwargs; ``cell_margins``
    maps top/left/bottom/right → twips."""
    tblpr = tbl.find(w("tblPr"))
    if tblpr is None:
        tblpr = make("tblPr")
        tbl.insert(0, tblpr)
    if style:
        set_child(tblpr, make("tblStyle", val=style), TBLPR_ORDER)
    set_child(tblpr, make("tblW", w=width, type="dxa"), TBLPR_ORDER)
    set_child(tblpr, make("jc", val=jc), TBLPR_ORDER)
    if indent is not None:
        set_child(tblpr, make("tblInd", w=indent, type="dxa"), TBLPR_ORDER)
    tb = make("tblBorders")
    for tag in TBLBORDERS_ORDER:
        spec = (borders or {}).get(tag)
        tb.append(border(tag, **spec) if spec else make(tag, val="nil"))
    set_child(tblpr, tb, TBLPR_ORDER)
    if layout_fixed:
        set_child(tblpr, make("tblLayout", type="fixed"), TBLPR_ORDER)
    if cell_margins is not None:
        mar = make("tblCellMar")
        for tag in CELLMAR_ORDER:
            mar.append(make(tag, w=cell_margins.get(tag, 0), type="dxa"))
        set_child(tblpr, mar, TBLPR_ORDER)
    set_child(
        tblpr,
        make("tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1),
        TBLPR_ORDER,
    )


def set_table_grid(tbl, widths: Sequence[int]) -> None:
    grid = tbl.find(w("tblGrid"))
    if grid is None:
        grid = make("tblGrid")
        tbl.find(w("tblPr")).addnext(grid)
    for old in list(grid):
        grid.remove(old)
    for width in widths:
        grid.append(make("gridCol", w=width))


def set_cell_props(
    tc,
    *,
    width: int,
    borders: dict | None = None,
    margins: dict | None = None,
    v_align: str | None = None,
    grid_span: int | None = None,
) -> None:
    tcpr = tc.get_or_add_tcPr()
    set_child(tcpr, make("tcW", w=width, type="dxa"), TCPR_ORDER)
    if grid_span and grid_span > 1:
        set_child(tcpr, make("gridSpan", val=grid_span), TCPR_ORDER)
    if borders is not None:
        tb = make("tcBorders")
        for tag in ("top", "left", "bottom", "right"):
            if tag in borders:
                spec = borders[tag]
                tb.append(border(tag, **spec) if spec else make(tag, val="nil"))
        set_child(tcpr, tb, TCPR_ORDER)
    if margins is not None:
        mar = make("tcMar")
        for tag in CELLMAR_ORDER:
            if tag in margins:
                mar.append(make(tag, w=margins[tag], type="dxa"))
        set_child(tcpr, mar, TCPR_ORDER)
    if v_align:
        set_child(tcpr, make("vAlign", val=v_align), TCPR_ORDER)


def set_row_height(tr, height: int, rule: str = "exact", cant_split: bool = True) -> None:
    trpr = tr.get_or_add_trPr()
    if cant_split:
        set_child(trpr, make("cantSplit"), TRPR_ORDER)
    set_child(trpr, make("trHeight", val=height, hRule=rule), TRPR_ORDER)


# --- floating text boxes ---------------------------------------------------------------------------

_BOX_NS = {
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
#: EMU per twip (914400 EMU per inch, 1440 twips per inch)
EMU_PER_TWIP = 635


def anchored_text_box(
    content: Iterable,
    *,
    width: int,
    height: int,
    box_id: int,
    name: str,
    v_align: str = "bottom",
    h_align: str = "center",
    relative_to: str = "margin",
    v_offset: int | None = None,
    v_relative_to: str | None = None,
):
    """A ``w:r`` holding a DrawingML text box (``wps:wsp``) anchored to the paragraph it is put
    in and aligned to the text block (``relative_to`` "margin") at ``v_align``/``h_align``,
    text kept above and below it (wrapTopAndBottom), no line, no fill, no insets, of a fixed
    ``height`` (twips). ``v_offset`` places it that far below the top of ``v_relative_to``
    instead (e.g. "page") and lets text run behind it (a mark in the top margin).

    ``content`` are block elements (``w:p``, ``w:tbl``) moved into the box; the box must end
    with a paragraph. LibreOffice honours such a box at the bottom of the text block (it
    ignores bottom-aligned floating tables and frames of several paragraphs), and the box
    follows its anchor paragraph to the next page when the text leaves no room for it.
    """
    cx, cy = width * EMU_PER_TWIP, max(1, height) * EMU_PER_TWIP
    wp, a, wps, mc = (_BOX_NS[k] for k in ("wp", "a", "wps", "mc"))
    r = make("r")
    alt = SubElement(r, f"{{{mc}}}AlternateContent", nsmap={"mc": mc})
    choice = SubElement(alt, f"{{{mc}}}Choice", Requires="wps", nsmap={"wps": wps})
    drawing = SubElement(choice, w("drawing"))
    anchor = SubElement(
        drawing,
        f"{{{wp}}}anchor",
        nsmap={"wp": wp},
        distT="0",
        distB="0",
        distL="0",
        distR="0",
        simplePos="0",
        relativeHeight=str(251658240 + box_id),
        behindDoc="0",
        locked="0",
        layoutInCell="1",
        allowOverlap="0",
    )
    SubElement(anchor, f"{{{wp}}}simplePos", x="0", y="0")
    ph = SubElement(anchor, f"{{{wp}}}positionH", relativeFrom=relative_to)
    SubElement(ph, f"{{{wp}}}align").text = h_align
    pv = SubElement(anchor, f"{{{wp}}}positionV", relativeFrom=v_relative_to or relative_to)
    if v_offset is not None:  # a fixed distance (twips) below the top of the page or margin
        SubElement(pv, f"{{{wp}}}posOffset").text = str(v_offset * EMU_PER_TWIP)
    else:
        SubElement(pv, f"{{{wp}}}align").text = v_align
    SubElement(anchor, f"{{{wp}}}extent", cx=str(cx), cy=str(cy))
    SubElement(anchor, f"{{{wp}}}effectExtent", l="0", t="0", r="0", b="0")
    SubElement(anchor, f"{{{wp}}}wrapTopAndBottom" if v_offset is None else f"{{{wp}}}wrapNone")
    SubElement(anchor, f"{{{wp}}}docPr", id=str(box_id), name=name)
    SubElement(anchor, f"{{{wp}}}cNvGraphicFramePr")
    graphic = SubElement(anchor, f"{{{a}}}graphic", nsmap={"a": a})
    data = SubElement(
        graphic, f"{{{a}}}graphicData", uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    )
    wsp = SubElement(data, f"{{{wps}}}wsp")
    SubElement(wsp, f"{{{wps}}}cNvSpPr", txBox="1")
    sppr = SubElement(wsp, f"{{{wps}}}spPr")
    xfrm = SubElement(sppr, f"{{{a}}}xfrm")
    SubElement(xfrm, f"{{{a}}}off", x="0", y="0")
    SubElement(xfrm, f"{{{a}}}ext", cx=str(cx), cy=str(cy))
    geom = SubElement(sppr, f"{{{a}}}prstGeom", prst="rect")
    SubElement(geom, f"{{{a}}}avLst")
    SubElement(sppr, f"{{{a}}}noFill")
    ln = SubElement(sppr, f"{{{a}}}ln")
    SubElement(ln, f"{{{a}}}noFill")
    txbx = SubElement(wsp, f"{{{wps}}}txbx")
    inner = SubElement(txbx, w("txbxContent"))
    for el in content:
        inner.append(el)
    body = SubElement(
        wsp,
        f"{{{wps}}}bodyPr",
        rot="0",
        vert="horz",
        wrap="square",
        lIns="0",
        tIns="0",
        rIns="0",
        bIns="0",
        anchor="b" if v_align == "bottom" else "t",
        anchorCtr="0",
    )
    SubElement(body, f"{{{a}}}noAutofit")
    return r


# --- packaging ------------------------------------------------------------------------------------------------

#: zip entry timestamp for every part: the earliest a zip can hold, so output never
#: depends on the clock.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_zip_deterministic(blob: bytes, out, date: dt.date | None = None) -> bytes:
    """Re-pack a saved .docx with fixed entry timestamps, attributes and order.

    python-docx writes parts in a stable order but stamps entries with the current time;
    this rewrites every entry with ``date`` (or 1980-01-01), no extra fields, deflate level 6,
    ``[Content_Types].xml`` first and the rest in the order python-docx wrote them.
    Returns the bytes written.
    """
    src = zipfile.ZipFile(io.BytesIO(blob))
    names = src.namelist()
    names.sort(key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels"))
    return _write_zip([(name, src.read(name)) for name in names], out, date)


def write_package(package, out, date: dt.date | None = None) -> bytes:
    """Serialise a python-docx package straight into the zip :func:`write_zip_deterministic`
    would make of ``package.save()``'s output (same members, order and bytes), without
    compressing every part twice. Returns the bytes written."""
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI

    parts = package.parts
    for part in parts:
        part.before_marshal()
    members = [
        (CONTENT_TYPES_URI.membername, _content_types_xml(tuple((p.partname, p.content_type) for p in parts))),
        (PACKAGE_URI.rels_uri.membername, _rels_xml(PACKAGE_URI, package.rels)),
    ]
    for part in parts:
        members.append((part.partname.membername, part.blob))
        if len(part.rels):
            members.append((part.partname.rels_uri.membername, _rels_xml(part.partname, part.rels)))
    return _write_zip(members, out, date)


@lru_cache(maxsize=64)
def _content_types_xml(parts: tuple[tuple[str, str], ...]) -> bytes:
    """[Content_Types].xml for (partname, content type) pairs, as python-docx writes it;
    documents with the same parts share it."""
    from types import SimpleNamespace

    from docx.opc.pkgwriter import _ContentTypesItem

    return _ContentTypesItem.from_parts([SimpleNamespace(partname=name, content_type=ct) for name, ct in parts]).blob


_RELS_XML: dict[tuple, bytes] = {}


def _rels_xml(source, rels) -> bytes:
    """A .rels item (python-docx's ``rels.xml``), cached by the relationships it lists: most
    documents have the same ones."""
    key = (
        source,
        tuple(
            (r.rId, r.reltype, r.is_external, r.target_ref if r.is_external else r.target_part.partname)
            for r in rels.values()
        ),
    )
    xml = _RELS_XML.get(key)
    if xml is None:
        xml = _RELS_XML[key] = rels.xml
    return xml


def _write_zip(members: list[tuple[str, bytes]], out, date: dt.date | None) -> bytes:
    """Members in the given order, ``[Content_Types].xml`` and ``_rels/.rels`` first, each
    stamped with ``date`` (or 1980-01-01), no extra fields, deflate level 6."""
    stamp = ZIP_EPOCH if date is None or date.year < 1980 else (date.year, date.month, date.day, 0, 0, 0)
    members = sorted(members, key=lambda m: (m[0] != "[Content_Types].xml", m[0] != "_rels/.rels"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, data, compresslevel=6)
    data = buf.getvalue()
    if hasattr(out, "write"):
        out.write(data)
    else:
        with open(out, "wb") as fh:
            fh.write(data)
    return data
