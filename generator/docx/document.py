"""One official document (公文) as a GB/T 9704-2012 DOCX.

Three page formats (cl. 10):

* 文件格式 (the default): 版头 in the body of page 1 — 份号/密级/紧急程度 top left, the red
  发文机关标志 with its top edge 35 mm into the text block, the 发文字号 two lines below,
  the red rule 4 mm under it;
* 信函格式 (函): the organ name 30 mm from the top of the page and the red double rules are
  page furniture of page 1 (first-page header and footer), the 发文字号 flush right below
  the upper rule, no page number on page 1, a 版记 with 抄送 only and no rules;
* 纪要格式 (纪要): "<机关>…纪要" as the mark, the 成文日期 beside the number, no 署名,
  出席/请假/列席 lists after the body.

The writer counts lines as it goes (:class:`~generator.docx.builder.PageTracker`), so the
版记 can be pushed to the bottom of the last page by an exact-height spacer, and moved to a
page of its own (without a page number) when it does not fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from ..errors import Refused
from ..model import Agency, Document
from ..publish import disclosure_note
from ..schema import DOC_TYPES_NEEDING_SIGNER, SECRET_LEVELS
from ..text.dates import cn_date
from ..text.outline import split_outline_marker
from . import layout as L
from . import ooxml as X
from .builder import CoreProps, GovDocx, Span, clear_story, empty_table
from .mdblocks import Block, parse_blocks, read_markdown_file
from .measure import break_title, display_chars, lines_needed, text_width

__all__ = ["FilingStamp", "write_document", "DocumentLayoutError"]


class DocumentLayoutError(Refused, ValueError):
    """The document cannot be laid out (e.g. an attachment file outside the corpus)."""


@dataclass(frozen=True)
class FilingStamp:
    """归档章 (DA/T 22-2015 cl. 7.4): 全宗号 | 年度 | 件号 over 机构（问题） | 保管期限 | 页数."""

    fonds: str
    year: int | str
    item_no: int | str
    department: str
    retention: str
    pages: int | str

    def cells(self) -> list[list[str]]:
        item = f"{self.item_no:04d}" if isinstance(self.item_no, int) else str(self.item_no)
        return [
            [str(self.fonds), str(self.year), item],
            [str(self.department), str(self.retention), str(self.pages)],
        ]


def write_document(
    doc: Document,
    agency: Agency,
    out: Path | str | BinaryIO,
    *,
    corpus_root: Path | str | None = None,
    filing_stamp: FilingStamp | None = None,
    copy_number: str | None = None,
    draft: bool = False,
) -> None:
    """Write ``doc`` as a GB/T 9704-2012 DOCX to ``out`` (a path or a binary file object).

    ``corpus_root`` lets attachment files (``{title, file}``) be read into the attachment
    pages; ``filing_stamp`` draws the 归档章 at the top of page 1; ``copy_number`` is the 份号;
    ``draft`` puts the mark 「草稿，待核对」 in the top margin of every page (SPEC §7.1: a
    document still under ``review``). Writing the same input twice gives byte-identical files.
    """
    writer = DocumentWriter(
        doc, agency, corpus_root=corpus_root, filing_stamp=filing_stamp, copy_number=copy_number, draft=draft
    )
    writer.build()
    writer.gx.save(out)


# --- helpers ---------------------------------------------------------------------------------------

_ATTACH_NOTE_RE = re.compile(r"^附件[：:]")
_ATTACH_ITEM_RE = re.compile(r"^\s*(\d+)[.．、]\s*(.+)$")
_ATTENDANCE_RE = re.compile(r"^(出席|请假|列席)(?:人员)?[：:]\s*(.*)$")
_MEETING_RE = re.compile(r"^(?:\d{4}年(?:度)?)?(?:第[0-9一二三四五六七八九十百]+次)?(.*?会议?)纪要$")
_TRAILING_PUNCT = "。，；、.,;： "


def mark_scale(text: str, size: float, max_width_mm: float = L.MARK_MAX_WIDTH_MM) -> int:
    """Horizontal scale (percent) that makes ``text`` at ``size`` fit ``max_width_mm``."""
    width_pt = text_width(text)[1] * size
    limit = max_width_mm * L.PT_PER_MM
    if width_pt <= limit:
        return 100
    return max(L.MARK_MIN_SCALE, int(limit / width_pt * 100))


def heading_split(text: str) -> tuple[int, str, str] | None:
    """(level, heading part, rest) for a body paragraph that starts with 一、 or （一）.

    A short first sentence (一、检查范围。…) is the heading and takes the heading face; a
    paragraph without a full stop that is short is all heading; a long first sentence is
    running text that merely carries a number, and keeps the body face.
    """
    found = split_outline_marker(text)
    if not found or found[0].level not in (1, 2):
        return None
    marker, rest = found
    stripped = text.strip()
    prefix = stripped[: len(stripped) - len(rest)] if rest and stripped.endswith(rest) else stripped
    stop = rest.find("。")
    if stop < 0:
        if len(rest) <= 24 and not re.search("[，；：]", rest):
            return marker.level, stripped, ""
        return None
    sentence = rest[: stop + 1]
    if len(sentence) - 1 > 16 or re.search("[，；：]", sentence):
        return None
    return marker.level, prefix + sentence, rest[stop + 1 :]


# --- the writer -------------------------------------------------------------------------------------------


class DocumentWriter:
    """Lays out one document; :meth:`build` fills :attr:`gx` (a :class:`GovDocx`).

    The steps are methods (``file_head``/``letterhead``, ``title_block``, ``recipients``,
    ``body``, ``attachment_note``, ``signature``/``attendance_lists``, ``note``,
    ``attachments``, ``colophon``) so that other writers can subclass and override one.
    """

    def __init__(
        self,
        doc: Document,
        agency: Agency,
        *,
        corpus_root: Path | str | None = None,
        filing_stamp: FilingStamp | None = None,
        copy_number: str | None = None,
        draft: bool = False,
    ):
        self.doc = doc
        self.draft = draft
        self.agency = agency
        self.root = Path(corpus_root).resolve() if corpus_root is not None else None
        self.stamp = filing_stamp
        self.copy_number = copy_number
        self.format = {"函": "letter", "纪要": "minutes"}.get(doc.doc_type, "file")
        self.issuer = doc.issuer or agency.agency
        self.number = str(doc.number) if doc.number is not None else (doc.number_raw or "")
        self.gx = GovDocx(
            CoreProps(
                title=doc.title,
                author=self.issuer,
                date=doc.signed_on,
                subject=self.number,
                keywords="；".join(doc.topics),
                category=doc.doc_type,
                identifier=self.number,
            )
        )
        body_lines = doc.source.body if doc.source is not None else []
        self.blocks = parse_blocks(list(body_lines))
        self.attendance: list[tuple[str, str]] = []
        self._split_body()

    # -- body preparation ----------------------------------------------------------------------------------
    def _split_body(self) -> None:
        """Drop the 附件说明 written in the body (it is rendered from ``attachments``) and, for
        纪要, take out the 出席/请假/列席 lines."""
        kept: list[Block] = []
        in_note = False
        for block in self.blocks:
            if block.kind == "para" and _ATTACH_NOTE_RE.match(block.text) and self.doc.attachments:
                in_note = True
                continue
            if in_note and block.kind == "para" and _ATTACH_ITEM_RE.match(block.text):
                continue
            in_note = False
            if self.format == "minutes" and block.kind == "para":
                m = _ATTENDANCE_RE.match(block.text)
                if m:
                    self.attendance.append((m.group(1), m.group(2).strip()))
                    continue
            kept.append(block)
        self.blocks = kept

    # -- the whole document -------------------------------------------------------------------------------
    def build(self) -> None:
        gx = self.gx
        sect = gx.section._sectPr
        first_page_special = self.format == "letter" or self.stamp is not None
        X.set_title_page(sect, first_page_special)
        if self.format == "letter":
            self.letterhead()
        else:
            self.file_head()
            if self.stamp is not None:
                self.draw_stamp(gx.section.first_page_header)
        self.title_block()
        self.recipients()
        self.body(self.blocks)
        if self.format != "minutes":
            # cl. 7.3.5: the 署名 and 成文日期 stay on the page of the last lines of the body:
            # the last body paragraph, the 附件说明, the 署名 and the date are kept together, so
            # a page that cannot hold them sends the last body lines along (never an empty
            # page with only a signature), whatever line breaks the renderer makes
            last = gx.last_body_paragraph()
            if last is not None:
                X.set_keep_next(last.get_or_add_pPr())
        self.attachment_note()
        if self.format == "minutes":
            self.attendance_lists()
        else:
            self.signature()
        self.note()
        self.attachments()
        colophon_section = self.colophon()
        # python-docx's add_section() moves the body-level sectPr to the new last section:
        # fetch the sections again rather than reuse gx.section
        sections = gx.document.sections
        self.page_number_footers(
            sections[0], first=("letter" if self.format == "letter" else "number") if first_page_special else None
        )
        if colophon_section is not None:
            self.blank_footers(sections[len(sections) - 1])
        if self.draft:
            draw_draft_mark(gx)

    # -- 版头: 文件格式 and 纪要格式 ---------------------------------------------------------------------------
    def head_notes(self) -> list[str]:
        """份号, 密级, 紧急程度 in that order (cl. 7.2.1-7.2.3)."""
        notes = []
        if self.copy_number:
            cn = str(self.copy_number)
            notes.append(cn.zfill(6) if cn.isdigit() else cn)
        if self.doc.classification in SECRET_LEVELS:
            notes.append(self.doc.classification)
        if self.doc.urgency:
            notes.append(self.doc.urgency)
        return notes

    def mark_text(self) -> str:
        if self.format == "minutes":
            name = self.agency.short_name or self.issuer
            m = _MEETING_RE.match(self.doc.title)
            meeting = m.group(1) if m and m.group(1) else ""
            if meeting.startswith(name):
                meeting = meeting[len(name) :]
            return f"{name}{meeting}纪要"
        return f"{self.issuer}文件"

    def mark_paragraph(self, text: str, size: float, *, container=None):
        scale = mark_scale(text, size)
        line = round(size * L.MARK_LINE_RATIO * L.TWIPS_PER_PT)
        return self.gx.paragraph(
            [Span(text, L.XIAOBIAOSONG, size, color=L.RED, scale=scale)],
            container=container,
            style="GwMark",
            jc="center",
            line=line,
            snap=False,
            lines=1,
        )

    def file_head(self) -> None:
        gx = self.gx
        notes = self.head_notes()
        for note in notes:
            gx.paragraph([Span(note, L.HEITI)], style="GwHeadNote", jc="left", lines=1)
        top = L.mm(L.MARK_TOP_FROM_TEXT_TOP_MM) - len(notes) * L.LINE_PITCH - L.MARK_GLYPH_OFFSET
        gx.spacer(top)
        self.mark_paragraph(self.mark_text(), L.SIZE_MARK)
        gx.blank_lines(L.NUMBER_BLANK_LINES_BELOW_MARK)
        self.number_line()
        self.head_rule()

    def number_line(self) -> None:
        gx = self.gx
        doc = self.doc
        right_tab = [("right", L.TEXT_WIDTH - L.UPWARD_SIGNER_INDENT)]
        if self.format == "minutes":
            date = cn_date(doc.signed_on)
            gx.paragraph(
                [Span(f"\t{self.number}\t{date}")],
                style="GwNumber",
                jc="left",
                tabs=[("left", L.UPWARD_NUMBER_INDENT), *right_tab],
                lines=1,
            )
        elif doc.doc_type in DOC_TYPES_NEEDING_SIGNER and doc.signer:
            gx.paragraph(
                [Span(f"\t{self.number}\t签发人："), Span(doc.signer, L.KAITI)],
                style="GwNumber",
                jc="left",
                tabs=[("left", L.UPWARD_NUMBER_INDENT), *right_tab],
                lines=1,
            )
        elif doc.doc_type in DOC_TYPES_NEEDING_SIGNER:
            gx.paragraph([Span(self.number)], style="GwNumber", jc="left", left=L.UPWARD_NUMBER_INDENT, lines=1)
        else:
            gx.paragraph([Span(self.number)], style="GwNumber", jc="center", lines=1)

    def head_rule(self) -> None:
        """The red 版头 rule 4 mm below the 发文字号 glyphs, as the top border of an empty
        paragraph (borders follow the indents: none here, so it is the text-block width)."""
        before = max(0, L.mm(L.HEAD_RULE_BELOW_NUMBER_MM) - L.BODY_GLYPH_BOTTOM_GAP - L.RULE_BORDER_OFFSET)
        self.gx.paragraph(
            [Span("", size=1)],
            style="GwRule",
            jc="left",
            before=before,
            line=L.RULE_LINE,
            snap=False,
            borders={"top": dict(sz=L.HEAD_RULE_SZ, color=L.RED, space=0)},
            lines=1,
        )

    # -- 信函格式 ---------------------------------------------------------------------------------------
    def letterhead(self) -> None:
        """Page 1 furniture of a 函 (cl. 10.1), in the first-page header and footer.

        The organ name's top edge is 30 mm from the top of the page, above the text block, so
        the letterhead lives in the header; its lower part reaches into the text block and
        pushes the body of page 1 down (Word and LibreOffice both do so for a tall header).
        """
        gx = self.gx
        sec = gx.section
        header = gx.own_header_footer(sec.first_page_header)
        mark_line = round(L.SIZE_LETTER_MARK * L.MARK_LINE_RATIO * L.TWIPS_PER_PT)
        mark_top = L.mm(L.LETTER_MARK_TOP_FROM_PAGE_TOP_MM) - L.MARK_GLYPH_OFFSET
        if self.stamp is not None:
            header_top = L.mm(L.STAMP_TOP_FROM_PAGE_TOP_MM)
            draw_filing_stamp(gx, header, self.stamp)
            y = header_top + L.mm(L.STAMP_HEIGHT_MM) + L.STAMP_AFTER
        elif self.draft:  # the header starts high enough for the draft mark (draw_draft_mark)
            header_top = y = L.mm(L.STAMP_TOP_FROM_PAGE_TOP_MM)
        else:
            header_top = mark_top - L.pt(2)
            y = header_top
        set_header_distance(sec._sectPr, header_top)
        gx.spacer(mark_top - y, container=header, track=False)
        y = mark_top
        self.mark_paragraph(self.issuer, L.SIZE_LETTER_MARK, container=header)
        y += mark_line
        # red double rule (thick over thin) 4 mm below the name, 170 mm long. Drawn as a
        # bottom border: LibreOffice mirrors thick/thin double top borders, bottom borders
        # look the same in Word and LibreOffice (上粗下细 = thickThinSmallGap).
        before = max(
            0,
            L.mm(L.LETTER_RULE_BELOW_MARK_MM)
            + L.pt(L.SIZE_LETTER_MARK)
            - mark_line
            - L.RULE_LINE
            + L.LETTER_RULE_OFFSET,
        )
        gx.paragraph(
            [Span("", size=1)],
            container=header,
            style="GwRule",
            jc="left",
            before=before,
            line=L.RULE_LINE,
            snap=False,
            left=-L.LETTER_RULE_OVERHANG,
            right=-L.LETTER_RULE_OVERHANG,
            borders={"bottom": dict(val="thickThinSmallGap", sz=L.LETTER_RULE_SZ, color=L.RED)},
        )
        y += before + L.RULE_LINE + L.LETTER_RULE_HEIGHT
        # 份号/密级/紧急程度 flush left, 发文字号 flush right, 7/8 of a character below the rule
        notes = self.head_notes()
        first_left = notes[0] if notes else ""
        gap = max(0, L.LETTER_GAP - L.HEADER_GLYPH_OFFSET)
        gx.paragraph(
            [Span(first_left, L.HEITI), Span(f"\t{self.number}")],
            container=header,
            style="GwNumber",
            jc="left",
            before=gap,
            snap=False,
            tabs=[("right", L.TEXT_WIDTH)],
        )
        y += gap + L.LINE_PITCH
        for note in notes[1:]:
            gx.paragraph([Span(note, L.HEITI)], container=header, style="GwHeadNote", jc="left", snap=False)
            y += L.LINE_PITCH
        # body text starts below the letterhead on page 1
        gx.tracker.pos = max(0, y + L.LETTER_HEADER_EXTRA - L.MARGIN_TOP)
        # the lower double rule (thin over thick) 20 mm above the bottom edge, page 1 only
        footer = gx.own_header_footer(sec.first_page_footer)
        band = L.MARGIN_BOTTOM - L.FOOTER_DISTANCE
        rule_y = L.PAGE_HEIGHT - L.mm(L.LETTER_BOTTOM_RULE_FROM_PAGE_BOTTOM_MM) - L.LETTER_RULE_HEIGHT // 2
        above = rule_y - (L.PAGE_HEIGHT - L.MARGIN_BOTTOM) - L.RULE_LINE + L.LETTER_RULE_OFFSET
        gx.spacer(above, container=footer, track=False)
        gx.paragraph(
            [Span("", size=1)],
            container=footer,
            style="GwRule",
            jc="left",
            line=L.RULE_LINE,
            snap=False,
            left=-L.LETTER_RULE_OVERHANG,
            right=-L.LETTER_RULE_OVERHANG,
            borders={"bottom": dict(val="thinThickSmallGap", sz=L.LETTER_RULE_SZ, color=L.RED)},
        )
        rest = band - above - L.RULE_LINE - L.LETTER_RULE_HEIGHT
        if rest > 0:
            gx.spacer(rest, container=footer, track=False)

    # -- 归档章 ----------------------------------------------------------------------------------------------
    def draw_stamp(self, header) -> None:
        """The 归档章 in the first-page header, in the blank top margin of page 1."""
        header = self.gx.own_header_footer(header)
        set_header_distance(self.gx.section._sectPr, L.mm(L.STAMP_TOP_FROM_PAGE_TOP_MM))
        draw_filing_stamp(self.gx, header, self.stamp)

    # -- 主体 -------------------------------------------------------------------------------------------------
    def title_block(self) -> None:
        gx = self.gx
        gx.blank_lines(L.TITLE_BLANK_LINES_BELOW_RULE)
        lines = break_title(self.doc.title, L.TITLE_CHARS_PER_LINE)
        gx.paragraph(
            [Span("\n".join(lines), L.XIAOBIAOSONG, L.SIZE_2)],
            style="GwTitle",
            jc="center",
            lines=len(lines),
            snap=False,
        )

    def recipients(self) -> None:
        gx = self.gx
        gx.blank_lines(L.RECIPIENTS_BLANK_LINES_BELOW_TITLE)
        if self.doc.recipients:
            text = "、".join(r.strip(_TRAILING_PUNCT) for r in self.doc.recipients) + "："
            gx.paragraph([Span(text)], style="GwRecipients", jc="both")

    def body(self, blocks: list[Block]) -> None:
        for block in blocks:
            if block.kind == "table":
                self.table(block.rows)
            elif block.kind == "heading":
                self.gx.paragraph(
                    [Span(block.text, L.HEITI)], style="GwHeading1", jc="both", first_line=L.BODY_FIRST_LINE_INDENT
                )
            else:
                self.body_paragraph(block.text)

    def body_paragraph(self, text: str) -> None:
        gx = self.gx
        split = heading_split(text)
        if split is None:
            gx.paragraph([Span(text)], style="GwBody", jc="both", first_line=L.BODY_FIRST_LINE_INDENT)
            return
        level, head, rest = split
        face = L.HEITI if level == 1 else L.KAITI
        spans = [Span(head, face)] + ([Span(rest)] if rest else [])
        gx.paragraph(
            spans, style="GwHeading1" if level == 1 else "GwHeading2", jc="both", first_line=L.BODY_FIRST_LINE_INDENT
        )

    def table(self, rows: list[list[str]]) -> None:
        draw_content_table(self.gx, rows)

    def attachment_names(self) -> list[str]:
        return [a.title.strip().rstrip(_TRAILING_PUNCT) for a in self.doc.attachments if a.title.strip()]

    def attachment_note(self) -> None:
        """附件说明 (cl. 7.3.4): one blank line below the body, 2 字 in, names aligned."""
        names = self.attachment_names()
        if not names:
            return
        gx = self.gx
        keep = self.format != "minutes"
        gx.blank_lines(L.ATTACHMENT_NOTE_BLANK_LINES, keep_next=keep)
        label = L.CHAR * 3  # 附件：
        base = L.ATTACHMENT_NOTE_INDENT
        if len(names) == 1:
            gx.paragraph(
                [Span(f"附件：{names[0]}")],
                style="GwAttachNote",
                jc="left",
                left=base + label,
                hanging=label,
                keep_next=keep,
            )
            return
        num_w = max(round(text_width(f"{len(names)}.")[1] * L.CHAR), 1) + L.pt(1)
        for i, name in enumerate(names, 1):
            if i == 1:
                gx.paragraph(
                    [Span(f"附件：{i}.\t{name}")],
                    style="GwAttachNote",
                    jc="left",
                    left=base + label + num_w,
                    hanging=label + num_w,
                    tabs=[("left", base + label + num_w)],
                    keep_next=keep,
                )
            else:
                gx.paragraph(
                    [Span(f"{i}.\t{name}")],
                    style="GwAttachNote",
                    jc="left",
                    left=base + label + num_w,
                    hanging=num_w,
                    tabs=[("left", base + label + num_w)],
                    keep_next=keep,
                )

    def signature(self) -> None:
        """署名 and 成文日期 without a seal (cl. 7.3.5.2), computed in character counts."""
        gx = self.gx
        name = self.issuer
        date = cn_date(self.doc.signed_on)
        gx.blank_lines(L.SIGNATURE_BLANK_LINES, keep_next=True)
        name_w = display_chars(name)
        date_w = display_chars(date)
        per_line = L.CHARS_PER_LINE
        name_left = per_line - L.SIGNATURE_RIGHT_CHARS - name_w
        date_left = name_left + L.DATE_SHIFT_CHARS
        if date_left + date_w > per_line - L.SIGNATURE_RIGHT_CHARS:
            date_left = per_line - L.SIGNATURE_RIGHT_CHARS - date_w
            name_left = date_left - L.DATE_SHIFT_CHARS
        name_right = per_line - name_left - name_w
        if name:
            gx.paragraph(
                [Span(name)], style="GwSignature", jc="right", right=max(0, round(name_right * L.CHAR)), keep_next=True
            )
        if date:
            # the 附注 on the next line stays with the date
            gx.paragraph(
                [Span(date)],
                style="GwDate",
                jc="left",
                left=max(0, round(date_left * L.CHAR)),
                keep_next=bool(disclosure_note(self.doc, self.agency)),
            )

    def attendance_lists(self) -> None:
        """出席/请假/列席 (cl. 10.3): one blank line below the body, 2 字 in, label in 黑体,
        wrapped names aligned with the first name."""
        if not self.attendance:
            return
        gx = self.gx
        gx.blank_lines(1)
        for label, names in self.attendance:
            gx.paragraph(
                [Span(f"{label}：", L.HEITI), Span(names)],
                style="GwAttendance",
                jc="left",
                left=L.CHAR * 5,
                hanging=L.CHAR * 3,
            )

    def note(self) -> None:
        """附注 (cl. 7.3.6): the line after the date, 2 字 in."""
        text = disclosure_note(self.doc, self.agency)
        if text:
            self.gx.paragraph([Span(text)], style="GwNote", jc="left", left=L.NOTE_INDENT)

    # -- 附件 ---------------------------------------------------------------------------------------------------
    def attachments(self) -> None:
        specs = [a for a in self.doc.attachments if a.title.strip()]
        for i, spec in enumerate(specs, 1):
            label = "附件" if len(specs) == 1 else f"附件{i}"
            gx = self.gx
            gx.paragraph([Span(label, L.HEITI)], style="GwAttachLabel", jc="left", page_break_before=True)
            gx.blank_lines(L.ATTACHMENT_TITLE_LINE - 2)
            title = spec.title.strip().rstrip(_TRAILING_PUNCT)
            lines = break_title(title, L.TITLE_CHARS_PER_LINE)
            gx.paragraph(
                [Span("\n".join(lines), L.XIAOBIAOSONG, L.SIZE_2)],
                style="GwAttachTitle",
                jc="center",
                lines=len(lines),
                snap=False,
            )
            blocks = self.attachment_blocks(spec)
            if blocks:
                gx.blank_lines(1)
                self.body(blocks)

    def attachment_blocks(self, spec) -> list[Block]:
        """The content of a ``{title, file}`` attachment whose file is a .md in the corpus."""
        if not spec.file or self.root is None or not spec.file.lower().endswith(".md"):
            return []
        path = (self.root / spec.file).resolve()
        if not (path == self.root or str(path).startswith(str(self.root) + "/")):
            raise DocumentLayoutError(f"附件文件 {spec.file} 在语料库根目录之外")
        if not path.is_file():
            return []
        blocks = parse_blocks(read_markdown_file(path))
        # the file's own top heading repeats the attachment title
        if blocks and blocks[0].kind == "heading" and blocks[0].level == 1:
            blocks = blocks[1:]
        return blocks

    # -- 版记 ------------------------------------------------------------------------------------------------------
    def colophon_rows(self) -> list[tuple[str, list[Span], dict]]:
        """(kind, spans, paragraph options) of each 版记 row."""
        doc = self.doc
        rows = []
        inner = L.TEXT_WIDTH - 2 * L.COLOPHON_SIDE_INDENT
        if doc.cc:
            names = "，".join(c.strip(_TRAILING_PUNCT) for c in doc.cc) + "。"
            label = 3 * L.CHAR_4
            rows.append(("cc", [Span("抄送：" + names, size=L.SIZE_4)], dict(left=label, hanging=label)))
        # 印发机关: the document's, else site.yml's printed_by (SPEC §7.4); 印发日期: the
        # document's, else the 成文日期 (T008 warns when there is no 印发机关 anywhere)
        default_by = (self.agency.printed_by or "").strip()
        if self.format != "letter" and (doc.printed_by or doc.printed_on or default_by):
            by = doc.printed_by or default_by or self.issuer
            when = doc.printed_on or doc.signed_on
            on = f"{cn_date(when)}印发" if when else ""
            rows.append(("printed", [Span(f"{by}\t{on}", size=L.SIZE_4)], dict(tabs=[("right", inner)], lines=1)))
        return rows

    def colophon(self):
        """版记 at the bottom of the last page; returns the new section if it needed a page of
        its own (that page gets no page number)."""
        rows = self.colophon_rows()
        if not rows:
            return None
        return draw_colophon(self.gx, rows, ruled=self.format != "letter")

    # -- page numbers ------------------------------------------------------------------------------------------
    def page_number_footers(self, section, *, first: str | None) -> None:
        page_number_footers(self.gx, section, first=first)

    def blank_footers(self, section) -> None:
        blank_footers(self.gx, section)


# --- shared drawing routines (used by the regulation and volume writers too) ---------------------------------


def draw_draft_mark(gx: GovDocx, text: str = L.DRAFT_MARK) -> None:
    """「草稿，待核对」 in red 黑体 in the top margin (天头) of every page of every section, as a
    floating text box in each header: it moves no text, so the draft is laid out exactly as
    the final document will be."""
    width = L.TEXT_WIDTH
    height = L.pt(L.SIZE_3 * 1.5)
    for section in gx.document.sections:
        sect = section._sectPr
        parts = [section.header, section.even_page_header]
        if sect.find(X.w("titlePg")) is not None:
            parts.append(section.first_page_header)
        for hdrftr in parts:
            if hdrftr.is_linked_to_previous:
                root = gx.own_header_footer(hdrftr)
                gx.spacer(L.STAMP_AFTER, container=root, track=False)
            else:
                root = hdrftr._element
            paragraphs = root.findall(X.w("p"))
            if not paragraphs:
                paragraphs = [gx.spacer(L.STAMP_AFTER, container=root, track=False)]
            holder = X.make("txbxContent")
            gx.paragraph(
                [Span(text, L.HEITI, L.SIZE_3, color=L.RED)],
                container=holder,
                style="GwDraftMark",
                jc="center",
                line=height,
                snap=False,
            )
            # placed from the header's first paragraph, which starts at the header distance
            # (LibreOffice ignores a page-relative offset in a header that starts low, as the
            # letterhead's does)
            start = int(sect.find(X.w("pgMar")).get(X.w("header")))
            paragraphs[0].append(
                X.anchored_text_box(
                    list(holder),
                    width=width,
                    height=height,
                    box_id=gx.next_shape_id(),
                    name="草稿标记",
                    v_offset=L.mm(L.DRAFT_MARK_TOP_FROM_PAGE_TOP_MM) - start,
                    v_relative_to="paragraph",
                    h_align="center",
                )
            )


def set_header_distance(sect_pr, value: int) -> None:
    pgmar = sect_pr.find(X.w("pgMar"))
    pgmar.set(X.w("header"), str(value))


#: the page-number paragraph of odd (True) and even (False) pages: the same in every
#: document, built once per process and cloned into each footer
_PAGE_NUMBER_PARAGRAPHS: dict[bool, object] = {}


def page_number_footers(gx: GovDocx, section, *, first: str | None = None) -> None:
    """ "— N —" in 4号 宋体 7 mm below the text block: odd pages right 1 字 in, even pages
    left 1 字 in (cl. 7.5). ``first`` is None (no title page), "number" (page 1 numbered
    like any odd page), "none" (blank) or "letter" (already drawn by the letterhead)."""
    band = L.MARGIN_BOTTOM - L.FOOTER_DISTANCE
    after = band - L.FOOTER_SPACE_BEFORE - L.FOOTER_LINE

    def number(hdrftr, odd: bool) -> None:
        container = gx.own_header_footer(hdrftr)
        cached = _PAGE_NUMBER_PARAGRAPHS.get(odd)
        if cached is not None:
            container.append(X.clone(cached))
            return
        p = gx.paragraph(
            [],
            container=container,
            style="GwPageNumber",
            jc="right" if odd else "left",
            right=L.PAGE_NUMBER_SIDE_INDENT if odd else 0,
            left=0 if odd else L.PAGE_NUMBER_SIDE_INDENT,
            before=L.FOOTER_SPACE_BEFORE,
            after=after,
            line=L.FOOTER_LINE,
            snap=False,
        )
        sp = Span(f"{L.PAGE_NUMBER_DASH} ", L.SONGTI, L.SIZE_4)
        gx._runs(p, sp)

        def run():
            return gx._new_run(p, Span("", L.SONGTI, L.SIZE_4), ascii_text=False, latin=L.SONGTI.east_asia)

        X.add_field(p, "PAGE", "1", run)
        gx._runs(p, Span(f" {L.PAGE_NUMBER_DASH}", L.SONGTI, L.SIZE_4))
        _PAGE_NUMBER_PARAGRAPHS[odd] = X.clone(p)

    number(section.footer, True)
    number(section.even_page_footer, False)
    if first == "number":
        number(section.first_page_footer, True)
    elif first == "none":
        blank = gx.own_header_footer(section.first_page_footer)
        gx.spacer(band, container=blank, track=False)


def blank_footers(gx: GovDocx, section) -> None:
    """Footers with no page number (the 版记-only page)."""
    band = L.MARGIN_BOTTOM - L.FOOTER_DISTANCE
    for hdrftr in (section.footer, section.even_page_footer):
        footer = gx.own_header_footer(hdrftr)
        gx.spacer(band, container=footer, track=False)
    X.set_title_page(section._sectPr, False)


def draw_filing_stamp(gx: GovDocx, container, stamp: FilingStamp) -> None:
    """归档章: a 2 × 3 table, 45 × 16 mm, centred, bordered, in ``container``."""
    row_h = L.mm(L.STAMP_HEIGHT_MM / L.STAMP_ROWS)
    col = L.mm(L.STAMP_WIDTH_MM / L.STAMP_COLS)
    usable_pt = (col - 2 * L.STAMP_CELL_MARGIN) / L.TWIPS_PER_PT
    tbl = X.clone(_stamp_table())
    gx.insert_table(tbl, container=container)
    for tr, values in zip(tbl.tr_lst, stamp.cells()):
        for tc, value in zip(tr.tc_lst, values):
            size, text = _fit_cell(value, usable_pt, row_h / L.TWIPS_PER_PT)
            gx.paragraph(
                [Span(text, L.FANGSONG, size)],
                container=tc,
                style="GwStamp",
                jc="center",
                line=round(size * 1.2 * L.TWIPS_PER_PT),
                snap=False,
            )
    # a header must end with a paragraph; keep it tiny so it cannot push the body down
    gx.spacer(L.STAMP_AFTER, container=container, track=False)


@lru_cache(maxsize=1)
def _stamp_table():
    """The 归档章 table with empty cells (a w:tbl), built once; every stamp gets a clone."""
    col = L.mm(L.STAMP_WIDTH_MM / L.STAMP_COLS)
    row_h = L.mm(L.STAMP_HEIGHT_MM / L.STAMP_ROWS)
    t = empty_table(L.STAMP_ROWS, L.STAMP_COLS)
    edge = dict(sz=L.STAMP_BORDER_SZ, color=L.BLACK)
    X.set_table_props(
        t,
        width=col * L.STAMP_COLS,
        jc="center",
        borders={k: edge for k in ("top", "left", "bottom", "right", "insideH", "insideV")},
        cell_margins={"top": 0, "left": L.STAMP_CELL_MARGIN, "bottom": 0, "right": L.STAMP_CELL_MARGIN},
    )
    X.set_table_grid(t, [col] * L.STAMP_COLS)
    for tr in t.tr_lst:
        X.set_row_height(tr, row_h, "exact")
        for tc in tr.tc_lst:
            X.set_cell_props(tc, width=col, v_align="center")
            clear_story(tc)
    return t


@lru_cache(maxsize=1024)
def _fit_cell(text: str, width_pt: float, height_pt: float) -> tuple[float, str]:
    """Font size (and line breaks) for a stamp cell: one line at 10.5 pt if it fits, smaller
    or on two lines otherwise."""
    wide = text_width(text)[1]
    size = L.SIZE_STAMP
    if wide * size <= width_pt or not text:
        return size, text
    for lines in (1, 2):
        per = -(-len(text) // lines)
        parts = [text[i : i + per] for i in range(0, len(text), per)]
        longest = max(text_width(p)[1] for p in parts)
        size = min(L.SIZE_STAMP, width_pt / longest, height_pt / (lines * 1.2))
        if size >= 7 or lines == 2:
            return round(max(size, 5.0) * 2) / 2, "\n".join(parts)
    return size, text


def draw_content_table(gx: GovDocx, rows: list[list[str]], *, sizes=L.TABLE_SIZES) -> None:
    """A table from an attachment: full text-block width, columns sized to their content
    (max–min fair share), header row repeated, rows never split. The text is 4号 when the
    columns fit, smaller for wide tables (a 13-column form still fits the portrait page)."""
    if not rows:
        return
    ncols = max(len(r) for r in rows)
    rows = [list(r) + [""] * (ncols - len(r)) for r in rows]
    margin = L.TABLE_CELL_MARGIN
    body = rows[1:] or rows
    for size in sizes:
        em = L.char_twips(size)
        natural = []
        for c in range(ncols):
            # body cells should stay on one line; a long header cell may wrap (down to 5 字)
            widest = max(text_width(r[c], size)[1] for r in body)
            widest = max(widest, min(text_width(rows[0][c], size)[1], 5.0), 1.0)
            natural.append(widest * em + 2 * margin + L.pt(2))
        if sum(natural) <= L.TEXT_WIDTH:
            break
    line = round(size * L.TABLE_LINE_RATIO * L.TWIPS_PER_PT)
    widths = _fair_widths(natural, L.TEXT_WIDTH, minimum=min(2 * em + 2 * margin, L.TEXT_WIDTH / ncols))
    tbl = gx.table(len(rows), ncols)
    t = tbl._tbl
    edge = dict(sz=4, color=L.BLACK)
    X.set_table_props(
        t,
        width=sum(widths),
        jc="center",
        borders={k: edge for k in ("top", "left", "bottom", "right", "insideH", "insideV")},
        cell_margins={"top": 0, "left": margin, "bottom": 0, "right": margin},
    )
    X.set_table_grid(t, widths)
    heights = []
    rows_ = list(tbl.rows)  # python-docx rebuilds the row list on every access
    for r, values in enumerate(rows):
        row = rows_[r]
        cells = row.cells  # python-docx rebuilds this list on every access
        max_lines = 1
        for c in range(ncols):
            value = values[c]
            cell = cells[c]
            X.set_cell_props(cell._tc, width=widths[c], v_align="center")
            clear_story(cell._tc)
            inner = widths[c] - 2 * margin
            # one em less than the cell: LibreOffice breaks cells more eagerly than the model
            n = lines_needed(value, width_em=inner / em - 1, size=size)[1] if value else 1
            max_lines = max(max_lines, n)
            gx.paragraph(
                [Span(value, L.FANGSONG, size)],
                container=cell,
                style="GwTableText",
                jc="center" if n == 1 or r == 0 else "left",
                line=line,
                snap=False,
            )
        height = max_lines * line + L.TABLE_ROW_PAD
        X.set_row_height(row._tr, height, "atLeast")
        if r == 0:
            X.set_child(row._tr.get_or_add_trPr(), X.make("tblHeader"), X.TRPR_ORDER)
        heights.append(height)
    # rows move whole; the header row repeats on every page the table continues on
    tracker = gx.tracker
    for r, height in enumerate(heights):
        page = tracker.page
        tracker.block(height)
        if r > 0 and tracker.page != page:
            tracker.pos += heights[0]
    tracker.pos += L.TABLE_BORDER_EXTRA


def _fair_widths(natural: list[float], total: int, *, minimum: float) -> list[int]:
    """Column widths: natural widths when they fit (stretched to ``total``), otherwise a cap
    C with sum(min(natural, C)) == total, so narrow columns keep their width."""
    natural = [max(n, minimum) for n in natural]
    if sum(natural) <= total:
        scale = total / sum(natural)
        widths = [int(n * scale) for n in natural]
    else:
        lo, hi = minimum, max(natural)
        for _ in range(60):
            mid = (lo + hi) / 2
            if sum(min(n, mid) for n in natural) > total:
                hi = mid
            else:
                lo = mid
        widths = [int(min(n, lo)) for n in natural]
    widths[-1] += total - sum(widths)
    return widths


def draw_colophon(gx: GovDocx, rows: list[tuple[str, list[Span], dict]], *, ruled: bool = True):
    """版记 (cl. 7.4): a one-column table, full text-block width, one-character cell margins,
    in a text box anchored to the end of the text and aligned to the bottom of the text
    block, so that its last rule lies on the last line of the 版心 whatever line breaks the
    renderer makes (nothing is counted to put it there).

    When the writer's line count (the wide estimate, which over-counts lines with digits
    and Latin letters) leaves no room for it on the last page, it goes on a page of its own:
    a new section that starts on an even page (封四; Word and LibreOffice put a blank page
    before it when needed) and has no page numbers (cl. 7.5). Returns that section, or None.
    """
    tracker = gx.tracker
    inner = L.TEXT_WIDTH - 2 * L.COLOPHON_SIDE_INDENT
    heights = []
    for _kind, spans, opts in rows:
        n = opts.get("lines") or GovDocx.count_lines(
            spans, left=opts.get("left", 0), hanging=opts.get("hanging"), width=inner
        )
        heights.append(n * L.LINE_PITCH)
    total = sum(heights) + (L.COLOPHON_BORDER_EXTRA if ruled else 0)
    new_section = None
    if tracker.remaining < total + L.COLOPHON_SAFETY + L.COLOPHON_ANCHOR:
        new_section = gx.add_section(start="evenPage")
    holder = X.make("txbxContent")  # scratch: the blocks go into the text box
    tbl = X.clone(_colophon_table(ruled, tuple(heights)))
    holder.append(tbl)
    for tr, (_kind, spans, opts) in zip(tbl.tr_lst, rows):
        opts = {k: v for k, v in opts.items() if k != "lines"}
        gx.paragraph(spans, container=tr.tc_lst[0], style="GwColophon", jc="left", snap=False, **opts)
    gx.spacer(L.COLOPHON_ANCHOR, container=holder, track=False)  # a text box ends with a paragraph
    anchor = gx.spacer(L.COLOPHON_ANCHOR)
    anchor.append(
        X.anchored_text_box(
            list(holder), width=L.TEXT_WIDTH, height=total + L.COLOPHON_ANCHOR, box_id=gx.next_shape_id(), name="版记"
        )
    )
    tracker.block(total)
    return new_section


@lru_cache(maxsize=64)
def _colophon_table(ruled: bool, heights: tuple[int, ...]):
    """The 版记 table with rows of ``heights`` and empty cells (a w:tbl), built once per
    shape; every 版记 gets a clone."""
    t = empty_table(len(heights), 1)
    thick = dict(sz=L.RULE_THICK_SZ, color=L.BLACK)
    thin = dict(sz=L.RULE_THIN_SZ, color=L.BLACK)
    borders = {"top": thick, "bottom": thick, "insideH": thin} if ruled else {}
    X.set_table_props(
        t,
        width=L.TEXT_WIDTH,
        jc="center",
        borders=borders,
        cell_margins={"top": 0, "left": L.COLOPHON_SIDE_INDENT, "bottom": 0, "right": L.COLOPHON_SIDE_INDENT},
    )
    X.set_table_grid(t, [L.TEXT_WIDTH])
    for tr, height in zip(t.tr_lst, heights):
        X.set_row_height(tr, height, "atLeast")  # a longer 抄送 than counted grows the box upwards
        tc = tr.tc_lst[0]
        X.set_cell_props(tc, width=L.TEXT_WIDTH, v_align="center")
        clear_story(tc)
    return t
