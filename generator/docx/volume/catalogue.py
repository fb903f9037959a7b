"""目录.docx: the 归档文件目录 (DA/T 22-2015), one cover and one table per class."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from docx.oxml import parse_xml

from ...model import Corpus, Document
from .. import layout as L
from .. import ooxml as X
from ..builder import W_NS as _W_NS
from ..builder import CoreProps, GovDocx, Span, split_script
from .plan import CATEGORY_CODE, VolumeItem

__all__ = ["CATALOGUE_NAME", "catalogue_title", "catalogue_rows", "write_catalogue"]

CATALOGUE_NAME = "目录"
_W = X.w

#: landscape A4; margins (mm) with the binding edge on the left
_CAT_MARGINS = dict(top=20.0, bottom=18.0, left=25.0, right=15.0)
#: columns and their widths in mm (sum = 297 − 25 − 15 = 257)
_CAT_COLUMNS = (
    ("序号", 13),
    ("档号", 56),
    ("文号", 40),
    ("责任者", 34),
    ("题名", 57),
    ("日期", 22),
    ("密级", 11),
    ("页数", 12),
    ("备注", 12),
)
_CAT_SIZE = 10.5  # 五号
_CAT_HEADER_SIZE = 12.0  # 小四


def catalogue_title(doc: Document) -> str:
    """题名: the document's title; a title the archivist had to make up goes in [ ]."""
    title = (doc.title or "").strip()
    if title:
        return title
    return f"[{(doc.issuer or '').strip()}{doc.doc_type or '文件'}]"


def catalogue_rows(items: Sequence[VolumeItem]) -> list[list[str]]:
    """The table rows (without the header) of one class."""
    rows = []
    for i, item in enumerate(items, 1):
        doc = item.doc
        rows.append(
            [
                str(i),
                item.archive_no,
                str(doc.number) if doc.number is not None else (doc.number_raw or ""),
                doc.issuer,
                catalogue_title(doc),
                doc.signed_on.strftime("%Y%m%d") if doc.signed_on else "",
                "" if doc.classification == "公开" else doc.classification,
                str(item.pages) if item.pages is not None else "",
                "",
            ]
        )
    return rows


def write_catalogue(items: Sequence[VolumeItem], corpus: Corpus, year: int, out: Path | str) -> None:
    """目录.docx: for every class (保管期限 × 机构) a cover (全宗名称, 全宗号, 年度, 保管期限,
    机构（问题）, 件号 range) and the 归档文件目录 table on landscape A4.

    One cover per class: every class is a series of its own (件号 restart at 0001), so an
    archivist prints and binds one 目录 per class, the way DA/T 22 classes are shelved;
    keeping them in one file keeps the volume simple (one catalogue file to check in)."""
    agency = corpus.agency
    last = max((i.doc.signed_on for i in items if i.doc.signed_on), default=dt.date(year, 12, 31))
    gx = GovDocx(
        CoreProps(
            title=f"{agency.agency}{year}年度归档文件目录",
            author=agency.agency,
            date=last,
            subject=f"{agency.fonds}-{CATEGORY_CODE}·{year}",
            keywords="归档文件目录",
            category="归档文件目录",
            identifier=f"{agency.fonds}-{CATEGORY_CODE}·{year}",
        ),
        even_odd_footers=False,
    )
    sect = gx.section._sectPr
    width = L.PAGE_HEIGHT
    X.set_child(sect, X.make("pgSz", w=L.PAGE_HEIGHT, h=L.PAGE_WIDTH, orient="landscape"), X.SECTPR_ORDER)
    X.set_child(
        sect,
        X.make(
            "pgMar",
            top=L.mm(_CAT_MARGINS["top"]),
            right=L.mm(_CAT_MARGINS["right"]),
            bottom=L.mm(_CAT_MARGINS["bottom"]),
            left=L.mm(_CAT_MARGINS["left"]),
            header=L.mm(10),
            footer=L.mm(10),
            gutter=0,
        ),
        X.SECTPR_ORDER,
    )
    X.remove_children(sect, "docGrid")
    text_width = width - L.mm(_CAT_MARGINS["left"]) - L.mm(_CAT_MARGINS["right"])
    classes: list[list[VolumeItem]] = []
    for item in items:
        if classes and classes[-1][0].klass == item.klass:
            classes[-1].append(item)
        else:
            classes.append([item])
    for n, members in enumerate(classes):
        _catalogue_cover(gx, members, corpus, year, first=n == 0)
        _catalogue_table(gx, members, text_width)
    # a document body ends with a paragraph, not a table
    gx.paragraph([Span("", size=1)], style="GwSpacer", jc="left", line=20, snap=False, track=False)
    gx.save(out)


def _catalogue_cover(gx: GovDocx, members: list[VolumeItem], corpus: Corpus, year: int, *, first: bool) -> None:
    agency = corpus.agency
    head = members[0]
    gx.spacer(L.mm(30), track=False)
    p = gx.paragraph(
        [Span("归档文件目录", L.XIAOBIAOSONG, 36.0)],
        style="GwTitle",
        jc="center",
        line=L.pt(54),
        snap=False,
        page_break_before=not first,
        track=False,
    )
    del p
    gx.spacer(L.mm(22), track=False)
    lines = [
        ("全宗名称", agency.agency),
        ("全 宗 号", agency.fonds),
        ("年　　度", f"{year}年"),
        ("保管期限", head.retention),
        ("机构（问题）", f"{head.department}（{head.department_code}）"),
        ("件　　号", f"{members[0].item_no:04d}—{members[-1].item_no:04d}（共{len(members)}件）"),
    ]
    indent = L.mm(75)
    for label, value in lines:
        gx.paragraph(
            [Span(f"{label}：\t", L.HEITI, 18.0), Span(value, L.FANGSONG, 18.0)],
            style="GwBody",
            jc="left",
            left=indent,
            first_line=0,
            line=L.pt(34),
            snap=False,
            track=False,
            tabs=[("left", indent + L.pt(18 * 7))],
        )


def _catalogue_table(gx: GovDocx, members: list[VolumeItem], text_width: int) -> None:
    """The 归档文件目录 table of one class, on a new page; the header row repeats on every
    page and rows never split. Built as one XML string (a volume has thousands of cells)."""
    rows = [[c for c, _ in _CAT_COLUMNS], *catalogue_rows(members)]
    widths = [L.mm(w) for _, w in _CAT_COLUMNS]
    widths[4] += text_width - sum(widths)
    margin = L.mm(1.2)
    # the table starts on a new page: an empty paragraph that breaks the page before it
    gx.paragraph(
        [Span("", size=1)], style="GwSpacer", jc="left", line=20, snap=False, page_break_before=True, track=False
    )
    edge = '<w:{0} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
    parts = [
        f'<w:tbl xmlns:w="{_W_NS}"><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>',
        "<w:tblBorders>"
        + "".join(edge.format(e) for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>",
        '<w:tblLayout w:type="fixed"/>',
        f'<w:tblCellMar><w:top w:w="{L.mm(0.8)}" w:type="dxa"/><w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:bottom w:w="{L.mm(0.8)}" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    left_cols = {2, 3, 4, 8}
    for r, values in enumerate(rows):
        header = r == 0
        size = _CAT_HEADER_SIZE if header else _CAT_SIZE
        face = L.HEITI if header else L.FANGSONG
        line = round(size * 1.3 * L.TWIPS_PER_PT)
        parts.append(
            f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{L.mm(10 if header else 8)}" '
            f'w:hRule="atLeast"/>{"<w:tblHeader/>" if header else ""}</w:trPr>'
        )
        for c, value in enumerate(values):
            jc = "left" if (c in left_cols and not header) else "center"
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="GwTableText"/><w:snapToGrid w:val="0"/>'
                f'<w:spacing w:before="0" w:after="0" w:beforeLines="0" w:afterLines="0" w:line="{line}" '
                f'w:lineRule="exact"/><w:ind w:left="0" w:leftChars="0" w:right="0" w:rightChars="0"/>'
                f'<w:jc w:val="{jc}"/></w:pPr>{_runs_xml(value, face, size)}</w:p></w:tc>'
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    body = gx.document.element.body
    tbl = parse_xml("".join(parts))
    sect = body.find(_W("sectPr"))
    if sect is not None:
        sect.addprevious(tbl)
    else:
        body.append(tbl)


def _runs_xml(text: str, face: L.Face, size: float) -> str:
    """Runs as GovDocx writes them: ASCII in the Latin face, the rest in ``face``."""
    out = []
    half = round(size * 2)
    for piece, is_ascii in split_script(text):
        latin = L.LATIN_FONT if is_ascii else face.east_asia
        hint = "" if is_ascii else ' w:hint="eastAsia"'
        out.append(
            f'<w:r><w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{face.east_asia}" '
            f'w:cs="{latin}"{hint}/><w:spacing w:val="{L.CHAR_SPACING}"/><w:sz w:val="{half}"/>'
            f'<w:szCs w:val="{half}"/></w:rPr><w:t xml:space="preserve">{xml_escape(piece)}</w:t></w:r>'
        )
    return "".join(out)
